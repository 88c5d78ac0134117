//! Output formats. One emitter per format behind [`Emitter`]; each renders a
//! finished [`Report`] and never decides anything about the document. Colour is
//! decided once ([`Style::decide`]) and handed in.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};

use owo_colors::OwoColorize;
use serde_json::{Map, Value};

use crate::diagnostic::{Finding, Severity};
use crate::report::Report;
use crate::sanitize::{clean, clip};

pub mod batch;
pub mod catalog;
pub mod diff;
pub mod github;
pub mod json;
pub mod junit;
pub mod lint;
pub mod sarif;
pub mod table;
pub mod wrap;

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
    /// Terminal width: `COLUMNS`, else the terminal's own when writing to one.
    pub width: Option<u16>,
    /// `--brief`: the verdict, errors and warnings only (table and lint).
    pub brief: bool,
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
        let width = columns()
            .or_else(|| tty.then(|| comfy_table::Table::new().width()).flatten())
            .map(|w| w.max(40));
        Style {
            color,
            width,
            brief: false,
        }
    }

    pub fn plain() -> Style {
        Style {
            color: false,
            width: None,
            brief: false,
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

    /// Colour `text` as the verdict is coloured: red FAIL, green PASS, yellow
    /// for a pass with errors or warnings below `--fail-on`.
    pub fn verdict(&self, v: Verdict, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        match v {
            Verdict::Fail => text.red().bold().to_string(),
            Verdict::Pass => text.green().bold().to_string(),
            Verdict::PassWithWarnings => text.yellow().bold().to_string(),
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

/// The word the human formats use for a severity; info findings are "notes"
/// there (JSON keeps `info`).
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// How the run ended, as the human formats say it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Exit status 1 or 3.
    Fail,
    /// Exit status 0 with no error or warning at all.
    Pass,
    /// Exit status 0, but errors or warnings below `--fail-on`.
    PassWithWarnings,
}

impl Verdict {
    pub fn of(report: &Report) -> Verdict {
        let s = &report.summary;
        if s.failed {
            Verdict::Fail
        } else if s.errors + s.warnings > 0 {
            Verdict::PassWithWarnings
        } else {
            Verdict::Pass
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Fail => "FAIL",
            Verdict::Pass | Verdict::PassWithWarnings => "PASS",
        }
    }
}

/// The counts after the verdict word: `2 errors · 5 warnings · 13 notes (--fail-on error)`,
/// or `no document · 1 error · ...` when none could be had.
pub fn counts_line(report: &Report) -> String {
    let s = &report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let counts = format!(
        "{} · {} · {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.notes, "note", "notes")
    );
    let counts = match (s.baselined, s.fixed) {
        (Some(b), Some(f)) => format!("{counts} · {b} baselined · {f} fixed"),
        _ => counts,
    };
    if report.error.is_some() {
        format!("no document · {counts}")
    } else {
        format!("{counts} (--fail-on {})", fail_on_name(s.fail_on))
    }
}

/// Findings the `--baseline` already holds, summarised on one line for the
/// human formats: `known (baselined, not counted): rule ×2, other-rule`.
pub fn baselined_line(report: &Report) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in report.findings.iter().filter(|f| f.baselined) {
        match counts.iter_mut().find(|(id, _)| *id == f.rule.id) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.rule.id, 1)),
        }
    }
    if counts.is_empty() {
        return None;
    }
    let list: Vec<String> = counts
        .into_iter()
        .map(|(id, n)| {
            if n > 1 {
                format!("{id} ×{n}")
            } else {
                id.to_string()
            }
        })
        .collect();
    Some(format!(
        "known (baselined, not counted): {}",
        list.join(", ")
    ))
}

/// The findings that count (not in the baseline).
pub fn counted(report: &Report) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| !f.baselined)
        .cloned()
        .collect()
}

/// The verdict on one line: `FAIL  2 errors · 5 warnings · 13 notes (--fail-on error)`.
pub fn summary_line(report: &Report) -> String {
    format!("{}  {}", Verdict::of(report).word(), counts_line(report))
}

fn fail_on_name(f: crate::report::FailOn) -> &'static str {
    match f {
        crate::report::FailOn::Error => "error",
        crate::report::FailOn::Warning => "warning",
        crate::report::FailOn::Info => "info",
        crate::report::FailOn::Never => "never",
    }
}

/// One entry of a human report: a finding, or the findings of one rule on
/// siblings, shown together: elements of one array (`/response_types_supported/1`,
/// `/3`, ...) or members of one object (`/jwks_uri`, `/token_endpoint`, ...).
/// JSON keeps one finding each.
pub struct Entry<'a> {
    /// One finding, or the group's (array elements in index order).
    pub findings: Vec<&'a Finding>,
    /// Whether the group's findings point at array elements (else object members).
    pub elements: bool,
}

impl<'a> Entry<'a> {
    pub fn head(&self) -> &'a Finding {
        self.findings[0]
    }

    pub fn severity(&self) -> Severity {
        self.head().severity
    }

    pub fn is_group(&self) -> bool {
        self.findings.len() > 1
    }

    /// A group of array elements, shown by their values under the array's pointer
    /// (a group of members is shown by their pointers).
    pub fn is_array_group(&self) -> bool {
        self.is_group() && self.elements
    }

    /// The pointer to show for a single finding or an array group: the finding's,
    /// or the array's.
    pub fn pointer(&self) -> &'a str {
        let p = self.head().pointer.as_str();
        if self.is_array_group() {
            sibling_of(p).map_or(p, |(parent, _)| parent)
        } else {
            p
        }
    }

    /// What the group is made of, for `4 response types`: the array's name
    /// without `_supported`, in words; `members` for members.
    pub fn noun(&self) -> String {
        if !self.elements {
            return "members".into();
        }
        let last = self.pointer().rsplit('/').next().unwrap_or("");
        let name = crate::document::unescape_token(last);
        let name = name.strip_suffix("_supported").unwrap_or(&name);
        let noun = clip(&name.replace('_', " "), 60);
        if noun.trim().is_empty() {
            "elements".into()
        } else {
            noun
        }
    }

    /// Each finding's offending value, cleaned: its `actual`, else the value it
    /// points at in the document, else the last token of its pointer.
    pub fn values(&self, doc: Option<&'a Map<String, Value>>) -> impl Iterator<Item = String> + 'a {
        self.findings.clone().into_iter().map(move |f| {
            if let Some(a) = &f.actual {
                return clip(a, 80);
            }
            match doc.and_then(|d| crate::document::lookup(d, &f.pointer)) {
                Some(Value::String(s)) => clip(s, 80),
                Some(v) => clip(&v.to_string(), 80),
                None => clip(sibling_of(&f.pointer).map_or("?", |(_, t)| t), 80),
            }
        })
    }
}

/// The findings as entries, in report order (a group where its first finding is).
/// Findings group when they share the rule, severity, expected value and help and
/// point at siblings: elements of one array, or members of one object.
pub fn entries(findings: &[Finding]) -> Vec<Entry<'_>> {
    type Key<'k> = (
        &'k str,
        Severity,
        &'k str,
        bool,
        Option<&'k str>,
        Option<&'k str>,
    );
    let mut out: Vec<Entry> = Vec::new();
    let mut groups: HashMap<Key, usize> = HashMap::new();
    for f in findings {
        let sibling = sibling_of(&f.pointer);
        let elements = sibling.is_some_and(|(_, t)| is_index(t));
        if let Some((parent, _)) = sibling {
            let key = (
                f.rule.id,
                f.severity,
                parent,
                elements,
                f.expected.as_deref(),
                f.help.as_deref(),
            );
            if let Some(&i) = groups.get(&key) {
                out[i].findings.push(f);
                continue;
            }
            groups.insert(key, out.len());
        }
        out.push(Entry {
            findings: vec![f],
            elements,
        });
    }
    for e in &mut out {
        if e.is_array_group() {
            e.findings
                .sort_by_key(|f| sibling_of(&f.pointer).and_then(|(_, i)| i.parse::<u64>().ok()));
        }
    }
    out
}

/// `("/response_types_supported", "3")` for `/response_types_supported/3`,
/// `("", "jwks_uri")` for `/jwks_uri`, `("jwks:/keys/0", "d")` for `jwks:/keys/0/d`;
/// `None` for the whole document and `http:` pointers.
fn sibling_of(pointer: &str) -> Option<(&str, &str)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    (!last.is_empty() && (parent.is_empty() || parent.contains('/'))).then_some((parent, last))
}

fn is_index(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// A server-supplied pointer, cleaned, on one line of at most `max` columns.
pub fn pointer_text(pointer: &str, max: usize) -> String {
    if pointer.is_empty() {
        "(whole document)".into()
    } else {
        wrap::cut_middle(&clean(pointer), max)
    }
}

/// `COLUMNS`, when set to a usable width (40 or more).
pub fn columns() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w: &u16| *w >= 40)
}
