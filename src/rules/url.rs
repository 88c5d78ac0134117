//! URL rules (`url-*`): URL members are absolute URIs, use https (as an error
//! where their specification requires it), carry no fragment where RFC 6749
//! forbids one, and endpoints on another host than the issuer are noted.
//!
//! A member whose value is not a string is left to the type rules, and `issuer`
//! to the issuer rules (`issuer-not-https`). For `mtls_endpoint_aliases` members
//! only the syntax is checked here: their scheme is judged by
//! `mtls-alias-not-https`, so each alias gets one finding.

use serde_json::Value;

use super::uri::{parse_uri, scheme_is_https, uri_problem, without_placeholders};
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{pointer_token, ptr};
use crate::schema::{self, FieldType, Group};

pub const URL_INVALID: Rule = Rule {
    id: "url-invalid",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a URL member is not an absolute URI",
    spec: "RFC 3986 §2, §3, §4.3; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Endpoint members hold absolute URLs: a scheme, `//`, a host and a path, with characters \
                  such as spaces, `{`, `}` and non-ASCII text percent-encoded. Clients cannot call a \
                  relative path or a malformed URL, and different libraries repair it differently.",
    fix: "publish the full, percent-encoded URL, e.g. `https://idp.example.com/oauth/token`",
    bad: r#"{"userinfo_endpoint": "/userinfo"}"#,
    good: r#"{"userinfo_endpoint": "https://idp.example.com/userinfo"}"#,
};

pub const URL_TEMPLATE_PLACEHOLDER: Rule = Rule {
    id: "url-template-placeholder",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a vendor or extension URL contains a `{...}` template placeholder",
    spec: "RFC 3986 §2 (`{` and `}` are not allowed unencoded)",
    explanation: "The value is a URL template, not a URL: the client must substitute the `{...}` part \
                  before using it (Auth0's `global_token_revocation_endpoint` ends in `{connectionName}`). \
                  Generic clients will call it literally. In a standard member the same value is \
                  reported as `url-invalid`.",
    fix: "document the template for your clients, or publish resolved URLs",
    bad: r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/{connectionName}"}"#,
    good: r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/main"}"#,
};

pub const URL_HTTPS_REQUIRED: Rule = Rule {
    id: "url-https-required",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an endpoint that must use https does not",
    spec: "OpenID Connect Discovery 1.0 §3, §7.1; RFC 8414 §6.1; RFC 6749 §3.1, §3.2; RFC 7009 §2; \
           RFC 7662 §2; RFC 8628 §3.1; RFC 9126 §2; OpenID CIBA Core 1.0 §7; \
           OpenID Connect Session Management 1.0 §3.3; RP-Initiated Logout 1.0 §2.1",
    explanation: "Endpoints carry credentials, codes and tokens, and their specifications require TLS: \
                  \"the authorization server MUST require the use of TLS\" for requests to the \
                  authorization and token endpoints (RFC 6749 §3.1, §3.2); \"Communication with the \
                  Backchannel Authentication Endpoint MUST utilize TLS\" (CIBA Core §7); likewise \
                  revocation, introspection, device authorization, PAR, registration, UserInfo, logout and \
                  session endpoints and `jwks_uri`. For every other member named `*_endpoint`, known to \
                  this tool or not, OpenID Connect Discovery §7.1 and RFC 8414 §6.1 apply: \
                  \"confidentiality protection MUST be applied using TLS with a ciphersuite that provides \
                  confidentiality and integrity protection\"; the OpenID conformance suite fails any \
                  non-https `*_endpoint` (`CheckDiscEndpointAllEndpointsAreHttps`). Over plain http anyone \
                  on the path can read or change what is sent. (`mtls_endpoint_aliases` URLs are judged by \
                  `mtls-alias-not-https`, `issuer` by `issuer-not-https`.)",
    fix: "serve the endpoint over https and publish its https URL",
    bad: r#"{"token_endpoint": "http://idp.example.com/token"}"#,
    good: r#"{"token_endpoint": "https://idp.example.com/token"}"#,
};

pub const URL_HTTPS_OTHER: Rule = Rule {
    id: "url-https-other",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a URL member that is not an endpoint does not use https",
    spec: "OpenID Connect Discovery 1.0 §7.1; FAPI 2.0 Security Profile §5.2.1",
    explanation: "Members that are not endpoints (documentation and policy pages such as \
                  `service_documentation` or `op_tos_uri`, vendor `*_uri` and `*_iframe` members) carry no \
                  protocol messages, and no specification text requires https for them; but anything \
                  fetched or followed over plain http can be altered on the way, and FAPI 2.0 says servers \
                  \"shall only offer TLS protected endpoints\". Members named `*_endpoint` are \
                  `url-https-required`.",
    fix: "publish the https URL",
    bad: r#"{"op_tos_uri": "http://idp.example.com/tos"}"#,
    good: r#"{"op_tos_uri": "https://idp.example.com/tos"}"#,
};

pub const URL_ENDPOINT_FRAGMENT: Rule = Rule {
    id: "url-endpoint-fragment",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the authorization or token endpoint URL has a fragment",
    spec: "RFC 6749 §3.1, §3.2",
    explanation: "The authorization and token endpoint URIs MUST NOT include a fragment component; clients \
                  append parameters to them, and a `#` would swallow those parameters.",
    fix: "remove the `#…` part from the endpoint URL",
    bad: r##"{"authorization_endpoint": "https://idp.example.com/authorize#login"}"##,
    good: r#"{"authorization_endpoint": "https://idp.example.com/authorize"}"#,
};

pub const URL_ENDPOINT_OTHER_HOST: Rule = Rule {
    id: "url-endpoint-other-host",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an endpoint is on another host than the issuer",
    spec: "none (RFC 9700 §4.4 discusses mix-up attacks)",
    explanation: "Nothing requires endpoints to share the issuer's host, and large providers (Google, Microsoft) \
                  split them across hosts on purpose. It is shown so that an unexpected host, for example a \
                  leftover staging URL, stands out.",
    fix: "nothing to change if the host is intended",
    bad: r#"{"userinfo_endpoint": "https://api.example.net/userinfo"}"#,
    good: r#"{"userinfo_endpoint": "https://idp.example.com/userinfo"}"#,
};

pub const RULES: &[&Rule] = &[
    &URL_INVALID,
    &URL_TEMPLATE_PLACEHOLDER,
    &URL_HTTPS_REQUIRED,
    &URL_HTTPS_OTHER,
    &URL_ENDPOINT_FRAGMENT,
    &URL_ENDPOINT_OTHER_HOST,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let issuer_host = cx.doc.str("issuer").and_then(host_of);
    for (name, value) in &cx.doc.value {
        let field = schema::field(name);
        let url_member = match field {
            Some(f) => f.ty == FieldType::Url && f.name != "issuer",
            None => schema::url_like_name(name),
        };
        if let (true, Some(url)) = (url_member, value.as_str()) {
            let standard = field.is_some_and(|f| f.standard);
            // Every endpoint carries protocol messages, known to the table or not.
            let required = field.is_some_and(|f| f.https) || name.ends_with("_endpoint");
            let p = ptr(name);
            if let Some(parsed) = url_syntax(name, &p, url, standard, out) {
                https(name, &p, url, required, out);
                if schema::group(name) == Group::Endpoint {
                    let host = match parsed {
                        Some(u) => u.host_str().map(str::to_ascii_lowercase),
                        None => host_of(url),
                    };
                    other_host(name, host, issuer_host.as_deref(), out);
                }
            }
            if matches!(name.as_str(), "authorization_endpoint" | "token_endpoint")
                && url.contains('#')
            {
                out.push(
                    Finding::new(
                        &URL_ENDPOINT_FRAGMENT,
                        p,
                        format!("`{name}` has a fragment component"),
                    )
                    .actual(url),
                );
            }
        }
    }
    aliases(cx, out);
}

/// Syntax checks; `Some` when the URL is usable enough for the scheme/host
/// checks, holding the URL as parsed when it is one as it stands.
fn url_syntax(
    name: &str,
    p: &str,
    url: &str,
    standard: bool,
    out: &mut Vec<Finding>,
) -> Option<Option<::url::Url>> {
    let problem = match parse_uri(url) {
        Ok(parsed) => return Some(Some(parsed)),
        Err(problem) => problem,
    };
    if let Some(filled) = without_placeholders(url)
        && uri_problem(&filled).is_none()
    {
        if !standard {
            out.push(
                Finding::new(
                    &URL_TEMPLATE_PLACEHOLDER,
                    p.to_string(),
                    format!("`{name}` is a URL template, not a URL"),
                )
                .actual(url),
            );
            return Some(None);
        }
        out.push(
            Finding::new(
                &URL_INVALID,
                p.to_string(),
                format!("`{name}` contains a `{{…}}` template placeholder, so it is not a URL"),
            )
            .expected("an absolute URL")
            .actual(url)
            .help("publish the resolved URL; clients call this member as it is"),
        );
        return None;
    }
    out.push(
        Finding::new(
            &URL_INVALID,
            p.to_string(),
            format!("`{name}` is not an absolute URL: {problem}"),
        )
        .expected("an absolute URL")
        .actual(url),
    );
    None
}

fn https(name: &str, p: &str, url: &str, required: bool, out: &mut Vec<Finding>) {
    if scheme_is_https(url) {
        return;
    }
    let rule = if required {
        &URL_HTTPS_REQUIRED
    } else {
        &URL_HTTPS_OTHER
    };
    out.push(
        Finding::new(rule, p.to_string(), format!("`{name}` does not use https"))
            .expected("https://…")
            .actual(url),
    );
}

fn host_of(url: &str) -> Option<String> {
    let u = ::url::Url::parse(url).ok()?;
    u.host_str().map(str::to_ascii_lowercase)
}

fn other_host(name: &str, host: Option<String>, issuer_host: Option<&str>, out: &mut Vec<Finding>) {
    let (Some(issuer), Some(host)) = (issuer_host, host) else {
        return;
    };
    if host != issuer {
        out.push(
            Finding::new(
                &URL_ENDPOINT_OTHER_HOST,
                ptr(name),
                format!("`{name}` is on {host}, the issuer on {issuer}"),
            )
            .expected(issuer)
            .actual(host),
        );
    }
}

/// Members of `mtls_endpoint_aliases` that are strings: valid URL syntax (the
/// scheme is judged by `mtls-alias-not-https`, other types by `type-string-url`).
fn aliases(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(Value::Object(map)) = cx.doc.get("mtls_endpoint_aliases") else {
        return;
    };
    for (key, value) in map {
        if let Some(url) = value.as_str() {
            let p = format!("/mtls_endpoint_aliases/{}", pointer_token(key));
            let label = format!("mtls_endpoint_aliases.{key}");
            url_syntax(&label, &p, url, true, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};
    use super::*;

    #[test]
    fn placeholders_are_info_in_vendor_members_and_invalid_in_standard_ones() {
        let f = run(
            r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/{connectionName}"}"#,
            &[],
        );
        assert!(fires(&f, "url-template-placeholder"));
        assert!(!fires(&f, "url-invalid"));
        let f = run(
            r#"{"token_endpoint": "https://idp.example.com/{tenant}/token"}"#,
            &[],
        );
        assert!(!fires(&f, "url-template-placeholder"));
        let i = only(&f, "url-invalid");
        assert!(i[0].message.contains("template"));
    }

    #[test]
    fn https_is_reported_once_per_member_at_the_right_severity() {
        let f = run(
            r#"{"token_endpoint": "http://idp.example.com/token",
                "service_documentation": "http://idp.example.com/docs",
                "kerberos_endpoint": "http://idp.example.com/kerberos",
                "mfa_challenge_endpoint": "http://idp.example.com/mfa",
                "vendor_logo_uri": "http://idp.example.com/logo.png"}"#,
            &[],
        );
        let pointers = |rule: &str| -> Vec<String> {
            only(&f, rule).iter().map(|x| x.pointer.clone()).collect()
        };
        // Every `*_endpoint`, known (standard or vendor) or not, must use https.
        assert_eq!(
            pointers("url-https-required"),
            vec![
                "/token_endpoint",
                "/kerberos_endpoint",
                "/mfa_challenge_endpoint"
            ]
        );
        assert_eq!(
            pointers("url-https-other"),
            vec!["/service_documentation", "/vendor_logo_uri"]
        );
        // An invalid URL is reported as invalid, not also as non-https.
        let f = run(r#"{"token_endpoint": "http://idp.example.com/a b"}"#, &[]);
        assert!(fires(&f, "url-invalid") && !fires(&f, "url-https-required"));
    }

    #[test]
    fn aliases_are_syntax_checked_but_not_https_checked_here() {
        let f = run(
            r#"{"mtls_endpoint_aliases": {"token_endpoint": "http://mtls.idp.example.com/token",
                "revocation_endpoint": 5, "introspection_endpoint": "/introspect"}}"#,
            &[],
        );
        assert!(!fires(&f, "url-https-other") && !fires(&f, "url-https-required"));
        let i = only(&f, "url-invalid");
        assert_eq!(
            i[0].pointer,
            "/mtls_endpoint_aliases/introspection_endpoint"
        );
        assert!(!fires(&f, "url-endpoint-other-host"));
    }

    #[test]
    fn fragment_and_other_host() {
        let f = run(
            r##"{"token_endpoint": "https://idp.example.com/token#x"}"##,
            &[],
        );
        assert!(fires(&f, "url-endpoint-fragment"));
        let f = run(
            r#"{"userinfo_endpoint": "https://API.example.net/userinfo", "op_tos_uri": "https://legal.example.net/tos"}"#,
            &[],
        );
        let h = only(&f, "url-endpoint-other-host");
        assert_eq!(h.len(), 1, "documentation links are not endpoints");
        assert_eq!(h[0].actual.as_deref(), Some("api.example.net"));
    }

    /// Real documents: nothing from the type, document-shape or extension rules
    /// above info except what the provider really gets wrong, and the infos expected.
    #[test]
    fn real_documents_have_no_type_or_url_errors() {
        use super::super::testing::run_with;
        use crate::document::Document;
        use crate::target::{Target, WellKnown};
        let docs = [
            (
                "auth0",
                include_str!("../../tests/fixtures/auth0-tenant-dev-ltxchcls4igzho78.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "entra",
                include_str!("../../tests/fixtures/entra-common-v2.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "google",
                include_str!("../../tests/fixtures/google.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "okta",
                include_str!(
                    "../../tests/fixtures/okta-custom-as-auth-js-test.oauth-authorization-server.json"
                ),
                WellKnown::OauthAuthorizationServer,
            ),
        ];
        for (name, text, wk) in docs {
            let doc = Document::parse(text.as_bytes()).unwrap();
            let t = Target::file(name, wk);
            let f = run_with(doc, None, &t, &[]);
            // The URL and type families, the document-shape family and the
            // extension families.
            let ours = |id: &str| {
                use super::super as rules;
                [
                    RULES,
                    rules::json_type::RULES,
                    rules::doc::RULES,
                    rules::device::RULES,
                    rules::par::RULES,
                    rules::dpop::RULES,
                    rules::mtls::RULES,
                    rules::jar::RULES,
                    rules::rar::RULES,
                    rules::ciba::RULES,
                    rules::logout::RULES,
                    rules::signed_metadata::RULES,
                ]
                .iter()
                .any(|family| family.iter().any(|r| r.id == id))
            };
            let loud: Vec<_> = f
                .iter()
                .filter(|x| ours(x.rule.id) && x.severity > Severity::Info)
                .map(|x| (x.rule.id, x.pointer.as_str()))
                .collect();
            // Entra really does publish `"tenant_region_scope": null`, and
            // front-channel logout without `frontchannel_logout_session_supported`.
            let expected: &[(&str, &str)] = match name {
                "entra" => &[
                    ("doc-null-member", "/tenant_region_scope"),
                    (
                        "logout-fcl-without-session",
                        "/frontchannel_logout_session_supported",
                    ),
                ],
                _ => &[],
            };
            assert_eq!(loud, expected, "{name}");
            if name == "google" {
                assert_eq!(only(&f, "url-endpoint-other-host").len(), 5);
            }
            if name == "entra" {
                let h = only(&f, "url-endpoint-other-host");
                assert_eq!(h.len(), 1);
                assert_eq!(h[0].pointer, "/userinfo_endpoint");
            }
        }
    }

    #[test]
    fn issuer_is_left_to_the_issuer_rules() {
        let f = run(r#"{"issuer": "http://idp.example.com"}"#, &[]);
        assert!(!fires(&f, "url-https-required"));
    }
}
