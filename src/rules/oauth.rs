//! RFC 8414 specifics and response/grant types (`as-*`, `resp-*`, `grant-*`):
//! the endpoints an authorization server needs for the grant types in force, the
//! response types, response modes and grant types it lists, and whether those
//! agree with each other. Response types compare as sets of tokens.

use super::uri::{is_absolute_uri, scheme_is_https};
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::token_set;

pub const AS_AUTHORIZATION_ENDPOINT_MISSING: Rule = Rule {
    id: "as-authorization-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oauth,
    summary: "`authorization_endpoint` is absent although a grant type needs it",
    spec: "RFC 8414 §2",
    explanation: "`authorization_endpoint` is REQUIRED unless no supported grant type uses it. The \
                  grant types in force (the published list, or the default `authorization_code` and \
                  `implicit`) include one that starts at the authorization endpoint.",
    fix: "publish `authorization_endpoint`, or list only grant types that do not use it (e.g. `client_credentials`)",
    bad: r#"{"$remove": ["authorization_endpoint"]}"#,
    good: r#"{"$remove": ["authorization_endpoint"], "grant_types_supported": ["client_credentials"]}"#,
};

pub const AS_TOKEN_ENDPOINT_MISSING: Rule = Rule {
    id: "as-token-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oauth,
    summary: "`token_endpoint` is absent although not only the implicit grant is supported",
    spec: "RFC 8414 §2",
    explanation: "`token_endpoint` is REQUIRED unless only the implicit grant type is supported. \
                  Every other grant (authorization code, refresh token, client credentials, ...) is \
                  redeemed at the token endpoint.",
    fix: "publish `token_endpoint`, or list only `implicit` in `grant_types_supported`",
    bad: r#"{"$remove": ["token_endpoint"]}"#,
    good: r#"{"$remove": ["token_endpoint"], "grant_types_supported": ["implicit"], "response_types_supported": ["token"]}"#,
};

pub const AS_JWKS_URI_HTTPS: Rule = Rule {
    id: "as-jwks-uri-https",
    severity: Severity::Error,
    profile: Profile::Oauth,
    summary: "`jwks_uri` does not use the https scheme",
    spec: "RFC 8414 §2",
    explanation: "RFC 8414 says of `jwks_uri`: \"This URL MUST use the https scheme\". Keys fetched \
                  over plain http can be replaced by anyone on the path, who can then sign tokens \
                  the clients will accept.",
    fix: "serve the JWK Set over https and publish an https `jwks_uri`",
    bad: r#"{"jwks_uri": "http://idp.example.com/jwks.json"}"#,
    good: "",
};

pub const RESP_TYPE_UNKNOWN_TOKEN: Rule = Rule {
    id: "resp-type-unknown-token",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a response type contains a token other than `code`, `token`, `id_token`, `none`",
    spec: "RFC 6749 §3.1.1, §8.4; OAuth 2.0 Multiple Response Type Encoding Practices §3–§5",
    explanation: "Response types are space-separated lists of `code`, `token`, `id_token` and `none` \
                  (extensions may register more). An unknown token is usually a typo such as \
                  `codeid_token` or a comma instead of a space.",
    fix: "separate tokens with single spaces and check their spelling",
    bad: r#"{"response_types_supported": ["code", "code,id_token"]}"#,
    good: r#"{"response_types_supported": ["code", "id_token token", "none"]}"#,
};

pub const RESP_TYPE_NONE_COMBINED: Rule = Rule {
    id: "resp-type-none-combined",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the `none` response type is combined with other tokens",
    spec: "OAuth 2.0 Multiple Response Type Encoding Practices §4",
    explanation: "`none` asks for no credentials at all in the authorization response; it SHOULD NOT \
                  be combined with other response-type tokens, whose meaning it contradicts.",
    fix: "list `none` on its own",
    bad: r#"{"response_types_supported": ["code", "none code"]}"#,
    good: r#"{"response_types_supported": ["code", "none"]}"#,
};

pub const RESP_MODES_UNKNOWN: Rule = Rule {
    id: "resp-modes-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`response_modes_supported` lists a mode no specification defines",
    spec: "OAuth 2.0 Multiple Response Type Encoding Practices §2.1; OAuth 2.0 Form Post Response Mode; JARM",
    explanation: "Known response modes are `query`, `fragment`, `form_post` and the JWT-secured \
                  `query.jwt`, `fragment.jwt`, `form_post.jwt`, `jwt`. Others are vendor extensions \
                  (e.g. `okta_post_message`) or typos; generic clients will not use them.",
    fix: "check the spelling; document vendor modes for your clients",
    bad: r#"{"response_modes_supported": ["query", "form-post"]}"#,
    good: r#"{"response_modes_supported": ["query", "fragment", "form_post", "jwt"]}"#,
};

pub const RESP_MODES_DEFAULT: Rule = Rule {
    id: "resp-modes-default",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`response_modes_supported` is absent: only `query` and `fragment` are implied",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Without `response_modes_supported` clients assume `[\"query\", \"fragment\"]`; a \
                  `form_post` mode the server supports stays unadvertised.",
    fix: "publish `response_modes_supported` if you support more than `query` and `fragment`",
    bad: r#"{"$remove": ["response_modes_supported"]}"#,
    good: "",
};

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
    &AS_AUTHORIZATION_ENDPOINT_MISSING,
    &AS_TOKEN_ENDPOINT_MISSING,
    &AS_JWKS_URI_HTTPS,
    &RESP_TYPE_UNKNOWN_TOKEN,
    &RESP_TYPE_NONE_COMBINED,
    &RESP_MODES_UNKNOWN,
    &RESP_MODES_DEFAULT,
    &GRANT_TYPES_DEFAULT,
    &GRANT_TYPES_UNKNOWN,
    &GRANT_RESP_INCONSISTENT,
];

const RESPONSE_TYPE_TOKENS: &[&str] = &["code", "token", "id_token", "none"];

const RESPONSE_MODES: &[&str] = &[
    "query",
    "fragment",
    "form_post",
    "query.jwt",
    "fragment.jwt",
    "form_post.jwt",
    "jwt",
];

const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "implicit",
    "password",
    "client_credentials",
    "refresh_token",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    endpoints(cx, out);
    response_types(cx, out);
    response_modes(cx, out);
    grant_types(cx, out);
}

fn endpoints(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !cx.profile(Profile::Workload) {
        let grants = doc.effective_grant_types();
        let front_channel = grants
            .iter()
            .any(|g| matches!(*g, "authorization_code" | "implicit"));
        if !doc.has("authorization_endpoint") && front_channel {
            out.push(
                cx.absent(&AS_AUTHORIZATION_ENDPOINT_MISSING,
                    "authorization_endpoint",
                    "the document has no `authorization_endpoint`, but a grant type in force uses it",
                )
                .actual(format!("grant types in force: {}", grants.join(", "))),
            );
        }
        let implicit_only = !grants.is_empty() && grants.iter().all(|g| *g == "implicit");
        if !doc.has("token_endpoint") && !implicit_only {
            out.push(
                cx.absent(
                    &AS_TOKEN_ENDPOINT_MISSING,
                    "token_endpoint",
                    "the document has no `token_endpoint`, but offers more than the implicit grant",
                )
                .actual(format!("grant types in force: {}", grants.join(", "))),
            );
        }
    }
    if let Some(uri) = doc.str("jwks_uri")
        && !scheme_is_https(uri)
    {
        out.push(
            Finding::new(
                &AS_JWKS_URI_HTTPS,
                "/jwks_uri",
                "`jwks_uri` does not use https",
            )
            .expected("https://…")
            .actual(uri),
        );
    }
}

fn response_types(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (pointer, value) in cx.doc.elements("response_types_supported") {
        let tokens = token_set(value);
        let unknown: Vec<&str> = tokens
            .iter()
            .copied()
            .filter(|t| !RESPONSE_TYPE_TOKENS.contains(t))
            .collect();
        if !unknown.is_empty() || tokens.is_empty() {
            out.push(
                Finding::new(
                    &RESP_TYPE_UNKNOWN_TOKEN,
                    pointer.clone(),
                    if tokens.is_empty() {
                        "an empty response type".to_string()
                    } else {
                        format!(
                            "the response type {value:?} contains unknown token(s): {}",
                            unknown.join(", ")
                        )
                    },
                )
                .expected("space-separated code, token, id_token, none")
                .actual(value),
            );
        }
        if tokens.contains("none") && tokens.len() > 1 {
            out.push(
                Finding::new(
                    &RESP_TYPE_NONE_COMBINED,
                    pointer,
                    format!("the response type {value:?} combines `none` with other tokens"),
                )
                .actual(value),
            );
        }
    }
}

fn response_modes(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for (pointer, mode) in doc.elements("response_modes_supported") {
        if !RESPONSE_MODES.contains(&mode) {
            out.push(
                Finding::new(
                    &RESP_MODES_UNKNOWN,
                    pointer,
                    format!("{mode:?} is not a response mode any specification defines"),
                )
                .expected(RESPONSE_MODES.join(", "))
                .actual(mode),
            );
        }
    }
    if !doc.has("response_modes_supported") && doc.offers_authorization_endpoint() {
        out.push(
            Finding::new(
                &RESP_MODES_DEFAULT,
                "/response_modes_supported",
                "`response_modes_supported` is absent: clients assume query and fragment only",
            )
            .actual("absent (default [\"query\", \"fragment\"])"),
        );
    }
}

fn grant_types(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
    use super::super::testing::{exchange, fires, run_with};
    use super::*;
    use crate::document::Document;
    use crate::target::{Target, WellKnown};

    /// Check `fragment` over the baseline as an RFC 8414 document (no OpenID markers).
    fn run_oauth(fragment: &str, extra: &[Profile]) -> Vec<Finding> {
        let mut m = super::super::testing::merged(fragment);
        m.retain(|k, _| !k.starts_with("id_token") && k != "scopes_supported");
        let target = Target::parse(
            super::super::testing::ISSUER,
            WellKnown::OauthAuthorizationServer,
        )
        .unwrap();
        run_with(Document::from_map(m), Some(&exchange()), &target, extra)
    }

    #[test]
    fn oauth_documents_are_checked_against_rfc_8414() {
        let f = run_oauth(
            r#"{"$remove": ["authorization_endpoint", "token_endpoint"]}"#,
            &[],
        );
        assert!(fires(&f, "as-authorization-endpoint-missing"));
        assert!(fires(&f, "as-token-endpoint-missing"));
        assert!(!fires(&f, "oidc-authorization-endpoint-missing"));
        // client credentials only: no authorization endpoint needed
        let f = run_oauth(
            r#"{"$remove": ["authorization_endpoint"], "grant_types_supported": ["client_credentials"], "response_types_supported": ["code"]}"#,
            &[],
        );
        assert!(!fires(&f, "as-authorization-endpoint-missing"));
        // absent grant types default to authorization_code + implicit: both endpoints needed
        let f = run_oauth(
            r#"{"$remove": ["authorization_endpoint", "grant_types_supported"]}"#,
            &[],
        );
        assert!(fires(&f, "as-authorization-endpoint-missing"));
        let f = run_oauth(r#"{"jwks_uri": "HTTP://idp.example.com/k"}"#, &[]);
        assert!(fires(&f, "as-jwks-uri-https"));
        let f = run_oauth(r#"{"jwks_uri": "HTTPS://idp.example.com/k"}"#, &[]);
        assert!(!fires(&f, "as-jwks-uri-https"));
    }

    #[test]
    fn workload_profile_silences_endpoint_rules() {
        let f = run_oauth(
            r#"{"$remove": ["authorization_endpoint", "token_endpoint"]}"#,
            &[Profile::Workload],
        );
        assert!(!fires(&f, "as-authorization-endpoint-missing"));
        assert!(!fires(&f, "as-token-endpoint-missing"));
    }

    #[test]
    fn response_type_tokens() {
        let f = super::super::testing::run(
            r#"{"response_types_supported": ["code", "codeid_token", "id_token  token", "token none"]}"#,
            &[],
        );
        let unknown: Vec<&str> = f
            .iter()
            .filter(|f| f.rule == "resp-type-unknown-token")
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(unknown, ["/response_types_supported/1"]);
        assert!(
            f.iter().any(|f| f.rule == "resp-type-none-combined"
                && f.pointer == "/response_types_supported/3")
        );
    }

    #[test]
    fn grant_and_response_types_compare_as_sets() {
        let f = super::super::testing::run(
            r#"{"response_types_supported": ["token id_token"], "grant_types_supported": ["implicit"]}"#,
            &[],
        );
        assert!(!fires(&f, "grant-resp-inconsistent"));
        let f = super::super::testing::run(
            r#"{"response_types_supported": ["code"], "grant_types_supported": ["authorization_code", "implicit"]}"#,
            &[],
        );
        assert!(fires(&f, "grant-resp-inconsistent"));
    }

    #[test]
    fn defaults_are_noted_only_where_the_flow_exists() {
        let verification_only = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint",
            "registration_endpoint", "grant_types_supported", "response_modes_supported"]}"#;
        let f = super::super::testing::run(verification_only, &[]);
        assert!(!fires(&f, "grant-types-default"));
        assert!(!fires(&f, "resp-modes-default"));
    }

    #[test]
    fn okta_authorization_server_metadata_has_no_errors() {
        let json = include_str!(
            "../../tests/fixtures/okta-custom-as-auth-js-test.oauth-authorization-server.json"
        );
        let doc = Document::parse(json.as_bytes()).unwrap();
        let issuer = doc.str("issuer").unwrap().to_string();
        let target = Target::parse(&issuer, WellKnown::OauthAuthorizationServer).unwrap();
        let f = run_with(doc, Some(&exchange()), &target, &[]);
        let errors: Vec<&Finding> = f.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            !f.iter().any(
                |f| f.rule.id.starts_with("oidc-") && f.rule != "oidc-scopes-supported-missing"
            )
        );
        for rule in [
            "bcp-password-grant",
            "bcp-implicit-grant-type",
            "resp-modes-unknown",
        ] {
            assert!(fires(&f, rule), "{rule}");
        }
        // `code token` needs both grants: consistent
        assert!(!fires(&f, "grant-resp-inconsistent"));
    }
}
