//! Test support for rule checks: a compliant baseline document and a runner that
//! merges a fragment over it.
//!
//! The baseline is data shared with the integration tests:
//! `tests/fixtures/baseline.json`, included here at compile time and served by
//! their loopback servers (re-issued for the server's origin), so the unit tests
//! and the end-to-end tests start from the same document.

use serde_json::{Map, Value};

use super::{Context, Profile, check, detect_profiles, transport};
use crate::checker::Checker;
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::http::Exchange;
use crate::target::{Target, WellKnown};

/// The issuer of the baseline document.
pub const ISSUER: &str = "https://idp.example.com";

/// The baseline document as served: `tests/fixtures/baseline.json` (its issuer
/// is [`ISSUER`]; `baseline_has_no_errors_or_warnings` fails otherwise).
const BASELINE_JSON: &str = include_str!("../../tests/fixtures/baseline.json");

/// A document that every rule of the default profile accepts (infos aside).
pub fn baseline() -> Map<String, Value> {
    serde_json::from_str(BASELINE_JSON)
        .unwrap_or_else(|e| panic!("tests/fixtures/baseline.json is not a JSON object: {e}"))
}

/// Merge `fragment` (a JSON object; `"$remove": ["name", ...]` deletes members)
/// over the baseline.
pub fn merged(fragment: &str) -> Map<String, Value> {
    let mut doc = baseline();
    if fragment.trim().is_empty() {
        return doc;
    }
    let frag: Map<String, Value> = serde_json::from_str(fragment)
        .unwrap_or_else(|e| panic!("example fragment is not a JSON object: {e}: {fragment}"));
    for (k, v) in frag {
        if k == "$remove" {
            for name in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
                doc.remove(name);
            }
        } else {
            doc.insert(k, v);
        }
    }
    doc
}

/// A 200 `application/json` exchange from the baseline's discovery URL.
pub fn exchange() -> Exchange {
    let url = format!("{ISSUER}/.well-known/openid-configuration");
    Exchange {
        url: url.clone(),
        final_url: url,
        status: 200,
        content_type: Some("application/json".into()),
        content_encoding: None,
        access_control_allow_origin: None,
        x_frame_options: None,
        content_security_policy: None,
        elapsed_ms: 1,
        redirects: Vec::new(),
        tls_verified: Some(true),
        body_bytes: 1,
        trust: None,
    }
}

/// The target the baseline was fetched for (the issuer typed by the user).
pub fn target() -> Target {
    Target::parse(ISSUER, WellKnown::OpenidConfiguration).expect("baseline target")
}

/// Check `baseline + fragment` with the detected profiles plus `extra`.
pub fn run(fragment: &str, extra: &[Profile]) -> Vec<Finding> {
    run_with(
        Document::from_map(merged(fragment)),
        Some(&exchange()),
        &target(),
        extra,
    )
}

/// Check a document with a given exchange and target.
pub fn run_with(
    doc: Document,
    http: Option<&Exchange>,
    target: &Target,
    extra: &[Profile],
) -> Vec<Finding> {
    let profiles = profiles(&doc, target, extra);
    let cx = Context {
        doc: &doc,
        http,
        target,
        profiles: &profiles,
    };
    let mut raw = Vec::new();
    transport::check(
        &transport::Transport {
            target,
            exchange: http,
            failure: None,
        },
        &mut raw,
    );
    raw.extend(check(&cx));
    report_under(raw, &profiles)
}

/// The detected profiles of `doc` plus `extra`.
pub fn profiles(doc: &Document, target: &Target, extra: &[Profile]) -> Vec<Profile> {
    let mut profiles = detect_profiles(doc, target);
    for p in extra {
        if !profiles.contains(p) && *p != Profile::Any {
            profiles.push(*p);
        }
    }
    profiles
}

/// Raw findings as a report would have them under `profiles` (no overrides).
pub fn report_under(raw: Vec<Finding>, profiles: &[Profile]) -> Vec<Finding> {
    let mut checker = Checker::default();
    checker.extend(raw);
    checker.finish(profiles, &[])
}

/// The findings of `rule`, in the order they were produced.
pub fn only<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule.id == rule).collect()
}

/// Whether `rule` is among `findings`.
pub fn fires(findings: &[Finding], rule: &str) -> bool {
    findings.iter().any(|f| f.rule.id == rule)
}

#[test]
fn baseline_has_no_errors_or_warnings() {
    let findings = run("", &[]);
    let loud: Vec<_> = findings
        .iter()
        .filter(|f| f.severity > crate::diagnostic::Severity::Info)
        .collect();
    assert!(loud.is_empty(), "baseline findings: {loud:?}");
}
