//! Colours for `broadsheet.toml`: CSS hex colours, WCAG 2.x contrast, and the page's
//! background colours read from `style/1-tokens.css`.
//!
//! The backgrounds are read from the stylesheet at build time, not copied here, so a
//! change to the palette cannot leave the contrast check comparing against stale values.

use std::collections::BTreeMap;
use std::fmt;

/// The stylesheet part that defines the palette, relative to the repository root.
pub const TOKENS: &str = "style/1-tokens.css";

/// The contrast WCAG 2.x level AA asks of normal text (1.4.3).
pub const AA: f64 = 4.5;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// White, the lightest text an accent may carry.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// Black, the darkest.
pub const BLACK: Rgb = Rgb(0, 0, 0);

impl Rgb {
    /// A CSS hex colour, `#rgb` or `#rrggbb` (either case); `None` for anything else.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// WCAG 2.x relative luminance (0 for black, 1 for white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            // The sRGB transfer function as WCAG 2.x states it (0.03928, not 0.04045:
            // no 8-bit value lies between the two, so both give the same answers).
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// `self` moved towards `other` by `t` (0 = self, 1 = other), per channel, rounded.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let one = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // In 0..=255 by construction; the cast cannot wrap.
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            one(self.0, other.0),
            one(self.1, other.1),
            one(self.2, other.2),
        )
    }

    /// The RGBA bytes of this colour, opaque.
    pub fn rgba(self) -> [u8; 4] {
        [self.0, self.1, self.2, 0xff]
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`, lower case: the one spelling every generated file uses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The WCAG 2.x contrast ratio of two colours, 1 to 21, whichever is lighter.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A ratio as people read it: `4.5:1`. Rounded down, so a ratio shown as 4.5 really
/// reaches 4.5 (4.48 shows as 4.4, never as a passing 4.5).
pub fn ratio(r: f64) -> String {
    format!("{:.1}:1", (r * 10.0).floor() / 10.0)
}

/// The colours one theme draws text on, and its stock accent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// `--bg`, the page.
    pub bg: Rgb,
    /// `--surface`, the cards.
    pub surface: Rgb,
    /// `--accent` as the stylesheet ships it.
    pub accent: Rgb,
}

/// Where a theme's custom properties are set: its at-rule (`@media …`), if any, and
/// its selector, exactly as the tokens file writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The enclosing at-rule's prelude, `@media (prefers-color-scheme: dark)`.
    pub at_rule: Option<String>,
    /// The selector, `:root[data-theme="dark"]`.
    pub selector: String,
}

/// What the tokens file says about both themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The light theme (`:root`).
    pub light: Theme,
    /// The dark theme (every dark block sets the same values).
    pub dark: Theme,
    /// Every block that sets the dark theme, in file order: the system preference
    /// (inside its media query) and the forced `[data-theme="dark"]`.
    pub dark_blocks: Vec<Block>,
}

/// One rule of the tokens file with the custom properties it sets.
struct Rule {
    block: Block,
    vars: BTreeMap<String, String>,
}

/// The rules of a stylesheet that set custom properties (comments removed; nesting one
/// at-rule deep, which is all the tokens file uses).
fn rules(css: &str) -> Vec<Rule> {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    text.push_str(rest);
    let mut found = Vec::new();
    let mut outer: Option<String> = None;
    let mut prelude = String::new();
    let mut body: Option<(String, String)> = None;
    for c in text.chars() {
        match (c, &mut body) {
            ('{', None) if prelude.trim_start().starts_with('@') => {
                outer = Some(prelude.trim().to_string());
                prelude.clear();
            }
            ('{', None) => body = Some((prelude.trim().to_string(), String::new())),
            ('}', Some(_)) => {
                if let Some((selector, decls)) = body.take() {
                    let vars = decls
                        .split(';')
                        .filter_map(|d| d.split_once(':'))
                        .filter(|(k, _)| k.trim().starts_with("--"))
                        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                        .collect();
                    let block = Block {
                        at_rule: outer.clone(),
                        selector,
                    };
                    found.push(Rule { block, vars });
                }
                prelude.clear();
            }
            ('}', None) => {
                outer = None;
                prelude.clear();
            }
            (_, Some((_, decls))) => decls.push(c),
            (_, None) => prelude.push(c),
        }
    }
    found
}

/// The palette of both themes from the text of `style/1-tokens.css`: the light theme
/// from the top-level `:root` rule, the dark one from every rule whose selector names
/// `data-theme` and sets `--bg` (they must agree). An error says what is missing.
pub fn tokens(css: &str) -> Result<Tokens, String> {
    let rules = rules(css);
    let theme = |rule: &Rule| -> Result<Theme, String> {
        let colour = |name: &str| {
            let value = rule
                .vars
                .get(name)
                .ok_or_else(|| format!("{} sets no {name}", rule.block.selector))?;
            Rgb::parse(value).ok_or_else(|| {
                format!(
                    "{name} of {} is `{value}`, not a hex colour",
                    rule.block.selector
                )
            })
        };
        Ok(Theme {
            bg: colour("--bg")?,
            surface: colour("--surface")?,
            accent: colour("--accent")?,
        })
    };
    let light = rules
        .iter()
        .find(|r| r.block.at_rule.is_none() && r.block.selector == ":root")
        .ok_or("no top-level :root rule")?;
    let dark: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.block.selector.contains("data-theme") && r.vars.contains_key("--bg"))
        .collect();
    let first = dark
        .first()
        .ok_or("no dark-theme rule ([data-theme] setting --bg)")?;
    let dark_theme = theme(first)?;
    for other in &dark[1..] {
        if theme(other)? != dark_theme {
            return Err(format!(
                "the dark-theme rules `{}` and `{}` set different colours",
                first.block.selector, other.block.selector
            ));
        }
    }
    Ok(Tokens {
        light: theme(light)?,
        dark: dark_theme,
        dark_blocks: dark.iter().map(|r| r.block.clone()).collect(),
    })
}

/// The accent's companions, all checked against WCAG AA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccentSet {
    /// `--accent` and `--focus`.
    pub accent: Rgb,
    /// `--accent-strong`: hover links, and text on the tint.
    pub strong: Rgb,
    /// `--accent-tint`: a wash of the accent over the page.
    pub tint: Rgb,
    /// `--on-accent`: text on the accent and on the strong accent.
    pub on_accent: Rgb,
}

/// Why an accent cannot be used: the ratio found, against what.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    /// The colour that failed (the accent, or one derived from it).
    pub colour: Rgb,
    /// What it was checked against, in words (`the page background #f7f5f0`).
    pub against: String,
    /// The ratio found.
    pub ratio: f64,
}

/// `accent`'s companions in `theme` (`dark` says which way "stronger" goes: darker on a
/// light page, lighter on a dark one), or the first check that fails.
///
/// The mixing factors are the stock palette's own (its strong accent is about 27%
/// towards black in light, 38% towards white in dark; its tint about 10% accent over
/// the page); the strong accent is pushed further until every pair reaches AA.
pub fn accent_set(accent: Rgb, theme: &Theme, dark: bool) -> Result<AccentSet, Shortfall> {
    let need = |colour: Rgb, other: Rgb, what: &str| {
        let r = contrast(colour, other);
        if r < AA {
            Err(Shortfall {
                colour,
                against: format!("{what} {other}"),
                ratio: r,
            })
        } else {
            Ok(())
        }
    };
    need(accent, theme.bg, "the page background")?;
    need(accent, theme.surface, "the card background")?;
    let on_accent = if contrast(WHITE, accent) >= contrast(BLACK, accent) {
        WHITE
    } else {
        BLACK
    };
    need(on_accent, accent, "the accent")?;
    let (towards, start, tint_share) = if dark {
        (WHITE, 0.38, 0.14)
    } else {
        (BLACK, 0.27, 0.10)
    };
    let tint = theme.bg.mix(accent, tint_share);
    let mut step = 0u32;
    loop {
        let t = start + f64::from(step) * 0.05;
        let strong = accent.mix(towards, t);
        let checks = need(strong, theme.bg, "the page background")
            .and_then(|()| need(strong, theme.surface, "the card background"))
            .and_then(|()| need(strong, tint, "the accent tint"))
            .and_then(|()| need(on_accent, strong, "the strong accent"));
        match checks {
            Ok(()) => {
                return Ok(AccentSet {
                    accent,
                    strong,
                    tint,
                    on_accent,
                })
            }
            Err(e) if t >= 1.0 => return Err(e),
            Err(_) => step += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_both_lengths_and_nothing_else() {
        for (text, want) in [
            ("#fff", Some(WHITE)),
            ("#0B57a4", Some(Rgb(0x0b, 0x57, 0xa4))),
            ("#123", Some(Rgb(0x11, 0x22, 0x33))),
            ("#12345", None),
            ("123456", None),
            ("#12345g", None),
            ("#1234", None),
            ("#+12", None),
            ("red", None),
            ("", None),
        ] {
            assert_eq!(Rgb::parse(text), want, "{text}");
        }
        assert_eq!(Rgb(0x0b, 0x57, 0xa4).to_string(), "#0b57a4");
    }

    /// Known values from the WCAG definition and common checkers.
    #[test]
    fn contrast_matches_wcag() {
        for (a, b, want) in [
            ("#777", "#fff", 4.48),
            ("#000", "#fff", 21.0),
            ("#fff", "#fff", 1.0),
            ("#767676", "#fff", 4.54),
            ("#595959", "#fff", 7.0),
            ("#0b57a4", "#f7f5f0", 6.62),
        ] {
            let (a, b) = (Rgb::parse(a).unwrap(), Rgb::parse(b).unwrap());
            let r = contrast(a, b);
            assert!((r - want).abs() < 0.01, "{a} on {b}: {r}");
            assert_eq!(contrast(b, a), r);
        }
        assert_eq!(ratio(4.48), "4.4:1");
        assert_eq!(ratio(1.08), "1.0:1");
        assert_eq!(ratio(21.0), "21.0:1");
    }

    #[test]
    fn the_real_tokens_file_gives_both_themes() {
        let css = std::fs::read_to_string(crate::util::root().join(TOKENS)).unwrap();
        let t = tokens(&css).unwrap();
        assert_eq!(t.light.bg, Rgb::parse("#f7f5f0").unwrap());
        assert_eq!(t.light.surface, WHITE);
        assert_eq!(t.dark.bg, Rgb::parse("#121417").unwrap());
        assert_eq!(t.dark.surface, Rgb::parse("#1b1e23").unwrap());
        // Both dark blocks: the system preference and the forced theme.
        assert_eq!(t.dark_blocks.len(), 2);
        assert_eq!(
            t.dark_blocks[0].at_rule.as_deref(),
            Some("@media (prefers-color-scheme: dark)")
        );
        assert_eq!(t.dark_blocks[1].selector, ":root[data-theme=\"dark\"]");
    }

    #[test]
    fn a_tokens_file_without_a_theme_is_an_error() {
        let light = ":root { --bg: #fff; --surface: #fff; --accent: #00f; }";
        assert!(tokens(light).unwrap_err().contains("no dark-theme rule"));
        let mismatch = format!(
            "{light} @media (x) {{ :root:not([data-theme=\"light\"]) {{ --bg: #000; \
             --surface: #111; --accent: #fff; }} }} :root[data-theme=\"dark\"] {{ \
             --bg: #010101; --surface: #111; --accent: #fff; }}"
        );
        assert!(tokens(&mismatch).unwrap_err().contains("different colours"));
        assert!(tokens("/* :root { --bg: #fff } */").is_err());
    }

    #[test]
    fn derived_accents_reach_aa_everywhere() {
        let css = std::fs::read_to_string(crate::util::root().join(TOKENS)).unwrap();
        let t = tokens(&css).unwrap();
        for (accent, theme, dark) in [
            ("#0b57a4", t.light, false),
            ("#595959", t.light, false),
            ("#8cc0ff", t.dark, true),
            ("#ffd166", t.dark, true),
        ] {
            let set = accent_set(Rgb::parse(accent).unwrap(), &theme, dark).unwrap();
            for (a, b) in [
                (set.strong, theme.bg),
                (set.strong, theme.surface),
                (set.strong, set.tint),
                (set.on_accent, set.accent),
                (set.on_accent, set.strong),
            ] {
                assert!(contrast(a, b) >= AA, "{accent}: {a} on {b}");
            }
        }
        let e = accent_set(Rgb::parse("#ffff00").unwrap(), &t.light, false).unwrap_err();
        assert_eq!(ratio(e.ratio), "1.0:1");
        assert!(e.against.contains("#f7f5f0"));
    }
}
