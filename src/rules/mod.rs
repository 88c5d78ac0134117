//! The rule registry: every lint rule is declared once, here or in its family's
//! file, as a [`Rule`] constant. Reports, JSON, `rules`, `explain`, the generated
//! docs and the tests all read those declarations. Rule ids are stable API: never
//! rename or reuse one.
//!
//! Each family file is named after its rule-id prefix (`issuer.rs`, `ciba.rs`,
//! `signed_metadata.rs`; `as-` and `type-` are keywords, so `authorization_server.rs`
//! and `json_type.rs`) and holds its rules' declarations, their `check` function
//! and their unit tests side by side; a large family is a directory split by
//! concern (`oidc/`). Checks return [`Finding`]s, never strings for a terminal.
//! Helpers more than one family needs belong on [`Document`] or [`Context`], or
//! in `uri.rs`, not in another family's file.
//!
//! The order of [`registry`] is the report order and the `rules` listing order;
//! [`check`] runs the families in the same order.

pub use crate::diagnostic::{Finding, Profile, Rule, Severity};
use crate::document::Document;
use crate::http::Exchange;
use crate::target::Target;

pub mod alg;
pub mod auth;
pub mod auth0;
pub mod authorization_server;
pub mod bcp;
pub mod ciba;
pub mod client;
pub mod device;
pub mod doc;
pub mod dpop;
pub mod fapi2;
pub mod grant;
pub mod issuer;
pub mod jar;
pub mod json_type;
pub mod jwks;
pub mod logout;
pub mod mtls;
pub mod oidc;
pub mod par;
pub mod pkce;
pub mod rar;
pub mod resp;
pub mod signed_metadata;
pub mod transport;
mod uri;
pub mod url;
pub mod vocab;

#[cfg(test)]
pub mod testing;

/// The rules checked against the key set ([`jwks::check_jwks`]) rather than the
/// document: the `jwks` family and FAPI 2.0's key-set rules.
const KEY_SET_RULES: [&[&Rule]; 2] = [jwks::RULES, fapi2::KEY_SET_RULES];

impl Rule {
    /// Whether the rule's `bad`/`good` examples are whole key sets rather than
    /// fragments merged over a document: true for the rules checked against the
    /// key set.
    pub fn examples_are_key_sets(&self) -> bool {
        KEY_SET_RULES.iter().copied().flatten().any(|r| *r == self)
    }
}

/// What the checks may look at.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// The HTTP exchange that produced the document (`None` for `--file`).
    pub http: Option<&'a Exchange>,
    pub target: &'a Target,
    /// Profiles in force.
    pub profiles: &'a [Profile],
}

impl Context<'_> {
    pub fn profile(&self, p: Profile) -> bool {
        p == Profile::Any || self.profiles.contains(&p)
    }

    /// A finding about an absent member at `/name`; for an issuer-only document
    /// ([`Document::is_verification_only`]) it carries [`WORKLOAD_HELP`].
    pub fn absent(&self, rule: &'static Rule, name: &str, message: &str) -> Finding {
        let f = Finding::new(rule, crate::document::ptr(name), message);
        if self.doc.is_verification_only() {
            f.help(WORKLOAD_HELP)
        } else {
            f
        }
    }
}

/// Help for a member missing from an issuer-only document: it may belong to a
/// workload-identity issuer, which needs none of the login members.
pub const WORKLOAD_HELP: &str = "this document publishes only what a token verifier needs \
     (issuer and keys); if it belongs to a workload-identity issuer (Kubernetes service \
     accounts, CI tokens), check it with `--profile workload`";

/// Every family's declarations, in report order.
pub fn registry() -> impl Iterator<Item = &'static Rule> {
    [
        transport::RULES,
        doc::RULES,
        issuer::RULES,
        json_type::RULES,
        vocab::RULES,
        url::RULES,
        oidc::RULES,
        authorization_server::RULES,
        resp::RULES,
        grant::RULES,
        auth::RULES,
        alg::RULES,
        pkce::RULES,
        bcp::RULES,
        device::RULES,
        par::RULES,
        dpop::RULES,
        mtls::RULES,
        jar::RULES,
        rar::RULES,
        ciba::RULES,
        logout::RULES,
        signed_metadata::RULES,
        jwks::RULES,
        auth0::RULES,
        fapi2::RULES,
        client::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Rule ids to their declaration and registry position, built once.
fn index() -> &'static foldhash::HashMap<&'static str, (usize, &'static Rule)> {
    static INDEX: std::sync::OnceLock<foldhash::HashMap<&'static str, (usize, &'static Rule)>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        registry()
            .enumerate()
            .map(|(i, r)| (r.id, (i, r)))
            .collect()
    })
}

/// Look up a rule by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    index().get(id).map(|(_, r)| *r)
}

/// A rule's position in the registry (report order); unknown ids sort last.
pub fn position(id: &str) -> usize {
    index().get(id).map_or(usize::MAX, |(i, _)| *i)
}

/// Which profiles apply to a document by default: `oidc` when it was fetched
/// from (or, for a saved document, declared as) `openid-configuration`, lists
/// the `openid` scope or has `id_token*` members; otherwise `oauth`.
pub fn detect_profiles(doc: &Document, target: &Target) -> Vec<Profile> {
    let openid = (target.well_known == crate::target::WellKnown::OpenidConfiguration
        && !target.well_known_assumed)
        || doc.contains("scopes_supported", "openid")
        || doc.value.keys().any(|k| k.starts_with("id_token"));
    if openid {
        vec![Profile::Oidc]
    } else {
        vec![Profile::Oauth]
    }
}

/// Run every document rule. What is reported of it (profiles in force,
/// overrides, the declared severity) is decided once, by [`crate::checker::Checker`].
pub fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    doc::check(cx, &mut out);
    issuer::check(cx, &mut out);
    json_type::check(cx, &mut out);
    vocab::check(cx, &mut out);
    url::check(cx, &mut out);
    oidc::check(cx, &mut out);
    authorization_server::check(cx, &mut out);
    resp::check(cx, &mut out);
    grant::check(cx, &mut out);
    auth::check(cx, &mut out);
    alg::check(cx, &mut out);
    pkce::check(cx, &mut out);
    bcp::check(cx, &mut out);
    device::check(cx, &mut out);
    par::check(cx, &mut out);
    dpop::check(cx, &mut out);
    mtls::check(cx, &mut out);
    jar::check(cx, &mut out);
    rar::check(cx, &mut out);
    ciba::check(cx, &mut out);
    logout::check(cx, &mut out);
    signed_metadata::check(cx, &mut out);
    auth0::check(cx, &mut out);
    fapi2::check(cx, &mut out);
    client::check(cx, &mut out);
    vocab::superseded(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::testing::{self, fires, run};
    use super::*;

    /// Whether a rule's examples are key sets is decided by a list
    /// (`KEY_SET_RULES`); this holds the list to what the checks do. Over every
    /// rule's examples, the key-set check reports only rules on the list and the
    /// document check none of them: a rule that reads the key set but is left off
    /// the list (its key-set examples would be merged over a document as
    /// fragments), or a listed rule the document check reports, fails here.
    #[test]
    fn key_set_rules_are_the_ones_the_key_set_check_reports() {
        let target = testing::target();
        let mut key_set_examples = 0;
        for r in registry().filter(|r| !r.bad.is_empty()) {
            for example in [r.bad, r.good] {
                let (source, found) = if r.examples_are_key_sets() {
                    key_set_examples += 1;
                    let set = crate::jwks::Jwks::parse(example.as_bytes())
                        .unwrap_or_else(|e| panic!("{}: not a JSON object: {e}", r.id));
                    let doc = Document::from_map(testing::merged(""));
                    let cx = Context {
                        doc: &doc,
                        http: None,
                        target: &target,
                        profiles: &Profile::NAMED,
                    };
                    let mut found = Vec::new();
                    let now = std::time::SystemTime::now();
                    jwks::check_jwks(&cx, &set, Some(&testing::exchange()), now, &mut found);
                    ("key-set", found)
                } else {
                    let doc = Document::from_map(testing::merged(example));
                    let cx = Context {
                        doc: &doc,
                        http: None,
                        target: &target,
                        profiles: &Profile::NAMED,
                    };
                    ("document", check(&cx))
                };
                for f in found {
                    assert_eq!(
                        f.rule.examples_are_key_sets(),
                        source == "key-set",
                        "the {source} check reported {} on an example of {}",
                        f.rule.id,
                        r.id
                    );
                }
            }
        }
        assert!(key_set_examples > 0);
    }

    #[test]
    fn rule_ids_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for r in registry() {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'.'),
                "rule id {} is not kebab-case",
                r.id
            );
            assert!(
                !r.summary.is_empty() && !r.spec.is_empty() && !r.explanation.is_empty(),
                "{}",
                r.id
            );
        }
    }

    /// Every rule that declares example fragments fires on its bad example and stays
    /// quiet on its good one (the same examples `explain` prints). Key-set examples
    /// are run by `jwks::tests::key_set_examples_fire_and_pass`.
    #[test]
    fn every_rule_fires_on_its_bad_example_and_not_on_its_good_one() {
        for r in registry().filter(|r| !r.bad.is_empty() && !r.examples_are_key_sets()) {
            let bad = run(r.bad, &[r.profile]);
            assert!(
                fires(&bad, r.id),
                "{} did not fire on its bad example; got {:?}",
                r.id,
                bad
            );
            let good = run(r.good, &[r.profile]);
            assert!(
                !fires(&good, r.id),
                "{} fired on its good example: {:?}",
                r.id,
                good
            );
        }
    }
}
