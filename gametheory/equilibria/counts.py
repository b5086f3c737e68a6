"""Equilibria of symmetric N-person games written by counts, without the 2^N profiles.

Conventions
-----------
* A game ``by_count`` (:class:`gametheory.games.CountForm`) has ``N`` players sharing the
  strategies ``s_0, ..., s_{m-1}``; ``form.payoffs[s]`` is the payoff of a player who chooses
  ``s`` as an expression in ``n_<s_j>`` (how many *other* players choose ``s_j``) and ``N``.
  ``N`` is a number or a symbol (``count: N``); results for a symbolic ``N`` hold for every
  integer ``N`` allowed by the assumptions.
* For two strategies, ``k`` is the number of players choosing strategy 0 and
  ``f(j) = u_0(j) - u_1(j)`` is the gain from strategy 0 over strategy 1 for a player of whom
  ``j`` others choose strategy 0 (and ``N - 1 - j`` strategy 1).
* A *count class* stands for every profile with the same counts: ``k`` players on strategy 0,
  ``N - k`` on strategy 1 for a pure class (``binomial(N, k)`` profiles); for a mixed class,
  ``k0`` players on strategy 0, ``k1`` on strategy 1 and ``r >= 2`` players who each choose
  strategy 0 with the same probability ``p`` (``N!/(k0! k1! r!)`` profiles).
* ``conditions`` are the conditions on the parameters, beyond the assumptions, under which a
  class consists of equilibria (``()``: whenever the assumptions hold). Every symbolic
  comparison is decided by :mod:`gametheory.conditions`.

Method
------
Pure: ``k`` players on strategy 0 is an equilibrium exactly when ``f(k - 1) >= 0`` (if
``k >= 1``: no one on strategy 0 gains by switching) and ``f(k) <= 0`` (if ``k <= N - 1``).
For a symbolic ``N`` the counts ``0 .. L-1`` and ``N - L + 1 .. N`` are examined one by one and
the counts in between as one class with a symbolic ``k`` (``L`` is raised until every ``min`` and
``max`` of the counts is settled there). For a numeric ``N`` every ``k`` is examined: ``N + 1``
classes instead of ``2^N`` profiles (the number of count vectors, ``binomial(N + m - 1, m - 1)``,
for ``m`` strategies).

Symmetric mixed (two strategies): everyone choosing strategy 0 with probability ``p`` is an
equilibrium exactly when ``0 < p < 1`` solves the indifference equation

    G(p) = sum_{j=0}^{N-1} binomial(N-1, j) p^j (1-p)^(N-1-j) f(j) = 0

(an exact polynomial in ``p`` for a numeric ``N``; for a symbolic ``N``, ``f`` is split into its
values at small counts and a polynomial in ``j`` whose binomial moments are summed in closed
form: ``E[J^(r)] = (N-1)^(r) p^r`` for the falling factorials). The volunteer's dilemma gives
``G(p) = b (1-p)^(N-1) - c`` and ``p = 1 - (c/b)^(1/(N-1))`` (Diekmann 1985). Partly mixed
classes ``(k0, k1, r)`` solve the same equation for the ``r`` mixers with ``f(k0 + j)``; the
players fixed on strategy 0 (1) need ``E f(k0 - 1 + J) >= 0`` (``E f(k0 + J) <= 0``) with
``J ~ Binomial(r, p)``. Mixed classes assume that the mixers share one probability, which every
equilibrium of a game with ``f`` monotone in the count satisfies (the volunteer's dilemma: the
product of the others' abstention probabilities is ``c/b`` for every mixer); other equilibria, in
which mixers use different probabilities, are not searched.

References
----------
A. Diekmann, "Volunteer's Dilemma", Journal of Conflict Resolution 29(4), 1985.
T. C. Schelling, *Micromotives and Macrobehavior*, Norton, 1978, ch. 7 (binary choices with
externalities: payoffs as functions of the number choosing each side).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy

from .. import limits
from ..errors import UsageError
from ..expr import symbol
from ..games import CountForm

__all__ = [
    "StableCount",
    "MixedCount",
    "CountComparison",
    "CountResult",
    "count_equilibria",
    "indifference",
]

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)

METHOD = "equilibria by counts"

#: Largest numeric N for which partly mixed classes are listed by default.
PARTIAL_LIMIT = 8
#: Largest number of counts examined one by one at each end for a symbolic N.
MAX_ENDS = 4


# -- results ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StableCount:
    """A pure count class that is a Nash equilibrium.

    ``counts[s]`` players choose strategy ``s``; ``profiles`` is the number of pure profiles in
    the class; ``payoffs[s]`` the payoff of a player choosing ``s`` there (``None`` when no one
    does). ``variable`` is the symbol ``k`` when the class stands for a range of counts
    (``range`` gives its bounds).
    """

    counts: tuple[sympy.Expr, ...]
    label: str
    profiles: sympy.Expr
    payoffs: tuple[sympy.Expr | None, ...]
    conditions: tuple = ()
    variable: sympy.Symbol | None = None
    range: tuple = ()


@dataclass(frozen=True)
class MixedCount:
    """A mixed count class: ``fixed[s]`` players play strategy ``s`` for sure and ``mixers``
    players each choose strategy 0 with probability ``probability``.

    ``equation`` is the mixers' indifference ``G(p)`` in the symbol ``p`` (``G(p) = 0``);
    ``payoff`` a mixer's expected payoff; ``symmetric`` is True when everyone mixes.
    """

    fixed: tuple[sympy.Expr, ...]
    mixers: sympy.Expr
    probability: sympy.Expr
    equation: sympy.Expr
    payoff: sympy.Expr
    label: str
    profiles: sympy.Expr
    conditions: tuple = ()
    symmetric: bool = False


@dataclass(frozen=True)
class CountComparison:
    """All players choosing ``first`` against all choosing ``second``.

    ``difference`` is a player's payoff under ``second`` minus under ``first``;
    ``second_better``, ``equal`` and ``first_better`` are the conditions (beyond the assumptions)
    under which it is positive, zero and negative: ``None`` never, ``()`` always. Every player
    gets the same payoff in a symmetric profile, so "better" is better for every player (a Pareto
    comparison).
    """

    first: str
    second: str
    first_payoff: sympy.Expr
    second_payoff: sympy.Expr
    difference: sympy.Expr
    second_better: tuple | None
    equal: tuple | None
    first_better: tuple | None


@dataclass(frozen=True)
class CountResult:
    """Equilibria of a game by counts (see the module docstring).

    ``pure`` are the stable pure count classes, ``mixed`` the mixed ones (the symmetric one
    last); ``equation`` is the symmetric indifference ``G(p)`` in ``probability_symbol``;
    ``comparisons`` the Pareto comparisons of the uniform profiles; ``deficient`` lists, for a
    stable uniform profile that another uniform profile beats for every player, the pair of
    labels and the conditions. ``complete`` is True when every equilibrium whose mixers share
    one probability is listed.
    """

    strategies: tuple[str, ...]
    count: sympy.Expr
    n_symbol: sympy.Symbol
    pure: tuple[StableCount, ...]
    mixed: tuple[MixedCount, ...]
    equation: sympy.Expr | None
    probability_symbol: sympy.Symbol
    comparisons: tuple[CountComparison, ...]
    deficient: tuple[tuple[str, str, tuple], ...]
    assumptions: tuple = ()
    complete: bool = True
    method: str = METHOD
    notes: tuple[str, ...] = field(default=())

    @property
    def symbolic_n(self) -> bool:
        return not self.count.is_Integer

    def lines(self) -> list[str]:
        """The result as plain text lines (for reports)."""
        from .. import conditions

        def when(conds):
            return "always" if not conds else "when " + " and ".join(conditions.to_str(c) for c in conds)

        n = self.count
        out = [f"Equilibria by counts ({n} players; {len(self.strategies)}^{n} profiles never listed):"]
        out.append("  Pure (how many choose each strategy):")
        if not self.pure:
            out.append("    none")
        for e in self.pure:
            out.append(f"    {e.label}: {e.profiles} profile{'s' if e.profiles != 1 else ''}, {when(e.conditions)}")
        p = self.probability_symbol
        if self.equation is not None:
            out.append(f"  Symmetric mixed (each plays {self.strategies[0]} with probability {p}): "
                       f"indifference {self.equation} = 0")
            sym = [m for m in self.mixed if m.symmetric]
            if not sym:
                out.append("    no solution in (0, 1)")
            for m in sym:
                out.append(f"    {p} = {m.probability}; payoff {m.payoff}; {when(m.conditions)}")
        partial = [m for m in self.mixed if not m.symmetric]
        if partial:
            out.append("  Partly mixed (the mixers share one probability):")
        for m in partial:
            out.append(f"    {m.label}; payoff {m.payoff}; {m.profiles} profile"
                       f"{'s' if m.profiles != 1 else ''}, {when(m.conditions)}")
        readable = {}  # (better, worse) -> (conditions, their readable text)
        for c in self.comparisons:
            small, large = _readable(c.difference)
            for conds, better, worse, rel in ((c.second_better, c.second, c.first, f"{small} < {large}"),
                                              (c.first_better, c.first, c.second, f"{large} < {small}")):
                if conds is None:
                    continue
                text = "always" if conds == () else "when " + rel
                readable[(better, worse)] = (conds, text)
                out.append(f"  {better} is better for every player than {worse} {text}")

        def key(conds):
            return sorted(conditions.to_str(conditions.canonical(c)) for c in conds)

        for stable, worse_than, conds in self.deficient:
            # the comparison's readable words only where they say all: the deficiency also
            # needs the stable profile to be an equilibrium, which may have conditions of its own
            compared, text = readable.get((worse_than, stable), (None, ""))
            if compared is None or key(compared) != key(conds):
                text = when(conds)
            out.append(f"  Dilemma: the equilibrium {stable} is worse for every player than {worse_than} {text}")
        for note in self.notes:
            out.append(f"  Note: {note}")
        return out

    def to_dict(self) -> dict:
        """JSON-ready data: every expression a string (:func:`gametheory.conditions.to_str`).

        ``indifference`` is the expression ``G`` of the symmetric indifference equation
        ``G = 0`` in the probability named by ``probability`` (``null`` when not computed).
        """
        from .. import conditions

        s = conditions.to_str

        def conds(c):
            return None if c is None else [s(conditions.canonical(x)) for x in c]

        return {
            "players": s(self.count),
            "strategies": list(self.strategies),
            "method": self.method,
            "complete": self.complete,
            "pure": [
                {
                    "label": e.label,
                    "counts": {name: s(c) for name, c in zip(self.strategies, e.counts)},
                    "profiles": s(e.profiles),
                    "payoffs": {name: s(v) for name, v in zip(self.strategies, e.payoffs) if v is not None},
                    "conditions": conds(e.conditions),
                    **({"variable": s(e.variable), "range": [s(b) for b in e.range]} if e.variable is not None else {}),
                }
                for e in self.pure
            ],
            "mixed": [
                {
                    "label": e.label,
                    "fixed": {name: s(c) for name, c in zip(self.strategies, e.fixed)},
                    "mixers": s(e.mixers),
                    "probability": {self.strategies[0]: s(e.probability),
                                    self.strategies[1]: s(_tidy(1 - e.probability))},
                    "indifference": s(e.equation),
                    "payoff": s(e.payoff),
                    "profiles": s(e.profiles),
                    "symmetric": e.symmetric,
                    "conditions": conds(e.conditions),
                }
                for e in self.mixed
            ],
            "indifference": None if self.equation is None else s(self.equation),
            "probability": s(self.probability_symbol),
            "comparisons": [
                {
                    "first": c.first,
                    "second": c.second,
                    "first_payoff": s(c.first_payoff),
                    "second_payoff": s(c.second_payoff),
                    "difference": s(c.difference),
                    "second_better": conds(c.second_better),
                    "equal": conds(c.equal),
                    "first_better": conds(c.first_better),
                }
                for c in self.comparisons
            ],
            "deficient": [
                {"equilibrium": a, "worse_than": b, "conditions": conds(c)} for a, b, c in self.deficient
            ],
            "notes": list(self.notes),
        }


# -- helpers ------------------------------------------------------------------------------------

def _tidy(expr) -> sympy.Expr:
    expr = sympy.sympify(expr)
    if expr.is_Rational:
        return expr
    if expr.is_rational_function():
        return sympy.factor(sympy.cancel(expr))
    return expr


class _Ctx:
    """The assumptions of one analysis and the questions asked under them."""

    def __init__(self, assumptions, extra=()):
        from .. import conditions

        self.c = conditions
        self.assumptions = tuple(assumptions) + tuple(extra)

    def also(self, *extra) -> "_Ctx":
        return _Ctx(self.assumptions, extra)

    def all_of(self, relations):
        """Conditions beyond the assumptions under which all hold (``()`` always, ``None`` never)."""
        pending = []
        for rel in relations:
            limits.check("the analysis by counts")
            rel = sympy.sympify(rel)
            if rel is sympy.true:
                continue
            if rel is sympy.false:
                return None
            d = self.c.decide(rel, self.assumptions)
            if d.value is False:
                return None
            if d.value is None:
                pending.extend(x for x in (d.conditions or (rel,)) if x not in pending)
        if not pending:
            return ()
        out = self.c.simplify(tuple(pending), self.assumptions)
        return None if out is None else tuple(out)

    def value(self, rel):
        return self.c.decide(rel, self.assumptions).value

    def settle(self, expr) -> sympy.Expr:
        """``expr`` with every ``Min``/``Max`` whose arguments' order is decided replaced by the
        argument it takes (innermost first)."""
        expr = sympy.sympify(expr)

        def visit(e):
            if not e.args:
                return e
            e = e.func(*[visit(a) for a in e.args]) if e.args else e
            if isinstance(e, (sympy.Min, sympy.Max)):
                args = list(e.args)
                best = args[0]
                for a in args[1:]:
                    rel = sympy.Le(best, a) if isinstance(e, sympy.Min) else sympy.Ge(best, a)
                    v = self.value(rel)
                    if v is True:
                        continue
                    rel2 = sympy.Le(a, best) if isinstance(e, sympy.Min) else sympy.Ge(a, best)
                    if self.value(rel2) is True:
                        best = a
                        continue
                    return e
                return best
            return e

        return visit(expr)


def _readable(positive) -> tuple:
    """``positive > 0`` as ``(small, large)`` meaning ``small < large``, terms collected
    (``(g, d*(N - 1))``)."""
    positive = sympy.expand(positive)
    best = positive
    for sym in sorted(positive.free_symbols, key=str):
        candidate = sympy.collect(positive, sym)
        if (len(sympy.Add.make_args(candidate)), len(str(candidate))) < (len(sympy.Add.make_args(best)), len(str(best))):
            best = candidate
    pos, neg = [], []
    for term in sympy.Add.make_args(best):
        (neg if term.could_extract_minus_sign() else pos).append(term)
    left = sympy.Add(*[-t for t in neg]) if neg else sympy.Integer(0)
    right = sympy.Add(*pos) if pos else sympy.Integer(0)
    return left, right


def _has_minmax(expr) -> bool:
    return expr.has(sympy.Min) or expr.has(sympy.Max)


def _probability_symbol(form: CountForm, assumptions) -> sympy.Symbol:
    taken = {str(s) for s in form.count_symbols} | {str(form.n_symbol)}
    for e in form.payoffs:
        taken |= {str(s) for s in e.free_symbols}
    for a in assumptions:
        taken |= {str(s) for s in a.free_symbols}
    for name in ("p", "q", "x", "z", "prob"):
        if name not in taken:
            return symbol(name)
    raise UsageError("count_equilibria(): no free name for the mixing probability")


def _multinomial(n, parts) -> sympy.Expr:
    out = sympy.factorial(n)
    for k in parts:
        out = out / sympy.factorial(k)
    out = sympy.simplify(sympy.combsimp(out)) if not sympy.sympify(n).is_Integer else out
    return sympy.sympify(out)


def _count_word(n) -> str:
    return str(n) if sympy.sympify(n).is_Integer else f"{n}"


def _pure_label(strategies, counts, n) -> str:
    counts = [sympy.sympify(c) for c in counts]
    used = [(name, c) for name, c in zip(strategies, counts) if c != 0]
    if len(used) == 1:
        return f"all {used[0][0]}"
    return ", ".join(f"{_count_word(c)} {name}" for name, c in used)


# -- the analysis -------------------------------------------------------------------------------

def count_equilibria(form: CountForm, assumptions=(), n=None, *, partial: bool | None = None) -> CountResult:
    """Equilibria of a symmetric N-person game given by counts, exactly.

    Parameters
    ----------
    form : CountForm
        The game by counts (``game.count`` of a game loaded from a ``by_count`` spec).
    assumptions : iterable of sympy relations
        The game's assumptions (``game.assumptions``).
    n : int, optional
        Analyse the instance with ``n`` players (else ``form.count``, a number or a symbol).
    partial : bool, optional
        List the partly mixed classes (some players fixed, the others mixing with one
        probability); default: when ``N`` is a number no larger than :data:`PARTIAL_LIMIT`.

    Returns
    -------
    CountResult

    Raises
    ------
    UsageError
        For a game whose count is not a positive integer or a symbol.
    UnsupportedError
        Never; what cannot be decided is said in ``notes`` and ``complete``.

    Notes
    -----
    See the module docstring: pure stability from the gain function ``f`` (Schelling 1978),
    the symmetric mixed equilibrium from the binomial indifference equation (Diekmann 1985).

    Examples
    --------
    >>> import sympy
    >>> from gametheory.games import CountForm
    >>> from gametheory.expr import symbol
    >>> b, c, N, n_V, n_A = (symbol(x) for x in ("b", "c", "N", "n_Volunteer", "n_Abstain"))
    >>> form = CountForm(("Volunteer", "Abstain"), (b - c, b * sympy.Min(n_V, 1)), (n_V, n_A), N, N, "P")
    >>> result = count_equilibria(form, [N >= 2, b > c, c > 0])
    >>> [e.label for e in result.pure], str(result.mixed[-1].probability)
    (['1 Volunteer, N - 1 Abstain'], '1 - (c/b)**(1/(N - 1))')
    """
    count = form.count if n is None else n
    count = sympy.sympify(count)
    N = form.n_symbol
    assumptions = tuple(assumptions)
    if count.is_Integer:
        if int(count) < 1:
            raise UsageError(f"count_equilibria(): expected a positive number of players, got {count}")
        assumptions = tuple(a for a in (x.xreplace({N: count}) for x in assumptions) if a is not sympy.true)
        if any(a is sympy.false for a in assumptions):
            raise UsageError(f"count_equilibria(): {count} players violate the assumptions")
        payoffs = tuple(sympy.sympify(p).xreplace({N: count}) for p in form.payoffs)
    elif count == N:
        payoffs = tuple(form.payoffs)
        # a game has at least two players (the game layer refuses fewer)
        if not any(N in a.free_symbols for a in assumptions):
            assumptions = assumptions + (N >= 2,)
    else:
        raise UsageError(f"count_equilibria(): expected a number of players or the symbol {N}, got {count}")
    ctx = _Ctx(assumptions)
    psym = _probability_symbol(form, assumptions)
    m = len(form.strategies)
    notes: list[str] = []
    complete = True
    if count.is_Integer:
        pure = _pure_numeric(form, payoffs, int(count), ctx)
    elif m == 2:
        pure, ok = _pure_symbolic(form, payoffs, count, ctx, notes)
        complete &= ok
    else:
        pure = ()
        complete = False
        notes.append(f"pure equilibria of a {m}-strategy game by counts need a numeric {N}")
    mixed: list[MixedCount] = []
    equation = None
    dominant = _dominant(form, payoffs, count, ctx) if m == 2 else None
    if dominant is not None:
        notes.append(f"{form.strategies[dominant]} is strictly dominant: no player ever mixes")
    if m == 2 and dominant is not None:
        equation = _symmetric(form, payoffs, count, ctx, psym, [])[1]
    elif m == 2:
        if count.is_Integer and (partial if partial is not None else int(count) <= PARTIAL_LIMIT):
            part, ok = _partial_numeric(form, payoffs, int(count), ctx, psym, notes)
            mixed.extend(part)
            complete &= ok
        elif count.is_Integer or partial:
            complete = False
            notes.append("partly mixed equilibria (some players fixed, the others mixing) are not listed for "
                         f"N > {PARTIAL_LIMIT}")
        else:
            complete = False
            notes.append("partly mixed equilibria (some players fixed, the others mixing) are listed for a "
                         f"numeric {N} only")
        sym, equation, ok = _symmetric(form, payoffs, count, ctx, psym, notes)
        mixed.extend(sym)
        complete &= ok
    else:
        complete = False
        notes.append(f"mixed equilibria by counts are computed for two strategies only (this game has {m})")
    comparisons, deficient = _comparisons(form, payoffs, count, ctx, pure)
    return CountResult(
        strategies=tuple(form.strategies),
        count=count,
        n_symbol=N,
        pure=tuple(pure),
        mixed=tuple(mixed),
        equation=equation,
        probability_symbol=psym,
        comparisons=comparisons,
        deficient=deficient,
        assumptions=assumptions,
        complete=complete,
        notes=tuple(notes),
    )


def _dominant(form, payoffs, count, ctx: _Ctx) -> int | None:
    """The strictly dominant strategy (two strategies), when ``f`` has one strict sign at every count."""
    if count.is_Integer:
        signs = {ctx.c.sign(ctx.settle(_gain(form, payoffs, count, sympy.Integer(j))), ctx.assumptions)
                 if _gain(form, payoffs, count, sympy.Integer(j)).free_symbols
                 else _num_sign(_gain(form, payoffs, count, sympy.Integer(j)))
                 for j in range(int(count))}
    else:
        j = symbol("j")
        scope = ctx.also(j >= 0, j <= count - 1)
        signs = {ctx.c.sign(scope.settle(_gain(form, payoffs, count, j)), scope.assumptions)}
    if signs == {"+"}:
        return 0
    if signs == {"-"}:
        return 1
    return None


def _payoff(form: CountForm, payoffs, strategy: int, others) -> sympy.Expr:
    values = dict(zip(form.count_symbols, (sympy.sympify(c) for c in others)))
    return payoffs[strategy].xreplace(values)


def _gain(form, payoffs, count, j) -> sympy.Expr:
    """``f(j)``: gain from strategy 0 over 1 when ``j`` others choose 0 (two strategies)."""
    others = (j, count - 1 - j)
    return _payoff(form, payoffs, 0, others) - _payoff(form, payoffs, 1, others)


def _pure_numeric(form, payoffs, n: int, ctx: _Ctx) -> tuple[StableCount, ...]:
    m = len(form.strategies)
    out = []
    for counts in _compositions(n, m):
        limits.check("the pure equilibria by counts")
        relations = []
        pays: list = [None] * m
        for s in range(m):
            if counts[s] == 0:
                continue
            others = tuple(c - (1 if t == s else 0) for t, c in enumerate(counts))
            here = _payoff(form, payoffs, s, others)
            pays[s] = ctx.settle(here)
            for t in range(m):
                if t != s:
                    relations.append(sympy.Ge(here - _payoff(form, payoffs, t, others), 0))
        conds = ctx.all_of(relations)
        if conds is None:
            continue
        out.append(StableCount(
            counts=tuple(sympy.Integer(c) for c in counts),
            label=_pure_label(form.strategies, counts, n),
            profiles=_multinomial(sympy.Integer(n), counts),
            payoffs=tuple(None if p is None else _tidy(p) for p in pays),
            conditions=conds,
        ))
    return tuple(out)


def _compositions(n: int, m: int):
    """Count vectors of ``n`` players over ``m`` strategies, strategy 0's count descending."""
    if m == 1:
        yield (n,)
        return
    for first in range(n, -1, -1):
        for rest in _compositions(n - first, m - 1):
            yield (first,) + rest


def _pure_symbolic(form, payoffs, N, ctx: _Ctx, notes) -> tuple[tuple[StableCount, ...], bool]:
    """Pure classes for a symbolic N (two strategies): the ends one by one, the middle as one."""
    k = symbol("k")
    entries: list[tuple[tuple, StableCount]] = []
    for ends in range(2, MAX_ENDS + 1):
        entries = []
        unsettled = False
        # counts 0 .. ends-1 and N-ends+1 .. N one by one (each a class of its own when N allows),
        # the counts in between as one class with a symbolic k
        cases = [((2, -j), sympy.Integer(j), (N >= j,)) for j in range(ends)]
        cases += [((0, j), N - j, (N - j >= ends,)) for j in range(ends)]
        for order, kk, valid in cases:
            entry, bad = _pure_case(form, payoffs, N, ctx, kk, valid)
            unsettled |= bad
            if entry is not None:
                entries.append((order, entry))
        entry, bad = _pure_case(form, payoffs, N, ctx, k, (N >= 2 * ends,), variable=k,
                                bounds=(sympy.Integer(ends), N - ends))
        unsettled |= bad
        if entry is not None:
            entries.append(((1, 0), entry))
        if not unsettled:
            break
    else:
        notes.append("some min/max of the counts could not be settled for a symbolic N; the pure classes "
                     "listed are exact, but a numeric N gives a complete answer")
    entries.sort(key=lambda item: item[0])
    return tuple(e for _, e in entries), not unsettled


def _pure_case(form, payoffs, N, base: _Ctx, kk, valid, variable=None, bounds=()):
    """The class with ``kk`` players on strategy 0 (a symbolic ``kk`` for the middle class):
    ``(StableCount or None, unsettled)``; ``valid`` are the conditions on N for the case to exist
    as a separate class."""
    scope = base.also(*valid, *((variable >= bounds[0], variable <= bounds[1]) if variable is not None else ()))
    relations = []
    unsettled = False
    pays: list = [None, None]
    for needed, rel_of, s, others in (
        (kk >= 1, lambda g: sympy.Ge(g, 0), 0, (kk - 1, N - kk)),
        (kk <= N - 1, lambda g: sympy.Le(g, 0), 1, (kk, N - kk - 1)),
    ):
        if scope.value(needed) is not True:
            if scope.value(needed) is None:
                unsettled = True
            continue
        g = scope.settle(_gain(form, payoffs, N, others[0]))
        unsettled |= _has_minmax(g)
        relations.append(rel_of(g))
        pays[s] = scope.settle(_payoff(form, payoffs, s, others))
    conds = scope.all_of(relations)
    if conds is None:
        return None, unsettled
    outer = base.also(*((variable >= bounds[0], variable <= bounds[1]) if variable is not None else ()))
    full = outer.all_of(tuple(valid) + tuple(conds))
    if full is None:
        return None, unsettled
    counts = (sympy.sympify(kk), sympy.expand(N - kk))
    if variable is not None:
        label = f"k {form.strategies[0]}, N - k {form.strategies[1]} for {bounds[0]} <= k <= {bounds[1]}"
    else:
        label = _pure_label(form.strategies, counts, N)
    return StableCount(
        counts=counts,
        label=label,
        profiles=sympy.expand_func(sympy.binomial(N, kk)),
        payoffs=tuple(None if p is None else _tidy(p) for p in pays),
        conditions=full,
        variable=variable,
        range=tuple(bounds),
    ), unsettled


# -- mixed classes -------------------------------------------------------------------------------

def _binomial_mean(fn, trials, psym, ctx: _Ctx, jsym):
    """``E fn(J)`` for ``J ~ Binomial(trials, p)``, in closed form: ``fn`` is settled for large
    counts into a polynomial in ``j`` (summed with the falling-factorial moments
    ``E[J^(r)] = trials^(r) p^r``) plus the corrections at the small counts where it differs.

    ``fn(j)`` gives the summand at count ``j`` (a sympy expression). Returns ``None`` when no
    such closed form was found.
    """
    q = 1 - psym
    for low in range(0, MAX_ENDS + 1):
        scope = ctx.also(jsym >= low, jsym <= trials)
        general = scope.settle(fn(jsym))
        if _has_minmax(general):
            continue
        poly = sympy.Poly(sympy.expand(general), jsym) if general.is_polynomial(jsym) else None
        if poly is None:
            return None
        total = _ZERO
        for (m,), coeff in poly.terms():
            moment = sum((sympy.functions.combinatorial.numbers.stirling(m, r) * sympy.ff(trials, r) * psym ** r
                          for r in range(0, m + 1)), _ZERO) if m else _ONE
            total += coeff * moment
        for j in range(low):
            if ctx.value(sympy.Ge(trials, j)) is False:
                continue
            here = ctx.settle(fn(sympy.Integer(j)))
            total += sympy.binomial(trials, j) * psym ** j * q ** (trials - j) * (here - general.xreplace({jsym: j}))
        return total
    return None


def _present(G, psym):
    """The shorter of ``G`` written in ``p`` and in ``1 - p`` (both exact, expanded)."""
    qd = sympy.Dummy("q")
    if G.is_polynomial(psym) and sympy.degree(G, psym) > 8:
        return G
    in_p = sympy.expand(G)
    in_q = sympy.expand(G.xreplace({psym: 1 - qd})).xreplace({qd: 1 - psym})
    if not (in_p.is_polynomial(psym)):
        in_p = sympy.powsimp(G)
    cands = sorted(((sympy.count_ops(e), len(str(e)), str(e), e) for e in (in_p, in_q, G)), key=lambda t: t[:3])
    return cands[0][3]


@dataclass(frozen=True)
class _Root:
    """A root of an indifference equation in (0, 1) and its conditions; ``binomial`` is
    ``(p_of_x, m, ratio, x)`` when it solves ``x**m = ratio`` (``x = 1 - p`` or ``p``)."""

    value: sympy.Expr
    conditions: tuple
    binomial: tuple | None = None

    def at(self, expr, psym, ctx: "_Ctx", tidy: bool = True) -> sympy.Expr:
        """``expr`` (in ``p``) at the root, with powers of ``x`` above ``m`` reduced by
        ``x**m = ratio`` first (so that signs are easy to decide)."""
        if self.binomial is None:
            e = expr.xreplace({psym: self.value})
            return _simplify_payoff(e, ctx) if tidy else sympy.factor(e)
        p_of_x, m, ratio, x = self.binomial
        xd = sympy.Dummy("x", positive=True)
        e = sympy.expand(expr.xreplace({psym: p_of_x(xd)}))
        if m.is_Integer and e.is_polynomial(xd):
            e = sympy.rem(sympy.Poly(e, xd), sympy.Poly(xd ** int(m) - ratio, xd)).as_expr()
        e = sympy.factor(e).xreplace({xd: x})
        return _simplify_payoff(e, ctx) if tidy else e


def _roots(G, psym, ctx: _Ctx):
    """Roots of ``G(p) = 0`` in (0, 1): list of ``(root, conditions)`` and whether the search was
    complete (every root found, no continuum)."""
    qd = sympy.Dummy("q", real=True)
    found: list[tuple[sympy.Expr, tuple]] = []
    # binomial forms  alpha * x**m + beta  with x = 1 - p or x = p: the real root x = (-beta/alpha)**(1/m)
    for x_of_p, p_of_x in ((1 - psym, lambda x: 1 - x), (psym, lambda x: x)):
        Gx = G.xreplace({psym: p_of_x(qd)})
        for form in (Gx, sympy.expand(Gx)):
            beta, rest = form.as_independent(qd, as_Add=True)
            alpha, power = rest.as_independent(qd, as_Add=False)
            if power == qd:
                exponent = _ONE
            elif isinstance(power, sympy.Pow) and power.base == qd and not power.exp.has(qd):
                exponent = power.exp
            else:
                continue
            if alpha == 0 or beta.has(qd) or alpha.has(qd):
                continue
            if ctx.value(sympy.Eq(alpha, 0)) is not False:
                continue
            ratio = _tidy(-beta / alpha)
            # x in (0, 1) exactly when the ratio is; x**m = ratio has one positive root
            conds = ctx.all_of([sympy.Gt(ratio, 0), sympy.Lt(ratio, 1)])
            if conds is None:
                return [], True
            root_x = ratio if exponent == 1 else ratio ** (1 / exponent)
            root = p_of_x(root_x)
            return [_Root(root, conds, (p_of_x, exponent, ratio, root_x))], True
    if not G.is_polynomial(psym):
        G2 = sympy.powsimp(sympy.expand(G))
        try:
            cands = sympy.solve(G2, psym)
        except (NotImplementedError, ValueError):  # pragma: no cover - sympy gives up
            return [], False
        return _verified(G, psym, cands, ctx), False
    poly = sympy.Poly(sympy.expand(G), psym)
    coeffs = poly.all_coeffs()
    if poly.is_zero or all(ctx.value(sympy.Eq(c, 0)) is True for c in coeffs):
        return [], False
    if not poly.free_symbols - {psym}:
        out = []
        for r in sympy.real_roots(poly):
            if _num_sign(r) == "+" and _num_sign(1 - r) == "+":
                out.append((r, ()))
        return [_Root(r, c) for r, c in out], True
    degree = poly.degree()
    if degree <= 0:
        return [], True
    if degree <= 2:
        cands = list(sympy.roots(poly, filter=None).keys())
        out = []
        for r in cands:
            r = _tidy(r)
            rels = [sympy.Gt(r, 0), sympy.Lt(r, 1)]
            if degree == 2:
                a, b_, c_ = coeffs
                rels.append(sympy.Ge(b_ ** 2 - 4 * a * c_, 0))
                rels.append(sympy.Ne(a, 0))
            else:
                rels.append(sympy.Ne(coeffs[0], 0))
            conds = ctx.all_of(rels)
            if conds is not None:
                out.append(_Root(r, conds))
        return out, True
    return [], False


def _verified(G, psym, candidates, ctx: _Ctx):
    from ..conditions import Reasoner

    reasoner = Reasoner(ctx.assumptions)
    out = []
    for r in candidates:
        if r.has(sympy.I):
            continue
        residue = reasoner.tidy(G.xreplace({psym: r}))
        if ctx.value(sympy.Eq(residue, 0)) is not True:
            continue
        conds = ctx.all_of([sympy.Gt(r, 0), sympy.Lt(r, 1)])
        if conds is not None:
            out.append(_Root(r, conds))
    return out


def _num_sign(x) -> str:
    from ..conditions import number_sign

    return number_sign(x)


def _symmetric(form, payoffs, count, ctx: _Ctx, psym, notes):
    """The symmetric mixed equilibria (everyone mixes with one probability)."""
    jsym = symbol("j")
    trials = count - 1
    f = lambda j: _gain(form, payoffs, count, j)  # noqa: E731
    G = _binomial_mean(f, trials, psym, ctx.also(count >= 2) if not count.is_Integer else ctx, jsym)
    if G is None and count.is_Integer:
        G = sum((sympy.binomial(trials, j) * psym ** j * (1 - psym) ** (trials - j) * ctx.settle(f(sympy.Integer(j)))
                 for j in range(int(trials) + 1)), _ZERO)
    if G is None:
        notes.append("the symmetric mixed equilibrium needs a numeric N here (the payoffs are not "
                     "polynomial in the counts)")
        return [], None, False
    G = _present(G, psym)
    if count.is_Integer and int(count) == 1:
        return [], None, True
    roots, ok = _roots(G, psym, ctx)
    if not ok:
        notes.append("the symmetric indifference equation was not solved completely (or it holds for every "
                     "probability at some parameter values: a continuum)")
    out = []
    for root in roots:
        r, conds = root.value, root.conditions
        payoff = _mixer_payoff(form, payoffs, count, ctx, psym, jsym, sympy.Integer(0), trials)
        payoff = root.at(ctx.settle(payoff), psym, ctx) if payoff is not None else sympy.nan
        out.append(MixedCount(
            fixed=(_ZERO, _ZERO),
            mixers=count,
            probability=r,
            equation=G,
            payoff=payoff,
            label=f"all mix: {form.strategies[0]} with probability {r}",
            profiles=_ONE,
            conditions=conds,
            symmetric=True,
        ))
    return out, G, ok


def _simplify_payoff(payoff, ctx):
    if payoff is None:
        return sympy.nan
    from ..conditions import Reasoner

    return Reasoner(ctx.assumptions).tidy(payoff)


def _mixer_payoff(form, payoffs, count, ctx, psym, jsym, k0, trials):
    """A mixer's expected payoff from strategy 0 when ``k0`` others are fixed on 0 and ``trials``
    others mix."""
    u0 = lambda j: _payoff(form, payoffs, 0, (k0 + j, count - 1 - k0 - j))  # noqa: E731
    mean = _binomial_mean(u0, trials, psym, ctx, jsym or symbol("j"))
    if mean is None and sympy.sympify(trials).is_Integer:
        mean = sum((sympy.binomial(trials, j) * psym ** j * (1 - psym) ** (trials - j) * u0(sympy.Integer(j))
                    for j in range(int(trials) + 1)), _ZERO)
    return mean


def _partial_numeric(form, payoffs, n: int, ctx: _Ctx, psym, notes):
    """Partly mixed classes ``(k0, k1, r)`` with ``2 <= r < n`` mixers (numeric N)."""
    out = []
    complete = True
    f = lambda j: ctx.settle(_gain(form, payoffs, sympy.Integer(n), sympy.Integer(j)))  # noqa: E731
    q = 1 - psym
    for r in range(n - 1, 1, -1):
        for k0 in range(n - r, -1, -1):
            limits.check("the mixed equilibria by counts")
            k1 = n - r - k0
            G = sum((sympy.binomial(r - 1, j) * psym ** j * q ** (r - 1 - j) * f(k0 + j) for j in range(r)), _ZERO)
            G = _present(G, psym)
            roots, ok = _roots(G, psym, ctx)
            if not ok:
                complete = False
            for found in roots:
                root = found.value
                rels = list(found.conditions)
                if k0:
                    mean = sum((sympy.binomial(r, j) * psym ** j * q ** (r - j) * f(k0 - 1 + j)
                                for j in range(r + 1)), _ZERO)
                    rels.append(sympy.Ge(found.at(mean, psym, ctx, tidy=False), 0))
                if k1:
                    mean = sum((sympy.binomial(r, j) * psym ** j * q ** (r - j) * f(k0 + j)
                                for j in range(r + 1)), _ZERO)
                    rels.append(sympy.Le(found.at(mean, psym, ctx, tidy=False), 0))
                all_conds = ctx.all_of(rels)
                if all_conds is None:
                    continue
                payoff = _mixer_payoff(form, payoffs, sympy.Integer(n), ctx, psym, None, sympy.Integer(k0), r - 1)
                payoff = found.at(ctx.settle(payoff), psym, ctx)
                parts = []
                if k0:
                    parts.append(f"{k0} {form.strategies[0]}")
                if k1:
                    parts.append(f"{k1} {form.strategies[1]}")
                parts.append(f"{r} mix ({form.strategies[0]} with probability {root})")
                out.append(MixedCount(
                    fixed=(sympy.Integer(k0), sympy.Integer(k1)),
                    mixers=sympy.Integer(r),
                    probability=root,
                    equation=G,
                    payoff=payoff,
                    label=", ".join(parts),
                    profiles=_multinomial(sympy.Integer(n), (k0, k1, r)),
                    conditions=all_conds,
                    symmetric=False,
                ))
    if not complete:
        notes.append("some partly mixed indifference equations were not solved completely")
    return out, complete


# -- comparisons ----------------------------------------------------------------------------------

def _comparisons(form, payoffs, count, ctx: _Ctx, pure):
    """Pareto comparisons of the uniform profiles (everyone on one strategy)."""
    m = len(form.strategies)
    uniform = []
    for s in range(m):
        others = tuple(count - 1 if t == s else 0 for t in range(m))
        uniform.append(_tidy(ctx.settle(_payoff(form, payoffs, s, others))))
    out = []
    for a, b in itertools.combinations(range(m), 2):
        diff = _tidy(uniform[b] - uniform[a])
        pos, zero, neg = ctx.c.sign_regions(diff, ctx.assumptions) if diff.free_symbols else _num_regions(diff)
        out.append(CountComparison(
            first=f"all {form.strategies[a]}",
            second=f"all {form.strategies[b]}",
            first_payoff=uniform[a],
            second_payoff=uniform[b],
            difference=diff,
            second_better=pos,
            equal=zero,
            first_better=neg,
        ))
    deficient = []
    stable_uniform = {}
    for e in pure:
        if e.variable is not None:
            continue
        used = [s for s, c in enumerate(e.counts) if sympy.sympify(c) != 0]
        if len(used) == 1 and sympy.expand(e.counts[used[0]] - count) == 0:
            stable_uniform[used[0]] = e
    for comp, (a, b) in zip(out, itertools.combinations(range(m), 2)):
        for stable, better, conds in ((a, b, comp.second_better), (b, a, comp.first_better)):
            if stable in stable_uniform and conds is not None:
                both = ctx.all_of(tuple(stable_uniform[stable].conditions) + tuple(conds))
                if both is not None:
                    deficient.append((f"all {form.strategies[stable]}", f"all {form.strategies[better]}", both))
    return tuple(out), tuple(deficient)


def _num_regions(diff):
    s = _num_sign(diff)
    return ((), None, None) if s == "+" else (None, (), None) if s == "0" else (None, None, ())


def indifference(form: CountForm, assumptions=(), n=None) -> sympy.Expr | None:
    """The symmetric indifference expression ``G(p)`` (``G(p) = 0`` at a symmetric mixed
    equilibrium) of a two-strategy game by counts; see :func:`count_equilibria`."""
    return count_equilibria(form, assumptions, n, partial=False).equation
