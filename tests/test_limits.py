"""Time limits: a deadline stops work between steps and interrupts one long call."""

from __future__ import annotations

import time

import pytest

from gametheory import limits
from gametheory.errors import TimeLimitError


def test_check_raises_after_the_deadline_with_advice():
    with limits.deadline(0.01):
        time.sleep(0.02)
        with pytest.raises(TimeLimitError, match="--timeout"):
            limits.check("a test")
    limits.check("no deadline outside the block")


def test_interruptible_stops_one_long_call():
    def busy():
        while True:
            pass

    start = time.monotonic()
    with limits.deadline(0.2):
        with pytest.raises(TimeLimitError):
            limits.interruptible(busy, "a busy loop")
    assert time.monotonic() - start < 5


def test_interruptible_returns_the_result_in_time():
    with limits.deadline(5):
        assert limits.interruptible(lambda: 42) == 42
    assert limits.interruptible(lambda: 7) == 7
