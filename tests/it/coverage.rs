//! Every registered rule has a test that makes it fire and one that keeps it
//! quiet. Rules with example fragments are run on them by the registry's own test
//! (`rules::tests::every_rule_fires_on_its_bad_example_and_not_on_its_good_one`);
//! rules that need more than a document (an HTTP exchange, a failed fetch, a
//! probe) are listed here with the tests that cover them, and this test checks
//! that those tests exist and name the rule.

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
        "fapi2-metadata",
        "metadata_must_be_served_with_200",
        "metadata_must_be_served_with_200",
    ), // Key-set rules: unit tests in src/rules/jwks.rs build key sets.
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
    ("jwks-no-keys", "no_keys_array", "no_keys_array"),
    (
        "jwks-empty",
        "empty_set_is_an_error_for_openid_and_a_warning_for_oauth",
        "empty_set_is_an_error_for_openid_and_a_warning_for_oauth",
    ),
    (
        "jwk-not-object",
        "elements_that_are_not_objects",
        "elements_that_are_not_objects",
    ),
    (
        "jwk-kty-missing",
        "kty_missing_and_unknown",
        "kty_missing_and_unknown",
    ),
    (
        "jwk-kty-unknown",
        "kty_missing_and_unknown",
        "kty_missing_and_unknown",
    ),
    (
        "jwk-private-material",
        "private_members_are_named_never_printed",
        "private_members_are_named_never_printed",
    ),
    ("jwk-symmetric", "symmetric_keys", "symmetric_keys"),
    ("jwk-rsa-members", "rsa_members", "rsa_members"),
    (
        "jwk-ec-members",
        "ec_members_crv_and_coordinates",
        "ec_members_crv_and_coordinates",
    ),
    ("jwk-okp-members", "okp_members", "okp_members"),
    (
        "jwk-ec-crv-unknown",
        "ec_members_crv_and_coordinates",
        "ec_members_crv_and_coordinates",
    ),
    (
        "jwk-ec-coord-length",
        "ec_members_crv_and_coordinates",
        "ec_members_crv_and_coordinates",
    ),
    ("jwk-base64url", "base64url_encoding", "base64url_encoding"),
    (
        "jwk-rsa-not-minimal",
        "rsa_integers_must_be_minimal",
        "rsa_integers_must_be_minimal",
    ),
    ("jwk-rsa-too-small", "small_keys", "small_keys"),
    ("jwk-use-unknown", "use_values", "use_values"),
    (
        "jwk-use-required",
        "use_is_required_when_signing_and_encryption_keys_mix",
        "use_is_required_when_signing_and_encryption_keys_mix",
    ),
    ("jwk-use-and-key-ops", "use_and_key_ops", "use_and_key_ops"),
    (
        "jwk-use-key-ops-inconsistent",
        "use_and_key_ops",
        "use_and_key_ops",
    ),
    (
        "jwk-key-ops-duplicate",
        "key_ops_duplicates_and_combinations",
        "key_ops_duplicates_and_combinations",
    ),
    (
        "jwk-key-ops-combination",
        "key_ops_duplicates_and_combinations",
        "key_ops_duplicates_and_combinations",
    ),
    (
        "jwk-alg-kty-mismatch",
        "alg_against_key_type",
        "alg_against_key_type",
    ),
    ("jwk-alg-unknown", "unknown_alg", "unknown_alg"),
    ("jwk-kid-duplicate", "duplicate_kids", "duplicate_kids"),
    (
        "jwk-kid-missing",
        "missing_kid_with_several_signing_keys",
        "missing_kid_with_several_signing_keys",
    ),
    ("jwk-x5c-format", "x5c_format", "x5c_format"),
    (
        "jwk-x5c-key-mismatch",
        "x5c_key_must_match_the_bare_key",
        "x5c_key_must_match_the_bare_key",
    ),
    (
        "jwk-x5c-without-bare-key",
        "x5c_without_bare_key",
        "x5c_without_bare_key",
    ),
    ("jwk-x5t-mismatch", "x5t_thumbprints", "x5t_thumbprints"),
    (
        "jwk-x5c-expired",
        "certificate_validity_uses_the_given_now",
        "certificate_validity_uses_the_given_now",
    ),
    (
        "jwk-x5u-not-https",
        "x5u_must_be_https",
        "x5u_must_be_https",
    ),
    (
        "jwks-alg-unbacked",
        "advertised_algorithms_need_a_key",
        "advertised_algorithms_need_a_key",
    ),
    (
        "jwks-unused-key",
        "keys_for_unadvertised_algorithms",
        "keys_for_unadvertised_algorithms",
    ),
    ("fapi2-key-size", "small_keys", "small_keys"),
    (
        "fapi2-jwks-duplicate-kid",
        "duplicate_kids",
        "duplicate_kids",
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
    for rule in oidc_inspect::rules::registry() {
        if !rule.bad.is_empty() {
            continue; // run on its own examples by the registry test
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
