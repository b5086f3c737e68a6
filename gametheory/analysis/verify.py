"""Symbolic answers checked against the numeric engine at random points of the assumptions.

A symbolic answer is a claim about every parameter point at which the assumptions hold. This
module tests the claim where it can be tested: at random rational points that satisfy the
assumptions, the game is made numeric and solved again by the numeric engine (itself checked
against Gambit), and the two answers are compared.

Conventions
-----------
* Points are drawn by rejection sampling, exactly: each parameter a random rational (near its
  default value, a small fraction, or a probability), kept when every assumption holds there
  (``relation.xreplace(point)`` is ``true``). Points on a boundary, where some condition of the
  symbolic answer holds with equality, are drawn again: there the answer may change, and the
  measure of such points is zero. The draws are seeded (``seed``), so the check is repeatable.
* At each point (``compare_*`` functions):

  - equilibria: the symbolic equilibria whose conditions hold there, with the point put in, are
    exactly the numeric equilibria there; only "contained in" where the symbolic list says it may
    be incomplete (for a Bayesian game, equilibria are compared by each type's behaviour);
  - Pareto efficiency of each such equilibrium, the dilemma verdict and the classification's
    name agree with the numeric analysis of the numeric game;
  - comparative statics: a derivative's sign (``+``, ``-``, ``0``, or the sign of the region that
    holds there for ``?``) is the sign of a central finite difference of the quantity, in exact
    rationals, with step :data:`STEP`.

* A condition that does not evaluate to true or false at a point (an expression sympy cannot
  compare exactly) makes that comparison inconclusive there; it is counted, never guessed.

The result is a frozen :class:`Verification`; rendering is in :mod:`gametheory.export.verify`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

import sympy

from .. import limits
from ..errors import AnalysisError
from ..expr import to_text

__all__ = ["Disagreement", "Verification", "sample_points", "verify", "STEP"]

#: Step of the finite differences that check the signs of comparative statics.
STEP = sympy.Rational(1, 10**6)
#: Draws per requested point before sampling gives up.
DRAWS_PER_POINT = 200


@dataclass(frozen=True)
class Disagreement:
    """Where the symbolic and the numeric answers differ: the point, what was compared, and the
    two answers in words."""

    point: tuple[tuple[str, sympy.Rational], ...]
    what: str
    symbolic: str
    numeric: str
    detail: str = ""


@dataclass(frozen=True)
class Verification:
    """The result of checking a symbolic answer at random points satisfying the assumptions.

    ``requested`` points were asked for and ``points`` found (all of them are checked);
    ``checks`` names what was compared; ``comparisons`` counts the comparisons made,
    ``inconclusive`` those that could not be made at some point; ``disagreements`` lists every
    difference found (empty: the answers agree at every point); ``note`` says why fewer points
    were checked than requested, if so.
    """

    requested: int
    points: tuple[tuple[tuple[str, sympy.Rational], ...], ...]
    checks: tuple[str, ...]
    comparisons: int
    inconclusive: int
    disagreements: tuple[Disagreement, ...]
    seed: int = 0
    note: str = ""

    @property
    def agrees(self) -> bool:
        """Whether no comparison found a difference."""
        return not self.disagreements


# -- points ---------------------------------------------------------------------------------------

def _truth(relation, point):
    """``True``/``False`` for a relation (or And/Or) at a point, ``None`` when it does not evaluate
    (an expression sympy cannot compare exactly, or one that is not real there)."""
    try:
        value = relation.xreplace(point) if isinstance(relation, sympy.Basic) else relation
    except TypeError:  # "Invalid comparison of non-real ..."
        return None
    if value is sympy.true or value is True:
        return True
    if value is sympy.false or value is False:
        return False
    return None


def holds(conditions, point):
    """Whether every condition holds at ``point`` (``None`` if one does not evaluate)."""
    result = True
    for c in conditions:
        t = _truth(c, point)
        if t is False:
            return False
        if t is None:
            result = None
    return result


def _nonreal(relation, point) -> bool:
    """Whether a side of ``relation`` (or of a relation inside an And/Or) is not a real number at
    ``point``: a condition that is no real comparison where the assumptions hold."""
    if isinstance(relation, sympy.core.relational.Relational):
        for side in (relation.lhs, relation.rhs):
            value = sympy.sympify(side).xreplace(point)
            if value.free_symbols:
                continue
            if value.has(sympy.I) or value.is_extended_real is False:
                return True
            if value.is_extended_real is None and sympy.im(sympy.N(value, 30)) != 0:
                return True
        return False
    if isinstance(relation, (sympy.And, sympy.Or, sympy.Not)):
        return any(_nonreal(arg, point) for arg in relation.args)
    return False


def _on_edge(relation, point) -> bool:
    """Whether ``relation`` (or a relation inside an And/Or) holds with equality at ``point``."""
    if isinstance(relation, sympy.core.relational.Relational):
        difference = (relation.lhs - relation.rhs).xreplace(point)
        return difference == 0
    if isinstance(relation, (sympy.And, sympy.Or, sympy.Not)):
        return any(_on_edge(arg, point) for arg in relation.args)
    return False


def _draw(rng: random.Random, default) -> Fraction:
    kind = rng.randrange(4)
    if kind == 0 and default is not None and default.is_Rational:
        base = Fraction(int(default.p), int(default.q))
        return base + Fraction(rng.randint(-30, 30), rng.randint(1, 12)) * max(abs(base), Fraction(1, 2)) / 10
    if kind == 1:
        return Fraction(rng.randint(1, 99), 100)
    if kind == 2:
        return Fraction(rng.randint(-60, 60), rng.randint(1, 12))
    return Fraction(rng.randint(-400, 400), rng.randint(1, 40))


def sample_points(game, n: int, *, edges=(), seed: int = 0):
    """Up to ``n`` random rational points (``{symbol: Rational}``) of the game's free parameters
    at which its assumptions hold and no relation of ``edges`` holds with equality.

    Returns ``(points, draws)``. A numeric game has one point, the empty one.
    """
    free = sorted(game.free_symbols, key=str)
    if not free:
        return [{}], 0
    defaults = {}
    for p in getattr(game, "parameters", ()):
        if p.default is not None and p.default.is_Rational:
            defaults[p.symbol] = p.default
    assumptions = tuple(game.assumptions)
    rng = random.Random(seed)
    points, seen, draws = [], set(), 0
    fresh = [0, 0]  # fresh draws made, and kept
    budget = max(DRAWS_PER_POINT * n, 2000)
    while len(points) < n and draws < budget:
        draws += 1
        if draws % 50 == 0:
            limits.check("drawing random points that satisfy the assumptions")
        walk = points and fresh[1] < fresh[0] / 20 and rng.random() < 0.7
        fresh[0] += not walk
        if walk:  # fresh draws rarely land inside: a step from a point already found (a random walk)
            start = rng.choice(points)
            point = {s: v + sympy.Rational(rng.randint(-12, 12), rng.randint(1, 24)) * (abs(v) + 1) / 4
                     if rng.random() < 0.6 else v for s, v in start.items()}
        elif draws == 1 and len(defaults) == len(free):  # the spec's own values first: a point inside, usually
            point = dict(defaults)
        else:
            point = {s: sympy.Rational(str(_draw(rng, defaults.get(s)))) for s in free}
        key = tuple(point[s] for s in free)
        if key in seen:
            continue
        if holds(assumptions, point) is not True:
            continue
        if any(_on_edge(a, point) for a in assumptions if not isinstance(a, sympy.Eq)):
            continue
        if any(_on_edge(e, point) for e in edges):
            continue
        seen.add(key)
        points.append(point)
        fresh[1] += not walk
    return points, draws


# -- numbers ----------------------------------------------------------------------------------------

def _same(a, b) -> bool:
    a, b = sympy.sympify(a), sympy.sympify(b)
    if a == b:
        return True
    if a.is_Rational and b.is_Rational:
        return False
    difference = a - b
    if difference.free_symbols:
        return False
    if abs(sympy.N(difference, 30)) > sympy.Rational(1, 10**20):  # clearly apart: no exact work
        return False
    if difference.is_zero is not None:
        return bool(difference.is_zero)
    return abs(sympy.N(difference, 60)) < sympy.Rational(1, 10**50)


def _show(value) -> str:
    try:
        return to_text(value)
    except ValueError:
        return str(value)


def _point_text(point) -> str:
    return ", ".join(f"{name} = {_show(v)}" for name, v in point)


# -- comparisons ----------------------------------------------------------------------------------

class _Checker:
    """Collects comparisons at one point after another."""

    def __init__(self):
        self.comparisons = 0
        self.inconclusive = 0
        self.disagreements: list[Disagreement] = []
        self.skipped: list[str] = []
        self.point: tuple = ()

    def compare(self, what: str, symbolic, numeric, same=None, undecided: bool = False) -> None:
        """Compare two answers; ``None`` is an answer that could not be had. ``undecided``: the
        symbolic ``None`` is the answer "no verdict", which agrees with a numeric ``None``."""
        if undecided and symbolic is None and numeric is None:
            self.comparisons += 1
            return
        if symbolic is None or numeric is None:
            self.inconclusive += 1
            self.skipped.append(what)
            return
        self.comparisons += 1
        agree = same(symbolic, numeric) if same else symbolic == numeric
        if not agree:
            self.disagreements.append(Disagreement(self.point, what, _words(symbolic), _words(numeric)))


def _words(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
        return "; ".join(value) if value else "none"
    return _show(value)


def _numeric_game(game, point):
    """The game with the point put in, and its normal form (a Bayesian game's Harsanyi form)."""
    values = {str(s): v for s, v in point.items()}
    bayes = getattr(game, "bayesian", None)
    if bayes is not None:
        original = bayes.subs(values) if values else bayes
        return original, original.harsanyi()
    numeric = game.subs(values) if values else game
    return numeric, numeric


def _key(normal, profile, point=None):
    """What identifies an equilibrium: its probabilities, or each type's behaviour."""
    probabilities = profile.probabilities
    if point:
        probabilities = tuple(tuple(sympy.sympify(p).xreplace(point) for p in row) for row in probabilities)
    bayes = getattr(normal, "bayesian", None)
    if bayes is not None:
        if point:
            bayes = bayes.subs({str(s): v for s, v in point.items()})
        return tuple(bayes.behaviour(i, row) for i, row in enumerate(probabilities))
    return probabilities


def _flat(key):
    out = []
    for part in key:
        if isinstance(part, (tuple, list)):
            out.extend(_flat(part))
        else:
            out.append(part)
    return out


def _matches(a, b) -> bool:
    fa, fb = _flat(a), _flat(b)
    return len(fa) == len(fb) and all(_same(x, y) for x, y in zip(fa, fb))


def _profile_words(game, key) -> str:
    flat = _flat(key)
    return "(" + ", ".join(_show(v) for v in flat) + ")"


def _numeric_solve(normal, original):
    from ..equilibria import equilibria as equilibria_of
    from ..equilibria.behaviour import distinct_behaviour

    found = equilibria_of(normal)
    if getattr(normal, "bayesian", None) is not None:
        found = distinct_behaviour(normal, found)
    return found


def _compare_equilibria(check, game, equilibria, point, numeric_normal, numeric_set):
    """The symbolic equilibria that exist at the point against the numeric ones; returns the
    pairs ``(symbolic index, numeric equilibrium)`` that match."""
    present, unknown = [], False
    for k, eq in enumerate(equilibria.equilibria):
        h = holds(eq.conditions, point)
        if h is None:
            unknown = True
        elif h:
            present.append((k, _key(game, eq.profile, point)))
    numeric = [(e, _key(numeric_normal, e.profile)) for e in numeric_set.equilibria]
    if unknown:
        check.inconclusive += 1
        return []
    pairs, missing = [], []
    for k, key in present:
        match = next((e for e, nkey in numeric if _matches(key, nkey)), None)
        if match is None:
            missing.append(_profile_words(game, key))
        elif all(m is not match for _, m in pairs):
            pairs.append((k, match))
    extra = [_profile_words(game, nkey) for e, nkey in numeric
             if all(not _matches(key, nkey) for _, key in present)]
    check.comparisons += 1
    problems = []
    if missing:
        problems.append("listed but not a numeric equilibrium: " + "; ".join(missing))
    if extra and equilibria.complete and numeric_set.complete:
        problems.append("a numeric equilibrium missing from the complete symbolic list: " + "; ".join(extra))
    if problems:
        symbolic = "; ".join(_profile_words(game, key) for _, key in present) or "none"
        numeric_words = "; ".join(_profile_words(game, nkey) for _, nkey in numeric) or "none"
        check.disagreements.append(Disagreement(
            check.point, "equilibria (" + "; ".join(problems) + ")", symbolic, numeric_words))
    return pairs


def _value_at(value, conditions, point):
    """A three-valued verdict at a point: ``value`` when it is decided, else whether its
    conditions (when it is true) hold there."""
    if value is True or value is False:
        return value
    if not conditions:
        return None
    return holds(conditions, point)


def _compare_pareto(check, pareto, pairs, point, numeric_normal):
    from .pareto import is_pareto_efficient

    for k, numeric_eq in pairs:
        if k >= len(pareto):
            continue
        verdict = pareto[k]
        symbolic = _value_at(verdict.value, verdict.conditions, point)
        numeric = is_pareto_efficient(numeric_normal, numeric_eq).value
        check.compare(f"Pareto efficiency of equilibrium {k + 1}", symbolic, numeric,
                      undecided=verdict.value is None and not verdict.conditions)


def _compare_dilemma(check, verdict, point, numeric_normal, numeric_set):
    from .dilemma import dilemma

    symbolic = _value_at(verdict.is_dilemma, verdict.conditions, point)
    numeric_verdict = dilemma(numeric_normal, numeric_set)
    bayes = getattr(numeric_normal, "bayesian", None)
    if bayes is not None:
        from .uncertainty import uncertainty_dilemma

        extra = uncertainty_dilemma(bayes)
        if extra is not None:
            numeric_verdict = extra.join(numeric_verdict)
    check.compare("the dilemma verdict", symbolic, numeric_verdict.is_dilemma,
                  undecided=verdict.is_dilemma is None and not verdict.conditions)


_NO_TYPE = "no named type"


def _classification_at(classification, point):
    """The name (or label) of the type at the point; ``None`` when it cannot be told there."""
    if not classification.regions:
        if holds(classification.conditions, point) is not True:
            return None
        return classification.name or classification.label or _NO_TYPE
    found = None
    for region in classification.regions:
        h = holds(region.conditions, point)
        if h is None:
            return None
        if h:
            if found is not None:
                return None  # overlapping regions: not this check's to judge
            found = region.name or region.label or _NO_TYPE
    return found


def _compare_classification(check, classification, point, numeric_normal):
    from .classify import classify

    numeric = classify(numeric_normal)
    check.compare("the classification", _classification_at(classification, point),
                  numeric.name or numeric.label or _NO_TYPE)


def _sign(value) -> str | None:
    value = sympy.nsimplify(value) if not value.is_Rational else value
    if value.is_zero:
        return "0"
    if value.is_positive:
        return "+"
    if value.is_negative:
        return "-"
    return None


def _compare_statics(check, statics, point):
    for d in statics.derivatives:
        q = d.quantity
        if holds(q.conditions, point) is not True:
            continue
        symbol = next((s for s in point if str(s) == d.parameter), None)
        if symbol is None:
            continue
        if d.sign in ("+", "-", "0"):
            claimed = d.sign
        else:
            claimed = None
            for sign, conds in d.regions:
                h = holds(conds if isinstance(conds, tuple) else (conds,), point)
                if h:
                    claimed = sign
                    break
        up = {**point, symbol: point[symbol] + STEP}
        down = {**point, symbol: point[symbol] - STEP}
        try:
            difference = sympy.sympify(q.expression).xreplace(up) - sympy.sympify(q.expression).xreplace(down)
            observed = _sign(difference)
        except (TypeError, ValueError, ZeroDivisionError):
            observed = None
        where = f" in equilibrium {q.equilibrium + 1}" if q.equilibrium is not None else ""
        check.compare(f"the sign of d({q.name})/d{d.parameter}{where}", claimed, observed)


# -- the check ------------------------------------------------------------------------------------

def _edges(equilibria=None, pareto=(), dilemma=None, classification=None, statics=None):
    out = []
    for eq in getattr(equilibria, "equilibria", ()):
        out.extend(eq.conditions)
    for verdict in pareto or ():
        out.extend(verdict.conditions or ())
    if dilemma is not None:
        out.extend(dilemma.conditions or ())
    if classification is not None:
        out.extend(classification.conditions or ())
        for region in classification.regions:
            out.extend(region.conditions)
    if statics is not None:
        for q in statics.quantities:
            out.extend(q.conditions)
        for d in statics.derivatives:
            for _, conds in d.regions:
                out.extend(conds if isinstance(conds, tuple) else (conds,))
    return tuple(c for c in out if isinstance(c, sympy.Basic))


def verify(game, *, points: int = 50, seed: int = 0, equilibria=None, pareto=(), dilemma=None,
           classification=None, statics=None) -> Verification:
    """Check symbolic answers about ``game`` against the numeric engine at ``points`` random
    points that satisfy its assumptions (module docstring).

    Parameters
    ----------
    game : Game
        The game the answers are about (for a Bayesian game, its Harsanyi normal form, whose
        ``bayesian`` field is the original).
    points : int
        How many points to check.
    seed : int
        Seed of the random draws.
    equilibria : EquilibriumSet, optional
        The symbolic equilibria (``statics.equilibria`` when only ``statics`` is given).
    pareto : tuple of ParetoVerdict, optional
        One per equilibrium.
    dilemma : DilemmaVerdict, optional
    classification : Classification, optional
    statics : StaticsResult, optional

    Raises
    ------
    AnalysisError
        When no point satisfying the assumptions is found.
    """
    if points < 1:
        raise ValueError(f"verify(): expected at least one point, got {points}")
    if equilibria is None and statics is not None:
        equilibria = statics.equilibria
    checks = []
    if equilibria is not None:
        checks.append("the equilibria")
    if pareto:
        checks.append("their Pareto efficiency")
    if dilemma is not None:
        checks.append("the dilemma verdict")
    if classification is not None:
        checks.append("the classification")
    if statics is not None:
        checks.append("the signs of the comparative statics")
    edges = _edges(equilibria, pareto, dilemma, classification, statics)
    source = game.bayesian if getattr(game, "bayesian", None) is not None else game
    drawn, draws = sample_points(source, points, edges=edges, seed=seed)
    if not drawn:
        raise AnalysisError(f"no point satisfying the assumptions was found in {draws} random draws, "
                            "so the answer could not be checked against the numeric engine")
    check = _Checker()
    unreal_seen = set()
    for point in drawn:
        limits.check("checking the answer at random points")
        check.point = tuple(sorted(((str(s), v) for s, v in point.items()), key=lambda kv: kv[0]))
        for condition in dict.fromkeys(edges):
            if condition in unreal_seen:
                continue
            check.comparisons += 1
            if _nonreal(condition, point):
                unreal_seen.add(condition)
                check.disagreements.append(Disagreement(
                    check.point, f"the condition {_show(condition)}", "a comparison", "not real",
                    detail="not a comparison of real numbers here (a root of a negative number): the "
                           "answer lacks the condition that makes it real"))
        numeric_original, numeric_normal = _numeric_game(game, point)
        numeric_set = None
        pairs = []
        if equilibria is not None or dilemma is not None:
            numeric_set = _numeric_solve(numeric_normal, numeric_original)
        if equilibria is not None:
            pairs = _compare_equilibria(check, game, equilibria, point, numeric_normal, numeric_set)
        if pareto:
            _compare_pareto(check, pareto, pairs, point, numeric_normal)
        if dilemma is not None:
            _compare_dilemma(check, dilemma, point, numeric_normal, numeric_set)
        if classification is not None:
            _compare_classification(check, classification, point, numeric_normal)
        if statics is not None:
            _compare_statics(check, statics, point)
    note = ""
    if not source.free_symbols:
        note = "the game has no free parameters: one point is the whole game"
    elif len(drawn) < points:
        note = (f"only {len(drawn)} of {points} points satisfying the assumptions were found in "
                f"{draws} random draws")
    return Verification(
        requested=points,
        points=tuple(tuple(sorted(((str(s), v) for s, v in p.items()), key=lambda kv: kv[0])) for p in drawn),
        checks=tuple(checks),
        comparisons=check.comparisons,
        inconclusive=check.inconclusive,
        disagreements=tuple(check.disagreements),
        seed=seed,
        note=note,
    )
