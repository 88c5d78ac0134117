//! `--client KIND`: will a kind of client work with the issuer? For each kind, a
//! document it is ready for and one not-ready (or weaker) document per reason;
//! the readiness verdict in JSON and in the table; the config file's `client`
//! keys; and the token endpoint's CORS probe for browser apps, against a loopback
//! provider.

use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value, json};

use crate::common::{self, Server};
use crate::contract::{JsonClient, JsonReport, json_run};

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const KINDS: [&str; 5] = ["spa", "native", "web", "device", "service"];

/// A document every kind of client is ready for, with no client note either.
fn ready() -> Map<String, Value> {
    let v = json!({
        "issuer": "https://idp.example.com",
        "authorization_endpoint": "https://idp.example.com/authorize",
        "token_endpoint": "https://idp.example.com/token",
        "device_authorization_endpoint": "https://idp.example.com/device",
        "end_session_endpoint": "https://idp.example.com/logout",
        "registration_endpoint": "https://idp.example.com/register",
        "userinfo_endpoint": "https://idp.example.com/userinfo",
        "jwks_uri": "https://idp.example.com/jwks.json",
        "scopes_supported": ["openid", "offline_access"],
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials", DEVICE_GRANT],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
        "dpop_signing_alg_values_supported": ["ES256"]
    });
    v.as_object().cloned().unwrap_or_default()
}

/// `ready()` with `patch` laid over it; a `null` member is removed.
fn with(patch: Value) -> String {
    let mut doc = ready();
    for (k, v) in patch.as_object().cloned().unwrap_or_default() {
        if v.is_null() {
            doc.remove(&k);
        } else {
            doc.insert(k, v);
        }
    }
    Value::Object(doc).to_string()
}

/// Check `doc` (from stdin) with `args`; never fails on findings.
fn check(doc: &str, args: &[&str]) -> JsonReport {
    let mut cmd = common::cli();
    cmd.args(["--file", "-", "--fail-on", "never"])
        .args(args)
        .write_stdin(doc.to_string());
    let (r, code) = json_run(&mut cmd);
    assert_eq!(code, 0, "{r:?}");
    r
}

fn readiness<'a>(r: &'a JsonReport, kind: &str) -> &'a JsonClient {
    r.clients
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no readiness for {kind}: {:?}", r.clients))
}

fn rules(needs: &[crate::contract::JsonNeed]) -> Vec<&str> {
    needs.iter().map(|n| n.rule.as_str()).collect()
}

#[test]
fn every_kind_is_ready_for_a_complete_document() {
    let mut args = Vec::new();
    for k in KINDS {
        args.extend(["--client", k]);
    }
    let r = check(&with(json!({})), &args);
    let kinds: Vec<&str> = r.clients.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, KINDS);
    for c in &r.clients {
        assert!(
            c.ready && c.errors.is_empty() && c.warnings.is_empty(),
            "{c:?}"
        );
    }
    for k in KINDS {
        assert!(
            r.profiles.contains(&format!("client:{k}")),
            "{:?}",
            r.profiles
        );
    }
    let client_findings: Vec<&str> = r
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .filter(|id| id.starts_with("client-"))
        .collect();
    assert!(client_findings.is_empty(), "{client_findings:?}");
}

#[test]
fn without_client_there_is_no_readiness_and_no_client_rule() {
    let out = common::cli()
        .args(["--file", "-", "--format", "json", "--fail-on", "never"])
        .write_stdin(with(json!({"token_endpoint_auth_methods_supported": null})))
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v.get("clients").is_none(), "the field is additive: {v}");
    assert!(
        !v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["rule"].as_str().is_some_and(|r| r.starts_with("client-")))
    );
    assert_eq!(v["profiles"], json!(["oidc"]));
}

/// One reason a kind is not ready (or weaker): the document, the rule, its
/// severity, and words the finding's message must contain.
struct Case {
    kind: &'static str,
    patch: Value,
    rule: &'static str,
    severity: &'static str,
    says: &'static str,
}

fn case(
    kind: &'static str,
    patch: Value,
    rule: &'static str,
    severity: &'static str,
    says: &'static str,
) -> Case {
    Case {
        kind,
        patch,
        rule,
        severity,
        says,
    }
}

/// Run each case alone: the rule fires once at the severity, and it is the only
/// reason in the kind's readiness at that severity.
fn run_cases(cases: Vec<Case>) {
    for c in cases {
        let r = check(&with(c.patch.clone()), &["--client", c.kind]);
        let fired: Vec<_> = r.findings.iter().filter(|f| f.rule == c.rule).collect();
        assert_eq!(fired.len(), 1, "{}: {:?}", c.rule, r.findings);
        let f = fired[0];
        assert_eq!(f.severity, c.severity, "{} on {}", c.rule, c.patch);
        assert!(
            f.message.contains(c.says) || f.actual.as_deref().is_some_and(|a| a.contains(c.says)),
            "{}: {:?} does not say {:?}",
            c.rule,
            f,
            c.says
        );
        let rd = readiness(&r, c.kind);
        let prefix = format!("client-{}-", c.kind);
        let others: Vec<&str> = r
            .findings
            .iter()
            .filter(|g| g.rule.starts_with(&prefix) && g.rule != c.rule && g.severity != "info")
            .map(|g| g.rule.as_str())
            .collect();
        assert!(
            others.is_empty(),
            "{} on {}: also {others:?}",
            c.rule,
            c.patch
        );
        match c.severity {
            "error" => {
                assert!(!rd.ready, "{rd:?}");
                assert_eq!(rules(&rd.errors), [c.rule], "{rd:?}");
                assert_eq!(rd.errors[0].needs, f.expected.clone().unwrap_or_default());
            }
            "warning" => {
                assert!(rd.ready, "{rd:?}");
                assert_eq!(rules(&rd.warnings), [c.rule], "{rd:?}");
            }
            _ => assert!(rd.ready && rd.warnings.is_empty(), "{rd:?}"),
        }
    }
}

#[test]
fn a_browser_app_is_not_ready_for_each_missing_piece() {
    run_cases(vec![
        case(
            "spa",
            json!({"authorization_endpoint": null}),
            "client-spa-code",
            "error",
            "authorization endpoint",
        ),
        case(
            "spa",
            json!({"token_endpoint": null}),
            "client-spa-code",
            "error",
            "token endpoint",
        ),
        case(
            "spa",
            json!({"response_types_supported": ["id_token", "token id_token"]}),
            "client-spa-code",
            "error",
            "no response type contains `code`",
        ),
        case(
            "spa",
            json!({"grant_types_supported": ["refresh_token"]}),
            "client-spa-code",
            "error",
            "lacks `authorization_code`",
        ),
        case(
            "spa",
            json!({"response_types_supported": ["code id_token"]}),
            "client-spa-code",
            "warning",
            "hybrid",
        ),
        case(
            "spa",
            json!({"code_challenge_methods_supported": ["plain"]}),
            "client-spa-pkce",
            "error",
            "lacks `S256`",
        ),
        case(
            "spa",
            json!({"code_challenge_methods_supported": null}),
            "client-spa-pkce",
            "warning",
            "PKCE support is unknown",
        ),
        case(
            "spa",
            json!({"token_endpoint_auth_methods_supported": ["private_key_jwt"]}),
            "client-spa-public",
            "error",
            "does not list `none`",
        ),
        case(
            "spa",
            json!({"token_endpoint_auth_methods_supported": null}),
            "client-spa-public",
            "error",
            "only its default `client_secret_basic`",
        ),
        case(
            "spa",
            json!({"grant_types_supported": ["authorization_code"]}),
            "client-spa-refresh",
            "warning",
            "lacks `refresh_token`",
        ),
        case(
            "spa",
            json!({"grant_types_supported": null}),
            "client-spa-refresh",
            "warning",
            "its default (authorization_code, implicit)",
        ),
        case(
            "spa",
            json!({"dpop_signing_alg_values_supported": null}),
            "client-spa-refresh-rotation",
            "info",
            "cannot be seen",
        ),
        case(
            "spa",
            json!({"end_session_endpoint": null}),
            "client-spa-logout",
            "info",
            "end_session_endpoint",
        ),
    ]);
}

#[test]
fn a_native_app_is_not_ready_for_each_missing_piece() {
    run_cases(vec![
        case(
            "native",
            json!({"token_endpoint": null}),
            "client-native-code",
            "error",
            "token endpoint",
        ),
        case(
            "native",
            json!({"response_types_supported": null}),
            "client-native-code",
            "warning",
            "unknown",
        ),
        case(
            "native",
            json!({"code_challenge_methods_supported": ["plain"]}),
            "client-native-pkce",
            "error",
            "invalid_request",
        ),
        case(
            "native",
            json!({"code_challenge_methods_supported": null}),
            "client-native-pkce",
            "warning",
            "unknown",
        ),
        case(
            "native",
            json!({"token_endpoint_auth_methods_supported": ["client_secret_basic"], "registration_endpoint": null}),
            "client-native-public",
            "error",
            "public client",
        ),
        // Dynamic registration lets each installation have a credential of its own.
        case(
            "native",
            json!({"token_endpoint_auth_methods_supported": ["client_secret_basic"]}),
            "client-native-public",
            "warning",
            "public client",
        ),
    ]);
}

#[test]
fn a_web_application_is_not_ready_for_each_missing_piece() {
    run_cases(vec![
        case(
            "web",
            json!({"authorization_endpoint": null}),
            "client-web-code",
            "error",
            "authorization endpoint",
        ),
        case(
            "web",
            json!({"response_types_supported": ["token"]}),
            "client-web-code",
            "error",
            "no response type contains `code`",
        ),
        case(
            "web",
            json!({"token_endpoint_auth_methods_supported": ["none"]}),
            "client-web-confidential",
            "error",
            "no method",
        ),
        case(
            "web",
            json!({"token_endpoint_auth_methods_supported": ["client_secret_post"]}),
            "client-web-shared-secret",
            "info",
            "shared secret",
        ),
        case(
            "web",
            json!({"token_endpoint_auth_methods_supported": null}),
            "client-web-shared-secret",
            "info",
            "default `client_secret_basic`",
        ),
    ]);
}

#[test]
fn a_device_is_not_ready_for_each_missing_piece() {
    run_cases(vec![
        case(
            "device",
            json!({"device_authorization_endpoint": null}),
            "client-device-endpoint",
            "error",
            "device authorization endpoint",
        ),
        case(
            "device",
            json!({"token_endpoint": null}),
            "client-device-endpoint",
            "error",
            "polls the token endpoint",
        ),
        case(
            "device",
            json!({"grant_types_supported": ["authorization_code"]}),
            "client-device-grant",
            "error",
            "lacks the device grant",
        ),
        // The endpoint is published and the grant list is absent: a contradiction, not a refusal.
        case(
            "device",
            json!({"grant_types_supported": null}),
            "client-device-grant",
            "warning",
            "its default (authorization_code, implicit)",
        ),
    ]);
    // Neither the endpoint nor a grant list: both missing pieces are errors.
    let r = check(
        &with(json!({"device_authorization_endpoint": null, "grant_types_supported": null})),
        &["--client", "device"],
    );
    assert_eq!(
        rules(&readiness(&r, "device").errors),
        ["client-device-endpoint", "client-device-grant"]
    );
}

#[test]
fn a_service_is_not_ready_for_each_missing_piece() {
    run_cases(vec![
        case(
            "service",
            json!({"grant_types_supported": ["authorization_code"]}),
            "client-service-grant",
            "error",
            "lacks `client_credentials`",
        ),
        case(
            "service",
            json!({"token_endpoint": null}),
            "client-service-grant",
            "error",
            "token endpoint",
        ),
        case(
            "service",
            json!({"token_endpoint_auth_methods_supported": ["none"]}),
            "client-service-confidential",
            "error",
            "no method",
        ),
        case(
            "service",
            json!({"token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}),
            "client-service-shared-secret",
            "warning",
            "shared secret",
        ),
    ]);
    // Absent grant types: judged by their default, which lacks client_credentials.
    let r = check(
        &with(json!({"grant_types_supported": null})),
        &["--client", "service"],
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "client-service-grant")
        .expect("client-service-grant");
    assert_eq!(f.severity, "error");
    assert_eq!(
        f.actual.as_deref(),
        Some("absent; the default is [\"authorization_code\", \"implicit\"]")
    );
}

/// The README's example: the Auth0 tenant's document, as a browser app sees it.
#[test]
fn an_auth0_document_is_not_ready_for_a_browser_app_and_says_why() {
    let auth0 = common::fixture_arg("auth0-tenant-dev-ltxchcls4igzho78.json");
    let (r, code) = json_run(common::cli().args(["--file", &auth0, "--client", "spa"]));
    assert_eq!(code, 1, "a flow that cannot work fails the run");
    let spa = readiness(&r, "spa");
    assert!(!spa.ready);
    assert_eq!(rules(&spa.errors), ["client-spa-public"]);
    assert_eq!(
        spa.errors[0].needs,
        "`none` in `token_endpoint_auth_methods_supported`"
    );
    assert_eq!(rules(&spa.warnings), ["client-spa-refresh"]);

    let out = common::cli()
        .args(["--file", &auth0, "--client", "spa", "--client", "web"])
        .env("COLUMNS", "160")
        .output()
        .expect("run");
    let table = String::from_utf8_lossy(&out.stdout);
    let line = |kind: &str| {
        table
            .lines()
            .find(|l| l.contains("Client readiness") && l.contains(&format!("{kind}:")))
            .unwrap_or_else(|| panic!("no readiness line for {kind}:\n{table}"))
            .to_string()
    };
    assert!(
        line("spa")
            .contains("spa: not ready: needs `none` in `token_endpoint_auth_methods_supported`"),
        "{table}"
    );
    assert!(
        line("spa").contains("should have `refresh_token`"),
        "{table}"
    );
    assert!(line("web").contains("web: ready"), "{table}");
    // Also in --brief, which keeps the verdict box.
    let out = common::cli()
        .args(["--file", &auth0, "--client", "spa", "--brief"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Client readiness"));

    // An override is the user's word: allowed, the reason is gone and the app is ready.
    let (r, code) = json_run(common::cli().args([
        "--file",
        &auth0,
        "--client",
        "spa",
        "--allow",
        "client-spa-public",
    ]));
    assert_eq!(code, 0);
    assert!(readiness(&r, "spa").ready);
}

#[test]
fn client_kinds_are_named_once_and_bad_ones_are_refused() {
    let r = check(
        &with(json!({})),
        &["--client", "web", "--client", "spa", "--client", "web"],
    );
    let kinds: Vec<&str> = r.clients.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["web", "spa"]);
    assert_eq!(r.profiles, ["oidc", "client:web", "client:spa"]);

    let out = common::cli()
        .args(["--file", "-", "--client", "browser"])
        .write_stdin("{}")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("spa") && err.contains("service"), "{err}");
    // `client:spa` is not a --profile: kinds are named with --client only.
    let out = common::cli()
        .args(["--file", "-", "--profile", "client:spa"])
        .write_stdin("{}")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_config_file_names_kinds_at_top_level_and_per_target() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.json"), with(json!({}))).expect("write");
    std::fs::write(
        dir.path().join("b.json"),
        with(json!({"token_endpoint_auth_methods_supported": ["private_key_jwt"]})),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("oidc-inspect.toml"),
        r#"
fail-on = "never"
client = ["service"]

[[targets]]
file = "a.json"

[[targets]]
file = "b.json"
client = ["spa", "web"]
"#,
    )
    .expect("write config");
    let kinds = |v: &Value, i: usize| -> Vec<String> {
        v["reports"][i]["clients"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| format!("{}={}", c["kind"].as_str().unwrap_or(""), c["ready"]))
            .collect()
    };
    let out = common::cli()
        .current_dir(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(kinds(&v, 0), ["service=true"]);
    // The target's own list replaces the top level.
    assert_eq!(kinds(&v, 1), ["spa=false", "web=true"]);

    // --client replaces both.
    let out = common::cli()
        .current_dir(dir.path())
        .args(["--format", "json", "--client", "spa"])
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(kinds(&v, 0), ["spa=true"]);
    assert_eq!(kinds(&v, 1), ["spa=false"]);

    std::fs::write(
        dir.path().join("oidc-inspect.toml"),
        "[[targets]]\nfile = \"a.json\"\nclient = [\"browser\"]\n",
    )
    .expect("write config");
    let out = common::cli().current_dir(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("oidc-inspect.toml:3") && err.contains("not a kind of client"),
        "{err}"
    );
}

// --- the token endpoint's CORS, for browser apps (--probe) -----------------------

const TOKEN: &str = "/oauth/token";

/// A provider whose document is `ready()` re-hosted on the loopback server, and
/// whose token endpoint answers cross-origin requests with CORS (`cors`) or not.
/// Everything else allows cross-origin reads, as a browser app needs.
fn provider(cors: bool) -> Server {
    let port = Arc::new(OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::http(move |req, out| {
        let origin = format!("http://127.0.0.1:{}", p.get().copied().unwrap_or(0));
        let body = if req.path == "/.well-known/openid-configuration" {
            with(json!({"token_endpoint": format!("{origin}{TOKEN}")}))
                .replace("https://idp.example.com", &origin)
        } else {
            "{}".to_string()
        };
        let allow = req.path != TOKEN || cors;
        let mut headers = vec![("Content-Type", "application/json")];
        if req.header("origin").is_some() && allow {
            headers.push(("Access-Control-Allow-Origin", "*"));
        }
        out.write_all(&common::response(200, &headers, body.as_bytes()))
    });
    let _ = port.set(server.port());
    server
}

fn probe(server: &Server, args: &[&str]) -> JsonReport {
    let (r, code) = json_run(
        common::cli()
            .args(["--fail-on", "never", "--no-jwks"])
            .arg(server.url("/.well-known/openid-configuration"))
            .args(args),
    );
    assert_eq!(code, 0, "{r:?}");
    r
}

fn token_probes(server: &Server) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path == TOKEN && r.header("origin") == Some(oidc_inspect::probe::ORIGIN))
        .count()
}

#[test]
fn spa_token_endpoint_cors_is_probed_only_when_asked() {
    let server = provider(false);
    let r = probe(&server, &["--probe", "--client", "spa"]);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "client-spa-token-cors")
        .unwrap_or_else(|| panic!("client-spa-token-cors did not fire: {:?}", r.findings));
    assert_eq!(
        (f.severity.as_str(), f.source.as_str()),
        ("warning", "probe")
    );
    assert_eq!(f.pointer, "/token_endpoint");
    let spa = readiness(&r, "spa");
    assert!(
        spa.ready,
        "a warning: the server may allow registered origins only"
    );
    assert_eq!(rules(&spa.warnings), ["client-spa-token-cors"]);
    assert_eq!(token_probes(&server), 1);

    // Not without --probe, and not for other kinds of client.
    let server = provider(false);
    let r = probe(&server, &["--client", "spa"]);
    assert!(!r.findings.iter().any(|f| f.rule == "client-spa-token-cors"));
    let r = probe(&server, &["--probe", "--client", "web"]);
    assert!(!r.findings.iter().any(|f| f.rule == "client-spa-token-cors"));
    let r = probe(&server, &["--probe"]);
    assert!(!r.findings.iter().any(|f| f.rule == "client-spa-token-cors"));
    assert_eq!(token_probes(&server), 0, "{:?}", server.requests());
}

#[test]
fn spa_token_endpoint_cors_stays_quiet_when_allowed() {
    let server = provider(true);
    let r = probe(&server, &["--probe", "--client", "spa"]);
    assert!(
        !r.findings.iter().any(|f| f.rule == "client-spa-token-cors"),
        "{:?}",
        r.findings
    );
    let spa = readiness(&r, "spa");
    assert!(spa.ready && spa.warnings.is_empty(), "{spa:?}");
    assert_eq!(token_probes(&server), 1);
}
