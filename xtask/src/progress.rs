//! Progress and timing for long tasks: an indicatif bar on stderr for each step that can
//! take more than a second (hidden when stderr is not a terminal, so logs and CI stay
//! clean), and the time every step took, for the summary at the end.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting `len` items of `what` (`pages`, `files`).
pub fn bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("  {prefix:>9} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    bar
}

/// A spinner for a step whose size is not known in advance.
pub fn spinner(what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("  {spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(what.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A named span of time.
type Timed = (&'static str, Duration);

/// The steps of a task, timed in order; a step may have timed parts of its own
/// ([`Steps::run_parts`]), shown after it in brackets.
#[derive(Debug, Default)]
pub struct Steps {
    times: Vec<(&'static str, Duration, Vec<Timed>)>,
    /// Steps that ran on another thread while the timed ones ran: shown, not added to
    /// the total (which stays the task's wall time).
    alongside: Vec<(&'static str, Duration, &'static str)>,
}

impl Steps {
    /// Runs `step` as the step `name`, timing it.
    pub fn run<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        self.run_parts(name, |_| step())
    }

    /// Runs `step` as the step `name`, timing it and the parts it times in the `Steps`
    /// it is given.
    pub fn run_parts<T>(&mut self, name: &'static str, step: impl FnOnce(&mut Steps) -> T) -> T {
        let start = Instant::now();
        let mut parts = Steps::default();
        let out = step(&mut parts);
        let parts = parts.times.into_iter().map(|(n, t, _)| (n, t)).collect();
        self.times.push((name, start.elapsed(), parts));
        out
    }

    /// Records `name`, which took `took` on another thread while the step `beside` ran.
    pub fn alongside(&mut self, name: &'static str, took: Duration, beside: &'static str) {
        self.alongside.push((name, took, beside));
    }

    /// `name 1.23 s, other 0.04 s [part 0.02 s, …], …` and the total.
    pub fn summary(&self) -> String {
        let total: Duration = self.times.iter().map(|(_, t, _)| *t).sum();
        let parts: Vec<String> = self
            .times
            .iter()
            .map(|(name, t, parts)| {
                let mut s = format!("{name} {:.2} s", t.as_secs_f64());
                if !parts.is_empty() {
                    let inner: Vec<String> = parts
                        .iter()
                        .map(|(n, t)| format!("{n} {:.2} s", t.as_secs_f64()))
                        .collect();
                    s += &format!(" [{}]", inner.join(", "));
                }
                s
            })
            .chain(self.alongside.iter().map(|(name, t, beside)| {
                format!("{name} {:.2} s (alongside {beside})", t.as_secs_f64())
            }))
            .collect();
        format!("{:.2} s ({})", total.as_secs_f64(), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_listed_in_order_with_the_total() {
        let mut steps = Steps::default();
        assert_eq!(steps.run("read", || 1), 1);
        steps.run("write", || ());
        let s = steps.summary();
        assert!(s.contains("(read 0.00 s, write 0.00 s)"), "{s}");
        steps.run_parts("data", |parts| parts.run("search", || ()));
        let s = steps.summary();
        assert!(s.contains(", data 0.00 s [search 0.00 s])"), "{s}");
        steps.alongside("shell", Duration::from_millis(1500), "read");
        let s = steps.summary();
        assert!(
            s.contains("search 0.00 s], shell 1.50 s (alongside read))"),
            "{s}"
        );
        assert!(s.starts_with("0.00 s ("), "{s}");
    }
}
