//! The configured agent (trusted roots, `--resolve`, extra headers), the entry
//! points, and the two ends of one exchange: sending a request and reading the
//! final response.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use ureq::http::Response;
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use ureq::unversioned::transport::{ConnectionDetails, Connector, DefaultConnector};
use ureq::{Agent, Body};
use url::Url;

use super::body::{BodyError, read_body};
use super::encoding::{self, HeadSniffer};
use super::errors::host_label;
use super::forward::Forwarder;
use super::proxy::Proxies;
use super::resolve::StaticResolver;
use super::trust::{self, Native};
use super::{ConfigError, FetchError, FetchErrorKind, Fetched, HttpOptions, ResolveEntry, Trust};

/// The configured agent.
pub struct Client {
    /// Built on the first request: reading the native store is left until a
    /// request needs it.
    ready: OnceLock<Ready>,
    pub(super) proxies: Arc<Proxies>,
    ca_native: bool,
    cacert: Vec<Certificate<'static>>,
    resolve: Vec<ResolveEntry>,
    user_agent: String,
    pub(super) timeout: Duration,
    pub(super) connect_timeout: Option<Duration>,
    pub(super) max_size: u64,
    pub(super) insecure: bool,
    headers: Vec<(String, String)>,
    pub(super) max_redirects: u32,
}

/// The agent and the roots it trusts.
struct Ready {
    agent: Agent,
    trust: Trust,
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
    /// Check the options (`--cacert` is read now, the proxies are chosen from the
    /// environment now); nothing is sent and no store is read yet.
    pub fn new(opts: &HttpOptions) -> Result<Client, ConfigError> {
        let proxies = Proxies::new(opts.proxy.as_deref(), opts.no_proxy.as_deref(), |name| {
            std::env::var(name).ok()
        })?;
        let cacert = match &opts.cacert {
            Some(path) => trust::read_cacert(path)?,
            None => Vec::new(),
        };

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

        Ok(Client {
            ready: OnceLock::new(),
            proxies: Arc::new(proxies),
            ca_native: opts.ca_native,
            cacert,
            resolve: opts.resolve.clone(),
            user_agent: opts.user_agent.clone(),
            timeout: opts.timeout,
            connect_timeout: opts.connect_timeout,
            max_size: opts.max_size,
            insecure: opts.insecure,
            headers: opts.headers.clone(),
            max_redirects: opts.max_redirects,
        })
    }

    /// The agent, built on first use.
    fn ready(&self) -> &Ready {
        self.ready.get_or_init(|| {
            let mut tls = TlsConfig::builder();
            let trust = if self.insecure {
                tls = tls.disable_verification(true);
                Trust {
                    roots: "none".into(),
                    native_store: None,
                    certificates: 0,
                }
            } else {
                let native = self.ca_native.then(Native::load);
                let roots = trust::roots(native, &self.cacert);
                tls = tls.root_certs(RootCerts::Specific(Arc::new(roots.certs)));
                roots.trust
            };
            let config = Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .max_redirects_will_error(false)
                .user_agent(self.user_agent.as_str())
                .accept("application/json")
                .accept_encoding("gzip")
                // Chosen for each request (`Proxies::route`), never by ureq.
                .proxy(None)
                .tls_config(tls.build())
                .timeout_global(Some(self.timeout))
                // ureq allocates these per connection, twice over for TLS (the
                // encrypted and the plain side), 128 KiB each by default. A
                // request head fits in a few KiB; the input side must hold a
                // whole response head, so it stays above the 64 KiB that
                // ureq refuses a head beyond.
                .max_response_header_size(MAX_HEAD)
                .input_buffer_size(MAX_HEAD + 4 * 1024)
                .output_buffer_size(16 * 1024)
                .build();
            let resolver = StaticResolver::new(self.resolve.clone(), Arc::clone(&self.proxies));
            let connector = AgentTls(DefaultConnector::new())
                .chain(Forwarder {
                    proxies: Arc::clone(&self.proxies),
                })
                .chain(HeadSniffer);
            let agent = Agent::with_parts(config, connector, resolver);
            Ready { agent, trust }
        })
    }

    /// The roots an https exchange was checked against.
    pub(super) fn trust(&self) -> Trust {
        self.ready().trust.clone()
    }

    /// GET `url` with the configured policy. Any HTTP status is `Ok`; the caller
    /// judges it.
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        self.get_with(url, &[])
    }

    /// [`Client::get`] with extra request headers (e.g. `Origin` for a CORS probe),
    /// sent after the configured ones.
    pub fn get_with(&self, url: &str, extra: &[(&str, &str)]) -> Result<Fetched, FetchError> {
        let mut headers = self.headers.clone();
        headers.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        self.follow(url, headers)
    }

    /// One GET of `url`, within `remaining` of the budget that ends at `deadline`.
    /// Also returns the Content-Encoding values of the response head, as sent.
    pub(super) fn send(
        &self,
        url: &Url,
        headers: &[(String, String)],
        deadline: Option<Instant>,
        remaining: Duration,
    ) -> Result<(Response<Body>, Option<Vec<String>>), ureq::Error> {
        let mut req = self.ready().agent.get(url.as_str());
        for (name, value) in headers {
            req = req.header(name.as_str(), value.as_str());
        }
        let connect = self.connect_timeout.map(|c| c.min(remaining));
        let req = req
            .config()
            .timeout_global(deadline.map(|_| remaining))
            .timeout_connect(connect)
            // A tunnel for ureq to open, or none (direct, or forwarded by hand).
            .proxy(match self.proxies.forwarder(url) {
                Some(_) => None,
                None => self.proxies.route(url).cloned(),
            })
            .build();

        // Forget a head seen by an earlier request on this thread.
        let _ = encoding::take_sniffed();
        let resp = req.call()?;
        Ok((resp, encoding::take_sniffed()))
    }

    /// Check the encoding and size of the final (non-redirect) response from `url`
    /// and read its body before `deadline`.
    pub(super) fn answer(
        &self,
        mut resp: Response<Body>,
        sniffed: Option<Vec<String>>,
        url: &Url,
        deadline: Option<Instant>,
    ) -> Result<Answer, (FetchErrorKind, String)> {
        let host = host_label(url);
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };

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
        if let Some(bad) = encoding::unsupported_encoding(&encodings) {
            return Err((
                FetchErrorKind::UnsupportedEncoding,
                format!(
                    "{host} sent Content-Encoding {bad:?}; only gzip and identity are supported"
                ),
            ));
        }

        let content_type = header("content-type");
        let access_control_allow_origin = header("access-control-allow-origin");
        let x_frame_options = header("x-frame-options");
        let csp: Vec<String> = resp
            .headers()
            .get_all("content-security-policy")
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        let content_security_policy = (!csp.is_empty()).then(|| csp.join(", "));
        if let Some(len) = resp.body().content_length()
            && len > self.max_size
        {
            return Err((
                FetchErrorKind::TooLarge,
                format!(
                    "body exceeds --max-size of {} bytes (Content-Length: {len})",
                    self.max_size
                ),
            ));
        }

        let body = match read_body(resp.body_mut().as_reader(), self.max_size, deadline) {
            Ok(body) => body,
            Err(BodyError::TooLarge) => {
                return Err((
                    FetchErrorKind::TooLarge,
                    format!("body exceeds --max-size of {} bytes", self.max_size),
                ));
            }
            Err(BodyError::Deadline) => {
                return Err((FetchErrorKind::Timeout, self.timeout_message(&host)));
            }
            Err(BodyError::Io(e)) => return Err(self.describe(ureq::Error::from(e), url)),
        };
        Ok(Answer {
            content_type,
            content_encoding,
            access_control_allow_origin,
            x_frame_options,
            content_security_policy,
            body,
        })
    }
}

/// Longest response head accepted (status line and headers), ureq's default.
const MAX_HEAD: usize = 64 * 1024;

/// ureq's connectors, told that each connection's configuration is the
/// agent's. Every request here carries a configuration of its own (its share
/// of the time budget, its proxy), and for such a request ureq's TLS connector
/// builds a new TLS client configuration (the whole root store) for each
/// connection. The TLS settings are only ever set on the agent, so the one
/// the connector keeps for the agent serves every connection.
#[derive(Debug)]
struct AgentTls(DefaultConnector);

impl Connector for AgentTls {
    type Out = <DefaultConnector as Connector>::Out;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<()>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let details = ConnectionDetails {
            uri: details.uri,
            addrs: details.addrs.clone(),
            config: details.config,
            request_level: false,
            resolver: details.resolver,
            now: details.now,
            timeout: details.timeout,
            current_time: Arc::clone(&details.current_time),
            run_connector: Arc::clone(&details.run_connector),
            register_shutdown: Arc::clone(&details.register_shutdown),
        };
        self.0.connect(&details, chained)
    }
}

/// What the final response carried, for the exchange record.
pub(super) struct Answer {
    pub(super) content_type: Option<String>,
    pub(super) content_encoding: Option<String>,
    pub(super) access_control_allow_origin: Option<String>,
    pub(super) x_frame_options: Option<String>,
    pub(super) content_security_policy: Option<String>,
    pub(super) body: Vec<u8>,
}
