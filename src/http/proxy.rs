//! Which proxy, if any, a request goes through: chosen for each URL, as curl
//! chooses.
//!
//! - `--proxy URL` is used for every scheme (`--proxy ''` for none), in place of
//!   the variables below;
//! - otherwise `http_proxy` for http URLs (lower case only: a CGI program gets a
//!   client's `Proxy:` request header as `HTTP_PROXY`, so curl never reads the
//!   upper-case name), `https_proxy` or `HTTPS_PROXY` for https URLs, and
//!   `all_proxy` or `ALL_PROXY` when the scheme has none; the lower-case name
//!   wins, and a variable set to the empty string means no proxy for its scheme;
//! - `--noproxy LIST`, else `no_proxy` or `NO_PROXY`, exempts hosts, from
//!   `--proxy` too: `*` (every host), a domain (`example.com` or `.example.com`
//!   matches it and every name under it), an IP address or a CIDR range
//!   (`10.0.0.0/8`, `fd00::/8`), each with an optional `:PORT`.
//!
//! A proxy URL without a scheme is an http proxy: plain http requests are sent
//! to it in absolute form (`forward.rs`), https ones through `CONNECT`;
//! `https://` reaches the proxy over TLS (and tunnels everything); `socks5://`
//! resolves the target here (with `--resolve`) and `socks5h://` lets the proxy
//! resolve it; `socks4://` and `socks4a://` likewise.

use std::net::IpAddr;

use ureq::http::Uri;
use ureq::{Proxy, ProxyProtocol};
use url::{Host, Url};

use super::ConfigError;

/// The proxy choice for every request of one client.
#[derive(Debug, Clone, Default)]
pub(super) struct Proxies {
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: NoProxy,
}

impl Proxies {
    /// From `--proxy` (`explicit`), `--noproxy` and the environment (`env`
    /// returns a variable's value, `None` when unset).
    pub(super) fn new(
        explicit: Option<&str>,
        noproxy: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Proxies, ConfigError> {
        let (http, https) = match explicit {
            Some(url) => {
                let proxy = parse(url, "--proxy")?;
                (proxy.clone(), proxy)
            }
            None => {
                let pick = |names: &[&str]| -> Result<Option<Proxy>, ConfigError> {
                    let own = names.iter().find_map(|n| env(n).map(|v| (*n, v)));
                    let (name, value) = match own {
                        Some(found) => found,
                        None => match ["all_proxy", "ALL_PROXY"]
                            .iter()
                            .find_map(|n| env(n).map(|v| (*n, v)))
                        {
                            Some(found) => found,
                            None => return Ok(None),
                        },
                    };
                    parse(&value, &format!("the {name} environment variable"))
                };
                (
                    pick(&["http_proxy"])?,
                    pick(&["https_proxy", "HTTPS_PROXY"])?,
                )
            }
        };
        let no_proxy = match noproxy {
            Some(list) => NoProxy::parse(list),
            None => env("no_proxy")
                .or_else(|| env("NO_PROXY"))
                .map(|l| NoProxy::parse(&l))
                .unwrap_or_default(),
        };
        Ok(Proxies {
            http,
            https,
            no_proxy,
        })
    }

    /// The http proxy a plain http `url` is forwarded through (the request sent
    /// to the proxy in absolute form, as curl sends it); `None` when it is not.
    pub(super) fn forwarder(&self, url: &Url) -> Option<&Proxy> {
        if url.scheme() != "http" {
            return None;
        }
        self.route(url)
            .filter(|p| p.protocol() == ProxyProtocol::Http)
    }

    /// [`Proxies::forwarder`] for the URI a connection is made for.
    pub(super) fn forwarder_for(&self, uri: &Uri) -> Option<&Proxy> {
        Url::parse(&uri.to_string())
            .ok()
            .and_then(|url| self.forwarder(&url))
    }

    /// The proxy for `url`; `None` for a direct connection.
    pub(super) fn route(&self, url: &Url) -> Option<&Proxy> {
        let proxy = match url.scheme() {
            "http" => self.http.as_ref(),
            "https" => self.https.as_ref(),
            _ => None,
        }?;
        let host = url.host()?;
        let port = url.port_or_known_default().unwrap_or(0);
        (!self.no_proxy.matches(&host, port)).then_some(proxy)
    }
}

/// A proxy URL; the empty string means no proxy.
fn parse(value: &str, from: &str) -> Result<Option<Proxy>, ConfigError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let shown = without_password(value);
    let proxy = Proxy::new(value).map_err(|e| {
        ConfigError(format!(
            "{from} ({shown:?}) is not a usable proxy URL ({e})"
        ))
    })?;
    if proxy.host().is_empty() {
        return Err(ConfigError(format!(
            "{from} ({shown:?}) is not a usable proxy URL (no host)"
        )));
    }
    Ok(Some(proxy))
}

/// A proxy URL for a message: the password, if any, replaced by `***`.
fn without_password(value: &str) -> String {
    let start = value.find("://").map_or(0, |i| i + 3);
    let rest = value.get(start..).unwrap_or("");
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or("");
    match authority.rfind('@') {
        Some(at) => {
            let user = authority.get(..at).unwrap_or("");
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!(
                "{}{user}:***@{}",
                value.get(..start).unwrap_or(""),
                rest.get(at + 1..).unwrap_or("")
            )
        }
        None => value.to_string(),
    }
}

/// `host:port` of a proxy, for messages.
pub(super) fn label(p: &Proxy) -> String {
    let kind = match p.protocol() {
        ProxyProtocol::Socks4 | ProxyProtocol::Socks4A => "SOCKS4 proxy",
        ProxyProtocol::Socks5 | ProxyProtocol::Socks5h => "SOCKS5 proxy",
        _ => "proxy",
    };
    format!("{kind} {}:{}", p.host(), p.port())
}

/// `NO_PROXY` / `--noproxy`: hosts reached without the proxy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NoProxy {
    everything: bool,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    pattern: Pattern,
    port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// A domain and every name under it, lower-case, without a leading or trailing dot.
    Domain(String),
    /// An address and the number of leading bits that must match.
    Network(IpAddr, u8),
}

impl NoProxy {
    /// A list separated by commas and/or white space. Entries that are none of the
    /// forms above never match.
    pub(super) fn parse(list: &str) -> NoProxy {
        let mut out = NoProxy::default();
        for token in list.split([',', ' ', '\t', '\n', '\r']) {
            let token = token.trim();
            if token.is_empty() {
                continue;
            }
            if token == "*" {
                out.everything = true;
                continue;
            }
            if let Some(entry) = Entry::parse(token) {
                out.entries.push(entry);
            }
        }
        out
    }

    pub(super) fn matches(&self, host: &Host<&str>, port: u16) -> bool {
        self.everything
            || self
                .entries
                .iter()
                .any(|e| e.port.is_none_or(|p| p == port) && e.pattern.matches(host))
    }
}

impl Entry {
    fn parse(token: &str) -> Option<Entry> {
        // `[v6]`, `[v6]:port`, `v6`, `v6/bits`: a bare IPv6 address has colons of
        // its own, so a port needs the brackets.
        if let Some(rest) = token.strip_prefix('[') {
            let (inside, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?.parse().ok()?),
            };
            let pattern = Pattern::network(inside)?;
            return Some(Entry { pattern, port });
        }
        if token.matches(':').count() > 1 {
            return Pattern::network(token).map(|pattern| Entry {
                pattern,
                port: None,
            });
        }
        let (name, port) = match token.rsplit_once(':') {
            Some((name, port)) => (name, Some(port.parse().ok()?)),
            None => (token, None),
        };
        let pattern = match Pattern::network(name) {
            Some(net) => net,
            None => {
                let domain = name
                    .strip_prefix("*.")
                    .or_else(|| name.strip_prefix('.'))
                    .unwrap_or(name)
                    .trim_end_matches('.')
                    .to_ascii_lowercase();
                if domain.is_empty() || domain.contains('/') {
                    return None;
                }
                Pattern::Domain(domain)
            }
        };
        Some(Entry { pattern, port })
    }
}

impl Pattern {
    /// `addr` or `addr/bits`.
    fn network(text: &str) -> Option<Pattern> {
        let (addr, bits) = match text.split_once('/') {
            Some((addr, bits)) => (addr, Some(bits.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let addr: IpAddr = addr.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let bits = bits.unwrap_or(max);
        (bits <= max).then_some(Pattern::Network(addr, bits))
    }

    fn matches(&self, host: &Host<&str>) -> bool {
        match (self, host) {
            (Pattern::Domain(domain), Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                name == *domain
                    || name
                        .strip_suffix(domain.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            }
            (Pattern::Network(net, bits), Host::Ipv4(ip)) => {
                in_network(&IpAddr::V4(*ip), net, *bits)
            }
            (Pattern::Network(net, bits), Host::Ipv6(ip)) => {
                in_network(&IpAddr::V6(*ip), net, *bits)
            }
            _ => false,
        }
    }
}

fn in_network(ip: &IpAddr, net: &IpAddr, bits: u8) -> bool {
    let prefix = |a: u128, width: u32| {
        let keep = u32::from(bits).min(width);
        if keep == 0 { 0 } else { a >> (width - keep) }
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            prefix(u128::from(u32::from(*a)), 32) == prefix(u128::from(u32::from(*b)), 32)
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            prefix(u128::from(*a), 128) == prefix(u128::from(*b), 128)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(list: &str, url: &str) -> bool {
        let url = Url::parse(url).unwrap();
        let host = url.host().unwrap();
        NoProxy::parse(list).matches(&host, url.port_or_known_default().unwrap())
    }

    #[test]
    fn domains_match_themselves_and_names_under_them() {
        for list in [
            "example.com",
            ".example.com",
            "*.example.com",
            "EXAMPLE.com.",
        ] {
            assert!(matches(list, "https://example.com/"), "{list}");
            assert!(matches(list, "https://a.b.example.com/"), "{list}");
            assert!(!matches(list, "https://badexample.com/"), "{list}");
            assert!(!matches(list, "https://example.com.evil/"), "{list}");
        }
        assert!(matches("a.test, b.test", "http://x.b.test/"));
        assert!(matches("a.test b.test", "http://x.b.test/"));
        assert!(!matches("", "http://x.b.test/"));
    }

    #[test]
    fn star_matches_everything() {
        assert!(matches("*", "https://anything.example/"));
        assert!(matches("a.test,*", "https://[::1]:8443/"));
    }

    #[test]
    fn addresses_and_ranges() {
        assert!(matches("127.0.0.1", "http://127.0.0.1:8080/"));
        assert!(!matches("127.0.0.1", "http://127.0.0.2/"));
        assert!(matches("127.0.0.0/8", "http://127.9.9.9/"));
        assert!(!matches("10.0.0.0/8", "http://11.0.0.1/"));
        assert!(matches("0.0.0.0/0", "http://11.0.0.1/"));
        assert!(matches("::1", "http://[::1]/"));
        assert!(matches("[::1]", "http://[::1]/"));
        assert!(matches("fd00::/8", "http://[fd12::1]/"));
        assert!(!matches("fd00::/8", "http://[fe80::1]/"));
        assert!(!matches("127.0.0.0/8", "http://[::1]/"));
        // An address is not a name: no suffix match, no lookup.
        assert!(!matches("0.0.1", "http://127.0.0.1/"));
        assert!(!matches("127.0.0.1", "http://localhost/"));
        assert!(!matches("10.0.0.0/33", "http://10.0.0.1/"));
    }

    #[test]
    fn ports() {
        assert!(matches("example.com:8443", "https://a.example.com:8443/"));
        assert!(!matches("example.com:8443", "https://a.example.com/"));
        assert!(matches("example.com:443", "https://a.example.com/"));
        assert!(matches("127.0.0.1:80", "http://127.0.0.1/"));
        assert!(matches("[::1]:8080", "http://[::1]:8080/"));
        assert!(!matches("[::1]:8080", "http://[::1]:8081/"));
        assert!(!matches("example.com:x", "https://example.com/"));
    }

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn route(p: &Proxies, url: &str) -> Option<String> {
        p.route(&Url::parse(url).unwrap())
            .map(|p| format!("{}:{}", p.host(), p.port()))
    }

    #[test]
    fn each_scheme_has_its_variable() {
        let p = Proxies::new(
            None,
            None,
            env(&[
                ("http_proxy", "http://h:1"),
                ("HTTPS_PROXY", "http://s:2"),
                ("ALL_PROXY", "socks5h://a:3"),
            ]),
        )
        .unwrap();
        assert_eq!(route(&p, "http://idp.test/").as_deref(), Some("h:1"));
        assert_eq!(route(&p, "https://idp.test/").as_deref(), Some("s:2"));
    }

    #[test]
    fn upper_case_http_proxy_is_ignored() {
        let p = Proxies::new(None, None, env(&[("HTTP_PROXY", "http://evil:1")])).unwrap();
        assert_eq!(route(&p, "http://idp.test/"), None);
        let p = Proxies::new(
            None,
            None,
            env(&[("HTTP_PROXY", "http://evil:1"), ("all_proxy", "http://a:3")]),
        )
        .unwrap();
        assert_eq!(route(&p, "http://idp.test/").as_deref(), Some("a:3"));
    }

    #[test]
    fn lower_case_wins_and_empty_means_none() {
        let p = Proxies::new(
            None,
            None,
            env(&[
                ("https_proxy", "http://lower:1"),
                ("HTTPS_PROXY", "http://upper:2"),
                ("all_proxy", "http://all:3"),
                ("ALL_PROXY", "http://ALL:4"),
            ]),
        )
        .unwrap();
        assert_eq!(route(&p, "https://idp.test/").as_deref(), Some("lower:1"));
        assert_eq!(route(&p, "http://idp.test/").as_deref(), Some("all:3"));
        let p = Proxies::new(
            None,
            None,
            env(&[("https_proxy", ""), ("ALL_PROXY", "http://ALL:4")]),
        )
        .unwrap();
        assert_eq!(route(&p, "https://idp.test/"), None);
        assert_eq!(route(&p, "http://idp.test/").as_deref(), Some("ALL:4"));
    }

    #[test]
    fn explicit_proxy_replaces_the_variables_but_not_no_proxy() {
        let vars = env(&[("https_proxy", "http://env:1"), ("NO_PROXY", "direct.test")]);
        let p = Proxies::new(Some("cli:8080"), None, &vars).unwrap();
        assert_eq!(route(&p, "https://idp.test/").as_deref(), Some("cli:8080"));
        assert_eq!(route(&p, "http://idp.test/").as_deref(), Some("cli:8080"));
        assert_eq!(route(&p, "https://direct.test/"), None);
        let p = Proxies::new(Some("cli:8080"), Some(""), &vars).unwrap();
        assert_eq!(
            route(&p, "https://direct.test/").as_deref(),
            Some("cli:8080")
        );
        let p = Proxies::new(Some(""), None, &vars).unwrap();
        assert_eq!(route(&p, "https://idp.test/"), None);
    }

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            without_password("http://user:s3cret@[bad:1"),
            "http://user:***@[bad:1"
        );
        assert_eq!(without_password("user:pw@proxy:1/x"), "user:***@proxy:1/x");
        assert_eq!(without_password("http://proxy:1"), "http://proxy:1");
        let e = Proxies::new(
            None,
            None,
            env(&[("https_proxy", "ftp://u:s3cret@proxy:1")]),
        )
        .unwrap_err();
        assert!(!e.0.contains("s3cret"), "{}", e.0);
    }

    #[test]
    fn unusable_values_are_named() {
        let e = Proxies::new(None, None, env(&[("https_proxy", "http://[oops")])).unwrap_err();
        assert!(e.0.contains("https_proxy"), "{}", e.0);
        let e = Proxies::new(Some("ftp://p:1"), None, env(&[])).unwrap_err();
        assert!(e.0.contains("--proxy"), "{}", e.0);
    }
}
