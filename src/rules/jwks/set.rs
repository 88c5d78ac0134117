//! The set as a whole (`jwks-no-keys`, `jwks-empty`, `jwk-not-object`,
//! `jwk-kid-*`): a `keys` array of JWK objects, with `kid`s that tell the keys
//! apart. Finds the key objects the other parts check; judges no key's members.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{example, kptr};
use crate::diagnostic::{Finding, Severity};
use crate::document::json_type;
use crate::jwks::Jwks;
use crate::rules::{Context, Profile, Rule};

pub const JWKS_NO_KEYS: Rule = Rule {
    id: "jwks-no-keys",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key set has no `keys` array",
    spec: "RFC 7517 §5, §5.1",
    explanation: "A JWK Set is a JSON object that MUST have a `keys` member holding an array of keys. Without \
                  it, clients find no key at all (a bare JWK served at `jwks_uri` is a common mistake).",
    fix: "serve `{\"keys\": [ ...public keys... ]}` at `jwks_uri`",
    bad: example!("examples/jwks-no-keys.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWKS_EMPTY: Rule = Rule {
    id: "jwks-empty",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key set's `keys` array is empty",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri, id_token_signing_alg_values_supported); RFC 7517 §5",
    explanation: "An OpenID Provider signs ID tokens (RS256 at least) and publishes the public keys at \
                  `jwks_uri`; with no key, no signed token can be verified. An error for an OpenID \
                  Provider, a warning for a plain OAuth authorization server, which may have nothing to sign.",
    fix: "publish the provider's current public signing key(s) in `keys`",
    bad: example!("examples/jwks-empty.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_NOT_OBJECT: Rule = Rule {
    id: "jwk-not-object",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an element of `keys` is not a JSON object",
    spec: "RFC 7517 §5.1",
    explanation: "Every element of `keys` is a JWK, which is a JSON object. Anything else (a string, a PEM \
                  block, an array) is at best skipped by clients and at worst makes them reject the whole set.",
    fix: "make every element of `keys` a JWK object",
    bad: example!("examples/jwk-not-object.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_KID_DUPLICATE: Rule = Rule {
    id: "jwk-kid-duplicate",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "two keys of the same type share a `kid`",
    spec: "RFC 7517 §4.5",
    explanation: "Keys within a set SHOULD have distinct `kid` values; clients select the verification key by \
                  the token's `kid`, and with two candidates they pick one (often the first) and may fail \
                  verification. Keys of different `kty` may share a `kid`.",
    fix: "give every key its own `kid` (the RFC 7638 thumbprint is a good choice)",
    bad: example!("examples/jwk-kid-duplicate.bad.json"),
    good: example!("examples/jwk-kid-duplicate.good.json"),
};

pub const JWK_KID_MISSING: Rule = Rule {
    id: "jwk-kid-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a key has no `kid`",
    spec: "OpenID Connect Core 1.0 §10.1, §10.2; RFC 7517 §4.5",
    explanation: "OpenID Connect Core §10.1: \"If there are multiple keys in the referenced JWK Set \
                  document, a kid value MUST be provided in the JOSE Header\" (§10.2 says the same of \
                  encryption keys), and a client finds the key by that `kid`. A key without one can only \
                  be found by trying every key. With a single key the specification requires no `kid`, \
                  but the first key rotation publishes two keys, and tokens signed before it carry no \
                  `kid` to choose by. The OpenID conformance suite is stricter and fails any server key \
                  without `kid` (`CheckForKeyIdInServerJWKs`); this tool follows the specification text, \
                  which requires `kid` only with several keys, and warns for a lone key as well because \
                  of rotation. The message says which case applies.",
    fix: "add a `kid` to every key (the RFC 7638 thumbprint is a good choice) and send it in token headers",
    bad: example!("examples/jwk-kid-missing.bad.json"),
    good: example!("examples/passing.json"),
};

/// The key objects of the set, with their positions in `keys`. Reports a set
/// without a `keys` array (`None`: nothing more to check), an empty one, and
/// elements that are not objects.
pub(super) fn keys<'a>(
    cx: &Context<'_>,
    jwks: &'a Jwks,
    out: &mut Vec<Finding>,
) -> Option<Vec<(usize, &'a Map<String, Value>)>> {
    let items = match jwks.doc.get("keys") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            out.push(
                Finding::new(
                    &JWKS_NO_KEYS,
                    "jwks:/keys",
                    format!("`keys` is {}, not an array", json_type(other)),
                )
                .expected("an array of keys")
                .actual(json_type(other)),
            );
            return None;
        }
        None => {
            let bare = jwks.doc.has("kty");
            let f = Finding::new(
                &JWKS_NO_KEYS,
                "jwks:/keys",
                if bare {
                    "the key set is a single JWK, not a JWK Set with a `keys` array"
                } else {
                    "the key set has no `keys` member"
                },
            );
            out.push(if bare {
                f.help("wrap the key: `{\"keys\": [ <the key> ]}`")
            } else {
                f
            });
            return None;
        }
    };
    if items.is_empty() {
        let severity = if cx.profile(Profile::Oidc) {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(&JWKS_EMPTY, "jwks:/keys", "the key set has no keys").severity(severity),
        );
    }
    let mut keys: Vec<(usize, &Map<String, Value>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_object() {
            Some(key) => keys.push((i, key)),
            None => out.push(
                Finding::new(
                    &JWK_NOT_OBJECT,
                    format!("jwks:/keys/{i}"),
                    format!(
                        "element {i} of `keys` is {}, not a JWK object",
                        json_type(item)
                    ),
                )
                .actual(json_type(item)),
            ),
        }
    }
    Some(keys)
}

/// `kid`s: unique among keys of a type, present when several keys sign.
pub(super) fn kids(keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
    // The first key holding each (kid, kty): one pass, so a hostile set of many
    // keys sharing a kid costs no more than any other.
    let mut first_of_type: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for (i, key) in keys {
        let Some(kid) = key.get("kid").and_then(Value::as_str) else {
            continue;
        };
        let kty = key.get("kty").and_then(Value::as_str);
        match first_of_type.get(&(kid, kty)) {
            Some(same) => out.push(
                Finding::new(
                    &JWK_KID_DUPLICATE,
                    kptr(*i, "kid"),
                    format!("key {i} has the kid {kid:?} of key {same}"),
                )
                .actual(kid.to_string()),
            ),
            None => {
                first_of_type.insert((kid, kty), *i);
            }
        }
    }
    for (i, key) in keys {
        if !key.get("kid").is_some_and(Value::is_string) {
            let message = if keys.len() > 1 {
                format!("key {i} has no `kid`, and the set has several keys (Core §10.1: MUST)")
            } else {
                format!(
                    "key {i} has no `kid`: not required while it is the only key, but the first \
                     rotation makes it ambiguous"
                )
            };
            out.push(Finding::new(&JWK_KID_MISSING, kptr(*i, "kid"), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::*;
    use crate::diagnostic::Severity;
    use crate::document::Document;
    use crate::jwks::Jwks;
    use crate::rules::Profile;
    use crate::rules::testing::{fires, merged, only, target};
    use crate::target::{Target, WellKnown};

    #[test]
    fn no_keys_array() {
        let doc = Document::from_map(merged(""));
        let bare = Jwks::from_map(object(rsa("r1", 256)));
        let f = check_with(doc.clone(), &target(), &bare, None, &[]);
        assert!(finding(&f, "jwks-no-keys").help.is_some());
        assert_eq!(finding(&f, "jwks-no-keys").pointer, "jwks:/keys");
        let obj = Jwks::from_map(object(json!({"keys": {"a": 1}})));
        assert!(fires(
            &check_with(doc, &target(), &obj, None, &[]),
            "jwks-no-keys"
        ));
        assert!(!fires(&run("", good_set(), &[]), "jwks-no-keys"));
    }

    #[test]
    fn empty_set_is_an_error_for_openid_and_a_warning_for_oauth() {
        let f = run("", json!([]), &[]);
        assert_eq!(finding(&f, "jwks-empty").severity, Severity::Error);
        let oauth = Target::parse(
            "https://idp.example.com",
            WellKnown::OauthAuthorizationServer,
        )
        .unwrap();
        let doc = Document::from_map(merged(
            r#"{"scopes_supported": ["read"], "$remove": ["id_token_signing_alg_values_supported"]}"#,
        ));
        let jwks = Jwks::from_map(object(json!({"keys": []})));
        let f = check_with(doc, &oauth, &jwks, None, &[]);
        assert_eq!(finding(&f, "jwks-empty").severity, Severity::Warning);
        assert!(!fires(&run("", good_set(), &[]), "jwks-empty"));
    }

    #[test]
    fn elements_that_are_not_objects() {
        let f = run("", json!([1, rsa("r1", 256)]), &[]);
        assert_eq!(finding(&f, "jwk-not-object").pointer, "jwks:/keys/0");
        assert!(!fires(&run("", good_set(), &[]), "jwk-not-object"));
    }

    #[test]
    fn duplicate_kids() {
        let f = run("", json!([rsa("same", 256), rsa("same", 256)]), &[]);
        let d = finding(&f, "jwk-kid-duplicate");
        assert_eq!(d.pointer, "jwks:/keys/1/kid");
        assert!(!fires(&f, "fapi2-jwks-duplicate-kid"));
        // Different key types may share a kid; FAPI 2.0 still says not to.
        let mixed = json!([rsa("same", 256), ec_pair().jwk("same")]);
        assert!(!fires(&run("", mixed.clone(), &[]), "jwk-kid-duplicate"));
        let f = run("", mixed, &[Profile::Fapi2]);
        assert_eq!(
            finding(&f, "fapi2-jwks-duplicate-kid").pointer,
            "jwks:/keys/1/kid"
        );
        let quiet = run("", good_set(), &[Profile::Fapi2]);
        assert!(!fires(&quiet, "jwk-kid-duplicate") && !fires(&quiet, "fapi2-jwks-duplicate-kid"));
    }

    #[test]
    fn missing_kid_is_a_warning_in_any_set() {
        let f = run(
            "",
            json!([rsa("r1", 256), with(rsa("r2", 256), json!({"kid": null}))]),
            &[],
        );
        let k = finding(&f, "jwk-kid-missing");
        assert_eq!(k.pointer, "jwks:/keys/1/kid");
        assert!(k.message.contains("MUST"), "{}", k.message);
        let one = run("", json!([with(rsa("r1", 256), json!({"kid": null}))]), &[]);
        let k = finding(&one, "jwk-kid-missing");
        assert_eq!(k.severity, Severity::Warning);
        assert!(k.message.contains("only key"), "{}", k.message);
        let enc = with(
            rsa("r2", 256),
            json!({"kid": null, "use": "enc", "alg": "RSA-OAEP"}),
        );
        assert_eq!(
            only(
                &run("", json!([rsa("r1", 256), enc]), &[]),
                "jwk-kid-missing"
            )
            .len(),
            1
        );
    }
}
