// A small static file server for the end-to-end tests, with two behaviours:
//  - "spa":   unknown paths answer 200 with index.html (Netlify-style rewrite);
//  - "pages": files as they are, `dir/` -> `dir/index.html`, misses answer 404 with
//             404.html (GitHub Pages semantics, no rewrite rules).
// It can serve the site under a sub-path (`mount`), like a project page.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** Content types by extension, shared with bench/server.mjs. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

/** The file a request path names under `root` (`dir/` -> `dir/index.html`), or null. */
export function fileFor(root, rel) {
  const full = path.join(root, rel);
  if (!full.startsWith(root)) return null;
  try {
    const st = fs.statSync(full);
    if (st.isFile()) return full;
    if (st.isDirectory() && fs.existsSync(path.join(full, 'index.html'))) return path.join(full, 'index.html');
  } catch { /* missing */ }
  return null;
}

/** Starts a server; resolves to { url, close }. */
export function serve({ root, mode = 'spa', mount = '/' }) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let pathname = decodeURIComponent(url.pathname);
    const send = (status, file) => {
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      fs.createReadStream(file).pipe(res);
    };
    if (!pathname.startsWith(mount)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('outside the site');
    }
    const rel = pathname.slice(mount.length);
    const found = fileFor(root, rel);
    if (found) return send(200, found);
    if (mode === 'spa') return send(200, path.join(root, 'index.html'));
    return send(404, path.join(root, '404.html'));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${mount}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
