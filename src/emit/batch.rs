//! Output for several targets: a summary first (table), one block per target in
//! the order given (lint), one object holding every report (json). Each target's
//! own block is the single-target emitter's, so one target reads the same alone
//! or in a run of many.

use std::io::{self, Write};
use std::time::Duration;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::wrap::cut_middle;
use super::{Emitter, Format, Style, github, json, junit, lint, sarif, table};
use crate::report::Batch;
use crate::sanitize::clean;

/// Write `batch` in `format` (`Jsonl` is streamed by the caller as targets finish).
pub fn emit(
    format: Format,
    style: Style,
    batch: &Batch,
    elapsed: &[Duration],
    brief: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            json::write_json(batch, &mut *out)?;
            out.write_all(b"\n")
        }
        Format::Jsonl => batch
            .reports
            .iter()
            .try_for_each(|r| json::write_line(r, &mut *out)),
        Format::Sarif => sarif::write(&batch.reports, out),
        Format::Github => github::write(&batch.reports, out),
        Format::Junit => junit::write(&batch.reports, out),
        Format::Lint => {
            let each = lint::Lint { style };
            for r in &batch.reports {
                each.emit(r, out)?;
                writeln!(out)?;
            }
            writeln!(out, "{}: {}", style.bold("oidc-inspect"), total_line(batch))
        }
        Format::Table => {
            writeln!(out, "{}", summary_grid(style, batch, elapsed))?;
            if !brief {
                let each = table::Table { style };
                for r in batch.reports.iter().filter(|r| r.summary.failed) {
                    writeln!(out)?;
                    writeln!(
                        out,
                        "{}",
                        style.bold(&format!("── {}", clean(&r.target.input)))
                    )?;
                    each.emit(r, out)?;
                }
            }
            writeln!(out, "{}", total_line(batch))
        }
    }
}

/// The grand total all human formats end with.
pub fn total_line(batch: &Batch) -> String {
    let s = &batch.summary;
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    // An unreachable target has failed too: say it as a part of the failed.
    let failed = match s.unreachable {
        0 => format!("{} failed", s.failed),
        n => format!("{} failed ({n} unreachable)", s.failed),
    };
    format!(
        "{} checked: {failed}; {}, {}, {}",
        plural(s.targets, "target"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
    )
}

/// Width of the summary when neither `COLUMNS` nor a terminal says.
const DEFAULT_WIDTH: usize = 100;

/// One row per target: the target with its issuer (or why there is none) under
/// it, the HTTP status, the counts and the time. Colour is applied to whole
/// cells by comfy-table, so it never disturbs the layout.
fn summary_grid(style: Style, batch: &Batch, elapsed: &[Duration]) -> Grid {
    let w = style.width.map_or(DEFAULT_WIDTH, usize::from).max(40);
    let mut t = Grid::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(w).unwrap_or(u16::MAX));
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    // Borders (2 + 3 per inner edge + 2) and the fixed columns.
    let fixed = 19 + "HTTP".len() + "Errors".len() + "Warnings".len() + "Notes".len() + 7;
    let first = w.saturating_sub(fixed).max(16);
    t.set_header(vec![
        Cell::new("Target / issuer"),
        Cell::new("HTTP"),
        Cell::new("Errors"),
        Cell::new("Warnings"),
        Cell::new("Notes"),
        Cell::new("Time"),
    ]);
    let paint = |cell: Cell, color: Option<Color>| match color.filter(|_| style.color) {
        Some(c) => cell.fg(c),
        None => cell,
    };
    for (i, r) in batch.reports.iter().enumerate() {
        let second = match (&r.error, &r.document) {
            (Some(e), _) => format!("{}: {}", e.kind, clean(&e.message)),
            (None, Some(d)) => d
                .get("issuer")
                .and_then(|v| v.as_str())
                .map_or_else(|| "(no issuer)".to_string(), |s| clean(s).into_owned()),
            (None, None) => String::new(),
        };
        let name = format!(
            "{}\n{}",
            cut_middle(&clean(&r.target.input), first),
            cut_middle(&second, first)
        );
        let verdict = if r.summary.failed {
            Some(Color::Red)
        } else {
            Some(Color::Green)
        };
        let http = match &r.http {
            Some(h) => h.status.to_string(),
            None if r.target.discovery_url.is_none() => "file".into(),
            None => "—".into(),
        };
        let http_color = r
            .http
            .as_ref()
            .filter(|h| h.status != 200)
            .map(|_| Color::Red);
        let count = |n: usize, color: Color| {
            paint(
                Cell::new(n).set_alignment(CellAlignment::Right),
                (n > 0).then_some(color),
            )
        };
        let time = elapsed
            .get(i)
            .map_or(String::new(), |d| format!("{:.2} s", d.as_secs_f64()));
        t.add_row(vec![
            paint(Cell::new(name), verdict),
            paint(Cell::new(http), http_color),
            count(r.summary.errors, Color::Red),
            count(r.summary.warnings, Color::Yellow),
            count(r.summary.notes, Color::Cyan),
            Cell::new(time).set_alignment(CellAlignment::Right),
        ]);
    }
    t
}
