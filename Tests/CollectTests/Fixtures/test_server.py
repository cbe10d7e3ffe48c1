#!/usr/bin/env python3
"""HTTP server for the Collect fetching tests (Python 3 standard library only).

Binds 127.0.0.1 on a free port, prints the port on stdout, and serves until killed.
Routes:
  /json                      200 Statuspage JSON, ETag "v1"; 304 when If-None-Match matches
  /modified                  200 JSON with Last-Modified; 304 when If-Modified-Since matches
  /redirect/N                302 chain of N hops ending at /json
  /loop                      302 to itself forever
  /redirect-file             302 to file:///etc/passwd
  /redirect-to/LOCATION      302 to LOCATION (percent-decoded), e.g. a relative, private or script target
  /no-location               301 without a Location header
  /status/CODE               that status, empty body
  /retry-seconds             503 with Retry-After: 120
  /retry-date                429 with Retry-After as an HTTP date 90 s after its Date header
  /hang                      accepts and never answers
  /big                       200 streaming 10 MiB without Content-Length
  /big-declared              200 declaring Content-Length 10 MiB
  /gzip                      200 gzip-encoded JSON (Content-Encoding: gzip)
  /gzip-bomb                 200 gzip body of ~10 KiB that expands to 10 MiB
  /trickle                   200 headers at once, then one byte every 0.2 s for a minute
  /headers                   200 Statuspage JSON whose description echoes User-Agent | Accept-Encoding
  /slow                      200 JSON after 300 ms, counting requests in flight
  /stats                     {"max_in_flight": N}; /stats/reset resets it
  /sp/api/v2/summary.json    200 Statuspage summary
  /sp-html/api/v2/summary.json  404; /sp-html/ is a Statuspage HTML page
  /sp-nonjson/api/v2/summary.json  200 text/html; /sp-nonjson/ is a Statuspage HTML page
  /feed.atom                 Atom feed with one open incident
"""

import gzip
import json
import urllib.parse
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"in_flight": 0, "max_in_flight": 0}


def summary(description="All Systems Operational", indicator="none"):
    return json.dumps({
        "page": {"id": "t", "name": "Test", "url": "http://127.0.0.1"},
        "status": {"indicator": indicator, "description": description},
        "components": [{"id": "c1", "name": "API", "status": "operational", "group": False}],
        "incidents": [],
    }).encode()


HTML_PAGE = b"""<!DOCTYPE html><html><head><title>T</title></head><body>
<div class="page-status status-minor"><span class="status">Minor Service Outage</span></div>
<div data-component-status="partial_outage" class="component-inner-container"><span class="name">API</span></div>
</body></html>"""

ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><updated>2024-01-01T00:00:00Z</updated>
<entry><id>1</id><published>2024-01-01T00:00:00Z</published><updated>2024-01-01T00:00:00Z</updated>
<title>Errors</title><content type="html">&lt;strong&gt;Investigating&lt;/strong&gt; - looking</content></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", content_type="application/json", headers=None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path
        if path == "/json":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self.send(200, summary(), headers={"ETag": '"v1"'})
        elif path == "/modified":
            stamp = "Wed, 01 May 2024 10:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                self.send_response(304)
                self.end_headers()
                return
            self.send(200, summary(), headers={"Last-Modified": stamp})
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            self.redirect("/json" if hops <= 1 else "/redirect/%d" % (hops - 1))
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/redirect-file":
            self.redirect("file:///etc/passwd")
        elif path.startswith("/redirect-to/"):
            self.redirect(urllib.parse.unquote(path[len("/redirect-to/"):]))
        elif path == "/no-location":
            self.send(301, b"", "text/plain")
        elif path.startswith("/status/"):
            self.send(int(path.rsplit("/", 1)[1]), b"", "text/plain")
        elif path == "/retry-seconds":
            self.send(503, b"busy", "text/plain", {"Retry-After": "120"})
        elif path == "/retry-date":
            now = time.time()
            self.send(429, b"slow down", "text/plain",
                      {"Date": formatdate(now, usegmt=True), "Retry-After": formatdate(now + 90, usegmt=True)})
        elif path == "/hang":
            time.sleep(60)
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(160):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(10 * 1024 * 1024))
            self.end_headers()
            try:
                self.wfile.write(b"{" + b" " * 1000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/gzip":
            body = gzip.compress(summary(description="compressed"))
            self.send(200, body, headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            body = gzip.compress(b"{" + b" " * (10 * 1024 * 1024) + b"}")
            self.send(200, body, headers={"Content-Encoding": "gzip"})
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(b"{")
                self.wfile.flush()
                for _ in range(300):
                    time.sleep(0.2)
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/headers":
            echo = "%s | %s" % (self.headers.get("User-Agent"), self.headers.get("Accept-Encoding"))
            self.send(200, summary(description=echo))
        elif path == "/slow":
            with LOCK:
                STATE["in_flight"] += 1
                STATE["max_in_flight"] = max(STATE["max_in_flight"], STATE["in_flight"])
            time.sleep(0.3)
            with LOCK:
                STATE["in_flight"] -= 1
            self.send(200, summary())
        elif path == "/stats":
            with LOCK:
                self.send(200, json.dumps({"max_in_flight": STATE["max_in_flight"]}).encode())
        elif path == "/stats/reset":
            with LOCK:
                STATE["max_in_flight"] = 0
            self.send(200, b"{}")
        elif path == "/sp/api/v2/summary.json":
            self.send(200, summary(description="Partial System Outage", indicator="major"))
        elif path in ("/sp-html/api/v2/summary.json",):
            self.send(404, b"not found", "text/plain")
        elif path == "/sp-nonjson/api/v2/summary.json":
            self.send(200, b"<html><body>Sign in</body></html>", "text/html")
        elif path in ("/sp-html/", "/sp-html", "/sp-nonjson/", "/sp-nonjson"):
            self.send(200, HTML_PAGE, "text/html; charset=utf-8")
        elif path == "/feed.atom":
            self.send(200, ATOM, "application/atom+xml")
        else:
            self.send(404, b"no route", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
