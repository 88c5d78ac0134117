//! `cargo afl fuzz` target `document`: see `oidc_inspect_fuzz::checks::document`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        oidc_inspect_fuzz::checks::document(data);
    });
}
