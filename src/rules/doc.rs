//! Retrieval and document-shape rules (`doc-*`): how the document was served (scheme,
//! TLS, status, redirects, media type) and the shape of the JSON object (duplicate
//! names, empty arrays, nulls, unknown members).
//!
//! Some rules here are decided before a document exists (no TLS, no 200, no JSON
//! object): they are declared here, so `explain` and the reports know them, and the
//! command line emits them when the fetch or the parse fails. Exchange findings point
//! at `http:` pointers (`http:url`, `http:status`, `http:content-type`,
//! `http:redirects`, `http:tls`).

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;
use crate::schema;
use serde_json::Value;

pub const DOC_DUPLICATE_MEMBER: Rule = Rule {
    id: "doc-duplicate-member",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a member name appears more than once in an object",
    spec: "RFC 8259 §4",
    explanation: "Names within a JSON object SHOULD be unique. With duplicates, parsers disagree: most keep \
                  the last value, some the first, some reject the document, so two clients can see two \
                  different configurations. The report shows the last value.",
    fix: "remove all but one occurrence of the member",
    bad: "",
    good: "",
};

pub const DOC_BYTE_ORDER_MARK: Rule = Rule {
    id: "doc-byte-order-mark",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the body starts with a UTF-8 byte-order mark",
    spec: "RFC 8259 §8.1",
    explanation: "Implementations MUST NOT add a byte-order mark to the beginning of a JSON text sent over \
                  a network. Parsers MAY ignore it, and this tool does, but many do not: JavaScript's \
                  JSON.parse, for one, rejects the document outright.",
    fix: "serve the JSON without the leading EF BB BF bytes",
    bad: "",
    good: "",
};

pub const DOC_EMPTY_ARRAY: Rule = Rule {
    id: "doc-empty-array",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a member is an empty array",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "OpenID Connect Discovery §4.2 and RFC 8414 §3.2: \"Claims with zero elements MUST be \
                  omitted from the response.\" An empty array is not the same as an absent member: absent \
                  members have defaults, and clients may read `[]` as \"nothing is supported\". The OpenID \
                  conformance suite is looser: where it checks only that a member is an array \
                  (`OIDCCCheckDiscEndpointUserinfoSigningAlgValuesSupported`, for one), `[]` passes; this \
                  tool follows the specification text.",
    fix: "omit the member instead of publishing `[]`",
    bad: r#"{"acr_values_supported": []}"#,
    good: r#"{"acr_values_supported": ["urn:mace:incommon:iap:silver"]}"#,
};

pub const DOC_NULL_MEMBER: Rule = Rule {
    id: "doc-null-member",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a member's value is `null`",
    spec: "draft-ietf-oauth-v2-1, JSON serialization appendix (by analogy); OpenID Connect Discovery 1.0 §4.2",
    explanation: "Parameters without a value SHOULD be omitted rather than sent as JSON `null` (written for \
                  protocol messages and applied here by analogy). Typed clients fail on `null` where they \
                  expect a string or an array; a known member that is `null` also gets a type finding. An \
                  unknown member that is `null` gets this finding only, not also `doc-unknown-member`.",
    fix: "omit the member instead of publishing `null`",
    bad: r#"{"vendor_region": null}"#,
    good: r#"{"vendor_region": "eu"}"#,
};

pub const DOC_UNKNOWN_MEMBER: Rule = Rule {
    id: "doc-unknown-member",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a member is not one this tool knows",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Additional metadata MAY be published, so an unknown member is not an error. But a typo in a \
                  standard name (`jwks_url`) means clients never see the value and fall back to defaults; \
                  near misses come with a suggestion.",
    fix: "check the name against the specification; rename it if it is a typo",
    bad: r#"{"jwks_url": "https://idp.example.com/jwks.json"}"#,
    good: r#"{"jwks_uri": "https://idp.example.com/jwks.json"}"#,
};

pub const DOC_CORS_MISSING: Rule = Rule {
    id: "doc-cors-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the discovery endpoint does not allow cross-origin requests (CORS)",
    spec: "OpenID Connect Discovery 1.0 §4; RFC 9700 §2.6",
    explanation: "OpenID Connect Discovery §4: \"The openid-configuration endpoint SHOULD support the use \
                  of CORS and/or other methods as appropriate to enable Java Script Clients to access \
                  it.\" Without an `Access-Control-Allow-Origin` header a single-page app cannot discover \
                  the provider: a warning for OpenID Provider documents. For an RFC 8414-only document it is \
                  info: RFC 8414 says nothing of CORS, and RFC 9700 §2.6 only says that endpoints browser \
                  clients access, the Authorization Server Metadata Endpoint among them, \"MAY support the \
                  use of Cross-Origin Resource Sharing (CORS)\". Checked only by the opt-in `--probe`, which \
                  sends a request with an `Origin` header.",
    fix: "send `Access-Control-Allow-Origin` (e.g. `*`) on the discovery response",
    bad: "",
    good: "",
};

pub const DOC_JWKS_CORS_MISSING: Rule = Rule {
    id: "doc-jwks-cors-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the `jwks_uri` does not allow cross-origin requests (CORS)",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "The `jwks_uri` SHOULD support CORS so browser-based clients can fetch keys and validate \
                  tokens. Checked only by the opt-in `--probe`.",
    fix: "send `Access-Control-Allow-Origin` (e.g. `*`) on the JWKS response",
    bad: "",
    good: "",
};

pub const RULES: &[&Rule] = &[
    &DOC_DUPLICATE_MEMBER,
    &DOC_BYTE_ORDER_MARK,
    &DOC_EMPTY_ARRAY,
    &DOC_NULL_MEMBER,
    &DOC_UNKNOWN_MEMBER,
    &DOC_CORS_MISSING,
    &DOC_JWKS_CORS_MISSING,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    shape(cx, out);
    if cx.doc.had_bom {
        out.push(Finding::new(
            &DOC_BYTE_ORDER_MARK,
            "",
            "the body starts with a byte-order mark (EF BB BF); it was ignored to check the document",
        ));
    }
}

fn shape(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for p in &cx.doc.duplicates {
        out.push(Finding::new(
            &DOC_DUPLICATE_MEMBER,
            p.clone(),
            format!("`{}` appears more than once; the last value is used", p),
        ));
    }
    for (name, value) in &cx.doc.value {
        let known = schema::field(name).is_some();
        match value {
            Value::Array(a) if a.is_empty() => out.push(Finding::new(
                &DOC_EMPTY_ARRAY,
                ptr(name),
                format!("`{name}` is an empty array"),
            )),
            // One finding for a null member, known or not: an unknown name's
            // suggestion goes into its help rather than into a second finding.
            Value::Null => {
                let mut f = Finding::new(&DOC_NULL_MEMBER, ptr(name), format!("`{name}` is null"));
                if !known {
                    f = f.help(match schema::suggest(name) {
                        Some(s) => format!(
                            "omit the member; if a value is meant, note that `{name}` is not a known \
                             member: did you mean `{s}`?"
                        ),
                        None => format!(
                            "omit the member (`{name}` is not a member this tool knows, so nothing \
                             is lost)"
                        ),
                    });
                }
                out.push(f);
                continue;
            }
            _ => {}
        }
        if !known {
            let f = match schema::suggest(name) {
                Some(s) => Finding::new(
                    &DOC_UNKNOWN_MEMBER,
                    ptr(name),
                    format!("`{name}` is not a known member; did you mean `{s}`?"),
                )
                .expected(s)
                .actual(name.clone())
                .help(format!("did you mean `{s}`? Clients look only for `{s}`")),
                None => Finding::new(
                    &DOC_UNKNOWN_MEMBER,
                    ptr(name),
                    format!("`{name}` is not a member this tool knows"),
                ),
            };
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{exchange, fires, run, run_with, target};
    use crate::document::Document;

    #[test]
    fn duplicates_are_reported_at_their_pointer() {
        let body = br#"{"issuer":"https://idp.example.com","issuer":"https://idp.example.com"}"#;
        let d = Document::parse(body).unwrap();
        let f = run_with(d, Some(&exchange()), &target(), &[]);
        let dup = f.iter().find(|f| f.rule == "doc-duplicate-member").unwrap();
        assert_eq!(dup.pointer, "/issuer");
    }

    #[test]
    fn empty_arrays_and_nulls() {
        let f = run(r#"{"acr_values_supported": [], "op_tos_uri": null}"#, &[]);
        assert!(fires(&f, "doc-empty-array"));
        let n = f.iter().find(|f| f.rule == "doc-null-member").unwrap();
        assert_eq!(n.pointer, "/op_tos_uri");
    }

    /// Regression: Entra's `"tenant_region_scope": null` was reported twice, as
    /// null and as unknown.
    #[test]
    fn a_null_unknown_member_is_one_finding() {
        let f = run(r#"{"tenant_region_scope": null, "jwks_url": null}"#, &[]);
        for p in ["/tenant_region_scope", "/jwks_url"] {
            let on: Vec<_> = f.iter().filter(|f| f.pointer == p).collect();
            assert_eq!(on.len(), 1, "{p}: {on:?}");
            assert_eq!(on[0].rule.id, "doc-null-member");
        }
        let typo = f.iter().find(|f| f.pointer == "/jwks_url").unwrap();
        assert!(typo.help.as_deref().unwrap_or("").contains("`jwks_uri`"));
    }

    #[test]
    fn unknown_members_with_and_without_suggestions() {
        let f = run(
            r#"{"jwks_url": "https://idp.example.com/k", "code_challenge_method_supported": ["S256"],
                "kerberos_endpoint": "https://idp.example.com/kerberos"}"#,
            &[],
        );
        let get = |p: &str| {
            f.iter()
                .find(|f| f.rule == "doc-unknown-member" && f.pointer == p)
        };
        assert_eq!(
            get("/jwks_url").unwrap().expected.as_deref(),
            Some("jwks_uri")
        );
        assert!(
            get("/jwks_url")
                .unwrap()
                .help
                .as_deref()
                .unwrap()
                .contains("jwks_uri")
        );
        assert_eq!(
            get("/code_challenge_method_supported")
                .unwrap()
                .expected
                .as_deref(),
            Some("code_challenge_methods_supported")
        );
        let k = get("/kerberos_endpoint").unwrap();
        assert!(k.expected.is_none() && k.help.is_none());
        // Known vendor members are not unknown.
        let f = run(
            r#"{"mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge", "http_logout_supported": true}"#,
            &[],
        );
        assert!(!fires(&f, "doc-unknown-member"));
    }
}
