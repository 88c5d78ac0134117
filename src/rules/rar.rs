//! Rich authorization request rules (`rar-*`, RFC 9396): the authorization
//! details types a server supports are a JSON array of strings.
//!
//! This family, not `type-array-of-strings`, types
//! `authorization_details_types_supported` (the type rules skip the member), so
//! the member gets one type finding, not two.

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{json_type, ptr};

pub const RAR_TYPES_NOT_ARRAY: Rule = Rule {
    id: "rar-types-not-array",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`authorization_details_types_supported` is not a JSON array of strings",
    spec: "RFC 9396 §10",
    explanation: "The authorization details types a server supports are published as a JSON array of strings; \
                  anything else leaves clients unable to discover which `type` values they may send.",
    fix: "publish a JSON array of type strings, e.g. `[\"payment_initiation\"]`",
    bad: r#"{"authorization_details_types_supported": "payment_initiation"}"#,
    good: r#"{"authorization_details_types_supported": ["payment_initiation"]}"#,
};

pub const RULES: &[&Rule] = &[&RAR_TYPES_NOT_ARRAY];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let name = "authorization_details_types_supported";
    let Some(value) = cx.doc.get(name) else {
        return;
    };
    match value {
        Value::Array(items) => {
            if let Some((i, v)) = items.iter().enumerate().find(|(_, v)| !v.is_string()) {
                out.push(
                    Finding::new(
                        &RAR_TYPES_NOT_ARRAY,
                        format!("{}/{i}", ptr(name)),
                        format!("element {i} of `{name}` is {}, not a string", json_type(v)),
                    )
                    .expected("a string")
                    .actual(json_type(v)),
                );
            }
        }
        other => out.push(
            Finding::new(
                &RAR_TYPES_NOT_ARRAY,
                ptr(name),
                format!("`{name}` is {}, not an array of strings", json_type(other)),
            )
            .expected("an array of strings")
            .actual(json_type(other)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{only, run};

    #[test]
    fn rar_is_typed_once() {
        let f = run(
            r#"{"authorization_details_types_supported": ["a", 1]}"#,
            &[],
        );
        let r = only(&f, "rar-types-not-array");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].pointer, "/authorization_details_types_supported/1");
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
    }
}
