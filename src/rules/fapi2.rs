//! FAPI 2.0 Security Profile rules (`fapi2-*`, `--profile fapi2`): what the
//! metadata of a FAPI 2.0 authorization server must show — code flow only, PAR,
//! PKCE with S256, the `iss` response parameter, sender-constrained tokens,
//! asymmetric client authentication, and PS256/ES256/EdDSA as the only JWS
//! algorithms (FAPI 2.0 §5.3.2, §5.4.1), and the key sizes and distinct `kid`s
//! the key set must have (§5.4.1, §5.4.2). The key-set rules run with the other
//! key-set checks (`jwks::check_jwks` calls [`check_keys`]), on the sizes the key
//! code reads.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::jwks::key::{KeySize, key_size};
use super::jwks::{example, kptr, label};
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{ptr, token_set};

pub const METADATA: Rule = Rule {
    id: "fapi2-metadata",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "no usable discovery metadata is served",
    spec: "FAPI 2.0 Security Profile §5.3.2.1 item 1",
    explanation: "A FAPI 2.0 authorization server shall distribute its discovery metadata (OpenID \
                  Connect Discovery or RFC 8414) at its well-known location. A well-known URL that \
                  does not answer 200 leaves clients with nothing to configure themselves from.",
    fix: "serve the metadata document with status 200 at the well-known URL",
    bad: "",
    good: "",
};

pub const RESPONSE_TYPE_CODE: Rule = Rule {
    id: "fapi2-response-type-code",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`code` is not the only response type",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 item 1",
    explanation: "FAPI 2.0 authorization servers shall require the `code` response type: no tokens in \
                  the front channel. An error when `code` is not listed; a warning when other \
                  response types are listed too (the server may serve non-FAPI clients with them).",
    fix: "list only `code` in `response_types_supported`",
    bad: r#"{"response_types_supported": ["code id_token"]}"#,
    good: r#"{"response_types_supported": ["code"]}"#,
};

pub const PAR_ENDPOINT: Rule = Rule {
    id: "fapi2-par-endpoint",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`pushed_authorization_request_endpoint` is absent",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 items 2–3; RFC 9126 §5",
    explanation: "FAPI 2.0 requires pushed authorization requests: the client sends the request \
                  server to server, so it cannot be read or altered in the browser. Clients find the \
                  PAR endpoint only through this member.",
    fix: "support PAR and publish `pushed_authorization_request_endpoint`",
    bad: r#"{"require_pushed_authorization_requests": true}"#,
    good: r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#,
};

pub const PAR_NOT_REQUIRED: Rule = Rule {
    id: "fapi2-par-not-required",
    severity: Severity::Warning,
    profile: Profile::Fapi2,
    summary: "`require_pushed_authorization_requests` is not `true`",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 item 3; RFC 9126 §5",
    explanation: "FAPI 2.0 authorization servers shall reject authorization requests not sent through \
                  PAR. The metadata should say so with `require_pushed_authorization_requests: true`; \
                  a warning because the flag may be set per client instead.",
    fix: "publish `\"require_pushed_authorization_requests\": true`",
    bad: r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#,
    good: r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par", "require_pushed_authorization_requests": true}"#,
};

pub const PKCE_S256: Rule = Rule {
    id: "fapi2-pkce-s256",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`code_challenge_methods_supported` does not list `S256`",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 item 5",
    explanation: "FAPI 2.0 authorization servers shall require PKCE with the S256 method; clients \
                  learn that S256 is available from `code_challenge_methods_supported`.",
    fix: "publish `\"code_challenge_methods_supported\": [\"S256\"]`",
    bad: r#"{"$remove": ["code_challenge_methods_supported"]}"#,
    good: "",
};

pub const PKCE_PLAIN: Rule = Rule {
    id: "fapi2-pkce-plain",
    severity: Severity::Warning,
    profile: Profile::Fapi2,
    summary: "`code_challenge_methods_supported` lists `plain`",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 item 5",
    explanation: "FAPI 2.0 requires PKCE with S256; advertising `plain` invites clients to use a \
                  method that exposes the code verifier.",
    fix: "remove `plain` from `code_challenge_methods_supported`",
    bad: r#"{"code_challenge_methods_supported": ["S256", "plain"]}"#,
    good: "",
};

pub const ISS_PARAM: Rule = Rule {
    id: "fapi2-iss-param",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`authorization_response_iss_parameter_supported` is not `true`",
    spec: "FAPI 2.0 Security Profile §5.3.2.2 item 7; RFC 9207 §2.3",
    explanation: "FAPI 2.0 authorization servers shall return the `iss` parameter in authorization \
                  responses (mix-up defence), and RFC 9207 requires a server that does to publish \
                  `authorization_response_iss_parameter_supported: true`.",
    fix: "send `iss` and publish `\"authorization_response_iss_parameter_supported\": true`",
    bad: r#"{"authorization_response_iss_parameter_supported": false}"#,
    good: "",
};

pub const SENDER_CONSTRAINT: Rule = Rule {
    id: "fapi2-sender-constraint",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "neither DPoP nor mutual-TLS token binding is advertised",
    spec: "FAPI 2.0 Security Profile §5.3.2.1 items 4–5",
    explanation: "FAPI 2.0 access tokens shall be sender-constrained, with mutual TLS (RFC 8705) or \
                  DPoP (RFC 9449). The metadata shows neither `dpop_signing_alg_values_supported` nor \
                  `tls_client_certificate_bound_access_tokens: true`.",
    fix: "support DPoP or certificate-bound tokens and publish the matching member",
    bad: r#"{"$remove": ["dpop_signing_alg_values_supported"]}"#,
    good: r#"{"$remove": ["dpop_signing_alg_values_supported"], "tls_client_certificate_bound_access_tokens": true}"#,
};

pub const CLIENT_AUTH: Rule = Rule {
    id: "fapi2-client-auth",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "no FAPI 2.0 client authentication method (`private_key_jwt`, mutual TLS) is offered",
    spec: "FAPI 2.0 Security Profile §5.3.2.1 item 6",
    explanation: "FAPI 2.0 clients authenticate with `private_key_jwt` or mutual TLS \
                  (`tls_client_auth`, `self_signed_tls_client_auth`). None of them is among the \
                  token endpoint's methods (absent means only `client_secret_basic`).",
    fix: "offer `private_key_jwt` or a mutual-TLS method and list it in `token_endpoint_auth_methods_supported`",
    bad: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic"]}"#,
    good: "",
};

pub const CLIENT_AUTH_OTHER: Rule = Rule {
    id: "fapi2-client-auth-other",
    severity: Severity::Warning,
    profile: Profile::Fapi2,
    summary: "client authentication methods FAPI 2.0 does not allow are also offered",
    spec: "FAPI 2.0 Security Profile §5.3.2.1 items 3, 6",
    explanation: "FAPI 2.0 serves only confidential clients authenticating with `private_key_jwt` or \
                  mutual TLS. Shared secrets and `none` are fine for other clients of the same \
                  server, but must not be accepted from FAPI clients.",
    fix: "make sure FAPI clients are registered with `private_key_jwt` or mutual TLS only",
    bad: r#"{"token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_post"]}"#,
    good: "",
};

pub const PASSWORD_GRANT: Rule = Rule {
    id: "fapi2-password-grant",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`grant_types_supported` lists `password`",
    spec: "FAPI 2.0 Security Profile §5.3.2.1 item 2",
    explanation: "FAPI 2.0 authorization servers shall not support the resource owner password \
                  credentials grant.",
    fix: "remove the `password` grant",
    bad: r#"{"grant_types_supported": ["authorization_code", "password"]}"#,
    good: "",
};

pub const ALG_NONE: Rule = Rule {
    id: "fapi2-alg-none",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "`none` is listed as a signing algorithm",
    spec: "FAPI 2.0 Security Profile §5.4.1 item 1",
    explanation: "FAPI 2.0 parties shall not use or accept the `none` algorithm for any JWT.",
    fix: "remove `none` from every `*_signing_alg_values_supported` list",
    bad: r#"{"request_object_signing_alg_values_supported": ["PS256", "none"]}"#,
    good: r#"{"request_object_signing_alg_values_supported": ["PS256"]}"#,
};

pub const ALG_NOT_ALLOWED: Rule = Rule {
    id: "fapi2-alg-not-allowed",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "a signing-algorithm list lacks PS256/ES256/EdDSA, or lists other algorithms",
    spec: "FAPI 2.0 Security Profile §5.4.1 item 1",
    explanation: "FAPI 2.0 JWTs shall use PS256, ES256 or EdDSA (with Ed25519; the fully-specified \
                  name `Ed25519` counts too). An error when a signing list for ID tokens, UserInfo, \
                  request objects, client authentication, DPoP or JARM offers none of them; a warning \
                  per other algorithm listed (such as RS256), which FAPI clients must not use.",
    fix: "offer PS256, ES256 or EdDSA in each signing list, and keep other algorithms away from FAPI clients",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256"]}"#,
    good: r#"{"id_token_signing_alg_values_supported": ["PS256", "EdDSA"], "token_endpoint_auth_signing_alg_values_supported": ["ES256"], "dpop_signing_alg_values_supported": ["ES256", "Ed25519"]}"#,
};

pub const KEY_SIZE: Rule = Rule {
    id: "fapi2-key-size",
    severity: Severity::Error,
    profile: Profile::Fapi2,
    summary: "an RSA key is below 2048 bits or an EC key below 224 bits",
    spec: "FAPI 2.0 Security Profile §5.4.1 items 2-3",
    explanation: "FAPI 2.0 requires RSA keys of at least 2048 bits and elliptic-curve keys of at least 224 bits \
                  for all signing and encryption.",
    fix: "replace the key with an RSA key of 2048 bits or more, or an EC key on P-256 or larger",
    bad: example!("jwks/examples/rsa-1024.json"),
    good: example!("jwks/examples/passing.json"),
};

pub const JWKS_DUPLICATE_KID: Rule = Rule {
    id: "fapi2-jwks-duplicate-kid",
    severity: Severity::Warning,
    profile: Profile::Fapi2,
    summary: "two keys in the set share a `kid`",
    spec: "FAPI 2.0 Security Profile §5.4.2",
    explanation: "FAPI 2.0 says a JWK set should not contain several keys with the same `kid`, whatever their \
                  type, so clients can select keys by `kid` alone.",
    fix: "give every key a distinct `kid`",
    bad: example!("jwks/examples/fapi2-jwks-duplicate-kid.bad.json"),
    good: example!("jwks/examples/fapi2-jwks-duplicate-kid.good.json"),
};

/// The key-set rules of FAPI 2.0 §5.4: checked against the JWK Set, not the
/// document, by [`check_keys`]; their examples are whole key sets.
pub const KEY_SET_RULES: &[&Rule] = &[&KEY_SIZE, &JWKS_DUPLICATE_KID];

pub const RULES: &[&Rule] = &[
    &METADATA,
    &RESPONSE_TYPE_CODE,
    &PAR_ENDPOINT,
    &PAR_NOT_REQUIRED,
    &PKCE_S256,
    &PKCE_PLAIN,
    &ISS_PARAM,
    &SENDER_CONSTRAINT,
    &CLIENT_AUTH,
    &CLIENT_AUTH_OTHER,
    &PASSWORD_GRANT,
    &ALG_NONE,
    &ALG_NOT_ALLOWED,
    &KEY_SIZE,
    &JWKS_DUPLICATE_KID,
];

/// Client authentication methods FAPI 2.0 allows.
const FAPI_AUTH_METHODS: &[&str] = &[
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
];

/// JWS algorithms FAPI 2.0 allows (EdDSA with Ed25519; `Ed25519` is its
/// fully-specified name).
const FAPI_ALGS: &[&str] = &["PS256", "ES256", "EdDSA", "Ed25519"];

/// Signing-algorithm lists FAPI 2.0 restricts.
const SIGNING_LISTS: &[&str] = &[
    "id_token_signing_alg_values_supported",
    "userinfo_signing_alg_values_supported",
    "request_object_signing_alg_values_supported",
    "token_endpoint_auth_signing_alg_values_supported",
    "dpop_signing_alg_values_supported",
    "authorization_signing_alg_values_supported",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.profile(Profile::Fapi2) {
        return;
    }
    flow(cx, out);
    client_auth(cx, out);
    algorithms(cx, out);
}

fn flow(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let types = doc.strings("response_types_supported").unwrap_or_default();
    let code = token_set("code");
    let sets = doc.response_type_sets();
    if !sets.contains(&code) {
        out.push(
            Finding::new(
                &RESPONSE_TYPE_CODE,
                "/response_types_supported",
                "the `code` response type is not offered",
            )
            .expected("[\"code\"]")
            .actual(types.join(", ")),
        );
    } else if sets.iter().any(|s| *s != code) {
        out.push(
            Finding::new(
                &RESPONSE_TYPE_CODE,
                "/response_types_supported",
                "response types other than `code` are offered too",
            )
            .severity(Severity::Warning)
            .expected("[\"code\"]")
            .actual(types.join(", ")),
        );
    }
    if !doc.has("pushed_authorization_request_endpoint") {
        out.push(Finding::new(
            &PAR_ENDPOINT,
            "/pushed_authorization_request_endpoint",
            "no pushed authorization request endpoint is published",
        ));
    }
    if !doc.is_true("require_pushed_authorization_requests") {
        out.push(
            Finding::new(
                &PAR_NOT_REQUIRED,
                "/require_pushed_authorization_requests",
                "the metadata does not say that pushed authorization requests are required",
            )
            .expected("true"),
        );
    }
    const PKCE: &str = "code_challenge_methods_supported";
    if !doc.contains(PKCE, "S256") {
        out.push(
            Finding::new(&PKCE_S256, ptr(PKCE), "PKCE with `S256` is not advertised")
                .expected("[\"S256\"]"),
        );
    }
    for (pointer, method) in doc.elements(PKCE) {
        if method == "plain" {
            out.push(Finding::new(
                &PKCE_PLAIN,
                pointer,
                "the `plain` PKCE method is advertised",
            ));
        }
    }
    if !doc.is_true("authorization_response_iss_parameter_supported") {
        out.push(
            Finding::new(
                &ISS_PARAM,
                "/authorization_response_iss_parameter_supported",
                "the `iss` authorization response parameter is not advertised",
            )
            .expected("true"),
        );
    }
    if !doc.has("dpop_signing_alg_values_supported")
        && !doc.is_true("tls_client_certificate_bound_access_tokens")
    {
        out.push(Finding::new(
            &SENDER_CONSTRAINT,
            "/dpop_signing_alg_values_supported",
            "no sender-constraining mechanism (DPoP or mutual-TLS binding) is advertised",
        ));
    }
    for (pointer, grant) in doc.elements("grant_types_supported") {
        if grant == "password" {
            out.push(Finding::new(
                &PASSWORD_GRANT,
                pointer,
                "the password grant is offered",
            ));
        }
    }
}

fn client_auth(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let methods = doc.effective_token_auth_methods();
    if !methods.iter().any(|m| FAPI_AUTH_METHODS.contains(m)) {
        out.push(
            Finding::new(
                &CLIENT_AUTH,
                "/token_endpoint_auth_methods_supported",
                "no client authentication method FAPI 2.0 allows is offered",
            )
            .expected(FAPI_AUTH_METHODS.join(", "))
            .actual(methods.join(", ")),
        );
    }
    for (pointer, method) in doc.elements("token_endpoint_auth_methods_supported") {
        if !FAPI_AUTH_METHODS.contains(&method) {
            out.push(
                Finding::new(
                    &CLIENT_AUTH_OTHER,
                    pointer,
                    format!("`{method}` is offered, which FAPI 2.0 clients must not use"),
                )
                .actual(method),
            );
        }
    }
}

fn algorithms(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for name in doc
        .value
        .keys()
        .filter(|k| k.ends_with("_signing_alg_values_supported"))
    {
        for (pointer, alg) in doc.elements(name) {
            if alg == "none" {
                out.push(Finding::new(
                    &ALG_NONE,
                    pointer,
                    format!("`{name}` lists `none`"),
                ));
            }
        }
    }
    for &name in SIGNING_LISTS {
        let Some(algs) = doc.strings(name) else {
            continue;
        };
        if algs.is_empty() {
            continue;
        }
        if !algs.iter().any(|a| FAPI_ALGS.contains(a)) {
            out.push(
                Finding::new(
                    &ALG_NOT_ALLOWED,
                    ptr(name),
                    format!("`{name}` offers none of PS256, ES256, EdDSA"),
                )
                .expected("PS256, ES256 or EdDSA")
                .actual(algs.join(", ")),
            );
            continue;
        }
        for (pointer, alg) in doc.elements(name) {
            if !FAPI_ALGS.contains(&alg) && alg != "none" {
                out.push(
                    Finding::new(
                        &ALG_NOT_ALLOWED,
                        pointer,
                        format!("`{name}` also lists `{alg}`, which FAPI 2.0 does not allow"),
                    )
                    .severity(Severity::Warning)
                    .actual(alg),
                );
            }
        }
    }
}

/// FAPI 2.0's rules on the key set: RSA keys of 2048 bits or more and EC keys of
/// 224 bits or more (§5.4.1 items 2-3), and no `kid` shared by two keys, whatever
/// their types (§5.4.2). `keys` are the set's key objects with their positions.
/// Raw findings, like every check: the checker drops them without the profile.
pub fn check_keys(keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
    // The first key holding each kid: one pass, so a hostile set of many keys
    // sharing a kid costs no more than any other.
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for &(i, key) in keys {
        let small = match key_size(key) {
            Some(KeySize::Rsa(bits)) if bits < 2048 => Some(("n", bits, "RSA", "2048")),
            Some(KeySize::Ec(bits)) if bits < 224 => Some(("crv", bits, "EC", "224")),
            _ => None,
        };
        if let Some((member, bits, kind, least)) = small {
            out.push(
                Finding::new(
                    &KEY_SIZE,
                    kptr(i, member),
                    format!("{} is a {bits}-bit {kind} key", label(i, key)),
                )
                .expected(format!("{least} bits or more"))
                .actual(format!("{bits} bits")),
            );
        }
        let Some(kid) = key.get("kid").and_then(Value::as_str) else {
            continue;
        };
        match first.get(kid) {
            Some(earlier) => out.push(
                Finding::new(
                    &JWKS_DUPLICATE_KID,
                    kptr(i, "kid"),
                    format!("key {i} has the kid {kid:?} of key {earlier}"),
                )
                .actual(kid.to_string()),
            ),
            None => {
                first.insert(kid, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{exchange, fires, merged, run, run_with, target};
    use super::*;
    use crate::document::Document;

    /// A document that satisfies FAPI 2.0 (as far as metadata can show).
    const FAPI: &str = r#"{
        "pushed_authorization_request_endpoint": "https://idp.example.com/par",
        "require_pushed_authorization_requests": true,
        "id_token_signing_alg_values_supported": ["PS256", "ES256"],
        "token_endpoint_auth_signing_alg_values_supported": ["PS256", "ES256"],
        "dpop_signing_alg_values_supported": ["ES256", "EdDSA"],
        "request_object_signing_alg_values_supported": ["PS256"]
    }"#;

    fn fapi_rules(f: &[Finding]) -> Vec<&str> {
        f.iter()
            .filter(|f| f.rule.id.starts_with("fapi2-"))
            .map(|f| f.rule.id)
            .collect()
    }

    #[test]
    fn a_fapi_document_passes_and_suppresses_rs256_advice() {
        let f = run(FAPI, &[Profile::Fapi2]);
        assert!(fapi_rules(&f).is_empty(), "{f:?}");
        assert!(!fires(&f, "auth-signing-no-rs256"));
        assert!(!fires(&f, "oidc-request-object-algs-no-rs256"));
        // without the profile nothing FAPI-specific is reported
        let f = run("", &[]);
        assert!(fapi_rules(&f).is_empty());
    }

    #[test]
    fn code_plus_other_response_types_is_a_warning() {
        let mut frag = merged(FAPI);
        frag.insert(
            "response_types_supported".into(),
            serde_json::json!(["code", "code id_token"]),
        );
        let doc = Document::from_map(frag);
        let f = run_with(doc, Some(&exchange()), &target(), &[Profile::Fapi2]);
        let r: Vec<&Finding> = f
            .iter()
            .filter(|f| f.rule == "fapi2-response-type-code")
            .collect();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].severity, Severity::Warning);
    }

    #[test]
    fn allowed_algorithms_error_then_warning_per_extra_alg() {
        let f = run(
            r#"{"id_token_signing_alg_values_supported": ["RS256", "PS256", "none"],
                "token_endpoint_auth_signing_alg_values_supported": ["RS256"]}"#,
            &[Profile::Fapi2],
        );
        let a: Vec<(&str, Severity)> = f
            .iter()
            .filter(|f| f.rule == "fapi2-alg-not-allowed")
            .map(|f| (f.pointer.as_str(), f.severity))
            .collect();
        assert!(a.contains(&(
            "/id_token_signing_alg_values_supported/0",
            Severity::Warning
        )));
        assert!(a.contains(&(
            "/token_endpoint_auth_signing_alg_values_supported",
            Severity::Error
        )));
        // `none` is reported once, by fapi2-alg-none
        assert!(!a.iter().any(|(p, _)| p.ends_with("/2")));
        assert!(f.iter().any(|f| f.rule == "fapi2-alg-none"
            && f.pointer == "/id_token_signing_alg_values_supported/2"));
    }

    #[test]
    fn client_auth_defaults_to_client_secret_basic() {
        let f = run(
            r#"{"$remove": ["token_endpoint_auth_methods_supported"]}"#,
            &[Profile::Fapi2],
        );
        assert!(fires(&f, "fapi2-client-auth"));
        assert!(!fires(&f, "fapi2-client-auth-other"));
    }

    #[test]
    fn metadata_must_be_served_with_200() {
        let mut http = exchange();
        http.status = 404;
        let doc = Document::from_map(merged(FAPI));
        let f = run_with(doc, Some(&http), &target(), &[Profile::Fapi2]);
        let m = f.iter().find(|f| f.rule == "fapi2-metadata").unwrap();
        assert_eq!(m.actual.as_deref(), Some("404"));
        // a local file has no exchange: nothing to say
        let doc = Document::from_map(merged(FAPI));
        let f = run_with(doc, None, &target(), &[Profile::Fapi2]);
        assert!(!fires(&f, "fapi2-metadata"));
    }
}
