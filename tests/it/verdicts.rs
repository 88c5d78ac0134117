//! The "verdicts" of rules whose severity or claim was corrected after reading
//! the specification text first-hand, and the checks added with them, through
//! the binary: each test writes a document to a file and lints it with
//! `--file`, so what is pinned is what a user sees.

use serde_json::{Map, Value, json};

use crate::common::cli;
use crate::contract::{JsonFinding, JsonReport, json_run};

/// A clean OpenID Provider document (errors and warnings: none) to change.
fn base() -> Map<String, Value> {
    let v = json!({
        "issuer": "https://idp.example.com",
        "authorization_endpoint": "https://idp.example.com/authorize",
        "token_endpoint": "https://idp.example.com/token",
        "userinfo_endpoint": "https://idp.example.com/userinfo",
        "jwks_uri": "https://idp.example.com/jwks.json",
        "registration_endpoint": "https://idp.example.com/register",
        "scopes_supported": ["openid", "profile", "email"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "form_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
        "claims_supported": ["sub", "iss", "name", "email"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
        "dpop_signing_alg_values_supported": ["ES256", "RS256"],
        "request_uri_parameter_supported": false
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// `base()` with the members of `patch` set (a `null` in `patch` removes the member).
fn doc(patch: Value) -> Value {
    let mut m = base();
    if let Value::Object(p) = patch {
        for (k, v) in p {
            if v.is_null() {
                m.remove(&k);
            } else {
                m.insert(k, v);
            }
        }
    }
    Value::Object(m)
}

/// Lint `document` from a file, as an `openid-configuration` document, with `extra`
/// arguments; `--format json`, never failing on findings.
fn lint(document: &Value, extra: &[&str]) -> (JsonReport, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("openid-configuration.json");
    std::fs::write(&path, serde_json::to_vec_pretty(document).expect("json")).expect("write");
    json_run(
        cli()
            .args(["--fail-on", "never", "--well-known", "oidc", "--file"])
            .arg(&path)
            .args(extra),
    )
}

/// The findings of `rule`.
fn of<'a>(r: &'a JsonReport, rule: &str) -> Vec<&'a JsonFinding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

/// (pointer, severity) of each finding of `rule`.
fn seen(r: &JsonReport, rule: &str) -> Vec<(String, String)> {
    of(r, rule)
        .iter()
        .map(|f| (f.pointer.clone(), f.severity.clone()))
        .collect()
}

fn at(pointer: &str, severity: &str) -> (String, String) {
    (pointer.to_string(), severity.to_string())
}

#[test]
fn the_base_document_is_clean() {
    let (r, _) = lint(&doc(json!({})), &[]);
    let loud: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity != "info")
        .map(|f| (&f.rule, &f.pointer))
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
}

// ---------------------------------------------------------------- CIBA

#[test]
fn ciba_severities_follow_ciba_core_section_4() {
    // An endpoint without delivery modes: REQUIRED member missing.
    let (r, _) = lint(
        &doc(json!({"backchannel_authentication_endpoint": "https://idp.example.com/bc"})),
        &[],
    );
    assert_eq!(
        seen(&r, "ciba-modes-missing"),
        [at("/backchannel_token_delivery_modes_supported", "error")]
    );

    // Modes without the endpoint: a warning, an error once the CIBA grant is listed.
    let (r, _) = lint(
        &doc(json!({"backchannel_token_delivery_modes_supported": ["push"]})),
        &[],
    );
    assert_eq!(
        seen(&r, "ciba-endpoint-missing"),
        [at("/backchannel_authentication_endpoint", "warning")]
    );
    let (r, _) = lint(
        &doc(json!({
            "backchannel_token_delivery_modes_supported": ["poll"],
            "grant_types_supported": ["authorization_code", "urn:openid:params:grant-type:ciba"]
        })),
        &[],
    );
    let e = of(&r, "ciba-endpoint-missing");
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].severity.as_str(), e[0].default_severity.as_deref()),
        ("error", Some("warning"))
    );

    // A closed, case-sensitive list: `Push` is not `push`.
    let (r, _) = lint(
        &doc(json!({
            "backchannel_authentication_endpoint": "https://idp.example.com/bc",
            "backchannel_token_delivery_modes_supported": ["Push"]
        })),
        &[],
    );
    let m = of(&r, "ciba-mode-invalid");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].severity, "warning");
    assert_eq!(m[0].actual.as_deref(), Some("Push"));

    // poll without the CIBA grant.
    let (r, _) = lint(
        &doc(json!({
            "backchannel_authentication_endpoint": "https://idp.example.com/bc",
            "backchannel_token_delivery_modes_supported": ["poll"]
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "ciba-grant-missing"),
        [at("/grant_types_supported", "warning")]
    );

    // A complete CIBA provider is quiet.
    let (r, _) = lint(
        &doc(json!({
            "backchannel_authentication_endpoint": "https://idp.example.com/bc",
            "backchannel_token_delivery_modes_supported": ["poll", "ping"],
            "grant_types_supported": ["authorization_code", "urn:openid:params:grant-type:ciba"]
        })),
        &[],
    );
    assert!(
        !r.findings.iter().any(|f| f.rule.starts_with("ciba-")),
        "{:?}",
        r.findings
    );
}

#[test]
fn explain_quotes_ciba_core_and_no_longer_hedges() {
    for (id, quote) in [
        (
            "ciba-modes-missing",
            "REQUIRED. JSON array containing one or more",
        ),
        ("ciba-endpoint-missing", "REQUIRED. URL of the OP's"),
        ("ciba-mode-invalid", "poll, ping, and push"),
        (
            "ciba-grant-missing",
            "The CIBA grant type is used in the grant_types_supported",
        ),
    ] {
        let out = cli().args(["explain", id]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout).replace(['\n', ' '], "");
        assert!(text.contains(&quote.replace(' ', "")), "{id}: {text}");
        assert!(
            !text.contains("second-hand") && !text.contains("first-hand"),
            "{id}"
        );
    }
}

// ---------------------------------------------------------------- endpoints over http

#[test]
fn every_endpoint_member_must_use_https_and_is_reported_once() {
    let (r, _) = lint(
        &doc(json!({
            "backchannel_authentication_endpoint": "http://idp.example.com/bc",
            "backchannel_token_delivery_modes_supported": ["push"],
            "kerberos_endpoint": "http://idp.example.com/kerberos",
            "op_tos_uri": "http://idp.example.com/tos"
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "url-https-required"),
        [
            at("/backchannel_authentication_endpoint", "error"),
            at("/kerberos_endpoint", "error")
        ]
    );
    assert_eq!(seen(&r, "url-https-other"), [at("/op_tos_uri", "warning")]);
    // One finding per member, whatever the family.
    for p in ["/backchannel_authentication_endpoint", "/kerberos_endpoint"] {
        let on: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.pointer == p && f.severity != "info")
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(on, ["url-https-required"], "{p}");
    }
}
