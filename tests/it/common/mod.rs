//! Loopback servers, a throw-away certificate authority and a sealed command for the
//! integration tests. Nothing here reaches beyond 127.0.0.1.
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    date_time_ymd,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

pub mod net;

/// The host name the TLS tests present.
pub const IDP_HOST: &str = "idp.test.example";

/// One request as the server saw it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a handler writes to. Writes after the client went away fail; handlers
/// that loop must stop on the first error.
pub type Out<'a> = &'a mut dyn Write;

type Handler = dyn Fn(&Request, Out) -> io::Result<()> + Send + Sync;

/// A loopback server: each connection gets its own thread, one request is read,
/// the handler writes raw bytes, then the connection is closed.
pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    tls: bool,
}

impl Server {
    /// Plain HTTP.
    pub fn http(
        handler: impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static,
    ) -> Server {
        Server::start(None, Arc::new(handler))
    }

    /// HTTPS with the given server configuration (see [`Leaf::server_config`]).
    pub fn https(
        tls: Arc<ServerConfig>,
        handler: impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static,
    ) -> Server {
        Server::start(Some(tls), Arc::new(handler))
    }

    /// HTTP or HTTPS on `[::1]`; `None` where the machine has no IPv6 loopback.
    pub fn on_ipv6(
        tls: Option<Arc<ServerConfig>>,
        handler: impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static,
    ) -> Option<Server> {
        let listener = TcpListener::bind("[::1]:0").ok()?;
        Some(Server::serve_on(listener, tls, Arc::new(handler)))
    }

    fn start(tls: Option<Arc<ServerConfig>>, handler: Arc<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        Server::serve_on(listener, tls, handler)
    }

    fn serve_on(
        listener: TcpListener,
        tls: Option<Arc<ServerConfig>>,
        handler: Arc<Handler>,
    ) -> Server {
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let is_tls = tls.is_some();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                let seen = Arc::clone(&seen);
                let tls = tls.clone();
                thread::spawn(move || {
                    let _ = serve(stream, tls, handler.as_ref(), &seen);
                });
            }
        });
        Server {
            addr,
            requests,
            tls: is_tls,
        }
    }

    /// Not HTTP at all: waits for the first bytes from the client, answers `reply`
    /// whatever they were, and closes.
    pub fn raw(reply: Vec<u8>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut s) = stream else { continue };
                let reply = reply.clone();
                thread::spawn(move || {
                    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                    let mut first = [0u8; 4096];
                    let _ = s.read(&mut first);
                    let _ = s.write_all(&reply);
                    let _ = s.shutdown(Shutdown::Write);
                    linger(&mut s);
                });
            }
        });
        Server {
            addr,
            requests: Arc::new(Mutex::new(Vec::new())),
            tls: false,
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT{path}` (or `https://idp.test.example:PORT{path}` for TLS,
    /// to be reached with `--resolve`).
    pub fn url(&self, path: &str) -> String {
        if self.tls {
            format!("https://{IDP_HOST}:{}{path}", self.port())
        } else {
            format!("http://127.0.0.1:{}{path}", self.port())
        }
    }

    /// `HOST:PORT:127.0.0.1` for `--resolve`.
    pub fn resolve_arg(&self, host: &str) -> String {
        format!("{host}:{}:127.0.0.1", self.port())
    }

    /// The requests served so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn serve(
    stream: TcpStream,
    tls: Option<Arc<ServerConfig>>,
    handler: &Handler,
    seen: &Mutex<Vec<Request>>,
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    match tls {
        None => {
            let mut s = stream;
            let req = read_request(&mut s)?;
            if let Ok(mut all) = seen.lock() {
                all.push(req.clone());
            }
            let result = handler(&req, &mut s);
            let _ = s.flush();
            let _ = s.shutdown(Shutdown::Write);
            linger(&mut s);
            result
        }
        Some(config) => {
            let conn = ServerConnection::new(config).map_err(io::Error::other)?;
            let mut s = StreamOwned::new(conn, stream);
            let req = read_request(&mut s)?;
            if let Ok(mut all) = seen.lock() {
                all.push(req.clone());
            }
            let result = handler(&req, &mut s);
            s.conn.send_close_notify();
            let _ = s.flush();
            let _ = s.sock.shutdown(Shutdown::Write);
            linger(&mut s.sock);
            result
        }
    }
}

/// Wait (briefly) for the client to close, so closing never resets unread data.
fn linger(s: &mut TcpStream) {
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 1024];
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        match s.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

fn read_request(s: &mut impl Read) -> io::Result<Request> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if buf.len() > 64 * 1024 || s.read(&mut byte)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no request head",
            ));
        }
        buf.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Request {
        method,
        path,
        headers,
    })
}

// ---------------------------------------------------------------- responses

/// A complete response with Content-Length and `Connection: close`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
    for (n, v) in headers {
        out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
    out
}

/// `200` with `application/json`.
pub fn json(body: &str) -> Vec<u8> {
    response(
        200,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

/// A redirect to `location`.
pub fn redirect(status: u16, location: &str) -> Vec<u8> {
    response(status, &[("Location", location)], b"")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// Handler: answer every request with the same bytes.
pub fn always(bytes: Vec<u8>) -> impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static {
    move |_, out| out.write_all(&bytes)
}

/// Handler: never answer (holds the connection open for `secs`, then closes).
pub fn silent(secs: u64) -> impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static {
    move |_, _| {
        thread::sleep(Duration::from_secs(secs));
        Ok(())
    }
}

/// Handler: a JSON body announced in full, sent one byte per `every`, at most `max_bytes`.
pub fn drip(
    every: Duration,
    max_bytes: usize,
) -> impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static {
    move |_, out| {
        let body = vec![b' '; max_bytes];
        out.write_all(
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len() + 2
            )
            .as_bytes(),
        )?;
        out.flush()?;
        for b in &body {
            thread::sleep(every);
            out.write_all(std::slice::from_ref(b))?;
            out.flush()?;
        }
        Ok(())
    }
}

/// Handler: a chunked body that never ends (bounded to `limit` in time so the
/// thread finishes on its own).
pub fn endless_chunked(
    limit: Duration,
) -> impl Fn(&Request, Out) -> io::Result<()> + Send + Sync + 'static {
    move |_, out| {
        out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        )?;
        let chunk = format!("400\r\n{}\r\n", " ".repeat(0x400));
        let until = Instant::now() + limit;
        while Instant::now() < until {
            out.write_all(chunk.as_bytes())?;
            out.flush()?;
            thread::sleep(Duration::from_millis(1));
        }
        Ok(())
    }
}

/// A gzip body that inflates to about `n` zero bytes: one member of up to 4 MiB of
/// zeros (about 4 KiB compressed), repeated; decoders read concatenated members
/// as one stream.
pub fn gzip_zeros(n: usize) -> Vec<u8> {
    const MEMBER: usize = 4 * 1024 * 1024;
    let member = gzip(&vec![0u8; n.min(MEMBER)]);
    let count = n.div_ceil(MEMBER).max(1);
    member.repeat(count)
}

/// gzip of arbitrary bytes.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

// ---------------------------------------------------------------- certificates

/// A certificate authority made for one test run.
pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    /// The CA certificate, PEM.
    pub pem: String,
    file: tempfile::NamedTempFile,
}

/// A server certificate (and its chain) with its key.
pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let cert = params.self_signed(&key).expect("CA certificate");
        let pem = cert.pem();
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(pem.as_bytes()).expect("write CA PEM");
        TestCa {
            issuer: Issuer::new(params, key),
            pem,
            file,
        }
    }

    /// Path of the CA PEM, for `--cacert`.
    pub fn pem_path(&self) -> &Path {
        self.file.path()
    }

    /// A leaf for `hosts`, valid now.
    pub fn leaf(&self, hosts: &[&str]) -> Leaf {
        self.make_leaf(hosts, false)
    }

    /// A leaf for `hosts` that expired in 2021.
    pub fn expired_leaf(&self, hosts: &[&str]) -> Leaf {
        self.make_leaf(hosts, true)
    }

    fn make_leaf(&self, hosts: &[&str], expired: bool) -> Leaf {
        let key = KeyPair::generate().expect("leaf key");
        let names: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
        let mut params = CertificateParams::new(names).expect("leaf params");
        params
            .distinguished_name
            .push(DnType::CommonName, hosts.first().copied().unwrap_or("leaf"));
        if expired {
            params.not_before = date_time_ymd(2020, 1, 1);
            params.not_after = date_time_ymd(2021, 1, 1);
        }
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("leaf certificate");
        Leaf {
            chain: vec![cert.der().clone()],
            key: key.serialize_der(),
        }
    }
}

impl Leaf {
    /// A rustls server configuration presenting this leaf.
    pub fn server_config(&self) -> Arc<ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key.clone()));
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), key)
            .expect("server certificate");
        Arc::new(config)
    }
}

// ---------------------------------------------------------------- fixtures and the binary

/// `tests/fixtures/corpus`: real providers' documents and key sets, the one copy
/// of each that unit and integration tests read (the corpus test lints them all).
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// `tests/fixtures/corpus/NAME`.
pub fn fixture_path(name: &str) -> PathBuf {
    corpus_dir().join(name)
}

/// `tests/fixtures/corpus/NAME` as a command-line argument.
pub fn fixture_arg(name: &str) -> String {
    fixture_path(name).to_string_lossy().into_owned()
}

/// The text of `tests/fixtures/corpus/NAME`.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture")
}

/// The baseline document that the unit tests check every rule against
/// (`tests/fixtures/baseline.json`, read by `src/rules/testing.rs` too), re-issued
/// for `origin` (e.g. `https://idp.test.example:PORT`): its issuer and every
/// endpoint, `jwks_uri` (`/jwks.json`) and `authorization_endpoint` (`/authorize`)
/// included, move there.
pub fn baseline_at(origin: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/baseline.json");
    let text = std::fs::read_to_string(path).expect("tests/fixtures/baseline.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
    let issuer = doc["issuer"].as_str().expect("baseline has an issuer");
    text.replace(issuer, origin)
}

/// A fixture with every occurrence of `from` (an origin such as
/// `https://accounts.google.com`) replaced by `to`, e.g. a loopback issuer.
pub fn fixture_rehosted(name: &str, from: &str, to: &str) -> String {
    fixture(name).replace(from, to)
}

/// The built `oidc-inspect` with an environment that cannot reach beyond loopback
/// (no proxy variables) and trusts only the system's store (no `SSL_CERT_*`).
pub fn cli() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_oidc-inspect"));
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "COLUMNS",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1").env("TERM", "dumb");
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// Where [`google_idp`] serves Google's key set (the path of Google's own `jwks_uri`).
pub const GOOGLE_JWKS_PATH: &str = "/oauth2/v3/certs";

/// An HTTPS provider for `idp.test.example` (leaf for `leaf_hosts` from `ca`)
/// answering every request with `status` and Google's document re-issued for the
/// server's own origin, except [`GOOGLE_JWKS_PATH`], where Google's key set is
/// served (200): the document's `jwks_uri` points back at this server, so a run
/// that fetches the key set stays on loopback.
pub fn google_idp(ca: &TestCa, leaf_hosts: &[&str], status: u16) -> Server {
    let config = ca.leaf(leaf_hosts).server_config();
    let port = Arc::new(std::sync::OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let server = Server::https(config, move |req, out| {
        if req.path == GOOGLE_JWKS_PATH {
            return out.write_all(&json(&fixture("google.jwks.json")));
        }
        let issuer = format!("https://{IDP_HOST}:{}", p.get().copied().unwrap_or(0));
        let body = fixture_rehosted("google.json", "https://accounts.google.com", &issuer).replace(
            "https://www.googleapis.com/oauth2/v3/certs",
            &format!("{issuer}{GOOGLE_JWKS_PATH}"),
        );
        out.write_all(&response(
            status,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        ))
    });
    let _ = port.set(server.port());
    server
}
