#!/usr/bin/env python3
"""RoleFerry chaos run: real silo processes, a silo killed with SIGKILL while step 1 is being sent, PostgreSQL
restarted while steps are being sent. Started by bench/chaos/chaos.sh, which starts PostgreSQL, the SMTP sink
and `./run.sh --silos N` and passes their coordinates in the environment.

What it does (all through the public HTTP API, spread round-robin over the silos):
  1. an admin adds mailboxes (sending to the SMTP sink), a user adds a company, a job, an application, a template
     (step 1 at once, step 2 `--step2-delay-hours` later) and `--contacts` contacts;
  2. phase "kill": enrolls every contact; when `--kill-at` of the first steps have reached the SMTP sink, sends
     SIGKILL to silo 1, waits until the cluster declared it dead, starts it again by hand (same ports) and waits
     until every step has been sent or failed;
  3. phase "postgres": enrolls `--pg-contacts` more contacts and restarts PostgreSQL (pg_ctl restart -m fast)
     while their first steps are being sent; waits until every step has been sent or failed.
For each phase it prints, from the database and from the raw messages the SMTP sink received: steps sent,
duplicates (a Message-ID or a (recipient, subject) received twice: must be 0), lost (a step neither sent nor
failed as "outcome unknown" nor canceled behind such a failure: must be 0), outcome unknown, cap violations
(live reservations above a mailbox's daily cap: must be 0), and times (kill → the cluster declared the silo dead;
kill → sending resumed for the steps the dead silo held; kill → every step done).
Exit code 0 when every "must be 0" holds.
"""

import argparse
import concurrent.futures
import datetime
import email.parser
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ENV = os.environ


def log(message):
    print(f"[chaos {datetime.datetime.now(datetime.timezone.utc):%H:%M:%S}] {message}", flush=True)


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


class Sql:
    """psql -At against the run's database (no driver needed)."""

    def __init__(self, port, database):
        self.args = ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"]

    def rows(self, query):
        out = subprocess.run(self.args + ["-c", query], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def scalar(self, query):
        rows = self.rows(query)
        return rows[0][0] if rows else None


class Api:
    """JSON over HTTP to one of the silos, round-robin; a silo that does not answer is skipped (it may be dead)."""

    def __init__(self, ports):
        self.ports = ports
        self.next = 0
        self.lock = threading.Lock()

    def call(self, method, path, body=None, token=None, ok=(200, 201), retries=20):
        data = json.dumps(body).encode() if body is not None else None
        last = None
        for attempt in range(retries):
            with self.lock:
                port = self.ports[self.next % len(self.ports)]
                self.next += 1
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
            request.add_header("content-type", "application/json")
            if token:
                request.add_header("authorization", f"Bearer {token}")
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    text = response.read().decode()
                    return response.status, (json.loads(text) if text else None)
            except urllib.error.HTTPError as error:
                text = error.read().decode()
                if error.code in ok or error.code == 409:
                    return error.code, (json.loads(text) if text else None)
                if error.code < 500:
                    raise RuntimeError(f"{method} {path} -> {error.code}: {text}")
                last = f"{error.code}: {text[:200]}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
                last = str(error)
            time.sleep(0.2 * (attempt + 1))
        raise RuntimeError(f"{method} {path} failed {retries} times: {last}")


def wait_ready(port, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    return False


class Sink:
    """The raw messages the SMTP sink wrote (one .eml each), read once each."""

    def __init__(self, folder):
        self.folder = folder
        self.read = {}

    def messages(self):
        for name in os.listdir(self.folder):
            if name.endswith(".eml") and name not in self.read:
                with open(os.path.join(self.folder, name), "rb") as f:
                    headers = email.parser.BytesHeaderParser().parse(f)
                self.read[name] = (
                    (headers.get("X-RcptTo") or "").strip().lower(),
                    (headers.get("Subject") or "").strip(),
                    (headers.get("Message-ID") or "").strip().strip("<>"),
                )
        return list(self.read.values())

    def count(self):
        return sum(1 for name in os.listdir(self.folder) if name.endswith(".eml"))


def setup(api, sql, args):
    admin_email = ENV["CHAOS_ADMIN_EMAIL"]
    password = "chaos run passphrase"
    api.call("POST", "/api/auth/register", {"email": admin_email, "password": password, "fullName": "Ops", "mode": "recruiter"})
    subprocess.run(["bash", ENV["CHAOS_GRANT_ADMIN_SCRIPT"], admin_email], check=True)   # the operator command
    admin = api.call("POST", "/api/auth/login", {"email": admin_email, "password": password})[1]["accessToken"]
    for i in range(args.mailboxes):
        address = f"sender{i}@mail.chaos.test"
        api.call("POST", "/api/admin/mailboxes", {
            "email": address, "domain": "mail.chaos.test", "smtpHost": "127.0.0.1", "smtpPort": int(ENV["CHAOS_SMTP_PORT"]),
            "smtpUsername": address, "smtpPassword": "x", "useTls": False, "dailyCap": args.daily_cap,
            "warmupEnabled": False, "minGapSeconds": 0}, token=admin)
    user_email = "seeker@chaos.test"
    api.call("POST", "/api/auth/register", {"email": user_email, "password": password, "fullName": "Jamie Seeker", "mode": "job_seeker"})
    sql.rows(f"UPDATE users SET subscription_tier = 'enterprise' WHERE email = '{user_email}'")
    token = api.call("POST", "/api/auth/login", {"email": user_email, "password": password})[1]["accessToken"]
    company = api.call("POST", "/api/companies", {"name": "Chaos Inc", "domain": "chaos-inc.test"}, token=token)[1]["id"]
    job = api.call("POST", "/api/jobs", {"source": "manual", "title": "Platform Engineer", "companyId": company}, token=token)[1]["id"]
    application = api.call("POST", "/api/applications", {"jobId": job}, token=token)[1]["id"]
    template = api.call("POST", "/api/sequence-templates", {
        "name": "chaos", "steps": [
            {"stepNo": 1, "delayHours": 0, "subject": "Hello {{first_name}}", "body": "Step one."},
            {"stepNo": 2, "delayHours": args.step2_delay_hours, "subject": "Again {{first_name}}", "body": "Step two."}],
        "sendingWindow": {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "00:00", "end": "24:00"}}, token=token)[1]["id"]
    return token, company, application, template


def add_contacts(api, token, company, prefix, count):
    def add(i):
        return api.call("POST", "/api/contacts", {
            "companyId": company, "fullName": f"Contact {prefix}{i}", "email": f"{prefix}{i}@contacts.chaos.test", "source": "manual"}, token=token)[1]["id"]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(add, range(count)))


def enroll(api, token, application, template, contacts, on_progress=None):
    def one(contact):
        status, _ = api.call("POST", f"/api/applications/{application}/sequences",
                             {"contactId": contact, "templateId": template, "variables": {}}, token=token)
        if on_progress:
            on_progress()
        return status
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, contacts))


def wait_done(sql, since_ids, timeout):
    """Until no step of these sequences is scheduled or sending (or the timeout)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        left = int(sql.scalar(f"SELECT count(*) FROM outreach WHERE sequence_instance_id > {since_ids} AND status IN ('scheduled', 'sending')"))
        if left == 0:
            return True
        time.sleep(1)
    return False


def report(phase, sql, sink, first_id, prefix, times):
    steps = sql.rows(f"""
        SELECT o.sequence_instance_id, o.step_no, o.status, coalesce(o.error, ''), coalesce(o.message_id, ''),
               coalesce(to_char(o.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '')
        FROM outreach o WHERE o.sequence_instance_id > {first_id}""")
    received = [m for m in sink.messages() if m[0].startswith(prefix)]
    by_id, by_subject = {}, {}
    for rcpt, subject, message_id in received:
        by_id[message_id] = by_id.get(message_id, 0) + 1
        by_subject[(rcpt, subject)] = by_subject.get((rcpt, subject), 0) + 1
    unknown = [s for s in steps if s[2] == "failed" and s[3].startswith("outcome unknown")]
    unknown_sequences = {s[0] for s in unknown}
    sent = [s for s in steps if s[2] in ("sent", "delivered")]
    lost = [s for s in steps if s[2] not in ("sent", "delivered") and s not in unknown
            and not (s[2] == "canceled" and s[0] in unknown_sequences)]
    sent_not_received = [s for s in sent if by_id.get(s[4], 0) == 0]
    duplicates = sum(c - 1 for c in by_id.values() if c > 1) + sum(c - 1 for c in by_subject.values() if c > 1)
    caps = int(sql.scalar("""
        SELECT count(*) FROM (SELECT r.mailbox_id FROM mailbox_reservations r JOIN mailboxes m ON m.id = r.mailbox_id
        WHERE NOT r.released GROUP BY r.mailbox_id, r.day, m.daily_cap HAVING count(*) > m.daily_cap) AS over"""))
    figures = {
        "phase": phase, "steps": len(steps), "sent": len(sent), "received": len(received),
        "duplicates": duplicates, "lost": len(lost) + len(sent_not_received), "outcome_unknown": len(unknown),
        "cap_violations": caps, **times}
    log(f"{phase}: " + ", ".join(f"{k} {v}" for k, v in figures.items() if k != "phase"))
    for s in lost[:10]:
        log(f"  lost: sequence {s[0]} step {s[1]} is {s[2]} ({s[3]})")
    return figures


def kill_phase(api, sql, sink, args, token, company, application, template):
    contacts = add_contacts(api, token, company, "kill", args.contacts)
    first_id = int(sql.scalar("SELECT coalesce(max(id), 0) FROM sequence_instances"))
    victim = ENV["CHAOS_VICTIM_PID"]
    state = {"killed_at": None}
    lock = threading.Lock()

    def maybe_kill():
        with lock:
            if state["killed_at"] is None and sink.count() >= args.kill_at * args.contacts:
                os.kill(int(victim), signal.SIGKILL)
                state["killed_at"] = utcnow()
                log(f"SIGKILL to silo 1 (pid {victim}) after {sink.count()} emails")

    log(f"enrolling {len(contacts)} contacts")
    enroll(api, token, application, template, contacts, on_progress=maybe_kill)
    while state["killed_at"] is None:
        maybe_kill()
        time.sleep(0.05)
    killed_at = state["killed_at"]
    victim_port = ENV["CHAOS_VICTIM_SILO_PORT"]
    while sql.scalar(f"SELECT status FROM orleansmembershiptable WHERE port = {victim_port} ORDER BY generation DESC LIMIT 1") != "6":
        time.sleep(0.2)
    dead_after = (utcnow() - killed_at).total_seconds()
    log(f"the cluster declared silo 1 dead {dead_after:.1f} s after the kill")
    # Steps due before the kill that nobody had sent 10 s after it were held by the dead silo.
    time.sleep(max(0, 10 - (utcnow() - killed_at).total_seconds()))
    held = sql.rows(f"""SELECT o.id FROM outreach o WHERE o.sequence_instance_id > {first_id} AND o.step_no = 1
                        AND o.status IN ('scheduled', 'sending')""")
    held_ids = ",".join(r[0] for r in held) or "0"
    log(f"{len(held)} first steps were still unsent 10 s after the kill (the dead silo's share); restarting silo 1")
    subprocess.Popen(["bash", ENV["CHAOS_RESTART_SCRIPT"]], stdin=subprocess.DEVNULL)
    done = wait_done(sql, first_id, args.timeout)
    resumed = sql.scalar(f"SELECT min(sent_at) FROM outreach WHERE id IN ({held_ids}) AND sent_at IS NOT NULL")
    finished = sql.scalar(f"SELECT max(sent_at) FROM outreach WHERE sequence_instance_id > {first_id} AND step_no = 1")
    times = {
        "dead_after_s": round(dead_after, 1),
        "resumed_after_s": round((datetime.datetime.fromisoformat(resumed) - killed_at).total_seconds(), 1) if resumed else None,
        "step1_done_after_s": round((datetime.datetime.fromisoformat(finished) - killed_at).total_seconds(), 1) if finished else None,
        "held_by_dead_silo": len(held),
        "finished": done,
    }
    return report("kill -9 of a silo", sql, sink, first_id, "kill", times)


def postgres_phase(api, sql, sink, args, token, company, application, template):
    contacts = add_contacts(api, token, company, "pg", args.pg_contacts)
    first_id = int(sql.scalar("SELECT coalesce(max(id), 0) FROM sequence_instances"))
    state = {"restarted": False}
    lock = threading.Lock()

    def maybe_restart():
        with lock:
            if not state["restarted"] and sink.count() >= args.contacts * 2 + args.pg_contacts * 0.3:
                state["restarted"] = True
                log("restarting PostgreSQL (pg_ctl restart -m fast)")
                subprocess.run(["bash", ENV["CHAOS_PG_RESTART_SCRIPT"]], check=False)

    log(f"enrolling {len(contacts)} contacts")
    started = utcnow()
    enroll(api, token, application, template, contacts, on_progress=maybe_restart)
    if not state["restarted"]:
        maybe_restart()
    done = wait_done(sql, first_id, args.timeout)
    return report("PostgreSQL restart", sql, sink, first_id, "pg", {"finished": done, "took_s": round((utcnow() - started).total_seconds(), 1)})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--pg-contacts", type=int, default=500)
    parser.add_argument("--mailboxes", type=int, default=5)
    parser.add_argument("--daily-cap", type=int, default=2000)
    parser.add_argument("--kill-at", type=float, default=0.3, help="fraction of first steps sent when silo 1 is killed")
    parser.add_argument("--step2-delay-hours", type=float, default=0.02)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    ports = [int(p) for p in ENV["CHAOS_HTTP_PORTS"].split(",")]
    api = Api(ports)
    sql = Sql(ENV["CHAOS_PG_PORT"], ENV["CHAOS_DATABASE"])
    sink = Sink(ENV["CHAOS_MAILDIR"])
    token, company, application, template = setup(api, sql, args)
    results = [kill_phase(api, sql, sink, args, token, company, application, template)]
    if args.pg_contacts > 0:
        results.append(postgres_phase(api, sql, sink, args, token, company, application, template))
    with open(ENV.get("CHAOS_RESULTS", "chaos-results.json"), "w") as f:
        json.dump(results, f, indent=2, default=str)
    ok = all(r["duplicates"] == 0 and r["lost"] == 0 and r["cap_violations"] == 0 and r["finished"] for r in results)
    log("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
