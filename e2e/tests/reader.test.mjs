// The reader (issue 2): feed, filters, article pages and deep links, served with an
// index.html fallback for unknown paths (Netlify-style hosting).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withSite, feedBuilt, serve, openPage, assertClean, shot, axe, cardSlugs, sampleArticles, loadAll, DIST_ROOT, builtIndex, builtIds } from '../helpers.mjs';

const site = withSite({ root: DIST_ROOT, mode: 'spa' });

const published = () => sampleArticles().filter((a) => !a.draft);
/** Cards per page of the feed (the bundle's PAGE_SIZE). */
const PAGE = 24;

/** The URL pattern of split module `name`'s file, checked to name one file of the build. */
function splitCode(name) {
  const code = new RegExp(`/broadsheet-[0-9a-f]+-${name}_bg\\.wasm$`);
  assert.equal(fs.readdirSync(DIST_ROOT).filter((f) => code.test(`/${f}`)).length, 1, `one ${name} module in the build`);
  return code;
}

async function feed(page, query = '') {
  await page.goto(site.server.url + query);
  await feedBuilt(page);
}

test('the feed shows every non-draft sample, pinned first by weight, then newest first', async () => {
  const page = await openPage(site.browser);
  await feed(page);
  // One page of cards first; "Load more" brings the rest.
  assert.equal((await cardSlugs(page)).length, Math.min(PAGE, published().length));
  await loadAll(page);
  const cards = await page.$$eval('[data-testid=article-card]', (cs) => cs.map((c) => ({
    title: c.querySelector('[data-testid=card-link]').textContent,
    time: c.querySelector('.card__meta time').getAttribute('datetime'),
  })));
  const samples = published();
  assert.equal(cards.length, samples.length);
  assert.deepEqual(new Set(cards.map((c) => c.title)), new Set(samples.map((a) => a.title.trim())));
  const draft = sampleArticles().find((a) => a.draft);
  assert.ok(!cards.some((c) => c.title === draft.title), 'the draft is never shown');
  const pinned = samples.filter((a) => a.stickyWeight > 0).sort((a, b) => b.stickyWeight - a.stickyWeight);
  assert.deepEqual(cards.slice(0, pinned.length).map((c) => c.title), pinned.map((a) => a.title));
  const rest = cards.slice(pinned.length).map((c) => Date.parse(c.time));
  for (let i = 1; i < rest.length; i++) assert.ok(rest[i - 1] >= rest[i], `card ${i} is not newer than the one before it`);
  assertClean(page);
});

test('a tag chip filters the feed, shows as a removable chip and survives reload', async () => {
  const page = await openPage(site.browser);
  await feed(page);
  const all = (await cardSlugs(page)).length;
  const chip = page.locator('[data-testid=article-card] .chip--tag').first();
  const tag = (await chip.getAttribute('href')).split('tag=')[1];
  await chip.click();
  await page.waitForURL(/\?tag=/);
  const filtered = await cardSlugs(page);
  assert.ok(filtered.length > 0 && filtered.length < all, 'the feed narrowed');
  const expected = published().filter((a) => (a.tags || []).includes(decodeURIComponent(tag))).length;
  assert.equal(filtered.length, expected);
  await page.waitForSelector('[data-testid=active-filter]');
  await page.reload();
  await page.waitForSelector('[data-testid=article-card]');
  assert.deepEqual(await cardSlugs(page), filtered, 'same cards after reload');
  await page.locator('[data-testid=active-filter]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=article-card]').length === n, all);
  assert.equal(await page.locator('[data-testid=active-filter]').count(), 0);
  assertClean(page);
});

test('sentiment badges and sources filter too, and filters combine in the URL', async () => {
  const page = await openPage(site.browser);
  await feed(page, '?sentiment=NEGATIVE');
  const negatives = published().filter((a) => a.sentiment === 'NEGATIVE').length;
  assert.equal((await cardSlugs(page)).length, negatives);
  const badges = await page.$$eval('[data-testid=article-card] .sentiment-badge', (b) => b.map((x) => x.textContent));
  assert.ok(badges.every((t) => t.includes('Negative')));
  await page.locator('[data-testid=article-card] .chip--tag').first().click();
  await page.waitForURL(/sentiment=NEGATIVE/);
  await page.waitForURL(/tag=/);
  assert.equal(await page.locator('[data-testid=active-filter]').count(), 2);
  await page.locator('[data-testid=clear-filters]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=article-card]').length === n, Math.min(PAGE, published().length));
  assertClean(page);
});

test('opening an article, reloading it and going back to the same place in the feed', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844 });
  await feed(page);
  const card = page.locator('[data-testid=article-card]').nth(8);
  await card.scrollIntoViewIfNeeded();
  // Then a little further, so the card is part-way up the screen, not at its edge; the
  // place is read once that scroll has been painted.
  const y0 = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 150);
  await page.waitForFunction((y0) => window.scrollY >= y0 + 140, y0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const title = await card.locator('[data-testid=card-link]').textContent();
  const slug = await card.getAttribute('data-slug');
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 500, 'scrolled down the feed');
  // The first card not scrolled past, and where it is on screen: what "the same place"
  // means to the reader, also at another width, where the same scrollY is other cards.
  const top = () => page.evaluate(() => {
    const first = [...document.querySelectorAll('.feed [data-testid=article-card]')].find((c) => c.getBoundingClientRect().bottom > 0);
    return first && { slug: first.dataset.slug, top: first.getBoundingClientRect().top };
  });
  const before = await top();
  assert.ok(before && before.top < 0, `a card part-way off the top: ${JSON.stringify(before)}`);
  await card.locator('[data-testid=card-link]').click();
  await page.waitForSelector('[data-testid=article-body]');
  assert.equal(await page.locator('[data-testid=article-title]').textContent(), title);
  assert.match(await page.title(), new RegExp(title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.reload();
  await page.waitForSelector('[data-testid=article-body]');
  assert.equal(await page.locator('[data-testid=article-title]').textContent(), title);
  await page.goBack();
  await page.waitForSelector('[data-testid=article-card]');
  await page.waitForFunction((b) => {
    const card = document.querySelector(`.feed [data-testid=article-card][data-slug="${b.slug}"]`);
    return card && window.scrollY > 500 && Math.abs(card.getBoundingClientRect().top - b.top) < 2;
  }, before, { timeout: 5000 });
  // And it stays there while the cards around it are drawn and covers load.
  await page.waitForTimeout(500);
  const after = await top();
  assert.equal(after?.slug, before.slug);
  assert.ok(Math.abs(after.top - before.top) < 2, `${JSON.stringify(after)} vs ${JSON.stringify(before)}`);
  const onScreen = (slug) => page.evaluate((slug) => {
    const r = document.querySelector(`.feed [data-testid=article-card][data-slug="${slug}"]`)?.getBoundingClientRect();
    return !!r && r.bottom > 0 && r.top < window.innerHeight;
  }, slug);
  assert.ok(await onScreen(slug), 'the opened card is on screen');
  await page.goForward();
  await page.waitForSelector('[data-testid=article-body]');
  // The phone turned: more columns, other offsets, the same card in the same place.
  await page.setViewportSize({ width: 844, height: 390 });
  await page.locator('[data-testid=back-to-feed]').click();
  await page.waitForFunction((b) => {
    const card = document.querySelector(`.feed [data-testid=article-card][data-slug="${b.slug}"]`);
    return card && Math.abs(card.getBoundingClientRect().top - b.top) < 2;
  }, before, { timeout: 5000 });
  assert.ok(await page.evaluate(() => window.scrollY > 0), 'still down the feed');
  assertClean(page);
});

test('an article renders its body safely with lang and dir from the front-matter', async () => {
  const page = await openPage(site.browser);
  const rtl = published().find((a) => a.lang === 'ar');
  await feed(page);
  await page.getByText(rtl.title, { exact: true }).click();
  await page.waitForSelector('[data-testid=article-body] h2');
  // The article's own language is on its text; the page around it is the site's.
  for (const part of ['article-title', 'article-body']) {
    assert.equal(await page.locator(`[data-testid=${part}]`).getAttribute('dir'), 'rtl', part);
    assert.equal(await page.locator(`[data-testid=${part}]`).getAttribute('lang'), 'ar', part);
  }
  assert.equal(await page.locator('[data-testid=article-body] script').count(), 0);
  assertClean(page);
});

test('a link to a tag, source or sentiment no article has shows an empty feed, not an error', async () => {
  // This host answers a missing list file with the app's index.html, as single-page
  // hosts do; a host with real 404s is checked below.
  const page = await openPage(site.browser);
  for (const query of ['?tag=NO%20SUCH%20TAG', '?source=no-such-source', '?sentiment=weird']) {
    await page.goto(site.server.url + query);
    await page.waitForSelector('[data-testid=feed-empty]');
    assert.equal(await page.locator('[data-testid=feed-error]').count(), 0, `${query}: no error card`);
    assert.equal(await page.locator('[data-testid=article-card]').count(), 0);
    assert.equal(await page.locator('[data-testid=active-filter]').count(), 1, `${query}: the filter is shown, to remove`);
  }
  await page.locator('[data-testid=clear-filters]').click();
  await feedBuilt(page);
  assertClean(page);
  const real404 = await serve({ root: DIST_ROOT, mode: 'pages' });
  try {
    const strict = await openPage(site.browser);
    await strict.goto(`${real404.url}?tag=NO%20SUCH%20TAG`);
    await strict.waitForSelector('[data-testid=feed-empty]');
    assert.equal(await strict.locator('[data-testid=feed-error]').count(), 0);
    // The browser itself logs the list's 404; nothing else may go wrong.
    assert.deepEqual(strict.problems.filter((p) => !/404/.test(p)), []);
  } finally {
    await real404.close();
  }
});

test('an unknown slug and an unknown path show the not-found page', async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.url}article/no-such-story-999999`);
  await page.waitForSelector('[data-testid=not-found]');
  await page.goto(`${site.server.url}definitely/not/here`);
  await page.waitForSelector('[data-testid=not-found]');
  assertClean(page);
});

test('a failed index fetch shows an error with a retry that recovers', async () => {
  const page = await openPage(site.browser);
  await page.route('**/data/feed/**', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid=feed-error]');
  await page.unroute('**/data/feed/**');
  await page.locator('[data-testid=retry]').click();
  await page.waitForSelector('[data-testid=article-card]');
  page.problems = page.problems.filter((p) => !/503/.test(p));
  assertClean(page);
});

test('the feed never fetches the article code; opening an article does, once, and a failed fetch can be retried by reloading; plain front-matter never needs serde_yaml', async () => {
  // No service worker: it precaches the article code too, and this test watches the
  // page's own requests.
  const page = await openPage(site.browser, { width: 390, height: 844, serviceWorkers: 'block' });
  const ARTICLE_CODE = /\/broadsheet-[0-9a-f]+-article_bg\.wasm$/;
  // Every sample is in the plain shape `yaml_subset` reads, so serde_yaml's module is
  // never needed here (the hostile site needs it: hardening.test.mjs).
  const YAML_CODE = /\/broadsheet-[0-9a-f]+-yaml_bg\.wasm$/;
  assert.equal(fs.readdirSync(DIST_ROOT).filter((f) => YAML_CODE.test(`/${f}`)).length, 1, 'one serde_yaml module in the build');
  const fetched = [];
  const yamlFetched = [];
  page.on('response', (r) => {
    const at = new URL(r.url()).pathname;
    if (ARTICLE_CODE.test(at)) fetched.push(r.status());
    if (YAML_CODE.test(at)) yamlFetched.push(r.status());
  });
  await feed(page);
  await page.locator('[data-testid=filter-chip], [data-testid=chip-tag]').first().click();
  await feedBuilt(page);
  assert.deepEqual(fetched, [], 'the feed fetched the article code');
  assert.equal(fs.readdirSync(DIST_ROOT).filter((f) => ARTICLE_CODE.test(`/${f}`)).length, 1, 'one article module in the build');

  await page.route(ARTICLE_CODE, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.locator('[data-testid=card-link]').first().click();
  await page.waitForSelector('[data-testid=feed-error]');
  assert.match(await page.locator('[data-testid=feed-error]').textContent(), /did not load/);
  await page.unroute(ARTICLE_CODE);
  // "Try again" reloads the page (the missing code may belong to an older deploy); the
  // app then takes over from the article's static copy with its own article.
  const app = () => page.waitForFunction(() => !document.getElementById('prerendered') && document.querySelector('[data-testid=article-body]'));
  await Promise.all([page.waitForEvent('load'), page.locator('[data-testid=feed-error] button').click()]);
  await app();
  const first = await page.locator('[data-testid=article-title]').textContent();
  await page.locator('[data-testid=related-link], [data-testid=next-article], [data-testid=prev-article]').first().click();
  await page.waitForFunction((t) => document.querySelector('[data-testid=article-title]')?.textContent !== t, first);
  await app();
  // Before the retry, each of the module's two functions may have tried (both 503).
  assert.ok(fetched.filter((status) => status === 503).length >= 1, `fetches: ${fetched}`);
  assert.deepEqual(fetched.filter((status) => status !== 503), [200], 'one fetch that loaded, none for the second article');
  assert.deepEqual(yamlFetched, [], 'plain front-matter is read without serde_yaml');
  // The failed fetch is reported in the console by the module loader; nothing else may be.
  page.problems = page.problems.filter((p) => !/503|HTTP status code is not ok/.test(p));
  assertClean(page);
});

test('the feed never fetches the Saved page\'s or search\'s code; a direct load of /saved whose code fails shows why, not the static front page', async () => {
  const page = await openPage(site.browser, { serviceWorkers: 'block' });
  const SAVED_CODE = splitCode('saved');
  const SEARCH_CODE = splitCode('search');
  const fetched = [];
  page.on('response', (r) => {
    const at = new URL(r.url()).pathname;
    if (SAVED_CODE.test(at) || SEARCH_CODE.test(at)) fetched.push(at);
  });
  await feed(page);
  await page.locator('[data-testid=chip-tag]').first().click();
  await feedBuilt(page);
  assert.deepEqual(fetched, [], 'the feed fetched code it does not use');

  // This host answers /saved with index.html, whose static copy is the front page.
  await page.route(SAVED_CODE, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(`${site.server.url}saved`);
  const error = page.locator('[data-testid=feed-error]');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /saved articles could not be loaded.*did not load/s);
  assert.equal(await page.locator('#prerendered').count(), 0, 'the static front page is gone');
  assert.equal(await page.title(), 'Saved · Broadsheet');
  await page.unroute(SAVED_CODE);
  // "Try again" reloads the page, which now loads its code.
  await Promise.all([page.waitForEvent('load'), error.locator('button').click()]);
  await page.waitForSelector('[data-testid=saved-empty]');
  page.problems = page.problems.filter((p) => !/503|HTTP status code is not ok/.test(p));
  assertClean(page);
});

test('the code above the feed\'s cards comes with its first data and the shortcuts\' after load; a key pressed before that still works; a failed fetch leaves the cards, says so and is retried by reloading', async () => {
  const page = await openPage(site.browser, { serviceWorkers: 'block' });
  const EXTRAS_CODE = splitCode('feed_extras');
  const LATER_CODE = splitCode('later');
  // The shortcuts' module is held back, so the first key is pressed before it is there.
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(LATER_CODE, async (route) => { await gate; await route.continue(); });
  const takenOver = () => page.waitForFunction(() => !document.getElementById('prerendered') && document.querySelector('#app [data-testid=article-card]'));
  await page.goto(site.server.url);
  await takenOver();
  assert.equal(await page.locator('#app [data-testid=sentiment-overview]').count(), 1, 'the chart is there when the app takes over');
  assert.equal(await page.locator('#app [data-testid=mark-all-read]').count(), 1, 'and "Mark all as read"');
  await page.keyboard.press('j');
  release();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'card-link');
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=shortcuts-close]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=shortcuts-close]', { state: 'detached' });
  await page.unroute(LATER_CODE);

  // The code above the cards cannot be fetched: the news still shows, under a notice.
  await page.route(EXTRAS_CODE, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.reload();
  await takenOver();
  const notice = page.locator('[data-testid=extras-failed]');
  assert.match(await notice.textContent(), /did not load/);
  assert.equal(await page.locator('#app [data-testid=sentiment-overview]').count(), 0, 'no chart');
  assert.equal(await page.locator('[data-testid=feed-error]').count(), 0, 'no error card: the news is there');
  await page.unroute(EXTRAS_CODE);
  // "Try again" reloads the page, which now loads the code.
  await Promise.all([page.waitForEvent('load'), notice.locator('button').click()]);
  await takenOver();
  assert.equal(await page.locator('#app [data-testid=sentiment-overview]').count(), 1, 'the chart, after the retry');
  page.problems = page.problems.filter((p) => !/503|HTTP status code is not ok/.test(p));
  assertClean(page);
});

test('covers: srcset and sizes, lazy below the fold, placeholders for missing or broken images', async () => {
  // One image host is down: its covers must turn into placeholders; every other loads.
  // (Requests the service worker makes cannot be intercepted, so it is kept out.)
  const page = await openPage(site.browser, { serviceWorkers: 'block' });
  await page.route('**/covers/texas-storm/**', (route) => route.fulfill({ status: 404, body: '' }));
  await feed(page);
  const imgs = await page.$$eval('[data-testid=article-card] img.cover', (is) => is.map((i) => ({
    srcset: i.getAttribute('srcset'), sizes: i.getAttribute('sizes'), loading: i.getAttribute('loading'),
    w: i.getAttribute('width'), h: i.getAttribute('height'),
  })));
  assert.ok(imgs.length > 10);
  assert.ok(imgs.every((i) => /200w/.test(i.srcset) && /1080w/.test(i.srcset) && i.sizes && i.w && i.h));
  assert.equal(imgs[0].loading, 'eager');
  assert.equal(imgs[imgs.length - 1].loading, 'lazy');
  const noCover = published().filter((a) => !a.coverImage).length;
  const broken = published().filter((a) => a.coverImage && /texas-storm/.test(a.coverImage.thumb)).length;
  assert.equal(broken, 1);
  // Down the page as a reader scrolls, so every lazy cover comes near the viewport.
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await page.waitForTimeout(50);
  }
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=cover-placeholder]').length === n, noCover + broken, { timeout: 10000 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=article-card] img.cover')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });
  page.problems = page.problems.filter((p) => !/404/.test(p));
  assertClean(page);
});

test('layout: one column on a phone, four on a wide screen; screenshots; axe finds nothing', async () => {
  for (const [width, cols] of [[390, 1], [1280, 3], [1600, 4]]) {
    // axe-core is injected as an inline script, which the shipped CSP rightly blocks.
    const page = await openPage(site.browser, { width, height: 900, bypassCSP: true });
    await feed(page);
    const n = await page.$eval('[data-testid=feed] .feed', (f) => getComputedStyle(f).gridTemplateColumns.split(' ').length);
    assert.ok(width === 1280 ? n >= cols : n === cols, `${width}px: ${n} columns`);
    await shot(page, `feed-${width}`);
    if (width !== 1600) {
      assert.deepEqual(await axe(page), [], `axe on the feed at ${width}px`);
      await page.locator('[data-testid=card-link]').first().click();
      await page.waitForSelector('[data-testid=article-body]');
      await shot(page, `article-${width}`);
      assert.deepEqual(await axe(page), [], `axe on an article at ${width}px`);
    }
    assertClean(page);
    await page.context().close();
  }
});

test('the prerendered front page stays on screen until the app has its cards, then the app takes over', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844 });
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/data/feed/all/head.json', async (route) => { await gate; await route.continue(); });
  await page.addInitScript(() => {
    window.__paints = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__paints.push({ at: e.startTime, img: e.element?.tagName === 'IMG' });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(site.server.url);
  await page.waitForSelector('#prerendered article.card');
  await page.waitForTimeout(300);
  // The app is mounted but hidden while its data is on the way: no skeleton flashes.
  assert.ok(await page.locator('#prerendered article.card').first().isVisible());
  assert.equal(await page.locator('[data-testid=feed-loading]').isVisible(), false);
  assert.equal(await page.locator('#app').getAttribute('hidden'), '');
  // The static copy is laid out like the app (header, chart, cards with their chips):
  // nothing on screen moves when the app takes over.
  const box = () => page.evaluate(() => {
    const r = document.querySelector('main article.card:not(#app *), [data-testid=feed] article.card').getBoundingClientRect();
    return [Math.round(r.top), Math.round(r.height)];
  });
  const before = await box();
  release();
  await page.waitForSelector('[data-testid=article-card]');
  await page.waitForFunction(() => document.querySelector('[data-testid=feed]')?.getAttribute('aria-busy') === 'false');
  assert.deepEqual(await box(), before, 'first card [top, height] before and after the takeover');
  assert.equal(await page.locator('#prerendered').count(), 0, 'the static copy is gone');
  assert.equal(await page.locator('#app').getAttribute('hidden'), null);
  assert.equal(await page.locator('main').count(), 1);
  // The Wasm was not preloaded and was only requested once the static page had loaded.
  const start = await page.evaluate(() => ({
    load: performance.getEntriesByType('navigation')[0].loadEventStart,
    wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.startTime,
    preloads: document.querySelectorAll('link[rel=preload], link[rel=modulepreload]').length,
  }));
  assert.equal(start.preloads, 0);
  assert.ok(start.load > 0 && start.wasm >= start.load, `wasm requested at ${start.wasm} ms, load at ${start.load} ms`);
  // Nor before the largest paint of the static page: it never waits on the app.
  const paints = await page.evaluate(() => window.__paints);
  assert.ok(paints.length > 0 && paints[0].at <= start.wasm, `paints ${JSON.stringify(paints)}, wasm requested at ${start.wasm} ms`);
  assertClean(page);
});

test('a search typed into the static page before the app starts carries over to the app', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844 });
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/data/feed/all/head.json', async (route) => { await gate; await route.continue(); });
  await page.goto(site.server.url);
  const staticBox = page.locator('#prerendered input[name=q]');
  await staticBox.click();
  await staticBox.pressSequentially('bitcoin');
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  const box = page.locator('[data-testid=search-input]');
  assert.equal(await box.inputValue(), 'bitcoin');
  assert.ok(await box.evaluate((el) => document.activeElement === el), 'focus moves to the app\'s box');
  await page.waitForURL(/[?&]q=bitcoin/);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assertClean(page);
  await page.context().close();
});

test('an article page\'s static copy is laid out like the app: nothing moves when the app takes over', async () => {
  // A long article with a table of contents, and a right-to-left one.
  const slugs = [builtIndex(DIST_ROOT).articles[0].slug,
    ...fs.readdirSync(path.join(DIST_ROOT, 'article')).filter((s) => /^[^a-z]|emirat|imarat/.test(s)).slice(0, 1)];
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    for (const slug of slugs) {
      const page = await openPage(site.browser, { width, height });
      let release;
      const gate = new Promise((r) => { release = r; });
      await page.route(`**/data/articles/${slug}.md`, async (route) => { await gate; await route.continue(); });
      await page.goto(`${site.server.url}article/${slug}`);
      await page.waitForSelector('#prerendered h1');
      const tops = () => page.evaluate(() => ['h1', '.article__hero', '.article__reading-time', '.prose']
        .map((sel) => [...document.querySelectorAll(sel)].find((e) => e.offsetParent !== null))
        .map((e) => e && Math.round(e.getBoundingClientRect().top)));
      const before = await tops();
      release();
      await page.waitForSelector('[data-testid=article-body]');
      await page.waitForFunction(() => !document.getElementById('prerendered'));
      assert.deepEqual(await tops(), before, `${slug} at ${width}px: title, hero, reading time, body`);
      assertClean(page);
      await page.context().close();
    }
  }
});

test('on a phone, covers far below the fold are not fetched until the reader scrolls near them', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844 });
  await feed(page);
  const fetched = (dir) => page.evaluate((d) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/covers/${d}/`)), dir);
  const last = page.locator('[data-testid=article-card] img.cover[src^="covers/"]').last();
  const dir = (await last.getAttribute('src')).split('/')[1];
  await page.waitForTimeout(300);
  assert.equal(await fetched(dir), false, `${dir} is far below the fold`);
  await last.scrollIntoViewIfNeeded();
  await page.waitForFunction((d) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/covers/${d}/`)), dir);
  assertClean(page);
});

test('a link made before a title change still opens the article, under its current address', async () => {
  const first = builtIndex(DIST_ROOT).articles[0];
  const [idPart] = Object.entries(builtIds(DIST_ROOT)).find(([, slug]) => slug === first.slug);
  const page = await openPage(site.browser);
  await page.goto(`${site.server.url}article/an-older-headline-${idPart}`);
  await page.waitForSelector('[data-testid=article-body]');
  assert.equal(new URL(page.url()).pathname, `/article/${first.slug}`, 'the address bar shows the link worth sharing');
  assertClean(page);
});
