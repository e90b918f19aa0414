#!/usr/bin/env bash
# The engine benchmark: triage-eval against llm-stub through the whole path (render, HTTP, parse, SQLite).
#
#   Benchmarks/run.sh [ITEMS]        (default 5000)
#   SCALE="5000 20000 100000" Benchmarks/run.sh
#
# Builds both executables in release mode, replicates the bundled host cases to ITEMS evaluations of
# host-triage@v2, and prints: evaluations/s at concurrency 1, 16, 64 and 256 with zero stub latency;
# wall time vs the ideal items × latency / concurrency at 100 ms latency and concurrency 64; a fully
# cached re-run (with the stub's own request count); peak memory (maximum resident set size).
# The replicated cases leave their documents out (DOCUMENTS=1 keeps them: the reports then carry every replica's).
# The stub answers a fixed text (ANSWER=heuristic to let it judge every prompt; it then competes for the CPU).
# With SCALE (a list of evaluation counts), prints one table row per count instead, at concurrency 64 with zero
# latency: N, evaluations/s (executed), run wall time and peak RSS (the run includes writing its reports), the
# run phase's peak RSS (before scoring and reports: the process's VmHWM sampled every 50 ms up to the moment the
# run's finish is recorded in the store), then `report --format md,json,html` of that run: wall time, peak RSS and
# the HTML's size (REPORTS=0 skips that step), then `compare` and `gate --baseline` of that run against a second,
# fully cached run of the same cases (each loads both runs): wall time and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-5000}
ANSWER=${ANSWER:-"text:verdict=SUSPICIOUS confidence=0.75 summary=benchmark answer"}
SCRATCH=${SCRATCH:-.build-release}
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

if [ -z "${BIN:-}" ]; then # BIN=DIR measures the triage-eval and llm-stub already built in DIR
    echo "building release binaries (first time: many minutes)…" >&2
    swift build -c release --scratch-path "$SCRATCH" --product triage-eval >&2
    swift build -c release --scratch-path "$SCRATCH" --product llm-stub >&2
    BIN="$(pwd)/$SCRATCH/release"
fi

WORK=$(mktemp -d)
STUB_PID=""
cleanup() {
    [ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Host cases (the host prompt judges only those), replicated with distinct ids up to $1 into $WORK/cases.
make_cases() {
    rm -rf "$WORK/cases" "$WORK/store.sqlite"*
    mkdir -p "$WORK/cases"
    # Cases name their `documents_file` relative to the case file.
    [ -d cases/documents ] && cp -r cases/documents "$WORK/cases/documents"
    HOST_FILES=$(grep -L "type: user" cases/*.yaml)
    made=0
    r=1
    while [ "$made" -lt "$1" ]; do
        # shellcheck disable=SC2086
        awk -v r="$r" -v limit=$(($1 - made)) -v documents="${DOCUMENTS:-0}" -f Benchmarks/replicate-cases.awk $HOST_FILES > "$WORK/cases/r$r.yaml"
        made=$((made + $(grep -c "^- id:" "$WORK/cases/r$r.yaml")))
        r=$((r + 1))
    done
}
cp -r prompts "$WORK/prompts"
make_cases "$ITEMS"

start_stub() { # latency_ms
    [ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null && wait "$STUB_PID" 2>/dev/null || true
    # A fixed answer: the stub's heuristic would spend the shared CPU judging 5,000 distinct prompts.
    "$BIN/llm-stub" --port 0 --latency-ms "$1" --answer "$ANSWER" > "$WORK/stub.out" 2>/dev/null &
    STUB_PID=$!
    for _ in $(seq 100); do
        PORT=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/stub.out")
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    [ -n "$PORT" ] || { echo "llm-stub did not start" >&2; exit 1; }
    {
        echo "store: store.sqlite"
        echo "models:"
        for c in 1 16 64 256; do
            printf '  - {id: c%s, provider: openai, model: bench, base_url: "http://127.0.0.1:%s/v1", concurrency: %s, max_retries: 0, timeout_s: 60}\n' "$c" "$PORT" "$c"
        done
    } > "$WORK/triage-eval.yaml"
}

stub_requests() { curl -s --noproxy '*' "http://127.0.0.1:$PORT/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p'; }

# sample_hwm FILE: while this script's `triage-eval run` lives, appends "epoch-seconds VmHWM-kB" every 50 ms.
sample_hwm() {
    local pid=""
    for _ in $(seq 200); do
        pid=$(pgrep -n -f "^$BIN/triage-eval run" || true)
        [ -n "$pid" ] && break
        sleep 0.01
    done
    [ -n "$pid" ] || return 0
    while kill -0 "$pid" 2>/dev/null; do
        awk -v t="$(date +%s.%N)" '/^VmHWM/ { print t, $2 }' "/proc/$pid/status" 2>/dev/null >> "$1" || true
        sleep 0.05
    done
}

# run NAME ARGS…: one `triage-eval run`, timed; sets EXEC_S, RATE, WALL_S, RSS_MB, and RUN_PHASE_MB (the peak RSS
# sampled up to the run's recorded finish, before scoring and reports).
PEAK_MB=0
run() {
    local name=$1
    shift
    : > "$WORK/$name.hwm"
    sample_hwm "$WORK/$name.hwm" &
    local sampler=$!
    (cd "$WORK" && /usr/bin/time -v "$BIN/triage-eval" run --prompt host-triage@v2 "$@") > "$WORK/$name.out" 2> "$WORK/$name.err" || {
        echo "run $name failed:" >&2
        tail -5 "$WORK/$name.err" >&2
        exit 1
    }
    wait "$sampler" || true
    local finished
    finished=$(date -u -d "$(sqlite3 "$WORK/store.sqlite" "SELECT finished_at FROM run ORDER BY id DESC LIMIT 1")" +%s.%N)
    RUN_PHASE_MB=$(awk -v f="$finished" '$1 <= f { m = $2 } END { printf "%.0f", m / 1024 }' "$WORK/$name.hwm")
    local line
    line=$(grep '^run [0-9]*:' "$WORK/$name.out")
    EXEC_S=$(sed -n 's/.*executed in \([0-9.]*\)s.*/\1/p' <<< "$line")
    RATE=$(sed -n 's/.*s (\([0-9]*\)\/s).*/\1/p' <<< "$line")
    WALL_S=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/$name.err")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/$name.err")
    [ "$RSS_MB" -gt "$PEAK_MB" ] && PEAK_MB=$RSS_MB
    return 0
}

if [ -n "${SCALE:-}" ]; then
    echo "scale: host-triage@v2 × N host cases against llm-stub, concurrency 64, zero latency, --no-cache; $(nproc) cores"
    printf '| %9s | %8s | %9s | %9s | %9s | %9s | %9s | %9s | %9s | %9s | %9s | %9s |\n' N "evals/s" "run wall" "run RSS" "run phase" "report" "rep. RSS" "HTML" \
        compare "cmp. RSS" gate "gate RSS"
    printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ----------: ---------: ----------: ----------: ----------: ----------: ----------: ----------: \
        ----------: ----------: ----------: ----------:
    for n in $SCALE; do
        make_cases "$n"
        start_stub 0
        (cd "$WORK" && "$BIN/triage-eval" cases import > /dev/null)
        run "scale$n" --model c64 --no-cache
        run_rate=$RATE
        run_wall=$WALL_S
        run_rss=$RSS_MB
        run_phase=$RUN_PHASE_MB
        if [ "${REPORTS:-1}" = 0 ]; then
            printf '| %9s | %8s | %8ss | %6s MB | %6s MB | %9s | %9s | %9s | %9s | %9s | %9s | %9s |\n' "$made" "$run_rate" "$run_wall" "$run_rss" "$run_phase" \
                n/a n/a n/a n/a n/a n/a n/a
            continue
        fi
        (cd "$WORK" && /usr/bin/time -v "$BIN/triage-eval" report --format md,json,html --out "$WORK/rep$n") > /dev/null 2> "$WORK/rep$n.err" || {
            tail -5 "$WORK/rep$n.err" >&2
            exit 1
        }
        rep_s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/rep$n.err")
        rep_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/rep$n.err")
        html=$(ls "$WORK/rep$n"/*.html | head -1)
        html_mb=$(awk -v b="$(wc -c < "$html")" 'BEGIN { printf "%.2f", b / 1048576 }')
        rm -rf "$WORK/rep$n"
        base=$(sqlite3 "$WORK/store.sqlite" "SELECT max(id) FROM run")
        run "cached$n" --model c64
        id=$(sqlite3 "$WORK/store.sqlite" "SELECT max(id) FROM run")
        # The gate exits 1 when the fixed answer fails its thresholds; only 2 and above are failures here.
        (cd "$WORK" && /usr/bin/time -v "$BIN/triage-eval" compare "$base" "$id") > /dev/null 2> "$WORK/cmp$n.err" || { tail -5 "$WORK/cmp$n.err" >&2; exit 1; }
        (cd "$WORK" && /usr/bin/time -v "$BIN/triage-eval" gate --run "$id" --baseline "$base") > /dev/null 2> "$WORK/gate$n.err" || [ $? -eq 1 ] || {
            tail -5 "$WORK/gate$n.err" >&2
            exit 1
        }
        seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
        megabytes() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
        printf '| %9s | %8s | %8ss | %6s MB | %6s MB | %8ss | %6s MB | %6s MB | %8ss | %6s MB | %8ss | %6s MB |\n' "$made" "$run_rate" "$run_wall" "$run_rss" "$run_phase" \
            "$rep_s" "$rep_mb" "$html_mb" "$(seconds "$WORK/cmp$n.err")" "$(megabytes "$WORK/cmp$n.err")" "$(seconds "$WORK/gate$n.err")" "$(megabytes "$WORK/gate$n.err")"
    done
    exit 0
fi

echo "items: $made evaluations (host-triage@v2 × $made host cases), $(nproc) cores"
echo
start_stub 0
(cd "$WORK" && "$BIN/triage-eval" cases import > /dev/null) # once, so the runs below time evaluation
echo "zero stub latency, --no-cache (executed = render + HTTP + parse + SQLite write; wall = whole process)"
printf '  %-12s %10s %10s %10s %10s\n' concurrency "evals/s" "executed" "wall" "max RSS"
for c in 1 16 64 256; do
    run "c$c" --model "c$c" --no-cache
    printf '  %-12s %10s %9ss %9ss %7s MB\n' "$c" "$RATE" "$EXEC_S" "$WALL_S" "$RSS_MB"
done

echo
start_stub 100
run latency --model c64 --no-cache
IDEAL=$(awk -v n="$made" 'BEGIN { printf "%.2f", n * 0.100 / 64 }')
echo "100 ms stub latency, concurrency 64: executed ${EXEC_S}s, wall ${WALL_S}s; ideal ${IDEAL}s" \
    "→ $(awk -v i="$IDEAL" -v e="$EXEC_S" 'BEGIN { printf "%.0f", 100 * i / e }') % of ideal (executed)"

before=$(stub_requests)
run cached --model c64
after=$(stub_requests)
echo "fully cached re-run of $made items: wall ${WALL_S}s (executed ${EXEC_S}s), stub requests during it: $((after - before))"
echo "peak memory (maximum resident set size over all runs): ${PEAK_MB} MB"
