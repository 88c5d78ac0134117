//! Algorithm-list rules (`alg-*`): every `*_alg_values_supported` and
//! `*_enc_values_supported` member of the document checked against the JOSE
//! algorithm names, and `none` where unsigned content is allowed.
//!
//! The names, and which header each belongs in (JWS `alg`, JWE `alg`, JWE `enc`),
//! come from [`crate::jose`]; this file keeps no list of algorithms of its own.
//! Whether the key set can back an advertised algorithm is a key-set rule
//! (`jwks-alg-unbacked`), not one of these.

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::jose::{self, ALGORITHMS, Header};

pub const UNKNOWN: Rule = Rule {
    id: "alg-unknown",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "an algorithm list holds a name that is not a registered JOSE algorithm",
    spec: "RFC 7518 §3.1, §4.1, §5.1; RFC 8037 §3.1; RFC 8812 §3.2",
    explanation: "Every `*_alg_values_supported` and `*_enc_values_supported` value should be a JOSE \
                  algorithm name (case-sensitive): JWS names for signing lists, JWE `alg` names for \
                  `*_encryption_alg_*`, JWE `enc` names for `*_encryption_enc_*`. Unknown names are \
                  typos, wrong case, or names from the wrong list.",
    fix: "use the registered JOSE name, e.g. `RS256`, `RSA-OAEP-256`, `A256GCM`",
    bad: r#"{"id_token_signing_alg_values_supported": ["RS256", "rs256"]}"#,
    good: r#"{"id_token_encryption_alg_values_supported": ["RSA-OAEP-256", "ECDH-ES"], "id_token_encryption_enc_values_supported": ["A256GCM"], "userinfo_signing_alg_values_supported": ["EdDSA", "ES256K"]}"#,
};

pub const NONE_USERINFO: Rule = Rule {
    id: "alg-none-userinfo",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "`none` is listed for UserInfo responses or request objects",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "Unsigned UserInfo responses and request objects are allowed (the discovery spec \
                  says servers MAY / SHOULD support `none` there); listed so you know unsigned \
                  content is accepted or produced. When `require_signed_request_object` is true, \
                  `none` for request objects is `jar-required-alg-none` instead.",
    fix: "nothing to change unless you want to require signatures",
    bad: r#"{"request_object_signing_alg_values_supported": ["RS256", "none"]}"#,
    good: r#"{"request_object_signing_alg_values_supported": ["RS256"]}"#,
};

pub const RULES: &[&Rule] = &[&UNKNOWN, &NONE_USERINFO];

/// Which header the names in a metadata member's algorithm list belong to, from
/// the member's name: JWE `enc` for `*_encryption_enc_values_supported`, JWE
/// `alg` for `*_encryption_alg_values_supported`, JWS `alg` for any other
/// `*_alg_values_supported`. `None` for other members.
pub fn member_header(name: &str) -> Option<Header> {
    if name.ends_with("_encryption_enc_values_supported") {
        Some(Header::JweEnc)
    } else if name.ends_with("_encryption_alg_values_supported") {
        Some(Header::JweAlg)
    } else if name.ends_with("_alg_values_supported") {
        Some(Header::JwsAlg)
    } else {
        None
    }
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for name in doc.value.keys() {
        let Some(usage) = member_header(name) else {
            continue;
        };
        for (pointer, value) in doc.elements(name) {
            if jose::algorithm(value).is_some_and(|a| a.header() == usage) {
                continue;
            }
            let what = match usage {
                Header::JwsAlg => "JWS algorithm",
                Header::JweAlg => "JWE key-management algorithm (`alg`)",
                Header::JweEnc => "JWE content-encryption algorithm (`enc`)",
            };
            let mut f = Finding::new(
                &UNKNOWN,
                pointer,
                format!("{value:?} is not a registered {what}"),
            )
            .actual(value);
            if let Some(known) = ALGORITHMS
                .iter()
                .find(|a| a.header() == usage && a.name.eq_ignore_ascii_case(value))
            {
                f = f.expected(known.name).help(format!(
                    "algorithm names are case-sensitive: write `{}`",
                    known.name
                ));
            } else if let Some(other) = jose::algorithm(value) {
                f = f.help(format!(
                    "`{}` is a {} name, listed in the wrong member",
                    other.name,
                    match other.header() {
                        Header::JwsAlg => "JWS",
                        Header::JweAlg => "JWE `alg`",
                        Header::JweEnc => "JWE `enc`",
                    }
                ));
            }
            out.push(f);
        }
    }
    for name in [
        "userinfo_signing_alg_values_supported",
        "request_object_signing_alg_values_supported",
    ] {
        // With signed request objects required, `none` there is a contradiction:
        // `jar-required-alg-none` says so, once.
        if name == "request_object_signing_alg_values_supported"
            && doc.is_true("require_signed_request_object")
        {
            continue;
        }
        for (pointer, value) in doc.elements(name) {
            if value == "none" {
                out.push(Finding::new(
                    &NONE_USERINFO,
                    pointer,
                    format!("`{name}` lists `none`: unsigned content is accepted or produced"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use super::*;

    #[test]
    fn member_names_select_the_table() {
        assert_eq!(
            member_header("userinfo_encryption_enc_values_supported"),
            Some(Header::JweEnc)
        );
        assert_eq!(
            member_header("authorization_encryption_alg_values_supported"),
            Some(Header::JweAlg)
        );
        assert_eq!(
            member_header("dpop_signing_alg_values_supported"),
            Some(Header::JwsAlg)
        );
        assert_eq!(member_header("claims_supported"), None);
    }

    #[test]
    fn alg_unknown_explains_case_and_wrong_list() {
        let f = run(
            r#"{"id_token_encryption_enc_values_supported": ["RSA-OAEP"], "id_token_signing_alg_values_supported": ["RS256", "es256"]}"#,
            &[],
        );
        let u: Vec<&Finding> = f.iter().filter(|f| f.rule == "alg-unknown").collect();
        assert_eq!(u.len(), 2);
        assert!(u.iter().any(|f| f.expected.as_deref() == Some("ES256")
            && f.pointer == "/id_token_signing_alg_values_supported/1"));
        assert!(
            u.iter()
                .any(|f| f.help.as_deref().unwrap_or("").contains("wrong member"))
        );
    }
}
