//! What one target looked like at one moment, as baselines and diffs compare
//! it: the document, the keys (by kid and thumbprint), the findings (by
//! fingerprint) and the HTTP exchange. Made from a fresh [`Report`] or read
//! back from a saved JSON report (single-target or several targets'), so a
//! saved report is a snapshot. Reading accepts reports without fingerprints
//! and computes them the same way.

use serde_json::{Map, Value};

use crate::diagnostic::Source;
use crate::fingerprint;
use crate::jwks::KeySummary;
use crate::report::Report;

#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The target as given (what fingerprints are keyed by).
    pub target: String,
    pub document: Option<Map<String, Value>>,
    /// `None` when no key set was looked at or could be had.
    pub keys: Option<Vec<KeySummary>>,
    pub findings: Vec<SnapFinding>,
    pub http: Option<SnapHttp>,
    /// Why no document could be had.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapFinding {
    pub fingerprint: String,
    /// The fingerprint without the target: the same finding at another target
    /// (staging and production) has the same `local`.
    pub local: String,
    pub rule: String,
    pub severity: String,
    pub pointer: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapHttp {
    pub status: u16,
    pub content_type: Option<String>,
    /// Every URL of the chain, the final one last.
    pub chain: Vec<String>,
}

/// A saved report that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotError(pub String);

impl Snapshot {
    pub fn of(report: &Report) -> Snapshot {
        Snapshot {
            target: report.target.input.clone(),
            document: report.document.clone(),
            keys: report.jwks.as_ref().and_then(|k| k.keys.clone()),
            findings: report
                .findings
                .iter()
                .map(|f| SnapFinding {
                    local: fingerprint::of(
                        "",
                        f,
                        report.document.as_ref(),
                        report.jwks.as_ref().and_then(|k| k.keys.as_deref()),
                    ),
                    fingerprint: f.fingerprint.clone().unwrap_or_else(|| {
                        fingerprint::of(
                            &report.target.input,
                            f,
                            report.document.as_ref(),
                            report.jwks.as_ref().and_then(|k| k.keys.as_deref()),
                        )
                    }),
                    rule: f.rule.id.to_string(),
                    severity: f.severity.as_str().to_string(),
                    pointer: f.pointer.clone(),
                    message: f.message.clone(),
                })
                .collect(),
            http: report.http.as_ref().map(|h| SnapHttp {
                status: h.status,
                content_type: h.content_type.clone(),
                chain: h
                    .redirects
                    .iter()
                    .map(|r| r.url.clone())
                    .chain(std::iter::once(h.final_url.clone()))
                    .collect(),
            }),
            error: report.error.as_ref().map(|e| e.message.clone()),
        }
    }

    /// Whether `value` looks like a saved report (single or several targets').
    pub fn is_report(value: &Value) -> bool {
        value.get("schema_version").is_some()
            && value.get("tool").is_some()
            && (value.get("reports").is_some() || value.get("findings").is_some())
    }

    /// Every target's snapshot in a saved report.
    pub fn from_json(value: &Value) -> Result<Vec<Snapshot>, SnapshotError> {
        if !Snapshot::is_report(value) {
            return Err(SnapshotError(
                "not an oidc-inspect JSON report (no schema_version, tool and findings)".into(),
            ));
        }
        match value.get("reports") {
            Some(Value::Array(reports)) => reports.iter().map(Snapshot::one).collect(),
            Some(_) => Err(SnapshotError("`reports` is not an array".into())),
            None => Ok(vec![Snapshot::one(value)?]),
        }
    }

    fn one(r: &Value) -> Result<Snapshot, SnapshotError> {
        let bad = |what: &str| SnapshotError(format!("a report's {what} is missing or malformed"));
        let target = r
            .pointer("/target/input")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("target.input"))?
            .to_string();
        let document = r.get("document").and_then(Value::as_object).cloned();
        let keys = r
            .pointer("/jwks/keys")
            .and_then(Value::as_array)
            .map(|keys| keys.iter().map(key_summary).collect::<Vec<_>>());
        let list = r
            .get("findings")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("findings"))?;
        let mut findings = Vec::with_capacity(list.len());
        for f in list {
            let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let rule = s("rule");
            if rule.is_empty() {
                return Err(bad("finding rule"));
            }
            let pointer = s("pointer");
            // Version 1 reports have no `source`: it is in the pointer's prefix.
            let (prefixed, bare) = Source::of_pointer(&pointer);
            let source = match f.get("source").and_then(Value::as_str) {
                Some("jwks") => Source::Jwks,
                Some("http") => Source::Http,
                Some("probe") => Source::Probe,
                Some(_) => Source::Document,
                None => prefixed,
            };
            let fp = match f.get("fingerprint").and_then(Value::as_str) {
                Some(fp) => fp.to_string(),
                None => fingerprint::of_parts(
                    &target,
                    &rule,
                    source,
                    bare,
                    document.as_ref(),
                    keys.as_deref(),
                ),
            };
            let local =
                fingerprint::of_parts("", &rule, source, bare, document.as_ref(), keys.as_deref());
            findings.push(SnapFinding {
                fingerprint: fp,
                local,
                rule,
                severity: s("severity"),
                pointer: pointer.clone(),
                message: s("message"),
            });
        }
        let http = r.get("http").and_then(Value::as_object).map(|h| SnapHttp {
            status: h
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(0),
            content_type: h
                .get("content_type")
                .and_then(Value::as_str)
                .map(str::to_string),
            chain: h
                .get("redirects")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|hop| hop.get("url").and_then(Value::as_str))
                .chain(h.get("final_url").and_then(Value::as_str))
                .map(str::to_string)
                .collect(),
        });
        let error = r
            .pointer("/error/message")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(Snapshot {
            target,
            document,
            keys,
            findings,
            http,
            error,
        })
    }
}

fn key_summary(k: &Value) -> KeySummary {
    let s = |name: &str| k.get(name).and_then(Value::as_str).map(str::to_string);
    KeySummary {
        index: k
            .get("index")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok())
            .unwrap_or(0),
        kid: s("kid"),
        kty: s("kty"),
        alg: s("alg"),
        use_: s("use"),
        crv: s("crv"),
        bits: k
            .get("bits")
            .and_then(Value::as_u64)
            .and_then(|b| u32::try_from(b).ok()),
        thumbprint: s("thumbprint"),
        ..KeySummary::default()
    }
}
