#!/usr/bin/env bash
# Intake load test (part of `make bench`): `downtrack intake` on 127.0.0.1 with a temporary
# site of a few hundred services, loaded by wrk for INTAKE_SECONDS; every request is a report
# from a new client (X-Forwarded-For from 127.0.0.1, a trusted proxy here). Prints reports/s,
# p50/p99 latency, and checks that every acknowledged (202) report is in the database.
# Targets on a 2-core machine: >= 10,000 reports/s for 30 s, p99 < 20 ms, 0 lost. A missed speed
# target is reported, not an error; the script fails only when reports are lost or the server fails.
# Env: DOWNTRACK_BIN (default .build/release/downtrack), INTAKE_SECONDS (30), INTAKE_SERVICES (300),
#      INTAKE_THREADS (2), INTAKE_CONNECTIONS (64), TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
bin="${DOWNTRACK_BIN:-$repo/.build/release/downtrack}"
seconds="${INTAKE_SECONDS:-30}"
services="${INTAKE_SERVICES:-300}"
threads="${INTAKE_THREADS:-2}"
connections="${INTAKE_CONNECTIONS:-64}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench-intake: installing wrk" >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
fi
[ -x "$bin" ] || { echo "bench-intake: no downtrack binary at $bin (swift build -c release --product downtrack)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/downtrack-bench-intake.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The site: INTAKE_SERVICES services with 3 problems each; the pairs file lists every service/problem.
site="$work/site"
python3 - "$site" "$services" "$work/pairs" <<'PY'
import pathlib, sys
root, n, pairs = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
folder = root / "content/services"
folder.mkdir(parents=True)
problems = ["sign-in", "outage", "slow"]
lines = []
for i in range(n):
    slug = f"svc-{i:04d}"
    (folder / f"{slug}.md").write_text(
        f"---\nname: Service {i}\ncategory: Bench {i % 10}\nproblems:\n"
        + "".join(f"  - {{id: {p}, title: Problem {p}}}\n" for p in problems)
        + "---\nA benchmark service.\n")
    lines += [f"{slug} {p}" for p in problems]
# Interleave so that consecutive requests go to different services.
pairs.write_text("\n".join(lines[i] for p in range(len(problems)) for i in range(p, len(lines), len(problems))) + "\n")
PY
cp -r "$repo/templates" "$site/templates"
cat > "$site/downtrack.yml" <<YAML
site: {title: Intake Bench, base_url: "http://127.0.0.1:8080"}
database: $work/db.sqlite
output: $work/output
intake:
  trusted_proxies: ["127.0.0.1"]
  report_window_minutes: 15
YAML

# The server: a free port, limits far above what wrk can send.
"$bin" intake --root "$site" --host 127.0.0.1 --port 0 \
    --client-rate 1000000 --global-rate 100000000 --sign-up-rate 1000000 > "$work/server.out" 2> "$work/server.err" &
server=$!
port=""
for _ in $(seq 300); do
    port="$(sed -n 's|^intake: listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$work/server.out" | head -1)"
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "bench-intake: the intake server did not start:" >&2
    cat "$work/server.out" "$work/server.err" >&2
    exit 1
fi
prefix="$(sed -n 's|^intake: listening on http://[^/]*\(/[^ ]*\) .*|\1|p' "$work/server.out" | head -1)"
url="http://127.0.0.1:$port${prefix%/}/reports"

echo "# intake: $services services, wrk -t$threads -c$connections -d${seconds}s against $url"
echo "# note: $(nproc) CPUs shared by wrk (load generator) and the server, so the server gets less than the whole machine"
# CPU accounting (clock ticks): the machine's busy time, the server's and wrk's, so that other
# processes competing for the cores show up in the output.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
server_cpu() { sed 's/.*) //' "/proc/$server/stat" | awk '{print $12+$13}'; }
busy0="$(busy)"; server0="$(server_cpu)"
TIMEFORMAT='wrk-cpu %U %S'
{ time wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency \
    -s "$repo/scripts/bench_intake.lua" "$url" -- "$work/pairs" "$threads" > "$work/wrk.out"; } 2> "$work/wrk.err" || {
    echo "bench-intake: wrk failed:" >&2; cat "$work/wrk.out" "$work/wrk.err" >&2; exit 1; }
busy1="$(busy)"; server1="$(server_cpu)"
cat "$work/wrk.out"
grep -v '^wrk-cpu ' "$work/wrk.err" >&2 || true
python3 - "$(getconf CLK_TCK)" "$busy0" "$busy1" "$server0" "$server1" "$(sed -n 's/^wrk-cpu //p' "$work/wrk.err")" "$seconds" "$(nproc)" <<'PY'
import sys
tick, busy0, busy1, server0, server1 = (int(x) for x in sys.argv[1:6])
wrk = sum(float(x) for x in sys.argv[6].split())
seconds, cpus = float(sys.argv[7]), int(sys.argv[8])
busy, server, wrk = (busy1 - busy0) / tick / seconds, (server1 - server0) / tick / seconds, wrk / seconds
others = max(0.0, busy - server - wrk)
print(f"# CPU during the run, in cores of {cpus}: server {server:.2f}, wrk {wrk:.2f}, other processes {others:.2f}, "
      f"idle {max(0.0, cpus - busy):.2f}" + (" (other processes competed: the figures are low)" if others > 0.1 else ""))
PY

# Stop the server gracefully (it stores every accepted report first), then count rows.
server_failed=0
kill -TERM "$server" 2>/dev/null || server_failed=1
if ! wait "$server"; then server_failed=1; fi
server=""
grep -h . "$work/server.out" | grep -v '^intake: listening' || true
if [ -s "$work/server.err" ]; then echo "# server stderr:"; tail -20 "$work/server.err"; fi

line="$(grep '^bench-intake:' "$work/wrk.out" | tail -1)"
[ -n "$line" ] || { echo "bench-intake: wrk printed no summary" >&2; exit 1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
stored="$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM report").fetchone()[0])' "$work/db.sqlite")"

python3 - "$(field rps)" "$(field duration_us)" "$(field p50_ms)" "$(field p99_ms)" "$(field accepted)" "$(field other)" \
    "$(field errors)" "$stored" "$connections" "$server_failed" "$(field first_other)" <<'PY'
import sys
rps, duration_us, p50, p99 = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
accepted, other, errors, stored, connections, server_failed = map(int, sys.argv[5:11])
first_other = sys.argv[11]
seconds = duration_us / 1e6
reports = accepted / seconds
lost = max(0, accepted - stored)
# wrk stops with up to one request in flight per connection; the server still stores those
# (it had them), but wrk never saw their 202: stored may exceed acknowledged by that much.
unanswered = stored - accepted if stored > accepted else 0
print(f"intake: {reports:.0f} reports/s for {seconds:.0f} s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
      f"{accepted} acknowledged, {stored} stored, lost {lost} (targets: ≥10000/s, p99 < 20 ms, 0 lost)")
notes = []
if other:
    notes.append(f"{other} answers were not 202 (first: {first_other.replace('_', ' ')})")
if errors:
    notes.append(f"{errors} socket errors/timeouts")
if unanswered:
    notes.append(f"{unanswered} stored report(s) were still in flight when wrk stopped (≤ {connections} connections)")
misses = []
if reports < 10000: misses.append("throughput")
if p99 >= 20: misses.append("p99")
if misses:
    notes.append("speed target missed: " + ", ".join(misses) + " (reported, not an error; wrk shares the 2 cores)")
for note in notes:
    print(f"# {note}")
failed = False
if lost:
    print(f"bench-intake: FAIL: {lost} acknowledged report(s) are not in the database", file=sys.stderr); failed = True
if unanswered > connections:
    print(f"bench-intake: FAIL: {unanswered} more reports stored than acknowledged (more than the {connections} that can be in flight)",
          file=sys.stderr); failed = True
if server_failed:
    print("bench-intake: FAIL: the intake server did not stop cleanly", file=sys.stderr); failed = True
if accepted == 0:
    print("bench-intake: FAIL: no report was accepted", file=sys.stderr); failed = True
sys.exit(1 if failed else 0)
PY
