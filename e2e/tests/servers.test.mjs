// The site behind real web servers, configured exactly as docs/DEPLOY.md says: Debian's
// nginx and Caddy, at a domain's root (DIST_ROOT) and under /news/ (DIST_SUB). For each:
// the front page and a deep link answer 200 and run the app (reload included) with no
// console errors under the served Content-Security-Policy; an unknown path answers 404
// with the site's 404.html; `.wasm` is `application/wasm`; the headers `_headers` gives
// (the policy, nosniff, referrer policy, cache rules) are what the server sends; and the
// precompressed copies of the hashed Wasm are sent as they are to browsers that accept
// them. The servers are installed with apt when missing; where that cannot be done (not
// root, not Debian) these tests skip and say why.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { DIST_ROOT, DIST_SUB, launch, openPage, assertClean } from '../helpers.mjs';
import { ensureServers, startNginx, startCaddy, get, headerRules, headersFor } from '../servers.mjs';

const available = ensureServers();

/** The hashed Wasm file of a site (a shell asset: it has .br/.gz copies in every build). */
function hashedWasm(dist) {
  const name = fs.readdirSync(dist).find((f) => /^broadsheet-[0-9a-f]+_bg\.wasm$/.test(f));
  assert.ok(name, `a hashed .wasm in ${dist}`);
  return name;
}

const DEPLOYS = [
  { server: 'nginx', config: 'nginx-root', dist: DIST_ROOT, mount: '/' },
  { server: 'nginx', config: 'nginx-news', dist: DIST_SUB, mount: '/news/' },
  { server: 'caddy', config: 'caddy-root', dist: DIST_ROOT, mount: '/' },
  { server: 'caddy', config: 'caddy-news', dist: DIST_SUB, mount: '/news/' },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const deploy of DEPLOYS) {
  const { server, config, dist, mount } = deploy;
  const skip = available[server] === true ? false : available[server];
  describe(`${server} as docs/DEPLOY.md configures it (${config})`, { skip }, () => {
    let site;
    const rules = headerRules(dist);
    // Any article page the build wrote (the list files' layout is not this test's business).
    const slug = fs.readdirSync(path.join(dist, 'article')).sort()[0];
    const wasm = hashedWasm(dist);
    // Without the nginx brotli module, nginx runs the documented block minus
    // `brotli_static` (as the docs say) and only gzip is checked for it.
    const brotli = server === 'caddy' || available.brotli === true;

    before(async () => {
      if (server === 'nginx' && !brotli) console.log(`# ${available.brotli}: brotli_static left out`);
      site = server === 'nginx'
        ? await startNginx(config, { dist, mount, brotli })
        : await startCaddy(config, { dist, mount });
    });
    after(async () => { await site?.close(); });

    /** Asserts the response carries what `_headers` gives for `pathname`. */
    function assertHeaders(res, pathname) {
      const want = headersFor(rules, pathname);
      assert.ok(want['content-security-policy'], `_headers has a policy for ${pathname}`);
      for (const [name, value] of Object.entries(want)) {
        assert.equal(res.headers[name], value, `${name} of ${pathname}`);
      }
    }

    test('front page and deep link answer 200 with the headers of _headers', async () => {
      for (const pathname of [mount, `${mount}article/${slug}`, `${mount}article/${slug}/`]) {
        const res = await get(new URL(pathname, site.url).href);
        assert.equal(res.status, 200, pathname);
        assert.match(res.headers['content-type'], /^text\/html/, pathname);
        assert.match(res.body.toString(), /id="prerendered"/, pathname);
        assertHeaders(res, pathname);
      }
      const cover = fs.readdirSync(path.join(dist, 'covers'))[0];
      if (cover) {
        const dir = path.join(dist, 'covers', cover);
        const file = fs.statSync(dir).isDirectory() ? `${cover}/${fs.readdirSync(dir)[0]}` : cover;
        const res = await get(new URL(`${mount}covers/${file}`, site.url).href);
        assert.equal(res.status, 200);
        assertHeaders(res, `${mount}covers/${file}`);
      }
    });

    test('an unknown path answers 404 with the site\'s 404.html', async () => {
      const pathname = `${mount}no/such/page`;
      const res = await get(new URL(pathname, site.url).href);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, fs.readFileSync(path.join(dist, '404.html')));
      assert.equal(res.headers['content-security-policy'], headersFor(rules, pathname)['content-security-policy']);
    });

    test('.wasm is application/wasm, and its .br/.gz copies are sent as they are', async () => {
      const pathname = `${mount}${wasm}`;
      const url = new URL(pathname, site.url).href;
      const plain = await get(url);
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-type'], 'application/wasm');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.body, fs.readFileSync(path.join(dist, wasm)));
      assertHeaders(plain, pathname);
      const encodings = [['gzip', '.gz'], ...(brotli ? [['br', '.br']] : [])];
      for (const [encoding, ext] of encodings) {
        const copy = path.join(dist, wasm + ext);
        assert.ok(fs.existsSync(copy), `${wasm}${ext} is written for a shell asset`);
        const res = await get(url, { 'accept-encoding': encoding });
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-encoding'], encoding);
        assert.equal(res.headers['content-type'], 'application/wasm');
        assert.deepEqual(res.body, fs.readFileSync(copy), `the bytes of ${wasm}${ext}`);
      }
    });

    test('the app runs under the served policy: front page, deep link, reload, not found', async () => {
      const page = await openPage(browser, { width: 390, height: 844, serviceWorkers: 'block' });
      try {
        await page.goto(site.url);
        await page.waitForSelector('#app [data-testid=article-card]');
        await page.goto(new URL(`${mount}article/${slug}`, site.url).href);
        await page.waitForSelector('#app [data-testid=article-title]');
        await page.reload();
        await page.waitForSelector('#app [data-testid=article-title]');
        const missing = await page.goto(new URL(`${mount}no/such/page`, site.url).href);
        assert.equal(missing.status(), 404);
        await page.waitForSelector('[data-testid=not-found]');
        // The 404 itself is the one expected failed request.
        page.problems = page.problems.filter((p) => !/status of 404/.test(p));
        assertClean(page);
      } finally {
        await page.context().close();
      }
    });
  });
}
