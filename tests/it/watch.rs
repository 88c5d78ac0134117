//! Watching an issuer: `diff` between two snapshots, and `--baseline` so CI
//! fails only on what is new, through the binary.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use crate::common::{self, Server, fixture, fixture_arg, response};

fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn google_then_and_now() {
    let (out, _, code) = run(common::cli().args([
        "diff",
        &fixture_arg("odd-google-2015-bare-issuer.json"),
        &fixture_arg("google.json"),
    ]));
    assert_eq!(code, 1);
    for line in [
        "~ /issuer: \"accounts.google.com\" → \"https://accounts.google.com\"",
        "~ /token_endpoint_auth_methods_supported: + \"client_secret_basic\"",
        "+ /code_challenge_methods_supported: [\"plain\",\"S256\"]",
        "- /id_token_alg_values_supported",
        "- error[issuer-not-https] /issuer",
        "+ warning[pkce-plain-advertised]",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let (out, _, code) = run(common::cli().args([
        "diff",
        "--format",
        "json",
        &fixture_arg("odd-google-2015-bare-issuer.json"),
        &fixture_arg("google.json"),
    ]));
    assert_eq!(code, 1);
    let d: Value = serde_json::from_str(&out).expect("JSON");
    let changed = d["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["pointer"] == "/token_endpoint_auth_methods_supported")
        .expect("auth methods changed");
    assert_eq!(changed["change"], "elements");
    assert_eq!(changed["added"], json!(["client_secret_basic"]));
    assert_eq!(changed["removed"], json!([]));
}

/// A difference is not a set of findings: the code-scanning and test-report
/// formats are refused, not answered with the table.
#[test]
fn diff_refuses_the_formats_it_cannot_print() {
    let (old, new) = (
        fixture_arg("odd-google-2015-bare-issuer.json"),
        fixture_arg("google.json"),
    );
    for format in ["sarif", "github", "junit"] {
        let (out, err, code) = run(common::cli().args(["diff", "--format", format, &old, &new]));
        assert_eq!(code, 2, "{format}: {err}");
        assert!(out.is_empty(), "{format}: {out}");
        assert!(
            err.contains("possible values: table, lint, json, jsonl"),
            "{err}"
        );
    }
    let (table, _, _) = run(common::cli().args(["diff", &old, &new]));
    let (lint, _, code) = run(common::cli().args(["diff", "--format", "lint", &old, &new]));
    assert_eq!((code, lint), (1, table));
}

#[test]
fn a_reordered_array_is_no_difference_and_ignore_leaves_members_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut doc: Value = serde_json::from_str(&fixture("google.json")).expect("JSON");
    let a = dir.path().join("a.json");
    std::fs::write(&a, doc.to_string()).expect("write");
    if let Some(list) = doc["response_types_supported"].as_array_mut() {
        list.reverse();
    }
    doc["claims_supported"] = json!(["sub"]);
    let b = dir.path().join("b.json");
    std::fs::write(&b, doc.to_string()).expect("write");
    let (out, _, code) = run(common::cli().arg("diff").arg(&a).arg(&b));
    assert_eq!(code, 1);
    assert!(!out.contains("response_types_supported"), "{out}");
    let (out, _, code) = run(common::cli()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .args(["--ignore", "/claims_supported"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no difference"));
}

/// A plain-HTTP provider whose key set rotates when `rotated` is set: `k1` goes,
/// `k3` comes, and `k2` stays.
fn rotating_provider(rotated: Arc<AtomicBool>) -> Server {
    let google: Value = serde_json::from_str(&fixture("google.jwks.json")).expect("JSON");
    let gitlab: Value = serde_json::from_str(&fixture("gitlab.jwks.json")).expect("JSON");
    let key = |set: &Value, i: usize, kid: &str| {
        let mut k = set["keys"][i].clone();
        k["kid"] = json!(kid);
        k
    };
    let before = json!({"keys": [key(&google, 0, "k1"), key(&google, 1, "k2")]}).to_string();
    let after = json!({"keys": [key(&google, 1, "k2"), key(&gitlab, 0, "k3")]}).to_string();
    let port = Arc::new(std::sync::OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::http(move |req, out| {
        let origin = format!("http://127.0.0.1:{}", p.get().copied().unwrap_or(0));
        let body = if req.path.ends_with("/jwks") {
            if rotated.load(Ordering::SeqCst) {
                after.clone()
            } else {
                before.clone()
            }
        } else {
            json!({
                "issuer": origin,
                "jwks_uri": format!("{origin}/jwks"),
                "authorization_endpoint": format!("{origin}/authorize"),
                "token_endpoint": format!("{origin}/token"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"]
            })
            .to_string()
        };
        out.write_all(&response(
            200,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        ))
    });
    let _ = port.set(server.port());
    server
}

#[test]
fn a_key_rotation_between_two_runs_is_a_few_lines() {
    let rotated = Arc::new(AtomicBool::new(false));
    let server = rotating_provider(Arc::clone(&rotated));
    let issuer = server.url("");
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("last.json");
    let out = common::cli()
        .args([issuer.as_str(), "--format", "json"])
        .output()
        .expect("run");
    std::fs::write(&saved, &out.stdout).expect("save the report");

    // Nothing changed yet.
    let (out, _, code) = run(common::cli().arg("diff").arg(&saved).arg(&issuer));
    assert_eq!(code, 0, "{out}");

    rotated.store(true, Ordering::SeqCst);
    let (out, _, code) = run(common::cli().arg("diff").arg(&saved).arg(&issuer));
    assert_eq!(code, 1);
    let keys: Vec<&str> = out.lines().filter(|l| l.contains(" key kid ")).collect();
    assert_eq!(keys.len(), 2, "{out}");
    assert!(
        keys.iter()
            .any(|l| l.trim_start().starts_with("- key kid \"k1\" (RSA, RS256")),
        "{out}"
    );
    assert!(
        keys.iter()
            .any(|l| l.trim_start().starts_with("+ key kid \"k3\"")),
        "{out}"
    );
    assert!(out.lines().count() < 12, "not compact:\n{out}");
}

#[test]
fn a_kid_reused_for_new_key_material_is_a_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let google: Value = serde_json::from_str(&fixture("google.jwks.json")).expect("JSON");
    let doc = fixture_arg("google.json");
    let save = |name: &str, key: &Value| {
        let path = dir.path().join(name);
        let mut k = key.clone();
        k["kid"] = json!("same");
        std::fs::write(&path, json!({"keys": [k]}).to_string()).expect("write");
        let out = common::cli()
            .args(["--file", &doc, "--format", "json", "--jwks-file"])
            .arg(&path)
            .output()
            .expect("run");
        let report = dir.path().join(format!("{name}.report"));
        std::fs::write(&report, &out.stdout).expect("write");
        report
    };
    let a = save("a.jwks.json", &google["keys"][0]);
    let b = save("b.jwks.json", &google["keys"][1]);
    let (out, _, code) = run(common::cli().arg("diff").arg(&a).arg(&b));
    assert_eq!(code, 1);
    assert!(out.contains("~ key kid \"same\""), "{out}");
    assert!(out.contains("key material changed"), "{out}");
}

#[test]
fn a_side_that_cannot_be_had_is_exit_3_and_a_missing_file_is_usage() {
    let (_, err, code) =
        run(common::cli().args(["diff", "http://127.0.0.1:9/", &fixture_arg("google.json")]));
    assert_eq!(code, 3);
    assert!(err.contains("OLD"), "{err}");
    let (_, err, code) = run(common::cli().args(["diff", "missing.json", "also-missing.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc_path = dir.path().join("doc.json");
    let mut doc: Value =
        serde_json::from_str(&fixture("odd-cptdawn-static-stub.json")).expect("JSON");
    std::fs::write(&doc_path, doc.to_string()).expect("write");
    let baseline = dir.path().join("baseline.json");
    let file = doc_path.to_str().expect("utf-8 path");

    // Known problems fail the run, and the baseline is written all the same.
    let (_, _, code) = run(common::cli()
        .args(["--file", file, "--write-baseline"])
        .arg(&baseline));
    assert_eq!(code, 1);
    assert!(baseline.exists());

    // Nothing new: exit 0, everything marked as baselined.
    let (out, _, code) = run(common::cli()
        .args(["--file", file, "--format", "json", "--baseline"])
        .arg(&baseline));
    assert_eq!(code, 0, "{out}");
    let r: Value = serde_json::from_str(&out).expect("JSON");
    let findings = r["findings"].as_array().expect("findings");
    assert!(!findings.is_empty() && findings.iter().all(|f| f["baselined"] == true));
    assert_eq!(r["summary"]["errors"], 0);
    assert_eq!(
        r["summary"]["baselined"].as_u64(),
        Some(findings.len() as u64)
    );
    assert_eq!(r["summary"]["fixed"], 0);

    // Reordering a list creates nothing new either.
    doc["grant_types_supported"] = json!(["client_credentials", "authorization_code"]);
    std::fs::write(&doc_path, doc.to_string()).expect("write");
    let (_, _, code) = run(common::cli()
        .args(["--file", file, "--baseline"])
        .arg(&baseline));
    assert_eq!(code, 0);

    // A new problem: exit 1, and only it is counted.
    doc["response_types_supported"] = json!(["code", "token"]);
    std::fs::write(&doc_path, doc.to_string()).expect("write");
    let (out, _, code) = run(common::cli()
        .args([
            "--file",
            file,
            "--format",
            "json",
            "--fail-on",
            "warning",
            "--baseline",
        ])
        .arg(&baseline));
    assert_eq!(code, 1);
    let r: Value = serde_json::from_str(&out).expect("JSON");
    let new: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f.get("baselined").is_none())
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(new, ["bcp-implicit-response-type"]);
    // The response type that was missing is now there: that entry is fixed.
    assert_eq!(r["summary"]["fixed"], 1);
}

#[test]
fn a_baseline_that_does_not_parse_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    for (name, text) in [
        ("bad.json", "{not json"),
        ("doc.json", r#"{"issuer": "x"}"#),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let (out, err, code) = run(common::cli()
            .args(["--file", &stub, "--baseline"])
            .arg(&path));
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(err.contains("baseline") && err.contains(name), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn baselined_findings_are_set_apart_in_table_and_lint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stub = fixture_arg("odd-cptdawn-static-stub.json");
    let baseline = dir.path().join("b.json");
    run(common::cli()
        .args(["--file", &stub, "--write-baseline"])
        .arg(&baseline));
    for format in ["lint", "table"] {
        let (out, _, code) = run(common::cli()
            .args(["--file", &stub, "--format", format, "--baseline"])
            .arg(&baseline));
        assert_eq!(code, 0);
        assert!(
            out.contains("known (baselined, not counted): "),
            "{format}: {out}"
        );
        assert!(
            out.contains("0 errors · 0 warnings · 0 notes · "),
            "{format}: {out}"
        );
        assert!(out.contains(" baselined · 0 fixed"), "{format}: {out}");
        // The known findings are not listed as findings of their own.
        assert!(
            !out.contains("error[oidc-response-types-missing]"),
            "{format}: {out}"
        );
    }
}
