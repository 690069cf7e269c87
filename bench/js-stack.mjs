// The JS stack the Wasm core is compared with, bundled for the bench page by esbuild.
// Each function does per file what a JS news reader would: gray-matter (front-matter via
// its bundled js-yaml 3), or a plain fence split + js-yaml 5 (the fair front-matter
// baseline: no Buffer polyfill, no cache), and markdown-it for the body.
import matter from 'gray-matter';
import { load } from 'js-yaml';
import MarkdownIt from 'markdown-it';

// Tables and strikethrough are on in markdown-it's default preset; raw HTML off and
// typographer on, like the core's pulldown-cmark options.
const md = new MarkdownIt({ html: false, linkify: false, typographer: true });

// gray-matter caches by content when called without options; `{}` turns that off so
// every run parses.
const NO_CACHE = {};

/** Front-matter and body of a file, split on `---` fence lines (null when none). */
export function split(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.indexOf('\n');
  if (first < 0 || text.slice(0, first).trimEnd() !== '---') return null;
  let at = first + 1;
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (text.slice(at, end).trimEnd() === '---') {
      return { fm: text.slice(first + 1, at), body: text.slice(end + 1) };
    }
    at = end + 1;
  }
  return null;
}

const decoder = new TextDecoder();

/** The files' texts from their bytes, as `response.text()` would give them. */
export function decodeAll(bytes) {
  return bytes.map((b) => decoder.decode(b));
}

export function grayMatterFm(files) {
  let n = 0;
  for (const f of files) if (matter(f, NO_CACHE).data.title) n++;
  return n;
}

export function splitYamlFm(files) {
  let n = 0;
  for (const f of files) {
    const s = split(f);
    if (s && load(s.fm)?.title) n++;
  }
  return n;
}

export function grayMatterFull(files) {
  let n = 0;
  for (const f of files) {
    const m = matter(f, NO_CACHE);
    n = (n + md.render(m.content).length + (m.data.title ? 1 : 0)) | 0;
  }
  return n;
}

export function splitYamlFull(files) {
  let n = 0;
  for (const f of files) {
    const s = split(f);
    if (!s) continue;
    const data = load(s.fm);
    n = (n + md.render(s.body).length + (data?.title ? 1 : 0)) | 0;
  }
  return n;
}
