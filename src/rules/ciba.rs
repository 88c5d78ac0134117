//! Client-initiated backchannel authentication rules (`ciba-*`, OpenID CIBA Core
//! 1.0): the backchannel authentication endpoint, the token delivery modes and
//! the CIBA grant type are published together, with modes CIBA defines.
//!
//! Fires only when a CIBA member is present. Every rule is info: the CIBA text
//! was read second-hand, so none may claim more than a note.

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";

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

pub const RULES: &[&Rule] = &[
    &CIBA_MODES_MISSING,
    &CIBA_ENDPOINT_MISSING,
    &CIBA_MODE_INVALID,
    &CIBA_GRANT_MISSING,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};

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
