"""A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with one JSON body.

    python -m bench.reply_server BODY_FILE      # prints the port, serves until killed

Run in its own process so that serving never competes with the measured client for the
interpreter lock.
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def serve(body: bytes) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in one segment, unbuffered by Nagle: otherwise every
        # response waits out the client's delayed ACK (~40 ms) and hides what is measured.
        wbufsize = 1 << 16
        disable_nagle_algorithm = True

        def _reply(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _reply

        def log_message(self, format: str, *args: object) -> None:
            return

    # A thread per connection: the SDK and the bare client each keep one open.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(Path(sys.argv[1]).read_bytes())
