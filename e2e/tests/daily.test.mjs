// Daily reading: read/saved state in localStorage with export/import, offline reading
// through the service worker, a clean switch to a new deploy, themes, the sentiment
// overview, and the same under the /news/ sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openPage, assertClean, shot, axe, cardSlugs, loadAll, DIST_ROOT, DIST_SUB, ARTIFACTS } from '../helpers.mjs';

// A second build of the same app with one more article (e2e/fixtures/daily), for the
// redeploy test. `cargo xtask test` builds it; otherwise it is built here once.
const DIST_V2 = process.env.DIST_V2 || path.resolve('../target/e2e/site-v2');
const NEW_SLUG_PART = 'returning-readers-redeploy-1';

function ensureV2() {
  if (fs.existsSync(path.join(DIST_V2, 'sw-manifest.json'))) return;
  const content = path.resolve('../target/e2e/daily-v2-content');
  fs.rmSync(content, { recursive: true, force: true });
  fs.mkdirSync(content, { recursive: true });
  for (const dir of ['../content', 'fixtures/daily']) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) fs.copyFileSync(path.join(dir, f), path.join(content, f));
  }
  execFileSync('cargo', ['xtask', 'dist', '--content', content, '--out', DIST_V2, '--site-url', 'https://news.example.org/'],
    { cwd: path.resolve('..'), stdio: 'inherit' });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.md': 'text/markdown; charset=utf-8', '.jpg': 'image/jpeg', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

/**
 * A static server whose root can be switched (a redeploy on the same origin) and which
 * can go down (connections dropped) to simulate being offline, including for the
 * service worker's own requests.
 */
function switchableServer(root, mount = '/') {
  const state = { root: path.resolve(root), down: false };
  const server = http.createServer((req, res) => {
    if (state.down) return req.socket.destroy();
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!pathname.startsWith(mount)) { res.writeHead(404); return res.end(); }
    let file = path.join(state.root, pathname.slice(mount.length));
    if (!file.startsWith(state.root)) { res.writeHead(403); return res.end(); }
    try { if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch { /* missing */ }
    if (!fs.existsSync(file)) file = path.join(state.root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}${mount}`,
    setRoot: (r) => { state.root = path.resolve(r); },
    setDown: (d) => { state.down = d; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}

let browser;
const servers = [];
async function serveSite(root, mount) {
  const s = await switchableServer(root, mount);
  servers.push(s);
  return s;
}

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

async function feed(page, url) {
  await page.goto(url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
}

async function swReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const unreadCount = (page) => page.locator('[data-testid=feed] [data-testid=unread-marker]').count();

test('read marks and saved articles survive reload; export, import and a corrupted file', async () => {
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser);
  await feed(page, server.url);
  const slugs = await cardSlugs(page);
  assert.equal(await unreadCount(page), slugs.length, 'every card starts unread');

  // Opening an article marks it read.
  await page.locator(`[data-slug="${slugs[1]}"] [data-testid=card-link]`).click();
  await page.waitForSelector('[data-testid=article-body]');
  const articleSave = page.locator('[data-testid=article] [data-testid=save-toggle]');
  assert.equal(await articleSave.getAttribute('aria-pressed'), 'false');
  await page.locator('[data-testid=back-to-feed]').click();
  await cardSlugs(page);
  const read = page.locator(`[data-slug="${slugs[1]}"]`);
  assert.match(await read.getAttribute('class'), /card--read/);
  assert.equal(await read.locator('[data-testid=unread-marker]').count(), 0);
  assert.equal(await unreadCount(page), slugs.length - 1);

  // Save one from the feed.
  const toggle = page.locator(`[data-slug="${slugs[2]}"] [data-testid=save-toggle]`);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await page.locator(`[data-slug="${slugs[2]}"] [data-testid=save-toggle]`).getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator(`[data-slug="${slugs[1]}"]`).getAttribute('class'), /card--read/);
  assert.match(await page.locator('[data-testid=saved-count]').textContent(), /1/);

  // Mark all as read.
  await page.locator('[data-testid=mark-all-read]').click();
  assert.equal(await unreadCount(page), 0);
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await unreadCount(page), 0, 'still read after reload');

  // The Saved view and export.
  await page.locator('[data-testid=saved-link]').click();
  await page.waitForURL(/\/saved$/);
  assert.deepEqual(await cardSlugs(page), [slugs[2]]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export]').click()]);
  assert.equal(download.suggestedFilename(), 'broadsheet-reader.json');
  const exported = path.join(ARTIFACTS, 'daily-export.json');
  await download.saveAs(exported);
  const data = JSON.parse(fs.readFileSync(exported, 'utf8'));
  assert.equal(data.version, 1);
  assert.equal(data.saved.length, 1);
  assert.equal(data.read.length, slugs.length);

  // A corrupted file is rejected and changes nothing.
  await page.locator('[data-testid=import-file]').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"read":[42]'),
  });
  await page.waitForSelector('[data-testid=import-message]:has-text("could not be imported")');
  await page.locator('[data-testid=import-file]').setInputFiles({
    name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from('{"version":7,"read":[]}'),
  });
  await page.waitForSelector('[data-testid=import-message]:has-text("unsupported version 7")');
  assert.deepEqual(await cardSlugs(page), [slugs[2]]);
  assertClean(page);
  await page.context().close();

  // A fresh device imports the file: saved list and read marks merge in.
  const fresh = await openPage(browser);
  await fresh.goto(`${server.url}saved`);
  await fresh.waitForSelector('[data-testid=saved-empty]');
  await fresh.locator('[data-testid=import-file]').setInputFiles(exported);
  await fresh.waitForSelector(`[data-testid=import-message]:has-text("Imported 1 saved article and ${slugs.length} read marks")`);
  assert.deepEqual(await cardSlugs(fresh), [slugs[2]]);
  await fresh.locator('[data-testid=home-link]').click();
  await fresh.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await unreadCount(fresh), 0);
  assertClean(fresh);
  await fresh.context().close();
});

test('corrupted stored state shows a dismissable notice and the reader starts fresh', async () => {
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser);
  await feed(page, server.url);
  await page.evaluate(() => localStorage.setItem('broadsheet.reader.v1', '{"version":1,"read":"oops'));
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  await page.waitForSelector('[data-testid=state-notice]');
  const shown = (await cardSlugs(page)).length;
  assert.equal(await unreadCount(page), shown);
  await page.locator('[data-testid=state-notice-dismiss]').click();
  assert.equal(await page.locator('[data-testid=state-notice]').count(), 0);
  // Saving works again and replaces the bad data.
  await page.locator('[data-testid=feed] [data-testid=save-toggle]').first().click();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('broadsheet.reader.v1')));
  assert.equal(stored.saved.length, 1);
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await page.locator('[data-testid=state-notice]').count(), 0);
  assertClean(page);
  await page.context().close();
});

test('offline: after one visit the feed, an opened article and the never-opened Saved page load without the network', async () => {
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser);
  await feed(page, server.url);
  await swReady(page);
  // A second online load runs through the worker, so covers are cached too.
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  const slugs = await cardSlugs(page);
  await page.locator(`[data-slug="${slugs[0]}"] [data-testid=card-link]`).click();
  await page.waitForSelector('[data-testid=article-body]');
  const title = await page.locator('[data-testid=article-title]').textContent();
  // Saved for later; the Saved page itself is not opened online (its code is a split
  // module the worker precaches).
  await page.locator('[data-testid=article] [data-testid=save-toggle]').click();
  await page.waitForSelector('[data-testid=article] [data-testid=save-toggle][aria-pressed=true]');
  await page.locator('[data-testid=back-to-feed]').click();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await page.locator('[data-testid=offline-indicator]').textContent(), '');

  server.setDown(true);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.deepEqual(await cardSlugs(page), slugs, 'the whole feed, from the cache');
  assert.match(await page.locator('[data-testid=offline-indicator]').textContent(), /Offline/);
  await page.locator(`[data-slug="${slugs[0]}"] [data-testid=card-link]`).click();
  await page.waitForSelector('[data-testid=article-body]');
  assert.equal(await page.locator('[data-testid=article-title]').textContent(), title);
  // A deep link to it, loaded offline, gets the cached shell and the cached text.
  await page.goto(`${server.url}article/${slugs[0]}`);
  await page.waitForSelector('[data-testid=article-body]');
  await shot(page, 'daily-offline-article-1280');
  // The Saved page, never opened online, lists the saved article offline.
  await page.goto(`${server.url}saved`);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.deepEqual(await cardSlugs(page), [slugs[0]], 'the saved article, from the cache');

  await page.context().setOffline(false);
  server.setDown(false);
  await page.waitForFunction(() => document.querySelector('[data-testid=offline-indicator]').textContent === '');
  assertClean(page);
  await page.context().close();
});

test('redeploy: a returning reader gets the new content and only the new caches', async () => {
  ensureV2();
  const v1Build = JSON.parse(fs.readFileSync(path.join(DIST_ROOT, 'sw-manifest.json'), 'utf8')).build;
  const v2Build = JSON.parse(fs.readFileSync(path.join(DIST_V2, 'sw-manifest.json'), 'utf8')).build;
  assert.notEqual(v1Build, v2Build, 'changed content means a new build id');
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser);
  await feed(page, server.url);
  await swReady(page);
  const cachesNow = () => page.evaluate(() => caches.keys());
  assert.ok((await cachesNow()).some((k) => k.endsWith(v1Build)));
  assert.ok(!(await cardSlugs(page)).some((s) => s.includes(NEW_SLUG_PART)));

  server.setRoot(DIST_V2);
  await page.reload();
  await page.waitForFunction((part) => [...document.querySelectorAll('[data-testid=article-card]')]
    .some((c) => c.dataset.slug.includes(part)), NEW_SLUG_PART, { timeout: 15000 });
  // The new worker takes over and the old deploy's caches are gone.
  // (waitForFunction would take the predicate's promise as truthy: poll from here.)
  for (let i = 0; ; i++) {
    const keys = await cachesNow();
    if (keys.length === 2 && keys.every((k) => k.endsWith(v2Build))) break;
    assert.ok(i < 60, `old caches still there: ${keys}`);
    await page.waitForTimeout(500);
  }
  const shellCache = await page.evaluate(async (b) => {
    const c = await caches.open(`broadsheet-shell-${b}`);
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  }, v2Build);
  const v2Shell = JSON.parse(fs.readFileSync(path.join(DIST_V2, 'sw-manifest.json'), 'utf8')).shell;
  for (const f of v2Shell) assert.ok(shellCache.includes(`/${f}`), `${f} precached in ${shellCache}`);
  // The shell the page runs is the new deploy's.
  const css = await page.evaluate(() => document.querySelector('link[rel=stylesheet]').getAttribute('href'));
  assert.ok(v2Shell.some((f) => css.endsWith(f)), `stylesheet ${css} is from the new build`);
  await page.reload();
  await page.waitForSelector(`[data-testid=article-card][data-slug*="${NEW_SLUG_PART}"]`);
  assertClean(page);
  await page.context().close();
});

test('theme toggle persists, has no axe violations in either theme; screenshots', async () => {
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser, { bypassCSP: true });
  await feed(page, server.url);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme || null);
  assert.equal(await theme(), null, 'follows the system until chosen');
  const toggle = page.locator('[data-testid=theme-toggle]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await theme(), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.reload();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await theme(), 'dark', 'remembered');
  assert.deepEqual(await axe(page), [], 'dark theme');
  await toggle.click();
  assert.equal(await theme(), 'light');
  assert.deepEqual(await axe(page), [], 'light theme');
  // The saved view and an article page, in dark.
  await toggle.click();
  await page.locator('[data-testid=feed] [data-testid=save-toggle]').first().click();
  await page.locator('[data-testid=saved-link]').click();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.deepEqual(await axe(page), [], 'saved view, dark');
  assertClean(page);
  await page.context().close();

  // The stored theme is on <html> before the app starts: the prerendered page, shown
  // while the Wasm is still on its way, never flashes the other theme. (A fresh
  // context: no service worker yet, so the Wasm request can be held back.)
  const early = await openPage(browser);
  await early.context().addInitScript(() => localStorage.setItem('broadsheet.theme', 'dark'));
  let release;
  const gate = new Promise((r) => { release = r; });
  await early.route('**/*_bg.wasm', async (route) => { await gate; await route.continue(); });
  await early.goto(server.url);
  await early.waitForSelector('#prerendered article.card');
  assert.equal(await early.evaluate(() => document.documentElement.dataset.theme), 'dark', 'before the app');
  release();
  await early.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assertClean(early);
  await early.context().close();

  for (const width of [390, 1280]) {
    for (const t of ['light', 'dark']) {
      const p = await openPage(browser, { width, height: width < 600 ? 844 : 900 });
      await p.goto(server.url);
      // The chart open (it starts folded on a phone), so the screenshots show it.
      await p.evaluate((v) => { localStorage.setItem('broadsheet.theme', v); localStorage.setItem('broadsheet.chart', 'open'); }, t);
      await p.reload();
      await p.waitForSelector('[data-testid=feed] [data-testid=article-card]');
      assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), t);
      await shot(p, `daily-feed-${width}-${t}`);
      await p.locator('[data-testid=sentiment-overview]').scrollIntoViewIfNeeded();
      await shot(p, `daily-chart-${width}-${t}`);
      assertClean(p);
      await p.context().close();
    }
  }
});

/** Cards in view as { slug, sentiment, day }. */
const visibleCards = (page) => page.$$eval('[data-testid=feed] [data-testid=article-card]', (cs) => cs.map((c) => ({
  slug: c.dataset.slug,
  sentiment: (c.querySelector('.sentiment-badge').className.match(/sentiment-badge--(\w+)/) || [])[1],
  day: c.querySelector('.card__meta time').getAttribute('datetime').slice(0, 10),
})));

async function checkChartMatchesFeed(page) {
  // The chart covers every matching article, loaded or not: load them all to compare.
  await loadAll(page);
  // New bars are drawn a frame after the cards they count.
  await page.waitForSelector('[data-testid=sentiment-overview]:not([aria-busy=true])', { state: 'attached' });
  const cards = await visibleCards(page);
  const legend = await page.$$eval('[data-testid=chart-legend]', (ls) => ls.map((l) => [l.dataset.sentiment, Number(l.dataset.count)]));
  for (const [key, n] of legend) {
    assert.equal(n, cards.filter((c) => c.sentiment === key.toLowerCase()).length, `${key} count`);
  }
  const from = await page.locator('[data-testid=sentiment-chart]').getAttribute('data-from');
  const bars = await page.$$eval('[data-testid=chart-day]', (bs) => bs.map((b) => [b.dataset.day, Number(b.dataset.total)]));
  const inWindow = cards.filter((c) => c.day >= from);
  assert.equal(bars.reduce((s, [, n]) => s + n, 0), inWindow.length, 'bars add up to the cards in the window');
  for (const [day, n] of bars) assert.equal(n, inWindow.filter((c) => c.day === day).length, `bar ${day}`);
  return { cards, bars };
}

test('on a phone the chart starts folded, in the static page too, so the first screen shows the news; the reader\'s choice is kept', async () => {
  const server = await serveSite(DIST_ROOT);
  const chart = '[data-testid=sentiment-overview]';
  // The static chart as painted: its state in the first animation frame that has it
  // (frame callbacks run before that frame is painted), for every load in the context.
  const watchStatic = (page) => page.addInitScript(() => {
    window.__staticChart = null;
    const look = () => {
      const details = document.querySelector('#prerendered details.chart');
      if (details) window.__staticChart = details.open;
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  /** Holds the page's Wasm back (so the static page can be looked at on its own) until
   * the returned function is called. */
  const holdWasm = async (page) => {
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/*_bg.wasm', async (route) => { await gate; await route.continue(); });
    return release;
  };
  /** Loads (or reloads) and returns [static chart as first painted, app chart]. */
  const states = async (page, load) => {
    await load();
    await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
    return [await page.evaluate(() => window.__staticChart), await page.locator(chart).evaluate((d) => d.open)];
  };

  // A fresh context (no service worker yet), so the Wasm can be held back and the
  // static page looked at on its own.
  const page = await openPage(browser, { width: 390, height: 844 });
  await watchStatic(page);
  const release = await holdWasm(page);
  await page.goto(server.url);
  await page.waitForSelector('#prerendered article.card');
  assert.equal(await page.evaluate(() => window.__staticChart), false, 'static chart folded in its first frame');
  const staticTop = await page.locator('#prerendered article.card').first().evaluate((c) => Math.round(c.getBoundingClientRect().top));
  release();
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await page.locator(chart).evaluate((d) => d.open), false, 'app chart folded');
  const first = page.locator('[data-testid=feed] [data-testid=card-link]').first();
  const title = await first.evaluate((a) => { const r = a.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, vh: innerHeight }; });
  assert.ok(title.bottom > 0 && title.bottom <= title.vh, `first headline within the first screen: ${JSON.stringify(title)}`);
  const appTop = await page.locator('[data-testid=feed] [data-testid=article-card]').first().evaluate((c) => Math.round(c.getBoundingClientRect().top));
  assert.equal(appTop, staticTop, 'the first card does not move when the app takes over');
  // Opened by the reader: open after a reload, in the static page as in the app.
  await page.locator(`${chart} summary`).click();
  assert.equal(await page.locator(chart).evaluate((d) => d.open), true);
  assert.ok(await page.locator('[data-testid=sentiment-chart]').isVisible());
  assert.deepEqual(await states(page, () => page.reload()), [true, true], 'opened, after a reload');
  // Folded again with the keyboard.
  await page.locator(`${chart} summary`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(chart).evaluate((d) => d.open), false);
  assert.deepEqual(await states(page, () => page.reload()), [false, false], 'folded, after a reload');
  assertClean(page);
  await page.context().close();

  // Opened on the static page, before the app starts: the app keeps it open (nothing
  // below the chart moves), and so does the next visit.
  const early = await openPage(browser, { width: 390, height: 844 });
  await watchStatic(early);
  const go = await holdWasm(early);
  await early.goto(server.url);
  await early.waitForSelector('#prerendered details.chart');
  await early.locator('#prerendered details.chart > summary').click();
  assert.equal(await early.locator('#prerendered details.chart').evaluate((d) => d.open), true);
  const before = await early.locator('#prerendered article.card').first().evaluate((c) => Math.round(c.getBoundingClientRect().top));
  go();
  await early.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  assert.equal(await early.locator(chart).evaluate((d) => d.open), true, 'the app keeps the static chart open');
  const after = await early.locator('[data-testid=feed] [data-testid=article-card]').first().evaluate((c) => Math.round(c.getBoundingClientRect().top));
  assert.equal(after, before, 'the first card does not move when the app takes over');
  assert.deepEqual(await states(early, () => early.reload()), [true, true], 'kept for the next visit');
  assertClean(early);
  await early.context().close();

  // A phone on its side: as short as the open chart, so folded too.
  const side = await openPage(browser, { width: 844, height: 390 });
  await watchStatic(side);
  assert.deepEqual(await states(side, () => side.goto(server.url)), [false, false], 'folded on a phone on its side');
  assertClean(side);
  await side.context().close();

  // On a wide screen it starts open, and a fold is kept too.
  const wide = await openPage(browser, { width: 1280, height: 900 });
  await watchStatic(wide);
  assert.deepEqual(await states(wide, () => wide.goto(server.url)), [true, true], 'open by default on a wide screen');
  await wide.locator(`${chart} summary`).click();
  assert.deepEqual(await states(wide, () => wide.reload()), [false, false], 'folded, after a reload');
  assertClean(wide);
  await wide.context().close();
});

test('the sentiment overview matches the visible feed and clicking filters it', async () => {
  const server = await serveSite(DIST_ROOT);
  const page = await openPage(browser);
  await feed(page, server.url);
  const label = await page.locator('[data-testid=sentiment-chart]').getAttribute('aria-label');
  assert.match(label, /^Sentiment of the \d+ articles in view/);
  assert.equal(await page.locator('[data-testid=sentiment-chart]').getAttribute('role'), 'group');
  assert.ok(await page.locator('[data-testid=chart-table] tbody tr').count() > 0, 'table alternative');
  const { bars } = await checkChartMatchesFeed(page);

  // A tag filter narrows the chart too.
  const tag = page.locator('[data-testid=chart-tag] a').first();
  await tag.click();
  await page.waitForURL(/\?tag=/);
  await cardSlugs(page);
  await checkChartMatchesFeed(page);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');

  // Clicking the busiest day's bar shows that day.
  const [day, n] = bars.reduce((a, b) => (b[1] > a[1] ? b : a));
  await page.locator(`[data-testid=chart-day][data-day="${day}"]`).click();
  await page.waitForURL(new RegExp(`day=${day}`));
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=feed] [data-testid=article-card]').length === k, n);
  const cards = await visibleCards(page);
  assert.ok(cards.every((c) => c.day === day));
  assert.equal(await page.locator('[data-testid=active-filter]').count(), 1);

  // The bars work from the keyboard too: focus one, press Enter.
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  const keyBar = page.locator(`[data-testid=chart-day][data-day="${day}"]`);
  assert.equal(await keyBar.getAttribute('role'), 'link');
  await keyBar.focus();
  assert.ok(await keyBar.evaluate((b) => document.activeElement === b));
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`day=${day}`));
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=feed] [data-testid=article-card]').length === k, n);

  // The legend filters by sentiment, combined with the day.
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  const neg = page.locator('[data-testid=chart-legend][data-sentiment=NEGATIVE]');
  const negCount = Number(await neg.getAttribute('data-count'));
  await neg.click();
  await page.waitForURL(/sentiment=NEGATIVE/);
  assert.equal((await cardSlugs(page)).length, negCount);
  await checkChartMatchesFeed(page);
  assertClean(page);
  await page.context().close();
});

test('under /news/: worker scope, manifest, saved view and chart links stay under the sub-path', async () => {
  const server = await serveSite(DIST_SUB, '/news/');
  const page = await openPage(browser);
  await feed(page, server.url);
  await swReady(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, server.url);
  const manifest = await page.evaluate(() => document.querySelector('link[rel=manifest]').href);
  assert.equal(manifest, `${server.url}manifest.webmanifest`);
  const m = await (await fetch(manifest)).json();
  assert.equal(m.start_url, '.');
  assert.equal(m.scope, '.');
  assert.ok(m.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
  for (const icon of m.icons) assert.equal((await fetch(new URL(icon.src, manifest))).status, 200, icon.src);
  assert.equal(await page.locator('[data-testid=saved-link]').getAttribute('href'), '/news/saved');
  const bar = page.locator('[data-testid=chart-day]').first();
  const day = await bar.getAttribute('data-day');
  await bar.click();
  await page.waitForURL(`${server.url}?day=${day}`);
  await cardSlugs(page);
  await page.locator('[data-testid=feed] [data-testid=save-toggle]').first().click();
  await page.locator('[data-testid=saved-link]').click();
  await page.waitForURL(`${server.url}saved`);
  assert.equal((await cardSlugs(page)).length, 1);

  // Offline under the sub-path too (one online visit through the worker first, so the
  // covers in view are cached like the rest).
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  await page.waitForLoadState('networkidle');
  server.setDown(true);
  await page.context().setOffline(true);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed] [data-testid=article-card]');
  await page.context().setOffline(false);
  server.setDown(false);
  assertClean(page);
  await page.context().close();
});
