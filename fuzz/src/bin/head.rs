//! `cargo afl fuzz` target `head`: see `oidc_inspect_fuzz::checks::head`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        oidc_inspect_fuzz::checks::head(data);
    });
}
