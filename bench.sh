#!/usr/bin/env bash
# Runs every RoleFerry benchmark (see BENCHMARKS.md) against a throwaway PostgreSQL started just for this run.
# Benchmarks are not tests: ./test.sh never runs them.
#
#   ./bench.sh            full mode (longer runs, default BenchmarkDotNet job; --only 6,2,3 alone takes ~16 minutes on 2 cores)
#   ./bench.sh --quick    small counts, BenchmarkDotNet ShortRun, pgbench -T 5 (--only 6,2,3: ~2 minutes on 2 cores)
#   ./bench.sh --quick --only 2   only harness section 2 (pgbench and BenchmarkDotNet still run)
#   ./bench.sh --quick --only 8   only section 8: the web app's Applications and Analytics pages beside their API calls
#   ./bench.sh --quick --only 2 --dispatch-steps 20000   section 2 at another size (the SMTP case stays at its own)
#   ./bench.sh --quick --only 2 --dispatch-smtp-steps 2000   the SMTP case of section 2 at another size
#
# Steps: start PostgreSQL 15 (scripts/pg.sh, --fast: fsync off, pg_stat_statements preloaded) on a free port in a
# temp folder; for sections 2 and 3, install the graphile-worker peer (npm ci in bench/peers when node_modules is
# missing or older than package-lock.json); for section 2 start the test SMTP server (scripts/smtp.sh); build bench/ in
# Release; pgbench (-i -s 1, then select-only -S and the TPC-B-like write test, -c 8 -j 2) for the PostgreSQL
# ceiling; the BenchmarkDotNet micro-benchmarks (bench/RoleFerry.Bench.Micro); the whole-system harness
# (bench/RoleFerry.Bench), which prints one table of every figure with its baseline and ratio.
# The table is also written to bench/results/<quick|full>.md; logs of the steps go to bench/results/ too.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/pg.sh
. "$ROOT/scripts/pg.sh"
# shellcheck source=scripts/deps.sh
. "$ROOT/scripts/deps.sh"
# shellcheck source=scripts/smtp.sh
. "$ROOT/scripts/smtp.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

MODE=full
QUICK=()
HARNESS_ARGS=()
ONLY=""
PGBENCH_SECONDS=30
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) MODE=quick; QUICK=(--quick); PGBENCH_SECONDS=5; shift ;;
        --only) HARNESS_ARGS+=(--only "$2"); ONLY="$ONLY,$2"; shift 2 ;;
        --dispatch-steps) HARNESS_ARGS+=(--dispatch-steps "$2"); shift 2 ;;
        --dispatch-smtp-steps) HARNESS_ARGS+=(--dispatch-smtp-steps "$2"); shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (use --quick, --only 6,1,2,3,4,7,8,5, --dispatch-steps N, --dispatch-smtp-steps N)" >&2; exit 2 ;;
    esac
done

RESULTS="$ROOT/bench/results"
TMP=""
CLEANED=0
cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    smtp_stop
    if [ -n "$TMP" ]; then
        pg_stop "$TMP/pg"
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'echo "bench.sh: interrupted" >&2; exit 130' INT
trap 'echo "bench.sh: terminated" >&2; exit 143' TERM

fail() {
    echo "bench.sh: $*" >&2
    exit 1
}

STARTED=$SECONDS
require_dotnet || fail "dotnet is missing"
ensure_postgres_binaries || fail "PostgreSQL 15 binaries are missing and could not be installed"
[ -x "$PG_BIN/pgbench" ] || fail "pgbench not found in $PG_BIN"
mkdir -p "$RESULTS" || fail "cannot create $RESULTS"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/roleferry-bench.XXXXXX")" || fail "mktemp failed"
chmod 755 "$TMP"   # the postgres OS user must be able to reach $TMP/pg

echo "bench.sh: building bench/ (Release)"
dotnet build "$ROOT/bench/RoleFerry.Bench.Micro/RoleFerry.Bench.Micro.csproj" -c Release -v quiet -nologo \
    >"$RESULTS/build.log" 2>&1 </dev/null || { tail -n 30 "$RESULTS/build.log" >&2; fail "build failed (bench/results/build.log)"; }

# True when harness section $1 runs (no --only, or listed in one).
runs_section() {
    [ -z "$ONLY" ] || printf ',%s,' "$ONLY" | tr -d ' ' | grep -q ",$1,"
}

if runs_section 2 || runs_section 3; then
    # graphile-worker, the peer of sections 2 and 3 (pinned in bench/peers/package-lock.json). A failed install is
    # not a failed run: the table then says graphile-worker was not measured.
    PEERS="$ROOT/bench/peers"
    if ! command -v npm >/dev/null 2>&1; then
        echo "bench.sh: npm not found; graphile-worker will not be measured" >&2
    elif [ ! -d "$PEERS/node_modules/graphile-worker" ] || [ "$PEERS/package-lock.json" -nt "$PEERS/node_modules/.package-lock.json" ]; then
        echo "bench.sh: installing the graphile-worker peer (npm ci --prefix bench/peers; log: bench/results/npm.log)"
        if npm ci --prefix "$PEERS" --no-audit --no-fund >"$RESULTS/npm.log" 2>&1 </dev/null; then
            HARNESS_ARGS+=(--peers "$PEERS")
        else
            echo "bench.sh: npm ci failed (bench/results/npm.log); graphile-worker will not be measured" >&2
        fi
    else
        echo "bench.sh: graphile-worker peer already installed (bench/peers/node_modules is up to date)"
        HARNESS_ARGS+=(--peers "$PEERS")
    fi
fi

if runs_section 2; then
    if smtp_start "$TMP/mail" "$RESULTS/smtp.log"; then
        HARNESS_ARGS+=(--smtp "127.0.0.1:$SMTP_PORT" --smtp-maildir "$TMP/mail" --smtp-pid "$SMTP_PID")
    else
        echo "bench.sh: the test SMTP server did not start; section 2 measures the null transport only" >&2
    fi
fi

# Section 5 (API): the silo runs as its own process from its Release output, loaded by wrk.
if runs_section 5; then
    dotnet build "$ROOT/src/Silo/RoleFerry.Silo.csproj" -c Release -v quiet -nologo \
        >>"$RESULTS/build.log" 2>&1 </dev/null || { tail -n 30 "$RESULTS/build.log" >&2; fail "silo build failed (bench/results/build.log)"; }
    if ! command -v wrk >/dev/null 2>&1; then
        echo "bench.sh: wrk is missing; installing the Debian package"
        apt_install wrk >>"$RESULTS/build.log" 2>&1 || echo "bench.sh: could not install wrk; section 5 will fail" >&2
    fi
fi

pg_start_free --fast --max-connections 300 --stat-statements "$TMP/pg" || fail "could not start PostgreSQL"
ADMIN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export ROLEFERRY_BENCH_DOTNET_SDK
ROLEFERRY_BENCH_DOTNET_SDK="$(dotnet --version 2>/dev/null)"

# PostgreSQL ceiling on this machine: pgbench's TPC-B-like write test and its select-only variant.
echo "bench.sh: pgbench -i -s 1, then -c 8 -j 2 -T $PGBENCH_SECONDS (-S select-only, then TPC-B-like)"
PGBENCH_OUT="$TMP/pgbench.txt"
{
    echo "clients=8"
    echo "seconds=$PGBENCH_SECONDS"
} >"$PGBENCH_OUT"
pg_ensure_database "$PG_PORT" pgbench 2>/dev/null || fail "could not create the pgbench database"
pgbench_run() {
    "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@" pgbench 2>&1
}
if pgbench_run -i -s 1 -q >"$RESULTS/pgbench.log"; then
    for test in select_only tpcb; do
        flags=()
        [ "$test" = select_only ] && flags=(-S)
        out="$(pgbench_run -c 8 -j 2 -T "$PGBENCH_SECONDS" "${flags[@]}")"
        printf '%s\n' "--- pgbench -c 8 -j 2 -T $PGBENCH_SECONDS ${flags[*]}" "$out" >>"$RESULTS/pgbench.log"
        tps="$(printf '%s\n' "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')"
        [ -n "$tps" ] && echo "${test}_tps=$tps" >>"$PGBENCH_OUT"
        echo "bench.sh: pgbench $test: ${tps:-failed} tps"
    done
else
    echo "bench.sh: pgbench -i failed (bench/results/pgbench.log); the table will say so" >&2
fi

echo "bench.sh: BenchmarkDotNet micro-benchmarks (log: bench/results/micro.log)"
MICRO_OUT="$TMP/micro.txt"
dotnet "$ROOT/bench/RoleFerry.Bench.Micro/bin/Release/net10.0/RoleFerry.Bench.Micro.dll" --pg "$ADMIN" "${QUICK[@]}" \
    --out "$MICRO_OUT" --artifacts "$TMP/BenchmarkDotNet.Artifacts" >"$RESULTS/micro.log" 2>&1 </dev/null \
    || echo "bench.sh: the micro-benchmarks failed (bench/results/micro.log); the table will say so" >&2

echo "bench.sh: harness ($MODE)"
dotnet "$ROOT/bench/RoleFerry.Bench/bin/Release/net10.0/RoleFerry.Bench.dll" --pg "$ADMIN" "${QUICK[@]}" \
    --micro "$MICRO_OUT" --pgbench "$PGBENCH_OUT" --out "$RESULTS/$MODE.md" "${HARNESS_ARGS[@]}" </dev/null
RC=$?
[ "$RC" -eq 0 ] || echo "bench.sh: the harness failed with exit code $RC" >&2
echo "bench.sh: done in $((SECONDS - STARTED)) s; table in bench/results/$MODE.md"
exit "$RC"
