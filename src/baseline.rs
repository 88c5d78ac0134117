//! `--baseline FILE`: a saved JSON report whose findings are known and
//! accepted. Findings with a fingerprint in it are marked `baselined` and left
//! out of the counts and the verdict, so CI fails only on what is new; the
//! summary also says how many of the baseline's entries no longer occur.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::report::Report;
use crate::snapshot::Snapshot;

/// The accepted findings, by fingerprint, with the target each belongs to.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// target → fingerprints
    by_target: HashMap<String, HashSet<String>>,
}

impl Baseline {
    /// Read a saved report (one target's or several targets'). Errors name the
    /// file and what is wrong in one line.
    pub fn load(path: &Path, max: u64) -> Result<Baseline, String> {
        let shown = path.display();
        let body = match crate::inspect::read_input(&path.to_string_lossy(), max) {
            Ok(Some(body)) => body,
            Ok(None) => {
                return Err(format!(
                    "baseline {shown} is larger than --max-size ({max} bytes)"
                ));
            }
            // Also from the config file's `baseline`: no flag named.
            Err(e) => return Err(format!("baseline: {e:#}")),
        };
        let value: Value = serde_json::from_slice(&body)
            .map_err(|e| format!("baseline {shown} is not JSON: {e}"))?;
        Baseline::from_json(&value).map_err(|e| format!("baseline {shown}: {e}"))
    }

    pub fn from_json(value: &Value) -> Result<Baseline, String> {
        let snapshots = Snapshot::from_json(value).map_err(|e| e.0)?;
        let mut by_target: HashMap<String, HashSet<String>> = HashMap::new();
        for s in snapshots {
            by_target
                .entry(s.target)
                .or_default()
                .extend(s.findings.into_iter().map(|f| f.fingerprint));
        }
        Ok(Baseline { by_target })
    }

    /// Mark `report`'s findings that the baseline holds, count the fixed ones
    /// and recompute the verdict.
    pub fn apply(&self, report: &mut Report) {
        let empty = HashSet::new();
        let known = self.by_target.get(&report.target.input).unwrap_or(&empty);
        let mut seen = HashSet::new();
        let mut baselined = 0;
        for f in &mut report.findings {
            if let Some(fp) = &f.fingerprint {
                seen.insert(fp.clone());
                if known.contains(fp) {
                    f.baselined = true;
                    baselined += 1;
                }
            }
        }
        report.summary.baselined = Some(baselined);
        report.summary.fixed = Some(known.iter().filter(|fp| !seen.contains(*fp)).count());
        report.summarize();
    }
}
