//! Loopback proxies and network conditions for the network tests: a CONNECT
//! proxy and a SOCKS5 proxy that record what they carry, and a listener whose
//! accept queue is full. Every proxy connects only to 127.0.0.1, whatever host it
//! is asked for, and every thread ends on its own.
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How long a carried connection may stay quiet before the proxy drops it.
const IDLE: Duration = Duration::from_secs(10);

/// What a proxy was asked to do: `CONNECT host:port` for each tunnel (or
/// `SOCKS5 host:port`, with the host as the client sent it: a name, or an
/// address when the client resolved it), `GET http://host:port/path` for each
/// request forwarded in absolute form, the request line of each plain HTTP
/// request seen inside a tunnel (`GET /path`), and each `Proxy-Authorization`.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: String) {
        if let Ok(mut all) = self.0.lock() {
            all.push(line);
        }
    }

    pub fn lines(&self) -> Vec<String> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The requests carried (`GET /path` in a tunnel, `GET http://...` forwarded),
    /// without the HTTP version.
    pub fn requests(&self) -> Vec<String> {
        self.lines()
            .iter()
            .filter(|l| l.starts_with("GET "))
            .map(|l| l.trim_end_matches(" HTTP/1.1").to_string())
            .collect()
    }

    /// The tunnels opened (`CONNECT host:port` / `SOCKS5 host:port`).
    pub fn tunnels(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|l| l.starts_with("CONNECT ") || l.starts_with("SOCKS5 "))
            .collect()
    }

    /// The `Proxy-Authorization` values received.
    pub fn authorizations(&self) -> Vec<String> {
        self.lines()
            .iter()
            .filter_map(|l| l.strip_prefix("Proxy-Authorization: "))
            .map(str::to_string)
            .collect()
    }
}

/// A loopback proxy.
pub struct Proxy {
    pub addr: SocketAddr,
    pub log: Log,
}

impl Proxy {
    /// An HTTP proxy: `CONNECT` opens a tunnel, an absolute-form request
    /// (`GET http://host:port/path`) is forwarded; either way to 127.0.0.1 on the
    /// port asked for.
    pub fn http() -> Proxy {
        Proxy::start(|client, log| {
            let mut reader = BufReader::new(client.try_clone()?);
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let mut head = String::new();
            while head.len() < 16 * 1024 {
                let mut h = String::new();
                if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
                    break;
                }
                if let Some((name, value)) = h.split_once(':')
                    && name.eq_ignore_ascii_case("proxy-authorization")
                {
                    log.push(format!("Proxy-Authorization: {}", value.trim()));
                }
                head.push_str(&h);
            }
            let mut words = line.split_whitespace();
            let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            // Bytes the reader already took from the client belong upstream.
            let early = reader.buffer().to_vec();
            if method == "CONNECT" {
                log.push(format!("CONNECT {target}"));
                let upstream = TcpStream::connect((Ipv4Addr::LOCALHOST, port_of(target, 80)))?;
                let mut c = client.try_clone()?;
                c.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
                return pipe(client, upstream, early, log);
            }
            let Some(rest) = target.strip_prefix("http://") else {
                log.push(format!("refused {}", line.trim_end()));
                let mut c = client;
                return c.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            };
            log.push(line.trim_end().to_string());
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let mut upstream = TcpStream::connect((Ipv4Addr::LOCALHOST, port_of(authority, 80)))?;
            let path = if path.is_empty() { "/" } else { path };
            upstream.write_all(format!("{method} {path} HTTP/1.1\r\n{head}\r\n").as_bytes())?;
            pipe(client, upstream, early, log)
        })
    }

    /// A SOCKS5 proxy (no authentication, CONNECT only) that connects to
    /// 127.0.0.1 on the port asked for.
    pub fn socks5() -> Proxy {
        Proxy::start(|client, log| {
            let mut c = client.try_clone()?;
            let mut greeting = [0u8; 2];
            c.read_exact(&mut greeting)?;
            let mut methods = vec![0u8; usize::from(greeting[1])];
            c.read_exact(&mut methods)?;
            if greeting[0] != 5 || !methods.contains(&0) {
                return c.write_all(&[5, 0xff]);
            }
            c.write_all(&[5, 0])?;
            let mut request = [0u8; 4];
            c.read_exact(&mut request)?;
            let host = match request[3] {
                1 => {
                    let mut a = [0u8; 4];
                    c.read_exact(&mut a)?;
                    Ipv4Addr::from(a).to_string()
                }
                3 => {
                    let mut len = [0u8; 1];
                    c.read_exact(&mut len)?;
                    let mut name = vec![0u8; usize::from(len[0])];
                    c.read_exact(&mut name)?;
                    String::from_utf8_lossy(&name).into_owned()
                }
                4 => {
                    let mut a = [0u8; 16];
                    c.read_exact(&mut a)?;
                    format!("[{}]", Ipv6Addr::from(a))
                }
                _ => return c.write_all(&[5, 8, 0, 1, 0, 0, 0, 0, 0, 0]),
            };
            let mut port = [0u8; 2];
            c.read_exact(&mut port)?;
            let port = u16::from_be_bytes(port);
            log.push(format!("SOCKS5 {host}:{port}"));
            if request[1] != 1 {
                return c.write_all(&[5, 7, 0, 1, 0, 0, 0, 0, 0, 0]);
            }
            let upstream = match TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
                Ok(s) => s,
                Err(_) => return c.write_all(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]),
            };
            c.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])?;
            pipe(client, upstream, Vec::new(), log)
        })
    }

    fn start(serve: fn(TcpStream, &Log) -> io::Result<()>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let log = Log::default();
        let seen = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = seen.clone();
                thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(IDLE));
                    let _ = stream.set_write_timeout(Some(IDLE));
                    let _ = serve(stream, &log);
                });
            }
        });
        Proxy { addr, log }
    }

    /// `http://127.0.0.1:PORT`, or with another scheme (`socks5h`).
    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.addr)
    }
}

/// The port of `host:port`, or `default`.
fn port_of(authority: &str, default: u16) -> u16 {
    authority
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or(default)
}

/// Copy both ways until either side closes; note the request lines the client
/// sends in plain text.
fn pipe(client: TcpStream, upstream: TcpStream, early: Vec<u8>, log: &Log) -> io::Result<()> {
    upstream.set_read_timeout(Some(IDLE))?;
    let mut up_w = upstream.try_clone()?;
    let mut up_r = upstream;
    let mut down_w = client.try_clone()?;
    let mut down_r = client;
    let back = thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match up_r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if down_w.write_all(buf.get(..n).unwrap_or(&[])).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = down_w.shutdown(Shutdown::Write);
    });
    let mut seen = early.clone();
    up_w.write_all(&early)?;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match down_r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = buf.get(..n).unwrap_or(&[]);
        seen.extend_from_slice(chunk);
        note_requests(&mut seen, log);
        if up_w.write_all(chunk).is_err() {
            break;
        }
    }
    let _ = up_w.shutdown(Shutdown::Write);
    let _ = back.join();
    Ok(())
}

/// Log the request line of each complete plain-text request head in `seen` and
/// drop it; TLS bytes never look like one.
fn note_requests(seen: &mut Vec<u8>, log: &Log) {
    while let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(seen.get(..end).unwrap_or(&[])).into_owned();
        if let Some(line) = head.lines().next()
            && line.starts_with("GET ")
        {
            log.push(line.to_string());
        }
        seen.drain(..end + 4);
    }
    if seen.len() > 64 * 1024 {
        seen.clear();
    }
}

/// A listener on 127.0.0.1 that never accepts, with its accept queue filled: a
/// further connection attempt gets no answer to its SYN and hangs until the
/// client gives up. `None` when the queue cannot be seen to fill here.
pub struct FullListener {
    pub addr: SocketAddr,
    _listener: socket2::Socket,
    _held: Vec<TcpStream>,
}

impl FullListener {
    pub fn new() -> Option<FullListener> {
        use socket2::{Domain, Socket, Type};
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).ok()?;
        socket
            .bind(&SocketAddr::from((Ipv4Addr::LOCALHOST, 0)).into())
            .ok()?;
        // Backlog 0: Linux queues one finished handshake, then drops SYNs.
        socket.listen(0).ok()?;
        let addr = socket.local_addr().ok()?.as_socket()?;
        let mut held = Vec::new();
        for _ in 0..8 {
            match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
                Ok(s) => held.push(s),
                // This attempt hung: the queue is full.
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    return Some(FullListener {
                        addr,
                        _listener: socket,
                        _held: held,
                    });
                }
                Err(_) => return None,
            }
        }
        None
    }
}

/// Whether this machine has an IPv6 loopback to test with.
pub fn has_ipv6_loopback() -> bool {
    TcpListener::bind("[::1]:0").is_ok()
}
