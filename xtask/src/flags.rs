//! Flags declared once: each task has one [`Task`] table (name, one-line summary, longer
//! description, and its [`Flag`]s with their help), and both parsing and `--help` are
//! derived from it, so the help can never list a flag the parser rejects or miss one it
//! accepts (the idea of rust-analyzer's `xtask/src/flags.rs`, without its macro).
//!
//! Accepted forms: `--name value`, `--name=value` and `--switch`; a flag declared with
//! [`Flag::repeated`] may be given several times, and a task with a [`Flag::positional`]
//! takes one bare argument (`cargo xtask test FILTER`). Anything else, an unknown flag,
//! a flag given twice, a value for a switch, a missing value or a second bare argument,
//! is an error that names the argument.

use crate::util::{Error, Result};

/// One flag of a task.
#[derive(Debug)]
pub struct Flag {
    /// The flag as typed, `--out`.
    pub name: &'static str,
    /// The placeholder of its value in the help (`DIR`), `None` for a switch.
    pub value: Option<&'static str>,
    /// One line of help (shown after the flag).
    pub help: &'static str,
    /// May be given more than once (read with [`Args::values`]).
    pub repeated: bool,
}

impl Flag {
    /// A flag that takes a value: `--name VALUE` or `--name=VALUE`.
    pub const fn value(name: &'static str, placeholder: &'static str, help: &'static str) -> Self {
        Flag {
            name,
            value: Some(placeholder),
            help,
            repeated: false,
        }
    }

    /// A value flag that may be given several times: `--tier 1 --tier 3`.
    pub const fn repeated(
        name: &'static str,
        placeholder: &'static str,
        help: &'static str,
    ) -> Self {
        Flag {
            name,
            value: Some(placeholder),
            help,
            repeated: true,
        }
    }

    /// The task's one bare argument, shown as `[PLACEHOLDER]` and read with
    /// [`Args::value`] under `placeholder`.
    pub const fn positional(placeholder: &'static str, help: &'static str) -> Self {
        Flag {
            name: placeholder,
            value: Some(placeholder),
            help,
            repeated: false,
        }
    }

    /// A flag without a value.
    pub const fn switch(name: &'static str, help: &'static str) -> Self {
        Flag {
            name,
            value: None,
            help,
            repeated: false,
        }
    }

    fn is_positional(&self) -> bool {
        !self.name.starts_with('-')
    }
}

/// A task of `cargo xtask`: its flags, help and entry point.
pub struct Task {
    /// The name typed after `cargo xtask` (a contract: scripts, CI and Trunk use it).
    pub name: &'static str,
    /// The line `cargo xtask --help` shows.
    pub summary: &'static str,
    /// Further paragraphs for `cargo xtask <task> --help` (may be empty).
    pub about: &'static str,
    /// Every flag the task accepts.
    pub flags: &'static [Flag],
    /// Runs the task with its parsed flags.
    pub run: fn(&Args) -> Result,
}

/// The parsed flags of one task.
#[derive(Debug)]
pub struct Args {
    flags: &'static [Flag],
    given: Vec<(&'static str, Option<String>)>,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// Run the task with these flags.
    Run(Args),
    /// Print the task's help (`--help` or `-h` among its arguments).
    Help,
}

/// Parses `argv` (the arguments after the task name) against `flags`.
pub fn parse(flags: &'static [Flag], argv: &[String]) -> Result<Parsed> {
    if argv.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Parsed::Help);
    }
    let mut given: Vec<(&'static str, Option<String>)> = Vec::new();
    let mut rest = argv.iter();
    while let Some(arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let unknown = || {
            Error::Msg(format!(
                "unknown argument `{arg}` (see cargo xtask <task> --help)"
            ))
        };
        if !arg.starts_with('-') {
            let flag = flags
                .iter()
                .find(|f| f.is_positional())
                .ok_or_else(unknown)?;
            if given.iter().any(|(n, _)| *n == flag.name) {
                return Err(Error::Msg(format!(
                    "`{arg}`: only one {} may be given",
                    flag.name
                )));
            }
            given.push((flag.name, Some(arg.clone())));
            continue;
        }
        let flag = flags
            .iter()
            .find(|f| f.name == name && !f.is_positional())
            .ok_or_else(unknown)?;
        if !flag.repeated && given.iter().any(|(n, _)| *n == flag.name) {
            return Err(Error::Msg(format!("{name} given twice")));
        }
        let value = match (flag.value, inline) {
            (None, None) => None,
            (None, Some(_)) => return Err(Error::Msg(format!("{name} takes no value"))),
            (Some(_), Some(v)) => Some(v),
            (Some(placeholder), None) => Some(
                rest.next()
                    .cloned()
                    .ok_or_else(|| Error::Msg(format!("{name} needs a value ({placeholder})")))?,
            ),
        };
        given.push((flag.name, value));
    }
    Ok(Parsed::Run(Args { flags, given }))
}

impl Args {
    /// Panics when `name` is not a declared flag of the kind asked for: a typo in a task's
    /// code, which the tests of every task's defaults catch.
    fn declared(&self, name: &str, takes_value: bool) {
        let ok = self
            .flags
            .iter()
            .any(|f| f.name == name && f.value.is_some() == takes_value);
        assert!(
            ok,
            "`{name}` is not declared as a {} of this task",
            if takes_value { "value flag" } else { "switch" }
        );
    }

    /// The value of `name`, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.declared(name, true);
        self.given
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every value of the repeated flag `name`, in the order given.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.declared(name, true);
        self.given
            .iter()
            .filter(|(n, _)| *n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }

    /// The value of `name` parsed as `T`, or `default` when not given.
    pub fn parsed_or<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|e| Error::Msg(format!("{name} {v}: {e}"))),
        }
    }

    /// True when the switch `name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.declared(name, false);
        self.given.iter().any(|(n, _)| *n == name)
    }
}

/// The usage line of a task: `cargo xtask bundle [--content DIR] [--strict]`.
fn usage(task: &Task) -> String {
    let mut line = format!("cargo xtask {}", task.name);
    for f in task.flags {
        match f.value {
            _ if f.is_positional() => line.push_str(&format!(" [{}]", f.name)),
            Some(v) if f.repeated => line.push_str(&format!(" [{} {v}]...", f.name)),
            Some(v) => line.push_str(&format!(" [{} {v}]", f.name)),
            None => line.push_str(&format!(" [{}]", f.name)),
        }
    }
    line
}

/// `cargo xtask <task> --help`.
pub fn task_help(task: &Task) -> String {
    let mut out = format!("{}\n\n{}\n", usage(task), task.summary);
    if !task.about.is_empty() {
        out.push_str(&format!("\n{}\n", task.about.trim_end()));
    }
    if !task.flags.is_empty() {
        out.push_str("\nOptions:\n");
        let shown: Vec<String> = task
            .flags
            .iter()
            .map(|f| match f.value {
                _ if f.is_positional() => f.name.to_string(),
                Some(v) => format!("{} {v}", f.name),
                None => f.name.to_string(),
            })
            .collect();
        let width = shown.iter().map(String::len).max().unwrap_or(0);
        for (f, s) in task.flags.iter().zip(&shown) {
            out.push_str(&format!("  {s:<width$}  {}\n", f.help));
        }
    }
    out
}

/// `cargo xtask --help`: every task with its one-line summary.
pub fn help(tasks: &[Task]) -> String {
    let width = tasks.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let mut out = String::from("cargo xtask <task> [options]\n\nTasks:\n");
    for t in tasks {
        out.push_str(&format!("  {:<width$}  {}\n", t.name, t.summary));
    }
    out.push_str("\nRun `cargo xtask <task> --help` for a task's options.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        Flag::value("--out", "DIR", "where"),
        Flag::switch("--strict", "fail on any report"),
    ];

    fn run(argv: &[&str]) -> Result<Args> {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        match parse(FLAGS, &argv)? {
            Parsed::Run(args) => Ok(args),
            Parsed::Help => Err(Error::Msg("help".into())),
        }
    }

    #[test]
    fn both_value_forms_and_switches() {
        let a = run(&["--out", "x", "--strict"]).unwrap();
        assert_eq!(a.value("--out"), Some("x"));
        assert!(a.switch("--strict"));
        let b = run(&["--out=y=z"]).unwrap();
        assert_eq!(b.value("--out"), Some("y=z"));
        assert!(!b.switch("--strict"));
    }

    #[test]
    fn mistakes_name_the_argument() {
        let table = [
            (&["--outt", "x"][..], "`--outt`"),
            (&["--out"][..], "--out needs a value"),
            (&["--strict=1"][..], "--strict takes no value"),
            (&["--strict", "--strict"][..], "--strict given twice"),
            (&["stray"][..], "`stray`"),
        ];
        for (argv, want) in table {
            let e = run(argv).unwrap_err().to_string();
            assert!(e.contains(want), "{argv:?}: {e}");
        }
    }

    const MORE: &[Flag] = &[
        Flag::repeated("--tier", "N", "which"),
        Flag::positional("FILTER", "names"),
    ];

    #[test]
    fn repeated_flags_and_one_bare_argument() {
        let argv: Vec<String> = ["--tier", "1", "reader", "--tier=3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let Parsed::Run(a) = parse(MORE, &argv).unwrap() else {
            panic!("help")
        };
        assert_eq!(a.values("--tier"), ["1", "3"]);
        assert_eq!(a.value("FILTER"), Some("reader"));
        let two: Vec<String> = vec!["a".into(), "b".into()];
        let e = parse(MORE, &two).unwrap_err().to_string();
        assert!(e.contains("only one FILTER"), "{e}");
        // A task without a bare argument still rejects one; a flag is never positional.
        assert!(run(&["FILTER"]).is_err());
        let e = parse(MORE, &["--FILTER".to_string(), "x".to_string()]).unwrap_err();
        assert!(e.to_string().contains("unknown argument"), "{e}");
    }

    #[test]
    fn help_lists_every_flag() {
        fn noop(_: &Args) -> Result {
            Ok(())
        }
        let task = Task {
            name: "demo",
            summary: "A demo.",
            about: "",
            flags: FLAGS,
            run: noop,
        };
        let h = task_help(&task);
        assert!(h.starts_with("cargo xtask demo [--out DIR] [--strict]"));
        assert!(h.contains("  --out DIR  where\n  --strict   fail on any report\n"));
        assert!(help(&[task]).contains("  demo  A demo.\n"));
        assert!(matches!(
            parse(FLAGS, &["-h".to_string()]).unwrap(),
            Parsed::Help
        ));
    }

    #[test]
    #[should_panic(expected = "not declared")]
    fn asking_for_an_undeclared_flag_is_a_bug() {
        run(&[]).unwrap().value("--content");
    }
}
