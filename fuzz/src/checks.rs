//! What each fuzz target does with one input; every function panics on a finding.
//!
//! This file is also compiled into the main crate's integration tests
//! (`tests/it/regressions.rs`), which replay the saved inputs under
//! `fuzz/regressions/<target>/` through it: keep it to `oidc_inspect`, `url`,
//! `httparse` and `std`.

use oidc_inspect::emit::{self, Format, Style};
use oidc_inspect::http::fuzzing;
use oidc_inspect::rules::Profile;
use oidc_inspect::target::{Target, WellKnown};
use oidc_inspect::{Input, Keys, Settings};
use url::Url;

/// Every format a report can be written in.
const FORMATS: [Format; 7] = Format::ALL;

/// Every profile at once, so every rule runs.
fn settings() -> Settings {
    Settings {
        profiles: Profile::NAMED.to_vec(),
        ..Settings::default()
    }
}

/// Inspect `input` under every profile and write the report in every format:
/// nothing may panic, the JSON formats must be JSON, and the formats for people
/// must not let a control character through.
fn inspect_and_render(input: &Input) {
    let report = oidc_inspect::inspect(input, &settings()).expect("default settings are usable");
    for format in FORMATS {
        let mut out = Vec::new();
        emit::emitter(format, Style::plain())
            .emit(&report, &mut out)
            .expect("writing to memory cannot fail");
        let text = String::from_utf8(out).expect("every format writes UTF-8");
        match format {
            Format::Json | Format::Sarif => {
                serde_json_check(&text);
            }
            Format::Jsonl => {
                for line in text.lines() {
                    serde_json_check(line);
                }
            }
            Format::Table | Format::Lint | Format::Github | Format::Junit => {
                if let Some(c) = text
                    .chars()
                    .find(|c| oidc_inspect::sanitize::is_unsafe(*c) && *c != '\n')
                {
                    panic!("raw {c:?} in {format:?} output");
                }
            }
        }
    }
}

/// The JSON formats write JSON (checked without a JSON dependency of our own:
/// the library's document parser reads any JSON object).
fn serde_json_check(text: &str) {
    if let Err(e) = oidc_inspect::document::Document::parse(text.as_bytes()) {
        panic!("JSON output is not a JSON object ({e:?}): {text}");
    }
}

/// Target 1: the bytes of a discovery document, under every profile and format,
/// both as an OpenID Provider and as an RFC 8414 document.
pub fn document(data: &[u8]) {
    for well_known in [
        WellKnown::OpenidConfiguration,
        WellKnown::OauthAuthorizationServer,
    ] {
        let input = Input::memory("fuzz.json", data.to_vec(), well_known)
            .expect_issuer("https://idp.example.com");
        inspect_and_render(&input);
    }
}

/// The document the key-set target checks keys against: it advertises every
/// algorithm family, for ID tokens and for the other places the key rules read.
pub const KEYS_DOCUMENT: &str = r#"{
  "issuer": "https://idp.example.com",
  "authorization_endpoint": "https://idp.example.com/authorize",
  "token_endpoint": "https://idp.example.com/token",
  "userinfo_endpoint": "https://idp.example.com/userinfo",
  "jwks_uri": "https://idp.example.com/jwks",
  "response_types_supported": ["code", "id_token", "code id_token"],
  "subject_types_supported": ["public"],
  "scopes_supported": ["openid"],
  "id_token_signing_alg_values_supported": ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448", "HS256", "none"],
  "id_token_encryption_alg_values_supported": ["RSA-OAEP", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A256KW"],
  "userinfo_signing_alg_values_supported": ["RS256", "ES256", "PS256", "EdDSA"],
  "request_object_signing_alg_values_supported": ["RS256", "ES256", "PS256", "none"],
  "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256", "PS256"],
  "introspection_signing_alg_values_supported": ["RS256", "ES384"],
  "authorization_signing_alg_values_supported": ["PS256", "ES256"],
  "dpop_signing_alg_values_supported": ["ES256", "RS256", "EdDSA"]
}"#;

/// Target 2: the bytes of a key set, checked against [`KEYS_DOCUMENT`].
pub fn keys(data: &[u8]) {
    let input = Input::memory(
        "fuzz.json",
        KEYS_DOCUMENT.as_bytes().to_vec(),
        WellKnown::OpenidConfiguration,
    )
    .expect_issuer("https://idp.example.com")
    .with_keys(Keys::Memory(data.to_vec()));
    inspect_and_render(&input);
}

/// Target 3: a TARGET as typed. A TARGET that parses must name an http(s)
/// discovery URL on the same host as the issuer it expects, and that URL, given
/// back as TARGET, must be read as itself.
pub fn target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for well_known in [
        WellKnown::OpenidConfiguration,
        WellKnown::OauthAuthorizationServer,
    ] {
        let Ok(target) = Target::parse(text, well_known) else {
            continue;
        };
        let discovery = target
            .discovery_url
            .as_deref()
            .expect("a parsed TARGET has a discovery URL");
        let url = Url::parse(discovery)
            .unwrap_or_else(|e| panic!("discovery URL {discovery:?} is not a URL: {e}"));
        assert!(
            matches!(url.scheme(), "http" | "https"),
            "discovery URL {discovery:?} is not http(s)"
        );
        assert!(
            url.path().contains("/.well-known/"),
            "discovery URL {discovery:?} is not a well-known URL"
        );
        let issuer = target
            .expected_issuer
            .as_ref()
            .expect("a parsed TARGET expects an issuer");
        let issuer_url = Url::parse(&issuer.value)
            .unwrap_or_else(|e| panic!("expected issuer {:?} is not a URL: {e}", issuer.value));
        assert_eq!(
            (url.scheme(), url.host_str(), url.port_or_known_default()),
            (
                issuer_url.scheme(),
                issuer_url.host_str(),
                issuer_url.port_or_known_default()
            ),
            "TARGET {text:?}: the discovery URL {discovery:?} is not at the origin of the issuer {:?}",
            issuer.value
        );
        let again = Target::parse(discovery, well_known)
            .unwrap_or_else(|e| panic!("discovery URL {discovery:?} is refused as TARGET: {e}"));
        assert_eq!(
            again.discovery_url.as_deref(),
            Some(discovery),
            "TARGET {text:?}: its discovery URL is not read as itself"
        );
    }
}

/// The URL a redirect is resolved against in the head target.
const HERE: &str = "https://idp.example.com/tenant/.well-known/openid-configuration";

/// Target 4: a raw response (status line, headers, maybe a body) as the client
/// reads it. The first two bytes choose where the bytes are cut as they arrive.
///
/// Checked against httparse, the parser ureq reads the head with: the
/// Content-Encoding the client notes must be the one ureq will act on, however
/// the bytes arrive; a `Location` must resolve to an http(s) URL with a host and
/// never from https down to http; a media type is lower-case and trimmed.
pub fn head(data: &[u8]) {
    let (cuts, input) = match data {
        [a, b, rest @ ..] => (
            vec![usize::from(*a), usize::from(*a) + usize::from(*b)],
            rest,
        ),
        _ => (Vec::new(), data),
    };
    let whole = fuzzing::content_encodings(input);
    let sniffed = fuzzing::sniffed(input, &cuts);
    assert_eq!(
        sniffed, whole,
        "the sniffer read {sniffed:?} in pieces but {whole:?} at once"
    );

    // The final head as ureq parses it, past any interim 1xx heads (101 is final).
    let mut rest = input;
    let parsed = loop {
        let mut headers = [httparse::EMPTY_HEADER; 100];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(rest) {
            Ok(httparse::Status::Complete(used)) => {
                let code = response.code.unwrap_or(0);
                if (100..200).contains(&code) && code != 101 {
                    rest = rest.get(used..).unwrap_or(&[]);
                    continue;
                }
                let headers: Vec<(String, Vec<u8>)> = response
                    .headers
                    .iter()
                    .map(|h| (h.name.to_ascii_lowercase(), h.value.to_vec()))
                    .collect();
                break Some(headers);
            }
            _ => break None,
        }
    };
    let Some(headers) = parsed else {
        return;
    };
    let values = |name: &str| -> Vec<&[u8]> {
        headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    };

    let encodings: Vec<String> = values("content-encoding")
        .iter()
        .map(|v| String::from_utf8_lossy(v).trim().to_string())
        .collect();
    assert_eq!(
        whole.as_ref(),
        Some(&encodings),
        "the client notes Content-Encoding {whole:?}; ureq parses {encodings:?}"
    );
    if let Some(refused) = fuzzing::unsupported_encoding(&encodings) {
        assert!(!refused.is_empty(), "an empty coding is named as refused");
    }

    for value in values("content-type") {
        let media = fuzzing::media_type(&String::from_utf8_lossy(value));
        assert_eq!(media, media.trim(), "media type {media:?} is not trimmed");
        assert_eq!(
            media,
            media.to_ascii_lowercase(),
            "media type {media:?} is not lower-case"
        );
    }

    let here = Url::parse(HERE).expect("a URL");
    let plain = Url::parse("http://idp.example.com/").expect("a URL");
    for location in values("location") {
        for current in [&here, &plain] {
            let Ok(next) = fuzzing::redirect_target(current, location) else {
                continue;
            };
            assert!(
                matches!(next.scheme(), "http" | "https"),
                "redirect to {next} is followed"
            );
            assert!(
                next.host_str().is_some_and(|h| !h.is_empty()),
                "redirect to {next} (no host) is followed"
            );
            assert!(
                !(current.scheme() == "https" && next.scheme() == "http"),
                "https → http redirect to {next} is followed"
            );
            let reparsed = Url::parse(next.as_str()).expect("a followed URL parses again");
            assert_eq!(reparsed, next, "a followed URL changes when parsed again");
        }
    }
}
