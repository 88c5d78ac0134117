//! The inspection pipeline: one input and resolved settings in, one [`Report`] out.
//!
//! Every caller goes through here: the command line, the tests, the benchmarks,
//! and every later way of running many targets. It gathers what there is to
//! look at (the discovery exchange or file, the key set, the probes), hands every
//! raw finding to one [`Checker`], and finishes the report. It prints nothing.

use std::time::SystemTime;

use crate::checker::Checker;
use crate::diagnostic::{self, ClientKind, Finding, Profile};
use crate::document::Document;
use crate::http::{Client, ConfigError, Exchange, FetchError};
use crate::jwks::Jwks;
use crate::report::{ClientReadiness, KeySet, Report, RunError};
use crate::rules::{self, Context, jwks as key_rules, transport};
use crate::settings::{Settings, profiles_in_force};
use crate::target::{Target, WellKnown};
use crate::{http, probe};

/// Where the discovery document comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Fetch the target's discovery URL.
    Fetch,
    /// Read a saved document (`-` = standard input).
    File(String),
    /// A document already in memory (benchmarks, fuzzing, library callers).
    Memory(Vec<u8>),
}

/// Where the key set comes from.
#[derive(Debug, Clone)]
pub enum Keys {
    /// Fetch the document's `jwks_uri`, if it has one.
    Discover,
    /// Do not look at a key set.
    Skip,
    /// Read a saved key set (`-` = standard input).
    File(String),
    /// A key set already in memory.
    Memory(Vec<u8>),
}

/// One thing to inspect.
#[derive(Debug, Clone)]
pub struct Input {
    pub target: Target,
    pub source: Source,
    pub keys: Keys,
    /// Profiles asked for this input alone, instead of the settings' ones.
    pub profiles: Option<Vec<Profile>>,
    /// Kinds of client asked for this input alone, instead of the settings' ones.
    pub clients: Option<Vec<ClientKind>>,
}

impl Input {
    /// Fetch `target` and the key set its document names.
    pub fn fetch(target: Target) -> Input {
        Input {
            target,
            source: Source::Fetch,
            keys: Keys::Discover,
            profiles: None,
            clients: None,
        }
    }

    /// A saved document; no key set unless [`Input::with_keys`] names one.
    /// Without `well_known` its profile is detected from the content alone.
    pub fn file(path: &str, well_known: Option<WellKnown>) -> Input {
        let mut target = Target::file(path, well_known.unwrap_or(WellKnown::OpenidConfiguration));
        target.well_known_assumed = well_known.is_none();
        Input {
            target,
            source: Source::File(path.to_string()),
            keys: Keys::Skip,
            profiles: None,
            clients: None,
        }
    }

    /// A document in memory, named `name` in the report.
    pub fn memory(name: &str, body: Vec<u8>, well_known: WellKnown) -> Input {
        Input {
            target: Target::file(name, well_known),
            source: Source::Memory(body),
            keys: Keys::Skip,
            profiles: None,
            clients: None,
        }
    }

    pub fn with_keys(mut self, keys: Keys) -> Input {
        self.keys = keys;
        self
    }

    pub fn expect_issuer(mut self, issuer: &str) -> Input {
        self.target.expect_issuer(issuer);
        self
    }
}

/// Settings plus the one HTTP client they configure, shared by every input of a run.
#[derive(Debug)]
pub struct Inspector {
    settings: Settings,
    client: Client,
}

/// Inspect one input with a client of its own.
pub fn inspect(input: &Input, settings: &Settings) -> Result<Report, ConfigError> {
    Ok(Inspector::new(settings.clone())?.inspect(input))
}

impl Inspector {
    /// Fails only on settings the HTTP client cannot use (an unreadable
    /// `--cacert`, a bad proxy URL).
    pub fn new(settings: Settings) -> Result<Inspector, ConfigError> {
        let client = Client::new(&settings.http)?;
        Ok(Inspector { settings, client })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Inspect one input: never fails, a failure is in the report (exit 3).
    pub fn inspect(&self, input: &Input) -> Report {
        let mut report = Report::new(input.target.clone());
        let mut checker = Checker::default();
        let doc = self.obtain(input, &mut report, &mut checker);
        let detected = match &doc {
            Some(doc) => rules::detect_profiles(doc, &report.target),
            None => rules::detect_profiles(&Document::default(), &report.target),
        };
        let requested = input.profiles.as_deref().unwrap_or(&self.settings.profiles);
        let clients = input.clients.as_deref().unwrap_or(&self.settings.clients);
        let profiles = profiles_in_force(requested, clients, detected);
        let mut key_doc = None;
        let mut document = None;
        if let Some(doc) = doc {
            let cx = Context {
                doc: &doc,
                http: report.http.as_ref(),
                target: &report.target,
                profiles: &profiles,
            };
            checker.extend(rules::check(&cx));
            let (key_set, raw_keys) = self.key_set(input, &cx, &mut checker);
            report.jwks = key_set;
            key_doc = raw_keys;
            if self.settings.probe
                && let Some(x) = &report.http
            {
                checker.extend(probe::run(&self.client, &x.url, &cx));
            }
            document = Some(doc);
            report.skipped = skipped(input);
        }
        report.profiles = profiles.iter().map(|p| p.as_str()).collect();
        report.findings = checker.finish(&profiles, &self.settings.overrides);
        for (i, f) in report.findings.iter_mut().enumerate() {
            locate(f, document.as_ref(), key_doc.as_ref(), i < SNIPPETS_MAX);
        }
        report.document = document.map(|d| d.value);
        report.finish(self.settings.fail_on);
        if self.settings.min_severity > crate::diagnostic::Severity::Info {
            report.keep_at_least(self.settings.min_severity);
        }
        if let Some(b) = &self.settings.baseline {
            b.apply(&mut report);
        }
        if report.document.is_some() {
            report.clients = profiles
                .iter()
                .filter_map(|p| p.client())
                .map(|c| ClientReadiness::of(c, &report.findings))
                .collect();
        }
        report
    }

    /// The document, or `None` with the reason recorded in the report. Transport
    /// findings go to `checker` whatever the outcome.
    fn obtain(
        &self,
        input: &Input,
        report: &mut Report,
        checker: &mut Checker,
    ) -> Option<Document> {
        let max = self.settings.http.max_size;
        let body = match &input.source {
            Source::Memory(body) => body.clone(),
            Source::File(path) => match read_input(path, max) {
                Ok(Some(body)) => body,
                Ok(None) => {
                    let msg = format!("{path} is larger than --max-size ({max} bytes)");
                    report.error = Some(RunError::new("too-large", msg, path));
                    return None;
                }
                Err(e) => {
                    report.error = Some(RunError::new("file", format!("{e:#}"), path));
                    return None;
                }
            },
            Source::Fetch => {
                let url = report.target.discovery_url.clone().unwrap_or_default();
                let (exchange, body, failure) = match self.client.get(&url) {
                    Ok(fetched) => (Some(fetched.exchange), fetched.body, None),
                    Err(e) => (None, Vec::new(), Some(e)),
                };
                checker.extend(transport_findings(
                    &report.target,
                    exchange.as_ref(),
                    failure.as_ref(),
                ));
                if let Some(e) = failure {
                    report.error = Some(RunError::fetch(e));
                    return None;
                }
                let status = exchange.as_ref().map_or(0, |x| x.status);
                report.http = exchange;
                if status != 200 {
                    let msg = format!("HTTP status {status}");
                    report.error = Some(RunError::new("http-status", msg, &url));
                    return None;
                }
                body
            }
        };
        match Document::parse(&body) {
            Ok(doc) => Some(doc),
            Err(e) => {
                let message = transport::not_json_message(&e, &body, report.http.as_ref());
                checker.push(transport::not_json_object(
                    message.clone(),
                    report.http.as_ref(),
                ));
                let url = report
                    .http
                    .as_ref()
                    .map_or(report.target.input.clone(), |h| h.final_url.clone());
                report.error = Some(RunError::new("not-json-object", message, &url));
                None
            }
        }
    }

    /// The key set named by the input or the document, checked against the
    /// document. A key set that cannot be had is a `jwks-fetch-failed` finding,
    /// never a failed run: exit status 3 is about the discovery document alone.
    fn key_set(
        &self,
        input: &Input,
        cx: &Context<'_>,
        checker: &mut Checker,
    ) -> (Option<KeySet>, Option<Document>) {
        let max = self.settings.http.max_size;
        let (url, exchange, loaded): (String, Option<Exchange>, Result<Jwks, Finding>) =
            match &input.keys {
                Keys::Skip => return (None, None),
                Keys::Memory(body) => (
                    input.target.input.clone(),
                    None,
                    Jwks::parse(body).map_err(|e| key_rules::parse_failed(&e)),
                ),
                Keys::File(path) => {
                    let loaded = match read_input(path, max) {
                        Ok(Some(body)) => Jwks::parse(&body)
                            .map_err(|e| key_rules::parse_failed(&e).actual(path.clone())),
                        Ok(None) => Err(Finding::new(
                            &key_rules::JWKS_FETCH_FAILED,
                            "/jwks_uri",
                            format!("{path} is larger than --max-size ({max} bytes)"),
                        )
                        .actual(path.clone())),
                        Err(e) => Err(Finding::new(
                            &key_rules::JWKS_FETCH_FAILED,
                            "/jwks_uri",
                            format!("{e:#}"),
                        )
                        .actual(path.clone())),
                    };
                    (path.clone(), None, loaded)
                }
                Keys::Discover => {
                    let Some(url) = cx.doc.str("jwks_uri").map(str::to_string) else {
                        return (None, None);
                    };
                    match self.client.get(&url) {
                        Ok(fetched) => {
                            let loaded = key_rules::load(&fetched).map_err(|f| *f);
                            (url, Some(fetched.exchange), loaded)
                        }
                        Err(e) => (url, None, Err(key_rules::fetch_failed(&e))),
                    }
                }
            };
        let (keys, raw) = match loaded {
            Ok(set) => {
                let mut found = Vec::new();
                key_rules::check_jwks(cx, &set, exchange.as_ref(), SystemTime::now(), &mut found);
                checker.extend(found);
                (Some(set.keys), Some(set.doc))
            }
            Err(f) => {
                checker.push(f);
                (None, None)
            }
        };
        let key_set = KeySet {
            url,
            http: exchange,
            keys,
        };
        (Some(key_set), raw)
    }
}

/// The checks a saved document goes without, for want of what only a fetch
/// or a flag gives.
fn skipped(input: &Input) -> Vec<String> {
    if !matches!(input.source, Source::File(_)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if input.target.expected_issuer.is_none() {
        out.push("issuer comparison (no --expect-issuer)".to_string());
    }
    if matches!(input.keys, Keys::Skip) {
        out.push("key-set checks (no --jwks-file)".to_string());
    }
    out.push("transport checks: TLS, status, content type, CORS (a file)".to_string());
    out
}

/// Members of a key whose values are private or secret: never copied into a report.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Findings of one report that get a source snippet; the rest keep their line
/// and column (a hostile document can bring hundreds of thousands).
const SNIPPETS_MAX: usize = 1000;

/// Longest source line a snippet is cut from (a minified document is one line).
const SNIPPET_LINE_MAX: usize = 64 * 1024;

/// Fill in what a finding's pointer points at in the body as served: where
/// (`line`, `column`: the value, or for an absent member nothing), the source
/// line around it for the lint report (`snippet`: never from the key set,
/// whose lines can hold private key material), and the value (`actual_value`:
/// never a whole document, and from the key set only scalars outside private
/// members).
fn locate(f: &mut Finding, document: Option<&Document>, keys: Option<&Document>, snippet: bool) {
    let pointer = f.bare_pointer().to_string();
    let body = match f.source {
        diagnostic::Source::Document | diagnostic::Source::Probe => document,
        diagnostic::Source::Jwks => keys,
        diagnostic::Source::Http => None,
    };
    if let Some((span, d)) = body.and_then(|d| d.value_at(&pointer).map(|s| (s, d))) {
        f.line = Some(span.line);
        f.column = Some(span.column);
        if snippet && f.source != diagnostic::Source::Jwks {
            f.snippet = d
                .source_line(span.line)
                .filter(|l| l.len() <= SNIPPET_LINE_MAX)
                .map(|l| diagnostic::Snippet::around(l, span.column));
        }
    }
    if pointer.is_empty() {
        return;
    }
    let value = match f.source {
        diagnostic::Source::Document | diagnostic::Source::Probe => {
            document.and_then(|d| crate::document::lookup(&d.value, &pointer))
        }
        diagnostic::Source::Jwks => keys
            .and_then(|k| crate::document::lookup(&k.value, &pointer))
            .filter(|v| !v.is_object() && !v.is_array())
            .filter(|_| !pointer.split('/').any(|t| PRIVATE_MEMBERS.contains(&t))),
        diagnostic::Source::Http => None,
    };
    f.actual_value = value.cloned();
}

fn transport_findings(
    target: &Target,
    exchange: Option<&Exchange>,
    failure: Option<&FetchError>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    transport::check(
        &transport::Transport {
            target,
            exchange,
            failure,
        },
        &mut out,
    );
    out
}

impl RunError {
    fn new(kind: &str, message: String, url: &str) -> RunError {
        RunError {
            kind: kind.to_string(),
            message,
            url: url.to_string(),
            redirects: Vec::new(),
        }
    }

    fn fetch(e: FetchError) -> RunError {
        RunError {
            kind: serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "io".into()),
            message: e.message,
            url: e.url,
            redirects: e.redirects,
        }
    }
}

/// Read a saved document or key set (`-` = standard input), at most `max` bytes;
/// `None` when larger.
pub fn read_input(path: &str, max: u64) -> anyhow::Result<Option<Vec<u8>>> {
    // One line naming the file once: callers print it as it is.
    let failed = |e: std::io::Error| {
        let what = if path == "-" { "standard input" } else { path };
        anyhow::anyhow!("cannot read {what}: {}", http::io_reason(&e))
    };
    if path == "-" {
        return http::read_capped(std::io::stdin().lock(), max).map_err(failed);
    }
    let file = std::fs::File::open(path).map_err(failed)?;
    http::read_capped(file, max).map_err(failed)
}
