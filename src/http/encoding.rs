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
}
