//! The key set through the binary: `--jwks-file` offline, `--no-jwks`, findings that
//! point into the key set, the `jwks` object of the JSON contract, the keys table,
//! and private key values that must never reach any output.

use oidc_inspect::document::Document;
use oidc_inspect::emit::{self, Style};
use oidc_inspect::rules::Profile;
use oidc_inspect::target::WellKnown;
use oidc_inspect::{Input, Keys, Settings};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::common::{self, Server};
use crate::common::{cli as bin, fixture_arg as corpus};
use crate::contract::json_run;

/// Run every format; return what each wrote to stdout and stderr.
fn all_formats(args: &[&str]) -> Vec<(String, String, String)> {
    ["table", "json", "lint"]
        .into_iter()
        .map(|format| {
            let out = bin()
                .args(args)
                .args(["--format", format])
                .output()
                .expect("run");
            (
                format.to_string(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn a_saved_key_set_is_summarised_in_json() {
    let (r, code) = json_run(bin().args([
        "--file",
        &corpus("google.json"),
        "--jwks-file",
        &corpus("google.jwks.json"),
        "--expect-issuer",
        "https://accounts.google.com",
    ]));
    assert_ne!(code, 3);
    let ks = r.jwks.expect("a jwks object");
    assert!(ks.url.ends_with("google.jwks.json"), "{}", ks.url);
    assert!(ks.http.is_none());
    let keys = ks.keys.expect("keys");
    assert_eq!(keys.len(), 2);
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(k.index, i);
        assert_eq!(k.kty.as_deref(), Some("RSA"));
        assert_eq!(k.bits, Some(2048));
        assert_eq!(k.thumbprint.as_ref().map(String::len), Some(43));
        assert!(k.private_members.is_empty());
    }
    assert!(!r.findings.iter().any(|f| f.source == "jwks"));
}

#[test]
fn certificates_and_curves_are_summarised() {
    let (r, _) = json_run(bin().args([
        "--file",
        &corpus("auth0-tenant-dev-ltxchcls4igzho78.json"),
        "--jwks-file",
        &corpus("auth0-tenant-dev-ltxchcls4igzho78.jwks.json"),
    ]));
    let keys = r.jwks.and_then(|k| k.keys).expect("keys");
    assert!(keys.iter().all(|k| {
        k.x5c_not_after
            .as_deref()
            .is_some_and(|t| t.len() == 20 && t.ends_with('Z'))
    }));
    let (r, _) = json_run(bin().args([
        "--file",
        &corpus("pingfederate-pinglabs-interop.json"),
        "--jwks-file",
        &corpus("pingfederate-pinglabs-interop.jwks.json"),
    ]));
    let keys = r.jwks.and_then(|k| k.keys).expect("keys");
    assert_eq!(keys[0].crv.as_deref(), Some("P-521"));
    assert_eq!(keys[0].bits, None);
}

#[test]
fn key_findings_point_into_the_key_set_in_every_format() {
    let args = [
        "--file",
        &corpus("pingfederate-pinglabs-interop.json"),
        "--jwks-file",
        &corpus("pingfederate-pinglabs-interop.jwks.json"),
    ];
    for (format, stdout, _) in all_formats(&args) {
        // JSON says what the pointer points into in `source`; people read the prefix.
        let want = if format == "json" {
            "\"/keys/0/y\""
        } else {
            "jwks:/keys/0/y"
        };
        assert!(stdout.contains(want), "{format}:\n{stdout}");
    }
    let out = bin().args(args).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    for column in ["kid", "Certificate until", "2048 bits", "P-521", "20ama"] {
        assert!(table.contains(column), "{column}:\n{table}");
    }
    let lint = bin()
        .args(args)
        .args(["--format", "lint"])
        .output()
        .unwrap();
    let lint = String::from_utf8_lossy(&lint.stdout);
    assert!(lint.contains("error[jwk-ec-coord-length]"), "{lint}");
    assert!(lint.contains("key set "), "{lint}");
}

#[test]
fn an_advertised_algorithm_without_a_key_is_reported_at_the_document() {
    let (r, code) = json_run(bin().args([
        "--file",
        &corpus("odd-stackoverflow.json"),
        "--jwks-file",
        &corpus("odd-stackoverflow.jwks.json"),
    ]));
    assert_eq!(code, 1);
    let unbacked = r
        .findings
        .iter()
        .find(|f| f.rule == "jwks-alg-unbacked")
        .expect("jwks-alg-unbacked");
    assert_eq!(unbacked.pointer, "/id_token_signing_alg_values_supported/1");
    assert!(r.findings.iter().any(|f| f.rule == "jwks-empty"));
    assert_eq!(r.jwks.and_then(|k| k.keys).map(|k| k.len()), Some(0));
}

#[test]
fn private_key_values_never_reach_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "UHJpdmF0ZUV4cG9uZW50VmFsdWVUaGF0TXVzdE5vdExlYWs";
    let jwks = format!(
        r#"{{"keys": [
            {{"kty": "RSA", "kid": "leaky", "use": "sig", "alg": "RS256", "e": "AQAB",
              "n": "{n}", "d": "{secret}", "p": "{secret}", "q": "{secret}",
              "dp": "{secret}", "dq": "{secret}", "qi": "{secret}"}},
            {{"kty": "oct", "kid": "shared", "k": "{secret}"}}
        ]}}"#,
        n = "x".repeat(342),
    );
    let path = dir.path().join("leaky.jwks.json");
    std::fs::write(&path, jwks).unwrap();
    let path = path.to_string_lossy().into_owned();
    let args = ["--file", &corpus("google.json"), "--jwks-file", &path];
    for (format, stdout, stderr) in all_formats(&args) {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{format} printed a private value:\n{stdout}\n{stderr}"
        );
        assert!(stdout.contains("jwk-private-material"), "{format}");
    }
    let (r, _) = json_run(bin().args(args));
    let keys = r.jwks.and_then(|k| k.keys).expect("keys");
    assert_eq!(keys[0].private_members, ["d", "p", "q", "dp", "dq", "qi"]);
    assert_eq!(keys[1].private_members, ["k"]);
    assert!(keys[1].thumbprint.is_none());
    let pointers: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "jwk-private-material" && f.source == "jwks")
        .map(|f| f.pointer.as_str())
        .collect();
    assert!(pointers.contains(&"/keys/0/d"), "{pointers:?}");
    assert!(r.findings.iter().any(|f| f.rule == "jwk-symmetric"));
}

#[test]
fn an_unusable_key_set_is_a_finding_not_a_failed_run() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.jwks.json");
    std::fs::write(&broken, "<html>not json</html>").unwrap();
    let missing = dir.path().join("missing.jwks.json");
    for path in [&broken, &missing] {
        let (r, code) = json_run(bin().args([
            "--file",
            &corpus("google.json"),
            "--jwks-file",
            &path.to_string_lossy(),
        ]));
        assert_eq!(code, 1, "{}", path.display());
        assert!(r.error.is_none());
        assert!(r.document.is_some());
        let ks = r.jwks.expect("jwks object");
        assert!(ks.keys.is_none());
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == "jwks-fetch-failed")
            .expect("jwks-fetch-failed");
        assert_eq!(f.pointer, "/jwks_uri");
    }
}

#[test]
fn the_key_set_is_only_read_when_asked_for() {
    let (r, _) = json_run(bin().args(["--file", &corpus("google.json")]));
    assert!(r.jwks.is_none());
    assert!(!r.findings.iter().any(|f| f.rule.starts_with("jwk")));
    bin()
        .args([
            "--file",
            &corpus("google.json"),
            "--no-jwks",
            "--jwks-file",
            &corpus("google.jwks.json"),
        ])
        .assert()
        .code(2);
}

/// A value every secret member gets in the property test: it must never appear in
/// any output.
const SECRET: &str = "U2VjcmV0VmFsdWVOZXZlclByaW50ZWQ";

const MEMBERS: &[&str] = &[
    "kty", "crv", "n", "e", "x", "y", "use", "key_ops", "alg", "kid", "x5c", "x5t", "x5t#S256",
    "x5u",
];

fn member_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            "RSA",
            "EC",
            "OKP",
            "oct",
            "P-256",
            "P-521",
            "secp256k1",
            "X25519",
            "Ed25519",
            "sig",
            "enc",
            "RS256",
            "ES256",
            "EdDSA",
            "RSA-OAEP",
            "AQAB",
            "AQAB==",
            "AA",
            "",
            "MIIBkTCB+wIJAO",
            "http://x",
            "https://x",
        ])
        .prop_map(Value::from),
        "[A-Za-z0-9_+/=-]{0,90}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        prop::collection::vec("[a-zA-Z+/=]{0,12}", 0..4).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!({})),
    ]
}

fn key() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((prop::sample::select(MEMBERS), member_value()), 0..10),
        prop::collection::vec(prop::sample::select(vec!["d", "p", "k", "oth"]), 0..2),
    )
        .prop_map(|(members, secrets)| {
            let mut m: Map<String, Value> = members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            for s in secrets {
                m.insert(s.to_string(), Value::from(SECRET));
            }
            Value::Object(m)
        })
}

fn key_set() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => prop::collection::vec(prop_oneof![9 => key(), 1 => member_value()], 0..6)
            .prop_map(|keys| json!({ "keys": keys })),
        1 => member_value().prop_map(|v| json!({ "keys": v })),
        1 => key(),
    ]
}

fn check_and_render(set: Value, algs: Vec<&'static str>) {
    render_key_bytes(serde_json::to_vec(&set).expect("serialise"), algs);
}

/// Inspect a fixed document that advertises `algs` with `keys` as its key set,
/// and write the report in every format.
fn render_key_bytes(keys: Vec<u8>, algs: Vec<&'static str>) {
    let doc = Document::from_map(
        json!({
            "issuer": "https://idp.example.com",
            "jwks_uri": "https://idp.example.com/jwks",
            "id_token_signing_alg_values_supported": algs,
            "userinfo_signing_alg_values_supported": ["ES384", "EdDSA"],
        })
        .as_object()
        .cloned()
        .unwrap_or_default(),
    );
    let body = serde_json::to_vec(&doc.value).expect("serialise");
    let input = Input::memory("doc.json", body, WellKnown::OpenidConfiguration)
        .expect_issuer("https://idp.example.com")
        .with_keys(Keys::Memory(keys));
    let settings = Settings {
        profiles: vec![Profile::Oidc, Profile::Fapi2],
        ..Settings::default()
    };
    let report = oidc_inspect::inspect(&input, &settings).expect("default settings");
    for format in [
        oidc_inspect::emit::Format::Table,
        oidc_inspect::emit::Format::Lint,
        oidc_inspect::emit::Format::Json,
    ] {
        let mut out = Vec::new();
        emit::emitter(format, Style::plain())
            .emit(&report, &mut out)
            .expect("write to memory");
        let text = String::from_utf8(out).expect("UTF-8 output");
        assert!(
            !text.contains(SECRET),
            "a secret reached the {format:?} output"
        );
        assert!(
            !text
                .chars()
                .any(|c| oidc_inspect::sanitize::is_unsafe(c) && c != '\n'),
            "raw control character in {format:?} output"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_key_sets_never_panic_or_leak(
        set in key_set(),
        algs in prop::collection::vec(prop::sample::select(vec!["RS256", "ES256", "PS256", "EdDSA", "HS256", "none", "plain"]), 0..4),
    ) {
        check_and_render(set, algs);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_key_set_parser(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        render_key_bytes(bytes, vec!["RS256"]);
    }
}

// ------------------------------------------------------------ against a server

/// A provider on loopback: the discovery document at the well-known path (with
/// `jwks_uri` pointing back at this server, or at `jwks_uri` when given) and the
/// key set at `/jwks` answered by `keys`.
fn provider(
    algs: &'static str,
    jwks_uri: Option<String>,
    keys: impl Fn() -> Vec<u8> + Send + Sync + 'static,
) -> Server {
    Server::http(move |req, out| {
        let host = req.header("host").unwrap_or("127.0.0.1").to_string();
        if req.path == "/.well-known/openid-configuration" {
            let uri = jwks_uri
                .clone()
                .unwrap_or_else(|| format!("http://{host}/jwks"));
            let doc = json!({
                "issuer": format!("http://{host}"),
                "authorization_endpoint": format!("http://{host}/authorize"),
                "token_endpoint": format!("http://{host}/token"),
                "jwks_uri": uri,
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": serde_json::from_str::<Value>(algs)
                    .unwrap_or_default(),
            });
            out.write_all(&common::json(&doc.to_string()))
        } else if req.path == "/jwks" {
            out.write_all(&keys())
        } else {
            out.write_all(&common::response(404, &[], b"not found"))
        }
    })
}

fn google_keys() -> Vec<u8> {
    let body = std::fs::read(corpus("google.jwks.json")).unwrap_or_default();
    common::response(200, &[("Content-Type", "application/json")], &body)
}

fn served_paths(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.path).collect()
}

#[test]
fn the_key_set_is_fetched_after_the_document() {
    let server = provider(r#"["RS256"]"#, None, google_keys);
    let (r, code) = json_run(bin().arg(server.url("")));
    assert_ne!(code, 3);
    let ks = r.jwks.expect("jwks object");
    assert_eq!(ks.url, server.url("/jwks"));
    let http = ks.http.expect("the key-set exchange");
    assert_eq!(http.status, 200);
    assert_eq!(http.final_url, server.url("/jwks"));
    let keys = ks.keys.expect("keys");
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|k| k.bits == Some(2048)));
    assert!(!r.findings.iter().any(|f| f.rule.starts_with("jwk")));
    assert_eq!(
        served_paths(&server),
        ["/.well-known/openid-configuration", "/jwks"]
    );
    let out = bin().arg(server.url("")).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Key set status"), "{table}");
    assert!(table.contains("200 · application/json"), "{table}");
}

#[test]
fn no_jwks_does_not_fetch_the_key_set() {
    let server = provider(r#"["RS256"]"#, None, google_keys);
    let (r, _) = json_run(bin().arg(server.url("")).arg("--no-jwks"));
    assert!(r.jwks.is_none());
    assert_eq!(served_paths(&server), ["/.well-known/openid-configuration"]);
}

#[test]
fn a_key_set_that_cannot_be_fetched_is_a_finding_and_the_document_is_still_checked() {
    let missing = provider(r#"["RS256"]"#, None, || {
        common::response(404, &[], b"no keys here")
    });
    let (r, code) = json_run(bin().arg(missing.url("")));
    assert_eq!(code, 1, "exit 3 is for the discovery document only");
    assert!(r.error.is_none() && r.document.is_some());
    assert!(r.findings.iter().any(|f| f.rule == "issuer-not-https"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "jwks-fetch-failed")
        .expect("jwks-fetch-failed");
    assert_eq!(f.pointer, "/jwks_uri");
    assert!(f.message.contains("404"), "{}", f.message);
    let ks = r.jwks.expect("jwks object");
    assert_eq!(ks.http.map(|h| h.status), Some(404));
    assert!(ks.keys.is_none());

    // Nothing listens on the key-set URL.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/jwks", l.local_addr().unwrap().port())
    };
    let unreachable = provider(r#"["RS256"]"#, Some(closed), google_keys);
    let (r, code) = json_run(bin().arg(unreachable.url("")));
    assert_eq!(code, 1);
    assert!(r.findings.iter().any(|f| f.rule == "jwks-fetch-failed"));
    assert!(r.jwks.is_some_and(|k| k.http.is_none() && k.keys.is_none()));
}

#[test]
fn the_key_set_exchange_is_checked_too() {
    let plain = provider(r#"["RS256", "ES256"]"#, None, || {
        let body = std::fs::read(corpus("google.jwks.json")).unwrap_or_default();
        common::response(200, &[("Content-Type", "text/plain")], &body)
    });
    let (r, _) = json_run(bin().arg(plain.url("")));
    let ct = r
        .findings
        .iter()
        .find(|f| f.rule == "jwks-content-type")
        .expect("jwks-content-type");
    assert_eq!(ct.severity, "info");
    let unbacked = r
        .findings
        .iter()
        .find(|f| f.rule == "jwks-alg-unbacked")
        .expect("ES256 has no EC key");
    assert_eq!(unbacked.pointer, "/id_token_signing_alg_values_supported/1");
    assert_eq!(unbacked.severity, "error");
}

#[test]
fn a_hostile_key_set_is_checked_in_bounded_time() {
    // Many keys sharing one kid, and a document listing one algorithm many
    // times: every check stays linear, whatever the output volume.
    let dir = tempfile::tempdir().unwrap();
    let key = r#"{"kty":"EC","kid":"same","crv":"P-256","x":"AA","y":"AA"}"#;
    let jwks = format!(r#"{{"keys":[{}]}}"#, vec![key; 20_000].join(","));
    let doc = json!({
        "issuer": "https://idp.example.com",
        "jwks_uri": "https://idp.example.com/jwks",
        "id_token_signing_alg_values_supported": vec!["RS256"; 20_000],
    });
    let jwks_path = dir.path().join("many.jwks.json");
    let doc_path = dir.path().join("many.json");
    std::fs::write(&jwks_path, jwks).unwrap();
    std::fs::write(&doc_path, doc.to_string()).unwrap();
    // Bounded by the command's own timeout (common::cli): a run that took
    // longer would be killed and have no exit status.
    let out = bin()
        .args(["--file", &doc_path.to_string_lossy()])
        .args(["--jwks-file", &jwks_path.to_string_lossy()])
        .args([
            "--max-size",
            "8000000",
            "--profile",
            "fapi2",
            "--format",
            "lint",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("jwks:/keys/19999/kid"));
}
