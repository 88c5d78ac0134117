//! ID token signing algorithm rules (`oidc-id-token-*`): the list is published,
//! includes RS256 unless Core §15.1's exception applies, does not allow unsigned
//! ID tokens while ID tokens travel through the browser, and notes HMAC
//! algorithms.
//!
//! Only `id_token_signing_alg_values_supported` and the response types are read.
//! Whether a name is a registered algorithm is `alg-unknown`'s question
//! (auth.rs), and FAPI 2.0's narrower list is fapi2.rs's: under `--profile fapi2`
//! RS256 is not asked for, since FAPI 2.0 forbids it.

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;

pub const ID_TOKEN_ALGS_MISSING: Rule = Rule {
    id: "oidc-id-token-algs-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`id_token_signing_alg_values_supported` is absent",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`id_token_signing_alg_values_supported` is REQUIRED: a relying party needs it to \
                  know which signature algorithms to accept on ID tokens, and token verifiers \
                  (including workload-identity consumers) rely on it.",
    fix: "publish `id_token_signing_alg_values_supported`, including `RS256`",
    bad: r#"{"$remove": ["id_token_signing_alg_values_supported"]}"#,
    good: "",
};

pub const ID_TOKEN_RS256_MISSING: Rule = Rule {
    id: "oidc-id-token-rs256-missing",
    severity: Severity::Error,
    profile: Profile::Oidc,
    summary: "`id_token_signing_alg_values_supported` does not include `RS256`",
    spec: "OpenID Connect Discovery 1.0 §3; OpenID Connect Core 1.0 §15.1; FAPI 2.0 Security Profile §5.4.1",
    explanation: "OpenID Connect Discovery §3, `id_token_signing_alg_values_supported`: \"The algorithm \
                  RS256 MUST be included.\" RS256 is the one algorithm every relying party can count on. \
                  The only exception in OpenID Connect (Core §15.1) is a provider that returns ID tokens \
                  only from the token endpoint and allows only `none`. Not reported under `--profile \
                  fapi2`: FAPI 2.0 §5.4.1 allows only PS256, ES256 and EdDSA for signatures, so a FAPI 2.0 \
                  provider cannot list RS256 (`fapi2-alg-not-allowed` reports it when it does). Not \
                  reported under `--profile workload` either, where any asymmetric algorithm serves.",
    fix: "add `RS256` to `id_token_signing_alg_values_supported` (and an RSA key to the JWK Set)",
    bad: r#"{"id_token_signing_alg_values_supported": ["ES256"]}"#,
    good: r#"{"id_token_signing_alg_values_supported": ["none"]}"#,
};

pub const ID_TOKEN_ALG_NONE_FRONT_CHANNEL: Rule = Rule {
    id: "oidc-id-token-alg-none-front-channel",
    severity: Severity::Warning,
    profile: Profile::Oidc,
    summary: "ID tokens may be unsigned (`none`) while ID tokens are returned from the authorization endpoint",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "`none` MUST NOT be used unless the response type returns no ID token from the \
                  authorization endpoint. With `id_token` response types listed, an unsigned ID token \
                  in the browser redirect could be forged by anyone.",
    fix: "remove `none` from `id_token_signing_alg_values_supported`, or stop offering response types that contain `id_token`",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256", "none"], "response_types_supported": ["code", "code id_token"]}"#,
    good: r#"{"id_token_signing_alg_values_supported": ["RS256", "none"], "response_types_supported": ["code"]}"#,
};

pub const ID_TOKEN_ALG_SYMMETRIC: Rule = Rule {
    id: "oidc-id-token-alg-symmetric",
    severity: Severity::Info,
    profile: Profile::Oidc,
    summary: "ID tokens may be signed with an HMAC algorithm (`HS256`/`HS384`/`HS512`)",
    spec: "OpenID Connect Core 1.0 §10.1",
    explanation: "HMAC-signed ID tokens use the client secret as the key, so only confidential \
                  clients can verify them, and anyone holding the secret can mint them. Allowed, \
                  but worth knowing.",
    fix: "prefer asymmetric algorithms (RS256, PS256, ES256) for ID tokens",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256", "HS256"]}"#,
    good: "",
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    const NAME: &str = "id_token_signing_alg_values_supported";
    let doc = cx.doc;
    if !doc.has(NAME) {
        out.push(Finding::new(
            &ID_TOKEN_ALGS_MISSING,
            ptr(NAME),
            "the document has no `id_token_signing_alg_values_supported`",
        ));
        return;
    }
    let Some(algs) = doc.strings(NAME) else {
        return;
    };
    let front_channel = doc
        .response_type_sets()
        .iter()
        .any(|s| s.contains("id_token"));
    // Core §15.1: back-channel-only providers that allow only `none` need no RS256.
    let none_only_exception =
        !algs.is_empty() && algs.iter().all(|a| *a == "none") && !front_channel;
    if !algs.is_empty()
        && !algs.contains(&"RS256")
        && !none_only_exception
        && !cx.profile(Profile::Workload)
        && !cx.profile(Profile::Fapi2)
    {
        out.push(
            Finding::new(
                &ID_TOKEN_RS256_MISSING,
                ptr(NAME),
                "`RS256` is not among the ID token signing algorithms",
            )
            .expected("a list including RS256")
            .actual(algs.join(", ")),
        );
    }
    for (pointer, alg) in doc.elements(NAME) {
        if alg == "none" && front_channel {
            out.push(
                Finding::new(
                    &ID_TOKEN_ALG_NONE_FRONT_CHANNEL,
                    pointer,
                    "unsigned ID tokens (`none`) are allowed while response types return ID tokens from the authorization endpoint",
                )
                .actual(alg),
            );
        } else if crate::jose::is_mac(alg) {
            out.push(
                Finding::new(
                    &ID_TOKEN_ALG_SYMMETRIC,
                    pointer,
                    format!("ID tokens may be signed with `{alg}`, keyed with the client secret"),
                )
                .actual(alg),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{fires, only, run};

    #[test]
    fn rs256_exception_and_front_channel_none() {
        // `none` only, code flow only: Core §15.1 exception
        assert!(!fires(
            &run(
                r#"{"id_token_signing_alg_values_supported": ["none"]}"#,
                &[]
            ),
            "oidc-id-token-rs256-missing"
        ));
        // `none` only with front-channel ID tokens: no exception, and a warning
        let f = run(
            r#"{"id_token_signing_alg_values_supported": ["none"], "response_types_supported": ["id_token"]}"#,
            &[],
        );
        assert!(fires(&f, "oidc-id-token-rs256-missing"));
        let n = only(&f, "oidc-id-token-alg-none-front-channel");
        assert_eq!(n[0].pointer, "/id_token_signing_alg_values_supported/0");
        // "plain" is not an algorithm (seen in a real document)
        assert!(fires(
            &run(
                r#"{"id_token_signing_alg_values_supported": ["plain"]}"#,
                &[]
            ),
            "oidc-id-token-rs256-missing"
        ));
    }
}
