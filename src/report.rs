//! The result of one run, as data: what was asked, what the server answered, the
//! document as served, the findings and the verdict. Emitters render it; the JSON
//! emitter serialises it as-is, so this struct *is* the documented JSON contract
//! (README "JSON output"). Bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diagnostic::{Counts, Finding, Severity};
use crate::http::Exchange;
use crate::jwks::KeySummary;
use crate::target::Target;

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// `--fail-on`: the lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fail_on: FailOn,
    /// Whether the run fails (exit code 1 or 3).
    pub failed: bool,
    pub exit_code: u8,
}

/// One run.
#[derive(Debug, Clone, Serialize)]
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
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub error: Option<RunError>,
    /// The config file the run read, if any.
    pub config: Option<String>,
}

/// Where the key set came from and what is in it. Holds summaries only: never
/// the value of a private or symmetric member.
#[derive(Debug, Clone, Serialize)]
pub struct KeySet {
    /// The `jwks_uri` fetched, or the file read.
    pub url: String,
    /// The fetch; `null` for a file or when no response was had.
    pub http: Option<Exchange>,
    /// One summary per key object, in order; `null` when no key set could be
    /// had (the `jwks-fetch-failed` finding says why).
    pub keys: Option<Vec<KeySummary>>,
}

#[derive(Debug, Clone, Serialize)]
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
            findings: Vec::new(),
            summary: Summary {
                errors: 0,
                warnings: 0,
                infos: 0,
                fail_on: FailOn::Never,
                failed: false,
                exit_code: 0,
            },
            error: None,
            config: None,
        }
    }

    /// Sort findings (severity, then rule order, then pointer) and compute the summary.
    pub fn finish(&mut self, fail_on: FailOn) {
        let order = crate::rules::position;
        self.findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| order(a.rule.id).cmp(&order(b.rule.id)))
                .then_with(|| a.pointer.cmp(&b.pointer))
        });
        let c = Counts::of(&self.findings);
        let exit = if self.error.is_some() {
            Exit::NoDocument
        } else if self.findings.iter().any(|f| fail_on.fails(f.severity)) {
            Exit::Findings
        } else {
            Exit::Ok
        };
        self.summary = Summary {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            fail_on,
            failed: exit != Exit::Ok,
            exit_code: exit as u8,
        };
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    pub targets: usize,
    /// Targets whose own report fails (exit 1 or 3).
    pub failed: usize,
    /// Targets whose document could not be had (exit 3).
    pub unreachable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// 3 if any target is unreachable, else 1 if any fails, else 0.
    pub exit_code: u8,
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
        let count = |f: &dyn Fn(&Report) -> bool| reports.iter().filter(|r| f(r)).count();
        let sum = |f: &dyn Fn(&Summary) -> usize| reports.iter().map(|r| f(&r.summary)).sum();
        let unreachable = count(&|r| r.error.is_some());
        let failed = count(&|r| r.summary.failed);
        let exit = if unreachable > 0 {
            Exit::NoDocument
        } else if failed > 0 {
            Exit::Findings
        } else {
            Exit::Ok
        };
        BatchSummary {
            targets: reports.len(),
            failed,
            unreachable,
            errors: sum(&|s| s.errors),
            warnings: sum(&|s| s.warnings),
            infos: sum(&|s| s.infos),
            exit_code: exit as u8,
        }
    }
}
