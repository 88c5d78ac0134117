//! `--format github`: GitHub Actions workflow commands, one per finding, which
//! the runner turns into annotations on the pull request:
//! `::error file=PATH,line=L,col=C,title=RULE::message` (`::notice` for notes).
//!
//! Data and properties are escaped as the runner documents (`%`, CR, LF; and
//! `:`, `,` in properties), and every string is sanitised first, so a hostile
//! document cannot end a command early or inject another.

use std::io::{self, Write};

use crate::diagnostic::{Finding, Severity, Source};
use crate::report::Report;
use crate::sanitize::clean;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escape a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The file a finding belongs to, when the input was a saved file.
fn file_of<'a>(report: &'a Report, f: &Finding) -> Option<&'a str> {
    let path = match (f.source, &report.jwks) {
        (Source::Jwks, Some(k)) if k.http.is_none() => Some(k.url.as_str()),
        (Source::Jwks, _) => None,
        _ if report.target.discovery_url.is_none() => Some(report.target.input.as_str()),
        _ => None,
    };
    path.filter(|p| *p != "-")
}

fn line_for(report: &Report, f: &Finding) -> String {
    let mut props = Vec::new();
    let file = file_of(report, f);
    if let Some(file) = file {
        props.push(format!("file={}", escape_property(&clean(file))));
        if let (Some(l), Some(c)) = (f.line, f.column) {
            props.push(format!("line={l}"));
            props.push(format!("col={c}"));
        }
    }
    props.push(format!("title={}", escape_property(f.rule.id)));
    let mut msg = clean(&f.message).into_owned();
    if f.pointer.is_empty() {
        msg.push_str(" (at the whole document)");
    } else {
        msg.push_str(&format!(" (at {})", clean(&f.pointer)));
    }
    if let Some(e) = &f.expected {
        msg.push_str(&format!("\nexpected: {}", clean(e)));
    }
    if let Some(a) = &f.actual {
        msg.push_str(&format!("\nactual: {}", clean(a)));
    }
    if file.is_none() {
        let url = report
            .http
            .as_ref()
            .map(|h| h.url.as_str())
            .or(report.target.discovery_url.as_deref())
            .unwrap_or(&report.target.input);
        msg.push_str(&format!("\n{}", clean(url)));
    }
    format!(
        "::{} {}::{}",
        command(f.severity),
        props.join(","),
        escape_data(&msg)
    )
}

pub fn write(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    let (mut errors, mut warnings, mut notes, mut unreachable) = (0, 0, 0, 0);
    for r in reports {
        for f in &r.findings {
            writeln!(out, "{}", line_for(r, f))?;
        }
        if let Some(e) = &r.error {
            unreachable += 1;
            let msg = clean(&e.for_target(&r.target.input)).into_owned();
            writeln!(
                out,
                "::error title={}::{}",
                escape_property(&e.kind),
                escape_data(&msg)
            )?;
        }
        errors += r.summary.errors;
        warnings += r.summary.warnings;
        notes += r.summary.notes;
    }
    let failed = reports.iter().filter(|r| r.summary.failed).count();
    writeln!(
        out,
        "oidc-inspect: {} target(s), {failed} failed, {unreachable} unreachable; \
         {errors} error(s), {warnings} warning(s), {notes} note(s)",
        reports.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_cannot_be_broken_out_of() {
        assert_eq!(escape_data("a%b\r\n::error::x"), "a%25b%0D%0A::error::x");
        assert_eq!(escape_property("a,b:c\n"), "a%2Cb%3Ac%0A");
    }
}
