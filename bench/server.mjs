// Static server for the benchmarks, closer to a production host than e2e/server.mjs:
// serves the `.br` / `.gz` files that `cargo xtask dist` writes beside each text asset
// (Content-Encoding negotiated from Accept-Encoding), compresses other text files on the
// fly (brotli, cached), and sends the cache headers the README recommends. Several
// folders can be mounted on one origin, so the app, the static baseline page and the
// parse page all come from the same server.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { TYPES as E2E_TYPES, fileFor } from '../e2e/server.mjs';

const TYPES = { ...E2E_TYPES, '.mjs': 'text/javascript' };
const TEXT = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.md', '.svg', '.xml', '.txt', '.webmanifest']);
// Larger files without a precompressed copy (the parse page's 70 MB corpus) go out as
// they are: brotli 11 would take a minute.
const ON_THE_FLY_MAX = 2 << 20;

/**
 * Starts a server with `mounts` = { '/prefix/': '/abs/dir', ... } (longest prefix wins).
 * `immutable` is the source of the regular expression of files that may be cached
 * forever, from xtask (`config.asset_names.immutable`, xtask/src/asset_names.rs, the rule
 * `dist/_headers` follows). Resolves to { origin, close }.
 */
export function serve(mounts, { immutable }) {
  if (typeof immutable !== 'string') throw new Error('serve: options.immutable (from config.asset_names) is required');
  const IMMUTABLE = new RegExp(immutable);
  const entries = Object.entries(mounts).map(([m, d]) => [m, path.resolve(d)]).sort((a, b) => b[0].length - a[0].length);
  const onTheFly = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const pathname = decodeURIComponent(url.pathname);
    const hit = entries.find(([m]) => pathname.startsWith(m));
    if (!hit) { res.writeHead(404); return res.end(); }
    const [mount, root] = hit;
    let file = fileFor(root, pathname.slice(mount.length));
    let status = 200;
    if (!file) {
      status = 404;
      file = fileFor(root, '404.html');
      if (!file) { res.writeHead(404); return res.end(); }
    }
    const ext = path.extname(file);
    const headers = {
      'content-type': TYPES[ext] || 'application/octet-stream',
      'cache-control': IMMUTABLE.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
    };
    const accept = String(req.headers['accept-encoding'] || '');
    let body = null;
    if (TEXT.has(ext)) {
      if (/\bbr\b/.test(accept) && fs.existsSync(`${file}.br`)) { headers['content-encoding'] = 'br'; body = fs.readFileSync(`${file}.br`); }
      else if (/\bgzip\b/.test(accept) && fs.existsSync(`${file}.gz`)) { headers['content-encoding'] = 'gzip'; body = fs.readFileSync(`${file}.gz`); }
      else if (/\bbr\b/.test(accept) && fs.statSync(file).size <= ON_THE_FLY_MAX) {
        const st = fs.statSync(file);
        const key = `${file}:${st.mtimeMs}`;
        if (!onTheFly.has(key)) onTheFly.set(key, zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        headers['content-encoding'] = 'br';
        body = onTheFly.get(key);
      }
    }
    if (!body) body = fs.readFileSync(file);
    headers['content-length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}
