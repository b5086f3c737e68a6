"""Time and size limits for symbolic work.

A limit is set for a block of work with :func:`deadline` and checked at safe
points with :func:`check`; past it, :class:`~gametheory.errors.TimeLimitError`
is raised with a message that says what was being done and what to try.
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


@contextlib.contextmanager
def deadline(seconds: float | None):
    """Bound the work inside the ``with`` block to ``seconds`` (``None``: no bound)."""
    if seconds is None:
        token = _DEADLINE.set(None)
    else:
        token = _DEADLINE.set((time.monotonic() + float(seconds), float(seconds)))
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


def check(what: str = "the analysis") -> None:
    """Raise :class:`TimeLimitError` if the current deadline has passed."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeLimitError(
            f"time limit of {current[1]:g} s reached during {what}; "
            "try --timeout with a larger value, or a numeric instance (--numeric or --set NAME=VALUE)"
        )


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
        raise TimeLimitError(f"time limit reached during {what}")

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
