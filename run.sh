#!/usr/bin/env bash
# Starts RoleFerry locally.
#   - If ConnectionStrings__RoleFerry is set, it is used as is.
#   - Otherwise a private PostgreSQL 15 (from /usr/lib/postgresql/15/bin) is started with its data in ./.data/pg
#     (kept between runs) on a free local port, the database "roleferry" is created if missing, and
#     ConnectionStrings__RoleFerry="Host=127.0.0.1;Port=N;Username=postgres;Database=roleferry" is exported.
#   - Then: dotnet run --project src/Silo -c Release -- --urls http://127.0.0.1:5080 (ROLEFERRY_URLS overrides
#     the URL list, e.g. ROLEFERRY_URLS="http://0.0.0.0:8080"). The silo applies the migrations at start-up.
# Ctrl-C (or SIGTERM) stops the silo first, then the private PostgreSQL. Extra arguments go to the silo.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/pg.sh
. "$ROOT/scripts/pg.sh"
# shellcheck source=scripts/deps.sh
. "$ROOT/scripts/deps.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
URLS="${ROLEFERRY_URLS:-http://127.0.0.1:5080}"
PG_DIR="$ROOT/.data/pg"

log() { echo "[run] $*" >&2; }

OWN_PG=0      # 1 when this script started the private PostgreSQL (and so must stop it)
SILO_PID=""
READY_PID=""
CLEANED=0

stop_silo() {
    [ -n "$SILO_PID" ] || return 0
    local i
    if kill -0 "$SILO_PID" 2>/dev/null; then
        log "stopping the silo..."
        # The silo runs in its own process group (setsid): signal dotnet run and the app it started.
        kill -TERM -- "-$SILO_PID" 2>/dev/null || kill -TERM "$SILO_PID" 2>/dev/null
    fi
    # Wait for every process of the group (the app may outlive `dotnet run`), at most 45 s.
    for i in $(seq 1 450); do
        kill -0 -- "-$SILO_PID" 2>/dev/null || kill -0 "$SILO_PID" 2>/dev/null || break
        [ $((i % 100)) -ne 0 ] || log "still waiting for the silo to shut down..."
        sleep 0.1
    done
    if kill -0 -- "-$SILO_PID" 2>/dev/null; then
        log "the silo did not stop in time; killing it"
        kill -KILL -- "-$SILO_PID" 2>/dev/null
    fi
    wait "$SILO_PID" 2>/dev/null
    SILO_PID=""
}

cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    if [ -n "$READY_PID" ]; then kill "$READY_PID" 2>/dev/null; wait "$READY_PID" 2>/dev/null; fi
    stop_silo
    if [ "$OWN_PG" -eq 1 ]; then pg_stop "$PG_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_dotnet || exit 1
[ -d "$ROOT/src/Silo" ] || { log "src/Silo not found"; exit 1; }

if [ -n "${ConnectionStrings__RoleFerry:-}" ]; then
    log "using ConnectionStrings__RoleFerry from the environment"
else
    ensure_postgres_binaries || exit 1
    if pg_is_running "$PG_DIR"; then
        PG_PORT="$(pg_running_port "$PG_DIR")"
        log "the private PostgreSQL in $PG_DIR is already running on port $PG_PORT (another run.sh?); reusing it"
    else
        pg_start_free "$PG_DIR" || { log "could not start the private PostgreSQL (log: $PG_DIR/postmaster.log)"; exit 1; }
        OWN_PG=1
    fi
    pg_ensure_database "$PG_PORT" roleferry || exit 1
    export ConnectionStrings__RoleFerry="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=roleferry"
    log "ConnectionStrings__RoleFerry=$ConnectionStrings__RoleFerry"
fi

# The first URL, with a wildcard host replaced by 127.0.0.1, is where we tell the user to look.
BASE="${URLS%%;*}"
BASE="$(printf '%s' "$BASE" | sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#://127.0.0.1\2#; s#/+$##')"

print_urls() {
    echo
    echo "  RoleFerry API   $BASE"
    echo "  Swagger UI      $BASE/swagger"
    echo "  Readiness       $BASE/health/ready"
    echo "  Ctrl-C stops the silo$( [ "$OWN_PG" -eq 1 ] && echo " and the private PostgreSQL")."
    echo
}

log "building and starting the silo (dotnet run --project src/Silo -c Release -- --urls $URLS)"
print_urls
if command -v setsid >/dev/null 2>&1; then
    setsid dotnet run --project src/Silo -c Release -- --urls "$URLS" "$@" </dev/null &
else
    dotnet run --project src/Silo -c Release -- --urls "$URLS" "$@" </dev/null &
fi
SILO_PID=$!

# Announce readiness once /health/ready answers 200 (the first run also builds the solution).
if command -v curl >/dev/null 2>&1; then
    (
        for _ in $(seq 1 600); do
            if curl -fsS -o /dev/null --max-time 2 "$BASE/health/ready" 2>/dev/null; then
                log "RoleFerry is ready at $BASE (swagger: $BASE/swagger)"
                exit 0
            fi
            sleep 1
        done
    ) &
    READY_PID=$!
fi

wait "$SILO_PID"
RC=$?
SILO_PID=""
log "the silo exited with code $RC"
exit "$RC"
