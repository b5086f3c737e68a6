"""Is the game a dilemma? Verdicts of two kinds, symbolic, with the exact parameter conditions.

Conventions
-----------
* A game is a **dilemma** (``is_dilemma``) when some pure equilibrium is Pareto-deficient, or
  every equilibrium is (``deficient_equilibrium``), or the game is a social dilemma
  (``social_dilemma``). A Pareto-deficient mixed equilibrium of a game whose pure equilibria are
  efficient (pure coordination, Schelling's meeting place, the Battle of the Sexes, Chicken's
  mixed equilibrium) is reported (``deficient_mixed_equilibrium``) but makes no dilemma: the
  players' problem there is coordination, not a conflict between individual and collective
  interest.
* ``deficient_equilibrium`` (Rapoport and Guyer 1966): an equilibrium is *Pareto-deficient* when
  an outcome Pareto-dominates it, giving every player at least as much and some player more
  (:func:`gametheory.analysis.pareto.deficiency`). An equilibrium counts where its own
  conditions hold. The kind holds where a pure equilibrium is deficient, or where every
  equilibrium is (a game whose only equilibrium is mixed and deficient, such as the inspection
  game).
* ``social_dilemma`` (Macy and Flache 2002, PNAS 99 suppl. 3): for a symmetric 2x2 game (the
  column player's payoffs are the transpose of the row player's), with ``R`` the payoff of mutual
  cooperation, ``S`` of cooperating against defection, ``T`` of defecting against cooperation and
  ``P`` of mutual defection: ``R > P``, ``R > S``, ``2R > T + S``, and at least one of the
  motives *greed* (``T > R``) and *fear* (``P > S``). Which strategy is cooperation is not taken
  from its name: it is the strategy whose mutual play is the better symmetric outcome
  (``R > P``), decided with the conditions engine for both labellings.
* ``deficient_mixed_equilibrium``: some mixed equilibrium is Pareto-deficient (reported in
  ``details``; not one of :data:`KINDS`, never in ``kinds``).
* A *knife edge* is a case where one of the strict inequalities of Macy and Flache holds with
  equality while the others hold. It is reported as such and never rounded into a verdict: the
  social-dilemma test is then neither met nor failed.
* ``is_dilemma`` is ``True`` when a kind holds wherever the assumptions do, ``False`` when none
  holds anywhere, else ``None`` with ``conditions`` (beyond the assumptions) under which the
  game is a dilemma. The parameter space is split where signs depend on the parameters
  (:func:`gametheory.analysis.pareto.cases`); ``regions`` lists the parts. ``kinds`` lists a
  kind only where its verdict in ``details`` holds somewhere (``True``, or ``None`` with the
  conditions under which it holds).
* Every clause of the explanation says the conditions under which it holds, unless it holds
  wherever the assumptions do (or exactly where the game is a dilemma, which the sentence
  begins with).

References
----------
A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games", *General Systems* 11:203-214, 1966.
M. W. Macy and A. Flache, "Learning dynamics in social dilemmas", *PNAS* 99(suppl. 3):
7229-7236, 2002.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions
from ..expr import symbol
from ..games import Game
from ..conditions import Region, Signs, Undecided, merge, union_conditions
from . import _numeric
from .pareto import cases, pareto_dominates

__all__ = [
    "KINDS",
    "KIND_EXPLANATIONS",
    "KnifeEdge",
    "KindVerdict",
    "REPORTED",
    "DilemmaRegion",
    "DilemmaVerdict",
    "dilemma",
    "symmetric_2x2",
]

#: The kinds of dilemma (each makes the game a dilemma), in the order they are reported.
KINDS = ("deficient_equilibrium", "social_dilemma")

#: Kinds that are reported in ``details`` (and the JSON ``by_kind``) but make no dilemma.
REPORTED = ("deficient_mixed_equilibrium",)

#: One sentence per kind, for glossaries and help texts.
KIND_EXPLANATIONS = {
    "deficient_equilibrium": (
        "A pure equilibrium, or every equilibrium, is Pareto-deficient: some outcome gives every "
        "player at least as much and some player more (Rapoport and Guyer 1966)."
    ),
    "social_dilemma": (
        "A symmetric 2x2 game with R > P, R > S and 2R > T + S, driven by greed (T > R) and/or "
        "fear (P > S) (Macy and Flache 2002)."
    ),
    "deficient_mixed_equilibrium": (
        "A mixed equilibrium is Pareto-deficient; reported, but no dilemma where the pure "
        "equilibria are Pareto-efficient."
    ),
}

_LETTERS = {name: symbol(name) for name in ("R", "S", "T", "P")}
_R, _S, _T, _P = (_LETTERS[k] for k in ("R", "S", "T", "P"))

#: The strict inequalities of Macy and Flache: (name, edge name, letter relation of the edge).
_REQUIRED = (
    ("R > P", "R = P", sympy.Eq(_R, _P)),
    ("R > S", "R = S", sympy.Eq(_R, _S)),
    ("2R > T + S", "2R = T + S", sympy.Eq(2 * _R, _S + _T)),
)
_MOTIVES = (
    ("greed", "T > R", "T = R", sympy.Eq(_T, _R)),
    ("fear", "P > S", "P = S", sympy.Eq(_P, _S)),
)
_EDGE_RELATION = {edge: rel for _, edge, rel in _REQUIRED} | {edge: rel for _, _, edge, rel in _MOTIVES}


@dataclass(frozen=True)
class KnifeEdge:
    """A knife edge of the social-dilemma test.

    ``edges`` are the equalities (``"2R = T + S"``) that hold where the test's strict
    inequality is required; ``relation`` is that equality in the letters R, S, T, P;
    ``conditions`` are the parameter conditions (beyond the assumptions) under which the game
    is on the edge, ``()`` when it always is; ``detail`` the edge in the game's payoffs.
    """

    edges: tuple[str, ...]
    relation: sympy.Basic
    conditions: tuple
    detail: str


@dataclass(frozen=True)
class KindVerdict:
    """Whether one kind of dilemma holds: ``value`` ``True``/``False``/``None`` (then
    ``conditions`` says when). ``applies`` is False for a social dilemma in a game that is not
    a symmetric 2x2 game. ``motives`` for a social dilemma."""

    kind: str
    applies: bool
    value: bool | None
    conditions: tuple = ()
    motives: tuple[str, ...] = ()


@dataclass(frozen=True)
class DilemmaRegion:
    """One region of the parameter space and the verdict there (``is_dilemma`` ``None`` on a
    knife edge where no other kind holds)."""

    conditions: tuple
    is_dilemma: bool | None
    kinds: tuple[str, ...]
    motives: tuple[str, ...]


@dataclass(frozen=True)
class DilemmaVerdict:
    """The dilemma verdict of a game (CLI.md, ``dilemma``).

    Attributes
    ----------
    is_dilemma : bool or None
        ``None`` when it depends on the parameters (``conditions`` says when it is a dilemma)
        or the game sits on a knife edge with no other kind holding.
    kinds : tuple of str
        The kinds of :data:`KINDS` that hold for some parameter values (their verdict in
        ``details`` is ``True``, or ``None`` with conditions), in the order of :data:`KINDS`.
    motives : tuple of str
        ``"greed"`` and/or ``"fear"`` where the game is a social dilemma.
    conditions : tuple
        When ``is_dilemma`` is ``None``: under which conditions, beyond the assumptions, the
        game is a dilemma (a conjunction, or one ``Or``).
    knife_edges : tuple of sympy relations
        Where the social-dilemma test sits on a knife edge: the parameter conditions of the
        edge, or, when the game is on it for all parameter values, the equality in the letters
        R, S, T, P (``Eq(2*R, S + T)``). :attr:`knife_details` has the full story.
    explanation : str
        One sentence with the game's own strategies and payoffs.
    regions : tuple of DilemmaRegion
        The parts of the parameter space the analysis distinguished.
    details : tuple of KindVerdict
        One per kind of :data:`KINDS`, then one per kind of :data:`REPORTED`.
    deficient : tuple
        ``(equilibrium index, value, conditions, dominating outcomes)`` for each equilibrium;
        ``conditions`` are beyond the assumptions and the equilibrium's own conditions.
    knife_details : tuple of KnifeEdge
    cooperate : int or None
        For a social-dilemma analysis, the index of the strategy that plays the role of
        cooperation where it is fixed (``None`` if it varies or does not apply).
    notes : tuple of str
        What could not be decided, if anything.
    """

    is_dilemma: bool | None
    kinds: tuple[str, ...]
    motives: tuple[str, ...]
    conditions: tuple
    knife_edges: tuple
    explanation: str
    regions: tuple[DilemmaRegion, ...] = ()
    details: tuple[KindVerdict, ...] = ()
    deficient: tuple = ()
    knife_details: tuple[KnifeEdge, ...] = ()
    cooperate: int | None = None
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# The social-dilemma test inside one region
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Social:
    status: str                  # "yes", "no", "knife"
    motives: tuple[str, ...]
    cooperate: int               # index of the strategy playing cooperation
    edges: tuple[str, ...]       # knife edges
    reason: str                  # which test failed ("R > S", "2R > T + S", "motive")


def _letters(cells, cooperate: int):
    a00, a01, a10, a11 = cells
    if cooperate == 0:
        return a00, a01, a10, a11
    return a11, a10, a01, a00


def _identically_zero(signs: Signs, e) -> bool:
    """Is ``e`` zero at every parameter point the assumptions allow (not just in this region)?"""
    return conditions.sign(sympy.sympify(e), signs.assumptions) == "0"


def _macy_flache(signs: Signs, cells, cooperate: int) -> _Social:
    R, S, T, P = _letters(cells, cooperate)
    values = {"R > P": R - P, "R > S": R - S, "2R > T + S": 2 * R - T - S}
    edges = []
    for name, edge, _ in _REQUIRED:
        s = signs.sign(values[name])
        if s == "-" or (s == "0" and _identically_zero(signs, values[name])):
            # An equality that holds for every admissible parameter value is no knife edge:
            # the strict inequality simply fails (a numeric tie, or e.g. 2R = T + S in hawk-dove).
            return _Social("no", (), cooperate, (), name)
        if s == "0":
            edges.append(edge)
    motives, motive_edges = [], []
    for motive, _, edge, _ in _MOTIVES:
        e = T - R if motive == "greed" else P - S
        s = signs.sign(e)
        if s == "+":
            motives.append(motive)
        elif s == "0" and not _identically_zero(signs, e):
            motive_edges.append(edge)
    if not motives:
        if not motive_edges:
            return _Social("no", (), cooperate, (), "motive")
        return _Social("knife", (), cooperate, tuple(edges + motive_edges), "")
    if edges:
        return _Social("knife", tuple(motives), cooperate, tuple(edges), "")
    return _Social("yes", tuple(motives), cooperate, (), "")


_RANK = {"yes": 2, "knife": 1, "no": 0}


def _social(signs: Signs, cells) -> _Social:
    a00, _, _, a11 = cells
    s = signs.sign(a00 - a11)
    labellings = (0,) if s == "+" else (1,) if s == "-" else (0, 1)
    results = [_macy_flache(signs, cells, lab) for lab in labellings]
    return max(results, key=lambda r: _RANK[r.status])


def symmetric_2x2(game: Game, assumptions=None) -> bool:
    """Is ``game`` a two-player 2x2 game whose column payoffs are the transpose of the row
    payoffs, for all parameter values allowed by the assumptions?"""
    if game.n_players != 2 or game.shape != (2, 2):
        return False
    base = tuple(game.assumptions if assumptions is None else assumptions)
    A, B = game.matrices()
    for i in range(2):
        for j in range(2):
            if conditions.sign(sympy.sympify(B[i][j] - A[j][i]), base) != "0":
                return False
    return True


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def _t(e) -> str:
    return conditions.to_str(sympy.sympify(e))


def _rel_text(c) -> str:
    return conditions.describe(c)


def _conds_text(conds) -> str:
    return " and ".join(_rel_text(c) for c in conds)


def _same(a, b, context) -> bool:
    return conditions.sign(sympy.sympify(a) - sympy.sympify(b), context) == "0"


def _pays(game: Game, values, context) -> str:
    values = [sympy.sympify(v) for v in values]
    if all(_same(v, values[0], context) for v in values[1:]):
        return f"{_t(values[0])} to each"
    parts = [f"{_t(v)} to {p}" for v, p in zip(values, game.players)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _pays_more(game: Game, better, worse, context) -> str:
    """``3 > 1 to each``, or per player ``3 > 1 to A and as much (2) to B``."""
    better = [sympy.sympify(v) for v in better]
    worse = [sympy.sympify(v) for v in worse]
    equal = [_same(b, w, context) for b, w in zip(better, worse)]
    if (not any(equal) and all(_same(v, better[0], context) for v in better[1:])
            and all(_same(v, worse[0], context) for v in worse[1:])):
        return f"{_t(better[0])} > {_t(worse[0])} to each"
    parts = [f"as much ({_t(w)}) to {p}" if eq else f"{_t(b)} > {_t(w)} to {p}"
             for b, w, eq, p in zip(better, worse, equal, game.players)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _cell(game: Game, profile) -> str:
    return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(profile)) + ")"


def _mix_text(game: Game, profile) -> str:
    """``each player plays Hawk with probability V/C`` or per-player mixtures."""
    per_player = []
    for i, probs in enumerate(profile.probabilities):
        support = [(game.strategies[i][k], p) for k, p in enumerate(probs) if p != 0]
        if len(support) == 1:
            per_player.append(support[0][0])
        elif len(support) == 2:
            name, p = min(support, key=lambda sp_: (len(_t(sp_[1])), _t(sp_[1])))
            per_player.append(f"{name} with probability {_t(p)}")
        else:
            per_player.append(", ".join(f"{n} with probability {_t(p)}" for n, p in support))
    if len(set(per_player)) == 1 and len(set(game.strategies)) == 1:
        return f"each player plays {per_player[0]}"
    parts = [f"{game.players[i]} plays {text}" for i, text in enumerate(per_player)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _eq_text(game: Game, eqs, k: int) -> str:
    eq = eqs[k]
    if eq.profile.is_pure:
        prefix = "the only equilibrium" if len(eqs) == 1 else "the equilibrium"
        return f"{prefix} {_cell(game, eq.profile.pure_indices)}"
    prefix = "the only equilibrium, mixed," if len(eqs) == 1 else "the mixed equilibrium"
    return f"{prefix} in which {_mix_text(game, eq.profile)}"


def _lv(letter: str, value) -> str:
    """``T`` when the payoff is the symbol T itself, else ``T = 5``."""
    text = _t(value)
    return letter if text == letter else f"{letter} = {text}"


def _motive_text(name: str, cells, cooperate: int, when: str = "") -> str:
    """``greed (T = 5 > R = 3)``; with ``when``, ``fear (P > S, when c < d + o)``."""
    R, S, T, P = _letters(cells, cooperate)
    suffix = f", when {when}" if when else ""
    if name == "greed":
        return f"greed ({_lv('T', T)} > {_lv('R', R)}{suffix})"
    return f"fear ({_lv('P', P)} > {_lv('S', S)}{suffix})"


def _reason_text(game: Game, soc: _Social, cells) -> str:
    R, S, T, P = _letters(cells, soc.cooperate)
    c = game.strategies[0][soc.cooperate]
    d = game.strategies[0][1 - soc.cooperate]
    if soc.reason == "R > S":
        return (f"mutual {c}, the better symmetric outcome, pays {_t(R)}, no more than {c} "
                f"against {d} ({_t(S)})")
    if soc.reason == "2R > T + S":
        return (f"2R = {_t(sympy.factor(2 * R))} is not more than T + S = {_t(sympy.factor(T + S))}, "
                f"so taking turns at exploiting each other pays at least as much as mutual {c}")
    if soc.reason == "motive":
        return (f"there is neither greed nor fear ({_lv('T', T)} <= {_lv('R', R)} and "
                f"{_lv('P', P)} <= {_lv('S', S)})")
    return f"{soc.reason} fails"


# ---------------------------------------------------------------------------------------------
# The verdict
# ---------------------------------------------------------------------------------------------


def _equilibria(equilibria) -> tuple:
    if equilibria is None:
        return None
    inner = getattr(equilibria, "equilibria", equilibria)
    return tuple(inner)


@dataclass(frozen=True)
class _EqDeficiency:
    """One equilibrium on its own, where it is one: ``value`` ``True``/``False``/``None``
    (``conditions``, beyond the assumptions and its own conditions, say when it is deficient),
    ``by`` the dominating outcomes found (the first in each region), ``note`` why it was not
    decided."""

    value: bool | None
    conditions: tuple = ()
    by: tuple = ()
    note: str = ""


@dataclass(frozen=True)
class _Part:
    """What holds in one region of the parameter space.

    ``pure`` and ``mixed``: ``(equilibrium index, dominating outcome)`` for each pure and mixed
    equilibrium that is one here and is Pareto-deficient here; ``every``: every equilibrium
    that is one here is deficient (``None`` when not asked: some equilibrium is efficient
    everywhere, or the answer does not matter because a pure one is deficient);
    ``social``: the social-dilemma test here (``None`` when the game is not symmetric 2x2).
    ``mixed`` is ``None`` where the mixed equilibria were not decided (the headline did not
    need them).
    """

    pure: tuple
    mixed: tuple | None
    every: bool | None
    social: _Social | None

    @property
    def deficient(self) -> bool:
        """The headline deficiency: a pure equilibrium, or every equilibrium, is deficient."""
        return bool(self.pure) or self.every is True


def dilemma(game: Game, equilibria=None, *, assumptions=None) -> DilemmaVerdict:
    """The dilemma verdict of a game: which kinds of dilemma it is, and when.

    Parameters
    ----------
    game : Game
        Any normal-form game; the social-dilemma test applies to symmetric 2x2 games.
    equilibria : EquilibriumSet or sequence of Equilibrium, optional
        The game's equilibria (from :func:`gametheory.equilibria.equilibria`, which is called when
        they are not given).
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    DilemmaVerdict

    Notes
    -----
    A dilemma (the module docstring): some pure equilibrium is Pareto-deficient, or every
    equilibrium is (Rapoport and Guyer 1966), or the game is a social dilemma of Macy and
    Flache (2002). A deficient mixed equilibrium of a game whose pure equilibria are efficient
    is reported (``deficient_mixed_equilibrium``) but is no dilemma. Each sign is decided by
    :mod:`gametheory.conditions`; where signs depend on the parameters the space is split into
    regions (:func:`gametheory.analysis.pareto.cases`) and the regions where the game is a
    dilemma are merged into exact conditions.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                       strategies=[["C", "D"], ["C", "D"]])
    >>> from gametheory.equilibria.result import Equilibrium
    >>> from gametheory.games import Profile
    >>> v = dilemma(pd, [Equilibrium(Profile.pure(pd, (1, 1)), (1, 1))])
    >>> v.is_dilemma, v.kinds, v.motives
    (True, ('deficient_equilibrium', 'social_dilemma'), ('greed', 'fear'))
    """
    base = tuple(game.assumptions if assumptions is None else assumptions)
    eqs = _equilibria(equilibria)
    complete = getattr(equilibria, "complete", True)
    if eqs is None:
        from ..equilibria import equilibria as solve_equilibria

        found = solve_equilibria(game)
        eqs, complete = tuple(found.equilibria), found.complete
    numeric = _numeric.applies(game, base)
    # outcomes that pay every player the same expression first: the natural witnesses
    outcomes = _numeric.outcomes(game) if numeric else sorted(
        ((tuple(p), game.outcome(p)) for p in game.profiles()), key=lambda o: len(set(o[1])) != 1)
    symmetric = symmetric_2x2(game, base)
    cells = None
    if symmetric:
        A, _ = game.matrices()
        cells = (A[0][0], A[0][1], A[1][0], A[1][1])
    notes: list[str] = []

    # 1. each equilibrium on its own, where it is one
    per_eq = tuple(_eq_deficiency(eq, outcomes, base, numeric) for eq in eqs)
    notes.extend(d.note for d in per_eq if d.note)

    # 2. the social-dilemma test on its own
    social_regions = None
    if symmetric:
        try:
            social_regions = cases(lambda signs: _social(signs, cells), base, what="the social-dilemma test")
        except Undecided as error:
            notes.append(str(error))

    # 3. together: the parts settle it when the deficiency of the equilibria does not depend
    #    on the parameters; else one case analysis of everything
    regions = None
    fixed = _fixed_part(eqs, per_eq) if (social_regions is not None or not symmetric) else None
    if fixed is not None:
        parts = social_regions if symmetric else (Region((), None),)
        regions = tuple(Region(r.conditions, _Part(fixed.pure, fixed.mixed, fixed.every, r.value)) for r in parts)
    if regions is None:
        try:
            regions = cases(_predicate(eqs, per_eq, outcomes, symmetric, cells), base,
                            what="the dilemma verdict", limit=_GLOBAL_LIMIT)
        except Undecided as error:
            notes.append(str(error))
            headline = _fixed_part(eqs, per_eq, headline_only=True)
            if headline is None or (symmetric and social_regions is None):
                return _undecided(game, eqs, per_eq, symmetric, notes)
            parts = social_regions if symmetric else (Region((), None),)
            regions = tuple(Region(r.conditions, _Part(headline.pure, None, None, r.value)) for r in parts)
    return _verdict(game, eqs, complete, regions, base, symmetric, cells, per_eq, notes)


#: Region budgets of the dilemma analysis (per equilibrium, and for the whole game).
_EQ_LIMIT = 64
_GLOBAL_LIMIT = 256


def _eq_deficiency(eq, outcomes, base, numeric=False) -> _EqDeficiency:
    """Is one equilibrium Pareto-deficient, where it is one? (``numeric``: ``outcomes`` are
    rationals from :func:`gametheory.analysis._numeric.outcomes`, the game numeric.)"""
    if numeric and not eq.conditions and _numeric.rational(eq.payoffs):
        found = _numeric.first_dominating(outcomes, eq.payoffs)
        return _EqDeficiency(False) if found is None else _EqDeficiency(True, (), (found,))

    def predicate(signs: Signs):
        for q, payoffs in outcomes:
            if pareto_dominates(signs, payoffs, eq.payoffs):
                return q
        return None

    try:
        regions = cases(predicate, base, eq.conditions, what="the Pareto deficiency of an equilibrium",
                        limit=_EQ_LIMIT)
    except Undecided as error:
        return _EqDeficiency(None, note=str(error))
    if not regions:
        return _EqDeficiency(False)
    value, conds = _fold(regions, base + tuple(eq.conditions), lambda v: v is not None)
    by = tuple(dict.fromkeys(r.value for r in regions if r.value is not None))
    return _EqDeficiency(value, conds if value is None else (), by)


def _fixed_part(eqs, per_eq, headline_only: bool = False) -> _Part | None:
    """The deficiency part of every region when the equilibria settle it without a case
    analysis (each kind holds everywhere, through one unconditional equilibrium dominated by
    one outcome throughout, or nowhere); ``None`` otherwise. With ``headline_only``, only
    the headline (a pure equilibrium deficient everywhere) is asked for."""

    def constant(indices):
        # an equilibrium that pays every player the same first: the natural example
        for k in sorted(indices, key=lambda k: (len(set(eqs[k].payoffs)) != 1, k)):
            d = per_eq[k]
            if not eqs[k].conditions and d.value is True and len(d.by) == 1:
                return ((k, d.by[0]),)
        if all(per_eq[k].value is False for k in indices):
            return ()
        return None

    pure = constant([k for k, eq in enumerate(eqs) if eq.is_pure])
    if headline_only:
        return _Part(pure, None, None, None) if pure else None
    mixed = constant([k for k, eq in enumerate(eqs) if not eq.is_pure])
    if pure is None or mixed is None:
        return None
    if pure:
        every = None
    elif not eqs or any(not eq.conditions and d.value is False for eq, d in zip(eqs, per_eq)):
        every = False
    elif all(not eq.conditions and d.value is True for eq, d in zip(eqs, per_eq)):
        every = True
    else:
        return None
    return _Part(pure, mixed, every, None)


def _predicate(eqs, per_eq, outcomes, symmetric, cells):
    """The predicate of the case analysis of everything (a :class:`_Part` per region)."""
    efficient_somewhere_always = any(not eq.conditions and d.value is False for eq, d in zip(eqs, per_eq))

    def predicate(signs: Signs) -> _Part:
        pure, mixed = [], []
        active = 0
        every = not efficient_somewhere_always
        for k, eq in enumerate(eqs):
            if per_eq[k].value is False and not every:
                continue
            if eq.conditions and not signs.holds(sympy.And(*eq.conditions)):
                continue
            active += 1
            found = None
            if per_eq[k].value is True and len(per_eq[k].by) == 1:
                found = per_eq[k].by[0]  # one outcome dominates it wherever it is an equilibrium
            elif per_eq[k].value is not False:
                found = next((q for q, payoffs in outcomes if pareto_dominates(signs, payoffs, eq.payoffs)), None)
            if found is None:
                every = False
            else:
                (pure if eq.is_pure else mixed).append((k, found))
        every = every and active > 0
        social = _social(signs, cells) if symmetric else None
        return _Part(tuple(pure), tuple(mixed), every, social)

    return predicate


def _undecided(game, eqs, per_eq, symmetric, notes) -> DilemmaVerdict:
    sure = [k for k, (eq, d) in enumerate(zip(eqs, per_eq)) if eq.is_pure and not eq.conditions and d.value is True]
    deficient = tuple((k, d.value, d.conditions, d.by) for k, d in enumerate(per_eq))
    details = (KindVerdict("deficient_equilibrium", True, True if sure else None, ()),
               KindVerdict("social_dilemma", symmetric, None if symmetric else False, ()),
               KindVerdict("deficient_mixed_equilibrium", any(not eq.is_pure for eq in eqs), None, ()))
    kinds = ("deficient_equilibrium",) if sure else ()
    known = ""
    if sure:
        known = f"; {_eq_text(game, eqs, sure[0])} is Pareto-deficient"
    explanation = f"Undecided: {notes[-1]}{known}."
    return DilemmaVerdict(True if sure else None, kinds, (), (), (), explanation, (), details, deficient, (), None,
                          tuple(notes))


def _region_kinds(value: _Part) -> tuple[bool | None, tuple[str, ...], tuple[str, ...]]:
    social = value.social
    kinds = []
    if value.deficient:
        kinds.append("deficient_equilibrium")
    if social is not None and social.status == "yes":
        kinds.append("social_dilemma")
    motives = social.motives if social is not None and social.status == "yes" else ()
    if kinds:
        verdict = True
    elif social is not None and social.status == "knife":
        verdict = None
    else:
        verdict = False
    return verdict, tuple(kinds), motives


def _fold(regions, base, test) -> tuple:
    """``(value, conditions)`` of a yes/no property over regions (:func:`conditions.fold`)."""
    value, conds = conditions.fold(regions, base, test)
    return value, tuple(conds or ())


def _holds_somewhere(kind: KindVerdict) -> bool:
    return kind.value is True or (kind.value is None and bool(kind.conditions))


def _verdict(game, eqs, complete, regions, base, symmetric, cells, per_eq, notes) -> DilemmaVerdict:
    if not regions:
        return DilemmaVerdict(None, (), (), (), (), "The assumptions cannot all hold, so there is no verdict.")
    parts = [DilemmaRegion(r.conditions, *_region_kinds(r.value)) for r in regions]
    motives = tuple(m for m in ("greed", "fear") if any(m in p.motives for p in parts))

    # is_dilemma: True / False everywhere, else None with the union of the dilemma regions
    if all(p.is_dilemma is True for p in parts):
        is_dilemma, conds = True, ()
    elif all(p.is_dilemma is False for p in parts):
        is_dilemma, conds = False, ()
    else:
        yes = [p.conditions for p in parts if p.is_dilemma is True]
        no = [p.conditions for p in parts if p.is_dilemma is not True]
        is_dilemma = None
        conds = union_conditions(yes, no, base) if yes else ()

    # per-kind verdicts, each from the same regions
    def_value, def_conds = _fold(regions, base, lambda v: v.deficient)
    details = [KindVerdict("deficient_equilibrium", True, def_value, def_conds)]
    if symmetric:
        statuses = {r.value.social.status for r in regions}
        if statuses == {"yes"} or statuses == {"no"}:
            soc_value, soc_conds = statuses == {"yes"}, ()
        else:  # depends on the parameters, or sits on a knife edge: never rounded
            yes = [r.conditions for r in regions if r.value.social.status == "yes"]
            rest = [r.conditions for r in regions if r.value.social.status != "yes"]
            soc_value, soc_conds = None, (union_conditions(yes, rest, base) if yes else ())
        details.append(KindVerdict("social_dilemma", True, soc_value, soc_conds, motives))
    else:
        details.append(KindVerdict("social_dilemma", False, False, ()))
    mixed_applies = any(not eq.is_pure for eq in eqs)
    if not mixed_applies:
        mixed_value, mixed_conds = False, ()
    elif any(r.value.mixed is None for r in regions):  # not decided
        mixed_value, mixed_conds = None, ()
    else:
        mixed_value, mixed_conds = _fold(regions, base, lambda v: bool(v.mixed))
    details.append(KindVerdict("deficient_mixed_equilibrium", mixed_applies, mixed_value, mixed_conds))
    kinds = tuple(k for k in KINDS if any(d.kind == k and _holds_somewhere(d) for d in details))

    # per-equilibrium deficiency, each where the equilibrium is one
    deficient = [(k, d.value, d.conditions, d.by) for k, d in enumerate(per_eq)]

    # knife edges of the social-dilemma test
    knife_details = []
    if symmetric:
        # the regions on one knife edge are described together (their union), so that an edge
        # that holds across regions reads once ("2R = T + S"), never "v < c and c = v and c < v"
        groups: dict = {}
        for r in regions:
            soc = r.value.social
            if soc.status == "knife":
                groups.setdefault(soc.edges, []).append(r)
        for edges, inside in groups.items():
            soc = inside[0].value.social
            outside = [r.conditions for r in regions if r not in inside]
            where = conditions.union_conditions([r.conditions for r in inside], outside, base)
            relation = sympy.And(*[_EDGE_RELATION[e] for e in edges])
            knife_details.append(KnifeEdge(edges, relation, where, _edge_detail(soc, cells, where)))
    knife_edges = tuple(
        (k.relation if not k.conditions else sympy.And(*k.conditions)) for k in knife_details
    )
    cooperations = {r.value.social.cooperate for r in regions if r.value.social is not None}
    cooperate = cooperations.pop() if symmetric and len(cooperations) == 1 else None

    explanation = _explain(game, eqs, complete, regions, base, is_dilemma, conds, knife_details, symmetric, cells)
    return DilemmaVerdict(
        is_dilemma=is_dilemma,
        kinds=kinds,
        motives=motives,
        conditions=tuple(conds),
        knife_edges=knife_edges,
        explanation=explanation,
        regions=tuple(parts),
        details=tuple(details),
        deficient=tuple(deficient),
        knife_details=tuple(knife_details),
        cooperate=cooperate,
        notes=tuple(notes),
    )


_EDGE_SIDES = {
    "R = P": lambda R, S, T, P: (R, P),
    "R = S": lambda R, S, T, P: (R, S),
    "2R = T + S": lambda R, S, T, P: (2 * R, T + S),
    "T = R": lambda R, S, T, P: (T, R),
    "P = S": lambda R, S, T, P: (P, S),
}


def _edge_detail(soc: _Social, cells, conds) -> str:
    if conds:
        return f"{_conds_text(conds)} ({', '.join(soc.edges)})"
    letters = _letters(cells, soc.cooperate)
    texts = []
    for edge in soc.edges:
        lhs, rhs = (sympy.factor(v) for v in _EDGE_SIDES[edge](*letters))
        if lhs == rhs:
            texts.append(f"{edge} = {_t(lhs)}")
        else:
            texts.append(f"{edge}, that is {_t(lhs)} = {_t(rhs)}")
    return ", ".join(texts)


# ---------------------------------------------------------------------------------------------
# The explanation: every clause says the conditions under which it holds
# ---------------------------------------------------------------------------------------------


def _where(regions, base, test):
    """Conditions (beyond the assumptions) of the regions where ``test(value)`` holds:
    ``()`` everywhere, ``None`` nowhere."""
    inside = [r.conditions for r in regions if test(r.value)]
    outside = [r.conditions for r in regions if not test(r.value)]
    return union_conditions(inside, outside, base)


def _key(conds) -> tuple:
    return tuple(sorted(conditions.to_str(conditions.canonical(c)) for c in conds))


def _when(conds, verdict_conds) -> str:
    """``"when ..., "`` unless the conditions are none or those of the verdict itself."""
    if not conds or _key(conds) == _key(verdict_conds):
        return ""
    return f"when {_conds_text(conds)}, "


def _context(base, conds) -> tuple:
    """The assumptions with the conditions of a clause, to compare its payoffs under."""
    if any(isinstance(c, sympy.Or) for c in conds):
        return base
    return base + tuple(conds)


def _headline_pairs(v: _Part) -> tuple:
    """The deficient equilibria that make a region a dilemma: the pure ones, or, where every
    equilibrium is deficient and none is pure, the mixed ones."""
    return v.pure if v.pure else (v.mixed if v.every is True else ())


def _mixed_pairs(v: _Part) -> tuple:
    """Deficient mixed equilibria where they make no dilemma."""
    return v.mixed if v.mixed and not v.deficient else ()


def _witness(regions, pairs, eqs, skip=frozenset()):
    """The ``(equilibrium, dominating outcome)`` pair to explain a deficiency with, among the
    regions not in ``skip``: the first found, preferring one whose payoffs are the same for
    every player."""
    chosen = None
    for n, r in enumerate(regions):
        if n in skip:
            continue
        for k, q in pairs(r.value):
            score = (len(set(eqs[k].payoffs)) != 1, k)
            if chosen is None or score < chosen[0]:
                chosen = (score, (k, q))
    return None if chosen is None else chosen[1]


#: Most deficient equilibria one explanation names.
_WITNESSES = 3


def _deficient_clauses(game, eqs, regions, base, verdict_conds, pairs, headline=False) -> list[str]:
    """One clause per deficient equilibrium named, each with the conditions under which it
    is one and the outcome named dominates it, until the regions where ``pairs`` finds one are
    covered (at most :data:`_WITNESSES`). In the ``headline``, a mixed equilibrium is named
    where every equilibrium is deficient, and the clause says so."""
    clauses, covered = [], set()
    while len(clauses) < _WITNESSES:
        witness = _witness(regions, pairs, eqs, covered)
        if witness is None:
            break
        here = {n for n, r in enumerate(regions) if witness in pairs(r.value)}
        covered |= here
        inside = [r.conditions for n, r in enumerate(regions) if n in here]
        outside = [r.conditions for n, r in enumerate(regions) if n not in here]
        where = union_conditions(inside, outside, base) or ()
        k, q = witness
        context = _context(base, where)
        eq = eqs[k]
        when = _when(where, verdict_conds)
        if headline and not eq.is_pure and len(eqs) > 1:
            when += "every equilibrium is Pareto-deficient: "
        clauses.append(f"{when}{_eq_text(game, eqs, k)} pays {_pays(game, eq.payoffs, context)}"
                       f"{' and ' if when else '; '}{_cell(game, q)} pays "
                       f"{_pays_more(game, game.outcome(q), eq.payoffs, context)}")
    return clauses


def _explain(game, eqs, complete, regions, base, is_dilemma, conds, knife_details, symmetric, cells) -> str:
    clauses = []

    # 1. the deficiency that makes a dilemma: a pure equilibrium, or every equilibrium
    headline = _deficient_clauses(game, eqs, regions, base, conds, _headline_pairs, headline=True)
    clauses.extend(headline)

    # 2. a deficient mixed equilibrium where no pure one is: reported, no dilemma
    mixed = _deficient_clauses(game, eqs, regions, base, conds, _mixed_pairs)
    if mixed:
        mixed[-1] += (", but a Pareto-deficient mixed equilibrium alone makes no dilemma when the pure "
                      "equilibria are Pareto-efficient")
    clauses.extend(mixed)

    if not headline and not mixed and not any(r.value.pure or r.value.mixed for r in regions):
        if len(eqs) == 1:
            eq = eqs[0]
            clauses.append(
                f"no outcome gives every player more than {_eq_text(game, eqs, 0)}, which pays "
                f"{_pays(game, eq.payoffs, base + tuple(eq.conditions))}"
            )
        elif eqs:
            clauses.append(f"no outcome gives every player more than any of the {len(eqs)} equilibria")
        else:
            clauses.append("no equilibrium was found to compare with the outcomes")

    # 3. the social-dilemma test
    if symmetric:
        clauses.extend(_social_clauses(game, regions, base, conds, knife_details, cells))

    sentence = "; ".join(clauses)
    if is_dilemma is False:
        sentence = "No dilemma: " + sentence
    elif is_dilemma is None and conds:
        sentence = f"A dilemma exactly when {_conds_text(conds)}: " + sentence
    elif is_dilemma is None:
        sentence = "No verdict: " + sentence
    else:
        sentence = sentence[0].upper() + sentence[1:]
    if not complete:
        sentence += " (the list of equilibria may be incomplete)"
    return sentence + "."


def _social_clauses(game, regions, base, conds, knife_details, cells) -> list[str]:
    clauses = []
    yes = [r for r in regions if r.value.social.status == "yes"]
    if yes:
        soc = yes[0].value.social
        social_where = _where(regions, base, lambda v: v.social.status == "yes") or ()
        texts = []
        for m in ("greed", "fear"):
            if not any(m in r.value.social.motives for r in yes):
                continue
            where = _where(regions, base, lambda v, m=m: v.social.status == "yes" and m in v.social.motives) or ()
            same = not where or _key(where) in (_key(social_where), _key(conds))
            texts.append(_motive_text(m, cells, soc.cooperate, "" if same else _conds_text(where)))
        motives = " and ".join(texts)
        when = ""
        if social_where and _key(social_where) != _key(conds):
            when = f" when {_conds_text(social_where)}"
        clauses.append(f"with {motives} it is a social dilemma (Macy and Flache 2002){when}")
    elif not knife_details:
        groups = merge(regions, base, key=lambda v: v.social.reason)
        for reason, where in groups:
            soc = next(r.value.social for r in regions if r.value.social.reason == reason)
            when = _when(where or (), conds)
            clauses.append(f"{when}it is not a social dilemma: {_reason_text(game, soc, cells)}")
    always = [k for k in knife_details if not k.conditions]
    sometimes = [k for k in knife_details if k.conditions]
    if always:
        edges = "; ".join(k.detail for k in always)
        soc = next(r.value.social for r in regions if r.value.social.status == "knife")
        with_ = ""
        if soc.motives:
            with_ = ", with " + " and ".join(_motive_text(m, cells, soc.cooperate) for m in soc.motives) + ","
        clauses.append(f"the social-dilemma test{with_} sits on the knife edge {edges}, neither met nor failed")
    if sometimes:
        edges = " or ".join(k.detail for k in sometimes)
        clauses.append(f"on the knife edge {edges} the social-dilemma test is neither met nor failed")
    return clauses
