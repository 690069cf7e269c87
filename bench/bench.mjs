// In-browser benchmarks for `cargo xtask bench`: parse throughput (Wasm core vs the JS
// stack), first card and LCP against a static page, filter latency, and Lighthouse.
// Usage: node bench.mjs CONFIG.json   (written by xtask; see xtask/src/bench.rs)
// Writes the JSON result to config.out. Prints progress on stderr only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROME = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
// The hashed file-name rules come from xtask (xtask/src/asset_names.rs), never restated here.
const SERVE_OPTIONS = { immutable: config.asset_names.immutable };
const log = (...a) => console.error('bench:', ...a);
// Samples that could not be taken (null) are left out, not counted as 0.
const median = (v) => { const s = v.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const medians = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));

function contentFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

// ---------------------------------------------------------------- 1. parse throughput
/** Native timings of the same parse (`cargo xtask bench --native-parse`, this bench's own
 * release build), taken right before and after the browser times a site, so that both
 * sides of "Wasm / native" see the same load on the machine; null when not configured. */
function nativeParse(site, runs) {
  if (typeof config.native_parse !== 'string') return null;
  const r = spawnSync(config.native_parse, ['bench', '--native-parse', site.content, '--runs', String(runs)], { encoding: 'utf8', timeout: 300_000 });
  try {
    if (r.status !== 0) throw new Error(r.error?.message ?? r.signal ?? r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch (e) {
    // The table then falls back on the native figures taken before the browser started.
    log(`native parse of ${site.name} failed, left out: ${e.message}`);
    return null;
  }
}

async function parseBench(browser) {
  const work = config.page_dir;
  fs.mkdirSync(work, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(HERE, 'js-stack.mjs')], bundle: true, format: 'esm', platform: 'browser',
    inject: [path.join(HERE, 'buffer-shim.mjs')], outfile: path.join(work, 'js-stack.js'), minify: true, logLevel: 'warning',
  });
  fs.copyFileSync(path.join(HERE, 'parse-page.html'), path.join(work, 'index.html'));
  for (const s of config.sites) fs.writeFileSync(path.join(work, `files-${s.name}.json`), JSON.stringify(contentFiles(s.content)));
  const server = await serve({ '/': work }, SERVE_OPTIONS);
  const page = await (await browser.newContext()).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(`${server.origin}/index.html`);
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 })
      .catch((e) => { throw new Error(`parse page did not start: ${problems.join('; ') || e.message}`); });
    const out = {};
    for (const s of config.sites) {
      // Lean at 10k (the budget is ~15 minutes on 2 cores): 3 runs, and all-opt-level-3 only
      // on the smaller sites.
      const big = s.articles >= 5000;
      const runs = big ? Math.min(config.runs, 3) : config.runs;
      const variants = big ? ['app'] : ['app', 'o3'];
      log(`parse ${s.name} (${runs} runs, Wasm ${variants.join(' + ')})`);
      const before = nativeParse(s, runs);
      const r = await page.evaluate(({ site, runs, variants }) => window.runParse(site, runs, variants), { site: s.name, runs, variants });
      const after = nativeParse(s, runs);
      out[s.name] = { files: r.files, bytes: r.bytes, reps_per_sample: r.reps, runs, median_ms: medians(r.samples), samples_ms: r.samples, checks: r.checks,
        native_around: before && after ? { before, after } : null };
      fs.rmSync(path.join(work, `files-${s.name}.json`));
    }
    log('pathological markdown in Wasm');
    out.pathological_wasm = await page.evaluate((runs) => window.runPathological(runs), config.runs)
      .catch((e) => ({ error: e.message }));
    if (problems.length) out.problems = problems;
    return out;
  } finally {
    await page.context().close();
    await server.close();
  }
}

// ---------------------------------------------------------- 3. first card and LCP
/** A plain static page with the same first cards: the prerendered index.html without scripts. */
function writeStaticBaseline(dist) {
  let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>/g, '')
    .replace(/<article class="card"/g, '<article class="card" data-testid="article-card"');
  fs.writeFileSync(path.join(dist, 'bench-static.html'), html);
  for (const ext of ['.br', '.gz']) fs.rmSync(path.join(dist, `bench-static.html${ext}`), { force: true });
}

// The first card is the first `article.card` on screen: the prerendered copy's, which
// the app keeps showing until its own cards are ready, or the app's. `app` is when the
// app's own (interactive) cards are in place.
const OBSERVE = () => {
  const b = (window.__bench = { lcp: 0, lcpSize: 0, seen: 0, card: 0, app: 0 });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) { b.lcp = e.startTime; b.lcpSize = e.size; } })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  const visibleCard = () => [...document.querySelectorAll('article.card')].some((c) => c.getClientRects().length > 0);
  const check = () => {
    if (!b.seen && visibleCard()) {
      b.seen = performance.now();
      // The frame that shows the card: rAF runs before that paint, the task after it.
      requestAnimationFrame(() => setTimeout(() => { b.card = performance.now(); }, 0));
    }
    const app = document.querySelector('[data-testid=article-card]');
    if (!b.app && app && app.getClientRects().length > 0) b.app = performance.now();
    if (b.seen && b.app) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
};

async function loadOnce(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.addInitScript(OBSERVE);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.card > 0 && window.__bench.app > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate((splitModule) => {
    const b = window.__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    let before = { html: nav.encodedBodySize, data: 0, shell: 0, other: 0 };
    // Split modules are not in the shell because the feed should never need them; this
    // says whether it did, up to its own cards. Which files they are is xtask's rule
    // (xtask/src/asset_names.rs), handed over in config.asset_names.
    const isSplitModule = new RegExp(splitModule);
    let splitModules = 0;
    for (const e of performance.getEntriesByType('resource')) {
      if (isSplitModule.test(e.name) && e.responseEnd <= b.app) splitModules += e.encodedBodySize;
      if (e.responseEnd > b.seen) continue;
      const u = new URL(e.name);
      const kind = u.pathname.includes('/data/') ? 'data' : /\.(js|wasm|css)$/.test(u.pathname) ? 'shell' : 'other';
      before[kind] += e.encodedBodySize;
    }
    return { first_card_ms: b.card, card_in_dom_ms: b.seen, app_cards_ms: b.app, lcp_ms: b.lcp, lcp_size: b.lcpSize, fcp_ms: fcp, bytes_before_first_card: before, split_modules_before_app_cards: splitModules };
  }, config.asset_names.split_module);
  await ctx.close();
  return r;
}

/** In-memory filter clicks measured per page load (see `filterBench`). */
const WARM_CLICKS = 3;
const runsFor = (site) => (site.articles >= 5000 ? Math.min(config.runs, 3) : config.runs);

async function firstCardBench(browser, site, server) {
  const runs = runsFor(site);
  const app = [], stat = [];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
    for (const which of order) {
      const url = which === 'app' ? `${server.origin}/` : `${server.origin}/bench-static.html`;
      (which === 'app' ? app : stat).push(await loadOnce(browser, url));
    }
  }
  const med = (rows, k) => median(rows.map((x) => x[k]));
  const summary = (rows) => ({
    first_card_ms: med(rows, 'first_card_ms'), card_in_dom_ms: med(rows, 'card_in_dom_ms'), app_cards_ms: med(rows, 'app_cards_ms'), lcp_ms: med(rows, 'lcp_ms'), fcp_ms: med(rows, 'fcp_ms'),
    bytes_before_first_card: rows[0].bytes_before_first_card,
    split_modules_before_app_cards: Math.max(...rows.map((x) => x.split_modules_before_app_cards)),
  });
  const a = summary(app), s = summary(stat);
  return { runs, app: a, static: s, ratio_first_card: a.first_card_ms / s.first_card_ms, ratio_lcp: a.lcp_ms / s.lcp_ms, samples: { app, static: stat } };
}

// ---------------------------------------------------------------- 4. filter click
/** Milliseconds from the `bench-click` mark to the end of the first main-thread paint
 * that starts after a mark named `after` (its last one when there are several), from
 * trace events; null when missing. */
function paintAfter(events, after) {
  const marks = (name) => events.filter((e) => e.name === name && e.cat?.includes('blink.user_timing')).sort((a, b) => a.ts - b.ts);
  const click = marks('bench-click')[0], changed = marks(after).pop();
  if (!click || !changed) return null;
  const paint = events
    .filter((e) => e.name === 'Paint' && e.ph === 'X' && e.pid === changed.pid && e.ts >= changed.ts)
    .sort((a, b) => a.ts - b.ts)[0];
  return paint ? (paint.ts + (paint.dur || 0) - click.ts) / 1000 : null;
}

async function filterBench(browser, site, server) {
  const runs = runsFor(site);
  const rows = [];
  for (let r = 0; r < runs; r++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('[data-testid=article-card] .chip--tag', { timeout: 120_000 });
    await page.waitForTimeout(500);
    const measureIn = (mode) => page.evaluate((mode) => new Promise((resolve) => {
      const before = document.querySelectorAll('[data-testid=article-card]').length;
      // `first_painted`: the frame that first shows new cards (the feed builds the first
      // rows at once and the rest right after); `painted`: the frame after the last change.
      let last = 0, painted = 0, n = 0, firstPainted = 0;
      // Only changes to the set of cards count for the filter (covers failing to load
      // offline also mutate the DOM, thousands of times at 10k).
      const isCard = (x) => x.nodeType === 1 && (x.matches('[data-testid=article-card]') || x.querySelector('[data-testid=article-card]'));
      const mo = new MutationObserver((records) => {
        if (mode === 'filter' && !records.some((r) => [...r.addedNodes, ...r.removedNodes].some(isCard))) return;
        n++; last = performance.now();
        const isFirst = n === 1;
        if (isFirst) performance.mark('bench-changed');
        performance.mark('bench-cards-changed');
        requestAnimationFrame(() => setTimeout(() => { painted = performance.now(); if (isFirst) firstPainted = painted; }, 0));
      });
      mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const chip = document.querySelector('[data-testid=article-card] .chip--tag');
      performance.mark('bench-click');
      const t0 = performance.now();
      if (mode === 'filter') chip.click();
      else document.body.appendChild(document.createElement('span')); // one trivial DOM change: the frame baseline
      const check = () => {
        const timedOut = performance.now() - t0 > 90_000;
        if ((last && painted >= last && performance.now() - last > 400) || timedOut) {
          mo.disconnect();
          resolve({ timer_ms: painted - t0, first_task_after_frame_ms: firstPainted - t0, dom_settled_ms: last - t0, mutation_batches: n, cards_before: before,
            cards_after: document.querySelectorAll('[data-testid=article-card]').length, query: location.search, tag: chip.textContent.trim(), timed_out: timedOut });
        } else setTimeout(check, 50);
      };
      setTimeout(check, 50);
    }), mode);
    // `first_painted_ms` and `ms` come from a trace: the end of the main thread's paint
    // of the first frame after the first change to the cards, and after the last one. A
    // timeout queued from a frame's animation callback (`first_task_after_frame_ms`,
    // `timer_ms`) runs after the paint, but also after any task queued before it (the
    // rest of a page of cards, the chart's new bars drawn after the cards' frame).
    const measure = async (mode) => {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
      let r;
      try {
        r = await measureIn(mode);
      } finally {
        const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
        const ms = paintAfter(events, 'bench-cards-changed');
        r = { ...r, first_painted_ms: paintAfter(events, 'bench-changed'), ms };
      }
      return r;
    };
    const base = await measure('frame');
    const filt = await measure('filter');
    // The same click again once its list page is in memory ("once data is loaded"),
    // WARM_CLICKS times per page load: one click's frame varies by several ms from run to
    // run on a small machine, and page loads at 10k are too slow to repeat that often.
    const warm = [];
    for (let w = 0; w < WARM_CLICKS; w++) {
      await page.goBack();
      await page.waitForFunction(() => !location.search && document.querySelector('[data-testid=article-card] .chip--tag'));
      await page.waitForTimeout(300);
      warm.push(await measure('filter'));
    }
    rows.push({ frame: base, filter: filt, warm });
    await ctx.close();
  }
  const filter_ms = median(rows.map((x) => x.filter.ms));
  const frame_ms = median(rows.map((x) => x.frame.ms));
  const warm = rows.flatMap((x) => x.warm);
  return { runs, warm_clicks: warm.length, filter_ms, filter_warm_ms: median(warm.map((x) => x.ms)),
    filter_first_painted_ms: median(rows.map((x) => x.filter.first_painted_ms)), filter_warm_first_painted_ms: median(warm.map((x) => x.first_painted_ms)),
    filter_first_task_after_frame_ms: median(rows.map((x) => x.filter.first_task_after_frame_ms)),
    filter_warm_first_task_after_frame_ms: median(warm.map((x) => x.first_task_after_frame_ms)),
    dom_settled_ms: median(rows.map((x) => x.filter.dom_settled_ms)), frame_baseline_ms: frame_ms,
    ratio_to_frame: filter_ms / frame_ms, cards_before: rows[0].filter.cards_before, cards_after: rows[0].filter.cards_after,
    tag: rows[0].filter.tag, query: rows[0].filter.query, samples: rows };
}

// ---------------------------------------------------------------- 5. Lighthouse
async function lighthouse(url, name) {
  const out = path.join(config.out_dir, `lighthouse-${name}.json`);
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lh-'));
  const flags = `--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${userDir}`;
  const t0 = Date.now();
  try {
    // Asynchronous: the server answering Lighthouse runs in this very process.
    await promisify(execFile)(process.execPath, [path.join(HERE, 'node_modules/lighthouse/cli/index.js'), url, '--quiet', '--output=json', `--output-path=${out}`,
      `--chrome-flags=${flags}`, '--only-categories=performance,accessibility,best-practices,seo', '--form-factor=mobile', '--max-wait-for-load=60000'],
    { env: { ...process.env, CHROME_PATH: CHROME }, timeout: 240_000, maxBuffer: 64 << 20 });
  } catch (e) {
    return { url, error: `${e.message}`.slice(-1500) + String(e.stderr || '').slice(-1500) };
  } finally {
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  log(`lighthouse ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const lhr = JSON.parse(fs.readFileSync(out, 'utf8'));
  const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
  const num = (a) => lhr.audits[a]?.numericValue ?? null;
  const failed = (c) => (lhr.categories[c]?.auditRefs || []).filter((r) => r.weight > 0 && lhr.audits[r.id]?.score !== null && lhr.audits[r.id]?.score < 1).map((r) => r.id);
  return {
    url, report: out,
    scores: { performance: score('performance'), accessibility: score('accessibility'), best_practices: score('best-practices'), seo: score('seo') },
    metrics_ms: { fcp: num('first-contentful-paint'), lcp: num('largest-contentful-paint'), tbt: num('total-blocking-time'), si: num('speed-index'), cls: num('cumulative-layout-shift') },
    failing_audits: { performance: failed('performance'), accessibility: failed('accessibility'), best_practices: failed('best-practices'), seo: failed('seo') },
    details: Object.fromEntries(['errors-in-console', 'crawlable-anchors', 'largest-contentful-paint-element', 'layout-shifts', 'bootup-time']
      .filter((a) => lhr.audits[a]?.details?.items?.length)
      .map((a) => [a, lhr.audits[a].details.items.slice(0, 5).map((i) => i.description || i.url || i.source?.url || i.node?.snippet || i.node?.selector || (i.items ? JSON.stringify(i.items).slice(0, 300) : JSON.stringify(i).slice(0, 300)))])),
    runtime_error: lhr.runtimeError?.message,
  };
}

// ---------------------------------------------------------------- main
const result = { chromium: execFileSync(CHROME, ['--version']).toString().trim(), runs: config.runs };
const browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
try {
  if (!config.skip_parse) result.parse = await parseBench(browser);
  result.first_card = {};
  result.filter = {};
  for (const s of config.sites) {
    writeStaticBaseline(s.dist);
    const server = await serve({ '/': s.dist }, SERVE_OPTIONS);
    try {
      log(`first card ${s.name}`);
      if (!config.skip_first_card) result.first_card[s.name] = await firstCardBench(browser, s, server);
      if (config.filter_sites.includes(s.name)) {
        log(`filter ${s.name}`);
        result.filter[s.name] = await filterBench(browser, s, server);
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
result.lighthouse = {};
for (const s of config.sites.filter((x) => config.lighthouse_sites.includes(x.name))) {
  const server = await serve({ '/': s.dist }, SERVE_OPTIONS);
  try {
    const first = JSON.parse(fs.readFileSync(path.join(s.dist, 'data/feed/all/head.json'), 'utf8'));
    const pages = { feed: '/', article: `/article/${first.entries[0].slug}/`, static_baseline: '/bench-static.html' };
    result.lighthouse[s.name] = {};
    for (const [name, p] of Object.entries(pages)) {
      if (s.name !== 'sample' && name === 'article') continue;
      log(`lighthouse ${s.name} ${name}`);
      result.lighthouse[s.name][name] = await lighthouse(`${server.origin}${p}`, `${s.name}-${name}`);
    }
  } finally {
    await server.close();
  }
}
fs.writeFileSync(config.out, JSON.stringify(result, null, 2));
log(`wrote ${config.out}`);
