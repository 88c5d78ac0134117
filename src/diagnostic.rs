//! Findings as data: what a rule found, where in the document, and how bad it is.
//!
//! Nothing here formats for a terminal; emitters (`crate::emit`) do that. A finding
//! holds the rule's id and spec reference copied from the one declaration in the
//! registry, so no report can disagree with `explain`.

use std::fmt;

use serde::Serialize;

use crate::rules::Rule;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// One problem (or note) found by one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id, e.g. `issuer-mismatch`. Stable API.
    pub rule: &'static str,
    /// Effective severity, after profiles and `--deny/--warn/--allow`.
    pub severity: Severity,
    /// The rule's declared severity, present only where `severity` differs from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_severity: Option<Severity>,
    /// JSON pointer into the document (`""` = the whole document). JWKS findings
    /// are prefixed `jwks:`; findings about the HTTP exchange use `http:`.
    pub pointer: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// Spec reference, from the rule declaration.
    pub spec: &'static str,
    /// What to change, specific to this finding where the check knows better than the
    /// rule's general advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Finding {
    /// A finding for `rule` at `pointer`, at the rule's declared severity.
    pub fn new(rule: &Rule, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            default_severity: None,
            pointer: pointer.into(),
            message: message.into(),
            expected: None,
            actual: None,
            spec: rule.spec,
            help: None,
        }
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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
