//! Laying text out in terminal columns: display width, wrapping at word and URL
//! boundaries, and cutting what must stay on one line (JSON pointers).
//!
//! Everything here works on text that has already been through
//! [`crate::sanitize::clean`]; it never adds or removes anything but spaces,
//! line breaks and `…`.

/// Columns `c` takes in a terminal: 0 for combining marks, 2 for East Asian wide
/// and fullwidth characters and emoji, 1 otherwise. An approximation of
/// Unicode's East Asian Width; the table renderer re-checks with the full one.
pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            0
        }
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Columns `s` takes on one line.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wrap `text` (which may hold line breaks) to lines of at most `max` columns.
///
/// Lines break at spaces, so every space-separated word that fits on a line is
/// kept whole (a URL is never split when it fits). A longer word breaks after
/// `/ , ? & ;` where possible, else after `- _ . : = | + # @`, and only a run
/// with no such character is cut at an arbitrary character.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    wrap_hanging(text, max, 0)
}

/// [`wrap`], with the continuation lines of each paragraph indented by `indent`
/// columns (for `label: value` lines whose value should line up).
pub fn wrap_hanging(text: &str, max: usize, indent: usize) -> Vec<String> {
    let max = max.max(1);
    let indent = if indent * 2 > max { 0 } else { indent };
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        let mut first = true;
        for (k, word) in paragraph.split(' ').enumerate() {
            let room = if first { max } else { max - indent };
            // Words are joined by one space each, as split: runs of spaces stay.
            let gap = usize::from(k > 0);
            if word.is_empty() {
                if gap == 1 && line_w < room {
                    line.push(' ');
                    line_w += 1;
                }
                continue;
            }
            let word_w = width(word);
            if line_w + gap + word_w <= room {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            // The word does not fit on this line.
            let mut rest = word;
            let left = room.saturating_sub(line_w + gap);
            let start_here = word_w > max - indent
                && left >= 10
                && (split_word(word, left).1 || !split_word(word, max - indent).1);
            if start_here {
                // Too long for any line, and it breaks as well here as on a
                // line of its own: start it on this line, after the space.
                if gap == 1 {
                    line.push(' ');
                    line_w += 1;
                }
            } else if line_w > 0 {
                flush(&mut out, &mut line, &mut line_w, &mut first, indent);
            }
            loop {
                let room = if first { max } else { max - indent };
                let ((head, tail), _) = split_word(rest, room - line_w);
                let (head, tail) = match (head.is_empty(), line_w > 0) {
                    (true, true) => {
                        flush(&mut out, &mut line, &mut line_w, &mut first, indent);
                        continue;
                    }
                    // Not even one character fits an empty line: take one anyway.
                    (true, false) => rest.split_at(rest.chars().next().map_or(0, char::len_utf8)),
                    _ => (head, tail),
                };
                line.push_str(head);
                line_w += width(head);
                if tail.is_empty() {
                    break;
                }
                flush(&mut out, &mut line, &mut line_w, &mut first, indent);
                rest = tail;
            }
        }
        out.push(line);
    }
    out
}

fn flush(
    out: &mut Vec<String>,
    line: &mut String,
    line_w: &mut usize,
    first: &mut bool,
    indent: usize,
) {
    let done = std::mem::take(line);
    out.push(done.trim_end().to_string());
    line.push_str(&" ".repeat(indent));
    *line_w = 0;
    *first = false;
}

/// The longest head of `word` that fits in `room` columns, ending at a break
/// character if there is one; `("", word)` when even one character does not fit.
/// Also whether the break is a good one (after `/ , ? & ;`).
fn split_word(word: &str, room: usize) -> ((&str, &str), bool) {
    if width(word) <= room {
        return ((word, ""), true);
    }
    let mut strong = None;
    let mut weak = None;
    let mut hard = 0;
    let mut used = 0;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        used += char_width(c);
        if used > room {
            break;
        }
        let end = i + c.len_utf8();
        hard = end;
        // Never break between two break characters (`://`, `, `).
        let next_breaks = chars.peek().is_some_and(|(_, n)| is_break(*n));
        if next_breaks || end == word.len() {
            continue;
        }
        if matches!(c, '/' | ',' | '?' | '&' | ';') {
            strong = Some(end);
        } else if is_break(c) {
            weak = Some(end);
        }
    }
    // A strong break at least half-way along beats a later weak one.
    let (at, good) = match (strong, weak) {
        (Some(s), Some(w)) if width(&word[..s]) * 2 < room => (s.max(w), s > w),
        (Some(s), _) => (s, true),
        (None, Some(w)) => (w, false),
        (None, None) => (hard, false),
    };
    (word.split_at(at), good)
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '/' | ',' | '?' | '&' | ';' | '-' | '_' | '.' | ':' | '=' | '|' | '+' | '#' | '@'
    )
}

/// `s` on one line of at most `max` columns: whole when it fits, otherwise its
/// start and end around a `…` (for JSON pointers, whose end is often an index).
pub fn cut_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(1);
    let tail_budget = budget / 3;
    let head_budget = budget - tail_budget;
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        used += char_width(c);
        if used > head_budget {
            break;
        }
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        used += char_width(c);
        if used > tail_budget {
            break;
        }
        tail.push(c);
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(lines: &[String], max: usize) -> bool {
        lines.iter().all(|l| width(l) <= max)
    }

    #[test]
    fn words_that_fit_stay_whole() {
        let text = "see https://accounts.google.com/o/oauth2/v2/auth and https://oauth2.googleapis.com/token";
        let lines = wrap(text, 45);
        assert!(fits(&lines, 45), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("https://accounts.google.com/o/oauth2/v2/auth"))
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("https://oauth2.googleapis.com/token"))
        );
    }

    #[test]
    fn long_words_break_after_url_punctuation() {
        let lines = wrap(
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            40,
        );
        assert_eq!(
            lines,
            [
                "https://login.microsoftonline.com/",
                "common/oauth2/v2.0/authorize"
            ]
        );
        let lines = wrap("token_endpoint_auth_signing_alg_values_supported", 26);
        assert_eq!(
            lines,
            ["token_endpoint_auth_", "signing_alg_values_", "supported"]
        );
        // No break character at all: cut where the line ends.
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn hanging_indent_and_paragraphs() {
        let lines = wrap_hanging("expected: one two three four five\nx", 20, 10);
        assert_eq!(
            lines,
            [
                "expected: one two",
                "          three four",
                "          five",
                "x"
            ]
        );
        // Runs of spaces are kept, except where a line breaks.
        assert_eq!(wrap("actual:   a  b", 40), ["actual:   a  b"]);
        assert_eq!(wrap("aaaa  bbbb", 6), ["aaaa", "bbbb"]);
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap("日本語の文字列です", 6);
        assert!(fits(&lines, 6), "{lines:?}");
        assert_eq!(lines.concat(), "日本語の文字列です");
    }

    #[test]
    fn pointers_are_cut_in_the_middle_not_wrapped() {
        assert_eq!(cut_middle("/a/b", 10), "/a/b");
        let cut = cut_middle("/token_endpoint_auth_signing_alg_values_supported/12", 20);
        assert_eq!(width(&cut), 20);
        assert!(cut.starts_with("/token") && cut.ends_with("/12") && cut.contains('…'));
    }
}
