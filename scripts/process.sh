# shellcheck shell=bash
# Process helpers shared by pg.sh, smtp.sh and imap.sh. Source this file; it defines functions only.
#
#   free_port               print a free TCP port on 127.0.0.1
#   stop_process PID NAME   SIGTERM PID and wait (SIGKILL after 10 s); NAME is for the log line

free_port() {
    local port
    if port=$(/usr/bin/python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null) && [ -n "$port" ]; then
        echo "$port"
        return 0
    fi
    # Fallback without python: probe random ports; a refused connection means nobody listens there.
    local i
    for i in $(seq 1 200); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "[process] no free TCP port found" >&2
    return 1
}

stop_process() {
    local pid="$1" name="$2" i
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "[process] $name did not stop on SIGTERM; killing it" >&2
            kill -KILL "$pid" 2>/dev/null
        fi
    fi
    wait "$pid" 2>/dev/null
}
