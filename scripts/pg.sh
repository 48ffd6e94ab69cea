# shellcheck shell=bash
# Private PostgreSQL clusters for run.sh and test.sh, built from the installed binaries.
# Source this file; it defines functions only and changes no shell options.
#
#   free_port                      print a free TCP port on 127.0.0.1 (scripts/process.sh)
#   pg_start [opts] DIR PORT       initdb DIR if it holds no cluster yet, then start it on 127.0.0.1:PORT
#       --fast                     fsync/synchronous_commit/full_page_writes off: throwaway test clusters ONLY
#       --max-connections N        default 200
#       --stat-statements          preload pg_stat_statements (statement counts; bench.sh uses it)
#   pg_start_free [opts] DIR       pg_start on a free port (retries if the port was taken meanwhile); sets PG_PORT
#   pg_stop DIR                    stop the cluster in DIR (fast shutdown), no-op when it is not running
#   pg_is_running DIR              exit 0 when the cluster in DIR is running
#   pg_running_port DIR            print the port of the running cluster in DIR
#   pg_psql PORT [psql args...]    psql as postgres over TCP, stops on the first error
#   pg_ensure_database PORT NAME   create database NAME unless it exists
#   pg_private_dir ROOT            print where run.sh keeps the private cluster of the checkout at ROOT:
#                                  ROOT/.data/pg, unless run as root from a folder the postgres OS user cannot
#                                  reach (a clone in root's mode-700 home): then /var/lib/roleferry/NAME-HASH/pg
#                                  (NAME: the checkout folder's name, HASH: 8 hex digits of its path). A cluster
#                                  already in ROOT/.data/pg is kept there.
#
# The cluster trusts local TCP connections for every user (initdb -A trust) and listens on 127.0.0.1 only;
# its unix socket lives inside DIR (disabled if that path is too long for a socket). Server log: DIR/postmaster.log.
# As root the server runs as the `postgres` OS user (DIR is chown'ed to it); as any other user, as that user.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# shellcheck source=scripts/process.sh
. "$(dirname "${BASH_SOURCE[0]}")/process.sh"

_pg_log() { echo "[pg] $*" >&2; }

# Run a command as the OS user that owns the clusters.
_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

pg_is_running() {
    local dir="$1"
    [ -f "$dir/PG_VERSION" ] || return 1
    _pg_as_owner "$PG_BIN/pg_ctl" status -D "$dir" >/dev/null 2>&1
}

pg_running_port() {
    # Line 4 of postmaster.pid is the port.
    sed -n 4p "$1/postmaster.pid" 2>/dev/null
}

_pg_prepare_dir() {
    local dir="$1"
    mkdir -p "$dir" || return 1
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir" || return 1
        chmod 700 "$dir" || return 1
        # Every ancestor must be traversable by postgres (e.g. a mktemp -d folder is 0700 root).
        if ! runuser -u postgres -- test -x "$dir" -a -w "$dir"; then
            local blocker="$dir"
            while [ "$blocker" != "/" ] && ! runuser -u postgres -- test -x "$(dirname "$blocker")"; do
                blocker="$(dirname "$blocker")"
            done
            _pg_log "the postgres OS user cannot reach $dir: it may not enter $blocker"
            _pg_log "fix: chmod o+x $blocker   (or keep the repository outside that folder)"
            return 1
        fi
    fi
}

_pg_init() {
    local dir="$1" locale=C log
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C.UTF-8; fi
    _pg_log "creating a new PostgreSQL cluster in $dir"
    log=$(mktemp) || return 1
    if ! _pg_as_owner "$PG_BIN/initdb" -D "$dir" -A trust -U postgres --encoding=UTF8 --locale="$locale" \
            >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        _pg_log "initdb failed"
        return 1
    fi
    rm -f "$log"
    # Per-start settings (port, fsync, ...) go to an included file rewritten by every pg_start.
    printf "\n# Added by scripts/pg.sh: settings rewritten at every start.\ninclude_if_exists = 'roleferry_runtime.conf'\n" \
        | _pg_as_owner tee -a "$dir/postgresql.conf" >/dev/null
}

pg_start() {
    local fast=0 max_connections=200 stat_statements=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --fast) fast=1; shift ;;
            --stat-statements) stat_statements=1; shift ;;
            --max-connections) max_connections="$2"; shift 2 ;;
            --) shift; break ;;
            -*) _pg_log "pg_start: unknown option $1"; return 2 ;;
            *) break ;;
        esac
    done
    local dir="$1" port="$2"
    if [ -z "$dir" ] || [ -z "$port" ]; then
        _pg_log "usage: pg_start [--fast] [--max-connections N] [--stat-statements] DIR PORT"
        return 2
    fi
    if [ ! -x "$PG_BIN/pg_ctl" ]; then
        _pg_log "PostgreSQL binaries not found in $PG_BIN (apt-get install postgresql-15, or set PG_BIN)"
        return 1
    fi
    dir="$(mkdir -p "$dir" && cd "$dir" && pwd)" || return 1
    _pg_prepare_dir "$dir" || return 1
    if pg_is_running "$dir"; then
        _pg_log "cluster in $dir is already running on port $(pg_running_port "$dir")"
        return 1
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        if [ -n "$(ls -A "$dir")" ]; then
            _pg_log "$dir is not empty and holds no PostgreSQL cluster; refusing to initdb there"
            return 1
        fi
        _pg_init "$dir" || return 1
    fi

    # A unix socket path is limited to 107 bytes; fall back to TCP only when DIR is too deep.
    local sockdir="$dir"
    if [ $(( ${#dir} + 20 )) -gt 107 ]; then sockdir=""; fi
    {
        echo "# Written by scripts/pg.sh at $(date -u +%FT%TZ); do not edit, it is rewritten at every start."
        echo "port = $port"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '${sockdir//\'/\'\'}'"
        echo "max_connections = $max_connections"
        if [ "$fast" -eq 1 ]; then
            echo "# Throwaway test cluster: durability off."
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
        if [ "$stat_statements" -eq 1 ]; then
            echo "shared_preload_libraries = 'pg_stat_statements'"
            echo "pg_stat_statements.max = 10000"
        fi
    } | _pg_as_owner tee "$dir/roleferry_runtime.conf" >/dev/null || return 1

    if ! _pg_as_owner "$PG_BIN/pg_ctl" start -w -t 60 -D "$dir" -l "$dir/postmaster.log" >/dev/null; then
        _pg_log "PostgreSQL failed to start; last lines of $dir/postmaster.log:"
        tail -n 20 "$dir/postmaster.log" >&2 2>/dev/null
        return 1
    fi
    _pg_log "PostgreSQL $(cat "$dir/PG_VERSION") running on 127.0.0.1:$port (data: $dir)"
}

pg_start_free() {
    local opts=() attempt port
    while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
        if [ "$1" = "--max-connections" ]; then opts+=("$1" "$2"); shift 2; else opts+=("$1"); shift; fi
    done
    local dir="$1"
    for attempt in 1 2 3; do
        port=$(free_port) || return 1
        if pg_start "${opts[@]}" "$dir" "$port"; then
            PG_PORT="$port"
            export PG_PORT
            return 0
        fi
        # Only retry when the failure was the port being taken in between.
        grep -q "could not bind\|Address already in use" "$dir/postmaster.log" 2>/dev/null || return 1
        _pg_log "port $port was taken, retrying ($attempt)"
    done
    return 1
}

pg_stop() {
    local dir="$1"
    [ -n "$dir" ] || { _pg_log "usage: pg_stop DIR"; return 2; }
    [ -d "$dir" ] || return 0
    if pg_is_running "$dir"; then
        if _pg_as_owner "$PG_BIN/pg_ctl" stop -D "$dir" -m fast -w -t 60 >/dev/null; then
            _pg_log "PostgreSQL in $dir stopped"
        else
            _pg_log "fast shutdown of $dir failed; forcing an immediate shutdown"
            _pg_as_owner "$PG_BIN/pg_ctl" stop -D "$dir" -m immediate -w -t 30 >/dev/null
        fi
    fi
}

pg_private_dir() {
    local root="$1" dir="$1/.data/pg" hash
    if [ "$(id -u)" -ne 0 ] || [ -f "$dir/PG_VERSION" ] || runuser -u postgres -- test -x "$root" 2>/dev/null; then
        echo "$dir"
        return 0
    fi
    hash="$(printf '%s' "$root" | sha256sum | cut -c1-8)"
    echo "/var/lib/roleferry/$(basename "$root")-$hash/pg"
}

pg_psql() {
    local port="$1"
    shift
    PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

pg_ensure_database() {
    local port="$1" name="$2" exists
    # psql interpolates :'var' / :"var" only in scripts read from stdin or a file, not in -c.
    exists=$(echo "SELECT 1 FROM pg_database WHERE datname = :'name';" \
        | pg_psql "$port" -d postgres -tA -v name="$name") || return 1
    if [ "$exists" != "1" ]; then
        _pg_log "creating database $name"
        echo 'CREATE DATABASE :"name";' | pg_psql "$port" -d postgres -v name="$name" || return 1
    fi
}
