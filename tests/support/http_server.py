"""A real HTTP/1.1 server on 127.0.0.1 that records requests and answers from a script.

    with RecordingServer() as server:
        server.enqueue(Reply.json({"id": 1}), Reply(status=500))
        ...  # point a client at server.url
        assert server.requests[0].path == "/pets/1"

Replies are taken from the queue in order; once it is empty, the handler set with
`set_handler` answers (it gets the recorded request), and without one the server
answers 418 so that a missing reply is an obvious test failure, never a retry.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import json
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl

Handler = Callable[["RecordedRequest"], "Reply"]

_NO_REPLY_STATUS = 418


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    """The path exactly as sent, still percent-encoded."""
    query: str
    """The raw query string, without `?`."""
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    @property
    def query_params(self) -> list[tuple[str, str]]:
        """Decoded query pairs, in order, repeats kept."""
        return parse_qsl(self.query, keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> list[tuple[str, str]]:
        """Decoded pairs of a URL-encoded form body."""
        return parse_qsl(self.body.decode("ascii"), keep_blank_values=True)

    def multipart(self) -> list[FormPart]:
        """The parts of a `multipart/form-data` body, in order."""
        head = f"Content-Type: {self.header('content-type')}\r\n\r\n".encode()
        parser = email.parser.BytesParser(
            _class=email.message.EmailMessage, policy=email.policy.HTTP
        )
        message = parser.parsebytes(head + self.body)
        assert message.is_multipart(), "the body is not multipart"
        return [
            FormPart(
                name=str(part.get_param("name", header="content-disposition")),
                filename=part.get_filename(),
                content_type=part.get_content_type() if part["content-type"] else None,
                content=bytes(part.get_payload(decode=True)),
            )
            for part in message.iter_parts()
        ]


@dataclass(frozen=True)
class FormPart:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    """Seconds to wait before answering (for timeout tests)."""
    chunks: Iterable[bytes] | None = None
    """Send these with chunked transfer encoding, each flushed, instead of `body`; an
    iterator is read only as the chunks are sent, so a test can hold the rest back."""
    chunk_delay: float = 0.0
    """Seconds to wait between chunks."""
    truncated: bool = False
    """Drop the connection after the chunks, before the end of the body (a server that
    fails mid-stream)."""

    @classmethod
    def json(
        cls, value: object, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Reply:
        return cls(
            status=status,
            body=json.dumps(value).encode(),
            headers=_pairs({"Content-Type": "application/json", **(headers or {})}),
        )

    @classmethod
    def text(
        cls,
        text: str,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str = "text/plain; charset=utf-8",
    ) -> Reply:
        return cls(
            status=status,
            body=text.encode(),
            headers=_pairs({"Content-Type": content_type, **(headers or {})}),
        )

    @classmethod
    def sse(cls, *chunks: str | bytes, chunk_delay: float = 0.0, truncated: bool = False) -> Reply:
        """An event stream sent in the given pieces (which need not align with events)."""
        return cls(
            status=200,
            headers=(("Content-Type", "text/event-stream"),),
            chunks=tuple(c.encode() if isinstance(c, str) else c for c in chunks),
            chunk_delay=chunk_delay,
            truncated=truncated,
        )


def _pairs(headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(headers.items())


@dataclass
class _Script:
    replies: deque[Reply] = field(default_factory=deque)
    handler: Handler | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closing: threading.Event = field(default_factory=threading.Event)
    open_connections: int = 0

    def answer(self, request: RecordedRequest) -> Reply:
        with self.lock:
            self.requests.append(request)
            if self.replies:
                return self.replies.popleft()
            handler = self.handler
        if handler is not None:
            return handler(request)
        message = f"no reply queued for {request.method} {request.path}"
        return Reply.text(message, _NO_REPLY_STATUS)


class RecordingServer:
    """See the module docstring. Start it with `with` (or `start()` / `close()`)."""

    def __init__(self) -> None:
        self._script = _Script()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.script = self._script
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            # How often the loop checks for shutdown: closing waits up to this long.
            kwargs={"poll_interval": 0.02},
            name="recording-server",
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._script.lock:
            return list(self._script.requests)

    @property
    def open_connections(self) -> int:
        """Connections the server holds open now (keep-alive ones included)."""
        with self._script.lock:
            return self._script.open_connections

    @property
    def last_request(self) -> RecordedRequest:
        requests = self.requests
        assert requests, "the server has received no request"
        return requests[-1]

    def enqueue(self, *replies: Reply) -> None:
        with self._script.lock:
            self._script.replies.extend(replies)

    def set_handler(self, handler: Handler | None) -> None:
        with self._script.lock:
            self._script.handler = handler

    def reset(self) -> None:
        """Forgets recorded requests, queued replies and the handler."""
        with self._script.lock:
            self._script.requests.clear()
            self._script.replies.clear()
            self._script.handler = None

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._script.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    script: _Script

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gave up (a timeout test) leaves a broken pipe behind; that is
        # expected, and a traceback on stderr would only hide real failures.
        pass


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes; with Nagle's algorithm on, the body
    # would wait for the client's delayed ACK, adding ~40 ms to every exchange.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        with self.server.script.lock:
            self.server.script.open_connections += 1

    def finish(self) -> None:
        # Reached once the client has closed the connection (or the server dropped it).
        with self.server.script.lock:
            self.server.script.open_connections -= 1
        super().finish()

    def _handle(self) -> None:
        path, _, query = self.path.partition("?")
        request = RecordedRequest(
            method=self.command,
            path=path,
            query=query,
            headers=tuple(self.headers.items()),
            body=self._read_body(),
        )
        reply = self.server.script.answer(request)
        if reply.delay and self.server.script.closing.wait(reply.delay):
            self.close_connection = True
            return
        self._write(reply)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return b"".join(self._read_chunks())
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _read_chunks(self) -> Iterable[bytes]:
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailer fields
                return
            yield self.rfile.read(size)
            self.rfile.readline()

    def _write(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.chunks is None:
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in reply.chunks:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
            if reply.chunk_delay and self.server.script.closing.wait(reply.chunk_delay):
                return
        if reply.truncated:
            self.close_connection = True
            return
        self.wfile.write(b"0\r\n\r\n")
