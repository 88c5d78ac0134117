//! The fetch policy, exercised through the library against loopback servers.

use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use oidc_inspect::http::{Client, FetchError, FetchErrorKind, Fetched, HttpOptions, ResolveEntry};

use crate::common::{self, IDP_HOST, Server, TestCa};

fn opts() -> HttpOptions {
    HttpOptions {
        timeout: Duration::from_secs(5),
        connect_timeout: None,
        max_size: 1024 * 1024,
        cacert: None,
        ca_native: false,
        insecure: false,
        resolve: Vec::new(),
        headers: Vec::new(),
        user_agent: "oidc-inspect-test".into(),
        proxy: None,
        no_proxy: None,
        max_redirects: 5,
    }
}

fn resolve_to(server: &Server) -> Vec<ResolveEntry> {
    vec![ResolveEntry {
        host: IDP_HOST.into(),
        port: server.port(),
        addr: "127.0.0.1".parse().expect("loopback"),
    }]
}

fn get(o: &HttpOptions, url: &str) -> Result<Fetched, FetchError> {
    Client::new(o).expect("client").get(url)
}

fn get_err(o: &HttpOptions, url: &str) -> FetchError {
    match get(o, url) {
        Ok(f) => panic!("expected an error, got status {}", f.exchange.status),
        Err(e) => {
            eprintln!("{:?}: {}", e.kind, e.message);
            e
        }
    }
}

const DOC: &str = r#"{"issuer":"https://idp.test.example"}"#;

#[test]
fn json_200_is_recorded() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Access-Control-Allow-Origin", "*"),
            ],
            DOC.as_bytes(),
        ))
    });
    let url = server.url("/.well-known/openid-configuration");
    let f = get(&opts(), &url).expect("fetch");
    assert_eq!(f.body, DOC.as_bytes());
    let x = &f.exchange;
    assert_eq!(x.url, url);
    assert_eq!(x.final_url, url);
    assert_eq!(x.status, 200);
    assert_eq!(
        x.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(x.access_control_allow_origin.as_deref(), Some("*"));
    assert_eq!(x.content_encoding, None);
    assert_eq!(x.tls_verified, None);
    assert_eq!(x.body_bytes, DOC.len() as u64);
    assert!(x.redirects.is_empty());

    let req = &server.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/.well-known/openid-configuration");
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("accept-encoding"), Some("gzip"));
    assert_eq!(req.header("user-agent"), Some("oidc-inspect-test"));
}

#[test]
fn error_status_is_a_response() {
    let server = Server::http(common::always(common::response(404, &[], b"nope")));
    let f = get(&opts(), &server.url("/x")).expect("fetch");
    assert_eq!(f.exchange.status, 404);
    assert_eq!(f.body, b"nope");
}

#[test]
fn gzip_body_is_decoded_and_encoding_recorded() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            &common::gzip(DOC.as_bytes()),
        ))
    });
    let f = get(&opts(), &server.url("/")).expect("fetch");
    assert_eq!(f.body, DOC.as_bytes());
    assert_eq!(f.exchange.content_encoding.as_deref(), Some("gzip"));
    assert_eq!(f.exchange.body_bytes, DOC.len() as u64);
}

#[test]
fn gzip_bomb_stops_at_the_cap() {
    let bomb = common::gzip_zeros(64 * 1024 * 1024);
    assert!(bomb.len() < 200 * 1024);
    let server = Server::http(move |_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            &bomb,
        ))
    });
    let mut o = opts();
    o.max_size = 100_000;
    let started = Instant::now();
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::TooLarge);
    assert_eq!(e.message, "body exceeds --max-size of 100000 bytes");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn body_over_the_cap_is_refused_and_at_the_cap_accepted() {
    let server = Server::http(common::always(common::json(&" ".repeat(1000))));
    let mut o = opts();
    o.max_size = 999;
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::TooLarge);
    assert!(
        e.message
            .starts_with("body exceeds --max-size of 999 bytes"),
        "{}",
        e.message
    );
    o.max_size = 1000;
    assert_eq!(get(&o, &server.url("/")).expect("fetch").body.len(), 1000);
}

#[test]
fn chunked_body_over_the_cap_is_refused() {
    let server = Server::http(common::endless_chunked(Duration::from_secs(10)));
    let mut o = opts();
    o.max_size = 50_000;
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::TooLarge);
}

#[test]
fn endless_chunked_body_is_cut_by_the_total_timeout() {
    let server = Server::http(common::endless_chunked(Duration::from_secs(20)));
    let mut o = opts();
    o.max_size = u64::MAX;
    o.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let e = get_err(&o, &server.url("/"));
    // Either limit may end it first on a fast machine; it must end.
    assert!(
        matches!(e.kind, FetchErrorKind::Timeout | FetchErrorKind::TooLarge),
        "{e:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn unknown_content_encoding_is_refused() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "zstd"),
            ],
            b"\x28\xb5\x2f\xfd",
        ))
    });
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::UnsupportedEncoding);
    assert!(e.message.contains("\"zstd\""), "{}", e.message);
}

#[test]
fn identity_encoding_is_accepted() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[("Content-Encoding", "identity")],
            DOC.as_bytes(),
        ))
    });
    let f = get(&opts(), &server.url("/")).expect("fetch");
    assert_eq!(f.body, DOC.as_bytes());
    assert_eq!(f.exchange.content_encoding.as_deref(), Some("identity"));
}

#[test]
fn silent_server_times_out() {
    let server = Server::http(common::silent(30));
    let mut o = opts();
    o.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Timeout);
    assert!(e.message.contains("within 1 s"), "{}", e.message);
    assert!(e.message.contains("127.0.0.1"), "{}", e.message);
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn drip_feed_cannot_extend_the_total_timeout() {
    let server = Server::http(common::drip(Duration::from_millis(200), 100));
    let mut o = opts();
    o.timeout = Duration::from_millis(1500);
    let started = Instant::now();
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Timeout, "{e:?}");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(1400), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn connection_closed_mid_body() {
    let server = Server::http(|_, out| {
        out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"issuer\":")
    });
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Protocol, "{e:?}");
    assert!(e.message.contains("closed the connection"), "{}", e.message);
}

#[test]
fn bad_chunked_encoding() {
    let server = Server::http(|_, out| {
        out.write_all(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        )
    });
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Protocol, "{e:?}");
}

#[test]
fn garbage_instead_of_http() {
    let server = Server::http(common::always(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()));
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Protocol, "{e:?}");
}

#[test]
fn connection_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let e = get_err(&opts(), &format!("http://127.0.0.1:{port}/"));
    assert_eq!(e.kind, FetchErrorKind::Connect, "{e:?}");
    assert_eq!(
        e.message,
        format!("cannot connect to 127.0.0.1:{port}: connection refused")
    );
}

#[test]
fn dns_failure() {
    let e = get_err(&opts(), "http://no-such-host.invalid/");
    assert!(
        matches!(e.kind, FetchErrorKind::Dns | FetchErrorKind::Timeout),
        "{e:?}"
    );
    assert!(e.message.contains("no-such-host.invalid"), "{}", e.message);
}

#[test]
fn unsupported_scheme() {
    let e = get_err(&opts(), "ftp://example.com/x");
    assert_eq!(e.kind, FetchErrorKind::BadUrl);
}

// ---------------------------------------------------------------- redirects

#[test]
fn relative_and_absolute_redirects_are_followed_and_recorded() {
    let server = Server::http(|req, out| match req.path.as_str() {
        "/a" => out.write_all(&common::redirect(301, "/b")),
        "/b" => out.write_all(&common::redirect(302, "c")),
        "/c" => {
            let port = req.header("host").unwrap_or("").to_string();
            out.write_all(&common::redirect(307, &format!("http://{port}/d")))
        }
        "/d" => out.write_all(&common::json(DOC)),
        _ => out.write_all(&common::response(404, &[], b"")),
    });
    let f = get(&opts(), &server.url("/a")).expect("fetch");
    let x = &f.exchange;
    assert_eq!(x.status, 200);
    assert_eq!(x.url, server.url("/a"));
    assert_eq!(x.final_url, server.url("/d"));
    let hops: Vec<(String, u16, String)> = x
        .redirects
        .iter()
        .map(|h| (h.url.clone(), h.status, h.location.clone()))
        .collect();
    assert_eq!(
        hops,
        vec![
            (server.url("/a"), 301, "/b".to_string()),
            (server.url("/b"), 302, "c".to_string()),
            (server.url("/c"), 307, server.url("/d")),
        ]
    );
}

#[test]
fn redirect_loop_ends() {
    let server = Server::http(common::always(common::redirect(302, "/loop")));
    let e = get_err(&opts(), &server.url("/loop"));
    assert_eq!(e.kind, FetchErrorKind::TooManyRedirects);
    assert_eq!(e.redirects.len(), 6);
    assert!(e.message.contains("more than 5 redirects"), "{}", e.message);
}

#[test]
fn redirect_without_location_is_final() {
    let server = Server::http(common::always(common::response(302, &[], b"moved")));
    let f = get(&opts(), &server.url("/")).expect("fetch");
    assert_eq!(f.exchange.status, 302);
    assert!(f.exchange.redirects.is_empty());
}

#[test]
fn bad_location_is_refused() {
    let server = Server::http(common::always(common::redirect(301, "http://[::1")));
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::BadRedirect, "{e:?}");
    assert_eq!(e.redirects.len(), 1);
}

#[test]
fn credentials_are_dropped_on_a_cross_origin_hop() {
    let other = Server::http(common::always(common::json(DOC)));
    let target = other.url("/doc");
    let first = Server::http(move |req, out| match req.path.as_str() {
        "/same" => out.write_all(&common::redirect(302, "/next")),
        "/next" => out.write_all(&common::redirect(302, &target)),
        _ => out.write_all(&common::response(404, &[], b"")),
    });
    let mut o = opts();
    o.headers = vec![
        ("Authorization".into(), "Bearer secret".into()),
        ("Cookie".into(), "s=1".into()),
        ("X-Trace".into(), "abc".into()),
    ];
    let f = get(&o, &first.url("/same")).expect("fetch");
    assert_eq!(f.exchange.final_url, other.url("/doc"));
    assert_eq!(f.exchange.redirects.len(), 2);

    let same = first.requests();
    assert_eq!(same.len(), 2);
    for r in &same {
        assert_eq!(r.header("authorization"), Some("Bearer secret"));
        assert_eq!(r.header("cookie"), Some("s=1"));
    }
    let far = &other.requests()[0];
    assert_eq!(far.header("authorization"), None);
    assert_eq!(far.header("cookie"), None);
    assert_eq!(far.header("x-trace"), Some("abc"));
}

// ---------------------------------------------------------------- TLS

fn tls_server(ca: &TestCa, hosts: &[&str]) -> Server {
    Server::https(
        ca.leaf(hosts).server_config(),
        common::always(common::json(DOC)),
    )
}

fn tls_opts(server: &Server, cacert: Option<PathBuf>) -> HttpOptions {
    let mut o = opts();
    o.resolve = resolve_to(server);
    o.cacert = cacert;
    o
}

#[test]
fn https_with_test_ca_and_resolve() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = tls_server(&ca, &[IDP_HOST]);
    let o = tls_opts(&server, Some(ca.pem_path().to_path_buf()));
    let f = get(&o, &server.url("/.well-known/openid-configuration")).expect("fetch");
    assert_eq!(f.exchange.status, 200);
    assert_eq!(f.exchange.tls_verified, Some(true));
    assert_eq!(f.body, DOC.as_bytes());
    assert_eq!(
        server.requests()[0].header("host"),
        Some(format!("{IDP_HOST}:{}", server.port()).as_str())
    );
}

/// A response head of about `size` bytes: one padding header after the usual ones.
fn head_of(size: usize) -> Vec<u8> {
    let pad = "a".repeat(size.saturating_sub(150));
    common::response(
        200,
        &[("Content-Type", "application/json"), ("X-Pad", &pad)],
        DOC.as_bytes(),
    )
}

#[test]
fn response_heads_up_to_64_kib_are_read_and_larger_ones_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    for tls in [false, true] {
        for (size, fits) in [(60 * 1024, true), (66 * 1024, false), (200 * 1024, false)] {
            let reply = head_of(size);
            let server = if tls {
                Server::https(ca.leaf(&[IDP_HOST]).server_config(), common::always(reply))
            } else {
                Server::http(common::always(reply))
            };
            let o = tls_opts(&server, Some(ca.pem_path().to_path_buf()));
            let url = server.url("/.well-known/openid-configuration");
            if fits {
                let f = get(&o, &url).expect("fetch");
                assert_eq!(f.body, DOC.as_bytes(), "tls {tls}, {size} bytes");
            } else {
                let e = get_err(&o, &url);
                assert_eq!(e.kind, FetchErrorKind::Protocol, "tls {tls}, {size}: {e:?}");
                assert!(
                    e.message
                        .ends_with("sent response headers larger than 65536 bytes"),
                    "tls {tls}, {size}: {}",
                    e.message
                );
            }
        }
    }
}

#[test]
fn unknown_ca_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = tls_server(&ca, &[IDP_HOST]);
    let e = get_err(&tls_opts(&server, None), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Tls, "{e:?}");
    assert!(
        e.message.contains("unknown certificate authority"),
        "{}",
        e.message
    );
    assert!(e.message.contains(IDP_HOST), "{}", e.message);
}

#[test]
fn leaf_from_another_ca_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let other = TestCa::new("someone else");
    let server = tls_server(&other, &[IDP_HOST]);
    let e = get_err(
        &tls_opts(&server, Some(ca.pem_path().to_path_buf())),
        &server.url("/"),
    );
    assert_eq!(e.kind, FetchErrorKind::Tls, "{e:?}");
    assert!(
        e.message.contains("unknown certificate authority"),
        "{}",
        e.message
    );
}

#[test]
fn name_mismatch_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = tls_server(&ca, &["other.test.example"]);
    let e = get_err(
        &tls_opts(&server, Some(ca.pem_path().to_path_buf())),
        &server.url("/"),
    );
    assert_eq!(e.kind, FetchErrorKind::Tls, "{e:?}");
    assert!(
        e.message.contains("does not match the name"),
        "{}",
        e.message
    );
    assert!(e.message.contains("other.test.example"), "{}", e.message);
}

#[test]
fn expired_certificate_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = Server::https(
        ca.expired_leaf(&[IDP_HOST]).server_config(),
        common::always(common::json(DOC)),
    );
    let e = get_err(
        &tls_opts(&server, Some(ca.pem_path().to_path_buf())),
        &server.url("/"),
    );
    assert_eq!(e.kind, FetchErrorKind::Tls, "{e:?}");
    assert!(e.message.contains("has expired"), "{}", e.message);
    assert!(e.message.contains("2021-01-01"), "{}", e.message);
}

#[test]
fn insecure_skips_verification() {
    let other = TestCa::new("someone else");
    let server = tls_server(&other, &["other.test.example"]);
    let mut o = tls_opts(&server, None);
    o.insecure = true;
    let f = get(&o, &server.url("/")).expect("fetch");
    assert_eq!(f.exchange.tls_verified, Some(false));
    assert_eq!(f.body, DOC.as_bytes());
}

#[test]
fn plain_http_on_a_tls_url() {
    let server = Server::raw(common::response(400, &[], b"plain HTTP sent to HTTPS port"));
    let mut o = opts();
    o.resolve = resolve_to(&server);
    let e = get_err(&o, &format!("https://{IDP_HOST}:{}/", server.port()));
    assert_eq!(e.kind, FetchErrorKind::Tls, "{e:?}");
}

#[test]
fn https_to_http_redirect_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let plain = Server::http(common::always(common::json(DOC)));
    let target = plain.url("/doc");
    let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
        out.write_all(&common::redirect(301, &target))
    });
    let e = get_err(
        &tls_opts(&server, Some(ca.pem_path().to_path_buf())),
        &server.url("/"),
    );
    assert_eq!(e.kind, FetchErrorKind::InsecureRedirect);
    assert_eq!(e.redirects.len(), 1);
    assert!(plain.requests().is_empty());
}

// ---------------------------------------------------------------- configuration

#[test]
fn cacert_problems_are_config_errors() {
    let mut o = opts();
    o.cacert = Some(PathBuf::from("/nonexistent/ca.pem"));
    let e = Client::new(&o).expect_err("missing file");
    assert!(e.0.contains("/nonexistent/ca.pem"), "{}", e.0);

    let empty = tempfile::NamedTempFile::new().expect("temp");
    o.cacert = Some(empty.path().to_path_buf());
    let e = Client::new(&o).expect_err("empty file");
    assert!(e.0.contains("no PEM certificate"), "{}", e.0);
}

#[test]
fn bad_proxy_is_a_config_error() {
    let mut o = opts();
    o.proxy = Some("::not a url::".into());
    let e = Client::new(&o).expect_err("bad proxy");
    assert!(e.0.contains("--proxy"), "{}", e.0);
}

#[test]
fn unreachable_socks_proxy_is_a_proxy_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mut o = opts();
    o.proxy = Some(format!("socks5h://127.0.0.1:{port}"));
    let e = get_err(&o, "http://idp.test.example/");
    assert_eq!(e.kind, FetchErrorKind::Proxy, "{e:?}");
    assert!(
        e.message.contains("SOCKS5 proxy 127.0.0.1"),
        "{}",
        e.message
    );
}

#[test]
fn https_proxy_is_tried() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mut o = opts();
    o.proxy = Some(format!("https://127.0.0.1:{port}"));
    let e = get_err(&o, "https://idp.test.example/");
    assert_eq!(e.kind, FetchErrorKind::Proxy, "{e:?}");
}

#[test]
fn unreachable_proxy_is_a_proxy_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mut o = opts();
    o.proxy = Some(format!("http://127.0.0.1:{port}"));
    let e = get_err(&o, "http://idp.test.example/");
    assert_eq!(e.kind, FetchErrorKind::Proxy, "{e:?}");
}

#[test]
fn many_sequential_fetches_reuse_cleanly() {
    let server = Server::http(common::always(common::json(DOC)));
    let client = Client::new(&opts()).expect("client");
    for _ in 0..5 {
        assert_eq!(
            client.get(&server.url("/")).expect("fetch").exchange.status,
            200
        );
    }
    thread::sleep(Duration::from_millis(10));
}

// ---------------------------------------------------------------- through the binary

/// Run the binary with `--format json --fail-on never` and the given arguments.
/// Returns the report, the exit status and how long it took.
fn inspect(args: &[&str]) -> (serde_json::Value, i32, Duration) {
    let started = Instant::now();
    let out = common::cli()
        .args(["--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .expect("run oidc-inspect");
    let took = started.elapsed();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    // Every report, whatever failed, is the documented contract.
    if let Err(e) = serde_json::from_value::<crate::contract::JsonReport>(report.clone()) {
        panic!("stdout does not follow the JSON contract: {e}\n{report:#}");
    }
    (report, out.status.code().unwrap_or(-1), took)
}

/// The `error.kind` of a report, or "" when there is none.
fn error_kind(report: &serde_json::Value) -> &str {
    report["error"]["kind"].as_str().unwrap_or("")
}

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// A real provider's document, moved to `issuer`.
fn google_at(issuer: &str) -> String {
    common::fixture_rehosted("google.json", "https://accounts.google.com", issuer)
}

/// An HTTPS server for `idp.test.example` (leaf from `ca`) serving Google's
/// document re-issued for its own origin.
fn idp(ca: &TestCa, leaf_hosts: &[&str]) -> Server {
    common::google_idp(ca, leaf_hosts, 200)
}

#[test]
fn cli_https_with_cacert_and_resolve() {
    let ca = TestCa::new("oidc-inspect test CA");
    let server = idp(&ca, &[IDP_HOST]);
    let url = server.url(WELL_KNOWN);
    let (r, code, _) = inspect(&[
        &url,
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["error"], serde_json::Value::Null);
    assert_eq!(r["http"]["status"], 200);
    assert_eq!(r["target"]["discovery_url"], url.as_str());
    assert_eq!(r["http"]["final_url"], url.as_str());
    assert_eq!(r["http"]["tls_verified"], true);
    assert_eq!(r["http"]["content_type"], "application/json");
    assert_eq!(
        r["document"]["issuer"],
        format!("https://{IDP_HOST}:{}", server.port()).as_str()
    );
    let findings = r["findings"].as_array().expect("findings");
    assert!(
        !findings.iter().any(|f| f["rule"] == "issuer-mismatch"),
        "{findings:#?}"
    );
}

#[test]
fn cli_wrong_ca_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let other = TestCa::new("someone else");
    let server = idp(&other, &[IDP_HOST]);
    let (r, code, _) = inspect(&[
        &server.url(WELL_KNOWN),
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "tls");
    let message = r["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("unknown certificate authority"),
        "{message}"
    );
    assert_eq!(r["document"], serde_json::Value::Null);
    let findings = r["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "doc-tls-cert-invalid" && f["pointer"] == "/tls_verified"),
        "{r:#}"
    );
}

#[test]
fn cli_name_mismatch_and_expired_are_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let cacert = ca.pem_path().to_str().expect("utf-8 path").to_string();
    let wrong_name = idp(&ca, &["other.test.example"]);
    let (r, code, _) = inspect(&[
        &wrong_name.url(WELL_KNOWN),
        "--cacert",
        &cacert,
        "--resolve",
        &wrong_name.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 3);
    assert_eq!(error_kind(&r), "tls");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("only valid for \"other.test.example\""),
        "{r:#}"
    );

    let expired = Server::https(
        ca.expired_leaf(&[IDP_HOST]).server_config(),
        common::always(common::json(DOC)),
    );
    let (r, code, _) = inspect(&[
        &expired.url(WELL_KNOWN),
        "--cacert",
        &cacert,
        "--resolve",
        &expired.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 3);
    assert_eq!(error_kind(&r), "tls");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("has expired"),
        "{r:#}"
    );
}

#[test]
fn cli_insecure_is_accepted_and_reported() {
    let other = TestCa::new("someone else");
    let server = idp(&other, &[IDP_HOST]);
    let (r, code, _) = inspect(&[
        &server.url(WELL_KNOWN),
        "--insecure",
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["http"]["tls_verified"], false);
    assert_eq!(r["http"]["status"], 200);
    assert!(r["document"].is_object());
    let findings = r["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "doc-tls-unverified" && f["severity"] == "warning"),
        "{r:#}"
    );
}

#[test]
fn cli_silent_server_ends_within_the_timeout() {
    let server = Server::http(common::silent(30));
    let (r, code, took) = inspect(&[&server.url(WELL_KNOWN), "--timeout", "1"]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "timeout");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn cli_drip_feed_is_cut_by_the_total_timeout() {
    let server = Server::http(common::drip(Duration::from_millis(250), 200));
    let (r, code, took) = inspect(&[&server.url(WELL_KNOWN), "--timeout", "1.5"]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "timeout");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn cli_endless_chunked_body_ends() {
    let server = Server::http(common::endless_chunked(Duration::from_secs(20)));
    let (r, code, took) = inspect(&[
        &server.url(WELL_KNOWN),
        "--timeout",
        "1",
        "--max-size",
        "1000000000",
    ]);
    assert_eq!(code, 3, "{r:#}");
    assert!(matches!(error_kind(&r), "timeout" | "too-large"), "{r:#}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn cli_redirect_chain_is_recorded() {
    const V2: &str = "/v2/.well-known/openid-configuration";
    const V3: &str = "/v3/.well-known/openid-configuration";
    let server = Server::http(|req, out| match req.path.as_str() {
        WELL_KNOWN => out.write_all(&common::redirect(
            301,
            "../v2/.well-known/openid-configuration",
        )),
        V2 => {
            let host = req.header("host").unwrap_or_default().to_string();
            out.write_all(&common::redirect(308, &format!("http://{host}{V3}")))
        }
        V3 => out.write_all(&common::json(DOC)),
        _ => out.write_all(&common::response(404, &[], b"")),
    });
    let (r, code, _) = inspect(&[&server.url(WELL_KNOWN)]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(
        r["target"]["discovery_url"],
        server.url(WELL_KNOWN).as_str()
    );
    assert_eq!(r["http"]["final_url"], server.url(V3).as_str());
    assert_eq!(r["http"]["status"], 200);
    assert_eq!(
        r["http"]["redirects"],
        serde_json::json!([
            {"url": server.url(WELL_KNOWN), "status": 301, "location": "../v2/.well-known/openid-configuration"},
            {"url": server.url(V2), "status": 308, "location": server.url(V3)},
        ])
    );
}

#[test]
fn cli_cross_origin_redirect_is_recorded_without_credentials() {
    let other = Server::http(common::always(common::json(DOC)));
    let target = other.url(WELL_KNOWN);
    let first = Server::http(common::always(common::redirect(302, &target)));
    let (r, code, _) = inspect(&[
        &first.url(WELL_KNOWN),
        "-H",
        "Authorization: Bearer t0ken",
        "-H",
        "X-Request-Id: 42",
    ]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["http"]["final_url"], target.as_str());
    assert_eq!(
        r["http"]["redirects"],
        serde_json::json!([{"url": first.url(WELL_KNOWN), "status": 302, "location": target}])
    );
    assert_eq!(
        first.requests()[0].header("authorization"),
        Some("Bearer t0ken")
    );
    let far = &other.requests()[0];
    assert_eq!(far.header("authorization"), None);
    assert_eq!(far.header("x-request-id"), Some("42"));
}

#[test]
fn cli_https_to_http_redirect_is_refused() {
    let ca = TestCa::new("oidc-inspect test CA");
    let plain = Server::http(common::always(common::json(DOC)));
    let target = plain.url(WELL_KNOWN);
    let server = Server::https(ca.leaf(&[IDP_HOST]).server_config(), move |_, out| {
        out.write_all(&common::redirect(302, &target))
    });
    let (r, code, _) = inspect(&[
        &server.url(WELL_KNOWN),
        "--cacert",
        ca.pem_path().to_str().expect("utf-8 path"),
        "--resolve",
        &server.resolve_arg(IDP_HOST),
    ]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "insecure-redirect");
    assert_eq!(
        r["error"]["redirects"][0]["location"],
        plain.url(WELL_KNOWN),
        "{r:#}"
    );
    assert!(plain.requests().is_empty());
}

#[test]
fn cli_oversize_body_is_refused() {
    let server = Server::http(common::always(common::json(&google_at("http://x"))));
    let (r, code, _) = inspect(&[&server.url(WELL_KNOWN), "--max-size", "100"]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "too-large");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("--max-size of 100 bytes"),
        "{r:#}"
    );
}

#[test]
fn cli_gzip_bomb_is_refused() {
    let bomb = common::gzip_zeros(256 * 1024 * 1024);
    let server = Server::http(move |_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            &bomb,
        ))
    });
    let (r, code, took) = inspect(&[&server.url(WELL_KNOWN)]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "too-large");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn cli_gzip_document_is_read() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            &common::gzip(DOC.as_bytes()),
        ))
    });
    let (r, code, _) = inspect(&[&server.url(WELL_KNOWN)]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["http"]["content_encoding"], "gzip");
    assert_eq!(r["http"]["body_bytes"], DOC.len());
    assert_eq!(r["document"]["issuer"], "https://idp.test.example");
}

#[test]
fn cli_unknown_content_encoding_is_refused() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "br"),
            ],
            b"\x0b\x02\x80{}\x03",
        ))
    });
    let (r, code, _) = inspect(&[&server.url(WELL_KNOWN)]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "unsupported-encoding");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("\"br\""),
        "{r:#}"
    );
}

#[test]
fn cli_connection_closed_mid_body() {
    let server = Server::http(|_, out| {
        out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"issuer\": \"https://idp",
        )
    });
    let (r, code, _) = inspect(&[&server.url(WELL_KNOWN)]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "protocol");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("closed the connection"),
        "{r:#}"
    );
}

#[test]
fn cli_connection_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let url = format!("http://127.0.0.1:{port}{WELL_KNOWN}");
    let (r, code, _) = inspect(&[&url]);
    assert_eq!(code, 3, "{r:#}");
    assert_eq!(error_kind(&r), "connect");
    assert_eq!(r["error"]["url"], url.as_str());
}

#[test]
fn cli_unreadable_cacert_is_a_usage_error() {
    common::cli()
        .args(["--cacert", "/nonexistent/ca.pem", "http://127.0.0.1:9/"])
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- more broken servers (library)

#[test]
fn corrupt_gzip_body() {
    let server = Server::http(|_, out| {
        out.write_all(&common::response(
            200,
            &[("Content-Encoding", "gzip")],
            b"this is not gzip at all",
        ))
    });
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Protocol, "{e:?}");
    assert!(e.message.contains("gzip"), "{}", e.message);
}

#[test]
fn enormous_response_head() {
    let server = Server::http(|_, out| {
        out.write_all(b"HTTP/1.1 200 OK\r\n")?;
        for i in 0..20_000 {
            out.write_all(format!("X-Filler-{i}: {}\r\n", "y".repeat(40)).as_bytes())?;
        }
        out.write_all(b"Content-Length: 2\r\n\r\n{}")
    });
    let e = get_err(&opts(), &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Protocol, "{e:?}");
}

#[test]
fn proxy_refusing_connect() {
    let proxy = Server::http(common::always(
        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".to_vec(),
    ));
    let mut o = opts();
    o.proxy = Some(format!("http://127.0.0.1:{}", proxy.port()));
    let e = get_err(
        &o,
        "https://idp.test.example/.well-known/openid-configuration",
    );
    assert_eq!(e.kind, FetchErrorKind::Proxy, "{e:?}");
    let req = &proxy.requests()[0];
    assert_eq!(req.method, "CONNECT");
}

#[test]
fn plain_http_goes_through_the_proxy_too_in_absolute_form() {
    let proxy = Server::http(common::always(
        b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n".to_vec(),
    ));
    let mut o = opts();
    o.proxy = Some(format!("http://127.0.0.1:{}", proxy.port()));
    let e = get_err(
        &o,
        "http://idp.test.example/.well-known/openid-configuration",
    );
    assert_eq!(e.kind, FetchErrorKind::Proxy, "{e:?}");
    assert!(e.message.contains("HTTP 407"), "{}", e.message);
    // As curl sends it: the request itself, to the proxy, no CONNECT.
    let req = &proxy.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "http://idp.test.example/.well-known/openid-configuration"
    );
    assert_eq!(req.header("host"), Some("idp.test.example"));
}

#[test]
fn zero_redirects_allowed() {
    let server = Server::http(common::always(common::redirect(302, "/elsewhere")));
    let mut o = opts();
    o.max_redirects = 0;
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::TooManyRedirects);
    assert_eq!(e.redirects.len(), 1);
}

#[test]
fn empty_body_and_no_content_length() {
    let server = Server::http(common::always(
        b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{}".to_vec(),
    ));
    let f = get(&opts(), &server.url("/")).expect("fetch");
    assert_eq!(f.body, b"{}");
}

#[test]
fn silent_tls_handshake_times_out() {
    let quiet = Server::http(common::silent(30));
    let mut o = opts();
    o.resolve = resolve_to(&quiet);
    o.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let e = get_err(&o, &format!("https://{IDP_HOST}:{}/", quiet.port()));
    assert_eq!(e.kind, FetchErrorKind::Timeout, "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn endless_response_head_is_cut() {
    let server = Server::http(|_, out| {
        out.write_all(b"HTTP/1.1 200 OK\r\n")?;
        for i in 0..100_000 {
            out.write_all(format!("X-{i}: y\r\n").as_bytes())?;
            out.flush()?;
            thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    });
    let mut o = opts();
    o.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let e = get_err(&o, &server.url("/"));
    assert_eq!(e.kind, FetchErrorKind::Timeout, "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}
