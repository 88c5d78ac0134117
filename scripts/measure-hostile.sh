#!/usr/bin/env bash
# Peak memory and wall time of the release binary against hostile servers on
# loopback (endless body, gzip bomb, one byte a second, silence), with the
# default limits (--timeout 10, --max-size 1 MiB). Prints one line per case.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/oidc-inspect
port=18080
for mode in endless bomb drip silent; do
  port=$((port + 1))
  python3 scripts/hostile_server.py "$mode" "$port" &
  server=$!
  for _ in $(seq 1 120); do   # the bomb takes a while to compress
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
  /usr/bin/time -v "$bin" --format json "http://127.0.0.1:$port" >/dev/null 2>/tmp/oidc-inspect-measure.$$ || true
  rss=$(grep 'Maximum resident set size' /tmp/oidc-inspect-measure.$$ | awk '{print $NF}')
  wall=$(grep 'Elapsed (wall clock)' /tmp/oidc-inspect-measure.$$ | awk '{print $NF}')
  kind=$(grep -o 'error: [^(]*' /tmp/oidc-inspect-measure.$$ | head -1 || true)
  printf '%-8s peak RSS %6s KiB  wall %8s  %s\n' "$mode" "$rss" "$wall" "$kind"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
done
rm -f /tmp/oidc-inspect-measure.$$
