//! Client-initiated backchannel authentication rules (`ciba-*`, OpenID CIBA Core
//! 1.0): the backchannel authentication endpoint, the token delivery modes and
//! the CIBA grant type are published together, with modes CIBA defines.
//!
//! Fires only when a CIBA member (or the CIBA grant) is present. The endpoint's
//! scheme is the `url-*` rules' (`url-https-required`, CIBA Core §7).

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub(super) const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";

/// The delivery modes CIBA Core §4 and §5 define; values compare exactly.
pub(super) const MODES: [&str; 3] = ["poll", "ping", "push"];

pub const CIBA_MODES_MISSING: Rule = Rule {
    id: "ciba-modes-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a CIBA endpoint is published without `backchannel_token_delivery_modes_supported`",
    spec: "OpenID CIBA Core 1.0 §4",
    explanation: "CIBA Core §4 lists the metadata \"introduced by this specification for OPs publishing \
                  their support of the CIBA flow\"; among them `backchannel_token_delivery_modes_supported`: \
                  \"REQUIRED. JSON array containing one or more of the following values: poll, ping, and \
                  push.\" A provider that publishes `backchannel_authentication_endpoint` publishes its \
                  support of CIBA, so the modes are required: without them a client cannot tell whether to \
                  poll the token endpoint or register a notification endpoint.",
    fix: "publish `backchannel_token_delivery_modes_supported`, e.g. `[\"poll\"]`",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize"}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["poll"],
              "grant_types_supported": ["authorization_code", "urn:openid:params:grant-type:ciba"]}"#,
};

pub const CIBA_ENDPOINT_MISSING: Rule = Rule {
    id: "ciba-endpoint-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "CIBA is advertised without `backchannel_authentication_endpoint`",
    spec: "OpenID CIBA Core 1.0 §4, §7",
    explanation: "CIBA Core §4: `backchannel_authentication_endpoint` \"REQUIRED. URL of the OP's \
                  Backchannel Authentication Endpoint as defined in Section 7.\" Every CIBA flow starts \
                  there, so delivery modes or the CIBA grant without it leave clients nowhere to send \
                  their requests. A warning when only delivery modes are published (they may be \
                  leftovers of a switched-off feature); an error when `grant_types_supported` also lists \
                  `urn:openid:params:grant-type:ciba`, which claims CIBA support outright (the OpenID \
                  conformance suite fails the same document in `CheckDiscBackchannelAuthorizationEndpoint`).",
    fix: "publish `backchannel_authentication_endpoint`, or remove the CIBA delivery modes and grant",
    bad: r#"{"backchannel_token_delivery_modes_supported": ["poll"]}"#,
    good: r#"{"backchannel_token_delivery_modes_supported": ["poll"],
              "backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize"}"#,
};

pub const CIBA_MODE_INVALID: Rule = Rule {
    id: "ciba-mode-invalid",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a CIBA delivery mode is not `poll`, `ping` or `push`",
    spec: "OpenID CIBA Core 1.0 §4, §5",
    explanation: "`backchannel_token_delivery_modes_supported` is a \"JSON array containing one or more of \
                  the following values: poll, ping, and push\" (CIBA Core §4): a closed list, compared \
                  exactly, so `Push` or `polling` is none of them. Clients register one of the three \
                  (`backchannel_token_delivery_mode`) and find no match for anything else. A warning: the \
                  other values in the array may still be usable.",
    fix: "use `poll`, `ping` or `push`, in lower case",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
             "backchannel_token_delivery_modes_supported": ["Push"]}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["push"]}"#,
};

pub const CIBA_GRANT_MISSING: Rule = Rule {
    id: "ciba-grant-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "CIBA `poll` or `ping` is offered but the CIBA grant type is not listed",
    spec: "OpenID CIBA Core 1.0 §4",
    explanation: "CIBA Core §4: \"The CIBA grant type is used in the grant_types_supported field of \
                  discovery metadata for OPs that support the ping or poll delivery modes.\" In those modes \
                  the client collects its tokens at the token endpoint with \
                  `grant_type=urn:openid:params:grant-type:ciba`; a `grant_types_supported` without it says \
                  the token endpoint will refuse them. The sentence has no MUST, hence a warning (the \
                  OpenID conformance suite fails it in `FAPICIBACheckDiscEndpointGrantTypesSupported`).",
    fix: "add `urn:openid:params:grant-type:ciba` to `grant_types_supported`",
    bad: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
             "backchannel_token_delivery_modes_supported": ["poll"]}"#,
    good: r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc-authorize",
              "backchannel_token_delivery_modes_supported": ["push"]}"#,
};

pub const RULES: &[&Rule] = &[
    &CIBA_MODES_MISSING,
    &CIBA_ENDPOINT_MISSING,
    &CIBA_MODE_INVALID,
    &CIBA_GRANT_MISSING,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let endpoint = cx.doc.has("backchannel_authentication_endpoint");
    let modes = cx.doc.get("backchannel_token_delivery_modes_supported");
    let grant_listed = cx
        .doc
        .explicit_grant_types()
        .is_some_and(|g| g.contains(&CIBA_GRANT));
    if endpoint && modes.is_none() {
        out.push(Finding::new(
            &CIBA_MODES_MISSING,
            "/backchannel_token_delivery_modes_supported",
            "`backchannel_authentication_endpoint` is published without \
             `backchannel_token_delivery_modes_supported`",
        ));
    }
    if !endpoint && (modes.is_some() || grant_listed) {
        let f = Finding::new(
            &CIBA_ENDPOINT_MISSING,
            "/backchannel_authentication_endpoint",
            if grant_listed {
                "the CIBA grant is listed but `backchannel_authentication_endpoint` is absent"
            } else {
                "CIBA delivery modes are published without `backchannel_authentication_endpoint`"
            },
        );
        out.push(if grant_listed {
            f.severity(Severity::Error)
        } else {
            f
        });
    }
    let Some(Value::Array(items)) = modes else {
        return;
    };
    let mut polls = false;
    for (i, v) in items.iter().enumerate() {
        let Some(mode) = v.as_str() else { continue };
        if !MODES.contains(&mode) {
            let mut f = Finding::new(
                &CIBA_MODE_INVALID,
                format!("/backchannel_token_delivery_modes_supported/{i}"),
                format!("{mode:?} is not a CIBA delivery mode"),
            )
            .expected("poll, ping or push")
            .actual(mode);
            if let Some(m) = MODES.iter().find(|m| m.eq_ignore_ascii_case(mode)) {
                f = f.help(format!("delivery modes compare exactly: write `{m}`"));
            }
            out.push(f);
        }
        polls |= matches!(mode, "poll" | "ping");
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

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};
    use crate::diagnostic::Severity;

    #[test]
    fn a_missing_endpoint_is_an_error_once_the_ciba_grant_is_listed() {
        let modes_only = run(
            r#"{"backchannel_token_delivery_modes_supported": ["poll"],
                "grant_types_supported": ["authorization_code"]}"#,
            &[],
        );
        let e = only(&modes_only, "ciba-endpoint-missing");
        assert_eq!(e[0].severity, Severity::Warning);
        for frag in [
            r#"{"backchannel_token_delivery_modes_supported": ["poll"],
                "grant_types_supported": ["urn:openid:params:grant-type:ciba"]}"#,
            r#"{"grant_types_supported": ["authorization_code", "urn:openid:params:grant-type:ciba"]}"#,
        ] {
            let f = run(frag, &[]);
            let e = only(&f, "ciba-endpoint-missing");
            assert_eq!(e.len(), 1, "{frag}");
            assert_eq!(e[0].severity, Severity::Error, "{frag}");
        }
    }

    #[test]
    fn delivery_modes_are_a_closed_case_sensitive_list() {
        let f = run(
            r#"{"backchannel_authentication_endpoint": "https://idp.example.com/bc",
                "backchannel_token_delivery_modes_supported": ["push", "Push", "polling"]}"#,
            &[],
        );
        let bad: Vec<_> = only(&f, "ciba-mode-invalid")
            .iter()
            .map(|x| (x.pointer.as_str(), x.help.is_some()))
            .collect();
        assert_eq!(
            bad,
            [
                ("/backchannel_token_delivery_modes_supported/1", true),
                ("/backchannel_token_delivery_modes_supported/2", false)
            ]
        );
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
}
