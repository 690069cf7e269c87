//! The printed table's machinery: one row per figure, one column per site, and targets
//! checked per value and collected for `report.json`. What the rows are is `summary.rs`.

use super::report::Target;

/// A value as the table shows it; `-` is a figure that was not measured.
fn fmt(x: Option<f64>, unit: &str) -> String {
    match x {
        None => "-".into(),
        Some(x) if unit == "x" => format!("{x:.2}x"),
        Some(x) if unit == "KB" => format!("{:.1} KB", x / 1024.0),
        Some(x) if x >= 100.0 => format!("{x:.0}{unit}"),
        Some(x) if x >= 10.0 => format!("{x:.1}{unit}"),
        Some(x) => format!("{x:.2}{unit}"),
    }
}

/// How a target compares: `<=` or `>=` a limit.
#[derive(Clone, Copy)]
pub enum Goal {
    /// At most this.
    AtMost(f64),
    /// At least this.
    AtLeast(f64),
}

impl Goal {
    fn met(self, x: f64) -> bool {
        match self {
            Goal::AtMost(l) => x <= l,
            Goal::AtLeast(l) => x >= l,
        }
    }

    fn show(self, unit: &str) -> String {
        match self {
            Goal::AtMost(l) if unit == "KB" => format!("<= {:.0} KB", l / 1024.0),
            Goal::AtMost(l) => format!("<= {l}{unit}"),
            Goal::AtLeast(l) => format!(">= {l}{unit}"),
        }
    }
}

/// The table being printed.
pub struct Table {
    sites: Vec<String>,
    /// The printed lines.
    pub lines: Vec<String>,
    /// Every target checked so far.
    pub targets: Vec<Target>,
}

impl Table {
    /// A table with a column per site in `sites`, and its header line.
    pub fn new(title: &str, sites: &[String]) -> Self {
        let mut header = format!("{title:<48}");
        for n in sites {
            header.push_str(&format!(" {n:>15}"));
        }
        Table {
            sites: sites.to_vec(),
            lines: vec![header],
            targets: Vec::new(),
        }
    }

    /// A blank line and a section title.
    pub fn section(&mut self, title: &str) {
        self.lines.push(String::new());
        self.lines.push(title.to_string());
    }

    /// One row: a label, a value per site, and an optional target checked per value.
    pub fn row(&mut self, label: &str, values: &[Option<f64>], unit: &str, goal: Option<Goal>) {
        let mut line = format!("  {label:<46}");
        for (site, v) in self.sites.iter().zip(values) {
            let mut cell = fmt(*v, unit);
            if let (Some(g), Some(x)) = (goal, v) {
                let met = g.met(*x);
                cell.push_str(if met { " ok" } else { " MISS" });
                self.targets.push(Target {
                    metric: label.to_string(),
                    site: site.clone(),
                    value: *x,
                    unit: unit.to_string(),
                    target: g.show(unit),
                    met,
                });
            }
            line.push_str(&format!(" {cell:>15}"));
        }
        if let Some(g) = goal {
            line.push_str(&format!("   target {}", g.show(unit)));
        }
        self.lines.push(line);
    }
}

/// `a / b`, when both were measured and `b` is not zero.
pub fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_check_targets_per_measured_value() {
        let mut t = Table::new("bench", &["a".into(), "b".into()]);
        t.row(
            "size",
            &[Some(2048.0), None],
            "KB",
            Some(Goal::AtMost(1024.0)),
        );
        assert!(t.lines[1].contains("2.0 KB MISS") && t.lines[1].contains(" -"));
        assert_eq!(t.targets.len(), 1);
        assert!(!t.targets[0].met);
        assert_eq!(ratio(Some(1.0), Some(0.0)), None);
    }
}
