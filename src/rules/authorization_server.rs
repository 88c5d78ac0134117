//! Authorization server metadata rules (`as-*`, RFC 8414 §2). The file is named
//! for what the prefix stands for because `as` is a Rust keyword.
//!
//! What an RFC 8414 document must publish for the grant types in force (the
//! authorization and token endpoints), and that its `jwks_uri` uses https. The
//! rules belong to the `oauth` profile; the OpenID Connect requirements on the
//! same members are the `oidc-*` rules', reported under the `oidc` profile. The
//! grant and response type lists themselves are judged in grant.rs and resp.rs.

use super::uri::scheme_is_https;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

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

pub const RULES: &[&Rule] = &[
    &AS_AUTHORIZATION_ENDPOINT_MISSING,
    &AS_TOKEN_ENDPOINT_MISSING,
    &AS_JWKS_URI_HTTPS,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !cx.profile(Profile::Workload) {
        let grants = doc.effective_grant_types();
        let front_channel = grants
            .iter()
            .any(|g| matches!(*g, "authorization_code" | "implicit"));
        if !doc.has("authorization_endpoint") && front_channel {
            out.push(
                cx.absent(
                    &AS_AUTHORIZATION_ENDPOINT_MISSING,
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
