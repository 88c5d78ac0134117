//! `--probe`: the checks that need requests of their own. Each sends a GET with
//! an `Origin` header, as a browser's cross-origin `fetch` would, and looks at
//! the answer's headers:
//! - the discovery document and `jwks_uri` SHOULD allow it (OIDC Discovery §4, §3);
//! - the authorization endpoint MUST NOT (RFC 9700 §2.6), and its answer must not
//!   be framable by other sites (`X-Frame-Options` or CSP `frame-ancestors`,
//!   RFC 9700 §4.16), read from the same response;
//! - with `--client spa`, the token endpoint must allow it, for a browser app to
//!   exchange its code (OAuth 2.0 for Browser-Based Applications §6.3.3.4).
//!
//! Off by default: a linter should not send requests the user did not ask for.

use crate::diagnostic::{ClientKind, Finding, Profile, Severity};
use crate::http::{Client, Exchange};
use crate::rules::{Context, bcp, client as client_rules, doc};

/// The origin the probes claim to come from (a reserved example domain).
pub const ORIGIN: &str = "https://oidc-inspect.example";

/// A cross-origin GET of `url`: the final exchange, or `None` when the request
/// failed (a failed probe says nothing about the server's headers).
fn cross_origin_get(client: &Client, url: &str) -> Option<Exchange> {
    client
        .get_with(url, &[("Origin", ORIGIN)])
        .ok()
        .map(|f| f.exchange)
}

/// The `Access-Control-Allow-Origin` of `x` when it allows the probe's origin
/// (`*` or the origin itself).
fn allowed(x: &Exchange) -> Option<&str> {
    x.access_control_allow_origin
        .as_deref()
        .filter(|v| v.trim() == "*" || v.trim() == ORIGIN)
}

/// Why the response `x` may be framed by any site, or `None` when it is protected
/// by `X-Frame-Options: DENY|SAMEORIGIN` or a CSP `frame-ancestors` directive that
/// is not `*` (the two mechanisms RFC 9700 §4.16 names).
pub fn frameable(x: &Exchange) -> Option<String> {
    let xfo = x.x_frame_options.as_deref().map(str::trim);
    if xfo.is_some_and(|v| v.eq_ignore_ascii_case("deny") || v.eq_ignore_ascii_case("sameorigin")) {
        return None;
    }
    let ancestors: Vec<&str> = x
        .content_security_policy
        .as_deref()
        .into_iter()
        .flat_map(|csp| csp.split([',', ';']))
        .map(str::trim)
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            words
                .next()
                .filter(|n| n.eq_ignore_ascii_case("frame-ancestors"))
                .map(|_| d)
        })
        .collect();
    let restricts = |d: &&str| d.split_whitespace().skip(1).all(|s| s != "*") && d.contains(' ');
    if ancestors.iter().any(restricts) {
        return None;
    }
    Some(match (xfo, ancestors.first()) {
        (Some(v), _) => {
            format!("X-Frame-Options: {v} (not DENY or SAMEORIGIN), no restricting frame-ancestors")
        }
        (None, Some(d)) => format!("Content-Security-Policy: {d} (allows any site)"),
        (None, None) => "neither X-Frame-Options nor a CSP frame-ancestors directive".to_string(),
    })
}

/// Run the probes for a fetched document.
pub fn run(client: &Client, discovery_url: &str, cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(x) = cross_origin_get(client, discovery_url)
        && allowed(&x).is_none()
    {
        let f = Finding::new(
            &doc::DOC_CORS_MISSING,
            "http:cors",
            "a cross-origin GET of the discovery document got no Access-Control-Allow-Origin",
        )
        .expected(format!("Access-Control-Allow-Origin: * (or {ORIGIN})"))
        .actual("no Access-Control-Allow-Origin header")
        .from_probe();
        // OpenID Connect Discovery §4's SHOULD binds OpenID Providers; for an RFC
        // 8414 document RFC 9700 §2.6 only says metadata endpoints MAY support CORS.
        out.push(if cx.profile(Profile::Oidc) {
            f
        } else {
            f.severity(Severity::Info)
        });
    }
    if let Some(jwks) = cx.doc.str("jwks_uri")
        && let Some(x) = cross_origin_get(client, jwks)
        && allowed(&x).is_none()
    {
        out.push(
            Finding::new(
                &doc::DOC_JWKS_CORS_MISSING,
                "/jwks_uri",
                "a cross-origin GET of `jwks_uri` got no Access-Control-Allow-Origin",
            )
            .expected(format!("Access-Control-Allow-Origin: * (or {ORIGIN})"))
            .actual("no Access-Control-Allow-Origin header")
            .from_probe(),
        );
    }
    if let Some(authz) = cx.doc.str("authorization_endpoint")
        && let Some(x) = cross_origin_get(client, authz)
    {
        if let Some(value) = allowed(&x) {
            out.push(
                Finding::new(
                    &bcp::CORS_AUTHORIZATION_ENDPOINT,
                    "/authorization_endpoint",
                    "the authorization endpoint allowed a cross-origin GET",
                )
                .expected("no Access-Control-Allow-Origin header")
                .actual(format!("Access-Control-Allow-Origin: {value}"))
                .from_probe(),
            );
        }
        // Only a page can be framed to trick a user; a JSON error is no UI.
        let html = x.media_type().is_some_and(|m| m == "text/html");
        if html && let Some(why) = frameable(&x) {
            out.push(
                Finding::new(
                    &bcp::AUTHORIZATION_ENDPOINT_FRAMEABLE,
                    "/authorization_endpoint",
                    format!(
                        "the authorization endpoint's page (HTTP {}) may be framed by any site",
                        x.status
                    ),
                )
                .expected("X-Frame-Options: DENY (or SAMEORIGIN), or Content-Security-Policy: frame-ancestors ...")
                .actual(why)
                .from_probe(),
            );
        }
    }
    if cx.profiles.contains(&Profile::Client(ClientKind::Spa))
        && let Some(token) = cx.doc.str("token_endpoint")
        && let Some(x) = cross_origin_get(client, token)
        && allowed(&x).is_none()
    {
        out.push(
            Finding::new(
                &client_rules::SPA_TOKEN_CORS,
                "/token_endpoint",
                "a cross-origin GET of the token endpoint got no Access-Control-Allow-Origin: a \
                 browser app may not be able to read the token response",
            )
            .expected(format!(
                "Access-Control-Allow-Origin from the token endpoint (probed with Origin: {ORIGIN})"
            ))
            .actual("no Access-Control-Allow-Origin header")
            .help(
                "the probe comes from its own origin; if the server allows only the origins \
                 registered for a client, register the app's origin and check from the app",
            )
            .from_probe(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(xfo: Option<&str>, csp: Option<&str>) -> Exchange {
        let mut x = crate::rules::testing::exchange();
        x.x_frame_options = xfo.map(str::to_string);
        x.content_security_policy = csp.map(str::to_string);
        x
    }

    #[test]
    fn framing_protection_is_xfo_deny_or_sameorigin_or_a_restricting_frame_ancestors() {
        for (xfo, csp) in [
            (Some("DENY"), None),
            (Some(" sameorigin "), None),
            (None, Some("default-src 'self'; frame-ancestors 'none'")),
            (
                None,
                Some("script-src 'self', frame-ancestors https://rp.example"),
            ),
            (
                Some("ALLOW-FROM https://rp.example"),
                Some("frame-ancestors 'self'"),
            ),
        ] {
            assert_eq!(frameable(&answer(xfo, csp)), None, "{xfo:?} {csp:?}");
        }
        for (xfo, csp) in [
            (None, None),
            (Some("ALLOW-FROM https://rp.example"), None),
            (None, Some("default-src 'self'")),
            (None, Some("frame-ancestors *")),
            (None, Some("frame-ancestors")),
        ] {
            assert!(frameable(&answer(xfo, csp)).is_some(), "{xfo:?} {csp:?}");
        }
    }
}
