// Broadsheet's service worker: offline reading and a clean switch between deploys.
//
// `cargo xtask dist` writes the build id and the app-shell file list into the two
// placeholders below, so every deploy ships a byte-different worker: the browser
// installs it, it precaches the new shell, takes over at once (skipWaiting +
// clients.claim) and deletes the caches of older deploys, so an old shell never runs
// against new data. Unbuilt (dev server) copies keep the placeholders and only cache
// what they see.
//
//  - navigations (HTML):           network first, cached app shell when offline
//  - hashed js/wasm/css:           cache first (their names change with their content)
//  - data/ (feed heads and pages, articles, id buckets): network first, cached copy when offline
//  - covers, icons, manifest: cache first; a cover that was never cached
//    gets a plain 16:9 placeholder while offline instead of a failed request
'use strict';

const BUILD = '__BROADSHEET_BUILD__';
const SHELL = [/*__BROADSHEET_SHELL__*/];

const PREFIX = 'broadsheet-';
const SHELL_CACHE = `${PREFIX}shell-${BUILD}`;
const DATA_CACHE = `${PREFIX}data-${BUILD}`;
const SCOPE = new URL('./', self.location.href).href;
const FEED = new URL('data/feed/', SCOPE).href;
// What the front page needs first: the site summary and the head of the feed (its newest
// entries; older ones are in numbered pages, data/feed/<list>/<n>.json, page 0 the oldest).
const FIRST_DATA = ['data/feed/meta.json', 'data/feed/all/head.json'].map((f) => new URL(f, SCOPE).href);
// The app's files (`cargo xtask wasm`): glue, Wasm, split loader and split modules.
const HASHED = /(?:^|\/)(?:broadsheet-[0-9a-f]+(?:-[a-z0-9_]+)?(?:_bg\.wasm|\.js)|main-[0-9a-f]+\.css)$/;
const MEDIA = /^(?:covers\/|icons\/|manifest\.webmanifest$)/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL_CACHE);
    await shell.addAll(SHELL.map((f) => new Request(new URL(f, SCOPE).href, { cache: 'reload' })));
    // The front page's data of this very deploy, so the first offline visit has news.
    for (const url of FIRST_DATA) {
      try {
        const res = await fetch(new Request(url, { cache: 'reload' }));
        if (res.ok) await (await caches.open(DATA_CACHE)).put(url, res);
      } catch { /* offline during install: the page's own request will fill it */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const data = await caches.open(DATA_CACHE);
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX) || name === SHELL_CACHE || name === DATA_CACHE) continue;
      if (name.startsWith(`${PREFIX}data-`)) {
        // Keep articles the reader opened or saved: fresh from this deploy when
        // possible, the old copy only when offline. Never old feed pages or shell.
        const old = await caches.open(name);
        for (const req of await old.keys()) {
          if (req.url.startsWith(FEED) || await data.match(req)) continue;
          try {
            const res = await fetch(new Request(req.url, { cache: 'reload' }));
            if (res.ok) { await data.put(req, res); continue; }
            if (res.status === 404) continue; // unpublished since
          } catch { /* offline */ }
          const copy = await old.match(req);
          if (copy) await data.put(req, copy);
        }
      }
      await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request, cacheName, fallback) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request, { ignoreSearch: true })
      || (fallback && await caches.match(fallback));
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request, cacheName, offline) {
  const hit = await caches.match(request);
  if (hit) return hit;
  try {
    const res = await fetch(request);
    if (res.ok) await (await caches.open(cacheName)).put(request, res.clone());
    return res;
  } catch (err) {
    if (offline) return offline();
    throw err;
  }
}

// Covers lazy-load as the reader scrolls, so offline some were never fetched: they get a
// neutral box of the same shape (a network error would be the browser's broken image).
const OFFLINE_COVER = '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 16 9">'
  + '<rect width="16" height="9" fill="#8c8c8c" fill-opacity="0.18"/></svg>';
const offlineCover = () => new Response(OFFLINE_COVER, {
  headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' },
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const rel = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  if (rel === 'sw.js') return;
  if (request.mode === 'navigate') {
    // Any page of the site falls back to the app shell, which routes on the client.
    event.respondWith(networkFirst(request, SHELL_CACHE, new URL('index.html', SCOPE).href));
  } else if (HASHED.test(rel)) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (rel.startsWith('data/')) {
    event.respondWith(networkFirst(request, DATA_CACHE));
  } else if (MEDIA.test(rel)) {
    event.respondWith(cacheFirst(request, DATA_CACHE, rel.startsWith('covers/') ? offlineCover : null));
  }
});
