//! From what the user typed to the URL to fetch and the issuer to expect.
//!
//! OpenID Connect Discovery §4.1 *appends* `/.well-known/openid-configuration` to
//! the issuer (after removing one terminating `/`); RFC 8414 §3.1 *inserts*
//! `/.well-known/oauth-authorization-server` between the host and the path. A
//! discovery URL given directly is taken as it is, and the issuer it implies is
//! derived by undoing the same construction. This module does no I/O.

use std::fmt;

use serde::Serialize;
use url::Url;

const OIDC_SUFFIX: &str = "/.well-known/openid-configuration";
const OAUTH_PREFIX: &str = "/.well-known/oauth-authorization-server";

/// Which well-known document is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum WellKnown {
    #[serde(rename = "openid-configuration")]
    OpenidConfiguration,
    #[serde(rename = "oauth-authorization-server")]
    OauthAuthorizationServer,
}

/// Where the expected issuer came from: it decides how strict the issuer check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IssuerSource {
    /// The user typed an issuer URL: compared exactly.
    Argument,
    /// The user typed a bare host: `https://HOST`, with or without `/` (ambiguous).
    BareHost,
    /// Derived from a discovery URL: a terminating `/` cannot be recovered.
    DiscoveryUrl,
    /// `--expect-issuer`: compared exactly.
    ExpectIssuer,
}

impl IssuerSource {
    /// Whether the trailing `/` of the issuer is known (the user wrote it out).
    pub fn exact(self) -> bool {
        matches!(self, IssuerSource::Argument | IssuerSource::ExpectIssuer)
    }
}

/// The issuer the document must name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ExpectedIssuer {
    pub value: String,
    pub source: IssuerSource,
}

/// What to inspect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Target {
    /// What the user typed (TARGET, or the `--file` path).
    pub input: String,
    /// The URL to fetch; `None` with `--file`.
    pub discovery_url: Option<String>,
    pub well_known: WellKnown,
    pub expected_issuer: Option<ExpectedIssuer>,
    /// Other well-known URLs the same issuer could publish at (RFC 8414 §5), for
    /// diagnosing a 404 on an issuer with a path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// `well_known` is only the default, not known: a saved document read without
    /// `--well-known`. Its profile is then detected from the content alone.
    #[serde(skip)]
    pub well_known_assumed: bool,
    /// For an issuer without a path (TARGET a host or an origin): the other kind
    /// of well-known URL, for diagnosing a 404.
    #[serde(skip)]
    pub other_well_known: Option<String>,
}

/// A TARGET that cannot be turned into a URL (a usage error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError(pub String);

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetError {}

impl Target {
    /// Interpret TARGET: a bare host, an issuer URL or a discovery URL.
    /// `well_known` applies to issuers; a discovery URL says which it is.
    pub fn parse(input: &str, well_known: WellKnown) -> Result<Target, TargetError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(TargetError("TARGET is empty".into()));
        }
        // Any white space, not only ASCII: a trailing U+3000 built into a discovery
        // URL would be trimmed away when that URL is read back.
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(TargetError(format!(
                "TARGET {:?} contains spaces or control characters",
                trimmed
            )));
        }
        // `http//host`, `https:/host`, `https:host`: a mistyped scheme, not a host.
        let lower = trimmed.to_ascii_lowercase();
        for scheme in ["https", "http"] {
            if let Some(rest) = lower.strip_prefix(scheme)
                && !rest.starts_with("://")
                && (rest.starts_with("//") || rest.starts_with(':'))
            {
                let host = trimmed
                    .get(scheme.len()..)
                    .unwrap_or("")
                    .trim_start_matches([':', '/']);
                return Err(TargetError(format!(
                    "TARGET {trimmed:?} looks like a mistyped URL; did you mean {scheme}://{host}?"
                )));
            }
        }
        let bare = !trimmed.contains("://");
        // `/tenant`, `/.well-known/...`: a path, as if copied from a document.
        if bare && trimmed.starts_with('/') {
            return Err(TargetError(format!(
                "TARGET {trimmed:?} is a path, with no scheme or host: give a host name or an \
                 issuer URL such as https://idp.example.com/tenant"
            )));
        }
        let text = if bare {
            format!("https://{trimmed}")
        } else {
            trimmed.to_string()
        };
        let url = Url::parse(&text).map_err(|e| match e {
            // `://idp.example.com`: the parser's "relative URL without a base".
            url::ParseError::RelativeUrlWithoutBase => TargetError(format!(
                "TARGET {trimmed:?} has no scheme before \"://\": write https://HOST"
            )),
            e => TargetError(format!("TARGET {trimmed:?} is not a URL or host name: {e}")),
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(TargetError(format!(
                "TARGET {trimmed:?} has scheme {:?}; only https (or http, for testing) can be fetched",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(TargetError(format!("TARGET {trimmed:?} has no host")));
        }
        let (origin, path) = split_origin(&text);
        // The issuer is compared as typed, so the text must split where the URL
        // parser splits it: `https:///idp.example.com` and `https://idp.example.com\a`
        // fetch from a host (and path) the typed text does not name.
        if origin.ends_with("://") || text.contains('\\') {
            return Err(TargetError(format!(
                "TARGET {trimmed:?} is not a plain URL: give the host right after \"://\" and \
                 only \"/\" between path segments"
            )));
        }
        // `.` and `..` segments (also as `%2e`) are resolved away by the URL
        // parser, so the URL fetched would not be the one built from the issuer.
        let dot_segment = path.split('/').any(|segment| {
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            segment == "." || segment == ".."
        });
        if dot_segment {
            return Err(TargetError(format!(
                "TARGET {trimmed:?} has a \".\" or \"..\" path segment, which would be resolved away \
                 before fetching; give the path without it"
            )));
        }

        // A discovery URL given directly.
        if let Some(issuer_path) = path
            .strip_suffix(OIDC_SUFFIX)
            .filter(|_| !has_query_or_fragment(&text))
        {
            // `/.well-known/openid-configuration/issuer1` is the RFC 8414-style form.
            return Ok(Target {
                input: input.to_string(),
                discovery_url: Some(text.clone()),
                well_known: WellKnown::OpenidConfiguration,
                expected_issuer: Some(ExpectedIssuer {
                    value: format!("{origin}{issuer_path}"),
                    source: IssuerSource::DiscoveryUrl,
                }),
                alternatives: Vec::new(),
                well_known_assumed: false,
                other_well_known: None,
            });
        }
        for (prefix, kind) in [
            (OAUTH_PREFIX, WellKnown::OauthAuthorizationServer),
            (OIDC_SUFFIX, WellKnown::OpenidConfiguration),
        ] {
            if let Some(rest) = path.strip_prefix(prefix)
                && (rest.is_empty() || rest.starts_with('/'))
                && !has_query_or_fragment(&text)
            {
                return Ok(Target {
                    input: input.to_string(),
                    discovery_url: Some(text.clone()),
                    well_known: kind,
                    expected_issuer: Some(ExpectedIssuer {
                        value: format!("{origin}{rest}"),
                        source: IssuerSource::DiscoveryUrl,
                    }),
                    alternatives: Vec::new(),
                    well_known_assumed: false,
                    other_well_known: None,
                });
            }
        }

        // An issuer.
        if has_query_or_fragment(&text) {
            return Err(TargetError(format!(
                "issuer {trimmed:?} has a query or fragment, which an issuer must not have \
                 (OpenID Connect Discovery §3, RFC 8414 §2); give the discovery URL itself to fetch it anyway"
            )));
        }
        if url.username() != "" || url.password().is_some() {
            return Err(TargetError(format!(
                "issuer {trimmed:?} contains user information, which an issuer must not have (OpenID Connect Core §1.2)"
            )));
        }
        let stripped = path.strip_suffix('/').unwrap_or(path);
        let oidc = format!("{origin}{stripped}{OIDC_SUFFIX}");
        let oauth = format!("{origin}{OAUTH_PREFIX}{stripped}");
        let (discovery_url, mut alternatives) = match well_known {
            WellKnown::OpenidConfiguration => (oidc, vec![oauth]),
            WellKnown::OauthAuthorizationServer => (oauth, vec![oidc]),
        };
        if !stripped.is_empty() {
            alternatives.push(format!("{origin}{OIDC_SUFFIX}{stripped}"));
        }
        alternatives.retain(|a| *a != discovery_url);
        let mut other_well_known = None;
        if stripped.is_empty() {
            other_well_known = alternatives.pop();
            alternatives.clear();
        }
        Ok(Target {
            input: input.to_string(),
            discovery_url: Some(discovery_url),
            well_known,
            expected_issuer: Some(ExpectedIssuer {
                value: text.clone(),
                source: if bare {
                    IssuerSource::BareHost
                } else {
                    IssuerSource::Argument
                },
            }),
            alternatives,
            well_known_assumed: false,
            other_well_known,
        })
    }

    /// A document read from a file or stdin: no URL, the issuer only if given.
    pub fn file(path: &str, well_known: WellKnown) -> Target {
        Target {
            input: path.to_string(),
            discovery_url: None,
            well_known,
            expected_issuer: None,
            alternatives: Vec::new(),
            well_known_assumed: false,
            other_well_known: None,
        }
    }

    /// Apply `--expect-issuer`, which overrides what TARGET implied.
    pub fn expect_issuer(&mut self, issuer: &str) {
        self.expected_issuer = Some(ExpectedIssuer {
            value: issuer.to_string(),
            source: IssuerSource::ExpectIssuer,
        });
    }
}

fn has_query_or_fragment(text: &str) -> bool {
    text.contains('?') || text.contains('#')
}

/// Split `scheme://authority/path?q#f` into (`scheme://authority`, `/path`), on the
/// text as typed: `url::Url` would normalise it (add `/`, lower-case the host),
/// and the issuer comparison is code point by code point.
fn split_origin(text: &str) -> (&str, &str) {
    let after_scheme = text.find("://").map_or(0, |i| i + 3);
    let end = text[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |i| after_scheme + i);
    let path_end = text[end..].find(['?', '#']).map_or(text.len(), |i| end + i);
    (&text[..end], &text[end..path_end])
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mistyped_scheme_is_refused_with_the_url_it_meant() {
        for typo in [
            "http//idp.example.com",
            "https:/idp.example.com",
            "HTTPS:idp.example.com",
        ] {
            let e = Target::parse(typo, WellKnown::OpenidConfiguration).unwrap_err();
            assert!(e.0.contains("did you mean"), "{typo}: {e}");
            assert!(e.0.contains("://idp.example.com?"), "{typo}: {e}");
        }
        // A host that merely starts with the letters is a host.
        assert!(Target::parse("httpbin.example", WellKnown::OpenidConfiguration).is_ok());
    }

    use super::*;

    fn t(input: &str) -> Target {
        Target::parse(input, WellKnown::OpenidConfiguration).unwrap()
    }

    #[test]
    fn bare_host_means_https_and_appends() {
        let t = t("signin.altostrat.io");
        assert_eq!(
            t.discovery_url.as_deref(),
            Some("https://signin.altostrat.io/.well-known/openid-configuration")
        );
        let e = t.expected_issuer.unwrap();
        assert_eq!(e.value, "https://signin.altostrat.io");
        assert_eq!(e.source, IssuerSource::BareHost);
    }

    #[test]
    fn issuer_with_path_appends_after_removing_one_slash() {
        for input in [
            "https://example.com/issuer1",
            "https://example.com/issuer1/",
        ] {
            let t = t(input);
            assert_eq!(
                t.discovery_url.as_deref(),
                Some("https://example.com/issuer1/.well-known/openid-configuration")
            );
            assert_eq!(t.expected_issuer.unwrap().value, input);
            assert_eq!(
                t.alternatives,
                vec![
                    "https://example.com/.well-known/oauth-authorization-server/issuer1",
                    "https://example.com/.well-known/openid-configuration/issuer1"
                ]
            );
        }
    }

    #[test]
    fn oauth_inserts_between_host_and_path() {
        let t = Target::parse(
            "https://example.com/issuer1",
            WellKnown::OauthAuthorizationServer,
        )
        .unwrap();
        assert_eq!(
            t.discovery_url.as_deref(),
            Some("https://example.com/.well-known/oauth-authorization-server/issuer1")
        );
        let t = Target::parse("https://example.com", WellKnown::OauthAuthorizationServer).unwrap();
        assert_eq!(
            t.discovery_url.as_deref(),
            Some("https://example.com/.well-known/oauth-authorization-server")
        );
    }

    #[test]
    fn discovery_urls_imply_their_issuer() {
        let t1 = t("https://login.example.com/common/v2.0/.well-known/openid-configuration");
        assert_eq!(
            t1.expected_issuer.unwrap().value,
            "https://login.example.com/common/v2.0"
        );
        let t2 = t("https://example.com/.well-known/oauth-authorization-server/tenant");
        assert_eq!(t2.well_known, WellKnown::OauthAuthorizationServer);
        assert_eq!(
            t2.expected_issuer.as_ref().unwrap().value,
            "https://example.com/tenant"
        );
        assert_eq!(
            t2.expected_issuer.unwrap().source,
            IssuerSource::DiscoveryUrl
        );
        let t3 = t("https://example.com/.well-known/openid-configuration/tenant");
        assert_eq!(
            t3.expected_issuer.unwrap().value,
            "https://example.com/tenant"
        );
    }

    #[test]
    fn issuer_text_is_kept_as_typed() {
        let t = t("https://Example.COM:443");
        assert_eq!(t.expected_issuer.unwrap().value, "https://Example.COM:443");
        assert_eq!(
            t.discovery_url.as_deref(),
            Some("https://Example.COM:443/.well-known/openid-configuration")
        );
    }

    #[test]
    fn bad_targets_are_usage_errors() {
        for bad in [
            "",
            "ftp://x",
            "https://x/?a=b",
            "https://u:p@x",
            "https:///",
            "a b",
        ] {
            assert!(
                Target::parse(bad, WellKnown::OpenidConfiguration).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_host_is_where_the_url_parser_finds_it() {
        // Found by the `target` fuzz target: these were accepted with an issuer
        // such as `https:///idp.example.com/tenant/` while the request went to
        // https://idp.example.com/tenant/..., so no document could ever match.
        for bad in [
            "https:///idp.example.com/tenant/",
            "/tenant/",
            "//idp.example.com/tenant/",
            "https://idp.example.com\\tenant",
            "idp.example.com\\tenant",
            // Dot segments: the URL fetched would be resolved to another path.
            "p:/../..",
            "https://idp.example.com/a/../b",
            "https://idp.example.com/a/%2E%2e/.well-known/openid-configuration",
            "https://idp.example.com/./",
            // White space of any kind (here U+3000 IDEOGRAPHIC SPACE).
            "}/psn$\u{3000}/",
            "https://idp.example.com/a\u{a0}b",
        ] {
            assert!(
                Target::parse(bad, WellKnown::OpenidConfiguration).is_err(),
                "{bad}"
            );
        }
        assert!(
            Target::parse(
                "https://idp.example.com/a/b",
                WellKnown::OpenidConfiguration
            )
            .is_ok()
        );
    }
}
