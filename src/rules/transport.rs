//! Transport rules (`doc-*` about how the document was served): the scheme, TLS,
//! the HTTP status, redirects, the media type, and whether the body is a JSON
//! object at all.
//!
//! They look at the fetch, not at the document, so they run whether or not a
//! document could be had: a 404, a refused certificate or an HTML login page is
//! reported by the same rules, through the same checker, as every other finding.
//! TLS failures arrive typed ([`TlsFailure`]), never as message text to search.
//! Exchange findings point at `http:` pointers (`http:url`, `http:status`,
//! `http:content-type`, `http:redirects`, `http:tls`).

use super::fapi2;
use super::{Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ParseError;
use crate::http::{Exchange, FetchError, TlsFailure};
use crate::sanitize::clean;
use crate::target::{Target, WellKnown};

pub const DOC_NOT_HTTPS: Rule = Rule {
    id: "doc-not-https",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the discovery document was not fetched over https",
    spec: "RFC 8414 §3; OpenID Connect Discovery 1.0 §7.1, §7.2",
    explanation: "The well-known path MUST use the https scheme. Over plain http anyone on the network path \
                  can rewrite the document, point clients at their own endpoints and keys, and impersonate \
                  the provider.",
    fix: "serve the discovery document over https and fetch it with an https URL",
    bad: "",
    good: "",
};

pub const DOC_TLS_CERT_INVALID: Rule = Rule {
    id: "doc-tls-cert-invalid",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the server's TLS certificate is not valid for the host",
    spec: "OpenID Connect Discovery 1.0 §7.1, §7.2; RFC 8414 §6.1, §6.2",
    explanation: "Clients MUST check the TLS server certificate before trusting the metadata; a certificate \
                  that is expired, self-signed, issued for another name or signed by an unknown authority \
                  makes every client refuse the provider (or, worse, teaches people to turn checks off). \
                  Reported when the fetch itself fails, so no document is checked.",
    fix: "install a certificate for this host name from a publicly trusted CA, with its full chain \
          (or pass `--cacert` when a private CA is expected)",
    bad: "",
    good: "",
};

pub const DOC_TLS_BELOW_1_2: Rule = Rule {
    id: "doc-tls-below-1.2",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the server cannot negotiate TLS 1.2 or later",
    spec: "RFC 8414 §6.1; FAPI 2.0 Security Profile §5.2.1",
    explanation: "Authorization servers MUST support TLS 1.2; older protocol versions have known attacks and \
                  current clients refuse them. Reported when the handshake fails, so no document is checked.",
    fix: "enable TLS 1.2 and 1.3 on the server (and disable older versions)",
    bad: "",
    good: "",
};

pub const DOC_HTTP_STATUS: Rule = Rule {
    id: "doc-http-status",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the discovery URL did not answer 200 OK",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "A successful discovery response MUST use 200 OK; only a 200 carries metadata. A 404 often \
                  means the issuer has a path and the provider publishes at the other well-known form \
                  (appended after the path, or inserted before it). For an issuer typed without a path, \
                  it often means the issuer has one (a Keycloak realm, an Entra ID tenant), or that the \
                  server publishes only RFC 8414's `oauth-authorization-server` document.",
    fix: "serve the document with status 200 at the well-known URL, or point the tool at the URL the \
          provider documents",
    bad: "",
    good: "",
};

pub const DOC_REDIRECTED: Rule = Rule {
    id: "doc-redirected",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "the discovery URL answered with a redirect",
    spec: "OpenID Connect Discovery 1.0 §4.1; RFC 8414 §3.1",
    explanation: "The document is fetched with a GET at the well-known path; a redirect works with most \
                  clients, but some do not follow it. The issuer is still compared with the URL asked for, \
                  not with where the redirect led.",
    fix: "serve the document at the well-known URL itself",
    bad: "",
    good: "",
};

pub const DOC_REDIRECT_CROSS_ORIGIN: Rule = Rule {
    id: "doc-redirect-cross-origin",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a redirect took the discovery request to another origin",
    spec: "OpenID Connect Discovery 1.0 §4.1, §4.3; RFC 8414 §3.1, §3.3",
    explanation: "The document was served by a different scheme, host or port than the one asked for. \
                  The issuer check still uses the URL you asked for, but whoever runs the other origin \
                  controls this provider's metadata: make sure that is intended.",
    fix: "serve the document from the issuer's own origin, or confirm the redirect target is trusted",
    bad: "",
    good: "",
};

pub const DOC_CONTENT_TYPE: Rule = Rule {
    id: "doc-content-type",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the document is not served as `application/json`",
    spec: "OpenID Connect Discovery 1.0 §4, §4.2; RFC 8414 §3.2",
    explanation: "The response MUST use the `application/json` content type (parameters such as `charset` \
                  are fine). Strict clients refuse anything else, and a `text/html` answer is usually an \
                  error or login page rather than metadata.",
    fix: "send `Content-Type: application/json`",
    bad: "",
    good: "",
};

pub const DOC_NOT_JSON_OBJECT: Rule = Rule {
    id: "doc-not-json-object",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the body is not a JSON object",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "The metadata is a JSON object; a body that is not valid JSON, or whose top level is an \
                  array, string or null, cannot be used at all. Reported when parsing fails, so no other \
                  rule runs.",
    fix: "return the metadata as a single JSON object",
    bad: "",
    good: "",
};

pub const DOC_TLS_UNVERIFIED: Rule = Rule {
    id: "doc-tls-unverified",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "certificate verification was skipped (`--insecure`)",
    spec: "OpenID Connect Discovery 1.0 §7.1, §7.2; RFC 8414 §6.1, §6.2",
    explanation: "`--insecure` turned off TLS certificate checks. NOTHING about the server's identity was \
                  verified: anyone on the network path could have served this document, and the findings \
                  describe whatever answered, not necessarily the provider.",
    fix: "drop `--insecure`; for a private CA pass its certificate with `--cacert`",
    bad: "",
    good: "",
};

pub const RULES: &[&Rule] = &[
    &DOC_NOT_HTTPS,
    &DOC_TLS_CERT_INVALID,
    &DOC_TLS_BELOW_1_2,
    &DOC_TLS_UNVERIFIED,
    &DOC_HTTP_STATUS,
    &DOC_REDIRECTED,
    &DOC_REDIRECT_CROSS_ORIGIN,
    &DOC_CONTENT_TYPE,
    &DOC_NOT_JSON_OBJECT,
];

/// What the transport rules may look at: the target, and either the exchange
/// that answered (any status) or the failure that prevented one.
pub struct Transport<'a> {
    pub target: &'a Target,
    pub exchange: Option<&'a Exchange>,
    pub failure: Option<&'a FetchError>,
}

pub fn check(t: &Transport<'_>, out: &mut Vec<Finding>) {
    scheme(t, out);
    if let Some(e) = t.failure {
        tls(e, out);
    }
    if let Some(x) = t.exchange {
        exchange(t.target, x, out);
    }
}

/// The finding for a body that is not a JSON object; `message` is
/// [`not_json_message`]'s.
pub fn not_json_object(message: String, exchange: Option<&Exchange>) -> Finding {
    let mut f = Finding::new(&DOC_NOT_JSON_OBJECT, "", message).expected("a JSON object");
    if let Some(ct) = exchange.and_then(|x| x.content_type.as_deref()) {
        f = f.actual(format!("Content-Type: {ct}"));
    }
    f
}

/// Why `body` is not a JSON object, in one line: for a web page (served as
/// HTML, or starting with `<`) what it is and how it starts, rather than the
/// JSON parser's complaint about its first character.
pub fn not_json_message(error: &ParseError, body: &[u8], exchange: Option<&Exchange>) -> String {
    markup(error, body, exchange).unwrap_or_else(|| error.to_string())
}

/// Characters of a web page's beginning quoted in [`not_json_message`].
const PAGE_PREFIX_MAX: usize = 40;

fn markup(error: &ParseError, body: &[u8], exchange: Option<&Exchange>) -> Option<String> {
    // Valid JSON (an array, say) served as HTML is still JSON.
    if !matches!(
        error,
        ParseError::Syntax { .. } | ParseError::NotUtf8 { .. }
    ) {
        return None;
    }
    // The beginning is enough to tell and to quote (a body may be a megabyte).
    let text = String::from_utf8_lossy(body.get(..4096).unwrap_or(body));
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let media = exchange.and_then(Exchange::media_type);
    let served_as_html = media
        .as_deref()
        .filter(|m| matches!(*m, "text/html" | "application/xhtml+xml"));
    if text.is_empty() || (served_as_html.is_none() && !text.starts_with('<')) {
        return None;
    }
    // White space (new lines included) as one space; the rest through the
    // sanitizer, so the quote can reach a terminal.
    let words: Vec<&str> = text.split_whitespace().collect();
    let flat = words.join(" ");
    let mut quote: String = flat.chars().take(PAGE_PREFIX_MAX).collect();
    if flat.chars().nth(PAGE_PREFIX_MAX).is_some() {
        quote.push('…');
    }
    let quote = clean(&quote.replace('`', "'")).into_owned();
    let lower = flat.to_ascii_lowercase();
    let what = match served_as_html {
        Some(m) => m.to_string(),
        None if lower.starts_with("<!doctype html") || lower.starts_with("<html") => "HTML".into(),
        None => "markup".into(),
    };
    Some(match exchange {
        Some(_) => format!(
            "the server returned {what} (`{quote}`), not JSON: a login page, a WAF, or the wrong URL?"
        ),
        None => {
            format!("the file holds {what} (`{quote}`), not JSON: a saved login or error page?")
        }
    })
}

fn tls(e: &FetchError, out: &mut Vec<Finding>) {
    let rule = match e.tls {
        Some(TlsFailure::Certificate) => &DOC_TLS_CERT_INVALID,
        Some(TlsFailure::ProtocolVersion) => &DOC_TLS_BELOW_1_2,
        Some(TlsFailure::Other) | None => return,
    };
    out.push(Finding::new(rule, "http:tls", e.message.clone()));
}

fn scheme(t: &Transport<'_>, out: &mut Vec<Finding>) {
    let url = t
        .exchange
        .map(|x| x.url.as_str())
        .or(t.target.discovery_url.as_deref());
    let Some(url) = url else { return };
    if !super::uri::is_https_url(url) {
        out.push(
            Finding::new(
                &DOC_NOT_HTTPS,
                "http:url",
                "the discovery document was fetched without https",
            )
            .expected("https://…")
            .actual(url),
        );
    }
}

fn exchange(target: &Target, x: &Exchange, out: &mut Vec<Finding>) {
    if x.tls_verified == Some(false) {
        out.push(Finding::new(
            &DOC_TLS_UNVERIFIED,
            "http:tls",
            "certificate verification was skipped: the server's identity was NOT checked, \
             anyone on the path could have served this document",
        ));
    }
    if !x.redirects.is_empty() {
        let mut chain: Vec<String> = x
            .redirects
            .iter()
            .map(|h| format!("{} ({})", h.url, h.status))
            .collect();
        chain.push(x.final_url.clone());
        out.push(
            Finding::new(
                &DOC_REDIRECTED,
                "http:redirects",
                format!("redirected: {}", chain.join(" → ")),
            )
            .expected(x.url.clone())
            .actual(x.final_url.clone()),
        );
        let from = origin(&x.url);
        let moved = x
            .redirects
            .iter()
            .map(|h| h.url.as_str())
            .chain(std::iter::once(x.final_url.as_str()))
            .find(|u| origin(u) != from);
        if let Some(to) = moved {
            out.push(
                Finding::new(
                    &DOC_REDIRECT_CROSS_ORIGIN,
                    "http:redirects",
                    format!(
                        "the request for {} was redirected to another origin ({}); the issuer is \
                         still checked against the URL asked for",
                        x.url, to
                    ),
                )
                .expected(from.unwrap_or_default())
                .actual(origin(to).unwrap_or_else(|| to.to_string())),
            );
        }
    }
    if x.status != 200 {
        let mut f = Finding::new(
            &DOC_HTTP_STATUS,
            "http:status",
            format!("the discovery URL answered HTTP {}, not 200", x.status),
        )
        .expected("200")
        .actual(x.status.to_string());
        if let Some(help) = status_help(target, x.status) {
            f = f.help(help);
        }
        out.push(f);
        out.push(
            Finding::new(
                &fapi2::METADATA,
                "http:status",
                format!("the well-known URL answered {}, not 200", x.status),
            )
            .expected("200")
            .actual(x.status.to_string()),
        );
        // Whatever a 404 page is served as says nothing about the metadata.
        return;
    }
    let media = x.media_type();
    if media.as_deref() != Some("application/json") {
        let actual = x.content_type.clone().unwrap_or_else(|| "(none)".into());
        out.push(
            Finding::new(
                &DOC_CONTENT_TYPE,
                "http:content-type",
                match &x.content_type {
                    Some(ct) => format!("the document was served as `{ct}`"),
                    None => "the document was served without a Content-Type".into(),
                },
            )
            .expected("application/json")
            .actual(actual),
        );
    }
}

/// Where else the document may be, for a status other than 200: the other
/// well-known forms of an issuer with a path; for a 404 on an issuer without
/// one, whether it has a path after all, and the other kind of well-known URL.
fn status_help(target: &Target, status: u16) -> Option<String> {
    // The flag that fetches the other kind, for the form `--well-known` builds.
    let flag = match target.well_known {
        WellKnown::OpenidConfiguration => "--well-known oauth",
        WellKnown::OauthAuthorizationServer => "--well-known oidc",
    };
    if let Some((first, rest)) = target.alternatives.split_first() {
        let mut at = vec![format!("{first} ({flag})")];
        at.extend(rest.iter().cloned());
        return Some(format!(
            "the issuer has a path; the provider may publish at {}",
            at.join(" or ")
        ));
    }
    let other = target
        .other_well_known
        .as_deref()
        .filter(|_| status == 404)?;
    let kind = match target.well_known {
        WellKnown::OpenidConfiguration => "a plain OAuth 2.0 server (RFC 8414)",
        WellKnown::OauthAuthorizationServer => "an OpenID Provider",
    };
    Some(format!(
        "does the issuer have a path (Keycloak: /realms/NAME, Entra ID: /TENANT/v2.0)? If not, \
         and it is {kind}, try {other} ({flag})"
    ))
}

/// `scheme://host:port` of a URL (port made explicit), `None` when unparsable.
fn origin(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    let port = u
        .port_or_known_default()
        .map_or(String::new(), |p| format!(":{p}"));
    Some(format!("{}://{}{}", u.scheme(), host, port))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{baseline, exchange, fires, run_with, target};
    use crate::document::Document;
    use crate::http::Hop;
    use crate::target::{Target, WellKnown};

    fn with(x: &crate::http::Exchange) -> Vec<crate::diagnostic::Finding> {
        run_with(Document::from_map(baseline()), Some(x), &target(), &[])
    }

    #[test]
    fn baseline_exchange_is_quiet() {
        let f = with(&exchange());
        for id in [
            "doc-not-https",
            "doc-http-status",
            "doc-redirected",
            "doc-redirect-cross-origin",
            "doc-content-type",
            "doc-tls-unverified",
        ] {
            assert!(!fires(&f, id), "{id}: {f:?}");
        }
    }

    #[test]
    fn plain_http_discovery_url_is_an_error() {
        let mut x = exchange();
        x.url = "http://idp.example.com/.well-known/openid-configuration".into();
        x.final_url = x.url.clone();
        x.tls_verified = None;
        assert!(fires(&with(&x), "doc-not-https"));
        // Without an exchange (e.g. tests of the target alone) the target's URL counts.
        let t = Target::parse("http://idp.example.com", WellKnown::OpenidConfiguration).unwrap();
        let f = run_with(Document::from_map(baseline()), None, &t, &[]);
        assert!(fires(&f, "doc-not-https"));
        // A file has no URL.
        let t = Target::file("doc.json", WellKnown::OpenidConfiguration);
        let f = run_with(Document::from_map(baseline()), None, &t, &[]);
        assert!(!fires(&f, "doc-not-https"));
    }

    #[test]
    fn status_other_than_200_is_an_error_and_404_names_alternatives() {
        let mut x = exchange();
        x.status = 404;
        let t =
            Target::parse("https://idp.example.com/t1", WellKnown::OpenidConfiguration).unwrap();
        let f = run_with(Document::from_map(baseline()), Some(&x), &t, &[]);
        let s = f.iter().find(|f| f.rule == "doc-http-status").unwrap();
        assert_eq!(s.actual.as_deref(), Some("404"));
        assert!(
            s.help
                .as_deref()
                .unwrap()
                .contains("oauth-authorization-server/t1")
        );
    }

    #[test]
    fn a_404_without_a_path_asks_for_one_and_names_the_other_well_known() {
        let mut x = exchange();
        x.status = 404;
        let t = Target::parse("https://idp.example.com", WellKnown::OpenidConfiguration).unwrap();
        let f = run_with(Document::from_map(baseline()), Some(&x), &t, &[]);
        let s = f.iter().find(|f| f.rule == "doc-http-status").unwrap();
        let help = s.help.as_deref().unwrap();
        assert!(help.contains("does the issuer have a path"), "{help}");
        assert!(
            help.contains(
                "https://idp.example.com/.well-known/oauth-authorization-server (--well-known oauth)"
            ),
            "{help}"
        );
        // Another status says nothing of the kind.
        x.status = 500;
        let f = run_with(Document::from_map(baseline()), Some(&x), &t, &[]);
        let s = f.iter().find(|f| f.rule == "doc-http-status").unwrap();
        assert!(
            s.help.as_deref().is_none_or(|h| !h.contains("path")),
            "{s:?}"
        );
    }

    #[test]
    fn a_web_page_is_named_and_quoted_clean() {
        use super::not_json_message;
        use crate::document::Document;
        let page = b"<!doctype html>\n\n<title>\x1b]8;;x\x07 \xe2\x80\xae</title>";
        let e = Document::parse(page).unwrap_err();
        let mut x = exchange();
        x.content_type = Some("text/html; charset=utf-8".into());
        let m = not_json_message(&e, page, Some(&x));
        assert!(
            m.starts_with("the server returned text/html (`<!doctype html> <title>"),
            "{m}"
        );
        assert!(m.contains("\\x1b]8;;x\\x07 \\u{202e}"), "{m}");
        assert!(!m.chars().any(crate::sanitize::is_unsafe), "{m}");
        // Valid JSON served as HTML is JSON: the parser's word stands.
        let e = Document::parse(b"[1]").unwrap_err();
        assert_eq!(not_json_message(&e, b"[1]", Some(&x)), e.to_string());
        // A file says it is one.
        let e = Document::parse(b"<?xml version=\"1.0\"?><a/>").unwrap_err();
        let m = not_json_message(&e, b"<?xml version=\"1.0\"?><a/>", None);
        assert!(m.starts_with("the file holds markup (`<?xml"), "{m}");
    }

    #[test]
    fn content_type_ignores_parameters_and_case() {
        for ok in ["application/json", "Application/JSON; charset=utf-8"] {
            let mut x = exchange();
            x.content_type = Some(ok.into());
            assert!(!fires(&with(&x), "doc-content-type"), "{ok}");
        }
        for bad in [
            Some("text/html; charset=utf-8"),
            Some("application/jwt"),
            None,
        ] {
            let mut x = exchange();
            x.content_type = bad.map(Into::into);
            assert!(fires(&with(&x), "doc-content-type"), "{bad:?}");
        }
    }

    #[test]
    fn redirects_are_listed_and_cross_origin_ones_warned() {
        let mut x = exchange();
        x.redirects = vec![Hop {
            url: x.url.clone(),
            status: 301,
            location: "/oidc/.well-known/openid-configuration".into(),
        }];
        x.final_url = "https://idp.example.com/oidc/.well-known/openid-configuration".into();
        let f = with(&x);
        let r = f.iter().find(|f| f.rule == "doc-redirected").unwrap();
        assert!(r.message.contains("(301)"));
        assert!(r.message.contains("/oidc/.well-known"));
        assert!(!fires(&f, "doc-redirect-cross-origin"));

        x.final_url = "https://login.other.example/.well-known/openid-configuration".into();
        let f = with(&x);
        let c = f
            .iter()
            .find(|f| f.rule == "doc-redirect-cross-origin")
            .unwrap();
        assert_eq!(c.actual.as_deref(), Some("https://login.other.example:443"));
    }

    #[test]
    fn insecure_fetch_is_flagged_loudly() {
        let mut x = exchange();
        x.tls_verified = Some(false);
        let f = with(&x);
        let t = f.iter().find(|f| f.rule == "doc-tls-unverified").unwrap();
        assert!(t.message.contains("NOT checked"));
    }
}
