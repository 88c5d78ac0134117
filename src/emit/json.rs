//! `--format json`: the report as one JSON object (the contract is in README.md).
//!
//! serde_json escapes C0 controls but writes DEL, C1 controls and bidirectional
//! overrides raw; this formatter escapes those too (`\u009b`), so a JSON document
//! piped to a terminal cannot carry an escape sequence.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::Emitter;
use crate::report::Report;
use crate::sanitize::is_unsafe;

pub struct Json;

impl Emitter for Json {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_json(report, &mut *out)?;
        out.write_all(b"\n")
    }
}

/// Serialise any value with the escaping formatter.
pub fn write_json<T: Serialize>(value: &T, out: impl Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        SafeFormatter(PrettyFormatter::with_indent(b"  ")),
    );
    // `io::Error::from` keeps the kind of an I/O failure (a closed pipe stays
    // BrokenPipe, which ends the run quietly).
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// `value` as one compact line (`--format jsonl`), with the same escaping.
pub fn write_line<T: Serialize>(value: &T, mut out: impl Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// `--format jsonl` for one report: the report on one line.
pub struct JsonLine;

impl Emitter for JsonLine {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_line(report, out)
    }
}

/// PrettyFormatter, plus `\uXXXX` escapes for what serde_json leaves raw.
struct SafeFormatter<F>(F);

impl<F: Formatter> Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    write!(w, "\\u{:04x}", unit)?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn c1_del_and_bidi_are_escaped_and_the_value_round_trips() {
        let v = serde_json::json!({"k\u{9b}": "a\u{1b}[0m\u{7f}\u{202e}"});
        let mut buf = Vec::new();
        super::write_json(&v, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
