//! PKCE rules (`pkce-*`): whether `code_challenge_methods_supported` lets clients
//! rely on PKCE with S256. They apply when the authorization-code flow is offered
//! (a response type contains `code`, or the grant types in force include
//! `authorization_code`), and not to issuer-only verification documents.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

const NAME: &str = "code_challenge_methods_supported";

pub const METHODS_ABSENT: Rule = Rule {
    id: "pkce-methods-absent",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the code flow is offered but `code_challenge_methods_supported` is absent",
    spec: "RFC 8414 §2; RFC 9700 §2.1.1; draft-ietf-oauth-v2-1 §7.10",
    explanation: "RFC 8414 reads an absent `code_challenge_methods_supported` as \"no PKCE\". \
                  Authorization servers MUST support PKCE and it is RECOMMENDED to publish this list, \
                  so clients can rely on PKCE against code injection and CSRF. A warning because the \
                  BCP allows a deployment-specific way to signal support; an error under \
                  `--profile oauth2.1`, where PKCE is required.",
    fix: "publish `\"code_challenge_methods_supported\": [\"S256\"]`",
    bad: r#"{"$remove": ["code_challenge_methods_supported"]}"#,
    good: r#"{"$remove": ["code_challenge_methods_supported"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
};

pub const S256_MISSING: Rule = Rule {
    id: "pkce-s256-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`code_challenge_methods_supported` does not include `S256`",
    spec: "RFC 7636 §4.2, §7.2; RFC 9700 §2.1.1",
    explanation: "`S256` is Mandatory To Implement on the server: it is the only method that keeps the \
                  code verifier secret if the authorization request leaks. Clients capable of S256 \
                  are required to use it, and cannot when the server does not offer it.",
    fix: "support `S256` and list it in `code_challenge_methods_supported`",
    bad: r#"{"code_challenge_methods_supported": ["plain"]}"#,
    good: r#"{"code_challenge_methods_supported": ["S256"]}"#,
};

pub const PLAIN_ADVERTISED: Rule = Rule {
    id: "pkce-plain-advertised",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`code_challenge_methods_supported` includes `plain`",
    spec: "RFC 7636 §7.2; RFC 9700 §2.1.1",
    explanation: "With `plain` the code challenge is the verifier itself, so anyone who sees the \
                  authorization request can redeem the code; `plain` SHOULD NOT be used, and \
                  accepting it lets an attacker downgrade a client from S256.",
    fix: "remove `plain` from `code_challenge_methods_supported` (and reject it)",
    bad: r#"{"code_challenge_methods_supported": ["S256", "plain"]}"#,
    good: "",
};

pub const UNKNOWN_METHOD: Rule = Rule {
    id: "pkce-unknown-method",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`code_challenge_methods_supported` lists a method other than `S256` and `plain`",
    spec: "RFC 7636 §6.2.2; RFC 8414 §2",
    explanation: "The PKCE code challenge method registry holds `plain` and `S256`; values are \
                  case-sensitive. Anything else (`s256`, `SHA256`) is a typo clients will not use.",
    fix: "list `S256` exactly",
    bad: r#"{"code_challenge_methods_supported": ["S256", "SHA256"]}"#,
    good: "",
};

pub const NO_CODE_FLOW: Rule = Rule {
    id: "pkce-no-code-flow",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`code_challenge_methods_supported` is published but no code flow is offered",
    spec: "RFC 7636 §4; RFC 8414 §2",
    explanation: "PKCE protects the authorization code, yet no response type contains `code` and \
                  `authorization_code` is not among the grant types: the PKCE metadata describes a \
                  flow the document does not offer.",
    fix: "list the code flow, or drop `code_challenge_methods_supported`",
    bad: r#"{"response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
    good: "",
};

pub const RULES: &[&Rule] = &[
    &METHODS_ABSENT,
    &S256_MISSING,
    &PLAIN_ADVERTISED,
    &UNKNOWN_METHOD,
    &NO_CODE_FLOW,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if doc.is_verification_only() {
        return;
    }
    if !doc.offers_code_flow() {
        if doc.has(NAME) {
            out.push(Finding::new(
                &NO_CODE_FLOW,
                "/code_challenge_methods_supported",
                "PKCE methods are published, but no code flow is offered",
            ));
        }
        return;
    }
    let oauth21 = cx.profile(Profile::Oauth21);
    let Some(methods) = doc.strings(NAME) else {
        if !doc.has(NAME) && !cx.profile(Profile::Workload) {
            let f = Finding::new(
                &METHODS_ABSENT,
                "/code_challenge_methods_supported",
                "the code flow is offered, but `code_challenge_methods_supported` is absent: \
                 clients must assume PKCE is not supported",
            )
            .expected("[\"S256\"]")
            .actual("absent");
            out.push(if oauth21 {
                f.severity(Severity::Error).help(
                    "OAuth 2.1 requires PKCE for every authorization code request: \
                     publish `\"code_challenge_methods_supported\": [\"S256\"]`",
                )
            } else {
                f
            });
        }
        return;
    };
    if !methods.is_empty() && !methods.contains(&"S256") {
        out.push(
            Finding::new(
                &S256_MISSING,
                "/code_challenge_methods_supported",
                "`S256` is not among the PKCE methods",
            )
            .expected("a list including S256")
            .actual(methods.join(", ")),
        );
    }
    for (pointer, method) in doc.elements(NAME) {
        match method {
            "S256" => {}
            "plain" => out.push(Finding::new(
                &PLAIN_ADVERTISED,
                pointer,
                "the `plain` PKCE method is offered",
            )),
            other => {
                let f = Finding::new(
                    &UNKNOWN_METHOD,
                    pointer,
                    format!("{other:?} is not a registered PKCE method"),
                )
                .expected("S256")
                .actual(other);
                out.push(if other.eq_ignore_ascii_case("s256") {
                    f.help("method names are case-sensitive: write `S256`")
                } else {
                    f
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;

    #[test]
    fn absent_methods_are_an_error_under_oauth21() {
        let frag = r#"{"$remove": ["code_challenge_methods_supported"]}"#;
        let f = run(frag, &[]);
        let a = f.iter().find(|f| f.rule == "pkce-methods-absent").unwrap();
        assert_eq!(a.severity, Severity::Warning);
        let f = run(frag, &[Profile::Oauth21]);
        let a = f.iter().find(|f| f.rule == "pkce-methods-absent").unwrap();
        assert_eq!(a.severity, Severity::Error);
        assert!(a.help.as_deref().unwrap_or("").contains("OAuth 2.1"));
    }

    #[test]
    fn the_code_flow_is_offered_by_default_grant_types() {
        // no grant_types_supported: authorization_code is in force
        let f = run(
            r#"{"$remove": ["code_challenge_methods_supported", "grant_types_supported"], "response_types_supported": ["id_token"]}"#,
            &[],
        );
        assert!(fires(&f, "pkce-methods-absent"));
    }

    #[test]
    fn issuer_only_documents_are_not_asked_for_pkce() {
        let f = run(
            r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "registration_endpoint",
                "code_challenge_methods_supported", "grant_types_supported"], "response_types_supported": ["id_token"]}"#,
            &[],
        );
        assert!(!fires(&f, "pkce-methods-absent"));
        assert!(!fires(&f, "pkce-no-code-flow"));
    }

    #[test]
    fn method_names_are_case_sensitive() {
        let f = run(r#"{"code_challenge_methods_supported": ["s256"]}"#, &[]);
        assert!(fires(&f, "pkce-s256-missing"));
        let u = f.iter().find(|f| f.rule == "pkce-unknown-method").unwrap();
        assert_eq!(u.pointer, "/code_challenge_methods_supported/0");
        assert!(u.help.is_some());
    }
}
