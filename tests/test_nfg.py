"""Gambit .nfg files: reading (payoff and outcome versions), writing, errors, and exact round
trips through pygambit itself (ours -> pygambit -> ours, pygambit -> ours -> pygambit)."""

from __future__ import annotations

import io
import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import SpecError, UsageError
from gametheory.expr import symbol
from gametheory.export.nfg import nfg_string, to_nfg
from gametheory.games import BayesianGame, Game, from_spec
from gametheory.spec.nfg import load_nfg, parse_number

# Written by pygambit 16.7.0 (``Game.to_nfg()``) for a game built with ``Game.new_table([2, 3])``,
# labels set, the payoffs -1, 2, Decimal("2.5"), 0, 0, 0 / -1, 1, Rational(1, 3), 3, 3, Rational(-7, 2)
# and the description "A comment".
PYGAMBIT_ENTRY = """NFG 1 R "Entry deterrence" { "Entrant" "Incumbent" }

{ { "In" "Out" }
{ "Fight" "Accommodate" "Wait" }
}
"A comment"

{
{ "" -1, -1 }
{ "" 0, 3 }
{ "" 2, 1 }
{ "" 0, 3 }
{ "" 2.5, 1/3 }
{ "" 0, -7/2 }
}
1 2 3 4 5 6 
"""

# Written by pygambit 16.7.0 for ``Game.from_arrays(A1, A2, A3, title="Three players")``.
PYGAMBIT_THREE = """NFG 1 R "Three players" { "1" "2" "3" }

{ { "1" "2" }
{ "1" "2" }
{ "1" "2" }
}
""

{
{ "" 1, 0, 2 }
{ "" 3, 1, 1/2 }
{ "" 0, 1, 2 }
{ "" 5, 0, 0 }
{ "" 0, 1, 2 }
{ "" 4, 1, 0 }
{ "" 2, 0, 2 }
{ "" 6, 0, -1 }
}
1 2 3 4 5 6 7 8 
"""

# The example of Gambit's documentation ("The strategic game file format"), payoff version ...
SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# ... and the same game in the outcome version.
SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2"
{ "Player 1" "Player 2" }
{ { "1" "2" "3" }
{ "1" "2" }
}
""

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def payoffs(game: Game) -> dict:
    return {profile: game.outcome(profile) for profile in game.profiles()}


def R(p, q=1):
    return sympy.Rational(p, q)


# -- reading ----------------------------------------------------------------------------------

def test_reads_a_file_written_by_pygambit_exactly():
    spec = load_nfg(PYGAMBIT_ENTRY, "entry.nfg")
    assert spec.file == "entry.nfg"
    assert spec.title == "Entry deterrence"
    assert spec.description == "A comment"
    assert spec.players == ("Entrant", "Incumbent")
    assert spec.strategies == (("In", "Out"), ("Fight", "Accommodate", "Wait"))
    game = from_spec(spec)
    assert payoffs(game) == {
        (0, 0): (R(-1), R(-1)), (0, 1): (R(2), R(1)), (0, 2): (R(5, 2), R(1, 3)),
        (1, 0): (R(0), R(3)), (1, 1): (R(0), R(3)), (1, 2): (R(0), R(-7, 2)),
    }
    assert all(isinstance(v, sympy.Rational) for cell in payoffs(game).values() for v in cell)


def test_first_players_strategy_changes_fastest():
    game = from_spec(load_nfg(PYGAMBIT_THREE, "three.nfg"))
    assert game.shape == (2, 2, 2)
    assert game.outcome((1, 0, 0)) == (3, 1, R(1, 2))
    assert game.outcome((0, 1, 0)) == (0, 1, 2)
    assert game.outcome((1, 1, 1)) == (6, 0, -1)
    assert game.players == ("1", "2", "3")


def test_payoff_and_outcome_versions_describe_the_same_game():
    a = from_spec(load_nfg(SELTEN_PAYOFF, "a.nfg"))
    b = from_spec(load_nfg(SELTEN_OUTCOME, "b.nfg"))
    assert a == b
    assert a.strategies == (("1", "2", "3"), ("1", "2"))
    assert a.outcome((0, 0)) == (1, 1) and a.outcome((1, 0)) == (0, 2) and a.outcome((2, 1)) == (2, 0)


def test_null_outcome_and_number_forms():
    text = 'NFG 1 D "t" { "A" "B" } { { "x" "y" } { "z" } } { { "o" 1e2 .5 } { "p" +3, -0.25 } } 0 2'
    game = from_spec(load_nfg(text, "t.nfg"))
    assert game.outcome((0, 0)) == (0, 0)
    assert game.outcome((1, 0)) == (3, R(-1, 4))
    assert parse_number("1.5e-3") == R(3, 2000)
    assert parse_number("-7/2") == R(-7, 2)


def test_strings_escape_quotes_and_backslashes_and_empty_names_get_numbers():
    text = 'NFG 1 R "say \\"hi\\" a\\\\b c\\d" { "" "P" } { { "" "s" } { "t" } } 1 2 3 4'
    spec = load_nfg(text, "s.nfg")
    assert spec.title == 'say "hi" a\\b c\\d'
    assert spec.players == ("Player 1", "P")
    assert spec.strategies == (("1", "s"), ("t",))


# -- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, where, words", [
    ('EFG 2 R "x"', (1, 1), "expected the file type NFG"),
    ('NFG 2 R "x"', (1, 5), "format version 1"),
    ('NFG 1 Q "x"', (1, 7), "R (rational) or D (double)"),
    ('NFG 1 R x', (1, 9), "title in double quotes"),
    ('NFG 1 R "x" { "A" } { 2 }', (1, 13), "two or more players, found 1"),
    ('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3', (2, 6), "player 2's payoff at profile (2, 1)"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n1 2 3', (2, 5), "end of the file"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n1 2x', (2, 3), "malformed number '2x'"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n1 2/0', (2, 3), "division by zero"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n{ { "" 1 2 } }\n2', (3, 1), "outcome 2 does not exist"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n{ { "" 1 } }\n1', (2, 10), "player 2's payoff in outcome 1"),
    ('NFG 1 R "x" { "A" "A" } { 1 1 } 1 2', (1, 19), "appears twice"),
    ('NFG 1 R "x" { "A" "B" } { { "a, b" } { "c" } } 1 2', (1, 29), "contains a comma"),
    ('NFG 1 R "x" { "A" "B" } { { } { "c" } } 1 2', (1, 29), "at least one strategy"),
    ('NFG 1 R "x', (1, 9), "string not closed"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 } 1e5000 0', (1, 33), "exponent"),
])
def test_errors_are_spec_errors_with_line_and_column(text, where, words):
    with pytest.raises(SpecError) as info:
        load_nfg(text, "bad.nfg")
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("bad.nfg", *where), problem
    assert words in problem.message
    assert str(problem).startswith(f"bad.nfg:{where[0]}:{where[1]}: ")


# -- writing ----------------------------------------------------------------------------------

def entry_game() -> Game:
    return from_spec(load_nfg(PYGAMBIT_ENTRY, "entry.nfg"))


def test_writes_the_payoff_version_with_exact_rationals():
    assert to_nfg(entry_game()) == (
        'NFG 1 R "Entry deterrence" { "Entrant" "Incumbent" }\n'
        "\n"
        '{ { "In" "Out" }\n'
        '{ "Fight" "Accommodate" "Wait" }\n'
        "}\n"
        '"A comment"\n'
        "\n"
        "-1 -1\n"
        "0 3\n"
        "2 1\n"
        "0 3\n"
        "5/2 1/3\n"
        "0 -7/2\n"
    )


def test_writes_the_outcome_version_like_pygambit():
    text = to_nfg(entry_game(), version="outcome")
    assert text == PYGAMBIT_ENTRY.replace("{ \"\" 2.5, 1/3 }", "{ \"\" 5/2, 1/3 }").replace("6 \n", "6\n")


def test_quotes_and_backslashes_are_written_so_that_gambit_reads_them_back():
    assert nfg_string('say "hi"') == '"say \\"hi\\""'
    assert nfg_string("a\\b") == '"a\\b"'             # Gambit keeps a lone backslash
    assert nfg_string("a\\\\b") == '"a\\\\\\\\b"'     # doubled where Gambit's reading would be ambiguous
    for name in ['say "hi"', "a\\b", "a\\\\b", "end\\", 'q\\"']:
        game = Game.from_arrays([[[1]], [[2]]], players=(name, "B"), title=name)
        spec = load_nfg(to_nfg(game), "q.nfg")
        assert spec.title == name and spec.players[0] == name


@pytest.mark.parametrize("game, words", [
    (Game.from_arrays([[[symbol("x")]], [[1]]]), "symbolic payoffs (x)"),
    (Game.from_arrays([[[sympy.sqrt(2)]], [[1]]]), "not a rational number"),
])
def test_only_numeric_rational_games_can_be_written(game, words):
    with pytest.raises(UsageError, match=words.replace("(", r"\(").replace(")", r"\)")):
        to_nfg(game)


def test_bayesian_games_and_unknown_versions_are_refused():
    table = Game.from_arrays([[[1]], [[1]]]).payoffs
    bayes = BayesianGame(title="b", players=("A", "B"), actions=(("a",), ("b",)),
                         types=((), (("t", sympy.Integer(1)),)), tables=(((0,), table),))
    with pytest.raises(UsageError, match="Harsanyi"):
        to_nfg(bayes)
    with pytest.raises(UsageError, match="version"):
        to_nfg(entry_game(), version="tree")
    harsanyi = bayes.harsanyi()
    assert load_nfg(to_nfg(harsanyi), "h.nfg").players == ("A", "B")


games = st.integers(min_value=2, max_value=3).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.integers(min_value=1, max_value=3), min_size=n, max_size=n),
    )
).flatmap(
    lambda nk: st.tuples(
        st.just(nk),
        st.lists(
            st.fractions(min_value=-50, max_value=50, max_denominator=12),
            min_size=nk[0] * _prod(nk[1]), max_size=nk[0] * _prod(nk[1]),
        ),
    )
)


def _prod(xs):
    out = 1
    for x in xs:
        out *= x
    return out


def _game(spec) -> Game:
    (n, shape), values = spec
    arrays = []
    size = _prod(shape)
    for i in range(n):
        flat = [sympy.Rational(v.numerator, v.denominator) for v in values[i * size:(i + 1) * size]]
        arrays.append(sympy.ImmutableDenseNDimArray(flat, tuple(shape)))
    strategies = tuple(tuple(f"p{i}s{k}" for k in range(m)) for i, m in enumerate(shape))
    return Game.from_arrays(arrays, players=tuple(f"P{i}" for i in range(n)), strategies=strategies,
                            title="random")


@settings(max_examples=60, deadline=None)
@given(games, st.sampled_from(["payoff", "outcome"]))
def test_our_round_trip_is_exact(spec, version):
    game = _game(spec)
    back = from_spec(load_nfg(to_nfg(game, version=version), "r.nfg"))
    assert back == game


# -- through pygambit -------------------------------------------------------------------------

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is a dev dependency
    gbt = None

needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit is not installed")


def gambit_payoffs(g) -> dict:
    players = list(g.players)
    out = {}
    for profile in itertools.product(*(range(len(p.strategies)) for p in players)):
        strategies = [list(p.strategies)[k] for p, k in zip(players, profile)]
        out[profile] = tuple(Fraction(str(g[strategies][p])) for p in players)
    return out


def gambit_labels(g):
    return (g.title, g.description, tuple(p.label for p in g.players),
            tuple(tuple(s.label for s in p.strategies) for p in g.players))


@pytest.mark.gambit
@needs_gambit
@settings(max_examples=40, deadline=None)
@given(games, st.sampled_from(["payoff", "outcome"]))
def test_ours_to_pygambit_to_ours_is_exact(spec, version):
    game = _game(spec)
    g = gbt.read_nfg(io.StringIO(to_nfg(game, version=version)))
    assert gambit_payoffs(g) == {k: tuple(Fraction(int(v.p), int(v.q)) for v in cell)
                                 for k, cell in payoffs(game).items()}
    back = from_spec(load_nfg(g.to_nfg(), "back.nfg"))
    assert back == game


@pytest.mark.gambit
@needs_gambit
@settings(max_examples=40, deadline=None)
@given(games)
def test_pygambit_to_ours_to_pygambit_is_exact(spec):
    (n, shape), values = spec
    size = _prod(shape)
    import numpy as np

    arrays = [np.array([gbt.Rational(v.numerator, v.denominator) for v in values[i * size:(i + 1) * size]],
                       dtype=object).reshape(shape) for i in range(n)]
    g = gbt.Game.from_arrays(*arrays, title='From "pygambit"')
    g.description = "made by pygambit"
    for i, p in enumerate(g.players):
        p.label = f"Gambit player {i + 1}"
    ours = from_spec(load_nfg(g.to_nfg(), "g.nfg"))
    again = gbt.read_nfg(io.StringIO(to_nfg(ours)))
    assert gambit_labels(again) == gambit_labels(g)
    assert gambit_payoffs(again) == gambit_payoffs(g)


@pytest.mark.gambit
@needs_gambit
def test_decimal_payoffs_written_by_pygambit_are_read_exactly():
    g = gbt.read_nfg(io.StringIO(PYGAMBIT_ENTRY))
    # the fixture is what pygambit writes (it names unnamed outcomes _1, _2, ... when reading)
    expected = PYGAMBIT_ENTRY
    for k in range(1, 7):
        expected = expected.replace('{ "" ', f'{{ "_{k}" ', 1)
    assert g.to_nfg() == expected
    ours = from_spec(load_nfg(g.to_nfg(), "e.nfg"))
    assert ours.outcome((0, 2)) == (R(5, 2), R(1, 3))
    again = gbt.read_nfg(io.StringIO(to_nfg(ours)))
    assert gambit_payoffs(again) == gambit_payoffs(g)


# -- convert: the spec as YAML and JSON -------------------------------------------------------

from pathlib import Path  # noqa: E402

from gametheory.export.specfile import spec_document, to_json, to_yaml  # noqa: E402

SPECS = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "specs").glob("*.yaml")
               # game trees convert to .efg (test_tree_report), continuous games and bargaining not at all
               if not any(key in p.read_text(encoding="utf-8") for key in ("\ntree:", "\nchoices:", "\nbargaining:")))


@pytest.mark.parametrize("name", SPECS)
def test_bundled_specs_round_trip_through_yaml_and_json_exactly(name):
    import gametheory

    game = gametheory.load(name)
    for text in (to_yaml(game), to_json(game)):
        assert gametheory.load(text, name=f"{name}-converted") == game
    assert to_yaml(game) == to_yaml(gametheory.load(name))  # deterministic


def test_nfg_converts_to_yaml_and_back():
    import gametheory

    game = entry_game()
    text = to_yaml(game)
    assert "payoffs:\n  matrix:\n    - [[-1, -1], [2, 1], [5/2, 1/3]]\n" in text
    assert gametheory.load(text) == game
    assert from_spec(load_nfg(to_nfg(gametheory.load(text)), "again.nfg")) == game


def test_yaml_quotes_what_a_yaml_reader_would_take_for_something_else():
    import gametheory

    game = Game.from_arrays([[[1, 2], [3, 4]]] * 2, players=("Yes", "No"), title="On: off",
                            strategies=(("1e3", "3/2"), ("a, b", 'say "x"')))
    text = to_yaml(game)
    assert 'players: ["Yes", "No"]' in text
    assert 'title: "On: off"' in text
    assert '"Yes": ["1e3", 3/2]' in text and '"No": ["a, b", "say \\"x\\""]' in text
    # "a, b" cannot be a spec strategy name (no commas), so the loader refuses it; the rest reads back
    ok = Game.from_arrays([[[1, 2], [3, 4]]] * 2, players=("Yes", "No"), title="On: off",
                          strategies=(("1e3", "3/2"), ("ab", 'say "x"')))
    assert gametheory.load(to_yaml(ok)) == ok


def test_ordinal_games_are_written_as_preferences():
    import gametheory

    text = (
        "title: Ordinal\nplayers: [Row, Column]\nstrategies: [C, D]\npreferences:\n"
        '  Row: ["D, C", "C, C", ["D, D", "C, D"]]\n  Column: ["C, D", "C, C", "D, D", "D, C"]\n'
    )
    game = gametheory.load(text)
    doc = spec_document(game)
    assert "payoffs" not in doc
    assert doc["preferences"]["Row"] == ["D, C", "C, C", ["C, D", "D, D"]]
    assert gametheory.load(to_yaml(game)) == game


def test_assigned_parameters_are_written_as_numbers():
    import gametheory

    game = gametheory.load("hawk-dove").subs({"V": 2})
    doc = spec_document(game)
    assert list(doc["parameters"]) == ["C"]
    assert doc["payoffs"]["matrix"][1][1] == "1 - C/2"
    back = gametheory.load(to_yaml(game))
    assert (back.payoffs, back.assumptions, back.strategies) == (game.payoffs, game.assumptions, game.strategies)
    assert [p.name for p in back.parameters] == ["C"]
