//! Measuring a build run as a child process, for the publishing rows: wall time (around
//! the child), peak memory (GNU time's `%M`: the largest resident set of the child or of
//! any process it waited for, so Trunk's and cargo's too when `dist` runs them), and the
//! size of what it wrote. And Debian tools installed only when missing (GNU `time`,
//! `hugo`), as `cargo xtask setup` installs Chromium.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::figure::Figure;
use crate::util::{cmd_output, median, run_cmd, tool_env};

/// GNU time, which reports a child's peak memory.
pub const GNU_TIME: &str = "/usr/bin/time";

/// One or more timed runs of the same build.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Timing {
    /// Seconds, median of the samples; not measured when every run failed.
    pub median_s: Figure,
    /// Every run that succeeded, in seconds.
    pub samples_s: Vec<f64>,
    /// The largest peak resident memory of those runs, in bytes.
    pub peak_rss_bytes: Figure,
    /// Why a run failed, or was not made (the first reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Timing {
    /// A timing that was not taken, and why.
    pub fn failed(why: impl Into<String>) -> Self {
        Timing {
            error: Some(why.into()),
            ..Timing::default()
        }
    }

    /// Adds the outcome of one run.
    pub fn add(&mut self, run: Result<Sample, String>) {
        match run {
            Ok(s) => {
                self.samples_s.push(s.seconds);
                self.median_s = Figure::Measured(median(self.samples_s.clone()));
                if let Some(rss) = s.peak_rss_bytes {
                    let max = self.peak_rss_bytes.get().unwrap_or(0.0).max(rss as f64);
                    self.peak_rss_bytes = Figure::Measured(max);
                }
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }
}

/// One run of a child process.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Wall time.
    pub seconds: f64,
    /// Peak resident memory, when GNU time was there to read it.
    pub peak_rss_bytes: Option<u64>,
}

/// Files and bytes a build wrote.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct OutputStats {
    /// Files (every file under the folder, compressed copies included).
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Files over articles.
    pub files_per_article: f64,
}

/// Counts the files under `dir` and their bytes.
pub fn output_stats(dir: &Path, articles: usize) -> Result<OutputStats, String> {
    fn walk(dir: &Path, files: &mut usize, bytes: &mut u64) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let meta = entry
                .metadata()
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            if meta.is_dir() {
                walk(&entry.path(), files, bytes)?;
            } else {
                *files += 1;
                *bytes += meta.len();
            }
        }
        Ok(())
    }
    let (mut files, mut bytes) = (0, 0);
    walk(dir, &mut files, &mut bytes)?;
    Ok(OutputStats {
        files,
        bytes,
        files_per_article: files as f64 / articles.max(1) as f64,
    })
}

/// Runs `program args` in `cwd` with the tool `PATH`, its output into `log`; its wall
/// time and (with `gnu_time`) its peak memory. A failure keeps the log's last lines.
pub fn timed(
    program: &str,
    args: &[String],
    cwd: &Path,
    log: &Path,
    gnu_time: bool,
) -> Result<Sample, String> {
    let rss_file = log.with_extension("rss");
    let _ = std::fs::remove_file(&rss_file);
    let mut cmd = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(program);
        c
    } else {
        Command::new(program)
    };
    let out = File::create(log).map_err(|e| format!("creating {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("{}: {e}", log.display()))?;
    cmd.args(args)
        .current_dir(cwd)
        .envs(tool_env())
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    let shown = format!("{program} {}", args.join(" "));
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(6)..].join("\n    ");
        return Err(format!(
            "{shown} failed ({status}; log {}):\n    {tail}",
            log.display()
        ));
    }
    // GNU time writes `%M` (KiB) as the last line of its output file.
    let peak_rss_bytes = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse::<u64>().ok()))
        .map(|kib| kib * 1024);
    Ok(Sample {
        seconds,
        peak_rss_bytes,
    })
}

/// Where `binary` is: the path itself when absolute, else the first match on `PATH`.
pub fn find(binary: &str) -> Option<PathBuf> {
    let path = Path::new(binary);
    if path.is_absolute() {
        return path.is_file().then(|| path.to_path_buf());
    }
    let var = std::env::var_os("PATH")?;
    std::env::split_paths(&var)
        .map(|d| d.join(binary))
        .find(|p| p.is_file())
}

/// Makes sure `binary` is installed, installing Debian's `package` with apt-get when it
/// is missing (as root, on Debian); says what it installs, and why it cannot.
pub fn ensure_apt(binary: &str, package: &str, needed_for: &str) -> Result<PathBuf, String> {
    if let Some(found) = find(binary) {
        return Ok(found);
    }
    let manual = format!("install it with `apt-get install {package}` or an equivalent");
    if find("apt-get").is_none() || !Path::new("/etc/debian_version").exists() {
        return Err(format!(
            "{binary} is missing and this is not Debian with apt-get: {manual}"
        ));
    }
    if cmd_output("id", &["-u"]).is_none_or(|uid| uid.trim() != "0") {
        return Err(format!(
            "{binary} is missing and installing it needs root: {manual}"
        ));
    }
    eprintln!(
        "bench: installing Debian's {package} (apt-get install -y {package}) for {needed_for}"
    );
    run_cmd(Command::new("apt-get").arg("update")).map_err(|e| e.to_string())?;
    run_cmd(Command::new("apt-get").args(["install", "-y", package])).map_err(|e| e.to_string())?;
    find(binary).ok_or_else(|| format!("apt-get installed {package} but {binary} is still missing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_run_is_not_measured_and_keeps_its_reason() {
        let mut t = Timing::default();
        t.add(Err("dist failed".into()));
        assert_eq!(t.median_s, Figure::NotMeasured);
        t.add(Ok(Sample {
            seconds: 2.0,
            peak_rss_bytes: Some(10),
        }));
        t.add(Ok(Sample {
            seconds: 4.0,
            peak_rss_bytes: None,
        }));
        assert_eq!(t.median_s, Figure::Measured(4.0));
        assert_eq!(t.peak_rss_bytes, Figure::Measured(10.0));
        assert_eq!(t.error.as_deref(), Some("dist failed"));
    }

    #[test]
    fn output_stats_count_every_file() {
        let dir =
            std::env::temp_dir().join(format!("broadsheet-bench-stats-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("x"), b"12345").unwrap();
        std::fs::write(dir.join("a/b/y"), b"123").unwrap();
        let s = output_stats(&dir, 4).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!((s.files, s.bytes, s.files_per_article), (2, 8, 0.5));
    }
}
