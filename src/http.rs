//! The one configured HTTP agent and what a fetch records.
//!
//! Servers are untrusted: every request has a total time budget, the body is capped
//! after decompression, redirects are followed by hand (so each hop is recorded and
//! an https→http downgrade is refused), and nothing here prints.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use ureq::http::Uri;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, DefaultConnector, NextTimeout, Transport,
};
use ureq::{Agent, Proxy, ProxyProtocol};
use url::Url;

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

impl TlsFailure {
    /// Classify a ureq error: `None` when it is not a TLS failure at all.
    fn of(e: &ureq::Error) -> Option<TlsFailure> {
        let rustls_error = match e {
            ureq::Error::Rustls(r) => Some(r),
            // rustls reports handshake failures as invalid data on the socket.
            ureq::Error::Io(io) if io.kind() == io::ErrorKind::InvalidData => io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>()),
            ureq::Error::Tls(_) | ureq::Error::Pem(_) | ureq::Error::TlsRequired => {
                return Some(TlsFailure::Other);
            }
            _ => None,
        }?;
        use rustls::{AlertDescription, Error as R, PeerIncompatible};
        Some(match rustls_error {
            R::InvalidCertificate(_) | R::NoCertificatesPresented => TlsFailure::Certificate,
            R::AlertReceived(AlertDescription::ProtocolVersion)
            | R::PeerIncompatible(PeerIncompatible::Tls12NotOffered)
            | R::PeerIncompatible(PeerIncompatible::Tls12NotOfferedOrEnabled)
            | R::PeerIncompatible(PeerIncompatible::SupportedVersionsExtensionRequired) => {
                TlsFailure::ProtocolVersion
            }
            _ => TlsFailure::Other,
        })
    }
}

impl Exchange {
    /// The media type of `Content-Type`, without parameters, lower-cased
    /// (`Application/JSON; charset=utf-8` → `application/json`).
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
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

/// Read at most `max` bytes from `r`; `None` when there is more than that.
pub fn read_capped(mut r: impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Some(out));
        }
        let got = chunk.get(..n).unwrap_or(&[]);
        if out.len() as u64 + got.len() as u64 > max {
            return Ok(None);
        }
        out.extend_from_slice(got);
    }
}

/// The configured agent.
pub struct Client {
    agent: Agent,
    proxy: Option<Proxy>,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    max_size: u64,
    insecure: bool,
    headers: Vec<(String, String)>,
    max_redirects: u32,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("timeout", &self.timeout)
            .field("max_size", &self.max_size)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(opts: &HttpOptions) -> Result<Client, ConfigError> {
        let proxy = match &opts.proxy {
            Some(p) => Some(Proxy::new(p).map_err(|e| {
                ConfigError(format!("--proxy {p:?} is not a usable proxy URL ({e})"))
            })?),
            None => Proxy::try_from_env(),
        };
        if let Some(p) = &proxy
            && !matches!(p.protocol(), ProxyProtocol::Http | ProxyProtocol::Https)
        {
            let from = if p.is_from_env() {
                "the proxy set in the environment"
            } else {
                "--proxy"
            };
            return Err(ConfigError(format!(
                "{from} ({}:{}) is a SOCKS proxy; only http:// and https:// proxies are supported",
                p.host(),
                p.port()
            )));
        }

        let mut tls = TlsConfig::builder();
        if opts.insecure {
            tls = tls.disable_verification(true);
        }
        if let Some(path) = &opts.cacert {
            tls = tls.root_certs(RootCerts::Specific(std::sync::Arc::new(roots_with(path)?)));
        }

        for (name, value) in &opts.headers {
            if ureq::http::HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(ConfigError(format!(
                    "-H: {name:?} is not a valid header name"
                )));
            }
            if ureq::http::HeaderValue::from_str(value).is_err() {
                return Err(ConfigError(format!(
                    "-H: the value of {name:?} contains characters not allowed in a header"
                )));
            }
        }

        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(opts.user_agent.as_str())
            .accept("application/json")
            .accept_encoding("gzip")
            .proxy(proxy.clone())
            .tls_config(tls.build())
            .timeout_global(Some(opts.timeout))
            .build();

        let resolver = StaticResolver {
            entries: opts.resolve.clone(),
            fallback: DefaultResolver::default(),
        };
        let agent = Agent::with_parts(config, DefaultConnector::new().chain(HeadSniffer), resolver);

        Ok(Client {
            agent,
            proxy,
            timeout: opts.timeout,
            connect_timeout: opts.connect_timeout,
            max_size: opts.max_size,
            insecure: opts.insecure,
            headers: opts.headers.clone(),
            max_redirects: opts.max_redirects,
        })
    }

    /// GET `url` with the configured policy. Any HTTP status is `Ok`; the caller
    /// judges it.
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        self.get_with(url, &[])
    }

    /// [`Client::get`] with extra request headers (e.g. `Origin` for a CORS probe),
    /// sent after the configured ones.
    pub fn get_with(&self, url: &str, extra: &[(&str, &str)]) -> Result<Fetched, FetchError> {
        let start = Instant::now();
        let deadline = start.checked_add(self.timeout);
        let mut redirects: Vec<Hop> = Vec::new();
        let fail = |kind, url: &str, message: String, redirects: &Vec<Hop>| FetchError {
            kind,
            url: url.to_string(),
            message,
            tls: None,
            redirects: redirects.clone(),
        };

        let mut current = Url::parse(url).map_err(|e| {
            fail(
                FetchErrorKind::BadUrl,
                url,
                format!("{url:?} is not a valid URL ({e})"),
                &redirects,
            )
        })?;
        check_fetchable(&current).map_err(|m| fail(FetchErrorKind::BadUrl, url, m, &redirects))?;
        let mut headers = self.headers.clone();
        headers.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));

        loop {
            let here = current.as_str().to_string();
            let host = host_label(&current);
            let remaining = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::MAX,
            };
            if remaining.is_zero() {
                return Err(fail(
                    FetchErrorKind::Timeout,
                    &here,
                    self.timeout_message(&host),
                    &redirects,
                ));
            }

            let mut req = self.agent.get(here.as_str());
            for (name, value) in &headers {
                req = req.header(name.as_str(), value.as_str());
            }
            let connect = self.connect_timeout.map(|c| c.min(remaining));
            let req = req
                .config()
                .timeout_global(deadline.map(|_| remaining))
                .timeout_connect(connect)
                .build();

            SNIFFED.with(|s| s.borrow_mut().take());
            let mut resp = req.call().map_err(|e| {
                let tls = TlsFailure::of(&e);
                let (kind, message) = self.describe(e, &current);
                FetchError {
                    tls,
                    ..fail(kind, &here, message, &redirects)
                }
            })?;
            let sniffed = SNIFFED.with(|s| s.borrow_mut().take());
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            };

            if matches!(status, 301 | 302 | 303 | 307 | 308)
                && let Some(raw) = resp.headers().get("location").cloned()
            {
                let location = String::from_utf8_lossy(raw.as_bytes()).into_owned();
                // Drain a small redirect body so the connection can be reused; a
                // large or slow one is dropped with its connection.
                let _ = read_body(resp.body_mut().as_reader(), 64 * 1024, deadline);
                redirects.push(Hop {
                    url: here.clone(),
                    status,
                    location: location.clone(),
                });
                if redirects.len() as u64 > u64::from(self.max_redirects) {
                    return Err(fail(
                        FetchErrorKind::TooManyRedirects,
                        &here,
                        format!(
                            "more than {} redirect{} (--max-redirects); last Location: {location}",
                            self.max_redirects,
                            if self.max_redirects == 1 { "" } else { "s" }
                        ),
                        &redirects,
                    ));
                }
                let next = match std::str::from_utf8(raw.as_bytes())
                    .ok()
                    .map(|l| current.join(l.trim()))
                {
                    Some(Ok(next)) => next,
                    Some(Err(e)) => {
                        return Err(fail(
                            FetchErrorKind::BadRedirect,
                            &here,
                            format!("{host} redirected to {location:?}, which is not a URL ({e})"),
                            &redirects,
                        ));
                    }
                    None => {
                        return Err(fail(
                            FetchErrorKind::BadRedirect,
                            &here,
                            format!("{host} sent a Location header that is not text"),
                            &redirects,
                        ));
                    }
                };
                if let Err(m) = check_fetchable(&next) {
                    return Err(fail(
                        FetchErrorKind::BadRedirect,
                        &here,
                        format!("{host} redirected to {location:?}: {m}"),
                        &redirects,
                    ));
                }
                if current.scheme() == "https" && next.scheme() == "http" {
                    return Err(fail(
                        FetchErrorKind::InsecureRedirect,
                        &here,
                        format!("refused redirect from https to plain http: {next}"),
                        &redirects,
                    ));
                }
                if next.origin() != current.origin() {
                    headers.retain(|(name, _)| {
                        !name.eq_ignore_ascii_case("authorization")
                            && !name.eq_ignore_ascii_case("cookie")
                    });
                }
                current = next;
                continue;
            }

            // What the server said about the encoding: ureq removes the header when it
            // decodes gzip, so the raw values come from the response head itself.
            let encodings: Vec<String> = match sniffed {
                Some(values) => values,
                None => resp
                    .headers()
                    .get_all("content-encoding")
                    .iter()
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                    .collect(),
            };
            let content_encoding = if encodings.is_empty() {
                None
            } else {
                Some(encodings.join(", "))
            };
            if let Some(bad) = unsupported_encoding(&encodings) {
                return Err(fail(
                    FetchErrorKind::UnsupportedEncoding,
                    &here,
                    format!(
                        "{host} sent Content-Encoding {bad:?}; only gzip and identity are supported"
                    ),
                    &redirects,
                ));
            }

            let content_type = header("content-type");
            let acao = header("access-control-allow-origin");
            if let Some(len) = resp.body().content_length()
                && len > self.max_size
            {
                return Err(fail(
                    FetchErrorKind::TooLarge,
                    &here,
                    format!(
                        "body exceeds --max-size of {} bytes (Content-Length: {len})",
                        self.max_size
                    ),
                    &redirects,
                ));
            }

            let body = match read_body(resp.body_mut().as_reader(), self.max_size, deadline) {
                Ok(body) => body,
                Err(BodyError::TooLarge) => {
                    return Err(fail(
                        FetchErrorKind::TooLarge,
                        &here,
                        format!("body exceeds --max-size of {} bytes", self.max_size),
                        &redirects,
                    ));
                }
                Err(BodyError::Deadline) => {
                    return Err(fail(
                        FetchErrorKind::Timeout,
                        &here,
                        self.timeout_message(&host),
                        &redirects,
                    ));
                }
                Err(BodyError::Io(e)) => {
                    let (kind, message) = self.describe(ureq::Error::from(e), &current);
                    return Err(fail(kind, &here, message, &redirects));
                }
            };

            let tls_verified = (current.scheme() == "https").then_some(!self.insecure);
            let exchange = Exchange {
                url: url.to_string(),
                final_url: here,
                status,
                content_type,
                content_encoding,
                access_control_allow_origin: acao,
                elapsed_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
                redirects,
                tls_verified,
                body_bytes: body.len() as u64,
            };
            return Ok(Fetched { exchange, body });
        }
    }

    fn timeout_message(&self, host: &str) -> String {
        format!(
            "no complete response from {host} within {} (--timeout)",
            secs(self.timeout)
        )
    }

    /// Kind and one-line message for a ureq error while fetching `url`.
    fn describe(&self, e: ureq::Error, url: &Url) -> (FetchErrorKind, String) {
        use FetchErrorKind as K;
        let host = host_label(url);
        let via_proxy = self.proxy.as_ref().and_then(|p| {
            let uri: Uri = url.as_str().parse().ok()?;
            (!p.is_no_proxy(&uri)).then(|| format!("{}:{}", p.host(), p.port()))
        });
        match e {
            ureq::Error::Timeout(ureq::Timeout::Connect) if self.connect_timeout.is_some() => (
                K::Timeout,
                format!(
                    "could not connect to {host} within {} (--connect-timeout)",
                    secs(self.connect_timeout.unwrap_or_default())
                ),
            ),
            ureq::Error::Timeout(ureq::Timeout::Resolve) => (
                K::Timeout,
                format!("could not resolve {host} within {}", secs(self.timeout)),
            ),
            ureq::Error::Timeout(_) => (K::Timeout, self.timeout_message(&host)),
            ureq::Error::HostNotFound => (
                K::Dns,
                format!("cannot resolve host {}: no address found", host_only(url)),
            ),
            ureq::Error::Other(inner) => match inner.downcast::<DnsFailure>() {
                Ok(dns) => (
                    K::Dns,
                    format!("cannot resolve host {}: {}", host_only(url), dns.0),
                ),
                Err(other) => (K::Io, format!("request to {host} failed: {other}")),
            },
            // rustls reports handshake failures as invalid data on the socket.
            ureq::Error::Io(io)
                if io.kind() == io::ErrorKind::InvalidData && url.scheme() == "https" =>
            {
                (K::Tls, describe_tls(&io.to_string(), url))
            }
            ureq::Error::Io(io) => describe_io(&io, &host, via_proxy.as_deref()),
            ureq::Error::ConnectionFailed => match via_proxy {
                Some(p) => (K::Proxy, format!("could not connect to proxy {p}")),
                None => (K::Connect, format!("could not connect to {host}")),
            },
            ureq::Error::ConnectProxyFailed(why) => {
                let proxy = via_proxy.unwrap_or_else(|| "(configured)".into());
                let status = why
                    .strip_prefix("proxy server responded ")
                    .and_then(|r| r.split('/').next())
                    .filter(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()));
                let message = match status {
                    Some(code) => format!(
                        "proxy {proxy} refused to tunnel to {host} (it answered HTTP {code})"
                    ),
                    None => format!("proxy {proxy} would not tunnel to {host}: {why}"),
                };
                (K::Proxy, message)
            }
            ureq::Error::InvalidProxyUrl => (K::Proxy, "the proxy URL is not usable".into()),
            ureq::Error::Protocol(p) => (
                K::Protocol,
                format!("{host} sent a malformed HTTP response: {p}"),
            ),
            ureq::Error::LargeResponseHeader(_, limit) => (
                K::Protocol,
                format!("{host} sent response headers larger than {limit} bytes"),
            ),
            ureq::Error::Decompress(_, io) => (
                K::Protocol,
                format!("{host} sent a gzip body that cannot be decompressed: {io}"),
            ),
            ureq::Error::Rustls(r) => (K::Tls, describe_tls(&r.to_string(), url)),
            ureq::Error::Tls(t) => (K::Tls, format!("TLS with {host} failed: {t}")),
            ureq::Error::Pem(p) => (K::Tls, format!("TLS with {host} failed: {p}")),
            ureq::Error::TlsRequired => (K::Tls, format!("TLS with {host} could not be set up")),
            ureq::Error::BadUri(u) => (K::BadUrl, format!("cannot fetch {url}: {u}")),
            ureq::Error::Http(h) => (K::BadUrl, format!("cannot fetch {url}: {h}")),
            ureq::Error::BodyExceedsLimit(_) => (
                K::TooLarge,
                format!("body exceeds --max-size of {} bytes", self.max_size),
            ),
            other => (K::Io, format!("request to {host} failed: {other}")),
        }
    }
}

fn describe_io(io: &io::Error, host: &str, via_proxy: Option<&str>) -> (FetchErrorKind, String) {
    use FetchErrorKind as K;
    use io::ErrorKind as E;
    let connect_kind = |what: &str| match via_proxy {
        Some(p) => (K::Proxy, format!("cannot connect to proxy {p}: {what}")),
        None => (K::Connect, format!("cannot connect to {host}: {what}")),
    };
    match io.kind() {
        E::ConnectionRefused => connect_kind("connection refused"),
        E::HostUnreachable => connect_kind("host unreachable"),
        E::NetworkUnreachable => connect_kind("network unreachable"),
        E::AddrNotAvailable => connect_kind("address not available"),
        E::TimedOut | E::WouldBlock => (K::Timeout, format!("{host} stopped answering ({io})")),
        E::UnexpectedEof => (
            K::Protocol,
            format!("{host} closed the connection before the response was complete"),
        ),
        E::ConnectionReset | E::ConnectionAborted | E::BrokenPipe => (
            K::Protocol,
            format!("{host} reset the connection before the response was complete"),
        ),
        E::InvalidData => (K::Protocol, format!("{host} sent invalid data: {io}")),
        _ => (K::Io, format!("I/O error talking to {host}: {io}")),
    }
}

/// One line about a failed TLS handshake, from rustls' description of it.
fn describe_tls(raw: &str, url: &Url) -> String {
    let host = host_only(url);
    let detail = raw
        .strip_prefix("invalid peer certificate: ")
        .unwrap_or(raw)
        .to_string();
    if raw.contains("UnknownIssuer") {
        format!(
            "certificate of {host} is signed by an unknown certificate authority \
             (trust it with --cacert, or skip checks with --insecure)"
        )
    } else if let Some(rest) = detail.strip_prefix("certificate not valid for name ") {
        let valid = rest
            .split_once("; certificate ")
            .map(|(_, v)| v.to_string())
            .unwrap_or_default();
        let valid = valid
            .strip_prefix("is only valid for ")
            .map(|v| format!("; it is only valid for {v}"))
            .unwrap_or_else(|| {
                if valid.is_empty() {
                    String::new()
                } else {
                    format!("; it {valid}")
                }
            });
        format!(
            "certificate of {host} does not match the name {host:?}{}",
            unwrap_dns_names(&valid)
        )
    } else if raw.contains("NotValidForName") {
        format!("certificate of {host} does not match the name {host:?}")
    } else if raw.contains("certificate expired") || raw.contains("Expired") {
        let when = raw
            .split("is not valid after ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
            .map(|t| format!(" (not valid after {} UTC)", utc_date(t)))
            .unwrap_or_default();
        format!("certificate of {host} has expired{when}")
    } else if raw.contains("not valid yet") || raw.contains("NotValidYet") {
        format!("certificate of {host} is not valid yet")
    } else if raw.contains("Revoked") {
        format!("certificate of {host} has been revoked")
    } else if raw.contains("AlertReceived") {
        format!("{host} aborted the TLS handshake ({detail})")
    } else if raw.contains("InvalidContentType") || raw.contains("InvalidMessage") {
        format!(
            "TLS handshake with {host} failed: the server did not answer in TLS (plain http on this port?)"
        )
    } else {
        format!("TLS handshake with {host} failed: {detail}")
    }
}

/// `DnsName("a.example")` → `"a.example"` (rustls' debug form of a name).
fn unwrap_dns_names(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("DnsName(\"") {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + "DnsName(".len()..).unwrap_or("");
        match after.find("\")") {
            Some(j) => {
                out.push_str(after.get(..=j).unwrap_or(""));
                rest = after.get(j + 2..).unwrap_or("");
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `YYYY-MM-DD HH:MM` for seconds since the UNIX epoch.
fn utc_date(t: u64) -> String {
    let stamp = crate::jwks::UnixTime(i64::try_from(t).unwrap_or(i64::MAX)).to_string();
    // `YYYY-MM-DDTHH:MM:SSZ` → `YYYY-MM-DD HH:MM`
    stamp.get(..16).unwrap_or(&stamp).replacen('T', " ", 1)
}

/// "3 s", "0.5 s".
fn secs(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", d.as_secs_f64())
    }
}

fn host_only(url: &Url) -> String {
    url.host_str().unwrap_or("(no host)").to_string()
}

/// The host, with the port when the URL names one.
fn host_label(url: &Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", host_only(url)),
        None => host_only(url),
    }
}

fn check_fetchable(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {:?} is not http or https", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".into());
    }
    Ok(())
}

/// The first Content-Encoding this client cannot decode, if any. ureq decodes a
/// single `gzip` exactly; anything else beyond `identity` is refused.
fn unsupported_encoding(values: &[String]) -> Option<String> {
    let codings: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("identity"))
        .collect();
    match codings.as_slice() {
        [] => None,
        ["gzip"] if values.first().map(|v| v.trim()) == Some("gzip") => None,
        [first, ..] if *first == "gzip" && codings.len() > 1 => Some(codings.join(", ")),
        [first, ..] => Some((*first).to_string()),
    }
}

enum BodyError {
    TooLarge,
    Deadline,
    Io(io::Error),
}

/// Read the (decoded) body to its end, at most `max` bytes, before `deadline`.
fn read_body(mut r: impl Read, max: u64, deadline: Option<Instant>) -> Result<Vec<u8>, BodyError> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(BodyError::Deadline);
        }
        let n = match r.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(BodyError::Io(e)),
        };
        if n == 0 {
            return Ok(out);
        }
        let got = chunk.get(..n).unwrap_or(&[]);
        if out.len() as u64 + got.len() as u64 > max {
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(got);
    }
}

/// Default roots plus the certificates in `path`.
fn roots_with(path: &std::path::Path) -> Result<Vec<Certificate<'static>>, ConfigError> {
    let shown = path.display();
    let pem = std::fs::read(path)
        .map_err(|e| ConfigError(format!("cannot read --cacert {shown}: {e}")))?;
    let mut extra = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => extra.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(ConfigError(format!(
                    "--cacert {shown} is not valid PEM: {e}"
                )));
            }
        }
    }
    if extra.is_empty() {
        return Err(ConfigError(format!(
            "--cacert {shown} contains no PEM certificate"
        )));
    }
    let mut roots: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    roots.extend(extra);
    Ok(roots)
}

/// A DNS failure, carried through ureq to `describe`.
#[derive(Debug)]
struct DnsFailure(String);

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DnsFailure {}

/// `--resolve` entries first, then the system resolver.
#[derive(Debug)]
struct StaticResolver {
    entries: Vec<ResolveEntry>,
    fallback: DefaultResolver,
}

impl Resolver for StaticResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        if let Some(authority) = uri.authority() {
            let host = authority
                .host()
                .trim_start_matches('[')
                .trim_end_matches(']');
            let port = authority.port_u16().or(match uri.scheme_str() {
                Some("https") => Some(443),
                Some("http") => Some(80),
                _ => None,
            });
            if let Some(port) = port {
                let mut out = self.empty();
                for entry in self
                    .entries
                    .iter()
                    .filter(|e| e.port == port && e.host.eq_ignore_ascii_case(host))
                    .take(16)
                {
                    out.push(SocketAddr::new(entry.addr, port));
                }
                if !out.is_empty() {
                    return Ok(out);
                }
            }
        }
        match self.fallback.resolve(uri, config, timeout) {
            Err(ureq::Error::Io(e)) => {
                let text = e.to_string();
                let text = text
                    .strip_prefix("failed to lookup address information: ")
                    .unwrap_or(&text)
                    .to_string();
                Err(ureq::Error::Other(Box::new(DnsFailure(text))))
            }
            other => other,
        }
    }
}

thread_local! {
    /// Content-Encoding values of the last response head read on this thread.
    static SNIFFED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Wraps each connection to note the response head's Content-Encoding before ureq
/// decodes (and removes) it.
#[derive(Debug)]
struct HeadSniffer;

impl Connector<Box<dyn Transport>> for HeadSniffer {
    type Out = SniffingTransport;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(|inner| SniffingTransport {
            inner,
            awaiting_head: false,
            scanned: 0,
        }))
    }
}

#[derive(Debug)]
struct SniffingTransport {
    inner: Box<dyn Transport>,
    /// A request went out and its response head has not been seen yet.
    awaiting_head: bool,
    /// How much of the input was already searched for the end of a head, so a
    /// head arriving in many small pieces is not rescanned from the start each time.
    scanned: usize,
}

impl Transport for SniffingTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.awaiting_head = true;
        self.scanned = 0;
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let progress = self.inner.await_input(timeout)?;
        if self.awaiting_head {
            let input = self.inner.buffers().input();
            let from = self.scanned.min(input.len()).saturating_sub(3);
            let head_ended = input
                .get(from..)
                .is_some_and(|new| find(new, b"\n\r\n").is_some() || find(new, b"\n\n").is_some());
            self.scanned = input.len();
            if head_ended && let Some(values) = content_encodings(input) {
                self.awaiting_head = false;
                SNIFFED.with(|s| *s.borrow_mut() = Some(values));
            }
        }
        Ok(progress)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// The Content-Encoding values of the first complete non-1xx response head at the
/// start of `input`; `None` while no such head is complete.
fn content_encodings(mut input: &[u8]) -> Option<Vec<String>> {
    loop {
        let end = find(input, b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| find(input, b"\n\n").map(|i| (i, 2)))?;
        let head = input.get(..end.0)?;
        let rest = input.get(end.0 + end.1..)?;
        let text = String::from_utf8_lossy(head);
        let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
        let status_line = lines.next().unwrap_or("");
        let informational = status_line
            .split_whitespace()
            .nth(1)
            .is_some_and(|code| code.starts_with('1') && code.len() == 3);
        if informational {
            input = rest;
            continue;
        }
        let values = lines
            .filter_map(|l| l.split_once(':'))
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-encoding"))
            .map(|(_, value)| value.trim().to_string())
            .collect();
        return Some(values);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_capped_stops_past_the_cap() {
        assert_eq!(
            read_capped(&b"abc"[..], 3).ok().flatten(),
            Some(b"abc".to_vec())
        );
        assert_eq!(read_capped(&b"abcd"[..], 3).ok().flatten(), None);
        assert_eq!(read_capped(&b""[..], 0).ok().flatten(), Some(Vec::new()));
    }

    #[test]
    fn encodings_from_head() {
        let head = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nX: y\r\n\r\nbody";
        assert_eq!(content_encodings(head), Some(vec!["gzip".to_string()]));
        assert_eq!(content_encodings(b"HTTP/1.1 200 OK\r\nContent-Le"), None);
        assert_eq!(content_encodings(b"HTTP/1.1 200 OK\r\n\r\n"), Some(vec![]));
    }

    #[test]
    fn encodings_accepted() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(unsupported_encoding(&v(&[])), None);
        assert_eq!(unsupported_encoding(&v(&["gzip"])), None);
        assert_eq!(unsupported_encoding(&v(&["identity"])), None);
        assert_eq!(unsupported_encoding(&v(&["br"])), Some("br".into()));
        assert_eq!(
            unsupported_encoding(&v(&["gzip", "gzip"])),
            Some("gzip, gzip".into())
        );
        assert_eq!(unsupported_encoding(&v(&["GZIP"])), Some("GZIP".into()));
    }

    #[test]
    fn dns_names_unwrapped() {
        assert_eq!(
            unwrap_dns_names("; it is only valid for DnsName(\"a.example\") or DnsName(\"b\")"),
            "; it is only valid for \"a.example\" or \"b\""
        );
        assert_eq!(unwrap_dns_names("DnsName(\"x"), "\"x");
    }

    #[test]
    fn dates() {
        assert_eq!(utc_date(0), "1970-01-01 00:00");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14 22:13");
    }

    #[test]
    fn seconds() {
        assert_eq!(secs(Duration::from_secs(10)), "10 s");
        assert_eq!(secs(Duration::from_millis(1500)), "1.5 s");
    }
}
