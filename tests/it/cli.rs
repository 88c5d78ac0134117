//! The command line without a network: files, stdin, formats, exit codes, the
//! JSON contract, subcommands, and the committed generated files.

use std::path::Path;

use crate::common::{cli as bin, fixture_arg as fixture};

use crate::contract::json_run;

#[test]
fn json_contract_for_a_file() {
    let (r, code) = json_run(bin().args([
        "--file",
        &fixture("google.json"),
        "--expect-issuer",
        "https://accounts.google.com",
    ]));
    assert_eq!(r.schema_version, 2);
    assert_eq!(r.tool.name, "oidc-inspect");
    assert!(r.http.is_none());
    assert_eq!(
        r.target.expected_issuer.as_ref().map(|e| e.source.as_str()),
        Some("expect-issuer")
    );
    let doc = r.document.expect("document");
    assert_eq!(
        doc.get("jwks_uri").and_then(|v| v.as_str()),
        Some("https://www.googleapis.com/oauth2/v3/certs")
    );
    assert_eq!(r.summary.exit_code as i32, code);
    assert!(r.error.is_none());
    assert_eq!(r.profiles, vec!["oidc"]);
}

#[test]
fn stdin_is_read_with_file_dash() {
    let (r, _) = json_run(
        bin()
            .args([
                "--file",
                "-",
                "--expect-issuer",
                "https://token.actions.githubusercontent.com",
            ])
            .pipe_stdin(fixture("github-actions.json"))
            .expect("stdin"),
    );
    assert_eq!(
        r.document.and_then(|d| d.get("issuer").cloned()),
        Some(serde_json::json!(
            "https://token.actions.githubusercontent.com"
        ))
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    // Auth0 publishes its issuer with a trailing slash: an error when the user
    // gives the issuer without it.
    let args = [
        "--file",
        &fixture("auth0-tenant-dev-ltxchcls4igzho78.json"),
        "--expect-issuer",
        "https://dev-ltxchcls4igzho78.us.auth0.com",
    ];
    bin().args(args).assert().code(1);
    bin()
        .args(args)
        .args(["--fail-on", "never"])
        .assert()
        .code(0);
    bin()
        .args(args)
        .args([
            "--allow",
            "issuer-mismatch-trailing-slash",
            "--fail-on",
            "error",
        ])
        .assert()
        .code(0);
}

#[test]
fn quiet_prints_nothing() {
    let out = bin()
        .args([
            "-q",
            "--file",
            &fixture("auth0-tenant-dev-ltxchcls4igzho78.json"),
            "--expect-issuer",
            "https://x.example",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    bin().assert().code(2);
    bin().args(["ftp://x.example"]).assert().code(2);
    bin()
        .args([
            "--file",
            "x.json",
            "--allow",
            "issuer-mismatch-trailing-slsh",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "did you mean `issuer-mismatch-trailing-slash`",
        ));
    bin()
        .args(["idp.example.com", "--resolve", "nonsense"])
        .assert()
        .code(2);
    bin()
        .args(["idp.example.com", "--timeout", "-1"])
        .assert()
        .code(2);
    bin().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn documents_that_are_not_json_objects_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("empty.json", ""),
        ("array.json", "[]"),
        ("html.json", "<html></html>"),
        ("null.json", "null"),
        ("string.json", "\"https://idp.example.com\""),
        ("truncated.json", "{\"issuer\": \"https://a"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        let (r, code) = json_run(bin().args(["--file", p.to_str().unwrap()]));
        assert_eq!(code, 3, "{name}");
        assert_eq!(
            r.error.map(|e| e.kind),
            Some("not-json-object".to_string()),
            "{name}"
        );
        assert!(
            r.findings.iter().any(|f| f.rule == "doc-not-json-object"),
            "{name}"
        );
        assert!(r.document.is_none());
    }
    bin()
        .args(["--file", dir.path().join("missing.json").to_str().unwrap()])
        .assert()
        .code(3);
}

#[test]
fn lint_format_names_rule_pointer_values_spec_and_help() {
    let out = bin()
        .args([
            "--format",
            "lint",
            "--file",
            &fixture("auth0-tenant-dev-ltxchcls4igzho78.json"),
            "--expect-issuer",
            "https://dev-ltxchcls4igzho78.us.auth0.com",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[issuer-mismatch-trailing-slash]: "),
        "{text}"
    );
    // rustc's layout: file, line and column, the source line, and the pointer
    // beside the caret.
    assert!(
        text.contains("auth0-tenant-dev-ltxchcls4igzho78.json:2:13\n"),
        "{text}"
    );
    assert!(
        text.contains(" 2 |   \"issuer\": \"https://dev-ltxchcls4igzho78.us.auth0.com/\","),
        "{text}"
    );
    assert!(text.contains("^ /issuer"), "{text}");
    assert!(
        text.contains("   = expected: https://dev-ltxchcls4igzho78.us.auth0.com\n"),
        "{text}"
    );
    assert!(
        text.contains("   = actual:   https://dev-ltxchcls4igzho78.us.auth0.com/\n"),
        "{text}"
    );
    assert!(
        text.contains("   = spec: OpenID Connect Discovery 1.0 §4.1"),
        "{text}"
    );
    assert!(text.contains("   = help: "), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap_or("")
            .starts_with("oidc-inspect: "),
        "{text}"
    );
}

#[test]
fn table_format_shows_fields_and_findings() {
    let out = bin()
        .args([
            "--file",
            &fixture("auth0-tenant-dev-ltxchcls4igzho78.json"),
            "--expect-issuer",
            "https://dev-ltxchcls4igzho78.us.auth0.com",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("token_endpoint"), "{text}");
    assert!(text.contains("issuer-mismatch-trailing-slash"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour into a pipe");
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "fits the default width:\n{text}"
    );
}

#[test]
fn severity_flags_change_the_effective_severity_and_keep_the_default() {
    let auth0 = fixture("auth0-tenant-dev-ltxchcls4igzho78.json");
    let base = [
        "--file",
        auth0.as_str(),
        "--expect-issuer",
        "https://dev-ltxchcls4igzho78.us.auth0.com",
    ];
    let (r, _) = json_run(bin().args(base).args(["--warn", "issuer-"]));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "issuer-mismatch-trailing-slash")
        .unwrap();
    assert_eq!(f.severity, "warning");
    assert_eq!(f.default_severity.as_deref(), Some("error"));
    // An exact id beats a family prefix, whatever the order.
    let (r, _) = json_run(bin().args(base).args([
        "--deny",
        "issuer-mismatch-trailing-slash",
        "--allow",
        "issuer-",
    ]));
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "issuer-mismatch-trailing-slash" && f.severity == "error")
    );
    // Among equals, the later flag wins.
    let (r, _) = json_run(
        bin()
            .args(base)
            .args(["--deny", "issuer-", "--allow", "issuer-"]),
    );
    assert!(!r.findings.iter().any(|f| f.rule.starts_with("issuer-")));
}

#[test]
fn completions_are_committed_and_current() {
    for (shell, file) in [
        ("bash", "oidc-inspect.bash"),
        ("zsh", "_oidc-inspect"),
        ("fish", "oidc-inspect.fish"),
        ("powershell", "_oidc-inspect.ps1"),
        ("elvish", "oidc-inspect.elv"),
    ] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: run `cargo run -- completions {shell} > completions/{file}`"
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_registry() {
    let out = bin()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .unwrap_or_default();
    assert!(
        committed == out.stdout,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn rules_and_explain_read_the_registry() {
    let out = bin().args(["rules", "--format", "json"]).output().unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "issuer-mismatch" && r["severity"] == "error")
    );
    bin()
        .args(["explain", "issuer-mismatch"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "OpenID Connect Discovery 1.0 §4.3",
        ))
        .stdout(predicates::str::contains("Example that fires"));
    let out = bin()
        .args(["explain", "issuer-mismatch", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "issuer-mismatch");
}

#[test]
fn help_documents_the_exit_codes_and_groups_http_options() {
    let out = bin().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for line in [
        "Exit status:",
        "0  no finding at or above --fail-on",
        "3  a document could not be obtained",
        "4  the report could not be written",
        "With several targets: 3 if any target gave no document",
    ] {
        assert!(text.contains(line), "--help lacks {line:?}");
    }
    let http = text.find("HTTP:").expect("an HTTP heading");
    for option in [
        "--timeout",
        "--max-size",
        "--cacert",
        "--insecure",
        "--resolve",
        "--proxy",
        "--max-redirects",
    ] {
        assert!(
            text[http..].contains(option),
            "{option} is not under the HTTP heading"
        );
    }
}
