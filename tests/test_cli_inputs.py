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


# -- priors lie in [0, 1] (defect 2) -----------------------------------------------------------

PRIORS = """title: priors
players: [A, B]
parameters: {{p: {p}}}
strategies: {{A: [x, y], B: [l, r]}}
types: {{A: {{t1: p, t2: 1 - p}}}}
payoffs:
  t1:
    matrix:
      - [[1, 0], [0, 1]]
      - [[0, 1], [1, 0]]
  t2:
    matrix:
      - [[0, 1], [1, 0]]
      - [[1, 0], [0, 1]]
"""


def test_a_numeric_prior_outside_the_unit_interval_is_refused_where_it_stands(tmp_path):
    path = tmp_path / "priors.yaml"
    path.write_text(PRIORS.format(p=2), encoding="utf-8")
    for command in (["check", str(path)], ["solve", str(path), "--numeric"]):
        result = run(*command)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            f"{path}:5:17: the prior of type 't1' is p = 2 at the default value p = 2; expected a probability "
            "between 0 and 1\n"
            f"{path}:5:24: the prior of type 't2' is 1 - p = -1 at the default value p = 2; expected a "
            "probability between 0 and 1\n")


def test_a_symbolic_prior_is_assumed_to_be_a_probability_and_the_report_says_so(tmp_path):
    import json

    path = tmp_path / "priors.yaml"
    path.write_text(PRIORS.format(p="1/3"), encoding="utf-8")
    text = run("solve", str(path))
    assert text.exit_code == 0
    assert "Assumptions: 0 <= p, p <= 1 (added: a prior is a probability)\n" in text.stdout
    document = json.loads(run("solve", str(path), "--format", "json").stdout)
    assert document["game"]["assumptions"] == ["0 <= p", "p <= 1"]
    assert document["game"]["implied_assumptions"] == [
        {"assumption": "0 <= p", "reason": "a prior is a probability"},
        {"assumption": "p <= 1", "reason": "a prior is a probability"},
    ]
    for eq in document["equilibria"]:
        assert "1 <= p" not in eq["conditions"] and "p <= 0" not in eq["conditions"]
    refused = run("solve", str(path), "--set", "p=2")
    assert refused.exit_code == 2
    assert "violate the assumption p <= 1" in refused.stderr


def test_stated_priors_assumptions_are_not_added_twice():
    from gametheory import load

    game = load("kydd-trust")  # assumes 0 < p < 1 itself
    assert game.implied == ()


# -- powers of unknown sign (defect 9) -----------------------------------------------------------

GAME = """title: power
players: [A, B]
parameters: {{a: 2, b: 3}}
strategies: {{A: [x, y], B: [l, r]}}
payoffs:
  matrix:
    - [["{e}", 0], [0, 1]]
    - [[0, 1], [1, 2]]
"""


def test_a_power_of_unknown_sign_is_real_by_assumption(tmp_path):
    path = tmp_path / "power.yaml"
    path.write_text(GAME.format(e="a^b"), encoding="utf-8")
    assert run("check", str(path)).exit_code == 0
    result = run("solve", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Assumptions: 0 < a (added: so that a^b is real)\n" in result.stdout


def test_a_power_that_is_never_real_is_refused_where_it_stands(tmp_path):
    path = tmp_path / "power.yaml"
    path.write_text(GAME.format(e="(-2)^b"), encoding="utf-8")
    for command in ("check", "solve"):
        result = run(command, str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{path}:7:") and "not a real number" in result.stderr


def _expressions():
    from hypothesis import strategies as st

    leaves = st.sampled_from(["a", "b", "c", "0", "1", "2", "1/2", "-1", "3/4"])

    def grow(children):
        binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "^"]), children).map(
            lambda t: f"({t[0]}){t[1]}({t[2]})")
        call = st.tuples(st.sampled_from(["sqrt", "log", "exp", "abs"]), children).map(lambda t: f"{t[0]}({t[1]})")
        pair = st.tuples(st.sampled_from(["min", "max"]), children, children).map(lambda t: f"{t[0]}({t[1]}, {t[2]})")
        return st.one_of(binary, call, pair)

    return st.recursive(leaves, grow, max_leaves=5)


def test_fuzz_check_and_solve_agree_and_never_print_a_traceback(tmp_path_factory):
    """No traceback, ever: every expression is refused by check and solve alike (exit 2, at its
    place), or solved (exit 0), or stopped with a message (exit 1)."""
    from hypothesis import HealthCheck, given, settings

    folder = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(_expressions())
    def case(expression):
        path = folder / "game.yaml"
        path.write_text(GAME.format(e=expression).replace("{a: 2, b: 3}", "{a: 2, b: 3, c: 1/2}"),
                        encoding="utf-8")
        checked = CliRunner().invoke(app, ["check", str(path)])
        solved = CliRunner().invoke(app, ["solve", str(path), "--timeout", "5"])
        for result in (checked, solved):
            assert result.exception is None or isinstance(result.exception, SystemExit), (expression, result.output)
            assert "Traceback" not in result.output
        if checked.exit_code == 2:
            assert solved.exit_code == 2, (expression, solved.output)
            assert solved.stderr == checked.stderr
        else:
            assert checked.exit_code == 0, (expression, checked.output)
            assert solved.exit_code in (0, 1), (expression, solved.output)
            if solved.exit_code == 1:
                assert solved.stderr.startswith("error: "), (expression, solved.stderr)

    case()


@pytest.mark.parametrize("text, needs", [
    ("a^b", ["a > 0"]),
    ("sqrt(b^2 - 2*b*c)", ["b**2 - 2*b*c >= 0"]),
    ("log(a) + 1", ["a > 0"]),
    ("a^(-1/2)", ["a > 0"]),
    ("2^b", []),
    ("sqrt(a^2 + 1)", []),
    ("a^2 - 3*b", []),
    ("(-2)^b", ["False"]),
])
def test_the_conditions_that_make_an_expression_real(text, needs):
    from gametheory.expr import domain, parse_expr

    assert [str(rel) for rel, _ in domain(parse_expr(text, names=["a", "b", "c"]))] == needs
