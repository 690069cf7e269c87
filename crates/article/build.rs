//! Writes the case-mapping tables of `src/case.rs` from the standard library's own
//! mappings, so they always follow the Unicode version of the toolchain that builds
//! them (a test compares every character with the standard library's result).
//!
//! Why not call `char::to_lowercase` at run time: its tables are ~24 KB of one pair per
//! character, in the Wasm file every page loads. Most mappings come in runs (a block of
//! capitals `+32` away from its small letters, or alternating pairs `+1`), so the same
//! mappings fit in a few hundred runs.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A mapping run: `len` characters from `start`, `stride` apart, each mapped `delta` away.
struct Run {
    start: u32,
    len: u32,
    stride: u32,
    delta: i64,
}

/// Single-character mappings as runs, and the characters that map to several.
fn tables(map: impl Fn(char) -> Vec<char>) -> (Vec<Run>, Vec<(u32, Vec<char>)>) {
    let mut runs: Vec<Run> = Vec::new();
    let mut multi = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mapped = map(c);
        if mapped == [c] {
            continue;
        }
        let cp = u32::from(c);
        if mapped.len() > 1 {
            multi.push((cp, mapped));
            continue;
        }
        let delta = i64::from(u32::from(mapped[0])) - i64::from(cp);
        if let Some(run) = runs.last_mut() {
            let last = run.start + (run.len - 1) * run.stride;
            let gap = cp - last;
            let fits = run.delta == delta
                && (gap == run.stride || (run.len == 1 && (gap == 1 || gap == 2)));
            if fits && run.len < u32::from(u16::MAX) {
                run.stride = gap;
                run.len += 1;
                continue;
            }
        }
        runs.push(Run {
            start: cp,
            len: 1,
            stride: 1,
            delta,
        });
    }
    (runs, multi)
}

fn write(out: &mut String, name: &str, (runs, multi): (Vec<Run>, Vec<(u32, Vec<char>)>)) {
    let _ = writeln!(
        out,
        "pub(crate) static {name}_RUNS: [(u32, u16, u8, i32); {}] = [",
        runs.len()
    );
    for r in &runs {
        let _ = writeln!(out, "({}, {}, {}, {}),", r.start, r.len, r.stride, r.delta);
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "pub(crate) static {name}_MULTI: [(u32, [u32; 3]); {}] = [",
        multi.len()
    );
    for (cp, chars) in &multi {
        let mut three = [0u32; 3];
        for (slot, c) in three.iter_mut().zip(chars) {
            *slot = u32::from(*c);
        }
        let _ = writeln!(out, "({cp}, {three:?}),");
    }
    out.push_str("];\n");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut out = String::new();
    write(&mut out, "LOWER", tables(|c| c.to_lowercase().collect()));
    write(&mut out, "UPPER", tables(|c| c.to_uppercase().collect()));
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("case_tables.rs"), out).expect("OUT_DIR is writable");
}
