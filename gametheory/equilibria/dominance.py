"""Dominance: dominant strategies and iterated elimination of dominated strategies, exactly.

Conventions
-----------
* Strategy ``s`` of player ``i`` is *strictly dominated* by a mixed strategy ``sigma`` of the same
  player when ``u_i(sigma, o) > u_i(s, o)`` for every profile ``o`` of the other players'
  (remaining) strategies; *weakly dominated* when ``>=`` holds everywhere and ``>`` somewhere.
  ``sigma`` may be pure. A strategy is *strictly (weakly) dominant* when it strictly (weakly)
  dominates every other strategy of its player.
* Domination by pure strategies is checked first (the lowest-index dominating strategy is
  reported); domination by mixed strategies is then decided by an exact linear program
  (:func:`gametheory.equilibria._fastlp.lp_max`, the simplex method with Bland's rule in exact integer
  arithmetic, after an exact screen for strategies that are not dominated; Myerson 1991,
  Theorem 1.6 for the linear-programming characterisation). Mixed domination is checked for games
  with rational payoffs only; in symbolic games only domination by pure strategies is checked,
  with every inequality decided by :mod:`gametheory.conditions`.
* Iterated elimination runs in rounds. In each round every player in turn (player order) removes
  its dominated strategies, lowest index first, judged against the other players' strategies
  that remained at the start of the round, a dominating mix using only the player's strategies
  still remaining. Rounds repeat until nothing is removed. For strict dominance the surviving
  strategies do not depend on the order (Gilboa, Kalai and Zemel 1990); for weak dominance they
  can, and this rule is the order used.
* In a symbolic game a strategy is eliminated only when it is dominated for every parameter point
  that satisfies the assumptions; dominant strategies carry the conditions (beyond the
  assumptions) under which they are dominant. When two strategies of a player are each dominant
  in a region of their own, the lowest-index one is reported (the result has one slot per
  player); a strategy that is dominant wherever the assumptions hold is always preferred. Weak
  dominance in a symbolic game is reported only when it holds wherever the assumptions hold
  ("strictly better somewhere" is not a conjunction of conditions).
"""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction

import sympy

from .. import limits
from ..conditions import Reasoner
from ._fastlp import lp_max as _lp_max  # exact, in integer arithmetic
from ..games import Game
from . import _fastlp, _numeric
from .check import _game, rational_payoffs, time_limit
from .result import DominanceResult, Elimination

__all__ = ["dominance", "dominated_by"]

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)


def dominance(game: Game, *, strict: bool = True, timeout: float | None = None) -> DominanceResult:
    """Dominant strategies and iterated elimination of dominated strategies.

    Parameters
    ----------
    game : Game
        Any number of players; numeric or symbolic.
    strict : bool
        Eliminate strictly dominated strategies (default; the survivors do not depend on the
        order) or weakly dominated ones (the order is the documented rule of this module).
    timeout : float, optional
        Bound in seconds on the work.

    Returns
    -------
    DominanceResult
        ``dominant`` and ``dominant_conditions`` (strictly dominant strategies, with conditions
        for symbolic games), ``weakly_dominant`` (for symbolic games only when weak dominance
        holds under the assumptions alone), the eliminations in order, and the survivors.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> r = dominance(pd)
    >>> r.dominant, r.surviving
    ((1, 1), ((1,), (1,)))
    """
    game = _game(game)
    with time_limit(timeout):
        reasoner = Reasoner(game.assumptions)
        judge = _Judge(game, reasoner)
        full = tuple(tuple(range(m)) for m in game.shape)
        dominant, conditions, weakly = [], [], []
        for i in range(game.n_players):
            s, conds = judge.dominant(i, full, strict=True)
            dominant.append(s)
            conditions.append(conds)
            w, _ = judge.dominant(i, full, strict=False)
            weakly.append(w)
        eliminations, surviving = _eliminate(judge, strict)
    fields = {
        "game": game,
        "dominant": tuple(dominant),
        "dominant_conditions": tuple(conditions),
        "weakly_dominant": tuple(weakly),
        "eliminations": eliminations,
        "surviving": surviving,
        "strict": strict,
    }
    notes = judge.notes()
    names = {f.name for f in dataclasses.fields(DominanceResult)}
    if "notes" in names:
        fields["notes"] = notes
    if "method" in names:
        fields["method"] = judge.method()
    return DominanceResult(**fields)


def dominated_by(game: Game, player: int, strategy: int, *, strict: bool = True, remaining=None):
    """A mixed strategy of ``player`` that dominates its ``strategy``, or ``None``.

    ``remaining[j]`` are the strategy indices left for player ``j`` (all by default). Returns
    ``(by, conditions)``: ``by`` gives one exact probability per strategy of ``player`` (zero off
    the remaining ones); ``conditions`` are ``()`` (symbolic games: dominated for every parameter
    point allowed by the assumptions).
    """
    game = _game(game)
    judge = _Judge(game, Reasoner(game.assumptions))
    remaining = tuple(tuple(r) for r in remaining) if remaining is not None else tuple(
        tuple(range(m)) for m in game.shape
    )
    return judge.dominated(player, strategy, remaining, remaining, strict)


class _Judge:
    """Dominance questions about one game."""

    def __init__(self, game: Game, reasoner: Reasoner):
        self.game = game
        self.reasoner = reasoner
        self.rational = rational_payoffs(game)
        self.table = _numeric.table(game) if self.rational else None  # ints and Fractions
        self.memo: dict = {}  # certificates that a strategy is not dominated (numeric games)

    def notes(self) -> tuple[str, ...]:
        if self.rational:
            return ()
        return ("domination by mixed strategies is checked only for games with rational payoffs; "
                "here only domination by pure strategies was checked",
                "a strategy is eliminated only when it is dominated wherever the assumptions hold")

    def method(self) -> str:
        if self.rational:
            return "pure and mixed dominance (exact linear programming)"
        return "pure dominance under the assumptions (conditions engine)"

    def _others(self, i, remaining):
        return list(itertools.product(*(remaining[j] if j != i else (None,) for j in range(self.game.n_players))))

    def _pay(self, i, k, o):
        if self.table is not None:
            return self.table[i][o[:i] + (k,) + o[i + 1:]]
        return self.game.payoffs[i][o[:i] + (k,) + o[i + 1:]]

    def _pure_dominates(self, i, t, s, others, strict):
        """Conditions (``()``) under which ``t`` dominates ``s``, or ``None``; for symbolic games only
        unconditional answers count, except in :meth:`dominant`, which asks for conditions."""
        diffs = [self._pay(i, t, o) - self._pay(i, s, o) for o in others]
        if self.table is not None or all(d.is_Rational for d in diffs):
            if strict:
                return () if all(d > 0 for d in diffs) else None
            return () if all(d >= 0 for d in diffs) and any(d > 0 for d in diffs) else None
        r = self.reasoner
        if strict:
            return r.all_of([sympy.Gt(r.tidy(d), 0) for d in diffs], "the dominance check")
        weak = r.all_of([sympy.Ge(r.tidy(d), 0) for d in diffs], "the dominance check")
        if weak != ():
            return None  # "somewhere strictly" cannot be written as a conjunction of conditions
        if any(r.decide(sympy.Gt(r.tidy(d), 0))[0] is True for d in diffs):
            return ()
        return None

    def dominant(self, i, remaining, strict):
        """Player ``i``'s dominant strategy and its conditions (weak: only unconditional ones).

        A strategy dominant wherever the assumptions hold wins; otherwise the lowest-index one
        that is dominant somewhere, with its conditions; ``(None, ())`` if there is none.
        """
        others = self._others(i, remaining)
        first = None
        for s in remaining[i]:
            limits.check("the dominance check")
            pending: list | None = []
            for t in remaining[i]:
                if t == s:
                    continue
                c = self._pure_dominates(i, s, t, others, strict)
                if c is None:
                    pending = None
                    break
                pending.extend(x for x in c if x not in pending)
            if pending is None:
                continue
            conds = self.reasoner.all_of(pending, "the dominance check") if pending else ()
            if conds == ():
                return s, ()
            if conds is not None and first is None:
                first = (s, conds)
        return first if first is not None else (None, ())

    def dominated(self, i, s, own_remaining, others_remaining, strict):
        """``(by, ())`` if ``s`` is dominated given the remaining strategies, else ``None``."""
        game = self.game
        remaining = tuple(own_remaining[i] if j == i else others_remaining[j] for j in range(game.n_players))
        if self.table is not None:  # a numeric game: the same steps on ints and Fractions
            found = _fastlp.dominator(self.table, i, s, remaining, game.shape[i], strict, _mixed_dominator,
                                      self.memo)
            return None if found is None else (tuple(_numeric.to_sympy(w) for w in found), ())
        others = self._others(i, remaining)
        candidates = [t for t in remaining[i] if t != s]
        for t in candidates:
            c = self._pure_dominates(i, t, s, others, strict)
            if c == ():
                by = tuple(_ONE if k == t else _ZERO for k in range(game.shape[i]))
                return by, ()
        if not self.rational or len(candidates) < 2:
            return None
        D = [[Fraction(int((d := self._pay(i, t, o) - self._pay(i, s, o)).p), int(d.q)) for o in others]
             for t in candidates]
        sigma = _mixed_dominator(D, strict)
        if sigma is None:
            return None
        weights = dict(zip(candidates, sigma))
        by = tuple(sympy.Rational(weights[k].numerator, weights[k].denominator) if k in weights else _ZERO
                   for k in range(game.shape[i]))
        return by, ()


def _eliminate(judge: _Judge, strict: bool):
    game = judge.game
    surviving = [list(range(m)) for m in game.shape]
    eliminations = []
    while True:
        snapshot = tuple(tuple(s) for s in surviving)
        removed = False
        for i in range(game.n_players):
            for s in list(surviving[i]):
                if len(surviving[i]) == 1:
                    break
                limits.check("iterated elimination of dominated strategies")
                own = tuple(tuple(surviving[j]) if j == i else snapshot[j] for j in range(game.n_players))
                found = judge.dominated(i, s, own, snapshot, strict)
                if found is None:
                    continue
                by, conds = found
                eliminations.append(Elimination(player=i, strategy=s, by=by, strict=strict, conditions=conds))
                surviving[i].remove(s)
                removed = True
        if not removed:
            break
    return tuple(eliminations), tuple(tuple(s) for s in surviving)


# -- exact linear programming -------------------------------------------------------------------

def _mixed_dominator(D: list[list[Fraction]], strict: bool) -> list[Fraction] | None:
    """A distribution ``sigma`` over the rows of ``D`` with ``sigma D > 0`` in every column
    (``strict``), or ``sigma D >= 0`` everywhere and ``> 0`` somewhere (weak); ``None`` if none.

    ``D[t][o]`` is what the candidate ``t`` pays more than the dominated strategy against ``o``.
    """
    k, q = len(D), len(D[0])
    # variables: sigma_0..k-1, then (strict) e_plus, e_minus, then slacks s_0..q-1
    if strict:
        # sum_t sigma_t D[t][o] - e_plus + e_minus - s_o = 0; sum sigma = 1; maximise e_plus - e_minus
        rows = [[D[t][o] for t in range(k)] + [Fraction(-1), Fraction(1)]
                + [Fraction(-1) if c == o else Fraction(0) for c in range(q)] for o in range(q)]
        rows.append([Fraction(1)] * k + [Fraction(0)] * (2 + q))
        rhs = [Fraction(0)] * q + [Fraction(1)]
        c = [Fraction(0)] * k + [Fraction(1), Fraction(-1)] + [Fraction(0)] * q
        out = _lp_max(c, rows, rhs)
        if out is None or out[0] <= 0:
            return None
        return out[1][:k]
    # sum_t sigma_t D[t][o] - s_o = 0; sum sigma = 1; maximise sum_o s_o
    rows = [[D[t][o] for t in range(k)] + [Fraction(-1) if c == o else Fraction(0) for c in range(q)]
            for o in range(q)]
    rows.append([Fraction(1)] * k + [Fraction(0)] * q)
    rhs = [Fraction(0)] * q + [Fraction(1)]
    c = [Fraction(0)] * k + [Fraction(1)] * q
    out = _lp_max(c, rows, rhs)
    if out is None or out[0] <= 0:
        return None
    return out[1][:k]
