//! Trust and reach, through the binary: which proxy each request goes through
//! (the `*_proxy` variables, `NO_PROXY`, `--proxy`, SOCKS5), which roots are
//! trusted (`SSL_CERT_FILE`, `SSL_CERT_DIR`, `--no-ca-native`), `--connect-timeout`
//! and IPv6. Everything stays on loopback: the proxies connect only to 127.0.0.1,
//! and every variable is set explicitly on the sealed command.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::net::{FullListener, Proxy, has_ipv6_loopback};
use crate::common::{self, IDP_HOST, Request, Server, TestCa};

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// Run the binary with `--format json --fail-on never`, `env` set and `args`.
/// Returns the report and the exit status; the report must follow the contract.
fn run(env: &[(&str, &str)], args: &[&str]) -> (Value, i32) {
    let mut cmd = common::cli();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .args(["--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .expect("run oidc-inspect");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    match serde_json::from_value::<crate::contract::JsonReport>(report.clone()) {
        Ok(typed) => crate::contract::assert_documented_error_kind(&typed),
        Err(e) => panic!("stdout does not follow the JSON contract: {e}\n{report:#}"),
    }
    (report, out.status.code().unwrap_or(-1))
}

fn error_kind(r: &Value) -> &str {
    r["error"]["kind"].as_str().unwrap_or("")
}

/// A provider on plain HTTP whose document and key set name the origin the
/// request was sent to (its `Host` header), so it answers for a name and for
/// an address alike.
fn provider() -> Server {
    Server::http(|req: &Request, out| {
        let origin = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        if req.path == "/jwks" {
            let keys = common::fixture("google.jwks.json");
            return out.write_all(&common::json(&keys));
        }
        let doc = serde_json::json!({
            "issuer": origin,
            "authorization_endpoint": format!("{origin}/authorize"),
            "token_endpoint": format!("{origin}/token"),
            "jwks_uri": format!("{origin}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        });
        out.write_all(&common::json(&doc.to_string()))
    })
}

/// The discovery URL of `server` by the test host name, and the `--resolve`
/// that lets a direct connection find it.
fn by_name(server: &Server) -> (String, String) {
    (
        format!("http://{IDP_HOST}:{}{WELL_KNOWN}", server.port()),
        server.resolve_arg(IDP_HOST),
    )
}

/// The document and the key set were both fetched and read.
fn assert_fetched_both(r: &Value, code: i32) {
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["http"]["status"], 200, "{r:#}");
    assert!(
        r["jwks"]["keys"].as_array().is_some_and(|k| !k.is_empty()),
        "no keys: {r:#}"
    );
}

#[test]
fn http_proxy_carries_the_document_and_the_key_set() {
    let server = provider();
    let proxy = Proxy::http();
    let (url, _) = by_name(&server);
    let (r, code) = run(&[("http_proxy", &proxy.url("http"))], &[&url]);
    assert_fetched_both(&r, code);
    // As curl sends plain http to an http proxy: in absolute form, no CONNECT.
    let origin = format!("http://{IDP_HOST}:{}", server.port());
    assert_eq!(
        proxy.log.requests(),
        vec![
            format!("GET {origin}{WELL_KNOWN}"),
            format!("GET {origin}/jwks")
        ],
        "{:?}",
        proxy.log.lines()
    );
    assert!(proxy.log.tunnels().is_empty(), "{:?}", proxy.log.lines());
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        server.requests()[0].header("host"),
        Some(format!("{IDP_HOST}:{}", server.port()).as_str())
    );
}

#[test]
fn proxy_credentials_go_in_proxy_authorization() {
    let server = provider();
    let proxy = Proxy::http();
    let (url, _) = by_name(&server);
    let with_user = format!("http://oidc:s3cret@{}", proxy.addr);
    let (r, code) = run(&[("http_proxy", &with_user)], &[&url]);
    assert_fetched_both(&r, code);
    // base64("oidc:s3cret")
    assert_eq!(
        proxy.log.authorizations(),
        vec!["Basic b2lkYzpzM2NyZXQ=".to_string(); 2]
    );
}

#[test]
fn upper_case_http_proxy_is_ignored_as_curl_does() {
    let server = provider();
    let proxy = Proxy::http();
    let (url, resolve) = by_name(&server);
    let (r, code) = run(
        &[("HTTP_PROXY", &proxy.url("http"))],
        &[&url, "--resolve", &resolve],
    );
    assert_fetched_both(&r, code);
    assert!(proxy.log.lines().is_empty(), "{:?}", proxy.log.lines());
}

#[test]
fn each_scheme_takes_its_own_proxy() {
    let ca = TestCa::new("oidc-inspect proxy test CA");
    let tls = common::google_idp(&ca, &[IDP_HOST], 200);
    let cacert = ca.pem_path().to_string_lossy().into_owned();
    let url = tls.url(WELL_KNOWN);
    for https_var in ["https_proxy", "HTTPS_PROXY"] {
        let for_https = Proxy::http();
        let for_http = Proxy::http();
        let (r, code) = run(
            &[
                (https_var, &for_https.url("http")),
                ("http_proxy", &for_http.url("http")),
            ],
            &[&url, "--cacert", &cacert, "--no-jwks"],
        );
        assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
        assert_eq!(
            for_https.log.tunnels(),
            vec![format!("CONNECT {IDP_HOST}:{}", tls.port())],
            "{https_var}"
        );
        // The tunnel carried TLS: no request line could be read in it.
        assert!(for_https.log.requests().is_empty());
        assert!(for_http.log.lines().is_empty(), "{https_var}");
        assert_eq!(r["http"]["tls_verified"], true);
    }
}

#[test]
fn all_proxy_is_the_fallback_and_socks5h_lets_the_proxy_resolve() {
    let server = provider();
    let socks = Proxy::socks5();
    let (url, _) = by_name(&server);
    let (r, code) = run(&[("ALL_PROXY", &socks.url("socks5h"))], &[&url]);
    assert_fetched_both(&r, code);
    // The name went to the proxy, for the document and again for the key set
    // (unless the connection was reused).
    let tunnels = socks.log.tunnels();
    assert!(!tunnels.is_empty());
    assert!(
        tunnels
            .iter()
            .all(|t| *t == format!("SOCKS5 {IDP_HOST}:{}", server.port())),
        "{tunnels:?}"
    );
    assert_eq!(
        socks.log.requests(),
        vec![format!("GET {WELL_KNOWN}"), "GET /jwks".to_string()]
    );
}

#[test]
fn socks5_resolves_here_with_resolve() {
    let server = provider();
    let socks = Proxy::socks5();
    let (url, resolve) = by_name(&server);
    let (r, code) = run(
        &[("all_proxy", &socks.url("socks5"))],
        &[&url, "--resolve", &resolve],
    );
    assert_fetched_both(&r, code);
    let tunnels = socks.log.tunnels();
    assert!(!tunnels.is_empty());
    assert!(
        tunnels
            .iter()
            .all(|t| *t == format!("SOCKS5 127.0.0.1:{}", server.port())),
        "{tunnels:?}"
    );
}

#[test]
fn no_proxy_exempts_domains_addresses_ranges_and_everything() {
    let server = provider();
    let port = server.port();
    let (by_name_url, resolve) = by_name(&server);
    let by_ip = server.url(WELL_KNOWN);
    let cases: Vec<(String, &str, bool)> = vec![
        ("test.example".into(), &by_name_url, false),
        (".test.example".into(), &by_name_url, false),
        (
            format!("other.example, idp.test.example:{port}"),
            &by_name_url,
            false,
        ),
        ("*".into(), &by_name_url, false),
        ("127.0.0.1".into(), &by_ip, false),
        ("127.0.0.0/8".into(), &by_ip, false),
        // Not exempt: another domain, a name that only ends the same way,
        // another range, another port.
        ("other.example".into(), &by_name_url, true),
        ("st.example".into(), &by_name_url, true),
        ("10.0.0.0/8".into(), &by_ip, true),
        ("127.0.0.1:1".into(), &by_ip, true),
    ];
    for (no_proxy, url, proxied) in cases {
        for var in ["NO_PROXY", "no_proxy"] {
            let proxy = Proxy::http();
            let (r, code) = run(
                &[("http_proxy", &proxy.url("http")), (var, &no_proxy)],
                &[url, "--resolve", &resolve],
            );
            assert_fetched_both(&r, code);
            assert_eq!(
                !proxy.log.requests().is_empty(),
                proxied,
                "{var}={no_proxy:?} for {url}: {:?}",
                proxy.log.lines()
            );
        }
    }
}

#[test]
fn proxy_flag_replaces_the_variables_and_noproxy_replaces_no_proxy() {
    let server = provider();
    let (url, resolve) = by_name(&server);
    let from_env = Proxy::http();
    let from_flag = Proxy::http();
    let env = [
        ("http_proxy", from_env.url("http")),
        ("NO_PROXY", "other.example".to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let flag = from_flag.url("http");
    let (r, code) = run(&env, &[&url, "--proxy", &flag]);
    assert_fetched_both(&r, code);
    assert_eq!(from_flag.log.requests().len(), 2);
    assert!(from_env.log.lines().is_empty());

    // NO_PROXY applies to --proxy too (as in curl); --noproxy replaces it.
    let exempt = [("NO_PROXY", "test.example")];
    let (r, code) = run(&exempt, &[&url, "--proxy", &flag, "--resolve", &resolve]);
    assert_fetched_both(&r, code);
    assert_eq!(
        from_flag.log.requests().len(),
        2,
        "NO_PROXY was not applied"
    );
    let (r, code) = run(&exempt, &[&url, "--proxy", &flag, "--noproxy", ""]);
    assert_fetched_both(&r, code);
    assert_eq!(
        from_flag.log.requests().len(),
        4,
        "--noproxy did not replace NO_PROXY"
    );

    // --proxy '' turns the variables off.
    let (r, code) = run(&env, &[&url, "--proxy", "", "--resolve", &resolve]);
    assert_fetched_both(&r, code);
    assert!(from_env.log.lines().is_empty());
}

#[test]
fn an_unusable_proxy_variable_is_a_usage_error_naming_it() {
    let out = common::cli()
        .env("https_proxy", "ftp://127.0.0.1:1")
        .arg("https://idp.test.example/")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("https_proxy"), "{stderr}");
}

#[test]
fn a_proxy_that_refuses_is_a_proxy_error() {
    // A SOCKS5 proxy that cannot reach the target (nothing listens there).
    let socks = Proxy::socks5();
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let url = format!("http://{IDP_HOST}:{closed}{WELL_KNOWN}");
    let (r, code) = run(&[("ALL_PROXY", &socks.url("socks5h"))], &[&url]);
    assert_eq!((code, error_kind(&r)), (3, "proxy"), "{r:#}");
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("SOCKS5 proxy"), "{message}");
}

// ---------------------------------------------------------------- trust

fn tls_provider(ca: &TestCa) -> (Server, String, String) {
    let server = common::google_idp(ca, &[IDP_HOST], 200);
    let url = server.url(WELL_KNOWN);
    let resolve = server.resolve_arg(IDP_HOST);
    (server, url, resolve)
}

#[test]
fn ssl_cert_file_is_the_native_store() {
    let ca = TestCa::new("oidc-inspect SSL_CERT_FILE test CA");
    let (_server, url, resolve) = tls_provider(&ca);
    let pem = ca.pem_path().to_string_lossy().into_owned();
    let args = [url.as_str(), "--resolve", &resolve, "--no-jwks"];

    let (r, code) = run(&[("SSL_CERT_FILE", &pem)], &args);
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["tls_verified"], true);
    assert_eq!(
        r["http"]["trust"],
        serde_json::json!({"roots": "native", "native_store": "SSL_CERT_FILE", "certificates": 1})
    );

    // --no-ca-native leaves the store out: the bundled roots do not know the CA.
    let mut pinned = args.to_vec();
    pinned.push("--no-ca-native");
    let (r, code) = run(&[("SSL_CERT_FILE", &pem)], &pinned);
    assert_eq!((code, error_kind(&r)), (3, "tls"), "{r:#}");
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("unknown certificate authority"),
        "{message}"
    );
    assert!(message.contains("trusted: bundled"), "{message}");

    // ...and the last of --ca-native / --no-ca-native wins.
    let mut again = pinned.clone();
    again.push("--ca-native");
    let (r, code) = run(&[("SSL_CERT_FILE", &pem)], &again);
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
}

#[test]
fn no_ca_native_with_cacert_trusts_only_that_file() {
    let ca = TestCa::new("oidc-inspect pinned CA");
    let other = TestCa::new("oidc-inspect other CA");
    let (_server, url, resolve) = tls_provider(&ca);
    let pem = ca.pem_path().to_string_lossy().into_owned();
    let other_pem = other.pem_path().to_string_lossy().into_owned();

    let (r, code) = run(
        &[("SSL_CERT_FILE", &other_pem)],
        &[
            &url,
            "--resolve",
            &resolve,
            "--no-jwks",
            "--no-ca-native",
            "--cacert",
            &pem,
        ],
    );
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(
        r["http"]["trust"],
        serde_json::json!({"roots": "cacert", "native_store": null, "certificates": 1})
    );

    // With the native store, --cacert adds to it.
    let (r, code) = run(
        &[("SSL_CERT_FILE", &other_pem)],
        &[&url, "--resolve", &resolve, "--no-jwks", "--cacert", &pem],
    );
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(
        r["http"]["trust"],
        serde_json::json!({"roots": "native+cacert", "native_store": "SSL_CERT_FILE", "certificates": 2})
    );

    // Pinned to the other CA only: refused.
    let (r, code) = run(
        &[],
        &[
            &url,
            "--resolve",
            &resolve,
            "--no-jwks",
            "--no-ca-native",
            "--cacert",
            &other_pem,
        ],
    );
    assert_eq!((code, error_kind(&r)), (3, "tls"), "{r:#}");
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("trusted: cacert, 1 root;"), "{message}");
}

#[test]
fn ssl_cert_dir_is_the_native_store() {
    let ca = TestCa::new("oidc-inspect SSL_CERT_DIR test CA");
    let (_server, url, resolve) = tls_provider(&ca);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("test-ca.pem"), &ca.pem).expect("write CA");
    let dir_arg = dir.path().to_string_lossy().into_owned();
    let (r, code) = run(
        &[("SSL_CERT_DIR", &dir_arg)],
        &[&url, "--resolve", &resolve, "--no-jwks"],
    );
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["trust"]["native_store"], "SSL_CERT_DIR");
    assert_eq!(r["http"]["trust"]["roots"], "native");
}

#[test]
fn plain_http_records_no_trust_and_insecure_records_none() {
    let server = provider();
    let (r, _) = run(&[], &[&server.url(WELL_KNOWN), "--no-jwks"]);
    assert_eq!(r["http"]["trust"], Value::Null);

    let ca = TestCa::new("oidc-inspect unknown CA");
    let (_server, url, resolve) = tls_provider(&ca);
    let (r, code) = run(
        &[],
        &[&url, "--resolve", &resolve, "--no-jwks", "--insecure"],
    );
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["trust"]["roots"], "none");
    assert_eq!(r["http"]["tls_verified"], false);
}

// ---------------------------------------------------------------- connect timeout

#[test]
fn connect_timeout_gives_up_on_a_silent_handshake() {
    let Some(listener) = FullListener::new() else {
        eprintln!("skipped: the accept queue of a loopback listener cannot be filled here");
        return;
    };
    let url = format!("http://{}{WELL_KNOWN}", listener.addr);
    let started = Instant::now();
    let (r, code) = run(&[], &[&url, "--connect-timeout", "1", "--timeout", "30"]);
    let took = started.elapsed();
    assert_eq!((code, error_kind(&r)), (3, "connect-timeout"), "{r:#}");
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("--connect-timeout"), "{message}");
    // An upper bound only, far below --timeout: it did not wait for the total.
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

// ---------------------------------------------------------------- IPv6

#[test]
fn ipv6_literal_targets_over_http_and_https() {
    if !has_ipv6_loopback() {
        eprintln!("skipped: no IPv6 loopback ([::1]) on this machine");
        return;
    }
    let plain = Server::on_ipv6(None, |req: &Request, out| {
        let origin = format!("http://{}", req.header("host").unwrap_or("[::1]"));
        let doc = common::fixture_rehosted("google.json", "https://accounts.google.com", &origin);
        out.write_all(&common::json(&doc))
    })
    .expect("[::1] listener");
    let url = format!("http://[::1]:{}{WELL_KNOWN}", plain.port());
    let (r, code) = run(&[], &[&url, "--no-jwks"]);
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["final_url"], url.as_str());
    assert_eq!(
        r["document"]["issuer"],
        format!("http://[::1]:{}", plain.port())
    );

    let ca = TestCa::new("oidc-inspect IPv6 CA");
    let leaf = ca.leaf(&["::1"]);
    let tls = Server::on_ipv6(Some(leaf.server_config()), |req: &Request, out| {
        let origin = format!("https://{}", req.header("host").unwrap_or("[::1]"));
        let doc = common::fixture_rehosted("google.json", "https://accounts.google.com", &origin);
        out.write_all(&common::json(&doc))
    })
    .expect("[::1] listener");
    let url = format!("https://[::1]:{}{WELL_KNOWN}", tls.port());
    let pem = ca.pem_path().to_string_lossy().into_owned();
    let (r, code) = run(&[], &[&url, "--cacert", &pem, "--no-jwks"]);
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["tls_verified"], true);
    assert!(
        !r["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["rule"] == "issuer-mismatch"),
        "{r:#}"
    );
}

#[test]
fn resolve_to_an_ipv6_address() {
    if !has_ipv6_loopback() {
        eprintln!("skipped: no IPv6 loopback ([::1]) on this machine");
        return;
    }
    let ca = TestCa::new("oidc-inspect IPv6 resolve CA");
    let leaf = ca.leaf(&[IDP_HOST]);
    let server = Server::on_ipv6(Some(leaf.server_config()), |req: &Request, out| {
        let origin = format!("https://{}", req.header("host").unwrap_or(IDP_HOST));
        let doc = common::fixture_rehosted("google.json", "https://accounts.google.com", &origin);
        out.write_all(&common::json(&doc))
    })
    .expect("[::1] listener");
    let url = format!("https://{IDP_HOST}:{}{WELL_KNOWN}", server.port());
    let resolve = format!("{IDP_HOST}:{}:[::1]", server.port());
    let pem = ca.pem_path().to_string_lossy().into_owned();
    let (r, code) = run(
        &[],
        &[&url, "--resolve", &resolve, "--cacert", &pem, "--no-jwks"],
    );
    assert_eq!((code, error_kind(&r)), (0, ""), "{r:#}");
    assert_eq!(r["http"]["tls_verified"], true);
    assert_eq!(server.requests().len(), 1);
}
