#!/usr/bin/env bash
# Collector benchmark: N sources (default 2000) served from 127.0.0.1, a mix of the real
# fixture formats, collected in one run; then the same run again (conditional requests);
# then parse cost per document against a bare libxml2 parse of the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
n="${COLLECT_SOURCES:-2000}"
bin="${DOWNTRACK_BIN:-$repo/.build/release/downtrack}"
fixtures="$repo/Tests/Fixtures/status-pages"
work="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$repo/scripts/bench_server.py" "$fixtures" > "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
python3 - "$work/site" "$n" "$port" <<'PY'
import pathlib, sys
root, n, port = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
docs = [("statuspage", "statuspage/instructure-summary.json"), ("statuspage", "statuspage/githubstatus-components.json"),
        ("statuspage", "statuspage/pythonstatus-page.html"), ("statuspage", "statuspage/zoom-page.html"),
        ("atom", "statuspage/codecov-history.atom"), ("rss", "statuspage/streamyard-history.rss"),
        ("auto", "upptime/upptime-demo-summary.json"), ("auto", "hund/indeed-page.html")]
services = root / "content/services"
services.mkdir(parents=True)
for i in range(n):
    kind, path = docs[i % len(docs)]
    (services / f"s{i}.md").write_text(
        f"---\nname: Service {i}\ncategory: Bench\nstatus_sources:\n  - {{kind: {kind}, url: \"http://127.0.0.1:{port}/{path}?n={i}\"}}\n---\nBody.\n")
(root / "downtrack.yml").write_text(f"database: {root}/db.sqlite\noutput: {root}/output\ncollect: {{allow_private_addresses: true}}\n")
PY
cp -r templates "$work/site/templates"
timeit=(python3 "$repo/../shared/bench/timeit.py" --runs 1 --warmup 0 --items "$n")
echo "# collector: $n sources on 127.0.0.1 ($(nproc) CPUs)"
"${timeit[@]}" --label "collect cold N=$n" -- "$bin" collect --root "$work/site" --now 2026-11-26T22:00:00Z
"${timeit[@]}" --label "collect again N=$n" -- "$bin" collect --root "$work/site" --now 2026-11-26T22:01:00Z
"$bin" collect --root "$work/site" --now 2026-11-26T22:02:00Z | tail -1
"$bin" bench-parse --iterations 30 "$fixtures"/*/*.html "$fixtures"/*/*.atom "$fixtures"/*/*.rss "$fixtures"/statuspage/*.json
