//! Members OpenID Connect Discovery §3 requires or recommends
//! (`oidc-*-missing`), and whether the listed response types select an OpenID
//! Connect flow at all.
//!
//! Members only a login flow needs are quiet under `--profile workload`, and when
//! missing from an issuer-only document carry the workload hint
//! ([`Context::absent`]); `jwks_uri` is required under every profile, without the
//! hint. Presence is judged here; the values of the members are the sibling
//! files' (`id_token_signing_alg_values_supported`, which is required too, is
//! id_token.rs's).

use std::collections::BTreeSet;

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{Document, token_set};

pub const AUTHORIZATION_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-authorization-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `authorization_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`authorization_endpoint` is REQUIRED for an OpenID Provider: every OpenID Connect \
                  login starts with a browser redirect to it. Without it, clients cannot start a \
                  login at all.",
    fix: "publish `authorization_endpoint`, the https URL of the authorization endpoint",
    bad: r#"{"$remove": ["authorization_endpoint"]}"#,
    good: "",
};

pub const TOKEN_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-token-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`token_endpoint` is absent although not only the implicit flow is offered",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`token_endpoint` is REQUIRED unless only the Implicit Flow is used. A response \
                  type containing `code`, or a grant type other than `implicit`, needs the token \
                  endpoint to exchange the code or the grant for tokens. Documents whose response \
                  types are all implicit (`id_token`, `id_token token`) do not need it.",
    fix: "publish `token_endpoint`, or list only implicit response and grant types",
    bad: r#"{"$remove": ["token_endpoint"]}"#,
    good: r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
};

pub const JWKS_URI_MISSING: Rule = Rule {
    id: "oidc-jwks-uri-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `jwks_uri`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`jwks_uri` is REQUIRED: it is where relying parties fetch the public keys that \
                  verify ID token signatures. Without it no ID token can be verified.",
    fix: "publish `jwks_uri`, the https URL of the provider's JWK Set",
    bad: r#"{"$remove": ["jwks_uri"]}"#,
    good: "",
};

pub const USERINFO_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-userinfo-endpoint-missing",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `userinfo_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "`userinfo_endpoint` is RECOMMENDED (and a MUST for Dynamic OPs that issue access \
                  tokens). Clients that need profile claims beyond the ID token look for it here.",
    fix: "publish `userinfo_endpoint` if the provider has a UserInfo endpoint",
    bad: r#"{"$remove": ["userinfo_endpoint"]}"#,
    good: "",
};

pub const REGISTRATION_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-registration-endpoint-missing",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `registration_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "`registration_endpoint` is RECOMMENDED; most providers register clients by hand and \
                  lack it, so this is only a note. Under `--profile dynamic` it is an error: a Dynamic \
                  OP MUST support Dynamic Client Registration.",
    fix: "publish `registration_endpoint` if the provider supports Dynamic Client Registration",
    bad: r#"{"$remove": ["registration_endpoint"]}"#,
    good: "",
};

pub const SCOPES_SUPPORTED_MISSING: Rule = Rule {
    id: "oidc-scopes-supported-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`scopes_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`scopes_supported` is RECOMMENDED by both OpenID Connect Discovery and RFC 8414. \
                  Without it clients must guess which scopes they may request.",
    fix: "publish `scopes_supported`, including `openid` for an OpenID Provider",
    bad: r#"{"$remove": ["scopes_supported"]}"#,
    good: "",
};

pub const RESPONSE_TYPES_MISSING: Rule = Rule {
    id: "oidc-response-types-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`response_types_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`response_types_supported` is REQUIRED by both OpenID Connect Discovery and RFC \
                  8414: it tells clients which flows the authorization endpoint offers.",
    fix: "publish `response_types_supported`, e.g. `[\"code\"]`",
    bad: r#"{"$remove": ["response_types_supported"]}"#,
    good: "",
};

pub const RESPONSE_TYPES_NO_FLOW: Rule = Rule {
    id: "oidc-response-types-no-flow",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "no response type selects an OpenID Connect flow",
    spec: "OpenID Connect Core 1.0 §3",
    explanation: "OpenID Connect flows are selected by the response types `code`, `id_token`, \
                  `id_token token`, `code id_token`, `code token` and `code id_token token` (token \
                  order does not matter). Plain `token` is OAuth 2.0 only, so a list without any of \
                  these offers no way to log in with OpenID Connect.",
    fix: "list `code` in `response_types_supported`",
    bad: r#"{"response_types_supported": ["token"]}"#,
    good: r#"{"response_types_supported": ["token", "id_token code"]}"#,
};

pub const SUBJECT_TYPES_MISSING: Rule = Rule {
    id: "oidc-subject-types-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`subject_types_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`subject_types_supported` is REQUIRED: it tells clients whether `sub` values are the \
                  same for every client (`public`) or per client (`pairwise`).",
    fix: "publish `subject_types_supported`, e.g. `[\"public\"]`",
    bad: r#"{"$remove": ["subject_types_supported"]}"#,
    good: "",
};

pub const CLAIMS_SUPPORTED_MISSING: Rule = Rule {
    id: "oidc-claims-supported-missing",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`claims_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`claims_supported` is RECOMMENDED: it lists the claims the provider may supply, so \
                  clients know what they can ask for.",
    fix: "publish `claims_supported`",
    bad: r#"{"$remove": ["claims_supported"]}"#,
    good: "",
};

/// The response-type token sets that select an OpenID Connect flow (Core §3).
const OIDC_FLOWS: &[&str] = &[
    "code",
    "id_token",
    "id_token token",
    "code id_token",
    "code token",
    "code id_token token",
];

/// Only the implicit flow is offered: no response type contains `code` and the
/// explicit grant types (if any) are all `implicit`.
fn implicit_only(doc: &Document) -> bool {
    !doc.any_response_type_has("code")
        && doc
            .explicit_grant_types()
            .is_none_or(|g| g.iter().all(|g| *g == "implicit"))
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.profile(Profile::Workload) {
        required_for_flows(cx, out);
    }
    // Required under every profile: no workload hint.
    if !cx.doc.has("jwks_uri") {
        out.push(Finding::new(
            &JWKS_URI_MISSING,
            "/jwks_uri",
            "the document has no `jwks_uri`",
        ));
    }
}

/// Members a verification-only issuer cannot provide: quiet under `--profile workload`.
fn required_for_flows(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !doc.has("authorization_endpoint") {
        out.push(cx.absent(
            &AUTHORIZATION_ENDPOINT_MISSING,
            "authorization_endpoint",
            "the document has no `authorization_endpoint`",
        ));
    }
    if !doc.has("token_endpoint") && !implicit_only(doc) {
        out.push(cx.absent(
            &TOKEN_ENDPOINT_MISSING,
            "token_endpoint",
            "the document has no `token_endpoint`, but offers more than the implicit flow",
        ));
    }
    if !doc.has("userinfo_endpoint") {
        out.push(cx.absent(
            &USERINFO_ENDPOINT_MISSING,
            "userinfo_endpoint",
            "the document has no `userinfo_endpoint`",
        ));
    }
    if !doc.has("registration_endpoint") {
        let f = cx.absent(
            &REGISTRATION_ENDPOINT_MISSING,
            "registration_endpoint",
            "the document has no `registration_endpoint`",
        );
        out.push(if cx.profile(Profile::Dynamic) {
            f.severity(Severity::Error)
                .help("a Dynamic OP MUST support Dynamic Client Registration (Core §15.2)")
        } else {
            f
        });
    }
    if !doc.has("scopes_supported") {
        out.push(cx.absent(
            &SCOPES_SUPPORTED_MISSING,
            "scopes_supported",
            "the document has no `scopes_supported`",
        ));
    }
    match doc.strings("response_types_supported") {
        None if !doc.has("response_types_supported") => out.push(cx.absent(
            &RESPONSE_TYPES_MISSING,
            "response_types_supported",
            "the document has no `response_types_supported`",
        )),
        Some(values) if !values.is_empty() => {
            let flows: Vec<BTreeSet<&str>> = OIDC_FLOWS.iter().map(|f| token_set(f)).collect();
            if !doc.response_type_sets().iter().any(|s| flows.contains(s)) {
                out.push(
                    Finding::new(
                        &RESPONSE_TYPES_NO_FLOW,
                        "/response_types_supported",
                        "no listed response type selects an OpenID Connect flow",
                    )
                    .expected("one of: code, id_token, id_token token, code id_token, code token, code id_token token")
                    .actual(values.join(", ")),
                );
            }
        }
        _ => {}
    }
    if !doc.has("subject_types_supported") {
        out.push(cx.absent(
            &SUBJECT_TYPES_MISSING,
            "subject_types_supported",
            "the document has no `subject_types_supported`",
        ));
    }
    if !doc.has("claims_supported") {
        out.push(cx.absent(
            &CLAIMS_SUPPORTED_MISSING,
            "claims_supported",
            "the document has no `claims_supported`",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{fires, only, run};
    use super::*;

    const K8S: &str = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint",
        "registration_endpoint", "scopes_supported", "grant_types_supported", "response_modes_supported",
        "token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
        "claims_supported", "code_challenge_methods_supported", "authorization_response_iss_parameter_supported",
        "dpop_signing_alg_values_supported", "request_uri_parameter_supported"],
        "response_types_supported": ["id_token"]}"#;

    #[test]
    fn token_endpoint_not_needed_for_implicit_only() {
        for frag in [
            r#"{"$remove": ["token_endpoint", "grant_types_supported"], "response_types_supported": ["id_token", "token id_token"]}"#,
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
        ] {
            assert!(
                !fires(&run(frag, &[]), "oidc-token-endpoint-missing"),
                "{frag}"
            );
        }
        for frag in [
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["code id_token"]}"#,
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit", "refresh_token"]}"#,
        ] {
            assert!(
                fires(&run(frag, &[]), "oidc-token-endpoint-missing"),
                "{frag}"
            );
        }
    }

    #[test]
    fn verification_only_documents_get_errors_with_workload_help_by_default() {
        let f = run(K8S, &[]);
        let a = only(&f, "oidc-authorization-endpoint-missing");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].pointer, "/authorization_endpoint");
        assert!(
            a[0].help
                .as_deref()
                .unwrap_or("")
                .contains("--profile workload")
        );
        // implicit-only: no token endpoint needed
        assert!(!fires(&f, "oidc-token-endpoint-missing"));
        // jwks_uri is required under every profile: no hint
        let no_keys = K8S.replace(
            r#""request_uri_parameter_supported"]"#,
            r#""request_uri_parameter_supported", "jwks_uri"]"#,
        );
        let f = run(&no_keys, &[]);
        assert!(only(&f, "oidc-jwks-uri-missing")[0].help.is_none());
        // an ordinary document gets no workload hint
        let f = run(r#"{"$remove": ["authorization_endpoint"]}"#, &[]);
        assert!(
            only(&f, "oidc-authorization-endpoint-missing")[0]
                .help
                .is_none()
        );
    }

    #[test]
    fn workload_profile_requires_only_what_a_verifier_needs() {
        let f = run(K8S, &[Profile::Workload]);
        for quiet in [
            "oidc-authorization-endpoint-missing",
            "oidc-userinfo-endpoint-missing",
            "oidc-registration-endpoint-missing",
            "oidc-scopes-supported-missing",
            "oidc-claims-supported-missing",
        ] {
            assert!(!fires(&f, quiet), "{quiet}: {f:?}");
        }
        let f = run(
            r#"{"$remove": ["authorization_endpoint", "jwks_uri", "id_token_signing_alg_values_supported", "subject_types_supported", "response_types_supported"]}"#,
            &[Profile::Workload],
        );
        assert!(fires(&f, "oidc-jwks-uri-missing"));
        assert!(fires(&f, "oidc-id-token-algs-missing"));
        // required everywhere, so no hint towards the workload profile
        assert!(
            f.iter()
                .filter(|f| f.rule == "oidc-jwks-uri-missing")
                .all(|f| f.help.is_none())
        );
        assert!(!fires(&f, "oidc-subject-types-missing"));
        assert!(!fires(&f, "oidc-response-types-missing"));
    }

    #[test]
    fn registration_endpoint_is_info_normally_and_error_when_dynamic() {
        let frag = r#"{"$remove": ["registration_endpoint"]}"#;
        let f = run(frag, &[]);
        assert_eq!(
            only(&f, "oidc-registration-endpoint-missing")[0].severity,
            Severity::Info
        );
        let f = run(frag, &[Profile::Dynamic]);
        assert_eq!(
            only(&f, "oidc-registration-endpoint-missing")[0].severity,
            Severity::Error
        );
        assert!(fires(&f, "oidc-dyn-discovery-registration"));
    }

    #[test]
    fn response_types_are_compared_as_sets() {
        assert!(!fires(
            &run(r#"{"response_types_supported": ["token id_token"]}"#, &[]),
            "oidc-response-types-no-flow"
        ));
    }
}
