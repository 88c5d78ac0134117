//! Property tests (a fuzzer that runs on the stable toolchain): no document, and
//! no byte string, makes the parser, the checks or the report writers panic, and
//! no human format lets a control character through. The span-tracking JSON
//! parser agrees with serde_json (value, or error and its place) on arbitrary
//! bytes, token soup and JSON text, and every position it records points at
//! the value it names.
//!
//! `PROPTEST_CASES=100000 cargo test --release --test it fuzz` runs a long campaign.

use oidc_inspect::document::{Document, Span, pointer_token};
use oidc_inspect::emit::{self, Style};
use oidc_inspect::json;
use oidc_inspect::report::FailOn;
use oidc_inspect::rules::Profile;
use oidc_inspect::target::WellKnown;
use oidc_inspect::{Input, Settings};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Member names: the known ones (so the checks go deep) and arbitrary text.
const NAMES: &[&str] = &[
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "registration_endpoint",
    "scopes_supported",
    "response_types_supported",
    "response_modes_supported",
    "grant_types_supported",
    "subject_types_supported",
    "id_token_signing_alg_values_supported",
    "token_endpoint_auth_methods_supported",
    "token_endpoint_auth_signing_alg_values_supported",
    "revocation_endpoint_auth_methods_supported",
    "introspection_endpoint",
    "introspection_endpoint_auth_methods_supported",
    "code_challenge_methods_supported",
    "claims_supported",
    "ui_locales_supported",
    "claims_locales_supported",
    "request_uri_parameter_supported",
    "require_request_uri_registration",
    "request_object_signing_alg_values_supported",
    "dpop_signing_alg_values_supported",
    "tls_client_certificate_bound_access_tokens",
    "mtls_endpoint_aliases",
    "authorization_response_iss_parameter_supported",
    "pushed_authorization_request_endpoint",
    "require_pushed_authorization_requests",
    "device_authorization_endpoint",
    "backchannel_authentication_endpoint",
    "backchannel_token_delivery_modes_supported",
    "frontchannel_logout_session_supported",
    "signed_metadata",
    "end_session_endpoint",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://idp.example.com".to_string()),
        Just("code id_token".to_string()),
        Just("S256".to_string()),
        Just("none".to_string()),
        Just("openid".to_string()),
        "https://[a-z.]{0,12}(/[a-z{}%]{0,6}){0,2}",
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\u{9f}\\u{202e}a-z]{0,8}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn document() -> impl Strategy<Value = Map<String, Value>> {
    let name = prop_oneof![4 => prop::sample::select(NAMES).prop_map(str::to_string), 1 => text()];
    prop::collection::vec((name, value()), 0..24).prop_map(|kv| kv.into_iter().collect())
}

fn check_and_render(doc: Document, profiles: &[Profile]) {
    let body = serde_json::to_vec(&doc.value).expect("serialise");
    let input = Input::memory("fuzz.json", body, WellKnown::OpenidConfiguration)
        .expect_issuer("https://idp.example.com");
    let settings = Settings {
        profiles: profiles.to_vec(),
        fail_on: FailOn::Warning,
        ..Settings::default()
    };
    let report = oidc_inspect::inspect(&input, &settings).expect("default settings");
    for format in [
        emit_format("table"),
        emit_format("lint"),
        emit_format("json"),
    ] {
        let mut out = Vec::new();
        emit::emitter(format, Style::plain())
            .emit(&report, &mut out)
            .expect("write to memory");
        let text = String::from_utf8(out).expect("UTF-8 output");
        assert!(
            !text
                .chars()
                .any(|c| oidc_inspect::sanitize::is_unsafe(c) && c != '\n'),
            "raw control character in {format:?} output"
        );
    }
}

fn emit_format(name: &str) -> oidc_inspect::emit::Format {
    match name {
        "table" => oidc_inspect::emit::Format::Table,
        "lint" => oidc_inspect::emit::Format::Lint,
        _ => oidc_inspect::emit::Format::Json,
    }
}

/// Our parser and serde_json agree on `text`: the same value, or the same error
/// message at the same place (serde_json's byte column turned into characters).
fn agree(text: &str) -> Result<(), TestCaseError> {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert_eq!(&a.value, b, "{:?}", text),
        (Err(a), Err(b)) => {
            let message = b.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |m| m.0);
            let line_start: usize = text
                .split_inclusive('\n')
                .take(b.line().saturating_sub(1))
                .map(str::len)
                .sum();
            let end = (line_start + b.column()).min(text.len());
            let column = text.as_bytes()[line_start..end]
                .iter()
                .filter(|&&c| (c as i8) >= -0x40)
                .count();
            prop_assert_eq!(
                (a.message, a.line, a.column),
                (message, b.line(), column),
                "{:?}",
                text
            );
        }
        _ => prop_assert!(
            false,
            "{:?}: ours {:?}, serde_json {:?}",
            text,
            ours.as_ref().map(|p| &p.value),
            theirs
        ),
    }
    Ok(())
}

/// The character at a position, found through the source lines.
fn char_at(positions: &json::Positions, at: Span) -> Option<char> {
    positions
        .source_line(at.line)?
        .chars()
        .nth(at.column.checked_sub(1)?)
}

/// Every value has a position whose character starts that kind of value, and
/// every member name one at its opening quote, before the value.
fn positions_point_at_values(
    positions: &json::Positions,
    pointer: &str,
    value: &Value,
    is_member: bool,
) -> Result<(), TestCaseError> {
    let location = positions.get(pointer);
    prop_assert!(location.is_some(), "no position for {:?}", pointer);
    let Some(location) = location else {
        return Ok(());
    };
    let first = char_at(positions, location.value);
    let expected = match value {
        Value::Null => first == Some('n'),
        Value::Bool(b) => first == Some(if *b { 't' } else { 'f' }),
        Value::Number(_) => first.is_some_and(|c| c == '-' || c.is_ascii_digit()),
        Value::String(_) => first == Some('"'),
        Value::Array(_) => first == Some('['),
        Value::Object(_) => first == Some('{'),
    };
    prop_assert!(expected, "{:?} at {:?} is {:?}", pointer, location, first);
    prop_assert_eq!(location.key.is_some(), is_member, "{:?}", pointer);
    if let Some(key) = location.key {
        prop_assert_eq!(char_at(positions, key), Some('"'), "key of {:?}", pointer);
        prop_assert!(key < location.value);
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                positions_point_at_values(positions, &format!("{pointer}/{i}"), item, false)?;
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                let child = format!("{pointer}/{}", pointer_token(name));
                positions_point_at_values(positions, &child, member, true)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Fragments that make near-JSON: structure, escapes, surrogates, numbers at
/// the edges of range, multi-byte characters, control characters.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"a\"",
    "\"é\"",
    "\"a\":",
    "\\",
    "\\u",
    "\\u00e9",
    "d83d",
    "\\ud83d",
    "\\ude00",
    "\\n",
    "0",
    "1",
    "9",
    "-",
    ".",
    "e",
    "E",
    "+",
    "18446744073709551616",
    "e308",
    "e309",
    "e99999999999",
    "1e400",
    "true",
    "null",
    "fals",
    "nul",
    " ",
    "\n",
    "\t",
    "\r\n",
    "\u{0}",
    "\u{1f}",
    "x",
    "é",
    "日",
    "𝄞",
    "\u{feff}",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|f| f.concat())
}

/// Values with every kind of number and string serde_json writes.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON text for a value: compact or pretty, then maybe damaged at one byte.
fn json_text() -> impl Strategy<Value = String> {
    (
        json_value(),
        any::<bool>(),
        prop::option::of((any::<prop::sample::Index>(), 0u8..3, soup())),
    )
        .prop_map(|(value, pretty, damage)| {
            let mut text = if pretty {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            }
            .expect("serialise");
            if let Some((at, how, fragment)) = damage {
                let mut at = at.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match how {
                    0 => text.insert_str(at, &fragment),
                    1 => text.truncate(at),
                    _ => {
                        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                        text.replace_range(at..end, &fragment);
                    }
                }
            }
            text
        })
}

const ALL_PROFILES: &[Profile] = &[
    Profile::Oidc,
    Profile::Oauth,
    Profile::Dynamic,
    Profile::Fapi2,
    Profile::Oauth21,
    Profile::Workload,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_documents_never_panic_the_checks_or_the_writers(doc in document(), all in any::<bool>()) {
        let profiles: &[Profile] = if all { ALL_PROFILES } else { &[Profile::Oidc] };
        check_and_render(Document::from_map(doc), profiles);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_parser(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(doc) = Document::parse(&bytes) {
            check_and_render(doc, &[Profile::Oidc]);
        }
    }

    #[test]
    fn serialised_documents_parse_back(doc in document()) {
        let text = serde_json::to_string(&doc).expect("serialise");
        let parsed = Document::parse(text.as_bytes()).expect("parse");
        prop_assert_eq!(parsed.value, doc);
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        match std::str::from_utf8(&bytes) {
            Ok(text) => agree(text)?,
            Err(_) => prop_assert!(serde_json::from_slice::<Value>(&bytes).is_err()),
        }
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_token_soup(text in soup()) {
        agree(&text)?;
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_json_text_and_places_every_value(text in json_text()) {
        agree(&text)?;
        if let Ok(parsed) = json::parse(&text) {
            positions_point_at_values(&parsed.positions, "", &parsed.value, false)?;
        }
    }
}
