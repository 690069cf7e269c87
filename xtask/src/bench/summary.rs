//! The rows of the bench's table, read from the typed [`Report`]: the native section for
//! every site, and (browser runs) the Chromium, size, first-card, filter and Lighthouse
//! sections for the sites the browser measured. A figure that was not measured prints
//! as `-`; one the browser did not send at all failed the bench earlier, when
//! `browser.json` was read.

use super::figure::Figure;
use super::report::{Browser, Lighthouse, NativeRow, ParseSite, Report};
use super::table::{ratio, Goal, Table, Target};

/// The builds of `crates/bench-wasm` measured in Chromium, as (case-name part, table name):
/// the app's release profile, and everything at opt-level 3.
const WASM_VARIANTS: [(&str, &str); 2] = [("app", "app"), ("o3", "O3")];

/// The printed table and the list of targets with their outcome.
pub fn table(report: &Report, names: &[String]) -> (String, Vec<Target>) {
    let mut t = Table::new("Broadsheet bench (medians)", names);
    native_rows(&mut t, &report.parse);
    if let Some(b) = &report.browser {
        parse_rows(&mut t, b, &report.parse, names);
    }
    size_rows(&mut t, report, names);
    if let Some(b) = &report.browser {
        page_rows(&mut t, b, names);
    }
    if let Some(p) = &report.publish {
        let (lines, targets) = super::publish::table(p);
        t.lines.push(String::new());
        t.lines.extend(lines);
        t.targets.extend(targets);
    }
    t.lines.push(String::new());
    t.lines.push(format!(
        "took {:.0} s; details in target/bench/report.json",
        report.seconds
    ));
    (t.lines.join("\n"), t.targets)
}

/// One value per site, from `f`.
fn per_site(names: &[String], f: impl Fn(&str) -> Option<f64>) -> Vec<Option<f64>> {
    names.iter().map(|n| f(n)).collect()
}

fn native_rows(t: &mut Table, rows: &[NativeRow]) {
    let col = |f: &dyn Fn(&NativeRow) -> f64| -> Vec<Option<f64>> {
        rows.iter().map(|r| Some(f(r))).collect()
    };
    t.section("Corpus");
    t.row("articles", &col(&|r| r.articles as f64), "", None);
    t.row("MB of markdown", &col(&|r| r.bytes as f64 / 1e6), "", None);
    t.section("Native parse, release build (ms per pass)");
    t.row(
        "baseline: UTF-8 check of every file",
        &col(&|r| r.baseline_utf8_ms),
        " ms",
        None,
    );
    t.row(
        "front-matter (bundler's read_file)",
        &col(&|r| r.native_front_matter_ms),
        " ms",
        None,
    );
    t.row(
        "front-matter + body",
        &col(&|r| r.native_front_matter_and_body_ms),
        " ms",
        None,
    );
    t.row(
        "front-matter / baseline",
        &col(&|r| r.ratio_front_matter_to_baseline),
        "x",
        None,
    );
    let nat_fm = col(&|r| r.native_same_as_wasm_front_matter_ms);
    t.row("front-matter, same fn as Wasm", &nat_fm, " ms", None);
    t.row(
        "front-matter + body, same fn as Wasm",
        &col(&|r| r.native_same_as_wasm_front_matter_and_body_ms),
        " ms",
        None,
    );
    t.section("The YAML parse alone (front-matter into a generic tree), native");
    let yaml_serde = col(&|r| r.native_yaml_tree_serde_yaml_ms);
    let yaml_alt = col(&|r| r.native_yaml_tree_yaml_rust2_ms);
    t.row("serde_yaml (the app's parser)", &yaml_serde, " ms", None);
    t.row("yaml-rust2 (measured alternative)", &yaml_alt, " ms", None);
    let pairs = |a: &[Option<f64>], b: &[Option<f64>]| -> Vec<Option<f64>> {
        a.iter().zip(b).map(|(a, b)| ratio(*a, *b)).collect()
    };
    t.row(
        "yaml-rust2 / serde_yaml",
        &pairs(&yaml_alt, &yaml_serde),
        "x",
        None,
    );
    t.row(
        "serde_yaml tree / whole front-matter read",
        &pairs(&yaml_serde, &nat_fm),
        "x",
        None,
    );
    t.section("Bundle, built natively (brotli)");
    t.row(
        "data before first card: summary + first page",
        &col(&|r| r.first_data_brotli_bytes as f64),
        "KB",
        Some(Goal::AtMost(64.0 * 1024.0)),
    );
}

fn parse_rows(t: &mut Table, b: &Browser, native: &[NativeRow], names: &[String]) {
    let site = |s: &str| -> Option<&ParseSite> { b.parse.sites.get(s) };
    let p = |s: &str, case: &str| site(s).and_then(|x| x.median(case).get());
    t.section("Parse in Chromium, one page (ms per pass)");
    for (label, key) in [
        ("JS gray-matter (front-matter)", "js_graymatter_fm"),
        ("JS split + js-yaml (front-matter)", "js_split_yaml_fm"),
        ("  same, from bytes", "js_split_yaml_fm_bytes"),
        ("JS gray-matter + markdown-it", "js_graymatter_full"),
        ("  same, from bytes", "js_graymatter_full_bytes"),
        ("JS split + js-yaml + markdown-it", "js_split_yaml_full"),
        ("  same, from bytes", "js_split_yaml_full_bytes"),
    ] {
        t.row(label, &per_site(names, |s| p(s, key)), " ms", None);
    }
    for (v, name) in WASM_VARIANTS {
        for (what, key) in [
            ("front-matter, from bytes", "fm_bytes"),
            ("fm + body, from bytes", "full_bytes"),
            ("front-matter, from JS strings", "fm"),
            ("fm + body, from JS strings", "full"),
            ("front-matter, preloaded", "fm_loaded"),
            ("fm + body, preloaded", "full_loaded"),
        ] {
            let key = format!("wasm_{v}_{key}");
            t.row(
                &format!("Wasm {name} {what}"),
                &per_site(names, |s| p(s, &key)),
                " ms",
                None,
            );
        }
    }
    // Native figures taken just before and after each site's parse in Chromium (their
    // mean), else the native section's, taken before the browser started.
    let native_of = |s: &str| native.iter().find(|r| r.site == s);
    let around = |s: &str, fm_only: bool| -> Option<f64> {
        let a = site(s)?.native_around.as_ref()?;
        let pick = |n: &super::report::NativeParse| {
            if fm_only {
                n.front_matter_ms
            } else {
                n.front_matter_and_body_ms
            }
        };
        Some((pick(&a.before) + pick(&a.after)) / 2.0)
    };
    let nat_fm = per_site(names, |s| {
        around(s, true).or(native_of(s).map(|r| r.native_same_as_wasm_front_matter_ms))
    });
    let nat_full = per_site(names, |s| {
        around(s, false).or(native_of(s).map(|r| r.native_same_as_wasm_front_matter_and_body_ms))
    });
    t.row(
        "native front-matter, same fn, around it",
        &nat_fm,
        " ms",
        None,
    );
    t.row(
        "native fm + body, same fn, around it",
        &nat_full,
        " ms",
        None,
    );
    t.section("Parse ratios (lower is better for Wasm; the goals are judged from bytes)");
    for (v, name) in WASM_VARIANTS {
        let w = |s: &str, case: &str| p(s, &format!("wasm_{v}_{case}"));
        for (label, wasm, js, goal) in [
            (
                "fm+body / gray-matter+markdown-it, from bytes",
                "full_bytes",
                "js_graymatter_full_bytes",
                Some(Goal::AtMost(0.2)),
            ),
            (
                "fm+body / gray-matter+markdown-it, from strings",
                "full",
                "js_graymatter_full",
                None,
            ),
            (
                "fm+body / split+js-yaml+markdown-it, from bytes",
                "full_bytes",
                "js_split_yaml_full_bytes",
                None,
            ),
            (
                "fm / split+js-yaml, from bytes",
                "fm_bytes",
                "js_split_yaml_fm_bytes",
                Some(Goal::AtMost(0.67)),
            ),
            (
                "fm / split+js-yaml, from strings",
                "fm",
                "js_split_yaml_fm",
                None,
            ),
            (
                "fm / gray-matter, from strings",
                "fm",
                "js_graymatter_fm",
                None,
            ),
            (
                "YAML alone, serde_yaml (preloaded) / split+js-yaml",
                "yaml_serde_loaded",
                "js_split_yaml_fm",
                None,
            ),
            (
                "YAML alone, yaml-rust2 (preloaded) / split+js-yaml",
                "yaml_alt_loaded",
                "js_split_yaml_fm",
                None,
            ),
        ] {
            t.row(
                &format!("Wasm {name} {label}"),
                &per_site(names, |s| ratio(w(s, wasm), p(s, js))),
                "x",
                goal,
            );
        }
    }
    let idx = |s: &str| names.iter().position(|n| n == s).unwrap_or(0);
    for (v, name) in WASM_VARIANTS {
        let w = |s: &str, case: &str| p(s, &format!("wasm_{v}_{case}"));
        t.row(
            &format!("fm+body Wasm {name} (preloaded) / native"),
            &per_site(names, |s| ratio(w(s, "full_loaded"), nat_full[idx(s)])),
            "x",
            Some(Goal::AtMost(1.5)),
        );
        t.row(
            &format!("fm Wasm {name} (preloaded) / native"),
            &per_site(names, |s| ratio(w(s, "fm_loaded"), nat_fm[idx(s)])),
            "x",
            None,
        );
        t.row(
            &format!("fm+body Wasm {name} (from bytes) / native"),
            &per_site(names, |s| ratio(w(s, "full_bytes"), nat_full[idx(s)])),
            "x",
            None,
        );
    }
}

fn size_rows(t: &mut Table, report: &Report, names: &[String]) {
    let Some(sizes) = &report.sizes else {
        return;
    };
    let first_card = |s: &str| report.browser.as_ref()?.first_card.get(s);
    let sz =
        |s: &str, f: &dyn Fn(&super::report::SiteSizes) -> usize| sizes.get(s).map(|x| f(x) as f64);
    t.section("Transfer sizes, brotli (from cargo xtask dist of each site)");
    let main_wasm = |x: &super::report::SiteSizes| -> usize {
        x.shell
            .files
            .iter()
            .filter(|(name, _)| name.ends_with("_bg.wasm"))
            .map(|(_, f)| f.brotli)
            .sum()
    };
    t.row(
        "main Wasm file (the app's code every page loads)",
        &per_site(names, |s| sz(s, &main_wasm)),
        "KB",
        Some(Goal::AtMost(200.0 * 1024.0)),
    );
    t.row(
        "  the same built with stable (the fallback without the pinned nightly)",
        &per_site(names, |s| {
            let stable = report.stable_fallback.as_ref().filter(|_| s == "sample")?;
            Some(main_wasm(stable) as f64)
        }),
        "KB",
        None,
    );
    t.row(
        "app shell: html + js + wasm + css",
        &per_site(names, |s| sz(s, &|x| x.shell.total_brotli_bytes)),
        "KB",
        Some(Goal::AtMost(220.0 * 1024.0)),
    );
    t.row(
        "  split modules, fetched on first use (article, saved, search, non-plain YAML)",
        &per_site(names, |s| sz(s, &|x| x.split_modules.total_brotli_bytes)),
        "KB",
        None,
    );
    t.row(
        "  split modules the feed fetched before its cards (Chromium, encoded)",
        &per_site(names, |s| {
            first_card(s)?.app.split_modules_before_app_cards.get()
        }),
        "KB",
        None,
    );
    t.row(
        "data before first card (summary + first page)",
        &per_site(names, |s| sz(s, &|x| x.data_before_first_card.brotli_bytes)),
        "KB",
        Some(Goal::AtMost(64.0 * 1024.0)),
    );
    t.row(
        "  same, measured in Chromium (encoded)",
        &per_site(names, |s| {
            first_card(s)?.app.bytes_before_first_card.data.get()
        }),
        "KB",
        None,
    );
    t.row(
        "  same, uncompressed",
        &per_site(names, |s| sz(s, &|x| x.data_before_first_card.raw)),
        "KB",
        None,
    );
    if let Some(w) = &report.wasm_builds {
        for (build, label) in [
            (&w.app, "bench-wasm, app profile (core alone), brotli"),
            (&w.o3, "bench-wasm O3 (core alone), brotli"),
        ] {
            let x = build.wasm_brotli_bytes as f64;
            t.row(label, &per_site(names, |_| Some(x)), "KB", None);
        }
    }
}

fn page_rows(t: &mut Table, b: &Browser, names: &[String]) {
    t.section("First card in Chromium, 1280x900, cold cache (ms from navigation)");
    let fc = |f: &dyn Fn(&super::report::FirstCard) -> Figure| {
        per_site(names, |s| b.first_card.get(s).and_then(|x| f(x).get()))
    };
    t.row(
        "app page: first card painted (prerendered copy)",
        &fc(&|x| x.app.first_card_ms),
        " ms",
        None,
    );
    t.row(
        "app page: the app's own cards in place",
        &fc(&|x| x.app.app_cards_ms),
        " ms",
        None,
    );
    t.row(
        "static page, same cards: first card painted",
        &fc(&|x| x.static_page.first_card_ms),
        " ms",
        None,
    );
    t.row(
        "first card app / static",
        &fc(&|x| x.ratio_first_card),
        "x",
        Some(Goal::AtMost(1.2)),
    );
    t.row("app LCP", &fc(&|x| x.app.lcp_ms), " ms", None);
    t.row("static LCP", &fc(&|x| x.static_page.lcp_ms), " ms", None);
    t.row("LCP app / static", &fc(&|x| x.ratio_lcp), "x", None);
    t.row(
        "app FCP (prerendered cards)",
        &fc(&|x| x.app.fcp_ms),
        " ms",
        None,
    );
    t.section("Filter: tag-chip click to updated feed painted");
    let f = |g: &dyn Fn(&super::report::Filter) -> Figure| {
        per_site(names, |s| b.filter.get(s).and_then(|x| g(x).get()))
    };
    // What the reader sees (issue #26's decision): the first row of cards within one
    // frame, the whole page of 24 cards within 50 ms.
    let warm_goal = Some(Goal::AtMost(16.0));
    let whole_page_goal = Some(Goal::AtMost(50.0));
    for (label, figure, unit, goal) in [
        (
            "click -> feed painted (list page fetched; trace)",
            f(&|x| x.filter_ms),
            " ms",
            None,
        ),
        (
            "same click, list page already loaded (all cards; trace)",
            f(&|x| x.filter_warm_ms),
            " ms",
            whole_page_goal,
        ),
        (
            "  of which first rows painted (list page fetched; trace)",
            f(&|x| x.filter_first_painted_ms),
            " ms",
            None,
        ),
        (
            "  of which first rows painted (already loaded; trace)",
            f(&|x| x.filter_warm_first_painted_ms),
            " ms",
            warm_goal,
        ),
        (
            "  first task after that frame (already loaded)",
            f(&|x| x.filter_warm_first_task_after_frame_ms),
            " ms",
            None,
        ),
        (
            "click -> last DOM change",
            f(&|x| x.dom_settled_ms),
            " ms",
            None,
        ),
        (
            "baseline: one DOM change -> painted",
            f(&|x| x.frame_baseline_ms),
            " ms",
            None,
        ),
        ("filter / baseline", f(&|x| x.ratio_to_frame), "x", None),
        ("cards before the click", f(&|x| x.cards_before), "", None),
        ("cards after the click", f(&|x| x.cards_after), "", None),
    ] {
        t.row(label, &figure, unit, goal);
    }
    t.section("Lighthouse 12 (mobile, simulated throttling), served with brotli");
    let run = |s: &str, page: &str| match b.lighthouse.get(s)?.get(page)? {
        Lighthouse::Ran(r) => Some(r.clone()),
        Lighthouse::Failed { .. } => None,
    };
    for page in ["feed", "article", "static_baseline"] {
        for (cat, goal) in [
            ("performance", 98.0),
            ("accessibility", 100.0),
            ("best_practices", 100.0),
            ("seo", 100.0),
        ] {
            let vals = per_site(names, |s| {
                let sc = run(s, page)?.scores;
                match cat {
                    "performance" => sc.performance,
                    "accessibility" => sc.accessibility,
                    "best_practices" => sc.best_practices,
                    _ => sc.seo,
                }
                .get()
            });
            if vals.iter().all(Option::is_none) {
                continue;
            }
            let g = (page != "static_baseline").then_some(Goal::AtLeast(goal));
            t.row(&format!("{page} {cat}"), &vals, "", g);
        }
        let lcp = per_site(names, |s| run(s, page)?.metrics_ms.lcp.get());
        if lcp.iter().any(Option::is_some) {
            t.row(&format!("{page} LCP (simulated)"), &lcp, " ms", None);
        }
    }
    let lr = per_site(names, |s| {
        ratio(
            run(s, "feed")?.metrics_ms.lcp.get(),
            run(s, "static_baseline")?.metrics_ms.lcp.get(),
        )
    });
    if lr.iter().any(Option::is_some) {
        t.row("feed LCP / static LCP (simulated)", &lr, "x", None);
    }
}
