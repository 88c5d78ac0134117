//! The one configured HTTP agent and what a fetch records.
//!
//! Every network read the tool makes (the discovery document, the key set, the
//! CORS probe) goes through [`Client`], so the rules for talking to an untrusted
//! server live in one place: every request has a total time budget, the body is
//! capped after decompression, and redirects are followed by hand, so each hop is
//! recorded and an https→http downgrade is refused.
//!
//! This module must not print, and must not judge what it fetched: any HTTP
//! status is a successful fetch, and the caller's rules decide what it means.
//! A failure's kind is read from typed errors, never from message text.
//!
//! - `client`: the agent (`--resolve`, headers, timeouts) and the entry points;
//! - `trust`: which certificate authorities are trusted (native store, bundled
//!   roots, `--cacert`);
//! - `proxy`: which proxy each URL goes through (`--proxy`, the `*_proxy`
//!   variables, `NO_PROXY`), as curl chooses;
//! - `forward`: plain http sent to an http proxy in absolute form, as curl does;
//! - `redirects`: the redirect loop and the policy for each hop;
//! - `errors`: a failed request as a [`FetchErrorKind`] and a one-line message;
//! - `body`: the capped reader, for response bodies and for files alike;
//! - `resolve`: `--resolve` in front of the system resolver;
//! - `encoding`: the Content-Encoding the server sent, and which ones are accepted.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

mod body;
mod client;
mod encoding;
mod errors;
mod forward;
mod proxy;
mod redirects;
mod resolve;
mod trust;

pub use body::{io_reason, read_capped};
pub use client::Client;

/// `--resolve HOST:PORT:ADDR` (curl semantics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveEntry {
    pub host: String,
    pub port: u16,
    pub addr: IpAddr,
}

/// Everything the HTTP options on the command line configure.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Total budget for one request, redirects and body included.
    pub timeout: Duration,
    pub connect_timeout: Option<Duration>,
    /// Cap on the body after decompression.
    pub max_size: u64,
    /// Extra trusted roots (PEM), in addition to the native store (or, without it,
    /// in place of the bundled roots).
    pub cacert: Option<PathBuf>,
    /// Trust the native certificate store (`SSL_CERT_FILE` / `SSL_CERT_DIR`, else
    /// the system's); `false` with `--no-ca-native`.
    pub ca_native: bool,
    /// Skip certificate verification.
    pub insecure: bool,
    pub resolve: Vec<ResolveEntry>,
    /// Extra request headers, in order.
    pub headers: Vec<(String, String)>,
    pub user_agent: String,
    /// `--proxy` (the empty string: no proxy); when `None`, the `http_proxy`,
    /// `https_proxy` and `all_proxy` variables apply, as curl reads them.
    pub proxy: Option<String>,
    /// `--noproxy`: hosts reached directly, in place of `NO_PROXY`.
    pub no_proxy: Option<String>,
    pub max_redirects: u32,
}

/// One redirect hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Hop {
    pub url: String,
    pub status: u16,
    /// The `Location` header as sent (sanitised by emitters, not here).
    pub location: String,
}

/// What a user debugging an IdP needs to know about one fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Exchange {
    /// The URL asked for (not in the JSON report: `target.discovery_url` or
    /// `jwks.url` says it).
    #[serde(skip)]
    pub url: String,
    /// The URL that answered (after redirects).
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    /// `Access-Control-Allow-Origin`, if sent.
    pub access_control_allow_origin: Option<String>,
    /// `X-Frame-Options`, if sent.
    pub x_frame_options: Option<String>,
    /// `Content-Security-Policy`, if sent (several fields joined with `, `).
    pub content_security_policy: Option<String>,
    pub elapsed_ms: u64,
    pub redirects: Vec<Hop>,
    /// `Some(false)` when `--insecure` skipped certificate checks on an https URL;
    /// `None` for plain http.
    pub tls_verified: Option<bool>,
    /// Body length after decompression.
    pub body_bytes: u64,
    /// The roots the certificate was checked against; `None` for plain http.
    pub trust: Option<Trust>,
}

/// Which certificate authorities an https fetch trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Trust {
    /// The stores, in the order they were added, joined by `+`: `native` (the
    /// system's store, or `SSL_CERT_FILE` / `SSL_CERT_DIR`), `bundled` (the
    /// Mozilla roots built into the tool), `cacert` (`--cacert`); `none` with
    /// `--insecure`.
    pub roots: String,
    /// Where the native store was read: `SSL_CERT_FILE`, `SSL_CERT_DIR`,
    /// `SSL_CERT_FILE+SSL_CERT_DIR` or `system`; `None` when it is not in use.
    pub native_store: Option<String>,
    /// How many root certificates were trusted.
    pub certificates: usize,
}

/// A completed exchange (any status) and its body.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub exchange: Exchange,
    pub body: Vec<u8>,
}

/// Why no response could be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FetchErrorKind {
    Dns,
    Connect,
    /// No connection within `--connect-timeout`.
    ConnectTimeout,
    Timeout,
    Tls,
    TooLarge,
    TooManyRedirects,
    InsecureRedirect,
    BadRedirect,
    UnsupportedEncoding,
    Proxy,
    Protocol,
    /// The URL itself cannot be fetched (not http/https, no host, malformed).
    BadUrl,
    Io,
}

/// A failed fetch: what went wrong, at which URL, and the hops before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub kind: FetchErrorKind,
    /// The URL being fetched when it failed.
    pub url: String,
    /// One line, naming the cause (e.g. "timed out after 10 s", "certificate is
    /// not valid for name \"a.example\"").
    pub message: String,
    pub redirects: Vec<Hop>,
    /// For `kind == Tls`: what the handshake failed on, read from the TLS
    /// library's typed error (never from message text).
    pub tls: Option<TlsFailure>,
}

/// Why a TLS handshake failed, as far as the transport rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsFailure {
    /// The server's certificate was refused (unknown issuer, expired, wrong name, ...).
    Certificate,
    /// No common protocol version (the server offers nothing from TLS 1.2 up).
    ProtocolVersion,
    /// Anything else (not TLS on the port, an unrelated alert, ...).
    Other,
}

impl Exchange {
    /// The media type of `Content-Type`, without parameters, lower-cased
    /// (`Application/JSON; charset=utf-8` → `application/json`).
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(media_type)
    }
}

/// The media type of a `Content-Type` value, without parameters, lower-cased.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FetchError {}

/// Errors in the options themselves (unreadable `--cacert`, bad `--proxy`): usage errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Entry points for the fuzz targets (`fuzz/`): how the client reads a raw
/// response head. Not a stable interface.
#[doc(hidden)]
pub mod fuzzing {
    use url::Url;

    use super::encoding;
    use super::redirects::next_hop;

    /// The Content-Encoding values of the first complete final head in `input`,
    /// read as a whole; `None` while no such head is complete.
    pub fn content_encodings(input: &[u8]) -> Option<Vec<String>> {
        encoding::content_encodings(input)
    }

    /// The same, as the connection sniffer sees it when `input` arrives in pieces
    /// ending at the offsets in `cuts` (then the rest): the values noted at the
    /// first arrival after which a final head is complete.
    pub fn sniffed(input: &[u8], cuts: &[usize]) -> Option<Vec<String>> {
        let mut ends: Vec<usize> = cuts.iter().map(|c| (*c).min(input.len())).collect();
        ends.sort_unstable();
        ends.push(input.len());
        let mut scanned = 0;
        for end in ends {
            let seen = input.get(..end).unwrap_or(input);
            let ended = encoding::head_end_in(seen, scanned);
            scanned = seen.len();
            if ended && let Some(values) = encoding::content_encodings(seen) {
                return Some(values);
            }
        }
        None
    }

    /// The media type of a `Content-Type` value, as the rules see it.
    pub fn media_type(content_type: &str) -> String {
        super::media_type(content_type)
    }

    /// The first coding in `values` the client refuses, if any.
    pub fn unsupported_encoding(values: &[String]) -> Option<String> {
        encoding::unsupported_encoding(values)
    }

    /// Where a redirect from `current` with `Location: raw` leads, or why it is
    /// not followed.
    pub fn redirect_target(current: &Url, raw: &[u8]) -> Result<Url, String> {
        let shown = String::from_utf8_lossy(raw);
        next_hop(current, raw, &shown).map_err(|(_, m)| m)
    }
}
