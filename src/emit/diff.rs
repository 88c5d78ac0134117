//! Output of `oidc-inspect diff`: compact lines, one change a line (`+` added,
//! `-` removed, `~` changed), grouped by what changed; a key rotation is a few
//! lines, not whole JWKs. `table` and `lint` share the lines (table adds a
//! header box); `json` is the [`Diff`] itself.

use std::io::{self, Write};

use serde_json::Value;

use super::{Format, Style, json};
use crate::diagnostic::Severity;
use crate::diff::{Diff, KeyChange, KeyInfo, MemberChange};
use crate::sanitize::{clean, clip};

const VALUE_MAX: usize = 120;

fn show(v: &Value) -> String {
    let text = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    clip(&clean(&text), VALUE_MAX)
}

fn list(vs: &[Value]) -> String {
    vs.iter().map(show).collect::<Vec<_>>().join(", ")
}

fn key(k: &KeyInfo) -> String {
    let id = match (&k.kid, &k.thumbprint) {
        (Some(kid), _) => format!("kid {:?}", clean(kid)),
        (None, Some(t)) => format!("thumbprint {}", clean(t)),
        (None, None) => "a key without kid".into(),
    };
    let details: Vec<String> = [&k.kty, &k.alg, &k.use_, &k.size]
        .into_iter()
        .flatten()
        .map(|s| clean(s).into_owned())
        .collect();
    if details.is_empty() {
        id
    } else {
        format!("{id} ({})", details.join(", "))
    }
}

/// The lines of a diff, each with its marker.
pub fn lines(d: &Diff) -> Vec<(char, String)> {
    let mut out = Vec::new();
    for m in &d.members {
        match m {
            MemberChange::Added { pointer, value } => {
                out.push(('+', format!("{}: {}", clean(pointer), show(value))));
            }
            MemberChange::Removed { pointer, value } => {
                out.push(('-', format!("{}: {}", clean(pointer), show(value))));
            }
            MemberChange::Changed { pointer, old, new } => out.push((
                '~',
                format!("{}: {} → {}", clean(pointer), show(old), show(new)),
            )),
            MemberChange::Elements {
                pointer,
                added,
                removed,
            } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("+ {}", list(added)));
                }
                if !removed.is_empty() {
                    parts.push(format!("- {}", list(removed)));
                }
                out.push(('~', format!("{}: {}", clean(pointer), parts.join("; "))));
            }
        }
    }
    for k in &d.keys {
        match k {
            KeyChange::Added { key: k } => out.push(('+', format!("key {}", key(k)))),
            KeyChange::Removed { key: k } => out.push(('-', format!("key {}", key(k)))),
            KeyChange::Changed { old, new, what } => out.push((
                '~',
                format!(
                    "key {}: {} changed → {}",
                    key(old),
                    what.join(", "),
                    key(new)
                ),
            )),
        }
    }
    for f in &d.findings.new {
        out.push((
            '+',
            format!(
                "{}[{}] {}: {}",
                f.severity,
                f.rule,
                clean(&f.pointer),
                clean(&f.message)
            ),
        ));
    }
    for f in &d.findings.fixed {
        out.push((
            '-',
            format!(
                "{}[{}] {}: {}",
                f.severity,
                f.rule,
                clean(&f.pointer),
                clean(&f.message)
            ),
        ));
    }
    for h in &d.http {
        out.push((
            '~',
            format!("http {}: {} → {}", h.what, clean(&h.old), clean(&h.new)),
        ));
    }
    out
}

pub fn emit(format: Format, style: Style, d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    if matches!(format, Format::Json | Format::Jsonl) {
        return if format == Format::Json {
            json::write_json(d, &mut *out).and_then(|()| out.write_all(b"\n"))
        } else {
            json::write_line(d, out)
        };
    }
    writeln!(out, "{} {}", style.dim("---"), clean(&d.old))?;
    writeln!(out, "{} {}", style.dim("+++"), clean(&d.new))?;
    let sections = [
        ("document", d.members.len()),
        ("keys", d.keys.len()),
        ("findings", d.findings.new.len() + d.findings.fixed.len()),
        ("http", d.http.len()),
    ];
    let all = lines(d);
    let mut at = 0;
    for (name, n) in sections {
        if n == 0 {
            continue;
        }
        writeln!(out, "{}", style.bold(name))?;
        for (mark, text) in all.iter().skip(at).take(n) {
            let line = format!("  {mark} {text}");
            let line = match mark {
                '+' => style.ok(&line),
                '-' => style.severity(Severity::Error, &line),
                _ => style.severity(Severity::Warning, &line),
            };
            writeln!(out, "{line}")?;
        }
        at += n;
    }
    if d.is_empty() {
        writeln!(out, "no difference")
    } else {
        writeln!(
            out,
            "{} member change(s), {} key change(s), {} new and {} fixed finding(s), {} HTTP change(s)",
            d.members.len(),
            d.keys.len(),
            d.findings.new.len(),
            d.findings.fixed.len(),
            d.http.len()
        )
    }
}
