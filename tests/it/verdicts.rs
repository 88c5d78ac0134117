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

/// `explain ID` as one line of words (wrapping and indentation removed).
fn explain(id: &str) -> String {
    let out = cli().args(["explain", id]).output().expect("run");
    assert!(out.status.success(), "explain {id}");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- request objects

#[test]
fn required_signed_request_objects_need_a_way_in_and_no_alg_none() {
    let (r, _) = lint(
        &doc(json!({
            "require_signed_request_object": true,
            "request_parameter_supported": false,
            "request_uri_parameter_supported": false,
            "request_object_signing_alg_values_supported": ["RS256", "none"]
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "jar-required-but-unsupported"),
        [at("/require_signed_request_object", "warning")]
    );
    assert_eq!(
        seen(&r, "jar-required-alg-none"),
        [at(
            "/request_object_signing_alg_values_supported/1",
            "warning"
        )]
    );
    // one fact, one finding: not also the note on unsigned request objects
    assert!(of(&r, "alg-none-userinfo").is_empty());
    // A way in (PAR) and signed algorithms only: quiet.
    let (r, _) = lint(
        &doc(json!({
            "require_signed_request_object": true,
            "request_uri_parameter_supported": false,
            "pushed_authorization_request_endpoint": "https://idp.example.com/par",
            "request_object_signing_alg_values_supported": ["RS256", "PS256"]
        })),
        &[],
    );
    assert!(
        !r.findings.iter().any(|f| f.rule.starts_with("jar-")),
        "{:?}",
        r.findings
    );
    // `none` is fine while signing is not required.
    let (r, _) = lint(
        &doc(json!({"request_object_signing_alg_values_supported": ["RS256", "none"]})),
        &[],
    );
    assert!(of(&r, "jar-required-alg-none").is_empty());
    assert_eq!(
        seen(&r, "alg-none-userinfo"),
        [at("/request_object_signing_alg_values_supported/1", "info")]
    );
    for id in ["jar-required-but-unsupported", "jar-required-alg-none"] {
        let text = explain(id);
        assert!(text.contains("RFC 9101 §10.5"), "{id}: {text}");
        assert!(
            !text.contains("second-hand") && !text.contains("first-hand"),
            "{id}"
        );
    }
    assert!(
        explain("jar-required-but-unsupported").contains(
            "MUST reject the authorization request from any client that does not conform"
        )
    );
    assert!(
        explain("jar-required-alg-none").contains(
            "MUST also reject the request if the Request Object uses an alg value of none"
        )
    );
}

// ---------------------------------------------------------------- mTLS, locales, logout

#[test]
fn certificate_binding_without_mtls_auth_is_a_confirmed_note() {
    let (r, _) = lint(
        &doc(json!({"tls_client_certificate_bound_access_tokens": true})),
        &[],
    );
    assert_eq!(
        seen(&r, "mtls-bound-without-mtls-auth"),
        [at("/tls_client_certificate_bound_access_tokens", "info")]
    );
    let text = explain("mtls-bound-without-mtls-auth");
    assert!(
        text.contains("can be used independently of each other"),
        "{text}"
    );
    assert!(
        text.contains("RFC 8705 §4") && !text.contains("not confirmed"),
        "{text}"
    );
}

#[test]
fn locale_casing_is_a_warning() {
    let (r, _) = lint(
        &doc(json!({"ui_locales_supported": ["en-US", "en-gb", "zh-hant-tw"]})),
        &[],
    );
    let c = of(&r, "oidc-locales-casing");
    let got: Vec<_> = c
        .iter()
        .map(|f| {
            (
                f.pointer.as_str(),
                f.severity.as_str(),
                f.expected.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("/ui_locales_supported/1", "warning", Some("en-GB")),
            ("/ui_locales_supported/2", "warning", Some("zh-Hant-TW"))
        ]
    );
    assert!(explain("oidc-locales-casing").contains("RFC 5646 §2.1.1"));
}

#[test]
fn logout_support_needs_the_session_flag_and_an_end_session_endpoint() {
    let (r, _) = lint(
        &doc(json!({
            "frontchannel_logout_supported": true,
            "backchannel_logout_supported": true,
            "backchannel_logout_session_supported": false
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "logout-fcl-without-session"),
        [at("/frontchannel_logout_session_supported", "warning")]
    );
    assert_eq!(
        seen(&r, "logout-bcl-without-session"),
        [at("/backchannel_logout_session_supported", "warning")]
    );
    assert_eq!(
        seen(&r, "logout-end-session-missing"),
        [at("/end_session_endpoint", "warning")]
    );
    let (r, _) = lint(
        &doc(json!({
            "frontchannel_logout_supported": true,
            "frontchannel_logout_session_supported": true,
            "backchannel_logout_supported": true,
            "backchannel_logout_session_supported": true,
            "end_session_endpoint": "https://idp.example.com/logout"
        })),
        &[],
    );
    assert!(
        !r.findings.iter().any(|f| f.rule.starts_with("logout-")),
        "{:?}",
        r.findings
    );
    assert!(explain("logout-fcl-without-session").contains("SHOULD also register"));
    assert!(explain("logout-bcl-without-session").contains("§2.1"));
    assert!(explain("logout-end-session-missing").contains("RP-Initiated Logout §2.1"));
}

#[test]
fn http_logout_supported_is_the_renamed_front_channel_flag() {
    let (r, _) = lint(&doc(json!({"http_logout_supported": true})), &[]);
    let f = of(&r, "logout-http-logout-nonstandard");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, "info");
    let text = explain("logout-http-logout-nonstandard");
    assert!(
        text.contains("Renamed HTTP-Based Logout to Front-Channel Logout"),
        "{text}"
    );
    assert!(
        !text.contains("believed") && !text.contains("not confirmed"),
        "{text}"
    );
}

// ---------------------------------------------------------------- FAPI 2.0 and RS256

/// A FAPI 2.0 provider that follows §5: PAR, PKCE S256, `iss`, DPoP,
/// `private_key_jwt`, and only PS256/ES256.
fn fapi2_provider() -> Value {
    doc(json!({
        "pushed_authorization_request_endpoint": "https://idp.example.com/par",
        "require_pushed_authorization_requests": true,
        "request_uri_parameter_supported": true,
        "id_token_signing_alg_values_supported": ["PS256", "ES256"],
        "userinfo_signing_alg_values_supported": ["PS256"],
        "request_object_signing_alg_values_supported": ["PS256", "ES256"],
        "token_endpoint_auth_signing_alg_values_supported": ["PS256", "ES256"],
        "dpop_signing_alg_values_supported": ["ES256", "PS256"]
    }))
}

#[test]
fn a_clean_fapi2_provider_gets_no_error_for_lacking_rs256() {
    let (r, _) = lint(&fapi2_provider(), &["--profile", "fapi2"]);
    assert_eq!(r.profiles, ["oidc", "fapi2"]);
    let loud: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity != "info")
        .map(|f| (&f.rule, &f.pointer))
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
    assert!(of(&r, "oidc-id-token-rs256-missing").is_empty());
    // Without the profile the OpenID Connect MUST still applies.
    let (r, _) = lint(&fapi2_provider(), &[]);
    assert_eq!(
        seen(&r, "oidc-id-token-rs256-missing"),
        [at("/id_token_signing_alg_values_supported", "error")]
    );
    // And a FAPI 2.0 provider that lists RS256 hears it from the FAPI rule.
    let mut with_rs256 = fapi2_provider();
    with_rs256["id_token_signing_alg_values_supported"] = json!(["PS256", "RS256"]);
    let (r, _) = lint(&with_rs256, &["--profile", "fapi2"]);
    assert_eq!(
        seen(&r, "fapi2-alg-not-allowed"),
        [at("/id_token_signing_alg_values_supported/1", "warning")]
    );
    assert!(explain("oidc-id-token-rs256-missing").contains("FAPI 2.0 §5.4.1"));
}

// ---------------------------------------------------------------- security BCP

#[test]
fn the_password_grant_is_a_warning_by_default_and_an_error_under_oauth21() {
    let d = doc(json!({"grant_types_supported": ["authorization_code", "password"]}));
    let (r, _) = lint(&d, &[]);
    assert_eq!(
        seen(&r, "bcp-password-grant"),
        [at("/grant_types_supported/1", "warning")]
    );
    let (r, _) = lint(&d, &["--profile", "oauth2.1"]);
    let p = of(&r, "bcp-password-grant");
    assert_eq!(
        (p[0].severity.as_str(), p[0].default_severity.as_deref()),
        ("error", Some("warning"))
    );
    let text = explain("bcp-password-grant");
    assert!(
        text.contains("RFC 9700 §2.4") && text.contains("MUST NOT be used"),
        "{text}"
    );
    assert!(text.contains("--profile oauth2.1"), "{text}");
}

#[test]
fn the_iss_parameter_is_not_asked_of_jarm_only_servers() {
    let d = |modes: Value| {
        doc(json!({
            "authorization_response_iss_parameter_supported": null,
            "response_modes_supported": modes
        }))
    };
    let (r, _) = lint(&d(json!(["jwt", "query.jwt", "form_post.jwt"])), &[]);
    assert!(of(&r, "bcp-iss-param-not-advertised").is_empty());
    let (r, _) = lint(&d(json!(["query.jwt", "query"])), &[]);
    assert_eq!(
        seen(&r, "bcp-iss-param-not-advertised"),
        [at(
            "/authorization_response_iss_parameter_supported",
            "warning"
        )]
    );
    assert!(explain("bcp-iss-param-not-advertised").contains("not necessary when JARM is used"));
}

// ---------------------------------------------------------------- issuer syntax

#[test]
fn an_issuer_that_is_no_uri_fires_even_when_it_is_the_expected_issuer() {
    for (issuer, template) in [
        ("https://as.example.com/a b", false),
        ("https://login.microsoftonline.com/{tenantid}/v2.0", true),
    ] {
        let (r, _) = lint(
            &doc(json!({"issuer": issuer})),
            &["--expect-issuer", issuer],
        );
        assert_eq!(
            r.target.expected_issuer.as_ref().map(|e| e.value.as_str()),
            Some(issuer)
        );
        let f = of(&r, "issuer-not-uri");
        assert_eq!(f.len(), 1, "{issuer}: {:?}", r.findings);
        assert_eq!(
            (f[0].pointer.as_str(), f[0].severity.as_str()),
            ("/issuer", "error")
        );
        assert_eq!(f[0].actual.as_deref(), Some(issuer));
        let help = f[0].help.as_deref().unwrap_or("");
        assert_eq!(
            help.contains("validate the issuer per token"),
            template,
            "{help}"
        );
        // The value equals the expected issuer: no mismatch, one finding.
        let on_issuer: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.pointer == "/issuer")
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(on_issuer, ["issuer-not-uri"], "{issuer}");
    }
    // The lint report shows the whole help line (it clips at 300 characters).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("entra.json");
    let entra = doc(json!({"issuer": "https://login.microsoftonline.com/{tenantid}/v2.0"}));
    std::fs::write(&path, entra.to_string()).expect("write");
    let out = cli()
        .args(["--format", "lint", "--well-known", "oidc", "--file"])
        .arg(&path)
        .output()
        .expect("run");
    let lint = String::from_utf8_lossy(&out.stdout);
    assert!(lint.contains("error[issuer-not-uri]"), "{lint}");
    assert!(lint.contains("own document\n"), "{lint}");
    assert!(!lint.contains("more bytes"), "{lint}");
    let text = explain("issuer-not-uri");
    assert!(text.contains("MUST be a URI RFC 3986"), "{text}");
    assert!(
        text.contains("MUST be identical to the iss Claim value"),
        "{text}"
    );
}

// ---------------------------------------------------------------- one fact, one finding

/// An HTTPS Auth0-shaped tenant on loopback (a custom domain: Auth0 is recognised
/// by its `mfa_challenge_endpoint`), publishing its issuer with Auth0's `/`.
struct Auth0Tenant {
    ca: crate::common::TestCa,
    server: crate::common::Server,
}

impl Auth0Tenant {
    fn new() -> Auth0Tenant {
        use crate::common::{self, IDP_HOST, Server, TestCa};
        use std::sync::{Arc, OnceLock};
        let ca = TestCa::new("oidc-inspect test CA");
        let port = Arc::new(OnceLock::<u16>::new());
        let p = Arc::clone(&port);
        let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
            let origin = format!("https://{IDP_HOST}:{}", p.get().copied().unwrap_or(0));
            let body = common::fixture_rehosted(
                "auth0-tenant-dev-ltxchcls4igzho78.json",
                "https://dev-ltxchcls4igzho78.us.auth0.com",
                &origin,
            );
            out.write_all(&common::json(&body))
        });
        let _ = port.set(server.port());
        Auth0Tenant { ca, server }
    }

    fn origin(&self) -> String {
        format!("https://{}:{}", crate::common::IDP_HOST, self.server.port())
    }

    fn run(&self, target: &str) -> JsonReport {
        let (r, _) = json_run(
            cli()
                .args(["--fail-on", "never", "--no-jwks", target])
                .args(["--cacert", self.ca.pem_path().to_str().expect("utf-8 path")])
                .args([
                    "--resolve",
                    &self.server.resolve_arg(crate::common::IDP_HOST),
                ]),
        );
        r
    }
}

#[test]
fn the_auth0_trailing_slash_is_one_finding_the_right_way_round() {
    let tenant = Auth0Tenant::new();
    let origin = tenant.origin();
    let published = format!("{origin}/");

    // Typed without the slash: an error, expected = what was typed, actual = the document.
    let r = tenant.run(&origin);
    assert!(
        of(&r, "auth0-issuer-trailing-slash").is_empty(),
        "{:?}",
        r.findings
    );
    let t = of(&r, "issuer-mismatch-trailing-slash");
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].severity, "error");
    assert_eq!(t[0].expected.as_deref(), Some(origin.as_str()));
    assert_eq!(t[0].actual.as_deref(), Some(published.as_str()));
    assert!(
        t[0].message.contains("the issuer you gave"),
        "{}",
        t[0].message
    );
    let help = t[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("Auth0 tenant") && help.contains(&published),
        "{help}"
    );

    // A bare host: a note that does not pretend the user gave an issuer.
    let host = origin.trim_start_matches("https://");
    let r = tenant.run(host);
    assert!(of(&r, "auth0-issuer-trailing-slash").is_empty());
    let t = of(&r, "issuer-mismatch-trailing-slash");
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].severity, "info");
    assert!(!t[0].message.contains("you gave"), "{}", t[0].message);
    assert!(t[0].message.contains("host name"), "{}", t[0].message);
    assert!(t[0].help.as_deref().unwrap_or("").contains("Auth0 tenant"));

    // Typed with the slash: nothing to say.
    let r = tenant.run(&published);
    assert!(of(&r, "issuer-mismatch-trailing-slash").is_empty());
    assert!(of(&r, "auth0-issuer-trailing-slash").is_empty());
}

#[test]
fn the_auth0_note_speaks_only_without_an_expected_issuer() {
    let auth0 = crate::common::fixture("auth0-tenant-dev-ltxchcls4igzho78.json");
    let d: Value = serde_json::from_str(&auth0).expect("fixture");
    let (r, _) = lint(&d, &[]);
    assert!(r.target.expected_issuer.is_none());
    assert_eq!(
        seen(&r, "auth0-issuer-trailing-slash"),
        [at("/issuer", "info")]
    );
    let (r, _) = lint(
        &d,
        &[
            "--expect-issuer",
            "https://dev-ltxchcls4igzho78.us.auth0.com",
        ],
    );
    assert!(of(&r, "auth0-issuer-trailing-slash").is_empty());
    assert_eq!(
        seen(&r, "issuer-mismatch-trailing-slash"),
        [at("/issuer", "error")]
    );
}

#[test]
fn a_null_unknown_member_is_one_finding() {
    // (`doc()` reads `null` as "remove", so the nulls are set by hand.)
    let mut m = base();
    m.insert("tenant_region_scope".into(), Value::Null);
    m.insert("op_tos_uri".into(), Value::Null);
    let (r, _) = lint(&Value::Object(m), &[]);
    for p in ["/tenant_region_scope", "/op_tos_uri"] {
        let on: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.pointer == p)
            .map(|f| f.rule.as_str())
            .collect();
        // A known member also gets its type finding; an unknown one only the null.
        let expected: &[&str] = if p == "/op_tos_uri" {
            &["type-string-url", "doc-null-member"]
        } else {
            &["doc-null-member"]
        };
        let mut on_sorted = on.clone();
        on_sorted.sort_unstable();
        let mut want = expected.to_vec();
        want.sort_unstable();
        assert_eq!(on_sorted, want, "{p}: {on:?}");
    }
}

#[test]
fn the_workload_hint_is_given_once() {
    let github = crate::common::fixture("github-actions.json");
    let d: Value = serde_json::from_str(&github).expect("fixture");
    let (r, _) = lint(&d, &[]);
    let hinted: Vec<_> = r
        .findings
        .iter()
        .filter(|f| {
            f.help
                .as_deref()
                .is_some_and(|h| h.contains("--profile workload"))
        })
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        hinted,
        ["oidc-authorization-endpoint-missing"],
        "{:?}",
        r.findings
    );
    // In the lint report the other missing members keep their rule's own advice.
    let out = cli()
        .args(["--format", "lint", "--well-known", "oidc", "--file"])
        .arg(crate::common::fixture_path("github-actions.json"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("--profile workload").count(), 1, "{text}");
    assert!(text.contains("help: publish `userinfo_endpoint`"), "{text}");
}

// ---------------------------------------------------------------- the conformance table

/// docs/conformance.md names rules by id: every id it names exists, and every
/// condition row has a status.
#[test]
fn the_conformance_table_names_existing_rules() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/conformance.md");
    let text = std::fs::read_to_string(path).expect("docs/conformance.md");
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| `")).collect();
    assert!(rows.len() >= 80, "{} rows", rows.len());
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "{row}");
        let status = cells[3];
        assert!(
            ["covered", "partly", "n/a"]
                .iter()
                .any(|s| status.starts_with(s)),
            "{row}"
        );
        for id in cells[2].split('`').skip(1).step_by(2) {
            let looks_like_id = id.contains('-')
                && !id.starts_with('-')
                && id.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                });
            if looks_like_id {
                assert!(
                    oidc_inspect::rules::find(id).is_some(),
                    "docs/conformance.md names the unknown rule {id}"
                );
            }
        }
    }
}

#[test]
fn explain_says_where_the_conformance_suite_differs() {
    for (id, condition) in [
        ("issuer-mismatch-trailing-slash", "CheckDiscEndpointIssuer"),
        (
            "doc-empty-array",
            "OIDCCCheckDiscEndpointUserinfoSigningAlgValuesSupported",
        ),
        (
            "oidc-scopes-missing-openid",
            "CheckDiscEndpointScopesSupportedContainsOpenId",
        ),
        (
            "oidc-dyn-grant-types",
            "OIDCCCheckDiscEndpointGrantTypesSupported",
        ),
        ("jwk-kid-missing", "CheckForKeyIdInServerJWKs"),
    ] {
        let text = explain(id);
        assert!(text.contains(condition), "{id}: {text}");
        assert!(
            text.contains("follows the specification text"),
            "{id}: {text}"
        );
    }
}

// ---------------------------------------------------------------- client authentication

/// RFC 8414 §2 requires the signing algorithms next to a JWT method; OpenID
/// Connect Discovery §3 leaves the token endpoint's OPTIONAL.
#[test]
fn jwt_auth_algorithms_are_required_by_rfc_8414_and_optional_for_an_op() {
    const ALGS: &str = "/token_endpoint_auth_signing_alg_values_supported";
    let document = doc(json!({ "token_endpoint_auth_signing_alg_values_supported": null }));
    let (r, _) = lint(&document, &[]);
    assert_eq!(
        seen(&r, "auth-signing-algs-required"),
        [at(ALGS, "warning")]
    );
    let (r, _) = lint(&document, &["--profile", "fapi2"]);
    assert!(
        seen(&r, "auth-signing-algs-required").contains(&at(ALGS, "error")),
        "{:?}",
        seen(&r, "auth-signing-algs-required")
    );
    let file = write_doc(&document);
    let (r, _) = json_run(
        cli()
            .args(["--fail-on", "never", "--well-known", "oauth", "--file"])
            .arg(file.path()),
    );
    assert_eq!(seen(&r, "auth-signing-algs-required"), [at(ALGS, "error")]);
    // the revocation variant exists only in RFC 8414
    let (r, _) = lint(
        &doc(json!({
            "revocation_endpoint": "https://idp.example.com/revoke",
            "revocation_endpoint_auth_methods_supported": ["private_key_jwt"]
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "auth-signing-algs-required"),
        [at(
            "/revocation_endpoint_auth_signing_alg_values_supported",
            "error"
        )]
    );
    let text = explain("auth-signing-algs-required");
    assert!(text.contains("\"OPTIONAL\""), "{text}");
    assert!(text.contains("MUST be present"), "{text}");
}

/// RFC 8414 §2: the introspection endpoint's methods may be access token types.
#[test]
fn access_token_types_are_introspection_methods() {
    let (r, _) = lint(
        &doc(json!({
            "introspection_endpoint": "https://idp.example.com/introspect",
            "introspection_endpoint_auth_methods_supported": ["Bearer", "DPoP", "client_secret_basic"],
            "revocation_endpoint": "https://idp.example.com/revoke",
            "revocation_endpoint_auth_methods_supported": ["private_key_jwt", "Bearer"],
            "revocation_endpoint_auth_signing_alg_values_supported": ["ES256"]
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "auth-methods-unknown"),
        [at("/revocation_endpoint_auth_methods_supported/1", "info")]
    );
    assert!(explain("auth-methods-unknown").contains("OAuth Access Token Types"));
}

// ---------------------------------------------------------------- vocabularies

#[test]
fn a_list_of_another_members_values_is_one_error_with_a_did_you_mean() {
    let (r, code) = json_run(
        cli().args(["--well-known", "oidc", "--file"]).arg(
            write_doc(&doc(json!({
                "token_endpoint_auth_methods_supported": ["authorization_code", "implicit"]
            })))
            .path(),
        ),
    );
    assert_eq!(code, 1, "an error fails the run");
    let f = of(&r, "vocab-misplaced");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/token_endpoint_auth_methods_supported");
    assert_eq!(f[0].severity, "error");
    assert!(f[0].message.contains("grant types"), "{}", f[0].message);
    let help = f[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("`grant_types_supported`"), "{help}");
    // one fact, one finding: no per-value notes on the same list
    assert!(of(&r, "auth-methods-unknown").is_empty());

    // response types listed as grant types; claims listed as scopes (a warning:
    // scope names are open)
    let (r, _) = lint(
        &doc(json!({
            "grant_types_supported": ["code", "code id_token"],
            "scopes_supported": ["sub", "name", "email"]
        })),
        &[],
    );
    assert_eq!(
        seen(&r, "vocab-misplaced"),
        [
            at("/grant_types_supported", "error"),
            at("/scopes_supported", "warning")
        ]
    );
    assert!(of(&r, "grant-types-unknown").is_empty());

    // one usable method: the stray value is a per-value note, as before
    let (r, _) = lint(
        &doc(json!({
            "token_endpoint_auth_methods_supported": ["private_key_jwt", "implicit"]
        })),
        &[],
    );
    assert!(of(&r, "vocab-misplaced").is_empty());
    assert_eq!(
        seen(&r, "auth-methods-unknown"),
        [at("/token_endpoint_auth_methods_supported/1", "info")]
    );
}

/// `document` in a temporary file named as an `openid-configuration` document.
fn write_doc(document: &Value) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), serde_json::to_vec(document).expect("json")).expect("write");
    file
}

// ---------------------------------------------------------------- keys

/// Lint the base document with `keys` as its key set (`--jwks-file`).
fn lint_keys(keys: Value) -> JsonReport {
    let set = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    std::fs::write(
        set.path(),
        serde_json::to_vec(&json!({ "keys": keys })).expect("json"),
    )
    .expect("write");
    let document = doc(json!({
        "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"]
    }));
    let path = set.path().to_string_lossy().into_owned();
    lint(&document, &["--jwks-file", &path]).0
}

fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A P-256 key on its curve (the curve's base point), as a JWK.
fn p256_key(kid: &str) -> Value {
    json!({
        "kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
        "x": "axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY",
        "y": "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"
    })
}

#[test]
fn an_ec_point_off_its_curve_is_an_error() {
    let r = lint_keys(json!([p256_key("e1")]));
    assert!(of(&r, "jwk-ec-point-invalid").is_empty());
    let mut off = p256_key("e1");
    off["y"] = json!("T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfQ");
    let r = lint_keys(json!([off]));
    assert_eq!(seen(&r, "jwk-ec-point-invalid"), [at("/keys/0/y", "error")]);
    assert!(explain("jwk-ec-point-invalid").contains("SEC 1"));
}

#[test]
fn okp_members_follow_rfc_8037_section_2() {
    let good = json!({"kty": "OKP", "kid": "o1", "use": "sig", "alg": "EdDSA",
                      "crv": "Ed25519", "x": b64url(&[9; 32])});
    let r = lint_keys(json!([good.clone()]));
    assert!(of(&r, "jwk-okp-members").is_empty());
    let mut no_x = good.clone();
    no_x.as_object_mut().unwrap().remove("x");
    let mut short = good.clone();
    short["x"] = json!(b64url(&[9; 31]));
    let mut curve = good;
    curve["crv"] = json!("Ed25518");
    let r = lint_keys(json!([no_x, short, curve]));
    assert_eq!(
        seen(&r, "jwk-okp-members"),
        [
            at("/keys/0/x", "error"),
            at("/keys/1/x", "error"),
            at("/keys/2/crv", "warning")
        ]
    );
    let text = explain("jwk-okp-members");
    assert!(text.contains("MUST be present"), "{text}");
    assert!(!text.contains("first-hand"), "{text}");
}

/// An Ed25519 certificate in `x5c` is compared with `crv` and `x`: the curve by
/// the certificate's algorithm OID (RFC 8410 §3), the key octet for octet.
#[test]
fn an_okp_certificate_must_carry_the_bare_key() {
    let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("Ed25519 key");
    let cert = rcgen::CertificateParams::new(vec!["signer.example".into()])
        .expect("params")
        .self_signed(&pair)
        .expect("certificate");
    let raw = pair.public_key_raw().to_vec();
    let key = |crv: &str, x: &[u8]| {
        json!({"kty": "OKP", "kid": "o1", "use": "sig", "alg": "EdDSA", "crv": crv,
               "x": b64url(x), "x5c": [b64(cert.der())]})
    };
    let r = lint_keys(json!([key("Ed25519", &raw)]));
    assert!(
        of(&r, "jwk-x5c-key-mismatch").is_empty(),
        "{:?}",
        r.findings
    );
    let mut other = raw.clone();
    other[0] ^= 1;
    let r = lint_keys(json!([key("Ed25519", &other)]));
    let m = of(&r, "jwk-x5c-key-mismatch");
    assert_eq!(m.len(), 1);
    assert!(m[0].message.contains("`x`"), "{}", m[0].message);
    // same octets, other curve: the certificate's OID says Ed25519
    let r = lint_keys(json!([key("X25519", &raw)]));
    let m = of(&r, "jwk-x5c-key-mismatch");
    assert_eq!(m.len(), 1);
    assert!(
        m[0].message.contains("Ed25519") && m[0].message.contains("X25519"),
        "{}",
        m[0].message
    );
}

#[test]
fn a_key_without_kid_is_a_warning_even_alone() {
    let mut lone = p256_key("e1");
    lone.as_object_mut().unwrap().remove("kid");
    let r = lint_keys(json!([lone.clone()]));
    let k = of(&r, "jwk-kid-missing");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].severity, "warning");
    assert!(k[0].message.contains("only key"), "{}", k[0].message);
    let r = lint_keys(json!([p256_key("e2"), lone]));
    assert_eq!(seen(&r, "jwk-kid-missing"), [at("/keys/1/kid", "warning")]);
}
