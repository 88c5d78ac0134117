//! The discovery document as served: the raw JSON object, parsed once, with the
//! member names that appeared more than once (serde_json keeps only the last),
//! where each value is in the body (line and column, for findings that show the
//! line), and typed accessors the rules share (effective grant types,
//! response-type sets, ...).
//!
//! This module never judges the document; rules do.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

use serde_json::{Map, Value};

use crate::json;
pub use crate::json::{Location, Positions, Span};

/// Why a body is not a usable document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotUtf8 {
        offset: usize,
    },
    /// serde_json's message and place (1-based line; column in characters, 0
    /// when the error is at the start of a line, e.g. an end of input).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON whose top level is not an object; holds the JSON type name.
    NotObject(&'static str),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("the body is empty"),
            ParseError::NotUtf8 { offset } => {
                write!(f, "the body is not UTF-8 (invalid byte at offset {offset})")
            }
            ParseError::Syntax {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "the body is not valid JSON: {message} at line {line}, column {column}"
                )
            }
            ParseError::NotObject(kind) => {
                write!(f, "the body is valid JSON, but {kind}, not an object")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Name of a JSON value's type, for messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Escape one reference token of a JSON pointer (RFC 6901 §3); borrowed when
/// there is nothing to escape.
pub fn pointer_token(name: &str) -> Cow<'_, str> {
    if name.contains(['~', '/']) {
        name.replace('~', "~0").replace('/', "~1").into()
    } else {
        name.into()
    }
}

/// Whether `pointer` is `prefix` or a pointer below it.
pub fn pointer_within(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The JSON pointer `/member/index` of one array element, as
/// [`Document::elements`] yields it: a string only when displayed or converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementPointer<'d> {
    member: &'d str,
    index: usize,
}

impl std::fmt::Display for ElementPointer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/{}/{}", pointer_token(self.member), self.index)
    }
}

impl From<ElementPointer<'_>> for String {
    fn from(p: ElementPointer<'_>) -> String {
        p.to_string()
    }
}

/// Undo [`pointer_token`].
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// The value at RFC 6901 `pointer` (non-empty) in an object; `None` when absent.
pub fn lookup<'d>(doc: &'d Map<String, Value>, pointer: &str) -> Option<&'d Value> {
    let mut tokens = pointer.strip_prefix('/')?.split('/');
    let mut at = doc.get(&*unescape_token(tokens.next()?))?;
    for t in tokens {
        at = match at {
            Value::Object(m) => m.get(&*unescape_token(t))?,
            Value::Array(a) => a.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// The JSON pointer of a top-level member.
pub fn ptr(name: &str) -> String {
    let token = pointer_token(name);
    let mut out = String::with_capacity(token.len() + 1);
    out.push('/');
    out.push_str(&token);
    out
}

/// A parsed JSON object plus what serde_json alone would lose.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The object as served (for duplicate names: the last value, as most parsers do).
    pub value: Map<String, Value>,
    /// JSON pointers of members whose name appeared more than once in their object.
    pub duplicates: Vec<String>,
    /// The body started with a UTF-8 byte-order mark (ignored, RFC 8259 §8.1).
    pub had_bom: bool,
    /// Where each value, and each member name, is in the body as served; empty
    /// for a document not parsed from a body ([`Document::from_map`]).
    pub positions: Positions,
}

/// Positions in the body, for findings that show the offending line.
impl Document {
    /// Line and column (1-based, in characters, after any byte-order mark) of
    /// the first character of the value at a JSON pointer (`""`: the object).
    pub fn value_at(&self, pointer: &str) -> Option<Span> {
        self.positions.value_at(pointer)
    }

    /// Line and column of the opening quote of the member name at a JSON
    /// pointer; `None` for array elements, the root, or a pointer naming nothing.
    pub fn key_at(&self, pointer: &str) -> Option<Span> {
        self.positions.key_at(pointer)
    }

    /// Line `line` (1-based) of the body, without its line break.
    pub fn source_line(&self, line: usize) -> Option<&str> {
        self.positions.source_line(line)
    }
}

impl Document {
    /// Parse a body. Nesting deeper than serde_json's recursion limit (128) is a
    /// syntax error, so hostile input cannot overflow the stack. One pass builds
    /// the value, the positions and the list of repeated names.
    pub fn parse(bytes: &[u8]) -> Result<Document, ParseError> {
        let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, true),
            None => (bytes, false),
        };
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ParseError::Empty);
        }
        let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        let parsed = json::parse(text).map_err(|e| ParseError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message.to_string(),
        })?;
        match parsed.value {
            Value::Object(value) => Ok(Document {
                value,
                duplicates: parsed.duplicates,
                had_bom,
                positions: parsed.positions,
            }),
            other => Err(ParseError::NotObject(json_type(&other))),
        }
    }

    /// Wrap an already-parsed object (tests, signed metadata payloads).
    pub fn from_map(value: Map<String, Value>) -> Document {
        Document {
            value,
            ..Document::default()
        }
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.value.get(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.value.contains_key(name)
    }

    /// The member as a string, if it is one.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.value.get(name).and_then(Value::as_str)
    }

    /// The member as a boolean, if it is one.
    pub fn bool(&self, name: &str) -> Option<bool> {
        self.value.get(name).and_then(Value::as_bool)
    }

    /// `true` only when the member is the JSON literal `true`.
    pub fn is_true(&self, name: &str) -> bool {
        self.bool(name) == Some(true)
    }

    /// The string elements of an array member (non-strings skipped; type rules
    /// report them). `None` when absent or not an array.
    pub fn strings(&self, name: &str) -> Option<Vec<&str>> {
        match self.value.get(name) {
            Some(Value::Array(items)) => Some(items.iter().filter_map(Value::as_str).collect()),
            _ => None,
        }
    }

    /// Whether an array member contains `value`.
    pub fn contains(&self, name: &str, value: &str) -> bool {
        match self.value.get(name) {
            Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(value)),
            _ => false,
        }
    }

    /// The string elements of an array member with their JSON pointers
    /// (`/name/i`), for findings about one element. Non-strings are skipped (type
    /// rules report them); nothing when absent or not an array. The pointer is
    /// written out only when a finding takes it.
    pub fn elements(&self, name: &str) -> impl Iterator<Item = (ElementPointer<'_>, &str)> {
        let (member, items) = match self.value.get_key_value(name) {
            Some((member, Value::Array(items))) => (member.as_str(), items.as_slice()),
            _ => ("", &[][..]),
        };
        items
            .iter()
            .enumerate()
            .filter_map(move |(index, v)| Some((ElementPointer { member, index }, v.as_str()?)))
    }

    /// `grant_types_supported` as published, if it is an array.
    pub fn explicit_grant_types(&self) -> Option<Vec<&str>> {
        self.strings("grant_types_supported")
    }

    /// Grant types in force: the published list, or the default
    /// `["authorization_code", "implicit"]` (OIDC Discovery §3, RFC 8414 §2).
    pub fn effective_grant_types(&self) -> Vec<&str> {
        self.explicit_grant_types()
            .unwrap_or_else(|| vec!["authorization_code", "implicit"])
    }

    /// Token endpoint client authentication methods in force: the published
    /// `token_endpoint_auth_methods_supported`, or the default
    /// `["client_secret_basic"]` (OIDC Discovery §3, RFC 8414 §2).
    pub fn effective_token_auth_methods(&self) -> Vec<&str> {
        self.strings("token_endpoint_auth_methods_supported")
            .unwrap_or_else(|| vec!["client_secret_basic"])
    }

    /// `response_types_supported` values as unordered sets of space-separated
    /// tokens (RFC 6749 §3.1.1: order does not matter).
    pub fn response_type_sets(&self) -> Vec<BTreeSet<&str>> {
        self.strings("response_types_supported")
            .unwrap_or_default()
            .into_iter()
            .map(token_set)
            .collect()
    }

    /// Some response type contains `token` (access token from the authorization endpoint).
    pub fn any_response_type_has(&self, token: &str) -> bool {
        match self.value.get("response_types_supported") {
            Some(Value::Array(items)) => {
                !token.is_empty()
                    && items
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|v| v.split(' ').any(|t| t == token))
            }
            _ => false,
        }
    }

    /// The authorization-code flow is offered: a response type contains `code`, or
    /// the effective grant types include `authorization_code`.
    pub fn offers_code_flow(&self) -> bool {
        self.any_response_type_has("code")
            || self.effective_grant_types().contains(&"authorization_code")
    }

    /// `authorization_endpoint` is published. Only the member counts: response
    /// types or front-channel grants listed without it do not.
    pub fn offers_authorization_endpoint(&self) -> bool {
        self.has("authorization_endpoint")
    }

    /// An Auth0 tenant's document: its issuer is on an `*.auth0.com` host, or (custom
    /// domains) it publishes Auth0's proprietary `mfa_challenge_endpoint`.
    pub fn is_auth0_tenant(&self) -> bool {
        let host_is_auth0 = self
            .str("issuer")
            .and_then(|i| url::Url::parse(i).ok())
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .is_some_and(|h| h.ends_with(".auth0.com"));
        host_is_auth0 || self.has("mfa_challenge_endpoint")
    }

    /// An issuer-only document for token verification (Kubernetes service-account
    /// issuers, GitHub Actions, ...): no authorization, token or any other endpoint.
    pub fn is_verification_only(&self) -> bool {
        !self
            .value
            .keys()
            .any(|k| k.ends_with("_endpoint") && k != "jwks_uri")
    }
}

/// A response-type string as a set of tokens.
pub fn token_set(value: &str) -> BTreeSet<&str> {
    value.split(' ').filter(|t| !t.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_recorded_with_their_pointer_and_last_value_wins() {
        let d = Document::parse(br#"{"a":1,"b":{"c":1,"c":2},"a":3}"#).unwrap();
        assert_eq!(d.duplicates, vec!["/b/c".to_string(), "/a".to_string()]);
        assert_eq!(d.get("a"), Some(&Value::from(3)));
    }

    #[test]
    fn shapes_that_are_not_documents_are_named() {
        assert_eq!(Document::parse(b"  ").unwrap_err(), ParseError::Empty);
        assert_eq!(
            Document::parse(b"[]").unwrap_err(),
            ParseError::NotObject("an array")
        );
        assert_eq!(
            Document::parse(b"null").unwrap_err(),
            ParseError::NotObject("null")
        );
        assert!(matches!(
            Document::parse(b"{\"a\":").unwrap_err(),
            ParseError::Syntax { .. }
        ));
        assert!(matches!(
            Document::parse(b"{\"a\":\"\xff\"}").unwrap_err(),
            ParseError::NotUtf8 { offset: 6 }
        ));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(matches!(
            Document::parse(deep.as_bytes()).unwrap_err(),
            ParseError::Syntax { .. }
        ));
    }

    #[test]
    fn bom_is_ignored_and_remembered() {
        let d = Document::parse(b"\xEF\xBB\xBF{}").unwrap();
        assert!(d.had_bom);
    }

    #[test]
    fn elements_point_at_string_elements_only() {
        let d = Document::parse(br#"{"a/b":["x",1,"y"],"s":"x"}"#).unwrap();
        let strings = |name| {
            d.elements(name)
                .map(|(p, v)| (p.to_string(), v))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strings("a/b"),
            [("/a~1b/0".to_string(), "x"), ("/a~1b/2".to_string(), "y")]
        );
        assert!(strings("s").is_empty() && strings("absent").is_empty());
    }

    #[test]
    fn token_auth_methods_default_to_client_secret_basic() {
        let d = Document::parse(br#"{}"#).unwrap();
        assert_eq!(d.effective_token_auth_methods(), ["client_secret_basic"]);
        let d = Document::parse(br#"{"token_endpoint_auth_methods_supported":[]}"#).unwrap();
        assert!(d.effective_token_auth_methods().is_empty());
    }

    #[test]
    fn positions_skip_the_bom_and_reach_into_key_sets() {
        let d = Document::parse(b"\xEF\xBB\xBF{\"keys\": [\n  {\"kty\": \"RSA\"}]}").unwrap();
        assert_eq!(d.value_at(""), Some(Span { line: 1, column: 1 }));
        assert_eq!(d.key_at("/keys"), Some(Span { line: 1, column: 2 }));
        assert_eq!(
            d.value_at("/keys/0/kty"),
            Some(Span {
                line: 2,
                column: 11
            })
        );
        assert_eq!(d.source_line(1), Some("{\"keys\": ["));
        assert_eq!(Document::from_map(Map::new()).value_at(""), None);
        let crlf = Document::parse(b"{\r\n \"a\": 1\r\n}").unwrap();
        assert_eq!(crlf.value_at("/a"), Some(Span { line: 2, column: 7 }));
        assert_eq!(crlf.source_line(2), Some(" \"a\": 1"));
        let jwks = crate::jwks::Jwks::parse(b"{\"keys\":[{\"kty\":\"EC\"}]}").unwrap();
        assert_eq!(
            jwks.doc.key_at("/keys/0/kty"),
            Some(Span {
                line: 1,
                column: 11
            })
        );
    }

    #[test]
    fn response_types_compare_as_sets() {
        let d =
            Document::parse(br#"{"response_types_supported":["id_token token","code"]}"#).unwrap();
        let sets = d.response_type_sets();
        assert!(sets.contains(&token_set("token id_token")));
        assert!(d.offers_code_flow());
    }
}
