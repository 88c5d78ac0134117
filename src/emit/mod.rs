//! Output formats. One emitter per format behind [`Emitter`]; each renders a
//! finished [`Report`] and never decides anything about the document. Colour is
//! decided once ([`Style::decide`]) and handed in.

use std::io::{self, IsTerminal, Write};

use owo_colors::OwoColorize;

use crate::diagnostic::Severity;
use crate::report::Report;

pub mod batch;
pub mod catalog;
pub mod diff;
pub mod github;
pub mod json;
pub mod junit;
pub mod lint;
pub mod sarif;
pub mod table;

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    /// One compact report a line.
    Jsonl,
    Lint,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML for test-report views.
    Junit,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Table,
        Format::Json,
        Format::Jsonl,
        Format::Lint,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Lint => "lint",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
        }
    }

    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// A format written for any number of reports at once, used for one.
struct Many(fn(&[Report], &mut dyn Write) -> io::Result<()>);

impl Emitter for Many {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        (self.0)(std::slice::from_ref(report), out)
    }
}

/// When to colour: `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Renders a report to a writer.
pub trait Emitter {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The emitter for a format.
pub fn emitter(format: Format, style: Style) -> Box<dyn Emitter> {
    match format {
        Format::Table => Box::new(table::Table { style }),
        Format::Json => Box::new(json::Json),
        Format::Jsonl => Box::new(json::JsonLine),
        Format::Sarif => Box::new(Many(sarif::write)),
        Format::Github => Box::new(Many(github::write)),
        Format::Junit => Box::new(Many(junit::write)),
        Format::Lint => Box::new(lint::Lint { style }),
    }
}

/// Presentation settings decided once per run.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Terminal width, when writing to one.
    pub width: Option<u16>,
}

impl Style {
    /// `--color`, NO_COLOR, TERM=dumb and whether stdout is a terminal.
    pub fn decide(arg: ColorChoice) -> Style {
        let tty = io::stdout().is_terminal();
        let color = match arg {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|w: &u16| *w >= 40);
        Style { color, width }
    }

    pub fn plain() -> Style {
        Style {
            color: false,
            width: None,
        }
    }

    /// Colour `text` by severity.
    pub fn severity(&self, s: Severity, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        match s {
            Severity::Error => text.red().bold().to_string(),
            Severity::Warning => text.yellow().bold().to_string(),
            Severity::Info => text.cyan().to_string(),
        }
    }

    pub fn ok(&self, text: &str) -> String {
        if self.color {
            text.green().to_string()
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color {
            text.bold().to_string()
        } else {
            text.to_string()
        }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.color {
            text.dimmed().to_string()
        } else {
            text.to_string()
        }
    }
}

/// The one-line verdict all human formats end with.
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let counts = format!(
        "{}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "note", "notes")
    );
    let verdict = if report.error.is_some() {
        "no document".to_string()
    } else if s.failed {
        format!("failed (--fail-on {})", fail_on_name(s.fail_on))
    } else {
        format!("passed (--fail-on {})", fail_on_name(s.fail_on))
    };
    format!("{counts}; {verdict}")
}

fn fail_on_name(f: crate::report::FailOn) -> &'static str {
    match f {
        crate::report::FailOn::Error => "error",
        crate::report::FailOn::Warning => "warning",
        crate::report::FailOn::Info => "info",
        crate::report::FailOn::Never => "never",
    }
}
