"""Count tables of symmetric N-person games with two strategies (the collective-action view).

Conventions
-----------
* A symmetric N-person game with strategies ``s_0`` and ``s_1``: a player's payoff depends only on
  its own strategy and on ``k``, the number of *other* players choosing ``s_0``
  (``0 <= k <= N - 1``). ``u_0(k)`` and ``u_1(k)`` are the payoffs of choosing ``s_0`` and ``s_1``;
  ``f(k) = u_0(k) - u_1(k)`` is the difference that decides who switches: where ``f(k) > 0`` a
  player facing ``k`` others on ``s_0`` does better with ``s_0``.
* ``rows`` are the instance that was solved (``N`` a number, ``k = 0 .. N - 1``). When the spec
  keeps ``N`` symbolic (``by_count`` with ``count: N``), ``general`` holds the rows for every
  ``N``: the counts at the ends where a ``min``/``max`` of the counts changes, one by one, and one
  general row in the symbol ``k`` with its range.
* A count ``m`` (players choosing ``s_0``) is a pure equilibrium when ``f(m - 1) >= 0`` (if
  ``m >= 1``) and ``f(m) <= 0`` (if ``m <= N - 1``); its total payoff is
  ``W(m) = m u_0(m - 1) + (N - m) u_1(m)``.
* The crossing point ``k*`` is where the two payoff lines of Schelling's diagram cross, the lines
  joining the values at whole counts: where ``f`` is linear in ``k`` it is the root of ``f``
  (then ``k* = (N - 1) p*`` for the symmetric mixed equilibrium ``p*``), else the root of ``f``
  interpolated between two neighbouring counts of opposite sign. Every sign is decided by
  :mod:`gametheory.conditions` under the game's assumptions; ``conditions`` are those beyond them.

A game written ``by_count`` is read from its formulas; any other normal form is tested exactly for
the symmetric-by-count structure (every player's payoff at every profile equals the one function
of own strategy and count) and the payoffs by count read from it.

References
----------
T. C. Schelling, "Hockey Helmets, Concealed Weapons, and Daylight Saving: A Study of Binary
Choices with Externalities", Journal of Conflict Resolution 17(3), 1973, pp. 381-428.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import conditions, limits
from ..expr import symbol

__all__ = ["CountRow", "Crossing", "CountTable", "SchellingData", "count_table", "symmetric_counts", "from_values",
           "schelling_data"]

#: Largest number of counts written one by one at the ends of the general rows (symbolic N).
MAX_ENDS = 3
_ZERO = sympy.Integer(0)


@dataclass(frozen=True)
class CountRow:
    """One row: ``k`` others choose the first strategy (an integer or an expression in ``N``; the
    symbol ``k`` for a general row, whose range is ``range``); ``payoffs`` of each strategy there,
    ``difference`` = first minus second. ``first_better``, ``equal`` and ``second_better`` are the
    conditions under which the difference is positive, zero, negative (``None`` never, ``()``
    always)."""

    k: sympy.Expr
    payoffs: tuple
    difference: sympy.Expr
    first_better: tuple | None
    equal: tuple | None
    second_better: tuple | None
    range: tuple = ()

    @property
    def general(self) -> bool:
        return bool(self.range)


@dataclass(frozen=True)
class Crossing:
    """Where the payoff lines cross: at ``at`` (exact), between the counts ``between``; ``rising``
    when the first strategy does better above the crossing (a tipping point); ``linear`` when
    the difference is linear in ``k``; ``conditions`` beyond the assumptions."""

    at: sympy.Expr
    between: tuple
    rising: bool
    linear: bool
    conditions: tuple = ()


@dataclass(frozen=True)
class CountTable:
    """The count table of a symmetric N-person game with two strategies (module docstring)."""

    title: str
    name: str
    strategies: tuple
    players: int
    rows: tuple
    general: tuple = ()
    n_symbol: sympy.Symbol | None = None
    crossings: tuple = ()
    crossing_undecided: bool = False
    general_crossing: Crossing | None = None
    stable: tuple = ()
    efficient: tuple | None = None
    totals: tuple = ()
    assumptions: tuple = ()
    by_count: bool = True

    def to_dict(self) -> dict:
        s = conditions.to_str

        def conds(c):
            return None if c is None else [s(conditions.canonical(x)) for x in c]

        def row(r):
            out = {"k": s(r.k), "payoffs": {n: s(v) for n, v in zip(self.strategies, r.payoffs)},
                   "difference": s(r.difference), "first_better": conds(r.first_better),
                   "equal": conds(r.equal), "second_better": conds(r.second_better)}
            if r.range:
                out["range"] = [s(b) for b in r.range]
            return out

        def crossing(c):
            return {"at": s(c.at), "between": [s(b) for b in c.between], "rising": c.rising,
                    "linear": c.linear, "conditions": conds(c.conditions)}

        out = {
            "players": self.players,
            "strategies": list(self.strategies),
            "rows": [row(r) for r in self.rows],
            "crossings": [crossing(c) for c in self.crossings],
            "stable": [{"count": m, "conditions": conds(c)} for m, c in self.stable],
            "efficient": None if self.efficient is None else list(self.efficient),
        }
        if self.general:
            out["general"] = {"players": s(self.n_symbol), "rows": [row(r) for r in self.general],
                              "crossing": None if self.general_crossing is None else crossing(self.general_crossing)}
        return out


# -- reading the payoffs by count ----------------------------------------------------------------

def _same(a, b) -> bool:
    if a == b:
        return True
    d = sympy.sympify(a) - sympy.sympify(b)
    if d.is_Number:
        return d == 0
    return sympy.cancel(d) == 0 or sympy.simplify(d) == 0


def symmetric_counts(game) -> tuple[tuple, tuple] | None:
    """``(u_0, u_1)``: the payoffs of the first and second strategy at ``k = 0 .. N - 1`` others on
    the first, when ``game`` is symmetric by counts with two strategies (checked exactly at every
    profile); ``None`` otherwise."""
    if getattr(game, "bayesian", None) is not None:
        return None
    n = len(game.players)
    if n < 2 or any(tuple(s) != tuple(game.strategies[0]) for s in game.strategies) or len(game.strategies[0]) != 2:
        return None
    found: list[dict] = [{}, {}]
    for profile in itertools.product(range(2), repeat=n):
        limits.check("reading the payoffs by count")
        total = sum(1 for s in profile if s == 0)
        for i, s in enumerate(profile):
            k = total - (1 if s == 0 else 0)
            value = game.payoffs[i][profile]
            known = found[s].get(k)
            if known is None:
                found[s][k] = value
            elif not _same(known, value):
                return None
    u0 = tuple(found[0][k] for k in range(n))
    u1 = tuple(found[1][k] for k in range(n))
    return u0, u1


def _form_counts(form, n: int) -> tuple[tuple, tuple]:
    nn = sympy.Integer(n)
    subs = {form.n_symbol: nn}
    u0 = tuple(form.payoffs[0].xreplace({**subs, form.count_symbols[0]: sympy.Integer(k),
                                         form.count_symbols[1]: nn - 1 - k}) for k in range(n))
    u1 = tuple(form.payoffs[1].xreplace({**subs, form.count_symbols[0]: sympy.Integer(k),
                                         form.count_symbols[1]: nn - 1 - k}) for k in range(n))
    return u0, u1


def _tidy(e):
    e = sympy.sympify(e)
    if e.is_Number or e.has(sympy.Min, sympy.Max):
        return e
    return sympy.expand(e) if e.is_polynomial() else sympy.factor(sympy.cancel(e)) if e.is_rational_function() else e


def _row(k, u0, u1, assumptions, bounds=()) -> CountRow:
    u0, u1 = _tidy(u0), _tidy(u1)
    diff = _tidy(u0 - u1)
    if diff.is_Number:
        pos, zero, neg = (() if diff > 0 else None), (() if diff == 0 else None), (() if diff < 0 else None)
    else:
        pos, zero, neg = conditions.sign_regions(diff, assumptions)
    return CountRow(sympy.sympify(k), (u0, u1), diff, pos, zero, neg, tuple(bounds))


# -- the general rows of a symbolic N -------------------------------------------------------------

def _settle(expr, assumptions):
    """``expr`` with each ``Min``/``Max`` whose argument order the assumptions decide replaced."""
    def visit(e):
        if not e.args:
            return e
        e = e.func(*[visit(a) for a in e.args])
        if isinstance(e, (sympy.Min, sympy.Max)):
            args = list(e.args)
            best = args[0]
            for a in args[1:]:
                keep = sympy.Le(best, a) if isinstance(e, sympy.Min) else sympy.Ge(best, a)
                if conditions.decide(keep, assumptions).value is True:
                    continue
                swap = sympy.Le(a, best) if isinstance(e, sympy.Min) else sympy.Ge(a, best)
                if conditions.decide(swap, assumptions).value is True:
                    best = a
                    continue
                return e
            return best
        return e

    return visit(sympy.sympify(expr))


def _general_rows(form, assumptions) -> tuple[tuple, tuple] | None:
    """Rows for every N: the ends one by one, the middle as one row in ``k`` (or None)."""
    N = form.n_symbol
    k = symbol("k")
    a0, a1 = form.count_symbols

    def at(s, kk):
        return form.payoffs[s].xreplace({a0: kk, a1: N - 1 - kk})

    for total in range(0, 2 * MAX_ENDS + 1):
        for low in range(0, min(total, MAX_ENDS) + 1):
            high = total - low
            if high > MAX_ENDS:
                continue
            scope = tuple(assumptions) + (k >= low, k <= N - 1 - high)
            u0, u1 = _settle(at(0, k), scope), _settle(at(1, k), scope)
            if u0.has(sympy.Min, sympy.Max) or u1.has(sympy.Min, sympy.Max):
                continue
            rows = []
            for j in range(low):
                rows.append(_row(j, _settle(at(0, sympy.Integer(j)), assumptions),
                                 _settle(at(1, sympy.Integer(j)), assumptions), assumptions))
            middle = _row(k, u0, u1, scope, (sympy.Integer(low), N - 1 - high))
            rows.append(middle)
            for j in range(high - 1, -1, -1):
                kk = N - 1 - j
                rows.append(_row(kk, _settle(at(0, kk), assumptions), _settle(at(1, kk), assumptions), assumptions))
            return tuple(rows), _general_crossing(middle, k, scope)
    return None


def _general_crossing(row, k, scope) -> Crossing | None:
    """The root of a difference linear in ``k`` inside the general row's range, with conditions."""
    diff = sympy.expand(row.difference)
    if not diff.is_polynomial(k) or sympy.degree(diff, k) != 1:
        return None
    slope = diff.coeff(k, 1)
    at = sympy.factor(sympy.cancel(-diff.coeff(k, 0) / slope))
    lo, hi = row.range
    plain = tuple(a for a in scope if k not in a.free_symbols)
    rising = conditions.sign(slope, plain)
    if rising not in ("+", "-"):
        return None
    inside = []
    for rel in (sympy.Ge(at, lo), sympy.Le(at, hi)):
        d = conditions.decide(rel, plain)
        if d.value is False:
            return None
        if d.value is None:
            inside.extend(d.conditions or (rel,))
    conds = conditions.simplify(tuple(inside), plain) if inside else ()
    if conds is None:
        return None
    return Crossing(at, (lo, hi), rising == "+", True, tuple(conds))


# -- crossings, stable counts and the efficient count of the instance ------------------------------

def _linear(values) -> bool:
    if len(values) < 3:
        return True
    step = values[1] - values[0]
    return all(_same(values[j] - values[0], j * step) for j in range(2, len(values)))


def _crossings(rows, assumptions) -> tuple[tuple, bool]:
    diffs = [r.difference for r in rows]
    n = len(rows)
    undecided = False
    if all(_same(x, diffs[0]) for x in diffs[1:]):
        return (), False  # parallel lines: the same difference at every count
    if n >= 2 and _linear(diffs) and not _same(diffs[1] - diffs[0], 0):
        slope = sympy.cancel(diffs[1] - diffs[0])
        at = sympy.factor(sympy.cancel(-diffs[0] / slope))
        inside, out = [], False
        for rel in (sympy.Ge(at, 0), sympy.Le(at, n - 1)):
            d = conditions.decide(rel, assumptions)
            if d.value is False:
                out = True
            elif d.value is None:
                inside.extend(d.conditions or (rel,))
        sign = conditions.sign(slope, assumptions)
        if out or sign not in ("+", "-"):
            return (), sign not in ("+", "-") and not out
        conds = conditions.simplify(tuple(inside), assumptions) if inside else ()
        if conds is None:
            return (), False
        lo = sympy.floor(at) if at.is_Number else _ZERO
        hi = sympy.ceiling(at) if at.is_Number else sympy.Integer(n - 1)
        return (Crossing(at, (lo, hi), sign == "+", True, tuple(conds)),), False
    out = []
    for j, r in enumerate(rows):
        if r.equal == () and 0 < j < n - 1:
            before, after = rows[j - 1], rows[j + 1]
            if before.first_better == () and after.second_better == ():
                out.append(Crossing(sympy.Integer(j), (j, j), False, False))
            elif before.second_better == () and after.first_better == ():
                out.append(Crossing(sympy.Integer(j), (j, j), True, False))
        if j == n - 1:
            break
        nxt = rows[j + 1]
        for here, there, rising in ((r.first_better, nxt.second_better, False),
                                    (r.second_better, nxt.first_better, True)):
            if here == () and there == ():
                t = sympy.cancel(r.difference / (r.difference - nxt.difference))
                out.append(Crossing(_tidy(j + t), (j, j + 1), rising, False))
        if (r.first_better not in (None, ()) or r.second_better not in (None, ())) and \
                (nxt.first_better is not None and nxt.second_better is not None):
            undecided = True
    return tuple(out), undecided


def _stable(rows, assumptions) -> tuple:
    n = len(rows)
    out = []
    for m in range(n + 1):
        needs = []
        if m >= 1:
            needs.append(sympy.Ge(rows[m - 1].difference, 0))
        if m <= n - 1:
            needs.append(sympy.Le(rows[m].difference, 0))
        pending, never = [], False
        for rel in needs:
            if rel is sympy.true:
                continue
            if rel is sympy.false:
                never = True
                break
            d = conditions.decide(rel, assumptions)
            if d.value is False:
                never = True
                break
            if d.value is None:
                pending.extend(d.conditions or (rel,))
        if never:
            continue
        conds = conditions.simplify(tuple(pending), assumptions) if pending else ()
        if conds is not None:
            out.append((m, tuple(conds)))
    return tuple(out)


def _efficient(totals, assumptions) -> tuple | None:
    """The counts with the largest total payoff, when the assumptions decide it."""
    best = []
    for m, w in enumerate(totals):
        if not best:
            best = [m]
            continue
        s = conditions.sign(sympy.sympify(w - totals[best[0]]), assumptions)
        if s == "+":
            best = [m]
        elif s == "0":
            best.append(m)
        elif s != "-":
            return None
    return tuple(best)


# -- the table ----------------------------------------------------------------------------------

def from_values(title, name, strategies, u0, u1, assumptions=(), *, form=None, by_count=True) -> CountTable:
    """The count table from the payoffs by count (``u0[k]``, ``u1[k]`` for ``k = 0 .. N - 1``)."""
    assumptions = tuple(assumptions)
    n = len(u0)
    rows = tuple(_row(k, a, b, assumptions) for k, (a, b) in enumerate(zip(u0, u1)))
    crossings, undecided = _crossings(rows, assumptions)
    totals = tuple(_tidy(m * (u0[m - 1] if m >= 1 else 0) + (n - m) * (u1[m] if m <= n - 1 else 0))
                   for m in range(n + 1))
    general, general_crossing, n_symbol = (), None, None
    if form is not None and not isinstance(form.count, int):
        n_symbol = form.n_symbol
        found = _general_rows(form, assumptions + tuple(form.n_assumptions))
        if found is not None:
            general, general_crossing = found
    return CountTable(
        title=title, name=name, strategies=tuple(strategies), players=n, rows=rows, general=general,
        n_symbol=n_symbol, crossings=crossings, crossing_undecided=undecided,
        general_crossing=general_crossing, stable=_stable(rows, assumptions),
        efficient=_efficient(totals, assumptions), totals=totals, assumptions=assumptions,
        by_count=by_count,
    )


def count_table(game) -> CountTable | None:
    """The count table of ``game`` (a :class:`~gametheory.games.Game`): from its ``by_count``
    formulas, or read from a symmetric normal form with two strategies; ``None`` for any other
    game (module docstring).

    Examples
    --------
    >>> from gametheory.report import load
    >>> t = count_table(load("snyder-primary-alliance"))
    >>> [str(r.difference) for r in t.rows]
    ['g', 'g', 'g', 'g', 'g']
    """
    if getattr(game, "bayesian", None) is not None or not hasattr(game, "payoffs"):
        return None
    form = getattr(game, "count", None)
    n = len(game.players)
    assumptions = tuple(game.assumptions)
    if form is not None:
        if len(form.strategies) != 2:
            return None
        u0, u1 = _form_counts(form, n)
        return from_values(game.title, form.name, form.strategies, u0, u1, assumptions, form=form)
    found = symmetric_counts(game)
    if found is None:
        return None
    name = _common_name(game.players)
    return from_values(game.title, name, game.strategies[0], *found, assumptions, by_count=False)


def _common_name(players) -> str:
    stem = players[0].rstrip("0123456789")
    if stem and all(p.rstrip("0123456789") == stem for p in players):
        return stem
    return "player"


# -- Schelling's diagram ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SchellingData:
    """What ``plot --schelling`` draws: the count ``table`` of a numeric instance, the values of
    the parameters that made it (``fixed``, name and exact value), and for each of its crossings
    the exact expression it has in the game's own symbols (``None`` when it is a plain number
    there too)."""

    table: CountTable
    fixed: tuple
    expressions: tuple


def schelling_data(game) -> SchellingData:
    """The data of Schelling's diagram of ``game`` at its parameters' defaults (those fixed
    beforehand, e.g. by ``--set``, keep their values); each crossing is labelled with its exact
    expression in the symbolic game where that expression has the same value at the instance.

    Raises
    ------
    UsageError
        When the game has no count table (not a symmetric game with two strategies).
    """
    from ..errors import UsageError

    symbolic = count_table(game)
    if symbolic is None:
        raise UsageError(f"{getattr(game, 'title', '') or 'this game'} has no Schelling diagram: it needs a "
                         "symmetric game of two or more players with two strategies")
    values = {symbol(name): value for name, value in game.defaults().items()}
    numeric_game = game if game.is_numeric else game.numeric()
    table = symbolic if numeric_game is game else count_table(numeric_game)
    fixed = tuple((name, value) for name, value in game.defaults().items()
                  if symbol(name) in game.free_symbols or name in getattr(game, "assigned", ()))
    candidates = [c.at for c in symbolic.crossings if c.at.free_symbols]
    if symbolic.general_crossing is not None:
        candidates.append(symbolic.general_crossing.at)
    expressions = []
    for c in table.crossings:
        found = None
        for expr in candidates:
            if _same(expr.xreplace(values), c.at):
                found = expr
                break
        expressions.append(found)
    return SchellingData(table, fixed, tuple(expressions))
