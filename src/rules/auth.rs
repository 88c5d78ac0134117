//! Client authentication rules (`auth-*`): the `*_endpoint_auth_methods_supported`
//! lists and the algorithms for client authentication JWTs (RFC 8414 §2, OpenID
//! Connect Discovery §3). Whether algorithm names are registered JOSE names is for
//! the `alg-*` rules (`alg.rs`).

use super::uri::is_absolute_uri;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;

/// Endpoints with client authentication metadata (RFC 8414 §2): the prefix of
/// `*_auth_methods_supported` / `*_auth_signing_alg_values_supported`.
pub(super) const AUTH_ENDPOINTS: [&str; 3] = [
    "token_endpoint",
    "revocation_endpoint",
    "introspection_endpoint",
];

/// Registered client authentication methods (RFC 7591 §2, Core §9, RFC 8705 §2,
/// OAuth attestation-based client authentication).
pub(super) const AUTH_METHODS: &[&str] = &[
    "none",
    "client_secret_post",
    "client_secret_basic",
    "client_secret_jwt",
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
    "attest_jwt_client_auth",
];

/// The "OAuth Access Token Types" registry (RFC 6750, RFC 8693, RFC 9200,
/// RFC 9449): valid in `introspection_endpoint_auth_methods_supported` only, where
/// a resource server may authenticate with an access token (RFC 8414 §2). Token
/// type names compare case-insensitively (RFC 6749 §5.1).
const ACCESS_TOKEN_TYPES: &[&str] = &["Bearer", "N_A", "PoP", "DPoP"];

/// Client authentication methods based on asymmetric cryptography.
pub const ASYMMETRIC_AUTH_METHODS: &[&str] = &[
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
    "attest_jwt_client_auth",
];

pub const METHODS_DEFAULT: Rule = Rule {
    id: "auth-methods-default",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "no client authentication methods are listed, so only `client_secret_basic` is implied",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "When `token_endpoint_auth_methods_supported` (or `revocation_endpoint_auth_methods_supported`) \
                  is absent, the default is `client_secret_basic` (HTTP Basic with a shared secret). \
                  Clients that want another method cannot tell whether it is supported.",
    fix: "list the client authentication methods the endpoint accepts",
    bad: r#"{"$remove": ["token_endpoint_auth_methods_supported"]}"#,
    good: "",
};

pub const INTROSPECTION_METHODS_ABSENT: Rule = Rule {
    id: "auth-introspection-methods-absent",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`introspection_endpoint` is published without `introspection_endpoint_auth_methods_supported`",
    spec: "RFC 8414 §2",
    explanation: "Unlike the token and revocation endpoints, the introspection endpoint has no default \
                  authentication method: when the list is omitted, the methods \"MUST be determined by \
                  other means\". Resource servers cannot learn from the metadata how to authenticate.",
    fix: "publish `introspection_endpoint_auth_methods_supported`",
    bad: r#"{"introspection_endpoint": "https://idp.example.com/introspect"}"#,
    good: r#"{"introspection_endpoint": "https://idp.example.com/introspect", "introspection_endpoint_auth_methods_supported": ["private_key_jwt"], "introspection_endpoint_auth_signing_alg_values_supported": ["ES256"]}"#,
};

pub const METHODS_UNKNOWN: Rule = Rule {
    id: "auth-methods-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a client authentication method is not a registered name",
    spec: "RFC 7591 §2; OpenID Connect Core 1.0 §9; RFC 8705 §2.1.1, §2.2.1",
    explanation: "Registered client authentication methods are `none`, `client_secret_basic`, \
                  `client_secret_post`, `client_secret_jwt`, `private_key_jwt`, `tls_client_auth`, \
                  `self_signed_tls_client_auth` and `attest_jwt_client_auth`; extensions use absolute \
                  URIs. Anything else is probably a typo. \
                  `introspection_endpoint_auth_methods_supported` also takes access token types \
                  (`Bearer`, `DPoP`, `N_A`, `PoP`): RFC 8414 §2 says its valid values \"are those registered \
                  in the IANA 'OAuth Token Endpoint Authentication Methods' registry or those registered \
                  in the IANA 'OAuth Access Token Types' registry\", because a resource server may \
                  authenticate there with its own access token. The token and revocation lists take \
                  only authentication methods.",
    fix: "check the spelling of the listed authentication methods",
    bad: r#"{"token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["private_key_jwt", "urn:example:auth"]}"#,
};

pub const SIGNING_ALGS_REQUIRED: Rule = Rule {
    id: "auth-signing-algs-required",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a JWT client authentication method is listed without its signing algorithms",
    spec: "RFC 8414 §2; OpenID Connect Discovery 1.0 §3",
    explanation: "RFC 8414 §2, on `token_endpoint_auth_signing_alg_values_supported`: \"This metadata \
                  entry MUST be present if either of these authentication methods are specified in the \
                  \"token_endpoint_auth_methods_supported\" entry. No default algorithms are implied if \
                  this entry is omitted.\" The `revocation_` and `introspection_` variants say the same. \
                  Without the list a client cannot choose an algorithm the server accepts. \
                  OpenID Connect Discovery 1.0 §3 defines the token endpoint's member as \"OPTIONAL\", so \
                  in an OpenID Provider's document (`openid-configuration`) its absence is a warning: \
                  clients must guess, usually RS256. It stays an error in an RFC 8414 document \
                  (`oauth-authorization-server`), under `--profile fapi2`, and for the `revocation_` and \
                  `introspection_` variants, which only RFC 8414 defines.",
    fix: "publish the matching `*_endpoint_auth_signing_alg_values_supported`, e.g. `[\"RS256\", \"ES256\"]`",
    bad: r#"{"$remove": ["token_endpoint_auth_signing_alg_values_supported"]}"#,
    good: r#"{"$remove": ["token_endpoint_auth_signing_alg_values_supported"], "token_endpoint_auth_methods_supported": ["client_secret_basic", "tls_client_auth"]}"#,
};

pub const SIGNING_ALG_NONE: Rule = Rule {
    id: "auth-signing-alg-none",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`none` is listed as a client authentication signing algorithm",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "\"The value none MUST NOT be used\" for client authentication JWTs: an unsigned \
                  assertion authenticates nobody, so anyone could act as any client.",
    fix: "remove `none` from the `*_endpoint_auth_signing_alg_values_supported` lists",
    bad: r#"{"token_endpoint_auth_signing_alg_values_supported": ["RS256", "none"]}"#,
    good: "",
};

pub const SIGNING_NO_RS256: Rule = Rule {
    id: "auth-signing-no-rs256",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`token_endpoint_auth_signing_alg_values_supported` does not include `RS256`",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Servers SHOULD support RS256 for client authentication JWTs, the algorithm every \
                  client library has. Not reported under `--profile fapi2`, which forbids RS256 \
                  (FAPI 2.0 §5.4.1).",
    fix: "add `RS256` to `token_endpoint_auth_signing_alg_values_supported`",
    bad: r#"{"token_endpoint_auth_signing_alg_values_supported": ["ES256"]}"#,
    good: "",
};

pub const SECRET_ONLY: Rule = Rule {
    id: "auth-secret-only",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "clients can authenticate only with shared secrets",
    spec: "RFC 9700 §2.5",
    explanation: "The security BCP RECOMMENDS asymmetric client authentication (`private_key_jwt`, \
                  mutual TLS): the server then stores no secret that could leak, and a stolen \
                  assertion is short-lived. With only `client_secret_*` methods every confidential \
                  client holds a long-lived shared secret.",
    fix: "offer `private_key_jwt` or `tls_client_auth` / `self_signed_tls_client_auth`",
    bad: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}"#,
};

pub const NONE_ADVERTISED: Rule = Rule {
    id: "auth-none-advertised",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "the token endpoint accepts public clients (`none`)",
    spec: "RFC 7591 §2; RFC 9700 §2.1.1; FAPI 2.0 Security Profile §5.3.2.1",
    explanation: "`none` means public clients (apps that cannot keep a secret) may use the token \
                  endpoint. That is normal for browser and mobile apps, but those clients then depend \
                  entirely on PKCE for code protection.",
    fix: "nothing to change if you serve public clients; make sure PKCE is enforced for them",
    bad: r#"{"token_endpoint_auth_methods_supported": ["private_key_jwt", "none"]}"#,
    good: "",
};

pub const RULES: &[&Rule] = &[
    &METHODS_DEFAULT,
    &INTROSPECTION_METHODS_ABSENT,
    &METHODS_UNKNOWN,
    &SIGNING_ALGS_REQUIRED,
    &SIGNING_ALG_NONE,
    &SIGNING_NO_RS256,
    &SECRET_ONLY,
    &NONE_ADVERTISED,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    methods(cx, out);
    signing_algs(cx, out);
}

fn methods(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for endpoint in ["token_endpoint", "revocation_endpoint"] {
        let name = format!("{endpoint}_auth_methods_supported");
        if doc.has(endpoint) && !doc.has(&name) {
            out.push(
                Finding::new(
                    &METHODS_DEFAULT,
                    ptr(&name),
                    format!("`{name}` is absent: only `client_secret_basic` is implied"),
                )
                .expected("a list of accepted methods")
                .actual("absent (default [\"client_secret_basic\"])"),
            );
        }
    }
    if doc.has("introspection_endpoint")
        && !doc.has("introspection_endpoint_auth_methods_supported")
    {
        out.push(Finding::new(
            &INTROSPECTION_METHODS_ABSENT,
            "/introspection_endpoint_auth_methods_supported",
            "the introspection endpoint's authentication methods are not published",
        ));
    }
    for endpoint in AUTH_ENDPOINTS {
        let name = format!("{endpoint}_auth_methods_supported");
        let token_types = endpoint == "introspection_endpoint";
        for (pointer, method) in doc.elements(&name) {
            let registered = AUTH_METHODS.contains(&method)
                || is_absolute_uri(method)
                || (token_types
                    && ACCESS_TOKEN_TYPES
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(method)));
            if !registered {
                out.push(
                    Finding::new(
                        &METHODS_UNKNOWN,
                        pointer,
                        format!("{method:?} is not a registered client authentication method"),
                    )
                    .expected(AUTH_METHODS.join(", "))
                    .actual(method),
                );
            }
        }
    }
    // Secrets only: applies where clients authenticate at a token endpoint.
    let token_endpoint_offered = doc.has("token_endpoint") && !doc.is_verification_only();
    if token_endpoint_offered && !cx.profile(Profile::Workload) {
        let effective = doc.effective_token_auth_methods();
        let secrets = effective.iter().any(|m| m.starts_with("client_secret_"));
        if secrets
            && !effective
                .iter()
                .any(|m| ASYMMETRIC_AUTH_METHODS.contains(m))
        {
            out.push(
                Finding::new(
                    &SECRET_ONLY,
                    "/token_endpoint_auth_methods_supported",
                    "every client authentication method offered uses a shared secret",
                )
                .expected("private_key_jwt, tls_client_auth or self_signed_tls_client_auth")
                .actual(effective.join(", ")),
            );
        }
    }
    for (pointer, method) in doc.elements("token_endpoint_auth_methods_supported") {
        if method == "none" {
            out.push(Finding::new(
                &NONE_ADVERTISED,
                pointer,
                "public clients (`none`) may use the token endpoint",
            ));
        }
    }
}

fn signing_algs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for endpoint in AUTH_ENDPOINTS {
        let methods = format!("{endpoint}_auth_methods_supported");
        let algs = format!("{endpoint}_auth_signing_alg_values_supported");
        let jwt: Vec<&str> = doc
            .strings(&methods)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| matches!(*m, "private_key_jwt" | "client_secret_jwt"))
            .collect();
        if !jwt.is_empty() && !doc.has(&algs) {
            let optional = endpoint == "token_endpoint" && openid_provider_document(cx);
            let why = if optional {
                "OPTIONAL in OpenID Connect Discovery §3, but without it clients must guess"
            } else {
                "RFC 8414 §2: it MUST be present"
            };
            let f = Finding::new(
                &SIGNING_ALGS_REQUIRED,
                ptr(&algs),
                format!(
                    "`{methods}` lists {} but `{algs}` is absent ({why})",
                    jwt.join(" and ")
                ),
            )
            .expected(format!("`{algs}` listing the accepted algorithms"));
            out.push(if optional {
                f.severity(Severity::Warning)
            } else {
                f
            });
        }
        for (pointer, alg) in doc.elements(&algs) {
            if alg == "none" {
                out.push(Finding::new(
                    &SIGNING_ALG_NONE,
                    pointer,
                    format!("`{algs}` lists `none`"),
                ));
            }
        }
    }
    const TOKEN_ALGS: &str = "token_endpoint_auth_signing_alg_values_supported";
    if !cx.profile(Profile::Fapi2)
        && let Some(algs) = doc.strings(TOKEN_ALGS)
        && !algs.is_empty()
        && !algs.contains(&"RS256")
    {
        out.push(
            Finding::new(
                &SIGNING_NO_RS256,
                ptr(TOKEN_ALGS),
                "`RS256` is not among the client authentication signing algorithms",
            )
            .expected("a list including RS256")
            .actual(algs.join(", ")),
        );
    }
}

/// An OpenID Provider's document judged by OpenID Connect Discovery, where
/// `token_endpoint_auth_signing_alg_values_supported` is OPTIONAL: the `oidc`
/// profile is in force, the document was not fetched from (or declared as)
/// RFC 8414's `oauth-authorization-server`, and `fapi2` does not require it.
fn openid_provider_document(cx: &Context<'_>) -> bool {
    let declared_rfc8414 = cx.target.well_known
        == crate::target::WellKnown::OauthAuthorizationServer
        && !cx.target.well_known_assumed;
    cx.profile(Profile::Oidc) && !declared_rfc8414 && !cx.profile(Profile::Fapi2)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;

    #[test]
    fn signing_algs_required_per_endpoint_and_for_openid_documents() {
        let f = run(
            r#"{"revocation_endpoint": "https://idp.example.com/revoke", "revocation_endpoint_auth_methods_supported": ["client_secret_jwt"]}"#,
            &[],
        );
        let r: Vec<&Finding> = f
            .iter()
            .filter(|f| f.rule == "auth-signing-algs-required")
            .collect();
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].pointer,
            "/revocation_endpoint_auth_signing_alg_values_supported"
        );
        assert!(r[0].message.contains("RFC 8414"));
    }

    #[test]
    fn token_endpoint_algs_are_optional_only_for_an_openid_provider() {
        let frag = r#"{"$remove": ["token_endpoint_auth_signing_alg_values_supported"]}"#;
        let severity = |extra: &[Profile]| {
            run(frag, extra)
                .into_iter()
                .find(|f| f.rule == "auth-signing-algs-required")
                .map(|f| f.severity)
        };
        // the base document is an OpenID Provider's
        assert_eq!(severity(&[]), Some(Severity::Warning));
        assert_eq!(severity(&[Profile::Fapi2]), Some(Severity::Error));
        let mut rfc8414 = super::super::testing::target();
        rfc8414.well_known = crate::target::WellKnown::OauthAuthorizationServer;
        let f = super::super::testing::run_with(
            crate::document::Document::from_map(super::super::testing::merged(frag)),
            None,
            &rfc8414,
            &[],
        );
        let r = f
            .iter()
            .find(|f| f.rule == "auth-signing-algs-required")
            .unwrap();
        assert_eq!(r.severity, Severity::Error);
        assert!(r.message.contains("MUST be present"), "{}", r.message);
    }

    #[test]
    fn access_token_types_are_methods_only_at_the_introspection_endpoint() {
        let f = run(
            r#"{"introspection_endpoint": "https://idp.example.com/introspect",
                "introspection_endpoint_auth_methods_supported": ["Bearer", "DPoP", "private_key_jwt"],
                "introspection_endpoint_auth_signing_alg_values_supported": ["ES256"],
                "revocation_endpoint": "https://idp.example.com/revoke",
                "revocation_endpoint_auth_methods_supported": ["Bearer"]}"#,
            &[],
        );
        let unknown: Vec<&str> = f
            .iter()
            .filter(|f| f.rule == "auth-methods-unknown")
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(unknown, ["/revocation_endpoint_auth_methods_supported/0"]);
    }

    #[test]
    fn secret_only_needs_secrets_and_a_token_endpoint() {
        // default methods = client_secret_basic
        assert!(fires(
            &run(
                r#"{"$remove": ["token_endpoint_auth_methods_supported"]}"#,
                &[]
            ),
            "auth-secret-only"
        ));
        // public clients only: no secrets at all
        assert!(!fires(
            &run(
                r#"{"token_endpoint_auth_methods_supported": ["none"]}"#,
                &[]
            ),
            "auth-secret-only"
        ));
        // issuer-only document
        assert!(!fires(
            &run(
                r#"{"$remove": ["token_endpoint", "authorization_endpoint", "userinfo_endpoint", "registration_endpoint", "token_endpoint_auth_methods_supported"]}"#,
                &[]
            ),
            "auth-secret-only"
        ));
    }

    #[test]
    fn rs256_for_client_auth_is_suppressed_under_fapi2() {
        let frag = r#"{"token_endpoint_auth_signing_alg_values_supported": ["PS256"]}"#;
        assert!(fires(&run(frag, &[]), "auth-signing-no-rs256"));
        assert!(!fires(
            &run(frag, &[Profile::Fapi2]),
            "auth-signing-no-rs256"
        ));
    }

    #[test]
    fn methods_default_for_revocation_too() {
        let f = run(
            r#"{"revocation_endpoint": "https://idp.example.com/revoke"}"#,
            &[],
        );
        assert!(f.iter().any(|f| f.rule == "auth-methods-default"
            && f.pointer == "/revocation_endpoint_auth_methods_supported"));
    }
}
