#!/usr/bin/env bash
# Runs the whole RoleFerry test suite against real servers started just for this run:
#   - a throwaway PostgreSQL 15 cluster (fsync off) on a free port, in a temp folder
#   - the scripted test SMTP server (tests/smtp/roleferry_smtp.py) on a free port, writing into the temp folder
#   - Debian's Dovecot IMAP server (scripts/imap.sh) on a free port, with a throwaway mail folder and users file
# (installing, when missing, python3-aiosmtpd, postgresql-15, Debian's chromium for the browser tests and resume PDFs, qpdf,
# dovecot-imapd and, with npm, the Redocly CLI pinned in tests/openapi for the OpenAPI lint test) and exports for the tests:
#   ROLEFERRY_TEST_PG         Host=127.0.0.1;Port=N;Username=postgres;Database=postgres  (tests create their own DBs)
#   ROLEFERRY_TEST_SMTP_HOST  127.0.0.1
#   ROLEFERRY_TEST_SMTP_PORT  N
#   ROLEFERRY_TEST_SMTP_DIR   folder receiving one <uuid>.eml per accepted message
#   ROLEFERRY_TEST_IMAP_HOST  127.0.0.1
#   ROLEFERRY_TEST_IMAP_PORT  N (plain IMAP, no TLS)
#   ROLEFERRY_TEST_IMAP_USERS Dovecot's passwd-file: tests add a user by appending "address:{PLAIN}password"
#   ROLEFERRY_TEST_IMAP_CONF  the server's dovecot.conf (for doveadm -c, e.g. to change a folder's UIDVALIDITY)
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Mailbox").
# The .trx files, the server logs and the web app's page screenshots (tests/Web.Tests: screenshots/NAME.png at
# 1280x800) are copied to ./TestResults/ (or $ROLEFERRY_TEST_RESULTS) after the run.
# The last line printed is exactly "N passed, N failed, N skipped"; the exit code is non-zero when a test
# failed, when dotnet test failed (e.g. a build error) or when no test ran.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/pg.sh
. "$ROOT/scripts/pg.sh"
# shellcheck source=scripts/deps.sh
. "$ROOT/scripts/deps.sh"
# shellcheck source=scripts/smtp.sh
. "$ROOT/scripts/smtp.sh"
# shellcheck source=scripts/imap.sh
. "$ROOT/scripts/imap.sh"
# shellcheck source=scripts/trx.sh
. "$ROOT/scripts/trx.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SOLUTION=""
for candidate in RoleFerry.sln RoleFerry.slnx; do
    if [ -f "$candidate" ]; then SOLUTION="$candidate"; break; fi
done
RESULTS_OUT="${ROLEFERRY_TEST_RESULTS:-$ROOT/TestResults}"

TMP=""
CLEANED=0
SAVE_RESULTS=0
# Keep the evidence: .trx files and both server logs survive the temp folder.
save_results() {
    mkdir -p "$RESULTS_OUT" 2>/dev/null || { echo "test.sh: cannot create $RESULTS_OUT" >&2; return 0; }
    rm -f "$RESULTS_OUT"/*.trx "$RESULTS_OUT/postgresql.log" "$RESULTS_OUT/smtp.log" "$RESULTS_OUT/dovecot.log"
    rm -rf "$RESULTS_OUT/screenshots"
    find "$TMP/results" -name '*.trx' -exec cp {} "$RESULTS_OUT/" \; 2>/dev/null
    cp "$TMP/pg/postmaster.log" "$RESULTS_OUT/postgresql.log" 2>/dev/null
    cp "$TMP/smtp.log" "$RESULTS_OUT/smtp.log" 2>/dev/null
    cp "$TMP/dovecot.log" "$RESULTS_OUT/dovecot.log" 2>/dev/null
    if [ -d "$ROOT/tests/Web.Tests/bin/Release/net10.0/screenshots" ]; then
        cp -r "$ROOT/tests/Web.Tests/bin/Release/net10.0/screenshots" "$RESULTS_OUT/screenshots" 2>/dev/null
    fi
}
cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    smtp_stop
    imap_stop
    if [ -n "$TMP" ]; then
        pg_stop "$TMP/pg"
        [ "$SAVE_RESULTS" -eq 1 ] && save_results
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT
trap 'echo "test.sh: terminated" >&2; exit 143' TERM

fail_setup() {
    echo "test.sh: $*" >&2
    cleanup
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
}

[ -n "$SOLUTION" ] || fail_setup "RoleFerry.sln not found in $ROOT"
require_dotnet || fail_setup "dotnet is missing"
ensure_aiosmtpd || fail_setup "python3-aiosmtpd is missing and could not be installed"
ensure_spamassassin || fail_setup "spamassassin is missing and could not be installed"
ensure_postgres_binaries || fail_setup "PostgreSQL 15 binaries are missing and could not be installed"
ensure_chromium || fail_setup "chromium (for the browser tests and the resume PDFs) is missing and could not be installed"
ensure_qpdf || fail_setup "qpdf (the resume tests encrypt a PDF with it) is missing and could not be installed"
ensure_redocly "$ROOT/tests/openapi" || fail_setup "the Redocly CLI (for the OpenAPI lint test) is missing and could not be installed"
ensure_dovecot || fail_setup "dovecot-imapd (the inbox tests' IMAP server) is missing and could not be installed"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/roleferry-test.XXXXXX")" || fail_setup "mktemp failed"
chmod 755 "$TMP"   # the postgres OS user must be able to reach $TMP/pg

# 500: the 3-silo failover test alone fills 300 connections (3 silos x a pool of 100), and test classes run beside it.
pg_start_free --fast --max-connections 500 "$TMP/pg" || fail_setup "could not start PostgreSQL"
smtp_start "$TMP/mail" "$TMP/smtp.log" || fail_setup "could not start the test SMTP server"
imap_start "$TMP/imap" "$TMP/dovecot.log" || fail_setup "could not start the test IMAP server (Dovecot)"

export ROLEFERRY_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export ROLEFERRY_TEST_SMTP_HOST=127.0.0.1
export ROLEFERRY_TEST_SMTP_PORT="$SMTP_PORT"
export ROLEFERRY_TEST_SMTP_DIR="$TMP/mail"
echo "test.sh: ROLEFERRY_TEST_PG=$ROLEFERRY_TEST_PG"
echo "test.sh: ROLEFERRY_TEST_SMTP_HOST=$ROLEFERRY_TEST_SMTP_HOST ROLEFERRY_TEST_SMTP_PORT=$ROLEFERRY_TEST_SMTP_PORT"
echo "test.sh: ROLEFERRY_TEST_SMTP_DIR=$ROLEFERRY_TEST_SMTP_DIR"
export ROLEFERRY_TEST_IMAP_HOST=127.0.0.1
export ROLEFERRY_TEST_IMAP_PORT="$IMAP_PORT"
export ROLEFERRY_TEST_IMAP_USERS="$TMP/imap/users"
export ROLEFERRY_TEST_IMAP_CONF="$IMAP_CONF"
echo "test.sh: ROLEFERRY_TEST_IMAP_HOST=$ROLEFERRY_TEST_IMAP_HOST ROLEFERRY_TEST_IMAP_PORT=$ROLEFERRY_TEST_IMAP_PORT"
echo "test.sh: ROLEFERRY_TEST_IMAP_USERS=$ROLEFERRY_TEST_IMAP_USERS ROLEFERRY_TEST_IMAP_CONF=$ROLEFERRY_TEST_IMAP_CONF"

echo "test.sh: dotnet test $SOLUTION -c Release $*"
SAVE_RESULTS=1
dotnet test "$SOLUTION" -c Release --logger "trx" --results-directory "$TMP/results" "$@" </dev/null
DOTNET_RC=$?

SUMMARY="$(trx_summary "$TMP/results")"
TRX_RC=$?

cleanup

RC=0
if [ "$DOTNET_RC" -ne 0 ]; then
    echo "test.sh: dotnet test exited with code $DOTNET_RC"
    RC=1
fi
case "$TRX_RC" in
    0) ;;
    1) RC=1 ;;
    2) echo "test.sh: no test ran"; RC=1 ;;
    *) echo "test.sh: some .trx result files could not be read"; RC=1 ;;
esac
echo "test.sh: results and server logs in $RESULTS_OUT"
printf '%s\n' "$SUMMARY"
exit "$RC"
