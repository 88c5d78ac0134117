//! OpenID Connect rules (`oidc-*`): the members OpenID Connect Discovery §3 requires
//! or recommends, the values OpenID Connect Core defines for them, and the Dynamic
//! OP requirements of Core §15.2 (`--profile dynamic`).
//!
//! Rules about an endpoint or a flow apply only when the document offers it. Under
//! `--profile workload` a verification-only issuer needs no authorization, token or
//! user-facing members: only `issuer`, `jwks_uri` and
//! `id_token_signing_alg_values_supported` stay required.

use std::collections::BTreeSet;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{Document, ptr, token_set};

pub const AUTHORIZATION_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-authorization-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `authorization_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`authorization_endpoint` is REQUIRED for an OpenID Provider: every OpenID Connect \
                  login starts with a browser redirect to it. Without it, clients cannot start a \
                  login at all.",
    fix: "publish `authorization_endpoint`, the https URL of the authorization endpoint",
    bad: r#"{"$remove": ["authorization_endpoint"]}"#,
    good: "",
};

pub const TOKEN_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-token-endpoint-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`token_endpoint` is absent although not only the implicit flow is offered",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`token_endpoint` is REQUIRED unless only the Implicit Flow is used. A response \
                  type containing `code`, or a grant type other than `implicit`, needs the token \
                  endpoint to exchange the code or the grant for tokens. Documents whose response \
                  types are all implicit (`id_token`, `id_token token`) do not need it.",
    fix: "publish `token_endpoint`, or list only implicit response and grant types",
    bad: r#"{"$remove": ["token_endpoint"]}"#,
    good: r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
};

pub const JWKS_URI_MISSING: Rule = Rule {
    id: "oidc-jwks-uri-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `jwks_uri`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`jwks_uri` is REQUIRED: it is where relying parties fetch the public keys that \
                  verify ID token signatures. Without it no ID token can be verified.",
    fix: "publish `jwks_uri`, the https URL of the provider's JWK Set",
    bad: r#"{"$remove": ["jwks_uri"]}"#,
    good: "",
};

pub const USERINFO_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-userinfo-endpoint-missing",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `userinfo_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "`userinfo_endpoint` is RECOMMENDED (and a MUST for Dynamic OPs that issue access \
                  tokens). Clients that need profile claims beyond the ID token look for it here.",
    fix: "publish `userinfo_endpoint` if the provider has a UserInfo endpoint",
    bad: r#"{"$remove": ["userinfo_endpoint"]}"#,
    good: "",
};

pub const REGISTRATION_ENDPOINT_MISSING: Rule = Rule {
    id: "oidc-registration-endpoint-missing",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "the OpenID Provider publishes no `registration_endpoint`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "`registration_endpoint` is RECOMMENDED; most providers register clients by hand and \
                  lack it, so this is only a note. Under `--profile dynamic` it is an error: a Dynamic \
                  OP MUST support Dynamic Client Registration.",
    fix: "publish `registration_endpoint` if the provider supports Dynamic Client Registration",
    bad: r#"{"$remove": ["registration_endpoint"]}"#,
    good: "",
};

pub const SCOPES_SUPPORTED_MISSING: Rule = Rule {
    id: "oidc-scopes-supported-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`scopes_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`scopes_supported` is RECOMMENDED by both OpenID Connect Discovery and RFC 8414. \
                  Without it clients must guess which scopes they may request.",
    fix: "publish `scopes_supported`, including `openid` for an OpenID Provider",
    bad: r#"{"$remove": ["scopes_supported"]}"#,
    good: "",
};

pub const SCOPES_MISSING_OPENID: Rule = Rule {
    id: "oidc-scopes-missing-openid",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`scopes_supported` does not list `openid`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "An OpenID Provider MUST support the `openid` scope, and the scopes Core defines \
                  SHOULD be listed when supported. A list without `openid` tells clients the \
                  provider does not do OpenID Connect.",
    fix: "add `openid` to `scopes_supported`",
    bad: r#"{"scopes_supported": ["profile", "email"]}"#,
    good: "",
};

pub const SCOPE_SYNTAX: Rule = Rule {
    id: "oidc-scope-syntax",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a scope value contains a character a scope token cannot hold",
    spec: "RFC 6749 §3.3",
    explanation: "A scope token is one or more printable ASCII characters other than space, `\"` and \
                  `\\` (%x21 / %x23-5B / %x5D-7E). The `scope` parameter is space-separated, so a \
                  value with a space or a non-ASCII character cannot be requested as one scope.",
    fix: "rename the scope so it uses only printable ASCII without space, `\"` or `\\`",
    bad: r#"{"scopes_supported": ["openid", "read write"]}"#,
    good: r#"{"scopes_supported": ["openid", "urn:example:read", "api://x/.default"]}"#,
};

pub const RESPONSE_TYPES_MISSING: Rule = Rule {
    id: "oidc-response-types-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`response_types_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`response_types_supported` is REQUIRED by both OpenID Connect Discovery and RFC \
                  8414: it tells clients which flows the authorization endpoint offers.",
    fix: "publish `response_types_supported`, e.g. `[\"code\"]`",
    bad: r#"{"$remove": ["response_types_supported"]}"#,
    good: "",
};

pub const RESPONSE_TYPES_NO_FLOW: Rule = Rule {
    id: "oidc-response-types-no-flow",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "no response type selects an OpenID Connect flow",
    spec: "OpenID Connect Core 1.0 §3",
    explanation: "OpenID Connect flows are selected by the response types `code`, `id_token`, \
                  `id_token token`, `code id_token`, `code token` and `code id_token token` (token \
                  order does not matter). Plain `token` is OAuth 2.0 only, so a list without any of \
                  these offers no way to log in with OpenID Connect.",
    fix: "list `code` in `response_types_supported`",
    bad: r#"{"response_types_supported": ["token"]}"#,
    good: r#"{"response_types_supported": ["token", "id_token code"]}"#,
};

pub const SUBJECT_TYPES_MISSING: Rule = Rule {
    id: "oidc-subject-types-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`subject_types_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`subject_types_supported` is REQUIRED: it tells clients whether `sub` values are the \
                  same for every client (`public`) or per client (`pairwise`).",
    fix: "publish `subject_types_supported`, e.g. `[\"public\"]`",
    bad: r#"{"$remove": ["subject_types_supported"]}"#,
    good: "",
};

pub const SUBJECT_TYPES_NONE_VALID: Rule = Rule {
    id: "oidc-subject-types-none-valid",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`subject_types_supported` lists neither `public` nor `pairwise`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §8",
    explanation: "Core §8 defines two subject identifier types, `public` and `pairwise`. A list with \
                  neither gives clients no subject type they can register for.",
    fix: "list `public` or `pairwise` in `subject_types_supported`",
    bad: r#"{"subject_types_supported": ["global"]}"#,
    good: r#"{"subject_types_supported": ["pairwise"]}"#,
};

pub const ID_TOKEN_ALGS_MISSING: Rule = Rule {
    id: "oidc-id-token-algs-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`id_token_signing_alg_values_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`id_token_signing_alg_values_supported` is REQUIRED: a relying party needs it to \
                  know which signature algorithms to accept on ID tokens, and token verifiers \
                  (including workload-identity consumers) rely on it.",
    fix: "publish `id_token_signing_alg_values_supported`, including `RS256`",
    bad: r#"{"$remove": ["id_token_signing_alg_values_supported"]}"#,
    good: "",
};

pub const ID_TOKEN_RS256_MISSING: Rule = Rule {
    id: "oidc-id-token-rs256-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`id_token_signing_alg_values_supported` does not include `RS256`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.1",
    explanation: "\"The algorithm RS256 MUST be included\": RS256 is the one algorithm every relying \
                  party can count on. The only exception (Core §15.1) is a provider that returns ID \
                  tokens only from the token endpoint and allows only `none`.",
    fix: "add `RS256` to `id_token_signing_alg_values_supported` (and an RSA key to the JWK Set)",
    bad: r#"{"id_token_signing_alg_values_supported": ["ES256"]}"#,
    good: r#"{"id_token_signing_alg_values_supported": ["none"]}"#,
};

pub const ID_TOKEN_ALG_NONE_FRONT_CHANNEL: Rule = Rule {
    id: "oidc-id-token-alg-none-front-channel",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "ID tokens may be unsigned (`none`) while ID tokens are returned from the authorization endpoint",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`none` MUST NOT be used unless the response type returns no ID token from the \
                  authorization endpoint. With `id_token` response types listed, an unsigned ID token \
                  in the browser redirect could be forged by anyone.",
    fix: "remove `none` from `id_token_signing_alg_values_supported`, or stop offering response types that contain `id_token`",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256", "none"], "response_types_supported": ["code", "code id_token"]}"#,
    good: r#"{"id_token_signing_alg_values_supported": ["RS256", "none"], "response_types_supported": ["code"]}"#,
};

pub const ID_TOKEN_ALG_SYMMETRIC: Rule = Rule {
    id: "oidc-id-token-alg-symmetric",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "ID tokens may be signed with an HMAC algorithm (`HS256`/`HS384`/`HS512`)",
    spec: "OpenID Connect Core 1.0 §10.1",
    explanation: "HMAC-signed ID tokens use the client secret as the key, so only confidential \
                  clients can verify them, and anyone holding the secret can mint them. Allowed, \
                  but worth knowing.",
    fix: "prefer asymmetric algorithms (RS256, PS256, ES256) for ID tokens",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256", "HS256"]}"#,
    good: "",
};

pub const CLAIMS_SUPPORTED_MISSING: Rule = Rule {
    id: "oidc-claims-supported-missing",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`claims_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`claims_supported` is RECOMMENDED: it lists the claims the provider may supply, so \
                  clients know what they can ask for.",
    fix: "publish `claims_supported`",
    bad: r#"{"$remove": ["claims_supported"]}"#,
    good: "",
};

pub const CLAIM_TYPES_INVALID: Rule = Rule {
    id: "oidc-claim-types-invalid",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`claim_types_supported` lists a value other than `normal`, `aggregated`, `distributed`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §5.6",
    explanation: "Core §5.6 defines three claim types: `normal`, `aggregated` and `distributed` \
                  (absent means only `normal`). Any other value is a typo or something clients \
                  cannot use.",
    fix: "list only `normal`, `aggregated` and `distributed` in `claim_types_supported`",
    bad: r#"{"claim_types_supported": ["normal", "nested"]}"#,
    good: r#"{"claim_types_supported": ["normal", "distributed"]}"#,
};

pub const DISPLAY_VALUES_UNKNOWN: Rule = Rule {
    id: "oidc-display-values-unknown",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "`display_values_supported` lists a value Core does not define",
    spec: "OpenID Connect Core 1.0 §3.1.2.1",
    explanation: "The `display` parameter takes `page`, `popup`, `touch` or `wap`. Other values are \
                  extensions or typos; clients will not know them.",
    fix: "check the spelling; list only `page`, `popup`, `touch`, `wap` unless you document an extension",
    bad: r#"{"display_values_supported": ["page", "mobile"]}"#,
    good: r#"{"display_values_supported": ["page", "popup"]}"#,
};

pub const PROMPT_VALUES_UNKNOWN: Rule = Rule {
    id: "oidc-prompt-values-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`prompt_values_supported` lists a value no specification defines",
    spec: "OpenID Connect Core 1.0 §3.1.2.1; Initiating User Registration via OpenID Connect 1.0 §4.2",
    explanation: "The `prompt` parameter takes `none`, `login`, `consent`, `select_account` (Core) and \
                  `create` (Prompt Create). Other values are extensions or typos.",
    fix: "check the spelling of the listed prompt values",
    bad: r#"{"prompt_values_supported": ["none", "signup"]}"#,
    good: r#"{"prompt_values_supported": ["none", "login", "create"]}"#,
};

pub const LOCALES_SYNTAX: Rule = Rule {
    id: "oidc-locales-syntax",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a `ui_locales_supported` / `claims_locales_supported` entry is not a well-formed BCP 47 language tag",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; RFC 5646 §2.1",
    explanation: "Locales are BCP 47 language tags: language[-script][-region](-variant)*(-extension)*\
                  [-x-private], subtags of at most 8 letters or digits joined by `-`. Forms such as \
                  `en_US` (underscore) are not language tags, and clients matching `ui_locales` \
                  against them will fail.",
    fix: "write the locale as a BCP 47 tag, e.g. `en-US`, `zh-Hant-TW`",
    bad: r#"{"ui_locales_supported": ["en", "en_US"]}"#,
    good: r#"{"ui_locales_supported": ["en", "en-US", "zh-Hant-TW", "de-CH-1996", "i-klingon", "x-whatever"]}"#,
};

pub const LOCALES_CASING: Rule = Rule {
    id: "oidc-locales-casing",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a locale is not written in the canonical case of language tags",
    spec: "RFC 5646 §2.1.1",
    explanation: "Case carries no meaning in language tags, but RFC 5646 makes the registry's form \
                  RECOMMENDED: lowercase language, title-case script, uppercase region (`zh-Hant-TW`, \
                  `en-US`). Clients that compare locales byte for byte will miss `en-us`.",
    fix: "write the tag in canonical case (shown as the expected value)",
    bad: r#"{"claims_locales_supported": ["en-us"]}"#,
    good: r#"{"claims_locales_supported": ["en-US", "az-Latn-x-latn"]}"#,
};

pub const REQUEST_OBJECT_ALGS_NO_RS256: Rule = Rule {
    id: "oidc-request-object-algs-no-rs256",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`request_object_signing_alg_values_supported` does not include `RS256`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Servers SHOULD support `none` and `RS256` for request objects, so any client can \
                  send one. Not reported under `--profile fapi2`, which forbids RS256 (FAPI 2.0 \
                  §5.4.1).",
    fix: "add `RS256` to `request_object_signing_alg_values_supported`",
    bad: r#"{"request_object_signing_alg_values_supported": ["ES256"]}"#,
    good: r#"{"request_object_signing_alg_values_supported": ["RS256", "ES256"]}"#,
};

pub const REQUEST_URI_DEFAULT_TRUE: Rule = Rule {
    id: "oidc-request-uri-default-true",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "`request_uri_parameter_supported` is absent, so it defaults to `true`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Unlike the other boolean flags, `request_uri_parameter_supported` defaults to \
                  `true`: clients will assume the `request_uri` parameter works. If it does not, \
                  say so explicitly.",
    fix: "publish `request_uri_parameter_supported` explicitly (`true` or `false`)",
    bad: r#"{"$remove": ["request_uri_parameter_supported"]}"#,
    good: r#"{"request_uri_parameter_supported": true}"#,
};

pub const REQUEST_URI_REGISTRATION_INCONSISTENT: Rule = Rule {
    id: "oidc-request-uri-registration-inconsistent",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`require_request_uri_registration` is `true` while `request_uri_parameter_supported` is `false`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Requiring `request_uri` values to be pre-registered makes sense only when the \
                  `request_uri` parameter is supported; the two flags contradict each other. Not \
                  reported when a pushed authorization request endpoint is published (RFC 9126 \
                  `request_uri` values work regardless).",
    fix: "set `require_request_uri_registration` to `false`, or support `request_uri`",
    bad: r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": false}"#,
    good: r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": true}"#,
};

pub const DYN_RESPONSE_TYPES: Rule = Rule {
    id: "oidc-dyn-response-types",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP does not list `code`, `id_token` and `id_token token`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support the `code`, `id_token` and `id_token token` \
                  response types (compared as token sets). Reported only under `--profile dynamic`; \
                  the security BCP discourages the implicit ones, see `bcp-implicit-response-type`.",
    fix: "list `code`, `id_token` and `id_token token` in `response_types_supported`",
    bad: r#"{"response_types_supported": ["code"], "grant_types_supported": ["authorization_code", "implicit"], "request_uri_parameter_supported": true}"#,
    good: r#"{"response_types_supported": ["code", "id_token", "token id_token"], "grant_types_supported": ["authorization_code", "implicit"], "request_uri_parameter_supported": true}"#,
};

pub const DYN_GRANT_TYPES: Rule = Rule {
    id: "oidc-dyn-grant-types",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP's `grant_types_supported` lacks `authorization_code` or `implicit`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support the `authorization_code` and `implicit` grant \
                  types. An absent `grant_types_supported` defaults to both; an explicit list must \
                  contain both.",
    fix: "add the missing grant type to `grant_types_supported`",
    bad: r#"{"grant_types_supported": ["authorization_code"]}"#,
    good: r#"{"grant_types_supported": ["authorization_code", "implicit", "refresh_token"]}"#,
};

pub const DYN_REQUEST_URI: Rule = Rule {
    id: "oidc-dyn-request-uri",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP does not support the `request_uri` parameter",
    spec: "OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support the `request_uri` parameter; \
                  `request_uri_parameter_supported: false` says it does not.",
    fix: "support `request_uri` and set `request_uri_parameter_supported` to `true` (or omit it)",
    bad: r#"{"request_uri_parameter_supported": false}"#,
    good: r#"{"request_uri_parameter_supported": true}"#,
};

pub const DYN_DISCOVERY_REGISTRATION: Rule = Rule {
    id: "oidc-dyn-discovery-registration",
    severity: Severity::Error,
    profile: Profile::Dynamic,
    summary: "a Dynamic OP publishes no `registration_endpoint` or no `userinfo_endpoint`",
    spec: "OpenID Connect Core 1.0 §15.2",
    explanation: "Dynamic OpenID Providers MUST support Dynamic Client Registration and (when they \
                  issue access tokens) the UserInfo endpoint; their discovery document must point at \
                  both.",
    fix: "publish `registration_endpoint` and `userinfo_endpoint`",
    bad: r#"{"$remove": ["registration_endpoint"]}"#,
    good: "",
};

pub const RULES: &[&Rule] = &[
    &AUTHORIZATION_ENDPOINT_MISSING,
    &TOKEN_ENDPOINT_MISSING,
    &JWKS_URI_MISSING,
    &USERINFO_ENDPOINT_MISSING,
    &REGISTRATION_ENDPOINT_MISSING,
    &SCOPES_SUPPORTED_MISSING,
    &SCOPES_MISSING_OPENID,
    &SCOPE_SYNTAX,
    &RESPONSE_TYPES_MISSING,
    &RESPONSE_TYPES_NO_FLOW,
    &SUBJECT_TYPES_MISSING,
    &SUBJECT_TYPES_NONE_VALID,
    &ID_TOKEN_ALGS_MISSING,
    &ID_TOKEN_RS256_MISSING,
    &ID_TOKEN_ALG_NONE_FRONT_CHANNEL,
    &ID_TOKEN_ALG_SYMMETRIC,
    &CLAIMS_SUPPORTED_MISSING,
    &CLAIM_TYPES_INVALID,
    &DISPLAY_VALUES_UNKNOWN,
    &PROMPT_VALUES_UNKNOWN,
    &LOCALES_SYNTAX,
    &LOCALES_CASING,
    &REQUEST_OBJECT_ALGS_NO_RS256,
    &REQUEST_URI_DEFAULT_TRUE,
    &REQUEST_URI_REGISTRATION_INCONSISTENT,
    &DYN_RESPONSE_TYPES,
    &DYN_GRANT_TYPES,
    &DYN_REQUEST_URI,
    &DYN_DISCOVERY_REGISTRATION,
];

/// The response-type token sets that select an OpenID Connect flow (Core §3).
const OIDC_FLOWS: &[&str] = &[
    "code",
    "id_token",
    "id_token token",
    "code id_token",
    "code token",
    "code id_token token",
];

/// Only the implicit flow is offered: no response type contains `code` and the
/// explicit grant types (if any) are all `implicit`.
fn implicit_only(doc: &Document) -> bool {
    !doc.any_response_type_has("code")
        && doc
            .explicit_grant_types()
            .is_none_or(|g| g.iter().all(|g| *g == "implicit"))
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !cx.profile(Profile::Workload) {
        required_for_flows(cx, out);
    }
    // Required under every profile: no workload hint.
    if !doc.has("jwks_uri") {
        out.push(Finding::new(
            &JWKS_URI_MISSING,
            "/jwks_uri",
            "the document has no `jwks_uri`",
        ));
    }
    id_token_algs(cx, out);
    scopes(cx, out);
    subject_types(cx, out);
    value_lists(cx, out);
    locales(cx, out);
    request_objects(cx, out);
    if cx.profile(Profile::Dynamic) {
        dynamic(cx, out);
    }
}

/// Members a verification-only issuer cannot provide: quiet under `--profile workload`.
fn required_for_flows(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !doc.has("authorization_endpoint") {
        out.push(cx.absent(
            &AUTHORIZATION_ENDPOINT_MISSING,
            "authorization_endpoint",
            "the document has no `authorization_endpoint`",
        ));
    }
    if !doc.has("token_endpoint") && !implicit_only(doc) {
        out.push(cx.absent(
            &TOKEN_ENDPOINT_MISSING,
            "token_endpoint",
            "the document has no `token_endpoint`, but offers more than the implicit flow",
        ));
    }
    if !doc.has("userinfo_endpoint") {
        out.push(cx.absent(
            &USERINFO_ENDPOINT_MISSING,
            "userinfo_endpoint",
            "the document has no `userinfo_endpoint`",
        ));
    }
    if !doc.has("registration_endpoint") {
        let f = cx.absent(
            &REGISTRATION_ENDPOINT_MISSING,
            "registration_endpoint",
            "the document has no `registration_endpoint`",
        );
        out.push(if cx.profile(Profile::Dynamic) {
            f.severity(Severity::Error)
                .help("a Dynamic OP MUST support Dynamic Client Registration (Core §15.2)")
        } else {
            f
        });
    }
    if !doc.has("scopes_supported") {
        out.push(cx.absent(
            &SCOPES_SUPPORTED_MISSING,
            "scopes_supported",
            "the document has no `scopes_supported`",
        ));
    }
    match doc.strings("response_types_supported") {
        None if !doc.has("response_types_supported") => out.push(cx.absent(
            &RESPONSE_TYPES_MISSING,
            "response_types_supported",
            "the document has no `response_types_supported`",
        )),
        Some(values) if !values.is_empty() => {
            let flows: Vec<BTreeSet<&str>> = OIDC_FLOWS.iter().map(|f| token_set(f)).collect();
            if !doc.response_type_sets().iter().any(|s| flows.contains(s)) {
                out.push(
                    Finding::new(
                        &RESPONSE_TYPES_NO_FLOW,
                        "/response_types_supported",
                        "no listed response type selects an OpenID Connect flow",
                    )
                    .expected("one of: code, id_token, id_token token, code id_token, code token, code id_token token")
                    .actual(values.join(", ")),
                );
            }
        }
        _ => {}
    }
    if !doc.has("subject_types_supported") {
        out.push(cx.absent(
            &SUBJECT_TYPES_MISSING,
            "subject_types_supported",
            "the document has no `subject_types_supported`",
        ));
    }
    if !doc.has("claims_supported") {
        out.push(cx.absent(
            &CLAIMS_SUPPORTED_MISSING,
            "claims_supported",
            "the document has no `claims_supported`",
        ));
    }
}

fn id_token_algs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    const NAME: &str = "id_token_signing_alg_values_supported";
    let doc = cx.doc;
    if !doc.has(NAME) {
        out.push(Finding::new(
            &ID_TOKEN_ALGS_MISSING,
            ptr(NAME),
            "the document has no `id_token_signing_alg_values_supported`",
        ));
        return;
    }
    let Some(algs) = doc.strings(NAME) else {
        return;
    };
    let front_channel = doc
        .response_type_sets()
        .iter()
        .any(|s| s.contains("id_token"));
    // Core §15.1: back-channel-only providers that allow only `none` need no RS256.
    let none_only_exception =
        !algs.is_empty() && algs.iter().all(|a| *a == "none") && !front_channel;
    if !algs.is_empty()
        && !algs.contains(&"RS256")
        && !none_only_exception
        && !cx.profile(Profile::Workload)
    {
        out.push(
            Finding::new(
                &ID_TOKEN_RS256_MISSING,
                ptr(NAME),
                "`RS256` is not among the ID token signing algorithms",
            )
            .expected("a list including RS256")
            .actual(algs.join(", ")),
        );
    }
    for (pointer, alg) in doc.elements(NAME) {
        if alg == "none" && front_channel {
            out.push(
                Finding::new(
                    &ID_TOKEN_ALG_NONE_FRONT_CHANNEL,
                    pointer,
                    "unsigned ID tokens (`none`) are allowed while response types return ID tokens from the authorization endpoint",
                )
                .actual(alg),
            );
        } else if matches!(alg, "HS256" | "HS384" | "HS512") {
            out.push(
                Finding::new(
                    &ID_TOKEN_ALG_SYMMETRIC,
                    pointer,
                    format!("ID tokens may be signed with `{alg}`, keyed with the client secret"),
                )
                .actual(alg),
            );
        }
    }
}

fn scopes(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if let Some(scopes) = doc.strings("scopes_supported")
        && !scopes.contains(&"openid")
    {
        out.push(
            Finding::new(
                &SCOPES_MISSING_OPENID,
                "/scopes_supported",
                "`scopes_supported` does not list `openid`",
            )
            .expected("a list including openid")
            .actual(scopes.join(", ")),
        );
    }
    for (pointer, scope) in doc.elements("scopes_supported") {
        if let Some(bad) = scope_syntax_error(scope) {
            out.push(
                Finding::new(
                    &SCOPE_SYNTAX,
                    pointer,
                    format!("the scope {scope:?} is not a valid scope token: {bad}"),
                )
                .actual(scope),
            );
        }
    }
}

/// Why `scope` is not a scope-token (RFC 6749 §3.3: 1*( %x21 / %x23-5B / %x5D-7E )).
fn scope_syntax_error(scope: &str) -> Option<String> {
    if scope.is_empty() {
        return Some("it is empty".into());
    }
    scope
        .chars()
        .find(|c| !matches!(*c as u32, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
        .map(|c| match c {
            ' ' => "it contains a space".to_string(),
            _ => format!("it contains {c:?} (U+{:04X})", c as u32),
        })
}

fn subject_types(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(types) = cx.doc.strings("subject_types_supported")
        && !types.is_empty()
        && !types.iter().any(|t| matches!(*t, "public" | "pairwise"))
    {
        out.push(
            Finding::new(
                &SUBJECT_TYPES_NONE_VALID,
                "/subject_types_supported",
                "`subject_types_supported` lists neither `public` nor `pairwise`",
            )
            .expected("public and/or pairwise")
            .actual(types.join(", ")),
        );
    }
}

/// Members whose values come from a closed list in the specs.
fn value_lists(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let lists: [(&Rule, &str, &[&str]); 3] = [
        (
            &CLAIM_TYPES_INVALID,
            "claim_types_supported",
            &["normal", "aggregated", "distributed"],
        ),
        (
            &DISPLAY_VALUES_UNKNOWN,
            "display_values_supported",
            &["page", "popup", "touch", "wap"],
        ),
        (
            &PROMPT_VALUES_UNKNOWN,
            "prompt_values_supported",
            &["none", "login", "consent", "select_account", "create"],
        ),
    ];
    for (rule, name, known) in lists {
        for (pointer, value) in cx.doc.elements(name) {
            if !known.contains(&value) {
                out.push(
                    Finding::new(
                        rule,
                        pointer,
                        format!("`{name}` lists {value:?}, which no specification defines"),
                    )
                    .expected(known.join(", "))
                    .actual(value),
                );
            }
        }
    }
}

fn locales(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for name in ["ui_locales_supported", "claims_locales_supported"] {
        for (pointer, tag) in cx.doc.elements(name) {
            if !well_formed_language_tag(tag) {
                out.push(
                    Finding::new(
                        &LOCALES_SYNTAX,
                        pointer,
                        format!("{tag:?} is not a well-formed BCP 47 language tag"),
                    )
                    .actual(tag)
                    .help(if tag.contains('_') {
                        format!(
                            "language tags use `-`, not `_`: write {:?}",
                            canonical_case(&tag.replace('_', "-"))
                        )
                    } else {
                        "write the locale as language[-Script][-REGION], e.g. `en-US`".to_string()
                    }),
                );
            } else {
                let canonical = canonical_case(tag);
                if canonical != tag {
                    out.push(
                        Finding::new(
                            &LOCALES_CASING,
                            pointer,
                            format!("{tag:?} is not in canonical case"),
                        )
                        .expected(canonical)
                        .actual(tag),
                    );
                }
            }
        }
    }
}

/// Tags registered before RFC 4646 that do not follow the general syntax (RFC 5646
/// §2.1 `irregular`) or do but must be taken whole (`regular`).
const GRANDFATHERED: &[&str] = &[
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

/// Whether `tag` matches the `Language-Tag` production of RFC 5646 §2.1
/// (well-formed; subtags are not looked up in the registry).
pub fn well_formed_language_tag(tag: &str) -> bool {
    if GRANDFATHERED.iter().any(|g| g.eq_ignore_ascii_case(tag)) {
        return true;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let n = subtags.len();
    let at = |i: usize| subtags.get(i).copied().unwrap_or("");
    // privateuse = "x" 1*("-" (1*8alphanum))
    let privateuse = |i: usize| at(i).eq_ignore_ascii_case("x") && i + 1 < n;
    if privateuse(0) {
        return true;
    }
    // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
    let language = at(0);
    if !alpha(language) || language.len() < 2 {
        return false;
    }
    let mut i = 1;
    if language.len() <= 3 {
        // extlang = 3ALPHA *2("-" 3ALPHA)
        while i <= 3 && i < n && at(i).len() == 3 && alpha(at(i)) {
            i += 1;
        }
    }
    // script = 4ALPHA
    if i < n && at(i).len() == 4 && alpha(at(i)) {
        i += 1;
    }
    // region = 2ALPHA / 3DIGIT
    if i < n && ((at(i).len() == 2 && alpha(at(i))) || (at(i).len() == 3 && digit(at(i)))) {
        i += 1;
    }
    // variant = 5*8alphanum / (DIGIT 3alphanum)
    while i < n
        && (at(i).len() >= 5
            || (at(i).len() == 4 && at(i).starts_with(|c: char| c.is_ascii_digit())))
    {
        i += 1;
    }
    // extension = singleton 1*("-" (2*8alphanum)), singleton any alphanum but x
    while i < n && at(i).len() == 1 && !at(i).eq_ignore_ascii_case("x") {
        i += 1;
        let start = i;
        while i < n && at(i).len() >= 2 {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if i < n && privateuse(i) {
        return true;
    }
    i == n
}

/// The case RFC 5646 §2.1.1 recommends: lowercase, except two-letter subtags
/// (uppercase) and four-letter subtags (title case) that are neither first nor
/// after a singleton.
pub fn canonical_case(tag: &str) -> String {
    let mut after_singleton = false;
    let mut parts = Vec::new();
    for (i, sub) in tag.split('-').enumerate() {
        let lower = sub.to_ascii_lowercase();
        let part = if i == 0 || after_singleton {
            lower
        } else if sub.len() == 2 {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 {
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        } else {
            lower
        };
        if sub.len() == 1 {
            after_singleton = true;
        }
        parts.push(part);
    }
    parts.join("-")
}

fn request_objects(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    const ALGS: &str = "request_object_signing_alg_values_supported";
    if !cx.profile(Profile::Fapi2)
        && let Some(algs) = doc.strings(ALGS)
        && !algs.is_empty()
        && !algs.contains(&"RS256")
    {
        out.push(
            Finding::new(
                &REQUEST_OBJECT_ALGS_NO_RS256,
                ptr(ALGS),
                "`RS256` is not among the request object signing algorithms",
            )
            .expected("a list including RS256")
            .actual(algs.join(", ")),
        );
    }
    // `request_uri` is an authorization-request parameter: only where that endpoint exists.
    if !doc.has("request_uri_parameter_supported") && doc.offers_authorization_endpoint() {
        out.push(Finding::new(
            &REQUEST_URI_DEFAULT_TRUE,
            "/request_uri_parameter_supported",
            "`request_uri_parameter_supported` is absent: clients will assume `request_uri` is supported",
        ));
    }
    if doc.is_true("require_request_uri_registration")
        && doc.bool("request_uri_parameter_supported") == Some(false)
        && !doc.has("pushed_authorization_request_endpoint")
    {
        out.push(Finding::new(
            &REQUEST_URI_REGISTRATION_INCONSISTENT,
            "/require_request_uri_registration",
            "`request_uri` values must be registered, but `request_uri` is not supported",
        ));
    }
}

fn dynamic(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if doc.strings("response_types_supported").is_some() {
        let sets = doc.response_type_sets();
        let missing: Vec<&str> = ["code", "id_token", "id_token token"]
            .into_iter()
            .filter(|t| !sets.contains(&token_set(t)))
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &DYN_RESPONSE_TYPES,
                    "/response_types_supported",
                    format!(
                        "a Dynamic OP must support the response types {}",
                        missing.join(", ")
                    ),
                )
                .expected("code, id_token, id_token token")
                .actual(
                    doc.strings("response_types_supported")
                        .unwrap_or_default()
                        .join(", "),
                ),
            );
        }
    }
    if let Some(grants) = doc.explicit_grant_types() {
        let missing: Vec<&str> = ["authorization_code", "implicit"]
            .into_iter()
            .filter(|g| !grants.contains(g))
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &DYN_GRANT_TYPES,
                    "/grant_types_supported",
                    format!(
                        "a Dynamic OP must support the grant types {}",
                        missing.join(", ")
                    ),
                )
                .expected("authorization_code, implicit")
                .actual(grants.join(", ")),
            );
        }
    }
    if doc.bool("request_uri_parameter_supported") == Some(false) {
        out.push(Finding::new(
            &DYN_REQUEST_URI,
            "/request_uri_parameter_supported",
            "a Dynamic OP must support the `request_uri` parameter",
        ));
    }
    for name in ["registration_endpoint", "userinfo_endpoint"] {
        if !doc.has(name) {
            out.push(Finding::new(
                &DYN_DISCOVERY_REGISTRATION,
                ptr(name),
                format!("a Dynamic OP must publish `{name}`"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;

    fn find<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        f.iter().filter(|f| f.rule == rule).collect()
    }

    const K8S: &str = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint",
        "registration_endpoint", "scopes_supported", "grant_types_supported", "response_modes_supported",
        "token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
        "claims_supported", "code_challenge_methods_supported", "authorization_response_iss_parameter_supported",
        "dpop_signing_alg_values_supported", "request_uri_parameter_supported"],
        "response_types_supported": ["id_token"]}"#;

    #[test]
    fn token_endpoint_not_needed_for_implicit_only() {
        for frag in [
            r#"{"$remove": ["token_endpoint", "grant_types_supported"], "response_types_supported": ["id_token", "token id_token"]}"#,
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit"]}"#,
        ] {
            assert!(
                !fires(&run(frag, &[]), "oidc-token-endpoint-missing"),
                "{frag}"
            );
        }
        for frag in [
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["code id_token"]}"#,
            r#"{"$remove": ["token_endpoint"], "response_types_supported": ["id_token"], "grant_types_supported": ["implicit", "refresh_token"]}"#,
        ] {
            assert!(
                fires(&run(frag, &[]), "oidc-token-endpoint-missing"),
                "{frag}"
            );
        }
    }

    #[test]
    fn verification_only_documents_get_errors_with_workload_help_by_default() {
        let f = run(K8S, &[]);
        let a = find(&f, "oidc-authorization-endpoint-missing");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].pointer, "/authorization_endpoint");
        assert!(
            a[0].help
                .as_deref()
                .unwrap_or("")
                .contains("--profile workload")
        );
        // implicit-only: no token endpoint needed
        assert!(!fires(&f, "oidc-token-endpoint-missing"));
        // jwks_uri is required under every profile: no hint
        let no_keys = K8S.replace(
            r#""request_uri_parameter_supported"]"#,
            r#""request_uri_parameter_supported", "jwks_uri"]"#,
        );
        let f = run(&no_keys, &[]);
        assert!(find(&f, "oidc-jwks-uri-missing")[0].help.is_none());
        // an ordinary document gets no workload hint
        let f = run(r#"{"$remove": ["authorization_endpoint"]}"#, &[]);
        assert!(
            find(&f, "oidc-authorization-endpoint-missing")[0]
                .help
                .is_none()
        );
    }

    #[test]
    fn workload_profile_requires_only_what_a_verifier_needs() {
        let f = run(K8S, &[Profile::Workload]);
        for quiet in [
            "oidc-authorization-endpoint-missing",
            "oidc-userinfo-endpoint-missing",
            "oidc-registration-endpoint-missing",
            "oidc-scopes-supported-missing",
            "oidc-claims-supported-missing",
        ] {
            assert!(!fires(&f, quiet), "{quiet}: {f:?}");
        }
        let f = run(
            r#"{"$remove": ["authorization_endpoint", "jwks_uri", "id_token_signing_alg_values_supported", "subject_types_supported", "response_types_supported"]}"#,
            &[Profile::Workload],
        );
        assert!(fires(&f, "oidc-jwks-uri-missing"));
        assert!(fires(&f, "oidc-id-token-algs-missing"));
        // required everywhere, so no hint towards the workload profile
        assert!(
            f.iter()
                .filter(|f| f.rule == "oidc-jwks-uri-missing")
                .all(|f| f.help.is_none())
        );
        assert!(!fires(&f, "oidc-subject-types-missing"));
        assert!(!fires(&f, "oidc-response-types-missing"));
    }

    #[test]
    fn registration_endpoint_is_info_normally_and_error_when_dynamic() {
        let frag = r#"{"$remove": ["registration_endpoint"]}"#;
        let f = run(frag, &[]);
        assert_eq!(
            find(&f, "oidc-registration-endpoint-missing")[0].severity,
            Severity::Info
        );
        let f = run(frag, &[Profile::Dynamic]);
        assert_eq!(
            find(&f, "oidc-registration-endpoint-missing")[0].severity,
            Severity::Error
        );
        assert!(fires(&f, "oidc-dyn-discovery-registration"));
    }

    #[test]
    fn response_types_are_compared_as_sets() {
        assert!(!fires(
            &run(r#"{"response_types_supported": ["token id_token"]}"#, &[]),
            "oidc-response-types-no-flow"
        ));
        let f = run(
            r#"{"response_types_supported": ["code", "id_token", "token id_token"], "request_uri_parameter_supported": true}"#,
            &[Profile::Dynamic],
        );
        assert!(!fires(&f, "oidc-dyn-response-types"), "{f:?}");
        let f = run(
            r#"{"response_types_supported": ["code", "id_token"]}"#,
            &[Profile::Dynamic],
        );
        let d = find(&f, "oidc-dyn-response-types");
        assert!(d[0].message.contains("id_token token"));
    }

    #[test]
    fn dynamic_rules_are_quiet_without_the_profile() {
        let f = run(
            r#"{"grant_types_supported": ["authorization_code"], "request_uri_parameter_supported": false}"#,
            &[],
        );
        assert!(!fires(&f, "oidc-dyn-grant-types"));
        assert!(!fires(&f, "oidc-dyn-request-uri"));
        // absent grant types default to both
        let f = run(
            r#"{"$remove": ["grant_types_supported"]}"#,
            &[Profile::Dynamic],
        );
        assert!(!fires(&f, "oidc-dyn-grant-types"));
    }

    #[test]
    fn rs256_exception_and_front_channel_none() {
        // `none` only, code flow only: Core §15.1 exception
        assert!(!fires(
            &run(
                r#"{"id_token_signing_alg_values_supported": ["none"]}"#,
                &[]
            ),
            "oidc-id-token-rs256-missing"
        ));
        // `none` only with front-channel ID tokens: no exception, and a warning
        let f = run(
            r#"{"id_token_signing_alg_values_supported": ["none"], "response_types_supported": ["id_token"]}"#,
            &[],
        );
        assert!(fires(&f, "oidc-id-token-rs256-missing"));
        let n = find(&f, "oidc-id-token-alg-none-front-channel");
        assert_eq!(n[0].pointer, "/id_token_signing_alg_values_supported/0");
        // "plain" is not an algorithm (seen in a real document)
        assert!(fires(
            &run(
                r#"{"id_token_signing_alg_values_supported": ["plain"]}"#,
                &[]
            ),
            "oidc-id-token-rs256-missing"
        ));
    }

    #[test]
    fn scope_syntax_points_at_the_element() {
        let f = run(
            r#"{"scopes_supported": ["openid", "caf\u00e9", "a\"b", "", "ok"]}"#,
            &[],
        );
        let s: Vec<&str> = find(&f, "oidc-scope-syntax")
            .iter()
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(
            s,
            [
                "/scopes_supported/1",
                "/scopes_supported/2",
                "/scopes_supported/3"
            ]
        );
    }

    #[test]
    fn language_tags() {
        for ok in [
            "en",
            "en-US",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "de-CH-1996",
            "sl-rozaj-biske",
            "es-419",
            "zh-yue-HK",
            "en-US-u-ca-gregory",
            "en-a-bbb-x-a-ccc",
            "x-private",
            "i-klingon",
            "EN-gb-OED",
            "qaa-Qaaa-QM-x-southern",
            "hy-Latn-IT-arevela",
        ] {
            assert!(well_formed_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "en_US",
            "e",
            "en-",
            "-en",
            "en--US",
            "de-419-DE",
            "a-DE",
            "ar-a-aaa-b-bbb-a-",
            "en-x",
            "toolongsubtag",
            "en-US-x",
            "1en",
            "en-a",
            "fr-ü",
        ] {
            assert!(!well_formed_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn canonical_casing() {
        assert_eq!(canonical_case("EN-us"), "en-US");
        assert_eq!(canonical_case("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(canonical_case("en-ca-X-CA"), "en-CA-x-ca");
        assert_eq!(canonical_case("az-latn-x-latn"), "az-Latn-x-latn");
        assert_eq!(canonical_case("SGN-be-fr"), "sgn-BE-FR");
        let f = run(r#"{"ui_locales_supported": ["en-us", "en_US"]}"#, &[]);
        let c = find(&f, "oidc-locales-casing");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].expected.as_deref(), Some("en-US"));
        let s = find(&f, "oidc-locales-syntax");
        assert_eq!(s[0].pointer, "/ui_locales_supported/1");
        assert!(s[0].help.as_deref().unwrap_or("").contains("en-US"));
    }

    #[test]
    fn request_object_rs256_is_suppressed_under_fapi2() {
        let frag = r#"{"request_object_signing_alg_values_supported": ["PS256"]}"#;
        assert!(fires(&run(frag, &[]), "oidc-request-object-algs-no-rs256"));
        assert!(!fires(
            &run(frag, &[Profile::Fapi2]),
            "oidc-request-object-algs-no-rs256"
        ));
    }

    #[test]
    fn request_uri_inconsistency_is_quiet_with_par() {
        let frag = r#"{"require_request_uri_registration": true, "request_uri_parameter_supported": false,
            "pushed_authorization_request_endpoint": "https://idp.example.com/par"}"#;
        assert!(!fires(
            &run(frag, &[]),
            "oidc-request-uri-registration-inconsistent"
        ));
    }

    /// Real documents, checked as fetched from their own issuer: what the specs
    /// allow must not be reported as an error.
    mod corpus {
        use super::super::super::testing::{exchange, run_with};
        use super::*;
        use crate::target::{Target, WellKnown};

        fn check(json: &str, extra: &[Profile]) -> Vec<Finding> {
            let doc = Document::parse(json.as_bytes()).unwrap();
            let issuer = doc.str("issuer").unwrap().to_string();
            let target = Target::parse(&issuer, WellKnown::OpenidConfiguration).unwrap();
            run_with(doc, Some(&exchange()), &target, extra)
        }

        fn errors(f: &[Finding]) -> Vec<&str> {
            f.iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.rule.id)
                .collect()
        }

        const GOOGLE: &str = include_str!("../../tests/fixtures/google.json");
        const ENTRA: &str = include_str!("../../tests/fixtures/entra-common-v2.json");
        const GITHUB: &str = include_str!("../../tests/fixtures/github-actions.json");
        const K8S: &str = include_str!("../../tests/fixtures/k8s-azwi-testing-issuer.json");

        #[test]
        fn google_has_no_errors_and_the_expected_warnings() {
            let f = check(GOOGLE, &[]);
            assert!(errors(&f).is_empty(), "{f:?}");
            for rule in [
                "pkce-plain-advertised",
                "bcp-implicit-response-type",
                "auth-secret-only",
                "bcp-iss-param-not-advertised",
            ] {
                assert!(fires(&f, rule), "{rule}");
            }
            // "none" alone is a valid response type
            assert!(!fires(&f, "resp-type-none-combined"));
            assert!(!fires(&f, "resp-type-unknown-token"));
        }

        #[test]
        fn entra_only_lacks_the_rfc_8414_signing_algorithms() {
            // OIDC Discovery makes token_endpoint_auth_signing_alg_values_supported
            // OPTIONAL; RFC 8414 §2 requires it with private_key_jwt.
            let f = check(ENTRA, &[]);
            assert_eq!(errors(&f), ["auth-signing-algs-required"], "{f:?}");
            assert!(fires(&f, "pkce-methods-absent"));
            assert!(!fires(&f, "oidc-token-endpoint-missing"));
        }

        #[test]
        fn workload_issuers_pass_the_workload_profile() {
            for doc in [GITHUB, K8S] {
                let f = check(doc, &[]);
                let e = errors(&f);
                assert_eq!(e, ["oidc-authorization-endpoint-missing"], "{f:?}");
                for f in f
                    .iter()
                    .filter(|f| f.rule.id.starts_with("oidc-") && f.severity > Severity::Info)
                {
                    assert!(
                        f.help
                            .as_deref()
                            .unwrap_or("")
                            .contains("--profile workload"),
                        "{f:?}"
                    );
                }
                let f = check(doc, &[Profile::Workload]);
                let loud: Vec<_> = f.iter().filter(|f| f.severity > Severity::Info).collect();
                assert!(loud.is_empty(), "{loud:?}");
                assert!(!fires(&f, "oidc-request-uri-default-true"));
            }
        }
    }
}
