//! `--probe`: cross-origin requests to the discovery document, `jwks_uri` and the
//! authorization endpoint, against a loopback provider that does or does not
//! answer them with CORS headers.

use std::sync::{Arc, OnceLock};

use crate::common::{self, Server};
use crate::contract::json_run;

/// A provider whose discovery document and key set allow cross-origin reads
/// (`good`) or not, and whose authorization endpoint does the opposite.
fn provider(good: bool) -> Server {
    let port = Arc::new(OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::http(move |req, out| {
        let origin = format!("http://127.0.0.1:{}", p.get().copied().unwrap_or(0));
        let cors = req.header("origin").is_some();
        let (allow, body) = match req.path.as_str() {
            "/.well-known/openid-configuration" => (
                good,
                common::fixture_rehosted("google.json", "https://accounts.google.com", &origin)
                    .replace(
                        "https://www.googleapis.com/oauth2/v3/certs",
                        &format!("{origin}/jwks"),
                    ),
            ),
            "/jwks" => (good, r#"{"keys":[]}"#.to_string()),
            _ => (!good, "{}".to_string()),
        };
        let mut headers = vec![("Content-Type", "application/json")];
        if cors && allow {
            headers.push(("Access-Control-Allow-Origin", "*"));
        }
        out.write_all(&common::response(200, &headers, body.as_bytes()))
    });
    let _ = port.set(server.port());
    server
}

fn rules_fired(server: &Server, probe: bool) -> Vec<String> {
    let mut cmd = common::cli();
    cmd.args(["--fail-on", "never", "--no-jwks"])
        .arg(server.url("/.well-known/openid-configuration"));
    if probe {
        cmd.arg("--probe");
    }
    let (r, code) = json_run(&mut cmd);
    assert_eq!(code, 0, "{r:?}");
    r.findings.into_iter().map(|f| f.rule).collect()
}

/// Google's authorization endpoint path, kept when the document is re-hosted.
const AUTHORIZE: &str = "/o/oauth2/v2/auth";

const PROBES: [&str; 3] = [
    "doc-cors-missing",
    "doc-jwks-cors-missing",
    "bcp-cors-authorization-endpoint",
];

#[test]
fn probes_find_missing_and_forbidden_cors() {
    let bad = provider(false);
    let fired = rules_fired(&bad, true);
    for rule in [
        "doc-cors-missing",
        "doc-jwks-cors-missing",
        "bcp-cors-authorization-endpoint",
    ] {
        assert!(fired.iter().any(|r| r == rule), "{rule} not in {fired:?}");
    }
    assert!(
        bad.requests()
            .iter()
            .any(|r| r.path == AUTHORIZE && r.header("origin") == Some(oidc_inspect::probe::ORIGIN))
    );
}

#[test]
fn probes_stay_quiet_on_a_well_configured_provider() {
    let good = provider(true);
    let fired = rules_fired(&good, true);
    for rule in [
        "doc-cors-missing",
        "doc-jwks-cors-missing",
        "bcp-cors-authorization-endpoint",
    ] {
        assert!(!fired.iter().any(|r| r == rule), "{rule} in {fired:?}");
    }
}

#[test]
fn without_probe_no_extra_request_is_sent() {
    let bad = provider(false);
    let fired = rules_fired(&bad, false);
    assert!(!fired.iter().any(|r| PROBES.contains(&r.as_str())));
    assert!(bad.requests().iter().all(|r| r.header("origin").is_none()));
    assert!(!bad.requests().iter().any(|r| r.path == AUTHORIZE));
}

/// A provider whose authorization endpoint answers with an HTML page carrying
/// `headers`, and whose discovery document is served from `well_known` (an
/// OpenID or an RFC 8414 path); nothing allows cross-origin reads.
fn html_provider(
    headers: &'static [(&'static str, &'static str)],
    well_known: &'static str,
) -> Server {
    let port = Arc::new(OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::http(move |req, out| {
        let origin = format!("http://127.0.0.1:{}", p.get().copied().unwrap_or(0));
        if req.path == well_known {
            let body = if well_known.contains("oauth-authorization-server") {
                // An RFC 8414 document with nothing of OpenID Connect in it.
                serde_json::json!({
                    "issuer": origin,
                    "authorization_endpoint": format!("{origin}{AUTHORIZE}"),
                    "token_endpoint": format!("{origin}/token"),
                    "response_types_supported": ["code"],
                    "code_challenge_methods_supported": ["S256"]
                })
                .to_string()
            } else {
                common::fixture_rehosted("google.json", "https://accounts.google.com", &origin)
                    .replace(
                        "https://www.googleapis.com/oauth2/v3/certs",
                        &format!("{origin}/jwks"),
                    )
            };
            return out.write_all(&common::json(&body));
        }
        if req.path == AUTHORIZE {
            let mut h = vec![("Content-Type", "text/html; charset=utf-8")];
            h.extend_from_slice(headers);
            return out.write_all(&common::response(
                400,
                &h,
                b"<html>missing client_id</html>",
            ));
        }
        out.write_all(&common::json(r#"{"keys":[]}"#))
    });
    let _ = port.set(server.port());
    server
}

fn probe_report(server: &Server, well_known: &str) -> crate::contract::JsonReport {
    let mut cmd = common::cli();
    cmd.args(["--fail-on", "never", "--no-jwks", "--probe"])
        .arg(server.url(well_known));
    let (r, _) = json_run(&mut cmd);
    r
}

#[test]
fn an_authorization_page_without_anti_framing_headers_is_frameable() {
    let server = html_provider(&[], "/.well-known/openid-configuration");
    let r = probe_report(&server, "/.well-known/openid-configuration");
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "bcp-authorization-endpoint-frameable")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", r.findings);
    assert_eq!(
        (
            f[0].severity.as_str(),
            f[0].pointer.as_str(),
            f[0].source.as_str()
        ),
        ("warning", "/authorization_endpoint", "probe")
    );
    assert!(
        f[0].actual
            .as_deref()
            .is_some_and(|a| a.contains("neither X-Frame-Options")),
        "{f:?}"
    );
}

/// The exchange record keeps the framing headers (several CSP fields joined),
/// in the JSON contract's `http` object.
#[test]
fn the_exchange_records_framing_headers() {
    let body = common::fixture("google.json");
    let server = Server::http(move |_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("X-Frame-Options", "SAMEORIGIN"),
                ("Content-Security-Policy", "default-src 'none'"),
                ("Content-Security-Policy", "frame-ancestors 'self'"),
            ],
            body.as_bytes(),
        ))
    });
    let (r, _) = json_run(
        common::cli()
            .args(["--fail-on", "never", "--no-jwks"])
            .arg(server.url("/.well-known/openid-configuration")),
    );
    let http = r.http.as_ref().expect("http");
    assert_eq!(http.x_frame_options.as_deref(), Some("SAMEORIGIN"));
    assert_eq!(
        http.content_security_policy.as_deref(),
        Some("default-src 'none', frame-ancestors 'self'")
    );
}

#[test]
fn anti_framing_headers_keep_the_authorization_page_safe() {
    for headers in [
        &[("X-Frame-Options", "DENY")][..],
        &[(
            "Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'",
        )][..],
    ] {
        let server = html_provider(headers, "/.well-known/openid-configuration");
        let r = probe_report(&server, "/.well-known/openid-configuration");
        assert!(
            !r.findings
                .iter()
                .any(|f| f.rule == "bcp-authorization-endpoint-frameable"),
            "{headers:?}: {:?}",
            r.findings
        );
    }
}

#[test]
fn missing_cors_on_metadata_is_a_warning_for_openid_and_info_for_rfc_8414() {
    for (well_known, severity) in [
        ("/.well-known/openid-configuration", "warning"),
        ("/.well-known/oauth-authorization-server", "info"),
    ] {
        let server = html_provider(&[("X-Frame-Options", "DENY")], well_known);
        let r = probe_report(&server, well_known);
        let c: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == "doc-cors-missing")
            .map(|f| (f.severity.as_str(), f.default_severity.as_deref()))
            .collect();
        let default = (severity == "info").then_some("warning");
        assert_eq!(c, [(severity, default)], "{well_known}: {:?}", r.profiles);
    }
}
