//! Profiles and severity flags through the binary, in all three formats.

use crate::common::{cli, fixture_arg};
use crate::contract::json_run;

fn run_json(file: &str, extra: &[&str]) -> (crate::contract::JsonReport, i32) {
    json_run(cli().arg("--file").arg(fixture_arg(file)).args(extra))
}

#[test]
fn a_workload_issuer_fails_as_an_openid_provider_and_passes_as_a_workload_issuer() {
    let (r, code) = run_json("github-actions.json", &[]);
    assert_eq!(code, 1);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "oidc-authorization-endpoint-missing")
        .expect("finding");
    assert!(
        f.help
            .as_deref()
            .unwrap_or("")
            .contains("--profile workload"),
        "{f:?}"
    );

    let (r, code) = run_json("github-actions.json", &["--profile", "workload"]);
    assert_eq!(code, 0, "{:?}", r.findings);
    assert!(r.profiles.contains(&"workload".to_string()));
    assert!(!r.findings.iter().any(|f| f.severity == "error"));
}

#[test]
fn fapi2_adds_its_rules_and_the_report_names_the_profiles() {
    let (plain, _) = run_json("google.json", &[]);
    assert!(!plain.findings.iter().any(|f| f.rule.starts_with("fapi2-")));
    let (r, code) = run_json("google.json", &["--profile", "fapi2"]);
    assert_eq!(code, 1);
    assert_eq!(r.profiles, vec!["oidc", "fapi2"]);
    for rule in [
        "fapi2-par-endpoint",
        "fapi2-iss-param",
        "fapi2-sender-constraint",
        "fapi2-client-auth",
    ] {
        assert!(
            r.findings
                .iter()
                .any(|f| f.rule == rule && f.severity == "error"),
            "{rule}"
        );
    }
    let lint = cli()
        .args(["--format", "lint", "--profile", "fapi2", "--file"])
        .arg(fixture_arg("google.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&lint.stdout);
    assert!(text.contains("profiles oidc, fapi2"), "{text}");
    assert!(text.contains("error[fapi2-par-endpoint]"), "{text}");
    let table = cli()
        .args(["--profile", "fapi2", "--file"])
        .arg(fixture_arg("google.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("oidc, fapi2") && text.contains("fapi2-par-endpoint"),
        "{text}"
    );
}

#[test]
fn oauth21_raises_implicit_to_an_error_and_keeps_the_default_visible() {
    let (r, _) = run_json("auth0-tenant-dev-ltxchcls4igzho78.json", &[]);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "bcp-implicit-response-type")
        .expect("finding");
    assert_eq!(
        (f.severity.as_str(), f.default_severity.as_deref()),
        ("warning", None)
    );
    let (r, code) = run_json(
        "auth0-tenant-dev-ltxchcls4igzho78.json",
        &["--profile", "oauth2.1"],
    );
    assert_eq!(code, 1);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "bcp-implicit-response-type")
        .expect("finding");
    assert_eq!(
        (f.severity.as_str(), f.default_severity.as_deref()),
        ("error", Some("warning"))
    );
    let lint = cli()
        .args(["--format", "lint", "--profile", "oauth2.1", "--file"])
        .arg(fixture_arg("auth0-tenant-dev-ltxchcls4igzho78.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&lint.stdout);
    assert!(
        text.contains("error[bcp-implicit-response-type]")
            && text.contains("= note: default severity is warning"),
        "{text}"
    );
}

#[test]
fn dynamic_and_oauth_profiles() {
    let (r, _) = run_json("google.json", &["--profile", "dynamic"]);
    assert!(
        r.findings.iter().any(|f| f.rule.starts_with("oidc-dyn-")),
        "{:?}",
        r.findings
    );
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "oidc-registration-endpoint-missing" && f.severity == "error")
    );
    // Naming `oauth` replaces the detected `oidc`: only RFC 8414 rules of the OpenID family stay out.
    let (r, _) = run_json("google.json", &["--profile", "oauth"]);
    assert_eq!(r.profiles, vec!["oauth"]);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule.starts_with("oidc-") && f.rule != "oidc-scopes-supported-missing")
    );
}

#[test]
fn severity_flags_work_in_every_format() {
    let file = fixture_arg("auth0-tenant-dev-ltxchcls4igzho78.json");
    for format in ["table", "lint", "json"] {
        let out = cli()
            .args([
                "--format",
                format,
                "--deny",
                "pkce-plain-advertised",
                "--allow",
                "bcp-",
                "--file",
                &file,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("pkce-plain-advertised"), "{format}");
        assert!(
            !text.contains("bcp-implicit-response-type"),
            "{format}: --allow bcp- silences the family"
        );
    }
}
