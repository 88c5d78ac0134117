//! The inspection pipeline's promises, through the binary: every finding, from
//! the document or from the transport, is graded by the one checker, so profile
//! rules about the exchange fire and `default_severity` is present whenever the
//! reported severity differs from the declared one.

use std::sync::{Arc, OnceLock};

use crate::common::{self, IDP_HOST, Server, TestCa, response};
use crate::contract::{JsonReport, json_run};

/// An HTTPS provider answering every request with `status` and a document whose
/// issuer is the server's origin plus `issuer_suffix`.
fn provider(ca: &TestCa, status: u16, issuer_suffix: &'static str) -> Server {
    let port = Arc::new(OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
        let origin = format!("https://{IDP_HOST}:{}", p.get().copied().unwrap_or(0));
        let body = format!(
            r#"{{"issuer": "{origin}{issuer_suffix}",
                "authorization_endpoint": "{origin}/authorize",
                "token_endpoint": "{origin}/token",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"]}}"#
        );
        out.write_all(&response(
            status,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        ))
    });
    let _ = port.set(server.port());
    server
}

fn run(server: &Server, ca: &TestCa, target: &str, extra: &[&str]) -> (JsonReport, i32) {
    json_run(
        common::cli()
            .args([
                target,
                "--no-jwks",
                "--cacert",
                ca.pem_path().to_str().expect("utf-8 path"),
                "--resolve",
                &server.resolve_arg(IDP_HOST),
            ])
            .args(extra),
    )
}

/// Regression: a non-200 answer used to end the run before any rule saw the
/// exchange, so `fapi2-metadata` could never fire from the binary.
#[test]
fn a_404_under_fapi2_fires_fapi2_metadata_and_doc_http_status() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = provider(&ca, 404, "");
    let target = format!("{IDP_HOST}:{}", server.port());
    let (r, code) = run(&server, &ca, &target, &["--profile", "fapi2"]);
    assert_eq!(code, 3);
    assert_eq!(r.profiles, ["oidc", "fapi2"]);
    for rule in ["doc-http-status", "fapi2-metadata"] {
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} did not fire: {:?}", r.findings));
        assert_eq!(
            (f.pointer.as_str(), f.actual.as_deref()),
            ("/status", Some("404"))
        );
    }
    // Without the profile the FAPI rule is not in force.
    let (r, _) = run(&server, &ca, &target, &[]);
    assert!(r.findings.iter().any(|f| f.rule == "doc-http-status"));
    assert!(!r.findings.iter().any(|f| f.rule == "fapi2-metadata"));
}

/// Regression: a severity lowered by the check itself (a trailing-slash mismatch
/// against an issuer derived from a bare host is info, declared error) had no
/// `default_severity`.
#[test]
fn a_lowered_severity_keeps_the_declared_one() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = provider(&ca, 200, "/");
    let target = format!("{IDP_HOST}:{}", server.port());
    let (r, _) = run(&server, &ca, &target, &[]);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "issuer-mismatch-trailing-slash")
        .expect("issuer-mismatch-trailing-slash");
    assert_eq!(f.severity, "info");
    assert_eq!(f.default_severity.as_deref(), Some("error"));
    // Typed with the slash left off, the same mismatch is an error at its declared severity.
    let (r, _) = run(&server, &ca, &server.url(""), &[]);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "issuer-mismatch-trailing-slash")
        .expect("issuer-mismatch-trailing-slash");
    assert_eq!(f.severity, "error");
    assert_eq!(f.default_severity, None);
}

/// Every finding of a run agrees with the registry: `default_severity` is
/// present exactly when the severity differs from the declared one, in both
/// directions and for key-set findings too.
#[test]
fn default_severity_is_present_exactly_when_the_severity_differs() {
    let (r, _) = json_run(common::cli().args([
        "--file",
        &common::fixture_arg("auth0-tenant-dev-ltxchcls4igzho78.json"),
        "--jwks-file",
        &common::fixture_arg("auth0-tenant-dev-ltxchcls4igzho78.jwks.json"),
        "--profile",
        "fapi2",
        "--warn",
        "jwks-alg-unbacked",
        "--deny",
        "bcp-",
    ]));
    let (catalog, _) = crate::contract::rules_json();
    let mut lowered_or_raised = 0;
    for f in &r.findings {
        let declared = catalog
            .iter()
            .find(|c| c.0 == f.rule)
            .map(|c| c.1.as_str())
            .unwrap_or_else(|| panic!("{} is not in the catalog", f.rule));
        if f.severity == declared {
            assert_eq!(f.default_severity, None, "{}", f.rule);
        } else {
            lowered_or_raised += 1;
            assert_eq!(f.default_severity.as_deref(), Some(declared), "{}", f.rule);
        }
    }
    assert!(lowered_or_raised >= 2, "{:?}", r.findings);
    let unbacked = r.findings.iter().find(|f| f.rule == "jwks-alg-unbacked");
    assert_eq!(unbacked.map(|f| f.severity.as_str()), Some("warning"));
}
