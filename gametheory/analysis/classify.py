"""Classification of 2x2 games: the named type and the place in the Robinson–Goforth topology.

Conventions
-----------
* Only two-player 2x2 games are classified; other games get ``name=None`` and a one-line
  explanation.
* Payoffs are reduced to their *ordinal pattern*, one player at a time: dense ranks, 1 for the
  lowest payoff, equal payoffs sharing a rank (:func:`gametheory.analysis.topology.ordinal_pattern`).
  For symbolic payoffs the order of each player's four payoffs needs the signs of the six
  pairwise differences; each sign is asked of :mod:`gametheory.conditions`, and where one
  depends on the parameters the parameter space is split into regions
  (:func:`gametheory.analysis.pareto.cases`), each with one pattern.
* A strict pattern (no ties) is located among the 144 games of Robinson and Goforth (2005) with
  Bruns's (2015) names (:func:`gametheory.analysis.topology.locate`); a tied pattern is never
  filed under a strict game: it gets a classic name only where the literature has one (the
  Battle of the Sexes with its equal miscoordination payoffs), and ``ties=True``.
* ``name`` is the classic snake_case name (``prisoners_dilemma``) or ``None``; ``label`` its
  human form, or Bruns's name for a strict game without a classic one
  (``"Prisoner's Dilemma-Chicken"``). When the type depends on the parameters, ``name`` and
  ``label`` are ``None`` and ``regions`` lists each type with the conditions (beyond the
  assumptions) under which the game is of that type.

References
----------
D. Robinson and D. Goforth, *The Topology of the 2x2 Games: A New Periodic Table*, Routledge,
2005. B. R. Bruns, "Names for Games: Locating 2 x 2 Games", *Games* 6(4):495-520, 2015.
A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games", *General Systems* 11:203-214, 1966.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sympy

from .. import conditions
from ..conditions import Signs, Undecided, cases, merge
from ..games import Game
from .topology import Topology, locate

__all__ = ["Classification", "ClassificationRegion", "classify", "ordinal_ranks"]


@dataclass(frozen=True)
class ClassificationRegion:
    """The type of a symbolic game in one region of the parameter space."""

    name: str | None
    label: str | None
    conditions: tuple
    topology: dict | None
    ordinal: tuple
    ties: bool


@dataclass(frozen=True)
class Classification:
    """The classification of a game (CLI.md, ``classification``).

    Attributes
    ----------
    name : str or None
        Classic snake_case name, ``None`` if there is none or the type depends on parameters.
    label : str or None
        Human-readable name (classic, else Bruns's name of a strict game).
    conditions : tuple
        Conditions beyond the assumptions under which the classification holds (``()``).
    topology : dict or None
        ``{"system": "robinson-goforth", "code": ..., "bruns": ..., ...}``
        (:meth:`gametheory.analysis.topology.Topology.to_dict`); ``code`` is ``None`` with ties.
    regions : tuple of ClassificationRegion
        For a game whose type depends on the parameters: every type with its conditions.
    ordinal : tuple or None
        ``(row ranks, column ranks)``, each a 2x2 tuple of dense ranks, when determined.
    ties : bool
        Whether some player has equal payoffs (where the type is determined).
    explanation : str
        One sentence.
    """

    name: str | None
    label: str | None
    conditions: tuple
    topology: dict | None
    regions: tuple[ClassificationRegion, ...]
    ordinal: tuple | None
    ties: bool
    explanation: str


def _dense_ranks(signs: Signs, values) -> tuple[int, ...]:
    """Dense ranks (1 = lowest) of values, comparing through the sign oracle."""
    order = sorted(range(len(values)), key=functools.cmp_to_key(lambda i, j: signs.compare(values[i], values[j])))
    ranks = [0] * len(values)
    rank = 0
    previous = None
    for idx in order:
        if previous is None or signs.compare(values[previous], values[idx]) != 0:
            rank += 1
        ranks[idx] = rank
        previous = idx
    return tuple(ranks)


def ordinal_ranks(signs: Signs, game: Game):
    """``(row ranks, column ranks)`` of a 2x2 game in one region, as 2x2 tuples."""
    A, B = game.matrices()
    r = _dense_ranks(signs, [A[0][0], A[0][1], A[1][0], A[1][1]])
    c = _dense_ranks(signs, [B[0][0], B[0][1], B[1][0], B[1][1]])
    return ((r[0], r[1]), (r[2], r[3])), ((c[0], c[1]), (c[2], c[3]))


def _t(e) -> str:
    return conditions.to_str(sympy.sympify(e))


def _rel_text(conds) -> str:
    return conditions.describe(tuple(conds))


def _order_text(values, ranks) -> str:
    """``T > R > P > S`` (``=`` between ties) from values and their dense ranks."""
    flat = list(zip(ranks, range(4)))
    flat.sort(key=lambda x: (-x[0], x[1]))
    out = _t(values[flat[0][1]])
    seen = {out}
    for (prev_rank, _), (rank, idx) in zip(flat, flat[1:]):
        text = _t(values[idx])
        if rank == prev_rank:
            if text in seen:
                continue
            out += f" = {text}"
        else:
            out += f" > {text}"
        seen.add(text)
    return out


def _orders(game: Game, ordinal, symmetric: bool) -> str:
    A, B = game.matrices()
    (rr, cr) = ordinal
    row = _order_text([A[0][0], A[0][1], A[1][0], A[1][1]], [rr[0][0], rr[0][1], rr[1][0], rr[1][1]])
    if symmetric:
        return f"each player's payoffs order {row}"
    col = _order_text([B[0][0], B[0][1], B[1][0], B[1][1]], [cr[0][0], cr[0][1], cr[1][0], cr[1][1]])
    return f"{game.players[0]}'s payoffs order {row} and {game.players[1]}'s {col}"


def _symmetric(game: Game, base) -> bool:
    A, B = game.matrices()
    return all(conditions.sign(sympy.sympify(B[i][j] - A[j][i]), base) == "0" for i in range(2) for j in range(2))


def _describe(topo: Topology) -> tuple[str | None, str | None]:
    label = topo.label or topo.bruns_name
    return topo.name, label


def _type_text(topo: Topology) -> str:
    if topo.ties:
        if topo.label:
            return f"{topo.label} (with tied payoffs, outside the 144 strict games of Robinson and Goforth)"
        return "a game with tied payoffs (not one of the 144 strict games of Robinson and Goforth)"
    where = f"Robinson-Goforth {topo.code}, Bruns's {topo.bruns_name}"
    if topo.label:
        return f"{topo.label} ({where})"
    return f"the game {topo.bruns_name} ({where.split(',')[0]})"


def classify(game: Game, *, assumptions=None) -> Classification:
    """The named type of a 2x2 game and its place in the Robinson–Goforth topology.

    Parameters
    ----------
    game : Game
        A two-player 2x2 game (other games get ``name=None`` and an explanation); payoffs
        numeric or symbolic.
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    Classification

    Notes
    -----
    Ordinal reduction (each player's payoffs to dense ranks), with every comparison of symbolic
    payoffs decided by :mod:`gametheory.conditions` and the parameter space split where one
    depends on the parameters; each pattern is located by Bruns's (2015) algorithm
    (:func:`gametheory.analysis.topology.locate`).

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> c = classify(pd)
    >>> c.name, c.topology["code"]
    ('prisoners_dilemma', 'Pd-Pd')
    """
    if game.n_players != 2 or game.shape != (2, 2):
        if game.bayesian is not None:
            what = f"the normal form of a Bayesian game, {'x'.join(map(str, game.shape))} in plans"
        elif game.n_players != 2:
            what = f"a game of {game.n_players} players"
        else:
            what = f"a {'x'.join(map(str, game.shape))} game"
        return Classification(None, None, (), None, (), None, False,
                              f"Only two-player 2x2 games are classified (Robinson and Goforth 2005); this is {what}.")
    base = tuple(game.assumptions if assumptions is None else assumptions)
    try:
        regions = cases(lambda signs: ordinal_ranks(signs, game), base, what="the classification")
    except Undecided as error:
        return Classification(None, None, (), None, (), None, False, f"Not classified: {error}.")
    if not regions:
        return Classification(None, None, (), None, (), None, False,
                              "The assumptions cannot all hold, so the game has no type.")
    symmetric = _symmetric(game, base)
    located = {}
    for r in regions:
        if r.value not in located:
            located[r.value] = locate(*r.value)

    def key(ordinal):
        topo = located[ordinal]
        if topo.name is None and topo.code is None:
            return ("pattern", ordinal)
        return ("type", topo.name, topo.code)

    parts = []
    for k, conds in merge(regions, base, key=key):
        members = [r for r in regions if key(r.value) == k]
        patterns = list(dict.fromkeys(r.value for r in members))
        topo = located[patterns[0]]
        name, label = _describe(topo)
        ordinal = patterns[0] if len(patterns) == 1 else None
        region = ClassificationRegion(name, label, tuple(conds or ()), topo.to_dict(), ordinal, topo.ties)
        parts.append((region, topo, members))
    # knife-edge regions (with an equality) after the open ones
    parts.sort(key=lambda part: any(isinstance(c, sympy.Eq) for c in part[0].conditions))
    if len(parts) == 1:
        region, topo, members = parts[0]
        if region.ordinal is not None:
            orders = _orders(game, region.ordinal, symmetric)
        else:
            first = members[0]
            orders = (f"the order of the payoffs varies with the parameters, for example "
                      f"{_orders(game, first.value, symmetric)} when {_rel_text(first.conditions)}")
        explanation = f"{_type_text(topo)}: {orders}."
        explanation = explanation[0].upper() + explanation[1:]
        return Classification(region.name, region.label, (), region.topology, (), region.ordinal,
                              region.ties, explanation)
    pieces = []
    for region, topo, members in parts:
        orders = _orders(game, region.ordinal, symmetric) if region.ordinal is not None else "payoff orders vary"
        pieces.append(f"{_type_text(topo)} when {_rel_text(region.conditions)} ({orders})")
    explanation = "The type depends on the parameters: " + "; ".join(pieces) + "."
    return Classification(None, None, (), None, tuple(r for r, _, _ in parts), None,
                          any(r.ties for r, _, _ in parts), explanation)
