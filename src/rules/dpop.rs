//! DPoP rules (`dpop-*`, RFC 9449): the algorithms listed for DPoP proofs are
//! asymmetric signatures, never `none` or an HMAC.
//!
//! Only `dpop_signing_alg_values_supported` is read. Whether a listed name is a
//! registered algorithm at all is `alg-unknown`'s question (auth.rs), not this
//! family's.

use serde_json::Value;

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const DPOP_ALG_NONE: Rule = Rule {
    id: "dpop-alg-none",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`none` is listed in `dpop_signing_alg_values_supported`",
    spec: "RFC 9449 §4.2, §5.1, §11.6",
    explanation: "A DPoP proof MUST be signed with an asymmetric algorithm and its `alg` MUST NOT be `none`: an \
                  unsigned proof proves possession of nothing, so a stolen token could be replayed freely.",
    fix: "remove `none`; list asymmetric algorithms such as `ES256` or `PS256`",
    bad: r#"{"dpop_signing_alg_values_supported": ["ES256", "none"]}"#,
    good: r#"{"dpop_signing_alg_values_supported": ["ES256"]}"#,
};

pub const DPOP_ALG_SYMMETRIC: Rule = Rule {
    id: "dpop-alg-symmetric",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a symmetric (HMAC) algorithm is listed for DPoP proofs",
    spec: "RFC 9449 §4.2, §11.6",
    explanation: "DPoP proofs are signed with the client's private key so the server can check them with the \
                  public key in the proof; a MAC algorithm (`HS256`, ...) MUST NOT be used, as it would need a \
                  shared secret and proves nothing about key possession.",
    fix: "remove the `HS*` values; list asymmetric algorithms such as `ES256` or `PS256`",
    bad: r#"{"dpop_signing_alg_values_supported": ["ES256", "HS256"]}"#,
    good: r#"{"dpop_signing_alg_values_supported": ["ES256"]}"#,
};

pub const RULES: &[&Rule] = &[&DPOP_ALG_NONE, &DPOP_ALG_SYMMETRIC];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(Value::Array(items)) = cx.doc.get("dpop_signing_alg_values_supported") else {
        return;
    };
    for (i, v) in items.iter().enumerate() {
        let Some(alg) = v.as_str() else { continue };
        let p = format!("/dpop_signing_alg_values_supported/{i}");
        if alg.eq_ignore_ascii_case("none") {
            out.push(
                Finding::new(&DPOP_ALG_NONE, p, "`none` is listed for DPoP proofs").actual(alg),
            );
        } else if crate::jose::is_mac(alg) {
            out.push(
                Finding::new(
                    &DPOP_ALG_SYMMETRIC,
                    p,
                    format!("`{alg}` is a MAC algorithm, not an asymmetric signature"),
                )
                .actual(alg),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{only, run};

    #[test]
    fn dpop_points_at_the_element() {
        let f = run(
            r#"{"dpop_signing_alg_values_supported": ["ES256", "HS512", "none"]}"#,
            &[],
        );
        assert_eq!(
            only(&f, "dpop-alg-symmetric")[0].pointer,
            "/dpop_signing_alg_values_supported/1"
        );
        assert_eq!(
            only(&f, "dpop-alg-none")[0].pointer,
            "/dpop_signing_alg_values_supported/2"
        );
    }
}
