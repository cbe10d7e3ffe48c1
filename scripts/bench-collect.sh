#!/usr/bin/env bash
# Collector benchmark: COLLECT_SOURCES sources (default 20000), one per service, served from
# 127.0.0.1 by nginx (Python's file server when nginx is missing), every capture format in
# Tests/Fixtures/status-pages, each source with its own URL. A cold run checks them all; then
# COLLECT_MINUTES (default 6) consecutive cron minutes each check the sources due in that
# minute (collect.interval_minutes, COLLECT_INTERVAL, default 5), with conditional requests.
# Then the parse cost per document against a bare libxml2 parse of the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
n="${COLLECT_SOURCES:-20000}"
minutes="${COLLECT_MINUTES:-6}"
interval="${COLLECT_INTERVAL:-5}"
bin="${DOWNTRACK_BIN:-$repo/.build/release/downtrack}"
fixtures="$repo/Tests/Fixtures/status-pages"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# nginx (and GNU time) when missing and installable; the Python server otherwise.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || "$repo/scripts/install-deps.sh" --bench >&2 || true
nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -n "$nginx_bin" ]; then
    # Unprivileged, on a free loopback port, with everything under a temporary prefix.
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
    cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    types { application/json json; text/html html; application/atom+xml atom; application/rss+xml rss; }
    default_type application/octet-stream;
    keepalive_requests 1000000;
    open_file_cache max=200;
    server { listen 127.0.0.1:$port; root $fixtures; etag on; }
}
NGINX
    "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2> "$work/nginx/logs/stderr" &
    server=$!
    served_by="nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')"
    for _ in $(seq 50); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
        sleep 0.1
    done
else
    python3 "$repo/scripts/bench_server.py" "$fixtures" > "$work/port" &
    server=$!
    for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
    port="$(cat "$work/port")"
    served_by="python3 http.server (install nginx for figures that measure the collector, not the server)"
fi

python3 - "$work/site" "$n" "$port" "$fixtures" "$interval" <<'PY'
import pathlib, sys
root, n, port, fixtures, interval = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], pathlib.Path(sys.argv[4]), sys.argv[5]
# Every capture, with the kind its folder names (`auto` for folders that are no kind of their
# own, and for Statuspage's feeds, `atom`/`rss`).
kinds = {"google-cloud", "slack", "incident-io", "instatus", "cachet", "cstate", "status-io", "aws", "better-stack"}
docs = []
for path in sorted(fixtures.glob("*/*")):
    # Truncated bodies and an inactive page would only fail and back off.
    if path.suffix not in {".json", ".html", ".atom", ".rss"} or "truncated" in path.name or "inactive" in path.name:
        continue
    folder = path.parent.name
    kind = "statuspage" if folder == "statuspage" else folder if folder in kinds else "auto"
    if path.suffix in {".atom", ".rss"}:
        kind = path.suffix[1:]
    docs.append((kind, path.relative_to(fixtures).as_posix()))
services = root / "content/services"
services.mkdir(parents=True)
for i in range(n):
    kind, path = docs[i % len(docs)]
    (services / f"s{i}.md").write_text(
        f"---\nname: Service {i}\ncategory: Bench\nstatus_sources:\n  - {{kind: {kind}, url: \"http://127.0.0.1:{port}/{path}?n={i}\"}}\n---\nBody.\n")
(root / "downtrack.yml").write_text(
    f"database: {root}/db.sqlite\noutput: {root}/output\n"
    f"collect: {{allow_private_addresses: true, interval_minutes: {interval}}}\n")
print(f"# {len(docs)} documents in {len({k for k, _ in docs})} kinds", file=sys.stderr)
PY
cp -r templates "$work/site/templates"
timeit=(python3 "$repo/../shared/bench/timeit.py" --runs 1 --warmup 0)
# The collector's own lines (progress, state changes) go to a log, shown when a run fails.
timed() {
    "${timeit[@]}" "$@" 2>> "$work/collect.log" || { tail -20 "$work/collect.log" >&2; exit 1; }
}
# What the newest run did, from the run log: its sources checked, not modified, not due.
last_run() {
    python3 -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT summary FROM collect_run ORDER BY id DESC LIMIT 1").fetchone()
print("  " + (row[0] if row else "no run recorded"))' "$work/site/db.sqlite"
}
echo "# collector: $n sources on 127.0.0.1 served by $served_by ($(nproc) CPUs), interval $interval minutes"
timed --items "$n" --label "collect cold N=$n" -- "$bin" collect --root "$work/site" --now 2026-11-26T22:00:00Z
last_run
for minute in $(seq 1 "$minutes"); do
    at="$(printf '2026-11-26T22:%02d:00Z' "$minute")"
    # Items: the sources a minute checks, about N/interval (the exact count is on the next line).
    timed --items "$((n / interval))" --label "collect minute $minute N=$n" -- \
        "$bin" collect --root "$work/site" --now "$at"
    last_run
done
"$bin" bench-parse --iterations 30 "$fixtures"/*/*.html "$fixtures"/*/*.atom "$fixtures"/*/*.rss "$fixtures"/statuspage/*.json
