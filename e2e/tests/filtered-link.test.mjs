// A shared filtered link (`/?tag=…`, `?q=`, `?sentiment=`, `?day=`, `?category=`,
// `?source=`) opened cold never paints a card outside its filter. The prerendered front
// page is the unfiltered feed; src/theme.js (inlined into the page) marks the page before the body is parsed
// and the stylesheet draws the static copy's cards as skeletons until the app takes over.
//
// Every frame from the first is polled (requestAnimationFrame, which runs right before
// each paint) for the cards whose title link is visible on screen; once the app has
// taken over and loaded the whole filtered feed, every card seen must be one of its cards.
// Phone and desktop widths; no console errors; the feed's top stays where it was at
// takeover; without JavaScript the static page stays readable (it cannot filter).
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIST_ROOT, withSite, openPage, assertClean, loadAll, shot } from '../helpers.mjs';

const site = withSite({ root: DIST_ROOT, mode: 'pages' });

/** Runs in the page before any of its scripts: records what every frame shows. */
function recordFrames() {
  window.__seen = [];
  window.__frames = { copy: 0, app: 0 };
  window.__tops = { copy: null, app: null };
  const tick = () => {
    const copy = document.getElementById('prerendered');
    const feed = document.querySelector('.feed');
    if (feed && document.body) {
      const top = feed.getBoundingClientRect().top + scrollY;
      if (copy) window.__tops.copy = top;
      else if (window.__tops.app === null && feed.querySelector('article.card')) window.__tops.app = top;
    }
    if (document.body) window.__frames[copy ? 'copy' : 'app'] += 1;
    for (const link of document.querySelectorAll('article.card .card__title a')) {
      const r = link.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
      if (!link.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const slug = link.getAttribute('href').split('/article/')[1];
      if (!window.__seen.includes(slug)) window.__seen.push(slug);
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One value of each filter kind, taken from the links the static front page carries. */
function filters() {
  const html = fs.readFileSync(path.join(DIST_ROOT, 'index.html'), 'utf8');
  const first = (key) => {
    const m = new RegExp(`href="/\\?${key}=([^"&]+)"`).exec(html);
    assert.ok(m, `the front page links a ${key} filter`);
    return decodeURIComponent(m[1].replace(/&amp;/g, '&'));
  };
  return [
    ['tag', first('tag')],
    ['category', first('category')],
    ['source', first('source')],
    ['sentiment', first('sentiment')],
    ['day', first('day')],
    // A word of the sample articles' titles that not every article has.
    ['q', 'stablecoin'],
  ];
}

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

for (const viewport of VIEWPORTS) {
  for (const [key, value] of filters()) {
    test(`${viewport.name}: a cold ?${key}= link never shows a card outside its filter`, async () => {
      const page = await openPage(site.browser, { width: viewport.width, height: viewport.height, serviceWorkers: 'block' });
      try {
        await page.addInitScript(recordFrames);
        const query = `?${key}=${encodeURIComponent(value)}`;
        await page.goto(site.server.url + query, { waitUntil: 'commit' });
        await page.waitForSelector('#app [data-testid=article-card]', { timeout: 20000 });
        await loadAll(page);
        const filtered = await page.$$eval('#app [data-testid=article-card]', (cards) => cards.map((c) => c.dataset.slug));
        const { seen, frames, tops } = await page.evaluate(() => ({ seen: window.__seen, frames: window.__frames, tops: window.__tops }));
        assert.ok(frames.copy > 0, `the static copy was on screen for some frames (${JSON.stringify(frames)})`);
        const front = fs.readFileSync(path.join(DIST_ROOT, 'index.html'), 'utf8');
        const everyCard = [...front.matchAll(/class="card__title"[^>]*><a href="\/article\/([^"]+)"/g)].map((m) => m[1]);
        assert.ok(everyCard.some((slug) => !filtered.includes(slug)), 'the filter leaves out some card of the front page');
        const outside = seen.filter((slug) => !filtered.includes(slug));
        assert.deepEqual(outside, [], `cards outside ${query} were painted (filtered: ${filtered.join(', ')})`);
        // Nothing above the feed moves at takeover: the filter bar's place was kept.
        assert.ok(tops.copy !== null && tops.app !== null, `feed top measured ${JSON.stringify(tops)}`);
        assert.ok(Math.abs(tops.copy - tops.app) <= 1, `the feed's top moved at takeover: ${tops.copy} -> ${tops.app}`);
        assertClean(page);
      } finally {
        await page.context().close();
      }
    });
  }
}

test('phone: the skeletons before takeover (screenshot), and the unfiltered page keeps its cards', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844, serviceWorkers: 'block' });
  try {
    // Hold the app back so the static copy can be looked at.
    await page.route(/broadsheet-[0-9a-f]+\.js$/, () => {});
    await page.goto(`${site.server.url}?tag=defi`, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.getAttribute('html', 'data-filtered'), 'tag');
    assert.equal(await page.locator('#prerendered .card__title a').first().isVisible(), false);
    await shot(page, 'filtered-link-skeleton-390');
    await page.goto(site.server.url, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.getAttribute('html', 'data-filtered'), null);
    assert.equal(await page.locator('#prerendered .card__title a').first().isVisible(), true);
  } finally {
    await page.context().close();
  }
});

test('without JavaScript a filtered link shows the readable static page (it cannot filter)', async () => {
  const page = await openPage(site.browser, { width: 390, height: 844, javaScriptEnabled: false });
  try {
    await page.goto(`${site.server.url}?tag=defi`);
    assert.equal(await page.getAttribute('html', 'data-filtered'), null);
    assert.equal(await page.locator('#prerendered .card__title a').first().isVisible(), true);
    assertClean(page);
  } finally {
    await page.context().close();
  }
});
