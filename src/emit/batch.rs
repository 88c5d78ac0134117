//! Output for several targets: a summary first (table), one block per target in
//! the order given (lint), one object holding every report (json). Each target's
//! own block is the single-target emitter's, so one target reads the same alone
//! or in a run of many.

use std::io::{self, Write};
use std::time::Duration;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table as Grid};

use super::{Emitter, Format, Style, github, json, junit, lint, sarif, table};
use crate::diagnostic::Severity;
use crate::report::{Batch, Report};
use crate::sanitize::{clean, clip};

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
    format!(
        "{} checked: {} failed, {} unreachable; {}, {}, {}",
        plural(s.targets, "target"),
        s.failed,
        s.unreachable,
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "note"),
    )
}

fn summary_grid(style: Style, batch: &Batch, elapsed: &[Duration]) -> Grid {
    let mut t = Grid::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    if let Some(w) = style.width {
        t.set_width(w);
    }
    t.set_header(
        [
            "Target", "Issuer", "HTTP", "Errors", "Warnings", "Notes", "Time",
        ]
        .map(|h| Cell::new(style.bold(h))),
    );
    for (i, r) in batch.reports.iter().enumerate() {
        let issuer = r
            .document
            .as_ref()
            .and_then(|d| d.get("issuer"))
            .and_then(|v| v.as_str())
            .map_or(String::new(), |s| clip(s, 120));
        let http = match (&r.error, &r.http) {
            (Some(e), _) if e.kind != "http-status" && e.kind != "not-json-object" => {
                style.severity(Severity::Error, &e.kind)
            }
            (_, Some(h)) if h.status != 200 => {
                style.severity(Severity::Error, &h.status.to_string())
            }
            (Some(e), _) => style.severity(Severity::Error, &e.kind),
            (None, Some(h)) => h.status.to_string(),
            (None, None) => "file".into(),
        };
        let count = |n: usize, s: Severity| {
            let text = n.to_string();
            let cell = if n > 0 {
                style.severity(s, &text)
            } else {
                text
            };
            Cell::new(cell).set_alignment(CellAlignment::Right)
        };
        let time = elapsed
            .get(i)
            .map_or(String::new(), |d| format!("{:.2} s", d.as_secs_f64()));
        t.add_row(vec![
            Cell::new(target_cell(style, r)),
            Cell::new(issuer),
            Cell::new(http),
            count(r.summary.errors, Severity::Error),
            count(r.summary.warnings, Severity::Warning),
            count(r.summary.infos, Severity::Info),
            Cell::new(time).set_alignment(CellAlignment::Right),
        ]);
    }
    t
}

fn target_cell(style: Style, r: &Report) -> String {
    let name = clip(&r.target.input, 120);
    if r.summary.failed {
        style.severity(Severity::Error, &name)
    } else {
        style.ok(&name)
    }
}
