//! A key's certificates (`jwk-x5c-*`, `jwk-x5t-mismatch`, `jwk-x5u-not-https`):
//! `x5c` well formed, next to the bare key and holding that same key, thumbprints
//! that match it, a certificate within its validity period, and `x5u` over https.
//! Certificates are parsed by `crate::jwks`; nothing here verifies a chain.

use serde_json::{Map, Value};

use super::{bare_key_absent, example, kptr};
use crate::diagnostic::{Finding, Severity};
use crate::document::json_type;
use crate::jose::Kty;
use crate::jwks::{
    CertKey, Certificate, UnixTime, b64url_lenient, decode_certificate, sha1_b64url, sha256_b64url,
    trim_leading_zeros,
};
use crate::rules::{Profile, Rule};

pub const JWK_X5C_FORMAT: Rule = Rule {
    id: "jwk-x5c-format",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`x5c` is not a non-empty array of base64 DER certificates",
    spec: "RFC 7517 §4.7",
    explanation: "`x5c` is an array of certificates, each standard base64 (not base64url) of a DER X.509 \
                  certificate, the key's own certificate first. Clients that read it fail on anything else.",
    fix: "publish `x5c` as an array of base64-encoded DER certificates, or drop it",
    bad: example!("examples/jwk-x5c-format.bad.json"),
    good: example!("examples/passing-x5c.json"),
};

pub const JWK_X5C_KEY_MISMATCH: Rule = Rule {
    id: "jwk-x5c-key-mismatch",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key in `x5c[0]` is not the bare key",
    spec: "RFC 7517 §4.7; OpenID Connect Discovery 1.0 §3 (jwks_uri)",
    explanation: "The certificate's public key MUST match the JWK's key members. When they differ, clients that \
                  use the certificate and clients that use `n`/`e` or `x`/`y` verify with different keys, and \
                  one of them fails (a sign of a botched rotation).",
    fix: "publish the certificate of this very key in `x5c`, or drop `x5c`",
    bad: example!("examples/jwk-x5c-key-mismatch.bad.json"),
    good: example!("examples/passing-x5c.json"),
};

pub const JWK_X5C_WITHOUT_BARE_KEY: Rule = Rule {
    id: "jwk-x5c-without-bare-key",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key has `x5c` but not the bare key members",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); OpenID Connect Core 1.0 §15.2",
    explanation: "When keys are also published as certificates, the bare key values (`n`/`e`, or `crv`/`x`/`y`) \
                  MUST still be present: most clients read only those.",
    fix: "add the bare key members next to `x5c`",
    bad: example!("examples/jwk-x5c-without-bare-key.bad.json"),
    good: example!("examples/passing-x5c.json"),
};

pub const JWK_X5T_MISMATCH: Rule = Rule {
    id: "jwk-x5t-mismatch",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`x5t` or `x5t#S256` is not the thumbprint of `x5c[0]`",
    spec: "RFC 7517 §4.8, §4.9",
    explanation: "`x5t` is the base64url SHA-1, and `x5t#S256` the base64url SHA-256, of the DER certificate; \
                  the certificate they identify MUST match the key. A stale thumbprint makes clients that \
                  select by it miss the key.",
    fix: "recompute `x5t` / `x5t#S256` from the DER of `x5c[0]`",
    bad: example!("examples/jwk-x5t-mismatch.bad.json"),
    good: example!("examples/jwk-x5t-mismatch.good.json"),
};

pub const JWK_X5C_EXPIRED: Rule = Rule {
    id: "jwk-x5c-expired",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "the certificate in `x5c[0]` is outside its validity period",
    spec: "RFC 5280 §4.1.2.5 (validity); no JOSE requirement",
    explanation: "No spec forbids publishing an expired certificate in a JWK, and most clients use the bare key, \
                  but clients that validate `x5c` reject the key, and it often means the key itself is due \
                  for rotation.",
    fix: "issue a fresh certificate for the key, or drop `x5c`",
    bad: example!("examples/jwk-x5c-expired.bad.json"),
    good: example!("examples/passing-x5c.json"),
};

pub const JWK_X5U_NOT_HTTPS: Rule = Rule {
    id: "jwk-x5u-not-https",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key's `x5u` does not use https",
    spec: "RFC 7517 §4.6",
    explanation: "The protocol used to fetch the certificate at `x5u` MUST provide integrity protection (TLS); \
                  over plain http the certificate, and so the key, can be swapped in transit.",
    fix: "serve the certificate over https and publish an https `x5u`",
    bad: example!("examples/jwk-x5u-not-https.bad.json"),
    good: example!("examples/jwk-x5u-not-https.good.json"),
};

/// One key's `x5u` and `x5c`; `name` is how messages name it, `now` decides
/// whether the certificate is valid.
pub(super) fn check(
    i: usize,
    key: &Map<String, Value>,
    name: &str,
    now: UnixTime,
    out: &mut Vec<Finding>,
) {
    if let Some(x5u) = key.get("x5u") {
        let https = x5u
            .as_str()
            .and_then(|u| u.get(..8))
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        if !https {
            out.push(
                Finding::new(
                    &JWK_X5U_NOT_HTTPS,
                    kptr(i, "x5u"),
                    format!("{name} has an `x5u` that is not an https URL"),
                )
                .expected("https://…")
                .actual(
                    x5u.as_str()
                        .map_or_else(|| json_type(x5u).into(), str::to_string),
                ),
            );
        }
    }
    let kty = key.get("kty").and_then(Value::as_str);
    chain(i, key, kty, name, now, out);
}

/// `x5c`: a chain of certificates whose first holds the bare key.
fn chain(
    i: usize,
    key: &Map<String, Value>,
    kty: Option<&str>,
    name: &str,
    now: UnixTime,
    out: &mut Vec<Finding>,
) {
    let Some(raw) = key.get("x5c") else {
        return;
    };
    let bare = kty
        .and_then(Kty::from_name)
        .map_or(&[][..], Kty::public_members);
    if !bare.is_empty() && bare_key_absent(key, bare) {
        out.push(
            Finding::new(
                &JWK_X5C_WITHOUT_BARE_KEY,
                kptr(i, bare.first().copied().unwrap_or("x5c")),
                format!(
                    "{name} carries its key only in `x5c`; {} must also be present",
                    bare.iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            )
            .expected(bare.join(", ")),
        );
    }
    let chain = match raw {
        Value::Array(chain) if !chain.is_empty() => chain,
        other => {
            out.push(
                Finding::new(
                    &JWK_X5C_FORMAT,
                    kptr(i, "x5c"),
                    match other {
                        Value::Array(_) => format!("{name} has an empty `x5c`"),
                        v => format!("`x5c` of {name} is {}, not an array", json_type(v)),
                    },
                )
                .expected("a non-empty array of base64 DER certificates"),
            );
            return;
        }
    };
    let mut first = None;
    for (j, item) in chain.iter().enumerate() {
        let at = format!("{}/{j}", kptr(i, "x5c"));
        let Some(s) = item.as_str() else {
            out.push(
                Finding::new(
                    &JWK_X5C_FORMAT,
                    at,
                    format!("`x5c[{j}]` of {name} is {}, not a string", json_type(item)),
                )
                .actual(json_type(item)),
            );
            continue;
        };
        let parsed =
            decode_certificate(s).and_then(|der| Certificate::parse(&der).map(|c| (der, c)));
        match parsed {
            Ok(c) => {
                if j == 0 {
                    first = Some(c);
                }
            }
            Err(problem) => out.push(Finding::new(
                &JWK_X5C_FORMAT,
                at,
                format!("`x5c[{j}]` of {name} {problem}"),
            )),
        }
    }
    let Some((der, cert)) = first else {
        return;
    };
    if let Some(kty) = kty
        && !(bare.is_empty() || bare_key_absent(key, bare))
        && let Some(why) = key_mismatch(key, kty, &cert.key)
    {
        out.push(Finding::new(
            &JWK_X5C_KEY_MISMATCH,
            format!("{}/0", kptr(i, "x5c")),
            format!("the certificate in `x5c[0]` of {name} holds another key: {why}"),
        ));
    }
    for (member, computed) in [
        ("x5t", sha1_b64url(&der)),
        ("x5t#S256", sha256_b64url(&der)),
    ] {
        let Some(v) = key.get(member) else {
            continue;
        };
        let published = v.as_str();
        let matches = published
            .and_then(b64url_lenient)
            .zip(b64url_lenient(&computed))
            .is_some_and(|(a, b)| a == b);
        if !matches {
            out.push(
                Finding::new(
                    &JWK_X5T_MISMATCH,
                    kptr(i, member),
                    format!("`{member}` of {name} is not the thumbprint of `x5c[0]`"),
                )
                .expected(computed)
                .actual(published.map_or_else(|| json_type(v).into(), str::to_string)),
            );
        }
    }
    if now > cert.not_after {
        out.push(
            Finding::new(
                &JWK_X5C_EXPIRED,
                format!("{}/0", kptr(i, "x5c")),
                format!("the certificate of {name} expired on {}", cert.not_after),
            )
            .actual(format!("notAfter {}", cert.not_after)),
        );
    } else if now < cert.not_before {
        out.push(
            Finding::new(
                &JWK_X5C_EXPIRED,
                format!("{}/0", kptr(i, "x5c")),
                format!(
                    "the certificate of {name} is not valid before {}",
                    cert.not_before
                ),
            )
            .actual(format!("notBefore {}", cert.not_before)),
        );
    }
}

/// Why the certificate's key differs from the bare key, or `None` when they are
/// the same (or the bare key is too broken to compare: other rules report it).
fn key_mismatch(key: &Map<String, Value>, kty: &str, cert: &CertKey) -> Option<String> {
    let get = |m: &str| key.get(m).and_then(Value::as_str).and_then(b64url_lenient);
    if cert.kty() != Some(kty) {
        return Some(format!(
            "the certificate has {} key, the JWK is {kty}",
            match cert {
                CertKey::Rsa { .. } => "an RSA".to_string(),
                CertKey::Ec { .. } => "an EC".to_string(),
                CertKey::Okp { crv, .. } => format!("an OKP {crv}"),
                CertKey::Other(oid) => format!("a {oid}"),
            }
        ));
    }
    match cert {
        CertKey::Rsa { n, e } => {
            let (jn, je) = (get("n")?, get("e")?);
            if trim_leading_zeros(&jn) != n.as_slice() {
                Some("the moduli (`n`) differ".into())
            } else if trim_leading_zeros(&je) != e.as_slice() {
                Some("the exponents (`e`) differ".into())
            } else {
                None
            }
        }
        CertKey::Ec { crv, point } => {
            let jcrv = key.get("crv").and_then(Value::as_str);
            if let (Some(c), Some(j)) = (crv, jcrv)
                && *c != j
            {
                return Some(format!("the certificate is on {c}, the JWK on {j}"));
            }
            let (x, y) = (get("x")?, get("y")?);
            // Uncompressed SEC1 point: 0x04 || x || y.
            let same = point.first() == Some(&4)
                && point.len() == 1 + x.len() + y.len()
                && point.get(1..1 + x.len()) == Some(x.as_slice())
                && point.get(1 + x.len()..) == Some(y.as_slice());
            (!same).then(|| "the curve points (`x`, `y`) differ".into())
        }
        CertKey::Okp { crv, x } => {
            let jcrv = key.get("crv").and_then(Value::as_str);
            if jcrv.is_some_and(|j| j != *crv) {
                return Some(format!(
                    "the certificate is on {crv}, the JWK on {}",
                    jcrv.unwrap_or_default()
                ));
            }
            (get("x")? != *x).then(|| "the public keys (`x`) differ".into())
        }
        CertKey::Other(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::*;
    use crate::diagnostic::Severity;
    use crate::jwks::{sha1_b64url, sha256_b64url};
    use crate::rules::testing::fires;

    #[test]
    fn x5c_format() {
        let ec = ec_pair();
        for (bad, at) in [
            (json!("MIIB"), "jwks:/keys/0/x5c"),
            (json!([]), "jwks:/keys/0/x5c"),
            (json!([7]), "jwks:/keys/0/x5c/0"),
            (json!(["MIIB-_"]), "jwks:/keys/0/x5c/0"),
            (json!(["not base64!"]), "jwks:/keys/0/x5c/0"),
            (json!(["AAAA"]), "jwks:/keys/0/x5c/0"),
        ] {
            let f = run(
                "",
                json!([with(ec.jwk("e1"), json!({"x5c": bad.clone()}))]),
                &[],
            );
            assert_eq!(finding(&f, "jwk-x5c-format").pointer, at, "{bad}");
        }
        let good = with(ec.jwk("e1"), json!({"x5c": [std_b64(&ec.cert_der(2030))]}));
        let f = run("", json!([rsa("r1", 256), good]), &[]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn x5c_key_must_match_the_bare_key() {
        let (a, b) = (ec_pair(), ec_pair());
        let cert = std_b64(&a.cert_der(2030));
        let f = run(
            "",
            json!([
                rsa("r1", 256),
                with(b.jwk("e1"), json!({"x5c": [cert.clone()]}))
            ]),
            &[],
        );
        let m = finding(&f, "jwk-x5c-key-mismatch");
        assert_eq!(m.pointer, "jwks:/keys/1/x5c/0");
        // An RSA JWK with an EC certificate.
        let f = run(
            "",
            json!([with(rsa("r1", 256), json!({"x5c": [cert.clone()]}))]),
            &[],
        );
        assert!(
            finding(&f, "jwk-x5c-key-mismatch")
                .message
                .contains("an EC key")
        );
        let quiet = run(
            "",
            json!([rsa("r1", 256), with(a.jwk("e1"), json!({"x5c": [cert]}))]),
            &[],
        );
        assert!(!fires(&quiet, "jwk-x5c-key-mismatch"));
    }

    #[test]
    fn real_rsa_certificates_match_and_swapped_moduli_do_not() {
        let jwks = object(serde_json::from_str(fixture("auth0.jwks")).unwrap());
        let keys = jwks["keys"].clone();
        let f = run("", keys.clone(), &[]);
        assert!(
            !fires(&f, "jwk-x5c-key-mismatch") && !fires(&f, "jwk-x5t-mismatch"),
            "{f:?}"
        );
        let other_n = keys[1]["n"].clone();
        let swapped = json!([with(keys[0].clone(), json!({"n": other_n}))]);
        let f = run("", swapped, &[]);
        assert!(finding(&f, "jwk-x5c-key-mismatch").message.contains("`n`"));
    }

    #[test]
    fn x5c_without_bare_key() {
        let ec = ec_pair();
        let cert = std_b64(&ec.cert_der(2030));
        let both = with(ec.jwk("e1"), json!({"x5c": [cert.clone()]}));
        let quiet = run("", json!([rsa("r1", 256), both]), &[]);
        assert!(!fires(&quiet, "jwk-x5c-without-bare-key"));
        let key = with(ec.jwk("e1"), json!({"x5c": [cert], "x": null, "y": null}));
        let f = run("", json!([rsa("r1", 256), key]), &[]);
        assert_eq!(
            finding(&f, "jwk-x5c-without-bare-key").pointer,
            "jwks:/keys/1/x"
        );
        assert!(
            !fires(&f, "jwk-ec-members"),
            "reported once, as the x5c rule"
        );
        assert!(!fires(&f, "jwk-x5c-key-mismatch"));
        let f = run(
            "",
            json!([with(
                rsa("r1", 256),
                json!({"x5c": ["AAAA"], "n": null, "e": null})
            )]),
            &[],
        );
        assert!(fires(&f, "jwk-x5c-without-bare-key") && !fires(&f, "jwk-rsa-members"));
    }

    #[test]
    fn x5t_thumbprints() {
        let ec = ec_pair();
        let der = ec.cert_der(2030);
        let right = json!({
            "x5c": [std_b64(&der)],
            "x5t": sha1_b64url(&der),
            "x5t#S256": sha256_b64url(&der),
        });
        let quiet = run("", json!([rsa("r1", 256), with(ec.jwk("e1"), right)]), &[]);
        assert!(!fires(&quiet, "jwk-x5t-mismatch"), "{quiet:?}");
        let wrong = json!({"x5c": [std_b64(&der)], "x5t": sha1_b64url(b"another certificate")});
        let f = run("", json!([rsa("r1", 256), with(ec.jwk("e1"), wrong)]), &[]);
        let t = finding(&f, "jwk-x5t-mismatch");
        assert_eq!(t.pointer, "jwks:/keys/1/x5t");
        assert_eq!(t.expected.as_deref(), Some(sha1_b64url(&der).as_str()));
        let wrong = json!({"x5c": [std_b64(&der)], "x5t#S256": sha1_b64url(&der)});
        let f = run("", json!([rsa("r1", 256), with(ec.jwk("e1"), wrong)]), &[]);
        assert_eq!(
            finding(&f, "jwk-x5t-mismatch").pointer,
            "jwks:/keys/1/x5t#S256"
        );
    }

    #[test]
    fn certificate_validity_uses_the_given_now() {
        let ec = ec_pair();
        let old = with(ec.jwk("e1"), json!({"x5c": [std_b64(&ec.cert_der(2026))]}));
        let f = run("", json!([rsa("r1", 256), old]), &[]);
        let e = finding(&f, "jwk-x5c-expired");
        assert_eq!(e.severity, Severity::Info);
        assert!(e.message.contains("2026-01-01T00:00:00Z"), "{}", e.message);
        let fresh = with(ec.jwk("e1"), json!({"x5c": [std_b64(&ec.cert_der(2030))]}));
        assert!(!fires(
            &run("", json!([rsa("r1", 256), fresh]), &[]),
            "jwk-x5c-expired"
        ));
    }

    #[test]
    fn x5u_must_be_https() {
        let f = run(
            "",
            json!([with(
                rsa("r1", 256),
                json!({"x5u": "http://idp.example.com/c.pem"})
            )]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-x5u-not-https").pointer, "jwks:/keys/0/x5u");
        let ok = with(
            rsa("r1", 256),
            json!({"x5u": "HTTPS://idp.example.com/c.pem"}),
        );
        assert!(!fires(&run("", json!([ok]), &[]), "jwk-x5u-not-https"));
    }
}
