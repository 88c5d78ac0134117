//! The JOSE vocabulary, once: the algorithm names of the IANA "JSON Web Signature
//! and Encryption Algorithms" registry that this tool knows, what each algorithm is
//! for and which keys can use it, the JWK key types, and the curves with their
//! sizes and X.509 object identifiers.
//!
//! It exists so that the document rules (`alg-*`), the key-set rules and the
//! certificate parser cannot disagree about JOSE. An algorithm lists the key types
//! it works with *paired* with their curves: ECDH-ES takes an EC key on a NIST
//! curve or an OKP key on X25519/X448, never an EC key on X25519 or an OKP key on
//! Ed25519.
//!
//! A leaf: it imports nothing of the crate and judges nothing. Whether a mismatch
//! is an error, and what a finding says about it, is for the rules. Names are
//! compared exactly: JOSE names are case-sensitive.

use std::fmt;

/// A JWK key type, `kty` (RFC 7518 §6.1, RFC 8037 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kty {
    Rsa,
    Ec,
    Okp,
    /// A symmetric key (`oct`).
    Oct,
}

impl Kty {
    /// Every registered key type, in the order messages list them.
    pub const ALL: [Kty; 4] = [Kty::Rsa, Kty::Ec, Kty::Okp, Kty::Oct];

    /// The `kty` value.
    pub const fn name(self) -> &'static str {
        match self {
            Kty::Rsa => "RSA",
            Kty::Ec => "EC",
            Kty::Okp => "OKP",
            Kty::Oct => "oct",
        }
    }

    /// The key type a `kty` value names, exactly as registered.
    pub fn from_name(name: &str) -> Option<Kty> {
        Kty::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The members that hold a public key of this type, besides `crv` (RFC 7518
    /// §6.2.1, §6.3.1; RFC 8037 §2); none for `oct`, whose key `k` is secret.
    pub const fn public_members(self) -> &'static [&'static str] {
        match self {
            Kty::Rsa => &["n", "e"],
            Kty::Ec => &["x", "y"],
            Kty::Okp => &["x"],
            Kty::Oct => &[],
        }
    }
}

impl fmt::Display for Kty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a key is for, as a JWK's `use` says it (RFC 7517 §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyUse {
    /// `sig`: signatures and MACs (JWS).
    Sig,
    /// `enc`: encryption and key agreement (JWE).
    Enc,
}

/// The specification that registers a curve for JOSE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveSpec {
    /// RFC 7518 §6.2.1.1: the NIST curves every JOSE library knows.
    Rfc7518,
    /// RFC 8037 §2: the CFRG curves of OKP keys.
    Rfc8037,
    /// RFC 8812 §3.1: secp256k1, registered but rarely supported.
    Rfc8812,
}

/// A curve a JWK can name in `crv` (IANA "JSON Web Key Elliptic Curve").
#[derive(Debug, PartialEq, Eq)]
pub struct Curve {
    pub name: &'static str,
    /// The key type whose `crv` names it.
    pub kty: Kty,
    /// Octets of a public-key coordinate: `x` and `y` of an EC key, full size
    /// with leading zeros (RFC 7518 §6.2.1.2-3); `x` of an OKP key (RFC 8037 §2).
    pub coordinate_len: usize,
    /// Size of the field the curve is defined over, in bits: the size a key on the
    /// curve is quoted with (256 for P-256, 521 for P-521, 255 for X25519).
    pub bits: u32,
    /// The object identifier an X.509 SubjectPublicKeyInfo gives it: for EC the
    /// named curve, the parameter of id-ecPublicKey (RFC 5480 §2.1.1.1); for OKP
    /// the algorithm itself (RFC 8410 §3).
    pub oid: &'static str,
    pub spec: CurveSpec,
}

pub const P256: Curve = Curve {
    name: "P-256",
    kty: Kty::Ec,
    coordinate_len: 32,
    bits: 256,
    oid: "1.2.840.10045.3.1.7",
    spec: CurveSpec::Rfc7518,
};
pub const P384: Curve = Curve {
    name: "P-384",
    kty: Kty::Ec,
    coordinate_len: 48,
    bits: 384,
    oid: "1.3.132.0.34",
    spec: CurveSpec::Rfc7518,
};
pub const P521: Curve = Curve {
    name: "P-521",
    kty: Kty::Ec,
    coordinate_len: 66,
    bits: 521,
    oid: "1.3.132.0.35",
    spec: CurveSpec::Rfc7518,
};
pub const SECP256K1: Curve = Curve {
    name: "secp256k1",
    kty: Kty::Ec,
    coordinate_len: 32,
    bits: 256,
    oid: "1.3.132.0.10",
    spec: CurveSpec::Rfc8812,
};
pub const ED25519: Curve = Curve {
    name: "Ed25519",
    kty: Kty::Okp,
    coordinate_len: 32,
    bits: 255,
    oid: "1.3.101.112",
    spec: CurveSpec::Rfc8037,
};
pub const ED448: Curve = Curve {
    name: "Ed448",
    kty: Kty::Okp,
    coordinate_len: 57,
    bits: 448,
    oid: "1.3.101.113",
    spec: CurveSpec::Rfc8037,
};
pub const X25519: Curve = Curve {
    name: "X25519",
    kty: Kty::Okp,
    coordinate_len: 32,
    bits: 255,
    oid: "1.3.101.110",
    spec: CurveSpec::Rfc8037,
};
pub const X448: Curve = Curve {
    name: "X448",
    kty: Kty::Okp,
    coordinate_len: 56,
    bits: 448,
    oid: "1.3.101.111",
    spec: CurveSpec::Rfc8037,
};

/// Every curve, EC first, in the order messages list them.
pub const CURVES: &[&Curve] = &[
    &P256, &P384, &P521, &SECP256K1, &ED25519, &ED448, &X25519, &X448,
];

/// The curve `name` of a `kty`: `curve(Kty::Ec, "X25519")` is `None`, since an EC
/// key cannot be on X25519.
pub fn curve(kty: Kty, name: &str) -> Option<&'static Curve> {
    CURVES
        .iter()
        .copied()
        .find(|c| c.kty == kty && c.name == name)
}

/// The curve of a certificate's key of type `kty`, from its object identifier
/// (see [`Curve::oid`]).
pub fn curve_of_oid(kty: Kty, oid: &str) -> Option<&'static Curve> {
    CURVES
        .iter()
        .copied()
        .find(|c| c.kty == kty && c.oid == oid)
}

impl Curve {
    /// What every algorithm that takes a key on this curve uses it for, when they
    /// agree: X25519 and X448 only agree keys (`enc`), Ed25519 and Ed448 only sign
    /// (`sig`); the NIST curves do both (`None`).
    pub fn key_use(&self) -> Option<KeyUse> {
        let mut uses = ALGORITHMS
            .iter()
            .filter(|a| a.keys.iter().any(|k| k.curves.contains(&self)))
            .map(Algorithm::key_use);
        let first = uses.next()?;
        uses.all(|u| u == first).then_some(first)
    }
}

/// What an algorithm does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An asymmetric JWS signature: verified with a published public key.
    Signature,
    /// A JWS MAC (`HS*`), keyed with a shared secret.
    Mac,
    /// `none`: an unsecured JWS, with no signature and no key.
    Unsecured,
    /// A JWE `alg` that encrypts or wraps the content key with the recipient's
    /// key (RSA, AES key wrap, PBES2), or `dir`, which uses the shared key as
    /// the content key.
    KeyEncryption,
    /// A JWE `alg` that derives the content key by ECDH (`ECDH-ES*`).
    KeyAgreement,
    /// A JWE `enc`: encrypts the content with the content key.
    ContentEncryption,
}

/// Where an algorithm name is written: the registry's "usage location" (`alg` or
/// `enc`), with `alg` told apart for JWS and JWE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// The `alg` of a JWS.
    JwsAlg,
    /// The `alg` of a JWE (key management).
    JweAlg,
    /// The `enc` of a JWE (content encryption).
    JweEnc,
}

impl Purpose {
    pub fn header(self) -> Header {
        match self {
            Purpose::Signature | Purpose::Mac | Purpose::Unsecured => Header::JwsAlg,
            Purpose::KeyEncryption | Purpose::KeyAgreement => Header::JweAlg,
            Purpose::ContentEncryption => Header::JweEnc,
        }
    }
}

/// A key type an algorithm works with, and the curves it must be on (empty for
/// the key types without curves, RSA and `oct`).
#[derive(Debug, PartialEq, Eq)]
pub struct KeyFit {
    pub kty: Kty,
    pub curves: &'static [&'static Curve],
}

impl KeyFit {
    /// Whether a key of type `kty` on curve `crv` fits.
    pub fn accepts(&self, kty: Kty, crv: Option<&str>) -> bool {
        self.kty == kty
            && (self.curves.is_empty()
                || crv.is_some_and(|n| self.curves.iter().any(|c| c.name == n)))
    }
}

/// `RSA`, `EC P-256`, `OKP Ed25519/Ed448`.
impl fmt::Display for KeyFit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kty.name())?;
        for (i, c) in self.curves.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { "/" })?;
            f.write_str(c.name)?;
        }
        Ok(())
    }
}

/// One registered algorithm.
#[derive(Debug, PartialEq, Eq)]
pub struct Algorithm {
    pub name: &'static str,
    pub purpose: Purpose,
    /// The keys it works with; empty for `none`. Symmetric algorithms take an
    /// `oct` key: the shared secret, the password of PBES2, or for `dir` and the
    /// `enc` algorithms the content key itself.
    pub keys: &'static [KeyFit],
}

impl Algorithm {
    /// Where the name is written.
    pub fn header(&self) -> Header {
        self.purpose.header()
    }

    /// The `use` of a key for this algorithm: `sig` for JWS, `enc` for JWE.
    pub fn key_use(&self) -> KeyUse {
        match self.header() {
            Header::JwsAlg => KeyUse::Sig,
            Header::JweAlg | Header::JweEnc => KeyUse::Enc,
        }
    }

    /// Whether a key of type `kty` on curve `crv` can be used with it.
    pub fn accepts(&self, kty: Kty, crv: Option<&str>) -> bool {
        self.keys.iter().any(|k| k.accepts(kty, crv))
    }

    /// The keys it takes, in words: `EC P-256/P-384/P-521 or OKP X25519/X448`.
    pub fn describe_keys(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

const RSA: &[KeyFit] = &[KeyFit {
    kty: Kty::Rsa,
    curves: &[],
}];
const OCT: &[KeyFit] = &[KeyFit {
    kty: Kty::Oct,
    curves: &[],
}];
const ECDH: &[KeyFit] = &[
    KeyFit {
        kty: Kty::Ec,
        curves: &[&P256, &P384, &P521],
    },
    KeyFit {
        kty: Kty::Okp,
        curves: &[&X25519, &X448],
    },
];

const fn alg(name: &'static str, purpose: Purpose, keys: &'static [KeyFit]) -> Algorithm {
    Algorithm {
        name,
        purpose,
        keys,
    }
}

const fn sig(name: &'static str, keys: &'static [KeyFit]) -> Algorithm {
    alg(name, Purpose::Signature, keys)
}

const fn enc(name: &'static str) -> Algorithm {
    alg(name, Purpose::ContentEncryption, OCT)
}

/// The registered algorithms this tool knows: RFC 7518 §3.1 (JWS), §4.1 (JWE
/// `alg`) and §5.1 (JWE `enc`); EdDSA (RFC 8037); ES256K (RFC 8812); the
/// fully-specified Ed25519 and Ed448; RSA-OAEP-384 and RSA-OAEP-512 (registered
/// from WebCrypto).
pub const ALGORITHMS: &[Algorithm] = &[
    alg("HS256", Purpose::Mac, OCT),
    alg("HS384", Purpose::Mac, OCT),
    alg("HS512", Purpose::Mac, OCT),
    sig("RS256", RSA),
    sig("RS384", RSA),
    sig("RS512", RSA),
    sig(
        "ES256",
        &[KeyFit {
            kty: Kty::Ec,
            curves: &[&P256],
        }],
    ),
    sig(
        "ES384",
        &[KeyFit {
            kty: Kty::Ec,
            curves: &[&P384],
        }],
    ),
    sig(
        "ES512",
        &[KeyFit {
            kty: Kty::Ec,
            curves: &[&P521],
        }],
    ),
    sig("PS256", RSA),
    sig("PS384", RSA),
    sig("PS512", RSA),
    alg("none", Purpose::Unsecured, &[]),
    sig(
        "EdDSA",
        &[KeyFit {
            kty: Kty::Okp,
            curves: &[&ED25519, &ED448],
        }],
    ),
    sig(
        "ES256K",
        &[KeyFit {
            kty: Kty::Ec,
            curves: &[&SECP256K1],
        }],
    ),
    sig(
        "Ed25519",
        &[KeyFit {
            kty: Kty::Okp,
            curves: &[&ED25519],
        }],
    ),
    sig(
        "Ed448",
        &[KeyFit {
            kty: Kty::Okp,
            curves: &[&ED448],
        }],
    ),
    alg("RSA1_5", Purpose::KeyEncryption, RSA),
    alg("RSA-OAEP", Purpose::KeyEncryption, RSA),
    alg("RSA-OAEP-256", Purpose::KeyEncryption, RSA),
    alg("RSA-OAEP-384", Purpose::KeyEncryption, RSA),
    alg("RSA-OAEP-512", Purpose::KeyEncryption, RSA),
    alg("A128KW", Purpose::KeyEncryption, OCT),
    alg("A192KW", Purpose::KeyEncryption, OCT),
    alg("A256KW", Purpose::KeyEncryption, OCT),
    alg("dir", Purpose::KeyEncryption, OCT),
    alg("ECDH-ES", Purpose::KeyAgreement, ECDH),
    alg("ECDH-ES+A128KW", Purpose::KeyAgreement, ECDH),
    alg("ECDH-ES+A192KW", Purpose::KeyAgreement, ECDH),
    alg("ECDH-ES+A256KW", Purpose::KeyAgreement, ECDH),
    alg("A128GCMKW", Purpose::KeyEncryption, OCT),
    alg("A192GCMKW", Purpose::KeyEncryption, OCT),
    alg("A256GCMKW", Purpose::KeyEncryption, OCT),
    alg("PBES2-HS256+A128KW", Purpose::KeyEncryption, OCT),
    alg("PBES2-HS384+A192KW", Purpose::KeyEncryption, OCT),
    alg("PBES2-HS512+A256KW", Purpose::KeyEncryption, OCT),
    enc("A128CBC-HS256"),
    enc("A192CBC-HS384"),
    enc("A256CBC-HS512"),
    enc("A128GCM"),
    enc("A192GCM"),
    enc("A256GCM"),
];

/// The algorithm with this exact name (names are unique across `alg` and `enc`).
pub fn algorithm(name: &str) -> Option<&'static Algorithm> {
    ALGORITHMS.iter().find(|a| a.name == name)
}

/// A JWS MAC algorithm (`HS256`, `HS384`, `HS512`): keyed with a shared secret,
/// in OpenID Connect the client secret.
pub fn is_mac(alg: &str) -> bool {
    algorithm(alg).is_some_and(|a| a.purpose == Purpose::Mac)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(name: &str) -> &'static Algorithm {
        algorithm(name).unwrap_or_else(|| panic!("{name} is not in the table"))
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in ALGORITHMS.iter().enumerate() {
            assert!(
                !ALGORITHMS[..i].iter().any(|b| b.name == a.name),
                "{} twice",
                a.name
            );
        }
        for (i, c) in CURVES.iter().enumerate() {
            assert!(
                !CURVES[..i]
                    .iter()
                    .any(|d| d.name == c.name || d.oid == c.oid),
                "{} twice",
                c.name
            );
        }
    }

    /// Every key an algorithm takes agrees with the curve table: its curves belong
    /// to its key type, EC and OKP keys always name their curves (an empty list
    /// would accept any curve), and RSA and `oct` keys never do.
    #[test]
    fn key_requirements_agree_with_the_curve_table() {
        for a in ALGORITHMS {
            for k in a.keys {
                for c in k.curves {
                    assert_eq!(
                        c.kty, k.kty,
                        "{}: {} is not a {} curve",
                        a.name, c.name, k.kty
                    );
                    assert!(
                        CURVES.contains(c),
                        "{}: {} is not in CURVES",
                        a.name,
                        c.name
                    );
                }
                assert_eq!(
                    k.curves.is_empty(),
                    matches!(k.kty, Kty::Rsa | Kty::Oct),
                    "{}: {k}",
                    a.name
                );
            }
            let keyless = a.keys.is_empty();
            assert_eq!(keyless, a.purpose == Purpose::Unsecured, "{}", a.name);
            let symmetric = !keyless && a.keys.iter().all(|k| k.kty == Kty::Oct);
            if matches!(a.purpose, Purpose::Signature | Purpose::KeyAgreement) {
                assert!(!symmetric, "{} needs a public key", a.name);
            }
            if matches!(a.purpose, Purpose::Mac | Purpose::ContentEncryption) {
                assert!(symmetric, "{} needs a symmetric key", a.name);
            }
        }
    }

    #[test]
    fn x25519_keys_do_not_verify_es256() {
        let es256 = get("ES256");
        assert!(es256.accepts(Kty::Ec, Some("P-256")));
        assert!(!es256.accepts(Kty::Ec, Some("X25519")));
        assert!(!es256.accepts(Kty::Okp, Some("X25519")));
        assert!(!es256.accepts(Kty::Ec, Some("P-384")));
        assert!(!es256.accepts(Kty::Ec, None));
        assert_eq!(es256.describe_keys(), "EC P-256");
    }

    #[test]
    fn ecdh_takes_nist_ec_keys_and_x_okp_keys_only() {
        for name in ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW"] {
            let a = get(name);
            assert!(a.accepts(Kty::Okp, Some("X25519")), "{name}");
            assert!(a.accepts(Kty::Okp, Some("X448")), "{name}");
            assert!(a.accepts(Kty::Ec, Some("P-521")), "{name}");
            assert!(!a.accepts(Kty::Okp, Some("Ed25519")), "{name}");
            assert!(!a.accepts(Kty::Ec, Some("X25519")), "{name}");
            assert!(!a.accepts(Kty::Ec, Some("secp256k1")), "{name}");
            assert!(!a.accepts(Kty::Rsa, None), "{name}");
            assert_eq!(a.purpose, Purpose::KeyAgreement);
        }
        assert_eq!(
            get("ECDH-ES").describe_keys(),
            "EC P-256/P-384/P-521 or OKP X25519/X448"
        );
    }

    #[test]
    fn eddsa_takes_edwards_curves_only() {
        let eddsa = get("EdDSA");
        assert!(eddsa.accepts(Kty::Okp, Some("Ed25519")) && eddsa.accepts(Kty::Okp, Some("Ed448")));
        assert!(!eddsa.accepts(Kty::Okp, Some("X25519")));
        assert!(!get("Ed448").accepts(Kty::Okp, Some("Ed25519")));
        assert_eq!(eddsa.describe_keys(), "OKP Ed25519/Ed448");
    }

    #[test]
    fn purposes_and_headers() {
        assert!(is_mac("HS256") && is_mac("HS384") && is_mac("HS512"));
        assert!(!is_mac("RS256") && !is_mac("hs256") && !is_mac("A128CBC-HS256"));
        assert_eq!(get("none").purpose, Purpose::Unsecured);
        assert_eq!(get("none").header(), Header::JwsAlg);
        assert_eq!(get("PS512").describe_keys(), "RSA");
        assert_eq!(get("ES512").describe_keys(), "EC P-521");
        assert_eq!(get("ES256K").describe_keys(), "EC secp256k1");
        assert_eq!(get("HS256").describe_keys(), "oct");
        assert!(get("none").keys.is_empty());
        assert_eq!(get("RSA-OAEP-256").header(), Header::JweAlg);
        assert_eq!(get("dir").key_use(), KeyUse::Enc);
        assert_eq!(get("A256GCM").header(), Header::JweEnc);
        assert_eq!(get("ES256K").key_use(), KeyUse::Sig);
        assert!(algorithm("rs256").is_none());
    }

    #[test]
    fn curves_by_type_and_oid() {
        assert_eq!(curve(Kty::Ec, "P-384").map(|c| c.bits), Some(384));
        assert_eq!(curve(Kty::Ec, "X25519"), None);
        assert_eq!(curve(Kty::Okp, "P-256"), None);
        assert_eq!(curve(Kty::Ec, "p-256"), None);
        for c in CURVES {
            assert_eq!(curve_of_oid(c.kty, c.oid), Some(*c));
            let other = if c.kty == Kty::Ec { Kty::Okp } else { Kty::Ec };
            assert_eq!(curve_of_oid(other, c.oid), None, "{}", c.name);
        }
    }

    /// An EC coordinate is the field size in whole octets; an OKP key is the
    /// curve's fixed encoding (Ed448's has one octet more than its field).
    #[test]
    fn coordinate_lengths_fit_the_field_size() {
        for c in CURVES {
            let field = usize::try_from(c.bits.div_ceil(8)).unwrap();
            match c.name {
                "Ed448" => assert_eq!(c.coordinate_len, field + 1),
                _ => assert_eq!(c.coordinate_len, field, "{}", c.name),
            }
        }
    }

    #[test]
    fn a_curve_has_a_use_when_its_algorithms_agree() {
        assert_eq!(X25519.key_use(), Some(KeyUse::Enc));
        assert_eq!(X448.key_use(), Some(KeyUse::Enc));
        assert_eq!(ED25519.key_use(), Some(KeyUse::Sig));
        assert_eq!(ED448.key_use(), Some(KeyUse::Sig));
        assert_eq!(P256.key_use(), None);
        assert_eq!(SECP256K1.key_use(), Some(KeyUse::Sig));
    }
}
