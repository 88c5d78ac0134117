//! Client readiness rules (`client-*`): will a given kind of client work with this
//! issuer? Each `--client KIND` puts that kind's rules in force (profile
//! `client:KIND`); they check that the document advertises what the kind needs and
//! say precisely what is missing.
//!
//! Grading: what makes the flow impossible is an error; what leaves it weaker than
//! RFC 9700 recommends (or leaves support unknown) is a warning; notes are info.
//! An absent member with a default is judged by its default, and the finding says
//! so. Only the document is read, except `client-spa-token-cors`, which `--probe`
//! produces (`crate::probe`).
//!
//! Other families judge the same members for the server's own sake (`pkce-*`,
//! `auth-*`, `device-*`); these rules answer the client's question and may repeat
//! them, from that side.

use super::device::DEVICE_GRANT;
use super::{Context, Profile, Rule};
use crate::diagnostic::{ClientKind, Finding, Severity};
use crate::document::{Document, token_set};

const SPA: Profile = Profile::Client(ClientKind::Spa);
const NATIVE: Profile = Profile::Client(ClientKind::Native);
const WEB: Profile = Profile::Client(ClientKind::Web);
const DEVICE: Profile = Profile::Client(ClientKind::Device);
const SERVICE: Profile = Profile::Client(ClientKind::Service);

const METHODS: &str = "token_endpoint_auth_methods_supported";
const GRANTS: &str = "grant_types_supported";
const PKCE: &str = "code_challenge_methods_supported";

/// Token endpoint authentication methods with which a client proves it holds a
/// credential (OpenID Connect Core §9, RFC 8705 §2).
const CONFIDENTIAL_METHODS: &[&str] = &[
    "client_secret_basic",
    "client_secret_post",
    "client_secret_jwt",
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
];

/// The confidential methods that need no secret shared with the server.
const ASYMMETRIC_METHODS: &[&str] = &[
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
];

// --- spa ----------------------------------------------------------------------

pub const SPA_CODE: Rule = Rule {
    id: "client-spa-code",
    severity: Severity::Error,
    profile: SPA,
    summary: "a browser app cannot run the authorization code flow: the document does not offer it",
    spec: "draft-ietf-oauth-browser-based-apps §6.3.1, §6.3.2; RFC 9700 §2.1.2; RFC 6749 §4.1",
    explanation: "\"The application obtains an authorization code (B) by initiating the Authorization Code \
                  flow with the PKCE extension\" and \"uses a browser API (e.g. [Fetch]) to make a POST \
                  request to the token endpoint (C) to exchange the authorization code for tokens\" \
                  (browser-based apps §6.3.1). That needs an `authorization_endpoint`, a \
                  `token_endpoint`, the `code` response type and, when `grant_types_supported` is \
                  published, `authorization_code` in it; the implicit flow is no substitute (RFC 9700 \
                  §2.1.2: clients \"SHOULD NOT use the implicit grant\"). A missing piece is an error; \
                  a warning when `code` comes only in hybrid response types (`code id_token`), or when \
                  `response_types_supported` is absent and support is unknown.",
    fix: "publish both endpoints, `\"response_types_supported\": [\"code\", ...]` and `authorization_code` \
          in `grant_types_supported`",
    bad: r#"{"response_types_supported": ["id_token", "id_token token"]}"#,
    good: r#"{"response_types_supported": ["code"]}"#,
};

pub const SPA_PKCE: Rule = Rule {
    id: "client-spa-pkce",
    severity: Severity::Error,
    profile: SPA,
    summary: "a browser app cannot use PKCE with S256: the document does not offer it",
    spec: "draft-ietf-oauth-browser-based-apps §6.3.2.1; RFC 9700 §2.1.1; RFC 7636 §4.2, §4.4.1; RFC 8414 §2",
    explanation: "\"Browser-based applications that are public clients MUST implement the Proof Key for \
                  Code Exchange (PKCE [RFC7636]) extension when obtaining an access token, and \
                  authorization servers MUST support and enforce PKCE for such clients\" (browser-based \
                  apps §6.3.2.1), with `S256`, \"the only such method\" that does not expose the \
                  verifier (RFC 9700 §2.1.1). A list without `S256` is an error: a server that supports \
                  PKCE but not the method asked for answers `invalid_request` (RFC 7636 §4.4.1). An \
                  absent `code_challenge_methods_supported` is a warning: RFC 8414 reads it as \"does not \
                  support PKCE\", yet many servers support PKCE without saying so, so support is unknown.",
    fix: "support PKCE and publish `\"code_challenge_methods_supported\": [\"S256\"]`",
    bad: r#"{"code_challenge_methods_supported": ["plain"]}"#,
    good: r#"{"code_challenge_methods_supported": ["S256"]}"#,
};

pub const SPA_PUBLIC: Rule = Rule {
    id: "client-spa-public",
    severity: Severity::Error,
    profile: SPA,
    summary: "a browser app cannot authenticate at the token endpoint: `none` (a public client) is not offered",
    spec: "draft-ietf-oauth-browser-based-apps §6.3.3.1; RFC 6749 §2.1; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "\"Since a browser-based application's source code is delivered to the end-user's browser, \
                  it is unfit to contain provisioned secrets\", so it is a public client, and \
                  \"authorization servers MUST NOT require client authentication of browser-based \
                  applications using a shared secret\" (browser-based apps §6.3.3.1). A public client \
                  uses the token endpoint authentication method `none`; when \
                  `token_endpoint_auth_methods_supported` does not list it (absent, the default is \
                  `client_secret_basic` alone), the document says the code exchange needs a credential \
                  the app cannot keep. Some servers accept `none` for clients registered as \
                  single-page apps without listing it; the document is what this rule reads.",
    fix: "accept public clients and list `none` in `token_endpoint_auth_methods_supported`",
    bad: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["none", "private_key_jwt"]}"#,
};

pub const SPA_REFRESH: Rule = Rule {
    id: "client-spa-refresh",
    severity: Severity::Warning,
    profile: SPA,
    summary: "a browser app gets no refresh token: `refresh_token` is not among the grant types",
    spec: "draft-ietf-oauth-browser-based-apps §6.3.2.3; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "\"Authorization servers may choose whether or not to issue refresh tokens to browser-based \
                  applications. However, in light of the impact of third-party cookie-blocking \
                  mechanisms, the use of refresh tokens has become significantly more attractive\" \
                  (browser-based apps §6.3.2.3). Without the `refresh_token` grant the app must send the \
                  user back through the authorization endpoint whenever an access token expires; \
                  renewing silently in a hidden frame fails where third-party cookies are blocked. An \
                  absent `grant_types_supported` means `[\"authorization_code\", \"implicit\"]`, which has \
                  no `refresh_token`.",
    fix: "offer refresh tokens to browser apps (rotated or sender-constrained) and list `refresh_token` \
          in `grant_types_supported`",
    bad: r#"{"grant_types_supported": ["authorization_code"]}"#,
    good: r#"{"grant_types_supported": ["authorization_code", "refresh_token"]}"#,
};

pub const SPA_REFRESH_ROTATION: Rule = Rule {
    id: "client-spa-refresh-rotation",
    severity: Severity::Info,
    profile: SPA,
    summary: "a browser app's refresh tokens must be rotated or sender-constrained, and rotation cannot be seen",
    spec: "RFC 9700 §2.2.2, §4.14.2; draft-ietf-oauth-browser-based-apps §6.3.2.3; RFC 9449 §1, §5",
    explanation: "\"Refresh tokens for public clients MUST be sender-constrained or use refresh token \
                  rotation\" (RFC 9700 §2.2.2); for browser apps the authorization server \"MUST either \
                  rotate refresh tokens on each use OR use sender-constrained refresh tokens\" \
                  (browser-based apps §6.3.2.3). No metadata says whether refresh tokens are rotated. \
                  DPoP can be seen: it \"can also be used to sender-constrain refresh tokens issued to \
                  public clients\" (RFC 9449 §1), so this note stays quiet when \
                  `dpop_signing_alg_values_supported` is published.",
    fix: "rotate refresh tokens issued to public clients (and say so in your documentation), or support \
          DPoP and publish `dpop_signing_alg_values_supported`",
    bad: r#"{"$remove": ["dpop_signing_alg_values_supported"]}"#,
    good: r#"{"dpop_signing_alg_values_supported": ["ES256"]}"#,
};

pub const SPA_TOKEN_CORS: Rule = Rule {
    id: "client-spa-token-cors",
    severity: Severity::Warning,
    profile: SPA,
    summary: "the token endpoint did not allow a cross-origin request (CORS) from a browser app",
    spec: "draft-ietf-oauth-browser-based-apps §6.3.3.4; RFC 9700 §2.6",
    explanation: "A browser app exchanges its code with a cross-origin POST, so \"the authorization server \
                  ... MUST send necessary CORS headers\", and \"the CORS configuration is relevant for \
                  the token endpoint\" (browser-based apps §6.3.3.4). Without `Access-Control-Allow-Origin` \
                  the browser withholds the token response from the app. Checked with `--probe`: a GET \
                  with an `Origin` header of the tool's own (`https://oidc-inspect.example`). A warning, \
                  not an error: many servers allow only the origins registered for a client (\"the \
                  authorization server can approve a known origin\"), which a probe from another origin \
                  cannot show.",
    fix: "send `Access-Control-Allow-Origin` from the token endpoint for browser apps' origins (for \
          registered origins only, if the server supports that: register the app's origin)",
    bad: "",
    good: "",
};

pub const SPA_LOGOUT: Rule = Rule {
    id: "client-spa-logout",
    severity: Severity::Info,
    profile: SPA,
    summary: "a browser app cannot end the user's session at the provider: no `end_session_endpoint`",
    spec: "OpenID Connect RP-Initiated Logout 1.0 §2, §2.1",
    explanation: "`end_session_endpoint` is the \"URL at the OP to which an RP can perform a redirect to \
                  request that the End-User be logged out at the OP\" (RP-Initiated Logout §2.1). \
                  Without it a browser app can forget its tokens, but the provider's session lives on \
                  and the next login completes without asking the user.",
    fix: "support RP-Initiated Logout and publish `end_session_endpoint`",
    bad: r#"{"$remove": ["end_session_endpoint"]}"#,
    good: r#"{"end_session_endpoint": "https://idp.example.com/logout"}"#,
};

// --- native -------------------------------------------------------------------

pub const NATIVE_CODE: Rule = Rule {
    id: "client-native-code",
    severity: Severity::Error,
    profile: NATIVE,
    summary: "a native app cannot run the authorization code flow: the document does not offer it",
    spec: "RFC 8252 §4.1, §5, §6; RFC 9700 §2.1.2; RFC 6749 §4.1",
    explanation: "\"Native apps MUST use an external user-agent to perform OAuth authorization requests\" \
                  (RFC 8252 §5) and run the authorization code flow with PKCE (§4.1, §6): the browser \
                  returns a code to the app, which exchanges it at the token endpoint. That needs an \
                  `authorization_endpoint`, a `token_endpoint`, the `code` response type and, when \
                  `grant_types_supported` is published, `authorization_code` \
                  in it. A missing piece is an error; a warning when `code` comes only in hybrid \
                  response types, or when `response_types_supported` is absent and support is unknown.",
    fix: "publish both endpoints, `\"response_types_supported\": [\"code\", ...]` and `authorization_code` \
          in `grant_types_supported`",
    bad: r#"{"response_types_supported": ["id_token", "id_token token"]}"#,
    good: r#"{"response_types_supported": ["code"]}"#,
};

pub const NATIVE_PKCE: Rule = Rule {
    id: "client-native-pkce",
    severity: Severity::Error,
    profile: NATIVE,
    summary: "a native app cannot use PKCE with S256: the document does not offer it",
    spec: "RFC 8252 §6, §8.1; RFC 9700 §2.1.1; RFC 7636 §4.2, §4.4.1; RFC 8414 §2",
    explanation: "\"Public native app clients MUST implement the Proof Key for Code Exchange (PKCE \
                  [RFC7636]) extension to OAuth, and authorization servers MUST support PKCE for such \
                  clients\" (RFC 8252 §6); another app on the device can register the same redirect \
                  scheme and receive the code, and PKCE with `S256` is what makes that code useless to \
                  it. A list without `S256` is an error; an absent \
                  `code_challenge_methods_supported` is a warning: RFC 8414 reads it as no PKCE, many \
                  servers support PKCE without saying so, and support is unknown.",
    fix: "support PKCE and publish `\"code_challenge_methods_supported\": [\"S256\"]`",
    bad: r#"{"code_challenge_methods_supported": ["plain"]}"#,
    good: r#"{"code_challenge_methods_supported": ["S256"]}"#,
};

pub const NATIVE_PUBLIC: Rule = Rule {
    id: "client-native-public",
    severity: Severity::Error,
    profile: NATIVE,
    summary: "a native app cannot authenticate at the token endpoint: `none` (a public client) is not offered",
    spec: "RFC 8252 §8.4, §8.5; RFC 6749 §2.1; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "\"Except when using a mechanism like Dynamic Client Registration [RFC7591] to provision \
                  per-instance secrets, native apps are classified as public clients\" (RFC 8252 §8.4), \
                  and \"it is NOT RECOMMENDED for authorization servers to require client authentication \
                  of public native apps clients using a shared secret\" (§8.5). A public client uses the \
                  method `none`; when `token_endpoint_auth_methods_supported` does not list it (absent, \
                  the default is `client_secret_basic` alone) the code exchange needs a credential the \
                  app cannot keep. A warning instead of an error when the document publishes a \
                  `registration_endpoint` and a confidential method: each installation could register \
                  a credential of its own.",
    fix: "accept public clients and list `none` in `token_endpoint_auth_methods_supported`",
    bad: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic"], "$remove": ["registration_endpoint"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["none", "private_key_jwt"]}"#,
};

// --- web ----------------------------------------------------------------------

pub const WEB_CODE: Rule = Rule {
    id: "client-web-code",
    severity: Severity::Error,
    profile: WEB,
    summary: "a web application cannot run the authorization code flow: the document does not offer it",
    spec: "RFC 6749 §4.1; RFC 9700 §2.1.2; OpenID Connect Core 1.0 §3.1",
    explanation: "\"The authorization code grant type is used to obtain both access tokens and refresh \
                  tokens and is optimized for confidential clients\" (RFC 6749 §4.1): a web application \
                  with a server side signs users in with it (OpenID Connect Core §3.1) and exchanges the \
                  code at the token endpoint with its own credential, while clients \"SHOULD NOT use the \
                  implicit grant\" (RFC 9700 §2.1.2). That needs an `authorization_endpoint`, a `token_endpoint`, the `code` \
                  response type and, when `grant_types_supported` is published, `authorization_code` \
                  in it. A missing piece is an error; a warning when `code` comes only in hybrid \
                  response types, or when `response_types_supported` is absent and support is unknown.",
    fix: "publish both endpoints, `\"response_types_supported\": [\"code\", ...]` and `authorization_code` \
          in `grant_types_supported`",
    bad: r#"{"response_types_supported": ["id_token", "id_token token"]}"#,
    good: r#"{"response_types_supported": ["code"]}"#,
};

pub const WEB_CONFIDENTIAL: Rule = Rule {
    id: "client-web-confidential",
    severity: Severity::Error,
    profile: WEB,
    summary: "a web application cannot authenticate at the token endpoint: no confidential method is offered",
    spec: "RFC 6749 §2.1, §2.3; RFC 9700 §2.5; OpenID Connect Core 1.0 §9",
    explanation: "A web application's server keeps a credential and is a confidential client (RFC 6749 \
                  §2.1), and \"Authorization servers SHOULD enforce client authentication if it is \
                  feasible\" (RFC 9700 §2.5). When `token_endpoint_auth_methods_supported` lists none of \
                  `private_key_jwt`, `tls_client_auth`, `self_signed_tls_client_auth` or the \
                  `client_secret_*` methods (for example only `none`), the server offers the application \
                  no way to use its credential.",
    fix: "offer `private_key_jwt` (or mutual TLS) in `token_endpoint_auth_methods_supported`",
    bad: r#"{"token_endpoint_auth_methods_supported": ["none"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["private_key_jwt"]}"#,
};

pub const WEB_SHARED_SECRET: Rule = Rule {
    id: "client-web-shared-secret",
    severity: Severity::Info,
    profile: WEB,
    summary: "a web application can authenticate only with a shared secret (`client_secret_*`)",
    spec: "RFC 9700 §2.5; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "\"It is RECOMMENDED to use asymmetric cryptography for client authentication, such as \
                  mutual TLS for OAuth 2.0 [RFC8705] or signed JWTs (\\\"Private Key JWT\\\")\" (RFC 9700 \
                  §2.5): the server then stores no secret that could leak. The application works with \
                  `client_secret_basic` or `client_secret_post`; this is a note that `private_key_jwt` \
                  is not offered. An absent `token_endpoint_auth_methods_supported` means \
                  `client_secret_basic` alone.",
    fix: "offer `private_key_jwt` (or mutual TLS) besides the shared-secret methods",
    bad: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}"#,
};

// --- device -------------------------------------------------------------------

pub const DEVICE_ENDPOINT: Rule = Rule {
    id: "client-device-endpoint",
    severity: Severity::Error,
    profile: DEVICE,
    summary: "a device cannot start the device flow: no `device_authorization_endpoint` (or no token endpoint to poll)",
    spec: "RFC 8628 §3.1, §3.4, §4",
    explanation: "A device starts the device authorization grant with a request to the device \
                  authorization endpoint (RFC 8628 §3.1), whose metadata is `device_authorization_endpoint`, \
                  the \"URL of the authorization server's device authorization endpoint\" (§4); then it \
                  polls the token endpoint while the user approves on another device (§3.4). Without \
                  either URL a device cannot run the flow.",
    fix: "support the device authorization grant and publish `device_authorization_endpoint`",
    bad: r#"{"grant_types_supported": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]}"#,
    good: r#"{"device_authorization_endpoint": "https://idp.example.com/device",
              "grant_types_supported": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]}"#,
};

pub const DEVICE_GRANT_MISSING: Rule = Rule {
    id: "client-device-grant",
    severity: Severity::Error,
    profile: DEVICE,
    summary: "a device's token requests would be refused: the device grant is not among the grant types",
    spec: "RFC 8628 §3.4, §4; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "The device polls the token endpoint with \
                  `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4). When \
                  `grant_types_supported` is published without it, the document says the server \
                  refuses that grant: an error. When the member is absent, its default \
                  `[\"authorization_code\", \"implicit\"]` lacks the grant too; with a \
                  `device_authorization_endpoint` published the document contradicts itself, so that \
                  case is a warning.",
    fix: "list `urn:ietf:params:oauth:grant-type:device_code` in `grant_types_supported`",
    bad: r#"{"device_authorization_endpoint": "https://idp.example.com/device"}"#,
    good: r#"{"device_authorization_endpoint": "https://idp.example.com/device",
              "grant_types_supported": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]}"#,
};

// --- service ------------------------------------------------------------------

pub const SERVICE_GRANT: Rule = Rule {
    id: "client-service-grant",
    severity: Severity::Error,
    profile: SERVICE,
    summary: "a service cannot get tokens on its own behalf: the `client_credentials` grant is not offered",
    spec: "RFC 6749 §4.4; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "A service acting for itself, with no user, uses the client credentials grant: it \
                  \"can request an access token using only its client credentials\" at the token \
                  endpoint (RFC 6749 §4.4). That needs a `token_endpoint` and `client_credentials` in \
                  the grant types in force; an absent `grant_types_supported` means \
                  `[\"authorization_code\", \"implicit\"]`, which lacks it.",
    fix: "list `client_credentials` in `grant_types_supported`",
    bad: r#"{"grant_types_supported": ["authorization_code", "refresh_token"]}"#,
    good: r#"{"grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"]}"#,
};

pub const SERVICE_CONFIDENTIAL: Rule = Rule {
    id: "client-service-confidential",
    severity: Severity::Error,
    profile: SERVICE,
    summary: "a service cannot authenticate at the token endpoint: no confidential method is offered",
    spec: "RFC 6749 §4.4, §2.3; OpenID Connect Core 1.0 §9",
    explanation: "\"The client credentials grant type MUST only be used by confidential clients\" \
                  (RFC 6749 §4.4): the client's authentication is the whole grant. When \
                  `token_endpoint_auth_methods_supported` lists none of `private_key_jwt`, \
                  `tls_client_auth`, `self_signed_tls_client_auth` or the `client_secret_*` methods, a \
                  service has no way to authenticate.",
    fix: "offer `private_key_jwt` (or mutual TLS) in `token_endpoint_auth_methods_supported`",
    bad: r#"{"grant_types_supported": ["client_credentials"], "token_endpoint_auth_methods_supported": ["none"]}"#,
    good: r#"{"grant_types_supported": ["client_credentials"], "token_endpoint_auth_methods_supported": ["private_key_jwt"]}"#,
};

pub const SERVICE_SHARED_SECRET: Rule = Rule {
    id: "client-service-shared-secret",
    severity: Severity::Warning,
    profile: SERVICE,
    summary: "a service can authenticate only with a shared secret (`client_secret_*`)",
    spec: "RFC 9700 §2.5; RFC 8705 §2; RFC 7523 §2.2",
    explanation: "\"It is RECOMMENDED to use asymmetric cryptography for client authentication, such as \
                  mutual TLS for OAuth 2.0 [RFC8705] or signed JWTs (\\\"Private Key JWT\\\")\" (RFC 9700 \
                  §2.5). For a service the credential is everything: whoever holds a leaked secret gets \
                  the service's tokens, with no user in the loop, and the server stores that secret \
                  too. With only `client_secret_*` methods (or, absent \
                  `token_endpoint_auth_methods_supported`, its default `client_secret_basic`) the \
                  service works, weaker than the BCP recommends.",
    fix: "offer `private_key_jwt`, `tls_client_auth` or `self_signed_tls_client_auth`",
    bad: r#"{"grant_types_supported": ["client_credentials"], "token_endpoint_auth_methods_supported": ["client_secret_basic"]}"#,
    good: r#"{"grant_types_supported": ["client_credentials"], "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}"#,
};

pub const RULES: &[&Rule] = &[
    &SPA_CODE,
    &SPA_PKCE,
    &SPA_PUBLIC,
    &SPA_REFRESH,
    &SPA_REFRESH_ROTATION,
    &SPA_TOKEN_CORS,
    &SPA_LOGOUT,
    &NATIVE_CODE,
    &NATIVE_PKCE,
    &NATIVE_PUBLIC,
    &WEB_CODE,
    &WEB_CONFIDENTIAL,
    &WEB_SHARED_SECRET,
    &DEVICE_ENDPOINT,
    &DEVICE_GRANT_MISSING,
    &SERVICE_GRANT,
    &SERVICE_CONFIDENTIAL,
    &SERVICE_SHARED_SECRET,
];

/// Check the kinds of client in force. Nothing runs without `--client`.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if cx.profile(SPA) {
        code_flow(doc, &SPA_CODE, "a browser app", out);
        pkce(doc, &SPA_PKCE, "a browser app", out);
        public_client(doc, &SPA_PUBLIC, "a browser app", false, out);
        refresh(doc, out);
        if !doc.has("end_session_endpoint") {
            out.push(
                Finding::new(
                    &SPA_LOGOUT,
                    "/end_session_endpoint",
                    "no `end_session_endpoint`: the app can forget its tokens, but not end the user's \
                     session at the provider",
                )
                .expected("`end_session_endpoint` (RP-Initiated Logout)")
                .actual("absent"),
            );
        }
    }
    if cx.profile(NATIVE) {
        code_flow(doc, &NATIVE_CODE, "a native app", out);
        pkce(doc, &NATIVE_PKCE, "a native app", out);
        public_client(doc, &NATIVE_PUBLIC, "a native app", true, out);
    }
    if cx.profile(WEB) {
        code_flow(doc, &WEB_CODE, "a web application", out);
        confidential(
            doc,
            &WEB_CONFIDENTIAL,
            &WEB_SHARED_SECRET,
            "a web application",
            out,
        );
    }
    if cx.profile(DEVICE) {
        device(doc, out);
    }
    if cx.profile(SERVICE) {
        if !doc.has("token_endpoint") {
            out.push(missing_endpoint(
                &SERVICE_GRANT,
                "token_endpoint",
                "a service requests its tokens at the token endpoint, and the document publishes none",
            ));
        }
        let (grants, defaulted) = grant_types(doc);
        if !grants.contains(&"client_credentials") {
            let message = if defaulted {
                "`grant_types_supported` is absent, and its default (authorization_code, implicit) \
                 lacks `client_credentials`"
            } else {
                "`grant_types_supported` lacks `client_credentials`"
            };
            out.push(
                Finding::new(&SERVICE_GRANT, "/grant_types_supported", message)
                    .expected("`client_credentials` in `grant_types_supported`")
                    .actual(grants_actual(doc)),
            );
        }
        confidential(
            doc,
            &SERVICE_CONFIDENTIAL,
            &SERVICE_SHARED_SECRET,
            "a service",
            out,
        );
    }
}

/// The grant types in force and whether they are the default (member absent).
fn grant_types(doc: &Document) -> (Vec<&str>, bool) {
    match doc.explicit_grant_types() {
        Some(g) => (g, false),
        None => (doc.effective_grant_types(), !doc.has(GRANTS)),
    }
}

/// The token endpoint authentication methods in force and whether they are the
/// default (member absent).
fn auth_methods(doc: &Document) -> (Vec<&str>, bool) {
    (doc.effective_token_auth_methods(), !doc.has(METHODS))
}

/// Strings as a JSON array, spaced as the defaults are written: `["a", "b"]`.
fn json_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// A list member as the `actual` of a finding: its string elements, or what its
/// absence means.
fn list_actual(doc: &Document, name: &str, default: Option<&str>) -> String {
    match (doc.strings(name), default) {
        (Some(v), _) => json_list(&v),
        (None, _) if doc.has(name) => "not an array of strings".to_string(),
        (None, Some(d)) => format!("absent; the default is {d}"),
        (None, None) => "absent".to_string(),
    }
}

fn grants_actual(doc: &Document) -> String {
    list_actual(doc, GRANTS, Some("[\"authorization_code\", \"implicit\"]"))
}

fn methods_actual(doc: &Document) -> String {
    list_actual(doc, METHODS, Some("[\"client_secret_basic\"]"))
}

fn missing_endpoint(rule: &'static Rule, name: &str, message: &str) -> Finding {
    Finding::new(rule, crate::document::ptr(name), message)
        .expected(format!("`{name}`"))
        .actual("absent")
}

/// The authorization code flow: both endpoints, the `code` response type, and
/// `authorization_code` when grant types are listed.
fn code_flow(doc: &Document, rule: &'static Rule, who: &str, out: &mut Vec<Finding>) {
    if !doc.has("authorization_endpoint") {
        out.push(missing_endpoint(
            rule,
            "authorization_endpoint",
            &format!(
                "{who} starts the code flow at the authorization endpoint, and the document publishes none"
            ),
        ));
    }
    if !doc.has("token_endpoint") {
        out.push(missing_endpoint(
            rule,
            "token_endpoint",
            &format!(
                "{who} exchanges the code at the token endpoint, and the document publishes none"
            ),
        ));
    }
    let expected = "`code` in `response_types_supported`";
    match doc.strings("response_types_supported") {
        None => out.push(
            Finding::new(
                rule,
                "/response_types_supported",
                "`response_types_supported` is missing or not a list, so whether the `code` response \
                 type is supported is unknown",
            )
            .severity(Severity::Warning)
            .expected(expected)
            .actual(list_actual(doc, "response_types_supported", None)),
        ),
        Some(types) => {
            let sets = doc.response_type_sets();
            let plain = sets.iter().any(|s| *s == token_set("code"));
            let hybrid = sets.iter().any(|s| s.contains("code"));
            let actual = json_list(&types);
            if !hybrid {
                out.push(
                    Finding::new(
                        rule,
                        "/response_types_supported",
                        "no response type contains `code`: the authorization code flow is not offered",
                    )
                    .expected(expected)
                    .actual(actual),
                );
            } else if !plain {
                out.push(
                    Finding::new(
                        rule,
                        "/response_types_supported",
                        "`code` is offered only in hybrid response types, which also return tokens \
                         from the authorization endpoint",
                    )
                    .severity(Severity::Warning)
                    .expected(expected)
                    .actual(actual),
                );
            }
        }
    }
    if let Some(grants) = doc.explicit_grant_types()
        && !grants.contains(&"authorization_code")
    {
        out.push(
            Finding::new(
                rule,
                "/grant_types_supported",
                "`grant_types_supported` lacks `authorization_code`: the token endpoint would refuse \
                 the code exchange",
            )
            .expected("`authorization_code` in `grant_types_supported`")
            .actual(grants_actual(doc)),
        );
    }
}

/// PKCE with S256.
fn pkce(doc: &Document, rule: &'static Rule, who: &str, out: &mut Vec<Finding>) {
    let expected = "`S256` in `code_challenge_methods_supported`";
    match doc.strings(PKCE) {
        Some(methods) if methods.contains(&"S256") => {}
        Some(methods) => out.push(
            Finding::new(
                rule,
                "/code_challenge_methods_supported",
                format!(
                    "`code_challenge_methods_supported` lacks `S256`: {who} sending an S256 challenge \
                     would get `invalid_request`"
                ),
            )
            .expected(expected)
            .actual(json_list(&methods)),
        ),
        None => out.push(
            Finding::new(
                rule,
                "/code_challenge_methods_supported",
                "`code_challenge_methods_supported` is absent, so PKCE support is unknown (RFC 8414 \
                 reads the absence as no PKCE; many servers support it without saying so)",
            )
            .severity(Severity::Warning)
            .expected(expected)
            .actual(list_actual(doc, PKCE, None))
            .help(
                "try a PKCE login against the server; if it works, ask its operator to publish \
                 `\"code_challenge_methods_supported\": [\"S256\"]`",
            ),
        ),
    }
}

/// The `none` method, for public clients. A native app may instead register a
/// credential per installation when dynamic registration is offered.
fn public_client(
    doc: &Document,
    rule: &'static Rule,
    who: &str,
    native: bool,
    out: &mut Vec<Finding>,
) {
    let (methods, defaulted) = auth_methods(doc);
    if methods.contains(&"none") {
        return;
    }
    let listed = if defaulted {
        "`token_endpoint_auth_methods_supported` is absent, so only its default `client_secret_basic` \
         is offered"
            .to_string()
    } else {
        "`token_endpoint_auth_methods_supported` does not list `none`".to_string()
    };
    let f = Finding::new(
        rule,
        "/token_endpoint_auth_methods_supported",
        format!("{listed}: {who} is a public client and has no credential to authenticate with"),
    )
    .expected("`none` in `token_endpoint_auth_methods_supported`")
    .actual(methods_actual(doc));
    let per_instance = native
        && doc.has("registration_endpoint")
        && methods.iter().any(|m| CONFIDENTIAL_METHODS.contains(m));
    out.push(if per_instance {
        f.severity(Severity::Warning).help(
            "the document publishes a `registration_endpoint`: each installation could register a \
             credential of its own (RFC 8252 §8.4); otherwise list `none`",
        )
    } else {
        f.help(
            "if the server accepts public clients without listing `none` (some do for clients \
             registered as single-page or native apps), ask its operator to list it",
        )
    });
}

/// A confidential method, and a note (or warning) when only shared secrets are.
fn confidential(
    doc: &Document,
    rule: &'static Rule,
    secret_rule: &'static Rule,
    who: &str,
    out: &mut Vec<Finding>,
) {
    let (methods, defaulted) = auth_methods(doc);
    let pointer = "/token_endpoint_auth_methods_supported";
    if !methods.iter().any(|m| CONFIDENTIAL_METHODS.contains(m)) {
        out.push(
            Finding::new(
                rule,
                pointer,
                format!(
                    "`token_endpoint_auth_methods_supported` lists no method with which {who} can use \
                     a credential"
                ),
            )
            .expected("`private_key_jwt` (or mutual TLS, or `client_secret_*`)")
            .actual(methods_actual(doc)),
        );
    } else if !methods.iter().any(|m| ASYMMETRIC_METHODS.contains(m)) {
        let message = if defaulted {
            format!(
                "`token_endpoint_auth_methods_supported` is absent, so {who} can authenticate only \
                 with its default `client_secret_basic`, a shared secret"
            )
        } else {
            format!("{who} can authenticate only with a shared secret (`client_secret_*`)")
        };
        out.push(
            Finding::new(secret_rule, pointer, message)
                .expected("`private_key_jwt`, `tls_client_auth` or `self_signed_tls_client_auth`")
                .actual(methods_actual(doc)),
        );
    }
}

/// The refresh token grant for a browser app, and the note on rotation.
fn refresh(doc: &Document, out: &mut Vec<Finding>) {
    let (grants, defaulted) = grant_types(doc);
    if !grants.contains(&"refresh_token") {
        let message = if defaulted {
            "`grant_types_supported` is absent, and its default (authorization_code, implicit) has no \
             `refresh_token`: the app must send the user back to the authorization endpoint whenever \
             its access token expires"
        } else {
            "`grant_types_supported` lacks `refresh_token`: the app must send the user back to the \
             authorization endpoint whenever its access token expires"
        };
        out.push(
            Finding::new(&SPA_REFRESH, "/grant_types_supported", message)
                .expected("`refresh_token` in `grant_types_supported`")
                .actual(grants_actual(doc)),
        );
    } else if !doc.has("dpop_signing_alg_values_supported") {
        out.push(
            Finding::new(
                &SPA_REFRESH_ROTATION,
                "/grant_types_supported",
                "refresh tokens are offered; whether the server rotates them cannot be seen in the \
                 document, and DPoP, which would bind them to the app's key, is not advertised",
            )
            .expected(
                "refresh token rotation (not visible), or `dpop_signing_alg_values_supported`",
            )
            .actual("no `dpop_signing_alg_values_supported`"),
        );
    }
}

/// The device authorization grant: the endpoint, the token endpoint to poll, the grant type.
fn device(doc: &Document, out: &mut Vec<Finding>) {
    let endpoint = doc.has("device_authorization_endpoint");
    if !endpoint {
        out.push(missing_endpoint(
            &DEVICE_ENDPOINT,
            "device_authorization_endpoint",
            "a device starts the flow at the device authorization endpoint, and the document \
             publishes none",
        ));
    }
    if !doc.has("token_endpoint") {
        out.push(missing_endpoint(
            &DEVICE_ENDPOINT,
            "token_endpoint",
            "a device polls the token endpoint for its tokens, and the document publishes none",
        ));
    }
    let (grants, defaulted) = grant_types(doc);
    if grants.contains(&DEVICE_GRANT) {
        return;
    }
    let f = Finding::new(
        &DEVICE_GRANT_MISSING,
        "/grant_types_supported",
        if defaulted {
            "`grant_types_supported` is absent, and its default (authorization_code, implicit) lacks \
             the device grant"
        } else {
            "`grant_types_supported` lacks the device grant"
        },
    )
    .expected(format!("`{DEVICE_GRANT}` in `grant_types_supported`"))
    .actual(grants_actual(doc));
    out.push(if defaulted && endpoint {
        f.severity(Severity::Warning).help(
            "the `device_authorization_endpoint` suggests the grant is supported: publish \
             `grant_types_supported` including it",
        )
    } else {
        f
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};
    use super::*;

    fn at(findings: &[Finding], rule: &str) -> Vec<(String, Severity)> {
        only(findings, rule)
            .into_iter()
            .map(|f| (f.pointer.clone(), f.severity))
            .collect()
    }

    #[test]
    fn no_client_rule_runs_without_a_client_kind() {
        let f = run(
            r#"{"$remove": ["authorization_endpoint", "token_endpoint"]}"#,
            &[],
        );
        assert!(!f.iter().any(|f| f.rule.id.starts_with("client-")), "{f:?}");
    }

    #[test]
    fn a_document_with_no_endpoints_names_each_missing_piece() {
        let f = run(
            r#"{"$remove": ["authorization_endpoint", "token_endpoint"],
                "response_types_supported": ["id_token"],
                "grant_types_supported": ["implicit"]}"#,
            &[SPA],
        );
        let pointers: Vec<String> = at(&f, "client-spa-code").into_iter().map(|p| p.0).collect();
        assert_eq!(
            pointers,
            [
                "/authorization_endpoint",
                "/token_endpoint",
                "/response_types_supported",
                "/grant_types_supported"
            ]
        );
    }

    #[test]
    fn hybrid_only_code_and_unknown_response_types_are_warnings() {
        let f = run(r#"{"response_types_supported": ["code id_token"]}"#, &[WEB]);
        assert_eq!(
            at(&f, "client-web-code"),
            [("/response_types_supported".into(), Severity::Warning)]
        );
        let f = run(r#"{"$remove": ["response_types_supported"]}"#, &[NATIVE]);
        assert_eq!(
            at(&f, "client-native-code"),
            [("/response_types_supported".into(), Severity::Warning)]
        );
        // Order does not matter, and the plain `code` among others is enough.
        let f = run(
            r#"{"response_types_supported": ["id_token code", "code"]}"#,
            &[WEB],
        );
        assert!(!fires(&f, "client-web-code"));
    }

    #[test]
    fn absent_pkce_methods_are_unknown_and_plain_only_is_an_error() {
        let f = run(
            r#"{"$remove": ["code_challenge_methods_supported"]}"#,
            &[SPA],
        );
        let p = only(&f, "client-spa-pkce");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Warning);
        assert!(p[0].message.contains("unknown"), "{}", p[0].message);
        let f = run(
            r#"{"code_challenge_methods_supported": ["plain"]}"#,
            &[NATIVE],
        );
        assert_eq!(only(&f, "client-native-pkce")[0].severity, Severity::Error);
    }

    #[test]
    fn absent_auth_methods_are_judged_by_their_default() {
        let f = run(
            r#"{"$remove": ["token_endpoint_auth_methods_supported"]}"#,
            &[SPA, WEB, SERVICE],
        );
        let public = only(&f, "client-spa-public");
        assert_eq!(public[0].severity, Severity::Error);
        assert!(public[0].message.contains("default `client_secret_basic`"));
        assert_eq!(
            public[0].actual.as_deref(),
            Some("absent; the default is [\"client_secret_basic\"]")
        );
        assert!(!fires(&f, "client-web-confidential"));
        assert_eq!(
            only(&f, "client-web-shared-secret")[0].severity,
            Severity::Info
        );
        assert_eq!(
            only(&f, "client-service-shared-secret")[0].severity,
            Severity::Warning
        );
    }

    #[test]
    fn a_native_app_that_could_register_per_instance_gets_a_warning() {
        let f = run(
            r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic"]}"#,
            &[NATIVE],
        );
        let n = only(&f, "client-native-public");
        assert_eq!(n[0].severity, Severity::Warning);
        assert!(n[0].help.as_deref().unwrap_or("").contains("RFC 8252"));
        let f = run(
            r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic"]}"#,
            &[SPA],
        );
        assert_eq!(only(&f, "client-spa-public")[0].severity, Severity::Error);
    }

    #[test]
    fn absent_grant_types_are_judged_by_their_default() {
        let frag = r#"{"$remove": ["grant_types_supported"]}"#;
        let f = run(frag, &[SPA, SERVICE, DEVICE]);
        assert!(
            only(&f, "client-spa-refresh")[0]
                .message
                .contains("default (authorization_code, implicit)")
        );
        assert!(
            !fires(&f, "client-spa-code"),
            "the default has authorization_code"
        );
        assert_eq!(
            only(&f, "client-service-grant")[0].severity,
            Severity::Error
        );
        // No endpoint, no grant: both missing pieces, both errors.
        assert_eq!(
            at(&f, "client-device-grant"),
            [("/grant_types_supported".into(), Severity::Error)]
        );
        assert!(fires(&f, "client-device-endpoint"));
        // With the endpoint the absent list is a contradiction, not a refusal.
        let f = run(
            r#"{"$remove": ["grant_types_supported"],
                "device_authorization_endpoint": "https://idp.example.com/device"}"#,
            &[DEVICE],
        );
        assert_eq!(
            at(&f, "client-device-grant"),
            [("/grant_types_supported".into(), Severity::Warning)]
        );
        assert!(!fires(&f, "client-device-endpoint"));
    }

    #[test]
    fn refresh_rotation_is_a_note_only_when_refresh_tokens_are_offered() {
        let f = run(
            r#"{"$remove": ["dpop_signing_alg_values_supported"], "grant_types_supported": ["authorization_code"]}"#,
            &[SPA],
        );
        assert!(fires(&f, "client-spa-refresh"));
        assert!(!fires(&f, "client-spa-refresh-rotation"));
    }

    #[test]
    fn the_baseline_is_ready_for_web_but_not_for_a_browser_app() {
        let f = run("", &[SPA, WEB]);
        let loud = |prefix: &str| {
            f.iter()
                .filter(|f| f.rule.id.starts_with(prefix) && f.severity == Severity::Error)
                .map(|f| f.rule.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(loud("client-spa-"), ["client-spa-public"]);
        assert!(loud("client-web-").is_empty());
    }
}
