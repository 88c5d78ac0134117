//! In-process throughput of the inspection pipeline on one thread, no network:
//! every discovery document in tests/fixtures/corpus (with its `*.jwks.json` key
//! set where there is one), parsed, checked and reported from memory.
//!
//! `cargo bench --bench inspect` prints the time per pass over the corpus and,
//! from the items counter, documents per second. Two ways in:
//!
//! - `inspect_fn`: `oidc_inspect::inspect(&input, &settings)`, the one-shot
//!   entry point, which builds an HTTP client (never used here) per call;
//! - `inspector`: one `Inspector` shared by every input, as a run of many
//!   targets uses it;
//! - `per_document`: the same, one document at a time, to see which ones cost.
//!
//! The files are read once, before any measurement; each sample inspects the
//! whole corpus.

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use oidc_inspect::target::WellKnown;
use oidc_inspect::{Input, Inspector, Keys, Settings};

fn main() {
    let n = corpus().len();
    println!("corpus: {n} documents, {} with a key set", keyed());
    divan::main();
}

/// Every corpus document as an input, key set attached, read once.
fn corpus() -> &'static [Input] {
    static CORPUS: OnceLock<Vec<Input>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("tests/fixtures/corpus")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".json") && !n.ends_with(".jwks.json"))
            .collect();
        names.sort();
        assert!(!names.is_empty(), "no documents in {}", dir.display());
        names
            .iter()
            .map(|name| {
                let body = std::fs::read(dir.join(name)).expect("corpus document");
                // Where the document was served decides its base profile, as in
                // the corpus snapshot test.
                let well_known = if name.contains(".oauth-authorization-server") {
                    WellKnown::OauthAuthorizationServer
                } else {
                    WellKnown::OpenidConfiguration
                };
                let input = Input::memory(name, body, well_known);
                match std::fs::read(dir.join(name.replace(".json", ".jwks.json"))) {
                    Ok(keys) => input.with_keys(Keys::Memory(keys)),
                    Err(_) => input,
                }
            })
            .collect()
    })
}

fn keyed() -> usize {
    corpus()
        .iter()
        .filter(|i| matches!(i.keys, Keys::Memory(_)))
        .count()
}

/// `inspect()` per document: a fresh client each time, as a library caller
/// inspecting one document gets.
#[divan::bench]
fn inspect_fn(bencher: Bencher) {
    let inputs = corpus();
    let settings = Settings::default();
    bencher.counter(ItemsCount::new(inputs.len())).bench(|| {
        for input in inputs {
            let report = oidc_inspect::inspect(black_box(input), &settings)
                .expect("default settings make a client");
            black_box(report);
        }
    });
}

/// One `Inspector` for the whole corpus, as a many-target run uses it.
#[divan::bench]
fn inspector(bencher: Bencher) {
    let inputs = corpus();
    let inspector = Inspector::new(Settings::default()).expect("default settings make a client");
    bencher.counter(ItemsCount::new(inputs.len())).bench(|| {
        for input in inputs {
            black_box(inspector.inspect(black_box(input)));
        }
    });
}

fn names() -> impl Iterator<Item = String> {
    corpus().iter().map(|i| i.target.input.clone())
}

/// One document (and its key set) through a shared `Inspector`.
#[divan::bench(args = names())]
fn per_document(bencher: Bencher, name: &str) {
    let input = corpus()
        .iter()
        .find(|i| i.target.input == name)
        .expect("a corpus document");
    let inspector = Inspector::new(Settings::default()).expect("default settings make a client");
    bencher.bench(|| inspector.inspect(black_box(input)));
}
