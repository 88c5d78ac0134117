//! JWT-secured authorization request rules (`jar-*`, RFC 9101): when signed
//! request objects are required, some way to send one is advertised.
//!
//! Reads the request-parameter flags with their Discovery defaults and the PAR
//! endpoint. The request object algorithms are not judged here
//! (`oidc-request-object-algs-no-rs256`, `alg-*`).

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

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

pub const RULES: &[&Rule] = &[&JAR_REQUIRED_BUT_UNSUPPORTED];

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
            "signed request objects are required, but `request` and `request_uri` are both unsupported \
             and there is no PAR endpoint",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};

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
}
