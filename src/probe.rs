//! `--probe`: the checks that need requests of their own. Each sends a GET with
//! an `Origin` header, as a browser's cross-origin `fetch` would, and looks at
//! `Access-Control-Allow-Origin` in the answer:
//! - the discovery document and `jwks_uri` SHOULD allow it (OIDC Discovery §4, §3),
//! - the authorization endpoint MUST NOT (RFC 9700 §2.6),
//! - with `--client spa`, the token endpoint must, for a browser app to exchange
//!   its code (OAuth 2.0 for Browser-Based Applications §6.3.3.4).
//!
//! Off by default: a linter should not send requests the user did not ask for.

use crate::diagnostic::{ClientKind, Finding, Profile};
use crate::document::Document;
use crate::http::Client;
use crate::rules::{bcp, client as client_rules, doc};

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

/// Run the probes for a fetched document; `profiles` (those in force) decide
/// whether the token endpoint is probed too (only for `--client spa`).
pub fn run(
    client: &Client,
    discovery_url: &str,
    document: &Document,
    profiles: &[Profile],
) -> Vec<Finding> {
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
    if profiles.contains(&Profile::Client(ClientKind::Spa))
        && let Some(token) = document.str("token_endpoint")
        && let Ok(None) = allowed(client, token)
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
