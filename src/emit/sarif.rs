//! `--format sarif`: SARIF 2.1.0, one run per invocation, for code scanning.
//!
//! `tool.driver.rules` describes every rule that fired, from its one
//! declaration; each result points at the saved file as given (relative paths
//! stay relative, so code scanning maps them to the repository) with a region,
//! or at the discovery URL for a fetched document, and carries the finding's
//! fingerprint so results are tracked across runs.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::json::write_json;
use crate::diagnostic::{Finding, Rule, Severity, Source};
use crate::report::Report;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(r: &Rule) -> Value {
    let help = format!("{}\n\nSpec: {}", r.fix, r.spec);
    json!({
        "id": r.id,
        "name": r.id,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": r.explanation },
        "help": {
            "text": help,
            "markdown": format!("{}\n\n**Spec:** {}", r.fix, r.spec),
        },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "profile": r.profile.as_str() },
    })
}

/// Where a finding is: the file as given with a region, or the URL fetched.
fn location(report: &Report, f: &Finding) -> Value {
    let uri = match (f.source, &report.jwks, &report.http) {
        (Source::Jwks, Some(k), _) => k.url.clone(),
        (_, _, Some(h)) => h.url.clone(),
        _ => report
            .target
            .discovery_url
            .clone()
            .unwrap_or_else(|| report.target.input.clone()),
    };
    let uri = if uri == "-" { "stdin".to_string() } else { uri };
    let mut physical = json!({ "artifactLocation": { "uri": uri } });
    if let (Some(line), Some(column)) = (f.line, f.column) {
        physical["region"] = json!({ "startLine": line, "startColumn": column });
    }
    let mut loc = json!({ "physicalLocation": physical });
    if !f.pointer.is_empty() {
        loc["logicalLocations"] = json!([{
            "fullyQualifiedName": f.pointer,
            "kind": "member",
        }]);
    }
    loc
}

fn message(report: &Report, f: &Finding) -> String {
    let mut text = f.message.clone();
    for (label, v) in [("expected", &f.expected), ("actual", &f.actual)] {
        if let Some(v) = v {
            text.push_str(&format!("\n{label}: {v}"));
        }
    }
    if report.target.discovery_url.is_some() {
        text.push_str(&format!("\n(target: {})", report.target.input));
    }
    text
}

/// The SARIF log for `reports`.
pub fn log(reports: &[Report]) -> Value {
    let mut rules: BTreeMap<&'static str, (usize, &'static Rule)> = BTreeMap::new();
    let mut order: Vec<&'static Rule> = Vec::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        if !rules.contains_key(f.rule.id) {
            rules.insert(f.rule.id, (order.len(), f.rule));
            order.push(f.rule);
        }
    }
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        for f in &r.findings {
            let index = rules.get(f.rule.id).map_or(0, |(i, _)| *i);
            let mut result = json!({
                "ruleId": f.rule.id,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": message(r, f) },
                "locations": [location(r, f)],
            });
            if let Some(fp) = &f.fingerprint {
                result["partialFingerprints"] = json!({ "oidcInspect/v1": fp });
            }
            if let Some(h) = &f.help {
                result["properties"] = json!({ "help": h });
            }
            results.push(result);
        }
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": e.for_target(&r.target.input) },
                "descriptor": { "id": e.kind },
            }));
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": order.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

pub fn write(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    write_json(&log(reports), &mut *out)?;
    out.write_all(b"\n")
}
