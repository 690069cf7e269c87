// Publishing (issue 3): the built dist/ on a plain static host with GitHub Pages
// semantics (no rewrites, 404.html for misses), at the root and under /news/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, assertClean, sampleArticles, builtIndex, DIST_ROOT, DIST_SUB } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const published = () => sampleArticles().filter((a) => !a.draft);

for (const [label, dist, mount] of [['root', DIST_ROOT, '/'], ['sub-path', DIST_SUB, '/news/']]) {
  test(`${label}: deep links answer 200, reload, back/forward, unknown slug is not found`, async () => {
    const server = await serve({ root: dist, mode: 'pages', mount });
    try {
      const slug = builtIndex(dist).articles[3].slug;
      const page = await openPage(browser);
      const resp = await page.goto(`${server.url}article/${slug}`);
      assert.equal(resp.status(), 200);
      await page.waitForSelector('[data-testid=article-body]');
      const title = await page.locator('[data-testid=article-title]').textContent();
      await page.reload();
      await page.waitForSelector('[data-testid=article-body]');
      assert.equal(await page.locator('[data-testid=article-title]').textContent(), title);
      // The SPA takes over navigation: the home link, then back and forward.
      await page.locator('[data-testid=home-link]').click();
      await page.waitForSelector('[data-testid=article-card]');
      assert.equal(new URL(page.url()).pathname, mount);
      await page.goBack();
      await page.waitForSelector('[data-testid=article-body]');
      assert.equal(await page.locator('[data-testid=article-title]').textContent(), title);
      await page.goForward();
      await page.waitForSelector('[data-testid=article-card]');
      // Images and data resolve under the sub-path.
      const cover = await page.locator('img.cover').first().getAttribute('src');
      assert.ok(!cover.startsWith('/'), 'covers are relative to <base>');
      const missing = await page.goto(`${server.url}article/no-such-story-424242`);
      assert.equal(missing.status(), 404);
      await page.waitForSelector('[data-testid=not-found]');
      page.problems = page.problems.filter((p) => !/404/.test(p));
      assertClean(page);
    } finally {
      await server.close();
    }
  });
}

test('without JavaScript an article URL still shows its title and body', async () => {
  const server = await serve({ root: DIST_SUB, mode: 'pages', mount: '/news/' });
  try {
    const page = await openPage(browser, { javaScriptEnabled: false });
    const sample = published()[0];
    const entry = builtIndex(DIST_SUB).articles.find((e) => sample.file === `${e.fallback_id}.md`);
    await page.goto(`${server.url}article/${entry.slug}`);
    assert.equal(await page.locator('h1.article__title').textContent(), sample.title);
    const body = await page.locator('.prose').textContent();
    assert.ok(body.length > 500, 'the body is in the page');
    assert.ok(await page.locator('.prose h2').count() > 0);
  } finally {
    await server.close();
  }
});

function metaTags(html) {
  const tags = {};
  for (const m of html.matchAll(/<meta (property|name)="([^"]+)" content="([^"]*)">/g)) {
    (tags[m[2]] ||= []).push(m[3].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  }
  return tags;
}

test('every prerendered article carries link-preview tags that match its front-matter', () => {
  const index = builtIndex(DIST_SUB);
  const samples = published();
  assert.equal(index.articles.length, samples.length);
  for (const entry of index.articles) {
    const fm = samples.find((a) => a.file === `${entry.fallback_id}.md`);
    const html = fs.readFileSync(path.join(DIST_SUB, 'article', entry.slug, 'index.html'), 'utf8');
    const tags = metaTags(html);
    const url = `https://example.org/news/article/${entry.slug}`;
    assert.deepEqual(tags['og:type'], ['article']);
    assert.deepEqual(tags['og:title'], [fm.title]);
    assert.deepEqual(tags['og:description'], [fm.description || fm.title]);
    assert.deepEqual(tags['og:url'], [url]);
    assert.ok(html.includes(`<link rel="canonical" href="${url}">`));
    assert.equal(new Date(tags['article:published_time'][0]).getTime(), new Date(fm.publishedAt).getTime());
    assert.deepEqual(tags['article:tag'] || [], fm.tags || []);
    // The page speaks the site's language; the article's own is on its text.
    const lang = fm.lang || 'en';
    assert.ok(html.includes('<html lang="en" dir="ltr">'));
    assert.ok(html.includes(`<h1 class="article__title" lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
    if (fm.coverImage) {
      const regular = fm.coverImage.regular;
      assert.equal(tags['og:image'][0], regular.startsWith('https:') ? regular : `https://example.org/news/${regular}`);
      assert.deepEqual(tags['og:image:alt'], [fm.title]);
      assert.deepEqual(tags['twitter:card'], ['summary_large_image']);
    } else {
      assert.equal(tags['og:image'], undefined);
    }
    assert.ok(html.includes('href="/news/feed.xml"'), 'feeds are linked from the head');
  }
});

test('feeds and sitemap parse with real parsers', () => {
  const n = Math.min(50, published().length);
  for (const [dist, site] of [[DIST_ROOT, 'https://news.example.org/'], [DIST_SUB, 'https://example.org/news/']]) {
    const out = execFileSync('python3', ['validate_feeds.py', dist, String(n), site], { encoding: 'utf8' });
    assert.match(out, /feeds ok/);
  }
});
