//! OAuth 2.0 Security Best Current Practice rules (`bcp-*`, RFC 9700), with the
//! OAuth 2.1 draft's removals: implicit and password grants, mix-up defence,
//! sender-constrained tokens, CORS and framing at the authorization endpoint (the
//! last two decided by `--probe`, in `crate::probe`).
//!
//! Under `--profile oauth2.1` the implicit response and grant types and the
//! password grant are errors (the draft removes them). Issuer-only verification
//! documents offer no flows, so the flow rules do not apply to them.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::token_set;

pub const IMPLICIT_RESPONSE_TYPE: Rule = Rule {
    id: "bcp-implicit-response-type",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a response type returns an access token from the authorization endpoint",
    spec: "RFC 9700 §2.1.2; draft-ietf-oauth-v2-1 §10, §10.1",
    explanation: "Response types containing `token` (`token`, `code token`, `id_token token`, \
                  `code id_token token`) put the access token in the browser redirect, where it can \
                  leak through history, referrers and logs, can be injected, and cannot be \
                  sender-constrained. Clients SHOULD NOT use them; OAuth 2.1 removes them (an error \
                  under `--profile oauth2.1`).",
    fix: "offer `code` (with PKCE) instead and remove response types containing `token`",
    bad: r#"{"response_types_supported": ["code", "id_token token"]}"#,
    good: r#"{"response_types_supported": ["code", "code id_token", "id_token"]}"#,
};

pub const IMPLICIT_GRANT_TYPE: Rule = Rule {
    id: "bcp-implicit-grant-type",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`grant_types_supported` lists `implicit`",
    spec: "RFC 9700 §2.1.2; draft-ietf-oauth-v2-1 §10, §10.1",
    explanation: "The implicit grant returns tokens in the front channel, exposed to leakage and \
                  injection; the security BCP says clients SHOULD NOT use it and OAuth 2.1 removes it \
                  (an error under `--profile oauth2.1`).",
    fix: "remove `implicit` from `grant_types_supported`; use the code flow with PKCE",
    bad: r#"{"grant_types_supported": ["authorization_code", "implicit"]}"#,
    good: "",
};

pub const IMPLICIT_BY_DEFAULT: Rule = Rule {
    id: "bcp-implicit-by-default",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`grant_types_supported` is absent, so the implicit grant is implied",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; RFC 9700 §2.1.2",
    explanation: "An absent `grant_types_supported` defaults to `[\"authorization_code\", \
                  \"implicit\"]`: the document claims the implicit grant whether or not the server \
                  allows it. Publishing the list says explicitly that implicit is off.",
    fix: "publish `grant_types_supported` without `implicit`",
    bad: r#"{"$remove": ["grant_types_supported"]}"#,
    good: "",
};

pub const PASSWORD_GRANT: Rule = Rule {
    id: "bcp-password-grant",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "`grant_types_supported` lists `password` (resource owner password credentials)",
    spec: "RFC 9700 §2.4; draft-ietf-oauth-v2-1 §10; FAPI 2.0 Security Profile §5.3.2.1",
    explanation: "RFC 9700 §2.4: \"The resource owner password credentials grant [RFC6749] MUST NOT be \
                  used. This grant type insecurely exposes the credentials of the resource owner to the \
                  client.\" It also rules out multi-factor and phishing-resistant login. A warning under \
                  the default profiles all the same, by choice: RFC 9700 is a Best Current Practice, a \
                  deployment recommendation that many providers still deviate from for legacy first-party \
                  clients, while RFC 6749 itself still defines the grant, so listing it breaks no rule of \
                  the metadata specifications. An error under `--profile oauth2.1`, which removes the \
                  grant from OAuth (draft-ietf-oauth-v2-1 §10).",
    fix: "remove `password`; use the code flow, or the device flow for input-constrained devices",
    bad: r#"{"grant_types_supported": ["authorization_code", "password"]}"#,
    good: "",
};

pub const ISS_PARAM_NOT_ADVERTISED: Rule = Rule {
    id: "bcp-iss-param-not-advertised",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "authorization responses are not declared to carry `iss` (mix-up defence)",
    spec: "RFC 9207 §2.3, §2.4, §3, §4; RFC 9700 §2.1, §4.4.2; draft-ietf-oauth-v2-1 §7.15.1",
    explanation: "A client that talks to several authorization servers must tell which one sent an \
                  authorization response, or an attacker's server can steal codes (mix-up). RFC 9207 \
                  adds `iss` to the response, and a server that sends it MUST say so with \
                  `authorization_response_iss_parameter_supported: true` (absent means false). Not \
                  reported when every response type returns an ID token from the authorization \
                  endpoint, whose `iss` claim already identifies the server, nor when every response mode \
                  is a JARM mode (`jwt`, `query.jwt`, `fragment.jwt`, `form_post.jwt`): RFC 9207 §2.4, \
                  \"an additional iss parameter outside the JWT is not necessary when JARM is used\", the \
                  JWT's own `iss` giving the same protection; §4 names both mechanisms as alternatives.",
    fix: "send `iss` in authorization responses and publish `\"authorization_response_iss_parameter_supported\": true`",
    bad: r#"{"$remove": ["authorization_response_iss_parameter_supported"]}"#,
    good: r#"{"authorization_response_iss_parameter_supported": false, "response_types_supported": ["code id_token"]}"#,
};

pub const NO_SENDER_CONSTRAINT: Rule = Rule {
    id: "bcp-no-sender-constraint",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "no sender-constrained access tokens (neither DPoP nor mutual-TLS binding) are advertised",
    spec: "RFC 9700 §2.2.1; RFC 9449 §5.1; RFC 8705 §3.3; draft-ietf-oauth-v2-1 §1.4.3",
    explanation: "Bearer access tokens work for whoever holds them: a token leaked from a log or a \
                  compromised resource server can be replayed. Servers SHOULD sender-constrain tokens \
                  with DPoP (`dpop_signing_alg_values_supported`) or mutual TLS \
                  (`tls_client_certificate_bound_access_tokens: true`).",
    fix: "support DPoP and publish `dpop_signing_alg_values_supported`, or bind tokens to client certificates",
    bad: r#"{"$remove": ["dpop_signing_alg_values_supported"]}"#,
    good: r#"{"$remove": ["dpop_signing_alg_values_supported"], "tls_client_certificate_bound_access_tokens": true}"#,
};

pub const CORS_AUTHORIZATION_ENDPOINT: Rule = Rule {
    id: "bcp-cors-authorization-endpoint",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the authorization endpoint answers cross-origin requests with CORS headers",
    spec: "RFC 9700 §2.6; OpenID Connect Discovery 1.0 §3; FAPI 2.0 Security Profile §5.2.3",
    explanation: "The authorization endpoint is navigated to, never fetched: CORS MUST NOT be \
                  supported there, or scripts on other sites can read its responses. Checked only \
                  with an active probe (`--probe`), which sends a cross-origin request to the \
                  endpoint.",
    fix: "do not send `Access-Control-Allow-Origin` from the authorization endpoint",
    bad: "",
    good: "",
};

pub const AUTHORIZATION_ENDPOINT_FRAMEABLE: Rule = Rule {
    id: "bcp-authorization-endpoint-frameable",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the authorization endpoint's page can be framed by other sites (clickjacking)",
    spec: "RFC 9700 §4.16; RFC 6819 §4.4.1.9",
    explanation: "RFC 9700 §4.16: \"Authorization servers MUST prevent clickjacking attacks. Multiple \
                  countermeasures are described in [RFC6819], including the use of the X-Frame-Options \
                  HTTP response header field and frame-busting JavaScript. In addition to those, \
                  authorization servers SHOULD also use Content Security Policy (CSP) level 2 or \
                  greater.\" A page that any site can put in an invisible frame lets that site trick the \
                  user into approving a grant or typing a password. Checked only by the opt-in `--probe`, \
                  on the HTML the authorization endpoint answers its cross-origin GET with (usually an \
                  error or login page, which §4.16 wants protected too): it fires when neither \
                  `X-Frame-Options: DENY`/`SAMEORIGIN` nor a CSP `frame-ancestors` directive other than \
                  `*` is sent. A warning, not an error: frame-busting JavaScript, the third countermeasure \
                  §4.16 names, cannot be seen from the headers, and the page a real authorization request \
                  leads to may differ.",
    fix: "send `Content-Security-Policy: frame-ancestors 'none'` (or the origins allowed to frame it) \
          and `X-Frame-Options: DENY` from the authorization endpoint and the login pages",
    bad: "",
    good: "",
};

pub const RULES: &[&Rule] = &[
    &IMPLICIT_RESPONSE_TYPE,
    &IMPLICIT_GRANT_TYPE,
    &IMPLICIT_BY_DEFAULT,
    &PASSWORD_GRANT,
    &ISS_PARAM_NOT_ADVERTISED,
    &NO_SENDER_CONSTRAINT,
    &CORS_AUTHORIZATION_ENDPOINT,
    &AUTHORIZATION_ENDPOINT_FRAMEABLE,
];

const OAUTH21_HELP: &str = "OAuth 2.1 removes the implicit grant and response types returning \
                            access tokens from the authorization endpoint";

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let oauth21 = cx.profile(Profile::Oauth21);
    let raise = |f: Finding, help: &str| {
        if oauth21 {
            f.severity(Severity::Error).help(help)
        } else {
            f
        }
    };
    for (pointer, value) in doc.elements("response_types_supported") {
        if token_set(value).contains("token") {
            out.push(raise(
                Finding::new(
                    &IMPLICIT_RESPONSE_TYPE,
                    pointer,
                    format!(
                        "the response type {value:?} returns an access token from the authorization endpoint"
                    ),
                )
                .actual(value),
                OAUTH21_HELP,
            ));
        }
    }
    for (pointer, grant) in doc.elements("grant_types_supported") {
        match grant {
            "implicit" => out.push(raise(
                Finding::new(
                    &IMPLICIT_GRANT_TYPE,
                    pointer,
                    "the implicit grant is offered",
                ),
                OAUTH21_HELP,
            )),
            "password" => out.push(raise(
                Finding::new(
                    &PASSWORD_GRANT,
                    pointer,
                    "the resource owner password credentials grant is offered",
                ),
                "OAuth 2.1 removes the resource owner password credentials grant",
            )),
            _ => {}
        }
    }
    if !doc.has("grant_types_supported") && doc.offers_authorization_endpoint() {
        out.push(Finding::new(
            &IMPLICIT_BY_DEFAULT,
            "/grant_types_supported",
            "`grant_types_supported` is absent: the default includes `implicit`",
        ));
    }
    if doc.is_verification_only() || cx.profile(Profile::Workload) {
        return;
    }
    iss_param(cx, out);
    sender_constraint(cx, out);
}

fn iss_param(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if !doc.offers_authorization_endpoint()
        || doc.is_true("authorization_response_iss_parameter_supported")
    {
        return;
    }
    // RFC 9207 §4: an ID token from the authorization endpoint already names the issuer.
    let sets = doc.response_type_sets();
    let id_token_everywhere = !sets.is_empty()
        && sets
            .iter()
            .all(|s| s.contains("id_token") || (s.len() == 1 && s.contains("none")));
    if id_token_everywhere {
        return;
    }
    // RFC 9207 §2.4: a JARM response carries `iss` inside its JWT.
    let modes = doc.strings("response_modes_supported").unwrap_or_default();
    let jarm_only = !modes.is_empty()
        && modes
            .iter()
            .all(|m| *m == "jwt" || m.strip_suffix(".jwt").is_some_and(|b| !b.is_empty()));
    if jarm_only {
        return;
    }
    let actual = match doc.get("authorization_response_iss_parameter_supported") {
        None => "absent (default false)".to_string(),
        Some(v) => v.to_string(),
    };
    out.push(
        Finding::new(
            &ISS_PARAM_NOT_ADVERTISED,
            "/authorization_response_iss_parameter_supported",
            "authorization responses are not declared to carry the `iss` parameter",
        )
        .expected("true")
        .actual(actual),
    );
}

fn sender_constraint(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if doc.has("dpop_signing_alg_values_supported")
        || doc.is_true("tls_client_certificate_bound_access_tokens")
    {
        return;
    }
    out.push(
        Finding::new(
            &NO_SENDER_CONSTRAINT,
            "/dpop_signing_alg_values_supported",
            "access tokens can only be bearer tokens: neither DPoP nor certificate binding is advertised",
        )
        .expected("dpop_signing_alg_values_supported, or tls_client_certificate_bound_access_tokens: true"),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;

    fn severity_of(f: &[Finding], rule: &str) -> Vec<Severity> {
        f.iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn implicit_and_password_are_errors_under_oauth21() {
        let frag = r#"{"response_types_supported": ["code", "token id_token"],
            "grant_types_supported": ["authorization_code", "implicit", "password"]}"#;
        let f = run(frag, &[]);
        assert_eq!(
            severity_of(&f, "bcp-implicit-response-type"),
            [Severity::Warning]
        );
        assert_eq!(severity_of(&f, "bcp-password-grant"), [Severity::Warning]);
        let f = run(frag, &[Profile::Oauth21]);
        assert_eq!(
            severity_of(&f, "bcp-implicit-response-type"),
            [Severity::Error]
        );
        assert_eq!(
            severity_of(&f, "bcp-implicit-grant-type"),
            [Severity::Error]
        );
        assert_eq!(severity_of(&f, "bcp-password-grant"), [Severity::Error]);
        let p = f.iter().find(|f| f.rule == "bcp-password-grant").unwrap();
        assert_eq!(p.pointer, "/grant_types_supported/2");
        assert!(p.help.as_deref().unwrap_or("").contains("OAuth 2.1"));
    }

    #[test]
    fn implicit_response_types_compare_as_token_sets() {
        let f = run(
            r#"{"response_types_supported": ["id_token token", "token id_token"]}"#,
            &[],
        );
        assert_eq!(severity_of(&f, "bcp-implicit-response-type").len(), 2);
        // "id_token" alone returns no access token
        assert!(!fires(
            &run(r#"{"response_types_supported": ["id_token"]}"#, &[]),
            "bcp-implicit-response-type"
        ));
    }

    #[test]
    fn iss_param_false_is_reported_and_id_token_flows_are_exempt() {
        let f = run(
            r#"{"authorization_response_iss_parameter_supported": false}"#,
            &[],
        );
        let i = f
            .iter()
            .find(|f| f.rule == "bcp-iss-param-not-advertised")
            .unwrap();
        assert_eq!(i.actual.as_deref(), Some("false"));
        // one response type without an ID token is enough
        assert!(fires(
            &run(
                r#"{"$remove": ["authorization_response_iss_parameter_supported"], "response_types_supported": ["code id_token", "code"]}"#,
                &[]
            ),
            "bcp-iss-param-not-advertised"
        ));
    }

    #[test]
    fn iss_param_is_not_asked_of_jarm_only_servers() {
        let without = r#""$remove": ["authorization_response_iss_parameter_supported"]"#;
        for (modes, fires_) in [
            (r#"["jwt", "query.jwt", "form_post.jwt"]"#, false),
            (r#"["fragment.jwt"]"#, false),
            (r#"["query.jwt", "query"]"#, true),
            (r#"[".jwt"]"#, true),
        ] {
            let f = run(
                &format!(r#"{{{without}, "response_modes_supported": {modes}}}"#),
                &[],
            );
            assert_eq!(fires(&f, "bcp-iss-param-not-advertised"), fires_, "{modes}");
        }
        // Absent: the default ["query", "fragment"] is not JARM.
        let f = run(
            r#"{"$remove": ["authorization_response_iss_parameter_supported", "response_modes_supported"]}"#,
            &[],
        );
        assert!(fires(&f, "bcp-iss-param-not-advertised"));
    }

    #[test]
    fn issuer_only_documents_skip_flow_rules() {
        let frag = r#"{"$remove": ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "registration_endpoint",
            "grant_types_supported", "authorization_response_iss_parameter_supported", "dpop_signing_alg_values_supported"],
            "response_types_supported": ["id_token"]}"#;
        for profiles in [&[][..], &[Profile::Workload][..]] {
            let f = run(frag, profiles);
            assert!(!fires(&f, "bcp-iss-param-not-advertised"));
            assert!(!fires(&f, "bcp-no-sender-constraint"));
            assert!(!fires(&f, "bcp-implicit-by-default"));
        }
    }

    #[test]
    fn mtls_binding_counts_only_when_true() {
        let f = run(
            r#"{"$remove": ["dpop_signing_alg_values_supported"], "tls_client_certificate_bound_access_tokens": "true"}"#,
            &[],
        );
        assert!(fires(&f, "bcp-no-sender-constraint"));
    }
}
