"""A numeric game whose equilibria cannot be listed in time: the 40x40 identity game has
2^40 - 1 equilibria. The vertex enumeration stops at the time limit (exit 1), and the message
fits a numeric game: it names the stage and suggests a larger --timeout, never --numeric."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from gametheory import limits
from gametheory.equilibria.bimatrix import extreme_equilibria
from gametheory.errors import TimeLimitError

N = 40


def _identity():
    return [[1 if i == j else 0 for j in range(N)] for i in range(N)]


def _nfg(path):
    values = []
    for j in range(N):  # the row player's strategy varies fastest
        for i in range(N):
            v = 1 if i == j else 0
            values += [v, v]
    path.write_text(f'NFG 1 R "identity {N}x{N}" {{ "Row" "Column" }} {{ {N} {N} }}\n\n'
                    + " ".join(map(str, values)) + "\n", encoding="utf-8")
    return path


def test_the_enumeration_stops_at_the_deadline():
    start = time.monotonic()
    with pytest.raises(TimeLimitError) as caught:
        with limits.deadline(0.5):
            extreme_equilibria(_identity(), _identity())
    assert "enumerating the vertices of a best-response polytope" in str(caught.value)
    assert time.monotonic() - start < 30  # a hang guard only


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the command line's worker process needs fork")
def test_the_command_exits_1_with_a_message_for_a_numeric_game(tmp_path):
    path = _nfg(tmp_path / "identity40.nfg")
    proc = subprocess.run([sys.executable, "-m", "gametheory", "solve", str(path), "--timeout", "5"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    # on a quiet machine the limit is met in the enumeration; on a busy one loading may take longer
    assert proc.stderr.startswith("error: time limit of 5 s reached while "), proc.stderr
    assert proc.stderr.endswith("; try a larger --timeout\n"), proc.stderr
    assert "--numeric" not in proc.stderr and "--set" not in proc.stderr
