# shellcheck shell=bash
# The scripted test SMTP server (tests/smtp/roleferry_smtp.py) for test.sh. Source this file.
#
#   smtp_start MAILDIR LOGFILE   start it on 127.0.0.1 and a free port; sets SMTP_PORT and SMTP_PID
#   smtp_stop                    SIGTERM it and wait (SIGKILL after 10 s); no-op when not started

_SMTP_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/smtp/roleferry_smtp.py"

_smtp_log() { echo "[smtp] $*" >&2; }

# shellcheck source=scripts/process.sh
. "$(dirname "${BASH_SOURCE[0]}")/process.sh"

smtp_start() {
    local maildir="$1" logfile="$2" portfile i
    mkdir -p "$maildir" || return 1
    portfile="$maildir.port"
    rm -f "$portfile"
    # Port 0: the kernel picks a free port and the server reports it in the port file (no race).
    /usr/bin/python3 "$_SMTP_SCRIPT" --host 127.0.0.1 --port 0 --maildir "$maildir" --port-file "$portfile" \
        </dev/null >"$logfile" 2>&1 &
    SMTP_PID=$!
    for i in $(seq 1 100); do
        if [ -s "$portfile" ]; then
            SMTP_PORT=$(cat "$portfile")
            rm -f "$portfile"
            export SMTP_PORT SMTP_PID
            _smtp_log "test SMTP server running on 127.0.0.1:$SMTP_PORT (pid $SMTP_PID, messages: $maildir)"
            return 0
        fi
        if ! kill -0 "$SMTP_PID" 2>/dev/null; then break; fi
        [ "$i" -eq 100 ] || sleep 0.1
    done
    _smtp_log "the test SMTP server did not start; its log:"
    cat "$logfile" >&2
    smtp_stop
    return 1
}

smtp_stop() {
    [ -n "${SMTP_PID:-}" ] || return 0
    stop_process "$SMTP_PID" "the test SMTP server"
    SMTP_PID=""
}
