#!/usr/bin/env bash
# Starts RoleFerry locally: one PostgreSQL and N silos that form one Orleans cluster.
#
#   ./run.sh                 one silo: API and dashboard on http://127.0.0.1:5080, its Prometheus endpoint alone on
#                            http://127.0.0.1:9464/metrics
#   ./run.sh --silos 3       three silos: http://127.0.0.1:5080, :5081, :5082 (each serves the whole API and the
#                            dashboard), metrics ports 9464.., silo ports 11111.., gateway ports 30000.. (all on
#                            127.0.0.1 only)
#   ./run.sh admin grant EMAIL    gives the account with this email admin rights (admin revoke EMAIL takes them
#                            back) in the database below, then exits: 0 when the account exists, 1 otherwise.
#                            Running silos see the change within a minute.
#
#   - If ConnectionStrings__RoleFerry is set, it is used as is.
#   - Otherwise a private PostgreSQL 15 (from /usr/lib/postgresql/15/bin) is started with its data in ./.data/pg
#     (kept between runs; as root from a folder the postgres OS user cannot reach, such as a clone in root's
#     mode-700 home: /var/lib/roleferry/<folder>-<hash>/pg, see scripts/pg.sh pg_private_dir) on a free local
#     port, the database "roleferry" is created if missing, and
#     ConnectionStrings__RoleFerry="Host=127.0.0.1;Port=N;Username=postgres;Database=roleferry" is exported.
#   - The silos run in Production (ASPNETCORE_ENVIRONMENT, when set, wins) with secrets of this machine: the first
#     run writes random keys to ./.data/secrets.env (readable by its owner only) and every run exports them, unless
#     the environment already sets them (RoleFerry__Security__SecretKey, RoleFerry__Security__TokenSigningKey,
#     RoleFerry__WebhookSecret). Keep the file: SecretKey encrypts the mailbox passwords.
#   - The silo is built once (dotnet build src/Silo -c Release), then silo i (0-based) runs as its own process with
#       --urls "http://127.0.0.1:$((5080 + i));http://127.0.0.1:$((9464 + i))"   (ROLEFERRY_HTTP_BASE_PORT changes
#       5080, ROLEFERRY_METRICS_BASE_PORT 9464) RoleFerry__Telemetry__MetricsPort=$((9464 + i))
#       RoleFerry__Cluster__SiloPort=$((11111 + i)) RoleFerry__Cluster__GatewayPort=$((30000 + i))
#       RoleFerry__Cluster__AdvertisedAddress=127.0.0.1 (the silo and gateway ports listen on that address only)
#     Every silo applies the pending migrations (under an advisory lock: once) and joins the cluster through
#     Orleans' membership table in PostgreSQL. A silo started by hand with the same connection string and its own
#     ports joins the same cluster (README, "Running several silos").
# It prints each silo's HTTP address and process id, waits until every silo answers /health/ready, and on Ctrl-C
# (or SIGTERM) stops every silo, then the private PostgreSQL. Extra arguments go to every silo.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/pg.sh
. "$ROOT/scripts/pg.sh"
# shellcheck source=scripts/deps.sh
. "$ROOT/scripts/deps.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
HTTP_BASE_PORT="${ROLEFERRY_HTTP_BASE_PORT:-5080}"
METRICS_BASE_PORT="${ROLEFERRY_METRICS_BASE_PORT:-9464}"
PG_DIR="$(pg_private_dir "$ROOT")"
SECRETS_FILE="$ROOT/.data/secrets.env"
# The secrets a silo needs (src/Silo/Hosting/SecretsValidator.cs), each base64 of 32 random bytes.
SECRET_SETTINGS=(RoleFerry__Security__SecretKey RoleFerry__Security__TokenSigningKey RoleFerry__WebhookSecret)
SILO_DLL="$ROOT/src/Silo/bin/Release/net10.0/RoleFerry.Silo.dll"

log() { echo "[run] $*" >&2; }

# This machine's secrets: created on first use (a setting a newer version needs is added), then exported unless the
# environment sets them already.
load_secrets() {
    local setting line key value
    mkdir -p "$(dirname "$SECRETS_FILE")" || return 1
    for setting in "${SECRET_SETTINGS[@]}"; do
        if ! grep -q "^$setting=" "$SECRETS_FILE" 2>/dev/null; then
            [ -f "$SECRETS_FILE" ] || log "writing this machine's secrets to $SECRETS_FILE (keep it: it decrypts the mailbox passwords)"
            (umask 077 && echo "$setting=$(head -c 32 /dev/urandom | base64 -w0)" >>"$SECRETS_FILE") || return 1
        fi
    done
    chmod 600 "$SECRETS_FILE" || return 1
    while read -r line; do
        key="${line%%=*}"
        value="${line#*=}"    # base64 may end in '=': split at the first one only
        if [ -n "$key" ] && [ -z "${!key:-}" ]; then export "$key=$value"; fi
    done <"$SECRETS_FILE"
}

SILOS=1
SILO_ARGS=()
ADMIN_ARGS=()
if [ "${1:-}" = "admin" ]; then
    ADMIN_ARGS=("$@")
    set --
fi
while [ $# -gt 0 ]; do
    case "$1" in
        --silos)
            SILOS="${2:-}"
            shift 2 || { log "--silos needs a number"; exit 2; }
            ;;
        --silos=*) SILOS="${1#--silos=}"; shift ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
        *) SILO_ARGS+=("$1"); shift ;;
    esac
done
if ! [[ "$SILOS" =~ ^[0-9]+$ ]] || [ "$SILOS" -lt 1 ] || [ "$SILOS" -gt 20 ]; then
    log "--silos must be a number from 1 to 20 (got '$SILOS')"
    exit 2
fi

OWN_PG=0      # 1 when this script started the private PostgreSQL (and so must stop it)
SILO_PIDS=()
CLEANED=0

stop_silos() {
    local pid i alive
    for pid in "${SILO_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            # Each silo runs in its own process group (setsid): signal the group.
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
        fi
    done
    [ "${#SILO_PIDS[@]}" -gt 0 ] && log "stopping ${#SILO_PIDS[@]} silo(s)..."
    # Graceful stop hands grains and reminders over; wait at most 45 s, then kill what is left.
    for i in $(seq 1 450); do
        alive=0
        for pid in "${SILO_PIDS[@]}"; do
            if kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; then alive=1; fi
        done
        [ "$alive" -eq 0 ] && break
        [ $((i % 100)) -ne 0 ] || log "still waiting for the silos to shut down..."
        sleep 0.1
    done
    for pid in "${SILO_PIDS[@]}"; do
        if kill -0 -- "-$pid" 2>/dev/null; then
            log "silo $pid did not stop in time; killing it"
            kill -KILL -- "-$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    done
    SILO_PIDS=()
}

cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    stop_silos
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
    log "the private PostgreSQL's data: $PG_DIR"
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

log "building the silo (dotnet build src/Silo -c Release)"
dotnet build "$ROOT/src/Silo/RoleFerry.Silo.csproj" -c Release -v quiet -nologo </dev/null >&2 \
    || { log "the build failed"; exit 1; }

load_secrets || { log "could not write $SECRETS_FILE"; exit 1; }

if [ "${#ADMIN_ARGS[@]}" -gt 0 ]; then
    # The operator command (src/Silo/Commands/AdminCommand.cs) on the same database the silos use; the private
    # PostgreSQL, if this script started it, stops on exit.
    dotnet "$SILO_DLL" "${ADMIN_ARGS[@]}" </dev/null
    exit $?
fi

for i in $(seq 0 $((SILOS - 1))); do
    http="http://127.0.0.1:$((HTTP_BASE_PORT + i))"
    metrics="http://127.0.0.1:$((METRICS_BASE_PORT + i))"
    env RoleFerry__Cluster__SiloPort="$((11111 + i))" \
        RoleFerry__Cluster__GatewayPort="$((30000 + i))" \
        RoleFerry__Cluster__AdvertisedAddress=127.0.0.1 \
        RoleFerry__Telemetry__MetricsPort="$((METRICS_BASE_PORT + i))" \
        setsid dotnet "$SILO_DLL" --contentRoot "$(dirname "$SILO_DLL")" --urls "$http;$metrics" "${SILO_ARGS[@]}" </dev/null &
    SILO_PIDS+=("$!")
    log "silo $i: $http (pid $!; metrics $metrics/metrics, silo port $((11111 + i)), gateway port $((30000 + i)))"
done

# Ready = every silo answers /health/ready (the database is reachable, migrations are applied, the silo is in the
# cluster and serving). Give up after 5 minutes or when a silo exits.
for i in $(seq 0 $((SILOS - 1))); do
    http="http://127.0.0.1:$((HTTP_BASE_PORT + i))"
    ready=0
    for _ in $(seq 1 300); do
        if ! kill -0 "${SILO_PIDS[$i]}" 2>/dev/null; then
            log "silo $i (pid ${SILO_PIDS[$i]}) exited before it was ready"
            exit 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$http/health/ready" 2>/dev/null; then ready=1; break; fi
        sleep 1
    done
    [ "$ready" -eq 1 ] || { log "silo $i at $http was not ready within 5 minutes"; exit 1; }
done

echo
for i in $(seq 0 $((SILOS - 1))); do
    http="http://127.0.0.1:$((HTTP_BASE_PORT + i))"
    echo "  silo $i   $http   (pid ${SILO_PIDS[$i]})   openapi $http/openapi/v1.json   dashboard $http/dashboard   metrics http://127.0.0.1:$((METRICS_BASE_PORT + i))/metrics"
done
echo "  Ctrl-C stops the silos$( [ "$OWN_PG" -eq 1 ] && echo " and the private PostgreSQL")."
echo
log "RoleFerry is ready: $SILOS silo(s)"

# Run until a signal, or until every silo has exited.
while true; do
    alive=0
    for pid in "${SILO_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null && alive=1
    done
    if [ "$alive" -eq 0 ]; then
        log "every silo exited"
        exit 1
    fi
    sleep 1
done
