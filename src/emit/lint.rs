//! `--format lint`: compiler-style diagnostics for CI logs, one block per finding,
//! then a summary line.

use std::io::{self, Write};

use super::{Emitter, Style, summary_line};
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
        writeln!(out)?;
        for f in &report.findings {
            let label = st.severity(f.severity, &format!("{}[{}]", f.severity, f.rule.id));
            writeln!(out, "{}: {}", label, st.bold(&clean(&f.message)))?;
            let at = if f.pointer.is_empty() {
                "(whole document)".into()
            } else {
                clean(&f.pointer)
            };
            writeln!(out, "  --> {at}")?;
            if let Some(e) = &f.expected {
                writeln!(out, "   = expected: {}", clip(e, VALUE_MAX))?;
            }
            if let Some(a) = &f.actual {
                writeln!(out, "   = actual:   {}", clip(a, VALUE_MAX))?;
            }
            if let Some(d) = f.default_severity {
                writeln!(out, "   = note: default severity is {d}")?;
            }
            writeln!(out, "   = spec: {}", f.rule.spec)?;
            let help = match &f.help {
                Some(h) => clip(h, VALUE_MAX),
                None => f.rule.fix.to_string(),
            };
            if !help.is_empty() {
                writeln!(out, "   = help: {help}")?;
            }
            writeln!(out)?;
        }
        writeln!(out, "{}: {}", st.bold("oidc-inspect"), summary_line(report))
    }
}
