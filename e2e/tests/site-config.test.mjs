// A publisher's own site (issue 24): sites built with `--config` (a German one with a
// name, accent colours, a logo, an about page and footer links; an Arabic, right-to-left
// one) show their name, colours and language in the prerendered pages and in the app,
// in their feeds, manifest and icons; axe finds nothing on any page in any language; a
// bad configuration stops `dist` naming the file, line and problem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, openPage, assertClean, axe, shot, feedBuilt, DIST_ROOT } from '../helpers.mjs';

const DIST_DE = process.env.DIST_DE || path.resolve('../target/e2e/site-de');
const DIST_AR = process.env.DIST_AR || path.resolve('../target/e2e/site-ar');
const DIST_JA = process.env.DIST_JA || path.resolve('../target/e2e/site-ja');
const DIST_HOSTILE = process.env.DIST_HOSTILE || path.resolve('../target/e2e/site-hostile');
const WIDTHS = [{ width: 390, height: 844 }, { width: 1280, height: 900 }];

/** A message table as flat keys (the subset of TOML the tables use). */
function table(lang) {
  const out = {};
  let section = '';
  for (const raw of fs.readFileSync(path.resolve(`../locales/${lang}.toml`), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = line.match(/^\[(.+)\]$/);
    if (header) { section = header[1]; continue; }
    const pair = line.match(/^([A-Za-z0-9_.]+)\s*=\s*(".*")\s*(#.*)?$/);
    if (pair) out[section ? `${section}.${pair[1]}` : pair[1]] = JSON.parse(pair[2]);
  }
  return out;
}
const de = table('de');
const ar = table('ar');
const ja = table('ja');

let browser;
let servers = {};
before(async () => {
  browser = await launch();
  servers.de = await serve({ root: DIST_DE, mode: 'spa' });
  servers.ar = await serve({ root: DIST_AR, mode: 'spa' });
  servers.ja = await serve({ root: DIST_JA, mode: 'spa' });
  servers.en = await serve({ root: DIST_ROOT, mode: 'spa' });
  servers.hostile = await serve({ root: DIST_HOSTILE, mode: 'spa' });
});
after(async () => {
  for (const s of Object.values(servers)) await s?.close();
  await browser?.close();
});

/** Waits for the app to take the page over (its own cards carry test ids). */
async function appReady(page) {
  await feedBuilt(page);
}

/** What a German page must show, static copy or app. */
async function assertGermanChrome(page) {
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  const visible = page.locator('.site-header:visible').first();
  assert.equal((await visible.locator('.site-header__name').textContent()).trim(), 'Die Morgenpost');
  assert.equal(await visible.locator('input[type=search]').getAttribute('placeholder'), de['site.search_label']);
  assert.ok((await visible.locator('.theme-toggle').textContent()).includes(de['site.dark_theme']));
  const footer = page.locator('.site-footer:visible').first();
  assert.ok((await footer.textContent()).includes(de['site.shortcuts_button']));
  for (const key of ['site.about', 'site.contact', 'site.terms']) {
    assert.equal(await footer.getByRole('link', { name: de[key], exact: true }).count(), 1, key);
  }
  // The logo, drawn from the configured image, replaces the monogram.
  assert.equal(await visible.locator('img.site-header__logo').count(), 1);
}

for (const size of WIDTHS) {
  test(`German site, static pages at ${size.width}px: name, words, dates in German and the Berlin clock`, async () => {
    const page = await openPage(browser, { ...size, javaScriptEnabled: false });
    await page.goto(servers.de.url);
    await assertGermanChrome(page);
    assert.equal(await page.title(), 'Die Morgenpost');
    assert.ok((await page.locator('.mark-all button').textContent()).includes(de['feed.mark_all']));
    assert.equal(await page.locator('.card').count(), 12, 'page_size = 12');
    // Calendar dates as the browser's own Intl writes them for German, in Berlin's time.
    const times = await page.$$eval('.card__meta time', (els) => els.slice(0, 6).map((t) => [t.getAttribute('datetime'), t.textContent]));
    assert.ok(times.length > 0);
    for (const [iso, shown] of times) {
      const want = await page.evaluate((iso) => new Intl.DateTimeFormat('de', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Berlin' }).format(new Date(iso)), iso);
      assert.equal(shown, want, iso);
    }
    // An article page: German chrome, the article keeps its own language on its text.
    await page.locator('.card__title a').first().click();
    await page.waitForURL(/\/article\//);
    await assertGermanChrome(page);
    assert.match(await page.title(), / · Die Morgenpost$/);
    assert.equal(await page.getAttribute('meta[name="twitter:site"]', 'content'), '@morgenpost');
    assert.equal(await page.getAttribute('meta[property="og:site_name"]', 'content'), 'Die Morgenpost');
    assert.ok((await page.locator('.article__back').textContent()).includes(de['article.back'].replace(/^← /, '')));
    await page.context().close();
  });

  test(`German site, app at ${size.width}px: German UI, accent colours, about page, no axe findings`, async () => {
    const page = await openPage(browser, { ...size, bypassCSP: true });
    await page.goto(servers.de.url);
    await appReady(page);
    await assertGermanChrome(page);
    assert.equal(await page.title(), 'Die Morgenpost');
    // A page is 12 cards: the feed grows by 12 at a time (on a phone the next page may
    // already have come by itself, the end of the first being in view).
    const first = await page.locator('[data-testid=article-card]').count();
    assert.ok(first === 12 || (size.width < 1280 && first === 24), `page_size = 12, got ${first}`);
    if (first === 12) {
      await page.locator('[data-testid=load-more]').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=article-card]').length === 24);
    }
    const card = page.locator('[data-testid=article-card]').first();
    assert.ok((await card.locator('[data-testid=save-toggle]').textContent()).includes(de['card.save']));
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim().toLowerCase());
    assert.equal(accent, '#a0142a');
    assert.deepEqual(await axe(page), [], 'feed, light theme');
    await page.locator('[data-testid=theme-toggle]').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const dark = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim().toLowerCase());
    assert.equal(dark, '#ff9eae');
    assert.deepEqual(await axe(page), [], 'feed, dark theme');
    await page.locator('[data-testid=theme-toggle]').click();
    // The about page: a route of the app, and a page of its own on reload.
    await page.locator('.site-footer:visible').getByRole('link', { name: de['site.about'], exact: true }).click();
    await page.waitForURL(/\/about$/);
    await page.getByRole('heading', { name: 'Über die Morgenpost' }).waitFor();
    assert.deepEqual(await axe(page), [], 'about page');
    await page.reload();
    await page.getByRole('heading', { name: 'Über die Morgenpost' }).first().waitFor();
    await shot(page, `site-de-about-${size.width}`);
    // An article, the saved list and an unknown page, in German, without axe findings.
    await page.goto(servers.de.url);
    await appReady(page);
    await page.locator('[data-testid=card-link]').first().click();
    await page.waitForSelector('[data-testid=article-body]');
    assert.ok((await page.locator('[data-testid=reading-time]').textContent()).length > 0);
    assert.ok((await page.locator('[data-testid=share-button]').textContent()).includes(de['article.share']));
    assert.deepEqual(await axe(page), [], 'article page');
    await page.goto(`${servers.de.url}saved`);
    await page.waitForSelector('[data-testid=saved-page], .saved');
    assert.deepEqual(await axe(page), [], 'saved page');
    await page.goto(`${servers.de.url}nowhere/at/all`);
    await page.waitForSelector('[data-testid=not-found]');
    assert.ok((await page.locator('[data-testid=not-found]').textContent()).includes(de['not_found.page']));
    assert.deepEqual(await axe(page), [], 'not found');
    await shot(page, `site-de-${size.width}`);
    assertClean(page);
    await page.context().close();
  });
}

test('German site: feeds, manifest and icons carry the configuration', async () => {
  const read = (f) => fs.readFileSync(path.join(DIST_DE, f), 'utf8');
  const rss = read('feed.xml');
  assert.match(rss, /<channel><title>Die Morgenpost<\/title>/);
  assert.match(rss, /<language>de<\/language>/);
  assert.match(rss, /<description>Nachrichten aus aller Welt, im Browser gelesen\.<\/description>/);
  assert.ok((rss.match(/<item>/g) || []).length <= 20, 'feed_items = 20');
  assert.match(read('atom.xml'), /<title>Die Morgenpost<\/title>/);
  assert.equal(JSON.parse(read('feed.json')).title, 'Die Morgenpost');
  const tagFeed = fs.readdirSync(path.join(DIST_DE, 'feeds/tag'))[0];
  assert.match(read(`feeds/tag/${tagFeed}`), /<title>Die Morgenpost [—–] /);
  const manifest = JSON.parse(read('manifest.webmanifest'));
  assert.equal(manifest.name, 'Die Morgenpost');
  assert.equal(manifest.lang, 'de');
  // Icons from the logo: the right sizes, the logo's red in the middle, unlike the stock ones.
  const page = await openPage(browser);
  await page.goto(servers.de.url);
  for (const [file, size] of [['icons/favicon-32.png', 32], ['icons/icon-192.png', 192], ['icons/icon-512.png', 512], ['icons/apple-touch-icon.png', 180]]) {
    const [w, h, r, g, b] = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      // Above the white bar, inside the disc.
      const px = ctx.getImageData(Math.floor(c.width * 0.5), Math.floor(c.height * 0.25), 1, 1).data;
      return [img.naturalWidth, img.naturalHeight, px[0], px[1], px[2]];
    }, `${servers.de.url}${file}`);
    assert.deepEqual([w, h], [size, size], file);
    assert.ok(r > 120 && g < 80 && b < 90, `${file}: the logo's red, got ${r},${g},${b}`);
  }
  assert.notDeepEqual(fs.readFileSync(path.join(DIST_DE, 'icons/favicon-32.png')), fs.readFileSync(path.join(DIST_ROOT, 'icons/favicon-32.png')));
  await page.context().close();
});

for (const size of WIDTHS) {
  test(`Arabic site at ${size.width}px: right to left, Arabic UI, no axe findings in either theme`, async () => {
    for (const javaScriptEnabled of [false, true]) {
      const page = await openPage(browser, { ...size, javaScriptEnabled, bypassCSP: true });
      await page.goto(servers.ar.url);
      if (javaScriptEnabled) await appReady(page);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      const header = page.locator('.site-header:visible').first();
      assert.equal((await header.locator('.site-header__name').textContent()).trim(), 'الصحيفة');
      assert.equal(await header.locator('input[type=search]').getAttribute('placeholder'), ar['site.search_label']);
      // Mirrored: the masthead starts at the right edge, the first card's text is right-aligned.
      const brand = await header.locator('.site-header__brand').boundingBox();
      assert.ok(brand.x + brand.width > size.width * 0.6, `brand at ${brand.x}+${brand.width}`);
      const meta = page.locator('.card__meta:visible').first();
      assert.equal(await meta.evaluate((el) => getComputedStyle(el).direction), 'rtl');
      const box = await page.locator('.card:visible').first().boundingBox();
      const kicker = await page.locator('.card:visible .card__kicker').first().boundingBox();
      assert.ok(kicker.x + kicker.width > box.x + box.width - 40, 'the kicker starts at the card\'s right');
      if (javaScriptEnabled) {
        assert.deepEqual(await axe(page), [], 'light theme');
        await page.locator('[data-testid=theme-toggle]').click();
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
        assert.deepEqual(await axe(page), [], 'dark theme');
        await shot(page, `site-ar-dark-${size.width}`);
        await page.locator('[data-testid=card-link]').first().click();
        await page.waitForSelector('[data-testid=article-body]');
        assert.deepEqual(await axe(page), [], 'article, dark theme');
        assertClean(page);
      } else {
        await shot(page, `site-ar-static-${size.width}`);
      }
      await page.context().close();
    }
  });
}

test('Japanese site: Japanese UI and dates, no axe findings on its pages', async () => {
  const page = await openPage(browser, { width: 390, height: 844, bypassCSP: true });
  await page.goto(servers.ja.url);
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal(await page.title(), '朝刊ブロードシート');
  const header = page.locator('.site-header:visible').first();
  assert.equal(await header.locator('input[type=search]').getAttribute('placeholder'), ja['site.search_label']);
  assert.deepEqual(await axe(page), [], 'feed');
  await page.locator('[data-testid=card-link]').first().click();
  await page.waitForSelector('[data-testid=article-body]');
  const [iso, shown] = await page.$eval('.article__meta time', (t) => [t.getAttribute('datetime'), t.textContent]);
  // Relative within a week, else the calendar date Intl writes in Tokyo.
  if (!/前|昨日|たった今/.test(shown)) {
    const want = await page.evaluate((iso) => new Intl.DateTimeFormat('ja', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Tokyo' }).format(new Date(iso)), iso);
    assert.equal(shown, want);
  }
  assert.deepEqual(await axe(page), [], 'article');
  await page.goto(`${servers.ja.url}saved`);
  await page.waitForSelector('[data-testid=saved-page], .saved');
  assert.deepEqual(await axe(page), [], 'saved');
  assertClean(page);
  await page.context().close();
});

test('axe finds nothing on the English pages nor on the notice listing rejected articles', async () => {
  const page = await openPage(browser, { width: 390, height: 844, bypassCSP: true });
  for (const route of ['', 'saved', 'nowhere']) {
    await page.goto(`${servers.en.url}${route}`);
    await page.waitForSelector('[data-testid=feed] [data-testid=article-card], [data-testid=not-found], [data-testid=saved-page], .saved');
    assert.deepEqual(await axe(page), [], route || 'feed');
  }
  await page.goto(servers.hostile.url);
  await page.waitForSelector('[data-testid=problems-notice]');
  await page.locator('[data-testid=problems-notice] summary').click();
  assert.deepEqual(await axe(page), [], 'the notice, open');
  await page.context().close();
});

/** Runs `cargo xtask dist --config FILE` and returns its status and error output. */
function distWith(config) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-config-'));
  const file = path.join(dir, 'broadsheet.toml');
  fs.writeFileSync(file, config);
  const run = spawnSync('cargo', ['run', '--quiet', '--profile', 'xtask', '-p', 'xtask', '--', 'dist',
    '--config', file, '--out', path.join(dir, 'out'), '--site-url', 'https://example.org/'], { cwd: path.resolve('..'), encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, stderr: run.stderr, file };
}

test('a bad configuration stops dist with the file, the line and the problem', () => {
  const cases = [
    ['title = "X"\ncolour = "#fff"\n', /broadsheet\.toml:2:1: .*colour/],
    ['title = "X"\naccent = "#12345"\n', /broadsheet\.toml:2:\d+: .*#12345.*colour/],
    ['accent = "#ffff00"\n', /broadsheet\.toml:1:\d+: .*contrast [\d.]+:1.*4\.5:1/],
    ['\nlanguage = "english!"\n', /broadsheet\.toml:2:\d+: .*language/],
  ];
  for (const [config, want] of cases) {
    const { status, stderr } = distWith(config);
    assert.notEqual(status, 0, config);
    assert.match(stderr, want, `${config} -> ${stderr}`);
    assert.ok(!/panicked/.test(stderr), stderr);
  }
});
