//! Response type and response mode rules (`resp-*`): every token of a listed
//! response type and every listed response mode is one a specification defines,
//! and the default modes are noted where there is an authorization endpoint.
//!
//! Response types compare as sets of tokens (`code id_token` is `id_token code`).
//! Whether they agree with the grant types is `grant-resp-inconsistent`'s
//! question (grant.rs), and which of them select an OpenID Connect flow the
//! `oidc-*` rules'.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::token_set;

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

pub const RULES: &[&Rule] = &[
    &RESP_TYPE_UNKNOWN_TOKEN,
    &RESP_TYPE_NONE_COMBINED,
    &RESP_MODES_UNKNOWN,
    &RESP_MODES_DEFAULT,
];

pub(super) const RESPONSE_TYPE_TOKENS: &[&str] = &["code", "token", "id_token", "none"];

pub(super) const RESPONSE_MODES: &[&str] = &[
    "query",
    "fragment",
    "form_post",
    "query.jwt",
    "fragment.jwt",
    "form_post.jwt",
    "jwt",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    response_types(cx, out);
    response_modes(cx, out);
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
                    pointer,
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

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};

    #[test]
    fn response_type_tokens() {
        let f = run(
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
    fn default_modes_are_noted_only_with_an_authorization_endpoint() {
        let verification_only = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint",
            "registration_endpoint", "grant_types_supported", "response_modes_supported"]}"#;
        assert!(!fires(&run(verification_only, &[]), "resp-modes-default"));
    }
}
