#!/usr/bin/env python3
"""A minimal sendmail-compatible program for tests: relays the message on stdin over SMTP.

Usage: sendmail_relay.py --port N [-t] [-i] [--crash-once FLAGFILE]
With -t the recipients are read from the To/Cc/Bcc headers (as `sendmail -t` does).
With --crash-once, when FLAGFILE exists it is removed and, right after the message was handed
over, the calling process is killed with SIGKILL: a crash between sending and recording.
Exit status 0 when the relay accepted the message, 75 (EX_TEMPFAIL) when it could not be reached.
"""
import argparse
import email.parser
import email.utils
import os
import signal
import smtplib
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--crash-once")
parser.add_argument("-t", action="store_true")
parser.add_argument("-i", action="store_true")
parser.add_argument("recipients", nargs="*")
args = parser.parse_args()

data = sys.stdin.buffer.read()
message = email.parser.BytesParser().parsebytes(data, headersonly=True)
recipients = list(args.recipients)
if args.t:
    for header in ("To", "Cc", "Bcc"):
        recipients += [address for _, address in email.utils.getaddresses(message.get_all(header, []))]
sender = email.utils.parseaddr(message.get("From", ""))[1] or "sender@localhost"
if not recipients:
    print("sendmail_relay: no recipients", file=sys.stderr)
    sys.exit(64)
try:
    with smtplib.SMTP("127.0.0.1", args.port, timeout=10) as smtp:
        smtp.sendmail(sender, recipients, data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
except OSError as error:
    print("sendmail_relay: %s" % error, file=sys.stderr)
    sys.exit(75)
if args.crash_once and os.path.exists(args.crash_once):
    os.remove(args.crash_once)
    os.kill(os.getppid(), signal.SIGKILL)
sys.exit(0)
