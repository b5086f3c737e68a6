"""Tests of the spec loader (gametheory.spec): every construct of format version 1, exactly."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
import sympy
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import SpecError, UsageError
from gametheory.expr import symbol
from gametheory.spec import bundled_names, bundled_path, load_spec, resolve
from gametheory.spec.model import CountSpec, Spec

R_ = sympy.Rational
T, R, P, S = (symbol(n) for n in "TRPS")
SPECS = Path(__file__).resolve().parents[1] / "specs"

PD = """\
version: 1
title: Prisoner's Dilemma
description: Two states choose to restrain or arm.
source: Jervis 1978
players: [Row, Column]
strategies: [Cooperate, Defect]
parameters:
  T: {value: 5, description: temptation to exploit}
  R: {value: 3, description: reward of mutual cooperation}
  P: 1
  S: 0
assumptions:
  - T > R > P > S
symmetric: true
payoffs:
  matrix:
    - [R, S]
    - [T, P]
"""


def load(text: str) -> Spec:
    return load_spec(text, name="t.yaml")


def problems(text) -> list[str]:
    with pytest.raises(SpecError) as err:
        load_spec(text, name="t.yaml")
    return [str(p) for p in err.value.problems]


def table(spec: Spec, type_profile=()) -> dict:
    return dict(dict(spec.payoffs)[type_profile])


# ------------------------------------------------------------------------------------ constructs


def test_complete_example():
    spec = load(PD)
    assert spec.file == "t.yaml"
    assert spec.title == "Prisoner's Dilemma"
    assert spec.description == "Two states choose to restrain or arm."
    assert spec.source == ("Jervis 1978",)
    assert spec.version == 1
    assert spec.players == ("Row", "Column")
    assert spec.strategies == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    assert spec.symmetric is True and spec.ordinal is False and spec.count is None
    assert [(p.name, p.default, p.description) for p in spec.parameters] == [
        ("T", 5, "temptation to exploit"),
        ("R", 3, "reward of mutual cooperation"),
        ("P", 1, ""),
        ("S", 0, ""),
    ]
    assert spec.parameters[0].location.line == 8 and spec.parameters[0].location.column == 3
    assert [a.relation for a in spec.assumptions] == [sympy.Gt(T, R), sympy.Gt(R, P), sympy.Gt(P, S)]
    assert [a.text for a in spec.assumptions] == ["T > R", "R > P", "P > S"]
    assert [(a.location.line, a.location.column) for a in spec.assumptions] == [(13, 5), (13, 9), (13, 13)]
    assert spec.payoffs == (
        ((), (((0, 0), (R, R)), ((0, 1), (S, T)), ((1, 0), (T, S)), ((1, 1), (P, P)))),
    )
    assert spec.text == PD


def test_matrix_two_payoffs_per_cell():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies:\n  A: [U, D]\n  B: [L, M, Rt]\n"
        "payoffs:\n  matrix:\n    - [[1, 2], [3, 4], [5, 6]]\n    - [[0.1, -1], [1/3, 2^-1], [1e-3, .5]]\n"
    )
    assert spec.strategies == (("U", "D"), ("L", "M", "Rt"))
    assert table(spec) == {
        (0, 0): (1, 2), (0, 1): (3, 4), (0, 2): (5, 6),
        (1, 0): (R_(1, 10), -1), (1, 1): (R_(1, 3), R_(1, 2)), (1, 2): (R_(1, 1000), R_(1, 2)),
    }
    for _, values in spec.payoffs[0][1]:
        for v in values:
            assert v.is_Rational


def test_numbers_never_become_floats():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies: [U, D]\n"
        "payoffs:\n  matrix:\n    - [[0.1, 0.2], [1e3, 1E-2]]\n    - [['0.30', \"7\"], [+1, -0.0]]\n"
    )
    assert table(spec) == {(0, 0): (R_(1, 10), R_(1, 5)), (0, 1): (1000, R_(1, 100)),
                           (1, 0): (R_(3, 10), 7), (1, 1): (1, 0)}


def test_outcomes_three_players():
    text = "title: x\nplayers: [A, B, C]\nstrategies: [X, Z]\nparameters: {b: 2, c: 1}\npayoffs:\n  outcomes:\n"
    for profile in ["X, X, X", "X, X, Z", "X, Z, X", "X, Z, Z", "Z, X, X", "Z, X, Z", "Z, Z, X", "Z,Z,Z"]:
        text += f'    "{profile}": [b - c, b, 0]\n'
    spec = load(text)
    b, c = symbol("b"), symbol("c")
    assert [p for p, _ in spec.payoffs[0][1]] == sorted(p for p, _ in spec.payoffs[0][1])
    assert len(spec.payoffs[0][1]) == 8
    assert table(spec)[(1, 1, 1)] == (b - c, b, 0)


def test_symmetric_outcomes_single_values():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies: [H, D]\nparameters: {V: 2, C: 3}\nsymmetric: true\n"
        "payoffs:\n  outcomes:\n    H, H: (V - C)/2\n    H, D: V\n    D, H: 0\n    D, D: V/2\n"
    )
    V, C = symbol("V"), symbol("C")
    assert table(spec) == {(0, 0): ((V - C) / 2, (V - C) / 2), (0, 1): (V, 0), (1, 0): (0, V), (1, 1): (V / 2, V / 2)}


def test_parameters_forms():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies: [U]\n"
        "parameters:\n  a: 1/4\n  b: a + 1\n  c: null\n  d: {value: 0.5, description: half}\n  e: {description: no value}\n  f:\n"
        "payoffs: {matrix: [[[a, f]]]}\n"
    )
    a = symbol("a")
    assert [(p.name, p.default, p.description) for p in spec.parameters] == [
        ("a", R_(1, 4), ""), ("b", a + 1, ""), ("c", None, ""), ("d", R_(1, 2), "half"),
        ("e", None, "no value"), ("f", None, ""),
    ]


def test_define_substituted_and_kept():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies: [U, D]\nparameters: {V: 4, C: 6}\n"
        "define:\n  W: V - C\n  H: W / 2\n"
        "payoffs:\n  matrix:\n    - [[H, H], [V, 0]]\n    - [[0, V], [V/2, V/2]]\n"
    )
    V, C = symbol("V"), symbol("C")
    assert spec.definitions == (("W", V - C), ("H", (V - C) / 2))
    assert table(spec)[(0, 0)] == ((V - C) / 2, (V - C) / 2)
    for _, values in spec.payoffs[0][1]:
        for v in values:
            assert v.free_symbols <= {V, C}


def test_assumptions_forms():
    spec = load(
        "title: x\nplayers: [A, B]\nstrategies: [U]\nparameters: {p: null, q: null}\ndefine: {s: p + q}\n"
        "assumptions:\n  - 0 < p < 1\n  - q >= 0\n  - p != q\n  - s <= 1\n  - p == 1/2\n"
        "payoffs: {matrix: [[[p, q]]]}\n"
    )
    p, q = symbol("p"), symbol("q")
    assert [a.relation for a in spec.assumptions] == [
        sympy.Lt(0, p), sympy.Lt(p, 1), sympy.Ge(q, 0), sympy.Ne(p, q), sympy.Le(p + q, 1), sympy.Eq(p, R_(1, 2)),
    ]
    assert [a.text for a in spec.assumptions] == ["0 < p", "p < 1", "q >= 0", "p != q", "s <= 1", "p == 1/2"]


def test_single_assumption_string_is_accepted():
    spec = load("title: x\nplayers: [A, B]\nstrategies: [U]\nparameters: {p: null}\nassumptions: p > 0\npayoffs: {matrix: [[[p, p]]]}\n")
    assert [a.relation for a in spec.assumptions] == [sympy.Gt(symbol("p"), 0)]


def test_by_count_numeric():
    spec = load(
        "title: x\nplayers: {count: 3, name: State}\nstrategies: [Ally, Abstain]\nparameters: {b: 2, c: 1}\n"
        "payoffs:\n  by_count:\n    Ally: b * (n_Ally + 1) / N - c\n    Abstain: b * n_Ally / N\n"
    )
    b, c, N, nA, nB = (symbol(n) for n in ("b", "c", "N", "n_Ally", "n_Abstain"))
    assert spec.players == ("State1", "State2", "State3")
    assert spec.strategies == (("Ally", "Abstain"),) * 3
    assert spec.payoffs == ()
    assert spec.count == CountSpec(
        count=3, name="State", payoffs=(b * (nA + 1) / N - c, b * nA / N), count_symbols=(nA, nB), n_symbol=N
    )


def test_by_count_symbolic_n():
    spec = load(
        "title: x\nplayers: {count: N, name: State}\nstrategies: [Volunteer, Abstain]\n"
        "parameters: {N: {value: 4}, b: 4, c: 1}\n"
        "payoffs:\n  by_count:\n    Volunteer: b - c\n    Abstain: b * min(n_Volunteer, 1)\n"
    )
    assert spec.players == ("State1", "State2", "State3", "State4")
    assert spec.count.count == symbol("N")
    assert spec.count.payoffs[1] == symbol("b") * sympy.Min(symbol("n_Volunteer"), 1)


def test_preferences_ranks_with_ties():
    spec = load(
        "title: x\nplayers: [Row, Column]\nstrategies: [C, D]\npreferences:\n"
        '  Row: ["D, C", "C, C", "D, D", "C, D"]\n'
        '  Column: ["C, D", ["C, C", "D, D"], "D, C"]\n'
    )
    assert spec.ordinal is True
    assert table(spec) == {(0, 0): (3, 2), (0, 1): (1, 3), (1, 0): (4, 1), (1, 1): (2, 2)}
    for _, values in spec.payoffs[0][1]:
        assert all(isinstance(v, sympy.Integer) for v in values)


def test_types_single_typed_player():
    spec = load(
        "title: x\nplayers: [State, Adversary]\nstrategies: [Firm, Conciliate]\nparameters: {p: null}\n"
        "assumptions: [0 < p < 1]\ntypes:\n  Adversary: {status_quo: 1 - p, expansionist: p}\npayoffs:\n"
        "  status_quo:   {matrix: [[[2, 2], [3, 1]], [[1, 3], [4, 4]]]}\n"
        "  expansionist: {matrix: [[[2, 1], [3, 2]], [[1, 4], [4, 3]]]}\n"
    )
    p = symbol("p")
    assert spec.types == ((), (("status_quo", 1 - p), ("expansionist", p)))
    assert [tp for tp, _ in spec.payoffs] == [(0,), (1,)]
    assert table(spec, (1,))[(1, 0)] == (1, 4)


def test_types_two_typed_players_and_preferences():
    rank = '["C, C", "D, C", "D, D", "C, D"]'
    text = (
        "title: x\nplayers: [A, B]\nstrategies: [C, D]\ntypes:\n  A: {t: 1/3, u: 2/3}\n  B: {t: 1/2, u: 0.5}\n"
        "preferences:\n"
    )
    for tp in ["t, t", "t, u", "u, t", "u, u"]:
        text += f'  "{tp}": {{A: {rank}, B: {rank}}}\n'
    spec = load(text)
    assert spec.types == ((("t", R_(1, 3)), ("u", R_(2, 3))), (("t", R_(1, 2)), ("u", R_(1, 2))))
    assert [tp for tp, _ in spec.payoffs] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert spec.ordinal


def test_json_spec_with_positions():
    data = {
        "title": "PD", "players": ["A", "B"], "strategies": ["C", "D"],
        "payoffs": {"matrix": [[[3, 3], [0, 5]], [[5, 0], [1, "1/2"]]]},
    }
    spec = load(json.dumps(data))
    assert table(spec)[(1, 1)] == (1, R_(1, 2))
    data["payoffs"]["matrix"][1][1][1] = "x + 1"
    text = json.dumps(data, indent=2)
    (message,) = problems(text)
    line = next(k for k, l in enumerate(text.splitlines(), 1) if '"x + 1"' in l)
    column = text.splitlines()[line - 1].index('"x + 1"') + 2
    assert message == f"t.yaml:{line}:{column}: unknown name 'x'; no names are known here (declare parameters under 'parameters')"


def test_load_from_path_and_bytes(tmp_path):
    path = tmp_path / "pd.yaml"
    path.write_text(PD, encoding="utf-8")
    assert load_spec(path).file == str(path)
    assert load_spec(str(path)).players == ("Row", "Column")
    assert load_spec(PD.encode("utf-8"), name="<stdin>").file == "<stdin>"
    assert load_spec(b"\xef\xbb\xbf" + PD.encode(), name="bom").title == "Prisoner's Dilemma"
    with pytest.raises(SpecError) as err:
        load_spec(tmp_path / "missing.yaml")
    assert str(err.value).endswith(":1:1: no such file")


# ------------------------------------------------------------------------------------- problems


def test_every_problem_is_reported():
    text = (
        "title: x\nplayers: [A, B]\nstrategies: [U, D]\nparameters: {a: 1}\n"
        "payoffs:\n  matrix:\n    - [[a, b], [c, 1]]\n    - [[1, 1], [1, d]]\n"
    )
    known = "the known names are a (declare parameters under 'parameters')"
    assert problems(text) == [
        f"t.yaml:7:12: unknown name 'b'; {known}",
        f"t.yaml:7:17: unknown name 'c'; {known}",
        f"t.yaml:8:20: unknown name 'd'; {known}",
    ]


def test_expression_columns_plain_and_quoted():
    text = "title: x\nplayers: [A, B]\nstrategies: [U]\nparameters: {a: 1}\npayoffs:\n  matrix: [[[a + zz, 'a + yy']]]\n"
    assert problems(text) == [
        "t.yaml:6:18: unknown name 'zz'; the known names are a (declare parameters under 'parameters')",
        "t.yaml:6:27: unknown name 'yy'; the known names are a (declare parameters under 'parameters')",
    ]


@pytest.mark.parametrize("word", ["Yes", "No", "no", "on", "Off", "TRUE", "false", "YES", "OFF"])
def test_yaml_booleans_as_names_are_refused(word):
    text = f"title: x\nplayers: [A, B]\nstrategies: [{word}, Other]\npayoffs:\n  matrix: [[[1, 1], [0, 0]], [[0, 0], [1, 1]]]\n"
    (message,) = problems(text)
    assert message == (
        f't.yaml:3:14: YAML reads an unquoted {word} as a boolean; write "{word}" in quotes for the strategy name'
    )
    quoted = text.replace(f"[{word},", f'["{word}",')
    assert load(quoted).strategies[0] == (word, "Other")


def test_single_letters_y_and_n_are_names():
    spec = load("title: x\nplayers: [A, B]\nstrategies: [x, y, n, N]\nparameters: {n: 2, y: 3}\npayoffs:\n  outcomes:\n"
                + "".join(f"    {a}, {b}: [n, y]\n" for a in "xynN" for b in "xynN"))
    assert [p.name for p in spec.parameters] == ["n", "y"]
    assert spec.strategies[0] == ("x", "y", "n", "N")


def test_nothing_is_half_loaded():
    with pytest.raises(SpecError):
        load(PD.replace("[T, P]", "[T, Q]"))


def test_huge_file_refused_quickly():
    text = PD + "#" * 1_000_001
    start = time.perf_counter()
    assert problems(text) == ["t.yaml:1:1: the file is too large (1001XXX characters; at most 1000000)".replace(
        "1001XXX", str(len(text)))]
    assert time.perf_counter() - start < 2


def test_alias_bomb_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    assert problems("\n".join(lines)) == [
        "t.yaml:1:4: YAML anchors (&name) are not allowed in a spec; write the value out in full"
    ]
    assert time.perf_counter() - start < 2


def test_deep_yaml_refused_without_recursion():
    text = "title: x\npayoffs: " + "[" * 100_000 + "]" * 100_000 + "\n"
    (message,) = problems(text)
    assert message == "t.yaml:2:59: the YAML is nested too deeply (more than 50 levels)"


def test_many_players_profiles_limit():
    text = "title: x\nplayers: {count: 30, name: P}\nstrategies: [A, B]\npayoffs:\n  outcomes: {}\n"
    (message,) = problems(text)
    assert "too many to list" in message


# ---------------------------------------------------------------------------------- bundled specs


def test_bundled_specs_load():
    names = bundled_names()
    assert names == sorted(names)
    assert "prisoners-dilemma" in names
    for name in names:
        spec = load_spec(bundled_path(name).read_bytes(), name=f"{name}.yaml")
        assert spec.title
        assert spec.source, f"{name} cites no source"


def test_bundled_path_unknown_name():
    with pytest.raises(UsageError) as err:
        bundled_path("prisoners-dilema")
    assert "did you mean 'prisoners-dilemma'?" in str(err.value)


def test_resolve(tmp_path):
    data, name = resolve("prisoners-dilemma")
    assert name == "prisoners-dilemma.yaml" and b"Prisoner" in data
    path = tmp_path / "x.yaml"
    path.write_text(PD)
    assert resolve(str(path)) == (PD.encode(), str(path))
    with pytest.raises(UsageError):
        resolve("no-such-spec-anywhere")


def test_bundled_specs_match_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "gametheory" / "spec" / "schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert bundled_names()
    for name in bundled_names():
        data = yaml.safe_load(bundled_path(name).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_refuses_an_unknown_key():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "gametheory" / "spec" / "schema.json").read_text())
    data = yaml.safe_load(PD)
    jsonschema.validate(data, schema)
    data["payof"] = {}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# ------------------------------------------------------------------------------ property tests

NAME_POOL = ["Alpha", "Beta", "Gamma", "Delta", "Hawk", "Dove", "Stag", "Hare", "Ally", "Abstain", "Firm", "Soft"]
PARAM_POOL = ["a", "b", "c", "V", "C", "mu"]


@st.composite
def spec_dicts(draw):
    """A random valid spec as a Python dict, and the payoff table it must produce."""
    n = draw(st.integers(2, 3))
    players = draw(st.lists(st.sampled_from(NAME_POOL), min_size=n, max_size=n, unique=True))
    shared = draw(st.booleans())
    if shared:
        strats = draw(st.lists(st.sampled_from(NAME_POOL), min_size=1, max_size=3, unique=True))
        strategies = [strats] * n
        spec_strategies = strats
    else:
        strategies = [draw(st.lists(st.sampled_from(NAME_POOL), min_size=1, max_size=3, unique=True)) for _ in players]
        spec_strategies = dict(zip(players, strategies))
    params = draw(st.lists(st.sampled_from(PARAM_POOL), max_size=3, unique=True))
    numbers = st.fractions(max_denominator=12).filter(lambda f: abs(f) < 1000)

    def payoff():
        if params and draw(st.booleans()):
            return draw(st.sampled_from(params)) + f" + {draw(st.integers(0, 9))}"
        f = draw(numbers)
        return int(f) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"

    profiles = list(__import__("itertools").product(*(range(len(s)) for s in strategies)))
    cells = {p: [payoff() for _ in players] for p in profiles}
    data = {"title": draw(st.text(alphabet="abc XYZ'", min_size=1, max_size=20)).strip() or "t",
            "players": players, "strategies": spec_strategies}
    if params:
        data["parameters"] = {p: (None if draw(st.booleans()) else draw(st.integers(-5, 5))) for p in params}
    if n == 2 and draw(st.booleans()):
        data["payoffs"] = {"matrix": [[cells[(i, j)] for j in range(len(strategies[1]))] for i in range(len(strategies[0]))]}
    else:
        data["payoffs"] = {"outcomes": {", ".join(strategies[k][s] for k, s in enumerate(p)): cells[p] for p in profiles}}
    return data, cells


def _value(v):
    if isinstance(v, int):
        return sympy.Integer(v)
    if "+" in v:
        name, _, k = v.partition(" + ")
        return symbol(name) + int(k)
    num, _, den = v.partition("/")
    return sympy.Rational(int(num), int(den))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec_dicts())
def test_random_valid_specs_load(case):
    data, cells = case
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    spec = load(text)
    assert spec.players == tuple(data["players"])
    got = dict(spec.payoffs[0][1])
    assert set(got) == set(cells)
    for profile, values in cells.items():
        assert got[profile] == tuple(_value(v) for v in values)


def _valid_texts():
    texts = [PD]
    for name in bundled_names():
        texts.append(bundled_path(name).read_text(encoding="utf-8"))
    return texts


VALID_TEXTS = _valid_texts()
KEYS = ["title", "players", "strategies", "payoffs", "matrix", "outcomes", "by_count", "types", "symmetric",
        "parameters", "define", "assumptions", "preferences", "count", "name", "value", "description"]
JUNK = list("[]{},:#&*!|>'\"-?%@`\t\n ") + ["(", ")", "^", "0", "1e9", "No", "__import__", "&a", "*a", "---"]


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(VALID_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "swap", "key", "duplicate"]))
        lines = text.split("\n")
        if kind == "delete" and text:
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i, min(len(text), i + 20)))
            text = text[:i] + text[j:]
        elif kind == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.sampled_from(JUNK)) + text[i:]
        elif kind == "swap" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == "key":
            old, new = draw(st.sampled_from(KEYS)), draw(st.sampled_from(KEYS))
            text = text.replace(old, new, 1)
        elif kind == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_load_or_raise_spec_error(text):
    try:
        spec = load(text)
    except SpecError as err:
        assert err.problems
        n_lines = text.count("\n") + 2
        for p in err.problems:
            assert 1 <= p.line <= n_lines
            assert p.column >= 1
            assert p.message and "\n" not in p.message
    else:
        assert isinstance(spec, Spec)


def test_mutations_with_a_fixed_seed():
    """A deterministic sweep of the same mutations (fast, reproducible)."""
    rng = random.Random(20240601)
    for _ in range(300):
        text = rng.choice(VALID_TEXTS)
        i = rng.randrange(len(text))
        text = text[:i] + rng.choice(JUNK) + text[i + rng.randrange(3):]
        try:
            load(text)
        except SpecError:
            pass
