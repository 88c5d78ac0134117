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
