//! Mutual-TLS rules (`mtls-*`, RFC 8705): the keys of `mtls_endpoint_aliases` are
//! endpoint metadata names and its URLs use https; certificate-bound tokens
//! without an mTLS client authentication method are noted.
//!
//! Only the aliases' scheme is judged here. Their JSON type and URL syntax are
//! the `type-*` and `url-*` rules', which leave the scheme alone, so each alias
//! gets at most one finding.

use serde_json::Value;

use super::uri::is_https_url;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::pointer_token;
use crate::schema;

pub const MTLS_ALIAS_UNKNOWN_KEY: Rule = Rule {
    id: "mtls-alias-unknown-key",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "an `mtls_endpoint_aliases` key is not an endpoint metadata name",
    spec: "RFC 8705 §5",
    explanation: "`mtls_endpoint_aliases` holds endpoint parameters named as at the top level of the metadata \
                  (`token_endpoint`, `revocation_endpoint`, ...). A client looks up the exact name, so a \
                  misspelt key is never used and the client silently falls back to the non-mTLS endpoint.",
    fix: "use the endpoint's metadata name as the key",
    bad: r#"{"mtls_endpoint_aliases": {"token_url": "https://mtls.idp.example.com/token"}}"#,
    good: r#"{"mtls_endpoint_aliases": {"token_endpoint": "https://mtls.idp.example.com/token"}}"#,
};

pub const MTLS_ALIAS_NOT_HTTPS: Rule = Rule {
    id: "mtls-alias-not-https",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an `mtls_endpoint_aliases` URL does not use https",
    spec: "RFC 8705 §5; RFC 6749 §3.2",
    explanation: "Aliases are the endpoints a client uses for mutual TLS; mutual TLS over plain http is \
                  impossible, and the aliased endpoints (token, revocation, ...) require TLS themselves.",
    fix: "publish the https URL of the mutual-TLS endpoint",
    bad: r#"{"mtls_endpoint_aliases": {"token_endpoint": "http://mtls.idp.example.com/token"}}"#,
    good: r#"{"mtls_endpoint_aliases": {"token_endpoint": "https://mtls.idp.example.com/token"}}"#,
};

pub const MTLS_BOUND_WITHOUT_MTLS_AUTH: Rule = Rule {
    id: "mtls-bound-without-mtls-auth",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "certificate-bound tokens are offered without a mutual-TLS client authentication method",
    spec: "RFC 8705 §3, §4",
    explanation: "`tls_client_certificate_bound_access_tokens: true` while neither `tls_client_auth` nor \
                  `self_signed_tls_client_auth` is a token endpoint auth method. RFC 8705 §4: \
                  \"Mutual-TLS OAuth client authentication and certificate-bound access tokens can be used \
                  independently of each other\"; binding tokens to a certificate is how public clients, \
                  which have no credentials to authenticate with, get sender-constrained tokens. So this \
                  is a note, not a fault: it is shown so that a missing mTLS method is not a surprise to \
                  clients that expected one.",
    fix: "nothing to change if clients authenticate otherwise; list the mTLS methods if they are supported",
    bad: r#"{"tls_client_certificate_bound_access_tokens": true}"#,
    good: r#"{"tls_client_certificate_bound_access_tokens": true,
              "token_endpoint_auth_methods_supported": ["private_key_jwt", "tls_client_auth"]}"#,
};

pub const RULES: &[&Rule] = &[
    &MTLS_ALIAS_UNKNOWN_KEY,
    &MTLS_ALIAS_NOT_HTTPS,
    &MTLS_BOUND_WITHOUT_MTLS_AUTH,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(Value::Object(map)) = cx.doc.get("mtls_endpoint_aliases") {
        for (key, value) in map {
            let p = format!("/mtls_endpoint_aliases/{}", pointer_token(key));
            let endpoint_name = key.ends_with("_endpoint")
                && schema::field(key).is_some_and(|f| f.ty == schema::FieldType::Url);
            if !endpoint_name {
                let mut f = Finding::new(
                    &MTLS_ALIAS_UNKNOWN_KEY,
                    p.clone(),
                    format!(
                        "`{key}` is not an endpoint metadata name; clients will not use this alias"
                    ),
                )
                .actual(key.clone());
                if let Some(s) = schema::suggest(key).filter(|s| s.ends_with("_endpoint")) {
                    f = f.expected(s).help(format!("did you mean `{s}`?"));
                }
                out.push(f);
            }
            // Only a URL with a scheme other than https: a value without a scheme
            // is `url-invalid`, a non-string is `type-string-url`.
            if let Some(url) = value.as_str()
                && url.contains("://")
                && !is_https_url(url)
            {
                out.push(
                    Finding::new(
                        &MTLS_ALIAS_NOT_HTTPS,
                        p,
                        format!("the mutual-TLS alias for `{key}` does not use https"),
                    )
                    .expected("https://…")
                    .actual(url),
                );
            }
        }
    }
    if cx.doc.is_true("tls_client_certificate_bound_access_tokens") {
        let methods = cx.doc.effective_token_auth_methods();
        if !methods
            .iter()
            .any(|m| matches!(*m, "tls_client_auth" | "self_signed_tls_client_auth"))
        {
            out.push(Finding::new(
                &MTLS_BOUND_WITHOUT_MTLS_AUTH,
                "/tls_client_certificate_bound_access_tokens",
                "certificate-bound access tokens are offered, but no mutual-TLS client authentication \
                 method is listed",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};

    /// `mtls-alias-not-https` and `url-https-other` overlap: one finding per alias.
    #[test]
    fn mtls_alias_scheme_is_reported_once() {
        let f = run(
            r#"{"mtls_endpoint_aliases": {"token_endpoint": "http://mtls.idp.example.com/token",
                "revocation_endpoint": "/revoke", "tokn_endpoint": "https://mtls.idp.example.com/t"}}"#,
            &[],
        );
        let on = |p: &str| f.iter().filter(|x| x.pointer == p).count();
        assert_eq!(on("/mtls_endpoint_aliases/token_endpoint"), 1);
        assert!(fires(&f, "mtls-alias-not-https"));
        assert_eq!(on("/mtls_endpoint_aliases/revocation_endpoint"), 1);
        assert!(fires(&f, "url-invalid"));
        let u = only(&f, "mtls-alias-unknown-key");
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].expected.as_deref(), Some("token_endpoint"));
    }

    #[test]
    fn mtls_bound_uses_the_default_auth_method() {
        let f = run(
            r#"{"tls_client_certificate_bound_access_tokens": true,
                "$remove": ["token_endpoint_auth_methods_supported"]}"#,
            &[],
        );
        assert!(fires(&f, "mtls-bound-without-mtls-auth"));
    }
}
