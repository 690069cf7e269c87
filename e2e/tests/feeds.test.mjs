// Feeds (issue 25): strict XML with the required fields (e2e/validate_feeds.py, expat and
// feedparser), one `tag:` id per article from its externalId that a title edit does not
// change, one Atom feed per tag, category, source and sentiment holding only that
// filter's newest articles (compared with the front-matter, read here with js-yaml),
// control characters stripped, and the app's filtered view naming its feed in the head
// and offering a visible "Subscribe" link at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  serve, launch, openPage, assertClean, axe, shot, feedBuilt, sampleArticles, builtIndex, DIST_ROOT, DIST_SUB, CONTENT,
} from '../helpers.mjs';

const DIST_HOSTILE = process.env.DIST_HOSTILE || path.resolve('../target/e2e/site-hostile');
const FEED_ITEMS = 50;
const SITES = [[DIST_ROOT, 'https://news.example.org/', '/'], [DIST_SUB, 'https://example.org/news/', '/news/']];

/** What validate_feeds.py read from a built site's feeds (it fails on any problem). */
function validated(dist, site, expected = '-') {
  const out = execFileSync('python3', ['validate_feeds.py', dist, String(expected), site, '--json'], {
    encoding: 'utf8', maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
}

/** The bundle's path rule for a facet value (crates/core bundle::path_key). */
function pathKey(value) {
  let out = '';
  for (const b of Buffer.from(value.toLowerCase(), 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[a-z0-9-]/.test(c) ? c : `_${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Every feed path an article belongs in, from its front-matter alone. */
function feedPaths(fm) {
  const paths = new Set((fm.tags || []).map((t) => `feeds/tag/${pathKey(String(t).trim())}.xml`));
  if (fm.category) paths.add(`feeds/category/${pathKey(String(fm.category).trim())}.xml`);
  paths.add(`feeds/source/${pathKey(fm.source?.key || slugify(fm.source?.name || 'Unknown source'))}.xml`);
  paths.add(`feeds/sentiment/${pathKey(String(fm.sentiment || 'NEUTRAL'))}.xml`);
  return paths;
}

/** The published sample articles by slug, with their front-matter, newest first. */
function published(dist) {
  const fms = new Map(sampleArticles().map((a) => [a.file, a]));
  return builtIndex(dist).articles
    .map((e) => ({ slug: e.slug, fm: fms.get(`${e.fallback_id}.md`), id: e.fallback_id }))
    .map((a) => ({ ...a, id: String(a.fm.externalId ?? a.id).trim(), at: new Date(a.fm.publishedAt).getTime() }))
    .sort((a, b) => b.at - a.at || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

const slugOf = (link) => link.split('/article/')[1];

/** The start of every id of a site's articles: `tag:<host>,2026:<site path>`. */
const tagPrefix = (site) => `tag:${new URL(site).hostname},2026:${new URL(site).pathname.slice(1)}`;

for (const [dist, site] of SITES) {
  test(`${site}: every tag, category, source and sentiment has a feed of its newest articles only`, () => {
    const feeds = validated(dist, site, Math.min(FEED_ITEMS, published(dist).length));
    const articles = published(dist);
    const expected = new Map();
    for (const a of articles) {
      for (const p of feedPaths(a.fm)) {
        if (!expected.has(p)) expected.set(p, []);
        if (expected.get(p).length < FEED_ITEMS) expected.get(p).push(a.slug);
      }
    }
    assert.deepEqual(Object.keys(feeds.filters).sort(), [...expected.keys()].sort(), 'one feed per facet value');
    for (const [rel, feed] of Object.entries(feeds.filters)) {
      assert.deepEqual(feed.entries.map((e) => slugOf(e.link)), expected.get(rel), rel);
      assert.match(feed.title, /^Broadsheet — \S/, rel);
    }
    assert.ok(expected.has('feeds/sentiment/negative.xml') && expected.has('feeds/tag/bitcoin.xml'));
  });

  test(`${site}: each article's id is a tag: URI from its externalId, the same in every feed`, () => {
    const feeds = validated(dist, site);
    const prefix = tagPrefix(site);
    const idOf = new Map(published(dist).map((a) => [a.slug, a.id]));
    const all = [...feeds.main, ...Object.values(feeds.filters).flatMap((f) => f.entries)];
    assert.ok(all.length > feeds.main.length);
    for (const e of all) {
      assert.equal(e.id, prefix + encodeURIComponent(idOf.get(slugOf(e.link))), e.link);
    }
  });
}

test('a title edit changes the link but not the id (a second build, compared by externalId)', () => {
  const before = validated(DIST_ROOT, 'https://news.example.org/');
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-title-edit-'));
  const out = `${content}-site`;
  try {
    for (const f of fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md'))) {
      fs.copyFileSync(path.join(CONTENT, f), path.join(content, f));
    }
    const newest = published(DIST_ROOT)[0];
    const file = path.join(content, `${builtIndex(DIST_ROOT).articles.find((e) => e.slug === newest.slug).fallback_id}.md`);
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace(/^title: .*$/m, "title: 'A Completely Rewritten Headline'");
    assert.notEqual(edited, text);
    fs.writeFileSync(file, edited);
    execFileSync('cargo', ['xtask', 'dist', '--content', content, '--out', out, '--site-url', 'https://news.example.org/'], {
      cwd: path.resolve('..'), stdio: ['ignore', 'ignore', 'pipe'],
    });
    const after = validated(out, 'https://news.example.org/');
    const byId = (feeds) => new Map(feeds.main.map((e) => [e.id, e]));
    const [b, a] = [byId(before), byId(after)];
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), 'the same ids');
    const id = `tag:news.example.org,2026:${encodeURIComponent(newest.id)}`;
    assert.equal(a.get(id).title, 'A Completely Rewritten Headline');
    assert.notEqual(a.get(id).link, b.get(id).link, 'its slug, hence its link, changed');
    for (const [rel, feed] of Object.entries(after.filters)) {
      assert.deepEqual(feed.entries.map((e) => e.id), before.filters[rel].entries.map((e) => e.id), rel);
    }
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('control characters in front-matter and body never reach a feed, which stays well-formed', () => {
  const site = JSON.parse(fs.readFileSync(path.join(DIST_HOSTILE, 'feed.json'), 'utf8')).home_page_url;
  const feeds = validated(DIST_HOSTILE, site);
  const entry = feeds.main.find((e) => e.id === `${tagPrefix(site)}77014`);
  assert.ok(entry, 'the fixture with control characters is published (h14-accepted.md)');
  assert.equal(entry.title, 'Control characters in a title');
  const files = ['feed.xml', 'atom.xml', 'feed.json', ...Object.keys(feeds.filters)];
  for (const rel of files) {
    const text = fs.readFileSync(path.join(DIST_HOSTILE, rel), 'utf8');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/, rel);
    if (rel === 'feed.json') assert.doesNotMatch(text, /\\u00[01][0-9a-f]/i, rel);
  }
  const tagFeed = feeds.filters['feeds/tag/control_05tag.xml'];
  assert.ok(tagFeed && tagFeed.entries.some((e) => e.id.endsWith(':77014')), 'the tag with a control character has its feed');
});

for (const [dist, , mount] of SITES) {
  test(`${mount}: the filtered view names its feed in the head and offers "Subscribe" (phone and desktop)`, async () => {
    const server = await serve({ root: dist, mode: 'pages', mount });
    const browser = await launch();
    try {
      for (const width of [390, 1280]) {
        // CSP bypassed only so that axe can be injected.
        const page = await openPage(browser, { width, height: 844, serviceWorkers: 'block', bypassCSP: true });
        await page.goto(`${server.url}?tag=bitcoin`);
        await feedBuilt(page);
        const link = page.locator('head link[rel=alternate][type="application/atom+xml"][title="Broadsheet — Bitcoin"]');
        await link.waitFor({ state: 'attached' });
        assert.equal(await link.getAttribute('href'), `${mount}feeds/tag/bitcoin.xml`);
        const subscribe = page.getByRole('link', { name: 'Subscribe to the feed Broadsheet — Bitcoin' });
        assert.ok(await subscribe.isVisible(), 'the Subscribe link is visible');
        const box = await subscribe.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width && box.height >= 24, `on screen, big enough: ${JSON.stringify(box)}`);
        const bar = await page.locator('[data-testid=filter-bar]').boundingBox();
        assert.ok(box.y >= bar.y && box.y + box.height <= bar.y + bar.height, 'inside the filter bar');
        assert.deepEqual(await axe(page), []);
        await shot(page, `feeds-subscribe-${width}`);
        // Another filter: its own feed replaces the first in the head.
        await page.locator('[data-testid=clear-filters]').click();
        await feedBuilt(page);
        assert.equal(await page.locator('head link[href*="feeds/"]').count(), 0, 'unfiltered: the main feeds only');
        assert.equal(await page.locator('[data-testid=subscribe-feed]').count(), 0);
        assert.ok(await page.locator('head link[rel=alternate][href$="atom.xml"]').count() >= 1, 'the main feeds stay named');
        await page.goto(`${server.url}?sentiment=negative`);
        await feedBuilt(page);
        assert.equal(await page.locator('head link[href*="feeds/"]').getAttribute('href'), `${mount}feeds/sentiment/negative.xml`);
        // Filters no single feed holds: none offered.
        for (const query of ['?tag=bitcoin&sentiment=positive', '?q=bitcoin']) {
          await page.goto(server.url + query);
          await page.waitForSelector('[data-testid=filter-bar]');
          assert.equal(await page.locator('[data-testid=subscribe-feed]').count(), 0, query);
          assert.equal(await page.locator('head link[href*="feeds/"]').count(), 0, query);
        }
        assertClean(page);
        await page.context().close();
      }
      // Following the link opens the feed itself (the router leaves it to the browser).
      const page = await openPage(browser, { serviceWorkers: 'block' });
      await page.goto(`${server.url}?category=technology`);
      await feedBuilt(page);
      const [response] = await Promise.all([
        page.waitForEvent('response', (r) => r.url().endsWith('feeds/category/technology.xml')),
        page.locator('[data-testid=subscribe-feed]').click(),
      ]);
      assert.equal(response.status(), 200);
      assert.match(await response.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      await page.context().close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
