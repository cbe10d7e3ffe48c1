"""A threaded static file server on 127.0.0.1 for the collector benchmark; prints its port."""
import functools
import http.server
import sys


class Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


handler = functools.partial(Quiet, directory=sys.argv[1])
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
