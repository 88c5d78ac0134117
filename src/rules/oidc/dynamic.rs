//! Dynamic OpenID Provider rules (`oidc-dyn-*`, Core §15.2), reported only under
//! `--profile dynamic`: a Dynamic OP supports the `code`, `id_token` and
//! `id_token token` response types, the authorization code and implicit grants
//! and `request_uri`, and publishes its registration and UserInfo endpoints.
//!
//! They must stay quiet without the profile: the security BCP discourages the
//! implicit flows they demand. Under the same profile
//! `oidc-registration-endpoint-missing` (required.rs) is raised to an error.

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{ptr, token_set};

pub const DYN_RESPONSE_TYPES: Rule = Rule {
    id: "oidc-dyn-response-types",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP does not list `code`, `id_token` and `id_token token`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support the `code`, `id_token` and `id_token token` \
                  response types (compared as token sets). Reported only under `--profile dynamic`; \
                  the security BCP discourages the implicit ones, see `bcp-implicit-response-type`.",
    fix: "list `code`, `id_token` and `id_token token` in `response_types_supported`",
    bad: r#"{"response_types_supported": ["code"], "grant_types_supported": ["authorization_code", "implicit"], "request_uri_parameter_supported": true}"#,
    good: r#"{"response_types_supported": ["code", "id_token", "token id_token"], "grant_types_supported": ["authorization_code", "implicit"], "request_uri_parameter_supported": true}"#,
};

pub const DYN_GRANT_TYPES: Rule = Rule {
    id: "oidc-dyn-grant-types",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP's `grant_types_supported` lacks `authorization_code` or `implicit`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "OpenID Connect Discovery §3, `grant_types_supported`: \"Dynamic OpenID Providers MUST \
                  support the authorization_code and implicit Grant Type values and MAY support other Grant \
                  Types. If omitted, the default value is [\"authorization_code\", \"implicit\"].\" An \
                  absent member defaults to both; an explicit list must contain both. Only under `--profile \
                  dynamic`: the OpenID conformance suite asks the same of every provider in its static \
                  plan too (`OIDCCCheckDiscEndpointGrantTypesSupported`, which also fails an absent \
                  member), which the specification does not; this tool follows the specification text.",
    fix: "add the missing grant type to `grant_types_supported`",
    bad: r#"{"grant_types_supported": ["authorization_code"]}"#,
    good: r#"{"grant_types_supported": ["authorization_code", "implicit", "refresh_token"]}"#,
};

pub const DYN_REQUEST_URI: Rule = Rule {
    id: "oidc-dyn-request-uri",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP does not support the `request_uri` parameter",
    spec: "OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support the `request_uri` parameter; \
                  `request_uri_parameter_supported: false` says it does not.",
    fix: "support `request_uri` and set `request_uri_parameter_supported` to `true` (or omit it)",
    bad: r#"{"request_uri_parameter_supported": false}"#,
    good: r#"{"request_uri_parameter_supported": true}"#,
};

pub const DYN_DISCOVERY_REGISTRATION: Rule = Rule {
    id: "oidc-dyn-discovery-registration",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP publishes no `registration_endpoint` or no `userinfo_endpoint`",
    spec: "OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support Dynamic Client Registration and (when they \
                  issue access tokens) the UserInfo endpoint; their discovery document must point at \
                  both.",
    fix: "publish `registration_endpoint` and `userinfo_endpoint`",
    bad: r#"{"$remove": ["registration_endpoint"]}"#,
    good: "",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.profile(Profile::Dynamic) {
        return;
    }
    let doc = cx.doc;
    if doc.strings("response_types_supported").is_some() {
        let sets = doc.response_type_sets();
        let missing: Vec<&str> = ["code", "id_token", "id_token token"]
            .into_iter()
            .filter(|t| !sets.contains(&token_set(t)))
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &DYN_RESPONSE_TYPES,
                    "/response_types_supported",
                    format!(
                        "a Dynamic OP must support the response types {}",
                        missing.join(", ")
                    ),
                )
                .expected("code, id_token, id_token token")
                .actual(
                    doc.strings("response_types_supported")
                        .unwrap_or_default()
                        .join(", "),
                ),
            );
        }
    }
    if let Some(grants) = doc.explicit_grant_types() {
        let missing: Vec<&str> = ["authorization_code", "implicit"]
            .into_iter()
            .filter(|g| !grants.contains(g))
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &DYN_GRANT_TYPES,
                    "/grant_types_supported",
                    format!(
                        "a Dynamic OP must support the grant types {}",
                        missing.join(", ")
                    ),
                )
                .expected("authorization_code, implicit")
                .actual(grants.join(", ")),
            );
        }
    }
    if doc.bool("request_uri_parameter_supported") == Some(false) {
        out.push(Finding::new(
            &DYN_REQUEST_URI,
            "/request_uri_parameter_supported",
            "a Dynamic OP must support the `request_uri` parameter",
        ));
    }
    for name in ["registration_endpoint", "userinfo_endpoint"] {
        if !doc.has(name) {
            out.push(Finding::new(
                &DYN_DISCOVERY_REGISTRATION,
                ptr(name),
                format!("a Dynamic OP must publish `{name}`"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{fires, only, run};
    use crate::diagnostic::Profile;

    #[test]
    fn required_dynamic_response_types_compare_as_sets() {
        let f = run(
            r#"{"response_types_supported": ["code", "id_token", "token id_token"], "request_uri_parameter_supported": true}"#,
            &[Profile::Dynamic],
        );
        assert!(!fires(&f, "oidc-dyn-response-types"), "{f:?}");
        let f = run(
            r#"{"response_types_supported": ["code", "id_token"]}"#,
            &[Profile::Dynamic],
        );
        let d = only(&f, "oidc-dyn-response-types");
        assert!(d[0].message.contains("id_token token"));
    }

    #[test]
    fn dynamic_rules_are_quiet_without_the_profile() {
        let f = run(
            r#"{"grant_types_supported": ["authorization_code"], "request_uri_parameter_supported": false}"#,
            &[],
        );
        assert!(!fires(&f, "oidc-dyn-grant-types"));
        assert!(!fires(&f, "oidc-dyn-request-uri"));
        // absent grant types default to both
        let f = run(
            r#"{"$remove": ["grant_types_supported"]}"#,
            &[Profile::Dynamic],
        );
        assert!(!fires(&f, "oidc-dyn-grant-types"));
    }
}
