//! Plain http through an http proxy, as curl sends it: the connection goes to
//! the proxy and the request line names the absolute URL
//! (`GET http://idp.example:8080/.well-known/... HTTP/1.1`), with no `CONNECT`
//! (many proxies allow `CONNECT` only to port 443). ureq writes only the
//! origin form, so a connector wraps such a connection and rewrites each request
//! line as it is sent; the resolver (`resolve.rs`) hands out the proxy's address
//! for the target's name.
//!
//! https targets, and http targets behind an https or SOCKS proxy, keep ureq's
//! own tunnelling.

use std::sync::Arc;

use base64::Engine;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

use super::proxy::Proxies;

/// Wraps the connections of requests forwarded through an http proxy.
#[derive(Debug)]
pub(super) struct Forwarder {
    pub(super) proxies: Arc<Proxies>,
}

impl Connector<Box<dyn Transport>> for Forwarder {
    type Out = Box<dyn Transport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(inner) = chained else {
            return Ok(None);
        };
        // A proxy set on the request is ureq's to tunnel through.
        if details.config.proxy().is_some() {
            return Ok(Some(inner));
        }
        let Some(proxy) = self.proxies.forwarder_for(details.uri) else {
            return Ok(Some(inner));
        };
        let Some(authority) = details.uri.authority() else {
            return Ok(Some(inner));
        };
        let authorization = match (proxy.username(), proxy.password()) {
            (None, None) => None,
            (user, password) => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!(
                    "{}:{}",
                    user.unwrap_or(""),
                    password.unwrap_or("")
                ))
            )),
        };
        Ok(Some(Box::new(Forwarding {
            inner,
            origin: format!("http://{}", authority.as_str()),
            authorization,
        })))
    }
}

/// A connection to an http proxy that sends each request in absolute form.
#[derive(Debug)]
struct Forwarding {
    inner: Box<dyn Transport>,
    /// `http://host[:port]` of the target.
    origin: String,
    /// `Proxy-Authorization` for a proxy URL with credentials.
    authorization: Option<String>,
}

impl Transport for Forwarding {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let sent = self
            .inner
            .buffers()
            .output()
            .get(..amount)
            .map(|b| absolute_form(b, &self.origin, self.authorization.as_deref()));
        if let Some(Some(head)) = sent {
            let out = self.inner.buffers().output();
            let Some(room) = out.get_mut(..head.len()) else {
                return Err(ureq::Error::Io(std::io::Error::other(
                    "the request head does not fit the output buffer",
                )));
            };
            room.copy_from_slice(&head);
            return self.inner.transmit_output(head.len(), timeout);
        }
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// `bytes` with its request line's origin-form target made absolute (and a
/// `Proxy-Authorization` header after it); `None` when `bytes` does not start
/// with a request line in origin form (a body, or a request already rewritten).
fn absolute_form(bytes: &[u8], origin: &str, authorization: Option<&str>) -> Option<Vec<u8>> {
    let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
    let line = std::str::from_utf8(bytes.get(..line_end)?).ok()?;
    let (method, rest) = line.split_once(' ')?;
    let (target, version) = rest.split_once(' ')?;
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !target.starts_with('/')
        || !version.starts_with("HTTP/")
    {
        return None;
    }
    let mut out = format!("{method} {origin}{target} {version}\r\n").into_bytes();
    if let Some(value) = authorization {
        out.extend_from_slice(format!("Proxy-Authorization: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(bytes.get(line_end + 2..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_become_absolute() {
        let head = b"GET /.well-known/openid-configuration HTTP/1.1\r\nHost: idp.test:8080\r\n\r\n";
        let out = absolute_form(head, "http://idp.test:8080", None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "GET http://idp.test:8080/.well-known/openid-configuration HTTP/1.1\r\nHost: idp.test:8080\r\n\r\n"
        );
        let out = absolute_form(head, "http://idp.test:8080", Some("Basic dTpw")).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("GET http://idp.test:8080/.well-known/openid-configuration HTTP/1.1\r\nProxy-Authorization: Basic dTpw\r\nHost:")
        );
    }

    #[test]
    fn anything_else_is_left_alone() {
        for bytes in [
            &b"GET http://idp.test/ HTTP/1.1\r\n\r\n"[..],
            b"CONNECT idp.test:443 HTTP/1.1\r\n\r\n",
            b"{\"a\": 1}\r\n",
            b"GET /",
            b"",
        ] {
            assert_eq!(absolute_form(bytes, "http://idp.test", None), None);
        }
    }
}
