//! What a key is for (`jwk-use-*`, `jwk-key-ops-*`, `jwk-alg-*`): its `use` and
//! `key_ops`, its `alg` against its type and curve, and `use` on every key of a
//! set that mixes signing and encryption keys. Algorithm names, purposes and the
//! keys they take come from `crate::jose`. Whether the document's algorithms have
//! keys is `backing.rs`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{example, kptr, label};
use crate::diagnostic::{Finding, Severity};
use crate::document::json_type;
use crate::jose::{self, KeyUse, Kty};
use crate::rules::{Profile, Rule};

pub const JWK_USE_UNKNOWN: Rule = Rule {
    id: "jwk-use-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a key's `use` is neither `sig` nor `enc`",
    spec: "RFC 7517 §4.2",
    explanation: "`use` is `sig` or `enc`; other values are allowed but clients do not know them and may skip \
                  the key (values are case-sensitive: `SIG` is not `sig`).",
    fix: "set `use` to `sig` for signing keys or `enc` for encryption keys",
    bad: example!("examples/jwk-use-unknown.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_USE_REQUIRED: Rule = Rule {
    id: "jwk-use-required",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "signing and encryption keys are mixed and a key has no `use`",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); RFC 8414 §2 (jwks_uri)",
    explanation: "When a key set holds both signing and encryption keys, a `use` value is REQUIRED on every key \
                  so clients pick the right one. A key's purpose is read from `use`, `key_ops`, `alg`, or its \
                  curve (OKP X25519/X448 keys are key-agreement, i.e. encryption, keys).",
    fix: "add `\"use\": \"sig\"` or `\"use\": \"enc\"` to every key in the set",
    bad: example!("examples/jwk-use-required.bad.json"),
    good: example!("examples/jwk-use-required.good.json"),
};

pub const JWK_USE_AND_KEY_OPS: Rule = Rule {
    id: "jwk-use-and-key-ops",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a key has both `use` and `key_ops`",
    spec: "RFC 7517 §4.3",
    explanation: "`use` and `key_ops` SHOULD NOT be used together: they say the same thing two ways, and \
                  clients differ on which one wins.",
    fix: "keep `use` (what OpenID and OAuth clients read) and drop `key_ops`",
    bad: example!("examples/jwk-use-and-key-ops.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_USE_KEY_OPS_INCONSISTENT: Rule = Rule {
    id: "jwk-use-key-ops-inconsistent",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key's `use` and `key_ops` disagree",
    spec: "RFC 7517 §4.3",
    explanation: "If both are present they MUST be consistent: `use: sig` with `key_ops` such as `encrypt`, or \
                  `use: enc` with `verify`, makes the key's purpose ambiguous.",
    fix: "make `key_ops` match `use`, or better drop `key_ops`",
    bad: example!("examples/jwk-use-key-ops-inconsistent.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_KEY_OPS_DUPLICATE: Rule = Rule {
    id: "jwk-key-ops-duplicate",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a value appears twice in a key's `key_ops`",
    spec: "RFC 7517 §4.3",
    explanation: "Duplicate key operation values MUST NOT be present in `key_ops`; strict libraries reject the key.",
    fix: "list each operation once",
    bad: example!("examples/jwk-key-ops-duplicate.bad.json"),
    good: example!("examples/passing-key-ops.json"),
};

pub const JWK_KEY_OPS_COMBINATION: Rule = Rule {
    id: "jwk-key-ops-combination",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a key's `key_ops` combines unrelated operations",
    spec: "RFC 7517 §4.3",
    explanation: "Unrelated key operations SHOULD NOT be combined on one key: only sign+verify, \
                  encrypt+decrypt and wrapKey+unwrapKey go together. One key for two purposes invites \
                  cross-protocol attacks.",
    fix: "use separate keys for signing and for encryption",
    bad: example!("examples/jwk-key-ops-combination.bad.json"),
    good: example!("examples/passing-key-ops.json"),
};

pub const JWK_ALG_KTY_MISMATCH: Rule = Rule {
    id: "jwk-alg-kty-mismatch",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key's `alg` cannot be used with its key type or curve",
    spec: "RFC 7518 §3.1, §3.3-§3.5, §4.1, §6; RFC 8037",
    explanation: "RS*/PS*/RSA-OAEP*/RSA1_5 need an RSA key; ES256, ES384 and ES512 need an EC key on P-256, \
                  P-384 and P-521 respectively; EdDSA needs an OKP Ed25519/Ed448 key; HS*, A*KW and `dir` need \
                  a symmetric key. A key whose `alg` does not fit is never selected.",
    fix: "correct `alg` to the algorithm the key is used with, or drop `alg`",
    bad: example!("examples/jwk-alg-kty-mismatch.bad.json"),
    good: example!("examples/jwk-alg-kty-mismatch.good.json"),
};

pub const JWK_ALG_UNKNOWN: Rule = Rule {
    id: "jwk-alg-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a key's `alg` is not a registered JOSE algorithm",
    spec: "RFC 7517 §4.4; RFC 7518 §3.1, §4.1, §5.1; RFC 8037; RFC 8812",
    explanation: "`alg` names the algorithm the key is meant for, from the JOSE algorithms registry \
                  (case-sensitive). Clients that filter keys by `alg` never use a key with a misspelt one.",
    fix: "use the registered name (e.g. `RS256`, `ES256`, `EdDSA`), or drop `alg`",
    bad: example!("examples/jwk-alg-unknown.bad.json"),
    good: example!("examples/jwk-alg-unknown.good.json"),
};

/// The `key_ops` values of signing keys, and of encryption keys (RFC 7517 §4.3).
pub(super) const SIGN_OPS: &[&str] = &["sign", "verify"];
pub(super) const ENC_OPS: &[&str] = &[
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
    "deriveKey",
    "deriveBits",
];

/// What one key says it is for; `name` is how messages name it.
pub(super) fn check(i: usize, key: &Map<String, Value>, name: &str, out: &mut Vec<Finding>) {
    usage(i, key, name, out);
    alg(i, key, name, out);
}

/// `use` and `key_ops`: registered values, and consistent with each other.
fn usage(i: usize, key: &Map<String, Value>, name: &str, out: &mut Vec<Finding>) {
    let use_ = key.get("use");
    if let Some(u) = use_
        && !matches!(u.as_str(), Some("sig" | "enc"))
    {
        out.push(
            Finding::new(
                &JWK_USE_UNKNOWN,
                kptr(i, "use"),
                match u.as_str() {
                    Some(s) => format!("{name} has the unregistered `use` {s:?}"),
                    None => format!("{name} has a `use` that is {}", json_type(u)),
                },
            )
            .expected("sig or enc")
            .actual(
                u.as_str()
                    .map_or_else(|| json_type(u).into(), str::to_string),
            ),
        );
    }
    let Some(Value::Array(ops)) = key.get("key_ops") else {
        return;
    };
    let ops_str: Vec<&str> = ops.iter().filter_map(Value::as_str).collect();
    let mut seen = BTreeSet::new();
    for (j, op) in ops.iter().enumerate() {
        if let Some(op) = op.as_str()
            && !seen.insert(op)
        {
            out.push(Finding::new(
                &JWK_KEY_OPS_DUPLICATE,
                format!("{}/{j}", kptr(i, "key_ops")),
                format!("{name} lists {op:?} twice in `key_ops`"),
            ));
        }
    }
    if seen.len() > 1 {
        let allowed: [&[&str]; 3] = [
            &["sign", "verify"],
            &["encrypt", "decrypt"],
            &["wrapKey", "unwrapKey"],
        ];
        if !allowed
            .iter()
            .any(|pair| seen.iter().all(|op| pair.contains(op)))
        {
            out.push(
                Finding::new(
                    &JWK_KEY_OPS_COMBINATION,
                    kptr(i, "key_ops"),
                    format!(
                        "{name} combines unrelated operations in `key_ops`: {}",
                        seen.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                )
                .expected("sign+verify, encrypt+decrypt or wrapKey+unwrapKey"),
            );
        }
    }
    if let Some(u) = use_ {
        out.push(Finding::new(
            &JWK_USE_AND_KEY_OPS,
            kptr(i, "key_ops"),
            format!("{name} has both `use` and `key_ops`"),
        ));
        let clash: Vec<&str> = match u.as_str() {
            Some("sig") => ops_str
                .iter()
                .copied()
                .filter(|o| ENC_OPS.contains(o))
                .collect(),
            Some("enc") => ops_str
                .iter()
                .copied()
                .filter(|o| SIGN_OPS.contains(o))
                .collect(),
            _ => Vec::new(),
        };
        if let (Some(u), false) = (u.as_str(), clash.is_empty()) {
            out.push(
                Finding::new(
                    &JWK_USE_KEY_OPS_INCONSISTENT,
                    kptr(i, "key_ops"),
                    format!(
                        "{name} has `use` {u:?} but `key_ops` lists {}",
                        clash.join(", ")
                    ),
                )
                .actual(clash.join(", ")),
            );
        }
    }
}

/// `alg`: a registered algorithm that keys of this type (and curve) can serve.
fn alg(i: usize, key: &Map<String, Value>, name: &str, out: &mut Vec<Finding>) {
    let Some(a) = key.get("alg") else {
        return;
    };
    let Some(alg) = a.as_str() else {
        out.push(
            Finding::new(
                &JWK_ALG_UNKNOWN,
                kptr(i, "alg"),
                format!("{name} has an `alg` that is {}, not a string", json_type(a)),
            )
            .actual(json_type(a)),
        );
        return;
    };
    let Some(needs) = jose::algorithm(alg) else {
        out.push(
            Finding::new(
                &JWK_ALG_UNKNOWN,
                kptr(i, "alg"),
                format!("{name} has the unregistered `alg` {alg:?}"),
            )
            .actual(alg),
        );
        return;
    };
    let Some(kty) = key.get("kty").and_then(Value::as_str) else {
        return;
    };
    if needs.keys.is_empty() {
        return;
    }
    let crv = key.get("crv").and_then(Value::as_str);
    if !Kty::from_name(kty).is_some_and(|t| needs.accepts(t, crv)) {
        let actual = match (kty, crv) {
            ("EC" | "OKP", Some(c)) => format!("{kty} {c}"),
            _ => kty.to_string(),
        };
        out.push(
            Finding::new(
                &JWK_ALG_KTY_MISMATCH,
                kptr(i, "alg"),
                format!("{name} is an {actual} key but its `alg` is {alg}"),
            )
            .expected(needs.describe_keys())
            .actual(actual),
        );
    }
}

/// A key's purpose, from `use`, then `key_ops`, then `alg`, then an OKP curve
/// (X25519 and X448 only agree keys, Ed25519 and Ed448 only sign).
pub(super) fn purpose(key: &Map<String, Value>) -> Option<KeyUse> {
    match key.get("use").and_then(Value::as_str) {
        Some("sig") => return Some(KeyUse::Sig),
        Some("enc") => return Some(KeyUse::Enc),
        _ => {}
    }
    if let Some(Value::Array(ops)) = key.get("key_ops") {
        let ops: Vec<&str> = ops.iter().filter_map(Value::as_str).collect();
        if ops.iter().any(|o| SIGN_OPS.contains(o)) {
            return Some(KeyUse::Sig);
        }
        if ops.iter().any(|o| ENC_OPS.contains(o)) {
            return Some(KeyUse::Enc);
        }
    }
    if let Some(alg) = key
        .get("alg")
        .and_then(Value::as_str)
        .and_then(jose::algorithm)
    {
        return Some(alg.key_use());
    }
    if key.get("kty").and_then(Value::as_str) == Some(Kty::Okp.name()) {
        return key
            .get("crv")
            .and_then(Value::as_str)
            .and_then(|c| jose::curve(Kty::Okp, c))
            .and_then(jose::Curve::key_use);
    }
    None
}

/// `use` on every key of a set that mixes signing and encryption keys.
pub(super) fn purposes(keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
    let found: BTreeSet<_> = keys.iter().filter_map(|(_, k)| purpose(k)).collect();
    if found.len() < 2 {
        return;
    }
    for (i, key) in keys {
        if !key.contains_key("use") {
            let what = match purpose(key) {
                Some(KeyUse::Sig) => "a signing key",
                Some(KeyUse::Enc) => "an encryption key",
                None => "a key of unknown purpose",
            };
            out.push(
                Finding::new(
                    &JWK_USE_REQUIRED,
                    kptr(*i, "use"),
                    format!(
                        "{} is {what} without `use`, in a set that mixes signing and encryption keys",
                        label(*i, key)
                    ),
                )
                .help(match purpose(key) {
                    Some(KeyUse::Sig) => "add `\"use\": \"sig\"`".to_string(),
                    Some(KeyUse::Enc) => "add `\"use\": \"enc\"`".to_string(),
                    None => "add `\"use\": \"sig\"` or `\"use\": \"enc\"`".to_string(),
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::tests::*;
    use crate::jwks::b64url_encode;
    use crate::rules::testing::fires;

    #[test]
    fn use_values() {
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"use": "signature"}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-use-unknown").pointer, "jwks:/keys/0/use");
        assert!(!fires(&run("", good_set(), &[]), "jwk-use-unknown"));
    }

    #[test]
    fn use_is_required_when_signing_and_encryption_keys_mix() {
        let x = b64url_encode(&[5u8; 32]);
        let x25519 = json!({"kty": "OKP", "kid": "x1", "crv": "X25519", "x": x});
        // The X25519 key is an encryption key even without `use` or `alg`.
        let f = run("", json!([rsa("r1", 256), x25519.clone()]), &[]);
        let u = finding(&f, "jwk-use-required");
        assert_eq!(u.pointer, "jwks:/keys/1/use");
        assert!(u.help.as_deref().unwrap_or("").contains("enc"));
        let f = run(
            "",
            json!([
                with(rsa("r1", 256), json!({"use": null})),
                with(x25519.clone(), json!({"use": "enc"}))
            ]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-use-required").pointer, "jwks:/keys/0/use");
        let quiet = run(
            "",
            json!([rsa("r1", 256), with(x25519, json!({"use": "enc"}))]),
            &[],
        );
        assert!(!fires(&quiet, "jwk-use-required"));
        // Only signing keys: `use` may be left out.
        let f = run("", json!([with(rsa("r1", 256), json!({"use": null}))]), &[]);
        assert!(!fires(&f, "jwk-use-required"));
    }

    #[test]
    fn use_and_key_ops() {
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"key_ops": ["verify"]}))]),
            &[],
        );
        assert!(fires(&f, "jwk-use-and-key-ops"));
        assert!(!fires(&f, "jwk-use-key-ops-inconsistent"));
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"key_ops": ["encrypt"]}))]),
            &[],
        );
        let i = finding(&f, "jwk-use-key-ops-inconsistent");
        assert_eq!(i.actual.as_deref(), Some("encrypt"));
        let f = run(
            "",
            json!([with(
                rsa("r1", 256),
                json!({"use": null, "key_ops": ["verify"]})
            )]),
            &[],
        );
        assert!(!fires(&f, "jwk-use-and-key-ops"));
        assert!(!fires(&f, "jwk-use-key-ops-inconsistent"));
    }

    #[test]
    fn key_ops_duplicates_and_combinations() {
        let key = |ops: Value| json!([with(rsa("r1", 256), json!({"use": null, "key_ops": ops}))]);
        let f = run("", key(json!(["verify", "verify"])), &[]);
        assert_eq!(
            finding(&f, "jwk-key-ops-duplicate").pointer,
            "jwks:/keys/0/key_ops/1"
        );
        assert!(!fires(&f, "jwk-key-ops-combination"));
        let f = run("", key(json!(["verify", "encrypt"])), &[]);
        assert!(fires(&f, "jwk-key-ops-combination"));
        for ok in [
            json!(["sign", "verify"]),
            json!(["verify"]),
            json!(["wrapKey", "unwrapKey"]),
        ] {
            let f = run("", key(ok.clone()), &[]);
            assert!(
                !fires(&f, "jwk-key-ops-combination") && !fires(&f, "jwk-key-ops-duplicate"),
                "{ok}"
            );
        }
    }

    #[test]
    fn alg_against_key_type() {
        let ec = ec_pair();
        let f = run(
            "",
            json!([rsa("r1", 256), with(ec.jwk("e1"), json!({"alg": "RS256"}))]),
            &[],
        );
        let m = finding(&f, "jwk-alg-kty-mismatch");
        assert_eq!(m.pointer, "jwks:/keys/1/alg");
        assert_eq!(m.expected.as_deref(), Some("RSA"));
        let f = run(
            "",
            json!([rsa("r1", 256), with(ec.jwk("e1"), json!({"alg": "ES384"}))]),
            &[],
        );
        assert_eq!(
            finding(&f, "jwk-alg-kty-mismatch").expected.as_deref(),
            Some("EC P-384")
        );
        let enc = with(rsa("r2", 256), json!({"use": "enc", "alg": "RSA-OAEP-256"}));
        let quiet = run("", json!([rsa("r1", 256), ec.jwk("e1"), enc]), &[]);
        assert!(!fires(&quiet, "jwk-alg-kty-mismatch"));
    }

    #[test]
    fn unknown_alg() {
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"alg": "RS257"}))]),
            &[],
        );
        assert_eq!(
            finding(&f, "jwk-alg-unknown").actual.as_deref(),
            Some("RS257")
        );
        assert!(!fires(&run("", good_set(), &[]), "jwk-alg-unknown"));
    }
}
