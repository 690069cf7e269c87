// Shared fixtures for the end-to-end tests: built sites, servers, browser, artifacts.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { load as loadYaml } from 'js-yaml';
import { serve } from './server.mjs';
import { launch, openPage } from './browser.mjs';

export const DIST_ROOT = process.env.DIST_ROOT || path.resolve('../target/e2e/site-root');
export const DIST_SUB = process.env.DIST_SUB || path.resolve('../target/e2e/site-news');
export const ARTIFACTS = process.env.ARTIFACTS || path.resolve('../target/e2e/artifacts');
export const CONTENT = path.resolve('../content');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export { serve, launch, openPage };

/** The sample articles' front-matter, read independently of the Rust code. */
export function sampleArticles() {
  return fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((file) => {
    const text = fs.readFileSync(path.join(CONTENT, file), 'utf8');
    const fm = loadYaml(text.split(/^---\s*$/m)[1]);
    return { file, ...fm };
  });
}

/** The published index the app fetches, from a built site. */
export function builtIndex(dist = DIST_ROOT) {
  return JSON.parse(fs.readFileSync(path.join(dist, 'data/index.json'), 'utf8'));
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

/** Slugs of the cards currently shown, in order. */
export function cardSlugs(page) {
  return page.$$eval('[data-testid=article-card]', (cards) => cards.map((c) => c.dataset.slug));
}
