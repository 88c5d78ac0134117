//! Request object and `request_uri` rules (`oidc-request-*`): RS256 is among the
//! request object algorithms (not asked under FAPI 2.0, which forbids it), the
//! `request_uri_parameter_supported` default is noted where there is an
//! authorization endpoint, and `request_uri` registration is not required while
//! `request_uri` is unsupported.
//!
//! `request_uri` values from a PAR endpoint work regardless of these flags, so the
//! inconsistency is not reported when one is published; PAR itself is par.rs's.

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;

pub const REQUEST_OBJECT_ALGS_NO_RS256: Rule = Rule {
    id: "oidc-request-object-algs-no-rs256",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`request_object_signing_alg_values_supported` does not include `RS256`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Servers SHOULD support `none` and `RS256` for request objects, so any client can \
                  send one. Not reported under `--profile fapi2`, which forbids RS256 (FAPI 2.0 \
                  §5.4.1).",
    fix: "add `RS256` to `request_object_signing_alg_values_supported`",
    bad: r#"{"request_object_signing_alg_values_supported": ["ES256"]}"#,
    good: r#"{"request_object_signing_alg_values_supported": ["RS256", "ES256"]}"#,
};

pub const REQUEST_URI_DEFAULT_TRUE: Rule = Rule {
    id: "oidc-request-uri-default-true",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "`request_uri_parameter_supported` is absent, so it defaults to `true`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Unlike the other boolean flags, `request_uri_parameter_supported` defaults to \
                  `true`: clients will assume the `request_uri` parameter works. If it does not, \
                  say so explicitly.",
    fix: "publish `request_uri_parameter_supported` explicitly (`true` or `false`)",
    bad: r#"{"$remove": ["request_uri_parameter_supported"]}"#,
    good: r#"{"request_uri_parameter_supported": true}"#,
};

pub const REQUEST_URI_REGISTRATION_INCONSISTENT: Rule = Rule {
    id: "oidc-request-uri-registration-inconsistent",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`require_request_uri_registration` is `true` while `request_uri_parameter_supported` is `false`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Requiring `request_uri` values to be pre-registered makes sense only when the \
                  `request_uri` parameter is supported; the two flags contradict each other. Not \
                  reported when a pushed authorization request endpoint is published (RFC 9126 \
                  `request_uri` values work regardless).",
    fix: "set `require_request_uri_registration` to `false`, or support `request_uri`",
    bad: r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": false}"#,
    good: r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": true}"#,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    const ALGS: &str = "request_object_signing_alg_values_supported";
    if !cx.profile(Profile::Fapi2)
        && let Some(algs) = doc.strings(ALGS)
        && !algs.is_empty()
        && !algs.contains(&"RS256")
    {
        out.push(
            Finding::new(
                &REQUEST_OBJECT_ALGS_NO_RS256,
                ptr(ALGS),
                "`RS256` is not among the request object signing algorithms",
            )
            .expected("a list including RS256")
            .actual(algs.join(", ")),
        );
    }
    // `request_uri` is an authorization-request parameter: only where that endpoint exists.
    if !doc.has("request_uri_parameter_supported") && doc.offers_authorization_endpoint() {
        out.push(Finding::new(
            &REQUEST_URI_DEFAULT_TRUE,
            "/request_uri_parameter_supported",
            "`request_uri_parameter_supported` is absent: clients will assume `request_uri` is supported",
        ));
    }
    if doc.is_true("require_request_uri_registration")
        && doc.bool("request_uri_parameter_supported") == Some(false)
        && !doc.has("pushed_authorization_request_endpoint")
    {
        out.push(Finding::new(
            &REQUEST_URI_REGISTRATION_INCONSISTENT,
            "/require_request_uri_registration",
            "`request_uri` values must be registered, but `request_uri` is not supported",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{fires, run};
    use crate::diagnostic::Profile;

    #[test]
    fn request_object_rs256_is_suppressed_under_fapi2() {
        let frag = r#"{"request_object_signing_alg_values_supported": ["PS256"]}"#;
        assert!(fires(&run(frag, &[]), "oidc-request-object-algs-no-rs256"));
        assert!(!fires(
            &run(frag, &[Profile::Fapi2]),
            "oidc-request-object-algs-no-rs256"
        ));
    }

    #[test]
    fn request_uri_inconsistency_is_quiet_with_par() {
        let frag = r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": false,
            "pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#;
        assert!(!fires(
            &run(frag, &[]),
            "oidc-request-uri-registration-inconsistent"
        ));
    }
}
