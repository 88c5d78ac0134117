#!/usr/bin/env bash
# Run one coverage-guided fuzz target with AFL++ for SECONDS, then print what it
# found. Needs cargo-afl (`cargo install cargo-afl --locked`, which also builds
# AFL++); CI does not fuzz, it replays fuzz/regressions/ (tests/it/regressions.rs).
#
# usage: scripts/fuzz.sh TARGET SECONDS
#   TARGET: document | keys | target | head
#
# Seeds: the corpus under tests/fixtures/corpus (documents for `document`, key
# sets for `keys`), the hostile cases under fuzz/seeds/TARGET and every saved
# regression. Findings land in fuzz/out/TARGET/default/{crashes,hangs}; after
# fixing one, copy its input to fuzz/regressions/TARGET/ so the tests replay it.
# A second run of the same target resumes where the last one stopped.
set -euo pipefail

usage() {
    echo "usage: $0 document|keys|target|head SECONDS" >&2
    exit 2
}
[ $# -eq 2 ] || usage
target=$1
seconds=$2
case "$target" in document | keys | target | head) ;; *) usage ;; esac
case "$seconds" in '' | *[!0-9]*) usage ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
if ! cargo afl --version >/dev/null 2>&1; then
    echo "cargo-afl is missing: cargo install cargo-afl --locked" >&2
    exit 2
fi

cargo afl build --release --bin "$target"

seeds="$root/fuzz/out/$target.seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
case "$target" in
document)
    for f in "$root"/tests/fixtures/corpus/*.json; do
        case "$f" in *.jwks.json) ;; *) cp "$f" "$seeds/" ;; esac
    done
    ;;
keys) cp "$root"/tests/fixtures/corpus/*.jwks.json "$seeds/" ;;
esac
cp "$root/fuzz/seeds/$target"/* "$seeds/"
if [ -d "$root/fuzz/regressions/$target" ]; then
    for f in "$root/fuzz/regressions/$target"/*; do
        [ -f "$f" ] && cp "$f" "$seeds/regression-$(basename "$f")"
    done
fi

# No UI (this runs in the background or in CI logs); resume an earlier run;
# tolerate a core_pattern that pipes to a crash reporter.
export AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
cargo afl fuzz -V "$seconds" -i "$seeds" -o "$root/fuzz/out/$target" \
    -- "$root/fuzz/target/release/$target" || status=$?

stats="$root/fuzz/out/$target/default/fuzzer_stats"
if [ -f "$stats" ]; then
    echo "== $target"
    grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|edges_found|total_edges|bitmap_cvg|saved_crashes|saved_hangs) ' "$stats"
    for kind in crashes hangs; do
        for f in "$root/fuzz/out/$target/default/$kind"/id:*; do
            [ -f "$f" ] && echo "$kind: $f"
        done
    done
fi
exit "$status"
