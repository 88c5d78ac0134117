//! Rules on listed values OpenID Connect defines: `openid` is among the scopes
//! and every scope is a scope token (`oidc-scopes-missing-openid`,
//! `oidc-scope-syntax`), a usable subject type is listed
//! (`oidc-subject-types-none-valid`), and claim types, display and prompt values
//! are ones a specification defines (`oidc-claim-types-invalid`,
//! `oidc-display-values-unknown`, `oidc-prompt-values-unknown`).
//!
//! Only values that are present are judged: an absent member is required.rs's
//! concern, a non-string element the type rules'.

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const SCOPES_MISSING_OPENID: Rule = Rule {
    id: "oidc-scopes-missing-openid",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "`scopes_supported` does not list `openid`",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "OpenID Connect Discovery §3, `scopes_supported`: \"The server MUST support the openid \
                  scope value. Servers MAY choose not to advertise some supported scope values even when \
                  this parameter is used, although those defined in [OpenID.Core] SHOULD be listed, if \
                  supported.\" A list without `openid` tells clients the provider does not do OpenID \
                  Connect. Leaving a supported scope out of the list breaks a SHOULD, not the MUST (which \
                  is about support, not the list), so this is a warning. The OpenID conformance suite is \
                  stricter and fails it (`CheckDiscEndpointScopesSupportedContainsOpenId`); this tool \
                  follows the specification text.",
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

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    scopes(cx, out);
    subject_types(cx, out);
    value_lists(cx, out);
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

#[cfg(test)]
mod tests {
    use super::super::super::testing::{only, run};

    #[test]
    fn scope_syntax_points_at_the_element() {
        let f = run(
            r#"{"scopes_supported": ["openid", "caf\u00e9", "a\"b", "", "ok"]}"#,
            &[],
        );
        let s: Vec<&str> = only(&f, "oidc-scope-syntax")
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
}
