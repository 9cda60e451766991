"""Work that needs only what the pipeline has already made (the loaded document, the built
IR), done in forked processes on the second core while this one goes on.

A forked child sees the parent's memory as it was at the fork, without copying or
pickling it, so only its result crosses the pipe. Where the platform cannot fork, or the
child dies before answering (an exception in `work`, the OOM killer), `work` runs in this
process when its result is asked for, so an error is raised where the caller can see it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar, cast

T = TypeVar("T")


def in_background(work: Callable[[], T], *, niceness: int = 0) -> Callable[[], T]:
    """Start `work`; the returned function waits for its result. What `work` reads must
    not change meanwhile in ways that matter (the child sees it as it was at the fork).
    A positive `niceness` lowers the child's priority: for work whose result is wanted
    only at the end, so that it takes a core only when the rest of the pipeline leaves
    one free."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return work
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(work, sender, niceness), daemon=True)
    child.start()
    sender.close()

    def result() -> T:
        try:
            return cast(T, receiver.recv())
        except EOFError:  # the child died without an answer: do the work here
            return work()
        finally:
            receiver.close()
            child.join()

    return result


def _send_result(work: Callable[[], object], sender: Connection, niceness: int) -> None:
    try:
        if niceness:
            os.nice(niceness)
        sender.send(work())
        sender.close()
    except BaseException:  # noqa: BLE001 - the parent does the work again and reports it
        # Leave without a word: multiprocessing would print the traceback (a template
        # error, a formatter failure, Ctrl-C in every child) before the parent's message.
        os._exit(1)
