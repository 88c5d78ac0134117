//! Real providers' documents (tests/fixtures/corpus, copied from public captures),
//! linted, and the findings compared with a reviewed snapshot
//! (tests/snapshots/corpus.txt). A change in what the rules say about a real
//! document shows up as a diff to review: a finding that is wrong per the spec is
//! a bug in the rule, not a line to accept.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test it corpus` rewrites the snapshot.

use std::path::Path;

use crate::common::cli as bin;
use crate::contract::json_run;

fn lint(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    let mut cmd = bin();
    cmd.args(["--fail-on", "never", "--file"]).arg(&path);
    // Where each document was served decides its base profile; a saved file
    // alone would be judged by its content.
    if name.contains(".oauth-authorization-server") {
        cmd.args(["--well-known", "oauth"]);
    } else {
        cmd.args(["--well-known", "oidc"]);
    }
    let jwks = dir.join(name.replace(".json", ".jwks.json"));
    if jwks.exists() {
        // Certificate expiry depends on the day the test runs (the unit tests
        // check it with a fixed date), so it stays out of the snapshot.
        cmd.arg("--jwks-file")
            .arg(&jwks)
            .args(["--allow", "jwk-x5c-expired"]);
    }
    let (report, code) = json_run(&mut cmd);
    let mut out = format!("== {name} [{}] exit {code}\n", report.profiles.join(","));
    for f in report.findings {
        out.push_str(&format!(
            "{:<7} {} {}\n",
            f.severity,
            f.rule,
            if f.pointer.is_empty() {
                "(document)"
            } else {
                &f.pointer
            }
        ));
    }
    out
}

#[test]
fn corpus_findings_match_the_reviewed_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".json") && !n.ends_with(".jwks.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "corpus has {} documents", names.len());
    let actual: String = names
        .iter()
        .map(|n| lint(&dir, n))
        .collect::<Vec<_>>()
        .join("\n");
    let snapshot = root.join("tests/snapshots/corpus.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if expected != actual {
        let diff: Vec<String> = diff_lines(&expected, &actual);
        panic!(
            "corpus findings differ from tests/snapshots/corpus.txt (review, then UPDATE_SNAPSHOTS=1):\n{}",
            diff.join("\n")
        );
    }
}

/// Lines only in one side, marked `-` (snapshot) or `+` (now), in order.
fn diff_lines(expected: &str, actual: &str) -> Vec<String> {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = Vec::new();
    for l in &e {
        if !a.contains(l) {
            out.push(format!("- {l}"));
        }
    }
    for l in &a {
        if !e.contains(l) {
            out.push(format!("+ {l}"));
        }
    }
    out
}
