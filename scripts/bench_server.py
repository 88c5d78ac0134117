#!/usr/bin/env python3
"""A fleet of slow OpenID Providers on 127.0.0.1, for bench-fleet.sh.

usage: bench_server.py --hosts N --cert PEM --key PEM --port-file FILE
                       [--delay 0.05] [--lifetime 600]

One HTTPS listener (HTTP/1.1, keep-alive, a thread per connection) on
127.0.0.1 and a free port, written to --port-file once it listens. It serves
N issuers told apart by the Host header, idp-1.bench.test ... idp-N.bench.test
(the client resolves them to 127.0.0.1 with --resolve; the certificate is a
wildcard for *.bench.test):

  /.well-known/openid-configuration   google.json's shape, every URL moved to
                                      the issuer's own origin https://HOST:PORT
  /P/.well-known/openid-configuration the same for the issuer https://HOST:PORT/P
  /oauth2/v3/certs                    google.jwks.json
  /__stats                            request counts as JSON (no delay)

Every other path or host is a 404. Each answer except /__stats is sent --delay
seconds after the request was read, like a distant server. The process exits by
itself after --lifetime seconds whatever happens; nothing binds outside
loopback.
"""
import argparse
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "corpus")
DISCOVERY = "/.well-known/openid-configuration"
JWKS_PATH = "/oauth2/v3/certs"
HOST_RE = re.compile(r"^idp-([0-9]+)\.bench\.test(?::([0-9]+))?$")


def document_template():
    """google.json with the issuer a placeholder and every other https URL
    re-rooted at the placeholder origin."""
    with open(os.path.join(CORPUS, "google.json"), "rb") as f:
        doc = json.load(f)
    for key, value in doc.items():
        if isinstance(value, str) and value.startswith("https://"):
            path = urlsplit(value).path
            doc[key] = "{issuer}" if key == "issuer" else "{origin}" + path
    doc["jwks_uri"] = "{origin}" + JWKS_PATH
    return json.dumps(doc, indent=2)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {"discovery": 0, "jwks": 0, "not_found": 0, "connections": 0,
                       "tls_failures": 0, "in_flight_max": 0}
        self.in_flight = 0

    def add(self, key):
        with self.lock:
            self.counts[key] += 1

    def enter(self):
        with self.lock:
            self.in_flight += 1
            self.counts["in_flight_max"] = max(self.counts["in_flight_max"], self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1

    def snapshot(self):
        with self.lock:
            return dict(self.counts)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is dropped after this

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        reason = {200: "OK", 404: "Not Found"}[status]
        head = (f"HTTP/1.1 {status} {reason}\r\n"
                "Content-Type: application/json\r\n"
                "Cache-Control: public, max-age=3600\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        # One write: head and body leave in one TLS record where they fit.
        self.wfile.write(head + body)

    def do_GET(self):
        srv = self.server
        path = self.path.split("?", 1)[0]
        if path == "/__stats":
            self.answer(200, json.dumps(srv.stats.snapshot()).encode())
            return
        srv.stats.enter()
        try:
            time.sleep(srv.delay)
            m = HOST_RE.match(self.headers.get("Host", ""))
            k = int(m.group(1)) if m else 0
            if not 1 <= k <= srv.hosts or (m.group(2) and int(m.group(2)) != srv.port):
                srv.stats.add("not_found")
                self.answer(404, b'{"error":"unknown host"}')
            elif path.endswith(DISCOVERY):
                # An issuer with a path (https://HOST:PORT/a/b) has its document at
                # /a/b/.well-known/openid-configuration: many issuers on one host.
                srv.stats.add("discovery")
                origin = f"https://idp-{k}.bench.test:{srv.port}"
                issuer = origin + path[: -len(DISCOVERY)]
                doc = srv.template.replace("{issuer}", issuer).replace("{origin}", origin)
                self.answer(200, doc.encode())
            elif path == JWKS_PATH:
                srv.stats.add("jwks")
                self.answer(200, srv.jwks)
            else:
                srv.stats.add("not_found")
                self.answer(404, b'{"error":"not found"}')
        finally:
            srv.stats.leave()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: a burst of connects is not refused

    def finish_request(self, request, client_address):
        # The TLS handshake runs on the connection's own thread, not the accept loop.
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        request.settimeout(Handler.timeout)
        self.stats.add("connections")
        try:
            conn = self.tls.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            self.stats.add("tls_failures")
            return
        try:
            Handler(conn, client_address, self)
        except OSError:
            pass
        finally:
            conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hosts", type=int, required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--delay", type=float, default=0.05)
    ap.add_argument("--lifetime", type=float, default=600)
    args = ap.parse_args()

    # Bounded lifetime: exit whatever the threads are doing.
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()

    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(args.cert, args.key)
    srv = Server(("127.0.0.1", 0), Handler)
    srv.tls = tls
    srv.hosts = args.hosts
    srv.delay = args.delay
    srv.port = srv.server_address[1]
    srv.stats = Stats()
    srv.template = document_template()
    with open(os.path.join(CORPUS, "google.jwks.json"), "rb") as f:
        srv.jwks = f.read()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{srv.port}\n")
    os.replace(tmp, args.port_file)
    print(f"bench_server: {args.hosts} issuers on 127.0.0.1:{srv.port}", file=sys.stderr)
    srv.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
