"""Input defects of issue 11: --set cycles, priors outside [0, 1], powers of unknown sign, messages
that point the right way."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gametheory.cli import app
from gametheory.errors import UsageError
from gametheory.games._params import substitution_cycle


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("values, cycle", [
    pytest.param({"C": "2*V", "V": "C"}, ("C", "V"), id="two"),
    pytest.param({"V": "V + 1"}, ("V",), id="self"),
    pytest.param({"A": "B", "B": "C", "C": "A + 1"}, ("A", "B", "C"), id="three"),
    pytest.param({"C": "2*V", "V": "3"}, (), id="chain"),
    pytest.param({"C": "2*V"}, (), id="free"),
])
def test_substitution_cycle(values, cycle):
    from gametheory.expr import parse_expr

    parsed = {k: parse_expr(v, names=["A", "B", "C", "V"]) for k, v in values.items()}
    assert substitution_cycle(parsed) == cycle


@pytest.mark.parametrize("sets", [["C=2*V", "V=C"], ["V=V+1"], ["V=C", "C=V"]], ids=["cycle", "self", "swap"])
def test_set_that_refers_to_itself_is_a_usage_error(sets):
    args = ["solve", "hawk-dove"]
    for item in sets:
        args += ["--set", item]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--set" in result.stderr and ("cycle" in result.stderr or "itself" in result.stderr)


def test_set_chain_still_works():
    result = run("solve", "hawk-dove", "--set", "C=2*V", "--set", "V=3")
    assert result.exit_code == 0
    assert "V = 3 (set), C = 6 (set)" in result.stdout


def test_library_refuses_cycles_without_naming_flags():
    from gametheory import load
    from gametheory.expr import parse_expr

    game = load("hawk-dove")
    values = {"C": parse_expr("2*V", names=["V", "C"]), "V": parse_expr("C", names=["V", "C"])}
    with pytest.raises(UsageError) as caught:
        game.subs(values)
    assert "cycle" in str(caught.value)
    assert "--" not in str(caught.value)
