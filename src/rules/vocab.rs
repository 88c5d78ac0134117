//! Vocabulary rules (`vocab-*`): a list that holds another member's values, such
//! as grant types in `token_endpoint_auth_methods_supported`.
//!
//! Each value list with a registered vocabulary is checked against the others.
//! The per-value rules (`auth-methods-unknown`, `grant-types-unknown`, …) speak
//! of a single misspelt value; when a whole list is misplaced this rule says so
//! once, and those findings on that list are dropped ([`superseded`]).

use super::uri::is_absolute_uri;
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::{pointer_within, ptr};

pub const VOCAB_MISPLACED: Rule = Rule {
    id: "vocab-misplaced",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "a list holds another member's values, none of its own",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "Each `*_supported` member lists values of one registry: client authentication \
                  methods, grant types, response types, response modes, PKCE methods, algorithms, \
                  scopes, claims. A list that holds none of its own values but another member's \
                  (`token_endpoint_auth_methods_supported: [\"authorization_code\", \"implicit\"]`, \
                  which are grant types) advertises nothing a client can use. Once the member is \
                  present its default no longer applies either (OpenID Connect Discovery §3: \"If \
                  omitted, the default is …\"), so the document says the server supports no method \
                  at all. An error for the closed vocabularies; a warning for `scopes_supported` and \
                  `claims_supported`, whose values are open (a server may name a scope `name`), and \
                  only when every value belongs to the other list.",
    fix: "move the values to the member they belong to, and list this member's own values",
    bad: r#"{"token_endpoint_auth_methods_supported": ["authorization_code", "implicit"]}"#,
    good: r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}"#,
};

pub const RULES: &[&Rule] = &[&VOCAB_MISPLACED];

/// One registry of values, and the members that list them.
struct Vocabulary {
    /// Its values, in a message: "grant types".
    what: &'static str,
    /// The members that list its values.
    members: Members,
    /// Is `value` one of its registered names?
    names: fn(&str) -> bool,
    /// Extensions are absolute URIs (client authentication methods, grant types):
    /// usable, though not registered names.
    uri_extensions: bool,
    /// Open vocabularies (scopes, claims) allow any name, so a misplacement is a
    /// warning and needs every value to be foreign.
    open: bool,
}

/// The members that list a vocabulary's values.
enum Members {
    /// Just this one.
    One(&'static str),
    /// Those `lists` accepts; `home(source)` is the one a value found in
    /// `source` belongs in.
    Family {
        lists: fn(&str) -> bool,
        home: fn(&str) -> String,
    },
}

impl Members {
    fn lists(&self, member: &str) -> bool {
        match self {
            Members::One(name) => member == *name,
            Members::Family { lists, .. } => lists(member),
        }
    }

    fn home(&self, source: &str) -> String {
        match self {
            Members::One(name) => (*name).to_string(),
            Members::Family { home, .. } => home(source),
        }
    }
}

const ALG_LISTS: &str = "_alg_values_supported";
const AUTH_METHOD_LISTS: &str = "_endpoint_auth_methods_supported";

/// The registries, in the order a tie is broken.
const VOCABULARIES: &[Vocabulary] = &[
    Vocabulary {
        what: "client authentication methods",
        members: Members::Family {
            lists: |m| {
                super::auth::AUTH_ENDPOINTS
                    .iter()
                    .any(|e| m.strip_prefix(e) == Some("_auth_methods_supported"))
            },
            home: |source| match source.strip_suffix("_auth_signing_alg_values_supported") {
                Some(endpoint) if super::auth::AUTH_ENDPOINTS.contains(&endpoint) => {
                    format!("{endpoint}_auth_methods_supported")
                }
                _ => "token_endpoint_auth_methods_supported".into(),
            },
        },
        names: |v| super::auth::AUTH_METHODS.contains(&v),
        uri_extensions: true,
        open: false,
    },
    Vocabulary {
        what: "grant types",
        members: Members::One("grant_types_supported"),
        names: |v| super::grant::GRANT_TYPES.contains(&v) || GRANT_TYPE_URIS.contains(&v),
        uri_extensions: true,
        open: false,
    },
    Vocabulary {
        what: "response types",
        members: Members::One("response_types_supported"),
        names: |v| {
            !v.is_empty()
                && v.split(' ')
                    .all(|t| super::resp::RESPONSE_TYPE_TOKENS.contains(&t))
        },
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "response modes",
        members: Members::One("response_modes_supported"),
        names: |v| super::resp::RESPONSE_MODES.contains(&v),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "PKCE code challenge methods",
        members: Members::One("code_challenge_methods_supported"),
        names: |v| matches!(v, "S256" | "plain"),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "subject types",
        members: Members::One("subject_types_supported"),
        names: |v| matches!(v, "public" | "pairwise"),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "claim types",
        members: Members::One("claim_types_supported"),
        names: |v| matches!(v, "normal" | "aggregated" | "distributed"),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "CIBA token delivery modes",
        members: Members::One("backchannel_token_delivery_modes_supported"),
        names: |v| super::ciba::MODES.contains(&v),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "JOSE algorithms",
        members: Members::Family {
            lists: |m| m.ends_with(ALG_LISTS),
            home: |source| match source.strip_suffix(AUTH_METHOD_LISTS) {
                Some(endpoint) => format!("{endpoint}_endpoint_auth_signing{ALG_LISTS}"),
                None => format!("an `*{ALG_LISTS}` member"),
            },
        },
        names: |v| crate::jose::algorithm(v).is_some(),
        uri_extensions: false,
        open: false,
    },
    Vocabulary {
        what: "scopes",
        members: Members::One("scopes_supported"),
        names: |v| STANDARD_SCOPES.contains(&v),
        uri_extensions: false,
        open: true,
    },
    Vocabulary {
        what: "claims",
        members: Members::One("claims_supported"),
        names: |v| STANDARD_CLAIMS.contains(&v),
        uri_extensions: false,
        open: true,
    },
];

/// Registered grant type URIs (RFC 8628, RFC 7523, RFC 7522, RFC 8693, CIBA Core,
/// OpenID for Verifiable Credential Issuance).
const GRANT_TYPE_URIS: &[&str] = &[
    super::device::DEVICE_GRANT,
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "urn:ietf:params:oauth:grant-type:token-exchange",
    "urn:ietf:params:oauth:grant-type:pre-authorized_code",
    super::ciba::CIBA_GRANT,
];

/// Scope values OpenID Connect Core defines (§5.4, §11).
const STANDARD_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "offline_access",
];

/// Claims of the ID token (Core §2) and standard claims (Core §5.1).
const STANDARD_CLAIMS: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "acr",
    "amr",
    "azp",
    "sid",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

/// A claim name (Core §2, §5.1) that is not also a scope value (Core §5.4).
pub(super) fn claim_not_scope(value: &str) -> bool {
    STANDARD_CLAIMS.contains(&value) && !STANDARD_SCOPES.contains(&value)
}

/// Per-value rules whose findings on a misplaced list this rule replaces.
const SUPERSEDED: &[&str] = &[
    "auth-methods-unknown",
    "grant-types-unknown",
    "resp-type-unknown-token",
    "resp-modes-unknown",
    "pkce-unknown-method",
    "oidc-claim-types-invalid",
    "ciba-mode-invalid",
    "alg-unknown",
    "auth0-scopes-are-claims",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (member, value) in cx.doc.value.iter() {
        let Some(own) = VOCABULARIES.iter().position(|v| v.members.lists(member)) else {
            continue;
        };
        let Some(items) = value.as_array() else {
            continue;
        };
        let values: Vec<&str> = items.iter().filter_map(|v| v.as_str()).collect();
        if values.is_empty() {
            continue;
        }
        if let Some(finding) = misplaced(member, own, &values) {
            out.push(finding);
        }
    }
}

fn misplaced(member: &str, own: usize, values: &[&str]) -> Option<Finding> {
    let mut others = VOCABULARIES
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, v)| v);
    let own = &VOCABULARIES[own];
    let usable = |v: &str| (own.names)(v) || (own.uri_extensions && is_absolute_uri(v));
    if !own.open && values.iter().any(|v| usable(v)) {
        return None;
    }
    let (other, foreign) = if own.open {
        // A warning only when every value is another list's, and at least one
        // is not also ours: the first vocabulary holding them all.
        let other = others.find(|v| values.iter().all(|x| (v.names)(x)))?;
        if values.iter().all(|v| (own.names)(v)) {
            return None;
        }
        (other, values.to_vec())
    } else {
        // The other vocabulary holding the most of the values, ties in table order.
        others
            .map(|v| {
                let foreign: Vec<&str> = values.iter().copied().filter(|x| (v.names)(x)).collect();
                (v, foreign)
            })
            .filter(|(_, foreign)| !foreign.is_empty())
            .fold(
                None,
                |best: Option<(&Vocabulary, Vec<&str>)>, next| match best {
                    Some(b) if b.1.len() >= next.1.len() => Some(b),
                    _ => Some(next),
                },
            )?
    };
    let home = other.members.home(member);
    let home = if home.starts_with("an ") {
        home
    } else {
        format!("`{home}`")
    };
    let quoted: Vec<String> = foreign.iter().map(|v| format!("{v:?}")).collect();
    let f = Finding::new(
        &VOCAB_MISPLACED,
        ptr(member),
        format!(
            "`{member}` lists no {}, but {} ({})",
            own.what,
            other.what,
            quoted.join(", ")
        ),
    )
    .expected(own.what)
    .actual(values.join(", "));
    Some(if own.open {
        f.severity(Severity::Warning)
            .help(format!("did you mean {home}?"))
    } else {
        f.help(format!(
            "did you mean {home}? A present list replaces the member's default, so as \
             published it offers no usable value"
        ))
    })
}

/// Drop the per-value findings on lists that [`VOCAB_MISPLACED`] reported whole.
pub fn superseded(out: &mut Vec<Finding>) {
    let lists: Vec<String> = out
        .iter()
        .filter(|f| f.rule.id == VOCAB_MISPLACED.id)
        .map(|f| f.pointer.clone())
        .collect();
    if lists.is_empty() {
        return;
    }
    out.retain(|f| {
        !SUPERSEDED.contains(&f.rule.id)
            || !lists.iter().any(|list| pointer_within(&f.pointer, list))
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fires, run};
    use super::*;

    fn misplaced_finding(fragment: &str) -> Option<Finding> {
        run(fragment, &[])
            .into_iter()
            .find(|f| f.rule == "vocab-misplaced")
    }

    #[test]
    fn grant_types_as_auth_methods_is_one_error_naming_the_member() {
        let frag =
            r#"{"token_endpoint_auth_methods_supported": ["authorization_code", "implicit"]}"#;
        let f = misplaced_finding(frag).expect("fires");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.pointer, "/token_endpoint_auth_methods_supported");
        assert!(f.message.contains("grant types"), "{}", f.message);
        assert!(
            f.help
                .as_deref()
                .unwrap()
                .contains("`grant_types_supported`")
        );
        assert!(!fires(&run(frag, &[]), "auth-methods-unknown"));
    }

    #[test]
    fn one_usable_value_leaves_it_to_the_per_value_rules() {
        let frag =
            r#"{"token_endpoint_auth_methods_supported": ["client_secret_basic", "implicit"]}"#;
        assert!(misplaced_finding(frag).is_none());
        assert!(fires(&run(frag, &[]), "auth-methods-unknown"));
        // extension URIs are usable methods
        assert!(
            misplaced_finding(
                r#"{"token_endpoint_auth_methods_supported": ["urn:example:auth", "implicit"]}"#
            )
            .is_none()
        );
    }

    #[test]
    fn typos_are_not_another_vocabulary() {
        assert!(
            misplaced_finding(r#"{"token_endpoint_auth_methods_supported": ["client_secret"]}"#)
                .is_none()
        );
    }

    #[test]
    fn response_types_as_grant_types_and_algorithms_as_methods() {
        let f = misplaced_finding(r#"{"grant_types_supported": ["code", "id_token"]}"#).unwrap();
        assert!(
            f.help
                .as_deref()
                .unwrap()
                .contains("`response_types_supported`")
        );
        let f = misplaced_finding(
            r#"{"revocation_endpoint": "https://idp.example.com/revoke",
                "revocation_endpoint_auth_methods_supported": ["RS256", "ES256"]}"#,
        )
        .unwrap();
        assert!(
            f.help
                .as_deref()
                .unwrap()
                .contains("`revocation_endpoint_auth_signing_alg_values_supported`"),
            "{:?}",
            f.help
        );
        let f = misplaced_finding(
            r#"{"token_endpoint_auth_signing_alg_values_supported": ["private_key_jwt"]}"#,
        )
        .unwrap();
        assert!(
            f.help
                .as_deref()
                .unwrap()
                .contains("`token_endpoint_auth_methods_supported`")
        );
    }

    #[test]
    fn claims_as_scopes_is_a_warning_only_when_every_value_is_a_claim() {
        let f = misplaced_finding(r#"{"scopes_supported": ["sub", "name", "email"]}"#).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.help.as_deref().unwrap().contains("`claims_supported`"));
        // a scope of its own, or a custom scope: a list of scopes
        assert!(misplaced_finding(r#"{"scopes_supported": ["openid", "sub"]}"#).is_none());
        assert!(misplaced_finding(r#"{"scopes_supported": ["api:read", "sub"]}"#).is_none());
        // values that are both (email, address) say nothing
        assert!(misplaced_finding(r#"{"claims_supported": ["email", "address"]}"#).is_none());
        let f =
            misplaced_finding(r#"{"claims_supported": ["openid", "profile", "email"]}"#).unwrap();
        assert!(f.help.as_deref().unwrap().contains("`scopes_supported`"));
    }
}
