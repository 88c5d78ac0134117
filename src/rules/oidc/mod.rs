//! OpenID Connect rules (`oidc-*`): the members OpenID Connect Discovery §3
//! requires or recommends, the values OpenID Connect Core defines for them, and
//! the Dynamic OP requirements of Core §15.2 (`--profile dynamic`). One family,
//! split by concern:
//!
//! - `required`: members Discovery requires or recommends, and whether a
//!   response type selects an OpenID Connect flow;
//! - `id_token`: the ID token signing algorithms;
//! - `values`: scopes, subject types, claim types, display and prompt values;
//! - `locales`: the locale lists as BCP 47 language tags;
//! - `request`: request object algorithms and the `request_uri` flags;
//! - `dynamic`: the Dynamic OP requirements.
//!
//! The family's report order is [`RULES`] below, not the order of the files.
//! Rules about an endpoint or a flow apply only when the document offers it.
//! Under `--profile workload` a verification-only issuer needs no authorization,
//! token or user-facing members: only `issuer`, `jwks_uri` and
//! `id_token_signing_alg_values_supported` stay required. The files share
//! nothing but this registry: a helper two of them need belongs on `Document`
//! or `Context`, not in a sibling.

use super::{Context, Rule};
use crate::diagnostic::Finding;

pub mod dynamic;
pub mod id_token;
pub mod locales;
pub mod request;
pub mod required;
pub mod values;

pub const RULES: &[&Rule] = &[
    &required::AUTHORIZATION_ENDPOINT_MISSING,
    &required::TOKEN_ENDPOINT_MISSING,
    &required::JWKS_URI_MISSING,
    &required::USERINFO_ENDPOINT_MISSING,
    &required::REGISTRATION_ENDPOINT_MISSING,
    &required::SCOPES_SUPPORTED_MISSING,
    &values::SCOPES_MISSING_OPENID,
    &values::SCOPE_SYNTAX,
    &required::RESPONSE_TYPES_MISSING,
    &required::RESPONSE_TYPES_NO_FLOW,
    &required::SUBJECT_TYPES_MISSING,
    &values::SUBJECT_TYPES_NONE_VALID,
    &id_token::ID_TOKEN_ALGS_MISSING,
    &id_token::ID_TOKEN_RS256_MISSING,
    &id_token::ID_TOKEN_ALG_NONE_FRONT_CHANNEL,
    &id_token::ID_TOKEN_ALG_SYMMETRIC,
    &required::CLAIMS_SUPPORTED_MISSING,
    &values::CLAIM_TYPES_INVALID,
    &values::DISPLAY_VALUES_UNKNOWN,
    &values::PROMPT_VALUES_UNKNOWN,
    &locales::LOCALES_SYNTAX,
    &locales::LOCALES_CASING,
    &request::REQUEST_OBJECT_ALGS_NO_RS256,
    &request::REQUEST_URI_DEFAULT_TRUE,
    &request::REQUEST_URI_REGISTRATION_INCONSISTENT,
    &dynamic::DYN_RESPONSE_TYPES,
    &dynamic::DYN_GRANT_TYPES,
    &dynamic::DYN_REQUEST_URI,
    &dynamic::DYN_DISCOVERY_REGISTRATION,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    required::check(cx, out);
    id_token::check(cx, out);
    values::check(cx, out);
    locales::check(cx, out);
    request::check(cx, out);
    dynamic::check(cx, out);
}

/// Real documents, checked as fetched from their own issuer: what the specs
/// allow must not be reported as an error.
#[cfg(test)]
mod corpus {
    use super::super::testing::{exchange, fires, run_with};
    use crate::diagnostic::{Finding, Profile, Severity};
    use crate::document::Document;
    use crate::target::{Target, WellKnown};

    fn check(json: &str, extra: &[Profile]) -> Vec<Finding> {
        let doc = Document::parse(json.as_bytes()).unwrap();
        let issuer = doc.str("issuer").unwrap().to_string();
        let target = Target::parse(&issuer, WellKnown::OpenidConfiguration).unwrap();
        run_with(doc, Some(&exchange()), &target, extra)
    }

    fn errors(f: &[Finding]) -> Vec<&str> {
        f.iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.id)
            .collect()
    }

    const GOOGLE: &str = include_str!("../../../tests/fixtures/google.json");
    const ENTRA: &str = include_str!("../../../tests/fixtures/entra-common-v2.json");
    const GITHUB: &str = include_str!("../../../tests/fixtures/github-actions.json");
    const K8S: &str = include_str!("../../../tests/fixtures/k8s-azwi-testing-issuer.json");

    #[test]
    fn google_has_no_errors_and_the_expected_warnings() {
        let f = check(GOOGLE, &[]);
        assert!(errors(&f).is_empty(), "{f:?}");
        for rule in [
            "pkce-plain-advertised",
            "bcp-implicit-response-type",
            "auth-secret-only",
            "bcp-iss-param-not-advertised",
        ] {
            assert!(fires(&f, rule), "{rule}");
        }
        // "none" alone is a valid response type
        assert!(!fires(&f, "resp-type-none-combined"));
        assert!(!fires(&f, "resp-type-unknown-token"));
    }

    #[test]
    fn entra_errs_only_in_its_issuer_template() {
        // The `common` document's issuer is the template
        // `https://login.microsoftonline.com/{tenantid}/v2.0`, no URI (Discovery §2, §3).
        // OIDC Discovery makes token_endpoint_auth_signing_alg_values_supported
        // OPTIONAL, so its absence next to private_key_jwt is a warning for an
        // OpenID Provider (RFC 8414 §2 would require it).
        let f = check(ENTRA, &[]);
        assert_eq!(errors(&f), ["issuer-not-uri"], "{f:?}");
        let algs = f
            .iter()
            .find(|f| f.rule == "auth-signing-algs-required")
            .unwrap();
        assert_eq!(algs.severity, Severity::Warning);
        assert_eq!(algs.default_severity, Some(Severity::Error));
        assert!(fires(&f, "pkce-methods-absent"));
        assert!(!fires(&f, "oidc-token-endpoint-missing"));
    }

    #[test]
    fn workload_issuers_pass_the_workload_profile() {
        for doc in [GITHUB, K8S] {
            let f = check(doc, &[]);
            let e = errors(&f);
            assert_eq!(e, ["oidc-authorization-endpoint-missing"], "{f:?}");
            // The hint is given once, on the first finding shown (the error).
            let hinted: Vec<_> = f
                .iter()
                .filter(|f| {
                    f.help
                        .as_deref()
                        .is_some_and(|h| h.contains("--profile workload"))
                })
                .map(|f| f.rule.id)
                .collect();
            assert_eq!(hinted, ["oidc-authorization-endpoint-missing"], "{f:?}");
            let f = check(doc, &[Profile::Workload]);
            let loud: Vec<_> = f.iter().filter(|f| f.severity > Severity::Info).collect();
            assert!(loud.is_empty(), "{loud:?}");
            assert!(!fires(&f, "oidc-request-uri-default-true"));
        }
    }
}
