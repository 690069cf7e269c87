// Shared fixtures for the end-to-end tests: built sites, servers, browser, artifacts.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { load as loadYaml } from 'js-yaml';
import { serve } from './server.mjs';
import { launch, openPage } from './browser.mjs';

export const DIST_ROOT = process.env.DIST_ROOT || path.resolve('../target/e2e/site-root');
export const DIST_SUB = process.env.DIST_SUB || path.resolve('../target/e2e/site-news');
export const ARTIFACTS = process.env.ARTIFACTS || path.resolve('../target/e2e/artifacts');
export const CONTENT = path.resolve('../content');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export { serve, launch, openPage };

/**
 * Serves a built site and launches Chromium for one test file (torn down after it).
 * Returns `{ server, browser }`, filled in before the first test runs.
 */
export function withSite(options) {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await serve(options);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** The sample articles' front-matter, read independently of the Rust code. */
export function sampleArticles() {
  return fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((file) => {
    const text = fs.readFileSync(path.join(CONTENT, file), 'utf8');
    const fm = loadYaml(text.split(/^---\s*$/m)[1]);
    return { file, ...fm };
  });
}

/**
 * Every entry of one list of a built site (`all`, `tag/defi`…), in feed order: its
 * head, then numbered pages from the newest (`pages - 1`) down to the oldest (`0`).
 */
export function builtList(list = 'all', dist = DIST_ROOT) {
  const dir = path.join(dist, 'data/feed', list);
  const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const head = read('head.json');
  const entries = [...head.entries];
  for (let p = head.pages - 1; p >= 0; p--) entries.push(...read(`${p}.json`).entries);
  assert.equal(entries.length, head.total, `${list}: head and pages hold the whole list`);
  return { total: head.total, pages: head.pages, entries };
}

/** The current slug an id part names, as the build wrote it in its id bucket. */
export function builtIds(dist = DIST_ROOT) {
  const dir = path.join(dist, 'data/ids');
  const ids = {};
  for (const f of fs.readdirSync(dir).filter((f) => /^[0-9a-f]{2}\.json$/.test(f))) {
    Object.assign(ids, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  }
  return ids;
}

/** What a built site publishes: every article in feed order, and the rejected files. */
export function builtIndex(dist = DIST_ROOT) {
  const meta = JSON.parse(fs.readFileSync(path.join(dist, 'data/feed/meta.json'), 'utf8'));
  return { articles: builtList('all', dist).entries, rejected: meta.rejected, total: meta.total };
}

/** Clicks "Load more" until the whole feed is loaded (it may also load by itself). */
export async function loadAll(page) {
  // A feed still building its cards (the first rows come first) may not show its "Load
  // more" yet, and a load that just landed is built a frame later.
  const built = () => page.waitForSelector('[data-testid=feed]:not([aria-busy=true])', { state: 'attached' });
  for (let i = 0; i < 400; i++) {
    await built();
    // The last page may have landed just after that wait: let it finish building too.
    if (await page.locator('[data-testid=load-more]').count() === 0) {
      await built();
      return;
    }
    await page.locator('[data-testid=load-more]:not([disabled])').click({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(50);
  }
  throw new Error('the feed never finished loading');
}

/**
 * Titles of every card of a fully loaded feed, in order. Long feeds keep only the chunks
 * near the viewport in the DOM, so each chunk is scrolled into view and read in turn.
 */
export async function allCardTitles(page) {
  await loadAll(page);
  const titles = [];
  const chunks = await page.locator('.feed-chunk').count();
  for (let i = 0; i < chunks; i++) {
    const chunk = page.locator('.feed-chunk').nth(i);
    await chunk.scrollIntoViewIfNeeded();
    await chunk.locator('[data-testid=card-link]').first().waitFor();
    titles.push(...await chunk.locator('[data-testid=card-link]').allTextContents());
  }
  return titles;
}

/** Asserts a page logged no console errors, page errors or failed same-site requests. */
export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'no console errors or page errors');
}

/** Saves a full-page screenshot under the artifacts folder. */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Runs axe-core in the page and returns its violations. */
export async function axe(page) {
  await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Waits until the feed shows cards and has built all of them (it builds its first rows,
 * then the rest, and says it is busy until done). */
export async function feedBuilt(page) {
  await page.waitForSelector('[data-testid=feed]:not([aria-busy=true]) [data-testid=article-card]');
}

/** Slugs of the cards shown, in order, once the feed is up to date with the URL. */
export async function cardSlugs(page) {
  await page.waitForSelector('[data-testid=feed]:not([aria-busy=true])', { state: 'attached' });
  return page.$$eval('[data-testid=article-card]', (cards) => cards.map((c) => c.dataset.slug));
}
