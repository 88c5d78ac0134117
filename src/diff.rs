//! `oidc-inspect diff OLD NEW`: what changed at an issuer between two
//! snapshots: document members (arrays by the elements added and removed, so
//! reordering is no change), keys (by `kid` and RFC 7638 thumbprint, so a kid
//! reused for new key material is a change), findings (new and fixed, by
//! fingerprint without the target, so staging and production compare), and the
//! HTTP exchange. Returns data; `crate::emit::diff` formats it.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::{pointer_token, pointer_within};
use crate::jwks::KeySummary;
use crate::snapshot::{SnapFinding, Snapshot};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub members: Vec<MemberChange>,
    pub keys: Vec<KeyChange>,
    pub findings: FindingChanges,
    pub http: Vec<HttpChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum MemberChange {
    Added {
        pointer: String,
        value: Value,
    },
    Removed {
        pointer: String,
        value: Value,
    },
    Changed {
        pointer: String,
        old: Value,
        new: Value,
    },
    /// An array whose elements differ (order ignored).
    Elements {
        pointer: String,
        added: Vec<Value>,
        removed: Vec<Value>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kty: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum KeyChange {
    Added {
        key: KeyInfo,
    },
    Removed {
        key: KeyInfo,
    },
    /// Same `kid`, other key material or other `alg`/`use`.
    Changed {
        old: KeyInfo,
        new: KeyInfo,
        what: Vec<String>,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    pub new: Vec<FindingRef>,
    pub fixed: Vec<FindingRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRef {
    pub rule: String,
    pub severity: String,
    pub pointer: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpChange {
    pub what: &'static str,
    pub old: String,
    pub new: String,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
            && self.keys.is_empty()
            && self.findings.new.is_empty()
            && self.findings.fixed.is_empty()
            && self.http.is_empty()
    }
}

/// Compare two snapshots, leaving out the members at or under `ignore` pointers.
pub fn diff(old: &Snapshot, new: &Snapshot, ignore: &[String]) -> Diff {
    let mut d = Diff {
        old: old.target.clone(),
        new: new.target.clone(),
        ..Diff::default()
    };
    let empty = Map::new();
    objects(
        "",
        old.document.as_ref().unwrap_or(&empty),
        new.document.as_ref().unwrap_or(&empty),
        ignore,
        &mut d.members,
    );
    d.keys = keys(old.keys.as_deref(), new.keys.as_deref());
    d.findings = findings(&old.findings, &new.findings, ignore);
    d.http = http(old, new);
    d
}

fn ignored(pointer: &str, ignore: &[String]) -> bool {
    ignore.iter().any(|i| pointer_within(pointer, i))
}

fn objects(
    at: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    ignore: &[String],
    out: &mut Vec<MemberChange>,
) {
    for (name, o) in old {
        let pointer = format!("{at}/{}", pointer_token(name));
        if ignored(&pointer, ignore) {
            continue;
        }
        match new.get(name) {
            None => out.push(MemberChange::Removed {
                pointer,
                value: o.clone(),
            }),
            Some(n) => values(&pointer, o, n, ignore, out),
        }
    }
    for (name, n) in new {
        let pointer = format!("{at}/{}", pointer_token(name));
        if !old.contains_key(name) && !ignored(&pointer, ignore) {
            out.push(MemberChange::Added {
                pointer,
                value: n.clone(),
            });
        }
    }
}

fn values(pointer: &str, old: &Value, new: &Value, ignore: &[String], out: &mut Vec<MemberChange>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => objects(pointer, o, n, ignore, out),
        (Value::Array(o), Value::Array(n)) => {
            let (added, removed) = multiset_difference(o, n);
            if !added.is_empty() || !removed.is_empty() {
                out.push(MemberChange::Elements {
                    pointer: pointer.to_string(),
                    added,
                    removed,
                });
            }
        }
        (o, n) if o != n => out.push(MemberChange::Changed {
            pointer: pointer.to_string(),
            old: o.clone(),
            new: n.clone(),
        }),
        _ => {}
    }
}

/// Elements of `new` not in `old` and of `old` not in `new`, counting repeats.
fn multiset_difference(old: &[Value], new: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let mut remaining: Vec<Option<&Value>> = old.iter().map(Some).collect();
    let mut added = Vec::new();
    for n in new {
        match remaining.iter_mut().find(|o| o.is_some_and(|o| o == n)) {
            Some(slot) => *slot = None,
            None => added.push(n.clone()),
        }
    }
    let removed = remaining.into_iter().flatten().cloned().collect();
    (added, removed)
}

fn info(k: &KeySummary) -> KeyInfo {
    KeyInfo {
        kid: k.kid.clone(),
        thumbprint: k.thumbprint.clone(),
        kty: k.kty.clone(),
        alg: k.alg.clone(),
        use_: k.use_.clone(),
        size: k
            .bits
            .map(|b| format!("{b} bits"))
            .or_else(|| k.crv.clone()),
    }
}

fn keys(old: Option<&[KeySummary]>, new: Option<&[KeySummary]>) -> Vec<KeyChange> {
    let (old, new) = (old.unwrap_or(&[]), new.unwrap_or(&[]));
    let mut matched_new = vec![false; new.len()];
    let mut out = Vec::new();
    for o in old {
        // Same kid first (a kid reused for new material is a change), then, for
        // keys without a kid, the same thumbprint.
        let found = new.iter().enumerate().find(|(i, n)| {
            !matched_new[*i]
                && match (&o.kid, &n.kid) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => o.thumbprint.is_some() && o.thumbprint == n.thumbprint,
                    _ => false,
                }
        });
        match found {
            Some((i, n)) => {
                matched_new[i] = true;
                let mut what = Vec::new();
                if o.thumbprint != n.thumbprint || o.kty != n.kty {
                    what.push("key material".to_string());
                }
                if o.alg != n.alg {
                    what.push("alg".to_string());
                }
                if o.use_ != n.use_ {
                    what.push("use".to_string());
                }
                if !what.is_empty() {
                    out.push(KeyChange::Changed {
                        old: info(o),
                        new: info(n),
                        what,
                    });
                }
            }
            None => out.push(KeyChange::Removed { key: info(o) }),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if !matched_new[i] {
            out.push(KeyChange::Added { key: info(n) });
        }
    }
    out
}

fn reference(f: &SnapFinding) -> FindingRef {
    FindingRef {
        rule: f.rule.clone(),
        severity: f.severity.clone(),
        pointer: f.pointer.clone(),
        message: f.message.clone(),
    }
}

fn findings(old: &[SnapFinding], new: &[SnapFinding], ignore: &[String]) -> FindingChanges {
    let keep = |f: &&SnapFinding| !ignored(&f.pointer, ignore);
    let old_ids: std::collections::HashSet<&str> = old.iter().map(|f| f.local.as_str()).collect();
    let new_ids: std::collections::HashSet<&str> = new.iter().map(|f| f.local.as_str()).collect();
    FindingChanges {
        new: new
            .iter()
            .filter(keep)
            .filter(|f| !old_ids.contains(f.local.as_str()))
            .map(reference)
            .collect(),
        fixed: old
            .iter()
            .filter(keep)
            .filter(|f| !new_ids.contains(f.local.as_str()))
            .map(reference)
            .collect(),
    }
}

fn http(old: &Snapshot, new: &Snapshot) -> Vec<HttpChange> {
    let (Some(o), Some(n)) = (&old.http, &new.http) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if o.status != n.status {
        out.push(HttpChange {
            what: "status",
            old: o.status.to_string(),
            new: n.status.to_string(),
        });
    }
    if o.content_type != n.content_type {
        let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "(none)".into());
        out.push(HttpChange {
            what: "content type",
            old: show(&o.content_type),
            new: show(&n.content_type),
        });
    }
    // The chain without its origins, so the same paths at two hosts compare equal.
    let path = |u: &String| {
        url::Url::parse(u).map_or_else(
            |_| u.clone(),
            |p| p[url::Position::BeforePath..].to_string(),
        )
    };
    let (oc, nc): (Vec<String>, Vec<String>) = (
        o.chain.iter().map(path).collect(),
        n.chain.iter().map(path).collect(),
    );
    if oc != nc {
        out.push(HttpChange {
            what: "redirects",
            old: o.chain.join(" → "),
            new: n.chain.join(" → "),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn snap(doc: Value) -> Snapshot {
        Snapshot {
            target: "t".into(),
            document: doc.as_object().cloned(),
            keys: None,
            findings: Vec::new(),
            http: None,
            error: None,
        }
    }

    #[test]
    fn arrays_compare_by_elements_and_reordering_is_no_change() {
        let a = snap(json!({"scopes_supported": ["openid", "email", "profile"], "x": 1}));
        let b = snap(json!({"scopes_supported": ["profile", "openid", "email"], "x": 1}));
        assert!(diff(&a, &b, &[]).is_empty());
        let c = snap(json!({"scopes_supported": ["openid", "phone"], "y": {"z": true}}));
        let d = diff(&a, &c, &[]);
        assert_eq!(
            d.members,
            vec![
                MemberChange::Elements {
                    pointer: "/scopes_supported".into(),
                    added: vec![json!("phone")],
                    removed: vec![json!("email"), json!("profile")],
                },
                MemberChange::Removed {
                    pointer: "/x".into(),
                    value: json!(1)
                },
                MemberChange::Added {
                    pointer: "/y".into(),
                    value: json!({"z": true})
                },
            ]
        );
        assert!(
            diff(
                &a,
                &c,
                &["/scopes_supported".into(), "/x".into(), "/y".into()]
            )
            .is_empty()
        );
    }

    #[test]
    fn a_reused_kid_with_new_material_is_a_change() {
        let key = |kid: &str, t: &str| KeySummary {
            kid: Some(kid.into()),
            thumbprint: Some(t.into()),
            kty: Some("RSA".into()),
            alg: Some("RS256".into()),
            ..KeySummary::default()
        };
        let mut a = snap(json!({}));
        let mut b = snap(json!({}));
        a.keys = Some(vec![key("k1", "aaa"), key("k2", "bbb")]);
        b.keys = Some(vec![key("k2", "bbb"), key("k3", "ccc"), key("k1", "zzz")]);
        let d = diff(&a, &b, &[]);
        assert_eq!(d.keys.len(), 2, "{:?}", d.keys);
        assert!(matches!(&d.keys[0], KeyChange::Changed { what, .. } if what == &["key material"]));
        assert!(matches!(&d.keys[1], KeyChange::Added { key } if key.kid.as_deref() == Some("k3")));
    }
}
