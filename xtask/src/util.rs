//! The helpers every task shares, each written once: the error type (whose I/O errors
//! always name the file), running a command with the tool `PATH`, reading and writing
//! files, compression as `dist` does it, and medians. (Writing a build's files, each only
//! when its bytes change, is `out_files`.)
//!
//! Why one module: before it, each task had its own copy of these (three `read`s, two
//! brotli calls with the same parameters, `map_err(|e| e.to_string())` that dropped the
//! path), and the copies drifted. This module imports no other module of xtask, so any
//! of them can use it without an import circle.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a task failed. I/O errors carry the path they were about, so a report reads
/// `writing dist/_headers: Permission denied` rather than a bare `Permission denied`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation on `path` failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done: `reading`, `writing`, `creating`, `listing`, `copying to`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A command could not be started.
    #[error("could not start {command}: {source}")]
    Spawn {
        /// The command as shown in the log.
        command: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A command ran and failed.
    #[error("{command} failed ({status})")]
    Command {
        /// The command as shown in the log.
        command: String,
        /// Its exit status.
        status: std::process::ExitStatus,
    },
    /// JSON that could not be written or read; `what` names the file or value.
    #[error("{what}: {source}")]
    Json {
        /// The file or value.
        what: String,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// Any other reason, already worded for the reader.
    #[error("{0}")]
    Msg(String),
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Msg(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Self {
        Error::Msg(message.to_string())
    }
}

/// The result of a task or of one of its steps.
pub type Result<T = ()> = std::result::Result<T, Error>;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Lower-case hex of `bytes` (digests in file names, build ids and cache keys).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `PATH` with the node tools (wasm-opt from npm's binaryen) and cargo's bin first, so
/// Debian's broken wasm-opt is never picked up.
pub fn tool_env() -> Vec<(String, String)> {
    let mut parts: Vec<PathBuf> = vec![root().join("e2e/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").into_os_string())
    }) {
        parts.push(PathBuf::from(home).join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    let joined = std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    vec![("PATH".to_string(), joined)]
}

/// Runs a command with the tool `PATH` ([`tool_env`]), echoing it first and failing
/// with its name on a non-zero exit.
pub fn run_cmd(cmd: &mut Command) -> Result {
    let command = format!("{cmd:?}");
    eprintln!("$ {command}");
    let status = cmd
        .envs(tool_env())
        .status()
        .map_err(|source| Error::Spawn {
            command: command.clone(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Command { command, status })
    }
}

/// The standard output of a command run with the tool `PATH`, or `None` when it could
/// not start or failed (for probing what is installed).
pub fn cmd_output(cmd: &str, args: &[&str]) -> Option<String> {
    Command::new(cmd)
        .args(args)
        .envs(tool_env())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// An I/O error about `path`.
fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The bytes of `path`.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(io("reading", path))
}

/// The text of `path` (UTF-8).
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(io("reading", path))
}

/// Writes `contents` to `path`, creating its folder.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    std::fs::write(path, contents).map_err(io("writing", path))
}

/// A 128-bit content hash (xxh3) as hex: cache keys, never security.
pub fn fast_hash(parts: &[&[u8]]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:032x}", h.digest128())
}

/// Creates `dir` and its parents.
pub fn create_dir_all(dir: &Path) -> Result {
    std::fs::create_dir_all(dir).map_err(io("creating", dir))
}

/// The entries of `dir` (unreadable entries skipped).
pub fn read_dir(dir: &Path) -> Result<impl Iterator<Item = std::fs::DirEntry>> {
    Ok(std::fs::read_dir(dir)
        .map_err(io("listing", dir))?
        .flatten())
}

/// Copies `from` to `to`.
pub fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to).map_err(io("copying to", to))?;
    Ok(())
}

/// `value` as compact JSON; `what` names it in an error.
pub fn to_json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|source| Error::Json {
        what: what.to_string(),
        source,
    })
}

/// `value` as indented JSON; `what` names it in an error.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(|source| Error::Json {
        what: what.to_string(),
        source,
    })
}

/// Reads `path` as JSON of type `T`; errors name the file.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    serde_json::from_slice(&read(path)?).map_err(|source| Error::Json {
        what: path.display().to_string(),
        source,
    })
}

/// Brotli at quality 11 (window 22), as `dist` precompresses and as hosts serve.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        // Writing into a Vec cannot fail.
        let _ = w.write_all(bytes);
    }
    out
}

/// Size of `bytes` after [`brotli`].
pub fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// Gzip at the best level, as `dist` precompresses.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// The median of `values` (the upper one of an even count); `NaN` for none.
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Where a cache kept between builds into `out` lives: `target/dist-state/<hash of the
/// out path><suffix>` (caches are per output folder, never inside it). The path is made
/// canonical first, so `content`, `./content/` and `/abs/content` share their caches.
pub fn state_file(out: &Path, suffix: &str) -> PathBuf {
    let key = fast_hash(&[canonical(out).to_string_lossy().as_bytes()]);
    root()
        .join("target/dist-state")
        .join(format!("{}{suffix}", &key[..16]))
}

/// `path` without `.`, `..` or symbolic links: the folder itself when it exists, else its
/// parent's canonical path with its name (a `--out` folder a first build has yet to
/// make), else `path` made absolute as written.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(path) {
        return path;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let in_parent = parent
        .map_or_else(std::env::current_dir, std::fs::canonicalize)
        .ok()
        .zip(path.file_name())
        .map(|(parent, name)| parent.join(name));
    in_parent
        .or_else(|| std::path::absolute(path).ok())
        .unwrap_or_else(|| path.to_path_buf())
}

/// This executable's size and modification time: a cache written by another build of
/// xtask may hold what this one would not produce, so caches keep it and are dropped
/// when it differs (empty when unknown: then nothing is trusted).
pub fn tool_stamp() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
        .and_then(|m| {
            let time = m
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!("{}:{}", m.len(), time.as_nanos()))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_has_one_state_however_it_is_written() {
        let dir = std::env::temp_dir().join(format!("broadsheet-state-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let key = |p: &Path| state_file(p, "-x");
        assert_eq!(key(&dir), key(&dir.join(".")));
        assert_eq!(key(&dir), key(&dir.join("sub/..")));
        // An --out folder before and after the first build made it.
        let out = dir.join("sub/../out");
        let before = key(&out);
        assert_eq!(before, key(&dir.join("out")));
        std::fs::create_dir_all(&out).unwrap();
        assert_eq!(before, key(&out));
        assert_ne!(key(&dir), key(&out));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn io_errors_name_the_path() {
        let missing = std::env::temp_dir().join("broadsheet-util-no-such-file");
        let e = read(&missing).unwrap_err().to_string();
        assert!(
            e.starts_with("reading ") && e.contains("broadsheet-util-no-such-file"),
            "{e}"
        );
    }

    #[test]
    fn median_takes_the_middle_in_order() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 3.0);
        assert!(median(Vec::new()).is_nan());
    }

    #[test]
    fn compression_round_trips() {
        use std::io::Read;
        let text = b"broadsheet ".repeat(100);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&text)[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, text);
        assert!(brotli_len(&text) < text.len());
    }
}
