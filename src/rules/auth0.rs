//! Auth0 notes (`auth0-*`, info only): habits of Auth0 tenants that trip clients up
//! without being errors of the tenant's making.
//!
//! A document is taken to be Auth0's when its issuer is on an `*.auth0.com` host, or
//! (custom domains) when it publishes Auth0's proprietary `mfa_challenge_endpoint`
//! (`Document::is_auth0_tenant`). A trailing-slash difference from an expected
//! issuer is `issuer-mismatch-trailing-slash`'s one finding, with Auth0's advice as
//! its help; `auth0-issuer-trailing-slash` speaks only when there is nothing to
//! compare with.
//! Auth0's vendor members (`mfa_challenge_endpoint`, the global token revocation
//! members) are known to the member table in `crate::schema`, so they are never
//! reported as unknown; that needs no rule of its own.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const AUTH0_ISSUER_TRAILING_SLASH: Rule = Rule {
    id: "auth0-issuer-trailing-slash",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an Auth0 tenant's issuer ends with `/`, and there is no expected issuer to compare it with",
    spec: "OpenID Connect Discovery 1.0 §3, §4.3",
    explanation: "Every Auth0 tenant, custom domains included, publishes `issuer` as `https://DOMAIN/` with a \
                  terminating slash, and puts the same value in every token's `iss`. The issuer \"MUST be \
                  identical to the iss Claim value in ID Tokens\" (Discovery §3) and comparisons are exact \
                  (§4.3), so a client configured with `https://DOMAIN` rejects the tenant's tokens; the \
                  tenant cannot change this, the client configuration has to. This note is shown when the \
                  document is checked without an expected issuer (`--file` or stdin without \
                  `--expect-issuer`). When an expected issuer without the slash is known, the difference \
                  is one finding, `issuer-mismatch-trailing-slash`, which carries this advice as its help.",
    fix: "configure clients with the issuer exactly as published, including the trailing `/`",
    bad: "",
    good: "",
};

pub const AUTH0_SCOPES_ARE_CLAIMS: Rule = Rule {
    id: "auth0-scopes-are-claims",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "Auth0's `scopes_supported` lists claim names that are not scopes",
    spec: "OpenID Connect Core 1.0 §5.4, §3.1.2.1, §11",
    explanation: "OpenID Connect defines the scopes `openid`, `profile`, `email`, `address`, `phone` and \
                  `offline_access`; Auth0 also lists claim names such as `name`, `given_name` or \
                  `email_verified` in `scopes_supported`. Requesting them is harmless, but they are not \
                  separate scopes: ask for `profile` or `email` to get those claims.",
    fix: "nothing to change on the tenant; request the standard scopes in clients",
    bad: r#"{"mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge",
             "scopes_supported": ["openid", "profile", "email", "email_verified", "given_name"]}"#,
    good: r#"{"mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge",
              "scopes_supported": ["openid", "profile", "email", "offline_access"]}"#,
};

pub const RULES: &[&Rule] = &[&AUTH0_ISSUER_TRAILING_SLASH, &AUTH0_SCOPES_ARE_CLAIMS];

/// Auth0's own claims (`created_at`, `identities`), which it also lists as scopes.
const AUTH0_CLAIMS: &[&str] = &["created_at", "identities"];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.doc.is_auth0_tenant() {
        return;
    }
    // With an expected issuer, a slash difference is `issuer-mismatch-trailing-slash`.
    if let Some(issuer) = cx.doc.str("issuer")
        && issuer.ends_with('/')
        && cx.target.expected_issuer.is_none()
    {
        out.push(
            Finding::new(
                &AUTH0_ISSUER_TRAILING_SLASH,
                "/issuer",
                "this is an Auth0 tenant: its issuer ends with `/`, and clients must be configured with it",
            )
            .actual(issuer)
            .help(format!(
                "configure clients (SDK issuer or domain settings, `iss` checks) with {issuer:?}"
            )),
        );
    }
    if let Some(scopes) = cx.doc.strings("scopes_supported") {
        let claims: Vec<&str> = scopes
            .into_iter()
            .filter(|s| super::vocab::claim_not_scope(s) || AUTH0_CLAIMS.contains(s))
            .collect();
        if !claims.is_empty() {
            out.push(
                Finding::new(
                    &AUTH0_SCOPES_ARE_CLAIMS,
                    "/scopes_supported",
                    format!(
                        "`scopes_supported` lists claim names, not scopes: {}",
                        claims.join(", ")
                    ),
                )
                .help("request `profile`, `email`, `phone` or `address` to receive these claims"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run_with};
    use crate::document::Document;
    use crate::target::{Target, WellKnown};

    const AUTH0: &str = include_str!("../../tests/fixtures/auth0-tenant-dev-ltxchcls4igzho78.json");

    fn check(input: &str) -> Vec<crate::diagnostic::Finding> {
        let doc = Document::parse(AUTH0.as_bytes()).unwrap();
        let t = Target::parse(input, WellKnown::OpenidConfiguration).unwrap();
        run_with(doc, None, &t, &[])
    }

    /// One fact, one finding: the generic rule reports the slash difference, the
    /// right way round (expected = the issuer given, actual = the document's), with
    /// Auth0's advice as its help.
    #[test]
    fn real_tenant_typed_without_slash() {
        let f = check("https://dev-ltxchcls4igzho78.us.auth0.com");
        assert!(!fires(&f, "auth0-issuer-trailing-slash"));
        let t: Vec<_> = f
            .iter()
            .filter(|f| f.rule == "issuer-mismatch-trailing-slash")
            .collect();
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].expected.as_deref(),
            Some("https://dev-ltxchcls4igzho78.us.auth0.com")
        );
        assert_eq!(
            t[0].actual.as_deref(),
            Some("https://dev-ltxchcls4igzho78.us.auth0.com/")
        );
        assert!(t[0].help.as_deref().unwrap_or("").contains("Auth0 tenant"));
        assert!(t[0].message.contains("the issuer you gave"));
        let s = f
            .iter()
            .find(|f| f.rule == "auth0-scopes-are-claims")
            .unwrap();
        assert_eq!(
            s.message,
            "`scopes_supported` lists claim names, not scopes: name, given_name, family_name, \
             nickname, email_verified, picture, created_at, identities"
        );
        // Auth0's vendor members are known.
        assert!(!fires(&f, "doc-unknown-member"));
    }

    #[test]
    fn a_bare_host_is_not_an_issuer_the_user_gave() {
        let f = check("dev-ltxchcls4igzho78.us.auth0.com");
        let t: Vec<_> = f
            .iter()
            .filter(|f| f.rule == "issuer-mismatch-trailing-slash")
            .collect();
        assert_eq!(t.len(), 1);
        assert!(!t[0].message.contains("you gave"), "{}", t[0].message);
        assert!(t[0].help.as_deref().unwrap_or("").contains("Auth0 tenant"));
        assert!(!fires(&f, "auth0-issuer-trailing-slash"));
    }

    #[test]
    fn real_tenant_typed_with_slash_is_quiet() {
        let f = check("https://dev-ltxchcls4igzho78.us.auth0.com/");
        assert!(!fires(&f, "auth0-issuer-trailing-slash"));
        assert!(!fires(&f, "issuer-mismatch-trailing-slash"));
    }

    #[test]
    fn without_an_expected_issuer_the_auth0_note_speaks() {
        let doc = Document::parse(AUTH0.as_bytes()).unwrap();
        let t = Target::file("auth0.json", WellKnown::OpenidConfiguration);
        let f = run_with(doc, None, &t, &[]);
        assert!(fires(&f, "auth0-issuer-trailing-slash"));
        assert!(!fires(&f, "issuer-mismatch-trailing-slash"));
    }

    #[test]
    fn other_providers_are_left_alone() {
        let mut m = super::super::testing::baseline();
        m.insert(
            "scopes_supported".into(),
            serde_json::json!(["openid", "name", "email_verified"]),
        );
        let t = Target::parse("https://idp.example.com", WellKnown::OpenidConfiguration).unwrap();
        let f = run_with(Document::from_map(m), None, &t, &[]);
        assert!(!fires(&f, "auth0-scopes-are-claims"));
    }
}
