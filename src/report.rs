//! The result of one run, as data: what was asked, what the server answered, the
//! document as served, the findings and the verdict. Emitters render it; the JSON
//! emitter serialises it as-is, so this struct *is* the documented JSON contract
//! (README "JSON output"). Bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diagnostic::{ClientKind, Counts, Finding, Profile, Severity};
use crate::http::Exchange;
use crate::jwks::KeySummary;
use crate::target::Target;

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 2;

/// `--fail-on`: the lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[repr(u8)]
pub enum Exit {
    /// No finding at or above `--fail-on`.
    Ok = 0,
    /// Findings at or above `--fail-on`.
    Findings = 1,
    /// Usage error.
    Usage = 2,
    /// No document could be obtained or parsed.
    NoDocument = 3,
    /// The report could not be written (other than to a closed pipe).
    Output = 4,
}

/// Why no document could be had (exit 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RunError {
    /// `dns`, `connect`, `connect-timeout`, `timeout`, `tls`, `too-large`, `too-many-redirects`,
    /// `insecure-redirect`, `bad-redirect`, `unsupported-encoding`, `proxy`,
    /// `protocol`, `io`, `bad-url`, `http-status`, `not-json-object`, `file`.
    pub kind: String,
    pub message: String,
    /// The URL (or file) being read when it failed.
    pub url: String,
    /// Redirects followed before the failure (e.g. up to a refused https→http hop).
    pub redirects: Vec<crate::http::Hop>,
}

/// Totals and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Findings of severity `info`.
    pub notes: usize,
    pub fail_on: FailOn,
    /// Whether the run fails (exit code 1 or 3).
    pub failed: bool,
    pub exit_code: u8,
    /// With `--baseline`: findings also in the baseline (left out of the counts
    /// above and of the verdict).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    /// With `--baseline`: baseline entries of this target that no longer occur.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
}

/// One run.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub target: Target,
    /// The discovery fetch; `null` with `--file`.
    pub http: Option<Exchange>,
    /// The document exactly as served (duplicate names: the last value); `null`
    /// when none could be had.
    pub document: Option<Map<String, Value>>,
    /// The key set behind `jwks_uri` (or `--jwks-file`); `null` when it was not
    /// looked at (`--no-jwks`, `--file` without `--jwks-file`, no `jwks_uri`).
    pub jwks: Option<KeySet>,
    /// Profiles in force.
    pub profiles: Vec<&'static str>,
    /// With `--client`: for each kind of client asked for, whether the document
    /// offers what it needs. Left out when no kind was asked for, and when no
    /// document could be had.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clients: Vec<ClientReadiness>,
    /// Checks that did not run for want of an input, one short phrase each
    /// (`--file` without `--expect-issuer` or `--jwks-file`; no transport checks
    /// for a file). Left out when every check ran or no document could be had.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub error: Option<RunError>,
    /// The config file the run read, if any.
    pub config: Option<String>,
}

/// Will a kind of client work with the issuer? Read from the report's findings of
/// that kind's rules (`client-KIND-*`), after overrides and `--min-severity`, and
/// whether or not they are in the `--baseline`: an error means the flow cannot
/// work as the document stands, a warning that it works weaker than RFC 9700
/// recommends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClientReadiness {
    /// `spa`, `native`, `web`, `device` or `service`.
    pub kind: &'static str,
    /// No error among the kind's findings.
    pub ready: bool,
    /// What makes the flow impossible: one entry per distinct need among the
    /// error findings.
    pub errors: Vec<ClientNeed>,
    /// What makes it weaker than recommended, or unknown: the same, for warnings.
    pub warnings: Vec<ClientNeed>,
}

/// One thing a kind of client needs and the document does not offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClientNeed {
    pub rule: &'static str,
    /// What is needed: the finding's `expected`, else the rule's summary.
    pub needs: String,
}

impl ClientReadiness {
    pub fn of(kind: ClientKind, findings: &[Finding]) -> ClientReadiness {
        let mine = |s: Severity| {
            let mut out: Vec<ClientNeed> = Vec::new();
            for f in findings
                .iter()
                .filter(|f| f.rule.profile == Profile::Client(kind) && f.severity == s)
            {
                let need = ClientNeed {
                    rule: f.rule.id,
                    needs: f.expected.clone().unwrap_or_else(|| f.rule.summary.into()),
                };
                if !out.contains(&need) {
                    out.push(need);
                }
            }
            out
        };
        let errors = mine(Severity::Error);
        ClientReadiness {
            kind: kind.as_str(),
            ready: errors.is_empty(),
            errors,
            warnings: mine(Severity::Warning),
        }
    }
}

/// Where the key set came from and what is in it. Holds summaries only: never
/// the value of a private or symmetric member.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KeySet {
    /// The `jwks_uri` fetched, or the file read.
    pub url: String,
    /// The fetch; `null` for a file or when no response was had.
    pub http: Option<Exchange>,
    /// One summary per key object, in order; `null` when no key set could be
    /// had (the `jwks-fetch-failed` finding says why).
    pub keys: Option<Vec<KeySummary>>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    pub fn this() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

impl RunError {
    /// The message, then the URL or file in parentheses unless the message
    /// already names it (a file's "cannot read PATH: ..." does).
    pub fn with_url(&self) -> String {
        if self.url.is_empty() || self.message.contains(&self.url) {
            self.message.clone()
        } else {
            format!("{} ({})", self.message, self.url)
        }
    }

    /// [`RunError::with_url`] after `target:`, unless the message names the
    /// target as well as the URL (a file named once is enough).
    pub fn for_target(&self, target: &str) -> String {
        if self.url == target && self.message.contains(target) {
            self.message.clone()
        } else {
            format!("{target}: {}", self.with_url())
        }
    }
}

impl Report {
    /// An empty report for `target`, to be filled and then [`Report::finish`]ed.
    pub fn new(target: Target) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::this(),
            target,
            http: None,
            document: None,
            jwks: None,
            profiles: Vec::new(),
            clients: Vec::new(),
            skipped: Vec::new(),
            findings: Vec::new(),
            summary: Summary {
                errors: 0,
                warnings: 0,
                notes: 0,
                fail_on: FailOn::Never,
                failed: false,
                exit_code: 0,
                baselined: None,
                fixed: None,
            },
            error: None,
            config: None,
        }
    }

    /// Sort findings (severity, then rule order, then pointer) and compute the summary.
    pub fn finish(&mut self, fail_on: FailOn) {
        // By severity (highest first), then rule order, then pointer: two
        // stable sorts, the rule's position looked up once per finding.
        self.findings.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        self.findings.sort_by_cached_key(|f| {
            (
                std::cmp::Reverse(f.severity),
                crate::rules::position(f.rule.id),
            )
        });
        let keys = self.jwks.as_ref().and_then(|k| k.keys.as_deref());
        for f in &mut self.findings {
            f.fingerprint = Some(crate::fingerprint::of(
                &self.target.input,
                f,
                self.document.as_ref(),
                keys,
            ));
        }
        self.summary.fail_on = fail_on;
        self.summarize();
    }

    /// Counts and verdict from the findings that are not baselined.
    pub fn summarize(&mut self) {
        let fail_on = self.summary.fail_on;
        let new: Vec<&Finding> = self.findings.iter().filter(|f| !f.baselined).collect();
        let mut c = Counts::default();
        for f in &new {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        let exit = if self.error.is_some() {
            Exit::NoDocument
        } else if new.iter().any(|f| fail_on.fails(f.severity)) {
            Exit::Findings
        } else {
            Exit::Ok
        };
        self.summary = Summary {
            errors: c.errors,
            warnings: c.warnings,
            notes: c.infos,
            fail_on,
            failed: exit != Exit::Ok,
            exit_code: exit as u8,
            baselined: self.summary.baselined,
            fixed: self.summary.fixed,
        };
    }

    /// `--min-severity`: drop the findings below `min` from a finished report and
    /// count again, so the counts and the exit status describe what is left.
    pub fn keep_at_least(&mut self, min: Severity) {
        self.findings.retain(|f| f.severity >= min);
        self.summarize();
    }

    pub fn exit(&self) -> Exit {
        match self.summary.exit_code {
            0 => Exit::Ok,
            1 => Exit::Findings,
            3 => Exit::NoDocument,
            _ => Exit::Usage,
        }
    }
}

/// Several targets' reports (`--format json` with more than one target).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Batch {
    pub schema_version: u32,
    pub tool: Tool,
    /// The config file the run read, if any.
    pub config: Option<String>,
    /// One report per target, in the order the targets were given.
    pub reports: Vec<Report>,
    pub summary: BatchSummary,
}

/// Totals over every target and the run's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct BatchSummary {
    pub targets: usize,
    /// Targets whose own report fails (exit 1 or 3).
    pub failed: usize,
    /// Targets whose document could not be had (exit 3).
    pub unreachable: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings of severity `info`.
    pub notes: usize,
    /// 3 if any target is unreachable, else 1 if any fails, else 0.
    pub exit_code: u8,
    /// With `--baseline`: totals of the targets' `baselined` and `fixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
}

impl Batch {
    pub fn new(reports: Vec<Report>, config: Option<String>) -> Batch {
        let summary = BatchSummary::of(&reports);
        Batch {
            schema_version: SCHEMA_VERSION,
            tool: Tool::this(),
            config,
            reports,
            summary,
        }
    }
}

impl BatchSummary {
    pub fn of(reports: &[Report]) -> BatchSummary {
        BatchSummary::tally(reports.iter().map(|r| (&r.summary, r.error.is_some())))
    }

    /// The totals over each target's summary and whether its document could
    /// not be had.
    pub fn tally<'a>(targets: impl Iterator<Item = (&'a Summary, bool)>) -> BatchSummary {
        let mut t = BatchSummary {
            targets: 0,
            failed: 0,
            unreachable: 0,
            errors: 0,
            warnings: 0,
            notes: 0,
            exit_code: Exit::Ok as u8,
            baselined: None,
            fixed: None,
        };
        // A total of the `--baseline` counts, present when any target has one.
        let add = |total: &mut Option<usize>, n: Option<usize>| {
            if let Some(n) = n {
                *total = Some(total.unwrap_or(0) + n);
            }
        };
        for (s, unreachable) in targets {
            t.targets += 1;
            t.failed += usize::from(s.failed);
            t.unreachable += usize::from(unreachable);
            t.errors += s.errors;
            t.warnings += s.warnings;
            t.notes += s.notes;
            add(&mut t.baselined, s.baselined);
            add(&mut t.fixed, s.fixed);
        }
        t.exit_code = if t.unreachable > 0 {
            Exit::NoDocument
        } else if t.failed > 0 {
            Exit::Findings
        } else {
            Exit::Ok
        } as u8;
        t
    }
}

/// What `--format json` prints: one target's report, or several targets'
/// (`--format jsonl` prints one [`Report`] a line). Used to generate the
/// published JSON Schema (`docs/report.schema.json`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(title = "oidc-inspect JSON report")]
pub enum ReportFile {
    One(Box<Report>),
    Many(Batch),
}

/// The JSON Schema of the report, as committed in `docs/report.schema.json`.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(ReportFile)).unwrap_or_default();
    close_objects(&mut schema);
    schema
}

/// Every object schema with declared properties admits no others: fields are
/// only added with a schema version, so validation catches an undocumented one.
fn close_objects(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if m.contains_key("properties") && !m.contains_key("additionalProperties") {
                m.insert(
                    "additionalProperties".into(),
                    serde_json::Value::Bool(false),
                );
            }
            m.values_mut().for_each(close_objects);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(close_objects),
        _ => {}
    }
}
