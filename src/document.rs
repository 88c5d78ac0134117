//! The discovery document as served: the raw JSON object, parsed once, with the
//! member names that appeared more than once (serde_json keeps only the last), and
//! typed accessors the rules share (effective grant types, response-type sets, ...).
//!
//! This module never judges the document; rules do.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a body is not a usable document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotUtf8 {
        offset: usize,
    },
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
                write!(f, "the body is JSON {kind}, not a JSON object")
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

/// Escape one reference token of a JSON pointer (RFC 6901 §3).
pub fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of a top-level member.
pub fn ptr(name: &str) -> String {
    format!("/{}", pointer_token(name))
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
}

impl Document {
    /// Parse a body. Nesting deeper than serde_json's recursion limit (128) is a
    /// syntax error, so hostile input cannot overflow the stack.
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
        let mut duplicates = Vec::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let value = TrackingSeed {
            path: String::new(),
            duplicates: &mut duplicates,
        }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| ParseError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
        match value {
            Value::Object(value) => Ok(Document {
                value,
                duplicates,
                had_bom,
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
        self.strings(name).is_some_and(|v| v.contains(&value))
    }

    /// The string elements of an array member with their JSON pointers
    /// (`/name/i`), for findings about one element. Non-strings are skipped (type
    /// rules report them); empty when absent or not an array.
    pub fn elements(&self, name: &str) -> Vec<(String, &str)> {
        match self.value.get(name) {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_str().map(|s| (format!("{}/{i}", ptr(name)), s)))
                .collect(),
            _ => Vec::new(),
        }
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
        self.response_type_sets().iter().any(|s| s.contains(token))
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

/// [`Document::elements`] as a function, for call sites written that way.
pub fn elements<'a>(doc: &'a Document, name: &str) -> Vec<(String, &'a str)> {
    doc.elements(name)
}

/// [`Document::effective_token_auth_methods`] as a function, for call sites
/// written that way.
pub fn effective_token_auth_methods(doc: &Document) -> Vec<&str> {
    doc.effective_token_auth_methods()
}

/// A response-type string as a set of tokens.
pub fn token_set(value: &str) -> BTreeSet<&str> {
    value.split(' ').filter(|t| !t.is_empty()).collect()
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Deserialises a `Value` while recording duplicate member names with their pointer.
struct TrackingSeed<'a> {
    path: String,
    duplicates: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for TrackingSeed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TrackingSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = TrackingSeed {
                path: format!("{}/{}", self.path, items.len()),
                duplicates: &mut *self.duplicates,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = format!("{}/{}", self.path, pointer_token(&key));
            let seed = TrackingSeed {
                path: path.clone(),
                duplicates: &mut *self.duplicates,
            };
            let value = map.next_value_seed(seed)?;
            if object.insert(key, value).is_some() && !self.duplicates.contains(&path) {
                self.duplicates.push(path);
            }
        }
        Ok(Value::Object(object))
    }
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
        assert_eq!(
            d.elements("a/b"),
            [("/a~1b/0".to_string(), "x"), ("/a~1b/2".to_string(), "y")]
        );
        assert!(d.elements("s").is_empty() && d.elements("absent").is_empty());
    }

    #[test]
    fn token_auth_methods_default_to_client_secret_basic() {
        let d = Document::parse(br#"{}"#).unwrap();
        assert_eq!(d.effective_token_auth_methods(), ["client_secret_basic"]);
        let d = Document::parse(br#"{"token_endpoint_auth_methods_supported":[]}"#).unwrap();
        assert!(d.effective_token_auth_methods().is_empty());
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
