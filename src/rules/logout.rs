//! Logout rules (`logout-*`, OpenID Connect Front-Channel and Back-Channel Logout
//! 1.0, RP-Initiated Logout 1.0): a session flag without the logout it qualifies,
//! a logout without its session flag or an `end_session_endpoint` (the checks of
//! the OpenID conformance suite's logout test plans), and the pre-final
//! `http_logout_supported`.
//!
//! Only the logout flags and the presence of `end_session_endpoint` are read;
//! logout endpoint URLs are left to the `url-*` rules.

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
    summary: "`http_logout_supported` is the pre-final name of `frontchannel_logout_supported`",
    spec: "OpenID Connect Front-Channel Logout 1.0 §3 and its document history (-00)",
    explanation: "Front-Channel Logout was first drafted as \"HTTP-Based Logout\" (openid-connect-logout-1_0), \
                  where the OP advertised `http_logout_supported`. Its document history records the \
                  change: \"Renamed HTTP-Based Logout to Front-Channel Logout\" and \"Prefixed identifiers \
                  with 'frontchannel_' to be parallel with the Back-Channel Logout specification\". The \
                  final specification defines only `frontchannel_logout_supported` (§3), so standard \
                  clients never read the old name; Microsoft Entra ID still publishes it.",
    fix: "publish `frontchannel_logout_supported` (keep the old name only for old clients)",
    bad: r#"{"http_logout_supported": true}"#,
    good: r#"{"frontchannel_logout_supported": true, "frontchannel_logout_session_supported": true,
              "end_session_endpoint": "https://idp.example.com/logout"}"#,
};

pub const LOGOUT_FCL_WITHOUT_SESSION: Rule = Rule {
    id: "logout-fcl-without-session",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "front-channel logout is offered without `frontchannel_logout_session_supported: true`",
    spec: "OpenID Connect Front-Channel Logout 1.0 §2, §3",
    explanation: "Front-Channel Logout §3: an OP advertising `frontchannel_logout_supported` \"SHOULD also \
                  register this related metadata value: frontchannel_logout_session_supported\", which says \
                  whether it passes `iss` and `sid` \"to identify the RP session with the OP\" (default \
                  false). Without them the RP cannot tell which session the logout is for or validate that \
                  the request comes from its OP (§2), and the iframe the OP renders often cannot see the \
                  RP's cookies in current browsers (§4.1). Absent is the SHOULD not followed; false means \
                  session-specific logout is not offered, which the OpenID conformance suite's front-channel \
                  logout plan fails (`CheckDiscEndpointFrontchannelLogoutSessionSupported`).",
    fix: "send `iss` and `sid` with front-channel logout requests and publish \
          `\"frontchannel_logout_session_supported\": true`",
    bad: r#"{"frontchannel_logout_supported": true, "end_session_endpoint": "https://idp.example.com/logout"}"#,
    good: r#"{"frontchannel_logout_supported": true, "frontchannel_logout_session_supported": true,
              "end_session_endpoint": "https://idp.example.com/logout"}"#,
};

pub const LOGOUT_BCL_WITHOUT_SESSION: Rule = Rule {
    id: "logout-bcl-without-session",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "back-channel logout is offered without `backchannel_logout_session_supported: true`",
    spec: "OpenID Connect Back-Channel Logout 1.0 §2.1, §2.4",
    explanation: "Back-Channel Logout §2.1: an OP advertising `backchannel_logout_supported` \"SHOULD also \
                  register this related metadata value: backchannel_logout_session_supported\", which says \
                  whether it can pass \"a sid (session ID) Claim in the Logout Token to identify the RP \
                  session with the OP\" (default false). Without `sid` a Logout Token names only the user, \
                  and \"the intent is that all sessions at the RP for the End-User identified by the iss and \
                  sub Claims be logged out\" (§2.4): one logout ends every device's session. Absent is the \
                  SHOULD not followed; false is what the OpenID conformance suite's back-channel logout plan \
                  fails (`CheckDiscEndpointBackchannelLogoutSessionSupported`).",
    fix: "put `sid` in Logout Tokens and ID Tokens and publish `\"backchannel_logout_session_supported\": true`",
    bad: r#"{"backchannel_logout_supported": true, "end_session_endpoint": "https://idp.example.com/logout"}"#,
    good: r#"{"backchannel_logout_supported": true, "backchannel_logout_session_supported": true,
              "end_session_endpoint": "https://idp.example.com/logout"}"#,
};

pub const LOGOUT_END_SESSION_MISSING: Rule = Rule {
    id: "logout-end-session-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "front- or back-channel logout is offered without an `end_session_endpoint`",
    spec: "OpenID Connect RP-Initiated Logout 1.0 §2, §2.1; Front-Channel Logout 1.0 §3; \
           Back-Channel Logout 1.0 §2.1",
    explanation: "Front- and back-channel logout tell RPs that the End-User logged out at the OP; the \
                  logout an RP starts goes to the OP's `end_session_endpoint`, \"URL at the OP to which an \
                  RP can perform a redirect to request that the End-User be logged out at the OP\" \
                  (RP-Initiated Logout §2.1, REQUIRED for OPs supporting it). Without it a user leaving one \
                  RP stays logged in at the OP and at every other RP, and the logout the OP would propagate \
                  never starts. Neither logout specification requires the endpoint, hence a warning; the \
                  OpenID conformance suite's front- and back-channel logout plans fail its absence \
                  (`CheckDiscEndSessionEndpoint`).",
    fix: "support RP-Initiated Logout and publish `end_session_endpoint`",
    bad: r#"{"backchannel_logout_supported": true, "backchannel_logout_session_supported": true}"#,
    good: r#"{"backchannel_logout_supported": true, "backchannel_logout_session_supported": true,
              "end_session_endpoint": "https://idp.example.com/logout"}"#,
};

pub const RULES: &[&Rule] = &[
    &LOGOUT_FCL_SESSION_WITHOUT_FCL,
    &LOGOUT_BCL_SESSION_WITHOUT_BCL,
    &LOGOUT_FCL_WITHOUT_SESSION,
    &LOGOUT_BCL_WITHOUT_SESSION,
    &LOGOUT_END_SESSION_MISSING,
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
    let mut logout = Vec::new();
    for (main, session, rule) in [
        (
            "frontchannel_logout_supported",
            "frontchannel_logout_session_supported",
            &LOGOUT_FCL_WITHOUT_SESSION,
        ),
        (
            "backchannel_logout_supported",
            "backchannel_logout_session_supported",
            &LOGOUT_BCL_WITHOUT_SESSION,
        ),
    ] {
        if !cx.doc.is_true(main) {
            continue;
        }
        logout.push(main);
        if cx.doc.is_true(session) {
            continue;
        }
        let (message, actual) = match cx.doc.get(session) {
            None => (
                format!("`{main}` is true but `{session}` is not published"),
                "absent (default false)".to_string(),
            ),
            Some(v) => (
                format!("`{main}` is true but `{session}` is not"),
                v.to_string(),
            ),
        };
        out.push(
            Finding::new(rule, ptr(session), message)
                .expected("true")
                .actual(actual),
        );
    }
    if !logout.is_empty() && !cx.doc.has("end_session_endpoint") {
        out.push(Finding::new(
            &LOGOUT_END_SESSION_MISSING,
            "/end_session_endpoint",
            format!(
                "{} is offered, but there is no `end_session_endpoint` for RPs to start a logout",
                logout
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        ));
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
    fn a_logout_needs_its_session_flag_and_an_end_session_endpoint() {
        let f = run(
            r#"{"frontchannel_logout_supported": true,
                "backchannel_logout_supported": true, "backchannel_logout_session_supported": false}"#,
            &[],
        );
        let fcl = only(&f, "logout-fcl-without-session");
        assert_eq!(fcl[0].pointer, "/frontchannel_logout_session_supported");
        assert_eq!(fcl[0].actual.as_deref(), Some("absent (default false)"));
        let bcl = only(&f, "logout-bcl-without-session");
        assert_eq!(bcl[0].actual.as_deref(), Some("false"));
        let e = only(&f, "logout-end-session-missing");
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("frontchannel_logout_supported"));
        // Not offered (false or a string): nothing to check.
        let f = run(
            r#"{"frontchannel_logout_supported": false, "backchannel_logout_supported": "true"}"#,
            &[],
        );
        for id in [
            "logout-fcl-without-session",
            "logout-bcl-without-session",
            "logout-end-session-missing",
        ] {
            assert!(only(&f, id).is_empty(), "{id}");
        }
    }

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
