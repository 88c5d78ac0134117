//! Content-Encoding as the server sent it, and which codings are accepted.
//!
//! ureq decodes gzip and then removes the header, so a connector wraps each
//! connection and notes the Content-Encoding of the response head before ureq
//! reads it.

use std::cell::RefCell;

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// The first Content-Encoding this client cannot decode, if any. ureq decodes a
/// single `gzip` exactly; anything else beyond `identity` is refused.
pub(super) fn unsupported_encoding(values: &[String]) -> Option<String> {
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

thread_local! {
    /// Content-Encoding values of the last response head read on this thread.
    static SNIFFED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Take (and clear) what the last response head on this thread said about
/// Content-Encoding; `None` when no head was seen.
pub(super) fn take_sniffed() -> Option<Vec<String>> {
    SNIFFED.with(|s| s.borrow_mut().take())
}

/// Wraps each connection to note the response head's Content-Encoding before ureq
/// decodes (and removes) it.
#[derive(Debug)]
pub(super) struct HeadSniffer;

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
pub(super) struct SniffingTransport {
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
            let head_ended = head_end_in(input, self.scanned);
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

/// Whether a head may have ended in `input`, given that its first `scanned` bytes
/// were already searched: only the new bytes (and the three before them, where a
/// terminator may start) are looked at.
pub(super) fn head_end_in(input: &[u8], scanned: usize) -> bool {
    let from = scanned.min(input.len()).saturating_sub(3);
    input
        .get(from..)
        .is_some_and(|new| find(new, b"\n\r\n").is_some() || find(new, b"\n\n").is_some())
}

/// Response heads with more header lines than this are refused by ureq, and so
/// never read here either (ureq-proto's `MAX_RESPONSE_HEADERS`).
const MAX_HEADERS: usize = 128;

/// The Content-Encoding values of the first complete final response head at the
/// start of `input` (interim 1xx heads, except 101, are skipped, as ureq skips
/// them); `None` while no such head is complete or when it is not HTTP.
///
/// The head is read with httparse, the parser ureq itself reads it with, so the
/// values noted here belong to the head ureq acts on: whatever line endings the
/// server mixes, a body is never taken for headers, nor headers for a body.
pub(super) fn content_encodings(mut input: &[u8]) -> Option<Vec<String>> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut response = httparse::Response::new(&mut headers);
        let used = match response.parse(input) {
            Ok(httparse::Status::Complete(used)) => used,
            Ok(httparse::Status::Partial) | Err(_) => return None,
        };
        let code = response.code.unwrap_or(0);
        if (100..200).contains(&code) && code != 101 {
            input = input.get(used..)?;
            continue;
        }
        let values = response
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("content-encoding"))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
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
    fn encodings_from_head() {
        let head = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nX: y\r\n\r\nbody";
        assert_eq!(content_encodings(head), Some(vec!["gzip".to_string()]));
        assert_eq!(content_encodings(b"HTTP/1.1 200 OK\r\nContent-Le"), None);
        assert_eq!(content_encodings(b"HTTP/1.1 200 OK\r\n\r\n"), Some(vec![]));
    }

    #[test]
    fn a_head_ends_at_its_first_empty_line_whatever_the_line_endings() {
        // Found by the `head` fuzz target: a head ending in `\n\r\n` (or `\r\n\n`)
        // was read on into the body, so a body line could pass for a header.
        let head = b"HTTP/1.1 200 OK\n\r\nContent-Encoding: br\r\n\r\n";
        assert_eq!(content_encodings(head), Some(vec![]));
        let head = b"HTTP/1.1 100 Continue\n\r\nHTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\n";
        assert_eq!(content_encodings(head), Some(vec!["br".to_string()]));
        let head = b"HTTP/1.1 200 OK\r\nX: 1\n\nContent-Encoding: br\r\n\r\n";
        assert_eq!(content_encodings(head), Some(vec![]));
        // 101 is final for ureq; a head that is not HTTP is never complete.
        let head = b"HTTP/1.1 101 Switching\r\nContent-Encoding: x\r\n\r\n";
        assert_eq!(content_encodings(head), Some(vec!["x".to_string()]));
        assert_eq!(content_encodings(b"SSH-2.0-OpenSSH\r\n\r\n"), None);
        assert!(head_end_in(b"HTTP/1.1 200 OK\n\r\n", 0));
        assert!(head_end_in(b"HTTP/1.1 200 OK\r\n\n", 16));
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
}
