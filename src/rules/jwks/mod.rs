//! Key-set rules (`jwks-*`, `jwk-*`): the JWK Set behind `jwks_uri` (RFC 7517,
//! RFC 7518 §6, OpenID Connect Discovery §3), each key in it, and whether every
//! advertised asymmetric signing algorithm has a key that can verify it. FAPI
//! 2.0's key-set rules are declared with the other FAPI rules (`fapi2.rs`) and
//! run from [`check_jwks`] too.
//!
//! These rules need the key set, not only the document: their `bad`/`good`
//! examples are whole JWK Sets, checked against the compliant baseline document
//! (which advertises RS256 and ES256 for ID tokens, so most examples hold an RSA
//! and a P-256 key). A passing set is clean: its RSA key is a real 2048-bit one
//! and no rule raises a warning or an error about it. Failing sets use a short
//! RSA modulus for readability, except where size is the point. The examples are
//! data files in `examples/`, read at compile time by [`example!`]; the 2048-bit
//! modulus is written once, in `examples/rsa-2048.n`, and the files say
//! `{rsa-2048.n}` where it goes. The two rules about the HTTP exchange
//! (`jwks-fetch-failed`, `jwks-content-type`) have no example; the unit tests
//! cover them. Findings about a key point into the key set with a `jwks:` prefix
//! (`jwks:/keys/2/n`); `jwks-alg-unbacked` points at the advertised algorithm in
//! the document (`/id_token_signing_alg_values_supported/0`), and
//! `jwks-fetch-failed` at `/jwks_uri`. No finding ever carries the value of a
//! private or symmetric member.
//!
//! The checks are split by concern: `set.rs` (the `keys` array and `kid`s),
//! `key.rs` (each key's type, material, members and size), `usage.rs` (what a
//! key is for: `use`, `key_ops`, `alg`), `x5c.rs` (certificates) and
//! `backing.rs` (the document's algorithms against the keys). This file holds the
//! registry slice, the entry points and what the parts share. Algorithm and
//! curve names come from `crate::jose`: no part keeps its own table of them.

use std::time::SystemTime;

use serde_json::{Map, Value};

use crate::diagnostic::{Finding, Severity};
use crate::document::{ParseError, pointer_token};
use crate::http::{Exchange, FetchError, Fetched};
use crate::jwks::{Jwks, UnixTime};
use crate::rules::{Context, Profile, Rule};

pub mod backing;
pub mod key;
pub mod set;
pub mod usage;
pub mod x5c;

#[cfg(test)]
mod tests;

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

pub const RULES: &[&Rule] = &[
    &JWKS_FETCH_FAILED,
    &JWKS_CONTENT_TYPE,
    &set::JWKS_NO_KEYS,
    &set::JWKS_EMPTY,
    &set::JWK_NOT_OBJECT,
    &key::JWK_KTY_MISSING,
    &key::JWK_KTY_UNKNOWN,
    &key::JWK_PRIVATE_MATERIAL,
    &key::JWK_SYMMETRIC,
    &key::JWK_RSA_MEMBERS,
    &key::JWK_EC_MEMBERS,
    &key::JWK_OKP_MEMBERS,
    &key::JWK_EC_CRV_UNKNOWN,
    &key::JWK_EC_COORD_LENGTH,
    &key::JWK_EC_POINT_INVALID,
    &key::JWK_BASE64URL,
    &key::JWK_RSA_NOT_MINIMAL,
    &key::JWK_RSA_TOO_SMALL,
    &usage::JWK_USE_UNKNOWN,
    &usage::JWK_USE_REQUIRED,
    &usage::JWK_USE_AND_KEY_OPS,
    &usage::JWK_USE_KEY_OPS_INCONSISTENT,
    &usage::JWK_KEY_OPS_DUPLICATE,
    &usage::JWK_KEY_OPS_COMBINATION,
    &usage::JWK_ALG_KTY_MISMATCH,
    &usage::JWK_ALG_UNKNOWN,
    &set::JWK_KID_DUPLICATE,
    &set::JWK_KID_MISSING,
    &x5c::JWK_X5C_FORMAT,
    &x5c::JWK_X5C_KEY_MISMATCH,
    &x5c::JWK_X5C_WITHOUT_BARE_KEY,
    &x5c::JWK_X5T_MISMATCH,
    &x5c::JWK_X5C_EXPIRED,
    &x5c::JWK_X5U_NOT_HTTPS,
    &backing::JWKS_ALG_UNBACKED,
    &backing::JWKS_UNUSED_KEY,
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
    Jwks::parse(&fetched.body).map_err(|e| {
        let why = super::transport::not_json_message(&e, &fetched.body, Some(x));
        Box::new(unusable(why))
    })
}

/// The finding for a key-set body that is not a JSON object.
pub fn parse_failed(error: &ParseError) -> Finding {
    unusable(error.to_string())
}

fn unusable(why: String) -> Finding {
    Finding::new(
        &JWKS_FETCH_FAILED,
        "/jwks_uri",
        format!("the key set is unusable: {why}"),
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
    if let Some(x) = exchange {
        content_type(x, out);
    }
    let Some(keys) = set::keys(cx, jwks, out) else {
        return;
    };
    let now = UnixTime::of(now);
    for &(i, k) in &keys {
        let name = label(i, k);
        key::check(i, k, &name, out);
        usage::check(i, k, &name, out);
        x5c::check(i, k, &name, now, out);
    }
    set::kids(&keys, out);
    usage::purposes(&keys, out);
    backing::check(cx, &keys, out);
    super::fapi2::check_keys(&keys, out);
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

// --- shared by the parts --------------------------------------------------------

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

/// Every bare key member is absent (so `x5c` alone carries the key).
fn bare_key_absent(key: &Map<String, Value>, members: &[&str]) -> bool {
    members.iter().all(|m| !key.contains_key(*m))
}

// --- examples -------------------------------------------------------------------

/// An example key set for a rule's `bad` or `good`, as a `&'static str` built at
/// compile time: the file at `$path` (relative to the file that names it, as for
/// `include_str!`) without its final newline, with `{rsa-2048.n}` replaced by the
/// 2048-bit modulus of `examples/rsa-2048.n`.
macro_rules! example {
    ($path:literal) => {{
        const FILE: &str = include_str!($path);
        const TEXT: [u8; $crate::rules::jwks::expanded_len(FILE)] =
            $crate::rules::jwks::expand(FILE);
        $crate::rules::jwks::utf8(&TEXT)
    }};
}
pub(crate) use example;

/// The 2048-bit RSA modulus of the passing example sets, written once.
const RSA_2048_N: &[u8] = include_str!("examples/rsa-2048.n")
    .trim_ascii_end()
    .as_bytes();

/// Where an example file wants [`RSA_2048_N`].
const RSA_2048_N_HERE: &[u8] = b"{rsa-2048.n}";

/// Whether [`RSA_2048_N_HERE`] starts at `at` in `text`.
const fn placeholder_at(text: &[u8], at: usize) -> bool {
    if at + RSA_2048_N_HERE.len() > text.len() {
        return false;
    }
    let mut k = 0;
    while k < RSA_2048_N_HERE.len() {
        if text[at + k] != RSA_2048_N_HERE[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The length of an example file's text as [`example!`] expands it.
pub(crate) const fn expanded_len(file: &str) -> usize {
    let text = file.trim_ascii_end().as_bytes();
    let (mut at, mut len) = (0, 0);
    while at < text.len() {
        if placeholder_at(text, at) {
            at += RSA_2048_N_HERE.len();
            len += RSA_2048_N.len();
        } else {
            at += 1;
            len += 1;
        }
    }
    len
}

/// An example file's text as [`example!`] expands it; `N` is its
/// [`expanded_len`].
pub(crate) const fn expand<const N: usize>(file: &str) -> [u8; N] {
    let text = file.trim_ascii_end().as_bytes();
    let mut out = [0u8; N];
    let (mut at, mut len) = (0, 0);
    while at < text.len() {
        if placeholder_at(text, at) {
            let mut k = 0;
            while k < RSA_2048_N.len() {
                out[len + k] = RSA_2048_N[k];
                k += 1;
            }
            at += RSA_2048_N_HERE.len();
            len += RSA_2048_N.len();
        } else {
            out[len] = text[at];
            at += 1;
            len += 1;
        }
    }
    out
}

/// The expanded text as a string (the files are UTF-8: a build error otherwise).
pub(crate) const fn utf8(text: &'static [u8]) -> &'static str {
    match std::str::from_utf8(text) {
        Ok(s) => s,
        Err(_) => panic!("an example key set is not UTF-8"),
    }
}
