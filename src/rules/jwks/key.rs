//! One key's material (`jwk-kty-*`, `jwk-private-material`, `jwk-symmetric`,
//! the RSA/EC/OKP member rules, `jwk-base64url`, `jwk-rsa-*`): its type, that it
//! publishes no private or symmetric value, and its public members, their
//! encoding and size. Curve sizes come from `crate::jose`. What the key is for
//! (`use`, `key_ops`, `alg`) is `usage.rs`; its certificates, `x5c.rs`.

use serde_json::{Map, Value};

use super::{bare_key_absent, example, kptr};
use crate::diagnostic::{Finding, Severity};
use crate::document::json_type;
use crate::jose::{self, CurveSpec, Kty};
use crate::jwks::{
    Base64UrlProblem, PRIVATE_MEMBERS, b64url_lenient, b64url_strict, trim_leading_zeros, uint_bits,
};
use crate::rules::{Profile, Rule};

pub const JWK_KTY_MISSING: Rule = Rule {
    id: "jwk-kty-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key has no `kty`",
    spec: "RFC 7517 §4.1",
    explanation: "`kty` (key type) MUST be present in every JWK: it says how to read the rest of the key. A key \
                  without it cannot be used.",
    fix: "add `kty` (`RSA`, `EC` or `OKP` for public keys) to the key",
    bad: example!("examples/jwk-kty-missing.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_KTY_UNKNOWN: Rule = Rule {
    id: "jwk-kty-unknown",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a key's `kty` is not `RSA`, `EC`, `OKP` or `oct`",
    spec: "RFC 7517 §4.1, §5; RFC 7518 §6.1; RFC 8037 §2",
    explanation: "Clients ignore keys whose type they do not understand, so a key with an unknown or misspelt \
                  `kty` (values are case-sensitive: `rsa` is not `RSA`) verifies nothing.",
    fix: "use a registered key type, spelt exactly: `RSA`, `EC` or `OKP`",
    bad: example!("examples/jwk-kty-unknown.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_PRIVATE_MATERIAL: Rule = Rule {
    id: "jwk-private-material",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key publishes private key material",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2; RFC 7517 §9.2",
    explanation: "The key set is public. A private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) lets anyone \
                  sign tokens as the provider: the key is compromised and must be replaced, not just removed \
                  from the set. The report names the member and never prints its value.",
    fix: "remove private members from the published set, rotate the key (it is compromised), and publish \
          only the public key",
    bad: example!("examples/jwk-private-material.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_SYMMETRIC: Rule = Rule {
    id: "jwk-symmetric",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key set publishes a symmetric key (`kty: oct` or `k`)",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); RFC 7518 §6.4",
    explanation: "The JWK Set MUST NOT contain symmetric key values: a published `oct` key is a shared secret \
                  anyone can use to forge HS256 tokens. HS* tokens are verified with the client secret, which \
                  never belongs in the key set.",
    fix: "remove the symmetric key from the key set and rotate the secret (it is compromised)",
    bad: example!("examples/jwk-symmetric.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_RSA_MEMBERS: Rule = Rule {
    id: "jwk-rsa-members",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an RSA key lacks `n` or `e`",
    spec: "RFC 7518 §6.3.1",
    explanation: "An RSA public key is its modulus `n` and exponent `e`; both MUST be present as base64url \
                  strings. Without them the key cannot verify anything.",
    fix: "publish `n` and `e` (base64url, unpadded) for the RSA key",
    bad: example!("examples/jwk-rsa-members.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_EC_MEMBERS: Rule = Rule {
    id: "jwk-ec-members",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an EC key lacks `crv`, `x`, or `y`",
    spec: "RFC 7518 §6.2.1",
    explanation: "An elliptic-curve public key needs its curve `crv` and point coordinates `x` and `y` (`y` \
                  MUST be present for P-256, P-384 and P-521). A key missing one cannot be used.",
    fix: "publish `crv`, `x` and `y` for the EC key",
    bad: example!("examples/jwk-ec-members.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_EC_POINT_INVALID: Rule = Rule {
    id: "jwk-ec-point-invalid",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an EC key's point (`x`, `y`) is not on its curve",
    spec: "RFC 7518 §6.2.1; SEC 1 v2 §3.2.2.1; RFC 8725 §3.4",
    explanation: "An EC public key is a point on the curve `crv` names (RFC 7518 §6.2.1: `x` and `y` are \
                  its coordinates). SEC 1 §3.2.2.1 validates a public key by checking that both coordinates \
                  are field elements and that the point satisfies the curve's equation; RFC 8725 §3.4 asks \
                  JWT libraries to validate such inputs, because points off the curve enable \
                  invalid-curve attacks on ECDH. Careful clients therefore reject the key, and no signature \
                  verifies with it: a copy-and-paste slip, a coordinate from another key, or the wrong \
                  curve name. Checked for P-256, P-384, P-521 and secp256k1.",
    fix: "republish the key from its source: the `x` and `y` of one key pair, on the curve `crv` names",
    bad: example!("examples/jwk-ec-point-invalid.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_OKP_MEMBERS: Rule = Rule {
    id: "jwk-okp-members",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an OKP key lacks `crv` or `x`, names an unknown curve, or has a public key of the wrong length",
    spec: "RFC 8037 §2",
    explanation: "RFC 8037 §2, for the octet key pair type (`kty` `OKP`): \"The parameter \"crv\" MUST be \
                  present and contain the subtype of the key (from the \"JSON Web Elliptic Curve\" \
                  registry)\" and \"The parameter \"x\" MUST be present and contain the public key encoded \
                  using the base64url encoding.\" The public key's length is fixed by the curve: 32 octets \
                  for Ed25519 and X25519, 57 for Ed448, 56 for X448. A key missing `crv` or `x`, or whose \
                  `x` has the wrong length, is no usable key: an error. A `crv` that is not one of the four \
                  registered OKP subtypes is a warning, as for EC keys: clients skip a key on a curve they \
                  do not know.",
    fix: "publish `crv` (`Ed25519`, `Ed448`, `X25519` or `X448`) and `x` for the OKP key",
    bad: example!("examples/jwk-okp-members.bad.json"),
    good: example!("examples/jwk-okp-members.good.json"),
};

pub const JWK_EC_CRV_UNKNOWN: Rule = Rule {
    id: "jwk-ec-crv-unknown",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "an EC key's `crv` is not `P-256`, `P-384` or `P-521`",
    spec: "RFC 7518 §6.2.1.1; RFC 8812 (secp256k1)",
    explanation: "JOSE names three NIST curves for EC keys; clients ignore keys on curves they do not know, and \
                  names are case-sensitive (`p-256` is not `P-256`). `secp256k1` is registered by RFC 8812 but \
                  rarely supported: reported as info.",
    fix: "use `P-256` (ES256), `P-384` (ES384) or `P-521` (ES512), spelt exactly",
    bad: example!("examples/jwk-ec-crv-unknown.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_EC_COORD_LENGTH: Rule = Rule {
    id: "jwk-ec-coord-length",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an EC coordinate is not the full size for its curve",
    spec: "RFC 7518 §6.2.1.2, §6.2.1.3",
    explanation: "`x` and `y` MUST be the full size of a coordinate: 32 octets for P-256, 48 for P-384, 66 for \
                  P-521, leading zeros included. Libraries that strip leading zeros publish a short coordinate \
                  about once in 256 keys, and strict clients then reject the key.",
    fix: "left-pad the coordinate with zero octets to the curve's size before base64url-encoding it",
    bad: example!("examples/jwk-ec-coord-length.bad.json"),
    good: example!("examples/jwk-ec-coord-length.good.json"),
};

pub const JWK_BASE64URL: Rule = Rule {
    id: "jwk-base64url",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key member is not unpadded base64url",
    spec: "RFC 7518 §2 (Base64urlUInt), §6.2.1.2, §6.3.1; RFC 7515 §2; RFC 8037 §2",
    explanation: "`n`, `e`, `x` and `y` are base64url without padding: no `=`, no `+` or `/`, no whitespace. \
                  Many clients decode strictly and reject the key otherwise.",
    fix: "encode the value with the URL-safe alphabet and drop the `=` padding",
    bad: example!("examples/jwk-base64url.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_RSA_NOT_MINIMAL: Rule = Rule {
    id: "jwk-rsa-not-minimal",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an RSA `n` or `e` has a leading zero octet",
    spec: "RFC 7518 §2 (Base64urlUInt), §6.3.1.1",
    explanation: "Integers in a JWK MUST use the minimum number of octets. A leading zero (from copying a DER \
                  INTEGER, which adds one when the top bit is set) changes the thumbprint and is rejected by \
                  strict libraries.",
    fix: "drop the leading zero octet before base64url-encoding `n` or `e`",
    bad: example!("examples/jwk-rsa-not-minimal.bad.json"),
    good: example!("examples/passing.json"),
};

pub const JWK_RSA_TOO_SMALL: Rule = Rule {
    id: "jwk-rsa-too-small",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "an RSA key is smaller than 2048 bits",
    spec: "RFC 7518 §3.3, §3.5, §4.2, §4.3",
    explanation: "A key of size 2048 bits or larger MUST be used with RS*, PS*, RSA1_5 and RSA-OAEP. Smaller \
                  moduli can be factored with modest resources, after which anyone can sign as the provider.",
    fix: "generate a new RSA key of at least 2048 bits (3072 for long-lived keys), publish it and retire the old one",
    bad: example!("examples/rsa-1024.json"),
    good: example!("examples/passing.json"),
};

/// One key's type, private or symmetric material, and members; `name` is how
/// messages name it.
pub(super) fn check(i: usize, key: &Map<String, Value>, name: &str, out: &mut Vec<Finding>) {
    for m in PRIVATE_MEMBERS {
        if key.contains_key(*m) {
            out.push(
                Finding::new(
                    &JWK_PRIVATE_MATERIAL,
                    kptr(i, m),
                    format!("{name} publishes the private member `{m}`"),
                )
                .help(format!(
                    "remove `{m}` and every other private member, and rotate this key: it is compromised"
                )),
            );
        }
    }
    let kty = match key.get("kty") {
        None => {
            out.push(Finding::new(
                &JWK_KTY_MISSING,
                kptr(i, "kty"),
                format!("{name} has no `kty`"),
            ));
            None
        }
        Some(Value::String(k)) => {
            if Kty::from_name(k).is_none() {
                let mut f = Finding::new(
                    &JWK_KTY_UNKNOWN,
                    kptr(i, "kty"),
                    format!("{name} has the unknown key type {k:?}"),
                )
                .expected("RSA, EC, OKP or oct")
                .actual(k.clone());
                if let Some(fixed) = Kty::ALL
                    .into_iter()
                    .map(Kty::name)
                    .find(|t| t.eq_ignore_ascii_case(k))
                {
                    f = f.help(format!("key types are case-sensitive: write {fixed:?}"));
                }
                out.push(f);
            }
            Some(k.as_str())
        }
        Some(other) => {
            out.push(
                Finding::new(
                    &JWK_KTY_UNKNOWN,
                    kptr(i, "kty"),
                    format!(
                        "{name} has a `kty` that is {}, not a string",
                        json_type(other)
                    ),
                )
                .expected("RSA, EC, OKP or oct")
                .actual(json_type(other)),
            );
            None
        }
    };
    if kty == Some("oct") || key.contains_key("k") {
        let at = if key.contains_key("k") { "k" } else { "kty" };
        out.push(Finding::new(
            &JWK_SYMMETRIC,
            kptr(i, at),
            format!("{name} is a symmetric (`oct`) key: a published shared secret"),
        ));
    }
    let has_x5c = key.contains_key("x5c");
    match kty {
        Some("RSA") => rsa(i, key, name, has_x5c, out),
        Some("EC") => ec(i, key, name, has_x5c, out),
        Some("OKP") => okp(i, key, name, has_x5c, out),
        _ => {}
    }
}

/// Members that are absent or not strings, among `names`.
fn missing<'a>(key: &Map<String, Value>, names: &[&'a str]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|m| !key.get(*m).is_some_and(Value::is_string))
        .collect()
}

fn members_finding(
    rule: &'static Rule,
    i: usize,
    key: &Map<String, Value>,
    name: &str,
    lacking: &[&str],
) -> Option<Finding> {
    let first = lacking.first()?;
    let list = lacking
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let wrong_type: Vec<&str> = lacking
        .iter()
        .copied()
        .filter(|m| key.contains_key(*m))
        .collect();
    let message = if wrong_type.is_empty() {
        format!("{name} lacks {list}")
    } else {
        format!("{name} lacks {list} as base64url strings")
    };
    Some(Finding::new(rule, kptr(i, first), message))
}

/// Decode a base64url member, reporting encoding problems; returns the decoded
/// octets (leniently, so later checks still run) when it is a string.
fn b64_member(
    i: usize,
    key: &Map<String, Value>,
    member: &str,
    name: &str,
    out: &mut Vec<Finding>,
) -> Option<Vec<u8>> {
    let s = key.get(member)?.as_str()?;
    match b64url_strict(s) {
        Ok(bytes) => Some(bytes),
        Err(problem) => {
            let mut f = Finding::new(
                &JWK_BASE64URL,
                kptr(i, member),
                format!("`{member}` of {name} {problem}"),
            )
            .expected("unpadded base64url (A-Z a-z 0-9 - _)");
            if problem == Base64UrlProblem::Padding {
                f = f.help(format!("drop the trailing `=` from `{member}`"));
            }
            out.push(f);
            b64url_lenient(s)
        }
    }
}

fn rsa(i: usize, key: &Map<String, Value>, name: &str, has_x5c: bool, out: &mut Vec<Finding>) {
    let public = Kty::Rsa.public_members();
    let lacking = missing(key, public);
    if !(has_x5c && bare_key_absent(key, public)) {
        out.extend(members_finding(&JWK_RSA_MEMBERS, i, key, name, &lacking));
    }
    for m in ["n", "e"] {
        let Some(bytes) = b64_member(i, key, m, name, out) else {
            continue;
        };
        if bytes.len() > 1 && bytes.first() == Some(&0) {
            out.push(
                Finding::new(
                    &JWK_RSA_NOT_MINIMAL,
                    kptr(i, m),
                    format!("`{m}` of {name} starts with a zero octet"),
                )
                .expected(format!("{} octets", trim_leading_zeros(&bytes).len()))
                .actual(format!("{} octets", bytes.len())),
            );
        }
        if m == "n" {
            let bits = uint_bits(&bytes);
            if bits < 2048 {
                out.push(
                    Finding::new(
                        &JWK_RSA_TOO_SMALL,
                        kptr(i, "n"),
                        format!("{name} is a {bits}-bit RSA key"),
                    )
                    .expected("2048 bits or more")
                    .actual(format!("{bits} bits")),
                );
            }
        }
    }
}

fn ec(i: usize, key: &Map<String, Value>, name: &str, has_x5c: bool, out: &mut Vec<Finding>) {
    let crv = key.get("crv").and_then(Value::as_str);
    let curve = crv.and_then(|c| jose::curve(Kty::Ec, c));
    let needs_y = crv.is_none() || curve.is_some();
    let required: &[&str] = if needs_y {
        &["crv", "x", "y"]
    } else {
        &["crv", "x"]
    };
    let lacking = missing(key, required);
    if !(has_x5c && bare_key_absent(key, Kty::Ec.public_members())) {
        out.extend(members_finding(&JWK_EC_MEMBERS, i, key, name, &lacking));
    }
    if let Some(c) = crv
        && curve.is_none_or(|k| k.spec != CurveSpec::Rfc7518)
    {
        let mut f = Finding::new(
            &JWK_EC_CRV_UNKNOWN,
            kptr(i, "crv"),
            format!("{name} is on the curve {c:?}"),
        )
        .expected("P-256, P-384 or P-521")
        .actual(c);
        if curve.is_some() {
            // Registered (secp256k1, RFC 8812) but rarely supported.
            f = f.severity(Severity::Info);
        } else if let Some(fixed) = jose::CURVES
            .iter()
            .filter(|k| k.kty == Kty::Ec && k.spec == CurveSpec::Rfc7518)
            .map(|k| k.name)
            .find(|t| t.eq_ignore_ascii_case(c))
        {
            f = f.help(format!("curve names are case-sensitive: write {fixed:?}"));
        }
        out.push(f);
    }
    let want = curve.map(|k| k.coordinate_len);
    let mut point: Vec<Vec<u8>> = Vec::with_capacity(2);
    for m in ["x", "y"] {
        let Some(bytes) = b64_member(i, key, m, name, out) else {
            continue;
        };
        if let (Some(want), Some(c)) = (want, crv)
            && bytes.len() != want
        {
            let mut f = Finding::new(
                &JWK_EC_COORD_LENGTH,
                kptr(i, m),
                format!(
                    "`{m}` of {name} is {} octets; {c} coordinates are {want}",
                    bytes.len()
                ),
            )
            .expected(format!("{want} octets"))
            .actual(format!("{} octets", bytes.len()));
            if bytes.len() < want {
                f = f.help(format!(
                    "left-pad `{m}` with {} zero octet(s) before encoding",
                    want - bytes.len()
                ));
            }
            out.push(f);
        }
        point.push(bytes);
    }
    if let ([x, y], Some(c)) = (point.as_slice(), crv)
        && let Some(problem) = crate::ec::point_problem(c, x, y)
    {
        out.push(
            Finding::new(
                &JWK_EC_POINT_INVALID,
                kptr(i, "y"),
                format!("{name} is no point on {c}: {problem}"),
            )
            .expected(format!("a point on {c}"))
            .actual(problem),
        );
    }
}

fn okp(i: usize, key: &Map<String, Value>, name: &str, has_x5c: bool, out: &mut Vec<Finding>) {
    let lacking = missing(key, &["crv", "x"]);
    if !(has_x5c && bare_key_absent(key, Kty::Okp.public_members())) {
        out.extend(members_finding(&JWK_OKP_MEMBERS, i, key, name, &lacking));
    }
    let crv = key.get("crv").and_then(Value::as_str);
    let want = match crv.map(|c| (c, jose::curve(Kty::Okp, c))) {
        Some((_, Some(curve))) => Some(curve.coordinate_len),
        Some((c, None)) => {
            out.push(
                Finding::new(
                    &JWK_OKP_MEMBERS,
                    kptr(i, "crv"),
                    format!("{name} is an OKP key on the unknown curve {c:?}"),
                )
                .expected("Ed25519, Ed448, X25519 or X448")
                .actual(c)
                .severity(Severity::Warning),
            );
            None
        }
        None => None,
    };
    if let Some(bytes) = b64_member(i, key, "x", name, out)
        && let Some(want) = want
        && bytes.len() != want
    {
        out.push(
            Finding::new(
                &JWK_OKP_MEMBERS,
                kptr(i, "x"),
                format!("`x` of {name} is {} octets, not {want}", bytes.len()),
            )
            .expected(format!("{want} octets"))
            .actual(format!("{} octets", bytes.len())),
        );
    }
}

/// The size of a key, as FAPI 2.0 measures it (§5.4.1 items 2-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeySize {
    /// Bits of the modulus `n`, leading zero octets ignored.
    Rsa(u32),
    /// Bits of the curve's field, or of `x` on a curve JOSE does not name.
    Ec(u32),
}

/// The size of an RSA or EC key; `None` for other keys, or when the member it is
/// read from is not a base64url string (decoded leniently, as the member checks
/// do, so an encoding problem reported elsewhere does not hide the size).
pub(crate) fn key_size(key: &Map<String, Value>) -> Option<KeySize> {
    let decoded = |m: &str| key.get(m).and_then(Value::as_str).and_then(b64url_lenient);
    match key.get("kty").and_then(Value::as_str)? {
        "RSA" => decoded("n").map(|n| KeySize::Rsa(uint_bits(&n))),
        "EC" => key
            .get("crv")
            .and_then(Value::as_str)
            .and_then(|c| jose::curve(Kty::Ec, c))
            .map(|c| c.bits)
            .or_else(|| {
                decoded("x")
                    .and_then(|x| u32::try_from(x.len()).ok())
                    .map(|l| l * 8)
            })
            .map(KeySize::Ec),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use serde_json::json;

    use super::super::tests::*;
    use crate::diagnostic::Severity;
    use crate::jwks::b64url_encode;
    use crate::rules::Profile;
    use crate::rules::testing::fires;

    #[test]
    fn kty_missing_and_unknown() {
        let f = run("", json!([with(rsa("r1", 256), json!({"kty": null}))]), &[]);
        assert_eq!(finding(&f, "jwk-kty-missing").pointer, "jwks:/keys/0/kty");
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"kty": "rsa"}))]),
            &[],
        );
        let u = finding(&f, "jwk-kty-unknown");
        assert!(u.help.as_deref().unwrap_or("").contains("\"RSA\""));
        assert!(fires(
            &run("", json!([with(rsa("r1", 256), json!({"kty": 3}))]), &[]),
            "jwk-kty-unknown"
        ));
        let quiet = run("", good_set(), &[]);
        assert!(!fires(&quiet, "jwk-kty-missing") && !fires(&quiet, "jwk-kty-unknown"));
    }

    #[test]
    fn private_members_are_named_never_printed() {
        let secret = "c2VjcmV0LXByaXZhdGUtZXhwb25lbnQ";
        let key = with(
            rsa("r1", 256),
            json!({"d": secret, "p": secret, "qi": secret}),
        );
        let f = run(
            "",
            json!([key, {"kty": "oct", "kid": "h", "k": secret}]),
            &[],
        );
        let private: Vec<_> = f
            .iter()
            .filter(|f| f.rule == "jwk-private-material")
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(
            private,
            ["jwks:/keys/0/d", "jwks:/keys/0/p", "jwks:/keys/0/qi"]
        );
        assert!(finding(&f, "jwk-private-material").message.contains("`d`"));
        let all = serde_json::to_string(&f).unwrap();
        assert!(
            !all.contains(secret),
            "a secret leaked into a finding: {all}"
        );
        assert!(!fires(&run("", good_set(), &[]), "jwk-private-material"));
    }

    #[test]
    fn symmetric_keys() {
        let secret = "c3ltbWV0cmljLXNlY3JldA";
        let f = run(
            "",
            json!([{"kty": "oct", "kid": "h", "k": secret, "alg": "HS256"}]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-symmetric").pointer, "jwks:/keys/0/k");
        assert!(!serde_json::to_string(&f).unwrap().contains(secret));
        assert!(!fires(&run("", good_set(), &[]), "jwk-symmetric"));
    }

    #[test]
    fn rsa_members() {
        let f = run("", json!([with(rsa("r1", 256), json!({"e": null}))]), &[]);
        assert_eq!(finding(&f, "jwk-rsa-members").pointer, "jwks:/keys/0/e");
        let f = run("", json!([with(rsa("r1", 256), json!({"n": 12}))]), &[]);
        assert!(fires(&f, "jwk-rsa-members"));
        assert!(!fires(&run("", good_set(), &[]), "jwk-rsa-members"));
    }

    #[test]
    fn ec_members_crv_and_coordinates() {
        let ec = ec_pair();
        let f = run("", json!([with(ec.jwk("e1"), json!({"y": null}))]), &[]);
        assert_eq!(finding(&f, "jwk-ec-members").pointer, "jwks:/keys/0/y");

        let f = run(
            "",
            json!([with(ec.jwk("e1"), json!({"crv": "p-256", "alg": null}))]),
            &[],
        );
        let c = finding(&f, "jwk-ec-crv-unknown");
        assert_eq!(c.severity, Severity::Warning);
        assert!(c.help.is_some());
        let f = run(
            "",
            json!([with(
                ec.jwk("e1"),
                json!({"crv": "secp256k1", "alg": "ES256K"})
            )]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-ec-crv-unknown").severity, Severity::Info);

        let short = b64url_encode(&ec.x[1..]);
        let f = run("", json!([with(ec.jwk("e1"), json!({"x": short}))]), &[]);
        let l = finding(&f, "jwk-ec-coord-length");
        assert_eq!(l.pointer, "jwks:/keys/0/x");
        assert_eq!(l.actual.as_deref(), Some("31 octets"));

        let quiet = run("", good_set(), &[]);
        for r in [
            "jwk-ec-members",
            "jwk-ec-crv-unknown",
            "jwk-ec-coord-length",
        ] {
            assert!(!fires(&quiet, r), "{r}");
        }
    }

    #[test]
    fn okp_members() {
        let x = b64url_encode(&[7u8; 32]);
        let good = json!({"kty": "OKP", "kid": "o1", "use": "sig", "alg": "EdDSA", "crv": "Ed25519", "x": x});
        assert!(!fires(
            &run(
                r#"{"id_token_signing_alg_values_supported": ["EdDSA"]}"#,
                json!([good.clone()]),
                &[]
            ),
            "jwk-okp-members"
        ));
        let f = run("", json!([with(good.clone(), json!({"x": null}))]), &[]);
        assert_eq!(finding(&f, "jwk-okp-members").pointer, "jwks:/keys/0/x");
        assert_eq!(finding(&f, "jwk-okp-members").severity, Severity::Error);
        let f = run(
            "",
            json!([with(good.clone(), json!({"crv": "Ed25518"}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-okp-members").pointer, "jwks:/keys/0/crv");
        assert_eq!(finding(&f, "jwk-okp-members").severity, Severity::Warning);
        let f = run(
            "",
            json!([with(good, json!({"x": b64url_encode(&[7u8; 31])}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-okp-members").pointer, "jwks:/keys/0/x");
    }

    #[test]
    fn base64url_encoding() {
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"e": "AQAB=="}))]),
            &[],
        );
        let b = finding(&f, "jwk-base64url");
        assert_eq!(b.pointer, "jwks:/keys/0/e");
        assert!(b.message.contains("padding"));
        let n = base64::engine::general_purpose::STANDARD_NO_PAD.encode(modulus(256));
        assert!(n.contains(['+', '/']));
        let f = run("", json!([with(rsa("r1", 256), json!({"n": n}))]), &[]);
        assert_eq!(finding(&f, "jwk-base64url").pointer, "jwks:/keys/0/n");
        // Leniently decoded, so the size is still known: no size finding.
        assert!(!fires(&f, "jwk-rsa-too-small"));
        assert!(!fires(&run("", good_set(), &[]), "jwk-base64url"));
    }

    #[test]
    fn rsa_integers_must_be_minimal() {
        let mut n = vec![0u8];
        n.extend(modulus(256));
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"n": b64url_encode(&n)}))]),
            &[],
        );
        let m = finding(&f, "jwk-rsa-not-minimal");
        assert_eq!(m.pointer, "jwks:/keys/0/n");
        assert_eq!(m.actual.as_deref(), Some("257 octets"));
        assert!(!fires(&f, "jwk-rsa-too-small"));
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"e": "AAEAAQ"}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-rsa-not-minimal").pointer, "jwks:/keys/0/e");
        assert!(!fires(&run("", good_set(), &[]), "jwk-rsa-not-minimal"));
    }

    #[test]
    fn small_keys() {
        let f = run("", json!([rsa("r1", 128), ec_pair().jwk("e1")]), &[]);
        let s = finding(&f, "jwk-rsa-too-small");
        assert_eq!(s.actual.as_deref(), Some("1024 bits"));
        assert!(!fires(&f, "fapi2-key-size"), "fapi2 rules need the profile");
        let f = run("", json!([rsa("r1", 128)]), &[Profile::Fapi2]);
        assert_eq!(finding(&f, "fapi2-key-size").pointer, "jwks:/keys/0/n");

        let x = b64url_encode(&[9u8; 24]);
        let p192 = json!({"kty": "EC", "kid": "e0", "use": "sig", "crv": "P-192", "x": x, "y": x});
        let f = run("", json!([rsa("r1", 256), p192]), &[Profile::Fapi2]);
        assert_eq!(
            finding(&f, "fapi2-key-size").actual.as_deref(),
            Some("192 bits")
        );

        let quiet = run("", good_set(), &[Profile::Fapi2]);
        assert!(!fires(&quiet, "jwk-rsa-too-small") && !fires(&quiet, "fapi2-key-size"));
    }
}
