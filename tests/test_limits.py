"""Time limits: a deadline stops work between steps and interrupts one long call."""

from __future__ import annotations

import time

import pytest

from gametheory import limits
from gametheory.errors import TimeLimitError


def test_check_raises_after_the_deadline_with_the_stage():
    with limits.deadline(0.01), limits.stage("testing the limits"):
        time.sleep(0.02)
        with pytest.raises(TimeLimitError) as caught:
            limits.check("a test")
    limits.check("no deadline outside the block")
    error = caught.value
    assert (error.stage, error.seconds) == ("testing the limits (a test)", 0.01)
    assert str(error) == "time limit of 0.01 s reached while testing the limits (a test)"
    assert "--" not in str(error)  # the library names no option; the command line advises


def test_a_stage_without_a_verb_reads_as_work_on_it():
    assert str(TimeLimitError("support enumeration", 5)) == "time limit of 5 s reached while working on support enumeration"
    assert str(TimeLimitError("deciding: sampling", 5)) == "time limit of 5 s reached while deciding: sampling"


def test_stages_nest_and_the_listener_hears_each_change():
    heard = []
    previous = limits.on_stage(heard.append)
    try:
        with limits.stage("finding the equilibria"):
            limits.check("support enumeration")
            limits.check("support enumeration")  # no change, nothing heard
            with limits.stage("inner"):
                assert limits.current_stage() == "inner"
            assert limits.current_stage() == "finding the equilibria (support enumeration)"
    finally:
        limits.on_stage(previous)
    assert heard[1:] == ["finding the equilibria", "finding the equilibria (support enumeration)", "inner",
                         "finding the equilibria (support enumeration)", "the analysis"]


def test_an_inner_deadline_never_extends_an_outer_one():
    with limits.deadline(1):
        with limits.deadline(100):
            assert limits.remaining() <= 1
        with limits.deadline(0.5):
            assert limits.remaining() <= 0.5
        with limits.deadline(None):
            assert limits.remaining() <= 1


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
