"""--timeout is honoured inside long sympy calls (issue 11, defect 10): the analysis runs in a
worker process that the command line ends at the deadline, naming the stage it was in."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametheory.cli import app

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker process needs fork")

TWO_BY_TWO = """title: blow-up
players: [A, B]
parameters: {{a: 1}}
strategies: {{A: [x, y], B: [l, r]}}
payoffs:
  matrix:
    - [["{big}", 0], [0, 1]]
    - [[0, 1], [1, 2]]
"""

CASES = {
    "power-300": "(a+1)^300",
    "power-1000": "(a+1)^1000",
    "product-1200": "*".join(f"(a+{k})" for k in range(1, 1201)),
}


def _spec(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(TWO_BY_TWO.format(big=CASES[name]), encoding="utf-8")
    return path


@pytest.mark.parametrize("name, command, seconds", [
    pytest.param("power-300", "solve", 5, id="power-300-solve"),
    pytest.param("power-1000", "classify", 2, id="power-1000-classify"),
    pytest.param("product-1200", "statics", 2, id="product-1200-statics"),
])
def test_the_whole_process_stops_within_the_limit_plus_one_second(tmp_path, name, command, seconds):
    path = _spec(tmp_path, name)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "gametheory", command, str(path), "--timeout", str(seconds)],
                          capture_output=True, text=True, timeout=seconds + 30)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"error: time limit of {seconds} s reached while ")
    assert "Traceback" not in proc.stderr
    assert "; try a larger --timeout" in proc.stderr
    assert elapsed < seconds + 1, f"{elapsed:.2f} s"


def test_the_stage_is_named(tmp_path):
    result = CliRunner().invoke(app, ["solve", str(_spec(tmp_path, "power-300")), "--timeout", "5"])
    assert result.exit_code == 1
    # a stage of report.solve; the detail in parentheses is the last check inside it
    stages = ("loading the game", "looking for dominant strategies", "finding the equilibria",
              "checking Pareto efficiency", "judging the dilemma", "classifying the game")
    assert any(f"reached while {stage} (" in result.stderr for stage in stages), result.stderr
    assert result.stderr.endswith("; try a larger --timeout, or give parameters values "
                                  "(--set NAME=VALUE, or --numeric for the defaults)\n")


def test_a_numeric_game_is_not_told_to_try_numbers(monkeypatch):
    from gametheory import report

    def slow(*args, **kwargs):
        from gametheory import limits

        with limits.stage("finding the equilibria"):
            time.sleep(30)

    monkeypatch.setattr(report, "solve", slow)
    start = time.monotonic()
    result = CliRunner().invoke(app, ["solve", "prisoners-dilemma", "--numeric", "--timeout", "3"])
    assert time.monotonic() - start < 10
    assert result.exit_code == 1
    assert result.stderr == ("error: time limit of 3 s reached while finding the equilibria; "
                             "try a larger --timeout\n")


def test_the_worker_passes_output_and_exit_codes_through():
    result = CliRunner().invoke(app, ["solve", "prisoners-dilemma", "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "schema": "gametheory.solve/1"')
    refused = CliRunner().invoke(app, ["solve", "prisoners-dilema"])
    assert refused.exit_code == 2
    assert "did you mean prisoners-dilemma?" in refused.stderr


def test_a_bug_in_the_worker_is_raised_in_the_parent(monkeypatch):
    from gametheory import report

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(report, "solve", broken)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        CliRunner().invoke(app, ["solve", "prisoners-dilemma"], catch_exceptions=False)


def test_start_up_stays_small():
    """A hang guard only: the fork costs milliseconds (bench/ measures start-up)."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "gametheory", "solve", "prisoners-dilemma"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert time.monotonic() - start < 20


def test_the_documented_message_is_the_real_one(tmp_path):
    """docs/reference/cli.md shows a time-limit message: it has the form the command prints."""
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    shown = re.search(r"^error: time limit of 5 s reached while .*$", text, re.M).group(0)
    result = CliRunner().invoke(app, ["solve", str(_spec(tmp_path, "power-300")), "--timeout", "5"])
    real = result.stderr.rstrip("\n")
    pattern = r"error: time limit of 5 s reached while [A-Za-z' ]+ \([^)]*\); try a larger --timeout, or give " \
              r"parameters values \(--set NAME=VALUE, or --numeric for the defaults\)"
    assert re.fullmatch(pattern, shown)
    assert re.fullmatch(pattern, real), real
