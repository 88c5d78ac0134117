//! Key-set rules (`jwks-*`, `jwk-*`, and FAPI 2.0's key rules): the JWK Set behind
//! `jwks_uri` (RFC 7517, RFC 7518 §6, OpenID Connect Discovery §3), each key in it,
//! and whether every advertised asymmetric signing algorithm has a key that can
//! verify it.
//!
//! These rules need the key set, not only the document: their `bad`/`good`
//! examples are whole JWK Sets, checked against the compliant baseline document
//! (which advertises RS256 and ES256 for ID tokens, so most examples hold an RSA
//! and a P-256 key). A passing set is clean: its RSA key is a real 2048-bit one
//! and no rule raises a warning or an error about it. Failing sets use a short
//! RSA modulus for readability, except where size is the point. The two rules
//! about the HTTP exchange (`jwks-fetch-failed`, `jwks-content-type`) have no
//! example; the unit tests below cover them. Findings about a key point into the
//! key set with a `jwks:` prefix (`jwks:/keys/2/n`);
//! `jwks-alg-unbacked` points at the advertised algorithm in the document
//! (`/id_token_signing_alg_values_supported/0`), and `jwks-fetch-failed` at
//! `/jwks_uri`. No finding ever carries the value of a private or symmetric member.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{ParseError, json_type, pointer_token};
use crate::http::{Exchange, FetchError, Fetched};
use crate::jose::{self, CurveSpec, KeyUse, Kty, Purpose};
use crate::jwks::{
    Base64UrlProblem, CertKey, Certificate, Jwks, PRIVATE_MEMBERS, UnixTime, b64url_lenient,
    b64url_strict, decode_certificate, sha1_b64url, sha256_b64url, trim_leading_zeros, uint_bits,
};

pub const JWKS_FETCH_FAILED: Rule = Rule {
    id: "jwks-fetch-failed",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key set at `jwks_uri` could not be fetched or is not JSON",
    spec: "OpenID Connect Discovery 1.0 §3 (jwks_uri); RFC 8414 §2",
    explanation: "Clients download the key set from `jwks_uri` to verify every signed token and response. If it \
                  cannot be fetched, does not answer 200, or is not a JSON object, no ID token from this \
                  provider can be verified.",
    fix: "serve the JWK Set at `jwks_uri` with status 200 as a JSON object",
    bad: "",
    good: "",
};

pub const JWKS_CONTENT_TYPE: Rule = Rule {
    id: "jwks-content-type",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "the key set is not served as `application/json` or `application/jwk-set+json`",
    spec: "RFC 7517 §8.5; OpenID Connect Discovery 1.0 §3",
    explanation: "A JWK Set is JSON; RFC 7517 registers `application/jwk-set+json` for it and most providers \
                  use `application/json`. Strict clients may refuse other media types such as `text/plain`.",
    fix: "serve the key set with `Content-Type: application/json` (or `application/jwk-set+json`)",
    bad: "",
    good: "",
};

pub const JWKS_NO_KEYS: Rule = Rule {
    id: "jwks-no-keys",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the key set has no `keys` array",
    spec: "RFC 7517 §5, §5.1",
    explanation: "A JWK Set is a JSON object that MUST have a `keys` member holding an array of keys. Without \
                  it, clients find no key at all (a bare JWK served at `jwks_uri` is a common mistake).",
    fix: "serve `{\"keys\": [ ...public keys... ]}` at `jwks_uri`",
    bad: r#"{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": []}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFFvwOiz3aj7BcRXM5wf88G2Il0ymnJ/oJvRKnj2iZNS3epVd7WZVNETzIcf/k2VSfZ7eTD5X4ZTZ7vx8vys4JQ=="]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const JWK_KTY_MISSING: Rule = Rule {
    id: "jwk-kty-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a key has no `kty`",
    spec: "RFC 7517 §4.1",
    explanation: "`kty` (key type) MUST be present in every JWK: it says how to read the rest of the key. A key \
                  without it cannot be used.",
    fix: "add `kty` (`RSA`, `EC` or `OKP` for public keys) to the key",
    bad: r#"{"keys": [{"kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "rsa", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "d": "CzBVep_E6Q4zWH2ix-wRNluApcrvFDleg6jN8hc8YYY"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "oct", "kid": "h1", "k": "YW4gSE1BQyBzZWNyZXQgdGhhdCBsZWFrZWQhIQ"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const JWK_OKP_MEMBERS: Rule = Rule {
    id: "jwk-okp-members",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an OKP key lacks `crv` or `x`, names an unknown curve, or has a public key of the wrong length",
    spec: "RFC 8037 §2",
    explanation: "An octet key pair (Ed25519, Ed448, X25519, X448) needs `crv` and the public key `x`, \
                  whose length is fixed by the curve (32, 57, 32 and 56 octets). Reported as info because the \
                  RFC 8037 text was only seen quoted, not read first-hand; a key missing these is still unusable.",
    fix: "publish `crv` (`Ed25519`, `Ed448`, `X25519` or `X448`) and `x` for the OKP key",
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "OKP", "kid": "o1", "use": "sig", "crv": "Ed25519"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "OKP", "kid": "o1", "use": "sig", "crv": "Ed25519", "x": "Jp_vs8UJBSn1YpQWHb6UcoctDXXlK407zcC7O218WU0"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "p-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "ZYlznMgJySBSXkOq1tH-U6T7zZozEKrXXvwQDrX7Ng", "y": "wT9hNQ-2ccOXEm1HiQH6gEDToLGXkm7s7QXP1ZRWrg4"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "AGWJc5zICckgUl5DqtbR_lOk-82aMxCq1178EA61-zY", "y": "wT9hNQ-2ccOXEm1HiQH6gEDToLGXkm7s7QXP1ZRWrg4"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ/oJvRKnj2iZNQ=", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "AMHcJACI7HGXoHb1v7doKyX-9tyWpAHsLIPVsay3PHGTtsAJAX3BWOGdoV-IFX2jKnmUMxBLrznGc1vjdSRQT3E", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "tQQ0w6evFruC6vEF4TBpTy0F4zH5JPtfWcxVKwD5YsUsWA37djHcvnGH_GAbSf8am6MRmWcJtpZDz2tw6YxyumPwcpp9EpkUENuxNeL2oThw263ffmAb7ECu4Fsj9xPWq4YVxxLLTO7XWgYXd444XTbAZJKpion3-REotoJPjCE", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const JWK_USE_UNKNOWN: Rule = Rule {
    id: "jwk-use-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a key's `use` is neither `sig` nor `enc`",
    spec: "RFC 7517 §4.2",
    explanation: "`use` is `sig` or `enc`; other values are allowed but clients do not know them and may skip \
                  the key (values are case-sensitive: `SIG` is not `sig`).",
    fix: "set `use` to `sig` for signing keys or `enc` for encryption keys",
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "signature", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "OKP", "kid": "x1", "crv": "X25519", "x": "lD3L_Nzxj1qRMd2TLWOO_qwUafJIPlQT0iPyGQR7QRc"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "OKP", "kid": "x1", "crv": "X25519", "x": "lD3L_Nzxj1qRMd2TLWOO_qwUafJIPlQT0iPyGQR7QRc", "use": "enc"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "key_ops": ["verify"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "key_ops": ["encrypt"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const JWK_KEY_OPS_DUPLICATE: Rule = Rule {
    id: "jwk-key-ops-duplicate",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a value appears twice in a key's `key_ops`",
    spec: "RFC 7517 §4.3",
    explanation: "Duplicate key operation values MUST NOT be present in `key_ops`; strict libraries reject the key.",
    fix: "list each operation once",
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "key_ops": ["verify", "verify"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB", "key_ops": ["verify"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "key_ops": ["verify", "encrypt"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB", "key_ops": ["verify"]}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "alg": "RS256"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "alg": "ES256"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "alg": "RSA256"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB", "alg": "RS256"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "AGWJc5zICckgUl5DqtbR_lOk-82aMxCq1178EA61-zY", "y": "wT9hNQ-2ccOXEm1HiQH6gEDToLGXkm7s7QXP1ZRWrg4"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "EC", "kid": "e2", "use": "sig", "crv": "P-256", "x": "AGWJc5zICckgUl5DqtbR_lOk-82aMxCq1178EA61-zY", "y": "wT9hNQ-2ccOXEm1HiQH6gEDToLGXkm7s7QXP1ZRWrg4"}]}"#,
};

pub const JWK_KID_MISSING: Rule = Rule {
    id: "jwk-kid-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the set has several signing keys and one has no `kid`",
    spec: "OpenID Connect Core 1.0 §10.1",
    explanation: "With more than one key in the set, a `kid` MUST be in the JOSE header of signed tokens, so \
                  clients can find the key; a key without `kid` can only be found by trying every key.",
    fix: "add a `kid` to every key and send it in token headers",
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const JWK_X5C_FORMAT: Rule = Rule {
    id: "jwk-x5c-format",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`x5c` is not a non-empty array of base64 DER certificates",
    spec: "RFC 7517 §4.7",
    explanation: "`x5c` is an array of certificates, each standard base64 (not base64url) of a DER X.509 \
                  certificate, the key's own certificate first. Clients that read it fail on anything else.",
    fix: "publish `x5c` as an array of base64-encoded DER certificates, or drop it",
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": "MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "AGWJc5zICckgUl5DqtbR_lOk-82aMxCq1178EA61-zY", "y": "wT9hNQ-2ccOXEm1HiQH6gEDToLGXkm7s7QXP1ZRWrg4", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="], "x5t": "j-JZNZbFFQ8Xt51rkK_RM5s44Kg"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="], "x5t": "xPmn0m1FFqBKZyiyd_qdoeu6LCI"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNMjYwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIQCmujC++75yL9XRf5hGcJwH9/8m2+wndgqfPbmAs8YWFQIgMIbcFp+sy0PN+U7Q0nyB5z6oKzZ912kPcQejI9157/g="]}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU", "x5c": ["MIIBMzCB2qADAgECAhRoxcWkuzGD3kfyku+awLZN2LZu3DAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQUW/A6LPdqPsFxFcznB/zwbYiXTKacn+gm9EqePaJk1Ld6lV3tZlU0RPMhx/+TZVJ9nt5MPlfhlNnu/Hy/KzglMAoGCCqGSM49BAMCA0gAMEUCIDuXJtwB0/V6NTAfllQtNJtz9f2GlItIv85DzH9z8EJ9AiEA5PmQHZ62JtOn6ihMxK1Z6nFs+oGHo3pbWtzj3SUwHtY="]}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB", "x5u": "http://idp.example.com/keys/r1.pem"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB", "x5u": "https://idp.example.com/keys/r1.pem"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
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
    bad: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "wdwkAIjscZegdvW_t2grJf723JakAewsg9WxrLc8cZO2wAkBfcFY4Z2hX4gVfaMqeZQzEEuvOcZzW-N1JFBPcQ", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}, {"kty": "OKP", "kid": "o1", "use": "sig", "crv": "Ed25519", "x": "Jp_vs8UJBSn1YpQWHb6UcoctDXXlK407zcC7O218WU0", "alg": "EdDSA"}]}"#,
    good: r#"{"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "n": "xWi_LiY24FyzGoDxOJ_yS_WLoScuNscoRSOuX4tWutuHzeyclv3GzoTX6dx3Kf_Y0FaJ6X8vvTzudeLw4QChy5nhII8xttCoSN4RCfKBA4oaSgN-ruut47nI8J9CC2E9-sicdtCeuJDVi5bLI0NgOqYh8WDxU9lFCcVUlqk8eDoFZ7Ym8w4ZV558qLc_lRAS9nU2o7lPfc8Mf3nj9HxjSEywDyIa3ckLfe2HO17QUjlKzawOHI5K8OfEnlqm96-cuWwiFuYn4-9L8BTpN-a-b8nxNJhLUFk8YRZ9apjDyeexH6mGG5bmaRlvMTQaWm1aBFdrayz-4fymfxs7lTv8_Q", "e": "AQAB"}, {"kty": "EC", "kid": "e1", "use": "sig", "crv": "P-256", "x": "FFvwOiz3aj7BcRXM5wf88G2Il0ymnJ_oJvRKnj2iZNQ", "y": "t3qVXe1mVTRE8yHH_5NlUn2e3kw-V-GU2e78fL8rOCU"}]}"#,
};

pub const RULES: &[&Rule] = &[
    &JWKS_FETCH_FAILED,
    &JWKS_CONTENT_TYPE,
    &JWKS_NO_KEYS,
    &JWKS_EMPTY,
    &JWK_NOT_OBJECT,
    &JWK_KTY_MISSING,
    &JWK_KTY_UNKNOWN,
    &JWK_PRIVATE_MATERIAL,
    &JWK_SYMMETRIC,
    &JWK_RSA_MEMBERS,
    &JWK_EC_MEMBERS,
    &JWK_OKP_MEMBERS,
    &JWK_EC_CRV_UNKNOWN,
    &JWK_EC_COORD_LENGTH,
    &JWK_BASE64URL,
    &JWK_RSA_NOT_MINIMAL,
    &JWK_RSA_TOO_SMALL,
    &JWK_USE_UNKNOWN,
    &JWK_USE_REQUIRED,
    &JWK_USE_AND_KEY_OPS,
    &JWK_USE_KEY_OPS_INCONSISTENT,
    &JWK_KEY_OPS_DUPLICATE,
    &JWK_KEY_OPS_COMBINATION,
    &JWK_ALG_KTY_MISMATCH,
    &JWK_ALG_UNKNOWN,
    &JWK_KID_DUPLICATE,
    &JWK_KID_MISSING,
    &JWK_X5C_FORMAT,
    &JWK_X5C_KEY_MISMATCH,
    &JWK_X5C_WITHOUT_BARE_KEY,
    &JWK_X5T_MISMATCH,
    &JWK_X5C_EXPIRED,
    &JWK_X5U_NOT_HTTPS,
    &JWKS_ALG_UNBACKED,
    &JWKS_UNUSED_KEY,
];

/// Pointer of the whole key set.
pub const JWKS_ROOT: &str = "jwks:";

// --- fetching -------------------------------------------------------------------

/// The finding for a `jwks_uri` that could not be fetched at all.
pub fn fetch_failed(error: &FetchError) -> Finding {
    Finding::new(
        &JWKS_FETCH_FAILED,
        "/jwks_uri",
        format!("the key set could not be fetched: {}", error.message),
    )
    .actual(error.url.clone())
}

/// Turn a completed `jwks_uri` exchange into a key set, or the `jwks-fetch-failed`
/// finding that explains why there is none (status other than 200, a body that
/// is not a JSON object).
pub fn load(fetched: &Fetched) -> Result<Jwks, Box<Finding>> {
    let x = &fetched.exchange;
    if x.status != 200 {
        return Err(Box::new(
            Finding::new(
                &JWKS_FETCH_FAILED,
                "/jwks_uri",
                format!("`jwks_uri` answered HTTP {}", x.status),
            )
            .expected("200")
            .actual(x.status.to_string()),
        ));
    }
    Jwks::parse(&fetched.body).map_err(|e| Box::new(parse_failed(&e)))
}

/// The finding for a key-set body that is not a JSON object.
pub fn parse_failed(error: &ParseError) -> Finding {
    Finding::new(
        &JWKS_FETCH_FAILED,
        "/jwks_uri",
        format!("the key set is unusable: {error}"),
    )
    .expected("a JSON object with a `keys` array")
}

// --- checks ---------------------------------------------------------------------

/// Check a key set against the discovery document in `cx`. `exchange` is the
/// HTTP exchange that produced the key set (`None` for a file); `now` decides
/// certificate validity. Raw findings: the checker decides which are in force.
pub fn check_jwks(
    cx: &Context<'_>,
    jwks: &Jwks,
    exchange: Option<&Exchange>,
    now: SystemTime,
    out: &mut Vec<Finding>,
) {
    let mut found = Vec::new();
    if let Some(x) = exchange {
        content_type(x, &mut found);
    }
    set(cx, jwks, UnixTime::of(now), &mut found);
    out.extend(found);
}

fn content_type(x: &Exchange, out: &mut Vec<Finding>) {
    let media = x.media_type();
    if matches!(
        media.as_deref(),
        Some("application/json" | "application/jwk-set+json")
    ) {
        return;
    }
    out.push(
        Finding::new(
            &JWKS_CONTENT_TYPE,
            JWKS_ROOT,
            match &x.content_type {
                Some(ct) => format!("the key set was served as `{ct}`"),
                None => "the key set was served without a Content-Type".into(),
            },
        )
        .expected("application/json or application/jwk-set+json")
        .actual(x.content_type.clone().unwrap_or_else(|| "(none)".into())),
    );
}

/// JSON pointer of a key member.
pub(crate) fn kptr(index: usize, member: &str) -> String {
    format!("jwks:/keys/{index}/{}", pointer_token(member))
}

/// How messages name a key: `key 2 (kid "abc")`.
pub(crate) fn label(index: usize, key: &Map<String, Value>) -> String {
    match key.get("kid").and_then(Value::as_str) {
        Some(kid) => format!("key {index} (kid {kid:?})"),
        None => format!("key {index}"),
    }
}

fn set(cx: &Context<'_>, jwks: &Jwks, now: UnixTime, out: &mut Vec<Finding>) {
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
            return;
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
            return;
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
            Some(key) => {
                keys.push((i, key));
                self::key(i, key, now, out);
            }
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
    kids(&keys, out);
    super::fapi2::check_keys(&keys, out);
    purposes(&keys, out);
    backing(cx, &keys, out);
    unused(cx, &keys, out);
}

// --- one key --------------------------------------------------------------------

fn key(i: usize, key: &Map<String, Value>, now: UnixTime, out: &mut Vec<Finding>) {
    let name = label(i, key);
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
        Some("RSA") => rsa(i, key, &name, has_x5c, out),
        Some("EC") => ec(i, key, &name, has_x5c, out),
        Some("OKP") => okp(i, key, &name, has_x5c, out),
        _ => {}
    }
    usage(i, key, &name, out);
    alg(i, key, kty, &name, out);
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
    if has_x5c {
        x5c(i, key, kty, &name, now, out);
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

/// Every bare key member is absent (so `x5c` alone carries the key).
fn bare_key_absent(key: &Map<String, Value>, members: &[&str]) -> bool {
    members.iter().all(|m| !key.contains_key(*m))
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
    let lacking = missing(key, &["n", "e"]);
    if !(has_x5c && bare_key_absent(key, &["n", "e"])) {
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
    if !(has_x5c && bare_key_absent(key, &["x", "y"])) {
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
    }
}

fn okp(i: usize, key: &Map<String, Value>, name: &str, has_x5c: bool, out: &mut Vec<Finding>) {
    let lacking = missing(key, &["crv", "x"]);
    if !(has_x5c && bare_key_absent(key, &["x"])) {
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
                .actual(c),
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

const SIGN_OPS: &[&str] = &["sign", "verify"];
const ENC_OPS: &[&str] = &[
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
    "deriveKey",
    "deriveBits",
];

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

// --- algorithms ---------------------------------------------------------------

fn alg(i: usize, key: &Map<String, Value>, kty: Option<&str>, name: &str, out: &mut Vec<Finding>) {
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
    let Some(kty) = kty else {
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
fn purpose(key: &Map<String, Value>) -> Option<KeyUse> {
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

// --- certificates ---------------------------------------------------------------

fn x5c(
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
    let bare: &[&str] = match kty {
        Some("RSA") => &["n", "e"],
        Some("EC") => &["x", "y"],
        Some("OKP") => &["x"],
        _ => &[],
    };
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

// --- the set as a whole ---------------------------------------------------------

fn kids(keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
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
    let signing: Vec<&(usize, &Map<String, Value>)> = keys
        .iter()
        .filter(|(_, k)| purpose(k) != Some(KeyUse::Enc))
        .collect();
    if signing.len() > 1 {
        for (i, key) in signing {
            if !key.get("kid").is_some_and(Value::is_string) {
                out.push(Finding::new(
                    &JWK_KID_MISSING,
                    kptr(*i, "kid"),
                    format!("key {i} has no `kid`, and the set has several signing keys",),
                ));
            }
        }
    }
}

fn purposes(keys: &[(usize, &Map<String, Value>)], out: &mut Vec<Finding>) {
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

/// Whether `key` can verify signatures made with `alg`.
fn backs(key: &Map<String, Value>, alg: &jose::Algorithm) -> bool {
    let s = |m: &str| key.get(m).and_then(Value::as_str);
    let Some(kty) = s("kty") else {
        return false;
    };
    if !Kty::from_name(kty).is_some_and(|t| alg.accepts(t, s("crv"))) || s("use") == Some("enc") {
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
    let public: &[&str] = match kty {
        "RSA" => &["n", "e"],
        "EC" => &["x", "y"],
        _ => &["x"],
    };
    public.iter().all(|m| s(m).is_some())
}

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
    use base64::Engine;
    use serde_json::json;

    use super::*;
    use crate::document::Document;
    use crate::jwks::b64url_encode;
    use crate::rules::testing::{exchange, fires, merged, target};
    use crate::target::{Target, WellKnown};

    /// "Now" for every test: 2027-01-15.
    const NOW: i64 = 1_800_000_000;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn check_with(
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
    fn run(fragment: &str, keys: Value, extra: &[Profile]) -> Vec<Finding> {
        let jwks = Jwks::from_map(object(json!({ "keys": keys })));
        check_with(
            Document::from_map(merged(fragment)),
            &target(),
            &jwks,
            None,
            extra,
        )
    }

    fn finding<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
        findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} did not fire: {findings:?}"))
    }

    /// A modulus of `octets` octets with the top bit set.
    fn modulus(octets: usize) -> Vec<u8> {
        (0..octets)
            .map(|i| if i == 0 { 0xC5 } else { (i * 131 + 7) as u8 })
            .collect()
    }

    fn rsa(kid: &str, octets: usize) -> Value {
        json!({
            "kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
            "n": b64url_encode(&modulus(octets)), "e": "AQAB"
        })
    }

    struct Ec {
        pair: rcgen::KeyPair,
        x: Vec<u8>,
        y: Vec<u8>,
    }

    fn ec_pair() -> Ec {
        let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let raw = pair.public_key_raw().to_vec();
        Ec {
            x: raw[1..33].to_vec(),
            y: raw[33..65].to_vec(),
            pair,
        }
    }

    impl Ec {
        fn jwk(&self, kid: &str) -> Value {
            json!({
                "kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
                "x": b64url_encode(&self.x), "y": b64url_encode(&self.y)
            })
        }

        /// A self-signed certificate for this key, valid until `not_after` (year).
        fn cert_der(&self, not_after: i32) -> Vec<u8> {
            let mut params =
                rcgen::CertificateParams::new(vec!["idp.example.com".to_string()]).unwrap();
            params.not_before = rcgen::date_time_ymd(2024, 1, 1);
            params.not_after = rcgen::date_time_ymd(not_after, 1, 1);
            params.self_signed(&self.pair).unwrap().der().to_vec()
        }
    }

    fn std_b64(der: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(der)
    }

    fn good_set() -> Value {
        json!([rsa("r1", 256), ec_pair().jwk("e1")])
    }

    fn with(mut key: Value, members: Value) -> Value {
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

    fn fixture(name: &str) -> &'static str {
        match name {
            "apple" => include_str!("../../tests/fixtures/corpus/apple.json"),
            "apple.jwks" => include_str!("../../tests/fixtures/corpus/apple.jwks.json"),
            "auth0" => {
                include_str!("../../tests/fixtures/corpus/auth0-tenant-dev-ltxchcls4igzho78.json")
            }
            "auth0.jwks" => {
                include_str!(
                    "../../tests/fixtures/corpus/auth0-tenant-dev-ltxchcls4igzho78.jwks.json"
                )
            }
            "entra" => include_str!("../../tests/fixtures/corpus/entra-common-v2.json"),
            "entra.jwks" => include_str!("../../tests/fixtures/corpus/entra-common-v2.jwks.json"),
            "gitlab" => include_str!("../../tests/fixtures/corpus/gitlab.json"),
            "gitlab.jwks" => include_str!("../../tests/fixtures/corpus/gitlab.jwks.json"),
            "google" => include_str!("../../tests/fixtures/corpus/google.json"),
            "google.jwks" => include_str!("../../tests/fixtures/corpus/google.jwks.json"),
            "identityserver4" => {
                include_str!("../../tests/fixtures/corpus/identityserver4-demo.json")
            }
            "identityserver4.jwks" => {
                include_str!("../../tests/fixtures/corpus/identityserver4-demo.jwks.json")
            }
            "k8s" => include_str!("../../tests/fixtures/corpus/k8s-azwi-testing-issuer.json"),
            "k8s.jwks" => {
                include_str!("../../tests/fixtures/corpus/k8s-azwi-testing-issuer.jwks.json")
            }
            "pingfederate" => {
                include_str!("../../tests/fixtures/corpus/pingfederate-pinglabs-interop.json")
            }
            "pingfederate.jwks" => {
                include_str!("../../tests/fixtures/corpus/pingfederate-pinglabs-interop.jwks.json")
            }
            "stackoverflow" => include_str!("../../tests/fixtures/corpus/odd-stackoverflow.json"),
            "stackoverflow.jwks" => {
                include_str!("../../tests/fixtures/corpus/odd-stackoverflow.jwks.json")
            }
            other => panic!("no fixture {other}"),
        }
    }

    /// Check a provider's real document and key set; the target is the
    /// document's own issuer.
    fn provider(name: &str, extra: &[Profile]) -> Vec<Finding> {
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

    #[test]
    fn a_clean_set_is_quiet() {
        let f = run("", good_set(), &[Profile::Fapi2]);
        assert!(f.is_empty(), "{f:?}");
    }

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
        let f = run(
            "",
            json!([with(good.clone(), json!({"crv": "Ed25518"}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-okp-members").pointer, "jwks:/keys/0/crv");
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
    fn missing_kid_with_several_signing_keys() {
        let f = run(
            "",
            json!([rsa("r1", 256), with(rsa("r2", 256), json!({"kid": null}))]),
            &[],
        );
        assert_eq!(finding(&f, "jwk-kid-missing").pointer, "jwks:/keys/1/kid");
        let one = run("", json!([with(rsa("r1", 256), json!({"kid": null}))]), &[]);
        assert!(!fires(&one, "jwk-kid-missing"));
        let enc = with(
            rsa("r2", 256),
            json!({"kid": null, "use": "enc", "alg": "RSA-OAEP"}),
        );
        assert!(!fires(
            &run("", json!([rsa("r1", 256), enc]), &[]),
            "jwk-kid-missing"
        ));
    }

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
}
