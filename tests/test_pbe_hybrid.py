"""Semi-separating (hybrid) perfect Bayesian equilibria of two-type sender games (TREES.md item 4):
Beer-Quiche against a hand derivation, Fearon's audience costs, random numeric signaling games
against the exact checker and a brute-force solution of the indifference conditions, and the
symbolic solution against the numeric one at random points that satisfy the assumptions."""

from __future__ import annotations

import functools
import itertools
import random
from fractions import Fraction

import pytest
import sympy

from gametheory.equilibria.pbe import is_perfect_bayesian, perfect_bayesian, verify_assessment
from gametheory.report import load, solve
from gametheory.spec import bundled_path

R = sympy.Rational


def beer_quiche(prior) -> str:
    """Beer-Quiche with the strong type's prior ``prior`` (a number or the parameter ``p``)."""
    text = bundled_path("beer-quiche").read_text(encoding="utf-8")
    text = text.replace("chance: {strong: 9/10, weak: 1/10}", f"chance: {{strong: {prior}, weak: 1 - {prior}}}")
    if prior == "p":
        text = text.replace("players: [Sender, Receiver]\n",
                            "players: [Sender, Receiver]\nparameters:\n  p: {value: 1/3}\nassumptions: [0 < p < 1]\n")
    return text


def hybrids(tree):
    return [a for a in perfect_bayesian(tree) if a.kind == "semi-separating"]


def behaviour_of(a) -> dict:
    return {info: {m: sympy.nsimplify(p) for m, p in moves if p != 0} for info, moves in a.behaviour}


# -- Beer-Quiche, derived by hand ----------------------------------------------------------------------

@pytest.mark.parametrize("p", [R(1, 10), R(1, 3), R(2, 5), R(49, 100)])
def test_beer_quiche_hybrid_below_one_half_matches_the_hand_derivation(p):
    # Strong drinks beer. After quiche the receiver knows the sender is weak and duels. The weak type
    # mixes, so after beer the receiver must be indifferent: its posterior on strong is 1/2, so
    # p / (p + (1 - p) s) = 1/2 and s = p / (1 - p) < 1 exactly when p < 1/2. The weak type is then
    # indifferent: beer gives 2 (1 - x) against a duel with probability x, quiche (duel) gives 1,
    # so x = 1/2. Strong gets 1/2 + 3/2 = 2 from beer against 0 from quiche: no deviation.
    tree = load(beer_quiche(p))
    (a,) = hybrids(tree)
    s = p / (1 - p)
    assert behaviour_of(a) == {"strong": {"Beer": 1}, "weak": {"Beer": s, "Quiche": 1 - s},
                               "Beer": {"Duel": R(1, 2), "Concede": R(1, 2)}, "Quiche": {"Duel": 1}}
    assert dict(dict(a.beliefs)["Beer"]) == {"strong/Beer": R(1, 2), "weak/Beer": R(1, 2)}
    assert dict(dict(a.beliefs)["Quiche"]) == {"strong/Quiche": 0, "weak/Quiche": 1}
    assert a.conditions == () and a.belief_conditions == ()
    assert a.payoffs == (p * 2 + (1 - p) * 1, p * R(1, 2) + (1 - p) * s * R(1, 2) + (1 - p) * (1 - s))
    assert is_perfect_bayesian(tree, a)
    assert verify_assessment(tree, a).value is True


@pytest.mark.parametrize("p", [R(1, 2), R(3, 5), R(9, 10)])
def test_beer_quiche_has_no_hybrid_from_one_half(p):
    assert hybrids(load(beer_quiche(p))) == []


def test_beer_quiche_symbolic_prior():
    tree = load(beer_quiche("p"))
    (a,) = hybrids(tree)
    assert [str(c) for c in a.conditions] == ["2*p < 1"]
    assert {m: str(q) for m, q in dict(a.behaviour)["weak"]} == {"Beer": "p/(1 - p)", "Quiche": "(1 - 2*p)/(1 - p)"}
    assert verify_assessment(tree, a).value is True
    # the pooling equilibria hold from p = 1/2 on; the hybrid below it
    assert [str(c) for e in perfect_bayesian(tree) if e.kind == "pooling" for c in e.conditions] == ["1 <= 2*p"] * 2


def test_the_report_prints_the_hybrid():
    report = solve(load(beer_quiche(R(1, 3))))
    text = report.text()
    assert "Perfect Bayesian equilibria, pure (0) and semi-separating (1):" in text
    assert "semi-separating, always:" in text
    assert "weak: Beer 1/2, Quiche 1/2" in text
    (entry,) = report.to_dict()["pbe"]
    assert entry["kind"] == "semi-separating"
    assert entry["behaviour"]["Beer"] == {"Duel": "1/2", "Concede": "1/2"}
    assert "intuitive_criterion" not in entry
    assert "semi-separating (1)" in report.markdown()


# -- Fearon's audience costs -------------------------------------------------------------------------------

def test_audience_costs_thresholds():
    tree = load("audience-costs")
    found = {}
    for a in perfect_bayesian(tree):
        sent = tuple(tuple(m for m, p in dict(a.behaviour)[t] if p != 0) for t in ("Resolved", "Unresolved"))
        found[a.kind, sent] = ([str(c) for c in a.conditions], [str(c) for c in a.belief_conditions])
        assert verify_assessment(tree, a).value is True
    assert found[("separating", (("Escalate",), ("Quiet",)))] == (["1 <= a*h + h", "h <= h*w + 1"], [])
    assert found[("pooling", (("Escalate",), ("Escalate",)))] == (["1 <= c*r + r", "a*h + h <= 1", "h <= h*w + 1"], [])
    assert found[("pooling", (("Quiet",), ("Quiet",)))][1] in (["c*m1 + m1 <= 1"], ["1 <= c*m1 + m1"])
    assert found[("semi-separating", (("Escalate",), ("Escalate", "Quiet")))] == (["a*h + h < 1", "c*r + r < 1"], [])


def test_audience_costs_hybrid_matches_the_hand_derivation():
    # The unresolved type bluffs with probability s and the challenger presses with probability x.
    # The challenger is indifferent after escalation when its posterior q on resolve gives
    # q*(-c) + (1 - q) = 0, q = 1/(c + 1) = r / (r + (1 - r) s): s = c r / (1 - r). The unresolved
    # type is indifferent: x*(-a) + (1 - x)*((1 - h) - h a) = 0 (quiet concedes, 0), so
    # x = (1 - h - a h) / ((1 - h)(1 + a)), falling in a.
    tree = load("audience-costs")
    (a,) = hybrids(tree)
    r, aa, h, c = (sympy.Symbol(n, real=True) for n in "rahc")
    got = behaviour_of(a)
    assert sympy.simplify(got["Unresolved"]["Escalate"] - c * r / (1 - r)) == 0
    assert sympy.simplify(got["Escalate"]["Press"] - (1 - h - aa * h) / ((1 - h) * (1 + aa))) == 0
    assert sympy.simplify(sympy.diff(got["Escalate"]["Press"], aa) + (1 / (1 + aa) ** 2 / (1 - h))) == 0
    belief = dict(dict(a.beliefs)["Escalate"])
    assert sympy.simplify(belief["Resolved/Escalate"] - 1 / (c + 1)) == 0


def test_audience_costs_pooling_on_quiet_fails_the_intuitive_criterion_with_high_audience_costs():
    # w < 0: the resolved type would not start a war, and both stay quiet if an escalation is pressed.
    # With a*h >= 1 - h only the resolved type could gain from escalating (h*w + 1 - h > 0).
    tree = load("audience-costs").subs({"a": 4, "h": R(1, 4), "w": R(-1, 4), "c": 1, "r": R(1, 3)})
    quiet = [a for a in perfect_bayesian(tree) if a.kind == "pooling"
             and dict(dict(a.behaviour)["Resolved"])["Quiet"] == 1 and dict(dict(a.behaviour)["Escalate"])["Press"] == 1]
    (entry,) = quiet
    assert (entry.intuitive_criterion, entry.intuitive_breaker) == (False, "Resolved")


def test_audience_costs_intuitive_criterion_conditions_agree_with_numeric_points():
    # symbolically: the quiet pooling fails exactly when a*h >= 1 - h and h*w + 1 - h > 0
    tree = load("audience-costs")
    (quiet,) = [a for a in perfect_bayesian(tree) if a.kind == "pooling" and a.conditions
                and [str(c) for c in a.conditions] == ["w <= 0"]]
    assert quiet.intuitive_criterion is None and quiet.intuitive_breaker == "Resolved"
    assert [str(c) for c in quiet.intuitive_fails_when] == ["1 <= a*h + h", "h < h*w + 1"]
    doc = [e for e in solve(tree).to_dict()["pbe"] if e["conditions"] == ["w <= 0"]][0]
    assert doc["intuitive_fails_when"] == ["1 <= a*h + h", "h < h*w + 1"]
    rng = random.Random(3)
    seen = set()
    for _ in range(12):
        point = _random_point(rng, tuple(tree.assumptions) + (sympy.Symbol("w", real=True) <= 0,),
                              ["r", "a", "h", "c", "w"])
        subs = {sympy.Symbol(n, real=True): v for n, v in point.items()}
        fails = all(bool(c.xreplace(subs)) for c in quiet.intuitive_fails_when)
        (numeric,) = [a for a in perfect_bayesian(tree.subs(point)) if a.kind == "pooling"
                      and dict(dict(a.behaviour)["Escalate"])["Press"] == 1]
        assert numeric.intuitive_criterion is (not fails), point
        seen.add(fails)
    assert seen == {True, False}


# -- random numeric signaling games --------------------------------------------------------------------------

def random_game(rng: random.Random, messages: int, answers: int, terminal: bool = False) -> str:
    """A two-type sender game: integer payoffs in [-3, 3], a rational prior; with ``terminal`` the
    last message ends the game. Most receivers would answer the two types differently (answer A0
    is better against t1, A1 against t2), and most senders prefer A0 (t2 would pass for t1), as in a
    signaling game; the rest is at random."""
    prior = Fraction(rng.randint(1, 9), 10)

    def sender(base: int, l: int) -> int:
        if rng.random() < 0.8:
            return base + (rng.randint(1, 3) if l == 0 else 0)
        return rng.randint(-3, 3)

    def receiver(t: str, l: int) -> int:
        if l < 2 and rng.random() < 0.8:
            return rng.randint(1, 3) if (l == 0) == (t == "t1") else rng.randint(-3, 0)
        return rng.randint(-3, 3)

    lines = ["version: 1", "title: random signaling game", "players: [S, R]", "tree:",
             f"  chance: {{t1: {prior}, t2: {1 - prior}}}", "  moves:"]
    for t in ("t1", "t2"):
        lines += [f"    {t}:", "      player: S", "      moves:"]
        for j in range(messages):
            if terminal and j == messages - 1:
                lines.append(f"        M{j}: [{rng.randint(-3, 3)}, {rng.randint(-3, 3)}]")
                continue
            lines += [f"        M{j}:", "          player: R", f"          info: I{j}", "          moves:"]
            base = rng.randint(-2, 1)
            lines += [f"            A{l}: [{sender(base, l)}, {receiver(t, l)}]" for l in range(answers)]
    return "\n".join(lines) + "\n"


def brute_force_hybrids(tree) -> list[dict]:
    """Every semi-separating behaviour of a numeric two-message game with receivers after both
    messages, found by solving the two indifference equations for (s, x) with sympy and keeping
    what the exact checker accepts (independent of the solver's closed forms and case splits)."""
    from gametheory.equilibria.pbe import Assessment

    root = tree.root
    prior = root.probabilities
    senders = [tree.nodes[c] for c in root.children]
    messages = senders[0].moves
    s, x = sympy.symbols("s x")
    i, rp = 0, 1
    out = []
    for t, a in itertools.product(range(2), range(2)):
        u, b = 1 - t, 1 - a
        na = [tree.nodes[senders[k].children[a]] for k in range(2)]
        nb = [tree.nodes[senders[k].children[b]] for k in range(2)]
        pay = lambda node, l, player: tree.nodes[node.children[l]].payoffs[player]  # noqa: E731
        for (r1, r2), rb in itertools.product(itertools.combinations(range(len(na[0].moves)), 2), range(len(nb[0].moves))):
            w = {t: prior[t] * s, u: prior[u]}
            eqs = [sum(w[k] * (pay(na[k], r1, rp) - pay(na[k], r2, rp)) for k in range(2)),
                   x * pay(na[t], r1, i) + (1 - x) * pay(na[t], r2, i) - pay(nb[t], rb, i)]
            sol = sympy.solve(eqs, [s, x], dict=True)
            for point in sol:
                if set(point) != {s, x} or not (0 < point[s] < 1 and 0 < point[x] < 1):
                    continue
                behaviour = {senders[t].info: {messages[a]: point[s], messages[b]: 1 - point[s]},
                             senders[u].info: {messages[a]: R(1), messages[b]: R(0)},
                             na[0].info: {m: (point[x] if l == r1 else 1 - point[x] if l == r2 else R(0))
                                          for l, m in enumerate(na[0].moves)},
                             nb[0].info: {m: R(int(l == rb)) for l, m in enumerate(nb[0].moves)}}
                mass = prior[t] * point[s] + prior[u]
                beliefs = ((na[0].info, tuple((tree.nodes[k].id, (w[kk].subs(s, point[s])) / mass)
                                              for kk, k in enumerate(tree.infoset(na[0].info).nodes))),
                           (nb[0].info, tuple((tree.nodes[k].id, R(int(kk == t)))
                                              for kk, k in enumerate(tree.infoset(nb[0].info).nodes))))
                candidate = Assessment(kind="semi-separating",
                                       behaviour=tuple((h.id, tuple(behaviour[h.id].items())) for h in tree.infosets),
                                       beliefs=beliefs, belief_symbols=(), belief_conditions=(), conditions=(),
                                       path=(), outcome_probabilities=(), payoffs=())
                if is_perfect_bayesian(tree, candidate):
                    out.append({info: {m: p for m, p in moves.items() if p != 0} for info, moves in behaviour.items()})
    return out


def _key(behaviour: dict):
    return tuple(sorted((info, tuple(sorted(moves.items()))) for info, moves in behaviour.items()))


TWO, THREE = 60, 30  # random games of each size


@functools.lru_cache(maxsize=None)
def two_message_game(seed: int):
    rng = random.Random(seed)
    tree = load(random_game(rng, messages=2, answers=rng.choice([2, 3])))
    return tree, hybrids(tree)


@functools.lru_cache(maxsize=None)
def three_message_game(seed: int):
    rng = random.Random(1000 + seed)
    tree = load(random_game(rng, messages=3, answers=2, terminal=rng.random() < 0.5))
    return tree, hybrids(tree)


@pytest.mark.parametrize("seed", range(TWO))
def test_random_two_message_games_agree_with_brute_force_and_the_checker(seed):
    tree, found = two_message_game(seed)
    for a in found:
        assert is_perfect_bayesian(tree, a)
        assert verify_assessment(tree, a).value is True
    assert sorted(map(_key, map(behaviour_of, found))) == sorted(map(_key, brute_force_hybrids(tree)))


def test_random_hybrids_are_among_the_subgame_perfect_equilibria():
    # a second, independent solver: the SPE of these trees come from the normal form of the root
    # subgame (support enumeration), and every PBE of a signaling game is among them
    from gametheory.equilibria.spe import subgame_perfect

    checked = 0
    for seed in range(TWO):
        tree, found = two_message_game(seed)
        if not found:
            continue
        spe = {_key({info: {m: p for m, p in moves if p != 0} for info, moves in e.behaviour})
               for e in subgame_perfect(tree).equilibria}
        for a in found:
            assert _key(behaviour_of(a)) in spe, seed
            checked += 1
    assert checked >= 6


def _belief_point(a):
    """Values of the belief variables inside the belief conditions (a midpoint of their interval)."""
    values = {}
    for name, _ in a.belief_symbols:
        m = sympy.Symbol(name, real=True)
        mine = [c for c in a.belief_conditions if m in c.free_symbols]
        region = sympy.Interval(0, 1)
        for c in mine:
            region = region.intersect(sympy.solveset(c, m, sympy.S.Reals))
        values[name] = (region.inf + region.sup) / 2
    return values


@pytest.mark.parametrize("seed", range(THREE))
def test_random_three_message_games_pass_the_checker(seed):
    tree, found = three_message_game(seed)
    for a in found:
        assert a.kind == "semi-separating"
        values = _belief_point(a)
        assert is_perfect_bayesian(tree, a, values)
        assert verify_assessment(tree, a).value is True


def test_many_random_games_find_hybrids():
    # the random tests above are not vacuous
    assert sum(1 for seed in range(TWO) if two_message_game(seed)[1]) >= 6
    assert sum(1 for seed in range(THREE) if any(a.belief_symbols for a in three_message_game(seed)[1])) >= 3


# -- symbolic against numeric ----------------------------------------------------------------------------------

def _random_point(rng, assumptions, names):
    """A random rational point that satisfies the assumptions (rejection sampling; half the draws
    in (0, 1), where probabilities live)."""
    for _ in range(2000):
        point = {n: R(rng.randint(1, 12), 13) if rng.random() < 0.5 else R(rng.randint(-40, 40), rng.randint(1, 12))
                 for n in names}
        subs = {sympy.Symbol(n, real=True): v for n, v in point.items()}
        if all(bool(c.xreplace(subs)) for c in assumptions):
            return point
    raise AssertionError("no point found")


@pytest.mark.parametrize("source", ["audience-costs", "beer-quiche-p"])
def test_symbolic_hybrids_agree_with_numeric_ones_at_random_points(source):
    tree = load(beer_quiche("p")) if source == "beer-quiche-p" else load(source)
    names = [q.name for q in tree.parameters]
    symbolic = hybrids(tree)
    rng = random.Random(7)
    sizes = set()
    for _ in range(20):
        point = _random_point(rng, tree.assumptions, names)
        subs = {sympy.Symbol(n, real=True): v for n, v in point.items()}
        numeric_tree = tree.subs(point)
        numeric = sorted(map(_key, map(behaviour_of, hybrids(numeric_tree))))
        expected = []
        for a in symbolic:
            if all(bool(c.xreplace(subs)) for c in a.conditions):
                expected.append({info: {m: sympy.nsimplify(sympy.sympify(p).xreplace(subs)) for m, p in moves
                                        if sympy.sympify(p).xreplace(subs) != 0} for info, moves in a.behaviour})
                assert is_perfect_bayesian(tree, a, point)
        assert numeric == sorted(map(_key, expected)), point
        sizes.add(len(numeric))
    assert {0, 1} <= sizes  # points with and without a hybrid


def random_symbolic_game(seed: int) -> str:
    """A random two-message signaling game (as :func:`random_game`) in which a few payoffs become
    ``x``, ``-x`` or ``x + k`` for a parameter ``x`` with ``-3 < x < 3``: the signs of the
    denominators in the solver's case split then depend on ``x``."""
    rng = random.Random(5000 + seed)
    lines = random_game(rng, messages=2, answers=2).splitlines()
    out = []
    for line in lines:
        if line.strip().startswith("A") and rng.random() < 0.35:
            name, rest = line.split(": ", 1)
            sender, receiver = rest.strip("[]").split(", ")
            k = rng.randint(-2, 2)
            form = rng.choice(["x", "-x", f"x + {k}", f"{k} - x"])
            if rng.random() < 0.5:
                sender = form
            else:
                receiver = form
            line = f"{name}: [{sender}, {receiver}]"
        out.append(line)
    text = "\n".join(out) + "\n"
    return text.replace("players: [S, R]\n", "players: [S, R]\nparameters:\n  x: {value: 1}\nassumptions: [-3 < x < 3]\n")


@pytest.mark.parametrize("seed", range(12))
def test_random_symbolic_games_agree_with_numeric_ones(seed):
    tree = load(random_symbolic_game(seed))
    symbolic = hybrids(tree)
    x = sympy.Symbol("x", real=True)
    for a in symbolic:
        assert verify_assessment(tree, a).value is not False
    for value in (R(-5, 2), R(-3, 2), R(-1, 3), R(1, 7), R(5, 4), R(9, 4), R(29, 10)):
        numeric = sorted(map(_key, map(behaviour_of, hybrids(tree.subs({"x": value})))))
        expected = []
        for a in symbolic:
            if all(bool(c.xreplace({x: value})) for c in a.conditions):
                expected.append({info: {m: sympy.nsimplify(sympy.sympify(p).xreplace({x: value})) for m, p in moves
                                        if sympy.sympify(p).xreplace({x: value}) != 0} for info, moves in a.behaviour})
                assert is_perfect_bayesian(tree, a, {"x": value})
        assert numeric == sorted(map(_key, expected)), value


def test_random_symbolic_games_find_hybrids():
    assert sum(1 for seed in range(12) if hybrids(load(random_symbolic_game(seed)))) >= 3
