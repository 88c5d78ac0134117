//! The vocabulary every other module speaks: a [`Rule`] declaration, the
//! [`Severity`] and [`Profile`] it is declared with, and the [`Finding`] a check
//! produces.
//!
//! A leaf: this module imports nothing of the crate, so rules, checks, reports
//! and emitters can all depend on it without cycles. Nothing here formats for a
//! terminal; emitters (`crate::emit`) do that. A finding holds its rule itself
//! (`&'static Rule`), so no report can disagree with `explain` and nothing looks a
//! rule up again by its id.

use std::fmt;

use serde::ser::{Serialize, Serializer};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Always in force.
    Any,
    /// The document is an OpenID Provider's.
    Oidc,
    /// The document is an RFC 8414 authorization-server document.
    Oauth,
    /// `--profile dynamic`: OpenID Connect Dynamic OP (Core §15.2).
    Dynamic,
    /// `--profile fapi2`: FAPI 2.0 Security Profile.
    Fapi2,
    /// `--profile oauth2.1`: the OAuth 2.1 draft.
    Oauth21,
    /// `--profile workload`: issuer-only documents for token verification.
    Workload,
    /// `--client KIND`: the rules that say whether a kind of client can work
    /// with the issuer. A profile like the others, so the one filter in
    /// `crate::checker` decides what is in force.
    Client(ClientKind),
}

/// A kind of client named by `--client` (and `client = [...]` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClientKind {
    /// A browser-based app that is its own OAuth client (a public client).
    Spa,
    /// A native (mobile or desktop) app: a public client using the system browser.
    Native,
    /// A web application with a server side that keeps a credential.
    Web,
    /// An input-constrained device using the device authorization grant.
    Device,
    /// A service acting on its own behalf (no user): client credentials.
    Service,
}

impl ClientKind {
    /// Every kind, in the order `--help` lists them.
    pub const ALL: [ClientKind; 5] = [
        ClientKind::Spa,
        ClientKind::Native,
        ClientKind::Web,
        ClientKind::Device,
        ClientKind::Service,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Spa => "spa",
            ClientKind::Native => "native",
            ClientKind::Web => "web",
            ClientKind::Device => "device",
            ClientKind::Service => "service",
        }
    }

    /// The kind a user names (`spa`, `native`, ...).
    pub fn named(name: &str) -> Option<ClientKind> {
        ClientKind::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for ClientKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Profile {
    /// Every profile a user can name, in the order `--help` lists them.
    pub const NAMED: [Profile; 6] = [
        Profile::Oidc,
        Profile::Oauth,
        Profile::Dynamic,
        Profile::Fapi2,
        Profile::Oauth21,
        Profile::Workload,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Any => "any",
            Profile::Oidc => "oidc",
            Profile::Oauth => "oauth",
            Profile::Dynamic => "dynamic",
            Profile::Fapi2 => "fapi2",
            Profile::Oauth21 => "oauth2.1",
            Profile::Workload => "workload",
            Profile::Client(ClientKind::Spa) => "client:spa",
            Profile::Client(ClientKind::Native) => "client:native",
            Profile::Client(ClientKind::Web) => "client:web",
            Profile::Client(ClientKind::Device) => "client:device",
            Profile::Client(ClientKind::Service) => "client:service",
        }
    }

    /// The client kind of a `client:*` profile.
    pub fn client(self) -> Option<ClientKind> {
        match self {
            Profile::Client(c) => Some(c),
            _ => None,
        }
    }

    /// The profile a user names (`oauth2.1`, `fapi2`, ...); `None` for others
    /// (client kinds are named with `--client`, not `--profile`).
    pub fn named(name: &str) -> Option<Profile> {
        Profile::NAMED.into_iter().find(|p| p.as_str() == name)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One lint rule's declaration.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, e.g. `issuer-mismatch`.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The profile under which the rule is in force.
    pub profile: Profile,
    /// One line: what is wrong when it fires.
    pub summary: &'static str,
    /// Spec references with section numbers.
    pub spec: &'static str,
    /// Why it matters, in plain words.
    pub explanation: &'static str,
    /// What to change (the lint report's help line).
    pub fix: &'static str,
    /// An example that makes the rule fire, or "" where none can be written
    /// down (the rule needs an HTTP exchange). For most rules a document fragment
    /// (JSON, merged over a valid baseline document); for the key-set rules a
    /// complete JWK Set, checked against the same baseline document.
    pub bad: &'static str,
    /// An example that keeps it quiet, of the same kind as `bad`.
    pub good: &'static str,
}

/// Rules are identified by their id (a rule is declared once, but a `const`
/// declaration may live at more than one address).
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// A rule compares equal to its id, so tests and callers can write `f.rule == "issuer-mismatch"`.
impl PartialEq<str> for Rule {
    fn eq(&self, id: &str) -> bool {
        self.id == id
    }
}

/// What a finding's pointer points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The discovery document.
    Document,
    /// The key set.
    Jwks,
    /// The discovery exchange (status, headers, TLS, redirects).
    Http,
    /// A request of `--probe`'s own.
    Probe,
}

impl Source {
    /// What an internal pointer points into, from its prefix (`jwks:`, `http:`;
    /// none for the document), and the pointer without that prefix.
    pub fn of_pointer(pointer: &str) -> (Source, &str) {
        if let Some(rest) = pointer.strip_prefix("jwks:") {
            (Source::Jwks, rest)
        } else if let Some(rest) = pointer.strip_prefix("http:") {
            (Source::Http, rest)
        } else {
            (Source::Document, pointer)
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Document => "document",
            Source::Jwks => "jwks",
            Source::Http => "http",
            Source::Probe => "probe",
        }
    }
}

/// One problem (or note) found by one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule that fired; serialised as its id (stable API) and its spec reference.
    pub rule: &'static Rule,
    /// Effective severity, after profiles and `--deny/--warn/--allow`.
    pub severity: Severity,
    /// The rule's declared severity, present whenever `severity` differs from it
    /// (set by [`Finding::settle`], in either direction).
    pub default_severity: Option<Severity>,
    /// JSON pointer into the document (`""` = the whole document). JWKS findings
    /// are prefixed `jwks:`; findings about the HTTP exchange use `http:`.
    pub pointer: String,
    pub message: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// What to change, specific to this finding where the check knows better than the
    /// rule's general advice.
    pub help: Option<String>,
    /// What `pointer` points into (from its prefix, or set by the producer).
    pub source: Source,
    /// Where the pointed-at value stands in the body as served (1-based; columns
    /// in characters), when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Stable identity across runs (`crate::fingerprint`), set when the report
    /// is finished.
    pub fingerprint: Option<String>,
    /// Also in the `--baseline`: reported, but left out of the counts and the verdict.
    pub baselined: bool,
    /// The JSON value at the pointer, when it points into the document or a
    /// public part of the key set (set by the pipeline).
    pub actual_value: Option<serde_json::Value>,
    /// The source line around `column`, for the lint report's caret (not in JSON).
    pub snippet: Option<Snippet>,
}

/// A window of at most [`Snippet::WIDTH`] characters of one source line, cut
/// around the column a finding points at, with `…` at cut ends. Raw server
/// text: emitters sanitise it like any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// 1-based character position of the caret within `text`.
    pub caret: usize,
}

impl Snippet {
    /// Longest window kept.
    pub const WIDTH: usize = 80;

    /// The window of `line` around 1-based character `column`.
    pub fn around(line: &str, column: usize) -> Snippet {
        let count = if line.is_ascii() {
            line.len()
        } else {
            line.chars().count()
        };
        if count <= Self::WIDTH {
            return Snippet {
                text: line.to_string(),
                caret: column.max(1),
            };
        }
        let at = column.saturating_sub(1).min(count);
        let start = at.saturating_sub(Self::WIDTH / 2);
        let end = (start + Self::WIDTH).min(count);
        let start = end.saturating_sub(Self::WIDTH);
        // The byte offset of character `k` (the end of the line for `count`).
        let byte = |k: usize| {
            if count == line.len() {
                k
            } else {
                line.char_indices().nth(k).map_or(line.len(), |(b, _)| b)
            }
        };
        let mut text = String::with_capacity(Self::WIDTH + 8);
        let mut caret = at - start + 1;
        if start > 0 {
            text.push('…');
            caret += 1;
        }
        text.push_str(&line[byte(start)..byte(end)]);
        if end < count {
            text.push('…');
        }
        Snippet { text, caret }
    }
}

/// A finding as the JSON report writes it (schema version 2): the rule by id,
/// a pure RFC 6901 pointer with the `source` it points into.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "Finding")]
struct Wire<'a> {
    /// The rule id: stable API.
    rule: &'a str,
    severity: Severity,
    /// The rule's declared severity, present whenever `severity` differs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_severity: Option<Severity>,
    /// What `pointer` points into.
    source: Source,
    /// RFC 6901 JSON pointer into `source` ("" = the whole of it).
    pointer: &'a str,
    /// 1-based line of the pointed-at value in the body as served, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    /// 1-based column, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actual: Option<&'a str>,
    /// The JSON value at the pointer (absent when the member is absent, and
    /// never for private key material).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actual_value: Option<&'a serde_json::Value>,
    spec: &'a str,
    /// What to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// Stable identity across runs (baselines, SARIF partialFingerprints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    /// Present (true) when `--baseline` holds this finding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Wire {
            rule: self.rule.id,
            severity: self.severity,
            default_severity: self.default_severity,
            source: self.source,
            pointer: self.bare_pointer(),
            line: self.line.filter(|_| self.column.is_some()),
            column: self.column.filter(|_| self.line.is_some()),
            message: &self.message,
            expected: self.expected.as_deref(),
            actual: self.actual.as_deref(),
            actual_value: self.actual_value.as_ref(),
            spec: self.rule.spec,
            help: self
                .help
                .as_deref()
                .or(Some(self.rule.fix).filter(|f| !f.is_empty())),
            fingerprint: self.fingerprint.as_deref(),
            baselined: self.baselined,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for Finding {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Finding".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Wire::<'static>::json_schema(generator)
    }
}

impl Finding {
    /// A finding for `rule` at `pointer`, at the rule's declared severity.
    pub fn new(
        rule: &'static Rule,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let pointer = pointer.into();
        let (source, _) = Source::of_pointer(&pointer);
        Finding {
            rule,
            severity: rule.severity,
            default_severity: None,
            pointer,
            message: message.into(),
            expected: None,
            actual: None,
            help: None,
            source,
            line: None,
            column: None,
            fingerprint: None,
            baselined: false,
            actual_value: None,
            snippet: None,
        }
    }

    /// Mark the finding as coming from a probe request.
    pub fn from_probe(mut self) -> Self {
        self.source = Source::Probe;
        self
    }

    /// The RFC 6901 pointer into [`Finding::source`]: the key-set pointer without
    /// its `jwks:` prefix; for the exchange, the pointer to the report's `http`
    /// member the finding is about (`http:status` → `/status`; the exchange as a
    /// whole, or what it has no member for, → "").
    pub fn bare_pointer(&self) -> &str {
        if let Some(rest) = self.pointer.strip_prefix("jwks:") {
            return rest;
        }
        match self.pointer.strip_prefix("http:") {
            Some("status") => "/status",
            Some("content-type") => "/content_type",
            Some("redirects") => "/redirects",
            Some("tls") => "/tls_verified",
            Some(_) => "",
            None => &self.pointer,
        }
    }

    /// The rule's id.
    pub fn id(&self) -> &'static str {
        self.rule.id
    }

    /// Record the declared severity whenever the effective one differs from it.
    pub fn settle(&mut self) {
        self.default_severity = (self.severity != self.rule.severity).then_some(self.rule.severity);
    }

    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = Some(v.into());
        self
    }

    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = Some(v.into());
        self
    }

    pub fn help(mut self, v: impl Into<String>) -> Self {
        self.help = Some(v.into());
        self
    }

    /// Report at another severity than the rule's default, for rules whose
    /// declaration says the severity depends on the case (e.g. a trailing-slash
    /// mismatch is an error for a typed issuer, info for a derived one).
    pub fn severity(mut self, s: Severity) -> Self {
        self.severity = s;
        self
    }
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}
