//! A finding's stable identity across runs: which target, which rule, what it
//! points into, and where, with array positions replaced by what sits there
//! where that identifies the element (a response type, an `alg`, a key's `kid`
//! or thumbprint). Reordering a list, rewording a message or reformatting the
//! document does not change it. Baselines and SARIF `partialFingerprints` use it.
//!
//! Reads only what a report holds, so a saved report yields the same
//! fingerprints as the run that wrote it.

use serde_json::{Map, Value};

use crate::diagnostic::{Finding, Source};
use crate::document::{pointer_token, unescape_token};
use crate::jwks::KeySummary;

/// The reference token an array index is replaced with: `=` and the element's
/// identity, escaped as a pointer token.
fn identity_of(element: &Value) -> Option<String> {
    match element {
        Value::String(s) => Some(format!("={}", pointer_token(s))),
        Value::Number(n) => Some(format!("={n}")),
        Value::Bool(b) => Some(format!("={b}")),
        Value::Object(m) => m
            .get("kid")
            .and_then(Value::as_str)
            .map(|kid| format!("=kid:{}", pointer_token(kid))),
        _ => None,
    }
}

/// `pointer` with each array index that identifies its element replaced.
pub fn stable_pointer(
    pointer: &str,
    source: Source,
    document: Option<&Map<String, Value>>,
    keys: Option<&[KeySummary]>,
) -> String {
    if pointer.is_empty() || !pointer.starts_with('/') {
        return pointer.to_string();
    }
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut out = String::new();
    match source {
        Source::Document | Source::Probe => {
            let mut here = document.map(|d| d as &Map<String, Value>);
            let mut value: Option<&Value> = None;
            for (i, t) in tokens.iter().enumerate() {
                let next = if i == 0 {
                    here.and_then(|m| m.get(&*unescape_token(t)))
                } else {
                    match value {
                        Some(Value::Object(m)) => m.get(&*unescape_token(t)),
                        Some(Value::Array(a)) => t.parse::<usize>().ok().and_then(|n| a.get(n)),
                        _ => None,
                    }
                };
                let replaced = match value {
                    Some(Value::Array(_)) => next.and_then(identity_of),
                    _ => None,
                };
                out.push('/');
                out.push_str(replaced.as_deref().unwrap_or(t));
                value = next;
                here = None;
            }
        }
        Source::Jwks => {
            for (i, t) in tokens.iter().enumerate() {
                out.push('/');
                let key = (i == 1 && tokens.first() == Some(&"keys"))
                    .then(|| t.parse::<usize>().ok())
                    .flatten()
                    .and_then(|n| keys.and_then(|k| k.iter().find(|s| s.index == n)));
                match key {
                    Some(KeySummary { kid: Some(kid), .. }) => {
                        out.push_str(&format!("=kid:{}", pointer_token(kid)));
                    }
                    Some(KeySummary {
                        thumbprint: Some(t),
                        ..
                    }) => out.push_str(&format!("=jkt:{t}")),
                    _ => out.push_str(t),
                }
            }
        }
        Source::Http => return pointer.to_string(),
    }
    out
}

/// The fingerprint: a short hex digest of target, rule, source and stable pointer.
pub fn of(
    target: &str,
    f: &Finding,
    document: Option<&Map<String, Value>>,
    keys: Option<&[KeySummary]>,
) -> String {
    of_parts(
        target,
        f.rule.id,
        f.source,
        f.bare_pointer(),
        document,
        keys,
    )
}

/// [`of`] from the parts a saved report holds (`pointer` without its prefix).
pub fn of_parts(
    target: &str,
    rule: &str,
    source: Source,
    pointer: &str,
    document: Option<&Map<String, Value>>,
    keys: Option<&[KeySummary]>,
) -> String {
    let stable = stable_pointer(pointer, source, document, keys);
    digest(&[target, rule, source.as_str(), &stable])
}

/// Hex of the first 16 bytes of SHA-256 over the parts, each ended by a NUL.
pub fn digest(parts: &[&str]) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for p in parts {
        ctx.update(p.as_bytes());
        ctx.update(&[0]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in ctx.finish().as_ref().iter().take(16) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn array_indices_become_the_element_they_point_at() {
        let d = doc(json!({"response_types_supported": ["code", "token", "code/x"]}));
        let p = |ptr: &str| stable_pointer(ptr, Source::Document, Some(&d), None);
        assert_eq!(
            p("/response_types_supported/1"),
            "/response_types_supported/=token"
        );
        assert_eq!(
            p("/response_types_supported/2"),
            "/response_types_supported/=code~1x"
        );
        // Reordered, the same element keeps its identity.
        let r = doc(json!({"response_types_supported": ["token", "code"]}));
        assert_eq!(
            stable_pointer(
                "/response_types_supported/0",
                Source::Document,
                Some(&r),
                None
            ),
            p("/response_types_supported/1")
        );
        // Not an array, or out of range: the pointer as it is.
        assert_eq!(p("/issuer"), "/issuer");
        assert_eq!(
            p("/response_types_supported/9"),
            "/response_types_supported/9"
        );
    }

    #[test]
    fn keys_are_named_by_kid_then_thumbprint() {
        let keys = vec![
            KeySummary {
                index: 0,
                kid: Some("k1".into()),
                ..KeySummary::default()
            },
            KeySummary {
                index: 1,
                thumbprint: Some("abc".into()),
                ..KeySummary::default()
            },
        ];
        let p = |ptr: &str| stable_pointer(ptr, Source::Jwks, None, Some(&keys));
        assert_eq!(p("/keys/0/n"), "/keys/=kid:k1/n");
        assert_eq!(p("/keys/1"), "/keys/=jkt:abc");
        assert_eq!(p("/keys/2/e"), "/keys/2/e");
    }

    #[test]
    fn the_digest_separates_its_parts() {
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
        assert_eq!(digest(&["a"]).len(), 32);
    }
}
