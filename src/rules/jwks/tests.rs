//! The key-set rules' tests that span the family (registration, the rules'
//! examples, real providers' key sets, the entry points of `mod.rs`), and the
//! helpers every part's tests share: a runner over the baseline document, key
//! builders and the corpus fixtures.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::*;
use crate::document::Document;
use crate::jwks::b64url_encode;
use crate::rules::testing::{exchange, fires, merged, target};
use crate::target::{Target, WellKnown};

/// "Now" for every test: 2027-01-15.
const NOW: i64 = 1_800_000_000;

pub(super) fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

pub(super) fn check_with(
    doc: Document,
    target: &Target,
    jwks: &Jwks,
    x: Option<&Exchange>,
    extra: &[Profile],
) -> Vec<Finding> {
    let profiles = super::super::testing::profiles(&doc, target, extra);
    let cx = Context {
        doc: &doc,
        http: None,
        target,
        profiles: &profiles,
    };
    let mut out = Vec::new();
    check_jwks(&cx, jwks, x, UnixTime(NOW).system_time(), &mut out);
    super::super::testing::report_under(out, &profiles)
}

/// Check `{"keys": keys}` against the baseline document plus `fragment`.
pub(super) fn run(fragment: &str, keys: Value, extra: &[Profile]) -> Vec<Finding> {
    let jwks = Jwks::from_map(object(json!({ "keys": keys })));
    check_with(
        Document::from_map(merged(fragment)),
        &target(),
        &jwks,
        None,
        extra,
    )
}

pub(super) fn finding<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{rule} did not fire: {findings:?}"))
}

/// A modulus of `octets` octets with the top bit set.
pub(super) fn modulus(octets: usize) -> Vec<u8> {
    (0..octets)
        .map(|i| if i == 0 { 0xC5 } else { (i * 131 + 7) as u8 })
        .collect()
}

pub(super) fn rsa(kid: &str, octets: usize) -> Value {
    json!({
        "kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
        "n": b64url_encode(&modulus(octets)), "e": "AQAB"
    })
}

pub(super) struct Ec {
    pair: rcgen::KeyPair,
    pub(super) x: Vec<u8>,
    pub(super) y: Vec<u8>,
}

pub(super) fn ec_pair() -> Ec {
    let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let raw = pair.public_key_raw().to_vec();
    Ec {
        x: raw[1..33].to_vec(),
        y: raw[33..65].to_vec(),
        pair,
    }
}

impl Ec {
    pub(super) fn jwk(&self, kid: &str) -> Value {
        json!({
            "kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
            "x": b64url_encode(&self.x), "y": b64url_encode(&self.y)
        })
    }

    /// A self-signed certificate for this key, valid until `not_after` (year).
    pub(super) fn cert_der(&self, not_after: i32) -> Vec<u8> {
        let mut params =
            rcgen::CertificateParams::new(vec!["idp.example.com".to_string()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2024, 1, 1);
        params.not_after = rcgen::date_time_ymd(not_after, 1, 1);
        params.self_signed(&self.pair).unwrap().der().to_vec()
    }
}

pub(super) fn std_b64(der: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(der)
}

pub(super) fn good_set() -> Value {
    json!([rsa("r1", 256), ec_pair().jwk("e1")])
}

pub(super) fn with(mut key: Value, members: Value) -> Value {
    if let (Some(k), Value::Object(m)) = (key.as_object_mut(), members) {
        for (name, v) in m {
            if v.is_null() {
                k.remove(&name);
            } else {
                k.insert(name, v);
            }
        }
    }
    key
}

pub(super) fn fixture(name: &str) -> &'static str {
    match name {
        "apple" => include_str!("../../../tests/fixtures/corpus/apple.json"),
        "apple.jwks" => include_str!("../../../tests/fixtures/corpus/apple.jwks.json"),
        "auth0" => {
            include_str!("../../../tests/fixtures/corpus/auth0-tenant-dev-ltxchcls4igzho78.json")
        }
        "auth0.jwks" => {
            include_str!(
                "../../../tests/fixtures/corpus/auth0-tenant-dev-ltxchcls4igzho78.jwks.json"
            )
        }
        "entra" => include_str!("../../../tests/fixtures/corpus/entra-common-v2.json"),
        "entra.jwks" => include_str!("../../../tests/fixtures/corpus/entra-common-v2.jwks.json"),
        "gitlab" => include_str!("../../../tests/fixtures/corpus/gitlab.json"),
        "gitlab.jwks" => include_str!("../../../tests/fixtures/corpus/gitlab.jwks.json"),
        "google" => include_str!("../../../tests/fixtures/corpus/google.json"),
        "google.jwks" => include_str!("../../../tests/fixtures/corpus/google.jwks.json"),
        "identityserver4" => {
            include_str!("../../../tests/fixtures/corpus/identityserver4-demo.json")
        }
        "identityserver4.jwks" => {
            include_str!("../../../tests/fixtures/corpus/identityserver4-demo.jwks.json")
        }
        "k8s" => include_str!("../../../tests/fixtures/corpus/k8s-azwi-testing-issuer.json"),
        "k8s.jwks" => {
            include_str!("../../../tests/fixtures/corpus/k8s-azwi-testing-issuer.jwks.json")
        }
        "pingfederate" => {
            include_str!("../../../tests/fixtures/corpus/pingfederate-pinglabs-interop.json")
        }
        "pingfederate.jwks" => {
            include_str!("../../../tests/fixtures/corpus/pingfederate-pinglabs-interop.jwks.json")
        }
        "stackoverflow" => include_str!("../../../tests/fixtures/corpus/odd-stackoverflow.json"),
        "stackoverflow.jwks" => {
            include_str!("../../../tests/fixtures/corpus/odd-stackoverflow.jwks.json")
        }
        other => panic!("no fixture {other}"),
    }
}

/// Check a provider's real document and key set; the target is the
/// document's own issuer.
pub(super) fn provider(name: &str, extra: &[Profile]) -> Vec<Finding> {
    let doc = Document::parse(fixture(name).as_bytes()).unwrap();
    let jwks = Jwks::parse(fixture(&format!("{name}.jwks")).as_bytes()).unwrap();
    let issuer = doc
        .str("issuer")
        .unwrap_or("https://idp.example.com")
        .to_string();
    let t = Target::parse(&issuer, WellKnown::OpenidConfiguration).unwrap();
    check_with(doc, &t, &jwks, None, extra)
}

/// The key-set rules: this family's and FAPI 2.0's.
fn key_set_rules() -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .chain(crate::rules::fapi2::KEY_SET_RULES)
        .copied()
}

#[test]
fn every_rule_is_registered() {
    for r in key_set_rules() {
        assert!(
            crate::rules::find(r.id).is_some(),
            "{} is not in the registry",
            r.id
        );
        assert!(r.examples_are_key_sets(), "{}", r.id);
        assert_eq!(r.bad.is_empty(), r.good.is_empty(), "{}", r.id);
    }
}

/// Every key-set rule's `bad` example fires it and its `good` one does not,
/// against the baseline document under the rule's own profile, at the fixed
/// [`NOW`] (the `x5c` examples hold a certificate valid until 2044 and one that
/// expired in 2026). These are the examples `explain` prints, and people copy
/// them: a passing set raises no warning or error from any rule (its RSA key is
/// a real 2048-bit one; only failing sets use short moduli).
#[test]
fn key_set_examples_fire_and_pass() {
    let check = |r: &Rule, text: &str| {
        let jwks = Jwks::parse(text.as_bytes())
            .unwrap_or_else(|e| panic!("{}: example is not a JSON object: {e}", r.id));
        let doc = Document::from_map(merged(""));
        let findings = check_with(doc, &target(), &jwks, None, &[r.profile]);
        (jwks.key_values().is_some(), findings)
    };
    let mut with_examples = 0;
    let examples = crate::rules::registry().filter(|r| r.examples_are_key_sets());
    for r in examples.filter(|r| !r.bad.is_empty()) {
        with_examples += 1;
        let (is_set, bad) = check(r, r.bad);
        assert!(
            fires(&bad, r.id),
            "{} did not fire on its bad example: {bad:?}",
            r.id
        );
        assert!(is_set || r.id == "jwks-no-keys", "{}: not a JWK Set", r.id);
        let (is_set, good) = check(r, r.good);
        assert!(is_set, "{}: the good example is not a JWK Set", r.id);
        assert!(
            !fires(&good, r.id),
            "{} fired on its good example: {good:?}",
            r.id
        );
        let noise: Vec<_> = good
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        assert!(
            noise.is_empty(),
            "{}: its good example raises warnings or errors: {noise:?}",
            r.id
        );
    }
    let without: Vec<&str> = key_set_rules()
        .filter(|r| r.bad.is_empty())
        .map(|r| r.id)
        .collect();
    assert_eq!(without, ["jwks-fetch-failed", "jwks-content-type"]);
    assert_eq!(with_examples, key_set_rules().count() - 2);
}

/// Every file in `examples/` is some key-set rule's example, as `example!`
/// expands it, and only `rsa-2048.n` writes the 2048-bit modulus out.
#[test]
fn example_files_are_the_rules_examples_and_hold_the_modulus_once() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/jwks/examples");
    let modulus = std::fs::read_to_string(dir.join("rsa-2048.n")).unwrap();
    let modulus = modulus.trim_end();
    let examples: Vec<&str> = crate::rules::registry()
        .filter(|r| r.examples_are_key_sets())
        .flat_map(|r| [r.bad, r.good])
        .collect();
    assert!(examples.iter().any(|e| e.contains(modulus)));
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with("rsa-2048.n") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(modulus),
            "{}: write {{rsa-2048.n}} instead of the modulus",
            path.display()
        );
        let expanded = text.trim_end().replace("{rsa-2048.n}", modulus);
        assert!(
            examples.contains(&expanded.as_str()),
            "{} is no rule's example",
            path.display()
        );
    }
    assert!(files > 0);
}

#[test]
fn a_clean_set_is_quiet() {
    let f = run("", good_set(), &[Profile::Fapi2]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn media_type_of_the_key_set() {
    let doc = Document::from_map(merged(""));
    let jwks = Jwks::from_map(object(json!({ "keys": good_set() })));
    let mut x = exchange();
    x.content_type = Some("text/plain; charset=utf-8".into());
    let f = check_with(doc.clone(), &target(), &jwks, Some(&x), &[]);
    assert_eq!(finding(&f, "jwks-content-type").pointer, JWKS_ROOT);
    for ok in [
        "application/json",
        "application/jwk-set+json; charset=UTF-8",
    ] {
        x.content_type = Some(ok.into());
        let f = check_with(doc.clone(), &target(), &jwks, Some(&x), &[]);
        assert!(!fires(&f, "jwks-content-type"), "{ok}");
    }
    x.content_type = None;
    assert!(fires(
        &check_with(doc, &target(), &jwks, Some(&x), &[]),
        "jwks-content-type"
    ));
}

#[test]
fn fetch_failures_are_findings() {
    let mut fetched = Fetched {
        exchange: exchange(),
        body: br#"{"keys": []}"#.to_vec(),
    };
    assert!(load(&fetched).is_ok());
    fetched.exchange.status = 404;
    let f = load(&fetched).unwrap_err();
    assert_eq!(
        (f.rule.id, f.pointer.as_str()),
        ("jwks-fetch-failed", "/jwks_uri")
    );
    fetched.exchange.status = 200;
    fetched.body = b"<html>".to_vec();
    assert_eq!(load(&fetched).unwrap_err().rule, "jwks-fetch-failed");
    let e = FetchError {
        kind: crate::http::FetchErrorKind::Timeout,
        url: "https://idp.example.com/jwks.json".into(),
        message: "timed out after 10 s".into(),
        redirects: Vec::new(),
        tls: None,
    };
    let f = fetch_failed(&e);
    assert!(f.message.contains("timed out"));
    assert_eq!(f.severity, Severity::Error);
}

/// Real providers' key sets: exactly what fires on each.
#[test]
fn real_key_sets() {
    let expect: &[(&str, &[&str])] = &[
        ("apple", &[]),
        // Keys are pinned to RS256 while the document also lists PS256.
        (
            "auth0",
            &["jwks-alg-unbacked /id_token_signing_alg_values_supported/2"],
        ),
        ("entra", &[]),
        ("gitlab", &[]),
        ("google", &[]),
        ("identityserver4", &["jwk-x5c-expired jwks:/keys/0/x5c/0"]),
        ("k8s", &[]),
        // P-521 coordinates with their leading zero octet stripped.
        (
            "pingfederate",
            &[
                "jwk-ec-coord-length jwks:/keys/0/y",
                "jwk-ec-coord-length jwks:/keys/4/x",
                "jwk-ec-coord-length jwks:/keys/8/x",
            ],
        ),
        (
            "stackoverflow",
            &[
                "jwks-alg-unbacked /id_token_signing_alg_values_supported/1",
                "jwks-empty jwks:/keys",
            ],
        ),
    ];
    for (name, want) in expect {
        let f = provider(name, &[]);
        let mut got: Vec<String> = f
            .iter()
            .map(|f| format!("{} {}", f.rule, f.pointer))
            .collect();
        got.sort();
        assert_eq!(got, *want, "{name}: {f:#?}");
    }
    // Under FAPI 2.0 the same real sets are big enough and have distinct kids.
    for name in ["apple", "entra", "google", "pingfederate"] {
        let f = provider(name, &[Profile::Fapi2]);
        assert!(
            !fires(&f, "fapi2-key-size") && !fires(&f, "fapi2-jwks-duplicate-kid"),
            "{name}: {f:#?}"
        );
    }
}

#[test]
fn summaries_of_real_keys() {
    let jwks = Jwks::parse(fixture("pingfederate.jwks").as_bytes()).unwrap();
    let sizes: Vec<String> = jwks
        .keys
        .iter()
        .map(|k| match (&k.bits, &k.crv) {
            (Some(b), _) => format!("{b}"),
            (_, Some(c)) => c.clone(),
            _ => "?".into(),
        })
        .collect();
    assert_eq!(sizes[..4], ["P-521", "P-384", "P-256", "2048"]);
    assert!(jwks.keys.iter().all(|k| k.thumbprint.is_some()));
    let auth0 = Jwks::parse(fixture("auth0.jwks").as_bytes()).unwrap();
    assert!(auth0.keys.iter().all(|k| k.x5c_not_after.is_some()));
}
