//! A failed request as a [`FetchErrorKind`] and one line naming the cause.
//!
//! The kind (and [`TlsFailure`]) comes from the typed error; the message may
//! reuse the underlying error's own text (rustls' description, a proxy's answer).

use std::io;
use std::time::Duration;

use ureq::ProxyProtocol;
use url::Url;

use super::client::Client;
use super::proxy;
use super::resolve::DnsFailure;
use super::{FetchErrorKind, TlsFailure, Trust};

impl TlsFailure {
    /// Classify a ureq error: `None` when it is not a TLS failure at all.
    pub(super) fn of(e: &ureq::Error) -> Option<TlsFailure> {
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

impl Client {
    pub(super) fn timeout_message(&self, host: &str) -> String {
        format!(
            "no complete response from {host} within {} (--timeout)",
            secs(self.timeout)
        )
    }

    /// Kind and one-line message for a ureq error while fetching `url`.
    pub(super) fn describe(&self, e: ureq::Error, url: &Url) -> (FetchErrorKind, String) {
        use FetchErrorKind as K;
        let host = host_label(url);
        let route = self.proxies.route(url);
        let via_proxy = route.map(proxy::label);
        let socks = route
            .is_some_and(|p| !matches!(p.protocol(), ProxyProtocol::Http | ProxyProtocol::Https));
        match e {
            ureq::Error::Timeout(ureq::Timeout::Connect) if self.connect_timeout.is_some() => (
                K::ConnectTimeout,
                format!(
                    "could not connect to {} within {} (--connect-timeout)",
                    via_proxy.as_deref().unwrap_or(&host),
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
                // The proxy's own name (a target's name is looked up here only
                // without a proxy, or for socks5://).
                Ok(dns) if !dns.host.eq_ignore_ascii_case(&host_only(url)) => (
                    K::Proxy,
                    format!(
                        "cannot resolve {}: {}",
                        via_proxy.as_deref().unwrap_or("the proxy"),
                        dns.reason
                    ),
                ),
                Ok(dns) => (
                    K::Dns,
                    format!("cannot resolve host {}: {}", host_only(url), dns.reason),
                ),
                Err(other) => (K::Io, format!("request to {host} failed: {other}")),
            },
            // rustls reports handshake failures as invalid data on the socket.
            ureq::Error::Io(io)
                if io.kind() == io::ErrorKind::InvalidData && url.scheme() == "https" =>
            {
                (K::Tls, describe_tls(&io.to_string(), url, &self.trust()))
            }
            // A SOCKS proxy's refusal (its reply code, or an unexpected answer).
            ureq::Error::Io(io) if socks && io.kind() == io::ErrorKind::Other => (
                K::Proxy,
                format!(
                    "{} would not connect to {host}: {io}",
                    via_proxy.as_deref().unwrap_or("the SOCKS proxy")
                ),
            ),
            ureq::Error::Io(io) => describe_io(&io, &host, via_proxy.as_deref()),
            ureq::Error::ConnectionFailed => match via_proxy {
                Some(p) => (K::Proxy, format!("could not connect to {p}")),
                None => (K::Connect, format!("could not connect to {host}")),
            },
            ureq::Error::ConnectProxyFailed(why) => {
                let proxy = via_proxy.unwrap_or_else(|| "the proxy".into());
                let status = why
                    .strip_prefix("proxy server responded ")
                    .and_then(|r| r.split('/').next())
                    .filter(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()));
                let message = match status {
                    Some(code) => {
                        format!("{proxy} refused to tunnel to {host} (it answered HTTP {code})")
                    }
                    None => format!("{proxy} would not tunnel to {host}: {why}"),
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
            ureq::Error::Rustls(r) => (K::Tls, describe_tls(&r.to_string(), url, &self.trust())),
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
        Some(p) => (K::Proxy, format!("cannot connect to {p}: {what}")),
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
fn describe_tls(raw: &str, url: &Url, trust: &Trust) -> String {
    let host = host_only(url);
    let detail = raw
        .strip_prefix("invalid peer certificate: ")
        .unwrap_or(raw)
        .to_string();
    if raw.contains("UnknownIssuer") {
        let count = trust.certificates;
        let store = match &trust.native_store {
            Some(from) if from != "system" => format!(" ({from})"),
            _ => String::new(),
        };
        format!(
            "certificate of {host} is signed by an unknown certificate authority \
             (trusted: {}{store}, {count} root{}; trust it with --cacert, or skip checks with --insecure)",
            trust.roots,
            if count == 1 { "" } else { "s" }
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
pub(super) fn host_label(url: &Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", host_only(url)),
        None => host_only(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
