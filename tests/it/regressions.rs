//! Every input the fuzzers saved as a crash or a hang (`fuzz/regressions/TARGET/`),
//! replayed through the same checks the fuzz targets run (`fuzz/src/checks.rs`,
//! compiled in here), so a fixed finding stays fixed without fuzzing in CI.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/checks.rs"]
mod checks;

/// The saved inputs of one target, sorted by name.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join("regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Run `check` on each saved input of `target`; name every input that fails.
fn replay(target: &str, check: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in inputs(target) {
        let data = std::fs::read(&path).expect("read a saved input");
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail again: {failed:#?}"
    );
}

#[test]
fn document_regressions() {
    replay("document", checks::document);
}

#[test]
fn key_set_regressions() {
    replay("keys", checks::keys);
}

#[test]
fn target_regressions() {
    replay("target", checks::target);
}

#[test]
fn response_head_regressions() {
    replay("head", checks::head);
}

#[test]
fn the_seeds_pass_the_checks() {
    // The hand-written hostile seeds are inputs the targets must accept too.
    for (target, check) in [
        ("document", checks::document as fn(&[u8])),
        ("keys", checks::keys),
        ("target", checks::target),
        ("head", checks::head),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join("seeds")
            .join(target);
        let entries = std::fs::read_dir(&dir).expect("fuzz/seeds/TARGET exists");
        for entry in entries.filter_map(Result::ok) {
            let data = std::fs::read(entry.path()).expect("read a seed");
            check(&data);
        }
    }
}
