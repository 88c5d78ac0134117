//! `--format table` (default): a header about the exchange, the document's fields
//! (endpoints, then capabilities, then the rest) each marked with the worst
//! finding that points at it, the keys of the key set marked the same way, then
//! the findings and a one-line summary.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table as Grid, Width,
};
use serde_json::Value;

use super::{Emitter, Style, summary_line};
use crate::diagnostic::Severity;
use crate::document::pointer_token;
use crate::jwks::KeySummary;
use crate::report::Report;
use crate::sanitize::{clean, clip};

pub struct Table {
    pub style: Style,
}

/// Longest value shown in a cell; longer ones are cut with a note.
const CELL_MAX: usize = 400;

/// Most keys listed one per row; the rest are counted in one row.
const KEYS_MAX: usize = 100;

/// Most document members and findings shown; a hostile document can have
/// hundreds of thousands, and the other formats list them all.
const ROWS_MAX: usize = 500;

impl Emitter for Table {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.grid_header(report))?;
        if let Some(doc) = &report.document {
            writeln!(out, "{}", self.grid_fields(report, doc))?;
        }
        if let Some(keys) = report.jwks.as_ref().and_then(|k| k.keys.as_ref())
            && !keys.is_empty()
        {
            writeln!(out, "{}", self.grid_keys(report, keys))?;
        }
        if !report.findings.is_empty() {
            writeln!(out, "{}", self.grid_findings(report))?;
        }
        if let Some(e) = &report.error {
            let label = self.style.severity(Severity::Error, "error");
            writeln!(out, "{label}: {} ({})", clean(&e.message), clean(&e.url))?;
        }
        writeln!(out, "{}", summary_line(report))
    }
}

impl Table {
    fn grid(&self) -> Grid {
        let mut t = Grid::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.style.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        match self.style.width {
            Some(w) => {
                t.set_width(w);
            }
            None if !io::stdout().is_terminal() => {
                t.set_width(100);
            }
            None => {}
        }
        t
    }

    fn severity_cell(&self, s: Option<Severity>) -> Cell {
        match s {
            None => Cell::new("ok").fg(Color::Green),
            Some(Severity::Error) => Cell::new("error").fg(Color::Red),
            Some(Severity::Warning) => Cell::new("warning").fg(Color::Yellow),
            Some(Severity::Info) => Cell::new("info").fg(Color::Cyan),
        }
    }

    fn grid_header(&self, r: &Report) -> Grid {
        let mut t = self.grid();
        // Colour goes through comfy-table (which knows it takes no width), never
        // as escape codes inside a cell.
        let mut row = |k: &str, color: Option<Color>, v: String| {
            let cell = Cell::new(v);
            t.add_row(vec![
                Cell::new(k),
                if let Some(c) = color {
                    cell.fg(c)
                } else {
                    cell
                },
            ]);
        };
        if let Some(issuer) = r.document.as_ref().and_then(|d| d.get("issuer")) {
            row("Issuer", None, value_text(issuer));
        }
        if let Some(e) = &r.target.expected_issuer {
            let from = match e.source {
                crate::target::IssuerSource::Argument => "as given",
                crate::target::IssuerSource::BareHost => "from the host name",
                crate::target::IssuerSource::DiscoveryUrl => "from the discovery URL",
                crate::target::IssuerSource::ExpectIssuer => "--expect-issuer",
            };
            row(
                "Expected issuer",
                None,
                format!("{} ({from})", clean(&e.value)),
            );
        }
        match &r.http {
            Some(h) => {
                row("Discovery URL", None, clean(&h.url).into_owned());
                for hop in &h.redirects {
                    row(
                        "Redirect",
                        None,
                        format!(
                            "{} {} → {}",
                            hop.status,
                            clean(&hop.url),
                            clip(&hop.location, CELL_MAX)
                        ),
                    );
                }
                if h.final_url != h.url {
                    row("Final URL", None, clean(&h.final_url).into_owned());
                }
                row(
                    "Status",
                    None,
                    format!(
                        "{} · {} · {} bytes · {} ms",
                        h.status,
                        h.content_type
                            .as_deref()
                            .map_or("no content type".into(), |c| clip(c, 100)),
                        h.body_bytes,
                        h.elapsed_ms
                    ),
                );
                match h.tls_verified {
                    Some(true) => row("TLS", None, "certificate verified".into()),
                    Some(false) => row(
                        "TLS",
                        Some(Color::Red),
                        "NOT VERIFIED (--insecure): the server's identity was not checked".into(),
                    ),
                    None => row("TLS", Some(Color::Yellow), "none (plain http)".into()),
                }
            }
            None => match &r.target.discovery_url {
                Some(u) => row("Discovery URL", None, clean(u).into_owned()),
                None => row("File", None, clean(&r.target.input).into_owned()),
            },
        }
        if let Some(k) = &r.jwks {
            row("Key set", None, clean(&k.url).into_owned());
            let count = match &k.keys {
                Some(keys) if keys.len() == 1 => "1 key".to_string(),
                Some(keys) => format!("{} keys", keys.len()),
                None => "not usable".to_string(),
            };
            let status = match &k.http {
                Some(h) => format!(
                    "{} · {} · {} bytes · {} ms · {count}",
                    h.status,
                    h.content_type
                        .as_deref()
                        .map_or("no content type".into(), |c| clip(c, 100)),
                    h.body_bytes,
                    h.elapsed_ms
                ),
                None => count,
            };
            row("Key set status", None, status);
        }
        if !r.profiles.is_empty() {
            row("Profiles", None, r.profiles.join(", "));
        }
        t
    }

    /// One row per key: identity, type, size or curve, certificate expiry, and
    /// the worst finding that points into the key.
    fn grid_keys(&self, r: &Report, keys: &[KeySummary]) -> Grid {
        let mut t = self.grid();
        t.set_header(vec![
            "Key",
            "kid",
            "kty",
            "alg",
            "use",
            "Size",
            "Certificate until",
            "Status",
        ]);
        // Worst finding per key, in one pass over the findings.
        let mut worst: BTreeMap<usize, Severity> = BTreeMap::new();
        for f in &r.findings {
            let index = f
                .pointer
                .strip_prefix("jwks:/keys/")
                .and_then(|rest| rest.split('/').next())
                .and_then(|i| i.parse::<usize>().ok());
            if let Some(i) = index {
                let w = worst.entry(i).or_insert(f.severity);
                *w = (*w).max(f.severity);
            }
        }
        let text = |v: &Option<String>| v.as_deref().map_or(String::new(), |s| clip(s, 60));
        for k in keys.iter().take(KEYS_MAX) {
            let size = match (k.bits, &k.crv) {
                (Some(bits), _) => format!("{bits} bits"),
                (None, Some(crv)) => clip(crv, 20),
                (None, None) => String::new(),
            };
            let usage = match (&k.use_, &k.key_ops) {
                (Some(u), _) => clip(u, 20),
                (None, Some(ops)) => clip(&ops.join(","), 40),
                (None, None) => String::new(),
            };
            t.add_row(vec![
                Cell::new(k.index),
                Cell::new(text(&k.kid)),
                Cell::new(text(&k.kty)),
                Cell::new(text(&k.alg)),
                Cell::new(usage),
                Cell::new(size),
                Cell::new(k.x5c_not_after.map_or(String::new(), |t| t.to_string())),
                self.severity_cell(worst.get(&k.index).copied()),
            ]);
        }
        if keys.len() > KEYS_MAX {
            let rest = &keys[KEYS_MAX..];
            let worst_rest = rest
                .iter()
                .filter_map(|k| worst.get(&k.index).copied())
                .max();
            t.add_row(vec![
                Cell::new("…"),
                Cell::new(format!(
                    "{} more keys (--format json lists them all)",
                    rest.len()
                )),
                Cell::new(""),
                Cell::new(""),
                Cell::new(""),
                Cell::new(""),
                Cell::new(""),
                self.severity_cell(worst_rest),
            ]);
        }
        t
    }

    fn grid_fields(&self, r: &Report, doc: &serde_json::Map<String, Value>) -> Grid {
        let mut t = self.grid();
        t.set_header(vec!["Field", "Value", "Status"]);
        t.set_constraints(vec![
            ColumnConstraint::ContentWidth,
            ColumnConstraint::LowerBoundary(Width::Fixed(20)),
            ColumnConstraint::ContentWidth,
        ]);
        // The worst severity per top-level member, from each finding's pointer
        // (one pass: a hostile document can have as many findings as members).
        let mut by_member: HashMap<&str, Severity> = HashMap::new();
        for f in &r.findings {
            if let Some(rest) = f.pointer.strip_prefix('/') {
                let token = rest.split('/').next().unwrap_or(rest);
                let e = by_member.entry(token).or_insert(f.severity);
                *e = (*e).max(f.severity);
            }
        }
        let worst = |name: &str| by_member.get(pointer_token(name).as_str()).copied();
        let mut names: Vec<(usize, &String)> = doc.keys().enumerate().collect();
        names.sort_by_key(|(i, n)| (crate::schema::display_rank(n).0, *i));
        let hidden = names.len().saturating_sub(ROWS_MAX);
        for (_, name) in names.iter().take(ROWS_MAX) {
            t.add_row(vec![
                Cell::new(clip(name, 80)),
                Cell::new(doc.get(name.as_str()).map_or(String::new(), value_text)),
                self.severity_cell(worst(name))
                    .set_alignment(CellAlignment::Left),
            ]);
        }
        if hidden > 0 {
            let worst_hidden = names
                .iter()
                .skip(ROWS_MAX)
                .filter_map(|(_, n)| worst(n))
                .max();
            t.add_row(vec![
                Cell::new("…"),
                Cell::new(format!(
                    "{hidden} more members (--format json shows the whole document)"
                )),
                self.severity_cell(worst_hidden),
            ]);
        }
        // Members that findings name but the document lacks.
        let mut absent: Vec<&str> = r
            .findings
            .iter()
            .filter_map(|f| f.pointer.strip_prefix('/'))
            .filter(|p| !p.contains('/') && !p.is_empty())
            .filter(|p| !doc.contains_key(*p))
            .collect();
        absent.sort_by_key(|n| crate::schema::display_rank(n));
        absent.dedup();
        for name in absent {
            t.add_row(vec![
                Cell::new(clean(name)),
                Cell::new("(absent)").fg(Color::DarkGrey),
                self.severity_cell(worst(name)),
            ]);
        }
        t
    }

    fn grid_findings(&self, r: &Report) -> Grid {
        let mut t = self.grid();
        t.set_header(vec!["Severity", "Rule / where", "Finding"]);
        t.set_constraints(vec![
            ColumnConstraint::ContentWidth,
            ColumnConstraint::UpperBoundary(Width::Fixed(36)),
        ]);
        for f in r.findings.iter().take(ROWS_MAX) {
            let mut text = clean(&f.message).into_owned();
            if let Some(e) = &f.expected {
                text.push_str(&format!("\nexpected: {}", clip(e, CELL_MAX)));
            }
            if let Some(a) = &f.actual {
                text.push_str(&format!("\nactual:   {}", clip(a, CELL_MAX)));
            }
            if let Some(h) = &f.help {
                text.push_str(&format!("\nhelp: {}", clip(h, CELL_MAX)));
            }
            let at = if f.pointer.is_empty() {
                "(document)".to_string()
            } else {
                clip(&f.pointer, 80)
            };
            t.add_row(vec![
                self.severity_cell(Some(f.severity)),
                Cell::new(format!("{}\n{at}", f.rule.id)),
                Cell::new(text),
            ]);
        }
        if r.findings.len() > ROWS_MAX {
            let rest = &r.findings[ROWS_MAX..];
            t.add_row(vec![
                self.severity_cell(rest.iter().map(|f| f.severity).max()),
                Cell::new("…"),
                Cell::new(format!(
                    "{} more findings (--format lint or json lists them all)",
                    rest.len()
                )),
            ]);
        }
        t
    }
}

/// A value as one cell: strings as themselves, arrays of strings joined, other JSON compact.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => clip(s, CELL_MAX),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            clip(&joined.join(", "), CELL_MAX)
        }
        other => clip(&serde_json::to_string(other).unwrap_or_default(), CELL_MAX),
    }
}
