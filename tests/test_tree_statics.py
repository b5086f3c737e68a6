"""Comparative statics and plots of game trees (`gametheory statics TREE`, `gametheory plot TREE
--param NAME`; gametheory.analysis.tree_statics): signs checked against finite differences of the
numeric subgame-perfect equilibria at random rational points, thresholds of the literature cases,
exact band boundaries, refusals."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
import sympy
from click.testing import CliRunner

from gametheory import report as api
from gametheory.analysis.tree_plot import tree_plot_data
from gametheory.analysis.tree_statics import tree_statics
from gametheory.analysis.tree_verify import verify_tree_statics
from gametheory.analysis.verify import STEP, holds, sample_points
from gametheory.cli import app
from gametheory.equilibria.spe import subgame_perfect
from gametheory.expr import symbol

MIXED = """\
version: 1
title: Entry into a contest
players: [Entrant, Incumbent]
parameters:
  a: {value: 2, description: the incumbent's gain from matching on Left}
  b: {value: 3, description: the incumbent's gain from matching on Right}
  c: {value: 1/4, description: the entrant's payoff from staying out}
assumptions: [a > 0, b > 0, 0 < c < 1]
tree:
  player: Entrant
  moves:
    Out: [c, 1]
    In:
      player: Entrant
      moves:
        Left:
          player: Incumbent
          info: I
          moves: {Left: [0, a], Right: [1, 0]}
        Right:
          player: Incumbent
          info: I
          moves: {Left: [1, 0], Right: [0, b]}
"""


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("trees") / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    return path


def _spe(result, k):
    return next(e for e in result.equilibria if e.family == "spe" and e.index == k)


# -- the literature cases ---------------------------------------------------------------------------

def test_deterrence_thresholds_fall_and_payoffs_move_as_expected():
    s = tree_statics(api.load("deterrence"))
    assert [e.label for e in s.equilibria] == ["StatusQuo -> StatusQuo", "Challenge, Resist -> War",
                                               "Challenge, Concede -> Concession"]
    # the defender resists when cD <= 1 - p: the threshold falls as p rises, whatever cC
    d = s.of("cD <= 1 - p", "p", 1)
    assert d.sign == "-" and d.derivative == -1
    assert s.of("cD <= 1 - p", "cC", 1).sign == "0"
    assert s.of("cD >= 1 - p", "p", 2).sign == "-"
    # war: the challenger's payoff p - cC rises with p, falls with cC; the defender's falls with both p and cD
    assert (s.of("payoff:Challenger", "p", 1).sign, s.of("payoff:Challenger", "cC", 1).sign) == ("+", "-")
    assert (s.of("payoff:Defender", "p", 1).sign, s.of("payoff:Defender", "cD", 1).sign) == ("-", "-")
    # a threshold is not differentiated by its own variable
    with pytest.raises(KeyError):
        s.of("cD <= 1 - p", "cD", 1)


def test_tripwire_threshold_falls_in_a_rises_in_w_and_depends_on_w_minus_a_in_k():
    s = tree_statics(api.load("tripwire"))
    deter = _spe(s, 0)
    assert deter.label == "Refrain -> NoAttack"
    t_star = next(q for q in deter.thresholds() if q.threshold.variable == "t")
    assert t_star.threshold.relation == ">="
    W, A, k = symbol("W"), symbol("A"), symbol("k")
    assert sympy.simplify(t_star.expression - (W - A) / k) == 0  # MODELS.md: t* = (W - A)/k
    assert deter.of(t_star.name, "A").sign == "-"
    assert deter.of(t_star.name, "W").sign == "+"
    d = deter.of(t_star.name, "k")
    assert d.sign == "?"  # (A - W)/k**2: the sign of A - W, which the assumptions leave open
    assert dict(d.regions)["+"] == (sympy.StrictLessThan(W, A),)
    # fighting cannot be solved for k: its coefficient t may be 0; the result says so
    assert any(v == "k" and "no one sign" in reason for _, v, reason in deter.unsolved)
    abandon = _spe(s, 1)
    assert next(q for q in abandon.thresholds() if q.threshold.variable == "t").threshold.relation == "<="
    assert abandon.of("payoff:Patron", "A").sign == "-" and abandon.of("payoff:Patron", "t").sign == "-"


def test_entrapment_firm_commitment_pays_v_beyond_ce_one():
    s = tree_statics(api.load("entrapment"))
    firm, vague = _spe(s, 0), _spe(s, 1)
    assert firm.label.startswith("Firm, StandFirm, Acquiesce") and vague.label.startswith("Vague, BackDown")
    assert [q.name for q in firm.thresholds()] == ["cE >= 1"]
    assert [q.name for q in vague.thresholds()] == ["cE <= 1"]
    assert firm.of("payoff:Patron", "v").sign == "+" and firm.of("payoff:Ally", "a").sign == "+"
    assert all(d.sign == "0" for d in vague.derivatives)


def test_mixed_subgame_probabilities_and_payoffs(mixed):
    s = tree_statics(api.load(str(mixed)))
    enter = next(e for e in s.equilibria if "In/Left/Left" in e.label)
    a, b = symbol("a"), symbol("b")
    assert enter.kind == "mixed"
    q = next(q for q in enter.quantities if q.name == "In:Left")
    assert sympy.simplify(q.expression - b / (a + b)) == 0
    assert (enter.of("In:Left", "a").sign, enter.of("In:Left", "b").sign) == ("-", "+")
    assert (enter.of("payoff:Incumbent", "a").sign, enter.of("payoff:Incumbent", "b").sign) == ("+", "+")
    assert enter.of("outcome:In/Right/Right", "a").sign == "+"


def test_pbe_quantities_of_the_sequential_adversary_game():
    s = tree_statics(api.load("snyder-adversary-sequential"))
    pbe = [e for e in s.equilibria if e.family == "pbe"]
    assert pbe and all(any(q.kind == "belief" for q in e.quantities) for e in pbe)
    firm = next(e for e in pbe if any(q.name == "mu >= 1/2" for q in e.quantities))
    assert firm.of("payoff:State", "mu").sign == "+"
    assert firm.of("belief:State:Expansionist", "mu").sign == "+"


BEER_QUICHE_STAKE = """\
version: 1
title: Beer-Quiche with a stake
players: [Sender, Receiver]
parameters:
  q: {value: 9/10, description: the prior that the sender is strong}
  d: {value: 1, description: the receiver's gain from dueling a weak sender}
assumptions: [1/2 < q < 1, d > 0]
tree:
  chance: {strong: q, weak: 1 - q}
  moves:
    strong:
      player: Sender
      moves:
        Beer: {player: Receiver, info: Beer, moves: {Duel: [1, 0], Concede: [3, 1]}}
        Quiche: {player: Receiver, info: Quiche, moves: {Duel: [0, 0], Concede: [2, 1]}}
    weak:
      player: Sender
      moves:
        Beer: {player: Receiver, info: Beer, moves: {Duel: [0, d], Concede: [2, 0]}}
        Quiche: {player: Receiver, info: Quiche, moves: {Duel: [1, d], Concede: [3, 0]}}
"""


def test_pooling_pbe_belief_cutoff_rises_with_the_stake(tmp_path):
    path = tmp_path / "bq.yaml"
    path.write_text(BEER_QUICHE_STAKE, encoding="utf-8")
    s = tree_statics(api.load(str(path)))
    pooling = [e for e in s.equilibria if e.family == "pbe" and e.kind == "pooling"]
    assert len(pooling) == 2
    for e in pooling:
        # the receiver duels after the unused message when it believes the sender strong with
        # probability at most d/(d + 1): the cut-off rises with d and does not depend on q
        cutoff = next(q for q in e.thresholds() if q.threshold.variable == "m1")
        assert cutoff.name == "m1 <= d/(d + 1)"
        assert (e.of(cutoff.name, "d").sign, e.of(cutoff.name, "q").sign) == ("+", "0")
        assert e.of("payoff:Receiver", "q").sign == "+"
        assert any(q.name == "d <= q/(1 - q)" for q in e.thresholds())
    checked = verify_tree_statics(s, 3)
    assert checked.agrees and checked.comparisons > 50


# -- signs against finite differences of the numeric SPE ----------------------------------------------

def _numeric_spe(tree, point):
    return subgame_perfect(tree.subs({str(s): v for s, v in point.items()})).equilibria


def _support(entry):
    return tuple((info, tuple(m for m, p in moves if p != 0)) for info, moves in entry.behaviour)


def _value(q, entry, tree):
    if q.kind == "payoff":
        return entry.payoffs[tree.players.index(q.player)]
    if q.kind == "probability":
        return dict(dict(entry.behaviour)[q.info])[q.move]
    return dict(entry.outcome_probabilities).get(q.name[len("outcome:"):], 0)


CASES = ["deterrence", "tripwire", "entrapment", "MIXED"]


@pytest.mark.parametrize("name", CASES)
def test_signs_agree_with_finite_differences_of_the_numeric_spe(name, mixed):
    tree = api.load(str(mixed) if name == "MIXED" else name)
    s = tree_statics(tree)
    rng = random.Random(7)
    checked = 0
    for e in s.equilibria:
        if e.family != "spe":
            continue
        # random rational points satisfying the assumptions and this equilibrium's own conditions
        inside = replace(tree, assumptions=tuple(tree.assumptions) + tuple(e.conditions))
        points, _ = sample_points(inside, 6, seed=rng.randrange(1000))
        for point in points:
            assert holds(e.conditions, point)
            here = _numeric_spe(tree, point)
            at = tuple((info, tuple((m, sympy.sympify(p).xreplace(point)) for m, p in moves))
                       for info, moves in e.entry.behaviour)
            assert any(n.behaviour == at for n in here), (name, e.label, point)
            support = _support(next(n for n in here if n.behaviour == at))
            for d in e.derivatives:
                if d.quantity.kind == "threshold":
                    continue
                x = symbol(d.parameter)
                up, down = {**point, x: point[x] + STEP}, {**point, x: point[x] - STEP}
                values = []
                for p in (up, down):
                    same = [n for n in _numeric_spe(tree, p) if _support(n) == support]
                    values.append(_value(d.quantity, same[0], tree))
                diff = sympy.nsimplify(values[0] - values[1])
                observed = "0" if diff == 0 else "+" if diff > 0 else "-"
                claimed = d.sign if d.sign != "?" else next(s_ for s_, c in d.regions if holds(c, point))
                assert claimed == observed, (name, e.label, d.quantity.name, d.parameter, point)
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", CASES)
def test_threshold_signs_agree_with_finite_differences_and_the_conditions(name, mixed):
    tree = api.load(str(mixed) if name == "MIXED" else name)
    s = tree_statics(tree)
    for e in s.equilibria:
        inside = replace(tree, assumptions=tuple(tree.assumptions) + tuple(e.conditions))
        points, _ = sample_points(inside, 5, seed=3)
        for point in points:
            for q in e.thresholds():
                t = q.threshold
                x = symbol(t.variable)
                # the condition holds just on the threshold's claimed side and fails just beyond it
                value = t.expression.xreplace(point)
                for v, side in ((value + sympy.Rational(1, 997), 1), (value - sympy.Rational(1, 997), -1)):
                    holds_there = bool(t.condition.xreplace({**point, x: v}))
                    assert holds_there == ((side > 0) == (t.relation in (">", ">="))), (q.name, point)
                for d in e.derivatives:
                    if d.quantity is not q:
                        continue
                    y = symbol(d.parameter)
                    diff = (q.expression.xreplace({**point, y: point[y] + STEP})
                            - q.expression.xreplace({**point, y: point[y] - STEP}))
                    observed = "0" if diff == 0 else "+" if diff > 0 else "-"
                    claimed = d.sign if d.sign != "?" else next(s_ for s_, c in d.regions if holds(c, point))
                    assert claimed == observed, (q.name, d.parameter, point)


@pytest.mark.parametrize("name", CASES)
def test_verify_agrees_and_catches_a_wrong_sign(name, mixed):
    tree = api.load(str(mixed) if name == "MIXED" else name)
    s = tree_statics(tree)
    checked = verify_tree_statics(s, 8)
    assert checked.agrees and checked.comparisons > 20
    # flip one decided, non-zero sign: the check must find it
    e = next(e for e in s.equilibria if any(d.sign in ("+", "-") for d in e.derivatives))
    k = next(j for j, d in enumerate(e.derivatives) if d.sign in ("+", "-"))
    wrong = list(e.derivatives)
    wrong[k] = replace(wrong[k], sign="+" if wrong[k].sign == "-" else "-")
    bad = replace(s, equilibria=tuple(replace(x, derivatives=tuple(wrong)) if x is e else x for x in s.equilibria))
    assert not verify_tree_statics(bad, 8).agrees


# -- the command line ---------------------------------------------------------------------------------

def test_statics_json_has_its_own_schema_and_the_thresholds():
    result = run("statics", "deterrence", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["schema"] == "gametheory.tree-statics/1" and doc["parameters"] == ["p", "cC", "cD"]
    assert [e["path"] for e in doc["equilibria"]][1] == "Challenge, Resist -> War"
    item = next(r for r in doc["results"] if r["equilibrium"] == 1 and r["quantity"] == "cD <= 1 - p"
                and r["parameter"] == "p")
    assert item["sign"] == "-" and item["kind"] == "threshold" and item["derivative"] == "-1"
    assert item["threshold"] == {"condition": "cD + p <= 1", "variable": "cD", "relation": "<=", "value": "1 - p"}
    assert item["exists_when"] == ["cC <= p", "cD + p <= 1"]


def test_statics_text_reads_the_thresholds_and_wrt_restricts():
    result = run("statics", "deterrence", "--wrt", "p")
    assert result.exit_code == 0
    assert "cD <= 1 - p: the threshold falls as p rises." in result.output
    assert "  quantity           value  p\n" in result.output  # the table has the column of p only
    assert "d/dcC" not in result.output and "p <= cC:" not in result.output
    for fmt in ("markdown", "latex"):
        assert run("statics", "tripwire", "--format", fmt).exit_code == 0


def test_param_is_wrt_and_the_documented_json_item_is_real():
    by_param = run("statics", "deterrence", "--param", "p", "--format", "json")
    assert by_param.output == run("statics", "deterrence", "--wrt", "p", "--format", "json").output
    doc = json.loads(by_param.output)
    assert doc["parameters"] == ["p"]
    reference = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    block = reference[reference.index('"schema": "gametheory.tree-statics/1"') - 4:]
    documented = json.loads(block[:block.index("```")].replace('"...": "as in gametheory.tree/1"', '"x": 0'))
    assert documented["results"][0] in doc["results"]
    assert {k: v for k, v in documented["equilibria"][0].items()} == doc["equilibria"][1]


def test_statics_set_and_verify_on_a_tree():
    result = run("statics", "tripwire", "--set", "k=1", "--set", "A=1", "--verify", "5")
    assert result.exit_code == 0, result.output
    assert "t >= W - 1" in result.output and "Verified" in result.output
    numeric = run("statics", "beer-quiche")
    assert numeric.exit_code == 0 and "No parameters to vary" in numeric.output


@pytest.mark.parametrize("args, words", [
    (["statics", "deterrence", "--wrt", "q"], "unknown parameter"),
    (["plot", "deterrence", "--param", "q", "-o", "x.png"], "--param q"),
    (["plot", "deterrence", "--param", "p", "--dynamics", "-o", "x.png"], "--dynamics applies to games in normal form"),
    (["plot", "deterrence", "--param", "p", "--schelling", "-o", "x.png"], "--schelling applies"),
    (["plot", "deterrence", "--param", "p", "--payoff-set", "-o", "x.png"], "--payoff-set applies"),
    (["plot", "deterrence", "-o", "x.png"], "name the one to plot against"),
    (["plot", "deterrence", "--param", "p", "-o", "x.txt"], "expected a file ending in .png"),
])
def test_bad_input_exits_2_with_a_message(args, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.png").exists()


# -- plots ------------------------------------------------------------------------------------------

def test_deterrence_bands_against_p_have_exact_boundaries():
    data = tree_plot_data(api.load("deterrence"), "p")
    R = sympy.Rational
    assert (data.lo, data.hi) == (0, 1)
    assert [(b.lo, b.hi, b.labels) for b in data.bands] == [
        (0, R(1, 4), ("StatusQuo -> StatusQuo",)),
        (R(1, 4), R(3, 4), ("Challenge, Resist -> War",)),
        (R(3, 4), 1, ("Challenge, Concede -> Concession",))]
    # at each boundary the equilibria on both sides hold (knife edges)
    assert [len(c.equilibria) for c in data.cuts] == [2, 2]


def test_range_beyond_the_assumptions_is_marked_and_cut_exactly():
    data = tree_plot_data(api.load("deterrence"), "p", lo=-1, hi=2)
    R = sympy.Rational
    assert [(b.lo, b.hi, b.allowed, len(b.equilibria)) for b in data.bands] == [
        (-1, 0, False, 0), (0, R(1, 4), True, 1), (R(1, 4), R(3, 4), True, 1), (R(3, 4), 1, True, 1), (1, 2, False, 0)]
    assert [c.at for c in data.cuts] == [0, R(1, 4), R(3, 4), 1]
    assert all(v is None for c in data.curves for x, v in zip(data.xs, c.values) if x < 0 or x > 1)


def test_tripwire_band_changes_at_t_star(tmp_path):
    data = tree_plot_data(api.load("tripwire").subs({"W": 5, "A": 1, "k": 2}), "t")
    assert [b.hi for b in data.bands][:-1] == [2]  # t* = (W - A)/k = 2
    assert data.bands[0].labels == ("Attack, Abandon -> Abandonment",)
    assert data.bands[1].labels == ("Refrain -> NoAttack",)


QUADRATIC = """\
version: 1
title: Quadratic stakes
players: [A, B]
parameters:
  x: {value: 1/2}
assumptions: [0 < x < 1]
tree:
  player: A
  moves:
    Stay: [0, 0]
    Go: [x**2 - 1/2, 1]
"""


def test_irrational_boundaries_are_exact(tmp_path):
    path = tmp_path / "quadratic.yaml"
    path.write_text(QUADRATIC, encoding="utf-8")
    data = tree_plot_data(api.load(str(path)), "x")
    root = sympy.sqrt(2) / 2
    assert [(b.lo, b.hi, b.labels) for b in data.bands] == [(0, root, ("Stay -> Stay",)), (root, 1, ("Go -> Go",))]
    assert data.cuts[0].at == root and len(data.cuts[0].equilibria) == 2


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_plot_writes_the_bands(suffix, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"d{suffix}"
    result = run("plot", "deterrence", "--param", "p", "--set", "cC=1/3", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 1000
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert re.findall(r'id="(band:[^"]+)"', text) == ["band:0:1/3", "band:1/3:3/4", "band:3/4:1"]
        assert set(re.findall(r'id="(boundary:[^"]+)"', text)) == {"boundary:1/3", "boundary:3/4"}


def test_plot_range_and_default_file_name(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    result = run("plot", "tripwire", "--param", "t", "--range", "1:3", "--points", "11")
    assert result.exit_code == 0 and result.output.strip() == "tripwire-t.png"
    assert (tmp_path / "tripwire-t.png").stat().st_size > 1000
    data = tree_plot_data(api.load("tripwire"), "t", lo=1, hi=3, points=11)
    assert [(b.lo, b.hi) for b in data.bands] == [(1, 2), (2, 3)]


def test_long_paths_are_numbered_in_their_bands_and_written_in_the_legend(tmp_path):
    pytest.importorskip("matplotlib")
    from gametheory.export.tree_statics import save_tree_plot

    data = tree_plot_data(api.load("snyder-adversary-sequential"), "mu")
    half = sympy.Rational(1, 2)
    assert [(b.lo, b.hi, b.equilibria) for b in data.bands] == [(0, half, (0,)), (half, 1, (1,))]
    assert data.bands[0].labels == ("StatusQuo/Conciliate/Conciliate (1 - mu); Expansionist/Conciliate/Firm (mu)",)
    fig = save_tree_plot(data, tmp_path / "s.svg")
    inside = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}
    assert inside == {"label:0:1/2": "SPE 1", "label:1/2:1": "SPE 2"}
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0].startswith("SPE 1: StatusQuo/Conciliate/Conciliate (1 - mu);")


def _random_tree(seed: int) -> str:
    rng = random.Random(seed)

    def payoff():
        a, b, c = rng.randint(-3, 3), rng.randint(-3, 3), rng.randint(-2, 2)
        return f"{a}*x + {b}*y + {c}"

    def leaf():
        return f"[{payoff()}, {payoff()}]"

    return f"""\
version: 1
title: Random tree {seed}
players: [A, B]
parameters:
  x: {{value: 1/3}}
  y: {{value: 2/3}}
assumptions: [0 < x < 1, 0 < y < 1]
tree:
  player: A
  moves:
    L:
      player: B
      moves: {{l: {leaf()}, r: {leaf()}}}
    R:
      player: B
      moves: {{l: {leaf()}, r: {leaf()}}}
"""


@pytest.mark.parametrize("seed", range(6))
def test_random_trees_signs_agree_with_finite_differences(seed, tmp_path):
    path = tmp_path / f"random{seed}.yaml"
    path.write_text(_random_tree(seed), encoding="utf-8")
    tree = api.load(str(path))
    s = tree_statics(tree)
    checked = 0
    for e in s.equilibria:
        if e.knife_edge:
            continue
        inside = replace(tree, assumptions=tuple(tree.assumptions) + tuple(e.conditions))
        points, _ = sample_points(inside, 4, edges=tuple(e.conditions), seed=seed)
        for point in points:
            at = tuple((info, tuple((m, sympy.sympify(p).xreplace(point)) for m, p in moves))
                       for info, moves in e.entry.behaviour)
            assert any(n.behaviour == at for n in _numeric_spe(tree, point)), (seed, e.label, point)
            for d in e.derivatives:
                if d.quantity.kind != "payoff":
                    continue
                x = symbol(d.parameter)
                values = []
                for p in ({**point, x: point[x] + STEP}, {**point, x: point[x] - STEP}):
                    same = next(n for n in _numeric_spe(tree, p) if n.behaviour == at)
                    values.append(_value(d.quantity, same, tree))
                diff = values[0] - values[1]
                observed = "0" if diff == 0 else "+" if diff > 0 else "-"
                claimed = d.sign if d.sign != "?" else next(s_ for s_, c in d.regions if holds(c, point))
                assert claimed == observed, (seed, e.label, d.quantity.name, d.parameter, point)
                checked += 1
    assert checked > 0
