//! Signed metadata rules (`signed-metadata-*`, RFC 8414 §2.1): `signed_metadata`
//! is a compact JWS with an `alg` other than `none` and an `iss` claim, does not
//! nest itself, and the values it signs are compared with the plain ones.
//!
//! The JWS is decoded (base64url header and payload) but its signature is NOT
//! verified: no key is trusted here, so nothing may treat the signed values as
//! authentic. This family also types the member (the type rules skip it).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{json_type, ptr};

pub const SIGNED_METADATA_NOT_JWS: Rule = Rule {
    id: "signed-metadata-not-jws",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`signed_metadata` is not a JWS in compact serialization",
    spec: "RFC 8414 §2.1, §1.1",
    explanation: "Signed metadata is a JWT, signed or MACed with JWS and written in the compact serialization \
                  (`header.payload.signature`, base64url, with JSON objects inside). Anything else cannot be \
                  verified or read by clients that support signed metadata.",
    fix: "publish the signed metadata as a compact JWS string",
    bad: r#"{"signed_metadata": "not-a-jws"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_ALG_NONE: Rule = Rule {
    id: "signed-metadata-alg-none",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`signed_metadata` uses `alg: none`",
    spec: "RFC 8414 §2.1",
    explanation: "Signed metadata MUST be digitally signed or MACed. An unsecured JWT (`alg: none`) vouches \
                  for nothing, yet clients that support signed metadata let its values override the plain \
                  ones.",
    fix: "sign the metadata with a real algorithm (e.g. `RS256`, `ES256`)",
    bad: r#"{"signed_metadata": "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9."}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_NO_ISS: Rule = Rule {
    id: "signed-metadata-no-iss",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the `signed_metadata` payload has no `iss` claim",
    spec: "RFC 8414 §2.1",
    explanation: "Signed metadata MUST contain an `iss` claim naming the party that vouches for the metadata; \
                  without it a client cannot choose a key to verify the signature with.",
    fix: "add `iss` to the signed metadata payload",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3N1ZXIiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_NESTED: Rule = Rule {
    id: "signed-metadata-nested",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the `signed_metadata` payload itself contains `signed_metadata`",
    spec: "RFC 8414 §2.1",
    explanation: "`signed_metadata` SHOULD NOT appear as a claim inside the signed metadata; nesting has no \
                  defined meaning and clients will not unwrap it.",
    fix: "remove `signed_metadata` from the signed payload",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInNpZ25lZF9tZXRhZGF0YSI6IngueS56In0.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const SIGNED_METADATA_DIFFERS: Rule = Rule {
    id: "signed-metadata-differs",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a signed metadata value differs from the plain JSON value",
    spec: "RFC 8414 §2.1",
    explanation: "Signed values MUST take precedence over the plain JSON ones for clients that support signed \
                  metadata, so those clients see the signed value and the others see the plain one. The \
                  signature is not verified here; the comparison only shows which configuration each kind \
                  of client gets.",
    fix: "publish the same values in both places, unless the difference is intended",
    bad: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9vdGhlci5leGFtcGxlLmNvbS90b2tlbiJ9.c2ln"}"#,
    good: r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9pZHAuZXhhbXBsZS5jb20vdG9rZW4ifQ.c2ln"}"#,
};

pub const RULES: &[&Rule] = &[
    &SIGNED_METADATA_NOT_JWS,
    &SIGNED_METADATA_ALG_NONE,
    &SIGNED_METADATA_NO_ISS,
    &SIGNED_METADATA_NESTED,
    &SIGNED_METADATA_DIFFERS,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(value) = cx.doc.get("signed_metadata") else {
        return;
    };
    let jws = match decode_jws(value) {
        Ok(j) => j,
        Err(why) => {
            out.push(
                Finding::new(
                    &SIGNED_METADATA_NOT_JWS,
                    "/signed_metadata",
                    format!("`signed_metadata` is not a compact JWS: {why}"),
                )
                .expected("header.payload.signature (base64url)"),
            );
            return;
        }
    };
    match jws.header.get("alg").and_then(Value::as_str) {
        Some(alg) if alg.eq_ignore_ascii_case("none") => out.push(
            Finding::new(
                &SIGNED_METADATA_ALG_NONE,
                "/signed_metadata",
                "`signed_metadata` is an unsecured JWT (`alg: none`)",
            )
            .actual(alg),
        ),
        Some(_) => {}
        None => out.push(Finding::new(
            &SIGNED_METADATA_NOT_JWS,
            "/signed_metadata",
            "the `signed_metadata` header has no `alg`",
        )),
    }
    if !jws.payload.get("iss").is_some_and(Value::is_string) {
        out.push(Finding::new(
            &SIGNED_METADATA_NO_ISS,
            "/signed_metadata",
            "the `signed_metadata` payload has no `iss` claim",
        ));
    }
    if jws.payload.contains_key("signed_metadata") {
        out.push(Finding::new(
            &SIGNED_METADATA_NESTED,
            "/signed_metadata",
            "the `signed_metadata` payload contains `signed_metadata`",
        ));
    }
    for (name, signed) in &jws.payload {
        if JWT_CLAIMS.contains(&name.as_str()) || name == "signed_metadata" {
            continue;
        }
        let plain = cx.doc.get(name);
        if plain == Some(signed) {
            continue;
        }
        let (message, actual) = match plain {
            Some(p) => (
                format!(
                    "the signed value of `{name}` differs from the plain one; the signed value wins"
                ),
                p.to_string(),
            ),
            None => (
                format!("`{name}` appears only in the signed metadata"),
                "(absent)".to_string(),
            ),
        };
        out.push(
            Finding::new(&SIGNED_METADATA_DIFFERS, ptr(name), message)
                .expected(signed.to_string())
                .actual(actual),
        );
    }
}

/// A compact JWS decoded without verification: its header and payload objects.
struct Jws {
    header: Map<String, Value>,
    payload: Map<String, Value>,
}

fn decode_part(part: &str, what: &str) -> Result<Map<String, Value>, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|e| format!("the {what} is not base64url: {e}"))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(format!(
            "the {what} is {}, not a JSON object",
            json_type(&other)
        )),
        Err(e) => Err(format!("the {what} is not JSON: {e}")),
    }
}

fn decode_jws(value: &Value) -> Result<Jws, String> {
    let s = value
        .as_str()
        .ok_or_else(|| format!("it is {}, not a string", json_type(value)))?;
    let parts: Vec<&str> = s.split('.').collect();
    let [h, p, sig] = parts.as_slice() else {
        return Err(match parts.len() {
            5 => "it has five parts: a JWE (encrypted), not a JWS".to_string(),
            n => format!("it has {n} dot-separated part(s), not 3"),
        });
    };
    let header = decode_part(h, "header")?;
    let payload = decode_part(p, "payload")?;
    if URL_SAFE_NO_PAD.decode(sig.trim_end_matches('=')).is_err() {
        return Err("the signature is not base64url".into());
    }
    Ok(Jws { header, payload })
}

/// JWT claims that describe the signed object itself rather than the server.
const JWT_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

#[cfg(test)]
mod tests {
    use super::super::testing::{only, run};

    #[test]
    fn signed_metadata_shapes() {
        for (value, why) in [
            (r#"7"#, "not a string"),
            (r#""a.b""#, "2 dot-separated"),
            (r#""a.b.c.d.e""#, "JWE"),
            (r#""eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln""#, "payload is an array"),
            (
                r#""eyJhbGciOiJSUzI1NiJ9.!!!.c2ln""#,
                "payload is not base64url",
            ),
        ] {
            let f = run(&format!(r#"{{"signed_metadata": {value}}}"#), &[]);
            let n = only(&f, "signed-metadata-not-jws");
            assert_eq!(n.len(), 1, "{value}");
            assert!(n[0].message.contains(why), "{value}: {}", n[0].message);
        }
        // A non-string signed_metadata gets no separate type finding.
        let f = run(r#"{"signed_metadata": 7}"#, &[]);
        assert!(!f.iter().any(|x| x.rule.id.starts_with("type-")));
    }

    #[test]
    fn signed_values_that_differ_point_at_the_plain_member() {
        let f = run(
            r#"{"signed_metadata": "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSIsInRva2VuX2VuZHBvaW50IjoiaHR0cHM6Ly9vdGhlci5leGFtcGxlLmNvbS90b2tlbiJ9.c2ln"}"#,
            &[],
        );
        let d = only(&f, "signed-metadata-differs");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/token_endpoint");
        assert_eq!(
            d[0].expected.as_deref(),
            Some("\"https://other.example.com/token\"")
        );
    }
}
