//! Hostile documents served by a real loopback server, through the binary: bad
//! encodings and shapes end in a clear error (exit 3) or a correct report, huge
//! or deep input stays bounded, escape sequences never reach the terminal in any
//! format, and a closed pipe is not an error.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::cargo::cargo_bin;
use oidc_inspect::schema::{self, FieldType};
use serde_json::{Value, json};

use crate::common::{self, Server, cli as bin};
use crate::contract::{JsonReport, json_run};

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// A server answering every request with `body` as `content_type`.
fn serve(body: &[u8], content_type: &str) -> Server {
    Server::http(common::always(common::response(
        200,
        &[("Content-Type", content_type)],
        body,
    )))
}

/// `--format json` against `server`, with extra arguments. The documents here
/// are about parsing: their `jwks_uri` (some name hosts beyond loopback) is not
/// fetched.
fn inspect(server: &Server, extra: &[&str]) -> (JsonReport, i32) {
    json_run(
        bin()
            .args(["--fail-on", "never", "--no-jwks"])
            .arg(server.url(WELL_KNOWN))
            .args(extra),
    )
}

fn fired<'a>(r: &'a JsonReport, rule: &str) -> Vec<&'a str> {
    r.findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.pointer.as_str())
        .collect()
}

/// What must never be written raw: ESC, CSI (C1), BEL, OSC (C1), a bidi override.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{9d}'] {
        assert!(!text.contains(bad), "{what} contains {:?}:\n{text}", bad);
    }
}

#[test]
fn bodies_that_are_not_json_objects_exit_3_with_the_reason() {
    for (body, why) in [
        (&b""[..], "empty"),
        (b"null", "valid JSON, but null"),
        (b"[]", "an array"),
        (b"\"https://idp.example.com\"", "a string"),
        (b"{\"issuer\": \"https://idp.example", "not valid JSON"),
        (
            b"<html><body>Sign in</body></html>",
            "the server returned HTML (`<html><body>Sign in</body></html>`), not JSON",
        ),
        (
            b"{\"issuer\": \"https://idp.example.com/\xff\"}",
            "not UTF-8",
        ),
    ] {
        let server = serve(body, "application/json");
        let (r, code) = inspect(&server, &[]);
        assert_eq!(code, 3, "{why}");
        let e = r.error.as_ref().expect("error");
        assert_eq!(e.kind, "not-json-object");
        assert!(e.message.contains(why), "{why}: {}", e.message);
        assert_eq!(fired(&r, "doc-not-json-object"), vec![""], "{why}");
        assert!(r.document.is_none());
        assert_eq!(r.http.expect("http").status, 200);
    }
}

#[test]
fn a_byte_order_mark_is_reported_and_the_document_still_checked() {
    let body = [
        b"\xEF\xBB\xBF".as_slice(),
        br#"{"issuer":"http://127.0.0.1"}"#,
    ]
    .concat();
    let server = serve(&body, "application/json");
    let (r, code) = inspect(&server, &[]);
    assert_eq!(code, 0);
    assert_eq!(fired(&r, "doc-byte-order-mark"), vec![""]);
    assert!(r.document.is_some());
}

#[test]
fn valid_json_under_another_content_type_is_reported_then_checked() {
    let server = serve(
        br#"{"issuer":"http://127.0.0.1"}"#,
        "text/html; charset=utf-8",
    );
    let (r, code) = inspect(&server, &[]);
    assert_eq!(code, 0);
    assert_eq!(fired(&r, "doc-content-type"), vec!["/content_type"]);
    // Then checked: the body is the document, and the document rules ran on it.
    assert_eq!(
        r.document.as_ref().map(|d| d.get("issuer")),
        Some(Some(&json!("http://127.0.0.1")))
    );
    assert_eq!(fired(&r, "issuer-not-https"), vec!["/issuer"]);
    assert_eq!(
        fired(&r, "oidc-authorization-endpoint-missing"),
        vec!["/authorization_endpoint"]
    );
    assert!(fired(&r, "issuer-missing").is_empty());
    let quiet = serve(
        br#"{"issuer":"http://127.0.0.1"}"#,
        "Application/JSON; charset=utf-8",
    );
    let (r, _) = inspect(&quiet, &[]);
    assert!(
        fired(&r, "doc-content-type").is_empty(),
        "media types compare without case and parameters"
    );
}

#[test]
fn duplicate_members_are_reported_and_the_last_value_shown() {
    let server = serve(
        br#"{"issuer":"https://evil.example","jwks_uri":"https://a.example/k","issuer":"https://idp.example.com"}"#,
        "application/json",
    );
    let (r, _) = inspect(&server, &[]);
    assert_eq!(fired(&r, "doc-duplicate-member"), vec!["/issuer"]);
    assert_eq!(
        r.document.expect("document")["issuer"],
        "https://idp.example.com"
    );
}

/// A value of the wrong JSON type for each kind of known member.
fn wrong_value(ty: FieldType) -> Vec<Value> {
    match ty {
        FieldType::Url | FieldType::Str => vec![
            json!(42),
            json!(["https://a.example"]),
            json!({"u": 1}),
            json!(true),
        ],
        FieldType::StrArray => vec![
            json!("code"),
            json!(1),
            json!([1, "a"]),
            json!({"a": "b"}),
            json!([["x"]]),
        ],
        FieldType::Bool => vec![json!("true"), json!(0), json!(["true"]), json!({})],
        FieldType::Object => vec![json!("x"), json!([1]), json!(1)],
    }
}

#[test]
fn every_known_member_with_a_wrong_type_gets_a_type_finding() {
    for round in 0..5 {
        let mut doc = serde_json::Map::new();
        for f in schema::fields() {
            let wrong = wrong_value(f.ty);
            doc.insert(f.name.to_string(), wrong[round % wrong.len()].clone());
        }
        let server = serve(
            Value::Object(doc.clone()).to_string().as_bytes(),
            "application/json",
        );
        let (r, code) = inspect(&server, &["--max-size", "4000000"]);
        assert_eq!(code, 0, "round {round}");
        for name in doc.keys() {
            let pointer = format!("/{name}");
            let typed = r.findings.iter().any(|f| {
                (f.rule.starts_with("type-")
                    || f.rule.starts_with("issuer-not-string")
                    || f.rule == "rar-types-not-array"
                    || f.rule == "signed-metadata-not-jws")
                    && (f.pointer == pointer || f.pointer.starts_with(&format!("{pointer}/")))
            });
            assert!(
                typed,
                "round {round}: no type finding for {name} = {}",
                doc[name]
            );
        }
    }
}

#[test]
fn nulls_for_known_members_are_reported_once_as_null_and_once_as_a_type() {
    let server = serve(
        br#"{"issuer":"https://idp.example.com","jwks_uri":null,"scopes_supported":null}"#,
        "application/json",
    );
    let (r, _) = inspect(&server, &[]);
    assert_eq!(
        fired(&r, "doc-null-member"),
        vec!["/jwks_uri", "/scopes_supported"]
    );
    assert_eq!(fired(&r, "type-string-url"), vec!["/jwks_uri"]);
    assert_eq!(
        fired(&r, "type-array-of-strings"),
        vec!["/scopes_supported"]
    );
}

#[test]
fn deep_nesting_is_a_parse_error_not_a_crash() {
    let deep = format!(
        r#"{{"issuer":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let server = serve(deep.as_bytes(), "application/json");
    let (r, code) = inspect(&server, &[]);
    assert_eq!(code, 3);
    let e = r.error.expect("error");
    assert_eq!(e.kind, "not-json-object");
    assert!(e.message.contains("recursion limit"), "{}", e.message);
}

#[test]
fn three_hundred_thousand_members_are_checked() {
    let mut doc = String::from(r#"{"issuer":"https://idp.example.com""#);
    for i in 0..300_000 {
        doc.push_str(&format!(r#","m{i}":1"#));
    }
    doc.push('}');
    let server = serve(doc.as_bytes(), "application/json");
    // A large input on a debug build: allow more than the usual minute, so a
    // busy machine does not fail a test about correctness, not speed.
    let out = bin()
        .timeout(std::time::Duration::from_secs(300))
        .args(["--format", "lint", "--max-size", "8000000"])
        .arg(server.url(WELL_KNOWN))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note[doc-unknown-member]"),
        "unknown members are reported"
    );
}

#[test]
fn a_three_megabyte_string_needs_a_raised_cap_and_is_cut_in_the_table() {
    let long = "a".repeat(3 * 1024 * 1024);
    let doc = format!(
        r#"{{"issuer":"https://idp.example.com","service_documentation":"https://idp.example.com/{long}"}}"#
    );
    let server = serve(doc.as_bytes(), "application/json");
    let (r, code) = inspect(&server, &[]);
    assert_eq!(code, 3);
    assert_eq!(r.error.map(|e| e.kind).as_deref(), Some("too-large"));
    let out = bin()
        .args(["--max-size", "4000000"])
        .arg(server.url(WELL_KNOWN))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns"
    );
    assert!(
        text.len() < 64 * 1024,
        "table output is {} bytes",
        text.len()
    );
    assert!(text.contains("more bytes)"), "the cut is announced");
}

#[test]
fn escape_sequences_from_the_server_never_reach_the_terminal() {
    let doc = json!({
        "issuer": "https://idp.example.com\u{1b}[2J\u{1b}]0;pwned\u{7}",
        "authorization_endpoint": "https://idp.example.com/a\u{9b}31m",
        "x\u{1b}[31mred": "\u{202e}evil",
        "jwks_uri": ["\u{9d}8;;https://evil.example\u{9c}"],
        "response_types_supported": ["code\u{1b}[0m"]
    });
    let server = serve(doc.to_string().as_bytes(), "application/json");
    for format in ["table", "lint"] {
        let out = bin()
            .args([
                "--format",
                format,
                "--color",
                "always",
                "--expect-issuer",
                "https://idp.example.com",
            ])
            .arg(server.url(WELL_KNOWN))
            .output()
            .unwrap();
        // `--color always` adds the tool's own SGR codes: strip exactly those first.
        assert_clean(&strip_own_sgr(&out.stdout), format);
        assert_clean(&out.stderr, format);
    }
    let out = bin()
        .args(["--format", "json"])
        .arg(server.url(WELL_KNOWN))
        .output()
        .unwrap();
    assert_clean(&out.stdout, "json");
    let v: Value = serde_json::from_slice(&out.stdout).expect("still valid JSON");
    assert_eq!(
        v["document"]["authorization_endpoint"],
        "https://idp.example.com/a\u{9b}31m"
    );
}

#[test]
fn escape_sequences_in_headers_a_redirect_or_an_error_never_reach_the_terminal() {
    let redirect = Server::http(common::always(
        b"HTTP/1.1 302 Found\r\nLocation: http://[::1\x1b]0;x\x07\r\nContent-Length: 0\r\n\r\n"
            .to_vec(),
    ));
    let header = Server::http(common::always(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/\xc2\x9b5mjson\r\nContent-Length: 2\r\n\r\n{}"
            .to_vec(),
    ));
    for (server, code) in [(&redirect, 3), (&header, 1)] {
        for format in ["table", "lint", "json"] {
            let out = bin()
                .args(["--format", format])
                .arg(server.url(WELL_KNOWN))
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(code),
                "{format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_clean(&out.stdout, format);
            assert_clean(&out.stderr, format);
        }
    }
}

/// Remove SGR sequences (`ESC [ digits/; m`), which the tool itself emits for colour.
fn strip_own_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while bytes
                .get(j)
                .is_some_and(|c| c.is_ascii_digit() || *c == b';')
            {
                j += 1;
            }
            if bytes.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    // Far more output than a pipe buffers, so the tool does hit the closed pipe.
    let mut doc = String::from(r#"{"issuer":"https://idp.example.com""#);
    for i in 0..20_000 {
        doc.push_str(&format!(r#","member_{i}":"value {i}""#));
    }
    doc.push('}');
    let server = serve(doc.as_bytes(), "application/json");
    let mut child = StdCommand::new(cargo_bin("oidc-inspect"))
        .args([
            "--max-size",
            "4000000",
            "--expect-issuer",
            "https://other.example",
        ])
        .arg(server.url(WELL_KNOWN))
        .env("NO_COLOR", "1")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c1`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert!(err.is_empty(), "{err}");
}
