//! Registered extensions: device authorization (RFC 8628), pushed authorization
//! requests (RFC 9126), DPoP (RFC 9449), mutual-TLS endpoint aliases (RFC 8705), JAR
//! (RFC 9101), rich authorization requests (RFC 9396), CIBA, front- and back-channel
//! logout, and signed metadata (RFC 8414 §2.1).
//!
//! Each rule looks only at the feature's own members, so it fires only when the
//! document advertises the feature. Signed metadata is decoded (base64url header and
//! payload) but its signature is NOT verified: no key is trusted here.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use super::uri::is_https_url;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{json_type, pointer_token, ptr};
use crate::schema;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";

pub const DEVICE_GRANT_MISMATCH: Rule = Rule {
    id: "device-grant-mismatch",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the device flow is only half advertised (endpoint without grant type, or the reverse)",
    spec: "RFC 8628 §4, §3.4; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Support for the device authorization grant is declared by both the \
                  `device_authorization_endpoint` and the `urn:ietf:params:oauth:grant-type:device_code` grant \
                  type. With only one of them, clients cannot tell whether the flow works. When \
                  `grant_types_supported` is absent, its default list lacks the device grant: that case is info.",
    fix: "publish both the endpoint and the grant type, or neither",
    bad: r#"{"device_authorization_endpoint": "https://idp.example.com/device"}"#,
    good: r#"{"device_authorization_endpoint": "https://idp.example.com/device",
              "grant_types_supported": ["authorization_code", "refresh_token",
                                        "urn:ietf:params:oauth:grant-type:device_code"]}"#,
};

pub const PAR_REQUIRED_WITHOUT_ENDPOINT: Rule = Rule {
    id: "par-required-without-endpoint",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "pushed authorization requests are required but no PAR endpoint is published",
    spec: "RFC 9126 §5, §2",
    explanation: "`require_pushed_authorization_requests: true` says every authorization request must go \
                  through the pushed authorization request endpoint, but without \
                  `pushed_authorization_request_endpoint` clients do not know where that is, so no client \
                  can comply.",
    fix: "publish `pushed_authorization_request_endpoint`, or stop requiring PAR",
    bad: r#"{"require_pushed_authorization_requests": true}"#,
    good: r#"{"require_pushed_authorization_requests": true,
              "pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#,
};

pub const PAR_REQUEST_URI_NOTE: Rule = Rule {
    id: "par-request-uri-note",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "PAR is offered while `request_uri` is restricted: not a contradiction",
    spec: "RFC 9126 §5, §2",
    explanation: "`request_uri_parameter_supported: false` or `require_request_uri_registration: true` look as \
                  if `request_uri` cannot be used, but the `request_uri` values returned by the PAR endpoint \
                  are accepted regardless. Shown so nobody \"fixes\" the flags and breaks PAR.",
    fix: "nothing to change",
    bad: r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par",
             "request_uri_parameter_supported": false}"#,
    good: r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par",
              "request_uri_parameter_supported": true}"#,
};

pub const DPOP_ALG_NONE: Rule = Rule {
    id: "dpop-alg-none",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`none` is listed in `dpop_signing_alg_values_supported`",
    spec: "RFC 9449 §4.2, §5.1, §11.6",
    explanation: "A DPoP proof MUST be signed with an asymmetric algorithm and its `alg` MUST NOT be `none`: an \
                  unsigned proof proves possession of nothing, so a stolen token could be replayed freely.",
    fix: "remove `none`; list asymmetric algorithms such as `ES256` or `PS256`",
    bad: r#"{"dpop_signing_alg_values_supported": ["ES256", "none"]}"#,
    good: r#"{"dpop_signing_alg_values_supported": ["ES256"]}"#,
};

pub const DPOP_ALG_SYMMETRIC: Rule = Rule {
    id: "dpop-alg-symmetric",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a symmetric (HMAC) algorithm is listed for DPoP proofs",
    spec: "RFC 9449 §4.2, §11.6",
    explanation: "DPoP proofs are signed with the client's private key so the server can check them with the \
                  public key in the proof; a MAC algorithm (`HS256`, ...) MUST NOT be used, as it would need a \
                  shared secret and proves nothing about key possession.",
    fix: "remove the `HS*` values; list asymmetric algorithms such as `ES256` or `PS256`",
    bad: r#"{"dpop_signing_alg_values_supported": ["ES256", "HS256"]}"#,
    good: r#"{"dpop_signing_alg_values_supported": ["ES256"]}"#,
};

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
    spec: "RFC 8705 §3, §4 (not confirmed first-hand)",
    explanation: "`tls_client_certificate_bound_access_tokens: true` while neither `tls_client_auth` nor \
                  `self_signed_tls_client_auth` is a token endpoint auth method. Binding tokens to a \
                  certificate is understood to be independent of how the client authenticates (public \
                  clients can use it too), so this is a note, not a fault; the spec text behind that was not \
                  confirmed first-hand.",
    fix: "nothing to change if clients authenticate otherwise; list the mTLS methods if they are supported",
    bad: r#"{"tls_client_certificate_bound_access_tokens": true}"#,
    good: r#"{"tls_client_certificate_bound_access_tokens": true,
              "token_endpoint_auth_methods_supported": ["private_key_jwt", "tls_client_auth"]}"#,
};

pub const JAR_REQUIRED_BUT_UNSUPPORTED: Rule = Rule {
    id: "jar-required-but-unsupported",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "signed request objects are required but no way to send one is advertised",
    spec: "RFC 9101 (metadata registration; not confirmed first-hand); OpenID Connect Discovery 1.0 §3",
    explanation: "`require_signed_request_object: true` means every authorization request must come as a signed \
                  request object, passed with `request` or `request_uri` (or through PAR). This document turns \
                  off both parameters and has no PAR endpoint, so clients cannot comply. Shipped as info \
                  because the RFC 9101 text was only seen second-hand.",
    fix: "enable `request_parameter_supported` or `request_uri_parameter_supported`, or publish a PAR endpoint",
    bad: r#"{"require_signed_request_object": true, "request_parameter_supported": false,
             "request_uri_parameter_supported": false}"#,
    good: r#"{"require_signed_request_object": true, "request_parameter_supported": true}"#,
};

pub const RAR_TYPES_NOT_ARRAY: Rule = Rule {
    id: "rar-types-not-array",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`authorization_details_types_supported` is not a JSON array of strings",
    spec: "RFC 9396 §10",
    explanation: "The authorization details types a server supports are published as a JSON array of strings; \
                  anything else leaves clients unable to discover which `type` values they may send.",
    fix: "publish a JSON array of type strings, e.g. `[\"payment_initiation\"]`",
    bad: r#"{"authorization_details_types_supported": "payment_initiation"}"#,
    good: r#"{"authorization_details_types_supported": ["payment_initiation"]}"#,
};

pub const CIBA_MODES_MISSING: Rule = Rule {
    id: "ciba-modes-missing",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a CIBA endpoint is published without `backchannel_token_delivery_modes_supported`",
    spec: "OpenID CIBA Core 1.0 §4 (read second-hand)",
    explanation: "A provider supporting CIBA publishes both its backchannel authentication endpoint and the \
                  token delivery modes (`poll`, `ping`, `push`) it supports; without the modes a client \
                  cannot pick one. Both are REQUIRED according to quotations of CIBA Core §4; shipped as info \
                  because the specification text was not read first-hand.",
    fix: "publish `backchannel_token_delivery_modes_supported`, e.g. `[\"poll\"]`",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize"}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["poll"],
              "grant_types_supported": ["authorization_code", "urn:openid:params:grant-type:ciba"]}"#,
};

pub const CIBA_ENDPOINT_MISSING: Rule = Rule {
    id: "ciba-endpoint-missing",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "CIBA delivery modes are published without `backchannel_authentication_endpoint`",
    spec: "OpenID CIBA Core 1.0 §4 (read second-hand)",
    explanation: "Delivery modes without the backchannel authentication endpoint leave clients nowhere to send \
                  CIBA requests. Both members are REQUIRED according to quotations of CIBA Core §4; shipped \
                  as info because the specification text was not read first-hand.",
    fix: "publish `backchannel_authentication_endpoint`, or remove the delivery modes",
    bad: r#"{"backchannel_token_delivery_modes_supported": ["poll"]}"#,
    good: r#"{"backchannel_token_delivery_modes_supported": ["poll"],
              "backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize"}"#,
};

pub const CIBA_MODE_INVALID: Rule = Rule {
    id: "ciba-mode-invalid",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a CIBA delivery mode is not `poll`, `ping` or `push`",
    spec: "OpenID CIBA Core 1.0 §4 (read second-hand)",
    explanation: "CIBA defines three token delivery modes: `poll`, `ping` and `push`. Any other value (often \
                  a different case or a typo) matches nothing a client supports. Shipped as info because the \
                  specification text was not read first-hand.",
    fix: "use `poll`, `ping` or `push`",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
             "backchannel_token_delivery_modes_supported": ["Poll"]}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["poll"]}"#,
};

pub const CIBA_GRANT_MISSING: Rule = Rule {
    id: "ciba-grant-missing",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "CIBA `poll` or `ping` is offered but the CIBA grant type is not listed",
    spec: "OpenID CIBA Core 1.0 §4 (not confirmed first-hand)",
    explanation: "In `poll` and `ping` modes the client collects tokens at the token endpoint with the \
                  `urn:openid:params:grant-type:ciba` grant, which a provider supporting those modes is \
                  understood to list in `grant_types_supported`. Shipped as info because the requirement was \
                  not confirmed in the specification text.",
    fix: "add `urn:openid:params:grant-type:ciba` to `grant_types_supported`",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
             "backchannel_token_delivery_modes_supported": ["poll"]}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["push"]}"#,
};

pub const LOGOUT_FCL_SESSION_WITHOUT_FCL: Rule = Rule {
    id: "logout-fcl-session-without-fcl",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`frontchannel_logout_session_supported` is true but front-channel logout is not",
    spec: "OpenID Connect Front-Channel Logout 1.0 §3",
    explanation: "The session flag says the provider sends `iss` and `sid` with front-channel logout \
                  requests, but `frontchannel_logout_supported` is absent or false (the default), so \
                  front-channel logout itself is not offered: the flags contradict each other.",
    fix: "set `frontchannel_logout_supported: true`, or drop the session flag",
    bad: r#"{"frontchannel_logout_session_supported": true}"#,
    good: r#"{"frontchannel_logout_session_supported": true, "frontchannel_logout_supported": true}"#,
};

pub const LOGOUT_BCL_SESSION_WITHOUT_BCL: Rule = Rule {
    id: "logout-bcl-session-without-bcl",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`backchannel_logout_session_supported` is true but back-channel logout is not",
    spec: "OpenID Connect Back-Channel Logout 1.0 §2.1",
    explanation: "The session flag says logout tokens carry a `sid`, but `backchannel_logout_supported` is \
                  absent or false (the default), so back-channel logout itself is not offered: the flags \
                  contradict each other.",
    fix: "set `backchannel_logout_supported: true`, or drop the session flag",
    bad: r#"{"backchannel_logout_session_supported": true}"#,
    good: r#"{"backchannel_logout_session_supported": true, "backchannel_logout_supported": true}"#,
};

pub const LOGOUT_HTTP_LOGOUT_NONSTANDARD: Rule = Rule {
    id: "logout-http-logout-nonstandard",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`http_logout_supported` is not a standard member",
    spec: "OpenID Connect Front-Channel Logout 1.0 §3 (defines `frontchannel_logout_supported`)",
    explanation: "Microsoft Entra ID publishes `http_logout_supported`, believed to be a name from a draft of \
                  front-channel logout (not confirmed). Standard clients read only \
                  `frontchannel_logout_supported`.",
    fix: "publish `frontchannel_logout_supported` (keep the old name only for old clients)",
    bad: r#"{"http_logout_supported": true}"#,
    good: r#"{"frontchannel_logout_supported": true}"#,
};

pub const SIGNED_METADATA_NOT_JWS: Rule = Rule {
    id: "signed-metadata-not-jws",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`signed_metadata` is not a JWS in compact serialization",
    spec: "RFC 8414 §2.1, §1.1",
    explanation: "Signed metadata is a JWT, signed or MACed with JWS and written in the compact serialization \
                  (`header.payload.signature`, base64url, with JSON objects inside). Anything else cannot be \
                  verified or read by clients that support signed metadata.",
    fix: "publish the signed metadata as a compact JWS string",
    bad: r#"{"signed_metadata": "not-a-jws"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_ALG_NONE: Rule = Rule {
    id: "signed-metadata-alg-none",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`signed_metadata` uses `alg: none`",
    spec: "RFC 8414 §2.1",
    explanation: "Signed metadata MUST be digitally signed or MACed. An unsecured JWT (`alg: none`) vouches \
                  for nothing, yet clients that support signed metadata let its values override the plain \
                  ones.",
    fix: "sign the metadata with a real algorithm (e.g. `RS256`, `ES256`)",
    bad: r#"{"signed_metadata": "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9."}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_NO_ISS: Rule = Rule {
    id: "signed-metadata-no-iss",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the `signed_metadata` payload has no `iss` claim",
    spec: "RFC 8414 §2.1",
    explanation: "Signed metadata MUST contain an `iss` claim naming the party that vouches for the metadata; \
                  without it a client cannot choose a key to verify the signature with.",
    fix: "add `iss` to the signed metadata payload",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3N1ZXIiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_NESTED: Rule = Rule {
    id: "signed-metadata-nested",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the `signed_metadata` payload itself contains `signed_metadata`",
    spec: "RFC 8414 §2.1",
    explanation: "`signed_metadata` SHOULD NOT appear as a claim inside the signed metadata; nesting has no \
                  defined meaning and clients will not unwrap it.",
    fix: "remove `signed_metadata` from the signed payload",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInNpZ25lZF9tZXRhZGF0YSI6IngueS56In0.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_DIFFERS: Rule = Rule {
    id: "signed-metadata-differs",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a signed metadata value differs from the plain JSON value",
    spec: "RFC 8414 §2.1",
    explanation: "Signed values MUST take precedence over the plain JSON ones for clients that support signed \
                  metadata, so those clients see the signed value and the others see the plain one. The \
                  signature is not verified here; the comparison only shows which configuration each kind \
                  of client gets.",
    fix: "publish the same values in both places, unless the difference is intended",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9vdGhlci5leGFtcGxlLmNvbS90b2tlbiJ9.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const RULES: &[&Rule] = &[
    &DEVICE_GRANT_MISMATCH,
    &PAR_REQUIRED_WITHOUT_ENDPOINT,
    &PAR_REQUEST_URI_NOTE,
    &DPOP_ALG_NONE,
    &DPOP_ALG_SYMMETRIC,
    &MTLS_ALIAS_UNKNOWN_KEY,
    &MTLS_ALIAS_NOT_HTTPS,
    &MTLS_BOUND_WITHOUT_MTLS_AUTH,
    &JAR_REQUIRED_BUT_UNSUPPORTED,
    &RAR_TYPES_NOT_ARRAY,
    &CIBA_MODES_MISSING,
    &CIBA_ENDPOINT_MISSING,
    &CIBA_MODE_INVALID,
    &CIBA_GRANT_MISSING,
    &LOGOUT_FCL_SESSION_WITHOUT_FCL,
    &LOGOUT_BCL_SESSION_WITHOUT_BCL,
    &LOGOUT_HTTP_LOGOUT_NONSTANDARD,
    &SIGNED_METADATA_NOT_JWS,
    &SIGNED_METADATA_ALG_NONE,
    &SIGNED_METADATA_NO_ISS,
    &SIGNED_METADATA_NESTED,
    &SIGNED_METADATA_DIFFERS,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    device(cx, out);
    par(cx, out);
    dpop(cx, out);
    mtls(cx, out);
    jar(cx, out);
    rar(cx, out);
    ciba(cx, out);
    logout(cx, out);
    signed_metadata(cx, out);
}

fn device(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let endpoint = cx.doc.has("device_authorization_endpoint");
    match cx.doc.explicit_grant_types() {
        Some(grants) => {
            let grant = grants.contains(&DEVICE_GRANT);
            if endpoint && !grant {
                out.push(
                    Finding::new(
                        &DEVICE_GRANT_MISMATCH,
                        "/grant_types_supported",
                        "`device_authorization_endpoint` is published but `grant_types_supported` lacks the \
                         device grant",
                    )
                    .expected(DEVICE_GRANT),
                );
            } else if grant && !endpoint {
                out.push(Finding::new(
                    &DEVICE_GRANT_MISMATCH,
                    "/device_authorization_endpoint",
                    "the device grant is listed but no `device_authorization_endpoint` is published",
                ));
            }
        }
        None if endpoint => out.push(
            Finding::new(
                &DEVICE_GRANT_MISMATCH,
                "/grant_types_supported",
                "`device_authorization_endpoint` is published but `grant_types_supported` is absent, and \
                 its default (authorization_code, implicit) lacks the device grant",
            )
            .severity(Severity::Info)
            .expected(DEVICE_GRANT)
            .help("publish `grant_types_supported` including the device grant"),
        ),
        None => {}
    }
}

fn par(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let endpoint = cx.doc.has("pushed_authorization_request_endpoint");
    if cx.doc.is_true("require_pushed_authorization_requests") && !endpoint {
        out.push(Finding::new(
            &PAR_REQUIRED_WITHOUT_ENDPOINT,
            "/pushed_authorization_request_endpoint",
            "PAR is required but `pushed_authorization_request_endpoint` is absent",
        ));
    }
    if endpoint {
        let pointer = if cx.doc.bool("request_uri_parameter_supported") == Some(false) {
            Some((
                "/request_uri_parameter_supported",
                "`request_uri_parameter_supported` is false",
            ))
        } else if cx.doc.is_true("require_request_uri_registration") {
            Some((
                "/require_request_uri_registration",
                "`require_request_uri_registration` is true",
            ))
        } else {
            None
        };
        if let Some((p, what)) = pointer {
            out.push(Finding::new(
                &PAR_REQUEST_URI_NOTE,
                p,
                format!(
                    "{what}, yet PAR is offered: `request_uri` values from the PAR endpoint are accepted \
                     regardless, so this is not a contradiction"
                ),
            ));
        }
    }
}

fn dpop(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(Value::Array(items)) = cx.doc.get("dpop_signing_alg_values_supported") else {
        return;
    };
    for (i, v) in items.iter().enumerate() {
        let Some(alg) = v.as_str() else { continue };
        let p = format!("/dpop_signing_alg_values_supported/{i}");
        if alg.eq_ignore_ascii_case("none") {
            out.push(
                Finding::new(&DPOP_ALG_NONE, p, "`none` is listed for DPoP proofs").actual(alg),
            );
        } else if matches!(alg, "HS256" | "HS384" | "HS512") {
            out.push(
                Finding::new(
                    &DPOP_ALG_SYMMETRIC,
                    p,
                    format!("`{alg}` is a MAC algorithm, not an asymmetric signature"),
                )
                .actual(alg),
            );
        }
    }
}

fn mtls(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

fn jar(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.doc.is_true("require_signed_request_object") {
        return;
    }
    // Defaults: `request_parameter_supported` false, `request_uri_parameter_supported`
    // true (OpenID Connect Discovery §3).
    let by_value = cx.doc.is_true("request_parameter_supported");
    let by_reference = cx.doc.bool("request_uri_parameter_supported") != Some(false);
    let par = cx.doc.has("pushed_authorization_request_endpoint");
    if !by_value && !by_reference && !par {
        out.push(Finding::new(
            &JAR_REQUIRED_BUT_UNSUPPORTED,
            "/require_signed_request_object",
            "signed request objects are required, but `request` and `request_uri` are both unsupported \
             and there is no PAR endpoint",
        ));
    }
}

fn rar(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let name = "authorization_details_types_supported";
    let Some(value) = cx.doc.get(name) else {
        return;
    };
    match value {
        Value::Array(items) => {
            if let Some((i, v)) = items.iter().enumerate().find(|(_, v)| !v.is_string()) {
                out.push(
                    Finding::new(
                        &RAR_TYPES_NOT_ARRAY,
                        format!("{}/{i}", ptr(name)),
                        format!("element {i} of `{name}` is {}, not a string", json_type(v)),
                    )
                    .expected("a string")
                    .actual(json_type(v)),
                );
            }
        }
        other => out.push(
            Finding::new(
                &RAR_TYPES_NOT_ARRAY,
                ptr(name),
                format!("`{name}` is {}, not an array of strings", json_type(other)),
            )
            .expected("an array of strings")
            .actual(json_type(other)),
        ),
    }
}

fn ciba(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let endpoint = cx.doc.has("backchannel_authentication_endpoint");
    let modes = cx.doc.get("backchannel_token_delivery_modes_supported");
    if endpoint && modes.is_none() {
        out.push(Finding::new(
            &CIBA_MODES_MISSING,
            "/backchannel_token_delivery_modes_supported",
            "`backchannel_authentication_endpoint` is published without \
             `backchannel_token_delivery_modes_supported`",
        ));
    }
    if modes.is_some() && !endpoint {
        out.push(Finding::new(
            &CIBA_ENDPOINT_MISSING,
            "/backchannel_authentication_endpoint",
            "CIBA delivery modes are published without `backchannel_authentication_endpoint`",
        ));
    }
    let Some(Value::Array(items)) = modes else {
        return;
    };
    let mut polls = false;
    for (i, v) in items.iter().enumerate() {
        let Some(mode) = v.as_str() else { continue };
        match mode {
            "poll" | "ping" => polls = true,
            "push" => {}
            other => out.push(
                Finding::new(
                    &CIBA_MODE_INVALID,
                    format!("/backchannel_token_delivery_modes_supported/{i}"),
                    format!("{other:?} is not a CIBA delivery mode"),
                )
                .expected("poll, ping or push")
                .actual(other),
            ),
        }
    }
    if polls && !cx.doc.effective_grant_types().contains(&CIBA_GRANT) {
        let mut f = Finding::new(
            &CIBA_GRANT_MISSING,
            "/grant_types_supported",
            "`poll` or `ping` delivery is offered but `grant_types_supported` lacks the CIBA grant",
        )
        .expected(CIBA_GRANT);
        if cx.doc.explicit_grant_types().is_none() {
            f = f.help(
                "`grant_types_supported` is absent and its default (authorization_code, implicit) \
                 lacks the CIBA grant; publish it with the CIBA grant included",
            );
        }
        out.push(f);
    }
}

fn logout(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (session, main, rule) in [
        (
            "frontchannel_logout_session_supported",
            "frontchannel_logout_supported",
            &LOGOUT_FCL_SESSION_WITHOUT_FCL,
        ),
        (
            "backchannel_logout_session_supported",
            "backchannel_logout_supported",
            &LOGOUT_BCL_SESSION_WITHOUT_BCL,
        ),
    ] {
        if cx.doc.is_true(session) && !cx.doc.is_true(main) {
            out.push(
                Finding::new(
                    rule,
                    ptr(main),
                    format!("`{session}` is true but `{main}` is not"),
                )
                .expected("true")
                .actual(
                    cx.doc
                        .get(main)
                        .map_or_else(|| "absent (default false)".to_string(), Value::to_string),
                ),
            );
        }
    }
    if cx.doc.has("http_logout_supported") {
        let mut f = Finding::new(
            &LOGOUT_HTTP_LOGOUT_NONSTANDARD,
            "/http_logout_supported",
            "`http_logout_supported` is a non-standard name",
        );
        if !cx.doc.has("frontchannel_logout_supported") {
            f = f.help("standard clients read `frontchannel_logout_supported`, which is absent");
        }
        out.push(f);
    }
}

/// A compact JWS decoded without verification: its header and payload objects.
struct Jws {
    header: Map<String, Value>,
    payload: Map<String, Value>,
}

fn decode_part(part: &str, what: &str) -> Result<Map<String, Value>, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|e| format!("the {what} is not base64url: {e}"))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(format!(
            "the {what} is {}, not a JSON object",
            json_type(&other)
        )),
        Err(e) => Err(format!("the {what} is not JSON: {e}")),
    }
}

fn decode_jws(value: &Value) -> Result<Jws, String> {
    let s = value
        .as_str()
        .ok_or_else(|| format!("it is {}, not a string", json_type(value)))?;
    let parts: Vec<&str> = s.split('.').collect();
    let [h, p, sig] = parts.as_slice() else {
        return Err(match parts.len() {
            5 => "it has five parts: a JWE (encrypted), not a JWS".to_string(),
            n => format!("it has {n} dot-separated part(s), not 3"),
        });
    };
    let header = decode_part(h, "header")?;
    let payload = decode_part(p, "payload")?;
    if URL_SAFE_NO_PAD.decode(sig.trim_end_matches('=')).is_err() {
        return Err("the signature is not base64url".into());
    }
    Ok(Jws { header, payload })
}

/// JWT claims that describe the signed object itself rather than the server.
const JWT_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

fn signed_metadata(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(value) = cx.doc.get("signed_metadata") else {
        return;
    };
    let jws = match decode_jws(value) {
        Ok(j) => j,
        Err(why) => {
            out.push(
                Finding::new(
                    &SIGNED_METADATA_NOT_JWS,
                    "/signed_metadata",
                    format!("`signed_metadata` is not a compact JWS: {why}"),
                )
                .expected("header.payload.signature (base64url)"),
            );
            return;
        }
    };
    match jws.header.get("alg").and_then(Value::as_str) {
        Some(alg) if alg.eq_ignore_ascii_case("none") => out.push(
            Finding::new(
                &SIGNED_METADATA_ALG_NONE,
                "/signed_metadata",
                "`signed_metadata` is an unsecured JWT (`alg: none`)",
            )
            .actual(alg),
        ),
        Some(_) => {}
        None => out.push(Finding::new(
            &SIGNED_METADATA_NOT_JWS,
            "/signed_metadata",
            "the `signed_metadata` header has no `alg`",
        )),
    }
    if !jws.payload.get("iss").is_some_and(Value::is_string) {
        out.push(Finding::new(
            &SIGNED_METADATA_NO_ISS,
            "/signed_metadata",
            "the `signed_metadata` payload has no `iss` claim",
        ));
    }
    if jws.payload.contains_key("signed_metadata") {
        out.push(Finding::new(
            &SIGNED_METADATA_NESTED,
            "/signed_metadata",
            "the `signed_metadata` payload contains `signed_metadata`",
        ));
    }
    for (name, signed) in &jws.payload {
        if JWT_CLAIMS.contains(&name.as_str()) || name == "signed_metadata" {
            continue;
        }
        let plain = cx.doc.get(name);
        if plain == Some(signed) {
            continue;
        }
        let (message, actual) = match plain {
            Some(p) => (
                format!(
                    "the signed value of `{name}` differs from the plain one; the signed value wins"
                ),
                p.to_string(),
            ),
            None => (
                format!("`{name}` appears only in the signed metadata"),
                "(absent)".to_string(),
            ),
        };
        out.push(
            Finding::new(&SIGNED_METADATA_DIFFERS, ptr(name), message)
                .expected(signed.to_string())
                .actual(actual),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use crate::diagnostic::{Finding, Severity};

    fn only<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        f.iter().filter(|x| x.rule == rule).collect()
    }

    #[test]
    fn device_grant_mismatch_both_ways_and_info_when_grants_are_absent() {
        let f = run(
            r#"{"grant_types_supported": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]}"#,
            &[],
        );
        let d = only(&f, "device-grant-mismatch");
        assert_eq!(d[0].pointer, "/device_authorization_endpoint");
        assert_eq!(d[0].severity, Severity::Warning);

        let f = run(
            r#"{"$remove": ["grant_types_supported"],
                "device_authorization_endpoint": "https://idp.example.com/device"}"#,
            &[],
        );
        let d = only(&f, "device-grant-mismatch");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(!fires(&run("", &[]), "device-grant-mismatch"));
    }

    #[test]
    fn par_note_for_registration_flag_too() {
        let f = run(
            r#"{"pushed_authorization_request_endpoint": "https://idp.example.com/par",
                "$remove": ["request_uri_parameter_supported"],
                "require_request_uri_registration": true}"#,
            &[],
        );
        let n = only(&f, "par-request-uri-note");
        assert_eq!(n[0].pointer, "/require_request_uri_registration");
    }

    #[test]
    fn dpop_points_at_the_element() {
        let f = run(
            r#"{"dpop_signing_alg_values_supported": ["ES256", "HS512", "none"]}"#,
            &[],
        );
        assert_eq!(
            only(&f, "dpop-alg-symmetric")[0].pointer,
            "/dpop_signing_alg_values_supported/1"
        );
        assert_eq!(
            only(&f, "dpop-alg-none")[0].pointer,
            "/dpop_signing_alg_values_supported/2"
        );
    }

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

    #[test]
    fn jar_uses_discovery_defaults() {
        // request_uri_parameter_supported defaults to true.
        let f = run(
            r#"{"require_signed_request_object": true, "$remove": ["request_uri_parameter_supported"]}"#,
            &[],
        );
        assert!(!fires(&f, "jar-required-but-unsupported"));
        // The baseline sets it to false and has no PAR endpoint.
        let f = run(r#"{"require_signed_request_object": true}"#, &[]);
        assert!(fires(&f, "jar-required-but-unsupported"));
        let f = run(
            r#"{"require_signed_request_object": true,
                "pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#,
            &[],
        );
        assert!(!fires(&f, "jar-required-but-unsupported"));
    }

    #[test]
    fn rar_is_typed_once() {
        let f = run(
            r#"{"authorization_details_types_supported": ["a", 1]}"#,
            &[],
        );
        let r = only(&f, "rar-types-not-array");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].pointer, "/authorization_details_types_supported/1");
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
    }

    #[test]
    fn ciba_grant_counts_explicit_and_default_grants() {
        let frag = r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc",
                       "backchannel_token_delivery_modes_supported": ["ping", "push"],
                       "grant_types_supported": ["urn:openid:params:grant-type:ciba"]}"#;
        assert!(!fires(&run(frag, &[]), "ciba-grant-missing"));
        let f = run(
            r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc",
                "backchannel_token_delivery_modes_supported": ["poll"],
                "$remove": ["grant_types_supported"]}"#,
            &[],
        );
        let g = only(&f, "ciba-grant-missing");
        assert!(g[0].help.is_some());
    }

    #[test]
    fn logout_flags() {
        let f = run(
            r#"{"backchannel_logout_session_supported": true, "backchannel_logout_supported": false}"#,
            &[],
        );
        let b = only(&f, "logout-bcl-session-without-bcl");
        assert_eq!(b[0].pointer, "/backchannel_logout_supported");
        assert_eq!(b[0].actual.as_deref(), Some("false"));
    }

    #[test]
    fn signed_metadata_shapes() {
        for (value, why) in [
            (r#"7"#, "not a string"),
            (r#""a.b""#, "2 dot-separated"),
            (r#""a.b.c.d.e""#, "JWE"),
            (r#""eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln""#, "payload is an array"),
            (
                r#""eyJhbGciOiJSUzI1NiJ9.!!!.c2ln""#,
                "payload is not base64url",
            ),
        ] {
            let f = run(&format!(r#"{{"signed_metadata": {value}}}"#), &[]);
            let n = only(&f, "signed-metadata-not-jws");
            assert_eq!(n.len(), 1, "{value}");
            assert!(n[0].message.contains(why), "{value}: {}", n[0].message);
        }
        // A non-string signed_metadata gets no separate type finding.
        let f = run(r#"{"signed_metadata": 7}"#, &[]);
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
    }

    #[test]
    fn signed_values_that_differ_point_at_the_plain_member() {
        let f = run(
            r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9vdGhlci5leGFtcGxlLmNvbS90b2tlbiJ9.c2ln"}"#,
            &[],
        );
        let d = only(&f, "signed-metadata-differs");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/token_endpoint");
        assert_eq!(
            d[0].expected.as_deref(),
            Some("\"https://other.example.com/token\"")
        );
    }
}
