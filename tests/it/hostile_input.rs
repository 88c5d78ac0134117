//! Hostile documents through the binary: escape sequences must not reach the
//! terminal in any format, huge or deep input must end cleanly, and a closed pipe
//! is not an error.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::cargo::cargo_bin;

use crate::common::cli as bin;
use crate::contract::json_run;

/// What must never be written raw: ESC, CSI (C1), BEL, a bidi override.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{9d}'] {
        assert!(!text.contains(bad), "{what} contains {:?}:\n{text}", bad);
    }
}

fn write_temp(dir: &tempfile::TempDir, name: &str, body: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, body).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn escape_sequences_in_names_and_values_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let doc = serde_json::json!({
        "issuer": "https://idp.example.com\u{1b}[2J\u{1b}]0;pwned\u{7}",
        "authorization_endpoint": "https://idp.example.com/a\u{9b}31m",
        "x\u{1b}[31mred": "\u{202e}evil",
        "jwks_uri": ["\u{9d}8;;https://evil.example\u{9c}"],
        "response_types_supported": ["code\u{1b}[0m"]
    });
    let path = write_temp(&dir, "evil.json", doc.to_string().as_bytes());
    for format in ["table", "lint"] {
        let out = bin()
            .args([
                "--format",
                format,
                "--color",
                "always",
                "--file",
                &path,
                "--expect-issuer",
                "https://idp.example.com",
            ])
            .output()
            .unwrap();
        // `--color always` may add our own SGR codes: strip exactly those before checking.
        let own = regex_free_strip_sgr(&out.stdout);
        assert_clean(&own, format);
        assert_clean(&out.stderr, format);
    }
    let out = bin()
        .args(["--format", "json", "--file", &path])
        .output()
        .unwrap();
    assert_clean(&out.stdout, "json");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("still valid JSON");
    assert_eq!(
        v["document"]["authorization_endpoint"],
        "https://idp.example.com/a\u{9b}31m"
    );
}

/// Remove SGR sequences (`ESC [ digits/; m`) that the tool itself emits for colour.
fn regex_free_strip_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[test]
fn very_long_values_are_cut_and_the_table_keeps_its_width() {
    let dir = tempfile::tempdir().unwrap();
    let long = "a".repeat(3 * 1024 * 1024);
    let doc = format!(
        r#"{{"issuer":"https://idp.example.com","service_documentation":"https://idp.example.com/{long}"}}"#
    );
    let path = write_temp(&dir, "long.json", doc.as_bytes());
    // Over the default 1 MiB cap: refused, exit 3.
    let (r, code) = json_run(bin().args(["--file", &path]));
    assert_eq!(code, 3);
    assert_eq!(r.error.map(|e| e.kind).as_deref(), Some("too-large"));
    // Under a raised cap: checked, and the table stays bounded.
    let out = bin()
        .args(["--file", &path, "--max-size", "4000000"])
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
fn deep_nesting_is_a_parse_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        r#"{{"issuer":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let path = write_temp(&dir, "deep.json", deep.as_bytes());
    let (r, code) = json_run(bin().args(["--file", &path]));
    assert_eq!(code, 3);
    let e = r.error.expect("error");
    assert_eq!(e.kind, "not-json-object");
    assert!(e.message.contains("recursion limit"), "{}", e.message);
}

#[test]
fn many_members_are_checked_in_bounded_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from(r#"{"issuer":"https://idp.example.com""#);
    for i in 0..300_000 {
        doc.push_str(&format!(r#","m{i}":1"#));
    }
    doc.push('}');
    let path = write_temp(&dir, "wide.json", doc.as_bytes());
    let out = bin()
        .args(["--format", "lint", "--file", &path, "--max-size", "8000000"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
}

#[test]
fn duplicate_members_keep_the_last_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(
        &dir,
        "dup.json",
        br#"{"issuer":"https://evil.example.com","issuer":"https://idp.example.com"}"#,
    );
    let (r, _) = json_run(bin().args(["--file", &path]));
    assert_eq!(r.document.unwrap()["issuer"], "https://idp.example.com");
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    // Far more output than a pipe buffers, so the tool does hit the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from(r#"{"issuer":"https://idp.example.com""#);
    for i in 0..20_000 {
        doc.push_str(&format!(r#","member_{i}":"value {i}""#));
    }
    doc.push('}');
    let path = write_temp(&dir, "big.json", doc.as_bytes());
    let mut child = StdCommand::new(cargo_bin("oidc-inspect"))
        .args(["--file", &path, "--expect-issuer", "https://other.example"])
        .env("NO_COLOR", "1")
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
