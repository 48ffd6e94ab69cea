#!/usr/bin/env bash
# RoleFerry chaos run (BENCHMARKS.md, "Chaos"): real silo processes on one PostgreSQL, a silo killed with SIGKILL
# while step 1 is being sent and started again, then PostgreSQL restarted while steps are being sent. Not part of
# ./test.sh. Prints the figures of each phase and ends with PASS (0 duplicates, 0 lost, 0 cap violations) or FAIL.
#
#   bench/chaos/chaos.sh                       3 silos, 2,000 contacts, then 500 more across a PostgreSQL restart
#   bench/chaos/chaos.sh --contacts 300 --pg-contacts 100     a smaller run
#
# Steps: a throwaway PostgreSQL (scripts/pg.sh, on a free port, in a temp folder) and the test SMTP sink
# (tests/smtp/roleferry_smtp.py); `./run.sh --silos 3` against them (ports 5080-5082, 11111-11113, 30000-30002);
# bench/chaos/chaos.py drives the API and reports. The figures are also written to bench/results/chaos.json.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/pg.sh
. "$ROOT/scripts/pg.sh"
# shellcheck source=scripts/deps.sh
. "$ROOT/scripts/deps.sh"
# shellcheck source=scripts/smtp.sh
. "$ROOT/scripts/smtp.sh"

SILOS=3
TMP="$(mktemp -d "${TMPDIR:-/tmp}/roleferry-chaos.XXXXXX")" || exit 1
chmod 755 "$TMP"
RUN_PID=""
CLEANED=0
cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    if [ -n "$RUN_PID" ]; then
        kill -TERM "$RUN_PID" 2>/dev/null
        wait "$RUN_PID" 2>/dev/null
    fi
    # A silo restarted by hand is not run.sh's: stop it too.
    pkill -TERM -f "RoleFerry.Silo.dll --urls http://127.0.0.1:5081" 2>/dev/null
    smtp_stop
    pg_stop "$TMP/pg"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_dotnet || exit 1
ensure_aiosmtpd || exit 1
ensure_postgres_binaries || exit 1

pg_start_free --fast --max-connections 300 "$TMP/pg" || exit 1
pg_ensure_database "$PG_PORT" roleferry || exit 1
smtp_start "$TMP/mail" "$TMP/smtp.log" || exit 1

export ConnectionStrings__RoleFerry="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=roleferry"
export RoleFerry__Quotas__Tiers__enterprise__MaxActiveSequences=100000
export RoleFerry__Quotas__Tiers__enterprise__MaxSendsPerDay=100000
export ASPNETCORE_ENVIRONMENT=Development

./run.sh --silos "$SILOS" >"$TMP/run.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 1 600); do
    grep -q "RoleFerry is ready" "$TMP/run.log" && break
    kill -0 "$RUN_PID" 2>/dev/null || { cat "$TMP/run.log"; echo "chaos: run.sh exited" >&2; exit 1; }
    sleep 1
done
grep -q "RoleFerry is ready" "$TMP/run.log" || { echo "chaos: the silos were not ready in 10 minutes" >&2; exit 1; }
VICTIM_PID="$(sed -n 's/.*silo 1: .*(pid \([0-9]*\);.*/\1/p' "$TMP/run.log" | head -1)"

# Silo 1 started again by hand, with the ports it had (README, "Running several silos").
cat >"$TMP/restart-silo1.sh" <<EOF
cd "$ROOT/src/Silo/bin/Release/net10.0" || exit 1
RoleFerry__Cluster__SiloPort=11112 RoleFerry__Cluster__GatewayPort=30001 RoleFerry__Cluster__AdvertisedAddress=127.0.0.1 \\
    exec dotnet RoleFerry.Silo.dll --urls http://127.0.0.1:5081 >"$TMP/silo1-restarted.log" 2>&1
EOF
cat >"$TMP/grant-admin.sh" <<EOF
cd "$ROOT/src/Silo/bin/Release/net10.0" || exit 1
exec dotnet RoleFerry.Silo.dll admin grant "\$1"
EOF
cat >"$TMP/restart-pg.sh" <<EOF
. "$ROOT/scripts/pg.sh"
_pg_as_owner "\$PG_BIN/pg_ctl" restart -w -t 60 -m fast -D "$TMP/pg" -l "$TMP/pg/postmaster.log" >/dev/null
EOF

mkdir -p "$ROOT/bench/results"
CHAOS_HTTP_PORTS="$(seq -s, 5080 $((5080 + SILOS - 1)))" \
CHAOS_PG_PORT="$PG_PORT" CHAOS_DATABASE=roleferry CHAOS_MAILDIR="$TMP/mail" CHAOS_SMTP_PORT="$SMTP_PORT" \
CHAOS_ADMIN_EMAIL="ops@chaos.test" CHAOS_VICTIM_PID="$VICTIM_PID" CHAOS_VICTIM_SILO_PORT=11112 \
CHAOS_RESTART_SCRIPT="$TMP/restart-silo1.sh" CHAOS_GRANT_ADMIN_SCRIPT="$TMP/grant-admin.sh" CHAOS_PG_RESTART_SCRIPT="$TMP/restart-pg.sh" \
CHAOS_RESULTS="$ROOT/bench/results/chaos.json" \
    python3 "$ROOT/bench/chaos/chaos.py" "$@"
