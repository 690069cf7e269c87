// Checks the message tables in locales/ against en.toml and against the ICU data that
// `Intl` exposes (in Node, as in Chromium), so that our own formatting (crates/core/src/i18n)
// gives the strings the browser would.
//
// Run from the repository root:   node scripts/check_locales.mjs
// Exits 1 on any mismatch, printing each one; exits 0 and prints a summary otherwise.
//
// For every table other than en.toml it verifies:
//   - keys: exactly en's keys, except that each counted message (a key with `.other` and
//     only plural-category children in en) has one key per category of
//     `Intl.PluralRules(lang)` and no others;
//   - placeholders: each message has en's `{name}`s, no more, no fewer; a plural form
//     may leave out `{n}` only when its category covers a single number (Arabic zero,
//     one, two, which name the count in words);
//   - locale.plural: parses in our rule syntax (port of i18n/plural.rs) and picks the
//     same category as `Intl.PluralRules(lang).select(n)` for n = 0..1000;
//   - locale.digits / locale.group: the digits and group separator of
//     `Intl.NumberFormat(lang)`, and our number formatting equals Intl's for a range;
//   - locale.months / date / time / date_time (port of i18n/dates.rs) equal
//     `Intl.DateTimeFormat` in UTC for all 12 months, several days and years, every hour;
//   - time.minutes_ago / hours_ago (short) and days_ago (long), for n = 0..200, and
//     time.yesterday equal `Intl.RelativeTimeFormat`; just_now is a free UI phrase;
//   - locale.dir, the direction of the arrows in article.back/previous/next, and that
//     quotation marks are the language's own.
// The TOML reader below handles only the subset the tables use: `[section]`,
// `key = "string"`, `a.b = "string"`, comments and blank lines.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "locales");
const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

let failures = 0;
let checks = 0;
// Failures are counted in full but printed at most 5 per group (`group:` prefix).
const printed = new Map();
function check(ok, message, group = message) {
  checks++;
  if (!ok) {
    failures++;
    const n = (printed.get(group) ?? 0) + 1;
    printed.set(group, n);
    if (n <= 5) console.log(`  FAIL ${message}`);
    else if (n === 6) console.log(`  FAIL … more ${group} mismatches not shown`);
  }
  return ok;
}

// ---- TOML subset -------------------------------------------------------------------

function parseToml(text, file) {
  const out = new Map();
  let section = "";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const where = `${file}:${i + 1}`;
    if (line === "" || line.startsWith("#")) return;
    let m = line.match(/^\[([A-Za-z0-9_.-]+)\]\s*(#.*)?$/);
    if (m) {
      section = m[1];
      return;
    }
    m = line.match(/^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$/);
    if (!m) throw new Error(`${where}: cannot parse: ${raw}`);
    const key = section ? `${section}.${m[1]}` : m[1];
    const value = m[2].replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e) => {
      if (e[0] === "u" || e[0] === "U") return String.fromCodePoint(parseInt(e.slice(1), 16));
      const simple = { n: "\n", t: "\t", '"': '"', "\\": "\\", r: "\r" }[e];
      if (simple === undefined) throw new Error(`${where}: bad escape \\${e}`);
      return simple;
    });
    if (out.has(key)) throw new Error(`${where}: duplicate key ${key}`);
    out.set(key, value);
  });
  return out;
}

// ---- Ports of crates/core/src/i18n -------------------------------------------------

/** plural.rs: `matches`, `None` (null) when it does not parse. */
function matches(condition, n) {
  let any = false;
  for (const alternative of condition.split(" or ")) {
    let all = true;
    for (const relation of alternative.split(" and ")) {
      const r = relationHolds(relation, n);
      if (r === null) return null;
      all = all && r;
    }
    any = any || all;
  }
  return any;
}

function relationHolds(relation, n) {
  let lhs, rhs, negated;
  const ne = relation.indexOf("!=");
  if (ne >= 0) {
    [lhs, rhs, negated] = [relation.slice(0, ne), relation.slice(ne + 2), true];
  } else {
    const eq = relation.indexOf("=");
    if (eq < 0) return null;
    [lhs, rhs, negated] = [relation.slice(0, eq), relation.slice(eq + 1), false];
  }
  let value;
  const pct = lhs.indexOf("%");
  if (pct >= 0) {
    if (lhs.slice(0, pct).trim() !== "n") return null;
    const m = lhs.slice(pct + 1).trim();
    if (!/^\d+$/.test(m) || Number(m) === 0) return null;
    value = n % Number(m);
  } else {
    if (lhs.trim() !== "n") return null;
    value = n;
  }
  let found = false;
  for (const item of rhs.split(",")) {
    const t = item.trim();
    const range = t.split("..");
    const nums = range.map((s) => s.trim());
    if (nums.length > 2 || !nums.every((s) => /^\d+$/.test(s))) return null;
    const lo = Number(nums[0]);
    const hi = Number(nums[nums.length - 1]);
    found = found || (lo <= value && value <= hi);
  }
  return found !== negated;
}

function pluralCategory(rules, n) {
  for (const rule of rules.split(";")) {
    const colon = rule.indexOf(":");
    if (colon < 0) continue;
    if (matches(rule.slice(colon + 1), n) === true) return rule.slice(0, colon).trim();
  }
  return "other";
}

function rulesParse(rules) {
  return rules
    .split(";")
    .filter((r) => r.trim() !== "")
    .every((rule) => {
      const colon = rule.indexOf(":");
      return colon >= 0 && rule.slice(0, colon).trim() !== "" && matches(rule.slice(colon + 1), 0) !== null;
    });
}

/** mod.rs: `fill`. */
function fill(text, args) {
  let out = "";
  let rest = text;
  for (;;) {
    const open = rest.indexOf("{");
    if (open < 0) break;
    out += rest.slice(0, open);
    const after = rest.slice(open + 1);
    const close = after.indexOf("}");
    const name = close >= 0 ? after.slice(0, close) : null;
    if (name !== null && Object.hasOwn(args, name)) {
      out += args[name];
      rest = after.slice(close + 1);
    } else {
      out += "{";
      rest = after;
    }
  }
  return out + rest;
}

class Locale {
  constructor(messages) {
    this.m = messages;
  }
  t(key) {
    return this.m.get(key) ?? key;
  }
  digits(ascii) {
    const d = [...(this.m.get("locale.digits") ?? "")];
    if (d.length !== 10) return ascii;
    return [...ascii].map((c) => (/[0-9]/.test(c) ? d[Number(c)] : c)).join("");
  }
  number(n) {
    const plain = String(n);
    const group = this.m.get("locale.group") ?? "";
    let out = "";
    for (let i = 0; i < plain.length; i++) {
      if (i > 0 && (plain.length - i) % 3 === 0) out += group;
      out += this.digits(plain[i]);
    }
    return out;
  }
  count(key, n, args = {}) {
    const cat = pluralCategory(this.t("locale.plural"), n);
    const form = this.m.get(`${key}.${cat}`) ?? this.m.get(`${key}.other`) ?? key;
    return fill(form, { n: this.number(n), ...args });
  }
  /** dates.rs `date` for a UTC instant. */
  date(ms) {
    const d = new Date(ms);
    const month = this.t("locale.months").split("|")[d.getUTCMonth()] ?? String(d.getUTCMonth() + 1);
    return fill(this.t("locale.date"), {
      day: this.digits(String(d.getUTCDate())),
      month,
      year: this.digits(String(d.getUTCFullYear())),
    });
  }
  time(ms) {
    const d = new Date(ms);
    const two = (v) => String(v).padStart(2, "0");
    return fill(this.t("locale.time"), {
      hour: this.digits(two(d.getUTCHours())),
      minute: this.digits(two(d.getUTCMinutes())),
    });
  }
  dateTime(ms) {
    return fill(this.t("locale.date_time"), { date: this.date(ms), time: this.time(ms), zone: "UTC" });
  }
}

// ---- The checks --------------------------------------------------------------------

const placeholders = (s) => new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]));
const setEq = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (s) => [...s].sort().map((x) => `{${x}}`).join(" ") || "(none)";

const en = parseToml(readFileSync(join(dir, "en.toml"), "utf8"), "en.toml");

// Counted messages in en: a base whose children are all plural categories, with `other`.
const children = new Map();
for (const key of en.keys()) {
  const dot = key.lastIndexOf(".");
  const [base, last] = [key.slice(0, dot), key.slice(dot + 1)];
  if (!children.has(base)) children.set(base, []);
  children.get(base).push(last);
}
const pluralBases = new Set(
  [...children]
    .filter(([, kids]) => kids.includes("other") && kids.every((k) => CATEGORIES.includes(k)))
    .map(([base]) => base),
);
const baseOf = (key) => {
  const dot = key.lastIndexOf(".");
  return pluralBases.has(key.slice(0, dot)) ? key.slice(0, dot) : null;
};

// Categories the brief expects, as a cross-check of Intl.
const EXPECTED_CATEGORIES = { de: ["one", "other"], ja: ["other"], ar: CATEGORIES };
// Our own UI phrases that deliberately differ from Intl's `numeric: "auto"` wording.
const QUOTES_NOT_USED = { de: /[”]/, ja: /[“”„]/, ar: /[“”„]/ };

const UTC = "UTC";
const DATE_OPTS = { day: "numeric", month: "short", year: "numeric", timeZone: UTC };
const TIME_OPTS = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: UTC };

function checkTable(lang) {
  const file = `${lang}.toml`;
  console.log(`${file}:`);
  const before = failures;
  const m = parseToml(readFileSync(join(dir, file), "utf8"), file);
  const l = new Locale(m);

  // Keys.
  const cats = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  if (EXPECTED_CATEGORIES[lang]) {
    check(setEq(new Set(cats), new Set(EXPECTED_CATEGORIES[lang])), `Intl plural categories ${cats} differ from ${EXPECTED_CATEGORIES[lang]}`);
  }
  const expected = new Set();
  for (const key of en.keys()) {
    const base = baseOf(key);
    if (base) cats.forEach((c) => expected.add(`${base}.${c}`));
    else expected.add(key);
  }
  for (const key of expected) check(m.has(key), `missing key ${key}`);
  for (const key of m.keys()) check(expected.has(key), `unexpected key ${key}`);

  // Placeholders.
  const rules = m.get("locale.plural") ?? "";
  const single = (cat) => {
    const ns = [];
    for (let n = 0; n <= 1000; n++) if (pluralCategory(rules, n) === cat) ns.push(n);
    return ns.length === 1;
  };
  for (const [key, value] of m) {
    if (!expected.has(key)) continue;
    const base = baseOf(key);
    const want = placeholders(en.get(base ? `${base}.other` : key));
    const got = placeholders(value);
    if (base && want.has("n") && !got.has("n") && single(key.slice(base.length + 1))) got.add("n");
    check(setEq(want, got), `${key}: placeholders ${show(got)}, en has ${show(want)}`);
  }

  // Plural rules.
  check(rulesParse(rules), `locale.plural does not parse: "${rules}"`);
  const pr = new Intl.PluralRules(lang);
  for (let n = 0; n <= 1000; n++) {
    const [ours, icu] = [pluralCategory(rules, n), pr.select(n)];
    check(ours === icu, `plural(${n}) = ${ours}, Intl says ${icu}`, `${lang} plural`);
  }

  // Digits and grouping.
  const nf = new Intl.NumberFormat(lang);
  const icuDigits = [...Array(10).keys()].map((d) => nf.format(d)).join("");
  check(m.get("locale.digits") === icuDigits, `locale.digits "${m.get("locale.digits")}", Intl gives "${icuDigits}"`);
  const icuGroup = nf.formatToParts(1234567).find((p) => p.type === "group")?.value ?? "";
  check(m.get("locale.group") === icuGroup, `locale.group "${m.get("locale.group")}", Intl gives "${icuGroup}"`);
  for (const n of [0, 7, 42, 999, 1000, 1234, 12345, 123456, 1234567, 1234567890]) {
    check(l.number(n) === nf.format(n), `number(${n}) = "${l.number(n)}", Intl gives "${nf.format(n)}"`);
  }

  // Dates, times, date-times (UTC).
  const df = new Intl.DateTimeFormat(lang, DATE_OPTS);
  const tf = new Intl.DateTimeFormat(lang, TIME_OPTS);
  const dtf = new Intl.DateTimeFormat(lang, { ...DATE_OPTS, ...TIME_OPTS, timeZoneName: "short" });
  check([...(m.get("locale.months") ?? "")].length > 0 && m.get("locale.months").split("|").length === 12, "locale.months must have 12 names");
  let dates = 0;
  for (const year of [1970, 1999, 2026]) {
    for (let month = 0; month < 12; month++) {
      for (const day of [1, 9, 10, 28]) {
        for (const [h, min] of [[0, 0], [9, 5], [15, 23], [23, 59]]) {
          const ms = Date.UTC(year, month, day, h, min);
          check(l.date(ms) === df.format(ms), `date ${new Date(ms).toISOString()}: "${l.date(ms)}", Intl "${df.format(ms)}"`, `${lang} date`);
          check(l.dateTime(ms) === dtf.format(ms), `date_time ${new Date(ms).toISOString()}: "${l.dateTime(ms)}", Intl "${dtf.format(ms)}"`, `${lang} date_time`);
          dates++;
        }
      }
    }
  }
  for (let h = 0; h < 24; h++) {
    for (const min of [0, 7, 30, 59]) {
      const ms = Date.UTC(2026, 0, 16, h, min);
      check(l.time(ms) === tf.format(ms), `time ${h}:${min}: "${l.time(ms)}", Intl "${tf.format(ms)}"`, `${lang} time`);
    }
  }

  // Relative time.
  const short = new Intl.RelativeTimeFormat(lang, { numeric: "always", style: "short" });
  const long = new Intl.RelativeTimeFormat(lang, { numeric: "always" });
  const auto = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  for (const [key, rtf, unit] of [
    ["time.minutes_ago", short, "minute"],
    ["time.hours_ago", short, "hour"],
    ["time.days_ago", long, "day"],
  ]) {
    for (let n = 0; n <= 200; n++) {
      const [ours, icu] = [l.count(key, n), rtf.format(-n, unit)];
      check(ours === icu, `${key}(${n}) = "${ours}", Intl "${icu}"`, `${lang} ${key}`);
    }
  }
  check(m.get("time.yesterday") === auto.format(-1, "day"), `time.yesterday "${m.get("time.yesterday")}", Intl "${auto.format(-1, "day")}"`);

  // Direction, arrows, quotes.
  const rtl = new Intl.Locale(lang).getTextInfo?.().direction ?? new Intl.Locale(lang).textInfo?.direction;
  if (rtl) check(m.get("locale.dir") === rtl, `locale.dir "${m.get("locale.dir")}", Intl "${rtl}"`);
  const [backArrow, nextArrow] = m.get("locale.dir") === "rtl" ? ["→", "←"] : ["←", "→"];
  for (const key of ["article.back", "article.previous"]) {
    check(m.get(key)?.includes(backArrow) && !m.get(key).includes(nextArrow), `${key} should point ${backArrow}: "${m.get(key)}"`);
  }
  check(m.get("article.next")?.includes(nextArrow) && !m.get("article.next").includes(backArrow), `article.next should point ${nextArrow}: "${m.get("article.next")}"`);
  if (QUOTES_NOT_USED[lang]) {
    for (const [key, value] of m) check(!QUOTES_NOT_USED[lang].test(value), `${key}: quotation marks not used in ${lang}: "${value}"`);
  }

  console.log(`  ${m.size} keys, ${dates} dates and date-times, ${failures === before ? "all match" : `${failures - before} mismatches`}`);
}

// en itself: its plural rules and key structure are the reference.
check(rulesParse(en.get("locale.plural")), "en locale.plural does not parse");
for (let n = 0; n <= 1000; n++) {
  check(pluralCategory(en.get("locale.plural"), n) === new Intl.PluralRules("en").select(n), `en plural(${n})`, "en plural");
}
console.log(`Intl: ICU ${process.versions.icu}, CLDR ${process.versions.cldr}; en.toml: ${en.size} keys, ${pluralBases.size} counted messages`);

const langs = readdirSync(dir)
  .filter((f) => f.endsWith(".toml") && f !== "en.toml")
  .map((f) => f.slice(0, -5))
  .sort();
for (const lang of langs) {
  try {
    checkTable(lang);
  } catch (e) {
    check(false, `${lang}.toml: ${e.message}`);
  }
}

console.log(failures ? `${failures} of ${checks} checks failed` : `All ${checks} checks passed (${langs.join(", ")})`);
process.exit(failures ? 1 : 0);
