//! The first five minutes: each bug a new user hit, through the binary.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::common::{self, fixture_arg};

fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().expect("run");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Run the binary with `args`, read `keep` bytes of its stdout, then close the
/// pipe; returns the exit code and stderr.
fn close_early(args: &[&str], keep: usize) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oidc-inspect"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = vec![0u8; keep];
    stdout.read_exact(&mut buf).expect("some output");
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    (child.wait().expect("wait").code().unwrap_or(-1), err)
}

/// Regression: `--format json | head -n1` printed "Broken pipe" and exited 3.
#[test]
fn a_closed_pipe_ends_quietly_in_json_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Big enough that the writer is still writing when the pipe closes.
    let members: Vec<String> = (0..20_000)
        .map(|i| format!("\"x_member_{i}\": {i}"))
        .collect();
    let doc = dir.path().join("big.json");
    std::fs::write(
        &doc,
        format!(
            "{{\"issuer\": \"https://a.example\", {}}}",
            members.join(",")
        ),
    )
    .expect("write");
    let path = doc.to_str().expect("utf-8 path");
    for format in ["json", "jsonl", "lint", "table", "sarif"] {
        let (code, err) = close_early(&["--file", path, "--format", format], 10);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
    let (code, err) = close_early(&["rules", "--format", "json"], 10);
    assert_eq!((code, err.as_str()), (0, ""));
}

/// Regression: an option before a subcommand fetched a host called `rules`.
#[test]
fn a_subcommand_after_options_gets_a_hint_and_is_never_fetched() {
    for args in [
        &["--format", "json", "rules"][..],
        &["--format", "json", "explain", "issuer-mismatch"][..],
    ] {
        let (out, err, code) = run(common::cli().args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("is a subcommand"), "{err}");
        assert!(!err.contains("resolve"), "{err}");
    }
}

/// Regression: in table and lint formats the fatal error went only to stdout.
#[test]
fn a_fatal_error_is_one_line_on_stderr_in_every_format() {
    for format in ["table", "lint", "json", "sarif", "junit", "github"] {
        let (out, err, code) = run(common::cli().args(["http://127.0.0.1:9/", "--format", format]));
        assert_eq!(code, 3, "{format}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{format}: {err}");
        assert!(lines[0].starts_with("oidc-inspect: error: "), "{err}");
        assert!(lines[0].contains("127.0.0.1:9"), "{err}");
        // stdout is not made to repeat the same line.
        assert!(!out.contains(lines[0]), "{format}: {out}");
    }
}

/// Regression: `-q --deny typo` exited 2 without a word.
#[test]
fn quiet_still_prints_usage_errors() {
    let (out, err, code) = run(common::cli().args([
        "-q",
        "--deny",
        "isuer-mismatch",
        "--file",
        &fixture_arg("google.json"),
    ]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("did you mean `issuer-mismatch`"), "{err}");
}

/// Regression: a saved RFC 8414 document was judged as OpenID.
#[test]
fn a_saved_rfc_8414_document_is_judged_by_its_content() {
    let okta = fixture_arg("okta-custom-as-auth-js-test.oauth-authorization-server.json");
    let (r, _) = crate::contract::json_run(common::cli().args(["--file", &okta]));
    assert_eq!(r.profiles, ["oauth"]);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule == "oidc-id-token-algs-missing")
    );
    // Said explicitly, the well-known kind decides.
    let (r, _) =
        crate::contract::json_run(common::cli().args(["--file", &okta, "--well-known", "oidc"]));
    assert_eq!(r.profiles, ["oidc"]);
    let (help, _, _) = run(common::cli().arg("--help"));
    assert!(help.contains("`--well-known oauth` also applies to files"));
}

#[test]
fn wording_of_value_errors() {
    let (_, err, code) = run(common::cli().args(["--timeout", "0", "x.example"]));
    assert_eq!(code, 2);
    assert!(err.contains("more than 0 and at most 86400"), "{err}");
    let (_, err, _) = run(common::cli().args(["http//idp.example.com"]));
    assert!(
        err.contains("did you mean http://idp.example.com?"),
        "{err}"
    );
}

#[test]
fn near_misses_get_help() {
    let (out, _, code) = run(common::cli().args(["explain", "bcp-"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("bcp-implicit-response-type") && out.contains("bcp-password-grant"),
        "{out}"
    );
    assert!(!out.contains("pkce-"));
    let (_, err, code) = run(common::cli().args(["explain", "ISSUER-MISMATCH"]));
    assert_eq!(code, 2);
    assert!(err.contains("`issuer-mismatch`"), "{err}");
    let (_, err, code) = run(common::cli().args(["--allow", "bcp", "--file", "x.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("write `bcp-`"), "{err}");
}

#[test]
fn rules_can_be_filtered_and_honour_columns() {
    let (out, _, code) = run(common::cli().args([
        "rules",
        "--profile",
        "fapi2",
        "--severity",
        "error",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    assert!(!rules.is_empty());
    assert!(
        rules
            .iter()
            .all(|r| r["profile"] == "fapi2" && r["severity"] == "error")
    );
    let (out, _, _) = run(common::cli().args(["rules", "pkce-", "--format", "json"]));
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    assert!(
        !rules.is_empty()
            && rules
                .iter()
                .all(|r| r["id"].as_str().is_some_and(|id| id.starts_with("pkce-")))
    );
    for width in [60usize, 100] {
        let (out, _, _) = run(common::cli().env("COLUMNS", width.to_string()).arg("rules"));
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= width && widest > width - 10, "{width}: {widest}");
    }
}

#[test]
fn help_examples_fit_on_one_line_and_placeholders_are_consistent() {
    let (help, _, _) = run(common::cli().arg("--help"));
    let examples = help.split("Examples:").nth(1).expect("examples");
    for line in examples.lines().take_while(|l| !l.is_empty()) {
        assert!(
            line.starts_with("  oidc-inspect"),
            "an example wrapped: {line:?}"
        );
        assert!(line.chars().count() <= 80, "{line}");
    }
    // Placeholders are single upper-case words.
    for p in help.split('<').skip(1).filter_map(|s| s.split('>').next()) {
        assert!(
            p.chars().all(|c| c.is_ascii_uppercase()
                || c == '_'
                || c == ':'
                || c == ' '
                || c == '='),
            "placeholder <{p}>"
        );
    }
    assert!(help.contains("--connect-timeout <SECS>"));
    assert!(help.contains("[default: none"));
    let (rules_help, _, _) = run(common::cli().args(["rules", "--help"]));
    assert!(rules_help.contains("json for scripts"));
    let (explain_help, _, _) = run(common::cli().args(["explain", "--help"]));
    assert!(explain_help.contains("json for scripts"));
}

/// clap's PowerShell and Elvish generators complete option names only, not
/// their values; the shells that can offer values do.
#[test]
fn completions_offer_rule_ids_families_and_profiles() {
    for shell in ["bash", "zsh", "fish"] {
        let (out, _, code) = run(common::cli().args(["completions", shell]));
        assert_eq!(code, 0);
        for word in ["issuer-mismatch", "bcp-", "oauth2.1", "fapi2"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    let (help, _, _) = run(common::cli().args(["completions", "--help"]));
    assert!(help.contains("bash-completion/completions") && help.contains("fish/completions"));
}

#[test]
fn the_man_page_is_committed_and_current() {
    let (page, _, code) = run(common::cli().arg("manpage"));
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/oidc-inspect.1"),
    )
    .unwrap_or_default();
    assert!(
        committed == page,
        "docs/oidc-inspect.1 is stale: run `cargo run -- manpage > docs/oidc-inspect.1`"
    );
    assert!(page.contains(".SH NAME"));
}

#[test]
fn version_names_the_commit_when_built_from_a_checkout() {
    let (out, _, _) = run(common::cli().arg("--version"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(out.starts_with(&format!("oidc-inspect {version}")), "{out}");
    if std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".git")
        .exists()
    {
        let commit = out
            .trim()
            .rsplit_once(" (")
            .map(|(_, c)| c.trim_end_matches(')'));
        assert!(
            commit.is_some_and(|c| c.len() == 7 && c.bytes().all(|b| b.is_ascii_hexdigit())),
            "{out}"
        );
    }
}

/// Regression: "is not an absolute URL: it has no scheme (not an absolute URL)".
#[test]
fn a_url_without_a_scheme_is_said_to_be_one_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("doc.json");
    let text = common::baseline_at("https://idp.example.com")
        .replace("\"https://idp.example.com/userinfo\"", "\"/userinfo\"");
    assert!(
        text.contains("\"/userinfo\""),
        "the baseline has a userinfo_endpoint"
    );
    std::fs::write(&doc, text).expect("write");
    let path = doc.to_str().expect("utf-8 path");
    let (out, _, code) = run(common::cli().args(["--file", path, "--format", "lint"]));
    assert_eq!(code, 1, "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("error[url-invalid]"))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        line,
        "error[url-invalid]: `userinfo_endpoint` is not an absolute URL: it is a relative \
         path, with no scheme or host"
    );

    // The same value typed as a TARGET, and a TARGET with nothing before "://".
    for (target, said) in [
        ("/userinfo", "is a path, with no scheme or host"),
        ("://idp.example.com", "has no scheme before \"://\""),
    ] {
        let (_, err, code) = run(common::cli().arg(target));
        assert_eq!(code, 2, "{target}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(said), "{target}: {err}");
        assert_eq!(err.matches("scheme").count(), 1, "{err}");
        assert!(!err.contains("without a base"), "{err}");
    }
}

/// Regression: `--file /missing/path.json` named the path twice, and every
/// unreadable file ended in "(os error 2)".
#[test]
fn an_unreadable_file_is_named_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().expect("utf-8 path");
    let good = fixture_arg("google.json");
    let one_line = |args: &[&str], code: i32| {
        let (_, err, got) = run(common::cli().args(args));
        assert_eq!(got, code, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert_eq!(err.matches(missing).count(), 1, "{args:?}: {err}");
        assert!(!err.contains("os error"), "{args:?}: {err}");
        err
    };
    let err = one_line(&["--file", missing], 3);
    assert_eq!(
        err.trim_end(),
        format!("oidc-inspect: error: cannot read {missing}: No such file or directory")
    );
    one_line(&["--file", &good, "--file", missing, "--format", "lint"], 3);
    one_line(&["--targets", missing], 2);
    one_line(&["--config", missing, "--file", &good], 2);
    one_line(&["--baseline", missing, "--file", &good], 2);
    one_line(&["--cacert", missing, "--file", &good], 2);

    // The table's error row names it once too (the File row names it as well).
    let (out, _, _) = run(common::cli().args(["--file", missing]));
    let error_row = out
        .lines()
        .find(|l| l.contains("Error"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(!error_row.contains(&format!("({missing})")), "{out}");

    // A key-set file: a finding, also without the system's error number.
    let (out, _, _) =
        run(common::cli().args(["--file", &good, "--jwks-file", missing, "--format", "lint"]));
    assert!(
        out.contains(&format!(
            "error[jwks-fetch-failed]: cannot read {missing}: No such file or directory\n"
        )),
        "{out}"
    );
}

/// A loopback server answering every request with `status`, `content_type`
/// and `body`.
fn serving(status: u16, content_type: &str, body: &[u8]) -> common::Server {
    common::Server::http(common::always(common::response(
        status,
        &[("Content-Type", content_type)],
        body,
    )))
}

/// Regression: an HTML login page was "expected value at line 1, column 1".
#[test]
fn an_html_page_is_called_one() {
    let page = b"\n  <!DOCTYPE html>\n<title>\x1b[31mSign in</title><body><form>...</form></body>";
    let server = serving(200, "text/html; charset=utf-8", page);
    let url = server.url("/.well-known/openid-configuration");
    let (out, err, code) = run(common::cli().args([&url, "--format", "lint"]));
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "oidc-inspect: error: the server returned text/html (`<!DOCTYPE html> \
             <title>\\x1b[31mSign in</tit…`), not JSON: a login page, a WAF, or the wrong URL?"
        ),
        "{err}"
    );
    assert!(!err.contains("line 1"), "{err}");
    // No escape reaches the terminal, on stderr or in the report.
    assert!(!err.contains('\u{1b}') && !out.contains('\u{1b}'), "{out}");
    assert!(
        out.contains("error[doc-not-json-object]: the server returned text/html"),
        "{out}"
    );

    // Same rule ids and exit status in JSON; the message says the same.
    let (r, code) = crate::contract::json_run(common::cli().arg(&url));
    assert_eq!(code, 3);
    let e = r.error.expect("an error");
    assert_eq!(e.kind, "not-json-object");
    assert!(
        e.message.starts_with("the server returned text/html"),
        "{}",
        e.message
    );
    assert!(e.message.contains("\\x1b[31m"), "{}", e.message);
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"doc-not-json-object"), "{rules:?}");
    assert!(rules.contains(&"doc-content-type"), "{rules:?}");

    // Told by the body alone: `<` first, whatever the content type.
    let server = serving(
        200,
        "application/json",
        b"<html><body>Access denied</body></html>",
    );
    let (_, err, code) = run(common::cli().arg(server.url("/")));
    assert_eq!(code, 3);
    assert!(
        err.contains("the server returned HTML (`<html><body>Access denied</body></html>`)"),
        "{err}"
    );
    // JSON that is merely broken keeps the parser's word for it.
    let server = serving(200, "application/json", b"{\"issuer\": ");
    let (_, err, _) = run(common::cli().arg(server.url("/")));
    assert!(err.contains("not valid JSON"), "{err}");
}

/// A 404 at an issuer without a path: is there a path, or is it RFC 8414's URL?
#[test]
fn a_404_for_an_issuer_without_a_path_suggests_where_else_to_look() {
    let server = serving(404, "text/html", b"<h1>Not Found</h1>");
    let origin = server.url("");
    let help = |args: &[&str]| -> Vec<String> {
        let (out, _, code) = run(common::cli().args(args).args(["--format", "lint"]));
        assert_eq!(code, 3, "{out}");
        out.lines()
            .filter(|l| l.starts_with("   = help: "))
            .map(str::to_string)
            .collect()
    };
    let hints = help(&[&origin]);
    let hint = hints
        .iter()
        .find(|l| l.contains("does the issuer have a path"))
        .unwrap_or_else(|| panic!("{hints:?}"));
    assert!(hint.contains("Keycloak: /realms/NAME"), "{hint}");
    assert!(hint.contains("Entra ID: /TENANT/v2.0"), "{hint}");
    assert!(
        hint.contains(&format!(
            "{origin}/.well-known/oauth-authorization-server (--well-known oauth)"
        )),
        "{hint}"
    );
    // Asked for RFC 8414's URL, the other way round.
    let hints = help(&[&origin, "--well-known", "oauth"]);
    assert!(
        hints.iter().any(|l| l.contains(&format!(
            "{origin}/.well-known/openid-configuration (--well-known oidc)"
        ))),
        "{hints:?}"
    );
    // An issuer with a path: RFC 8414's insertion, not the path question.
    let hints = help(&[&format!("{origin}/tenant")]);
    assert!(
        hints.iter().any(|l| l.contains(&format!(
            "{origin}/.well-known/oauth-authorization-server/tenant (--well-known oauth)"
        ))),
        "{hints:?}"
    );
    assert!(
        !hints
            .iter()
            .any(|l| l.contains("does the issuer have a path"))
    );
    // A discovery URL typed in full is taken as meant.
    let hints = help(&[&format!("{origin}/.well-known/openid-configuration")]);
    assert!(
        !hints
            .iter()
            .any(|l| l.contains("does the issuer have a path"))
    );
}

/// A saved document says which checks it went without.
#[test]
fn a_saved_document_says_what_was_not_checked() {
    let doc = fixture_arg("google.json");
    let keys = fixture_arg("google.jwks.json");
    let (r, _) = crate::contract::json_run(common::cli().args(["--file", &doc]));
    assert_eq!(
        r.skipped,
        [
            "issuer comparison (no --expect-issuer)",
            "key-set checks (no --jwks-file)",
            "transport checks: TLS, status, content type, CORS (a file)",
        ]
    );
    let (r, _) = crate::contract::json_run(common::cli().args([
        "--file",
        &doc,
        "--jwks-file",
        &keys,
        "--expect-issuer",
        "https://accounts.google.com",
    ]));
    assert_eq!(
        r.skipped,
        ["transport checks: TLS, status, content type, CORS (a file)"]
    );
    let (out, _, _) = run(common::cli().args(["--file", &doc, "--format", "lint"]));
    assert!(
        out.lines().any(|l| l
            == "skipped issuer comparison (no --expect-issuer); key-set checks (no \
                --jwks-file); transport checks: TLS, status, content type, CORS (a file)"),
        "{out}"
    );
    let (out, _, _) = run(common::cli().args(["--file", &doc]));
    assert!(
        out.contains("Skipped") && out.contains("key-set checks (no --jwks-file)"),
        "{out}"
    );
    // A fetched document leaves the field out.
    let server = serving(200, "application/json", br#"{"issuer": "x"}"#);
    let (r, _) = crate::contract::json_run(common::cli().args([&server.url("/"), "--no-jwks"]));
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    let out = common::cli()
        .args([&server.url("/"), "--format", "json"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v.get("skipped").is_none(), "the field is additive: {v}");
}
