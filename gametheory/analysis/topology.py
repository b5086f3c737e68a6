"""Locate a 2x2 game in the Robinson–Goforth topology, with Bruns's names.

Conventions
-----------
A 2x2 game is given by two matrices of payoffs, one per player, indexed the same way:

* ``row[i][j]`` is the **row** player's payoff in the cell where the row player plays strategy
  ``i`` and the column player plays strategy ``j`` (``i, j`` in ``{0, 1}``);
* ``col[i][j]`` is the **column** player's payoff in that same cell.

Payoffs are reduced to *ordinal ranks*, one player at a time: :func:`ordinal_pattern` replaces
a player's four payoffs by dense ranks ``1..k``, ``k`` the number of distinct values, higher
is better, equal payoffs get equal ranks. A game is *strict* when each player's four ranks are
``1, 2, 3, 4``; there are ``4! * 4! = 576`` strict ordinal games.

For the symmetric archetypes the usual letters are read off a symmetric game written with
strategy 0 = Cooperate, strategy 1 = Defect: ``R = row[0][0]`` (mutual cooperation),
``S = row[0][1]`` (the row player cooperates, the column player defects), ``T = row[1][0]``
and ``P = row[1][1]``; the column player's matrix is then the transpose of the row player's.

The topology
------------
Relabelling a player's strategies does not change a game, and for strict games no
relabelling leaves a game fixed, so the 576 strict games fall into exactly
``576 / 4 = 144`` games (Robinson and Goforth 2005). Bruns (2015) locates each of them by
two coordinates, each one of the **12 symmetric strict games**:

1. *orient* the game (Bruns's convention): swap the columns, if needed, so that the row
   player's best outcome (rank 4) lies in the right-hand column; then swap the rows, if
   needed, so that the column player's best outcome lies in the top row. For a strict game
   the result is unique.
2. the row player's oriented matrix is the row half of exactly one symmetric game, and the
   column player's oriented matrix the column half of exactly one symmetric game (in this
   orientation the column half of a symmetric game is the row half reflected in the
   anti-diagonal). These two games are the coordinates: ``code = "<row>-<column>"`` with
   Bruns's two-letter abbreviations, e.g. ``"Pd-Pd"`` for the Prisoner's Dilemma and
   ``"Pd-Ch"`` for the game whose row player has the Prisoner's Dilemma payoffs and whose
   column player has the Chicken payoffs. Bruns abbreviates a symmetric game by its own
   abbreviation (``"Pd"``) and an asymmetric game by the two joined, row player's first
   (``"PdCh"``).

Exchanging the players (transpose both matrices and exchange them) maps ``X-Y`` to ``Y-X``
(the ``swap`` of a :class:`Topology`); the 12 games ``X-X`` are the symmetric ones, so the
classes up to the exchange of players number ``(144 + 12) / 2 = 78``, the count of
Rapoport and Guyer (1966).

Games with tied payoffs are *not* located in the 144 (Bruns extends the naming to them with
further conventions that this module does not implement): :func:`locate` returns a
:class:`Topology` with ``ties=True`` and no code, and never files a tied game under a strict
class.

Classic names (:func:`classic_name`) follow the toolkit's CLI contract: the seven symmetric
archetypes of Rapoport and Guyer (1966) and Rapoport (1967) by their inequalities, and a few
families that the literature names by their equilibrium structure (Battle of the Sexes,
Matching Pennies, coordination games). See ``docs/explanation/classification.md``.

References
----------
.. [RG2005] D. Robinson and D. Goforth, *The Topology of the 2x2 Games: A New Periodic Table*.
   London: Routledge, 2005.
.. [Bruns2015] B. R. Bruns, "Names for Games: Locating 2 x 2 Games", *Games* 6(4):495-520,
   2015. doi:10.3390/g6040495.
.. [RG1966] A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games", *General Systems*
   11:203-214, 1966.
.. [Rapoport1967] A. Rapoport, "Exploiter, Leader, Hero, and Martyr: the four archetypes of
   the 2 x 2 game", *Behavioral Science* 12(2):81-84, 1967.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real
from typing import Iterator, Sequence

from ..errors import UsageError

__all__ = [
    "SymmetricGame",
    "SYMMETRIC_GAMES",
    "Topology",
    "CLASSIC_LABELS",
    "ordinal_pattern",
    "ordinal_game",
    "locate",
    "classic_name",
    "classic_label",
    "all_strict_games",
    "swap_players",
    "relabellings",
    "is_symmetric",
    "pure_equilibria",
    "symmetric_game",
    "game_of",
]

Matrix = tuple[tuple[int, int], tuple[int, int]]


# ---------------------------------------------------------------------------------------------
# The 12 symmetric strict games: Bruns's coordinates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SymmetricGame:
    """One of the 12 symmetric strict ordinal 2x2 games, a coordinate of the topology.

    Attributes
    ----------
    abbr : str
        Bruns's (2015) two-letter abbreviation, e.g. ``"Pd"``.
    name : str
        Bruns's name, e.g. ``"Prisoner's Dilemma"``.
    rg_name : str
        Robinson and Goforth's (2005) name for the same game. It differs from Bruns's for
        two games (their ``"Leader"`` is Bruns's ``"Battle"``, their ``"Safecoord"`` Bruns's
        ``"Coordination"``) and in spelling for two more (``"Dilemma"``, ``"Staghunt"``).
    rstp : tuple of int
        The row player's ranks ``(R, S, T, P)`` with strategy 0 = Cooperate, written so that
        ``R`` or ``T`` is 4 (mutual cooperation or unilateral defection is best).
    """

    abbr: str
    name: str
    rg_name: str
    rstp: tuple[int, int, int, int]

    @property
    def row_matrix(self) -> Matrix:
        """The row player's matrix ``((R, S), (T, P))`` (strategy 0 = Cooperate)."""
        r, s, t, p = self.rstp
        return ((r, s), (t, p))

    @property
    def oriented_row(self) -> Matrix:
        """The row half in Bruns's orientation (best outcome in the right column)."""
        r, s, t, p = self.rstp
        return ((s, r), (p, t))


#: The 12 symmetric games in Bruns's cyclic order: consecutive games (and the last and the
#: first) differ by one swap of two adjacent ranks. The first six have the row player's best
#: outcome at mutual cooperation, the last six at unilateral defection. Ranks as given by
#: Bruns (2015) for the symmetric ordinal games.
SYMMETRIC_GAMES: tuple[SymmetricGame, ...] = (
    SymmetricGame("Nc", "Concord", "Concord", (4, 2, 3, 1)),
    SymmetricGame("Ha", "Harmony", "Harmony", (4, 3, 2, 1)),
    SymmetricGame("Pc", "Peace", "Peace", (4, 3, 1, 2)),
    SymmetricGame("Co", "Coordination", "Safecoord", (4, 2, 1, 3)),
    SymmetricGame("As", "Assurance", "Assurance", (4, 1, 2, 3)),
    SymmetricGame("Sh", "Stag Hunt", "Staghunt", (4, 1, 3, 2)),
    SymmetricGame("Pd", "Prisoner's Dilemma", "Dilemma", (3, 1, 4, 2)),
    SymmetricGame("Dl", "Deadlock", "Deadlock", (2, 1, 4, 3)),
    SymmetricGame("Cm", "Compromise", "Compromise", (1, 2, 4, 3)),
    SymmetricGame("Hr", "Hero", "Hero", (1, 3, 4, 2)),
    SymmetricGame("Ba", "Battle", "Leader", (2, 3, 4, 1)),
    SymmetricGame("Ch", "Chicken", "Chicken", (3, 2, 4, 1)),
)

_BY_ABBR = {g.abbr: g for g in SYMMETRIC_GAMES}
_ROW_HALF = {g.oriented_row: g for g in SYMMETRIC_GAMES}


# ---------------------------------------------------------------------------------------------
# Classic names
# ---------------------------------------------------------------------------------------------

#: Human-readable labels of the classic names.
CLASSIC_LABELS: dict[str, str] = {
    "prisoners_dilemma": "Prisoner's Dilemma",
    "chicken": "Chicken",
    "stag_hunt": "Stag Hunt",
    "deadlock": "Deadlock",
    "harmony": "Harmony",
    "leader": "Leader",
    "hero": "Hero",
    "battle_of_the_sexes": "Battle of the Sexes",
    "coordination": "Coordination",
    "matching_pennies": "Matching Pennies",
}

#: Classic names of symmetric strict games, by Bruns class. The first seven are the
#: archetypes of the CLI contract (Rapoport and Guyer 1966; Rapoport 1967), each defined by a
#: strict ordering of R, S, T, P:
#:
#: ==================  ============  =====================
#: name                ordering      Bruns (2015) class
#: ==================  ============  =====================
#: prisoners_dilemma   T > R > P > S  Pd Prisoner's Dilemma
#: chicken             T > R > S > P  Ch Chicken
#: stag_hunt           R > T > P > S  Sh Stag Hunt
#: deadlock            T > P > R > S  Dl Deadlock
#: harmony             R > T > S > P  Nc Concord
#: leader              T > S > R > P  Ba Battle (RG: Leader)
#: hero                S > T > R > P  Hr Hero
#: ==================  ============  =====================
#:
#: Robinson–Goforth and Bruns call R > T > S > P "Concord" and keep "Harmony" for
#: R > S > T > P; both are no-conflict games in which cooperation is dominant and mutual
#: cooperation best for both, and both are named ``harmony`` here.
_STRICT_SYMMETRIC_NAMES: dict[str, str] = {
    "Pd": "prisoners_dilemma",
    "Ch": "chicken",
    "Sh": "stag_hunt",
    "Dl": "deadlock",
    "Nc": "harmony",
    "Ha": "harmony",
    "Ba": "leader",
    "Hr": "hero",
}


# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topology:
    """Where a 2x2 ordinal game lies in the Robinson–Goforth topology.

    Attributes
    ----------
    code : str or None
        Bruns's coordinates ``"<row game>-<column game>"``, e.g. ``"Pd-Pd"`` or ``"Pd-Ch"``:
        the symmetric games whose row and column halves the oriented game has. ``None`` for
        a game with tied payoffs.
    bruns : str or None
        Bruns's abbreviation: ``"Pd"`` for a symmetric game, the two abbreviations joined,
        row player's first, for an asymmetric one (``"PdCh"``). ``None`` with ties.
    bruns_name : str or None
        Bruns's name: ``"Prisoner's Dilemma"``, or ``"Prisoner's Dilemma-Chicken"`` for an
        asymmetric game (row player's game first). ``None`` with ties.
    row_game, col_game : str or None
        The abbreviations of the row and column coordinates. ``None`` with ties.
    name : str or None
        The classic snake_case name (:func:`classic_name`), if the literature has one.
    label : str or None
        Its human-readable form, e.g. ``"Prisoner's Dilemma"``.
    symmetric : bool
        Whether some relabelling of strategies makes the column player's matrix the
        transpose of the row player's (ordinal symmetry).
    swap : str or None
        The code of the mirror game, the players exchanged (``"Ch-Pd"`` for ``"Pd-Ch"``).
    ties : bool
        ``True`` when a player has two equal payoffs; the game is then not one of the 144.
    oriented : tuple
        ``(row, col)``: the game's ordinal ranks in Bruns's orientation (row player's best
        outcome in the right column, column player's best in the top row; for tied best
        outcomes the first found, scanning cells in row-major order).
    """

    code: str | None
    bruns: str | None
    bruns_name: str | None
    row_game: str | None
    col_game: str | None
    name: str | None
    label: str | None
    symmetric: bool
    swap: str | None
    ties: bool
    oriented: tuple[Matrix, Matrix]

    system = "robinson-goforth"

    def to_dict(self) -> dict:
        """A JSON-ready mapping (the ``classification.topology`` object of ``solve``)."""
        return {
            "system": self.system,
            "code": self.code,
            "bruns": self.bruns,
            "bruns_name": self.bruns_name,
            "row_game": self.row_game,
            "col_game": self.col_game,
            "symmetric": self.symmetric,
            "swap": self.swap,
            "ties": self.ties,
        }


# ---------------------------------------------------------------------------------------------
# Ordinal reduction
# ---------------------------------------------------------------------------------------------


def _check_number(value, where: str) -> None:
    if isinstance(value, bool):
        raise UsageError(f"{where}: expected a number, got the boolean {value!r}")
    if isinstance(value, float) or getattr(value, "is_Float", False) or type(value).__name__.startswith("float"):
        raise UsageError(
            f"{where}: expected an exact number (int, Fraction or sympy Rational), got the "
            f"float {value!r}; convert it exactly first"
        )
    free = getattr(value, "free_symbols", None)
    if free:
        names = ", ".join(sorted(str(s) for s in free))
        raise UsageError(
            f"{where}: expected a number, got the symbolic expression {value} (symbols "
            f"{names}); decide its ordering with the conditions engine first"
        )
    if not isinstance(value, (Real, Decimal)) and not hasattr(value, "is_comparable"):
        raise UsageError(f"{where}: expected a real number, got {value!r}")


def _less(a, b, where: str) -> bool:
    try:
        return bool(a < b)
    except TypeError as exc:  # e.g. a sympy expression whose sign is unknown
        raise UsageError(f"{where}: cannot compare {a} and {b}: {exc}") from exc


def _equal(a, b, where: str) -> bool:
    return not _less(a, b, where) and not _less(b, a, where)


def ordinal_pattern(values: Sequence) -> tuple[int, ...]:
    """Dense ordinal ranks of comparable exact numbers.

    The smallest value gets rank 1, the next larger distinct value rank 2, and so on; equal
    values share a rank. Comparison only: values are never hashed or converted, so ints,
    :class:`fractions.Fraction` and sympy numbers may be mixed.

    Parameters
    ----------
    values : sequence of real numbers
        Exact numbers; floats and symbolic expressions are refused.

    Returns
    -------
    tuple of int
        The rank of each value, in the order given.

    Raises
    ------
    UsageError
        For a float, a boolean, a symbolic expression or an empty sequence.

    Examples
    --------
    >>> ordinal_pattern([5, 3, 1, 0])
    (4, 3, 2, 1)
    >>> ordinal_pattern([2, 0, 0, 1])
    (3, 1, 1, 2)
    """
    values = list(values)
    if not values:
        raise UsageError("ordinal_pattern(): expected at least one value, got none")
    for k, v in enumerate(values):
        _check_number(v, f"ordinal_pattern(): value {k}")
    where = "ordinal_pattern()"
    order = sorted(
        range(len(values)),
        key=_cmp_key(values, where),
    )
    ranks = [0] * len(values)
    rank = 0
    previous = None
    for idx in order:
        if previous is None or not _equal(values[previous], values[idx], where):
            rank += 1
        ranks[idx] = rank
        previous = idx
    return tuple(ranks)


def _cmp_key(values, where):
    def compare(i, j):
        if _less(values[i], values[j], where):
            return -1
        if _less(values[j], values[i], where):
            return 1
        return 0

    return functools.cmp_to_key(compare)


def _as_matrix(m, what: str) -> tuple[tuple, tuple]:
    try:
        rows = tuple(tuple(r) for r in m)
    except TypeError as exc:
        raise UsageError(f"{what}: expected a 2x2 matrix (two rows of two payoffs), got {m!r}") from exc
    if len(rows) != 2 or any(len(r) != 2 for r in rows):
        raise UsageError(f"{what}: expected a 2x2 matrix (two rows of two payoffs), got {m!r}")
    return rows


def ordinal_game(row, col) -> tuple[Matrix, Matrix]:
    """Reduce a 2x2 game to dense ordinal ranks, one player at a time.

    Parameters
    ----------
    row, col : 2x2 nested sequences of exact numbers
        ``row[i][j]`` and ``col[i][j]``: the row and column player's payoffs in cell
        ``(i, j)``.

    Returns
    -------
    (row_ranks, col_ranks) : tuple of two 2x2 tuples of int
        Each player's payoffs replaced by :func:`ordinal_pattern` ranks (1 = worst).
    """
    r = _as_matrix(row, "row payoffs")
    c = _as_matrix(col, "column payoffs")
    rr = ordinal_pattern((r[0][0], r[0][1], r[1][0], r[1][1]))
    cr = ordinal_pattern((c[0][0], c[0][1], c[1][0], c[1][1]))
    return ((rr[0], rr[1]), (rr[2], rr[3])), ((cr[0], cr[1]), (cr[2], cr[3]))


# ---------------------------------------------------------------------------------------------
# Symmetries of a 2x2 game
# ---------------------------------------------------------------------------------------------


def _swap_rows(m: Matrix) -> Matrix:
    return (m[1], m[0])


def _swap_cols(m: Matrix) -> Matrix:
    return ((m[0][1], m[0][0]), (m[1][1], m[1][0]))


def _transpose(m: Matrix) -> Matrix:
    return ((m[0][0], m[1][0]), (m[0][1], m[1][1]))


def relabellings(row, col) -> Iterator[tuple[Matrix, Matrix]]:
    """The four relabellings of a game's strategies: identity, rows, columns, both swapped."""
    for swap_r in (False, True):
        for swap_c in (False, True):
            r, c = row, col
            if swap_r:
                r, c = _swap_rows(r), _swap_rows(c)
            if swap_c:
                r, c = _swap_cols(r), _swap_cols(c)
            yield r, c


def swap_players(row, col) -> tuple[Matrix, Matrix]:
    """Exchange the players: the old column player chooses rows now.

    Returns ``(transpose(col), transpose(row))``.
    """
    return _transpose(col), _transpose(row)


def is_symmetric(row, col) -> bool:
    """Whether some relabelling of strategies makes ``col`` the transpose of ``row``.

    Payoffs are compared as ordinal ranks (:func:`ordinal_game`), so the test is ordinal
    symmetry.
    """
    r, c = ordinal_game(row, col)
    return any(cc == _transpose(rr) for rr, cc in relabellings(r, c))


def pure_equilibria(row, col) -> tuple[tuple[int, int], ...]:
    """Pure Nash equilibria of a 2x2 game: cells ``(i, j)`` where neither player gains by
    deviating alone (weak inequalities, so ties give weak equilibria)."""
    r = _as_matrix(row, "row payoffs")
    c = _as_matrix(col, "column payoffs")
    where = "pure_equilibria()"
    cells = []
    for i in (0, 1):
        for j in (0, 1):
            if not _less(r[i][j], r[1 - i][j], where) and not _less(c[i][j], c[i][1 - j], where):
                cells.append((i, j))
    return tuple(cells)


# ---------------------------------------------------------------------------------------------
# Locating a game
# ---------------------------------------------------------------------------------------------


def _is_strict(m: Matrix) -> bool:
    return sorted((m[0][0], m[0][1], m[1][0], m[1][1])) == [1, 2, 3, 4]


def _orient(row: Matrix, col: Matrix) -> tuple[Matrix, Matrix]:
    """Bruns's orientation: row player's best in the right column, column player's best in
    the top row (for tied best outcomes, the first in row-major order decides)."""
    best_r = max(v for line in row for v in line)
    cell = next((i, j) for i in (0, 1) for j in (0, 1) if row[i][j] == best_r)
    if cell[1] == 0:
        row, col = _swap_cols(row), _swap_cols(col)
    best_c = max(v for line in col for v in line)
    cell = next((i, j) for i in (0, 1) for j in (0, 1) if col[i][j] == best_c)
    if cell[0] == 1:
        row, col = _swap_rows(row), _swap_rows(col)
    return row, col


def _column_half(col: Matrix) -> Matrix:
    """The column player's oriented matrix reflected in the anti-diagonal, i.e. written as
    the row half of a symmetric game."""
    return ((col[1][1], col[0][1]), (col[1][0], col[0][0]))


def locate(row, col) -> Topology:
    """Locate a 2x2 game in the Robinson–Goforth topology with Bruns's (2015) names.

    Parameters
    ----------
    row, col : 2x2 nested sequences of exact numbers
        ``row[i][j]`` / ``col[i][j]``: the row / column player's payoff (or rank) in the cell
        where the row player plays ``i`` and the column player ``j``. Payoffs are first
        reduced to ordinal ranks, each player separately (:func:`ordinal_game`), so ranks
        ``1..4`` and cardinal payoffs give the same answer.

    Returns
    -------
    Topology
        For a strict game, its coordinates among the 144; for a game with ties, a result
        with ``ties=True`` and no code (and a classic name only where the literature has one,
        as for the Battle of the Sexes with its equal miscoordination payoffs).

    Notes
    -----
    Algorithm (Bruns 2015, "Locating games"): reduce to ordinal ranks, orient (row player's
    highest payoff in the right column, column player's in the top row), then find the
    symmetric games with the same row half and the same column half.

    Examples
    --------
    >>> t = locate(((3, 1), (4, 2)), ((3, 4), (1, 2)))   # R=3, S=1, T=4, P=2
    >>> t.code, t.bruns, t.name
    ('Pd-Pd', 'Pd', 'prisoners_dilemma')
    """
    r, c = ordinal_game(row, col)
    name = _classic_name_ordinal(r, c)
    label = CLASSIC_LABELS.get(name) if name else None
    oriented = _orient(r, c)
    if not (_is_strict(r) and _is_strict(c)):
        return Topology(
            code=None,
            bruns=None,
            bruns_name=None,
            row_game=None,
            col_game=None,
            name=name,
            label=label,
            symmetric=any(cc == _transpose(rr) for rr, cc in relabellings(r, c)),
            swap=None,
            ties=True,
            oriented=oriented,
        )
    orow, ocol = oriented
    g_row = _ROW_HALF[orow]
    g_col = _ROW_HALF[_column_half(ocol)]
    symmetric = g_row is g_col
    return Topology(
        code=f"{g_row.abbr}-{g_col.abbr}",
        bruns=g_row.abbr if symmetric else g_row.abbr + g_col.abbr,
        bruns_name=g_row.name if symmetric else f"{g_row.name}-{g_col.name}",
        row_game=g_row.abbr,
        col_game=g_col.abbr,
        name=name,
        label=label,
        symmetric=symmetric,
        swap=f"{g_col.abbr}-{g_row.abbr}",
        ties=False,
        oriented=oriented,
    )


def symmetric_game(abbr: str) -> SymmetricGame:
    """The symmetric game with Bruns's abbreviation ``abbr`` (e.g. ``"Pd"``)."""
    try:
        return _BY_ABBR[abbr]
    except KeyError:
        known = ", ".join(g.abbr for g in SYMMETRIC_GAMES)
        raise UsageError(f"symmetric_game(): unknown abbreviation {abbr!r}; expected one of {known}") from None


def game_of(code: str) -> tuple[Matrix, Matrix]:
    """A representative ``(row, col)`` of ranks, in Bruns's orientation, for a code
    ``"<row game>-<column game>"`` (the inverse of :func:`locate` up to relabelling)."""
    parts = code.split("-") if isinstance(code, str) else []
    if len(parts) != 2:
        raise UsageError(f"game_of(): expected a code like 'Pd-Ch', got {code!r}")
    g_row, g_col = symmetric_game(parts[0]), symmetric_game(parts[1])
    half = g_col.oriented_row
    # inverse of _column_half: col[i][j] = half[1-j][1-i]
    col = ((half[1][1], half[0][1]), (half[1][0], half[0][0]))
    return g_row.oriented_row, col


# ---------------------------------------------------------------------------------------------
# Classic names
# ---------------------------------------------------------------------------------------------


def _strict_equilibrium(r: Matrix, c: Matrix, i: int, j: int) -> bool:
    """Each player loses strictly by deviating alone from cell ``(i, j)``."""
    return r[i][j] > r[1 - i][j] and c[i][j] > c[i][1 - j]


def _classic_name_ordinal(r: Matrix, c: Matrix) -> str | None:
    if _is_strict(r) and _is_strict(c):
        orow, ocol = _orient(r, c)
        g_row = _ROW_HALF[orow]
        g_col = _ROW_HALF[_column_half(ocol)]
        if g_row is g_col and g_row.abbr in _STRICT_SYMMETRIC_NAMES:
            return _STRICT_SYMMETRIC_NAMES[g_row.abbr]
    eq = pure_equilibria(r, c)
    if not eq:
        # No pure equilibrium: best replies cycle, as in Matching Pennies.
        return "matching_pennies"
    if len(eq) != 2 or not all(_strict_equilibrium(r, c, i, j) for i, j in eq):
        return None  # one equilibrium, or weak ones: a knife edge between named games
    (i1, j1), (i2, j2) = eq
    r1, r2 = r[i1][j1], r[i2][j2]
    c1, c2 = c[i1][j1], c[i2][j2]
    others = [(i, j) for i in (0, 1) for j in (0, 1) if (i, j) not in eq]
    if (r1 - r2) * (c1 - c2) < 0:
        # The players disagree on the equilibria; Battle of the Sexes when each player
        # prefers either equilibrium to either outcome of miscoordination.
        if all(min(r1, r2) > r[i][j] and min(c1, c2) > c[i][j] for i, j in others):
            return "battle_of_the_sexes"
        return None
    # The players do not rank the two equilibria oppositely: a coordination game.
    return "coordination"


def classic_name(row, col) -> str | None:
    """The classic name of a 2x2 game, if the literature has one.

    Works on cardinal payoffs or ranks, with or without ties (payoffs are reduced to ordinal
    ranks first), and whatever the order of rows and columns.

    Rules, in order:

    1. A symmetric strict game takes the name of its archetype: ``prisoners_dilemma``
       (T > R > P > S), ``chicken`` (T > R > S > P), ``stag_hunt`` (R > T > P > S),
       ``deadlock`` (T > P > R > S), ``harmony`` (R > T > S > P, and also Robinson–Goforth's
       and Bruns's Harmony R > S > T > P), ``leader`` (T > S > R > P), ``hero``
       (S > T > R > P) (Rapoport and Guyer 1966; Rapoport 1967).
    2. No pure equilibrium (best replies cycle): ``matching_pennies``.
    3. Exactly two pure equilibria, both strict (each player loses by deviating alone;
       two strict equilibria of a 2x2 game always lie on a diagonal):

       * the players rank them oppositely and each prefers both to both other outcomes:
         ``battle_of_the_sexes`` (Luce and Raiffa's game, with its tied miscoordination
         payoffs, lies on the boundary between Leader and Hero);
       * the players do not rank them oppositely (both prefer the same one, or one or
         both are indifferent): ``coordination``.

    4. Otherwise ``None``.

    Parameters
    ----------
    row, col : 2x2 nested sequences of exact numbers
        The row and column player's payoffs, ``row[i][j]`` in cell ``(i, j)``.

    Returns
    -------
    str or None
    """
    r, c = ordinal_game(row, col)
    return _classic_name_ordinal(r, c)


def classic_label(name: str | None) -> str | None:
    """The human-readable label of a classic name (``"Prisoner's Dilemma"``), or ``None``."""
    return CLASSIC_LABELS.get(name) if name else None


# ---------------------------------------------------------------------------------------------
# Enumeration
# ---------------------------------------------------------------------------------------------


def all_strict_games() -> Iterator[tuple[Matrix, Matrix]]:
    """All ``576`` strict ordinal 2x2 games ``(row, col)``, ranks ``1..4``, in a fixed order."""
    perms = list(itertools.permutations((1, 2, 3, 4)))
    for p in perms:
        row = ((p[0], p[1]), (p[2], p[3]))
        for q in perms:
            yield row, ((q[0], q[1]), (q[2], q[3]))
