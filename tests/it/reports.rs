//! The CI report formats through the binary: SARIF valid against the official
//! 2.1.0 schema, GitHub workflow commands that a hostile document cannot break
//! out of, well-formed JUnit XML whatever the server sent, and `-o` writing
//! several formats from one run.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{self, Server, fixture_arg, response};

fn sarif_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
        let schema: Value =
            serde_json::from_slice(&std::fs::read(path).expect("the SARIF schema")).expect("JSON");
        jsonschema::draft7::new(&schema).expect("a valid schema")
    })
}

/// Parse SARIF output and check it against the schema.
fn valid_sarif(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
    v
}

fn run(cmd: &mut assert_cmd::Command) -> (String, i32) {
    let out = cmd.output().expect("run");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

/// A plain-HTTP provider serving `body` as its discovery document.
fn serving(body: &'static [u8]) -> Server {
    Server::http(move |_, out| {
        out.write_all(&response(
            200,
            &[("Content-Type", "application/json")],
            body,
        ))
    })
}

#[test]
fn sarif_is_valid_for_good_failing_unreachable_and_several_targets() {
    let google = fixture_arg("google.json");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    let (out, code) = run(common::cli().args(["--format", "sarif", "--file", &google]));
    assert_eq!(code, 0);
    let v = valid_sarif(&out);
    let run0 = &v["runs"][0];
    let results = run0["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            google.as_str()
        );
        assert!(r["partialFingerprints"]["oidcInspect/v1"].is_string());
    }
    // Every rule that fired is described once, with its default level and help.
    let fired: std::collections::BTreeSet<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(fired.len(), rules.len());
    assert!(rules.iter().all(|r| {
        r["help"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Spec:"))
    }));

    let (out, code) = run(common::cli().args(["--format", "sarif", "--file", &stub]));
    assert_eq!(code, 1);
    let v = valid_sarif(&out);
    assert!(
        v["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|r| r["level"] == "error")
    );

    let (out, code) = run(common::cli().args(["--format", "sarif", "http://127.0.0.1:9/"]));
    assert_eq!(code, 3);
    let v = valid_sarif(&out);
    let n = &v["runs"][0]["invocations"][0];
    assert_eq!(n["executionSuccessful"], false);
    assert_eq!(n["toolExecutionNotifications"][0]["level"], "error");

    let (out, code) =
        run(common::cli().args(["--format", "sarif", "--file", &google, "--file", &stub]));
    assert_eq!(code, 1);
    let v = valid_sarif(&out);
    assert_eq!(v["runs"].as_array().map(Vec::len), Some(1));
    let uris: std::collections::BTreeSet<&str> = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
}

#[test]
fn sarif_for_a_fetched_document_points_at_the_discovery_url() {
    let server = serving(br#"{"issuer": "http://127.0.0.1", "bogus_member": 1}"#);
    let url = server.url("/.well-known/openid-configuration");
    let (out, _) = run(common::cli().args(["--format", "sarif", "--no-jwks", &url]));
    let v = valid_sarif(&out);
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        !uris.is_empty() && uris.iter().all(|u| *u == url),
        "{uris:?}"
    );
}

#[test]
fn github_commands_survive_a_hostile_document() {
    // A member name that tries to end the command and start another, with
    // percent signs, CR/LF, colons and commas.
    let server =
        serving(b"{\"issuer\": \"x\", \"a%0A::error::pwned\\r\\n::error title=x::y,z:w\": 1}");
    let url = server.url("/.well-known/openid-configuration");
    let (out, code) = run(common::cli().args(["--format", "github", "--no-jwks", &url]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let (last, commands) = lines.split_last().expect("output");
    assert!(last.starts_with("oidc-inspect: 1 target(s)"), "{last}");
    for l in commands {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "not a workflow command: {l}"
        );
        // The message is everything after the second `::` (the runner reads a
        // command only at the start of a line); the properties hold no raw `::`.
        let rest = &l[2..];
        let (head, _) = rest.split_once("::").expect("a message");
        assert!(!head.contains("::"));
        assert!(!l.starts_with("::error::pwned"), "{l}");
        assert!(!l.contains('\r'));
    }
    // A fetched document has no file: the URL is in the message.
    assert!(commands.iter().all(|l| !l.contains(" file=")));
    assert!(
        commands
            .iter()
            .any(|l| l.contains("%250A") || l.contains("%25")),
        "{out}"
    );
}

#[test]
fn github_annotations_name_the_saved_file() {
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    let (out, code) = run(common::cli().args(["--format", "github", "--file", &stub]));
    assert_eq!(code, 1);
    let prop = stub.replace(':', "%3A").replace(',', "%2C");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error ") && l.contains(&format!("file={prop}"))),
        "{out}"
    );
}

#[test]
fn junit_is_well_formed_with_control_characters_in_the_document() {
    let server =
        serving(b"{\"issuer\": \"x\\u0000\\u001b[31m<&>\\u0007\", \"weird\\u0001<tag>\": \"]]>\"}");
    let url = server.url("/.well-known/openid-configuration");
    let (out, code) = run(common::cli().args([
        "--format",
        "junit",
        "--no-jwks",
        &url,
        "http://127.0.0.1:9/",
    ]));
    assert_eq!(code, 3);
    let doc =
        roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("not well-formed: {e}\n{out}"));
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[0].attribute("name"), Some(url.as_str()));
    assert!(
        suites[0]
            .descendants()
            .any(|n| n.has_tag_name("failure") && n.attribute("type") == Some("error"))
    );
    assert!(suites[1].descendants().any(|n| n.has_tag_name("error")));
    // A clean target gets one passing testcase.
    let google = fixture_arg("google.json");
    let (out, _) = run(common::cli().args([
        "--format", "junit", "--file", &google, "--allow", "bcp-", "--allow", "auth-", "--allow",
        "pkce-", "--allow", "oidc-",
    ]));
    let doc = roxmltree::Document::parse(&out).expect("well-formed");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert!(!cases.is_empty());
    if cases.len() == 1 {
        assert!(cases[0].children().all(|c| !c.is_element()));
    }
}

#[test]
fn one_run_writes_several_formats() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sarif = dir.path().join("oidc.sarif");
    let junit = dir.path().join("oidc.xml");
    let json = dir.path().join("report.json");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    let (out, code) = run(common::cli()
        .args(["--format", "lint", "--file", &stub, "-o"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("-o")
        .arg(format!("junit={}", junit.display()))
        .arg("--output")
        .arg(format!("json={}", json.display())));
    assert_eq!(code, 1);
    assert!(out.contains("error[oidc-response-types-missing]"), "{out}");
    valid_sarif(&std::fs::read_to_string(&sarif).expect("sarif written"));
    roxmltree::Document::parse(&std::fs::read_to_string(&junit).expect("junit written"))
        .expect("well-formed");
    let report: Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json written")).expect("JSON");
    assert_eq!(report["summary"]["exit_code"], 1);
    // Nothing else was left in the directory (no temporary files).
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 3);
}

#[test]
fn unwritable_output_paths_are_usage_errors_before_anything_is_fetched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    for target in [
        dir.path().join("missing/dir/out.sarif"),
        dir.path().to_path_buf(),
    ] {
        let out = common::cli()
            .args(["--file", &stub, "-o"])
            .arg(format!("sarif={}", target.display()))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write there"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let out = common::cli()
        .args(["--file", &stub, "-o", "pdf=x.pdf"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

/// A pretty-printed document and the same document minified: every finding's
/// line and column point at its value, in JSON, SARIF and lint.
#[test]
fn locations_land_on_the_value_in_pretty_and_minified_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pretty = dir.path().join("pretty.json");
    let minified = dir.path().join("min.json");
    std::fs::write(
        &pretty,
        "{\n  \"issuer\": \"https://idp.example\",\n  \"authorization_endpoint\": \"https://idp.example/a\",\n  \"response_types_supported\": [\"code\"],\n  \"code_challenge_methods_supported\": [\n    \"S256\",\n    \"plain\"\n  ]\n}\n",
    )
    .expect("write");
    let one_line = "{\"issuer\":\"https://idp.example\",\"authorization_endpoint\":\"https://idp.example/a\",\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":[\"S256\",\"plain\"]}";
    std::fs::write(&minified, one_line).expect("write");
    let min_column = one_line.find("\"plain").expect("plain") as u64 + 1;
    for (path, line, column) in [(&pretty, 7, 5), (&minified, 1, min_column)] {
        let file = path.to_str().expect("utf-8 path");
        let (out, _) = run(common::cli().args(["--file", file, "--format", "json"]));
        let r: Value = serde_json::from_str(&out).expect("JSON");
        let plain = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == "pkce-plain-advertised")
            .expect("pkce-plain-advertised")
            .clone();
        assert_eq!(plain["pointer"], "/code_challenge_methods_supported/1");
        assert_eq!(
            (plain["line"].as_u64(), plain["column"].as_u64()),
            (Some(line), Some(column))
        );
        assert_eq!(plain["actual_value"], "plain");

        let (out, _) = run(common::cli().args(["--file", file, "--format", "sarif"]));
        let v = valid_sarif(&out);
        let result = v["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .find(|r| r["ruleId"] == "pkce-plain-advertised")
            .expect("result")
            .clone();
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(line), Some(column))
        );

        let (out, _) = run(common::cli().args(["--file", file, "--format", "lint"]));
        assert!(
            out.contains(&format!("--> {file}:{line}:{column}")),
            "{out}"
        );
        let caret = out
            .lines()
            .find(|l| l.contains("^ /code_challenge_methods_supported/1"))
            .expect("a caret line");
        let source = out
            .lines()
            .take_while(|l| *l != caret)
            .last()
            .expect("the source line above the caret");
        // The caret stands under the opening quote of "plain".
        let at = caret.chars().position(|c| c == '^').expect("caret");
        let under: String = source.chars().skip(at).take(6).collect();
        assert_eq!(under, "\"plain", "{source}\n{caret}");
    }
}

/// JSON strings may hold C1 controls and bidirectional overrides raw; the
/// source line under the arrow shows them escaped.
#[test]
fn the_lint_snippet_is_sanitised() {
    let server = serving(
        "{\"issuer\": \"x\", \"authorization_endpoint\": \"https://x/a\", \"response_types_supported\": [\"code\"], \"code_challenge_methods_supported\": [\"plain\", \"\u{9b}31m\u{202e}gnp.exe\"]}"
            .as_bytes(),
    );
    let url = server.url("/.well-known/openid-configuration");
    let (out, _) = run(common::cli().args(["--format", "lint", "--no-jwks", &url]));
    assert!(out.contains(&format!("--> {url}:1:")), "{out}");
    assert!(
        !out.contains('\u{9b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
}
