# shellcheck shell=bash
# Installing missing Debian packages for run.sh, test.sh and .ci/run. Source this file.
#
#   apt_install PKG...        apt-get install -y (runs apt-get update once first); waits for the apt/dpkg lock
#   ensure_aiosmtpd           python3-aiosmtpd for Debian's /usr/bin/python3 (the test SMTP server)
#   ensure_spamassassin       Debian's spamassassin (the email tests score a real step email with `spamassassin -L -t`)
#   ensure_postgres_binaries  postgresql-15 server binaries in /usr/lib/postgresql/15/bin
#   ensure_chromium           Debian's chromium at /usr/bin/chromium (the browser tests drive it; resume tests print PDFs with it)
#   ensure_qpdf               Debian's qpdf (the resume tests encrypt a PDF with it)
#   ensure_redocly DIR        the Redocly CLI pinned in DIR/package-lock.json (npm ci), for the OpenAPI lint test
#   ensure_dovecot            Debian's Dovecot IMAP server (dovecot-imapd) at /usr/sbin/dovecot (the inbox tests read it)
#   require_dotnet            fail with a clear message when the dotnet CLI is missing

_deps_log() { echo "[deps] $*" >&2; }

_DEPS_APT_UPDATED=0

_deps_sudo() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        _deps_log "need root (or sudo) to run: $*"
        return 1
    fi
}

# Run an apt-get command, retrying while another apt/dpkg process holds its lock (up to ~10 minutes).
_deps_apt_get() {
    local rc log
    log=$(mktemp) || return 1
    for _ in $(seq 1 60); do
        _deps_sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@" </dev/null 2>&1 \
            | tee "$log" >&2
        rc=${PIPESTATUS[0]}
        if [ "$rc" -ne 0 ] && grep -q "Could not get lock\|Unable to lock\|is another process using it" "$log"; then
            _deps_log "apt is busy (another install is running); retrying in 10 s..."
            sleep 10
            continue
        fi
        rm -f "$log"
        return "$rc"
    done
    rm -f "$log"
    _deps_log "gave up waiting for the apt lock"
    return 1
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || { _deps_log "apt-get not found; please install: $*"; return 1; }
    if [ "$_DEPS_APT_UPDATED" -eq 0 ]; then
        _deps_log "apt-get update"
        _deps_apt_get update || return 1
        _DEPS_APT_UPDATED=1
    fi
    _deps_log "apt-get install -y $*"
    _deps_apt_get install -y --no-install-recommends "$@"
}

ensure_aiosmtpd() {
    if /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
        return 0
    fi
    _deps_log "python3-aiosmtpd is missing (needed by the test SMTP server); installing it with apt"
    apt_install python3-aiosmtpd || return 1
    /usr/bin/python3 -c "import aiosmtpd" || { _deps_log "aiosmtpd still not importable by /usr/bin/python3"; return 1; }
    _deps_log "python3-aiosmtpd installed"
}

ensure_spamassassin() {
    if command -v spamassassin >/dev/null 2>&1; then
        return 0
    fi
    _deps_log "spamassassin is missing (the email tests score a composed message with it); installing it with apt"
    apt_install spamassassin || return 1
    command -v spamassassin >/dev/null 2>&1 || { _deps_log "spamassassin still not on PATH"; return 1; }
    _deps_log "spamassassin installed"
}

ensure_postgres_binaries() {
    local bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
    if [ -x "$bin/pg_ctl" ] && [ -x "$bin/initdb" ] && [ -x "$bin/psql" ]; then
        return 0
    fi
    _deps_log "PostgreSQL 15 binaries are missing in $bin; installing postgresql-15 with apt"
    apt_install postgresql-15 || return 1
}

ensure_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return 0
    fi
    _deps_log "chromium is missing (needed by the dashboard's browser test); installing Debian's chromium with apt"
    apt_install chromium || return 1
    [ -x /usr/bin/chromium ] || { _deps_log "/usr/bin/chromium is still missing"; return 1; }
    _deps_log "chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
}

ensure_qpdf() {
    if command -v qpdf >/dev/null 2>&1; then
        return 0
    fi
    _deps_log "qpdf is missing (the resume tests encrypt a PDF with it); installing it with apt"
    apt_install qpdf || return 1
    command -v qpdf >/dev/null 2>&1 || { _deps_log "qpdf still not on PATH"; return 1; }
}

ensure_redocly() {
    local dir="$1"
    local pinned installed
    pinned=$(sed -n 's/.*"@redocly\/cli": *"\([^"]*\)".*/\1/p' "$dir/package.json" | head -n 1)
    installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/@redocly/cli/package.json" 2>/dev/null | head -n 1)
    if [ -x "$dir/node_modules/.bin/redocly" ] && [ -n "$pinned" ] && [ "$installed" = "$pinned" ]; then
        return 0
    fi
    command -v npm >/dev/null 2>&1 || { _deps_log "npm is not on PATH (needed to install the Redocly CLI for the OpenAPI lint test)"; return 1; }
    _deps_log "installing the Redocly CLI $pinned in $dir (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2) || return 1
    [ -x "$dir/node_modules/.bin/redocly" ] || { _deps_log "$dir/node_modules/.bin/redocly is still missing"; return 1; }
}

ensure_dovecot() {
    if [ -x /usr/sbin/dovecot ] && [ -x /usr/bin/doveadm ] && [ -e /usr/lib/dovecot/imap ]; then
        return 0
    fi
    _deps_log "Dovecot's IMAP server is missing (the inbox tests read mailboxes from it); installing dovecot-imapd with apt"
    apt_install dovecot-imapd || return 1
    [ -x /usr/sbin/dovecot ] || { _deps_log "/usr/sbin/dovecot is still missing"; return 1; }
    _deps_log "dovecot-imapd installed: $(/usr/sbin/dovecot --version 2>/dev/null)"
}

require_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        _deps_log "the dotnet CLI is not on PATH; install the .NET SDK 10.0.401 (see global.json)"
        return 1
    fi
}
