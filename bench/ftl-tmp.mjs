// temp: timeline of one warm filter click (not committed)
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const dist = process.argv[2];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const server = await serve({ '/': dist });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${server.origin}/`);
await page.waitForSelector('[data-testid=article-card] .chip--tag', { timeout: 120000 });
await page.waitForTimeout(500);
const click = async () => page.evaluate(() => new Promise((res) => {
  const mo = new MutationObserver(() => { performance.mark('bench-changed'); mo.disconnect(); });
  mo.observe(document.body, { childList: true, subtree: true });
  performance.mark('bench-click');
  document.querySelector('[data-testid=article-card] .chip--tag').click();
  setTimeout(res, 1500);
}));
for (let i = 0; i < 3; i++) {
  await click();
  await page.goBack();
  await page.waitForFunction(() => !location.search && document.querySelector('[data-testid=article-card] .chip--tag'));
  await page.waitForTimeout(500);
}
await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'] });
await click();
const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const mark = (n) => ev.find((e) => e.name === n);
const c = mark('bench-click'), ch = mark('bench-changed');
const paint = ev.filter((e) => e.name === 'Paint' && e.ph === 'X' && e.pid === ch.pid && e.ts >= ch.ts).sort((a, b) => a.ts - b.ts)[0];
const end = paint.ts + paint.dur;
const main = ev.filter((e) => e.ph === 'X' && e.tid === ch.tid && e.pid === ch.pid && e.ts >= c.ts - 100 && e.ts < end && e.dur > 40).sort((a, b) => a.ts - b.ts);
for (const e of main) console.log(((e.ts - c.ts) / 1000).toFixed(2).padStart(7), (e.dur / 1000).toFixed(2).padStart(6), e.name, JSON.stringify(e.args?.data || e.args || {}).slice(0, 160));
console.log('total', (end - c.ts) / 1000, 'changed', (ch.ts - c.ts) / 1000);
await browser.close(); await server.close();
