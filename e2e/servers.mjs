// Real web servers for the deploy tests: Debian's nginx and Caddy, run with the very
// configuration docs/DEPLOY.md gives (read from the page between its `e2e:` marker
// comments), on 127.0.0.1, in the foreground, with config, pid and logs in a temp dir.
//
// The only changes made to the documented text are the ones a deploy makes: the site's
// folder for `/srv/broadsheet/dist`, the policy from the build's `_headers` for `@CSP@`,
// and the test's address for `listen 80` / the site's name. The servers are installed with
// apt only when missing (root on Debian only; otherwise the tests skip, saying why).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';

export const DEPLOY_MD = path.resolve('../docs/DEPLOY.md');
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/**
 * Makes sure nginx (with its brotli_static module) and Caddy are installed, installing
 * what is missing with apt. Returns `{ nginx, caddy, brotli }`, each `true` or the
 * reason it is unavailable (a string, for `skip`).
 */
export function ensureServers() {
  const wanted = [];
  if (!has('nginx')) wanted.push('nginx');
  if (!fs.existsSync(BROTLI_MODULE)) wanted.push('libnginx-mod-http-brotli-static');
  if (!has('caddy')) wanted.push('caddy');
  if (wanted.length) {
    const why = !has('apt-get') || !fs.existsSync('/etc/debian_version') ? 'not Debian with apt-get'
      : process.getuid?.() !== 0 ? `not root: run \`sudo apt-get install -y ${wanted.join(' ')}\``
      : null;
    if (why) {
      console.log(`# servers: ${wanted.join(', ')} missing and cannot be installed here (${why})`);
    } else {
      console.log(`# servers: installing ${wanted.join(', ')} with apt-get`);
      // Debian starts a service on install unless policy-rc.d says no: the tests run their
      // own servers and must not leave a system nginx listening on port 80.
      const policy = '/usr/sbin/policy-rc.d';
      const ownPolicy = !fs.existsSync(policy);
      if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
      try {
        const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
        const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...wanted], { env, stdio: 'inherit' });
        if (install().status !== 0) {
          spawnSync('apt-get', ['update'], { env, stdio: 'inherit' });
          install();
        }
      } finally {
        if (ownPolicy) fs.rmSync(policy, { force: true });
      }
    }
  }
  return {
    nginx: has('nginx') || 'nginx is not installed (apt-get install nginx, as root on Debian)',
    caddy: has('caddy') || 'caddy is not installed (apt-get install caddy, as root on Debian)',
    brotli: fs.existsSync(BROTLI_MODULE) || 'the nginx brotli_static module is not installed (libnginx-mod-http-brotli-static)',
  };
}

/** The code block that follows `<!-- e2e:NAME -->` in docs/DEPLOY.md, as written. */
export function documentedConfig(name) {
  const text = fs.readFileSync(DEPLOY_MD, 'utf8');
  const marker = `<!-- e2e:${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/DEPLOY.md has no ${marker}`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`no code block after ${marker} in docs/DEPLOY.md`);
  return block[1];
}

/** `dist/_headers` as rules: `[{ pattern, headers: {name: value} }]`, in file order. */
export function headerRules(dist) {
  const rules = [];
  for (const line of fs.readFileSync(path.join(dist, '_headers'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const colon = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

/**
 * What `_headers` sets for a request path, as Netlify and Cloudflare Pages apply it:
 * every matching rule, and a header two rules set gets both values joined with a comma
 * (Cloudflare's merge), so a path with two Cache-Control rules fails the comparison.
 */
export function headersFor(rules, pathname) {
  const out = {};
  for (const { pattern, headers } of rules) {
    const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (!re.test(pathname)) continue;
    for (const [name, value] of Object.entries(headers)) out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A raw GET: status, headers and the body's bytes as sent (nothing decoded). */
export function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function waitUp(url, child, log) {
  const until = Date.now() + 15000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      await get(url);
      return;
    } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`server did not answer at ${url}:\n${log()}`);
}

/** Starts a server in the foreground; resolves to `{ url, close }`. */
async function start(cmd, args, { dir, mount, port, env }) {
  let output = '';
  const child = spawn(cmd, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const origin = `http://127.0.0.1:${port}`;
  const log = () => output + (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  try {
    await waitUp(origin + mount, child, log);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url: origin + mount,
    log,
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }).then(() => fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/** The documented text with a deploy's substitutions: folder, policy, address. */
function deployed(text, { dist, csp }) {
  if (!text.includes('/srv/broadsheet/dist') || !text.includes('@CSP@')) {
    throw new Error('the documented config no longer names /srv/broadsheet/dist and @CSP@');
  }
  return text.replaceAll('/srv/broadsheet/dist', path.resolve(dist)).replaceAll('@CSP@', csp);
}

/** The policy `_headers` gives a page under `mount`. */
export function pagePolicy(dist, mount) {
  const csp = headersFor(headerRules(dist), mount)['content-security-policy'];
  if (!csp) throw new Error(`${dist}/_headers has no Content-Security-Policy for ${mount}`);
  return csp;
}

/**
 * Runs nginx with the documented block `name` (`nginx-root`, `nginx-news`) for the site
 * `dist` served under `mount`. Without the brotli module the `brotli_static` line is left
 * out, as the docs say.
 */
export async function startNginx(name, { dist, mount, brotli = true }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-nginx-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  let site = deployed(documentedConfig(name), { dist, csp: pagePolicy(dist, mount) });
  if (!/^\s*listen 80;$/m.test(site)) throw new Error(`${name}: the documented block no longer has "listen 80;"`);
  site = site.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  if (!brotli) site = site.replace(/^\s*brotli_static on;\n/gm, '');
  const conf = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    brotli ? `load_module ${BROTLI_MODULE};` : '',
    'events { worker_connections 64; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    `    access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${dir}/${t};`),
    site,
    '}',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  return start('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { dir, mount, port });
}

/** Runs Caddy with the documented Caddyfile `name` (`caddy-root`, `caddy-news`). */
export async function startCaddy(name, { dist, mount }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-caddy-'));
  const port = await freePort();
  let site = deployed(documentedConfig(name), { dist, csp: pagePolicy(dist, mount) });
  // The site's name becomes the test's plain-HTTP address.
  if (!/^\S+ \{$/m.test(site)) throw new Error(`${name}: the documented Caddyfile no longer starts with "<site> {"`);
  site = site.replace(/^\S+ \{$/m, `http://127.0.0.1:${port} {`);
  const global = ['{', '\tadmin off', '\tauto_https off', `\tstorage file_system ${dir}/data`, '}', ''].join('\n');
  fs.writeFileSync(path.join(dir, 'Caddyfile'), global + site);
  const env = { HOME: dir, XDG_DATA_HOME: `${dir}/data`, XDG_CONFIG_HOME: `${dir}/config` };
  return start('caddy', ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { dir, mount, port, env });
}
