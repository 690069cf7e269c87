// Full-text search (Pagefind approach): the header box drives `?q=` on the feed, and the
// answers come from the static shards under data/search/, fetched only when needed.
// Expectations are computed here from the sample files, independently of the Rust code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { withSite, serve, openPage, assertClean, axe, cardSlugs, builtIndex, CONTENT, DIST_ROOT, DIST_SUB } from '../helpers.mjs';

const site = withSite({ root: DIST_ROOT, mode: 'spa' });

// --- An independent model of the index -------------------------------------------------

/** Lowercase, accents and Arabic harakat/hamza-seats removed, tatweel dropped. */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  .replace(/\u0640/g, '').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/ß/g, 'ss');
const tokens = (s) => fold(s || '').split(/[^\p{L}\p{N}]+/u).filter((t) => [...t].length >= 2);
/** Markdown to rough text: links keep their text, not their address. */
const mdText = (md) => md.replace(/\]\([^)]*\)/g, ']');

/** Published samples with their searchable fields. */
function samples() {
  return fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((file) => {
    const text = fs.readFileSync(path.join(CONTENT, file), 'utf8');
    const [, fm, ...rest] = text.split(/^---\s*$/m);
    const a = loadYaml(fm);
    return {
      ...a,
      title: a.title.trim(),
      fields: {
        title: tokens(a.title),
        other: tokens([a.description, (a.tags || []).join(' '), a.category, a.source?.name].join(' ')),
        body: tokens(mdText(rest.join('---'))),
      },
    };
  }).filter((a) => !a.draft);
}
const all = (a) => [...a.fields.title, ...a.fields.other, ...a.fields.body];
/** Articles where every word matches a token exactly, the last one as a prefix. */
function expected(q) {
  const words = tokens(q);
  return samples().filter((a) => words.every((w, i) => all(a).some((t) => (i === words.length - 1 ? t.startsWith(w) : t === w))));
}
const titlesOf = (list) => list.map((a) => a.title).sort();

/** FNV-1a over UTF-8 of the shard key, as the index names shards. */
function shardName(token, buckets) {
  const chars = [...token];
  const key = chars.slice(0, token.startsWith('ال') ? 3 : 2).join('');
  let h = 0x811c9dc5;
  for (const b of Buffer.from(key, 'utf8')) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return (h % buckets).toString(16).padStart(2, '0');
}
const manifest = () => JSON.parse(fs.readFileSync(path.join(DIST_ROOT, 'data/search/manifest.json'), 'utf8'));

// --- Page helpers --------------------------------------------------------------------

/** Records every request for the search index. */
function watchSearchRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/data\/search\/(.+)$/);
    if (m) seen.push(m[1]);
  });
  return seen;
}

async function open(page, query = '') {
  await page.goto(site.server.url + query);
  await page.waitForSelector('[data-testid=feed]', { state: 'attached' });
}

/** Waits for the results line of query `q`, then returns the card titles in order. */
async function results(page, q) {
  await page.waitForFunction((want) => {
    const s = document.querySelector('[data-testid=search-summary], [data-testid=search-empty]');
    // The feed builds its first rows, then the rest, and says it is busy until done.
    return s && s.textContent.includes(`“${want}”`) && !document.querySelector('[data-testid=feed][aria-busy=true]');
  }, q);
  return page.$$eval('[data-testid=article-card] [data-testid=card-link]', (ls) => ls.map((l) => l.textContent));
}

async function search(page, q) {
  await page.locator('[data-testid=search-input]').fill(q);
  return results(page, q);
}

// --- Tests -----------------------------------------------------------------------------

test('the search box is a labelled search landmark in the header', async () => {
  const page = await openPage(site.browser);
  await open(page);
  const form = page.locator('header [role=search]');
  assert.equal(await form.count(), 1);
  const input = form.locator('[data-testid=search-input]');
  assert.equal(await input.getAttribute('type'), 'search');
  const id = await input.getAttribute('id');
  assert.equal(await page.locator(`label[for="${id}"]`).textContent(), 'Search articles');
  assertClean(page);
});

test('typing a word finds exactly the articles containing it, title matches first, with highlights', async () => {
  const page = await openPage(site.browser);
  await open(page);
  const q = 'miners';
  const want = expected(q);
  assert.ok(want.length >= 3, 'the samples use the word in several articles');
  const got = await search(page, q);
  assert.deepEqual([...got].sort(), titlesOf(want));
  assert.match(new URL(page.url()).search, /[?&]q=miners/);
  const summary = await page.locator('[data-testid=search-summary]').textContent();
  assert.equal(summary, `${want.length} results for “${q}”`);
  // Every article with the word in its title ranks above every article that has it only
  // in the body.
  const inTitle = want.filter((a) => a.fields.title.includes(q)).map((a) => a.title);
  const bodyOnly = want.filter((a) => !a.fields.title.includes(q) && !a.fields.other.includes(q)).map((a) => a.title);
  assert.ok(inTitle.length > 0 && bodyOnly.length > 0);
  const lastTitle = Math.max(...inTitle.map((t) => got.indexOf(t)));
  const firstBody = Math.min(...bodyOnly.map((t) => got.indexOf(t)));
  assert.ok(lastTitle < firstBody, `title matches first: ${got.join(' | ')}`);
  assert.ok(inTitle.includes(got[0]));
  // Matched words are marked in titles and descriptions, as elements, nowhere else.
  const marks = await page.$$eval('[data-testid=article-card] mark', (ms) => ms.map((m) => ({
    text: m.textContent, where: m.parentElement.closest('.card__title, .card__description')?.className,
  })));
  assert.ok(marks.length >= inTitle.length);
  for (const m of marks) {
    assert.equal(m.text.toLowerCase(), 'miners');
    assert.ok(m.where, 'marks only in title and description');
  }
  assertClean(page);
});

test('the last word matches as a prefix while typing; typing replaces history', async () => {
  const page = await openPage(site.browser);
  await open(page);
  const before = await page.evaluate(() => history.length);
  const input = page.locator('[data-testid=search-input]');
  await input.pressSequentially('sol', { delay: 30 });
  const got = await results(page, 'sol');
  assert.deepEqual([...got].sort(), titlesOf(expected('sol')));
  await input.pressSequentially('ar gr', { delay: 30 });
  const both = await results(page, 'solar gr');
  const want = expected('solar gr');
  assert.ok(want.length >= 1 && want.length < expected('sol').length);
  assert.deepEqual([...both].sort(), titlesOf(want));
  // The grid word is highlighted as a whole word in a title.
  const marked = await page.$$eval('.card__title mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marked.includes('solar') && marked.includes('grid'), marked.join());
  assert.equal(await page.evaluate(() => history.length), before + 1, 'one history entry per search');
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('q='));
  await page.waitForFunction(() => document.querySelector('[data-testid=search-input]').value === '');
  await page.waitForFunction(() => !document.querySelector('[data-testid=search-summary]'));
  assertClean(page);
});

test('diacritics fold both ways: “energia” finds “energía”, “SEQUÍA” finds “sequía”', async () => {
  const page = await openPage(site.browser);
  await open(page);
  const want = expected('energia');
  assert.ok(want.some((a) => a.lang === 'es'), 'a Spanish sample spells it energía');
  assert.deepEqual([...(await search(page, 'energia'))].sort(), titlesOf(want));
  const sequia = await search(page, 'SEQUÍA');
  assert.deepEqual([...sequia].sort(), titlesOf(expected('sequia')));
  assert.equal(await page.locator('.card__title mark').first().textContent(), 'sequía');
  assertClean(page);
});

test('an Arabic word finds the Arabic article, with or without hamza', async () => {
  const page = await openPage(site.browser);
  await open(page);
  const target = samples().find((a) => a.title === 'تحذير أمني');
  assert.ok(target, 'the Arabic sample');
  const got = await search(page, 'تحذير');
  assert.deepEqual([...got].sort(), titlesOf(expected('تحذير')));
  assert.ok(got.includes(target.title));
  // “أمني” is folded to “امني”: typing either finds it.
  assert.ok((await search(page, 'امني')).includes(target.title));
  const card = page.locator('[data-testid=article-card]', { hasText: target.title });
  assert.equal(await card.locator('.card__title').getAttribute('dir'), 'rtl');
  assert.ok((await card.locator('.card__title mark').count()) >= 1);
  assertClean(page);
});

test('a shared ?q= link works on load and on reload, and fills the box', async () => {
  const page = await openPage(site.browser);
  await open(page, '?q=energia');
  const want = titlesOf(expected('energia'));
  assert.deepEqual([...(await results(page, 'energia'))].sort(), want);
  assert.equal(await page.locator('[data-testid=search-input]').inputValue(), 'energia');
  await page.reload();
  assert.deepEqual([...(await results(page, 'energia'))].sort(), want);
  assert.equal(await page.locator('[data-testid=search-input]').inputValue(), 'energia');
  // An unknown word shows the empty state.
  await open(page, '?q=xylophone');
  await results(page, 'xylophone');
  assert.equal(await page.locator('[data-testid=article-card]').count(), 0);
  assert.equal(await page.locator('[data-testid=search-empty]').textContent(), 'No articles match “xylophone”.');
  // A query with nothing searchable in it filters nothing and says why.
  await open(page, '?q=a');
  await page.waitForSelector('[data-testid=search-hint]');
  assert.equal((await cardSlugs(page)).length, Math.min(24, samples().length), 'one page of the unfiltered feed');
  assertClean(page);
});

test('q combines with ?tag=: the intersection, in rank order, and typing keeps the tag', async () => {
  const page = await openPage(site.browser);
  const tag = 'MINING';
  const want = expected('bitcoin').filter((a) => (a.tags || []).includes(tag));
  assert.ok(want.length >= 1 && want.length < expected('bitcoin').length);
  await open(page, `?tag=${tag}&q=bitcoin`);
  assert.deepEqual([...(await results(page, 'bitcoin'))].sort(), titlesOf(want));
  assert.equal(await page.locator('[data-testid=active-filter]').count(), 2);
  // Typing a new query keeps the tag filter.
  await page.locator('[data-testid=search-input]').fill('miners');
  const miners = await results(page, 'miners');
  assert.deepEqual([...miners].sort(), titlesOf(expected('miners').filter((a) => (a.tags || []).includes(tag))));
  assert.match(page.url(), /tag=MINING/);
  // Removing the search chip keeps the tag, clears the box and shows the tag's articles.
  await page.locator('[data-testid=active-filter]', { hasText: 'Search' }).click();
  await page.waitForFunction(() => !location.search.includes('q='));
  await page.waitForFunction(() => document.querySelector('[data-testid=search-input]').value === '');
  assert.match(page.url(), /tag=MINING/);
  assertClean(page);
});

test('nothing is fetched before searching; then only the manifest and the needed shards, once', async () => {
  const page = await openPage(site.browser);
  const seen = watchSearchRequests(page);
  await open(page);
  await page.waitForSelector('[data-testid=article-card]');
  await page.waitForTimeout(300);
  assert.deepEqual(seen, [], 'no search requests before the reader searches');
  const { b: buckets, s: shards } = manifest();
  assert.ok(shards.length >= 16, `${shards.length} shards`);

  await search(page, 'energia');
  assert.deepEqual(seen, ['manifest.json', `${shardName('energia', buckets)}.json`]);
  // Same shard (same first two letters): served from memory.
  await search(page, 'energy');
  assert.equal(seen.length, 2, seen.join());
  // A second word adds exactly its own shard.
  await search(page, 'energy bitcoin');
  const extra = shardName('bitcoin', buckets);
  assert.deepEqual(seen.slice(2), extra === shardName('energia', buckets) ? [] : [`${extra}.json`]);
  // An article page and back: nothing refetched.
  await page.locator('[data-testid=card-link]').first().click();
  await page.waitForSelector('[data-testid=article-body]');
  await page.goBack();
  await results(page, 'energy bitcoin');
  assert.equal(seen.filter((s) => s === 'manifest.json').length, 1);
  assert.equal(new Set(seen).size, seen.length, 'no shard fetched twice');
  assertClean(page);
});

test('searching from an article page opens the feed with the results', async () => {
  const page = await openPage(site.browser);
  const slug = builtIndex().articles[2].slug;
  await page.goto(`${site.server.url}article/${slug}`);
  await page.waitForSelector('[data-testid=article-body]');
  await page.locator('[data-testid=search-input]').fill('stablecoins');
  const got = await results(page, 'stablecoins');
  assert.deepEqual([...got].sort(), titlesOf(expected('stablecoins')));
  assert.equal(new URL(page.url()).pathname, '/');
  await page.goBack();
  await page.waitForSelector('[data-testid=article-body]');
  assertClean(page);
});

test('results pass axe, with the search box and highlights', async () => {
  // axe-core is injected as an inline script, which the shipped CSP rightly blocks.
  const page = await openPage(site.browser, { bypassCSP: true });
  await open(page, '?q=miners');
  await results(page, 'miners');
  assert.deepEqual(await axe(page), []);
  assertClean(page);
});

test('under a sub-path (/news/), searching stays on the feed there', async () => {
  const sub = await serve({ root: DIST_SUB, mode: 'pages', mount: '/news/' });
  try {
    const page = await openPage(site.browser);
    const seen = watchSearchRequests(page);
    await page.goto(sub.url);
    await page.waitForSelector('[data-testid=article-card]');
    assert.deepEqual([...(await search(page, 'energia'))].sort(), titlesOf(expected('energia')));
    assert.equal(new URL(page.url()).pathname, '/news/');
    assert.ok(seen.length === 2 && seen[0] === 'manifest.json', seen.join());
    await page.locator('[data-testid=card-link]').first().click();
    await page.waitForSelector('[data-testid=article-body]');
    await page.locator('[data-testid=search-input]').fill('bitcoin');
    const got = await results(page, 'bitcoin');
    assert.deepEqual([...got].sort(), titlesOf(expected('bitcoin')));
    assert.equal(new URL(page.url()).pathname, '/news/');
    await page.reload();
    assert.deepEqual(await results(page, 'bitcoin'), got);
    assertClean(page);
  } finally {
    await sub.close();
  }
});

test('hostile titles and descriptions are searched and marked as text, never markup', async () => {
  const dist = process.env.DIST_HOSTILE || path.resolve('../target/e2e/site-hostile');
  const hostile = await serve({ root: dist, mode: 'spa' });
  try {
    const page = await openPage(site.browser);
    // The e2e hostile fixtures carry `window.pwned=…` payloads in titles and descriptions.
    await page.goto(`${hostile.url}?q=pwned`);
    await results(page, 'pwned');
    const cards = page.locator('[data-testid=article-card]');
    assert.ok((await cards.count()) >= 10, 'the payload fields are indexed');
    const titles = await cards.locator('[data-testid=card-link]').allTextContents();
    assert.ok(titles.includes('Payload fields <script>window.pwned=15</script>'), titles.join(' | '));
    const descriptions = await cards.locator('.card__description').allTextContents();
    assert.ok(descriptions.includes('"><img src=x onerror=window.pwned=16>'));
    assert.equal(await cards.locator('.card__title script, .card__title img, .card__description img, .card__description script').count(), 0);
    const marks = await cards.locator('mark').allTextContents();
    assert.ok(marks.length >= 10 && marks.every((m) => m === 'pwned'), marks.join());
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assertClean(page);
  } finally {
    await hostile.close();
  }
});
