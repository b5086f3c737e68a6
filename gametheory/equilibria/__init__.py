"""The solvers: Nash equilibria (pure, mixed, symbolic), dominance, and the exact checker.

Conventions
-----------
* Games, profiles and indices follow :mod:`gametheory.games`; results are the frozen dataclasses
  of :mod:`gametheory.equilibria.result`.
* Every reported equilibrium is exact. ``Equilibrium.conditions`` are the conditions on the
  parameters, beyond the game's assumptions, under which the entry is an equilibrium (``()``:
  whenever the assumptions hold); entries whose conditions contradict the assumptions are not
  reported. Payoffs and probabilities are in the canonical form of
  :meth:`gametheory.equilibria.check.Reasoner.tidy`.
* Order: pure equilibria first, in lexicographic profile order; then mixed ones by total support
  size, then by supports, then by probabilities. ``Equilibrium.component`` numbers the connected
  components of the equilibrium set in that order of first appearance.

Methods of :func:`equilibria`
-----------------------------
``"auto"``
    Two players, rational payoffs: every extreme equilibrium by vertex enumeration
    (:func:`gametheory.equilibria.bimatrix.extreme_equilibria`), each verified again here with
    :func:`regret`. Two players otherwise (symbolic or irrational payoffs): pure equilibria with
    conditions, then support enumeration (:mod:`gametheory.equilibria.support`). Three or more
    players: pure equilibria with conditions, then polynomial systems for the mixed ones when the
    game is small enough (:mod:`gametheory.equilibria.polynomial`); a larger game gets its pure
    equilibria only, with ``complete=False`` and a note.
``"pure"``
    Pure equilibria only (``complete`` refers to the pure ones).
``"support"``
    Two players: pure equilibria and support enumeration, also for numeric games.
``"vertex"``
    Two players, rational payoffs: vertex enumeration only.
``"polynomial"``
    Pure equilibria and polynomial systems, for any number of players; a game too large for it
    raises :class:`~gametheory.errors.UnsupportedError`.
``"logit"``
    One equilibrium of a numeric game, found along the logit quantal response path and refined to
    an exact, verified one (:mod:`gametheory.equilibria.logit`); ``complete`` is ``False``.
"""

from __future__ import annotations

import functools

import sympy

from ..errors import AnalysisError, UsageError
from ..games import Game, Profile
from . import polynomial, support
from ..conditions import Reasoner
from .check import (
    _game,
    is_equilibrium,
    payoffs_at,
    rational_payoffs,
    regret,
    support_key,
    time_limit,
)
from .dominance import dominance
from .pure import find_pure, pure_equilibria
from .result import DominanceResult, Elimination, Equilibrium, EquilibriumSet

__all__ = [
    "equilibria",
    "pure_equilibria",
    "dominance",
    "regret",
    "is_equilibrium",
    "Equilibrium",
    "EquilibriumSet",
    "Elimination",
    "DominanceResult",
    "METHODS",
]

#: The values of ``method`` that :func:`equilibria` accepts.
METHODS = ("auto", "pure", "support", "vertex", "polynomial", "logit")


def equilibria(game: Game, *, method: str = "auto", timeout: float | None = None) -> EquilibriumSet:
    """Every Nash equilibrium of ``game`` that the method can find, exactly, with conditions.

    Parameters
    ----------
    game : Game
        Numeric or symbolic, any number of players (a
        :class:`~gametheory.games.BayesianGame` is solved through its Harsanyi normal form).
    method : {"auto", "pure", "support", "vertex", "polynomial"}
        See the module docstring.
    timeout : float, optional
        Bound in seconds on the work (:func:`gametheory.limits.deadline`); without it an
        enclosing deadline, if any, applies.

    Returns
    -------
    EquilibriumSet
        ``complete`` tells whether every (extreme) equilibrium is guaranteed to be listed;
        ``notes`` say what was not examined.

    Raises
    ------
    UsageError
        For an unknown method, or one that does not fit the game.
    UnsupportedError
        For ``method="polynomial"`` on a game too large for it.
    TimeLimitError
        When the time limit is reached.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pennies = Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> [[list(map(str, row)) for row in e.profile.probabilities] for e in equilibria(pennies)]
    [[['1/2', '1/2'], ['1/2', '1/2']]]
    """
    if method not in METHODS:
        raise UsageError(f"equilibria(): unknown method {method!r}; expected one of {', '.join(METHODS)}")
    game = _game(game)
    rational = rational_payoffs(game)
    two = game.n_players == 2
    if method in ("support", "vertex") and not two:
        raise UsageError(f"equilibria(): method {method!r} needs a two-player game, got {game.n_players} players")
    if method == "vertex" and not rational:
        raise UsageError("equilibria(): method 'vertex' needs rational payoffs; use 'support' for symbolic games")
    if method == "logit":
        from .logit import logit_equilibrium

        with time_limit(timeout):
            return logit_equilibrium(game)
    if method == "auto":
        method = ("vertex" if rational else "support") if two else "polynomial-auto"
    with time_limit(timeout):
        reasoner = Reasoner(game.assumptions)
        if method == "vertex":
            return _vertex(game, reasoner)
        if method != "pure":
            reduced = _reduce(game)
            if reduced is not None:
                small = reduced[0]
                if all(n == 1 for n in small.shape):
                    inner = equilibria(small, method="pure")
                    inner = EquilibriumSet(game=small, equilibria=inner.equilibria, method="iterated elimination of "
                                           "strictly dominated strategies", exact=True, complete=True)
                else:
                    inner = equilibria(small, method=method if method != "polynomial-auto" else "auto")
                return _lift(game, inner, reduced[1])
        pure = list(find_pure(game, reasoner))
        if method == "pure":
            return EquilibriumSet(game=game, equilibria=tuple(pure), method="pure enumeration",
                                  exact=True, complete=True,
                                  notes=("pure equilibria only",))
        if method == "support":
            mixed, singular = support.mixed_equilibria(game, reasoner)
            # in a nondegenerate game every equilibrium has supports of equal size whose
            # indifference systems have unique solutions (von Stengel 2007, Thm 3.4)
            complete = support.nondegenerate(game, reasoner)
            notes = []
            if not complete:
                notes.append(
                    "the game may be degenerate at some parameter values (ties); there, equilibria "
                    "with supports of unequal size (continua) are not listed"
                )
                if singular:
                    notes.append(
                        f"{singular} support pair(s) with a singular indifference system (no solution "
                        "or a continuum) were skipped"
                    )
            return _assemble(game, pure, mixed, "pure enumeration and support enumeration", complete, notes)
        why = polynomial.check_size(game)
        if why is not None:
            if method == "polynomial":
                raise polynomial.unsupported(game, why)
            return _assemble(game, pure, [], "pure enumeration", False, [
                f"mixed equilibria were not computed: the game has too many support profiles to enumerate ({why})"
            ])
        mixed, notes, complete = polynomial.mixed_equilibria(game, reasoner)
        # the extreme points of a continuum share its component number (a pure one is listed once,
        # among the pure equilibria); every other entry is a component alone
        extreme = {e.profile: e.component for e in mixed if e.component}
        mixed = [e for e in mixed if not (e.profile.is_pure and any(p.profile == e.profile for p in pure))]
        components = {id(e): ("continuum", extreme[e.profile]) if e.profile in extreme else ("alone", id(e))
                      for e in pure + mixed}
        return _assemble(game, pure, mixed, "pure enumeration and polynomial systems", complete, notes, components)


def _assemble(game, pure, mixed, method, complete, notes, components=None) -> EquilibriumSet:
    """Order the entries (pure, then mixed by support) and number components by first appearance."""
    entries = list(pure) + sorted(mixed, key=lambda e: support_key(e.profile))
    renumber: dict = {}
    out = []
    for k, e in enumerate(entries):
        key = components[id(e)] if components is not None else k
        renumber.setdefault(key, len(renumber))
        out.append(Equilibrium(profile=e.profile, payoffs=e.payoffs, conditions=e.conditions,
                               component=renumber[key], method=e.method))
    return EquilibriumSet(game=game, equilibria=tuple(out), method=method, exact=True, complete=complete,
                          notes=tuple(notes))


def _vertex(game: Game, reasoner: Reasoner) -> EquilibriumSet:
    from . import _numeric, bimatrix

    tab = _numeric.table(game)  # the payoffs as ints and Fractions (rational payoffs here)
    m, n = game.shape
    A = [[tab[0][(i, j)] for j in range(n)] for i in range(m)]
    B = [[tab[1][(i, j)] for j in range(n)] for i in range(m)]
    result = bimatrix.extreme_equilibria(A, B)
    pure, mixed, components = [], [], {}
    for e in result.equilibria:
        profile = Profile((tuple(sympy.Rational(p.numerator, p.denominator) for p in e.row),
                           tuple(sympy.Rational(p.numerator, p.denominator) for p in e.col)))
        probs = [list(e.row), list(e.col)]
        if _numeric.regret(tab, probs, (m, n)) != 0:  # a bimatrix bug: never report an unverified profile
            raise AnalysisError(f"internal error: vertex enumeration returned a non-equilibrium {profile}")
        entry = Equilibrium(profile=profile, payoffs=tuple(_numeric.to_sympy(_numeric.expected(tab, probs, i))
                                                           for i in range(2)),
                            method=bimatrix.METHOD)
        components[id(entry)] = e.component
        (pure if profile.is_pure else mixed).append(entry)
    pure.sort(key=lambda e: e.profile.pure_indices)
    notes = []
    if result.degenerate:
        notes.append("the game is degenerate: a component with more than one extreme equilibrium also "
                     "holds the convex combinations of the extreme equilibria of each of its maximal "
                     "Nash subsets")
    return _assemble(game, pure, mixed, bimatrix.METHOD, True, notes, components)


@functools.lru_cache(maxsize=64)
def strict_dominance(game: Game) -> DominanceResult:
    """:func:`dominance` with ``strict=True``, remembered for the last games asked about
    (``solve`` reports it and also uses it to reduce the game before searching)."""
    return dominance(game, strict=True)


def _reduce(game: Game):
    """The game left after iterated elimination of strictly dominated strategies, with the
    indices kept for each player; ``None`` when nothing is dominated.

    Strictly dominated strategies are never played in a Nash equilibrium, so the equilibria of
    the reduced game, with probability 0 on the eliminated strategies, are exactly those of the
    original (e.g. Osborne and Rubinstein 1994, section 4.2). Only eliminations that hold
    whenever the assumptions do are used.
    """
    full = tuple(tuple(range(n)) for n in game.shape)
    base = _interim_undominated(game) if game.bayesian is not None else None
    base = base or full
    work = _restrict(game, base) if base != full else game
    result = strict_dominance(work)
    final = tuple(tuple(b[j] for j in s) for b, s in zip(base, result.surviving))
    if final == full:
        return None
    return _restrict(game, final), final


def _restrict(game: Game, kept) -> Game:
    """The game in which player ``i`` keeps only its strategies ``kept[i]``."""
    import itertools
    from dataclasses import replace

    from sympy import ImmutableDenseNDimArray

    shape = tuple(len(k) for k in kept)
    payoffs = []
    for arr in game.payoffs:
        values = [arr[tuple(kept[i][j] for i, j in enumerate(idx))]
                  for idx in itertools.product(*(range(n) for n in shape))]
        payoffs.append(ImmutableDenseNDimArray(values, shape))
    strategies = tuple(tuple(game.strategies[i][j] for j in k) for i, k in enumerate(kept))
    return replace(game, strategies=strategies, payoffs=tuple(payoffs), bayesian=None, plans=(), count=None)


def _interim_undominated(game: Game):
    """For the Harsanyi normal form of a Bayesian game: the plans that use no action strictly
    dominated for its type (against every action of the others, in every type profile that
    has that type). Such a plan is strictly dominated in the normal form when every type has
    positive prior probability, so no Bayesian Nash equilibrium uses it. ``None`` when no plan
    goes."""
    import itertools

    from .. import conditions

    bayes = game.bayesian
    removed_any = False
    kept = []
    for i in range(game.n_players):
        if not bayes.types[i]:
            kept.append(tuple(range(len(game.strategies[i]))))
            continue
        typed = bayes.typed_players
        position = typed.index(i)
        dominated = set()
        for t in range(len(bayes.types[i])):
            tables = [arrays[i] for key, arrays in bayes.tables if key[position] == t]
            actions = range(len(bayes.actions[i]))
            for a, b in itertools.permutations(actions, 2):
                if (t, a) in dominated:
                    continue
                ok = True
                for arr in tables:
                    for others in itertools.product(*(range(len(bayes.actions[j])) if j != i else [None]
                                                      for j in range(game.n_players))):
                        low = tuple(a if j == i else others[j] for j in range(game.n_players))
                        high = tuple(b if j == i else others[j] for j in range(game.n_players))
                        if conditions.decide(sympy.StrictGreaterThan(arr[high] - arr[low], 0),
                                             game.assumptions).value is not True:
                            ok = False
                            break
                    if not ok:
                        break
                if ok:
                    dominated.add((t, a))
        priors_positive = all(conditions.decide(sympy.StrictGreaterThan(prior, 0), game.assumptions).value is True
                              for _, prior in bayes.types[i])
        if not priors_positive:
            dominated = set()
        keep = tuple(k for k, plan in enumerate(game.plans[i])
                     if not any((t, a) in dominated for t, a in enumerate(plan)))
        removed_any |= len(keep) < len(game.plans[i])
        kept.append(keep)
    return tuple(kept) if removed_any else None


def _lift(game: Game, result: EquilibriumSet, kept) -> EquilibriumSet:
    """Equilibria of the reduced game as profiles of the original one."""
    zero = sympy.Integer(0)
    out = []
    for e in result.equilibria:
        probabilities = []
        for i, k in enumerate(kept):
            row = [zero] * len(game.strategies[i])
            for j, p in zip(k, e.profile.probabilities[i]):
                row[j] = p
            probabilities.append(tuple(row))
        out.append(Equilibrium(profile=Profile(tuple(probabilities)), payoffs=e.payoffs, conditions=e.conditions,
                               component=e.component, method=e.method))
    removed = sum(len(s) - len(k) for s, k in zip(game.strategies, kept))
    note = (f"{removed} strictly dominated strateg{'y' if removed == 1 else 'ies'} removed first "
            "(iterated elimination); the equilibria are those of the reduced game")
    return EquilibriumSet(game=game, equilibria=tuple(out), method=result.method, exact=result.exact,
                          complete=result.complete, notes=(note,) + tuple(result.notes))
