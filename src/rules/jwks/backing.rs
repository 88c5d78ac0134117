//! The document's algorithms against the key set (`jwks-alg-unbacked`,
//! `jwks-unused-key`): every asymmetric signing algorithm the document advertises
//! has a key that can verify it, and no key is pinned to an algorithm nothing
//! advertises. Which keys an algorithm takes comes from `crate::jose`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::usage::SIGN_OPS;
use super::{example, kptr, label};
use crate::diagnostic::{Finding, Severity};
use crate::document::pointer_token;
use crate::jose::{self, Kty, Purpose};
use crate::rules::{Context, Profile, Rule};

pub const JWKS_ALG_UNBACKED: Rule = Rule {
    id: "jwks-alg-unbacked",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an advertised signing algorithm has no key in the key set that can verify it",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); OpenID Connect Core 1.0 §10.1",
    explanation: "The key used to sign MUST be published at `jwks_uri`. If the document advertises, say, ES256 \
                  for ID tokens but the set has only RSA keys, any ES256 token fails verification. A key backs \
                  an algorithm when its `kty` (and curve) fit, its `use` is not `enc`, and its `alg` is absent \
                  or equal. An error for `id_token_signing_alg_values_supported`, a warning for the userinfo, \
                  introspection and authorization-response lists; HS* and `none` need no published key.",
    fix: "publish a key for the algorithm, or stop advertising the algorithm",
    bad: example!("examples/jwks-alg-unbacked.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWKS_UNUSED_KEY: Rule = Rule {
    id: "jwks-unused-key",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a key's `alg` is advertised in no `*_alg_values_supported` list",
    spec: "OpenID Connect Core 1.0 §10.1.1 (retired keys); no requirement",
    explanation: "A key for an algorithm the provider does not advertise is often a leftover from an older \
                  configuration. Keeping a retired key for a while after rotation is expected, so this is \
                  only a note.",
    fix: "advertise the algorithm, or remove the key once tokens signed with it have expired",
    bad: example!("examples/jwks-unused-key.bad.json"),
    good: example!("examples/passing.json"),
};

/// The document's signing-algorithm lists whose algorithms need a key in the set,
/// with the severity of an unbacked algorithm.
const SIGNING_LISTS: &[(&str, Severity)] = &[
    ("id_token_signing_alg_values_supported", Severity::Error),
    ("userinfo_signing_alg_values_supported", Severity::Warning),
    (
        "introspection_signing_alg_values_supported",
        Severity::Warning,
    ),
    (
        "authorization_signing_alg_values_supported",
        Severity::Warning,
    ),
];

/// The document's algorithms against the set's keys.
pub(super) fn check(
    cx: &Context<'_>,
    keys: &[(usize, &Map<String, Value>)],
    out: &mut Vec<Finding>,
) {
    backing(cx, keys, out);
    unused(cx, keys, out);
}

/// Whether `key` can verify signatures made with `alg`.
fn backs(key: &Map<String, Value>, alg: &jose::Algorithm) -> bool {
    let s = |m: &str| key.get(m).and_then(Value::as_str);
    let Some(kty) = s("kty").and_then(Kty::from_name) else {
        return false;
    };
    if !alg.accepts(kty, s("crv")) || s("use") == Some("enc") {
        return false;
    }
    if s("alg").is_some_and(|a| a != alg.name) || (key.contains_key("alg") && s("alg").is_none()) {
        return false;
    }
    if let Some(Value::Array(ops)) = key.get("key_ops")
        && !ops
            .iter()
            .filter_map(Value::as_str)
            .any(|o| SIGN_OPS.contains(&o))
    {
        return false;
    }
    kty.public_members().iter().all(|m| s(m).is_some())
}

/// Each advertised asymmetric signing algorithm has a key that can verify it.
fn backing(cx: &Context<'_>, keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
    // Whether each algorithm has a key, decided once per algorithm: a document
    // listing one algorithm many times costs one pass over the keys.
    let mut backed: BTreeMap<&str, bool> = BTreeMap::new();
    for (list, severity) in SIGNING_LISTS {
        let Some(Value::Array(algs)) = cx.doc.get(list) else {
            continue;
        };
        for (j, a) in algs.iter().enumerate() {
            let Some(alg) = a.as_str() else {
                continue;
            };
            // Only asymmetric signatures need a published key: not MACs (HS*,
            // keyed with the client secret), not `none`.
            let Some(needs) = jose::algorithm(alg).filter(|a| a.purpose == Purpose::Signature)
            else {
                continue;
            };
            let has_key = *backed
                .entry(alg)
                .or_insert_with(|| keys.iter().any(|(_, k)| backs(k, needs)));
            if has_key {
                continue;
            }
            out.push(
                Finding::new(
                    &JWKS_ALG_UNBACKED,
                    format!("/{}/{j}", pointer_token(list)),
                    format!("`{list}` lists {alg}, but the key set has no key that can verify it"),
                )
                .severity(*severity)
                .expected(format!(
                    "an {} key with `use` sig (or none) and `alg` {alg} (or none)",
                    needs.describe_keys()
                ))
                .help(format!(
                    "publish an {} key for {alg}, or remove {alg} from `{list}`",
                    needs.describe_keys()
                )),
            );
        }
    }
}

/// Keys pinned to an algorithm that no list advertises.
fn unused(cx: &Context<'_>, keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
    let advertised: BTreeSet<&str> = cx
        .doc
        .value
        .iter()
        .filter(|(k, _)| k.ends_with("_alg_values_supported"))
        .filter_map(|(_, v)| v.as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if advertised.is_empty() {
        return;
    }
    for (i, key) in keys {
        if let Some(alg) = key.get("alg").and_then(Value::as_str)
            && jose::algorithm(alg).is_some()
            && !advertised.contains(alg)
        {
            out.push(
                Finding::new(
                    &JWKS_UNUSED_KEY,
                    kptr(*i, "alg"),
                    format!(
                        "{} is for {alg}, which no `*_alg_values_supported` list advertises",
                        label(*i, key)
                    ),
                )
                .actual(alg),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::*;
    use crate::diagnostic::Severity;
    use crate::rules::testing::fires;

    #[test]
    fn advertised_algorithms_need_a_key() {
        let ec = ec_pair();
        // RS256 advertised for ID tokens, only EC keys published.
        let f = run("", json!([ec.jwk("e1")]), &[]);
        let u = finding(&f, "jwks-alg-unbacked");
        assert_eq!(u.pointer, "/id_token_signing_alg_values_supported/0");
        assert_eq!(u.severity, Severity::Error);
        assert!(u.message.contains("RS256"));
        // Userinfo lists are a warning.
        let f = run(
            r#"{"userinfo_signing_alg_values_supported": ["ES384", "HS256", "none"]}"#,
            good_set(),
            &[],
        );
        let u = finding(&f, "jwks-alg-unbacked");
        assert_eq!(u.pointer, "/userinfo_signing_alg_values_supported/0");
        assert_eq!(u.severity, Severity::Warning);
        assert_eq!(
            f.iter().filter(|f| f.rule == "jwks-alg-unbacked").count(),
            1
        );
        // An encryption key, or a key pinned to another alg, backs nothing.
        let enc = with(rsa("r1", 256), json!({"use": "enc", "alg": null}));
        let other = with(rsa("r2", 256), json!({"alg": "RS512"}));
        let f = run("", json!([enc, other, ec.jwk("e1")]), &[]);
        assert!(fires(&f, "jwks-alg-unbacked"));
        // A key without `alg` or `use` backs any algorithm of its type.
        let plain = with(rsa("r1", 256), json!({"alg": null, "use": null}));
        let f = run("", json!([plain, ec.jwk("e1")]), &[]);
        assert!(!fires(&f, "jwks-alg-unbacked"), "{f:?}");
        assert!(!fires(&run("", good_set(), &[]), "jwks-alg-unbacked"));
    }

    #[test]
    fn keys_for_unadvertised_algorithms() {
        let f = run(
            "",
            json!([
                rsa("r1", 256),
                ec_pair().jwk("e1"),
                with(rsa("r2", 256), json!({"alg": "PS512"}))
            ]),
            &[],
        );
        let u = finding(&f, "jwks-unused-key");
        assert_eq!(u.pointer, "jwks:/keys/2/alg");
        assert_eq!(u.severity, Severity::Info);
        assert!(!fires(&run("", good_set(), &[]), "jwks-unused-key"));
    }
}
