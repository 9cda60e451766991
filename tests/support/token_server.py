"""An OAuth2 password-grant token endpoint with one protected resource, for the
recording server: `server.set_handler(TokenServer())`."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field

from tests.support.http_server import RecordedRequest, Reply

ME = {"id": 1, "name": "Ann"}
"""What the protected resource (any path but the token endpoint) answers."""


@dataclass
class TokenServer:
    """An OAuth2 token endpoint plus one protected resource, with revocable tokens."""

    expires_in: float = 3600
    login_delay: float = 0.0
    """Seconds each login takes: long enough, and concurrent callers all ask for one."""
    issued: list[str] = field(default_factory=list)
    valid: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def revoke_all(self) -> None:
        with self.lock:
            self.valid.clear()

    def __call__(self, request: RecordedRequest) -> Reply:
        with self.lock:
            if request.path.endswith("/oauth/token"):
                token = f"tok-{len(self.issued) + 1}"
                self.issued.append(token)
                self.valid.add(token)
                grant = {
                    "access_token": token,
                    "token_type": "bearer",
                    "expires_in": self.expires_in,
                }
                return dataclasses.replace(Reply.json(grant), delay=self.login_delay)
            authorization = request.header("Authorization") or ""
            if authorization.removeprefix("Bearer ") in self.valid:
                return Reply.json(ME)
            return Reply.json({"detail": "invalid token"}, 401)
