#!/usr/bin/env python3
"""A webhook receiver on 127.0.0.1 for tests: checks Downtrack's signature and stores each call.

Usage: webhook_receiver.py SECRET FOLDER
Prints "port N" first. Each POST is written to FOLDER/NNNN.json as
{"path", "headers", "body", "signature_valid"}, where the signature is
X-Downtrack-Signature: sha256=<hex HMAC-SHA256 of the raw body under SECRET>.
"""
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading

secret, folder = sys.argv[1].encode(), sys.argv[2]
os.makedirs(folder, exist_ok=True)
counter = {"n": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        given = self.headers.get("X-Downtrack-Signature", "")
        record = {
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8"),
            "signature_valid": hmac.compare_digest(expected, given),
        }
        with lock:
            counter["n"] += 1
            name = os.path.join(folder, "%04d.json" % counter["n"])
        with open(name + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(name + ".tmp", name)
        self.send_response(204 if record["signature_valid"] else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
