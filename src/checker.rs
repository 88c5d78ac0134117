//! The one path every finding takes to a report.
//!
//! Document rules, transport rules, key-set rules and probes all hand their raw
//! findings to a [`Checker`]; it alone decides what is reported: only rules whose
//! profile is in force, then `--deny/--warn/--allow` (and the config file's
//! equivalents), then `default_severity` wherever the reported severity differs
//! from the declared one. No producer filters or re-grades on its own.

use crate::diagnostic::{Finding, Profile, Severity};

/// Collects raw findings; [`Checker::finish`] applies the policy once.
#[derive(Debug, Default)]
pub struct Checker {
    found: Vec<Finding>,
}

impl Checker {
    pub fn push(&mut self, f: Finding) {
        self.found.push(f);
    }

    pub fn extend(&mut self, fs: impl IntoIterator<Item = Finding>) {
        self.found.extend(fs);
    }

    /// The findings to report under `profiles` and `overrides` (in command-line
    /// order: later ones win; an exact id beats a family prefix).
    pub fn finish(self, profiles: &[Profile], overrides: &[Override]) -> Vec<Finding> {
        let mut out = self.found;
        out.retain(|f| f.rule.profile == Profile::Any || profiles.contains(&f.rule.profile));
        if !overrides.is_empty() {
            out.retain_mut(|f| match Override::decide(overrides, f.rule.id) {
                None => true,
                Some(None) => false,
                Some(Some(s)) => {
                    f.severity = s;
                    true
                }
            });
        }
        for f in &mut out {
            f.settle();
        }
        out
    }
}

/// One `--deny/--warn/--allow`: a rule id or a family prefix (ending in `-`).
/// (`crate::settings::rule_override` checks that it names a rule.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub pattern: String,
    /// `None` = allow (silence).
    pub severity: Option<Severity>,
}

impl Override {
    fn is_prefix(&self) -> bool {
        self.pattern.ends_with('-')
    }

    /// What `overrides` say of rule `id`: `None` when none applies, else the
    /// severity to report at (`Some(None)` = silence). The last exact id wins;
    /// failing that, the last matching prefix.
    pub fn decide(overrides: &[Override], id: &str) -> Option<Option<Severity>> {
        let exact = overrides
            .iter()
            .rev()
            .find(|o| !o.is_prefix() && o.pattern == id);
        let prefix = || {
            overrides
                .iter()
                .rev()
                .find(|o| o.is_prefix() && id.starts_with(&o.pattern))
        };
        exact.or_else(prefix).map(|o| o.severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{fapi2, issuer, transport};

    fn over(pattern: &str, severity: Option<Severity>) -> Override {
        Override {
            pattern: pattern.into(),
            severity,
        }
    }

    #[test]
    fn rules_of_profiles_not_in_force_are_dropped() {
        let mut c = Checker::default();
        c.push(Finding::new(&fapi2::METADATA, "http:status", "404"));
        c.push(Finding::new(
            &transport::DOC_HTTP_STATUS,
            "http:status",
            "404",
        ));
        let f = c.finish(&[Profile::Oidc], &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule.id, "doc-http-status");
    }

    #[test]
    fn default_severity_is_recorded_when_lowered_and_when_raised() {
        let mut c = Checker::default();
        c.push(
            Finding::new(&issuer::ISSUER_MISMATCH_TRAILING_SLASH, "/issuer", "slash")
                .severity(Severity::Info),
        );
        c.push(Finding::new(
            &transport::DOC_REDIRECTED,
            "http:redirects",
            "moved",
        ));
        c.push(Finding::new(
            &transport::DOC_CONTENT_TYPE,
            "http:content-type",
            "html",
        ));
        let f = c.finish(
            &[Profile::Oidc],
            &[
                over("doc-redirected", Some(Severity::Error)),
                over("doc-content-type", Some(Severity::Error)),
            ],
        );
        let by = |id: &str| f.iter().find(|f| f.rule.id == id).expect(id);
        let slash = by("issuer-mismatch-trailing-slash");
        assert_eq!(slash.severity, Severity::Info);
        assert_eq!(slash.default_severity, Some(Severity::Error));
        let redirected = by("doc-redirected");
        assert_eq!(redirected.severity, Severity::Error);
        assert_eq!(redirected.default_severity, Some(Severity::Info));
        // Overridden to what it is declared with: nothing to record.
        assert_eq!(by("doc-content-type").default_severity, None);
    }

    #[test]
    fn an_exact_id_beats_a_prefix_and_later_flags_win() {
        let mut c = Checker::default();
        c.push(Finding::new(
            &transport::DOC_REDIRECTED,
            "http:redirects",
            "moved",
        ));
        c.push(Finding::new(
            &transport::DOC_CONTENT_TYPE,
            "http:content-type",
            "html",
        ));
        let f = c.finish(
            &[],
            &[
                over("doc-redirected", Some(Severity::Warning)),
                over("doc-", None),
                over("doc-content-type", Some(Severity::Info)),
                over("doc-content-type", Some(Severity::Warning)),
            ],
        );
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
    }
}
