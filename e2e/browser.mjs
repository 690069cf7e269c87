// Launches Debian's Chromium through playwright-core and records console errors.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Launches the browser. */
export function launch(options = {}) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options });
}

/**
 * Opens a page that collects console errors and page errors into `page.problems`.
 * Failed loads of remote cover images are expected offline (the placeholder covers
 * them), so errors about resources from other hosts are ignored.
 */
export async function openPage(browser, { width = 1280, height = 900, javaScriptEnabled = true, bypassCSP = false, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled, bypassCSP, serviceWorkers });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url || '';
    if (where && !where.startsWith('http://127.0.0.1')) return;
    if (/Failed to load resource/.test(msg.text()) && /images\.example\.com/.test(where)) return;
    page.problems.push(`console: ${msg.text()} @ ${where}`);
  });
  page.on('requestfailed', (r) => {
    // Requests cancelled by leaving the page (ERR_ABORTED) are not failures.
    const why = r.failure()?.errorText || '';
    if (r.url().startsWith('http://127.0.0.1') && !/ERR_ABORTED/.test(why)) page.problems.push(`requestfailed: ${r.url()} ${why}`);
  });
  return page;
}
