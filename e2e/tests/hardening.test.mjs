// Hostile content (issue 4): a site built from the normal samples plus the hostile corpus
// (e2e/fixtures/hostile, plus crates/core/tests/fixtures/hostile when present). Nothing may execute, nothing may violate the CSP,
// the normal articles all show, and the notice counts the rejected files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertClean, builtIndex, sampleArticles, allCardTitles, DIST_ROOT } from '../helpers.mjs';

const DIST_HOSTILE = process.env.DIST_HOSTILE || path.resolve('../target/e2e/site-hostile');

// Runs before any page script: every way a payload could announce itself.
const TRAPS = () => {
  window.__fired = [];
  // Also told to the test runner when it listens (see `armed`): a link that leaves the
  // page takes the in-page record with it.
  const report = (kind, line) => { window.__reportHostile?.(kind, line); };
  const trip = (what) => (...args) => {
    const line = `${what}: ${String(args[0]).slice(0, 80)}`;
    window.__fired.push(line);
    report('fired', line);
  };
  window.alert = trip('alert');
  window.confirm = trip('confirm');
  window.prompt = trip('prompt');
  // eval itself is not wrapped (Playwright evaluates through it); the CSP forbids it,
  // so a payload's eval shows up as a securitypolicyviolation below.
  Object.defineProperty(window, 'pwned', { set: (v) => trip('pwned')(v), get: () => undefined });
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const line = `${e.violatedDirective} ${e.blockedURI}`;
    window.__csp.push(line);
    report('csp', line);
  });
};

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve({ root: DIST_HOSTILE, mode: 'spa' });
});
after(async () => {
  await server?.close();
  await browser?.close();
});

async function armed(page) {
  // Kept on this side so that what any page reported survives the navigations that
  // clicking hostile links causes.
  page.reported = { fired: [], csp: [] };
  await page.exposeFunction('__reportHostile', (kind, line) => page.reported[kind]?.push(line));
  await page.context().addInitScript(TRAPS);
  // Never leave the site while clicking hostile links.
  await page.route((url) => !url.href.startsWith(server.url), (r) => r.abort());
}

async function assertNothingFired(page) {
  if (page.reported) {
    // A click may have started a navigation just now; reading the page would race it.
    await page.waitForLoadState('load').catch(() => {});
    assert.deepEqual(page.reported.fired, [], 'no payload ran');
    assert.deepEqual(page.reported.csp, [], 'no CSP violation');
    return;
  }
  assert.deepEqual(await page.evaluate(() => window.__fired), [], 'no payload ran');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
}

test('the feed shows every normal article and counts the rejected files', async () => {
  const page = await openPage(browser);
  await armed(page);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=article-card]');
  const titles = await allCardTitles(page);
  for (const a of sampleArticles().filter((x) => !x.draft)) assert.ok(titles.includes(a.title), `normal article shown: ${a.title}`);
  const rejected = builtIndex(DIST_HOSTILE).rejected.length;
  assert.ok(rejected >= 10, `the corpus has many rejected files (${rejected})`);
  const notice = await page.locator('[data-testid=problems-notice] summary').textContent();
  assert.equal(notice, `${rejected} articles could not be shown`);
  await page.locator('[data-testid=problems-notice] summary').click();
  assert.equal(await page.locator('.notice__list li').count(), rejected);
  await page.locator('[data-testid=dismiss-notice]').click();
  assert.equal(await page.locator('[data-testid=problems-notice]').count(), 0);
  // A deep link to a rejected article explains why instead of claiming it never existed.
  const broken = builtIndex(DIST_HOSTILE).rejected.find((r) => r.slug && /publishedAt/.test(r.reason));
  await page.goto(`${server.url}article/${broken.slug}`);
  await page.waitForSelector('[data-testid=article-invalid]');
  assert.ok((await page.locator('[data-testid=article-invalid]').textContent()).includes(broken.file));
  await assertNothingFired(page);
});

test('front-matter outside the plain shape is read in Wasm by serde_yaml, fetched once as a module of its own; a failed fetch is retried by reloading', async () => {
  const YAML_CODE = /\/broadsheet-[0-9a-f]+-yaml_bg\.wasm$/;
  // No service worker: it precaches every module, and this test watches the page's own
  // requests.
  const page = await openPage(browser, { width: 390, height: 844, serviceWorkers: 'block' });
  const fetched = [];
  page.on('response', (r) => { if (YAML_CODE.test(new URL(r.url()).pathname)) fetched.push(r.status()); });
  // The first page of this feed has files only serde_yaml reads: without its module the
  // feed cannot be built, and says so.
  await page.route(YAML_CODE, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=feed-error]');
  assert.match(await page.locator('[data-testid=feed-error]').textContent(), /did not load/);
  await page.unroute(YAML_CODE);
  // "Try again" reloads the page (the module may belong to an older deploy).
  await Promise.all([page.waitForEvent('load'), page.locator('[data-testid=feed-error] button').click()]);
  await page.waitForSelector('[data-testid=article-card]');
  const titles = await allCardTitles(page);
  const built = builtIndex(DIST_HOSTILE).articles;
  assert.equal(titles.length, built.length, 'every accepted article shows, in the plain shape or not');
  assert.ok(fetched.filter((status) => status === 503).length >= 1, `fetches: ${fetched}`);
  assert.deepEqual(fetched.filter((status) => status !== 503), [200], 'serde_yaml\'s module, loaded once for all of them');
  // The failed fetch is reported in the console by the module loader; nothing else may be.
  page.problems = page.problems.filter((p) => !/503|HTTP status code is not ok/.test(p));
  assertClean(page);
});

test('opening every accepted hostile article, hovering headings and clicking links runs nothing', async () => {
  const normal = new Set(builtIndex(DIST_ROOT).articles.map((e) => e.slug));
  const hostile = builtIndex(DIST_HOSTILE).articles.filter((e) => !normal.has(e.slug));
  assert.ok(hostile.length >= 10, `accepted hostile articles: ${hostile.length}`);
  const page = await openPage(browser);
  await armed(page);
  for (const entry of hostile) {
    const here = `${server.url}article/${entry.slug}`;
    const open = async () => {
      await page.goto(here);
      await page.waitForSelector('[data-testid=article-body], [data-testid=body-error]', { state: 'attached' });
      // The app renders hidden behind the prerendered copy until it takes over.
      await page.waitForFunction(() => !document.getElementById('prerendered'));
    };
    await open();
    if (entry === hostile[0]) {
      // The traps and the report back to this side work, or this test could not fail.
      await page.evaluate(() => window.alert('probe'));
      for (let i = 0; i < 50 && page.reported.fired.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(page.reported.fired, ['alert: probe']);
      page.reported.fired.length = 0;
    }
    // A sample of the headings is enough: the pathological article has 5,001 of them,
    // all alike, and hovering each one would take minutes.
    const headings = await page.locator('[data-testid=article] h1, [data-testid=article-body] :is(h1,h2,h3,h4,h5,h6)').all();
    for (const h of headings.slice(0, 20)) {
      await h.hover({ timeout: 2000 }).catch(() => {});
    }
    const body = page.locator('[data-testid=article-body] a');
    const hrefs = await body.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const href of hrefs) assert.match(href ?? '', /^(https?:|mailto:|#|[^:]*$)/i, `allowed scheme: ${href}`);
    // Links are found afresh for each click: a click may leave the page (then it is
    // opened again), and a stale handle would wait for a link that is gone.
    for (let i = 0; i < Math.min(hrefs.length, 20); i += 1) {
      if (!page.url().startsWith(here)) await open();
      await body.nth(i).click({ timeout: 2000 }).catch(() => {});
    }
    await assertNothingFired(page);
  }
  page.problems = page.problems.filter((p) => !/requestfailed|ERR_FAILED|net::/.test(p));
  assertClean(page);
});

test('the shipped Content-Security-Policy is strict and the app runs under it', async () => {
  const html = fs.readFileSync(path.join(DIST_ROOT, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.ok(!/unsafe-inline|'unsafe-eval'/.test(csp), csp);
  for (const part of ["'wasm-unsafe-eval'", "object-src 'none'", 'img-src \'self\' https:', "'sha256-", "base-uri 'none'"]) assert.ok(csp.includes(part), part);
  // The meta policy follows the page's own <base>; a header applies before it, so the
  // header example allows same-origin bases and the meta still forbids any later one.
  const headers = fs.readFileSync(path.join(DIST_ROOT, '_headers'), 'utf8');
  assert.ok(headers.includes(csp.replace("base-uri 'none'", "base-uri 'self'")), '_headers carries the policy');
  assert.ok(html.indexOf('<base ') < html.indexOf('Content-Security-Policy'), 'the site\'s own base comes first');
  for (const file of ['404.html', `article/${builtIndex(DIST_ROOT).articles[0].slug}/index.html`]) {
    assert.ok(fs.readFileSync(path.join(DIST_ROOT, file), 'utf8').includes(csp), `${file} carries the same policy`);
  }
  const rootServer = await serve({ root: DIST_ROOT, mode: 'pages' });
  try {
    const page = await openPage(browser);
    await page.context().addInitScript(TRAPS);
    await page.goto(rootServer.url);
    await page.waitForSelector('[data-testid=article-card]');
    await page.locator('[data-testid=card-link]').first().click();
    await page.waitForSelector('[data-testid=article-body]');
    await assertNothingFired(page);
    assertClean(page);
    // A <base> added later (say, by a payload that got through) is refused, even put
    // first in the document, where it would otherwise take over every relative URL.
    await page.evaluate(() => {
      const b = document.createElement('base');
      b.href = 'https://evil.example/';
      document.head.prepend(b);
    });
    // The violation is reported by an event, some time later.
    await page.waitForFunction(() => window.__csp.some((v) => v.startsWith('base-uri'))).catch(() => {});
    const injected = await page.evaluate(() => ({ after: document.baseURI, csp: window.__csp }));
    assert.ok(!injected.after.startsWith('https://evil.example'), `document base: ${injected.after}`);
    assert.ok(injected.csp.some((v) => v.startsWith('base-uri')), `violation reported: ${injected.csp}`);
  } finally {
    await rootServer.close();
  }
});
