//! Real providers' documents (tests/fixtures/corpus, copied from public captures),
//! linted by the binary, and the findings compared with a reviewed insta snapshot
//! (tests/it/snapshots/). A change in what the rules say about a real document
//! shows up as a snapshot diff to review: a finding that is wrong per the spec is
//! a bug in the rule, not a line to accept.
//!
//! After a change: `cargo insta review` (needs cargo-insta), or
//! `INSTA_UPDATE=always cargo test --test it corpus` and review the diff in git.
//! In CI (`CI` set) a mismatch fails and nothing is written.

use std::path::Path;

use crate::common::{cli as bin, corpus_dir};
use crate::contract::json_run;

/// Severities, loudest first: the first sort key of a document's findings.
const SEVERITIES: [&str; 3] = ["error", "warning", "info"];

/// One document's run, as the snapshot records it: a header with the profiles
/// in force and the exit status of the run under the default `--fail-on error`,
/// then one line per finding (severity, rule, pointer, message), sorted so that
/// the snapshot does not depend on the order the report lists them in.
fn lint(dir: &Path, name: &str) -> String {
    let mut cmd = bin();
    cmd.arg("--file").arg(dir.join(name));
    // Where each document was served decides its base profile; a saved file
    // alone would be judged by its content.
    if name.contains(".oauth-authorization-server") {
        cmd.args(["--well-known", "oauth"]);
    } else {
        cmd.args(["--well-known", "oidc"]);
    }
    let jwks = dir.join(name.replace(".json", ".jwks.json"));
    if jwks.exists() {
        // Whether a key's certificate has expired depends on the day the test
        // runs: the binary reads the system clock and has no option to pin it.
        // So jwk-x5c-expired stays out of the snapshot (it is informational, so
        // allowing it cannot change an exit status under `--fail-on error`); the
        // unit tests in src/rules/jwks.rs check it against a fixed date.
        cmd.arg("--jwks-file")
            .arg(&jwks)
            .args(["--allow", "jwk-x5c-expired"]);
    }
    let (report, code) = json_run(&mut cmd);
    assert!(
        report.error.is_none(),
        "{name}: no document: {:?}",
        report.error
    );
    let mut findings: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let loudness = SEVERITIES
                .iter()
                .position(|s| *s == f.severity)
                .unwrap_or_else(|| panic!("{name}: unknown severity {:?}", f.severity));
            // Where the pointer points, as people read it: `jwks:/keys/0/y`.
            let at = match (f.source.as_str(), f.pointer.as_str()) {
                ("document", "") => "(document)".to_string(),
                ("document", p) => p.to_string(),
                (source, p) => format!("{source}:{p}"),
            };
            (loudness, &f.rule, at, &f.message)
        })
        .collect();
    findings.sort();
    let mut out = format!("== {name} [{}] exit {code}\n", report.profiles.join(","));
    for (loudness, rule, pointer, message) in findings {
        out.push_str(&format!(
            "{:<7} {rule} {pointer}: {}\n",
            SEVERITIES[loudness],
            message.replace('\n', "\\n")
        ));
    }
    out
}

/// insta writes a changed snapshot over the reviewed one, and passes, when
/// `INSTA_UPDATE` is `always` or `force` (or `unseen`, for a snapshot that
/// exists), whether or not `CI` is set; `INSTA_FORCE_PASS=1` passes any
/// mismatch. Its default in CI (`auto` with `CI` set) writes nothing and fails.
/// Refuse the settings that would let a CI run accept a change nobody reviewed.
fn refuse_unreviewed_updates_in_ci() {
    let set = |var: &str| std::env::var(var).ok().filter(|v| !v.is_empty());
    let ci = set("CI").is_some_and(|v| v != "0" && v != "false");
    if !ci {
        return;
    }
    let update = set("INSTA_UPDATE");
    assert!(
        !matches!(update.as_deref(), Some("always" | "1" | "force" | "unseen")),
        "CI is set: snapshots are compared, never written (unset INSTA_UPDATE={update:?})"
    );
    assert!(
        set("INSTA_FORCE_PASS").is_none_or(|v| v == "0"),
        "CI is set: a snapshot mismatch must fail (unset INSTA_FORCE_PASS)"
    );
}

#[test]
fn corpus_findings_match_the_reviewed_snapshot() {
    refuse_unreviewed_updates_in_ci();
    let dir = corpus_dir();
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
    insta::assert_snapshot!("corpus", actual);
}
