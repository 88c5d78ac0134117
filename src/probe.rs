//! `--probe`: the checks that need requests of their own. Each sends a GET with
//! an `Origin` header, as a browser's cross-origin `fetch` would, and looks at
//! `Access-Control-Allow-Origin` in the answer:
//! - the discovery document and `jwks_uri` SHOULD allow it (OIDC Discovery §4, §3),
//! - the authorization endpoint MUST NOT (RFC 9700 §2.6).
//!
//! Off by default: a linter should not send requests the user did not ask for.

use crate::diagnostic::Finding;
use crate::document::Document;
use crate::http::Client;
use crate::rules::{bcp, doc};

/// The origin the probes claim to come from (a reserved example domain).
pub const ORIGIN: &str = "https://oidc-inspect.example";

/// What one probe saw: `Ok(Some(value))` when the answer allowed the origin
/// (`*` or the origin itself), `Ok(None)` when it did not, `Err` when the
/// request failed.
fn allowed(client: &Client, url: &str) -> Result<Option<String>, String> {
    let fetched = client
        .get_with(url, &[("Origin", ORIGIN)])
        .map_err(|e| e.message)?;
    Ok(fetched
        .exchange
        .access_control_allow_origin
        .filter(|v| v.trim() == "*" || v.trim() == ORIGIN))
}

/// Run the probes for a fetched document.
pub fn run(client: &Client, discovery_url: &str, document: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Ok(None) = allowed(client, discovery_url) {
        out.push(
            Finding::new(
                &doc::DOC_CORS_MISSING,
                "http:cors",
                "a cross-origin GET of the discovery document got no Access-Control-Allow-Origin",
            )
            .expected(format!("Access-Control-Allow-Origin: * (or {ORIGIN})"))
            .actual("no Access-Control-Allow-Origin header")
            .from_probe(),
        );
    }
    if let Some(jwks) = document.str("jwks_uri")
        && let Ok(None) = allowed(client, jwks)
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
    if let Some(authz) = document.str("authorization_endpoint")
        && let Ok(Some(value)) = allowed(client, authz)
    {
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
    out
}
