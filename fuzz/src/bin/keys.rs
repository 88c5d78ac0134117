//! `cargo afl fuzz` target `keys`: see `oidc_inspect_fuzz::checks::keys`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        oidc_inspect_fuzz::checks::keys(data);
    });
}
