#!/usr/bin/env python3
"""A tiny SMTP server on 127.0.0.1 for tests: stores every message it accepts.

Usage: smtp_sink.py FOLDER
Prints "port N" on its first line, then serves until killed. Each message is written to
FOLDER/NNNN.eml (the DATA as received, dot-unstuffed) with its envelope in FOLDER/NNNN.json.
Only the standard library (smtpd is gone from Python 3.12).
"""
import json
import os
import socketserver
import sys
import threading

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
counter = {"n": 0}
lock = threading.Lock()


def store(sender, recipients, data):
    with lock:
        counter["n"] += 1
        name = os.path.join(folder, "%04d" % counter["n"])
    with open(name + ".json.tmp", "w") as f:
        json.dump({"from": sender, "to": recipients}, f)
    os.rename(name + ".json.tmp", name + ".json")
    with open(name + ".eml.tmp", "wb") as f:
        f.write(data)
    os.rename(name + ".eml.tmp", name + ".eml")


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 sink ESMTP")
        sender, recipients = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                sender, recipients = command.split(":", 1)[1].strip().strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                lines = []
                while True:
                    raw = self.rfile.readline()
                    if not raw or raw in (b".\r\n", b".\n"):
                        break
                    lines.append(raw[1:] if raw.startswith(b"..") else raw)
                store(sender, recipients, b"".join(lines))
                self.reply("250 OK stored")
            elif verb == "RSET":
                sender, recipients = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Session)
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
