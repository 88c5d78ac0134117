//! Every registered rule has a test that makes it fire and one that keeps it
//! quiet. Rules with examples are run on them: document fragments by the
//! registry's own test
//! (`rules::tests::every_rule_fires_on_its_bad_example_and_not_on_its_good_one`),
//! key sets by `rules::jwks::tests::key_set_examples_fire_and_pass`. Rules without
//! examples (they need an HTTP exchange, a failed fetch, a probe) are listed here
//! with the tests that cover them, and this test checks that those tests exist
//! and name the rule.

use std::path::Path;

use crate::common::{self, IDP_HOST, Server, TestCa};
use crate::contract::{JsonReport, json_run};

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// (rule, a test that makes it fire, a test that keeps it quiet).
const COVERED_ELSEWHERE: &[(&str, &str, &str)] = &[
    (
        "doc-not-https",
        "plain_http_discovery_url_is_an_error",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-tls-cert-invalid",
        "cli_wrong_ca_is_refused",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-tls-below-1.2",
        "a_protocol_version_alert_is_doc_tls_below_1_2",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-tls-unverified",
        "cli_insecure_is_accepted_and_reported",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-http-status",
        "not_found_is_doc_http_status_with_the_alternative_urls",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-redirected",
        "redirects_are_listed_and_cross_origin_ones_warned",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-redirect-cross-origin",
        "redirects_are_listed_and_cross_origin_ones_warned",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-content-type",
        "valid_json_under_another_content_type_is_reported_then_checked",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-not-json-object",
        "bodies_that_are_not_json_objects_exit_3_with_the_reason",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-duplicate-member",
        "duplicate_members_are_reported_and_the_last_value_shown",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-byte-order-mark",
        "a_byte_order_mark_is_reported_and_the_document_still_checked",
        "clean_https_fetch_fires_no_transport_rule",
    ),
    (
        "doc-cors-missing",
        "probes_find_missing_and_forbidden_cors",
        "probes_stay_quiet_on_a_well_configured_provider",
    ),
    (
        "doc-jwks-cors-missing",
        "probes_find_missing_and_forbidden_cors",
        "probes_stay_quiet_on_a_well_configured_provider",
    ),
    (
        "bcp-cors-authorization-endpoint",
        "probes_find_missing_and_forbidden_cors",
        "probes_stay_quiet_on_a_well_configured_provider",
    ),
    (
        "auth0-issuer-trailing-slash",
        "the_auth0_note_speaks_only_without_an_expected_issuer",
        "the_auth0_trailing_slash_is_one_finding_the_right_way_round",
    ),
    (
        "bcp-authorization-endpoint-frameable",
        "an_authorization_page_without_anti_framing_headers_is_frameable",
        "anti_framing_headers_keep_the_authorization_page_safe",
    ),
    (
        "fapi2-metadata",
        "metadata_must_be_served_with_200",
        "metadata_must_be_served_with_200",
    ),
    // The key-set rules about the HTTP exchange; the others run on their
    // examples (`jwks::tests::key_set_examples_fire_and_pass`).
    (
        "jwks-fetch-failed",
        "fetch_failures_are_findings",
        "fetch_failures_are_findings",
    ),
    (
        "jwks-content-type",
        "media_type_of_the_key_set",
        "media_type_of_the_key_set",
    ),
];

/// All Rust sources of the crate, tests included.
fn sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                out.push('\n');
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = String::new();
    walk(&root.join("src"), &mut all);
    walk(&root.join("tests"), &mut all);
    all
}

/// The text of test function `name`, up to the next test.
fn test_body<'a>(sources: &'a str, name: &str) -> Option<&'a str> {
    let start = sources.find(&format!("fn {name}("))?;
    let rest = &sources[start..];
    let end = rest
        .get(1..)
        .and_then(|r| r.find("#[test]"))
        .map_or(rest.len(), |i| i + 1);
    Some(&rest[..end])
}

#[test]
fn every_rule_has_a_test_that_fires_it_and_one_that_keeps_it_quiet() {
    let sources = sources();
    for (id, _, _) in COVERED_ELSEWHERE {
        let rule = oidc_inspect::rules::find(id)
            .unwrap_or_else(|| panic!("COVERED_ELSEWHERE names the unknown rule {id}"));
        assert!(
            rule.bad.is_empty(),
            "{id} has examples (run by the example tests): remove it from COVERED_ELSEWHERE"
        );
    }
    for rule in oidc_inspect::rules::registry() {
        if !rule.bad.is_empty() {
            continue; // run on its own examples by the example tests
        }
        let Some((_, fires, quiet)) = COVERED_ELSEWHERE.iter().find(|(id, _, _)| *id == rule.id)
        else {
            panic!(
                "rule {} has no example fragments and no entry in COVERED_ELSEWHERE",
                rule.id
            );
        };
        for test in [fires, quiet] {
            let body = test_body(&sources, test)
                .unwrap_or_else(|| panic!("{}: no test named {test}", rule.id));
            assert!(
                body.contains(&format!("\"{}\"", rule.id)),
                "{}: test {test} does not name the rule",
                rule.id
            );
        }
    }
}

fn https_idp(ca: &TestCa, status: u16) -> Server {
    common::google_idp(ca, &[IDP_HOST], status)
}

fn inspect(server: &Server, ca: &TestCa, target: &str) -> (JsonReport, i32) {
    json_run(common::cli().args([
        target,
        "--fail-on",
        "never",
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]))
}

#[test]
fn clean_https_fetch_fires_no_transport_rule() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = https_idp(&ca, 200);
    let (r, code) = inspect(&server, &ca, &server.url(WELL_KNOWN));
    assert_eq!(code, 0);
    for rule in [
        "doc-not-https",
        "doc-tls-cert-invalid",
        "doc-tls-below-1.2",
        "doc-tls-unverified",
        "doc-http-status",
        "doc-redirected",
        "doc-redirect-cross-origin",
        "doc-content-type",
        "doc-not-json-object",
        "doc-duplicate-member",
        "doc-byte-order-mark",
    ] {
        assert!(
            !r.findings.iter().any(|f| f.rule == *rule),
            "{rule} fired on a clean fetch"
        );
    }
}

#[test]
fn not_found_is_doc_http_status_with_the_alternative_urls() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = https_idp(&ca, 404);
    let issuer = server.url("/tenant");
    let (r, code) = inspect(&server, &ca, &issuer);
    assert_eq!(code, 3);
    assert_eq!(
        r.error.as_ref().map(|e| e.kind.as_str()),
        Some("http-status")
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "doc-http-status")
        .expect("doc-http-status");
    assert_eq!(f.pointer, "http:status");
    assert_eq!(f.actual.as_deref(), Some("404"));
    let help = f.help.as_deref().unwrap_or("");
    assert!(
        help.contains("/.well-known/oauth-authorization-server/tenant"),
        "{help}"
    );
}

#[test]
fn a_protocol_version_alert_is_doc_tls_below_1_2() {
    // A TLS alert record: fatal (2), protocol_version (70), as a server that only
    // speaks TLS 1.0/1.1 answers a TLS 1.2+ ClientHello.
    let server = Server::raw(vec![0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]);
    let url = format!("https://{IDP_HOST}:{}{WELL_KNOWN}", server.port());
    let (r, code) =
        json_run(common::cli().args([url.as_str(), "--resolve", &server.resolve_arg(IDP_HOST)]));
    assert_eq!(code, 3);
    assert_eq!(r.error.as_ref().map(|e| e.kind.as_str()), Some("tls"));
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "doc-tls-below-1.2" && f.pointer == "http:tls"),
        "{:?}",
        r.findings
    );
}
