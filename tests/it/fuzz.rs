//! Property tests (a fuzzer that runs on the stable toolchain): no document, and
//! no byte string, makes the parser, the checks or the report writers panic, and
//! no human format lets a control character through.
//!
//! `PROPTEST_CASES=100000 cargo test --release --test it fuzz` runs a long campaign.

use oidc_inspect::document::Document;
use oidc_inspect::emit::{self, Style};
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
}
