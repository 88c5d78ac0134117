//! `--format table` (default), for people: the verdict and what was checked in
//! one box, then the findings (errors first, repeated findings on one array
//! grouped), then the document's members (endpoints, then capabilities, then the
//! rest; each marked with the worst finding that points at it; the members that
//! findings name but the document lacks folded into one row), then the keys.
//!
//! Every cell is laid out here to a width computed from the terminal
//! ([`super::wrap`]): text wraps at spaces and URL punctuation, JSON pointers stay
//! on one line. comfy-table only draws the boxes (and would wrap at any character,
//! which is why nothing is left for it to wrap).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table as Grid};
use serde_json::{Map, Value};

use super::wrap::{cut_middle, width, wrap, wrap_hanging};
use super::{Emitter, Entry, Style, Verdict, counts_line, entries, pointer_text, severity_word};
use crate::diagnostic::Severity;
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

/// Width when not writing to a terminal and `COLUMNS` is unset.
const DEFAULT_WIDTH: usize = 100;

/// Columns the borders and padding of a table take: `│ a ┆ b │` is 7 for two.
fn frame(columns: usize) -> usize {
    3 * columns + 1
}

impl Emitter for Table {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let w = self.width();
        let brief = self.style.brief;
        let counted = super::counted(report);
        let shown: Vec<Entry> = entries(&counted)
            .into_iter()
            .filter(|e| !brief || e.severity() >= Severity::Warning)
            .collect();
        writeln!(out, "{}", self.grid_header(report, w))?;
        if !shown.is_empty() {
            writeln!(out, "{}", self.grid_findings(report, &shown, w))?;
        }
        if let Some(line) = super::baselined_line(report) {
            for l in super::wrap::wrap(&line, w) {
                writeln!(out, "{}", self.style.dim(&l))?;
            }
        }
        if brief {
            return Ok(());
        }
        if let Some(doc) = &report.document {
            writeln!(out, "{}", self.grid_fields(report, doc, w))?;
        }
        if let Some(keys) = report.jwks.as_ref().and_then(|k| k.keys.as_ref())
            && !keys.is_empty()
        {
            writeln!(out, "{}", self.grid_keys(report, keys, w))?;
        }
        if report.document.is_some() {
            // Again at the end, where the prompt comes back.
            let v = Verdict::of(report);
            writeln!(
                out,
                "{}  {}",
                self.style.verdict(v, v.word()),
                counts_line(report)
            )?;
        }
        Ok(())
    }
}

impl Table {
    fn width(&self) -> usize {
        self.style.width.map_or(DEFAULT_WIDTH, usize::from).max(40)
    }

    /// A grid that draws what it is given. Dynamic arrangement only as a safety
    /// net: every cell is pre-wrapped to fit `w`.
    fn grid(&self, w: usize) -> Grid {
        let mut t = Grid::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(w).unwrap_or(u16::MAX));
        if self.style.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        t
    }

    /// A cell coloured as a severity (comfy-table colours whole cells and knows
    /// colour takes no width; no escape code is ever put inside a cell's text).
    fn severity_cell(&self, s: Severity, text: String) -> Cell {
        let cell = Cell::new(text);
        match s {
            Severity::Error => cell.fg(Color::Red).add_attribute(Attribute::Bold),
            Severity::Warning => cell.fg(Color::Yellow),
            Severity::Info => cell.fg(Color::Cyan),
        }
    }

    /// The verdict first, then what was checked.
    fn grid_header(&self, r: &Report, w: usize) -> Grid {
        let mut rows: Vec<(&str, Option<Color>, String)> = Vec::new();
        let brief = self.style.brief;
        if let Some(e) = &r.error {
            // The URL only when it is not the discovery URL shown below.
            let asked = r
                .http
                .as_ref()
                .map(|h| &h.url)
                .or(r.target.discovery_url.as_ref());
            let text = if asked == Some(&e.url) || e.url == r.target.input {
                clean(&e.message).into_owned()
            } else {
                clean(&e.with_url()).into_owned()
            };
            rows.push(("Error", Some(Color::Red), text));
        }
        if let Some(issuer) = r.document.as_ref().and_then(|d| d.get("issuer")) {
            rows.push(("Issuer", None, value_text(issuer)));
        }
        if let Some(e) = r.target.expected_issuer.as_ref().filter(|_| !brief) {
            let from = match e.source {
                crate::target::IssuerSource::Argument => "as given",
                crate::target::IssuerSource::BareHost => "from the host name",
                crate::target::IssuerSource::DiscoveryUrl => "from the discovery URL",
                crate::target::IssuerSource::ExpectIssuer => "--expect-issuer",
            };
            rows.push((
                "Expected issuer",
                None,
                format!("{} ({from})", clean(&e.value)),
            ));
        }
        match &r.http {
            Some(h) => {
                rows.push(("Discovery URL", None, clean(&h.url).into_owned()));
                if !brief {
                    for hop in &h.redirects {
                        rows.push((
                            "Redirect",
                            None,
                            format!(
                                "{} {} → {}",
                                hop.status,
                                clean(&hop.url),
                                clip(&hop.location, CELL_MAX)
                            ),
                        ));
                    }
                    if h.final_url != h.url {
                        rows.push(("Final URL", None, clean(&h.final_url).into_owned()));
                    }
                    rows.push((
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
                    ));
                }
                match h.tls_verified {
                    Some(true) if !brief => rows.push(("TLS", None, "certificate verified".into())),
                    Some(true) => {}
                    Some(false) => rows.push((
                        "TLS",
                        Some(Color::Red),
                        "NOT VERIFIED (--insecure): the server's identity was not checked".into(),
                    )),
                    None => rows.push(("TLS", Some(Color::Yellow), "none (plain http)".into())),
                }
            }
            None => match &r.target.discovery_url {
                Some(u) => rows.push(("Discovery URL", None, clean(u).into_owned())),
                None => rows.push(("File", None, clean(&r.target.input).into_owned())),
            },
        }
        if let Some(k) = r.jwks.as_ref().filter(|_| !brief) {
            rows.push(("Key set", None, clean(&k.url).into_owned()));
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
            rows.push(("Key set status", None, status));
        }
        if !r.profiles.is_empty() && !brief {
            rows.push(("Profiles", None, r.profiles.join(", ")));
        }
        if !r.skipped.is_empty() && !brief {
            rows.push(("Skipped", None, r.skipped.join("\n")));
        }
        for c in &r.clients {
            let needs = |n: &[crate::report::ClientNeed]| {
                n.iter()
                    .map(|n| n.needs.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let (color, text) = match (c.errors.as_slice(), c.warnings.as_slice()) {
                ([], []) => (Color::Green, "ready".to_string()),
                ([], w) => (
                    Color::Yellow,
                    format!("ready, but should have {}", needs(w)),
                ),
                (e, []) => (Color::Red, format!("not ready: needs {}", needs(e))),
                (e, w) => (
                    Color::Red,
                    format!("not ready: needs {} · should have {}", needs(e), needs(w)),
                ),
            };
            rows.push((
                "Client readiness",
                Some(color),
                format!("{}: {text}", c.kind),
            ));
        }

        let verdict = Verdict::of(r);
        let label_w = rows
            .iter()
            .map(|(k, _, _)| width(k))
            .chain([verdict.word().len()])
            .max()
            .unwrap_or(0);
        let value_w = w - frame(2) - label_w;
        let mut t = self.grid(w);
        let color = match verdict {
            Verdict::Fail => Color::Red,
            Verdict::Pass => Color::Green,
            Verdict::PassWithWarnings => Color::Yellow,
        };
        t.set_header(vec![
            Cell::new(verdict.word())
                .fg(color)
                .add_attribute(Attribute::Bold),
            Cell::new(wrap(&counts_line(r), value_w).join("\n")),
        ]);
        for (k, color, v) in rows {
            let cell = Cell::new(wrap(&v, value_w).join("\n"));
            t.add_row(vec![
                Cell::new(k),
                match color {
                    Some(c) => cell.fg(c),
                    None => cell,
                },
            ]);
        }
        t
    }

    /// Findings, in report order (errors first). Two columns (severity, then the
    /// rule, where and what) on narrow terminals; on wide ones the rule and
    /// pointer get a column of their own.
    fn grid_findings(&self, r: &Report, shown: &[Entry], w: usize) -> Grid {
        let sev_w = shown
            .iter()
            .take(ROWS_MAX)
            .map(|e| severity_word(e.severity()).len())
            .max()
            .unwrap_or(5);
        // The widest rule id or pointer: on a terminal wide enough for it and
        // 60 columns of text, the rule and pointer get a column of their own.
        let widest = shown
            .iter()
            .take(ROWS_MAX)
            .map(|e| {
                let widest = if e.is_group() && !e.is_array_group() {
                    e.findings
                        .iter()
                        .take(100)
                        .map(|f| width(&clean(&f.pointer)) + 1)
                        .max()
                } else {
                    Some(width(&clean(e.pointer())))
                };
                width(e.head().rule.id).max(widest.unwrap_or(0))
            })
            .max()
            .unwrap_or(0);
        let three = w >= frame(3) + sev_w + widest + 60;
        let (where_w, text_w) = if three {
            (widest, w - frame(3) - sev_w - widest)
        } else {
            (0, w - frame(2) - sev_w)
        };
        let mut t = self.grid(w);
        for e in shown.iter().take(ROWS_MAX) {
            let f = e.head();
            let at = if three { where_w } else { text_w };
            let place = format!("{}\n{}", cut_middle(f.rule.id, at), where_text(e, at));
            let text = self.finding_text(r, e, text_w);
            let sev = self.severity_cell(e.severity(), severity_word(e.severity()).into());
            if three {
                t.add_row(vec![sev, Cell::new(place), Cell::new(text)]);
            } else {
                t.add_row(vec![sev, Cell::new(format!("{place}\n{text}"))]);
            }
        }
        if shown.len() > ROWS_MAX {
            let rest = &shown[ROWS_MAX..];
            let worst = rest
                .iter()
                .map(Entry::severity)
                .max()
                .unwrap_or(Severity::Info);
            let more = format!(
                "{} more findings (--format lint or json lists them all)",
                rest.iter().map(|e| e.findings.len()).sum::<usize>()
            );
            let mut row = vec![
                self.severity_cell(worst, severity_word(worst).into()),
                Cell::new(wrap(&more, text_w).join("\n")),
            ];
            if three {
                row.insert(1, Cell::new("…"));
            }
            t.add_row(row);
        }
        t
    }

    /// What a finding says, wrapped to `text_w`: the message (for a group, the
    /// rule's summary and the offending values), then expected, actual and help.
    fn finding_text(&self, r: &Report, e: &Entry, text_w: usize) -> String {
        let f = e.head();
        let mut lines = Vec::new();
        let n = e.findings.len();
        if e.is_array_group() {
            let values = listing(e.values(r.document.as_ref()), n);
            let text = format!("{}: {values} ({n} {})", f.rule.summary, e.noun());
            lines.extend(wrap(&text, text_w));
        } else if e.is_group() {
            lines.extend(wrap(
                &format!("{} ({n} {})", f.rule.summary, e.noun()),
                text_w,
            ));
        } else {
            lines.extend(wrap(&clip(&f.message, CELL_MAX), text_w));
        }
        let mut labelled = |label: &str, v: &str| {
            let indent = label.len();
            lines.extend(wrap_hanging(
                &format!("{label}{}", clip(v, CELL_MAX)),
                text_w,
                indent,
            ));
        };
        if let Some(x) = &f.expected {
            labelled("expected: ", x);
        }
        if let Some(x) = f.actual.as_ref().filter(|_| !e.is_group()) {
            labelled("actual:   ", x);
        }
        if let Some(x) = &f.help {
            labelled("help: ", x);
        }
        lines.join("\n")
    }

    /// One row per member: its name (with the worst finding's severity under it)
    /// and its value. Members the findings name but the document lacks: one row.
    fn grid_fields(&self, r: &Report, doc: &Map<String, Value>, w: usize) -> Grid {
        // The worst severity per top-level member, from each finding's pointer
        // (one pass: a hostile document can have as many findings as members).
        let mut by_member: HashMap<String, Severity> = HashMap::new();
        for f in &r.findings {
            if let Some(rest) = f.pointer.strip_prefix('/') {
                let token = rest.split('/').next().unwrap_or(rest);
                let name = crate::document::unescape_token(token).into_owned();
                let e = by_member.entry(name).or_insert(f.severity);
                *e = (*e).max(f.severity);
            }
        }
        let mut names: Vec<(usize, &String)> = doc.keys().enumerate().collect();
        names.sort_by_key(|(i, n)| (crate::schema::display_rank(n).0, *i));
        let hidden = &names[names.len().min(ROWS_MAX)..];
        let names = &names[..names.len().min(ROWS_MAX)];

        // Members that findings name but the document lacks, by severity.
        let mut absent: Vec<(&str, Severity)> = by_member
            .iter()
            .filter(|(name, _)| !name.is_empty() && !doc.contains_key(name.as_str()))
            .map(|(n, s)| (n.as_str(), *s))
            .collect();
        absent.sort_by_key(|(n, _)| (crate::schema::display_rank(n), *n));

        let rows: Vec<(String, Option<Severity>, String)> = names
            .iter()
            .map(|(_, name)| {
                (
                    clip(name, 80),
                    by_member.get(name.as_str()).copied(),
                    doc.get(name.as_str()).map_or(String::new(), value_text),
                )
            })
            .collect();
        let (name_w, value_w) = split_columns(&rows, w);

        let mut t = self.grid(w);
        t.set_header(vec!["Member", "Value"]);
        let name_cell = |name: &str, s: Option<Severity>| {
            let text = name_lines(name, s, name_w).join("\n");
            match s {
                None => Cell::new(text),
                Some(s) => self.severity_cell(s, text),
            }
        };
        for (name, s, value) in &rows {
            t.add_row(vec![
                name_cell(name, *s),
                Cell::new(wrap(value, value_w).join("\n")),
            ]);
        }
        if !hidden.is_empty() {
            let worst = hidden
                .iter()
                .filter_map(|(_, n)| by_member.get(n.as_str()).copied())
                .max();
            let more = format!(
                "{} more members (--format json shows the whole document)",
                hidden.len()
            );
            t.add_row(vec![
                name_cell("…", worst),
                Cell::new(wrap(&more, value_w).join("\n")),
            ]);
        }
        if !absent.is_empty() {
            let worst = absent
                .iter()
                .map(|(_, s)| *s)
                .max()
                .unwrap_or(Severity::Info);
            let mut lines = Vec::new();
            for s in [Severity::Error, Severity::Warning, Severity::Info] {
                let of: Vec<&str> = absent
                    .iter()
                    .filter(|(_, x)| *x == s)
                    .map(|(n, _)| *n)
                    .collect();
                if of.is_empty() {
                    continue;
                }
                let label = format!("{}: ", severity_word(s));
                let names = listing(of.iter().map(|n| clip(n, 80)), of.len());
                lines.extend(wrap_hanging(
                    &format!("{label}{names}"),
                    value_w,
                    label.len(),
                ));
            }
            t.add_row(vec![
                self.severity_cell(worst, wrap("not published", name_w).join("\n")),
                Cell::new(lines.join("\n")),
            ]);
        }
        t
    }

    /// One row per key. When the columns do not fit the width, each key takes
    /// two lines of one column instead: its kid, then what it is.
    fn grid_keys(&self, r: &Report, keys: &[KeySummary], w: usize) -> Grid {
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
        let rows: Vec<[String; 7]> = keys
            .iter()
            .take(KEYS_MAX)
            .map(|k| {
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
                let until = k
                    .x5c_not_after
                    .map_or(String::new(), |t| t.to_string().chars().take(10).collect());
                [
                    k.index.to_string(),
                    text(&k.kid),
                    text(&k.kty),
                    text(&k.alg),
                    usage,
                    size,
                    until,
                ]
            })
            .collect();
        let status = |k: usize| -> Cell {
            match worst.get(&k) {
                None => Cell::new("ok").fg(Color::Green),
                Some(s) => self.severity_cell(*s, severity_word(*s).into()),
            }
        };
        let header = [
            "Key",
            "kid",
            "kty",
            "alg",
            "use",
            "Size",
            "Certificate until",
            "Status",
        ];
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(cell));
            }
        }
        widths[7] = widths[7].max(width("warning"));
        let wide = widths.iter().sum::<usize>() + frame(8) <= w;

        let mut t = self.grid(w);
        if wide {
            t.set_header(header.to_vec());
            for (row, k) in rows.iter().zip(keys) {
                let mut cells: Vec<Cell> = row.iter().map(Cell::new).collect();
                cells.push(status(k.index));
                t.add_row(cells);
            }
        } else {
            let index_w = width("Key");
            let status_w = width("warning");
            let key_w = w - frame(3) - index_w - status_w;
            t.set_header(vec!["Key", "kid · details", "Status"]);
            for (row, k) in rows.iter().zip(keys) {
                let [index, kid, kty, alg, usage, size, until] = row;
                let mut about: Vec<String> = [kty, size]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect();
                if !alg.is_empty() {
                    about.push(format!("alg {alg}"));
                }
                if !usage.is_empty() {
                    about.push(format!("use {usage}"));
                }
                if !until.is_empty() {
                    about.push(format!("certificate until {until}"));
                }
                let kid = if kid.is_empty() {
                    "(no kid)".to_string()
                } else {
                    kid.clone()
                };
                let mut lines = wrap(&kid, key_w);
                lines.extend(wrap(&about.join(" · "), key_w));
                t.add_row(vec![
                    Cell::new(index),
                    Cell::new(lines.join("\n")),
                    status(k.index),
                ]);
            }
        }
        if keys.len() > KEYS_MAX {
            let rest = &keys[KEYS_MAX..];
            let worst_rest = rest
                .iter()
                .filter_map(|k| worst.get(&k.index).copied())
                .max();
            let more = format!("{} more keys (--format json lists them all)", rest.len());
            let mut cells = vec![Cell::new("…"), Cell::new(more)];
            cells.extend((0..if wide { 5 } else { 0 }).map(|_| Cell::new("")));
            cells.push(match worst_rest {
                None => Cell::new("ok").fg(Color::Green),
                Some(s) => self.severity_cell(s, severity_word(s).into()),
            });
            t.add_row(cells);
        }
        t
    }
}

/// Where an entry points, in lines of at most `max` columns: its pointer (an
/// array group's: the array's), or a member group's pointers, each kept whole.
fn where_text(e: &Entry, max: usize) -> String {
    if e.is_group() && !e.is_array_group() {
        // Each pointer whole with the comma after it.
        let pointers = e
            .findings
            .iter()
            .map(|f| pointer_text(&f.pointer, max.saturating_sub(1)));
        wrap(&listing(pointers, e.findings.len()), max).join("\n")
    } else {
        pointer_text(e.pointer(), max)
    }
}

/// `a, b, c` of `n` items, cut after about [`CELL_MAX`] characters with a count
/// of the rest.
fn listing(items: impl Iterator<Item = String>, n: usize) -> String {
    let mut out = String::new();
    let mut listed = 0;
    for item in items {
        if out.len() > CELL_MAX {
            break;
        }
        if listed > 0 {
            out.push_str(", ");
        }
        out.push_str(&item);
        listed += 1;
    }
    if listed < n {
        out.push_str(&format!(", … {} more", n - listed));
    }
    out
}

/// A member's name wrapped to `name_w`, with the worst finding's severity
/// right-aligned on its last line when it fits there, else under it.
fn name_lines(name: &str, s: Option<Severity>, name_w: usize) -> Vec<String> {
    let mut lines = wrap(name, name_w);
    if let Some(s) = s {
        let word = severity_word(s);
        let last = lines.last().map_or(0, |l| width(l));
        match lines.last_mut() {
            Some(l) if last + 1 + word.len() <= name_w => {
                l.push_str(&" ".repeat(name_w - last - word.len()));
                l.push_str(word);
            }
            _ => lines.push(format!("{word:>name_w$}")),
        }
    }
    lines
}

/// Widths of the name and value columns for `(name, severity, value)` rows in a
/// table `w` wide: the split that takes the fewest lines, counting a value word
/// (a URL) that has to break as two more.
fn split_columns(rows: &[(String, Option<Severity>, String)], w: usize) -> (usize, usize) {
    let inner = w - frame(2);
    let longest = rows
        .iter()
        .map(|(n, _, _)| width(n))
        .chain([width("not published")])
        .max()
        .unwrap_or(0);
    let lo = longest.min(16);
    let hi = longest.min(inner / 2).max(lo);
    let cost = |name_w: usize| -> usize {
        let value_w = inner - name_w;
        rows.iter()
            .map(|(n, s, v)| {
                let broken = v.split(' ').filter(|word| width(word) > value_w).count();
                name_lines(n, *s, name_w).len().max(wrap(v, value_w).len()) + 2 * broken
            })
            .sum()
    };
    let name_w = (lo..=hi).min_by_key(|&n| (cost(n), n)).unwrap_or(lo);
    (name_w, inner - name_w)
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
