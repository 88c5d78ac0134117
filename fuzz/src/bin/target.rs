//! `cargo afl fuzz` target `target`: see `oidc_inspect_fuzz::checks::target`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        oidc_inspect_fuzz::checks::target(data);
    });
}
