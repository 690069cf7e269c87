// A large archive (issue 5): the feed fetches only what the first cards need, loads
// further pages as the reader scrolls or asks, keeps the DOM bounded while scrolling far,
// and a facet filter reads its own list instead of the whole corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withSite, feedBuilt, openPage, assertClean, builtIndex, builtList, cardSlugs } from '../helpers.mjs';

const DIST = process.env.DIST_LARGE || path.resolve('../target/e2e/site-large');
const PAGE = 24;

const site = withSite({ root: DIST, mode: 'pages' });

/** Records the site's data requests (paths under data/) made by `page`. */
function recordData(page) {
  const seen = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/data/')) seen.push(p);
  });
  return seen;
}

const cardCount = (page) => page.locator('[data-testid=article-card]').count();

/** Opens the front page at `viewport`, recording its data requests, and waits until the
 * feed has built its first page of cards (it says it is busy until then). */
async function openFeed(viewport) {
  const page = await openPage(site.browser, viewport);
  const data = recordData(page);
  await page.goto(site.server.url);
  await feedBuilt(page);
  return { page, data };
}

for (const [label, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]]) {
  test(`${label}: the first cards need the summary and one page, whatever the archive size`, async () => {
    const index = builtIndex(DIST);
    assert.ok(index.total >= 500, 'a large archive');
    const { page, data } = await openFeed({ width, height });
    // The site's description (name, words) is the same small file whatever the archive.
    assert.deepEqual(data.sort(), ['/data/feed/all/head.json', '/data/feed/meta.json', '/data/site.json']);
    assert.equal(await cardCount(page), PAGE);
    const slugs = await page.$$eval('[data-testid=article-card]', (cs) => cs.map((c) => c.dataset.slug));
    assert.deepEqual(slugs, index.articles.slice(0, PAGE).map((e) => e.slug), 'newest first, as built');
    assertClean(page);
  });
}

test('scrolling loads further pages by itself and keeps the DOM bounded; scrolling back restores the cards', async () => {
  const { page, data } = await openFeed({ width: 1280, height: 900 });
  let most = 0;
  // Scrolls for up to 30 s (a slow machine loads pages more slowly).
  const until = Date.now() + 30_000;
  while (Date.now() < until && data.filter((p) => p.startsWith('/data/feed/all/')).length < 12) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(120);
    most = Math.max(most, await cardCount(page));
  }
  const pagesRead = data.filter((p) => p.startsWith('/data/feed/all/')).length;
  assert.ok(pagesRead >= 12, `scrolling read ${pagesRead} pages`);
  // A page is counted when it is requested; its chunk appears once it has arrived.
  await page.waitForFunction(() => document.querySelectorAll('.feed-chunk').length >= 12).catch(() => {});
  const chunks = await page.locator('.feed-chunk').count();
  assert.ok(chunks >= 12, `${chunks} chunks`);
  // Never more than a few chunks of cards in the DOM, however far the reader went.
  assert.ok(most <= 6 * PAGE, `at most ${most} cards in the DOM`);
  const placeholders = await page.$$eval('.feed-chunk', (cs) => cs.filter((c) => !c.querySelector('[data-testid=article-card]') && c.getBoundingClientRect().height > 100).length);
  assert.ok(placeholders >= chunks - 6, `${placeholders} far chunks are empty boxes of their height`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForSelector('.feed-chunk:first-child [data-testid=article-card]');
  const first = await page.$eval('.feed-chunk:first-child [data-testid=article-card]', (c) => c.dataset.slug);
  assert.equal(first, builtIndex(DIST).articles[0].slug);
  assertClean(page);
});

test('"Load more" is a real button: keyboard works and the count grows by a page', async () => {
  const { page } = await openFeed({ width: 390, height: 844 });
  const more = page.locator('[data-testid=load-more]');
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=article-card]').length >= n, 2 * PAGE);
  assert.ok(await more.isVisible(), 'more remains to load');
  assertClean(page);
});

test('a second filter clicked before the first has finished drawing wins; going back restores each view', async () => {
  const { page } = await openFeed({ width: 1280, height: 900 });
  await page.locator('[data-testid=load-more]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=article-card]').length >= n, 2 * PAGE);
  await feedBuilt(page);
  const before = await cardSlugs(page);
  assert.deepEqual(before, builtIndex(DIST).articles.slice(0, 2 * PAGE).map((e) => e.slug));
  const key = (tag) => tag.toLowerCase().replace(/[^a-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const expect = (tag) => builtList(`tag/${key(tag)}`, DIST).entries.slice(0, PAGE).map((e) => e.slug);
  const [first, second] = await page.evaluate(() => {
    const tags = [...document.querySelectorAll('[data-testid=article-card] .chip--tag')]
      .map((c) => decodeURIComponent(c.getAttribute('href').split('tag=')[1]));
    return [tags[0], tags.find((t) => t !== tags[0])];
  });
  // Both lists in memory first, so that each click draws its first row in its own frame.
  for (const tag of [first, second]) {
    await page.locator(`[data-testid=article-card] .chip--tag[href$="tag=${encodeURIComponent(tag)}"]`).first().click();
    await page.waitForURL((u) => u.searchParams.get('tag') === tag);
    await feedBuilt(page);
    await page.goBack();
    await page.waitForURL((u) => !u.search);
    await feedBuilt(page);
  }
  assert.deepEqual(await cardSlugs(page), before);
  // The first click's feed draws its first row at once and owes the rest to the frame
  // after; the second click lands in between, in the first click's frame.
  const drawnBetween = await page.evaluate(([a, b]) => new Promise((resolve) => {
    const chip = (tag) => [...document.querySelectorAll('[data-testid=article-card] .chip--tag')]
      .find((c) => decodeURIComponent(c.getAttribute('href').split('tag=')[1]) === tag);
    const second = chip(b);
    chip(a).click();
    requestAnimationFrame(() => {
      const slugs = [...document.querySelectorAll('[data-testid=article-card]')].map((c) => c.dataset.slug);
      second.click();
      resolve(slugs);
    });
  }), [first, second]);
  assert.deepEqual(drawnBetween, expect(first).slice(0, 4), 'the first filter\'s first row (four columns), the rest still owed');
  await page.waitForURL((u) => u.searchParams.get('tag') === second);
  await feedBuilt(page);
  assert.deepEqual(await cardSlugs(page), expect(second), 'only the second filter\'s cards, each once');
  assert.equal(await page.locator('.feed-chunk').count(), 1);
  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('tag') === first);
  await feedBuilt(page);
  assert.deepEqual(await cardSlugs(page), expect(first));
  await page.goBack();
  await page.waitForURL((u) => !u.search);
  await feedBuilt(page);
  // The feed remembers how far the reader had got in the last view they left (here the
  // first filter's), so the front page comes back from its first page.
  const back = await cardSlugs(page);
  assert.deepEqual(back, before.slice(0, PAGE), 'the front page\'s own cards again');
  assertClean(page);
});

test('a tag filter reads that tag\'s own list, not the whole corpus', async () => {
  const { page, data } = await openFeed({ width: 1280, height: 900 });
  const chip = page.locator('[data-testid=article-card] .chip--tag').first();
  const tag = decodeURIComponent((await chip.getAttribute('href')).split('tag=')[1]);
  data.length = 0;
  await chip.click();
  await page.waitForURL(/\?tag=/);
  await page.waitForFunction(() => document.querySelector('[data-testid=filter-bar]'));
  const slugs = await cardSlugs(page);
  const key = tag.toLowerCase().replace(/[^a-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  assert.deepEqual(data, [`/data/feed/tag/${key}/head.json`]);
  const list = builtList(`tag/${key}`, DIST);
  const count = await page.locator('.filter-bar__count').textContent();
  assert.equal(count, `${list.total} articles`);
  assert.deepEqual(slugs, list.entries.slice(0, PAGE).map((e) => e.slug));
  // Combined with a sentiment, the same list is read further until a page of matches.
  await page.goto(`${site.server.url}?tag=${encodeURIComponent(tag)}&sentiment=NEGATIVE`);
  await page.waitForSelector('[data-testid=article-card]');
  const badges = await page.$$eval('[data-testid=article-card] .sentiment-badge', (b) => b.map((x) => x.textContent));
  assert.ok(badges.length > 0 && badges.every((t) => t.includes('Negative')));
  assert.ok(data.every((p) => !p.startsWith('/data/feed/all/') || p === '/data/feed/all/head.json'), 'never the whole corpus');
  assertClean(page);
});
