//! Several targets in one run, and the config file, through the binary against
//! loopback HTTPS providers.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::Value;

use crate::common::{self, IDP_HOST, Server, TestCa, fixture_rehosted, response};

/// An HTTPS provider answering after `delay` with `status` and Google's document
/// re-issued for the server's own origin.
fn idp(ca: &TestCa, delay: Duration, status: u16) -> Server {
    let port = Arc::new(OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
        std::thread::sleep(delay);
        let issuer = format!("https://{IDP_HOST}:{}", p.get().copied().unwrap_or(0));
        let body = fixture_rehosted("google.json", "https://accounts.google.com", &issuer);
        out.write_all(&response(
            status,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        ))
    });
    let _ = port.set(server.port());
    server
}

/// The command with what reaching `servers` takes (CA, `--resolve`, no key sets).
fn cmd(ca: &TestCa, servers: &[&Server]) -> assert_cmd::Command {
    let mut c = common::cli();
    c.args([
        "--no-jwks",
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
    ]);
    for s in servers {
        c.args(["--resolve", &s.resolve_arg(IDP_HOST)]);
    }
    c
}

fn target(s: &Server) -> String {
    format!("{IDP_HOST}:{}", s.port())
}

fn run(c: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = c.output().expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn three_issuers_one_failing_in_every_format() {
    let ca = TestCa::new("oidc-inspect test CA");
    let (a, b, missing) = (
        idp(&ca, Duration::ZERO, 200),
        idp(&ca, Duration::ZERO, 200),
        idp(&ca, Duration::ZERO, 404),
    );
    let targets = [target(&a), target(&missing), target(&b)];
    let servers = [&a, &b, &missing];

    let (out, err, code) = run(cmd(&ca, &servers).args(&targets).args(["--format", "json"]));
    assert_eq!(code, 3, "{err}");
    let v: Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["schema_version"], 2);
    let inputs: Vec<&str> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["target"]["input"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        inputs,
        targets.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let s = &v["summary"];
    assert_eq!(
        (s["targets"].as_u64(), s["unreachable"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(s["exit_code"], 3);
    assert_eq!(v["reports"][1]["error"]["kind"], "http-status");
    // One line on stderr names the failing target.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&targets[1]) && err.contains("HTTP status 404"),
        "{err}"
    );

    let (out, _, code) = run(cmd(&ca, &servers)
        .args(&targets)
        .args(["--format", "jsonl"]));
    assert_eq!(code, 3);
    let mut seen: Vec<String> = out
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).expect("a report per line");
            r["target"]["input"].as_str().unwrap_or("").to_string()
        })
        .collect();
    seen.sort();
    let mut want = targets.to_vec();
    want.sort();
    assert_eq!(seen, want);

    let (out, _, code) = run(cmd(&ca, &servers).args(&targets).args(["--format", "lint"]));
    assert_eq!(code, 3);
    let positions: Vec<usize> = targets
        .iter()
        .map(|t| {
            out.find(&format!("{t}/.well-known"))
                .expect("a block per target")
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "blocks out of order"
    );
    let last = out.trim_end().lines().last().unwrap_or("");
    assert!(
        last.starts_with("oidc-inspect: 3 targets checked: 1 failed (1 unreachable); "),
        "{out}"
    );

    let (out, _, code) = run(cmd(&ca, &servers).args(&targets));
    assert_eq!(code, 3);
    let summary = out.split("\n\n").next().unwrap_or("");
    for t in &targets {
        assert!(
            summary.contains(t.as_str()),
            "{t} missing from the summary:\n{summary}"
        );
    }
    assert!(summary.contains("404"), "{summary}");
    assert!(
        out.contains("3 targets checked: 1 failed (1 unreachable); "),
        "{out}"
    );

    // Without the failing one: findings at warning fail the run, not exit 3.
    let (_, _, code) = run(cmd(&ca, &servers).args([&targets[0], &targets[2]]));
    assert_eq!(code, 0);
    let (_, _, code) = run(cmd(&ca, &servers)
        .args([&targets[0], &targets[2]])
        .args(["--fail-on", "warning"]));
    assert_eq!(code, 1);
}

#[test]
fn results_keep_the_order_given_when_the_first_is_the_slowest() {
    let ca = TestCa::new("oidc-inspect test CA");
    let slow = idp(&ca, Duration::from_millis(600), 200);
    let fast = idp(&ca, Duration::ZERO, 200);
    let targets = [target(&slow), target(&fast)];
    let (out, _, code) = run(cmd(&ca, &[&slow, &fast])
        .args(&targets)
        .args(["--format", "json"]));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["reports"][0]["target"]["input"], targets[0].as_str());
    assert_eq!(v["reports"][1]["target"]["input"], targets[1].as_str());
    // Streamed lines come as they finish: the fast one first.
    let (out, _, _) = run(cmd(&ca, &[&slow, &fast])
        .args(&targets)
        .args(["--format", "jsonl"]));
    let first: Value = serde_json::from_str(out.lines().next().unwrap_or("")).expect("JSON line");
    assert_eq!(first["target"]["input"], targets[1].as_str());
}

#[test]
fn a_hanging_target_delays_only_its_own_result() {
    let ca = TestCa::new("oidc-inspect test CA");
    let hung = idp(&ca, Duration::from_secs(30), 200);
    let fine = idp(&ca, Duration::ZERO, 200);
    let (out, _, code) = run(cmd(&ca, &[&hung, &fine])
        .args([target(&hung), target(&fine)])
        .args(["--timeout", "1", "--format", "json"]));
    assert_eq!(code, 3);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["reports"][0]["error"]["kind"], "timeout");
    assert_eq!(v["reports"][1]["error"], Value::Null);
    assert_eq!(v["reports"][1]["summary"]["exit_code"], 0);
}

#[test]
fn targets_from_stdin_with_comments() {
    let ca = TestCa::new("oidc-inspect test CA");
    let (a, b) = (idp(&ca, Duration::ZERO, 200), idp(&ca, Duration::ZERO, 200));
    let list = format!(
        "# production and staging\n{}\n\n  {}   # staging\n",
        target(&a),
        target(&b)
    );
    let (out, err, code) = run(cmd(&ca, &[&a, &b])
        .args(["--targets", "-", "--format", "json"])
        .write_stdin(list));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["targets"], 2);
    assert_eq!(v["reports"][1]["target"]["input"], target(&b).as_str());
    // without --baseline the totals have no baseline counts
    for member in ["baselined", "fixed"] {
        assert!(v["summary"].get(member).is_none(), "{}", v["summary"]);
    }
}

#[test]
fn several_saved_documents() {
    let two = |format: &str| {
        run(common::cli().args([
            "--file",
            &common::fixture_arg("google.json"),
            "--file",
            &common::fixture_arg("odd-cptdawn-static-stub.json"),
            "--format",
            format,
        ]))
    };
    let (out, _, code) = two("json");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(v["reports"][0]["summary"]["exit_code"], 0);
    assert_eq!(v["reports"][1]["summary"]["exit_code"], 1);
    // the grand total names no unreachable target when there is none
    let (out, _, _) = two("lint");
    let total = out.trim_end().lines().last().unwrap_or("");
    assert!(
        total.starts_with("oidc-inspect: 2 targets checked: 1 failed; "),
        "{total}"
    );
}

#[test]
fn one_target_keeps_the_single_report_shape() {
    let (out, _, _) = run(common::cli().args([
        "--file",
        &common::fixture_arg("google.json"),
        "--format",
        "json",
    ]));
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(v.get("reports").is_none() && v.get("findings").is_some());
}

/// A directory with a config file and the documents it names.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("fixtures/sub")).expect("mkdir");
    for (name, to) in [
        ("google.json", "fixtures/google.json"),
        ("odd-cptdawn-static-stub.json", "fixtures/stub.json"),
    ] {
        std::fs::copy(common::fixture_path(name), dir.path().join(to)).expect("copy fixture");
    }
    std::fs::write(dir.path().join("oidc-inspect.toml"), config).expect("write config");
    dir
}

fn in_dir(dir: &Path) -> assert_cmd::Command {
    let mut c = common::cli();
    c.current_dir(dir);
    c
}

#[test]
fn the_config_file_is_found_from_a_subdirectory_and_flags_override_it() {
    let dir = project(
        r#"
fail-on = "warning"

[rules]
allow = ["bcp-"]

[[targets]]
file = "fixtures/google.json"

[[targets]]
file = "fixtures/stub.json"
profiles = ["oauth"]
"#,
    );
    let sub = dir.path().join("fixtures/sub");
    let (out, err, code) = run(in_dir(&sub).args(["--format", "json"]));
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(
        v["config"]
            .as_str()
            .is_some_and(|c| c.ends_with("oidc-inspect.toml")),
        "{}",
        v["config"]
    );
    assert_eq!(v["summary"]["targets"], 2);
    let reports = v["reports"].as_array().expect("reports");
    assert!(reports.iter().all(|r| r["summary"]["fail_on"] == "warning"));
    let rules: Vec<&str> = reports
        .iter()
        .flat_map(|r| r["findings"].as_array().into_iter().flatten())
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.iter().any(|r| r.starts_with("bcp-")), "{rules:?}");
    assert_eq!(reports[1]["profiles"], serde_json::json!(["oauth"]));

    // Flags win over the file: --fail-on, --profile and a rule flag after [rules].
    let (out, _, _) = run(in_dir(dir.path()).args([
        "--format",
        "json",
        "--fail-on",
        "never",
        "--profile",
        "oidc",
        "--deny",
        "bcp-implicit-response-type",
    ]));
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["exit_code"], 0);
    assert_eq!(v["reports"][1]["profiles"], serde_json::json!(["oidc"]));
    assert!(
        v["reports"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["rule"] == "bcp-implicit-response-type" && f["severity"] == "error")
    );

    // TARGETs on the command line replace the file's targets; --no-config ignores it.
    let google = dir.path().join("fixtures/google.json");
    let (out, _, _) = run(in_dir(dir.path())
        .args(["--format", "json", "--file"])
        .arg(&google));
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["fail_on"], "warning");
    let (out, _, _) = run(in_dir(dir.path())
        .args(["--no-config", "--format", "json", "--file"])
        .arg(&google));
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        (v["summary"]["fail_on"].as_str(), v["config"].as_str()),
        (Some("error"), None)
    );
}

#[test]
fn config_mistakes_exit_2_naming_file_line_and_key() {
    for (text, line, words) in [
        (
            "jobs = 4\n[http]\ntimout = 5\n",
            3,
            "did you mean `timeout`",
        ),
        ("fail-on = \"sometimes\"\n", 1, "fail-on"),
        (
            "[rules]\ndeny = [\"pkce-\",\n  \"isuer-mismatch\"]\n",
            3,
            "issuer-mismatch",
        ),
        (
            "[[targets]]\nurl = \"a.example\"\nfile = \"b.json\"\n",
            1,
            "exactly one of",
        ),
        ("profiles = [\"fapi\"\n", 1, ""),
    ] {
        let dir = project(text);
        let (out, err, code) = run(&mut in_dir(dir.path()));
        assert_eq!(code, 2, "{text}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains(&format!("oidc-inspect.toml:{line}:")),
            "{text}: {err}"
        );
        assert!(err.contains(words), "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // --config names another file; a missing one is an error too.
    let dir = project("");
    let (_, err, code) = run(in_dir(dir.path()).args(["--config", "nope.toml"]));
    assert_eq!(code, 2);
    assert!(err.contains("nope.toml"), "{err}");
    let (_, err, code) = run(&mut in_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("no [[targets]]"), "{err}");
}

#[test]
fn targets_and_files_keep_the_order_given_when_mixed() {
    let server = Server::http(|_, out| {
        out.write_all(&response(404, &[("Content-Type", "text/plain")], b"no"))
    });
    let url = server.url("");
    let google = common::fixture_arg("google.json");
    let gitlab = common::fixture_arg("gitlab.json");
    let (out, _, code) = run(common::cli().args([
        "--file", &google, &url, "--file", &gitlab, "--format", "json",
    ]));
    assert_eq!(code, 3);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let order: Vec<&str> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["target"]["input"].as_str())
        .collect();
    assert_eq!(order, [google.as_str(), url.as_str(), gitlab.as_str()]);
}
