//! The key set behind `jwks_uri` (RFC 7517 §5): the JSON object kept as served, and
//! a summary of each key (type, size or curve, RFC 7638 thumbprint, certificate
//! expiry) for reports.
//!
//! Private and symmetric members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`) are
//! never copied into a summary, hashed or printed: only their names are recorded.
//! The raw object in [`Jwks::doc`] still holds them as served, so emitters must
//! print summaries, never the raw key set.
//!
//! Like `document`, this module never judges; the `jwks` rule family does.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::document::{Document, ParseError};
use crate::jose::{self, Kty};

/// Members that hold private key values (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
pub const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth"];

/// Members whose values are secret: the private members plus the symmetric key `k`.
pub const SECRET_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// A parsed JWK Set.
#[derive(Debug, Clone, Default)]
pub struct Jwks {
    /// The top-level object as served (duplicates and BOM recorded as for the
    /// discovery document). Holds private members if the server published them:
    /// never print it.
    pub doc: Document,
    /// One summary per element of `keys` that is a JSON object, in order.
    pub keys: Vec<KeySummary>,
}

impl Jwks {
    /// Parse a body as a JWK Set. Only the JSON shape is required here (an
    /// object); a missing or malformed `keys` member is for the rules to report.
    pub fn parse(bytes: &[u8]) -> Result<Jwks, ParseError> {
        Document::parse(bytes).map(Jwks::from_document)
    }

    pub fn from_document(doc: Document) -> Jwks {
        let keys = match doc.get("keys") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_object().map(|m| KeySummary::of(i, m)))
                .collect(),
            _ => Vec::new(),
        };
        Jwks { doc, keys }
    }

    /// Wrap an already-parsed object (tests).
    pub fn from_map(value: Map<String, Value>) -> Jwks {
        Jwks::from_document(Document::from_map(value))
    }

    /// The `keys` array, if the member is an array.
    pub fn key_values(&self) -> Option<&[Value]> {
        self.doc
            .get("keys")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
    }

    /// The `keys` element at `index`, if it is an object.
    pub fn key(&self, index: usize) -> Option<&Map<String, Value>> {
        self.key_values()?.get(index)?.as_object()
    }
}

/// What a report shows about one key. Holds no private or symmetric value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct KeySummary {
    /// Position in the `keys` array.
    pub index: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    /// RSA modulus size in bits, computed from the decoded `n` (leading zero
    /// octets ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bits: Option<u32>,
    /// Curve of an EC or OKP key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    /// RFC 7638 JWK thumbprint (SHA-256, base64url) of the public members; none
    /// for symmetric keys (it would be a hash of the secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbprint: Option<String>,
    /// `notAfter` of `x5c[0]`, when it parses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5c_not_after: Option<UnixTime>,
    /// Names of private or symmetric members present (never their values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_members: Vec<&'static str>,
}

impl KeySummary {
    pub fn of(index: usize, key: &Map<String, Value>) -> KeySummary {
        let s = |name: &str| key.get(name).and_then(Value::as_str).map(str::to_string);
        let kty = s("kty");
        let bits = match kty.as_deref() {
            Some("RSA") => key
                .get("n")
                .and_then(Value::as_str)
                .and_then(b64url_lenient)
                .map(|n| uint_bits(&n)),
            _ => None,
        };
        let crv = match kty.as_deref() {
            Some("EC" | "OKP") => s("crv"),
            _ => None,
        };
        let key_ops = match key.get("key_ops") {
            Some(Value::Array(ops)) => Some(
                ops.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            ),
            _ => None,
        };
        let x5c_not_after = key
            .get("x5c")
            .and_then(Value::as_array)
            .and_then(|chain| chain.first())
            .and_then(Value::as_str)
            .and_then(|c| decode_certificate(c).ok())
            .and_then(|der| Certificate::parse(&der).ok())
            .map(|c| c.not_after);
        KeySummary {
            index,
            kid: s("kid"),
            kty,
            alg: s("alg"),
            use_: s("use"),
            key_ops,
            bits,
            crv,
            thumbprint: thumbprint(key),
            x5c_not_after,
            private_members: SECRET_MEMBERS
                .iter()
                .copied()
                .filter(|m| key.contains_key(*m))
                .collect(),
        }
    }
}

/// Seconds since the Unix epoch; prints and serialises as RFC 3339 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnixTime(pub i64);

impl UnixTime {
    pub fn of(t: SystemTime) -> UnixTime {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => UnixTime(i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
            Err(e) => UnixTime(-i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX)),
        }
    }

    pub fn system_time(self) -> SystemTime {
        let d = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH.checked_add(d).unwrap_or(UNIX_EPOCH)
        } else {
            UNIX_EPOCH.checked_sub(d).unwrap_or(UNIX_EPOCH)
        }
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl schemars::JsonSchema for UnixTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UnixTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// --- base64 ---------------------------------------------------------------------

const URL_STRICT: GeneralPurpose = general_purpose::URL_SAFE_NO_PAD;

const URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

const STANDARD_ANY_PAD: GeneralPurpose = general_purpose::STANDARD_PAD_INDIFFERENT;

/// How a value breaks the unpadded base64url encoding (RFC 7515 §2, RFC 7518 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64UrlProblem {
    Empty,
    Padding,
    /// `+` or `/`: the standard alphabet, not the URL-safe one.
    StandardAlphabet,
    Whitespace,
    /// Another character outside the alphabet.
    InvalidCharacter(char),
    /// Right characters, impossible length or non-zero trailing bits.
    NotCanonical,
}

impl fmt::Display for Base64UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Base64UrlProblem::Empty => f.write_str("is empty"),
            Base64UrlProblem::Padding => f.write_str("has `=` padding"),
            Base64UrlProblem::StandardAlphabet => {
                f.write_str("uses `+` or `/` (standard base64, not base64url)")
            }
            Base64UrlProblem::Whitespace => f.write_str("contains whitespace"),
            Base64UrlProblem::InvalidCharacter(c) => {
                write!(f, "contains {c:?}, which is not a base64url character")
            }
            Base64UrlProblem::NotCanonical => {
                f.write_str("is not a valid base64url encoding (length or trailing bits)")
            }
        }
    }
}

/// Decode unpadded base64url, strictly.
pub fn b64url_strict(s: &str) -> Result<Vec<u8>, Base64UrlProblem> {
    if s.is_empty() {
        return Err(Base64UrlProblem::Empty);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(match c {
            '=' => Base64UrlProblem::Padding,
            '+' | '/' => Base64UrlProblem::StandardAlphabet,
            c if c.is_whitespace() => Base64UrlProblem::Whitespace,
            c => Base64UrlProblem::InvalidCharacter(c),
        });
    }
    URL_STRICT
        .decode(s)
        .map_err(|_| Base64UrlProblem::NotCanonical)
}

/// Decode base64url as forgiving clients do: padding, whitespace and the
/// standard alphabet accepted. For summaries, so a size can still be shown for a
/// key whose encoding a rule reports.
pub fn b64url_lenient(s: &str) -> Option<Vec<u8>> {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return URL_LENIENT.decode(s).ok();
    }
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    URL_LENIENT.decode(cleaned).ok()
}

/// base64url without padding.
pub fn b64url_encode(bytes: &[u8]) -> String {
    URL_STRICT.encode(bytes)
}

/// Strip leading zero octets of a big-endian unsigned integer.
pub fn trim_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Size in bits of a big-endian unsigned integer (leading zero octets ignored).
pub fn uint_bits(bytes: &[u8]) -> u32 {
    let t = trim_leading_zeros(bytes);
    match t.first() {
        None => 0,
        Some(first) => {
            let len = u32::try_from(t.len()).unwrap_or(u32::MAX / 8);
            (len - 1).saturating_mul(8) + (8 - first.leading_zeros())
        }
    }
}

// --- thumbprint -----------------------------------------------------------------

/// RFC 7638 thumbprint: SHA-256 over the required public members in
/// lexicographic order, no whitespace, base64url. `None` for symmetric or
/// unknown key types, or when a required member is absent or not a string.
pub fn thumbprint(key: &Map<String, Value>) -> Option<String> {
    let members: &[&str] = match key.get("kty")?.as_str()? {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        _ => return None,
    };
    let mut json = String::from("{");
    for (i, m) in members.iter().enumerate() {
        let v = key.get(*m)?.as_str()?;
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(m).ok()?);
        json.push(':');
        json.push_str(&serde_json::to_string(v).ok()?);
    }
    json.push('}');
    Some(b64url_encode(
        ring::digest::digest(&ring::digest::SHA256, json.as_bytes()).as_ref(),
    ))
}

/// SHA-1 of `bytes`, base64url (`x5t`, RFC 7517 §4.8).
pub fn sha1_b64url(bytes: &[u8]) -> String {
    b64url_encode(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes).as_ref())
}

/// SHA-256 of `bytes`, base64url (`x5t#S256`, RFC 7517 §4.9).
pub fn sha256_b64url(bytes: &[u8]) -> String {
    b64url_encode(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
}

// --- certificates ---------------------------------------------------------------

/// Why an `x5c` element is not a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateProblem {
    /// Contains `-` or `_`: base64url where RFC 7517 §4.7 asks for standard base64.
    Base64Url,
    NotBase64,
    NotDer(String),
}

impl fmt::Display for CertificateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertificateProblem::Base64Url => {
                f.write_str("is base64url-encoded; x5c needs standard base64")
            }
            CertificateProblem::NotBase64 => f.write_str("is not valid base64"),
            CertificateProblem::NotDer(why) => {
                write!(f, "is not a DER X.509 certificate ({why})")
            }
        }
    }
}

/// Decode one `x5c` element (standard base64, RFC 7517 §4.7) to DER.
pub fn decode_certificate(s: &str) -> Result<Vec<u8>, CertificateProblem> {
    if s.contains(['-', '_']) {
        return Err(CertificateProblem::Base64Url);
    }
    STANDARD_ANY_PAD
        .decode(s)
        .map_err(|_| CertificateProblem::NotBase64)
}

/// The public key in a certificate's SubjectPublicKeyInfo, in JWK terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertKey {
    /// Modulus and exponent without leading zero octets.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// `crv` is `None` for a curve JOSE does not name; `point` is the SEC1 point.
    Ec {
        crv: Option<&'static str>,
        point: Vec<u8>,
    },
    Okp {
        crv: &'static str,
        x: Vec<u8>,
    },
    /// Another algorithm, by OID.
    Other(String),
}

impl CertKey {
    /// The JWK `kty` this key would have.
    pub fn kty(&self) -> Option<&'static str> {
        match self {
            CertKey::Rsa { .. } => Some("RSA"),
            CertKey::Ec { .. } => Some("EC"),
            CertKey::Okp { .. } => Some("OKP"),
            CertKey::Other(_) => None,
        }
    }
}

/// What the checks need from one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    pub key: CertKey,
}

impl Certificate {
    pub fn parse(der: &[u8]) -> Result<Certificate, CertificateProblem> {
        let (rest, cert) = x509_parser::parse_x509_certificate(der)
            .map_err(|e| CertificateProblem::NotDer(e.to_string()))?;
        if !rest.is_empty() {
            return Err(CertificateProblem::NotDer(format!(
                "{} octets after the certificate",
                rest.len()
            )));
        }
        let spki = cert.public_key();
        let oid = spki.algorithm.algorithm.to_id_string();
        let key = match oid.as_str() {
            "1.2.840.113549.1.1.1" => match spki.parsed() {
                Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => CertKey::Rsa {
                    n: trim_leading_zeros(rsa.modulus).to_vec(),
                    e: trim_leading_zeros(rsa.exponent).to_vec(),
                },
                _ => {
                    return Err(CertificateProblem::NotDer(
                        "unreadable RSA public key".into(),
                    ));
                }
            },
            "1.2.840.10045.2.1" => {
                let crv = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.as_oid().ok())
                    .and_then(|o| jose::curve_of_oid(Kty::Ec, &o.to_id_string()))
                    .map(|c| c.name);
                CertKey::Ec {
                    crv,
                    point: spki.subject_public_key.data.to_vec(),
                }
            }
            other => match jose::curve_of_oid(Kty::Okp, other) {
                Some(crv) => CertKey::Okp {
                    crv: crv.name,
                    x: spki.subject_public_key.data.to_vec(),
                },
                None => CertKey::Other(oid),
            },
        };
        let validity = cert.validity();
        Ok(Certificate {
            not_before: UnixTime(validity.not_before.timestamp()),
            not_after: UnixTime(validity.not_after.timestamp()),
            key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn rfc7638_example_thumbprint() {
        // RFC 7638 §3.1.
        let key = map(json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        }));
        assert_eq!(
            thumbprint(&key).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
        let s = KeySummary::of(0, &key);
        assert_eq!(s.bits, Some(2048));
        assert_eq!(s.kid.as_deref(), Some("2011-04-29"));
    }

    #[test]
    fn symmetric_keys_have_no_thumbprint_and_secrets_are_named_not_copied() {
        let key = map(json!({"kty": "oct", "k": "c2VjcmV0LXNlY3JldA", "kid": "h"}));
        let s = KeySummary::of(3, &key);
        assert_eq!(s.thumbprint, None);
        assert_eq!(s.private_members, vec!["k"]);
        let out = serde_json::to_string(&s).unwrap();
        assert!(!out.contains("c2VjcmV0"), "{out}");
    }

    #[test]
    fn base64url_strictness() {
        assert_eq!(b64url_strict("AQAB"), Ok(vec![1, 0, 1]));
        assert_eq!(b64url_strict("AQ=="), Err(Base64UrlProblem::Padding));
        assert_eq!(
            b64url_strict("a+b/"),
            Err(Base64UrlProblem::StandardAlphabet)
        );
        assert_eq!(b64url_strict("AQ B"), Err(Base64UrlProblem::Whitespace));
        assert_eq!(b64url_strict("A"), Err(Base64UrlProblem::NotCanonical));
        assert_eq!(b64url_strict("AR"), Err(Base64UrlProblem::NotCanonical));
        assert_eq!(b64url_lenient("AQ=="), Some(vec![1]));
        assert_eq!(b64url_lenient("-_+/"), b64url_lenient("-_-_"));
    }

    #[test]
    fn bits_ignore_leading_zero_octets() {
        assert_eq!(uint_bits(&[0, 0x80, 0]), 16);
        assert_eq!(uint_bits(&[0x01]), 1);
        assert_eq!(uint_bits(&[]), 0);
        assert_eq!(uint_bits(&[0, 0]), 0);
    }

    #[test]
    fn times_print_as_rfc3339() {
        assert_eq!(UnixTime(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(UnixTime(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(UnixTime(4_102_444_799).to_string(), "2099-12-31T23:59:59Z");
        assert_eq!(UnixTime(-1).to_string(), "1969-12-31T23:59:59Z");
        let t = UnixTime(1_700_000_000);
        assert_eq!(UnixTime::of(t.system_time()), t);
    }

    #[test]
    fn parse_keeps_non_object_elements_out_of_summaries() {
        let j = Jwks::parse(br#"{"keys": [1, {"kty": "EC", "crv": "P-256"}]}"#).unwrap();
        assert_eq!(j.keys.len(), 1);
        assert_eq!(j.keys[0].index, 1);
        assert_eq!(j.keys[0].crv.as_deref(), Some("P-256"));
        assert!(j.key(0).is_none());
        assert!(Jwks::parse(b"[]").is_err());
    }

    #[test]
    fn certificates_from_rcgen_parse_with_key_and_validity() {
        let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["idp.example.com".into()]).unwrap();
        params.not_after = rcgen::date_time_ymd(2030, 1, 2);
        let cert = params.self_signed(&kp).unwrap();
        let c = Certificate::parse(cert.der()).unwrap();
        assert_eq!(c.not_after.to_string(), "2030-01-02T00:00:00Z");
        match c.key {
            CertKey::Ec { crv, point } => {
                assert_eq!(crv, Some("P-256"));
                assert_eq!(point, kp.public_key_raw());
            }
            other => panic!("{other:?}"),
        }
        let b64 = general_purpose::STANDARD.encode(cert.der());
        assert_eq!(decode_certificate(&b64).unwrap(), cert.der().to_vec());
        assert_eq!(
            decode_certificate("MIIB-w_A").err(),
            Some(CertificateProblem::Base64Url)
        );
        assert!(matches!(
            Certificate::parse(&[0x30, 0x03, 1, 2, 3]),
            Err(CertificateProblem::NotDer(_))
        ));
    }
}
