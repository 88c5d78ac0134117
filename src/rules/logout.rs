//! Logout rules (`logout-*`, OpenID Connect Front-Channel and Back-Channel Logout
//! 1.0): a session flag without the logout it qualifies, and the non-standard
//! `http_logout_supported`.
//!
//! Only the logout flags are read; logout endpoint URLs are left to the `url-*`
//! rules.

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;

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

pub const RULES: &[&Rule] = &[
    &LOGOUT_FCL_SESSION_WITHOUT_FCL,
    &LOGOUT_BCL_SESSION_WITHOUT_BCL,
    &LOGOUT_HTTP_LOGOUT_NONSTANDARD,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{only, run};

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
}
