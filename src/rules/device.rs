//! Device authorization grant rules (`device-*`, RFC 8628): the
//! `device_authorization_endpoint` and the device-code grant type are published
//! together or not at all.
//!
//! Only those two members are read, so servers without the device flow hear
//! nothing from here. The endpoint's URL syntax and scheme are left to the `url-*`
//! rules.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub(super) const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

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

pub const RULES: &[&Rule] = &[&DEVICE_GRANT_MISMATCH];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};
    use crate::diagnostic::Severity;

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
}
