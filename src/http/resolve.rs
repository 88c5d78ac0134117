//! `--resolve` entries first, then the system resolver; a lookup failure is
//! carried through ureq as a [`DnsFailure`] for `describe` to name.

use std::fmt;
use std::net::SocketAddr;

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::ResolveEntry;

/// A DNS failure, carried through ureq to `describe`.
#[derive(Debug)]
pub(super) struct DnsFailure(pub(super) String);

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DnsFailure {}

/// `--resolve` entries first, then the system resolver.
#[derive(Debug)]
pub(super) struct StaticResolver {
    entries: Vec<ResolveEntry>,
    fallback: DefaultResolver,
}

impl StaticResolver {
    pub(super) fn new(entries: Vec<ResolveEntry>) -> StaticResolver {
        StaticResolver {
            entries,
            fallback: DefaultResolver::default(),
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
