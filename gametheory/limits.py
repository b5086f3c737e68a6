"""Time and size limits for symbolic work.

A limit is set for a block of work with :func:`deadline` and checked at safe
points with :func:`check`; past it, :class:`~gametheory.errors.TimeLimitError`
is raised with the stage of the work it was in (what to try is the caller's to say).

Stages: :func:`stage` names a step of the work (``"finding the equilibria"``) for a ``with``
block, and each :func:`check` names the detail it guards (``"support enumeration"``);
:func:`current_stage` combines the two (``"finding the equilibria (support enumeration)"``).
A listener set with :func:`on_stage` hears every change, so that a process that supervises the
work (the command line ends a worker process at the deadline) can say where the work stood even
when one long call into sympy never returns to a check.
"""

from __future__ import annotations

import contextlib
import contextvars
import time

from .errors import TimeLimitError

_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "gametheory_deadline", default=None
)

#: Default bound, in seconds, on one command's symbolic work.
DEFAULT_TIMEOUT = 60.0


_STAGES: list[str] = []
_DETAIL: list[str | None] = [None]
_LISTENER: list = [None]


@contextlib.contextmanager
def deadline(seconds: float | None, *, limit: float | None = None):
    """Bound the work inside the ``with`` block to ``seconds`` (``None``: no bound of its own).

    A deadline inside another never extends it: the earlier of the two holds, so that a bound
    set around a whole command also bounds the library calls inside it. ``limit`` is the limit
    that messages name, when the block has only part of it left (default ``seconds``).
    """
    outer = _DEADLINE.get()
    if seconds is None:
        token = _DEADLINE.set(outer)
    else:
        new = (time.monotonic() + float(seconds), float(seconds if limit is None else limit))
        token = _DEADLINE.set(new if outer is None or new[0] < outer[0] else outer)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before the current deadline, or ``None`` when unbounded."""
    current = _DEADLINE.get()
    if current is None:
        return None
    return current[0] - time.monotonic()


@contextlib.contextmanager
def stage(what: str):
    """Name the step of the work done inside the ``with`` block (a phrase such as
    ``"finding the equilibria"``), for :func:`current_stage` and time-limit messages."""
    _STAGES.append(what)
    previous = _DETAIL[0]
    _DETAIL[0] = None
    _notify()
    try:
        yield
    finally:
        _STAGES.pop()
        _DETAIL[0] = previous if _STAGES else None
        _notify()


def current_stage() -> str:
    """The step of the work under way, with the detail of the last :func:`check` inside it."""
    top = _STAGES[-1] if _STAGES else None
    detail = _DETAIL[0]
    if top and detail and detail != top:
        return f"{top} ({detail})"
    return top or detail or "the analysis"


def on_stage(listener):
    """Call ``listener(text)`` with :func:`current_stage` whenever it changes (``None``: stop).
    Returns the previous listener."""
    previous = _LISTENER[0]
    _LISTENER[0] = listener
    if listener is not None:
        listener(current_stage())
    return previous


def _notify() -> None:
    listener = _LISTENER[0]
    if listener is not None:
        listener(current_stage())


def check(what: str = "the analysis") -> None:
    """Note ``what`` as the detail of the current stage, and raise :class:`TimeLimitError` if the
    current deadline has passed."""
    if what != _DETAIL[0]:
        _DETAIL[0] = what
        _notify()
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeLimitError(current_stage(), current[1])


def interruptible(work, what: str = "the analysis"):
    """Run ``work()`` and, when a deadline is set, interrupt it there with a timer signal, so that
    one long call into sympy cannot outlive the time limit.

    Only in the main thread, and only where no other interval timer or SIGALRM handler is in
    use; elsewhere the deadline is checked before the call only (and between calls by
    :func:`check`).
    """
    import signal
    import threading

    left = remaining()
    usable = (
        left is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if left is not None and left <= 0:
        check(what)
    if not usable:
        return work()

    def alarm(signum, frame):
        check(what)
        current = _DEADLINE.get()
        raise TimeLimitError(current_stage(), current[1] if current else None)

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        # fire again every 50 ms until the call ends: an exception raised inside a weakref
        # callback or a __del__ is swallowed by Python, and must not end the interruption
        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), 0.05)
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
