//! The printed table's machinery: one row per figure, one column per site, and targets
//! checked per value and collected for `report.json`. What the rows are is `summary.rs`.

use serde::{Deserialize, Serialize};

/// A target checked against a figure of the table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Target {
    /// The row.
    pub metric: String,
    /// The site.
    pub site: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// The target, as shown.
    pub target: String,
    /// Whether it was met.
    pub met: bool,
}

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
        let cells: Vec<Cell> = values.iter().map(|v| Cell::from(*v)).collect();
        let goals = vec![goal; values.len()];
        self.row_cells(label, &cells, unit, &goals);
    }

    /// One row with a cell and a target (or none) per site.
    pub fn row_cells(&mut self, label: &str, cells: &[Cell], unit: &str, goals: &[Option<Goal>]) {
        let mut line = format!("  {label:<46}");
        let mut shown: Vec<(String, Vec<&str>)> = Vec::new();
        for (i, (site, cell)) in self.sites.iter().zip(cells).enumerate() {
            let goal = goals.get(i).copied().flatten();
            let mut text = match cell {
                Cell::Value(x) => fmt(Some(*x), unit),
                Cell::Missing(why) => why.to_string(),
            };
            if let (Some(g), Cell::Value(x)) = (goal, cell) {
                let met = g.met(*x);
                text.push_str(if met { " ok" } else { " MISS" });
                self.targets.push(Target {
                    metric: label.to_string(),
                    site: site.clone(),
                    value: *x,
                    unit: unit.to_string(),
                    target: g.show(unit),
                    met,
                });
            }
            if let Some(g) = goal {
                let g = g.show(unit);
                match shown.iter_mut().find(|(s, _)| *s == g) {
                    Some((_, sites)) => sites.push(site),
                    None => shown.push((g, vec![site])),
                }
            }
            line.push_str(&format!(" {text:>15}"));
        }
        let all = self.sites.len().min(cells.len());
        let targets: Vec<String> = shown
            .into_iter()
            .map(|(g, sites)| {
                if sites.len() == all {
                    g
                } else {
                    format!("{g} ({})", sites.join(", "))
                }
            })
            .collect();
        if !targets.is_empty() {
            line.push_str(&format!("   target {}", targets.join("; ")));
        }
        self.lines.push(line);
    }
}

/// One cell of a row: a value, or why there is none (`-`: not measured; a table may say
/// it in words).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// A measured value.
    Value(f64),
    /// No value, and the text shown instead.
    Missing(&'static str),
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Cell::Missing("-"), Cell::Value)
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
        t.row_cells(
            "time",
            &[Cell::Value(1.0), Cell::Missing("not measured")],
            " s",
            &[None, Some(Goal::AtMost(2.0))],
        );
        assert!(t.lines[2].contains("not measured") && t.lines[2].ends_with("target <= 2 s (b)"));
        assert_eq!(t.targets.len(), 1);
        assert_eq!(ratio(Some(1.0), Some(0.0)), None);
    }
}
