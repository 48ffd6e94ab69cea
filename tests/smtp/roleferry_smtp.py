#!/usr/bin/python3
"""RoleFerry test SMTP server: a real SMTP server (aiosmtpd) with scripted answers.

Run it with Debian's python (the pyenv python3 on PATH cannot see python3-aiosmtpd):

    /usr/bin/python3 tests/smtp/roleferry_smtp.py --port 2525 --maildir /tmp/mail [--host 127.0.0.1]

Every accepted message becomes one file MAILDIR/<uuid>.eml, written atomically (MAILDIR/.<uuid>.tmp, then
renamed): the envelope header lines, then the raw DATA bytes exactly as received (after dot-unstuffing):

    X-RcptTo: a@example.test, b@example.test      <- accepted recipients, in RCPT order
    X-MailFrom: sender@example.test               <- MAIL FROM ("<>" for a null sender)
    X-AuthUser: mailbox-login                     <- only when the client authenticated (AUTH login name)
    X-Connection: 7                               <- the SMTP connection (TCP session) it came over: 1, 2, ...
    <the message as the client sent it>

Connections: each TCP session gets the next number (1, 2, ...); MAILDIR/connections.log gets one line per
event, "N open", "N quit" (the client said QUIT), "N dropped" (the server hung up on purpose, see drop-) and
"N closed" (the session ended, whoever closed it). Tests prove connection reuse from these.

Scripted answers, by the recipient's local part (case-insensitive prefix):
    reject-...     RCPT -> 550 5.1.1 <addr>: Recipient address rejected: User unknown
    tempfail-...   RCPT -> 421 4.7.0 Try again later, the first time this server process sees that exact
                   address (compared case-insensitively), accepted afterwards
    tempfail3-...  RCPT -> 421 4.7.0 Try again later, every time
    fail5-...      DATA -> 554 5.7.1 Message rejected (when any accepted recipient has that prefix)
    drop-...       accepted (250), then the server hangs up without a word, like a server dropping an idle
                   connection (when any accepted recipient has that prefix)
    drop421-...    accepted (250), then "421 4.4.2 ... Error: timeout exceeded" and the server hangs up, as
                   Postfix does when it closes an idle connection
    anything else  250

A 421 reply means "closing the channel" (RFC 5321 4.2.2), so by default the server closes the connection
right after sending it, as real servers do; --keep-open-on-421 keeps the session going instead.
AUTH PLAIN/LOGIN are offered without TLS and accept any credentials (sending unauthenticated is allowed too).
SIGTERM / SIGINT stop the server cleanly. One line per SMTP outcome is logged to stdout.
"""

import argparse
import asyncio
import itertools
import os
import signal
import sys
import logging
import uuid

from aiosmtpd.smtp import SMTP, AuthResult

TEMPFAIL_REPLY = "421 4.7.0 Try again later"
IDLE_CLOSE_REPLY = b"421 4.4.2 roleferry-smtp.test Error: timeout exceeded\r\n"

# aiosmtpd 1.4 logs a warning about its own deprecated Session.login_data on every successful AUTH.
logging.getLogger("mail.log").addFilter(lambda record: "login_data is deprecated" not in record.getMessage())


def log(message):
    print(f"roleferry_smtp: {message}", flush=True)


def local_part(address):
    local = address.rsplit("@", 1)[0] if "@" in address else address
    return local.strip('"').lower()


class ScriptedHandler:
    def __init__(self, maildir, close_on_421=True):
        self.maildir = maildir
        self.close_on_421 = close_on_421
        self.tempfailed_once = set()  # addresses already answered 421 once (tempfail-)
        self.accepted = 0
        self.connection_numbers = itertools.count(1)
        self.connections_log = os.path.join(maildir, "connections.log")

    def connection_event(self, number, event):
        with open(self.connections_log, "a") as f:
            f.write(f"{number} {event}\n")
        log(f"connection {number} {event}")

    def _drop_after_reply(self, server, farewell):
        # Runs after the 250 went out (call_soon: the reply is written first), like a server closing an idle session.
        def drop():
            if server.transport is None or server.transport.is_closing():
                return
            if farewell:
                server.transport.write(farewell)
            self.connection_event(server.connection_number, "dropped")
            server.transport.close()
        asyncio.get_running_loop().call_soon(drop)

    def _tempfail(self, server):
        if self.close_on_421:
            # Let the reply go out first, then close the connection like a real server answering 421.
            asyncio.get_running_loop().call_soon(server.transport.close)
        return TEMPFAIL_REPLY

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = local_part(address)
        if local.startswith("reject-"):
            log(f"RCPT {address} -> 550 rejected")
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if local.startswith("tempfail3-"):
            log(f"RCPT {address} -> 421 (always)")
            return self._tempfail(server)
        if local.startswith("tempfail-"):
            key = address.lower()
            if key not in self.tempfailed_once:
                self.tempfailed_once.add(key)
                log(f"RCPT {address} -> 421 (first time)")
                return self._tempfail(server)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(local_part(rcpt).startswith("fail5-") for rcpt in envelope.rcpt_tos):
            log(f"DATA for {', '.join(envelope.rcpt_tos)} -> 554 rejected")
            return "554 5.7.1 Message rejected"
        message_id = str(uuid.uuid4())
        content = envelope.original_content
        if content is None:
            content = envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        header = (
            f"X-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-MailFrom: {envelope.mail_from or '<>'}\r\n"
        )
        if session.authenticated and session.auth_data:
            header += f"X-AuthUser: {session.auth_data}\r\n"
        header += f"X-Connection: {server.connection_number}\r\n"
        header = header.encode("utf-8", "surrogateescape")
        temp_path = os.path.join(self.maildir, f".{message_id}.tmp")
        final_path = os.path.join(self.maildir, f"{message_id}.eml")
        with open(temp_path, "wb") as f:
            f.write(header)
            f.write(content)
        os.replace(temp_path, final_path)
        self.accepted += 1
        log(f"DATA from {envelope.mail_from} to {', '.join(envelope.rcpt_tos)} -> 250 {final_path}")
        if any(local_part(rcpt).startswith("drop421-") for rcpt in envelope.rcpt_tos):
            self._drop_after_reply(server, IDLE_CLOSE_REPLY)
        elif any(local_part(rcpt).startswith("drop-") for rcpt in envelope.rcpt_tos):
            self._drop_after_reply(server, None)
        return f"250 2.0.0 Ok: queued as {message_id}"


class RoleFerrySMTP(SMTP):
    connection_number = 0

    def connection_made(self, transport):
        if not self.connection_number:  # (made again after STARTTLS: the same session)
            self.connection_number = next(self.event_handler.connection_numbers)
            self.event_handler.connection_event(self.connection_number, "open")
        super().connection_made(transport)

    def connection_lost(self, error):
        self.event_handler.connection_event(self.connection_number, "closed")
        super().connection_lost(error)

    async def smtp_QUIT(self, arg):
        if not arg:
            self.event_handler.connection_event(self.connection_number, "quit")
        return await super().smtp_QUIT(arg)

    async def smtp_AUTH(self, arg):
        # SASL mechanism names are case-insensitive (RFC 4422); System.Net.Mail.SmtpClient sends "AUTH login ...",
        # which aiosmtpd 1.4 would answer 504 (and SmtpClient then silently sends unauthenticated).
        if arg:
            parts = arg.split(None, 1)
            parts[0] = parts[0].upper()
            arg = " ".join(parts)
        return await super().smtp_AUTH(arg)


def accept_any_login(server, session, envelope, mechanism, auth_data):
    login = getattr(auth_data, "login", None)
    if isinstance(login, bytes):
        login = login.decode("utf-8", "replace")
    log(f"AUTH {mechanism} {login!r} -> 235 accepted")
    return AuthResult(success=True, auth_data=login)


async def serve(args):
    os.makedirs(args.maildir, exist_ok=True)
    handler = ScriptedHandler(args.maildir, close_on_421=not args.keep_open_on_421)
    loop = asyncio.get_running_loop()

    def factory():
        return RoleFerrySMTP(
            handler,
            hostname="roleferry-smtp.test",
            ident="RoleFerry test SMTP",
            decode_data=False,
            enable_SMTPUTF8=True,
            data_size_limit=50 * 1024 * 1024,
            auth_required=False,
            auth_require_tls=False,
            authenticator=accept_any_login,
            loop=loop,
        )

    server = await loop.create_server(factory, host=args.host, port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda s=sig: (log(f"{signal.Signals(s).name} received, stopping"), stop.set()))
    port = server.sockets[0].getsockname()[1]
    log(f"listening on {args.host}:{port}, writing messages to {os.path.abspath(args.maildir)}")
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, args.port_file)
    await stop.wait()
    server.close()
    await server.wait_closed()
    log(f"stopped ({handler.accepted} messages accepted)")


def main():
    parser = argparse.ArgumentParser(description="RoleFerry scripted test SMTP server")
    parser.add_argument("port_positional", nargs="?", type=int, help="port (same as --port)")
    parser.add_argument("--port", type=int, help="TCP port; 0 picks a free one (see --port-file)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--maildir", required=True, help="folder receiving one <uuid>.eml per accepted message")
    parser.add_argument("--port-file", help="write the bound port to this file once listening")
    parser.add_argument("--keep-open-on-421", action="store_true", help="do not close the connection after 421")
    args = parser.parse_args()
    if args.port is None:
        args.port = args.port_positional
    if args.port is None:
        parser.error("a port is required (--port N)")
    try:
        asyncio.run(serve(args))
    except OSError as e:
        log(f"cannot listen on {args.host}:{args.port}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
