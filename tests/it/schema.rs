//! The published JSON Schema of the report (`docs/report.schema.json`): current
//! with the code, and every kind of real output validates against it.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{self, Server, fixture_arg, response};

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json");
        let schema: Value =
            serde_json::from_slice(&std::fs::read(path).expect("docs/report.schema.json"))
                .expect("JSON");
        jsonschema::validator_for(&schema).expect("a valid schema")
    })
}

fn assert_valid(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).expect("JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "does not match the schema: {errors:#?}\n{text}"
    );
    v
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.output().expect("run").stdout).expect("UTF-8")
}

#[test]
fn the_schema_is_committed_and_current() {
    let generated = stdout(common::cli().arg("schema"));
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json"),
    )
    .unwrap_or_default();
    assert!(
        committed == generated,
        "docs/report.schema.json is stale: run `cargo run -- schema > docs/report.schema.json`"
    );
}

#[test]
fn real_outputs_validate() {
    let google = fixture_arg("google.json");
    let google_keys = fixture_arg("google.jwks.json");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    // A good document with its key set, and a failing one.
    let v = assert_valid(&stdout(common::cli().args([
        "--file",
        &google,
        "--jwks-file",
        &google_keys,
        "--format",
        "json",
    ])));
    assert_eq!(v["schema_version"], 2);
    assert!(
        v["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f.get("actual_value").is_some()))
    );
    let v = assert_valid(&stdout(
        common::cli().args(["--file", &stub, "--format", "json"]),
    ));
    assert_eq!(v["summary"]["exit_code"], 1);
    // A fetch failure.
    let v = assert_valid(&stdout(common::cli().args([
        "http://127.0.0.1:9/",
        "--format",
        "json",
    ])));
    assert!(v["error"].is_object());
    // A fetched document (with http) whose key set 404s.
    let server = Server::http(|req, out| {
        if req.path.ends_with("/jwks") {
            return out.write_all(&response(404, &[], b""));
        }
        out.write_all(&response(
            200,
            &[("Content-Type", "application/json")],
            br#"{"issuer": "http://127.0.0.1", "jwks_uri": "http://127.0.0.1:1/jwks"}"#,
        ))
    });
    assert_valid(&stdout(common::cli().args([
        server.url("").as_str(),
        "--format",
        "json",
    ])));
    // Several targets, and jsonl lines.
    let v = assert_valid(&stdout(common::cli().args([
        "--file",
        &google,
        "--file",
        &stub,
        "http://127.0.0.1:9/",
        "--format",
        "json",
    ])));
    assert_eq!(v["summary"]["targets"], 3);
    let lines =
        stdout(common::cli().args(["--file", &google, "--file", &stub, "--format", "jsonl"]));
    assert_eq!(lines.lines().count(), 2);
    for line in lines.lines() {
        assert_valid(line);
    }
}

#[test]
fn an_unknown_field_fails_validation() {
    let text =
        stdout(common::cli().args(["--file", &fixture_arg("google.json"), "--format", "json"]));
    let mut v: Value = serde_json::from_str(&text).expect("JSON");
    v["summary"]["surprise"] = Value::Bool(true);
    assert!(!validator().is_valid(&v));
}

/// The README's field list ("JSON output") names each member of a report once,
/// as the schema has them, and nothing else.
#[test]
fn the_readme_lists_each_report_member_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let block = readme
        .split("\n```text\nschema_version")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README's JSON field list");
    let listed: Vec<&str> = std::iter::once("schema_version")
        .chain(
            block
                .lines()
                .filter(|l| !l.starts_with(' ') && !l.trim().is_empty())
                .filter_map(|l| l.split_whitespace().next()),
        )
        .map(|name| name.trim_end_matches('?'))
        .collect();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/report.schema.json")).expect("schema"),
    )
    .expect("JSON");
    let members: Vec<&str> = schema["$defs"]["Report"]["properties"]
        .as_object()
        .expect("Report's properties")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted_listed = listed.clone();
    sorted_listed.sort_unstable();
    let mut sorted_members = members.clone();
    sorted_members.sort_unstable();
    assert_eq!(
        sorted_listed, sorted_members,
        "README field list {listed:?} against the schema's {members:?}"
    );
}
