//! JWT-secured authorization request rules (`jar-*`, RFC 9101): when signed
//! request objects are required, some way to send one is advertised, and
//! unsigned (`alg: none`) request objects are not.
//!
//! Reads `require_signed_request_object`, the request-parameter flags with their
//! Discovery defaults, the PAR endpoint and the request object algorithms. Whether
//! RS256 is among those algorithms is `oidc-request-object-algs-no-rs256`'s
//! question, whether a name is an algorithm `alg-*`'s.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const JAR_REQUIRED_BUT_UNSUPPORTED: Rule = Rule {
    id: "jar-required-but-unsupported",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "signed request objects are required but no way to send one is advertised",
    spec: "RFC 9101 §10.5; OpenID Connect Discovery 1.0 §3; RFC 9126 §2",
    explanation: "RFC 9101 §10.5: when `require_signed_request_object` is true as server metadata, \
                  \"the server MUST reject the authorization request from any client that does not \
                  conform to this specification.\" A conforming request carries its request object with \
                  `request` or `request_uri`, or goes through PAR. This document turns both parameters \
                  off (`request_uri_parameter_supported` defaults to true, `request_parameter_supported` \
                  to false, OpenID Connect Discovery §3) and has no PAR endpoint: every authorization \
                  request must be rejected. A warning, not an error like `par-required-without-endpoint`: \
                  that rule's contradiction is inside one specification (RFC 9126 requires PAR and names \
                  the endpoint that offers it), while this one is read across two: the request-parameter \
                  flags are OpenID Connect Discovery's, which RFC 9101 does not define or refer to, and an \
                  RFC 8414 server may not keep them current.",
    fix: "enable `request_parameter_supported` or `request_uri_parameter_supported`, or publish a PAR endpoint",
    bad: r#"{"require_signed_request_object": true, "request_parameter_supported": false,
             "request_uri_parameter_supported": false}"#,
    good: r#"{"require_signed_request_object": true, "request_parameter_supported": true}"#,
};

pub const JAR_REQUIRED_ALG_NONE: Rule = Rule {
    id: "jar-required-alg-none",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "signed request objects are required, yet `none` is a supported request object algorithm",
    spec: "RFC 9101 §10.5; OpenID Connect Discovery 1.0 §3",
    explanation: "RFC 9101 §10.5: when `require_signed_request_object` is true as server metadata, the \
                  server \"MUST also reject the request if the Request Object uses an alg value of none.\" \
                  Listing `none` in `request_object_signing_alg_values_supported` at the same time tells \
                  clients that unsigned request objects are accepted: either the list is wrong and clients \
                  sending `none` are rejected, or the server accepts them and breaks the MUST. A warning: \
                  the document contradicts itself, but only the server's behaviour can break the MUST.",
    fix: "remove `none` from `request_object_signing_alg_values_supported`",
    bad: r#"{"require_signed_request_object": true, "request_parameter_supported": true,
             "request_object_signing_alg_values_supported": ["RS256", "none"]}"#,
    good: r#"{"require_signed_request_object": true, "request_parameter_supported": true,
              "request_object_signing_alg_values_supported": ["RS256", "PS256"]}"#,
};

pub const RULES: &[&Rule] = &[&JAR_REQUIRED_BUT_UNSUPPORTED, &JAR_REQUIRED_ALG_NONE];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            "signed request objects are required, but `request` and `request_uri` are both \
                 unsupported and there is no PAR endpoint",
        ));
    }
    for (pointer, alg) in cx
        .doc
        .elements("request_object_signing_alg_values_supported")
    {
        if alg == "none" {
            out.push(
                Finding::new(
                    &JAR_REQUIRED_ALG_NONE,
                    pointer,
                    "`none` is listed as a request object algorithm while \
                     `require_signed_request_object` is true",
                )
                .expected("only signature algorithms")
                .actual(alg),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};

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
    fn none_is_reported_only_while_signing_is_required() {
        let algs = r#""request_object_signing_alg_values_supported": ["none", "RS256"]"#;
        let f = run(
            &format!(r#"{{"require_signed_request_object": true, {algs}}}"#),
            &[],
        );
        let n = only(&f, "jar-required-alg-none");
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].pointer,
            "/request_object_signing_alg_values_supported/0"
        );
        for flag in ["false", "\"true\""] {
            let f = run(
                &format!(r#"{{"require_signed_request_object": {flag}, {algs}}}"#),
                &[],
            );
            assert!(!fires(&f, "jar-required-alg-none"), "{flag}");
        }
    }
}
