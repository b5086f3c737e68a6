"""Run one command's analysis in a worker process that is ended at the time limit.

A long call into sympy (factoring a polynomial of degree 300, expanding a product of a thousand
factors) never comes back to a :func:`gametheory.limits.check`, so a flag checked at safe points
cannot honour ``--timeout``. The command therefore runs in a child process made with ``fork``
(cheap: the parent has imported click and little else). The child does all the work, renders its
output into memory and sends it back through a pipe with its exit code; the parent waits until the
deadline plus :data:`MARGIN` seconds, then kills the child and reports the stage it was in, which
the child keeps in a page of shared memory as :mod:`gametheory.limits` tracks stages.

Where ``fork`` is unavailable (Windows), or inside a worker already, the command runs in the
process itself and the limit is honoured at the checks only.
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import select
import signal
import sys
import time
import traceback

#: Seconds the parent waits past the deadline before it ends the worker (the worker's own
#: checks raise at the deadline itself).
MARGIN = 0.4

_PAGE = 4096
_IN_WORKER = [False]
#: When the command started (set by ``cli.main``; ``None`` inside another caller, such as a test
#: runner): the time limit counts from there, so that it bounds the whole command.
STARTED: list[float | None] = [None]


def usable() -> bool:
    return hasattr(os, "fork") and not _IN_WORKER[0]


class _Shared:
    """A page of memory shared with the worker: whether the game is symbolic, and the stage."""

    def __init__(self):
        self.page = mmap.mmap(-1, _PAGE)

    def write(self, offset: int, text: str, size: int) -> None:
        data = text.encode("utf-8", errors="replace")[: size - 2]
        self.page[offset: offset + 2] = len(data).to_bytes(2, "little")
        self.page[offset + 2: offset + 2 + len(data)] = data

    def read(self, offset: int) -> str:
        n = int.from_bytes(self.page[offset: offset + 2], "little")
        return self.page[offset + 2: offset + 2 + n].decode("utf-8", errors="replace")

    def set_stage(self, text: str) -> None:
        self.write(64, text, _PAGE - 64)

    def stage(self) -> str:
        return self.read(64) or "the analysis"

    def set_flag(self, text: str) -> None:
        self.write(0, text, 64)

    def flag(self) -> str:
        return self.read(0)


_SHARED: list[_Shared | None] = [None]


def mark(flag: str) -> None:
    """Tell the parent something about the work (``"symbolic"`` / ``"numeric"``), for its messages."""
    shared = _SHARED[0]
    if shared is not None:
        shared.set_flag(flag)


def run(work, seconds: float, on_timeout):
    """Run ``work()`` in a worker process for at most ``seconds`` (plus :data:`MARGIN`).

    ``work`` writes to ``sys.stdout``/``sys.stderr`` and ends with ``sys.exit(code)`` or returns
    (code 0). Its output is written here once the worker is done; past the deadline the worker is
    killed and ``on_timeout(stage, seconds, flag)`` is called (it raises or exits). An exception
    that ``work`` lets escape (a bug) is raised again here.
    """
    from gametheory import limits

    shared = _Shared()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    now = time.monotonic()
    started = STARTED[0] if STARTED[0] is not None and STARTED[0] <= now else now
    STARTED[0] = None  # once: a later command in the same process counts from its own start
    left = max(seconds - (now - started), 0.001)
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            os.close(read_end)
            _IN_WORKER[0] = True
            _SHARED[0] = shared
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            limits.on_stage(shared.set_stage)
            payload = _work_in_child(work, left, seconds, limits)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        data = _collect(read_end, started + seconds + MARGIN)
    except BaseException:
        _end(pid)
        os.close(read_end)
        raise
    os.close(read_end)
    if data is None:
        _end(pid)
        return on_timeout(shared.stage(), seconds, shared.flag())
    os.waitpid(pid, 0)
    try:
        out, err, code, error = pickle.loads(data)
    except Exception:  # the worker died before it could answer (killed from outside, out of memory)
        out, err, code, error = "", "", 1, RuntimeError("the analysis process ended without an answer")
    import click

    if out:
        click.echo(out, nl=False)
    if err:
        click.echo(err, nl=False, err=True)
    if error is not None:
        raise error
    sys.exit(code)


def _work_in_child(work, left, seconds, limits) -> bytes:
    import click

    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    code, error = 0, None
    try:
        with limits.deadline(left, limit=seconds), limits.stage("loading the game"):
            work()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code is not None and not isinstance(stop.code, int):
            err.write(f"{stop.code}\n")
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except click.ClickException as problem:
        problem.show()
        code = problem.exit_code
    except click.exceptions.Abort:
        err.write("Aborted!\n")
        code = 1
    except BaseException as exc:  # a bug: hand it to the parent, with the worker's traceback
        text = "".join(traceback.format_exception(exc))
        try:
            error = pickle.loads(pickle.dumps(exc))
        except Exception:
            error = RuntimeError(f"{type(exc).__name__}: {exc}")
        if hasattr(error, "add_note"):
            error.add_note("in the analysis process:\n" + text)
        code = 1
    return pickle.dumps((out.getvalue(), err.getvalue(), code, error))


def _collect(fd: int, deadline: float) -> bytes | None:
    """Everything the worker writes to ``fd`` until it closes it, or ``None`` past ``deadline``."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
