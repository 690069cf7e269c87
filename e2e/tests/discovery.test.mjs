// Discovery (issue 6): keyboard navigation, table of contents, related reading,
// previous/next, and the share fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, openPage, assertClean, sampleArticles, cardSlugs, DIST_ROOT } from '../helpers.mjs';

const site = withSite({ root: DIST_ROOT, mode: 'spa' });

const focusedSlug = (page) => page.evaluate(() => document.activeElement?.closest('[data-testid=article-card]')?.dataset.slug);

test('j/k move between cards with visible focus, o opens, u returns to the same card, ? shows help', async () => {
  const page = await openPage(site.browser, { width: 390, height: 800 });
  await page.goto(site.server.url);
  // At phone width the feed builds two cards first and the rest a frame later.
  const slugs = await cardSlugs(page);
  await page.keyboard.press('j');
  assert.equal(await focusedSlug(page), slugs[0]);
  for (let i = 0; i < 5; i++) await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await focusedSlug(page), slugs[4]);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused card link shows a focus ring');
  const inView = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the focused card is scrolled into view');
  await page.keyboard.press('o');
  await page.waitForSelector('[data-testid=article-body]');
  assert.ok(page.url().endsWith(`/article/${slugs[4]}`));
  await page.keyboard.press('u');
  await page.waitForSelector('[data-testid=article-card]');
  await page.waitForFunction((s) => {
    const card = document.querySelector(`[data-slug="${s}"]`);
    const r = card?.getBoundingClientRect();
    return r && r.bottom > 0 && r.top < window.innerHeight;
  }, slugs[4]);
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=shortcuts-help]');
  assert.ok((await page.locator('[data-testid=shortcuts-help]').textContent()).includes('Next article'));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=shortcuts-help]').count(), 0);
  // The same help from a visible control.
  await page.locator('[data-testid=shortcuts-button]').click();
  await page.waitForSelector('[data-testid=shortcuts-help]');
  await page.locator('[data-testid=shortcuts-close]').click();
  assertClean(page);
});

test('shortcuts never fire while typing in a field', async () => {
  const page = await openPage(site.browser);
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid=article-card]');
  // Any text field will do: the search box when present, else a temporary one.
  const field = (await page.locator('[data-testid=search-input]').count())
    ? page.locator('[data-testid=search-input]')
    : await page.evaluateHandle(() => document.body.appendChild(Object.assign(document.createElement('input'), { id: 'tmp-field' })))
      .then(() => page.locator('#tmp-field'));
  await field.focus();
  await page.keyboard.type('jko?u');
  assert.equal(await page.locator('[data-testid=shortcuts-help]').count(), 0);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'INPUT');
  assertClean(page);
});

test('table of contents, reading time, related reading and previous/next', async () => {
  const page = await openPage(site.browser);
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid=article-card]');
  const slugs = await page.$$eval('[data-testid=article-card]', (cs) => cs.map((c) => c.dataset.slug));
  await page.goto(`${site.server.url}article/${slugs[2]}`);
  await page.waitForSelector('[data-testid=article-body]');
  assert.match(await page.locator('[data-testid=reading-time]').textContent(), /^\d+ min read$/);
  const h2 = await page.locator('[data-testid=article-body] h2').count();
  assert.equal(await page.locator('[data-testid=toc]').count(), h2 >= 3 ? 1 : 0);
  const link = page.locator('[data-testid=toc-link]').last();
  const target = (await link.getAttribute('href')).split('#')[1];
  assert.match(target, /^h-/, 'heading ids are generated and prefixed');
  await link.click();
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -2 && r.top < window.innerHeight / 2;
  }, target);
  assert.ok(page.url().endsWith(`#${target}`));
  assert.equal(await page.locator('[data-testid=article-body]').count(), 1, 'still on the article');
  // Related reading shares a tag or the category with this article.
  const me = sampleArticles().find((a) => page.url().includes(`-${a.externalId}`));
  const related = await page.$$eval('[data-testid=related-link]', (ls) => ls.map((l) => l.textContent));
  assert.ok(related.length > 0);
  for (const title of related) {
    const other = sampleArticles().find((a) => a.title === title);
    const shares = (other.tags || []).some((t) => (me.tags || []).includes(t)) || other.category === me.category;
    assert.ok(shares, `${title} shares a tag or the category`);
  }
  await page.locator('[data-testid=next-article]').click();
  await page.waitForURL(`**/article/${slugs[3]}`);
  await page.waitForSelector('[data-testid=article-body]');
  await page.locator('[data-testid=prev-article]').click();
  await page.waitForURL(`**/article/${slugs[2]}`);
  assertClean(page);
});

test('the impact section is a callout and articles without it are unaffected', async () => {
  const page = await openPage(site.browser);
  const withImpact = sampleArticles().filter((a) => !a.draft);
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid=article-card]');
  await page.locator('[data-testid=card-link]').first().click();
  await page.waitForSelector('[data-testid=article-body]');
  assert.equal(await page.locator('[data-testid=impact-callout] h2').count(), 1);
  assert.ok(withImpact.length > 0);
  assertClean(page);
});

test('share falls back to copying the link and announces it', async () => {
  const page = await openPage(site.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.server.url).origin });
  await page.goto(site.server.url);
  await page.waitForSelector('[data-testid=article-card]');
  await page.locator('[data-testid=card-link]').first().click();
  await page.waitForSelector('[data-testid=article-body]');
  const hasShare = await page.evaluate(() => typeof navigator.share === 'function');
  await page.locator('[data-testid=share-button]').click();
  if (!hasShare) {
    await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent.length > 0);
    assert.equal(await page.locator('[data-testid=share-status]').textContent(), 'Link copied to the clipboard.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    assert.equal(await page.locator('[data-testid=share-status]').getAttribute('role'), 'status');
  }
  assertClean(page);
});
