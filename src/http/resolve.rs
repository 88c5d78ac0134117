//! `--resolve` entries first, then the system resolver; a lookup failure is
//! carried through ureq as a [`DnsFailure`] for `describe` to name. A plain http
//! request forwarded through an http proxy (`forward.rs`) connects to the proxy,
//! so its name resolves to the proxy's address.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::ResolveEntry;
use super::proxy::Proxies;

/// A DNS failure, carried through ureq to `describe`.
#[derive(Debug)]
pub(super) struct DnsFailure {
    /// The name that could not be resolved (a target's or a proxy's).
    pub(super) host: String,
    pub(super) reason: String,
}

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resolve {}: {}", self.host, self.reason)
    }
}

impl std::error::Error for DnsFailure {}

/// `--resolve` entries first, then the system resolver.
#[derive(Debug)]
pub(super) struct StaticResolver {
    entries: Vec<ResolveEntry>,
    fallback: DefaultResolver,
    proxies: Arc<Proxies>,
}

impl StaticResolver {
    pub(super) fn new(entries: Vec<ResolveEntry>, proxies: Arc<Proxies>) -> StaticResolver {
        StaticResolver {
            entries,
            fallback: DefaultResolver::default(),
            proxies,
        }
    }

    /// `uri`'s own addresses.
    fn direct(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri
            .authority()
            .map(|a| a.host().trim_start_matches('[').trim_end_matches(']'))
            .unwrap_or("");
        let port = uri
            .authority()
            .and_then(|a| a.port_u16())
            .or(match uri.scheme_str() {
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
        match self.fallback.resolve(uri, config, timeout) {
            Err(ureq::Error::Io(e)) => {
                let text = e.to_string();
                let reason = text
                    .strip_prefix("failed to lookup address information: ")
                    .unwrap_or(&text)
                    .to_string();
                Err(ureq::Error::Other(Box::new(DnsFailure {
                    host: host.to_string(),
                    reason,
                })))
            }
            other => other,
        }
    }
}

impl Resolver for StaticResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        if config.proxy().is_none()
            && let Some(proxy) = self.proxies.forwarder_for(uri)
        {
            let proxy_uri: Uri = format!("http://{}:{}/", proxy.host(), proxy.port())
                .parse()
                .map_err(|_| ureq::Error::InvalidProxyUrl)?;
            return self.direct(&proxy_uri, config, timeout);
        }
        self.direct(uri, config, timeout)
    }
}
