//! Pushed authorization request rules (`par-*`, RFC 9126): a required PAR has an
//! endpoint to push to, and `request_uri` restrictions are not taken for a
//! contradiction while PAR is offered.
//!
//! Fires only when the document mentions PAR. The rules that must stay quiet when
//! PAR is offered (`jar-required-but-unsupported`,
//! `oidc-request-uri-registration-inconsistent`) look for the endpoint
//! themselves: nothing here silences another rule.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

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

pub const RULES: &[&Rule] = &[&PAR_REQUIRED_WITHOUT_ENDPOINT, &PAR_REQUEST_URI_NOTE];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{only, run};

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
}
