//! Minifying the release shell's text: the stylesheet by a small conservative minifier
//! of our own ([`css`]), the JavaScript by Terser ([`js_file`]). Only a release build
//! ([`release_build`]) minifies; `cargo xtask serve` keeps them readable.
//!
//! The stylesheet is ours (`style/`), written for people: a fifth of its bytes are
//! comments and indentation, which brotli shrinks but does not remove (3 KB of the
//! shell's 9 KB of CSS). [`css`] drops only what can never change a rule's meaning:
//! comments, runs of whitespace (to one space), whitespace around `{ } ; , >` and after
//! `:`, and the last `;` of a block. Strings are copied byte for byte. It does not
//! rewrite values (colours, zeros, units) or merge rules: those savings are small next
//! to the risk, and the stylesheet is small.

use std::path::Path;
use std::process::Command;

use crate::util::{run_cmd, Result};

/// Whether this is a release build: Trunk's hooks get `TRUNK_PROFILE=release`.
pub fn release_build() -> bool {
    std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release")
}

/// What [`js_file`] runs Terser with (its version is pinned in `e2e/package.json`):
/// compressed and with local names mangled, strings always in double quotes (the file
/// names `wasm_names` replaces are found that way). Modules add `--module`.
pub const TERSER_ARGS: [&str; 4] = ["-c", "-m", "--format", "quote_style=2"];

/// Minifies the JavaScript file at `path` in place with Terser (from npm, installed
/// with the other node tools by `cargo xtask setup`), as an ES module or a classic
/// script: wasm-bindgen's glue and the split loader are a tenth of the shell's brotli
/// bytes, a sixth of which are comments, indentation and long local names (8.9 KB ->
/// 7.3 KB brotli for the glue).
pub fn js_file(path: &Path, module: bool) -> Result {
    let mut cmd = Command::new("terser");
    cmd.arg(path);
    if module {
        cmd.arg("--module");
    }
    run_cmd(cmd.args(TERSER_ARGS).arg("-o").arg(path))
}

/// Whether whitespace next to `c` can be dropped: it separates nothing that `c` does
/// not already separate. (Not `+`, `-`, `~`, `*`, `/`, `(` or `)`: in `calc()` and in
/// selectors the space around them can matter.)
fn absorbs_space(c: char) -> bool {
    matches!(c, '{' | '}' | ';' | ',' | '>')
}

/// `css` without comments and with no more whitespace than its meaning needs.
pub fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // A whitespace run (or comment) was skipped since the last byte written.
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = '\0';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                // `a/**/b` is two tokens: keep them apart.
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if escaped {
                        escaped = false;
                    } else if s == '\\' {
                        escaped = true;
                    } else if s == c {
                        break;
                    }
                }
            }
            '}' => {
                pending_space = false;
                if out.ends_with(';') && !out.ends_with("\\;") {
                    out.pop();
                }
                out.push('}');
            }
            c => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes the skipped whitespace before `next` if it separates anything.
fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    if std::mem::take(pending) {
        let after = out.chars().next_back();
        let needed = match after {
            None => false,
            Some(prev) => !absorbs_space(prev) && prev != ':' && !absorbs_space(next),
        };
        if needed {
            out.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::css;

    #[test]
    fn minifies_without_changing_meaning() {
        for (input, want) in [
            ("a { color: red; }\n", "a{color:red}"),
            ("/* note */\na > b,\nc  d { x: 1 }", "a>b,c d{x:1}"),
            (".a :hover{x:1}", ".a :hover{x:1}"),
            ("a/**/b{x:1}", "a b{x:1}"),
            (
                "@media (min-width: 40em) and (hover: hover) {\n  a { x: 1; }\n}\n",
                "@media (min-width:40em) and (hover:hover){a{x:1}}",
            ),
            (
                "a { width: calc(100% - 2 * 1rem); }",
                "a{width:calc(100% - 2 * 1rem)}",
            ),
            (
                "a::after { content: \"  /* kept */ ; } \"; }",
                "a::after{content:\"  /* kept */ ; } \"}",
            ),
            ("a { content: 'it\\'s  }'; }", "a{content:'it\\'s  }'}"),
            (
                "a + b ~ c { margin: 0 auto !important; }",
                "a + b ~ c{margin:0 auto !important}",
            ),
            (
                "a { font: 1rem/1.4 a, \"b c\", serif; }",
                "a{font:1rem/1.4 a,\"b c\",serif}",
            ),
            ("a{}  b{}", "a{}b{}"),
            ("/* unterminated", ""),
        ] {
            assert_eq!(css(input), want, "{input}");
        }
    }
}
