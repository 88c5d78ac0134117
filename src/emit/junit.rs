//! `--format junit`: JUnit XML as GitLab and Jenkins read it. One `<testsuite>`
//! per target; one failing `<testcase>` per finding at warning or error; a
//! target with none gets one passing testcase; a target that could not be
//! fetched gets an `<error>`.
//!
//! Well-formed whatever the server sent: text and attributes are escaped, and
//! characters XML 1.0 forbids are dropped.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::report::Report;

/// Whether XML 1.0 allows `c` (§2.2 Char).
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape for text and attribute values, dropping forbidden characters.
/// Line breaks and tabs in attributes are written as character references so
/// they survive attribute normalisation.
pub fn escape(s: &str) -> String {
    // Server text is sanitised too, as for every other format read by people (a
    // C1 control or a bidirectional override is valid XML, but not harmless);
    // line breaks and tabs are kept, as character references below.
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        if crate::sanitize::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t') {
            out.push_str(&crate::sanitize::clean(c.encode_utf8(&mut [0; 4])));
            continue;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let failures: usize = reports
        .iter()
        .map(|r| {
            r.findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .count()
        })
        .sum();
    let errors = reports.iter().filter(|r| r.error.is_some()).count();
    let tests: usize = reports.iter().map(cases).sum();
    writeln!(
        out,
        r#"<testsuites name="oidc-inspect" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    for r in reports {
        let failing: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        let elapsed = r
            .http
            .as_ref()
            .map_or(0.0, |h| h.elapsed_ms as f64 / 1000.0);
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" time="{elapsed:.3}">"#,
            escape(&r.target.input),
            cases(r),
            failing.len(),
            u8::from(r.error.is_some()),
        )?;
        let suite = escape(&r.target.input);
        if let Some(e) = &r.error {
            writeln!(
                out,
                r#"    <testcase name="document can be obtained" classname="{suite}">"#
            )?;
            writeln!(
                out,
                r#"      <error type="{}" message="{}">{}</error>"#,
                escape(&e.kind),
                escape(&e.message),
                escape(&e.url)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        for f in &failing {
            let at = if f.pointer.is_empty() {
                "(whole document)"
            } else {
                &f.pointer
            };
            writeln!(
                out,
                r#"    <testcase name="{} {}" classname="{suite}">"#,
                escape(f.rule.id),
                escape(at)
            )?;
            let mut body = format!("pointer: {at}\n");
            for (label, v) in [("expected", &f.expected), ("actual", &f.actual)] {
                if let Some(v) = v {
                    body.push_str(&format!("{label}: {v}\n"));
                }
            }
            body.push_str(&format!("spec: {}\n", f.rule.spec));
            let help = f.help.as_deref().unwrap_or(f.rule.fix);
            body.push_str(&format!("help: {help}\n"));
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                f.severity,
                escape(&f.message),
                escape_text(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        if failing.is_empty() && r.error.is_none() {
            writeln!(
                out,
                r#"    <testcase name="no findings at warning or error" classname="{suite}"/>"#
            )?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text content keeps its line breaks.
fn escape_text(s: &str) -> String {
    escape(s).replace("&#10;", "\n")
}

/// Testcases a report's suite has.
fn cases(r: &Report) -> usize {
    let failing = r
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .count();
    failing + usize::from(r.error.is_some()) + usize::from(failing == 0 && r.error.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_markup_escaped() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c<&>\"'\u{FFFE}"),
            "abc&lt;&amp;&gt;&quot;&apos;"
        );
        assert_eq!(escape_text("x\ny"), "x\ny");
    }
}
