import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const server = await serve({ '/': process.argv[2] });
const page = await (await browser.newContext({ viewport: { width: 412, height: 823 } })).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
await page.goto(server.origin + process.argv[3]);
await page.waitForTimeout(6000);
const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const nav = ev.find((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser');
const tasks = ev.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur > 30000);
const mainTid = tasks.length ? tasks.sort((a,b)=>b.dur-a.dur)[0].tid : 0;
for (const t of tasks.filter((t) => t.tid === mainTid).sort((a, b) => a.ts - b.ts)) {
  const kids = ev.filter((e) => e.tid === t.tid && e.pid === t.pid && e.ph === 'X' && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 5000 && e !== t);
  console.log(((t.ts - tasks[0].ts) / 1000).toFixed(0).padStart(6), (t.dur / 1000).toFixed(1).padStart(7), kids.slice(0, 8).map((k) => `${k.name}${k.args?.data?.functionName ? ':' + k.args.data.functionName : ''}${k.args?.data?.url ? ':' + k.args.data.url.split('/').pop().slice(0,30) : ''}(${(k.dur / 1000).toFixed(0)})`).join(' '));
}

const big = tasks.filter((t) => t.tid === mainTid).sort((a, b) => b.dur - a.dur);
for (const t of big.slice(0, 3)) {
  const agg = new Map();
  for (const e of ev) if (e.tid === t.tid && e.pid === t.pid && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur||0) <= t.ts + t.dur && e !== t) agg.set(e.name, (agg.get(e.name) || 0) + (e.dur || 0));
  console.log('task', (t.dur/1000).toFixed(0), [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, d]) => `${n}=${(d / 1000).toFixed(1)}`).join(' '));
}
await browser.close(); await server.close();
