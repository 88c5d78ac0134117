//! Retrieval and document-shape rules (`doc-*`): how the document was served (scheme,
//! TLS, status, redirects, media type) and the shape of the JSON object (duplicate
//! names, empty arrays, nulls, unknown members).
//!
//! Some rules here are decided before a document exists (no TLS, no 200, no JSON
//! object): they are declared here, so `explain` and the reports know them, and the
//! command line emits them when the fetch or the parse fails. Exchange findings point
//! at `http:` pointers (`http:url`, `http:status`, `http:content-type`,
//! `http:redirects`, `http:tls`).

use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::ptr;
use crate::http::Exchange;
use crate::schema;
use serde_json::Value;

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
                  (appended after the path, or inserted before it).",
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

pub const DOC_DUPLICATE_MEMBER: Rule = Rule {
    id: "doc-duplicate-member",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a member name appears more than once in an object",
    spec: "RFC 8259 §4",
    explanation: "Names within a JSON object SHOULD be unique. With duplicates, parsers disagree: most keep \
                  the last value, some the first, some reject the document, so two clients can see two \
                  different configurations. The report shows the last value.",
    fix: "remove all but one occurrence of the member",
    bad: "",
    good: "",
};

pub const DOC_BYTE_ORDER_MARK: Rule = Rule {
    id: "doc-byte-order-mark",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the body starts with a UTF-8 byte-order mark",
    spec: "RFC 8259 §8.1",
    explanation: "Implementations MUST NOT add a byte-order mark to the beginning of a JSON text sent over \
                  a network. Parsers MAY ignore it, and this tool does, but many do not: JavaScript's \
                  JSON.parse, for one, rejects the document outright.",
    fix: "serve the JSON without the leading EF BB BF bytes",
    bad: "",
    good: "",
};

pub const DOC_EMPTY_ARRAY: Rule = Rule {
    id: "doc-empty-array",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a member is an empty array",
    spec: "OpenID Connect Discovery 1.0 §4.2; RFC 8414 §3.2",
    explanation: "Claims with zero elements MUST be omitted from the response. An empty array is not the \
                  same as an absent member: absent members have defaults, and clients may read `[]` as \
                  \"nothing is supported\".",
    fix: "omit the member instead of publishing `[]`",
    bad: r#"{"acr_values_supported": []}"#,
    good: r#"{"acr_values_supported": ["urn:mace:incommon:iap:silver"]}"#,
};

pub const DOC_NULL_MEMBER: Rule = Rule {
    id: "doc-null-member",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "a member's value is `null`",
    spec: "draft-ietf-oauth-v2-1, JSON serialization appendix (by analogy); OpenID Connect Discovery 1.0 §4.2",
    explanation: "Parameters without a value SHOULD be omitted rather than sent as JSON `null` (written for \
                  protocol messages and applied here by analogy). Typed clients fail on `null` where they \
                  expect a string or an array; a known member that is `null` also gets a type finding.",
    fix: "omit the member instead of publishing `null`",
    bad: r#"{"vendor_region": null}"#,
    good: r#"{"vendor_region": "eu"}"#,
};

pub const DOC_UNKNOWN_MEMBER: Rule = Rule {
    id: "doc-unknown-member",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "a member is not one this tool knows",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Additional metadata MAY be published, so an unknown member is not an error. But a typo in a \
                  standard name (`jwks_url`) means clients never see the value and fall back to defaults; \
                  near misses come with a suggestion.",
    fix: "check the name against the specification; rename it if it is a typo",
    bad: r#"{"jwks_url": "https://idp.example.com/jwks.json"}"#,
    good: r#"{"jwks_uri": "https://idp.example.com/jwks.json"}"#,
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

pub const DOC_CORS_MISSING: Rule = Rule {
    id: "doc-cors-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the discovery endpoint does not allow cross-origin requests (CORS)",
    spec: "OpenID Connect Discovery 1.0 §4; RFC 9700 §2.6",
    explanation: "The openid-configuration endpoint SHOULD support CORS so browser-based clients can read it; \
                  without an `Access-Control-Allow-Origin` header a single-page app cannot discover the \
                  provider. Checked only by the opt-in `--probe`, which sends a request with an `Origin` \
                  header.",
    fix: "send `Access-Control-Allow-Origin` (e.g. `*`) on the discovery response",
    bad: "",
    good: "",
};

pub const DOC_JWKS_CORS_MISSING: Rule = Rule {
    id: "doc-jwks-cors-missing",
    severity: Severity::Warning,
    profile: Profile::Any,
    summary: "the `jwks_uri` does not allow cross-origin requests (CORS)",
    spec: "OpenID Connect Discovery 1.0 §3",
    explanation: "The `jwks_uri` SHOULD support CORS so browser-based clients can fetch keys and validate \
                  tokens. Checked only by the opt-in `--probe`.",
    fix: "send `Access-Control-Allow-Origin` (e.g. `*`) on the JWKS response",
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
    &DOC_DUPLICATE_MEMBER,
    &DOC_BYTE_ORDER_MARK,
    &DOC_EMPTY_ARRAY,
    &DOC_NULL_MEMBER,
    &DOC_UNKNOWN_MEMBER,
    &DOC_CORS_MISSING,
    &DOC_JWKS_CORS_MISSING,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    scheme(cx, out);
    if let Some(x) = cx.http {
        exchange(cx, x, out);
    }
    shape(cx, out);
    if cx.doc.had_bom {
        out.push(Finding::new(
            &DOC_BYTE_ORDER_MARK,
            "",
            "the body starts with a byte-order mark (EF BB BF); it was ignored to check the document",
        ));
    }
}

fn is_https(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(s, _)| s.eq_ignore_ascii_case("https"))
}

fn scheme(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let url = cx
        .http
        .map(|x| x.url.as_str())
        .or(cx.target.discovery_url.as_deref());
    let Some(url) = url else { return };
    if !is_https(url) {
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

fn exchange(cx: &Context<'_>, x: &Exchange, out: &mut Vec<Finding>) {
    if x.tls_verified == Some(false) {
        out.push(Finding::new(
            &DOC_TLS_UNVERIFIED,
            "http:tls",
            "certificate verification was skipped: the server's identity was NOT checked, \
             anyone on the path could have served this document",
        ));
    }
    if x.status != 200 {
        let mut f = Finding::new(
            &DOC_HTTP_STATUS,
            "http:status",
            format!("the discovery URL answered {}, not 200", x.status),
        )
        .expected("200")
        .actual(x.status.to_string());
        if x.status == 404 && !cx.target.alternatives.is_empty() {
            f = f.help(format!(
                "the issuer has a path; the provider may publish at {}",
                cx.target.alternatives.join(" or ")
            ));
        }
        out.push(f);
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

/// `scheme://host:port` of a URL (port made explicit), `None` when unparsable.
fn origin(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    let port = u
        .port_or_known_default()
        .map_or(String::new(), |p| format!(":{p}"));
    Some(format!("{}://{}{}", u.scheme(), host, port))
}

fn shape(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for p in &cx.doc.duplicates {
        out.push(Finding::new(
            &DOC_DUPLICATE_MEMBER,
            p.clone(),
            format!("`{}` appears more than once; the last value is used", p),
        ));
    }
    for (name, value) in &cx.doc.value {
        match value {
            Value::Array(a) if a.is_empty() => out.push(Finding::new(
                &DOC_EMPTY_ARRAY,
                ptr(name),
                format!("`{name}` is an empty array"),
            )),
            Value::Null => out.push(Finding::new(
                &DOC_NULL_MEMBER,
                ptr(name),
                format!("`{name}` is null"),
            )),
            _ => {}
        }
        if schema::field(name).is_none() {
            let f = match schema::suggest(name) {
                Some(s) => Finding::new(
                    &DOC_UNKNOWN_MEMBER,
                    ptr(name),
                    format!("`{name}` is not a known member; did you mean `{s}`?"),
                )
                .expected(s)
                .actual(name.clone())
                .help(format!("did you mean `{s}`? Clients look only for `{s}`")),
                None => Finding::new(
                    &DOC_UNKNOWN_MEMBER,
                    ptr(name),
                    format!("`{name}` is not a member this tool knows"),
                ),
            };
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{baseline, exchange, fires, run, run_with, target};
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

    #[test]
    fn duplicates_are_reported_at_their_pointer() {
        let body = br#"{"issuer":"https://idp.example.com","issuer":"https://idp.example.com"}"#;
        let d = Document::parse(body).unwrap();
        let f = run_with(d, Some(&exchange()), &target(), &[]);
        let dup = f.iter().find(|f| f.rule == "doc-duplicate-member").unwrap();
        assert_eq!(dup.pointer, "/issuer");
    }

    #[test]
    fn empty_arrays_and_nulls() {
        let f = run(r#"{"acr_values_supported": [], "op_tos_uri": null}"#, &[]);
        assert!(fires(&f, "doc-empty-array"));
        let n = f.iter().find(|f| f.rule == "doc-null-member").unwrap();
        assert_eq!(n.pointer, "/op_tos_uri");
    }

    #[test]
    fn unknown_members_with_and_without_suggestions() {
        let f = run(
            r#"{"jwks_url": "https://idp.example.com/k", "code_challenge_method_supported": ["S256"],
                "kerberos_endpoint": "https://idp.example.com/kerberos"}"#,
            &[],
        );
        let get = |p: &str| {
            f.iter()
                .find(|f| f.rule == "doc-unknown-member" && f.pointer == p)
        };
        assert_eq!(
            get("/jwks_url").unwrap().expected.as_deref(),
            Some("jwks_uri")
        );
        assert!(
            get("/jwks_url")
                .unwrap()
                .help
                .as_deref()
                .unwrap()
                .contains("jwks_uri")
        );
        assert_eq!(
            get("/code_challenge_method_supported")
                .unwrap()
                .expected
                .as_deref(),
            Some("code_challenge_methods_supported")
        );
        let k = get("/kerberos_endpoint").unwrap();
        assert!(k.expected.is_none() && k.help.is_none());
        // Known vendor members are not unknown.
        let f = run(
            r#"{"mfa_challenge_endpoint": "https://idp.example.com/mfa/challenge", "http_logout_supported": true}"#,
            &[],
        );
        assert!(!fires(&f, "doc-unknown-member"));
    }
}
