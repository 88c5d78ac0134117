//! Locale rules (`oidc-locales-*`): `ui_locales_supported` and
//! `claims_locales_supported` hold well-formed BCP 47 language tags (RFC 5646
//! §2.1), written in canonical case.
//!
//! Well-formedness only: subtags are not looked up in the IANA registry, so a
//! well-formed tag for a language that does not exist passes.

use super::super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};

pub const LOCALES_SYNTAX: Rule = Rule {
    id: "oidc-locales-syntax",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a `ui_locales_supported` / `claims_locales_supported` entry is not a well-formed BCP 47 language tag",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; RFC 5646 §2.1",
    explanation: "Locales are BCP 47 language tags: language[-script][-region](-variant)*(-extension)*\
                  [-x-private], subtags of at most 8 letters or digits joined by `-`. Forms such as \
                  `en_US` (underscore) are not language tags, and clients matching `ui_locales` \
                  against them will fail.",
    fix: "write the locale as a BCP 47 tag, e.g. `en-US`, `zh-Hant-TW`",
    bad: r#"{"ui_locales_supported": ["en", "en_US"]}"#,
    good: r#"{"ui_locales_supported": ["en", "en-US", "zh-Hant-TW", "de-CH-1996", "i-klingon", "x-whatever"]}"#,
};

pub const LOCALES_CASING: Rule = Rule {
    id: "oidc-locales-casing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a locale is not written in the canonical case of language tags",
    spec: "RFC 5646 §2.1.1; OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "RFC 5646 §2.1.1: language tags are case-insensitive, \"there exist conventions for \
                  the capitalization of some of the subtags, but these MUST NOT be taken to carry \
                  meaning\"; the conventions are \"[ISO639-1] recommends that language codes be written in \
                  lowercase ('mn' Mongolian)\", \"[ISO15924] recommends that script codes use lowercase with \
                  the initial letter capitalized ('Cyrl' Cyrillic)\" and \"[ISO3166-1] recommends that \
                  country codes be capitalized ('MN' Mongolia)\". A recommended form not followed, hence a \
                  warning, the severity the OpenID conformance suite gives it \
                  (`CheckDiscEndpointLocalesCanonicalCasing`): clients that compare locales byte for byte, \
                  as most `ui_locales` matching does, miss `en-us` when they ask for `en-US`.",
    fix: "write the tag in canonical case (shown as the expected value)",
    bad: r#"{"claims_locales_supported": ["en-us"]}"#,
    good: r#"{"claims_locales_supported": ["en-US", "az-Latn-x-latn"]}"#,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for name in ["ui_locales_supported", "claims_locales_supported"] {
        for (pointer, tag) in cx.doc.elements(name) {
            if !well_formed_language_tag(tag) {
                out.push(
                    Finding::new(
                        &LOCALES_SYNTAX,
                        pointer,
                        format!("{tag:?} is not a well-formed BCP 47 language tag"),
                    )
                    .actual(tag)
                    .help(if tag.contains('_') {
                        format!(
                            "language tags use `-`, not `_`: write {:?}",
                            canonical_case(&tag.replace('_', "-"))
                        )
                    } else {
                        "write the locale as language[-Script][-REGION], e.g. `en-US`".to_string()
                    }),
                );
            } else {
                let canonical = canonical_case(tag);
                if canonical != tag {
                    out.push(
                        Finding::new(
                            &LOCALES_CASING,
                            pointer,
                            format!("{tag:?} is not in canonical case"),
                        )
                        .expected(canonical)
                        .actual(tag),
                    );
                }
            }
        }
    }
}

/// Tags registered before RFC 4646 that do not follow the general syntax (RFC 5646
/// §2.1 `irregular`) or do but must be taken whole (`regular`).
const GRANDFATHERED: &[&str] = &[
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

/// Whether `tag` matches the `Language-Tag` production of RFC 5646 §2.1
/// (well-formed; subtags are not looked up in the registry).
pub fn well_formed_language_tag(tag: &str) -> bool {
    if GRANDFATHERED.iter().any(|g| g.eq_ignore_ascii_case(tag)) {
        return true;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let n = subtags.len();
    let at = |i: usize| subtags.get(i).copied().unwrap_or("");
    // privateuse = "x" 1*("-" (1*8alphanum))
    let privateuse = |i: usize| at(i).eq_ignore_ascii_case("x") && i + 1 < n;
    if privateuse(0) {
        return true;
    }
    // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
    let language = at(0);
    if !alpha(language) || language.len() < 2 {
        return false;
    }
    let mut i = 1;
    if language.len() <= 3 {
        // extlang = 3ALPHA *2("-" 3ALPHA)
        while i <= 3 && i < n && at(i).len() == 3 && alpha(at(i)) {
            i += 1;
        }
    }
    // script = 4ALPHA
    if i < n && at(i).len() == 4 && alpha(at(i)) {
        i += 1;
    }
    // region = 2ALPHA / 3DIGIT
    if i < n && ((at(i).len() == 2 && alpha(at(i))) || (at(i).len() == 3 && digit(at(i)))) {
        i += 1;
    }
    // variant = 5*8alphanum / (DIGIT 3alphanum)
    while i < n
        && (at(i).len() >= 5
            || (at(i).len() == 4 && at(i).starts_with(|c: char| c.is_ascii_digit())))
    {
        i += 1;
    }
    // extension = singleton 1*("-" (2*8alphanum)), singleton any alphanum but x
    while i < n && at(i).len() == 1 && !at(i).eq_ignore_ascii_case("x") {
        i += 1;
        let start = i;
        while i < n && at(i).len() >= 2 {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if i < n && privateuse(i) {
        return true;
    }
    i == n
}

/// The case RFC 5646 §2.1.1 recommends: lowercase, except two-letter subtags
/// (uppercase) and four-letter subtags (title case) that are neither first nor
/// after a singleton.
pub fn canonical_case(tag: &str) -> String {
    let mut after_singleton = false;
    let mut parts = Vec::new();
    for (i, sub) in tag.split('-').enumerate() {
        let lower = sub.to_ascii_lowercase();
        let part = if i == 0 || after_singleton {
            lower
        } else if sub.len() == 2 {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 {
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        } else {
            lower
        };
        if sub.len() == 1 {
            after_singleton = true;
        }
        parts.push(part);
    }
    parts.join("-")
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{only, run};
    use super::*;

    #[test]
    fn language_tags() {
        for ok in [
            "en",
            "en-US",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "de-CH-1996",
            "sl-rozaj-biske",
            "es-419",
            "zh-yue-HK",
            "en-US-u-ca-gregory",
            "en-a-bbb-x-a-ccc",
            "x-private",
            "i-klingon",
            "EN-gb-OED",
            "qaa-Qaaa-QM-x-southern",
            "hy-Latn-IT-arevela",
        ] {
            assert!(well_formed_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "en_US",
            "e",
            "en-",
            "-en",
            "en--US",
            "de-419-DE",
            "a-DE",
            "ar-a-aaa-b-bbb-a-",
            "en-x",
            "toolongsubtag",
            "en-US-x",
            "1en",
            "en-a",
            "fr-ü",
        ] {
            assert!(!well_formed_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn canonical_casing() {
        assert_eq!(canonical_case("EN-us"), "en-US");
        assert_eq!(canonical_case("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(canonical_case("en-ca-X-CA"), "en-CA-x-ca");
        assert_eq!(canonical_case("az-latn-x-latn"), "az-Latn-x-latn");
        assert_eq!(canonical_case("SGN-be-fr"), "sgn-BE-FR");
        let f = run(r#"{"ui_locales_supported": ["en-us", "en_US"]}"#, &[]);
        let c = only(&f, "oidc-locales-casing");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].expected.as_deref(), Some("en-US"));
        let s = only(&f, "oidc-locales-syntax");
        assert_eq!(s[0].pointer, "/ui_locales_supported/1");
        assert!(s[0].help.as_deref().unwrap_or("").contains("en-US"));
    }
}
