#!/usr/bin/env python3
"""A deliberately hostile discovery endpoint on 127.0.0.1, for measuring what
oidc-inspect spends against it (see measure-hostile.sh).

usage: hostile_server.py MODE PORT
  endless  200 with a chunked body that never ends
  bomb     200 with a gzip body that inflates to 1 GiB of zeros
  drip     200 with a body sent one byte a second
  silent   accepts and never answers
"""
import gzip
import io
import socket
import sys
import threading
import time


def bomb_body():
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as z:
        chunk = b"\0" * (1 << 20)
        for _ in range(1024):
            z.write(chunk)
    return buf.getvalue()


def serve(conn, mode, bomb):
    try:
        conn.recv(65536)
        if mode == "silent":
            time.sleep(3600)
        elif mode == "endless":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"
            while True:
                conn.sendall(chunk)
        elif mode == "bomb":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                         + b"Content-Length: %d\r\n\r\n" % len(bomb) + bomb)
        elif mode == "drip":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            while True:
                conn.sendall(b" ")
                time.sleep(1)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    bomb = bomb_body() if mode == "bomb" else b""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(16)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, mode, bomb), daemon=True).start()


if __name__ == "__main__":
    main()
