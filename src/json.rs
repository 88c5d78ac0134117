//! A one-pass JSON parser (RFC 8259) that builds the same `serde_json::Value` as
//! `serde_json::from_str` and also records where every value, and every object
//! member's name, starts in the text: the positions behind findings that point
//! at a line of the document as served.
//!
//! It follows serde_json on everything observable: the value (objects in
//! document order; for a repeated name the last value wins and the member keeps
//! the place of its first occurrence; numbers through `serde_json::Number`'s own
//! parser), what is an error (lone surrogates, control characters in strings,
//! nesting deeper than 127 containers, ...), the error messages and their line
//! and column. The one difference: columns count characters, not bytes (the same
//! on ASCII lines), as the positions of values do.
//!
//! Hostile input: no recursion deeper than the nesting limit, no panicking index,
//! and memory linear in the text. Positions are a tree of nodes (one per value)
//! (members of a large object indexed by name on the first lookup), not a JSON pointer
//! string per value (those would be quadratic under a long name).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// Nesting limit, as serde_json's: a container may hold at most 126 levels of
/// containers below it (127 open at once); the 128th opening bracket is an error.
const RECURSION_LIMIT: u8 = 128;

/// A place in the text: 1-based line and 1-based column, in characters (a
/// byte-order mark before the text is not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub line: usize,
    pub column: usize,
}

/// Where a value is: its own first character and, for an object member, the
/// opening quote of its name (`None` for array elements and the root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub key: Option<Span>,
    pub value: Span,
}

/// Why a text is not JSON: serde_json's message for the case, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_LEADING_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const UNEXPECTED_END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT_EXCEEDED: &str = "recursion limit exceeded";

/// A parsed text: the value, where each part of it is, and the JSON pointers of
/// members whose name appeared more than once in their object.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub value: Value,
    pub positions: Positions,
    /// In the order the repetitions were met (an inner object's before the
    /// member holding it), each pointer once. On hostile input (thousands of
    /// repeated names under a very long one) the list stops growing once the
    /// pointers built add up to twice the text's length plus 4 KiB, so that time
    /// and memory stay linear.
    pub duplicates: Vec<String>,
}

/// Parse `text` as one JSON value (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Parsed, Error> {
    let mut p = Parser::new(text);
    p.line_starts.push(0);
    let root = p.value(Key::NONE, RECURSION_LIMIT, None)?;
    if p.skip_whitespace().is_some() {
        return Err(p.peek_error(TRAILING_CHARACTERS));
    }
    Ok(Parsed {
        value: root.0,
        positions: Positions {
            text: Arc::from(text),
            line_starts: p.line_starts,
            nodes: p.nodes,
            elements: p.elements,
            members: OnceLock::new(),
        },
        duplicates: p.duplicates,
    })
}

/// Where every value of a parsed text is, looked up by JSON pointer (RFC 6901),
/// and the text's lines. Empty (every lookup `None`) for a document that was not
/// parsed from text.
#[derive(Clone, Default)]
pub struct Positions {
    text: Arc<str>,
    /// Byte offset of the start of each line; line 1 starts at 0.
    line_starts: Vec<u32>,
    /// One per value, in document order; the root is node 0.
    nodes: Vec<Node>,
    /// Node ids of array elements and object members, in document order: an
    /// array's or object's are `elements[first..first + len]`.
    elements: Vec<u32>,
    /// The members of objects larger than [`SCAN_MAX`]: (object's node, name)
    /// to the member value's node. A repeated name maps to its last value, the
    /// one the document keeps. Built on the first lookup in such an object
    /// (from the nodes and the text), so that a document never asked about one
    /// does not pay for it.
    members: OnceLock<Members>,
}

/// Objects with at most this many members are searched by name; larger ones
/// through [`Members`], so that a hostile document's many findings on a huge
/// object do not each scan it.
const SCAN_MAX: usize = 64;

/// (object's node, member name) to the member value's node.
type Members = HashMap<(u32, Box<str>), u32>;

impl fmt::Debug for Positions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Positions")
            .field("values", &self.nodes.len())
            .field("lines", &self.line_starts.len())
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Array,
    Object,
}

/// A position packed small (line 0: none).
#[derive(Debug, Clone, Copy, Default)]
struct Pos {
    line: u32,
    column: u32,
}

impl Pos {
    const NONE: Pos = Pos { line: 0, column: 0 };

    fn span(self) -> Option<Span> {
        (self.line != 0).then_some(Span {
            line: self.line as usize,
            column: self.column as usize,
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct Node {
    key: Pos,
    value: Pos,
    kind: Kind,
    /// The enclosing array or object (the root: itself).
    parent: u32,
    /// For an object member: byte offset of its name's opening quote.
    key_offset: u32,
    /// For an object member: its name's length, or [`ESCAPED`].
    key_len: u32,
    /// For an array or object: its elements or member values are
    /// `elements[first..first + len]`.
    first: u32,
    len: u32,
}

impl Positions {
    /// Where the value at `pointer` is ("" is the whole document). `None` when
    /// the pointer is malformed or names nothing in the parsed value.
    pub fn get(&self, pointer: &str) -> Option<Location> {
        let node = self.nodes.get(self.resolve(pointer)? as usize)?;
        Some(Location {
            key: node.key.span(),
            value: node.value.span()?,
        })
    }

    /// The first character of the value at `pointer`.
    pub fn value_at(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).map(|l| l.value)
    }

    /// The opening quote of the member name at `pointer` (`None` for array
    /// elements, the root, and pointers that name nothing).
    pub fn key_at(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).and_then(|l| l.key)
    }

    /// Line `line` (1-based) of the text, without its line break (`\n` or
    /// `\r\n`). `None` past the last line or for a document not parsed from text.
    pub fn source_line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)? as usize;
        let end = match self.line_starts.get(line) {
            Some(&next) => (next as usize).saturating_sub(1),
            None => self.text.len(),
        };
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// Number of lines in the text (0 when not parsed from text).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text the positions refer to (after any byte-order mark).
    pub fn text(&self) -> &str {
        &self.text
    }

    fn members(&self) -> &Members {
        self.members.get_or_init(|| {
            let mut members = Members::new();
            let large = |object: u32| {
                self.nodes
                    .get(object as usize)
                    .is_some_and(|o| o.len as usize > SCAN_MAX)
            };
            for (id, node) in self.nodes.iter().enumerate() {
                if node.key.line == 0 || !large(node.parent) {
                    continue;
                }
                // The text parsed once already; reading a name again cannot fail.
                let mut reader = Parser::new(&self.text);
                reader.pos = node.key_offset as usize;
                if let Ok(name) = reader.string() {
                    // In document order: a repeated name keeps its last value.
                    members.insert((node.parent, name.into_boxed_str()), to_u32(id));
                }
            }
            members
        })
    }

    /// The member value node named `name` in an object, by comparing names:
    /// of a repeated name, the last.
    fn scan_members(&self, object: &Node, name: &str) -> Option<u32> {
        let start = object.first as usize;
        let ids = self
            .elements
            .get(start..start.checked_add(object.len as usize)?)?;
        ids.iter().rev().copied().find(|&id| {
            self.nodes
                .get(id as usize)
                .is_some_and(|m| self.name_is(m, name))
        })
    }

    /// Whether the member `node`'s name reads `name`.
    fn name_is(&self, node: &Node, name: &str) -> bool {
        let start = node.key_offset as usize + 1;
        if node.key_len == ESCAPED {
            // Read the name as the parser did.
            let mut reader = Parser::new(&self.text);
            reader.pos = start - 1;
            return reader.string().is_ok_and(|read| read == name);
        }
        node.key_len as usize == name.len()
            && self.text.as_bytes().get(start..start + name.len()) == Some(name.as_bytes())
    }

    fn resolve(&self, pointer: &str) -> Option<u32> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut node = 0u32;
        if pointer.is_empty() {
            return Some(node);
        }
        for token in pointer.strip_prefix('/')?.split('/') {
            let n = self.nodes.get(node as usize)?;
            node = match n.kind {
                Kind::Scalar => return None,
                Kind::Array => {
                    let i = array_index(token)?;
                    if i >= n.len as usize {
                        return None;
                    }
                    *self.elements.get((n.first as usize).checked_add(i)?)?
                }
                Kind::Object => {
                    let name = unescape_token(token)?;
                    if n.len as usize <= SCAN_MAX {
                        self.scan_members(n, &name)?
                    } else {
                        *self.members().get(&(node, Box::from(name)))?
                    }
                }
            };
        }
        Some(node)
    }
}

/// An array index token (RFC 6901 §4: `0` or digits without a leading zero).
fn array_index(token: &str) -> Option<usize> {
    let bytes = token.as_bytes();
    match bytes {
        [b'0'] => Some(0),
        [b'1'..=b'9', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => token.parse().ok(),
        _ => None,
    }
}

/// A reference token with `~1` and `~0` undone; `None` for any other `~` use.
fn unescape_token(token: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !token.contains('~') {
        return Some(token.into());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out.into())
}

/// How many exponent digits serde_json reads before the exponent overflows an
/// `i32` (it stops there), if it does.
fn exponent_overflow(digits: &[u8]) -> Option<usize> {
    let mut exp: i32 = 0;
    for (i, d) in digits.iter().enumerate() {
        match exp
            .checked_mul(10)
            .and_then(|e| e.checked_add(i32::from(d.wrapping_sub(b'0'))))
        {
            Some(e) => exp = e,
            None => return Some(i + 1),
        }
    }
    None
}

/// The first `"`, `\\` or control character: eight bytes at a time (the bit
/// tricks find a zero byte, or one below 0x20, in a word; the lowest flagged
/// byte is always a true match), then byte by byte.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let found = found & HIGH;
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| offset + i)
}

/// Characters in a run of UTF-8 bytes: the bytes that do not continue a sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The chain of tokens from the root to the value being parsed, kept on the
/// stack; turned into a pointer only for a repeated member name.
enum Token<'a> {
    Name(&'a str),
    Index(usize),
}

struct Frame<'a> {
    parent: Option<&'a Frame<'a>>,
    token: Token<'a>,
}

fn pointer_of(frame: Option<&Frame<'_>>, last: &str) -> String {
    let mut tokens = Vec::new();
    let mut at = frame;
    while let Some(f) = at {
        tokens.push(&f.token);
        at = f.parent;
    }
    let mut out = String::new();
    for token in tokens.iter().rev() {
        out.push('/');
        match token {
            Token::Name(name) => push_escaped(&mut out, name),
            Token::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out.push('/');
    push_escaped(&mut out, last);
    out
}

fn push_escaped(out: &mut String, name: &str) {
    for c in name.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// What a value's node records about its place in the tree.
#[derive(Clone, Copy)]
struct Key {
    /// Its member name's position (none for elements and the root).
    at: Pos,
    parent: u32,
    offset: u32,
    /// The name's length in bytes when written without escapes, else
    /// [`ESCAPED`].
    len: u32,
}

/// [`Node::key_len`] of a member name written with escapes.
const ESCAPED: u32 = u32::MAX;

impl Key {
    const NONE: Key = Key {
        at: Pos::NONE,
        parent: 0,
        offset: 0,
        len: 0,
    };
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Line number of `pos` (newlines only occur in whitespace).
    line: u32,
    /// A column cursor on the current line: `column` characters lie before
    /// byte `column_at`. Values are met in order, so counting is linear.
    column_at: usize,
    column: usize,
    line_starts: Vec<u32>,
    nodes: Vec<Node>,
    elements: Vec<u32>,
    /// Element ids of the arrays being parsed, innermost last.
    element_stack: Vec<u32>,
    duplicates: Vec<String>,
    /// (object node, name) already reported, and every pointer reported.
    repeated: HashSet<(u32, Box<str>)>,
    reported: HashSet<String>,
    duplicate_budget: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            column_at: 0,
            column: 0,
            line_starts: Vec::new(),
            nodes: Vec::new(),
            elements: Vec::new(),
            element_stack: Vec::new(),
            duplicates: Vec::new(),
            repeated: HashSet::new(),
            reported: HashSet::new(),
            duplicate_budget: text.len().saturating_mul(2).saturating_add(4096),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) -> Option<u8> {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line = self.line.saturating_add(1);
                    self.line_starts.push(to_u32(self.pos));
                    self.column_at = self.pos;
                    self.column = 0;
                }
                other => return other.copied(),
            }
        }
    }

    /// The position of byte `self.pos`, which is on the current line at or
    /// after the cursor.
    fn here(&mut self) -> Pos {
        let run = self.bytes.get(self.column_at..self.pos).unwrap_or_default();
        self.column += count_chars(run);
        self.column_at = self.pos;
        Pos {
            line: self.line,
            column: to_u32(self.column + 1),
        }
    }

    /// An error at byte offset `at`, placed as serde_json places it: the line,
    /// and the characters from the line's start up to `at`.
    fn error_at(&self, at: usize, message: &'static str) -> Error {
        let before = self.bytes.get(..at).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let (earlier, this_line) = before.split_at(line_start);
        Error {
            line: 1 + earlier.iter().filter(|&&b| b == b'\n').count(),
            column: count_chars(this_line),
            message,
        }
    }

    /// An error about a byte just consumed (serde_json's `error`).
    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.pos, message)
    }

    /// An error about the byte not yet consumed (serde_json's `peek_error`).
    fn peek_error(&self, message: &'static str) -> Error {
        self.error_at(self.pos.saturating_add(1).min(self.bytes.len()), message)
    }

    fn new_node(&mut self, key: Key, value: Pos) -> u32 {
        let id = to_u32(self.nodes.len());
        self.nodes.push(Node {
            key: key.at,
            value,
            kind: Kind::Scalar,
            parent: key.parent,
            key_offset: key.offset,
            key_len: key.len,
            first: 0,
            len: 0,
        });
        id
    }

    /// One value, with its node.
    fn value(
        &mut self,
        key: Key,
        remaining: u8,
        frame: Option<&Frame<'_>>,
    ) -> Result<(Value, u32), Error> {
        let Some(first) = self.skip_whitespace() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        let at = self.here();
        let id = self.new_node(key, at);
        let value = match first {
            b'n' => {
                self.pos += 1;
                self.ident(b"ull")?;
                Value::Null
            }
            b't' => {
                self.pos += 1;
                self.ident(b"rue")?;
                Value::Bool(true)
            }
            b'f' => {
                self.pos += 1;
                self.ident(b"alse")?;
                Value::Bool(false)
            }
            b'-' | b'0'..=b'9' => Value::Number(self.number()?),
            b'"' => Value::String(self.string()?),
            b'[' | b'{' => {
                let remaining = remaining.saturating_sub(1);
                if remaining == 0 {
                    return Err(self.peek_error(RECURSION_LIMIT_EXCEEDED));
                }
                self.pos += 1;
                if first == b'[' {
                    self.array(id, remaining, frame)?
                } else {
                    self.object(id, remaining, frame)?
                }
            }
            _ => return Err(self.peek_error(EXPECTED_VALUE)),
        };
        Ok((value, id))
    }

    fn ident(&mut self, rest: &[u8]) -> Result<(), Error> {
        for &expected in rest {
            match self.peek() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) => {
                    self.pos += 1;
                    if b != expected {
                        return Err(self.error(EXPECTED_IDENT));
                    }
                }
            }
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let run = self
            .bytes
            .get(self.pos..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.pos += run;
        run
    }

    /// A number: the grammar (and its errors) checked here, the value from
    /// `serde_json::Number`'s parser on the exact text, so that it is what
    /// serde_json would have made of it.
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => {
                self.pos += 1;
                self.digits();
            }
            Some(_) => {
                self.pos += 1;
                return Err(self.error(INVALID_NUMBER));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_VALUE),
                });
            }
        }
        let mut exponent = None;
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            match self.peek() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b'0'..=b'9') => {
                    exponent = Some(self.pos);
                    self.digits();
                }
                Some(_) => {
                    self.pos += 1;
                    return Err(self.error(INVALID_NUMBER));
                }
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        // With the grammar checked, the only failure left is a number out of
        // range. serde_json reports it after the number, or, when the exponent
        // does not fit an i32, right after the digit that overflowed it.
        text.parse::<Number>().map_err(|_| {
            let at = exponent
                .and_then(|from| {
                    let digits = self.bytes.get(from..self.pos)?;
                    Some(from + exponent_overflow(digits)?)
                })
                .unwrap_or(self.pos);
            self.error_at(at, NUMBER_OUT_OF_RANGE)
        })
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut start = self.pos;
        let mut out: Option<String> = None;
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let Some(run) = string_end(rest) else {
                self.pos = self.bytes.len();
                return Err(self.error(EOF_STRING));
            };
            self.pos += run;
            // `start` and `pos` are at ASCII bytes (or the string's start), so
            // both are character boundaries.
            let chunk = self.text.get(start..self.pos).unwrap_or_default();
            match rest.get(run) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match out {
                        None => chunk.to_owned(),
                        Some(mut s) => {
                            s.push_str(chunk);
                            s
                        }
                    });
                }
                Some(b'\\') => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(chunk);
                    self.pos += 1;
                    let c = self.escape()?;
                    if let Some(s) = out.as_mut() {
                        s.push(c);
                    }
                    start = self.pos;
                }
                _ => {
                    self.pos += 1;
                    return Err(self.error(CONTROL_CHARACTER));
                }
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(b) = self.peek() else {
            return Err(self.error(EOF_STRING));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error(INVALID_ESCAPE)),
        })
    }

    /// `\uXXXX`, or a surrogate pair of two; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(LONE_LEADING_SURROGATE));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error(EOF_STRING)),
                    Some(b) => {
                        self.pos += 1;
                        if b != expected {
                            return Err(self.error(UNEXPECTED_END_OF_HEX_ESCAPE));
                        }
                    }
                }
            }
            let low = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(self.error(LONE_LEADING_SURROGATE));
            }
            0x1_0000 + (((n - 0xD800) << 10) | (low - 0xDC00))
        } else {
            n
        };
        // Every value left is a scalar value; the error cannot happen.
        char::from_u32(code).ok_or_else(|| self.error(LONE_LEADING_SURROGATE))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.bytes.get(self.pos..self.pos.saturating_add(4)) else {
            self.pos = self.bytes.len();
            return Err(self.error(EOF_STRING));
        };
        self.pos += 4;
        let mut n = 0;
        for &d in digits {
            let Some(v) = (d as char).to_digit(16) else {
                return Err(self.error(INVALID_ESCAPE));
            };
            n = n * 16 + v;
        }
        Ok(n)
    }

    /// The elements of an array, after its `[`.
    fn array(&mut self, id: u32, remaining: u8, frame: Option<&Frame<'_>>) -> Result<Value, Error> {
        let base = self.element_stack.len();
        let mut items = Vec::new();
        loop {
            match self.skip_whitespace() {
                None => return Err(self.peek_error(EOF_LIST)),
                Some(b']') => break,
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.pos += 1;
                    match self.skip_whitespace() {
                        Some(b']') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => {}
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error(EXPECTED_LIST_COMMA_OR_END)),
            }
            let here = Frame {
                parent: frame,
                token: Token::Index(items.len()),
            };
            let key = Key {
                parent: id,
                ..Key::NONE
            };
            let (item, child) = self.value(key, remaining, Some(&here))?;
            items.push(item);
            self.element_stack.push(child);
        }
        self.pos += 1;
        self.close(id, Kind::Array, base);
        Ok(Value::Array(items))
    }

    /// An array or object ends: its children, pushed on the element stack
    /// since `base`, become its `elements[first..first + len]`.
    fn close(&mut self, id: u32, kind: Kind, base: usize) {
        let first = to_u32(self.elements.len());
        let len = to_u32(self.element_stack.len().saturating_sub(base));
        self.elements.extend(
            self.element_stack
                .drain(base.min(self.element_stack.len())..),
        );
        if let Some(node) = self.nodes.get_mut(id as usize) {
            node.kind = kind;
            node.first = first;
            node.len = len;
        }
    }

    /// The members of an object, after its `{`.
    fn object(
        &mut self,
        id: u32,
        remaining: u8,
        frame: Option<&Frame<'_>>,
    ) -> Result<Value, Error> {
        let base = self.element_stack.len();
        let mut map = Map::new();
        let mut first = true;
        loop {
            match self.skip_whitespace() {
                None => return Err(self.peek_error(EOF_OBJECT)),
                Some(b'}') => break,
                Some(b) if first => {
                    first = false;
                    if b != b'"' {
                        return Err(self.peek_error(KEY_MUST_BE_A_STRING));
                    }
                }
                Some(b',') => {
                    self.pos += 1;
                    match self.skip_whitespace() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => return Err(self.peek_error(KEY_MUST_BE_A_STRING)),
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error(EXPECTED_OBJECT_COMMA_OR_END)),
            }
            let (at, offset) = (self.here(), self.pos);
            let name = self.string()?;
            // Escapes always take more bytes than what they stand for.
            let plain = self.pos - offset == name.len() + 2;
            let key = Key {
                at,
                parent: id,
                offset: to_u32(offset),
                len: if plain { to_u32(name.len()) } else { ESCAPED },
            };
            match self.skip_whitespace() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.peek_error(EXPECTED_COLON)),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let here = Frame {
                parent: frame,
                token: Token::Name(&name),
            };
            let (value, child) = self.value(key, remaining, Some(&here))?;
            self.element_stack.push(child);
            match map.entry(name) {
                Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                Entry::Occupied(mut entry) => {
                    self.repeated_member(id, frame, entry.key());
                    // Last value wins; the member keeps its first place.
                    entry.insert(value);
                }
            }
        }
        self.pos += 1;
        self.close(id, Kind::Object, base);
        Ok(Value::Object(map))
    }

    /// Record the pointer of a repeated member name, once.
    fn repeated_member(&mut self, object: u32, frame: Option<&Frame<'_>>, name: &str) {
        if self.duplicate_budget == 0 || !self.repeated.insert((object, Box::from(name))) {
            return;
        }
        let pointer = pointer_of(frame, name);
        // Counted before the check, so that building pointers is bounded too.
        self.duplicate_budget = self.duplicate_budget.saturating_sub(pointer.len());
        if self.duplicate_budget == 0 {
            return;
        }
        if self.reported.insert(pointer.clone()) {
            self.duplicates.push(pointer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same value as serde_json, or the same error at the same place.
    fn agrees(text: &str) {
        let ours = parse(text).map(|p| p.value);
        let theirs = serde_json::from_str::<Value>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
            (Err(a), Err(b)) => {
                let message = b.to_string();
                let message = message.rsplit_once(" at line ").map_or(&*message, |m| m.0);
                assert_eq!(
                    (a.message, a.line, a.column),
                    (message, b.line(), char_column(text, b.line(), b.column())),
                    "{text:?}"
                );
            }
            _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    /// serde_json's column (bytes) in characters.
    fn char_column(text: &str, line: usize, column: usize) -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        count_chars(&text.as_bytes()[start..(start + column).min(text.len())])
    }

    /// Texts at the edges of the grammar, each error path at least once.
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        // Structure.
        "", " ", "\n", "{", "{\n", "[", "[1", "[1,", "[1,]", "[,1]", "[1 2]", "[1}", "{}", "{ }",
        "{\"a\"}", "{\"a\" 1}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{1:2}", "{,}",
        "{\"a\":1,,}", "{\"a\":1,2}", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":1,\n",
        "{\"a\":1]", "[1]]", "{} x", "{}\n\n  x", "1 2", "[1,2,3,]", "[1,2,3,\n]", "{\"a\":1\n,}",
        "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "\t\r\n {\"a\" :\n [ 1 , 2 ]\n}\n",
        "{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":2,\"b\":3}", "\u{feff}{}", "{}\u{0}",
        // Literals.
        "nul", "nulx", "nx", "tru", "truex", "fals", "falsy", "null", "true", "false",
        // Numbers.
        "-", "-x", "--1", "+1", "01", "-01", "00", "0", "-0", "1.", "1.x", "1.e3", ".5", "1e",
        "1e+", "1e+x", "1ex", "1E5", "1e-5", "-1.5e-300", "1e308", "1e309", "-1e309", "1e400",
        "1e-400", "0e99999999999999", "1e99999999999999", "1.5e99999999999",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "0.1", "2.5E-3",
        "[1.0000000000000000000000000001]", "[1x]", "[-]", "[1.]",
        // Strings and escapes.
        "\"", "\"abc", "\"a\\", "\"\\x\"", "\"\\u\"", "\"\\u12\"", "\"\\u12\"xx",
        "\"\\u12G4\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ud83dx\"",
        "\"\\ud83d\\x\"", "\"\\ud83d\\u0041\"", "\"\\ude00\"", "\"\\ud83d\\ud83d\"",
        "\"\\ud83d", "\"\\ud83d\\", "\"\\ud83d\\u", "\"\\ud83d\\ude0", "\"a\nb\"",
        "\"a\tb\"", "\"\u{7f}\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "[\"\\u0000\"]",
        "\"\\uD834\\uDD1E\"",
        // Multi-byte characters before an error.
        "[\"é\" x]", "é", "{\"é\":é}",
    ];

    #[test]
    fn agrees_with_serde_json_on_values_errors_and_their_places() {
        for text in EDGES {
            agrees(text);
        }
        agrees(&format!("{}{}", "[".repeat(127), "]".repeat(127)));
        agrees(&format!("{}{}", "[".repeat(128), "]".repeat(128)));
        agrees(&"{\"a\":".repeat(130));
    }

    #[test]
    fn the_word_scan_finds_the_first_quote_backslash_or_control_character() {
        let fillers = [b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xc3, 0xff];
        for len in 0..20 {
            for at in 0..=len {
                for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    for &filler in &fillers {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = special;
                            // Another match later must not be found first.
                            if at + 2 < len {
                                bytes[at + 2] = b'"';
                            }
                        }
                        let naive = bytes
                            .iter()
                            .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
                        assert_eq!(string_end(&bytes), naive, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn error_columns_count_characters() {
        // serde_json would say column 10 (bytes); the caret goes under the `x`.
        let e = parse("[\"éé\", x]").unwrap_err();
        assert_eq!((e.message, e.line, e.column), (EXPECTED_VALUE, 1, 8));
    }

    /// (key, value) positions as (line, column) pairs.
    type Spans = (Option<(usize, usize)>, (usize, usize));

    fn spans(p: &Positions, pointer: &str) -> Spans {
        let loc = p.get(pointer).unwrap_or_else(|| panic!("no {pointer:?}"));
        (
            loc.key.map(|s| (s.line, s.column)),
            (loc.value.line, loc.value.column),
        )
    }

    #[test]
    fn positions_in_a_pretty_printed_document() {
        let text = "{\n  \"issuer\": \"https://idp.example\",\n  \"a/b~c\": [\n    1,\n    {\"x\": [true, null]}\n  ],\n  \"é\": \"ü\"\n}\n";
        let p = parse(text).unwrap().positions;
        assert_eq!(spans(&p, ""), (None, (1, 1)));
        assert_eq!(spans(&p, "/issuer"), (Some((2, 3)), (2, 13)));
        assert_eq!(spans(&p, "/a~1b~0c"), (Some((3, 3)), (3, 12)));
        assert_eq!(spans(&p, "/a~1b~0c/0"), (None, (4, 5)));
        assert_eq!(spans(&p, "/a~1b~0c/1"), (None, (5, 5)));
        assert_eq!(spans(&p, "/a~1b~0c/1/x"), (Some((5, 6)), (5, 11)));
        assert_eq!(spans(&p, "/a~1b~0c/1/x/1"), (None, (5, 18)));
        assert_eq!(spans(&p, "/é"), (Some((7, 3)), (7, 8)));
        assert_eq!(
            p.source_line(2),
            Some("  \"issuer\": \"https://idp.example\",")
        );
        assert_eq!(p.source_line(8), Some("}"));
        assert_eq!(p.source_line(9), Some(""));
        assert_eq!(p.source_line(10), None);
        assert_eq!(p.source_line(0), None);
        assert_eq!(p.line_count(), 9);
        for missing in [
            "/a~1b~0c/2",
            "/a~1b~0c/01",
            "/a~1b~0c/-",
            "/issuer/0",
            "/nope",
            "issuer",
            "/a~2",
            "/a~1b~0c/1/x/1/y",
            "/a~1b~0c/99999999999999999999999",
        ] {
            assert_eq!(p.get(missing), None, "{missing}");
        }
    }

    #[test]
    fn positions_on_one_line_count_characters_and_see_through_escapes() {
        // Multi-byte characters and escapes before a value move it by characters.
        let text = r#"{"ñ日本":"\u00e9\"\\𝄞","k\u002Fey":[[1,[2]],{"z":-0.5e1}],"last":{}}"#;
        let p = parse(text).unwrap().positions;
        assert_eq!(spans(&p, "/ñ日本"), (Some((1, 2)), (1, 8)));
        let key = text.find("\"k\\u").unwrap();
        let col = text[..key].chars().count() + 1;
        assert_eq!(spans(&p, "/k~1ey"), (Some((1, col)), (1, col + 12)));
        assert_eq!(spans(&p, "/k~1ey/0/1/0"), (None, (1, col + 17)));
        assert_eq!(
            spans(&p, "/k~1ey/1/z"),
            (Some((1, col + 22)), (1, col + 26))
        );
        assert_eq!(spans(&p, "/last").1, (1, text.chars().count() - 2));
        assert_eq!(p.source_line(1), Some(text));
    }

    #[test]
    fn a_repeated_name_keeps_the_last_value_its_first_place_in_order_and_its_last_position() {
        let text = "{\"a\":{\"x\":1},\n\"b\":{\"c\":1,\"c\":[2]},\n\"a\":{\"y\":3}}";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.duplicates, vec!["/b/c", "/a"]);
        let keys: Vec<_> = parsed.value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["a", "b"]);
        let p = &parsed.positions;
        assert_eq!(spans(p, "/a"), (Some((3, 1)), (3, 5)));
        assert_eq!(spans(p, "/a/y"), (Some((3, 6)), (3, 10)));
        assert_eq!(p.get("/a/x"), None);
        assert_eq!(spans(p, "/b/c/0"), (None, (2, 17)));
    }

    /// Small objects are searched by name, large ones through the name index:
    /// both find escaped names and the last of a repeated one.
    #[test]
    fn member_lookup_agrees_in_small_and_large_objects() {
        for n in [3, SCAN_MAX + 10] {
            let mut text = String::from("{");
            for i in 0..n {
                text.push_str(&format!("\"m{i}\":{i},"));
            }
            text.push_str("\"k\\u002Fey\":\"x\",\"m1\":\"last\"}");
            let parsed = parse(&text).unwrap();
            let p = &parsed.positions;
            let column = |needle: &str| text.find(needle).unwrap() + 1;
            assert_eq!(
                spans(p, "/m1"),
                (Some((1, column("\"m1\":\"last"))), (1, column("\"last")))
            );
            assert_eq!(spans(p, "/k~1ey").1, (1, column("\"x\"")), "{n}");
            assert_eq!(spans(p, "/m2").1, (1, column("\"m2\":") + 5), "{n}");
            assert_eq!(p.get("/m"), None);
            assert_eq!(p.get(&format!("/m{n}")), None);
        }
    }

    #[test]
    fn a_pointer_repeated_in_two_objects_is_reported_once() {
        let parsed = parse(r#"{"a":{"b":1,"b":2},"a":{"b":3,"b":4,"b":5}}"#).unwrap();
        assert_eq!(parsed.duplicates, vec!["/a/b", "/a"]);
    }

    #[test]
    fn many_repeated_names_under_a_long_name_stay_within_a_linear_budget() {
        let long = "n".repeat(100_000);
        let mut text = format!("{{\"{long}\":{{");
        for i in 0..5_000 {
            text.push_str(&format!("\"{i}\":0,\"{i}\":0,"));
        }
        text.push_str("\"end\":0}}");
        let parsed = parse(&text).unwrap();
        let total: usize = parsed.duplicates.iter().map(String::len).sum();
        assert!(total <= 2 * text.len() + 4096, "{total}");
        assert!(!parsed.duplicates.is_empty());
        assert_eq!(
            parsed
                .positions
                .get(&format!("/{long}/end"))
                .unwrap()
                .value
                .line,
            1
        );
    }

    #[test]
    fn deep_nesting_is_an_error_at_the_bracket_and_long_inputs_are_linear() {
        let e = parse(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(
            (e.message, e.line, e.column),
            (RECURSION_LIMIT_EXCEEDED, 1, 128)
        );
        // A long minified line with many values: column counting must not restart
        // from the line's start for each value.
        let text = format!("[{}0]", "\"é\",".repeat(200_000));
        let p = parse(&text).unwrap().positions;
        assert_eq!(p.value_at("/200000").map(|s| s.column), Some(800_002));
    }
}
