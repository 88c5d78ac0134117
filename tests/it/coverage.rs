//! Every registered rule is seen to fire and seen to stay quiet. Rules with
//! examples are run on them by the unit tests: document fragments by
//! `rules::tests::every_rule_fires_on_its_bad_example_and_not_on_its_good_one`,
//! key sets by `rules::jwks::tests::key_set_examples_fire_and_pass`. The rules
//! without examples are about the exchange (TLS, status, redirects, media types,
//! how the body parses, CORS probes, the key set's fetch): no fragment can make
//! them fire. They are covered here, by a table of scenarios: each starts real
//! loopback servers, runs the binary against them, and says which of those rules
//! must fire (and where) and which must stay quiet.
//!
//! One test runs every scenario; another checks, from the registry itself, that
//! each rule without examples fires in at least one scenario and is named quiet
//! in at least one. A new exchange rule fails that check until a scenario shows
//! it working.

use std::sync::{Arc, OnceLock};

use oidc_inspect::rules::{self, Rule};

use crate::common::{self, IDP_HOST, Server, TestCa, response};
use crate::contract::{JsonReport, json_run};

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// Where the same-origin redirect sends the discovery request.
const MOVED: &str = "/moved/.well-known/openid-configuration";

/// How the binary reaches the server that answers the target URL.
#[derive(Clone, Copy, Debug)]
enum Conn {
    /// Plain HTTP on 127.0.0.1.
    Http,
    /// HTTPS for `idp.test.example`, a leaf from the test CA, which the run
    /// trusts with `--cacert`.
    Https,
    /// HTTPS with a leaf from a CA the run does not trust.
    HttpsOtherCa,
    /// HTTPS with a leaf from the test CA that expired in 2021.
    HttpsExpired,
    /// HTTPS with a leaf from the test CA for another host name.
    HttpsOtherName,
    /// Not a TLS server: whatever the client sends, a TLS alert record, fatal
    /// protocol_version, as a server that only speaks TLS 1.0/1.1 answers a
    /// TLS 1.2+ ClientHello.
    ProtocolVersionAlert,
}

/// What the discovery URL answers with.
#[derive(Clone, Copy, Debug)]
enum Body {
    /// The baseline document (tests/fixtures/baseline.json), re-issued for the
    /// target's origin.
    Baseline,
    /// The baseline after a UTF-8 byte-order mark.
    ByteOrderMark,
    /// The baseline with `issuer` given twice; the first value is a stranger's,
    /// the last (the one that counts) the right one.
    DuplicateIssuer,
    /// These bytes.
    Text(&'static str),
}

/// How the discovery request gets to the document.
#[derive(Clone, Copy, Debug)]
enum Redirect {
    /// It is answered at the URL asked for.
    None,
    /// A 302 to another path of the same server.
    SameOrigin,
    /// A 302 to a second server (another port, so another origin), which
    /// serves the document.
    CrossOrigin,
}

/// Which answers carry `Access-Control-Allow-Origin: *` when a request has an
/// `Origin` header (only `--probe` sends one).
#[derive(Clone, Copy, Debug)]
enum Cors {
    /// None of them.
    Off,
    /// The document and the key set, not the authorization endpoint: as the
    /// specifications advise.
    AsAdvised,
    /// The authorization endpoint only: the opposite.
    Inverted,
}

/// What a provider serves. The document's `jwks_uri` and
/// `authorization_endpoint` are on the target's origin (`/jwks.json`,
/// `/authorize`). The key set is Google's: RSA keys only, so every run that
/// gets a document also reports jwks-alg-unbacked for the baseline's ES256, a
/// rule with examples and no concern of this table.
#[derive(Clone, Copy, Debug)]
struct Site {
    /// Status of the discovery document's answer.
    status: u16,
    content_type: &'static str,
    body: Body,
    redirect: Redirect,
    /// Status and Content-Type of the key set's answer.
    keys: (u16, &'static str),
    cors: Cors,
}

/// A provider that does everything right.
const GOOD: Site = Site {
    status: 200,
    content_type: "application/json",
    body: Body::Baseline,
    redirect: Redirect::None,
    keys: (200, "application/jwk-set+json"),
    cors: Cors::Off,
};

/// One row of the table.
struct Scenario {
    name: &'static str,
    conn: Conn,
    site: Site,
    /// The target's path on the server: the well-known URL, or an issuer.
    target: &'static str,
    /// Arguments after the target (`--fail-on never`, the CA and `--resolve`
    /// are always passed).
    args: &'static [&'static str],
    /// 0 when a document was checked, 3 when none could be had.
    exit: i32,
    /// Rules without examples that must fire, each with `source:pointer` (as the
    /// JSON report says them, e.g. `http:/status`); no other
    /// rule without examples may fire.
    fires: &'static [(&'static str, &'static str)],
    /// Rules this scenario shows staying quiet (a subset of "every other one",
    /// named so that the coverage check can count them).
    quiet: &'static [&'static str],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "https with a trusted certificate, every answer as it should be",
        conn: Conn::Https,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[],
        quiet: &[
            "doc-not-https",
            "doc-tls-cert-invalid",
            "doc-tls-below-1.2",
            "doc-tls-unverified",
            "doc-http-status",
            "doc-redirected",
            "doc-redirect-cross-origin",
            "doc-content-type",
            "doc-not-json-object",
            "doc-duplicate-member",
            "doc-byte-order-mark",
            "jwks-fetch-failed",
            "jwks-content-type",
        ],
    },
    Scenario {
        name: "plain http",
        conn: Conn::Http,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("doc-not-https", "http:")],
        // No TLS at all is not "TLS without verification".
        quiet: &["doc-tls-unverified", "doc-tls-cert-invalid"],
    },
    Scenario {
        name: "a certificate from an untrusted CA",
        conn: Conn::HttpsOtherCa,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[("doc-tls-cert-invalid", "http:/tls_verified")],
        quiet: &["doc-tls-below-1.2", "doc-tls-unverified"],
    },
    Scenario {
        name: "an expired certificate",
        conn: Conn::HttpsExpired,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[("doc-tls-cert-invalid", "http:/tls_verified")],
        quiet: &["doc-tls-below-1.2"],
    },
    Scenario {
        name: "a certificate for another host name",
        conn: Conn::HttpsOtherName,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[("doc-tls-cert-invalid", "http:/tls_verified")],
        quiet: &["doc-tls-below-1.2"],
    },
    Scenario {
        name: "a TLS protocol_version alert",
        conn: Conn::ProtocolVersionAlert,
        site: GOOD,
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[("doc-tls-below-1.2", "http:/tls_verified")],
        quiet: &["doc-tls-cert-invalid"],
    },
    Scenario {
        name: "--insecure against an untrusted certificate",
        conn: Conn::HttpsOtherCa,
        site: GOOD,
        target: WELL_KNOWN,
        args: &["--insecure"],
        exit: 0,
        fires: &[("doc-tls-unverified", "http:/tls_verified")],
        quiet: &["doc-tls-cert-invalid"],
    },
    Scenario {
        name: "404 for an issuer with a path",
        conn: Conn::Https,
        site: Site {
            status: 404,
            content_type: "text/html",
            body: Body::Text("<html><body>Not Found</body></html>"),
            ..GOOD
        },
        target: "/tenant",
        args: &[],
        exit: 3,
        fires: &[("doc-http-status", "http:/status")],
        // What a 404 page is served as says nothing about the metadata; the
        // FAPI 2.0 rule is not in force without its profile.
        quiet: &["doc-content-type", "doc-not-json-object", "fapi2-metadata"],
    },
    Scenario {
        name: "404 under --profile fapi2",
        conn: Conn::Https,
        site: Site {
            status: 404,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &["--profile", "fapi2"],
        exit: 3,
        fires: &[
            ("doc-http-status", "http:/status"),
            ("fapi2-metadata", "http:/status"),
        ],
        quiet: &[],
    },
    Scenario {
        name: "200 under --profile fapi2",
        conn: Conn::Https,
        site: GOOD,
        target: WELL_KNOWN,
        args: &["--profile", "fapi2"],
        exit: 0,
        fires: &[],
        quiet: &["fapi2-metadata", "doc-http-status"],
    },
    Scenario {
        name: "a redirect to another path of the same origin",
        conn: Conn::Https,
        site: Site {
            redirect: Redirect::SameOrigin,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("doc-redirected", "http:/redirects")],
        quiet: &["doc-redirect-cross-origin"],
    },
    Scenario {
        name: "a redirect to another origin",
        conn: Conn::Https,
        site: Site {
            redirect: Redirect::CrossOrigin,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[
            ("doc-redirected", "http:/redirects"),
            ("doc-redirect-cross-origin", "http:/redirects"),
        ],
        quiet: &[],
    },
    Scenario {
        name: "the document served as text/html",
        conn: Conn::Https,
        site: Site {
            content_type: "text/html; charset=utf-8",
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("doc-content-type", "http:/content_type")],
        quiet: &["doc-not-json-object"],
    },
    Scenario {
        name: "a parameter and other casing in application/json",
        conn: Conn::Https,
        site: Site {
            content_type: "Application/JSON; charset=utf-8",
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[],
        quiet: &["doc-content-type"],
    },
    Scenario {
        name: "an HTML login page served as text/html",
        conn: Conn::Https,
        site: Site {
            content_type: "text/html",
            body: Body::Text("<html><body><form>Sign in</form></body></html>"),
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[
            ("doc-content-type", "http:/content_type"),
            ("doc-not-json-object", "document:"),
        ],
        quiet: &[],
    },
    Scenario {
        name: "a JSON array served as application/json",
        conn: Conn::Https,
        site: Site {
            body: Body::Text(r#"["not", "an", "object"]"#),
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 3,
        fires: &[("doc-not-json-object", "document:")],
        quiet: &["doc-content-type"],
    },
    Scenario {
        name: "a byte-order mark before the document",
        conn: Conn::Https,
        site: Site {
            body: Body::ByteOrderMark,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("doc-byte-order-mark", "document:")],
        quiet: &["doc-not-json-object"],
    },
    Scenario {
        name: "a member given twice",
        conn: Conn::Https,
        site: Site {
            body: Body::DuplicateIssuer,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("doc-duplicate-member", "document:/issuer")],
        quiet: &[],
    },
    Scenario {
        name: "--probe against CORS as advised",
        conn: Conn::Https,
        site: Site {
            cors: Cors::AsAdvised,
            ..GOOD
        },
        target: WELL_KNOWN,
        // A browser app's needs are probed too (its other rules have examples).
        args: &["--probe", "--client", "spa"],
        exit: 0,
        fires: &[],
        quiet: &[
            "bcp-authorization-endpoint-frameable",
            "client-spa-token-cors",
            "doc-cors-missing",
            "doc-jwks-cors-missing",
            "bcp-cors-authorization-endpoint",
        ],
    },
    Scenario {
        name: "--probe against CORS the wrong way round",
        conn: Conn::Https,
        site: Site {
            cors: Cors::Inverted,
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &["--probe", "--client", "spa"],
        exit: 0,
        fires: &[
            ("client-spa-token-cors", "probe:/token_endpoint"),
            (
                "bcp-authorization-endpoint-frameable",
                "probe:/authorization_endpoint",
            ),
            ("doc-cors-missing", "probe:"),
            ("doc-jwks-cors-missing", "probe:/jwks_uri"),
            (
                "bcp-cors-authorization-endpoint",
                "probe:/authorization_endpoint",
            ),
        ],
        quiet: &[],
    },
    Scenario {
        name: "the key set served as text/plain",
        conn: Conn::Https,
        site: Site {
            keys: (200, "text/plain"),
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("jwks-content-type", "jwks:")],
        quiet: &["jwks-fetch-failed"],
    },
    Scenario {
        name: "the key set answers 404",
        conn: Conn::Https,
        site: Site {
            keys: (404, "text/html"),
            ..GOOD
        },
        target: WELL_KNOWN,
        args: &[],
        exit: 0,
        fires: &[("jwks-fetch-failed", "document:/jwks_uri")],
        // The media type of an error page is not the key set's.
        quiet: &["jwks-content-type"],
    },
];

/// Rules without examples that speak only when no issuer is expected, which a
/// fetch always implies (so neither the document examples, checked against an
/// expected issuer, nor this table of fetches can show them): each with the
/// test that runs the binary on a saved document to make it fire and keep quiet.
const SAVED_DOCUMENT_ONLY: &[(&str, &str)] = &[(
    "auth0-issuer-trailing-slash",
    "verdicts::the_auth0_note_speaks_only_without_an_expected_issuer",
)];

/// The registered rules that have no examples: the ones this table covers.
fn without_examples() -> Vec<&'static Rule> {
    rules::registry()
        .filter(|r| r.bad.is_empty())
        .filter(|r| !SAVED_DOCUMENT_ONLY.iter().any(|(id, _)| *id == r.id))
        .collect()
}

/// A handler serving `site`: the document (issued for `origin` once it is set)
/// at every path ending in the well-known suffix, unless `hop` says where to
/// redirect the well-known path itself; the key set at `/jwks.json`; an
/// authorization endpoint at `/authorize`; a token endpoint at `/token`.
fn provider(
    site: Site,
    origin: Arc<OnceLock<String>>,
    hop: Option<String>,
) -> impl Fn(&common::Request, common::Out) -> std::io::Result<()> + Send + Sync + 'static {
    move |req, out| {
        let allow = |authorization_endpoint: bool| {
            req.header("origin").is_some()
                && match site.cors {
                    Cors::Off => false,
                    Cors::AsAdvised => !authorization_endpoint,
                    Cors::Inverted => authorization_endpoint,
                }
        };
        let answer = |status: u16, content_type: &str, cors: bool, body: &[u8]| {
            let mut headers = vec![("Content-Type", content_type)];
            if cors {
                headers.push(("Access-Control-Allow-Origin", "*"));
            }
            response(status, &headers, body)
        };
        let path = req.path.as_str();
        let bytes = match (&hop, path) {
            (Some(to), WELL_KNOWN) => common::redirect(302, to),
            (_, "/jwks.json") => {
                let (status, content_type) = site.keys;
                let body = if status == 200 {
                    common::fixture("google.jwks.json")
                } else {
                    "<html>Not Found</html>".to_string()
                };
                answer(status, content_type, allow(false), body.as_bytes())
            }
            (_, "/authorize") => {
                // As advised, the sign-in page also refuses to be framed.
                let mut headers = vec![("Content-Type", "text/html")];
                if allow(true) {
                    headers.push(("Access-Control-Allow-Origin", "*"));
                }
                if matches!(site.cors, Cors::AsAdvised) {
                    headers.push(("X-Frame-Options", "DENY"));
                }
                response(200, &headers, b"<html>Sign in</html>")
            }
            // The token endpoint answers a cross-origin GET as browsers need it
            // to (its CORS follows the discovery document's).
            (_, "/token") => answer(405, "application/json", allow(false), b"{}"),
            (_, p) if p.ends_with(WELL_KNOWN) => {
                let baseline = || common::baseline_at(origin.get().map_or("", String::as_str));
                let body = match site.body {
                    Body::Baseline => baseline(),
                    Body::ByteOrderMark => format!("\u{feff}{}", baseline()),
                    Body::DuplicateIssuer => {
                        baseline().replacen("{", r#"{"issuer": "https://stranger.example","#, 1)
                    }
                    Body::Text(text) => text.to_string(),
                };
                answer(
                    site.status,
                    site.content_type,
                    allow(false),
                    body.as_bytes(),
                )
            }
            _ => answer(404, "text/plain", false, b"not found"),
        };
        out.write_all(&bytes)
    }
}

/// The CAs of a run: the one the binary trusts, and another.
struct Cas {
    trusted: TestCa,
    other: TestCa,
}

/// Start a server for `conn` with `handler`; returns it and its origin.
fn start(
    conn: Conn,
    cas: &Cas,
    handler: impl Fn(&common::Request, common::Out) -> std::io::Result<()> + Send + Sync + 'static,
) -> (Server, String) {
    let server = match conn {
        Conn::Http => Server::http(handler),
        Conn::Https => Server::https(cas.trusted.leaf(&[IDP_HOST]).server_config(), handler),
        Conn::HttpsOtherCa => Server::https(cas.other.leaf(&[IDP_HOST]).server_config(), handler),
        Conn::HttpsExpired => Server::https(
            cas.trusted.expired_leaf(&[IDP_HOST]).server_config(),
            handler,
        ),
        Conn::HttpsOtherName => Server::https(
            cas.trusted.leaf(&["other.test.example"]).server_config(),
            handler,
        ),
        Conn::ProtocolVersionAlert => Server::raw(vec![0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]),
    };
    let origin = match conn {
        Conn::Http => format!("http://127.0.0.1:{}", server.port()),
        _ => format!("https://{IDP_HOST}:{}", server.port()),
    };
    (server, origin)
}

/// Run one scenario through the binary.
fn run(s: &Scenario, cas: &Cas) -> (JsonReport, i32) {
    // The document is always issued for the target's origin, also when a
    // cross-origin redirect has the second server serve it.
    let issued_for = Arc::new(OnceLock::new());
    let mut servers = Vec::new();
    let hop = match s.site.redirect {
        Redirect::None => None,
        Redirect::SameOrigin => Some(MOVED.to_string()),
        Redirect::CrossOrigin => {
            let handler = provider(s.site, Arc::clone(&issued_for), None);
            let (far, far_origin) = start(s.conn, cas, handler);
            servers.push(far);
            Some(format!("{far_origin}{WELL_KNOWN}"))
        }
    };
    let (server, origin) = start(s.conn, cas, provider(s.site, Arc::clone(&issued_for), hop));
    let _ = issued_for.set(origin.clone());
    servers.push(server);
    let mut cmd = common::cli();
    cmd.arg(format!("{origin}{}", s.target))
        .args(["--fail-on", "never", "--cacert"])
        .arg(cas.trusted.pem_path());
    for server in &servers {
        cmd.arg("--resolve").arg(server.resolve_arg(IDP_HOST));
    }
    cmd.args(s.args);
    json_run(&mut cmd)
}

/// The URLs of an exchange: answered, and every hop before (the URL asked for
/// is the first hop, or the target's discovery URL).
fn hops(h: &crate::contract::JsonHttp) -> Vec<&str> {
    let mut v = vec![h.final_url.as_str()];
    v.extend(h.redirects.iter().map(|r| r.url.as_str()));
    v
}

/// Every URL the report says was requested.
fn urls(r: &JsonReport) -> Vec<&str> {
    let mut all = Vec::new();
    all.extend(r.target.discovery_url.as_deref());
    all.extend(r.http.as_ref().map(hops).unwrap_or_default());
    if let Some(k) = &r.jwks {
        all.push(k.url.as_str());
        all.extend(k.http.as_ref().map(hops).unwrap_or_default());
    }
    all.extend(r.error.as_ref().map(|e| e.url.as_str()));
    all
}

/// What is wrong with one scenario's run, if anything.
fn check(s: &Scenario, r: &JsonReport, code: i32, covered: &[&'static Rule]) -> Vec<String> {
    let mut wrong = Vec::new();
    if code != s.exit {
        wrong.push(format!("exit {code}, expected {}", s.exit));
    }
    for url in urls(r) {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string));
        if !matches!(host.as_deref(), Some("127.0.0.1" | IDP_HOST)) {
            wrong.push(format!("requested {url}, beyond loopback"));
        }
    }
    for (rule, pointer) in s.fires {
        if !r
            .findings
            .iter()
            .any(|f| f.rule == *rule && format!("{}:{}", f.source, f.pointer) == *pointer)
        {
            wrong.push(format!("{rule} did not fire at {pointer:?}"));
        }
    }
    for f in &r.findings {
        let is_covered = covered.iter().any(|c| c.id == f.rule);
        let expected = s.fires.iter().any(|(rule, _)| *rule == f.rule);
        if is_covered && !expected {
            let quiet = if s.quiet.contains(&f.rule.as_str()) {
                " (named quiet)"
            } else {
                ""
            };
            wrong.push(format!(
                "{} fired{quiet} at {:?}: {}",
                f.rule, f.pointer, f.message
            ));
        }
    }
    wrong
}

#[test]
fn every_exchange_scenario_fires_exactly_its_rules() {
    let cas = Cas {
        trusted: TestCa::new("oidc-inspect test CA"),
        other: TestCa::new("someone else"),
    };
    let covered = without_examples();
    let mut failures = Vec::new();
    for s in SCENARIOS {
        let (r, code) = run(s, &cas);
        let wrong = check(s, &r, code, &covered);
        if !wrong.is_empty() {
            let fired: Vec<String> = r
                .findings
                .iter()
                .map(|f| format!("{} {}", f.rule, f.pointer))
                .collect();
            failures.push(format!(
                "{}:\n  {}\n  findings: {fired:?}",
                s.name,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_without_examples_fires_in_a_scenario_and_stays_quiet_in_another() {
    let covered = without_examples();
    for s in SCENARIOS {
        let named = s.fires.iter().map(|(id, _)| id).chain(s.quiet);
        for id in named {
            let rule = rules::find(id)
                .unwrap_or_else(|| panic!("{}: {id} is not a registered rule", s.name));
            assert!(
                rule.bad.is_empty(),
                "{}: {id} has examples, which the unit tests run: leave it out of the table",
                s.name
            );
        }
        for id in s.quiet {
            assert!(
                !s.fires.iter().any(|(f, _)| f == id),
                "{}: {id} is named both firing and quiet",
                s.name
            );
        }
    }
    for rule in covered {
        assert!(
            SCENARIOS
                .iter()
                .any(|s| s.fires.iter().any(|(id, _)| *id == rule.id)),
            "{} has no examples and no scenario in which it fires",
            rule.id
        );
        assert!(
            SCENARIOS.iter().any(|s| s.quiet.contains(&rule.id)),
            "{} has no examples and no scenario that shows it quiet",
            rule.id
        );
    }
}

/// A 404 for an issuer with a path names the other well-known URLs the provider
/// may publish at (the table checks that the rule fires; this, what it says).
#[test]
fn not_found_is_doc_http_status_with_the_alternative_urls() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = common::google_idp(&ca, &[IDP_HOST], 404);
    let (r, code) = json_run(common::cli().args([
        &server.url("/tenant"),
        "--fail-on",
        "never",
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]));
    assert_eq!(code, 3);
    assert_eq!(
        r.error.as_ref().map(|e| e.kind.as_str()),
        Some("http-status")
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "doc-http-status")
        .expect("doc-http-status");
    assert_eq!((f.source.as_str(), f.pointer.as_str()), ("http", "/status"));
    assert_eq!(f.actual.as_deref(), Some("404"));
    let help = f.help.as_deref().unwrap_or("");
    assert!(
        help.contains("/.well-known/oauth-authorization-server/tenant"),
        "{help}"
    );
}
