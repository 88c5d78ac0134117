//! The one configured HTTP agent and what a fetch records.
//!
//! Servers are untrusted: every request has a total time budget, the body is capped
//! after decompression, redirects are followed by hand (so each hop is recorded and
//! an https→http downgrade is refused), and nothing here prints.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

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
    /// Extra trusted roots (PEM), in addition to the default roots.
    pub cacert: Option<PathBuf>,
    /// Skip certificate verification.
    pub insecure: bool,
    pub resolve: Vec<ResolveEntry>,
    /// Extra request headers, in order.
    pub headers: Vec<(String, String)>,
    pub user_agent: String,
    /// `--proxy`; when `None`, HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply.
    pub proxy: Option<String>,
    pub max_redirects: u32,
}

/// One redirect hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub url: String,
    pub status: u16,
    /// The `Location` header as sent (sanitised by emitters, not here).
    pub location: String,
}

/// What a user debugging an IdP needs to know about one fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered (after redirects).
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    /// `Access-Control-Allow-Origin`, if sent.
    pub access_control_allow_origin: Option<String>,
    pub elapsed_ms: u64,
    pub redirects: Vec<Hop>,
    /// `Some(false)` when `--insecure` skipped certificate checks on an https URL;
    /// `None` for plain http.
    pub tls_verified: Option<bool>,
    /// Body length after decompression.
    pub body_bytes: u64,
}

/// A completed exchange (any status) and its body.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub exchange: Exchange,
    pub body: Vec<u8>,
}

/// Why no response could be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FetchErrorKind {
    Dns,
    Connect,
    Timeout,
    Tls,
    TooLarge,
    TooManyRedirects,
    InsecureRedirect,
    BadRedirect,
    UnsupportedEncoding,
    Proxy,
    Protocol,
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
}

/// Errors in the options themselves (unreadable `--cacert`, bad `--proxy`): usage errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

/// The configured agent.
pub struct Client {
    // implementation detail
}

impl Client {
    pub fn new(_opts: &HttpOptions) -> Result<Client, ConfigError> {
        Ok(Client {})
    }

    /// GET `url` with the configured policy. Any HTTP status is `Ok`; the caller
    /// judges it.
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        Err(FetchError {
            kind: FetchErrorKind::Io,
            url: url.to_string(),
            message: "not implemented".into(),
            redirects: Vec::new(),
        })
    }
}

/// Read at most `max` bytes; `None` when the input is longer.
pub fn read_capped(r: impl std::io::Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut buf = Vec::new();
    r.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}
