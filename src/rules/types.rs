//! Type and URL rules (`type-*`, `array-*`, `url-*`): every member the known-member
//! table ([`crate::schema`]) lists has the JSON type it says, and URL members are
//! absolute URIs using https.
//!
//! Each member gets at most one `type-*` finding. A few members are typed by a more
//! specific rule elsewhere and skipped here: `issuer` (`issuer-not-string`,
//! `issuer-not-https`), `signed_metadata` (`signed-metadata-not-jws`) and
//! `authorization_details_types_supported` (`rar-types-not-array`). The https scheme
//! of `mtls_endpoint_aliases` members is judged by `mtls-alias-not-https`; their
//! type and syntax are checked here.

use serde_json::Value;

use super::uri::scheme_is_https;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{json_type, pointer_token, ptr, token_set};
use crate::schema::{self, FieldType, Group};

pub const TYPE_STRING_URL: Rule = Rule {
    id: "type-string-url",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a URL member is not a JSON string",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Endpoint and link members are URLs, so JSON strings. A client that finds an array, object \
                  or `null` where it expects a URL either fails to load the whole document or silently \
                  ignores the endpoint.",
    fix: "publish the URL as a single JSON string",
    bad: r#"{"token_endpoint": ["https://idp.example.com/token"]}"#,
    good: r#"{"token_endpoint": "https://idp.example.com/token"}"#,
};

pub const TYPE_ARRAY_OF_STRINGS: Rule = Rule {
    id: "type-array-of-strings",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a list member is not a JSON array of strings",
    spec: "OpenID Connect Discovery 1.0 §3, §4.2; RFC 8414 §2, §3.2",
    explanation: "Members with multiple values are JSON arrays of strings. A space-separated string \
                  (`\"openid profile\"`) or a number in the list breaks typed clients, and lenient ones \
                  may treat the whole string as one value.",
    fix: "publish the values as a JSON array of strings, e.g. `[\"openid\", \"profile\"]`",
    bad: r#"{"scopes_supported": "openid profile email"}"#,
    good: r#"{"scopes_supported": ["openid", "profile", "email"]}"#,
};

pub const TYPE_BOOLEAN: Rule = Rule {
    id: "type-boolean",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a flag member is not JSON `true` or `false`",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; the defining extension specifications",
    explanation: "Flags are JSON booleans. The string `\"false\"` is a non-empty string, which many \
                  clients treat as true, so the flag ends up meaning the opposite of what was intended.",
    fix: "use the JSON literals `true` or `false`, without quotes",
    bad: r#"{"request_uri_parameter_supported": "false"}"#,
    good: r#"{"request_uri_parameter_supported": false}"#,
};

pub const TYPE_OBJECT: Rule = Rule {
    id: "type-object",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an object member (e.g. `mtls_endpoint_aliases`) is not a JSON object",
    spec: "RFC 8705 §5; OpenID Federation 1.0 §5.2",
    explanation: "`mtls_endpoint_aliases` is a JSON object mapping endpoint names to their mutual-TLS URLs \
                  (and `jwks` is a JSON Web Key Set object). Anything else is unusable, and mTLS clients \
                  fall back to the plain endpoints.",
    fix: "publish a JSON object, e.g. `{\"token_endpoint\": \"https://mtls.example.com/token\"}`",
    bad: r#"{"mtls_endpoint_aliases": ["https://mtls.idp.example.com/token"]}"#,
    good: r#"{"mtls_endpoint_aliases": {"token_endpoint": "https://mtls.idp.example.com/token"}}"#,
};

pub const TYPE_STRING: Rule = Rule {
    id: "type-string",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a text member is not a JSON string",
    spec: "OpenID Federation 1.0 §5.2",
    explanation: "Text members such as `organization_name` are JSON strings; other types break clients that \
                  display or compare them.",
    fix: "publish the value as a JSON string",
    bad: r#"{"organization_name": ["Example"]}"#,
    good: r#"{"organization_name": "Example"}"#,
};

pub const ARRAY_DUPLICATE_VALUE: Rule = Rule {
    id: "array-duplicate-value",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an array lists the same value twice",
    spec: "none (response types compared as sets per RFC 6749 §3.1.1)",
    explanation: "A repeated value changes nothing for clients but usually points at a copy-paste error or \
                  a generated list that is not what was meant. Response types are compared as sets of \
                  tokens, so `code id_token` and `id_token code` are the same value.",
    fix: "list each value once",
    bad: r#"{"response_types_supported": ["code", "code id_token", "id_token code"]}"#,
    good: r#"{"response_types_supported": ["code", "code id_token"]}"#,
};

pub const URL_INVALID: Rule = Rule {
    id: "url-invalid",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a URL member is not an absolute URI",
    spec: "RFC 3986 §2, §3, §4.3; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Endpoint members hold absolute URLs: a scheme, `//`, a host and a path, with characters \
                  such as spaces, `{`, `}` and non-ASCII text percent-encoded. Clients cannot call a \
                  relative path or a malformed URL, and different libraries repair it differently.",
    fix: "publish the full, percent-encoded URL, e.g. `https://idp.example.com/oauth/token`",
    bad: r#"{"userinfo_endpoint": "/userinfo"}"#,
    good: r#"{"userinfo_endpoint": "https://idp.example.com/userinfo"}"#,
};

pub const URL_TEMPLATE_PLACEHOLDER: Rule = Rule {
    id: "url-template-placeholder",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a vendor or extension URL contains a `{...}` template placeholder",
    spec: "RFC 3986 §2 (`{` and `}` are not allowed unencoded)",
    explanation: "The value is a URL template, not a URL: the client must substitute the `{...}` part \
                  before using it (Auth0's `global_token_revocation_endpoint` ends in `{connectionName}`). \
                  Generic clients will call it literally. In a standard member the same value is \
                  reported as `url-invalid`.",
    fix: "document the template for your clients, or publish resolved URLs",
    bad: r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/{connectionName}"}"#,
    good: r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/main"}"#,
};

pub const URL_HTTPS_REQUIRED: Rule = Rule {
    id: "url-https-required",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an endpoint that must use https does not",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 6749 §3.1, §3.2; RFC 7009 §2; RFC 7662 §2; RFC 8628 §3.1; \
           RFC 9126 §2; OpenID Connect Session Management 1.0 §3.3; RP-Initiated Logout 1.0 §2.1",
    explanation: "These endpoints carry credentials, codes or tokens, and their specifications require TLS \
                  (https). Over plain http anyone on the path can read or change what is sent.",
    fix: "serve the endpoint over https and publish its https URL",
    bad: r#"{"token_endpoint": "http://idp.example.com/token"}"#,
    good: r#"{"token_endpoint": "https://idp.example.com/token"}"#,
};

pub const URL_HTTPS_OTHER: Rule = Rule {
    id: "url-https-other",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a URL member does not use https",
    spec: "OpenID Connect Discovery 1.0 §7.1; FAPI 2.0 Security Profile §5.2.1",
    explanation: "No specification text requires https for this member, but anything fetched or followed \
                  over plain http can be altered on the way; the OpenID conformance suite fails every \
                  non-https endpoint.",
    fix: "publish the https URL",
    bad: r#"{"op_tos_uri": "http://idp.example.com/tos"}"#,
    good: r#"{"op_tos_uri": "https://idp.example.com/tos"}"#,
};

pub const URL_ENDPOINT_FRAGMENT: Rule = Rule {
    id: "url-endpoint-fragment",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the authorization or token endpoint URL has a fragment",
    spec: "RFC 6749 §3.1, §3.2",
    explanation: "The authorization and token endpoint URIs MUST NOT include a fragment component; clients \
                  append parameters to them, and a `#` would swallow those parameters.",
    fix: "remove the `#…` part from the endpoint URL",
    bad: r##"{"authorization_endpoint": "https://idp.example.com/authorize#login"}"##,
    good: r#"{"authorization_endpoint": "https://idp.example.com/authorize"}"#,
};

pub const URL_ENDPOINT_OTHER_HOST: Rule = Rule {
    id: "url-endpoint-other-host",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an endpoint is on another host than the issuer",
    spec: "none (RFC 9700 §4.4 discusses mix-up attacks)",
    explanation: "Nothing requires endpoints to share the issuer's host, and large providers (Google, Microsoft) \
                  split them across hosts on purpose. It is shown so that an unexpected host, for example a \
                  leftover staging URL, stands out.",
    fix: "nothing to change if the host is intended",
    bad: r#"{"userinfo_endpoint": "https://api.example.net/userinfo"}"#,
    good: r#"{"userinfo_endpoint": "https://idp.example.com/userinfo"}"#,
};

pub const RULES: &[&Rule] = &[
    &TYPE_STRING_URL,
    &TYPE_ARRAY_OF_STRINGS,
    &TYPE_BOOLEAN,
    &TYPE_OBJECT,
    &TYPE_STRING,
    &ARRAY_DUPLICATE_VALUE,
    &URL_INVALID,
    &URL_TEMPLATE_PLACEHOLDER,
    &URL_HTTPS_REQUIRED,
    &URL_HTTPS_OTHER,
    &URL_ENDPOINT_FRAGMENT,
    &URL_ENDPOINT_OTHER_HOST,
];

/// Members whose type is judged by a more specific rule in another family.
const TYPED_ELSEWHERE: &[&str] = &[
    "issuer",
    "signed_metadata",
    "authorization_details_types_supported",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let issuer_host = cx.doc.str("issuer").and_then(host_of);
    for (name, value) in &cx.doc.value {
        let field = schema::field(name);
        if let Some(field) = field
            && !TYPED_ELSEWHERE.contains(&field.name)
        {
            type_check(name, field.ty, value, out);
        }
        if let Value::Array(items) = value {
            duplicates(name, items, out);
        }
        let url_member = match field {
            Some(f) => f.ty == FieldType::Url && f.name != "issuer",
            None => schema::url_like_name(name),
        };
        if let (true, Some(url)) = (url_member, value.as_str()) {
            let standard = field.is_some_and(|f| f.standard);
            let required = field.is_some_and(|f| f.https);
            let p = ptr(name);
            if url_syntax(name, &p, url, standard, out) {
                https(name, &p, url, required, out);
                if schema::group(name) == Group::Endpoint {
                    other_host(name, url, issuer_host.as_deref(), out);
                }
            }
            if matches!(name.as_str(), "authorization_endpoint" | "token_endpoint")
                && url.contains('#')
            {
                out.push(
                    Finding::new(
                        &URL_ENDPOINT_FRAGMENT,
                        p,
                        format!("`{name}` has a fragment component"),
                    )
                    .actual(url),
                );
            }
        }
    }
    aliases(cx, out);
}

fn type_check(name: &str, ty: FieldType, value: &Value, out: &mut Vec<Finding>) {
    let p = ptr(name);
    let wrong = |rule: &'static Rule| {
        Finding::new(
            rule,
            p.clone(),
            format!("`{name}` is {}, not {}", json_type(value), ty.describe()),
        )
        .expected(ty.describe())
        .actual(json_type(value))
    };
    match ty {
        FieldType::Url if !value.is_string() => {
            let mut f = wrong(&TYPE_STRING_URL);
            if let Some(first) = value
                .as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_str)
            {
                f = f.help(format!("publish a single URL string, e.g. {first:?}"));
            }
            out.push(f);
        }
        FieldType::Bool if !value.is_boolean() => {
            let mut f = wrong(&TYPE_BOOLEAN);
            if let Some(s) = value.as_str()
                && matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "false")
            {
                f = f
                    .actual(format!("{s:?}"))
                    .help(format!(
                        "use the JSON literal {} without quotes; the string {s:?} is truthy in many clients",
                        s.trim().to_ascii_lowercase()
                    ));
            }
            out.push(f);
        }
        FieldType::Object if !value.is_object() => out.push(wrong(&TYPE_OBJECT)),
        FieldType::Str if !value.is_string() => out.push(wrong(&TYPE_STRING)),
        FieldType::StrArray => match value {
            Value::Array(items) => {
                let bad: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.is_string())
                    .map(|(i, _)| i)
                    .collect();
                if let Some(&first) = bad.first() {
                    let v = items.get(first).unwrap_or(&Value::Null);
                    out.push(
                        Finding::new(
                            &TYPE_ARRAY_OF_STRINGS,
                            format!("{p}/{first}"),
                            format!(
                                "`{name}` has {} element(s) that are not strings; element {first} is {}",
                                bad.len(),
                                json_type(v)
                            ),
                        )
                        .expected("a string")
                        .actual(json_type(v)),
                    );
                }
            }
            _ => {
                let mut f = wrong(&TYPE_ARRAY_OF_STRINGS);
                if let Some(s) = value.as_str() {
                    let parts: Vec<String> = s
                        .split([' ', ','])
                        .filter(|t| !t.is_empty())
                        .map(|t| format!("{t:?}"))
                        .collect();
                    f = f
                        .actual(format!("{s:?}"))
                        .help(format!("publish a JSON array: [{}]", parts.join(", ")));
                }
                out.push(f);
            }
        },
        _ => {}
    }
}

fn duplicates(name: &str, items: &[Value], out: &mut Vec<Finding>) {
    let response_types = name == "response_types_supported";
    let mut first_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, v) in items.iter().enumerate() {
        let Some(s) = v.as_str() else { continue };
        let key = if response_types {
            token_set(s).into_iter().collect::<Vec<_>>().join(" ")
        } else {
            s.to_string()
        };
        match first_at.get(&key) {
            Some(&first) => {
                let original = items.get(first).and_then(Value::as_str).unwrap_or("");
                let message = if original == s {
                    format!("`{name}` lists {s:?} again (first at index {first})")
                } else {
                    format!(
                        "`{name}` lists {s:?}, the same response type as {original:?} at index {first}"
                    )
                };
                out.push(Finding::new(
                    &ARRAY_DUPLICATE_VALUE,
                    format!("{}/{i}", ptr(name)),
                    message,
                ));
            }
            None => {
                first_at.insert(key, i);
            }
        }
    }
}

/// Why `s` is not an absolute RFC 3986 URI usable as an endpoint, if it is not.
fn uri_problem(s: &str) -> Option<String> {
    let Some((scheme, rest)) = s.split_once(':') else {
        return Some("it has no scheme (not an absolute URL)".into());
    };
    let mut sc = scheme.chars();
    let scheme_ok = sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Some("it has no valid scheme (not an absolute URL)".into());
    }
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let allowed = c.is_ascii_alphanumeric()
            || matches!(
                c,
                '-' | '.'
                    | '_'
                    | '~'
                    | ':'
                    | '/'
                    | '?'
                    | '#'
                    | '['
                    | ']'
                    | '@'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
            );
        if allowed {
            continue;
        }
        if c == '%' {
            let hex = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_hexdigit);
            if hex(1) && hex(2) {
                continue;
            }
            return Some(format!(
                "`%` at offset {i} is not followed by two hex digits"
            ));
        }
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("control character U+{:04X}", u32::from(c)),
            c => format!("{c:?}"),
        };
        return Some(format!(
            "it contains {shown} (at offset {i}), which must be percent-encoded"
        ));
    }
    let lower = scheme.to_ascii_lowercase();
    if matches!(lower.as_str(), "http" | "https") {
        let Some(after) = rest.strip_prefix("//") else {
            return Some("it has no `//host` part".into());
        };
        let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
        if after.get(..host_end).is_none_or(str::is_empty) {
            return Some("it has no host".into());
        }
    }
    match url::Url::parse(s) {
        Ok(_) => None,
        Err(e) => Some(format!("it cannot be parsed: {e}")),
    }
}

/// Replace `{name}` template placeholders; `None` when there are none.
fn without_placeholders(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut found = false;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let inner = after.get(..close).unwrap_or("");
        if inner.is_empty() || inner.contains(['{', ' ', '/']) {
            break;
        }
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push('x');
        rest = after.get(close + 1..).unwrap_or("");
        found = true;
    }
    out.push_str(rest);
    found.then_some(out)
}

/// Syntax checks; `true` when the URL is usable enough for the scheme/host checks.
fn url_syntax(name: &str, p: &str, url: &str, standard: bool, out: &mut Vec<Finding>) -> bool {
    let Some(problem) = uri_problem(url) else {
        return true;
    };
    if let Some(filled) = without_placeholders(url)
        && uri_problem(&filled).is_none()
    {
        if !standard {
            out.push(
                Finding::new(
                    &URL_TEMPLATE_PLACEHOLDER,
                    p.to_string(),
                    format!("`{name}` is a URL template, not a URL"),
                )
                .actual(url),
            );
            return true;
        }
        out.push(
            Finding::new(
                &URL_INVALID,
                p.to_string(),
                format!("`{name}` contains a `{{…}}` template placeholder, so it is not a URL"),
            )
            .expected("an absolute URL")
            .actual(url)
            .help("publish the resolved URL; clients call this member as it is"),
        );
        return false;
    }
    out.push(
        Finding::new(
            &URL_INVALID,
            p.to_string(),
            format!("`{name}` is not an absolute URL: {problem}"),
        )
        .expected("an absolute URL")
        .actual(url),
    );
    false
}

fn https(name: &str, p: &str, url: &str, required: bool, out: &mut Vec<Finding>) {
    if scheme_is_https(url) {
        return;
    }
    let rule = if required {
        &URL_HTTPS_REQUIRED
    } else {
        &URL_HTTPS_OTHER
    };
    out.push(
        Finding::new(rule, p.to_string(), format!("`{name}` does not use https"))
            .expected("https://…")
            .actual(url),
    );
}

fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    u.host_str().map(str::to_ascii_lowercase)
}

fn other_host(name: &str, url: &str, issuer_host: Option<&str>, out: &mut Vec<Finding>) {
    let (Some(issuer), Some(host)) = (issuer_host, host_of(url)) else {
        return;
    };
    if host != issuer {
        out.push(
            Finding::new(
                &URL_ENDPOINT_OTHER_HOST,
                ptr(name),
                format!("`{name}` is on {host}, the issuer on {issuer}"),
            )
            .expected(issuer)
            .actual(host),
        );
    }
}

/// Members of `mtls_endpoint_aliases`: URL strings with valid syntax (the scheme is
/// judged by `mtls-alias-not-https`).
fn aliases(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(Value::Object(map)) = cx.doc.get("mtls_endpoint_aliases") else {
        return;
    };
    for (key, value) in map {
        let p = format!("/mtls_endpoint_aliases/{}", pointer_token(key));
        let label = format!("mtls_endpoint_aliases.{key}");
        match value.as_str() {
            Some(url) => {
                url_syntax(&label, &p, url, true, out);
            }
            None => out.push(
                Finding::new(
                    &TYPE_STRING_URL,
                    p,
                    format!("`{label}` is {}, not a URL string", json_type(value)),
                )
                .expected(FieldType::Url.describe())
                .actual(json_type(value)),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;
    use crate::diagnostic::Finding;

    fn only<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        f.iter().filter(|x| x.rule == rule).collect()
    }

    fn type_findings(f: &[Finding], pointer_prefix: &str) -> usize {
        f.iter()
            .filter(|x| x.rule.id.starts_with("type-") && x.pointer.starts_with(pointer_prefix))
            .count()
    }

    /// Every known member with a wrong type gets exactly one type finding.
    #[test]
    fn every_known_member_is_type_checked_once() {
        for field in schema::fields().filter(|f| !TYPED_ELSEWHERE.contains(&f.name)) {
            let wrong = match field.ty {
                FieldType::Bool | FieldType::Object | FieldType::Url | FieldType::Str => {
                    Value::from(7)
                }
                FieldType::StrArray => Value::from("a b"),
            };
            let frag = serde_json::json!({ field.name: wrong }).to_string();
            let f = run(&frag, &[]);
            assert_eq!(
                type_findings(&f, &ptr(field.name)),
                1,
                "{}: {f:?}",
                field.name
            );
        }
    }

    #[test]
    fn null_gets_the_null_rule_and_one_type_rule() {
        let f = run(r#"{"userinfo_endpoint": null}"#, &[]);
        assert!(fires(&f, "doc-null-member"));
        assert_eq!(only(&f, "type-string-url").len(), 1);
        assert!(!fires(&f, "url-invalid"));
    }

    #[test]
    fn array_with_non_strings_points_at_the_first_bad_element() {
        let f = run(r#"{"scopes_supported": ["openid", 3, null]}"#, &[]);
        let t = only(&f, "type-array-of-strings");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].pointer, "/scopes_supported/1");
        assert!(t[0].message.contains("2 element(s)"));
    }

    #[test]
    fn string_booleans_get_specific_help() {
        let f = run(r#"{"claims_parameter_supported": "true"}"#, &[]);
        let t = only(&f, "type-boolean");
        assert!(t[0].help.as_deref().unwrap().contains("literal true"));
    }

    #[test]
    fn response_types_are_duplicates_as_sets() {
        let f = run(
            r#"{"response_types_supported": ["code", "code id_token", "id_token code", "code"]}"#,
            &[],
        );
        let d = only(&f, "array-duplicate-value");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].pointer, "/response_types_supported/2");
        assert_eq!(d[1].pointer, "/response_types_supported/3");
        // Other arrays compare strings exactly.
        let f = run(r#"{"scopes_supported": ["openid", "Openid"]}"#, &[]);
        assert!(!fires(&f, "array-duplicate-value"));
    }

    #[test]
    fn uri_syntax() {
        for ok in [
            "https://idp.example.com/token",
            "https://idp.example.com:8443/a%20b?x=1",
            "https://[::1]/token",
            "urn:example:thing",
        ] {
            assert_eq!(uri_problem(ok), None, "{ok}");
        }
        for bad in [
            "/userinfo",
            "idp.example.com/token",
            "https://idp.example.com/a b",
            "https://idp.example.com/{tenant}/token",
            "https:///token",
            "https:idp.example.com",
            "https://idp.example.com/%zz",
            "https://idp.example.com/é",
            "https://idp.example.com:99999/",
            "",
        ] {
            assert!(uri_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn placeholders_are_info_in_vendor_members_and_invalid_in_standard_ones() {
        let f = run(
            r#"{"global_token_revocation_endpoint": "https://idp.example.com/connection/{connectionName}"}"#,
            &[],
        );
        assert!(fires(&f, "url-template-placeholder"));
        assert!(!fires(&f, "url-invalid"));
        let f = run(
            r#"{"token_endpoint": "https://idp.example.com/{tenant}/token"}"#,
            &[],
        );
        assert!(!fires(&f, "url-template-placeholder"));
        let i = only(&f, "url-invalid");
        assert!(i[0].message.contains("template"));
    }

    #[test]
    fn https_is_reported_once_per_member_at_the_right_severity() {
        let f = run(
            r#"{"token_endpoint": "http://idp.example.com/token",
                "service_documentation": "http://idp.example.com/docs",
                "kerberos_endpoint": "http://idp.example.com/kerberos"}"#,
            &[],
        );
        let req = only(&f, "url-https-required");
        assert_eq!(req.len(), 1);
        assert_eq!(req[0].pointer, "/token_endpoint");
        let other: Vec<_> = only(&f, "url-https-other")
            .iter()
            .map(|x| x.pointer.clone())
            .collect();
        assert_eq!(other, vec!["/service_documentation", "/kerberos_endpoint"]);
        // An invalid URL is reported as invalid, not also as non-https.
        let f = run(r#"{"token_endpoint": "http://idp.example.com/a b"}"#, &[]);
        assert!(fires(&f, "url-invalid") && !fires(&f, "url-https-required"));
    }

    #[test]
    fn aliases_are_type_and_syntax_checked_but_not_https_checked_here() {
        let f = run(
            r#"{"mtls_endpoint_aliases": {"token_endpoint": "http://mtls.idp.example.com/token",
                "revocation_endpoint": 5, "introspection_endpoint": "/introspect"}}"#,
            &[],
        );
        assert!(!fires(&f, "url-https-other") && !fires(&f, "url-https-required"));
        let t = only(&f, "type-string-url");
        assert_eq!(t[0].pointer, "/mtls_endpoint_aliases/revocation_endpoint");
        let i = only(&f, "url-invalid");
        assert_eq!(
            i[0].pointer,
            "/mtls_endpoint_aliases/introspection_endpoint"
        );
        assert!(!fires(&f, "url-endpoint-other-host"));
    }

    #[test]
    fn fragment_and_other_host() {
        let f = run(
            r##"{"token_endpoint": "https://idp.example.com/token#x"}"##,
            &[],
        );
        assert!(fires(&f, "url-endpoint-fragment"));
        let f = run(
            r#"{"userinfo_endpoint": "https://API.example.net/userinfo", "op_tos_uri": "https://legal.example.net/tos"}"#,
            &[],
        );
        let h = only(&f, "url-endpoint-other-host");
        assert_eq!(h.len(), 1, "documentation links are not endpoints");
        assert_eq!(h[0].actual.as_deref(), Some("api.example.net"));
    }

    /// Real documents: nothing from the type, document-shape or extension rules
    /// above info except what the provider really gets wrong, and the infos expected.
    #[test]
    fn real_documents_have_no_type_or_url_errors() {
        use super::super::testing::run_with;
        use crate::document::Document;
        use crate::target::{Target, WellKnown};
        let docs = [
            (
                "auth0",
                include_str!("../../tests/fixtures/auth0-tenant-dev-ltxchcls4igzho78.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "entra",
                include_str!("../../tests/fixtures/entra-common-v2.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "google",
                include_str!("../../tests/fixtures/google.json"),
                WellKnown::OpenidConfiguration,
            ),
            (
                "okta",
                include_str!(
                    "../../tests/fixtures/okta-custom-as-auth-js-test.oauth-authorization-server.json"
                ),
                WellKnown::OauthAuthorizationServer,
            ),
        ];
        for (name, text, wk) in docs {
            let doc = Document::parse(text.as_bytes()).unwrap();
            let t = Target::file(name, wk);
            let f = run_with(doc, None, &t, &[]);
            // This family, the document-shape family and the extension families.
            let ours = |id: &str| {
                use super::super as rules;
                [
                    RULES,
                    rules::doc::RULES,
                    rules::device::RULES,
                    rules::par::RULES,
                    rules::dpop::RULES,
                    rules::mtls::RULES,
                    rules::jar::RULES,
                    rules::rar::RULES,
                    rules::ciba::RULES,
                    rules::logout::RULES,
                    rules::signed_metadata::RULES,
                ]
                .iter()
                .any(|family| family.iter().any(|r| r.id == id))
            };
            let loud: Vec<_> = f
                .iter()
                .filter(|x| ours(x.rule.id) && x.severity > Severity::Info)
                .map(|x| (x.rule.id, x.pointer.as_str()))
                .collect();
            // Entra really does publish `"tenant_region_scope": null`.
            let expected: &[(&str, &str)] = match name {
                "entra" => &[("doc-null-member", "/tenant_region_scope")],
                _ => &[],
            };
            assert_eq!(loud, expected, "{name}");
            if name == "google" {
                assert_eq!(only(&f, "url-endpoint-other-host").len(), 5);
            }
            if name == "entra" {
                let h = only(&f, "url-endpoint-other-host");
                assert_eq!(h.len(), 1);
                assert_eq!(h[0].pointer, "/userinfo_endpoint");
            }
        }
    }

    #[test]
    fn issuer_is_left_to_the_issuer_rules() {
        let f = run(r#"{"issuer": 5}"#, &[]);
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
        let f = run(r#"{"issuer": "http://idp.example.com"}"#, &[]);
        assert!(!fires(&f, "url-https-required"));
    }
}
