//! Each TARGET form through the binary against an HTTPS provider on loopback
//! (reached as `idp.test.example` with `--resolve`, trusted with `--cacert`), and
//! the issuer match for each: exact, trailing slash, another host, derived.

use std::sync::{Arc, Mutex};

use crate::common::{self, IDP_HOST, Server, TestCa};
use crate::contract::{JsonReport, json_run};

/// An HTTPS provider that publishes `issuer_suffix` appended to its own origin as
/// its issuer, at every path; it records the paths asked for.
struct Provider {
    ca: TestCa,
    server: Server,
    issuer: Arc<Mutex<String>>,
}

impl Provider {
    fn new() -> Provider {
        let ca = TestCa::new("oidc-inspect test CA");
        let issuer = Arc::new(Mutex::new(String::new()));
        let published = Arc::clone(&issuer);
        let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
            let iss = published.lock().map(|s| s.clone()).unwrap_or_default();
            let body = common::fixture_rehosted(
                "google.json",
                "\"https://accounts.google.com\"",
                &format!("{iss:?}"),
            );
            out.write_all(&common::json(&body))
        });
        Provider { ca, server, issuer }
    }

    fn origin(&self) -> String {
        format!("https://{IDP_HOST}:{}", self.server.port())
    }

    fn publish(&self, issuer: &str) {
        if let Ok(mut s) = self.issuer.lock() {
            *s = issuer.to_string();
        }
    }

    fn run(&self, target: &str, extra: &[&str]) -> JsonReport {
        let (r, _) = json_run(
            common::cli()
                .args(["--fail-on", "never", "--no-jwks", target])
                .args(["--cacert", self.ca.pem_path().to_str().expect("utf-8 path")])
                .args(["--resolve", &self.server.resolve_arg(IDP_HOST)])
                .args(extra),
        );
        r
    }

    fn last_path(&self) -> String {
        self.server
            .requests()
            .last()
            .map(|r| r.path.clone())
            .unwrap_or_default()
    }
}

fn issuer_findings(r: &JsonReport) -> Vec<(String, String)> {
    r.findings
        .iter()
        .filter(|f| f.rule.starts_with("issuer-mismatch"))
        .map(|f| (f.rule.clone(), f.severity.clone()))
        .collect()
}

#[test]
fn bare_host_means_https_and_its_issuer_is_ambiguous_about_the_slash() {
    let p = Provider::new();
    let host = format!("{IDP_HOST}:{}", p.server.port());
    p.publish(&p.origin());
    let r = p.run(&host, &[]);
    assert_eq!(p.last_path(), "/.well-known/openid-configuration");
    let e = r.target.expected_issuer.as_ref().expect("expected issuer");
    assert_eq!(
        (e.value.as_str(), e.source.as_str()),
        (p.origin().as_str(), "bare-host")
    );
    assert!(issuer_findings(&r).is_empty());
    p.publish(&format!("{}/", p.origin()));
    let r = p.run(&host, &[]);
    assert_eq!(
        issuer_findings(&r),
        vec![("issuer-mismatch-trailing-slash".into(), "info".into())]
    );
}

#[test]
fn a_typed_issuer_is_compared_exactly() {
    let p = Provider::new();
    let issuer = format!("{}/tenant", p.origin());
    p.publish(&issuer);
    let r = p.run(&issuer, &[]);
    assert_eq!(p.last_path(), "/tenant/.well-known/openid-configuration");
    assert!(issuer_findings(&r).is_empty());
    assert_eq!(
        r.target.expected_issuer.as_ref().map(|e| e.source.as_str()),
        Some("argument")
    );

    p.publish(&format!("{issuer}/"));
    let r = p.run(&issuer, &[]);
    assert_eq!(
        issuer_findings(&r),
        vec![("issuer-mismatch-trailing-slash".into(), "error".into())]
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "issuer-mismatch-trailing-slash")
        .expect("finding");
    assert_eq!(f.expected.as_deref(), Some(issuer.as_str()));
    assert_eq!(f.actual.as_deref(), Some(format!("{issuer}/").as_str()));

    p.publish("https://other.example.com/tenant");
    let r = p.run(&issuer, &[]);
    assert_eq!(
        issuer_findings(&r),
        vec![("issuer-mismatch".into(), "error".into())]
    );
}

#[test]
fn a_discovery_url_implies_its_issuer() {
    let p = Provider::new();
    let issuer = format!("{}/tenant", p.origin());
    p.publish(&format!("{issuer}/"));
    let url = format!("{issuer}/.well-known/openid-configuration");
    let r = p.run(&url, &[]);
    assert_eq!(p.last_path(), "/tenant/.well-known/openid-configuration");
    let e = r.target.expected_issuer.as_ref().expect("expected issuer");
    assert_eq!(
        (e.value.as_str(), e.source.as_str()),
        (issuer.as_str(), "discovery-url")
    );
    assert_eq!(
        issuer_findings(&r),
        vec![("issuer-mismatch-trailing-slash".into(), "info".into())]
    );
    // --expect-issuer overrides what the URL implies and is exact.
    let r = p.run(&url, &["--expect-issuer", &issuer]);
    assert_eq!(
        issuer_findings(&r),
        vec![("issuer-mismatch-trailing-slash".into(), "error".into())]
    );
}

#[test]
fn rfc8414_inserts_the_well_known_segment_before_the_path() {
    let p = Provider::new();
    let issuer = format!("{}/tenant", p.origin());
    p.publish(&issuer);
    let r = p.run(&issuer, &["--well-known", "oauth"]);
    assert_eq!(
        p.last_path(),
        "/.well-known/oauth-authorization-server/tenant"
    );
    assert_eq!(r.target.well_known, "oauth-authorization-server");
    assert!(issuer_findings(&r).is_empty());
    let url = format!(
        "{}/.well-known/oauth-authorization-server/tenant",
        p.origin()
    );
    let r = p.run(&url, &[]);
    assert_eq!(r.target.expected_issuer.map(|e| e.value), Some(issuer));
}
