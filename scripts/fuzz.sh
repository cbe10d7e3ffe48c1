#!/usr/bin/env bash
# `make fuzz` / `make fuzz-smoke`: fuzzes every reader of outside bytes with libFuzzer.
#
# Usage: scripts/fuzz.sh [seconds per target] [target…]   (default: 60 s, every target)
#
# Builds `downtrack-fuzz` in release mode with libFuzzer and AddressSanitizer in its own build
# folder (.build/fuzz: the normal .build/debug and .build/release are not touched), then runs
# the targets one after another. Each starts from Tests/Fuzz/seeds/<target> and
# Tests/Fuzz/regressions/<target>, and grows a working corpus in .build/fuzz-corpus/<target>
# that later runs start from. A crash (or leak, timeout, out-of-memory) is copied to
# Tests/Fuzz/regressions/<target>/ — `make test` replays it from then on — and the run goes on
# with the other targets; the script exits non-zero when anything crashed.
# Env: FUZZ_WORK (default .build/fuzz-corpus), FUZZ_TIMEOUT (seconds one input may take, 30).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if [ "$#" -gt 0 ]; then shift; fi
case "$seconds" in
    '' | *[!0-9]*) echo "fuzz: the first argument is seconds per target (a whole number), not '$seconds'" >&2; exit 2 ;;
esac
scratch=.build/fuzz
# Swift's own crash backtracer and AddressSanitizer fight over a crash (ASan then reports the
# backtracer instead of the bug): leave crash reports to ASan.
export SWIFT_BACKTRACE=enable=no
work="${FUZZ_WORK:-.build/fuzz-corpus}"
timeout="${FUZZ_TIMEOUT:-30}"

mkdir -p "$work/logs"
echo "fuzz: building downtrack-fuzz with -sanitize=fuzzer,address in $scratch" >&2
if ! swift build -c release --product downtrack-fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDOWNTRACK_LIBFUZZER >"$work/logs/build.log" 2>&1; then
    tail -40 "$work/logs/build.log" >&2
    echo "fuzz: the build failed (full log: $work/logs/build.log)" >&2
    exit 2
fi
bin="$scratch/release/downtrack-fuzz"

declare -A max_len
all=()
while read -r name length _; do
    all+=("$name")
    max_len[$name]=$length
done < <("$bin" --list)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then targets=("${all[@]}"); fi
for target in "${targets[@]}"; do
    if [ -z "${max_len[$target]:-}" ]; then
        echo "fuzz: no target '$target'; targets: ${all[*]}" >&2
        exit 2
    fi
done

# Stack frames with readable Swift names, when the toolchain's demangler is there.
demangle() {
    if command -v swift-demangle >/dev/null 2>&1; then swift-demangle --simplified; else cat; fi
}

total_cpu=0
crashes=0
crashed_targets=()
printf '%-20s %12s %9s %16s  %s\n' target executions "CPU s" corpus result
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    log="$work/logs/$target.log"
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    inputs=("$corpus")
    # Seeds that are real captures are named in fixtures.txt (paths under Tests/Fixtures), not
    # copied: put them into the working corpus.
    if [ -f "Tests/Fuzz/seeds/$target/fixtures.txt" ]; then
        while IFS= read -r fixture; do
            [ -n "$fixture" ] && cp "Tests/Fixtures/$fixture" "$corpus/"
        done < "Tests/Fuzz/seeds/$target/fixtures.txt"
    fi
    for kept in seeds regressions; do
        if [ -d "Tests/Fuzz/$kept/$target" ]; then inputs+=("Tests/Fuzz/$kept/$target"); fi
    done
    status=0
    TIMEFORMAT='%3U %3S'
    { time "$bin" "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="${max_len[$target]}" \
        -timeout="$timeout" -print_final_stats=1 -artifact_prefix="$artifacts/" "${inputs[@]}" >"$log" 2>&1 \
        || status=$?; } 2>"$work/time"
    cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/time")
    total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }')
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ -z "$executions" ]; then executions=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1); fi
    corpus_size=$({ grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" || true; } | tail -1 | sed 's/corp: //')
    found=()
    for artifact in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
        [ -f "$artifact" ] || continue
        kind=$(basename "$artifact" | sed 's/-.*//')
        sha=$(sha1sum "$artifact" | cut -d' ' -f1)
        mkdir -p "Tests/Fuzz/regressions/$target"
        cp "$artifact" "Tests/Fuzz/regressions/$target/$kind-$sha"
        found+=("Tests/Fuzz/regressions/$target/$kind-$sha")
    done
    if [ "${#found[@]}" -gt 0 ] || [ "$status" -ne 0 ]; then
        crashes=$((crashes + 1))
        crashed_targets+=("$target")
        result="CRASHED (exit $status)"
    else
        result="ok"
    fi
    printf '%-20s %12s %9s %16s  %s\n' "$target" "${executions:-?}" "$cpu" "${corpus_size:-?}" "$result"
    if [ "$result" != ok ]; then
        for input in "${found[@]}"; do echo "    input kept as $input" >&2; done
        # What failed and where: the runtime's message, the sanitizer's summary, our frames.
        grep -E 'Fatal error|runtime failure|fuzz invariant|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY:' "$log" \
            | head -6 | sed 's/^/    /' >&2 || true
        grep -E '^ *#[0-9]+ .* in .*/Sources/' "$log" | head -8 | sed 's/^/    /' | demangle >&2 || true
        echo "    full log: $log" >&2
    fi
done

echo "fuzz: ${#targets[@]} targets, $total_cpu s CPU, $crashes crashes${crashed_targets[*]:+ (${crashed_targets[*]})}"
if [ "$crashes" -gt 0 ]; then
    echo "fuzz: the crashing inputs are in Tests/Fuzz/regressions/ and make test replays them; fix the cause," >&2
    echo "      or move them to Tests/Fuzz/pending/<target>/ until it is fixed" >&2
    exit 1
fi
