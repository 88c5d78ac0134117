//! `--format lint`: compiler-style diagnostics for CI logs, one block per finding
//! (findings of one rule on several elements of one array share a block, one
//! `-->` line each), then the verdict.

use std::io::{self, Write};

use super::{Emitter, Entry, Style, Verdict, counts_line, entries, severity_word};
use crate::diagnostic::Severity;
use crate::report::Report;
use crate::sanitize::{clean, clip};

pub struct Lint {
    pub style: Style,
}

const VALUE_MAX: usize = 300;

impl Emitter for Lint {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let st = &self.style;
        let source = report
            .http
            .as_ref()
            .map(|h| h.url.as_str())
            .or(report.target.discovery_url.as_deref())
            .unwrap_or(&report.target.input);
        writeln!(out, "{} {}", st.dim("checking"), clean(source))?;
        if let Some(e) = &report.target.expected_issuer {
            writeln!(out, "{} {}", st.dim("expected issuer"), clean(&e.value))?;
        }
        if let Some(k) = &report.jwks {
            writeln!(out, "{} {}", st.dim("key set"), clean(&k.url))?;
        }
        if !report.profiles.is_empty() {
            writeln!(out, "{} {}", st.dim("profiles"), report.profiles.join(", "))?;
        }
        if !report.skipped.is_empty() {
            writeln!(out, "{} {}", st.dim("skipped"), report.skipped.join("; "))?;
        }
        writeln!(out)?;
        let counted = super::counted(report);
        for e in entries(&counted) {
            if st.brief && e.severity() < Severity::Warning {
                continue;
            }
            self.entry(report, &e, out)?;
        }
        if let Some(line) = super::baselined_line(report) {
            writeln!(out, "{}\n", st.dim(&line))?;
        }
        // Why there is no document is said once, on stderr (and in the JSON
        // report's `error`); the verdict below says "no document".
        let v = Verdict::of(report);
        writeln!(
            out,
            "{}: {}  {}",
            st.bold("oidc-inspect"),
            st.verdict(v, v.word()),
            counts_line(report)
        )
    }
}

impl Lint {
    fn entry(&self, report: &Report, e: &Entry, out: &mut dyn Write) -> io::Result<()> {
        let st = &self.style;
        let f = e.head();
        let label = st.severity(
            f.severity,
            &format!("{}[{}]", severity_word(f.severity), f.rule.id),
        );
        if e.is_group() {
            let headline = format!("{} ({} {})", f.rule.summary, e.findings.len(), e.noun());
            writeln!(out, "{}: {}", label, st.bold(&headline))?;
            for (g, value) in e.findings.iter().zip(e.values(report.document.as_ref())) {
                writeln!(out, "  --> {}  {value}", clean(&g.pointer))?;
            }
        } else {
            writeln!(out, "{}: {}", label, st.bold(&clean(&f.message)))?;
            let at = if f.pointer.is_empty() {
                "(whole document)".into()
            } else {
                clean(&f.pointer)
            };
            match (f.line, f.column, &f.snippet) {
                (Some(line), Some(column), Some(snippet)) => {
                    let whence = clean(where_is(report, f));
                    writeln!(out, "  --> {whence}:{line}:{column}")?;
                    // rustc's layout: the line, then a caret under the value
                    // with the pointer beside it.
                    // The gutter lines up with the `=` notes below for lines up to 99.
                    let number = format!("{line:>2}");
                    let pad = " ".repeat(number.len());
                    let text = clean(&snippet.text);
                    let before: String = snippet
                        .text
                        .chars()
                        .take(snippet.caret.saturating_sub(1))
                        .collect();
                    let indent = " ".repeat(super::wrap::width(&clean(&before)));
                    writeln!(out, "{pad} {}", st.dim("|"))?;
                    writeln!(out, "{number} {} {text}", st.dim("|"))?;
                    writeln!(
                        out,
                        "{pad} {} {indent}{} {at}",
                        st.dim("|"),
                        st.severity(f.severity, "^")
                    )?;
                }
                _ => writeln!(out, "  --> {at}")?,
            }
        }
        if let Some(x) = &f.expected {
            writeln!(out, "   = expected: {}", clip(x, VALUE_MAX))?;
        }
        if let Some(x) = f.actual.as_ref().filter(|_| !e.is_group()) {
            writeln!(out, "   = actual:   {}", clip(x, VALUE_MAX))?;
        }
        if let Some(d) = f.default_severity {
            writeln!(out, "   = note: default severity is {}", severity_word(d))?;
        }
        writeln!(out, "   = spec: {}", f.rule.spec)?;
        let help = match &f.help {
            Some(h) => clip(h, VALUE_MAX),
            None => f.rule.fix.to_string(),
        };
        if !help.is_empty() {
            writeln!(out, "   = help: {help}")?;
        }
        writeln!(out)
    }
}

/// Where a finding's line and column are counted: the saved file as given, or
/// the URL that served the document or the key set.
fn where_is<'a>(report: &'a Report, f: &crate::diagnostic::Finding) -> &'a str {
    use crate::diagnostic::Source;
    match (f.source, &report.jwks) {
        (Source::Jwks, Some(k)) => &k.url,
        _ => report
            .target
            .discovery_url
            .as_deref()
            .unwrap_or(&report.target.input),
    }
}
