#!/usr/bin/env bash
# Fault-and-kill soak (issue 11, "Done when"): the release binaries against llm-stub with 30 % faults of every
# kind, ten kill -9 at random moments each followed by --resume, Ctrl-C and SIGTERM, a store locked for 10 s by
# another connection (BEGIN IMMEDIATE) while a run writes, two processes resuming one run at once, and fresh
# stores opened by two processes at once. It then checks: exactly one stored result per planned evaluation,
# counters that agree with the stored rows, only documented exit codes, and no API key in any output.
#
# Usage: scripts/soak.sh [--skip-build | --debug]   (needs python3 and curl; takes a few minutes; not part of
# `swift test`). --debug uses the debug binaries already built by `swift build`.
# Prints the figures and exits 0 when every check holds, 1 otherwise.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONFIGURATION=release
case "${1:-}" in
    --debug) CONFIGURATION=debug ;;
    --skip-build) ;;
    *) (cd "$ROOT" && swift build -c release --product triage-eval >/dev/null && swift build -c release --product llm-stub >/dev/null) || exit 1 ;;
esac
BIN="$ROOT/.build/$CONFIGURATION"
T="$BIN/triage-eval"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/triage-eval-soak.XXXXXX")
LOGS="$WORK/logs"
mkdir -p "$LOGS"
STUBS=()
cleanup() { for pid in "${STUBS[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT

FAILURES=0
check() { # check DESCRIPTION CONDITION...
    local what=$1; shift
    if "$@"; then echo "  ok   $what"; else echo "  FAIL $what"; FAILURES=$((FAILURES + 1)); fi
}
EXITS=()
record_exit() { EXITS+=("$1"); }

# A fake key: it must appear in no output, report or store row.
export SOAK_KEY_OPENAI="sk-soak-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export SOAK_KEY_ANTHROPIC="sk-ant-soak-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

start_stub() { # start_stub NAME ARGS... → prints the port
    local name=$1; shift
    "$BIN/llm-stub" --port 0 "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" &
    STUBS+=($!)
    for _ in $(seq 1 200); do
        if grep -q "listening on" "$LOGS/$name.out" 2>/dev/null; then
            sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$LOGS/$name.out"
            return
        fi
        sleep 0.05
    done
    echo "llm-stub $name did not start" >&2
    exit 1
}

# 30 % faults of every kind (429, 500, 503, 529, timeout, drop, garbage, empty), 20 ms per answer.
OPENAI_PORT=$(start_stub openai --fault-rate 0.3 --latency-ms 20 --timeout-ms 1500 --retry-after 0 --seed 7)
ANTHROPIC_PORT=$(start_stub anthropic --fault-rate 0.3 --latency-ms 20 --timeout-ms 1500 --retry-after 0 --seed 11)

cp -R "$ROOT/prompts" "$WORK/prompts"
cp -R "$ROOT/cases" "$WORK/cases"   # the case files and the documents files they name
cat >"$WORK/triage-eval.yaml" <<EOF
store: .triage-eval/store.sqlite
cases: cases
prompts: prompts
reports: reports
models:
  - id: stub-openai
    provider: openai
    model: stub-model
    base_url: http://127.0.0.1:$OPENAI_PORT/v1
    api_key_env: SOAK_KEY_OPENAI
    concurrency: 8
    max_retries: 4
    timeout_s: 1
    circuit_breaker: 0
  - id: stub-anthropic
    provider: anthropic
    model: stub-claude
    base_url: http://127.0.0.1:$ANTHROPIC_PORT
    api_key_env: SOAK_KEY_ANTHROPIC
    concurrency: 8
    max_retries: 4
    timeout_s: 1
    circuit_breaker: 0
EOF
cd "$WORK"
STORE="$WORK/.triage-eval/store.sqlite"
SAMPLES=8
RUN_ARGS=(--model stub-openai --model stub-anthropic --samples "$SAMPLES" --no-cache --quiet)
sql() { python3 - "$STORE" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}
started=$(date +%s)

echo "== ten kill -9 at random moments, each followed by --resume"
RUN_ID=""
for i in $(seq 1 10); do
    if [[ -z "$RUN_ID" ]]; then args=("${RUN_ARGS[@]}"); else args=(--resume "$RUN_ID" --quiet); fi
    "$T" run "${args[@]}" >"$LOGS/kill-$i.out" 2>"$LOGS/kill-$i.err" &
    pid=$!
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.4, 2.5), 2))')"
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    wait "$pid"; code=$?
    record_exit "$code"
    [[ -z "$RUN_ID" ]] && RUN_ID=$(sql "SELECT MAX(id) FROM run")
    status=$("$T" runs list 2>>"$LOGS/runs-list.err" | awk -v id="$RUN_ID" '$1 == id { print $3 }')
    stored=$(sql "SELECT COUNT(*) FROM result WHERE run_id = $RUN_ID")
    echo "  kill $i: exit $code, run $RUN_ID $status, $stored results stored"
    if [[ $code -eq 137 ]]; then check "killed run $RUN_ID reads as interrupted (kill $i)" test "$status" = interrupted; fi
done

echo "== Ctrl-C and SIGTERM"
for sig in INT TERM; do
    "$T" run --resume "$RUN_ID" --quiet >"$LOGS/sig-$sig.out" 2>"$LOGS/sig-$sig.err" &
    pid=$!
    sleep 1.5
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"; code=$?
    record_exit "$code"
    expected=$([[ $sig == INT ]] && echo 130 || echo 143)
    echo "  SIG$sig: exit $code; $(tail -n 1 "$LOGS/sig-$sig.err")"
    if [[ $code -ne 0 ]]; then
        check "SIG$sig exits $expected" test "$code" -eq "$expected"
        check "SIG$sig prints the --resume command" grep -q "triage-eval run --resume $RUN_ID" "$LOGS/sig-$sig.err"
        check "SIG$sig leaves the run interrupted" test "$(sql "SELECT status FROM run WHERE id = $RUN_ID")" = interrupted
    fi
done

echo "== a store locked for 10 s by another connection while a run writes; two processes resume the run at once"
"$T" run --resume "$RUN_ID" --quiet >"$LOGS/locked-a.out" 2>"$LOGS/locked-a.err" &
a=$!
sleep 0.5
python3 - "$STORE" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
db.execute("BEGIN IMMEDIATE")
time.sleep(10)
db.execute("COMMIT")
PY
locker=$!
sleep 0.5
"$T" run --resume "$RUN_ID" --quiet >"$LOGS/locked-b.out" 2>"$LOGS/locked-b.err" &
b=$!
wait "$b"; code_b=$?
wait "$a"; code_a=$?
wait "$locker"
record_exit "$code_a"; record_exit "$code_b"
echo "  first resume: exit $code_a; second resume: exit $code_b ($(head -n 1 "$LOGS/locked-b.err"))"
check "the second process is refused (exit 2) while the first holds the run, or finds nothing left" \
    bash -c "[[ $code_b -eq 2 && \$(grep -c 'is being executed by process' '$LOGS/locked-b.err') -eq 1 ]] || [[ $code_b -eq 0 || $code_b -eq 3 ]]"
check "the run survives the 10 s lock (exit 0 or 3, never a lost write)" bash -c "[[ $code_a -eq 0 || $code_a -eq 3 ]]"

echo "== finish: --resume until complete"
for i in $(seq 1 6); do
    "$T" run --resume "$RUN_ID" --quiet >"$LOGS/final-$i.out" 2>"$LOGS/final-$i.err"; code=$?
    record_exit "$code"
    echo "  resume $i: exit $code"
    [[ $code -eq 0 ]] && break
done

echo "== two processes opening fresh stores at once (x10)"
open_failures=0
for i in $(seq 1 10); do
    mkdir -p "$WORK/fresh-$i" && cp "$WORK/triage-eval.yaml" "$WORK/fresh-$i/"
    (cd "$WORK/fresh-$i" && { "$T" runs list >/dev/null 2>"$LOGS/fresh-$i-a.err" & p1=$!; "$T" runs list >/dev/null 2>"$LOGS/fresh-$i-b.err" & p2=$!;
        wait $p1; c1=$?; wait $p2; c2=$?; exit $((c1 + c2)); }) || open_failures=$((open_failures + 1))
done
check "20 concurrent first opens, 0 failures (got $open_failures)" test "$open_failures" -eq 0

echo "== checks"
planned=$(sql "SELECT planned FROM run WHERE id = $RUN_ID")
rows=$(sql "SELECT COUNT(*) FROM result WHERE run_id = $RUN_ID")
keys=$(sql "SELECT COUNT(*) FROM (SELECT DISTINCT prompt_version_id, model_id, case_revision_id, sample FROM result WHERE run_id = $RUN_ID)")
errors=$(sql "SELECT COUNT(*) FROM result WHERE run_id = $RUN_ID AND outcome = 'error'")
answered=$(sql "SELECT COUNT(*) FROM result WHERE run_id = $RUN_ID AND outcome = 'answered'")
expected=$(python3 - "$STORE" "$RUN_ID" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
plan = json.loads(db.execute("SELECT plan FROM run WHERE id = ?", (sys.argv[2],)).fetchone()[0])
# Each prompt file judges the cases of its entity (host or user) that give its fields: structured cases, not
# cases made of documents alone (those are for rules over documents).
entity = {}
for (rid, text) in db.execute("SELECT id, text FROM prompt_version"):
    entity[rid] = "user" if "\nentity: user" in text else "host"
cases = [json.loads(b) for (b,) in db.execute(
    "SELECT body FROM case_revision WHERE id IN (%s)" % ",".join(str(i) for i in plan["case_revisions"]))]
count = 0
for p in plan["prompt_rows"]:
    count += sum(1 for c in cases if (c.get("entity") or {}).get("type", "host") == entity[p]
                 and (c.get("rules") or c.get("alert_summary")))
print(count * len(plan["model_rows"]) * plan["samples"])
PY
)
IFS='|' read -r status rec_errors rec_planned <<<"$(sql "SELECT status, errors, planned FROM run WHERE id = $RUN_ID")"
echo "  run $RUN_ID: status $status, planned $planned (independently computed $expected), $rows result rows, $keys distinct keys, $answered answered, $errors errors"
check "planned = prompts x matching cases x models x samples" test "$planned" -eq "$expected"
check "exactly one stored result per planned evaluation" bash -c "[[ $rows -eq $planned && $keys -eq $planned ]]"
check "every evaluation answered, run complete" bash -c "[[ $answered -eq $planned && '$status' == complete ]]"
check "the run's error counter matches the stored rows" test "$rec_errors" -eq "$errors"
listed=$("$T" runs list | awk -v id="$RUN_ID" '$1 == id { print $3, $4, $7 }')
check "runs list agrees (status planned errors: $listed)" test "$listed" = "complete $planned $errors"

documented=" 0 1 2 3 4 130 137 143 "   # 137 = killed by kill -9 (the shell's 128 + 9)
undocumented=0
for code in "${EXITS[@]}"; do [[ "$documented" == *" $code "* ]] || undocumented=$((undocumented + 1)); done
echo "  exit codes seen: $(printf '%s\n' "${EXITS[@]}" | sort -n | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
check "only documented exit codes" test "$undocumented" -eq 0
check "no raw error dumps" bash -c "! grep -l -E 'DecodingError|EncodingError|NSCocoaErrorDomain|UserInfo=' '$LOGS'/*.err"

python3 - "$STORE" >"$LOGS/store-dump.sql" <<'PY'
import sqlite3, sys
for line in sqlite3.connect(sys.argv[1]).iterdump():
    print(line)
PY
leaks=$(grep -r -l -F -e "$SOAK_KEY_OPENAI" -e "$SOAK_KEY_ANTHROPIC" "$LOGS" "$WORK/reports" "$WORK/.triage-eval" 2>/dev/null | wc -l)
check "no key in any output, report or store row ($leaks files)" test "$leaks" -eq 0

for stub in openai anthropic; do
    port=$([[ $stub == openai ]] && echo "$OPENAI_PORT" || echo "$ANTHROPIC_PORT")
    echo "  stub $stub: $(curl -s "http://127.0.0.1:$port/stats")"
done
echo "  elapsed $(( $(date +%s) - started )) s; workspace $WORK"
if [[ $FAILURES -eq 0 ]]; then echo "soak: all checks passed"; exit 0; fi
echo "soak: $FAILURES checks failed"
exit 1
