#!/usr/bin/env bash
# `make bench`: times Downtrack's build on seeded corpora of N services (full build,
# no-change rebuild, rebuild after 1% of the content changed) and, where Hugo and
# ../shared/bench are present, Hugo's full build of the very same corpus in the same run.
# Env: BENCH_SIZES (default "1000 5000 20000"), RUNS (default 3), BENCH_DIR, OUT_ROOT, DOWNTRACK_BIN,
# BENCH_ONLY_BUILD=1 (skip the collect and intake parts).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
shared="$repo/../shared/bench"
sizes="${BENCH_SIZES:-1000 5000 20000}"
runs="${RUNS:-3}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/downtrack-bench}"
out_root="${OUT_ROOT:-/dev/shm/downtrack-bench-out}"
results="$bench_dir/results.jsonl"
mkdir -p "$bench_dir" "$out_root"
: > "$results"

# DOWNTRACK_BIN: a release binary built elsewhere (then nothing is built here).
if [ -n "${DOWNTRACK_BIN:-}" ]; then
    bin="$DOWNTRACK_BIN"
else
    swift build -c release --product downtrack >&2
    bin="$repo/.build/release/downtrack"
fi
if [ -x "$shared/make-corpus.py" ] || [ -f "$shared/make-corpus.py" ]; then
    make_corpus=(python3 "$shared/make-corpus.py")
    timeit=(python3 "$shared/timeit.py")
else
    echo "bench: ../shared/bench is missing; it holds the corpus generator and timing helper" >&2
    exit 1
fi
have_hugo=0
if command -v hugo >/dev/null 2>&1 || apt-get install -y -qq hugo >/dev/null 2>&1; then have_hugo=1; fi

for n in $sizes; do
    dir="$bench_dir/$n"
    if [ "$(find "$dir/content/services" -name '*.md' 2>/dev/null | wc -l)" != "$n" ]; then
        rm -rf "$dir/content"
        "${make_corpus[@]}" "$n" "$dir" >/dev/null
    fi
    site="$dir/downtrack"
    rm -rf "$site"; mkdir -p "$site"
    ln -s ../content "$site/content"
    cp -r "$repo/templates" "$site/templates"
    out="$out_root/downtrack-$n"
    cat > "$site/downtrack.yml" <<YAML
site: {title: Bench, base_url: "https://bench.example"}
database: $site/db.sqlite
output: $out
YAML
    echo "# downtrack N=$n: $(nproc) CPUs, corpus $(du -sm "$dir/content" | cut -f1) MiB, output on $(df --output=fstype "$out_root" | tail -1)"
    T=("${timeit[@]}" --runs "$runs" --warmup 1 --items "$n" --json "$results")
    "${T[@]}" --label "downtrack full N=$n" --prep "rm -rf '$out' '$site'/db.sqlite*" -- \
        "$bin" build --root "$site" --now 2026-11-26T22:00:00Z
    "${T[@]}" --label "downtrack no-change N=$n" -- "$bin" build --root "$site" --now 2026-11-26T22:00:00Z
    "${T[@]}" --label "downtrack 1%-changed N=$n" \
        --prep "python3 '$repo/scripts/touch_corpus.py' '$dir/content/services' 0.01" -- \
        "$bin" build --root "$site" --now 2026-11-26T22:00:00Z
    if [ "$have_hugo" = 1 ]; then
        RUNS="$runs" OUT_ROOT="$out_root" "$shared/hugo-baseline.sh" "$n" "$dir" 2>&1 | grep -v -e renderToMemory -e GOMAXPROCS || true
        # hugo-baseline.sh appends its own runs to $dir/results.jsonl.
        [ -f "$dir/results.jsonl" ] && grep '"hugo N=' "$dir/results.jsonl" | tail -1 >> "$results" || true
    fi
    rm -rf "$out"
done
python3 "$repo/scripts/bench_report.py" "$results"
[ "${BENCH_ONLY_BUILD:-0}" = 1 ] && exit 0
echo
DOWNTRACK_BIN="$bin" "$repo/scripts/bench-collect.sh"
echo
DOWNTRACK_BIN="$bin" "$repo/scripts/bench-intake.sh"
