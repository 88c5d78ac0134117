//! Issuer rules (`issuer-*`): the `issuer` member's syntax (an https URI with a
//! host, no query, fragment or user information), and whether it is the issuer
//! the discovery URL was built from (OIDC Discovery §4.3, RFC 8414 §3.3).
//! Comparison is code point by code point, with no normalisation (OIDC Discovery
//! §5, RFC 8414 §4).

use super::uri::{uri_problem, without_placeholders};
use super::{Context, Profile, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::document::json_type;

pub const ISSUER_MISSING: Rule = Rule {
    id: "issuer-missing",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "the document has no `issuer`",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`issuer` is REQUIRED: it is the identity of the provider. Clients compare it with the \
                  issuer they asked for and with the `iss` of every token; without it nothing can be trusted.",
    fix: "publish `issuer`, the https URL the discovery URL is built from",
    bad: r#"{"$remove": ["issuer"]}"#,
    good: "",
};

pub const ISSUER_NOT_STRING: Rule = Rule {
    id: "issuer-not-string",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` is not a JSON string",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "`issuer` is a URL, so a JSON string; clients that expect a string fail on anything else.",
    fix: "make `issuer` a JSON string",
    bad: r#"{"issuer": ["https://idp.example.com"]}"#,
    good: "",
};

pub const ISSUER_NOT_HTTPS: Rule = Rule {
    id: "issuer-not-https",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` does not use the https scheme",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2; OpenID Connect Core 1.0 §1.2",
    explanation: "The issuer identifier is a case-sensitive URL using the https scheme. Over plain http an \
                  attacker on the path can substitute the metadata and keys, and impersonate the provider.",
    fix: "serve the provider over https and publish an https `issuer`",
    bad: r#"{"issuer": "http://idp.example.com"}"#,
    good: "",
};

pub const ISSUER_HAS_QUERY: Rule = Rule {
    id: "issuer-has-query",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` has a query component",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "An issuer has \"no query or fragment components\"; with one, the well-known URL cannot be \
                  derived from it, and issuer comparison becomes ambiguous. Even an empty `?` counts.",
    fix: "remove the query from `issuer`",
    bad: r#"{"issuer": "https://idp.example.com?tenant=a"}"#,
    good: "",
};

pub const ISSUER_HAS_FRAGMENT: Rule = Rule {
    id: "issuer-has-fragment",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` has a fragment component",
    spec: "OpenID Connect Discovery 1.0 §3; RFC 8414 §2",
    explanation: "An issuer has \"no query or fragment components\". Even an empty `#` counts.",
    fix: "remove the fragment from `issuer`",
    bad: r#"{"issuer": "https://idp.example.com#"}"#,
    good: "",
};

pub const ISSUER_HAS_USERINFO: Rule = Rule {
    id: "issuer-has-userinfo",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` contains user information (`user:pass@`)",
    spec: "OpenID Connect Core 1.0 §1.2",
    explanation: "An issuer identifier contains scheme, host, and optionally port and path: nothing else. \
                  Credentials in it would be copied into every token's `iss`.",
    fix: "remove the `user:password@` part from `issuer`",
    bad: r#"{"issuer": "https://admin@idp.example.com"}"#,
    good: "",
};

pub const ISSUER_NO_HOST: Rule = Rule {
    id: "issuer-no-host",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` is not an absolute URL with a host",
    spec: "OpenID Connect Core 1.0 §1.2; RFC 8414 §2",
    explanation: "The issuer must be an absolute URL naming the provider's host; a relative or host-less value \
                  cannot be compared with the discovery URL or with token `iss` values.",
    fix: "publish the full issuer URL, e.g. `https://idp.example.com`",
    bad: r#"{"issuer": "https:///tenant"}"#,
    good: "",
};

pub const ISSUER_NOT_URI: Rule = Rule {
    id: "issuer-not-uri",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` is not a valid RFC 3986 URI (spaces, `{...}` templates, a bad port)",
    spec: "OpenID Connect Discovery 1.0 §2, §3; RFC 8414 §2; RFC 3986 §2, §3.2.3",
    explanation: "OpenID Connect Discovery §2: the Issuer location \"MUST be a URI RFC 3986 with a scheme \
                  component that MUST be https, a host component, and optionally, port and path \
                  components\"; §3: `issuer` \"MUST be identical to the iss Claim value in ID Tokens issued \
                  from this Issuer\". A value with a space, a `{...}` template placeholder, a broken `%` \
                  escape or a port over 65535 is no URI, and no token's `iss` can be identical to a \
                  template: a client that compares exactly, as it must, rejects every token. This holds \
                  even when the value is the expected issuer (`--expect-issuer`). The OpenID conformance \
                  suite fails it in `CheckDiscEndpointIssuerIsValidUrl`. Microsoft Entra ID's \
                  multi-tenant documents (`/common`, `/organizations`) publish \
                  `https://login.microsoftonline.com/{tenantid}/v2.0` on purpose: such a document cannot be \
                  validated as published, and the finding's help says how clients deal with it.",
    fix: "publish the issuer as a URL, percent-encoding what must be encoded",
    bad: r#"{"issuer": "https://idp.example.com/a b"}"#,
    good: "",
};

pub const ISSUER_MISMATCH: Rule = Rule {
    id: "issuer-mismatch",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` is not the issuer the discovery URL was built from",
    spec: "OpenID Connect Discovery 1.0 §4.3, §7.2; RFC 8414 §3.3, §6.2",
    explanation: "The `issuer` value returned MUST be identical to the issuer URL used to build the discovery \
                  URL; if it is not, the metadata MUST NOT be used. This is what stops one provider from \
                  publishing metadata that impersonates another. Comparison is exact: case, an explicit port, \
                  percent-encoding and a trailing slash all count.",
    fix: "publish the issuer the discovery URL is built from, or point the tool at the right issuer",
    bad: r#"{"issuer": "https://other.example.com"}"#,
    good: "",
};

pub const ISSUER_MISMATCH_TRAILING_SLASH: Rule = Rule {
    id: "issuer-mismatch-trailing-slash",
    severity: Severity::Error,
    profile: Profile::Any,
    summary: "`issuer` differs from the expected issuer only by a terminating `/`",
    spec: "OpenID Connect Discovery 1.0 §4.1, §4.3; RFC 8414 §3.1, §3.3",
    explanation: "The well-known URL is built after removing one terminating `/` (\"any terminating / MUST \
                  be removed before appending\", OpenID Connect Discovery §4.1), so `https://a.example` and \
                  `https://a.example/` share a discovery URL, but the issuer comparison is exact (\"MUST be \
                  identical\", §4.3): a client configured without the slash rejects a provider that \
                  publishes it (common with Auth0 and Okta). An error when you gave the issuer yourself; \
                  info when the expected issuer was derived from a host name or a discovery URL, where the \
                  slash cannot be known. The OpenID conformance suite is looser: `CheckDiscEndpointIssuer` \
                  removes one trailing `/` from both values before comparing; this tool follows the \
                  specification text. For an Auth0 tenant the help says what Auth0 tenants require.",
    fix: "configure clients with the issuer exactly as published (with or without `/`)",
    bad: r#"{"issuer": "https://idp.example.com/"}"#,
    good: "",
};

pub const ISSUER_PATH_MULTIPLE_TENANTS: Rule = Rule {
    id: "issuer-path-multiple-tenants",
    severity: Severity::Info,
    profile: Profile::Any,
    summary: "the issuer has a path: several issuers may share the host",
    spec: "OpenID Connect Core 1.0 §16.15; RFC 8414 §5",
    explanation: "With a path, OIDC Discovery appends the well-known suffix after the path while RFC 8414 \
                  inserts it before; a provider may publish at either. The report lists both candidate URLs, \
                  which helps when one of them answers 404.",
    fix: "nothing to change; use the well-known URL the provider documents",
    bad: r#"{"issuer": "https://idp.example.com/tenant1"}"#,
    good: "",
};

pub const RULES: &[&Rule] = &[
    &ISSUER_MISSING,
    &ISSUER_NOT_STRING,
    &ISSUER_NOT_HTTPS,
    &ISSUER_HAS_QUERY,
    &ISSUER_HAS_FRAGMENT,
    &ISSUER_HAS_USERINFO,
    &ISSUER_NO_HOST,
    &ISSUER_NOT_URI,
    &ISSUER_MISMATCH,
    &ISSUER_MISMATCH_TRAILING_SLASH,
    &ISSUER_PATH_MULTIPLE_TENANTS,
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(value) = cx.doc.get("issuer") else {
        out.push(Finding::new(
            &ISSUER_MISSING,
            "/issuer",
            "the document has no `issuer` member",
        ));
        return;
    };
    let Some(issuer) = value.as_str() else {
        out.push(
            Finding::new(
                &ISSUER_NOT_STRING,
                "/issuer",
                format!("`issuer` is {}, not a string", json_type(value)),
            )
            .expected("a JSON string")
            .actual(json_type(value)),
        );
        return;
    };
    syntax(issuer, out);
    matches_expected(cx, issuer, out);
}

fn syntax(issuer: &str, out: &mut Vec<Finding>) {
    let (scheme, rest) = issuer.split_once("://").unwrap_or(("", issuer));
    if !scheme.eq_ignore_ascii_case("https") {
        out.push(
            Finding::new(&ISSUER_NOT_HTTPS, "/issuer", "`issuer` does not use https")
                .expected("https://…")
                .actual(issuer),
        );
    }
    if issuer.contains('?') {
        out.push(
            Finding::new(
                &ISSUER_HAS_QUERY,
                "/issuer",
                "`issuer` has a query component",
            )
            .actual(issuer),
        );
    }
    if issuer.contains('#') {
        out.push(
            Finding::new(
                &ISSUER_HAS_FRAGMENT,
                "/issuer",
                "`issuer` has a fragment component",
            )
            .actual(issuer),
        );
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        out.push(
            Finding::new(
                &ISSUER_HAS_USERINFO,
                "/issuer",
                "`issuer` contains user information",
            )
            .actual(issuer),
        );
    }
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.strip_prefix('[').map_or_else(
        || host.split(':').next().unwrap_or(""),
        |v6| v6.split(']').next().unwrap_or(""),
    );
    if scheme.is_empty() || host.is_empty() {
        out.push(
            Finding::new(
                &ISSUER_NO_HOST,
                "/issuer",
                "`issuer` is not an absolute URL with a host",
            )
            .expected("https://HOST[/PATH]")
            .actual(issuer),
        );
    } else if let Some(problem) = uri_problem(issuer) {
        out.push(not_uri(issuer, &problem));
    } else {
        let path = &rest[authority_end..];
        let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
        if !path.trim_end_matches('/').is_empty() {
            let origin = &issuer[..issuer.len() - rest.len() + authority_end];
            let trimmed = path.trim_end_matches('/');
            out.push(Finding::new(
                &ISSUER_PATH_MULTIPLE_TENANTS,
                "/issuer",
                format!(
                    "the issuer has the path `{trimmed}`: OIDC Discovery looks for \
                         {origin}{trimmed}/.well-known/openid-configuration, RFC 8414 for \
                         {origin}/.well-known/oauth-authorization-server{trimmed}"
                ),
            ));
        }
    }
}

/// `issuer-not-uri`, with the way out for a multi-tenant template.
fn not_uri(issuer: &str, problem: &str) -> Finding {
    let f = Finding::new(
        &ISSUER_NOT_URI,
        "/issuer",
        format!("`issuer` is not a URI: {problem}"),
    )
    .expected("an https URL, percent-encoded")
    .actual(issuer);
    let template =
        without_placeholders(issuer).is_some_and(|filled| uri_problem(&filled).is_none());
    if !template {
        return f;
    }
    // Kept under the 300 characters a lint report shows of a help line.
    f.help(
        "a multi-tenant issuer template (Entra ID's `common` and `organizations` documents): no \
         token's `iss` equals it: validate the issuer per token, putting the token's `tid` into the \
         template and requiring the result to equal `iss`; single-tenant clients use the tenant's \
         own document",
    )
}

/// What to do about a trailing-slash difference; for an Auth0 tenant, Auth0's
/// habit, which the tenant cannot change (formerly `auth0-issuer-trailing-slash`'s
/// finding of its own, so the fact was reported twice).
fn trailing_slash_help(cx: &Context<'_>, issuer: &str) -> String {
    if cx.doc.is_auth0_tenant() && issuer.ends_with('/') {
        format!(
            "an Auth0 tenant: its issuer always ends with `/` (custom domains too), and so does \
             every token's `iss`; the tenant cannot change it, so configure clients (SDK issuer or \
             domain settings, `iss` checks) with {issuer:?}"
        )
    } else {
        format!("clients must be configured with the issuer exactly as published: {issuer:?}")
    }
}

fn matches_expected(cx: &Context<'_>, issuer: &str, out: &mut Vec<Finding>) {
    let Some(expected) = &cx.target.expected_issuer else {
        return;
    };
    if issuer == expected.value {
        return;
    }
    let (a, b) = (
        issuer.strip_suffix('/').unwrap_or(issuer),
        expected.value.strip_suffix('/').unwrap_or(&expected.value),
    );
    if a == b {
        let severity = if expected.source.exact() {
            Severity::Error
        } else {
            Severity::Info
        };
        let how = match expected.source {
            crate::target::IssuerSource::Argument => "the issuer you gave",
            crate::target::IssuerSource::ExpectIssuer => "--expect-issuer",
            crate::target::IssuerSource::BareHost => "the issuer implied by the host name",
            crate::target::IssuerSource::DiscoveryUrl => "the issuer implied by the discovery URL",
        };
        out.push(
            Finding::new(
                &ISSUER_MISMATCH_TRAILING_SLASH,
                "/issuer",
                format!("`issuer` differs from {how} only by a terminating `/`"),
            )
            .severity(severity)
            .expected(expected.value.clone())
            .actual(issuer)
            .help(trailing_slash_help(cx, issuer)),
        );
        return;
    }
    out.push(
        Finding::new(
            &ISSUER_MISMATCH,
            "/issuer",
            "`issuer` is not the issuer the discovery URL was built from",
        )
        .expected(expected.value.clone())
        .actual(issuer),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{exchange, fires, run, run_with};
    use crate::diagnostic::Severity;
    use crate::document::Document;
    use crate::target::{Target, WellKnown};

    fn doc(issuer: &str) -> Document {
        let mut m = super::super::testing::baseline();
        m.insert("issuer".into(), issuer.into());
        Document::from_map(m)
    }

    #[test]
    fn exact_match_is_quiet() {
        assert!(!fires(&run("", &[]), "issuer-mismatch"));
    }

    #[test]
    fn other_host_is_a_mismatch_with_both_values() {
        let f = run(r#"{"issuer": "https://evil.example.com"}"#, &[]);
        let m = f.iter().find(|f| f.rule == "issuer-mismatch").unwrap();
        assert_eq!(m.expected.as_deref(), Some("https://idp.example.com"));
        assert_eq!(m.actual.as_deref(), Some("https://evil.example.com"));
    }

    #[test]
    fn trailing_slash_is_an_error_for_a_typed_issuer_and_info_when_derived() {
        let typed =
            Target::parse("https://idp.example.com", WellKnown::OpenidConfiguration).unwrap();
        let f = run_with(
            doc("https://idp.example.com/"),
            Some(&exchange()),
            &typed,
            &[],
        );
        let t = f
            .iter()
            .find(|f| f.rule == "issuer-mismatch-trailing-slash")
            .unwrap();
        assert_eq!(t.severity, Severity::Error);
        assert!(!fires(&f, "issuer-mismatch"));

        for derived in [
            "idp.example.com",
            "https://idp.example.com/.well-known/openid-configuration",
        ] {
            let t = Target::parse(derived, WellKnown::OpenidConfiguration).unwrap();
            let f = run_with(doc("https://idp.example.com/"), Some(&exchange()), &t, &[]);
            let s = f
                .iter()
                .find(|f| f.rule == "issuer-mismatch-trailing-slash")
                .unwrap();
            assert_eq!(s.severity, Severity::Info, "{derived}");
        }
    }

    #[test]
    fn case_and_port_differences_are_mismatches() {
        for other in ["https://IDP.example.com", "https://idp.example.com:443"] {
            assert!(
                fires(
                    &run(&format!(r#"{{"issuer": "{other}"}}"#), &[]),
                    "issuer-mismatch"
                ),
                "{other}"
            );
        }
    }

    #[test]
    fn syntax_rules() {
        assert!(fires(
            &run(r#"{"issuer": "https://idp.example.com?"}"#, &[]),
            "issuer-has-query"
        ));
        assert!(fires(
            &run(r#"{"issuer": "https://u:p@idp.example.com"}"#, &[]),
            "issuer-has-userinfo"
        ));
        assert!(fires(
            &run(r#"{"issuer": "idp.example.com"}"#, &[]),
            "issuer-no-host"
        ));
        assert!(fires(&run(r#"{"issuer": 7}"#, &[]), "issuer-not-string"));
        assert!(!fires(
            &run(r#"{"issuer": "https://[::1]:8443"}"#, &[]),
            "issuer-no-host"
        ));
    }

    #[test]
    fn an_issuer_that_is_no_uri_is_one_finding() {
        for (issuer, template) in [
            ("https://idp.example.com/a b", false),
            ("https://idp.example.com/{tenantid}/v2.0", true),
            ("https://idp.example.com:99999", false),
            ("https://idp.example.com/%zz", false),
        ] {
            let f = run(&format!(r#"{{"issuer": "{issuer}"}}"#), &[]);
            let n: Vec<_> = f.iter().filter(|f| f.rule == "issuer-not-uri").collect();
            assert_eq!(n.len(), 1, "{issuer}");
            assert_eq!(n[0].help.is_some(), template, "{issuer}");
            // Not also a host problem, and no well-known URLs built from it.
            assert!(!fires(&f, "issuer-no-host"), "{issuer}");
            assert!(!fires(&f, "issuer-path-multiple-tenants"), "{issuer}");
        }
        for fine in [
            "https://idp.example.com/a%20b",
            "https://idp.example.com:8443/t",
        ] {
            let f = run(&format!(r#"{{"issuer": "{fine}"}}"#), &[]);
            assert!(!fires(&f, "issuer-not-uri"), "{fine}");
        }
    }
}
