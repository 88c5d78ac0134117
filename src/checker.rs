//! The one path every finding takes to a report.
//!
//! Document rules, transport rules, key-set rules and probes all hand their raw
//! findings to a [`Checker`]; it alone decides what is reported: only rules whose
//! profile is in force, then `--deny/--warn/--allow` (and the config file's
//! equivalents), then `default_severity` wherever the reported severity differs
//! from the declared one, and a document-wide hint said once. No producer filters
//! or re-grades on its own.

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
        hint_once(&mut out);
        out
    }
}

/// The `--profile workload` hint is about the document, not about one missing
/// member: keep it on the finding a report shows first (severity, then rule
/// order, then pointer, as `Report::finish` sorts), drop it from the others,
/// which fall back to their rule's own advice.
fn hint_once(found: &mut [Finding]) {
    let hinted = |f: &Finding| f.help.as_deref() == Some(crate::rules::WORKLOAD_HELP);
    let first = found
        .iter()
        .enumerate()
        .filter(|(_, f)| hinted(f))
        .min_by(|(_, a), (_, b)| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| {
                    crate::rules::position(a.rule.id).cmp(&crate::rules::position(b.rule.id))
                })
                .then_with(|| a.pointer.cmp(&b.pointer))
        })
        .map(|(i, _)| i);
    for (i, f) in found.iter_mut().enumerate() {
        if Some(i) != first && hinted(f) {
            f.help = None;
        }
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

    /// Regression: every missing member of an issuer-only document repeated the
    /// `--profile workload` hint.
    #[test]
    fn the_workload_hint_is_given_once_on_the_first_finding_shown() {
        use crate::rules::{WORKLOAD_HELP, oidc::required};
        let mut c = Checker::default();
        c.push(
            Finding::new(
                &required::USERINFO_ENDPOINT_MISSING,
                "/userinfo_endpoint",
                "w",
            )
            .help(WORKLOAD_HELP),
        );
        c.push(
            Finding::new(
                &required::AUTHORIZATION_ENDPOINT_MISSING,
                "/authorization_endpoint",
                "e",
            )
            .help(WORKLOAD_HELP),
        );
        c.push(
            Finding::new(&required::TOKEN_ENDPOINT_MISSING, "/token_endpoint", "e")
                .help(WORKLOAD_HELP),
        );
        let f = c.finish(&[Profile::Oidc], &[]);
        let hinted: Vec<_> = f
            .iter()
            .filter(|f| f.help.as_deref() == Some(WORKLOAD_HELP))
            .map(|f| f.rule.id)
            .collect();
        assert_eq!(hinted, ["oidc-authorization-endpoint-missing"]);
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
