//! JSON type rules (`type-*`, and `array-duplicate-value`): every member the
//! known-member table ([`crate::schema`]) lists has the JSON type it says, and an
//! array lists each value once. The file is named for what the rules check
//! because `type` is a Rust keyword.
//!
//! Each member gets at most one `type-*` finding. A few members are typed by a more
//! specific rule elsewhere and skipped here: `issuer` (`issuer-not-string`),
//! `signed_metadata` (`signed-metadata-not-jws`) and
//! `authorization_details_types_supported` (`rar-types-not-array`). Values are
//! only typed here: what a URL string says is judged by the `url-*` rules.

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{json_type, pointer_token, ptr, token_set};
use crate::schema::{self, FieldType};

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

pub const RULES: &[&Rule] = &[
    &TYPE_STRING_URL,
    &TYPE_ARRAY_OF_STRINGS,
    &TYPE_BOOLEAN,
    &TYPE_OBJECT,
    &TYPE_STRING,
    &ARRAY_DUPLICATE_VALUE,
];

/// Members whose type is judged by a more specific rule in another family.
const TYPED_ELSEWHERE: &[&str] = &[
    "issuer",
    "signed_metadata",
    "authorization_details_types_supported",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (name, value) in &cx.doc.value {
        if let Some(field) = schema::field(name)
            && !TYPED_ELSEWHERE.contains(&field.name)
        {
            type_check(name, field.ty, value, out);
        }
        if let Value::Array(items) = value {
            duplicates(name, items, out);
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
    let mut first_at: foldhash::HashMap<std::borrow::Cow<'_, str>, usize> =
        foldhash::HashMapExt::new();
    for (i, v) in items.iter().enumerate() {
        let Some(s) = v.as_str() else { continue };
        let key = if response_types {
            token_set(s)
                .into_iter()
                .collect::<Vec<_>>()
                .join(" ")
                .into()
        } else {
            std::borrow::Cow::Borrowed(s)
        };
        match first_at.get(&key).copied() {
            Some(first) => {
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

/// Members of `mtls_endpoint_aliases` are URL strings (their syntax is judged by
/// the `url-*` rules, their scheme by `mtls-alias-not-https`).
fn aliases(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(Value::Object(map)) = cx.doc.get("mtls_endpoint_aliases") else {
        return;
    };
    for (key, value) in map {
        if value.is_string() {
            continue;
        }
        let p = format!("/mtls_endpoint_aliases/{}", pointer_token(key));
        let label = format!("mtls_endpoint_aliases.{key}");
        out.push(
            Finding::new(
                &TYPE_STRING_URL,
                p,
                format!("`{label}` is {}, not a URL string", json_type(value)),
            )
            .expected(FieldType::Url.describe())
            .actual(json_type(value)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, only, run};
    use super::*;

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
    fn alias_values_are_type_checked() {
        let f = run(
            r#"{"mtls_endpoint_aliases": {"token_endpoint": "http://mtls.idp.example.com/token",
                "revocation_endpoint": 5, "introspection_endpoint": "/introspect"}}"#,
            &[],
        );
        let t = only(&f, "type-string-url");
        assert_eq!(t[0].pointer, "/mtls_endpoint_aliases/revocation_endpoint");
    }

    #[test]
    fn issuer_is_left_to_the_issuer_rules() {
        let f = run(r#"{"issuer": 5}"#, &[]);
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
    }
}
