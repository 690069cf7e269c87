//! A tiny flag parser: `--name value` and `--flag`, nothing else to learn.

/// Parsed command-line options.
pub struct Args {
    items: Vec<String>,
}

impl Args {
    /// Wraps the arguments after the task name, rejecting unknown flags early.
    pub fn parse(
        argv: &[String],
        known_values: &[&str],
        known_flags: &[&str],
    ) -> crate::Result<Self> {
        let mut i = 0;
        while i < argv.len() {
            let a = argv[i].as_str();
            if known_values.contains(&a) {
                if i + 1 >= argv.len() {
                    return Err(format!("{a} needs a value"));
                }
                i += 2;
            } else if known_flags.contains(&a) {
                i += 1;
            } else {
                return Err(format!(
                    "unexpected argument `{a}` (see cargo xtask --help)"
                ));
            }
        }
        Ok(Args {
            items: argv.to_vec(),
        })
    }

    /// The value after `name`, if given.
    pub fn value(&self, name: &str) -> Option<String> {
        self.items
            .iter()
            .position(|a| a == name)
            .and_then(|i| self.items.get(i + 1).cloned())
    }

    /// True when `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.items.iter().any(|a| a == name)
    }
}
