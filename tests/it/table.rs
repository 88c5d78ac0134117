//! The table (and the lint report) as a person reads them, at fixed terminal
//! widths: the verdict first, findings before the document's members, nothing
//! wider than the terminal, URLs and JSON pointers never split, absent members
//! folded, repeated findings grouped, `--brief` and `--min-severity`.

use std::net::TcpListener;

use crate::common::{cli as bin, fixture_arg};
use crate::contract::{JsonReport, json_run};

const WIDTHS: [usize; 3] = [80, 100, 160];

/// Documents (with their key sets where the corpus has one) that the layout
/// tests run on: big, small, and odd.
const DOCUMENTS: &[&str] = &[
    "google",
    "entra-common-v2",
    "auth0-tenant-dev-ltxchcls4igzho78",
    "odd-keycloak-localhost-http",
    "odd-google-2015-bare-issuer",
    "odd-stackoverflow",
    "odd-cptdawn-static-stub",
    "odd-facebook-limited-login-2023",
];

fn corpus_args(name: &str) -> Vec<String> {
    let mut args = vec!["--file".to_string(), fixture_arg(&format!("{name}.json"))];
    let jwks = crate::common::fixture_path(&format!("{name}.jwks.json"));
    if jwks.exists() {
        args.push("--jwks-file".into());
        args.push(jwks.to_string_lossy().into_owned());
    }
    args
}

/// Run with `COLUMNS=width`; stdout and the exit code.
fn run_at(width: usize, args: &[String], extra: &[&str]) -> (String, i32) {
    let out = bin()
        .env("COLUMNS", width.to_string())
        .args(args)
        .args(extra)
        .output()
        .expect("run");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn json_of(args: &[String], extra: &[&str]) -> (JsonReport, i32) {
    json_run(bin().args(args).args(extra))
}

/// Width of the Value column of the members table (between `┆ ` and ` │`).
fn value_column(text: &str) -> usize {
    let header = text
        .lines()
        .find(|l| l.starts_with("│ Member"))
        .unwrap_or_else(|| panic!("no members table:\n{text}"));
    let value = header.split('┆').nth(1).expect("two columns");
    value.trim_end_matches('│').chars().count() - 2
}

/// Every string in the document that is a URL, with where it sits.
fn document_urls(doc: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    let mut urls = Vec::new();
    for v in doc.values() {
        let items: Vec<&serde_json::Value> = match v {
            serde_json::Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            if let Some(s) = item.as_str().filter(|s| s.starts_with("http")) {
                urls.push(s.to_string());
            }
        }
    }
    urls
}

#[test]
fn no_line_is_wider_than_the_terminal() {
    for name in DOCUMENTS {
        let args = corpus_args(name);
        for width in WIDTHS {
            let (text, _) = run_at(width, &args, &[]);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{name} at {width}: {} columns:\n{line}\n\n{text}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn document_urls_that_fit_their_column_are_never_split() {
    for name in DOCUMENTS {
        let args = corpus_args(name);
        let (report, _) = json_of(&args, &[]);
        let doc = report.document.expect("document");
        for width in WIDTHS {
            let (text, _) = run_at(width, &args, &[]);
            let column = value_column(&text);
            let members: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.starts_with("│ Member"))
                .collect();
            for url in document_urls(&doc) {
                if url.chars().count() <= column {
                    assert!(
                        members.iter().any(|l| l.contains(url.as_str())),
                        "{name} at {width} (value column {column}): {url} is split:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn pointers_are_shown_whole_on_one_line() {
    for name in DOCUMENTS {
        let args = corpus_args(name);
        let (report, _) = json_of(&args, &[]);
        for width in WIDTHS {
            let (text, _) = run_at(width, &args, &[]);
            for f in &report.findings {
                // People read key-set pointers with their `jwks:` prefix; JSON
                // says it in `source`.
                let pointer = match f.source.as_str() {
                    "jwks" => format!("jwks:{}", f.pointer),
                    "http" | "probe" => continue,
                    _ => f.pointer.clone(),
                };
                // A finding on an array element may be shown in a group under
                // the array's pointer.
                let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
                let whole = |p: &str| {
                    !p.is_empty()
                        && text
                            .lines()
                            .any(|l| l.split(['┆', '│', ',']).any(|cell| cell.trim() == p))
                };
                assert!(
                    pointer.is_empty() || whole(&pointer) || whole(parent),
                    "{name} at {width}: {} ({}) is not whole on a line:\n{text}",
                    pointer,
                    f.rule
                );
            }
        }
        // The lint report names every pointer on a `-->` line.
        let (lint, _) = run_at(100, &args, &["--format", "lint"]);
        for f in report.findings.iter().filter(|f| !f.pointer.is_empty()) {
            let shown = match f.source.as_str() {
                "jwks" => format!("jwks:{}", f.pointer),
                "http" | "probe" => continue,
                _ => f.pointer.clone(),
            };
            // On the `-->` line, or beside the caret under the source line.
            assert!(
                lint.lines()
                    .any(|l| l.starts_with(&format!("  --> {shown}"))
                        || l.ends_with(&format!("^ {shown}"))),
                "{name}: lint lacks {shown}:\n{lint}"
            );
        }
    }
}

#[test]
fn the_verdict_comes_first_and_again_last() {
    let (text, code) = run_at(80, &corpus_args("google"), &[]);
    assert_eq!(code, 0);
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(
        second.contains("PASS")
            && second.contains("0 errors · 8 warnings · 9 notes (--fail-on error)"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("PASS  0 errors · 8 warnings · 9 notes (--fail-on error)")
    );

    let (text, code) = run_at(80, &corpus_args("entra-common-v2"), &[]);
    assert_eq!(code, 1);
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(
        second.contains("FAIL") && second.contains("1 error · 7 warnings · 11 notes"),
        "{text}"
    );
    // With errors below --fail-on it passes, and says so.
    let (text, code) = run_at(80, &corpus_args("entra-common-v2"), &["--fail-on", "never"]);
    assert_eq!(code, 0);
    assert!(
        text.lines().nth(1).unwrap_or_default().contains("PASS"),
        "{text}"
    );
}

#[test]
fn the_verdict_is_coloured_on_request() {
    let args = corpus_args("entra-common-v2");
    let (text, _) = run_at(80, &args, &["--color", "always"]);
    let second = text.lines().nth(1).unwrap_or_default();
    // Red and bold, drawn by the table (never escape codes inside the text).
    assert!(
        second.contains('\u{1b}') && second.contains("FAIL"),
        "{second:?}"
    );
    let (text, _) = run_at(80, &args, &["--color", "always", "--format", "lint"]);
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.contains("\u{1b}[") && last.contains("FAIL"),
        "{last:?}"
    );
    let (text, _) = run_at(80, &args, &[]);
    assert!(
        !text.contains('\u{1b}'),
        "NO_COLOR is set by the test harness"
    );
}

#[test]
fn findings_come_before_the_members_errors_first() {
    for name in DOCUMENTS {
        let (text, _) = run_at(100, &corpus_args(name), &[]);
        let members = text
            .lines()
            .position(|l| l.starts_with("│ Member"))
            .expect("members table");
        // A finding's first line starts with its severity, left-aligned.
        let rank = |l: &str| match l.split('┆').next() {
            Some("│ error   ") => Some(3),
            Some("│ warning ") => Some(2),
            Some("│ note    ") => Some(1),
            _ => None,
        };
        let ranks: Vec<(usize, u8)> = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| rank(l).map(|r| (i, r)))
            .collect();
        assert!(!ranks.is_empty(), "{name}: no findings in\n{text}");
        assert!(
            ranks.iter().all(|(i, _)| *i < members),
            "{name}: a finding after the members:\n{text}"
        );
        assert!(
            ranks.windows(2).all(|w| w[0].1 >= w[1].1),
            "{name}: findings are not in severity order:\n{text}"
        );
    }
}

#[test]
fn absent_members_are_folded_into_one_row() {
    let (text, _) = run_at(160, &corpus_args("google"), &[]);
    assert!(!text.contains("(absent)"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("not published"))
        .collect();
    assert_eq!(rows.len(), 1, "{text}");
    // Grouped by the worst finding each has, on the row and the lines under it.
    let start = text.find("not published").unwrap_or(0);
    let folded: String = text[start..]
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        folded.contains(
            "warning: authorization_response_iss_parameter_supported, dpop_signing_alg_values_supported"
        ),
        "{folded}"
    );
    for name in [
        "registration_endpoint",
        "response_modes_supported",
        "revocation_endpoint_auth_methods_supported",
        "request_uri_parameter_supported",
    ] {
        assert!(folded.contains(name), "{name} not folded:\n{folded}");
        assert!(
            !text.lines().any(|l| l.starts_with(&format!("│ {name} "))),
            "{name} has a row of its own:\n{text}"
        );
    }
}

#[test]
fn repeated_findings_on_one_array_are_grouped() {
    let args = corpus_args("google");
    let (report, _) = json_of(&args, &[]);
    let implicit: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "bcp-implicit-response-type")
        .collect();
    assert_eq!(implicit.len(), 4, "JSON keeps one finding each");

    // Wide enough for the whole entry on one line.
    let (text, _) = run_at(220, &args, &[]);
    assert_eq!(
        text.matches("bcp-implicit-response-type").count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("token, code token, token id_token, code token id_token (4 response types)"),
        "{text}"
    );
    assert!(text.contains("/response_types_supported "), "{text}");

    let (lint, _) = run_at(100, &args, &["--format", "lint"]);
    assert_eq!(
        lint.matches("warning[bcp-implicit-response-type]").count(),
        1,
        "{lint}"
    );
    assert!(lint.contains("(4 response types)"), "{lint}");
    for (pointer, value) in [
        ("/response_types_supported/1", "token"),
        ("/response_types_supported/3", "code token"),
        ("/response_types_supported/5", "token id_token"),
        ("/response_types_supported/6", "code token id_token"),
    ] {
        assert!(
            lint.contains(&format!("  --> {pointer}  {value}\n")),
            "{pointer}:\n{lint}"
        );
    }

    // Members of one object: one entry listing them.
    let (text, _) = run_at(100, &args, &[]);
    assert_eq!(text.matches("url-endpoint-other-host").count(), 1, "{text}");
    assert!(text.contains("(5 members)"), "{text}");
    assert!(lint_has_block(
        &lint,
        "note[url-endpoint-other-host]",
        "  --> /jwks_uri  www.googleapis.com"
    ));
}

fn lint_has_block(lint: &str, head: &str, line: &str) -> bool {
    lint.split("\n\n")
        .any(|block| block.contains(head) && block.lines().any(|l| l == line))
}

#[test]
fn brief_shows_the_verdict_errors_and_warnings_only() {
    let args = corpus_args("entra-common-v2");
    let (full, code) = run_at(80, &args, &[]);
    let (text, brief_code) = run_at(80, &args, &["--brief"]);
    assert_eq!(code, brief_code);
    assert!(
        text.lines().nth(1).unwrap_or_default().contains("FAIL"),
        "{text}"
    );
    assert!(text.contains("auth-signing-algs-required"), "{text}");
    assert!(text.contains("pkce-methods-absent"), "{text}");
    for gone in ["doc-unknown-member", "│ Member", "│ Key ", "│ note "] {
        assert!(full.contains(gone), "{gone} in the full report");
        assert!(!text.contains(gone), "{gone} in --brief:\n{text}");
    }
    assert!(text.lines().count() * 2 < full.lines().count(), "{text}");

    let (lint, _) = run_at(80, &args, &["--brief", "--format", "lint"]);
    assert!(
        lint.contains("warning[auth-signing-algs-required]"),
        "{lint}"
    );
    assert!(!lint.contains("note["), "{lint}");
}

#[test]
fn min_severity_leaves_findings_out_of_every_format() {
    let args = corpus_args("google");
    let (all, code) = json_of(&args, &["--fail-on", "info"]);
    assert_eq!((all.summary.notes, code), (9, 1));

    let (r, code) = json_of(&args, &["--min-severity", "warning", "--fail-on", "info"]);
    assert!(
        r.findings.iter().all(|f| f.severity != "info"),
        "{:?}",
        r.findings
    );
    assert_eq!((r.summary.warnings, r.summary.notes), (8, 0));
    assert_eq!(code, 1, "warnings still fail --fail-on info");

    // The exit status describes what is shown.
    let (r, code) = json_of(&args, &["--min-severity", "error", "--fail-on", "warning"]);
    assert!(r.findings.is_empty());
    assert_eq!((code, r.summary.exit_code, r.summary.failed), (0, 0, false));

    let (text, _) = run_at(80, &args, &["--min-severity", "warning"]);
    assert!(
        text.lines()
            .nth(1)
            .unwrap_or_default()
            .contains("8 warnings · 0 notes"),
        "{text}"
    );
    assert!(!text.contains("│ note "), "{text}");
    assert!(!text.contains("url-endpoint-other-host"), "{text}");
    assert!(text.contains("bcp-implicit-response-type"), "{text}");

    let (lint, _) = run_at(
        80,
        &args,
        &["--min-severity", "warning", "--format", "lint"],
    );
    assert!(!lint.contains("note["), "{lint}");
    assert!(lint.contains("warning[auth-secret-only]"), "{lint}");
    assert!(
        lint.lines()
            .last()
            .unwrap_or_default()
            .ends_with("PASS  0 errors · 8 warnings · 0 notes (--fail-on error)"),
        "{lint}"
    );

    let out = bin().arg("--help").output().expect("help");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--min-severity") && help.contains("--brief"),
        "{help}"
    );
}

#[test]
fn a_failed_fetch_says_why_first() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let url = format!("http://127.0.0.1:{port}/");
    let (text, code) = run_at(80, &[url], &[]);
    assert_eq!(code, 3);
    let top: Vec<&str> = text.lines().take(5).collect();
    assert!(
        top[1].contains("FAIL") && top[1].contains("no document"),
        "{text}"
    );
    assert!(
        top.iter()
            .any(|l| l.contains("Error") && l.contains("cannot connect")),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn the_default_width_without_a_terminal_is_100() {
    let (text, _) = run_at(100, &corpus_args("entra-common-v2"), &[]);
    let out = bin()
        .args(corpus_args("entra-common-v2"))
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}
