"""Repeated games: closed forms of the literature, the brute-force one-shot deviation checker at
random rational payoffs, minmax values against an independent check, the feasible set against
scipy, the finite horizon, the spec section and the command line."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
import sympy
from click.testing import CliRunner

import gametheory
from gametheory.cli import app
from gametheory.equilibria.automata import (_reachable, analyse_profile, deviation_gains, discount_symbol,
                                            is_subgame_perfect, library_profile, library_profiles)
from gametheory.equilibria.minmax import _vertex_minmax, is_minmax, minmax
from gametheory.games import Game
from gametheory.games.repeated import from_stage

T, R, P, S = sympy.symbols("T R P S", real=True)
DELTA = discount_symbol()
PD = gametheory.load("prisoners-dilemma")


def _analysis(game, name):
    return analyse_profile(game, library_profile(name, from_stage(game)), DELTA)


# -- closed forms (REPEATED.md) ---------------------------------------------------------------

def test_grim_trigger_in_the_pd():
    a = _analysis(PD, "grim")
    assert sympy.simplify(a.spe.threshold - (T - R) / (T - P)) == 0
    assert a.spe.works is True and not a.spe.payoff_conditions
    assert sympy.simplify(a.nash.threshold - (T - R) / (T - P)) == 0
    assert a.path_payoffs == (R, R)


def test_win_stay_lose_shift_needs_2r_above_t_plus_p():
    a = _analysis(PD, "win-stay-lose-shift")
    assert sympy.simplify(a.spe.threshold - (T - R) / (R - P)) == 0
    assert a.spe.works is None
    (cond,) = a.spe.payoff_conditions
    assert gametheory.conditions.decide(sympy.Equivalent(cond, P + T < 2 * R), ()).value in (True, None)
    assert cond.subs({T: 5, R: 3, P: 1}) == False  # noqa: E712  never at 5, 3, 1, 0
    numeric = _analysis(PD.numeric(), "win-stay-lose-shift")
    assert numeric.spe.works is False and numeric.spe.threshold is None


def test_tit_for_tat_is_nash_but_subgame_perfect_only_on_a_knife_edge():
    a = _analysis(PD, "tit-for-tat")
    expected = sympy.Max((T - R) / (T - P), (T - R) / (R - S))
    values = {T: 7, R: 5, P: 2, S: 1}
    assert a.nash.threshold.subs(values) == expected.subs(values)
    assert a.nash.works is None  # needs (T - R)/(R - S) < 1, i.e. S + T < 2R
    assert a.spe.threshold is None
    equal = {sympy.simplify(e) for e in a.spe.equal}
    assert {sympy.simplify((T - R) / (R - S)), sympy.simplify((P - S) / (T - P))} == equal
    (knife,) = a.spe.payoff_conditions
    assert isinstance(knife, sympy.Eq)
    assert sympy.expand(knife.lhs - knife.rhs - (P + R - S - T)) == 0 or \
        sympy.expand(knife.lhs - knife.rhs + (P + R - S - T)) == 0
    numeric = _analysis(PD.numeric(), "tit-for-tat")
    assert numeric.nash.threshold == sympy.Rational(2, 3)
    assert numeric.spe.works is False


def test_always_cooperate_never_and_always_defect_always():
    coop = _analysis(PD, "always-cooperate")
    assert coop.spe.works is False and coop.spe.conditions if hasattr(coop.spe, "conditions") else True
    assert "nothing punishes the deviation" in coop.spe.reason
    defect = _analysis(PD, "always-defect")
    assert defect.spe.works is True and defect.spe.threshold == 0


def test_grim_trigger_at_axelrods_payoffs_is_one_half():
    assert _analysis(PD.numeric(), "grim").spe.threshold == sympy.Rational(1, 2)


def test_punishment_of_k_periods():
    a = _analysis(PD.numeric(), "punish:2")
    assert sympy.simplify(a.spe.threshold - (sympy.sqrt(5) - 1) / 2) == 0
    three = _analysis(PD.numeric(), "punish:3")
    assert three.spe.threshold is not None
    # 2(d + d^2 + d^3) >= 2 at the threshold: d + d^2 + d^3 = 1
    root = three.spe.threshold
    assert abs(float(root + root**2 + root**3) - 1) < 1e-12


# -- the brute-force checker at random rational payoffs -----------------------------------------

def _random_pd(rng):
    s = Fraction(rng.randint(-5, 5))
    p = s + Fraction(rng.randint(1, 20), rng.randint(1, 5))
    r = p + Fraction(rng.randint(1, 20), rng.randint(1, 5))
    t = r + Fraction(rng.randint(1, 20), rng.randint(1, 5))
    return {"T": t, "R": r, "P": p, "S": s}


def _value(e, point):
    return sympy.sympify(e).subs({sympy.Symbol(k, real=True): sympy.Rational(str(v)) for k, v in point.items()})


def _check_threshold(game, analysis, threshold):
    """Just above the threshold the checker finds no profitable deviation; just below it does."""
    eps = Fraction(1, 10**6)
    t = Fraction(str(sympy.nsimplify(sympy.N(threshold, 40), rational=True))) if not threshold.is_Rational \
        else Fraction(int(threshold.p), int(threshold.q))
    if 0 < t + eps < 1:
        assert is_subgame_perfect(game, analysis.profile, t + eps)
    if 0 < t - eps < 1:
        assert not is_subgame_perfect(game, analysis.profile, t - eps)


@pytest.mark.parametrize("seed", range(12))
def test_thresholds_against_the_checker_at_random_payoffs(seed):
    rng = random.Random(seed)
    point = _random_pd(rng)
    game = PD.subs({k: sympy.Rational(str(v)) for k, v in point.items()})
    symbolic = {a.profile.name: a for a in
                (analyse_profile(PD, p, DELTA) for p in library_profiles(from_stage(PD)))}
    for prof in library_profiles(from_stage(game)):
        numeric = analyse_profile(game, prof, DELTA)
        sym = symbolic[prof.name].spe
        if sym.threshold is not None and sym.works is not False:
            holds = all(bool(_value(c, point)) for c in sym.payoff_conditions)
            value = _value(sym.threshold, point)
            if holds:
                assert sympy.simplify(value - numeric.spe.threshold) == 0, prof.name
                _check_threshold(game, numeric, value)
            else:
                assert numeric.spe.works is False, prof.name
        if numeric.spe.works is False:
            for d in (Fraction(1, 10), Fraction(1, 2), Fraction(9, 10), Fraction(999, 1000)):
                assert not is_subgame_perfect(game, prof, d), prof.name


def _verdict_holds(verdict, d):
    if verdict.works is False:
        return False
    x = sympy.Rational(d.numerator, d.denominator)
    ok = all(bool(x >= v) for v in verdict.lower) and all(bool(x <= v) for v in verdict.upper)
    ok = ok and all(x == v for v in verdict.equal)
    return ok and all(bool(r.subs(DELTA, x)) for r in verdict.raw)


def _random_game(rng, m, n):
    payoffs = [[[rng.randint(-4, 6) for _ in range(n)] for _ in range(m)] for _ in range(2)]
    return Game.from_arrays(payoffs, players=("Row", "Column"))


@pytest.mark.parametrize("seed", range(6))
def test_numeric_games_agree_with_the_checker_on_a_grid(seed):
    """Random 2x2 and 3x3 games: the verdict's conditions hold at delta exactly when the
    brute-force checker finds no profitable one-shot deviation."""
    rng = random.Random(100 + seed)
    size = 2 if seed % 2 == 0 else 3
    game = _random_game(rng, size, size)
    grid = [Fraction(k, 37) for k in range(1, 37)]
    for prof in library_profiles(from_stage(game)):
        a = analyse_profile(game, prof, DELTA)
        if a.spe.raw:
            continue
        for d in grid:
            assert _verdict_holds(a.spe, d) == is_subgame_perfect(game, prof, d), (seed, prof.name, d)


def _nash_by_policies(game, prof, d):
    """Nash at delta = d: no stationary policy against the other's automaton beats the profile
    (every policy enumerated, values by exact Bellman solves)."""
    from itertools import product

    gains = deviation_gains(game, prof, d)  # noqa: F841 - the checker must run on the profile too
    start = tuple(a.start for a in prof.automata)
    base = _path_value_exact(game, prof, start, d)
    for i in range(2):
        other = prof.automata[1 - i]
        for choice in product(range(len(game.strategies[i])), repeat=len(other.states)):
            policy = dict(zip(other.states, choice))
            q, seen, total, weight = other.start, {}, Fraction(0), Fraction(1)
            values = []
            while q not in seen:
                seen[q] = len(values)
                a = [0, 0]
                a[i], a[1 - i] = policy[q], other.action(q)
                values.append(Fraction(str(sympy.Rational(game.payoffs[i][tuple(a)]))))
                q = other.step(q, tuple(a))
            m = seen[q]
            v = sum(d**t * u for t, u in enumerate(values[:m]))
            cyc = values[m:]
            v += d**m * sum(d**t * u for t, u in enumerate(cyc)) / (1 - d**len(cyc))
            if (1 - d) * v > base[i]:
                return False
    return True


def _path_value_exact(game, prof, start, d):
    from gametheory.equilibria.automata import _bellman

    payoffs = [{a: Fraction(str(sympy.Rational(game.payoffs[i][a]))) for a in game.profiles()} for i in range(2)]
    states = _reachable(prof, game)
    values = _bellman(prof, payoffs, states, d)
    return values[0][start], values[1][start]


@pytest.mark.parametrize("seed", range(3))
def test_nash_verdicts_against_every_stationary_policy(seed):
    rng = random.Random(7 + seed)
    point = _random_pd(rng)
    game = PD.subs({k: sympy.Rational(str(v)) for k, v in point.items()})
    grid = [Fraction(k, 23) for k in range(1, 23)]
    for name in ("grim", "tit-for-tat", "win-stay-lose-shift", "always-cooperate"):
        prof = library_profile(name, from_stage(game))
        a = analyse_profile(game, prof, DELTA)
        for d in grid:
            assert _verdict_holds(a.nash, d) == _nash_by_policies(game, prof, d), (name, d)


# -- minmax -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(8))
def test_minmax_lp_agrees_with_vertex_enumeration(seed):
    rng = random.Random(seed)
    game = _random_game(rng, rng.randint(2, 4), rng.randint(2, 4))
    for i in range(2):
        m = minmax(game, i)
        assert is_minmax(game, i, m.mixed, m.mixed_profile, m.guarantee)
        M = [[game.payoffs[i][(a, b) if i == 0 else (b, a)] for b in range(len(game.strategies[1 - i]))]
             for a in range(len(game.strategies[i]))]
        value, _ = _vertex_minmax(M, ())
        assert value == m.mixed
        assert m.mixed <= m.pure


def test_minmax_of_matching_pennies_is_mixed():
    game = gametheory.load("matching-pennies")
    m = minmax(game, 0)
    assert m.mixed == 0 and m.mixed_profile == (sympy.Rational(1, 2), sympy.Rational(1, 2))
    assert m.pure == 1


def test_symbolic_minmax_in_the_pd():
    assert minmax(PD, 0).mixed == P and minmax(PD, 1).pure == P


# -- the feasible set -------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_feasible_set_against_scipy(seed):
    spatial = pytest.importorskip("scipy.spatial")
    import numpy as np

    from gametheory.analysis.repeated import feasible_set

    rng = random.Random(seed)
    game = _random_game(rng, 3, 3)
    points = [game.outcome(a) for a in game.profiles()]
    ours = feasible_set(points, ())
    unique = np.unique(np.array([[float(x) for x in p] for p in points]), axis=0)
    hull = spatial.ConvexHull(unique)
    theirs = {tuple(unique[k]) for k in hull.vertices}
    assert {tuple(float(x) for x in p) for p in ours} == theirs


def test_individually_rational_part_in_the_pd():
    report = gametheory.repeated(PD.numeric())
    ir = {tuple(p) for p in report.analysis.feasible_ir}
    third = sympy.Rational(13, 3)
    assert ir == {(1, 1), (third, 1), (3, 3), (1, third)}


# -- finite horizon ---------------------------------------------------------------------------

def test_unravelling_in_the_finitely_repeated_pd():
    report = gametheory.repeated(PD, horizon=4)
    a = report.analysis
    assert a.unique_stage_equilibrium
    (path,) = a.horizon_paths
    assert path.kind == "stage" and all(step.profile.pure_indices == (1, 1) for step in path.path)


BK = """
title: Benoit-Krishna game
players: [Row, Column]
strategies: [C, D, W]
parameters:
  b: {value: 1}
assumptions: [b > 0]
payoffs:
  matrix:
    - [[3, 3], [0, 4], [-1, -1]]
    - [[4, 0], [1, 1], [-1, -1]]
    - [[-1, -1], [-1, -1], [b, b]]
"""


def test_reward_and_punishment_with_two_stage_equilibria():
    game = gametheory.load(BK)
    report = gametheory.repeated(game, horizon=3)
    a = report.analysis
    assert not a.unique_stage_equilibrium
    kinds = [h.kind for h in a.horizon_paths]
    assert "reward-punish" in kinds
    (rp,) = [h for h in a.horizon_paths if h.kind == "reward-punish" and h.reward.profile.pure_indices == (2, 2)]
    assert rp.path[0] == (0, 0) and rp.punishment.profile.pure_indices == (1, 1)
    # one period of reward (b) instead of punishment (1) must beat the gain 4 - 3 = 1: delta (b - 1) >= 1
    assert any(c.subs({DELTA: sympy.Rational(1, 2), sympy.Symbol("b", real=True): 3}) for c in rp.conditions)


# -- spec section and command line ------------------------------------------------------------

SPEC = """
title: Deterrence supergame
players: [Row, Column]
strategies: [C, D]
parameters:
  T: {value: 5}
  R: {value: 3}
  P: {value: 1}
  S: {value: 0}
assumptions: [T > R > P > S]
symmetric: true
payoffs:
  matrix:
    - [R, S]
    - [T, P]
automata:
  mygrim:
    start: cooperate
    states:
      cooperate: {play: C, next: {"C,C": cooperate, otherwise: punish}}
      punish: {play: D, next: {otherwise: punish}}
profiles:
  deterrent: {Row: mygrim, Column: tit-for-tat}
cooperate: {Row: C, Column: C}
"""


def test_spec_automata_and_profiles(tmp_path):
    path = tmp_path / "deterrence.yaml"
    path.write_text(SPEC)
    report = gametheory.repeated(str(path), strategies=["mygrim", "deterrent"])
    names = [a.profile.name for a in report.analysis.profiles]
    assert names == ["mygrim", "deterrent"]
    mine = report.analysis.profiles[0]
    assert sympy.simplify(mine.spe.threshold - (T - R) / (T - P)) == 0
    assert report.analysis.profiles[1].spe.works is False


def test_cli_prints_grim_triggers_threshold():
    result = CliRunner().invoke(app, ["repeated", "prisoners-dilemma"])
    assert result.exit_code == 0, result.output
    assert "grim trigger" in result.output and "(T - R)/(T - P)" in result.output
    assert "Minmax values" in result.output and "Folk theorem" in result.output


def test_cli_json_schema():
    result = CliRunner().invoke(app, ["repeated", "prisoners-dilemma", "--format", "json", "--strategy", "grim"])
    document = json.loads(result.output)
    assert document["schema"] == "gametheory.repeated/1"
    (grim,) = document["profiles"]
    assert grim["subgame_perfect"] == {"holds": True, "conditions": ["delta >= (T - R)/(T - P)"],
                                       "threshold": "(T - R)/(T - P)", "payoff_conditions": []}
    assert document["minmax"]["Row"]["mixed"] == "P"
    assert document["horizon"] is None


def test_cli_latex_and_markdown():
    latex = CliRunner().invoke(app, ["repeated", "prisoners-dilemma", "--format", "latex"]).output
    assert "\\toprule" in latex and "\\frac{T - R}{T - P}" in latex
    md = CliRunner().invoke(app, ["repeated", "prisoners-dilemma", "--format", "markdown"]).output
    assert "| grim trigger |" in md


def test_cli_statics_of_the_thresholds():
    result = CliRunner().invoke(app, ["repeated", "prisoners-dilemma", "--strategy", "grim", "--statics",
                                      "--format", "json"])
    rows = {(r["verdict"], r["parameter"]): r["sign"] for r in json.loads(result.output)["statics"]}
    # grim trigger: cooperation is harder with a larger temptation T and a milder punishment P,
    # easier with a larger reward R
    assert rows[("subgame_perfect", "T")] == "+"
    assert rows[("subgame_perfect", "P")] == "+"
    assert rows[("subgame_perfect", "R")] == "-"


@pytest.mark.parametrize("args,message", [
    (["--horizon", "0"], "positive whole number"),
    (["--horizon", "x"], "positive whole number"),
    (["--discount", "T"], "is a parameter of the game"),
    (["--strategy", "nice"], "no such automaton"),
])
def test_cli_usage_errors(args, message):
    result = CliRunner().invoke(app, ["repeated", "prisoners-dilemma", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("spec,message", [
    ("volunteers-dilemma", "two-player"),
    ("kydd-trust", "has types"),
    ("burden-sharing", "finite normal-form stage game"),
])
def test_cli_refuses_a_stage_game_that_is_not_finite_two_player_normal_form(spec, message):
    result = CliRunner().invoke(app, ["repeated", spec])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_python_api():
    report = gametheory.repeated(PD, strategies=["grim"])
    assert set(report.to_dict()) >= {"schema", "game", "minmax", "feasible_ir", "profiles", "horizon"}
    assert report.text().startswith("Prisoner's Dilemma, repeated")
    assert "grim trigger" in report.markdown()
    assert "\\begin{tabular}" in report.latex()


def test_the_schema_accepts_the_repeated_section():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parents[1] / "gametheory" / "spec" / "schema.json").read_text())
    data = yaml.safe_load(SPEC)
    jsonschema.validate(data, schema)
    data["automata"]["mygrim"]["states"]["punish"]["bogus"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_plot_of_the_payoff_sets(tmp_path):
    pytest.importorskip("matplotlib")
    from gametheory.export.payoff_set import payoff_set_figure

    report = gametheory.repeated(PD.numeric(), strategies=["always-defect"])
    fig = payoff_set_figure(report.analysis)
    gids = {artist.get_gid() for ax in fig.axes for artist in ax.get_children() if artist.get_gid()}
    assert {"feasible", "individually-rational", "minmax", "outcome:Cooperate, Cooperate"} <= gids
    (patch,) = [a for a in fig.axes[0].patches if a.get_gid() == "individually-rational"]
    xy = {tuple(round(float(v), 6) for v in point) for point in patch.get_xy()}
    assert (round(13 / 3, 6), 1.0) in xy and (3.0, 3.0) in xy
    out = tmp_path / "pd.svg"
    result = CliRunner().invoke(app, ["plot", "prisoners-dilemma", "--payoff-set", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()


ALLIANCE = gametheory.load("snyder-alliance-game")


def _random_alliance(rng):
    return {"B": Fraction(rng.randint(1, 30), rng.randint(1, 4)), "E": Fraction(rng.randint(1, 20), rng.randint(1, 4)),
            "A": Fraction(rng.randint(1, 20), rng.randint(1, 4))}


@pytest.mark.parametrize("seed", range(8))
def test_alliance_thresholds_against_the_checker(seed):
    """Snyder's alliance game: thresholds with payoff conditions (E < B, 2E < B, 3E < 2B) at
    random payoffs, on both sides of each condition."""
    rng = random.Random(300 + seed)
    point = _random_alliance(rng)
    game = ALLIANCE.subs({k: sympy.Rational(str(v)) for k, v in point.items()})
    symbolic = {a.profile.name: a for a in
                (analyse_profile(ALLIANCE, p, DELTA) for p in library_profiles(from_stage(ALLIANCE)))}
    grid = [Fraction(k, 41) for k in range(1, 41)]
    for prof in library_profiles(from_stage(game)):
        numeric = analyse_profile(game, prof, DELTA)
        if not numeric.spe.raw:
            for d in grid:
                assert _verdict_holds(numeric.spe, d) == is_subgame_perfect(game, prof, d), (prof.name, d)
        if prof.name not in symbolic:  # stick and carrot: the symbolic game does not decide the stick
            continue
        sym = symbolic[prof.name].spe
        if sym.works is False:
            assert numeric.spe.works is False, prof.name
        elif sym.threshold is not None:
            holds = all(bool(_value(c, point)) for c in sym.payoff_conditions)
            if holds:
                value = _value(sym.threshold, point)
                assert abs(float(value) - float(numeric.spe.threshold)) < 1e-12, prof.name
                _check_threshold(game, numeric, value)
            else:
                assert numeric.spe.works is False, prof.name
