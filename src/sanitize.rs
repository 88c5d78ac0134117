//! Server-controlled text on its way to a terminal.
//!
//! Any string that came from a server (member names, values, headers, redirect
//! locations, error texts quoting them) passes through [`clean`] before a human
//! format writes it, so no control character, ANSI/OSC escape sequence, C1 code or
//! bidirectional override can reach the terminal. JSON output is escaped by
//! [`crate::emit::json`] instead, as JSON does.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must never be written raw to a terminal: C0 and C1 controls,
/// DEL, and the Unicode formatting characters that reorder or hide text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Escape unsafe characters as `\x1b` / `\u{9b}` (visible, unambiguous).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// [`clean`], then cut to at most `max` characters with a note of what was cut.
pub fn clip(s: &str, max: usize) -> String {
    let cleaned = clean(s);
    match cleaned.char_indices().nth(max) {
        None => cleaned.into_owned(),
        Some((i, _)) => format!("{}… ({} more bytes)", &cleaned[..i], cleaned.len() - i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_only_as_text() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\x1b[31mb");
        assert_eq!(clean("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(clean("x\u{202e}y\n"), "x\\u{202e}y\\x0a");
        assert_eq!(clean("\u{1b}]8;;http://e\u{7}"), "\\x1b]8;;http://e\\x07");
        assert!(matches!(clean("plain ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn clip_counts_characters_and_says_what_was_cut() {
        assert_eq!(clip("abcdef", 3), "abc… (3 more bytes)");
        assert_eq!(clip("ab", 3), "ab");
    }
}
