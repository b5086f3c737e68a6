"""Equilibrium selection in 2x2 games: payoff dominance and risk dominance (Harsanyi and Selten 1988).

Conventions
-----------
* The criteria apply to two-player 2x2 games with exactly two *strict* pure equilibria (each
  player's equilibrium strategy is its unique best reply); elsewhere every value is ``None``.
  In a game whose payoffs depend on parameters, whether the criteria apply can itself depend
  on them.
* Equilibrium ``a`` *payoff-dominates* ``b`` when every player gets strictly more at ``a``
  (Harsanyi and Selten 1988, sec. 3.9).
* For 2x2 games with two strict equilibria ``a = (i, j)`` and ``b = (i', j')``, ``a``
  *risk-dominates* ``b`` when the product of the players' deviation losses is larger at ``a``
  (Harsanyi and Selten 1988, sec. 3.9, Lemma 5.4.4):
  ``(u1(i, j) - u1(i', j)) * (u2(i, j) - u2(i, j')) >
  (u1(i', j') - u1(i, j')) * (u2(i', j') - u2(i', j))``.
  In the symmetric Stag Hunt this is ``R - T > P - S`` for mutual cooperation. Equal products
  are a knife edge: neither equilibrium risk-dominates (``risk_ties``).
* Values are ``True``/``False``/``None`` per equilibrium index; ``None`` also where the
  criterion does not apply (mixed equilibria, other games). ``*_conditions[k]`` are the
  conditions, beyond the assumptions and the equilibrium's conditions, under which the value
  would be ``True`` when it is ``None``. All signs come from :mod:`gametheory.conditions`.

References
----------
J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*, MIT Press,
1988.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .. import conditions
from ..conditions import Signs, Undecided, cases, union_conditions
from ..games import Game
from .pareto import strictly_dominates

__all__ = ["EquilibriumSelection", "Selection", "selection", "strict_equilibria"]

_CELLS = ((0, 0), (0, 1), (1, 0), (1, 1))


@dataclass(frozen=True)
class EquilibriumSelection:
    """Payoff and risk dominance of one equilibrium (see the module docstring)."""

    index: int
    applies: bool | None
    applies_conditions: tuple = ()
    payoff_dominant: bool | None = None
    payoff_conditions: tuple = ()
    risk_dominant: bool | None = None
    risk_conditions: tuple = ()


@dataclass(frozen=True)
class Selection:
    """Payoff and risk dominance for every equilibrium of a game.

    Attributes
    ----------
    applies : bool or None
        Whether the game is a 2x2 game with exactly two strict pure equilibria (``None``: it
        depends on the parameters; ``conditions`` says when).
    conditions : tuple
        When ``applies`` is ``None``: the conditions under which it applies.
    payoff_dominant, risk_dominant : dict
        Equilibrium index -> ``True``/``False``/``None``, for every equilibrium given.
    payoff_conditions, risk_conditions : dict
        Equilibrium index -> conditions under which the value holds when it is ``None``.
    risk_ties : tuple
        Conditions (beyond the assumptions) under which the two Nash products are equal, ``()``
        if they always are, ``None`` if never (or the criterion does not apply).
    equilibria : tuple of EquilibriumSelection
    explanation : str
    """

    applies: bool | None
    conditions: tuple
    payoff_dominant: dict = field(default_factory=dict)
    risk_dominant: dict = field(default_factory=dict)
    payoff_conditions: dict = field(default_factory=dict)
    risk_conditions: dict = field(default_factory=dict)
    risk_ties: tuple | None = None
    equilibria: tuple[EquilibriumSelection, ...] = ()
    explanation: str = ""


def _is_2x2(game: Game) -> bool:
    return game.n_players == 2 and game.shape == (2, 2)


def strict_equilibria(signs: Signs, A, B) -> tuple[tuple[int, int], ...]:
    """The strict pure equilibria of a 2x2 game, in a region (cells in row-major order)."""
    out = []
    for i, j in _CELLS:
        if signs.positive(A[i][j] - A[1 - i][j]) and signs.positive(B[i][j] - B[i][1 - j]):
            out.append((i, j))
    return tuple(out)


def _nash_product(A, B, cell):
    i, j = cell
    return sympy.expand((A[i][j] - A[1 - i][j]) * (B[i][j] - B[i][1 - j]))


def _t(e) -> str:
    return conditions.to_str(sympy.sympify(e))


def _rel_text(conds) -> str:
    return conditions.describe(tuple(conds))


def selection(game: Game, equilibria, *, assumptions=None) -> Selection:
    """Payoff dominance and risk dominance of each equilibrium (Harsanyi and Selten 1988).

    Parameters
    ----------
    game : Game
    equilibria : EquilibriumSet or sequence of Equilibrium
        The equilibria to report on; values are keyed by their index.
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    Selection

    Notes
    -----
    For each pure equilibrium, the parameter space (under the assumptions and the equilibrium's
    conditions) is split where a sign depends on the parameters; in each region the strict
    equilibria are found, and when there are exactly two, the payoffs and the Nash products of
    deviation losses are compared (Harsanyi and Selten 1988, sec. 3.9 and Lemma 5.4.4).

    Examples
    --------
    >>> from gametheory.games import Game, Profile
    >>> from gametheory.equilibria.result import Equilibrium
    >>> sh = Game.from_arrays([[[4, 0], [3, 2]], [[4, 3], [0, 2]]])
    >>> eqs = [Equilibrium(Profile.pure(sh, c), sh.outcome(c)) for c in [(0, 0), (1, 1)]]
    >>> s = selection(sh, eqs)
    >>> s.payoff_dominant, s.risk_dominant
    ({0: True, 1: False}, {0: False, 1: True})
    """
    base = tuple(game.assumptions if assumptions is None else assumptions)
    eqs = tuple(getattr(equilibria, "equilibria", equilibria))
    none = {k: None for k in range(len(eqs))}
    empty = {k: () for k in range(len(eqs))}
    if not _is_2x2(game):
        return Selection(False, (), dict(none), dict(none), dict(empty), dict(empty), None,
                         tuple(EquilibriumSelection(k, False) for k in range(len(eqs))),
                         "Payoff and risk dominance are compared only in 2x2 games with two strict "
                         "equilibria; this game is not 2x2.")
    A, B = game.matrices()
    try:
        return _selection(game, eqs, base, A, B)
    except Undecided as error:
        return Selection(None, (), dict(none), dict(none), dict(empty), dict(empty), None,
                         tuple(EquilibriumSelection(k, None) for k in range(len(eqs))),
                         f"Payoff and risk dominance were not decided: {error}.")


def _selection(game, eqs, base, A, B) -> Selection:
    def applies(signs):
        return len(strict_equilibria(signs, A, B)) == 2

    regions = cases(applies, base, what="equilibrium selection")
    yes = [r.conditions for r in regions if r.value]
    no = [r.conditions for r in regions if not r.value]
    if not no and yes:
        applies_value, applies_conds = True, ()
    elif not yes:
        applies_value, applies_conds = False, ()
    else:
        applies_value, applies_conds = None, union_conditions(yes, no, base)

    # ties of the Nash products, over the whole space
    def tie(signs):
        strict = strict_equilibria(signs, A, B)
        if len(strict) != 2:
            return False
        return signs.zero(_nash_product(A, B, strict[0]) - _nash_product(A, B, strict[1]))

    tie_regions = cases(tie, base, what="equilibrium selection") if applies_value is not False else ()
    tie_yes = [r.conditions for r in tie_regions if r.value]
    tie_no = [r.conditions for r in tie_regions if not r.value]
    risk_ties = union_conditions(tie_yes, tie_no, base) if tie_yes else None

    per = []
    for k, eq in enumerate(eqs):
        cell = eq.profile.pure_indices
        if cell is None or applies_value is False:
            per.append(EquilibriumSelection(k, False))
            continue

        def predicate(signs, cell=tuple(cell)):
            strict = strict_equilibria(signs, A, B)
            if len(strict) != 2 or cell not in strict:
                return ("n/a", False, False)
            other = strict[1] if strict[0] == cell else strict[0]
            pd = strictly_dominates(signs, game.outcome(cell), game.outcome(other))
            rd = signs.positive(_nash_product(A, B, cell) - _nash_product(A, B, other))
            return ("ok", pd, rd)

        context = base + tuple(eq.conditions)
        eq_regions = cases(predicate, base, eq.conditions, what="equilibrium selection")
        per.append(EquilibriumSelection(
            k,
            *_three(eq_regions, context, lambda v: v[0] == "ok"),
            *_three(eq_regions, context, lambda v: v[0] == "ok" and v[1], strict_false=True),
            *_three(eq_regions, context, lambda v: v[0] == "ok" and v[2], strict_false=True),
        ))

    payoff = {s.index: s.payoff_dominant for s in per}
    risk = {s.index: s.risk_dominant for s in per}
    payoff_c = {s.index: s.payoff_conditions for s in per}
    risk_c = {s.index: s.risk_conditions for s in per}
    explanation = _explain(game, eqs, per, applies_value, applies_conds, risk_ties, A, B)
    return Selection(applies_value, applies_conds, payoff, risk, payoff_c, risk_c, risk_ties,
                     tuple(per), explanation)


def _three(regions, context, test, strict_false: bool = False):
    """(value, conditions) of a property over regions; with ``strict_false``, regions where
    the criterion does not apply make the value ``None`` rather than ``False``."""
    if not regions:
        return (False, ())
    yes = [r.conditions for r in regions if test(r.value)]
    no = [r.conditions for r in regions if not test(r.value)]
    if strict_false and all(r.value[0] != "ok" for r in regions):
        return (None, ())
    if strict_false and any(r.value[0] != "ok" for r in regions):
        if not yes:
            return (None, ())
        return (None, union_conditions(yes, no, context))
    if not no:
        return (True, ())
    if not yes:
        return (False, ())
    return (None, union_conditions(yes, no, context))


def _cell_text(game: Game, cell) -> str:
    return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(cell)) + ")"


def _explain(game, eqs, per, applies_value, applies_conds, risk_ties, A, B) -> str:
    if applies_value is False:
        return ("Payoff and risk dominance are compared only in 2x2 games with two strict "
                "equilibria; this game does not have two.")
    pure = [(s, tuple(eqs[s.index].profile.pure_indices)) for s in per if s.applies is not False]
    if len(pure) < 2:
        return "Payoff and risk dominance compare two strict equilibria; fewer than two were given."
    (sa, a), (sb, b) = pure[0], pure[1]
    clauses = []
    for s, cell, other in ((sa, a, b), (sb, b, a)):
        if s.payoff_dominant is True:
            clauses.append(f"{_cell_text(game, cell)} payoff-dominates {_cell_text(game, other)}")
        elif s.payoff_dominant is None and s.payoff_conditions:
            clauses.append(f"{_cell_text(game, cell)} payoff-dominates {_cell_text(game, other)} "
                           f"when {_rel_text(s.payoff_conditions)}")
    if not clauses:
        clauses.append("neither equilibrium payoff-dominates the other")
    na, nb = _nash_product(A, B, a), _nash_product(A, B, b)
    risk = []
    for s, cell, n_self, n_other in ((sa, a, na, nb), (sb, b, nb, na)):
        if s.risk_dominant is True:
            risk.append(f"{_cell_text(game, cell)} is risk-dominant (its product of deviation losses "
                        f"{_t(sympy.factor(n_self))} exceeds {_t(sympy.factor(n_other))})")
        elif s.risk_dominant is None and s.risk_conditions:
            risk.append(f"{_cell_text(game, cell)} is risk-dominant when {_rel_text(s.risk_conditions)}")
    if risk_ties == ():
        risk.append("the products of deviation losses are equal, so neither is risk-dominant")
    elif risk_ties:
        risk.append(f"neither is when {_rel_text(risk_ties)}")
    if not risk:
        risk.append("neither is risk-dominant")
    prefix = f"When {_rel_text(applies_conds)}, " if applies_value is None and applies_conds else ""
    text = prefix + "; ".join(clauses) + "; " + ", ".join(risk) + "."
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class SelectionThreshold:
    """A named boundary of equilibrium selection, for comparative statics.

    ``expression`` is positive exactly where the first equilibrium is risk-dominant.
    """

    name: str
    expression: sympy.Expr
    description: str
    conditions: tuple = ()


def thresholds(game, equilibria=None) -> tuple[SelectionThreshold, ...]:
    """The risk-dominance margin of a 2x2 game with two strict pure equilibria.

    The margin is the Nash product (the product of the players' losses from deviating) of the
    first pure equilibrium minus that of the second (Harsanyi and Selten 1988, ch. 3): the first
    is risk-dominant where it is positive. In the Stag Hunt it is ``(R - T)**2 - (P - S)**2``, so
    mutual cooperation is risk-dominant exactly when ``R - T > P - S``. Empty where selection does
    not apply.
    """
    if not _is_2x2(game):
        return ()
    if equilibria is None:
        from ..equilibria import equilibria as solve_equilibria

        equilibria = solve_equilibria(game)
    result = selection(game, equilibria)
    if result.applies is False:
        return ()
    cells = [e.profile.pure_indices for e in equilibria.equilibria if e.is_pure]
    if len(cells) != 2 or cells[0][0] == cells[1][0] or cells[0][1] == cells[1][1]:
        return ()
    A, B = game.matrices()
    margin = sympy.factor(_nash_product(A, B, cells[0]) - _nash_product(A, B, cells[1]))
    if margin == 0:
        return ()
    first, second = (_cell_text(game, c) for c in cells)
    return (SelectionThreshold(
        "risk_margin",
        margin,
        f"Nash product of {first} minus that of {second}: {first} is risk-dominant where it is "
        "positive (Harsanyi and Selten 1988)",
        tuple(result.conditions),
    ),)
