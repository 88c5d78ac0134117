//! Grant type rules (`grant-*`): the default grant types are noted when
//! `grant_types_supported` is absent, each listed value is a registered name or an
//! absolute URI, and the grant types agree with the response types.
//!
//! Only the list itself is judged here: which grants are unsafe is the `bcp-*`
//! rules' question, and which endpoints a grant needs the `as-*` and `oidc-*`
//! rules'.

use super::uri::is_absolute_uri;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const GRANT_TYPES_DEFAULT: Rule = Rule {
    id: "grant-types-default",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`grant_types_supported` is absent: `authorization_code` and `implicit` are implied",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Without `grant_types_supported` the default is `[\"authorization_code\", \
                  \"implicit\"]`: the document claims the implicit grant, and says nothing about \
                  refresh tokens, client credentials or device flow.",
    fix: "publish `grant_types_supported` listing exactly the grant types you support",
    bad: r#"{"$remove": ["grant_types_supported"]}"#,
    good: "",
};

pub const GRANT_TYPES_UNKNOWN: Rule = Rule {
    id: "grant-types-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`grant_types_supported` lists a value that is neither a registered name nor an absolute URI",
    spec: "RFC 7591 §2; RFC 8628 §3.4; RFC 8693 §2.1; OpenID Connect CIBA Core 1.0 §4",
    explanation: "Grant types are the RFC 6749 names (`authorization_code`, `implicit`, `password`, \
                  `client_credentials`, `refresh_token`) or absolute URIs for extensions \
                  (`urn:ietf:params:oauth:grant-type:device_code`, ...). Anything else is likely a \
                  typo, e.g. `authorisation_code` or `refresh-token`.",
    fix: "check the spelling; extension grants use their full URI",
    bad: r#"{"grant_types_supported": ["authorization_code", "refresh-token"]}"#,
    good: r#"{"grant_types_supported": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code", "urn:openid:params:grant-type:ciba"]}"#,
};

pub const GRANT_RESP_INCONSISTENT: Rule = Rule {
    id: "grant-resp-inconsistent",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "grant types and response types do not agree",
    spec: "RFC 7591 §2.1",
    explanation: "The `authorization_code` grant goes with response types containing `code`; the \
                  `implicit` grant with response types containing `token` or `id_token` (RFC 7591 \
                  §2.1 correlates them for clients; applied here by analogy). One without the other \
                  advertises a flow that cannot complete.",
    fix: "make `grant_types_supported` and `response_types_supported` describe the same flows",
    bad: r#"{"response_types_supported": ["code"], "grant_types_supported": ["refresh_token"]}"#,
    good: r#"{"response_types_supported": ["code", "id_token"], "grant_types_supported": ["authorization_code", "implicit"]}"#,
};

pub const RULES: &[&Rule] = &[
    &GRANT_TYPES_DEFAULT,
    &GRANT_TYPES_UNKNOWN,
    &GRANT_RESP_INCONSISTENT,
];

pub(super) const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "implicit",
    "password",
    "client_credentials",
    "refresh_token",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(grants) = doc.explicit_grant_types() else {
        if !doc.has("grant_types_supported") && !doc.is_verification_only() {
            out.push(
                Finding::new(
                    &GRANT_TYPES_DEFAULT,
                    "/grant_types_supported",
                    "`grant_types_supported` is absent: the default [\"authorization_code\", \"implicit\"] applies",
                )
                .actual("absent"),
            );
        }
        return;
    };
    for (pointer, grant) in doc.elements("grant_types_supported") {
        if !GRANT_TYPES.contains(&grant) && !is_absolute_uri(grant) {
            out.push(
                Finding::new(
                    &GRANT_TYPES_UNKNOWN,
                    pointer,
                    format!("{grant:?} is not a registered grant type or an absolute URI"),
                )
                .actual(grant),
            );
        }
    }
    // Consistency with response types (only when both are published).
    let Some(types) = doc.strings("response_types_supported") else {
        return;
    };
    if types.is_empty() || grants.is_empty() {
        return;
    }
    let sets = doc.response_type_sets();
    let has_code = sets.iter().any(|s| s.contains("code"));
    let has_implicit = sets
        .iter()
        .any(|s| s.contains("token") || s.contains("id_token"));
    let mut inconsistent = |message: &str| {
        out.push(
            Finding::new(&GRANT_RESP_INCONSISTENT, "/grant_types_supported", message).actual(
                format!(
                    "grant types: {}; response types: {}",
                    grants.join(", "),
                    types.join(", ")
                ),
            ),
        );
    };
    if grants.contains(&"authorization_code") && !has_code {
        inconsistent("`authorization_code` is listed but no response type contains `code`");
    }
    if grants.contains(&"implicit") && !has_implicit {
        inconsistent("`implicit` is listed but no response type contains `token` or `id_token`");
    }
    if has_code && !grants.contains(&"authorization_code") {
        inconsistent("a response type contains `code` but `authorization_code` is not listed");
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};

    #[test]
    fn grant_and_response_types_compare_as_sets() {
        let f = run(
            r#"{"response_types_supported": ["token id_token"], "grant_types_supported": ["implicit"]}"#,
            &[],
        );
        assert!(!fires(&f, "grant-resp-inconsistent"));
        let f = run(
            r#"{"response_types_supported": ["code"], "grant_types_supported": ["authorization_code", "implicit"]}"#,
            &[],
        );
        assert!(fires(&f, "grant-resp-inconsistent"));
    }

    #[test]
    fn default_grants_are_noted_only_where_a_flow_exists() {
        let verification_only = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint",
            "registration_endpoint", "grant_types_supported", "response_modes_supported"]}"#;
        assert!(!fires(&run(verification_only, &[]), "grant-types-default"));
    }
}
