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


# -- messages that point the right way (defect 12) ----------------------------------------------

@pytest.mark.parametrize("command", [["latex", "prisoners-dilemma"], ["convert", "prisoners-dilemma", "--to", "yaml"]])
def test_an_unwritable_output_file_is_named(command):
    result = run(*command, "-o", "/dev/full")
    assert result.exit_code == 2
    assert "/dev/full" in result.stderr


def test_converting_a_bayesian_game_to_nfg_says_what_to_type():
    result = run("convert", "kydd-trust", "--to", "nfg", "--numeric")
    assert result.exit_code == 2
    assert "--harsanyi" in result.stderr
    assert "harsanyi()" not in result.stderr
    written = run("convert", "kydd-trust", "--to", "nfg", "--numeric", "--harsanyi")
    assert written.exit_code == 0, written.stderr
    assert written.stdout.startswith('NFG 1 R "Kydd')
    assert '"Cooperate/Defect"' in written.stdout


def test_harsanyi_of_a_game_without_types_is_a_usage_error():
    result = run("convert", "hawk-dove", "--to", "nfg", "--harsanyi")
    assert result.exit_code == 2
    assert "Bayesian games" in result.stderr


def test_symbolic_nfg_names_the_parameter_to_set():
    result = run("convert", "hawk-dove", "--to", "nfg", "--set", "V=2")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("give C a value with --set C=VALUE")


def test_library_errors_say_what_is_needed_without_options():
    from gametheory import load
    from gametheory.export.nfg import to_nfg

    with pytest.raises(UsageError) as caught:
        to_nfg(load("hawk-dove"))
    assert (caught.value.needs, caught.value.names) == ("values", ("C", "V"))
    assert "--" not in str(caught.value)
    with pytest.raises(UsageError) as caught:
        to_nfg(load("kydd-trust").numeric())
    assert caught.value.needs == "normal_form"
    assert "--" not in str(caught.value)


def test_library_strings_name_no_command_line_option():
    """STYLE.md, errors from one place: option names only in cli/ (docstrings may mention them)."""
    import ast
    import re
    from pathlib import Path

    import gametheory

    option = re.compile(r"--(set|numeric|timeout|wrt|param|range|format|harsanyi|verify|points|style)\b")
    found = []
    for path in sorted(Path(gametheory.__file__).parent.rglob("*.py")):
        if "cli" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if option.search(node.value):
                    found.append(f"{path.name}:{node.lineno}: {node.value.strip()[:60]}")
    assert not found, "\n".join(found)
