//! The one capped reader: response bodies (against the request's deadline) and
//! `--file` / standard input (no deadline) are read by the same loop.

use std::io::{self, Read};
use std::time::Instant;

/// Why [`read_body`] stopped before the end of its input.
pub(super) enum BodyError {
    /// More than `max` bytes.
    TooLarge,
    /// The deadline passed first.
    Deadline,
    Io(io::Error),
}

/// Read `r` to its end, at most `max` bytes, before `deadline` (if any).
pub(super) fn read_body(
    mut r: impl Read,
    max: u64,
    deadline: Option<Instant>,
) -> Result<Vec<u8>, BodyError> {
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

/// What went wrong, for a message that already names the file: the system's
/// text without its ` (os error 2)` suffix ("No such file or directory").
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// Read at most `max` bytes from `r`; `None` when there is more than that.
pub fn read_capped(r: impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    match read_body(r, max, None) {
        Ok(body) => Ok(Some(body)),
        Err(BodyError::TooLarge) => Ok(None),
        Err(BodyError::Io(e)) => Err(e),
        // Not reachable without a deadline; mapped rather than assumed.
        Err(BodyError::Deadline) => Err(io::ErrorKind::TimedOut.into()),
    }
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
    fn read_body_stops_at_the_deadline() {
        let passed = Some(Instant::now());
        assert!(matches!(
            read_body(&b"abc"[..], 3, passed),
            Err(BodyError::Deadline)
        ));
        assert!(matches!(
            read_body(&b"abcd"[..], 3, None),
            Err(BodyError::TooLarge)
        ));
    }
}
