//! Auth0 notes (`auth0-*`, info only): habits of Auth0 tenants that trip clients up
//! without being errors of the tenant's making.
//!
//! A document is taken to be Auth0's when its issuer is on an `*.auth0.com` host, or
//! (custom domains) when it publishes Auth0's proprietary `mfa_challenge_endpoint`.
//! Auth0's vendor members (`mfa_challenge_endpoint`, the global token revocation
//! members) are known to the member table in `crate::schema`, so they are never
//! reported as unknown; that needs no rule of its own.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const AUTH0_ISSUER_TRAILING_SLASH: Rule = Rule {
    id: "auth0-issuer-trailing-slash",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "Auth0 publishes its issuer with a trailing `/`, and the issuer you gave has none",
    spec: "OpenID Connect Discovery 1.0 §4.3",
    explanation: "Every Auth0 tenant, custom domains included, publishes `issuer` as `https://DOMAIN/` with a \
                  terminating slash, and puts the same value in every token's `iss`. The comparison is exact, \
                  so a client configured with `https://DOMAIN` rejects the tenant's tokens; the tenant cannot \
                  change this, the client configuration has to.",
    fix: "configure clients with the issuer exactly as published, including the trailing `/`",
    bad: r#"{"issuer": "https://idp.example.com/", "mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge"}"#,
    good: r#"{"mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge"}"#,
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

/// Claim names (OpenID Connect Core §5.1, and Auth0's `created_at`, `identities`)
/// that are not also scope values.
const CLAIM_NAMES: &[&str] = &[
    "sub",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "picture",
    "website",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "updated_at",
    "created_at",
    "identities",
];

fn is_auth0(cx: &Context<'_>) -> bool {
    let host_is_auth0 = cx
        .doc
        .str("issuer")
        .and_then(|i| url::Url::parse(i).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|h| h.ends_with(".auth0.com"));
    host_is_auth0 || cx.doc.has("mfa_challenge_endpoint")
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !is_auth0(cx) {
        return;
    }
    if let (Some(issuer), Some(expected)) = (cx.doc.str("issuer"), &cx.target.expected_issuer)
        && let Some(bare) = issuer.strip_suffix('/')
        && expected.value == bare
    {
        out.push(
            Finding::new(
                &AUTH0_ISSUER_TRAILING_SLASH,
                "/issuer",
                "this is an Auth0 tenant: its issuer always ends with `/`, and the issuer you gave does not",
            )
            .expected(issuer)
            .actual(expected.value.clone())
            .help(format!(
                "configure clients (SDK issuer / domain settings, `iss` checks) with {issuer:?}"
            )),
        );
    }
    if let Some(scopes) = cx.doc.strings("scopes_supported") {
        let claims: Vec<&str> = scopes
            .into_iter()
            .filter(|s| CLAIM_NAMES.contains(s))
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

    #[test]
    fn real_tenant_typed_without_slash() {
        let f = check("https://dev-ltxchcls4igzho78.us.auth0.com");
        let t = f
            .iter()
            .find(|f| f.rule == "auth0-issuer-trailing-slash")
            .unwrap();
        assert_eq!(
            t.expected.as_deref(),
            Some("https://dev-ltxchcls4igzho78.us.auth0.com/")
        );
        // The generic issuer rule reports the mismatch itself.
        assert!(fires(&f, "issuer-mismatch-trailing-slash"));
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
    fn real_tenant_typed_with_slash_is_quiet() {
        let f = check("https://dev-ltxchcls4igzho78.us.auth0.com/");
        assert!(!fires(&f, "auth0-issuer-trailing-slash"));
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
