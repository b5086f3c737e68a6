"""Tests of gametheory.analysis.topology: the Robinson–Goforth topology with Bruns's names.

Exhaustive over the 576 strict ordinal 2x2 games and the 5,625 ordinal games with ties;
the whole file runs in a few seconds.
"""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction

import pytest
import sympy

from gametheory.analysis.topology import (
    CLASSIC_LABELS,
    SYMMETRIC_GAMES,
    Topology,
    all_strict_games,
    classic_name,
    game_of,
    is_symmetric,
    locate,
    ordinal_game,
    ordinal_pattern,
    pure_equilibria,
    relabellings,
    swap_players,
    symmetric_game,
)
from gametheory.errors import UsageError

STRICT = list(all_strict_games())


def transpose(m):
    return ((m[0][0], m[1][0]), (m[0][1], m[1][1]))


def symmetric_from_rstp(r, s, t, p):
    """The symmetric game with row payoffs ((R, S), (T, P)), strategy 0 = Cooperate."""
    row = ((r, s), (t, p))
    return row, transpose(row)


def from_order(order):
    """Ranks R, S, T, P from an ordering best-to-worst such as "TRPS"."""
    rank = {letter: 4 - k for k, letter in enumerate(order)}
    return rank["R"], rank["S"], rank["T"], rank["P"]


# All the ways to write one game: the four relabellings, each with the players as given or
# exchanged (the exchange gives the mirror game, which for a symmetric game is itself).
def all_writings(row, col):
    for r, c in relabellings(row, col):
        yield r, c
        yield swap_players(r, c)


# ---------------------------------------------------------------------------------------------
# The 144 games
# ---------------------------------------------------------------------------------------------


def test_576_strict_games_enumerated_once_each():
    assert len(STRICT) == 576
    assert len(set(STRICT)) == 576
    for row, col in STRICT:
        assert sorted(v for line in row for v in line) == [1, 2, 3, 4]
        assert sorted(v for line in col for v in line) == [1, 2, 3, 4]


def test_exactly_144_codes_each_from_four_writings():
    counts = Counter(locate(r, c).code for r, c in STRICT)
    assert len(counts) == 144
    assert set(counts.values()) == {4}
    abbrs = [g.abbr for g in SYMMETRIC_GAMES]
    assert set(counts) == {f"{a}-{b}" for a in abbrs for b in abbrs}


def test_code_unchanged_when_rows_or_columns_are_swapped():
    for row, col in STRICT:
        code = locate(row, col).code
        assert {locate(r, c).code for r, c in relabellings(row, col)} == {code}


def test_exchanging_players_gives_the_swap_mirror():
    for row, col in STRICT:
        t = locate(row, col)
        mirror = locate(*swap_players(row, col))
        assert mirror.code == t.swap
        assert mirror.swap == t.code
        assert t.swap == f"{t.col_game}-{t.row_game}"


def test_78_classes_up_to_exchange_of_players():
    # Rapoport and Guyer (1966): 78 strategically distinct strict ordinal 2x2 games.
    classes = {frozenset((locate(r, c).code, locate(r, c).swap)) for r, c in STRICT}
    assert len(classes) == 78


def test_12_symmetric_games():
    symmetric = {locate(r, c).code for r, c in STRICT if locate(r, c).symmetric}
    assert len(symmetric) == 12
    assert symmetric == {f"{g.abbr}-{g.abbr}" for g in SYMMETRIC_GAMES}
    # independent check: a relabelling makes the column matrix the row matrix transposed
    for row, col in STRICT:
        t = locate(row, col)
        assert t.symmetric == is_symmetric(row, col)
        assert t.symmetric == (t.code == t.swap)


def test_game_of_inverts_locate():
    for g in SYMMETRIC_GAMES:
        for h in SYMMETRIC_GAMES:
            code = f"{g.abbr}-{h.abbr}"
            row, col = game_of(code)
            assert locate(row, col).code == code
            # game_of returns the game in Bruns's orientation
            assert locate(row, col).oriented == (row, col)


def test_bruns_abbreviations_and_names():
    t = locate(*game_of("Pd-Ch"))
    assert (t.bruns, t.bruns_name) == ("PdCh", "Prisoner's Dilemma-Chicken")
    assert (t.row_game, t.col_game, t.swap, t.symmetric, t.ties) == ("Pd", "Ch", "Ch-Pd", False, False)
    t = locate(*game_of("Sh-Sh"))
    assert (t.bruns, t.bruns_name, t.symmetric) == ("Sh", "Stag Hunt", True)
    assert t.to_dict() == {
        "system": "robinson-goforth",
        "code": "Sh-Sh",
        "bruns": "Sh",
        "bruns_name": "Stag Hunt",
        "row_game": "Sh",
        "col_game": "Sh",
        "symmetric": True,
        "swap": "Sh-Sh",
        "ties": False,
    }


# ---------------------------------------------------------------------------------------------
# Spot checks against Bruns (2015)
# ---------------------------------------------------------------------------------------------

# The 12 symmetric ordinal games of Bruns (2015), "Names for Games: Locating 2 x 2 Games",
# Games 6(4):495-520, section 4 (names and abbreviations of the symmetric games), as the
# row player's ranks (R, S, T, P) with strategy 0 = Cooperate. Two public transcriptions of
# that table agree on every entry (gopalpenny/nitratesgame, data-raw/game_2x2_structures.R;
# a Julia game taxonomy citing doi:10.3390/g6040495), and Robinson and Goforth (2005) give
# the same orderings under their names (their Leader = Bruns's Battle, their Safecoord =
# Bruns's Coordination).
BRUNS_SYMMETRIC = {
    "Nc": ("Concord", "RTSP"),
    "Ha": ("Harmony", "RSTP"),
    "Pc": ("Peace", "RSPT"),
    "Co": ("Coordination", "RPST"),
    "As": ("Assurance", "RPTS"),
    "Sh": ("Stag Hunt", "RTPS"),
    "Pd": ("Prisoner's Dilemma", "TRPS"),
    "Dl": ("Deadlock", "TPRS"),
    "Cm": ("Compromise", "TPSR"),
    "Hr": ("Hero", "TSPR"),
    "Ba": ("Battle", "TSRP"),
    "Ch": ("Chicken", "TRSP"),
}


@pytest.mark.parametrize("abbr", sorted(BRUNS_SYMMETRIC))
def test_symmetric_games_as_bruns_gives_them(abbr):
    name, order = BRUNS_SYMMETRIC[abbr]
    assert symmetric_game(abbr).name == name
    assert symmetric_game(abbr).rstp == from_order(order)
    for row, col in all_writings(*symmetric_from_rstp(*from_order(order))):
        t = locate(row, col)
        assert (t.code, t.bruns, t.bruns_name, t.symmetric) == (f"{abbr}-{abbr}", abbr, name, True)


def test_prisoners_dilemma_in_bruns_orientation():
    # Bruns orients the row player's best outcome to the right column and the column
    # player's best to the top row; the Prisoner's Dilemma then reads
    #     (1,4)  (3,3)
    #     (2,2)  (4,1)
    t = locate(*symmetric_from_rstp(3, 1, 4, 2))
    assert t.oriented == (((1, 3), (2, 4)), ((4, 3), (2, 1)))


def test_bruns_cycle_of_adjacent_swaps_and_tiles():
    # Consecutive symmetric games in Bruns's order differ by swapping two adjacent ranks;
    # only Sh->Pd and Ch->Nc swap the two highest (which moves a game to another layer).
    high = []
    for k, g in enumerate(SYMMETRIC_GAMES):
        h = SYMMETRIC_GAMES[(k + 1) % 12]
        diff = [(a, b) for a, b in zip(g.rstp, h.rstp) if a != b]
        assert len(diff) == 2 and diff[0] == diff[1][::-1] and abs(diff[0][0] - diff[0][1]) == 1
        if set(diff[0]) == {3, 4}:
            high.append((g.abbr, h.abbr))
    assert high == [("Sh", "Pd"), ("Ch", "Nc")]

    # Tiles: in each run of three the row player either has a dominant strategy or not.
    def dominant(g):
        (r, s), (t, p) = g.row_matrix
        return (r > t and s > p) or (t > r and p > s)

    assert [dominant(g) for g in SYMMETRIC_GAMES] == [True] * 3 + [False] * 3 + [True] * 3 + [False] * 3


def test_layers_are_where_the_best_outcomes_lie():
    # Which half of Bruns's cycle each coordinate comes from fixes the relative position of
    # the two players' best outcomes: the four layers of the periodic table.
    first = {g.abbr for g in SYMMETRIC_GAMES[:6]}
    for row, col in STRICT:
        t = locate(row, col)
        (ri, rj), = [(i, j) for i in (0, 1) for j in (0, 1) if row[i][j] == 4]
        (ci, cj), = [(i, j) for i in (0, 1) for j in (0, 1) if col[i][j] == 4]
        relation = (
            "same cell" if (ri, rj) == (ci, cj)
            else "same row" if ri == ci
            else "same column" if rj == cj
            else "opposite"
        )
        expected = {
            (True, True): "same cell",
            (False, False): "opposite",
            (True, False): "same row",
            (False, True): "same column",
        }[(t.row_game in first, t.col_game in first)]
        assert relation == expected


def test_equilibria_of_the_symmetric_archetypes():
    # Sanity of the orderings: the textbook equilibrium structure of each archetype.
    def eq(order):
        return set(pure_equilibria(*symmetric_from_rstp(*from_order(order))))

    assert eq("TRPS") == {(1, 1)}  # Prisoner's Dilemma: mutual defection
    assert eq("TPRS") == {(1, 1)}  # Deadlock
    assert eq("RTPS") == {(0, 0), (1, 1)}  # Stag Hunt
    assert eq("TRSP") == {(0, 1), (1, 0)}  # Chicken
    assert eq("TSRP") == {(0, 1), (1, 0)}  # Leader
    assert eq("STRP") == {(0, 1), (1, 0)}  # Hero
    assert eq("RTSP") == {(0, 0)}  # Harmony


def test_ordinal_counts_with_ties_match_bruns():
    # Bruns (2012, arXiv:1206.1880; 2015): 38 symmetric 2x2 ordinal games with and without
    # ties, and 1,413 2x2 ordinal games in all (games up to relabelling of strategies).
    weak = sorted({ordinal_pattern(p) for p in itertools.product((1, 2, 3, 4), repeat=4)})
    assert len(weak) == 75  # weak orders of four outcomes
    mats = [((v[0], v[1]), (v[2], v[3])) for v in weak]
    games = {min(relabellings(r, c)) for r in mats for c in mats}
    assert len(games) == 1413
    assert sum(1 for r, c in games if is_symmetric(r, c)) == 38


# ---------------------------------------------------------------------------------------------
# Classic names
# ---------------------------------------------------------------------------------------------

ARCHETYPES = {
    "prisoners_dilemma": ("TRPS", "Pd"),
    "chicken": ("TRSP", "Ch"),
    "stag_hunt": ("RTPS", "Sh"),
    "deadlock": ("TPRS", "Dl"),
    "harmony": ("RTSP", "Nc"),
    "leader": ("TSRP", "Ba"),
    "hero": ("STRP", "Hr"),
}


@pytest.mark.parametrize("name", sorted(ARCHETYPES))
def test_archetypes_named_in_every_writing(name):
    order, abbr = ARCHETYPES[name]
    writings = list(all_writings(*symmetric_from_rstp(*from_order(order))))
    assert len(set(writings)) >= 4
    for row, col in writings:
        assert classic_name(row, col) == name
        t = locate(row, col)
        assert (t.name, t.label, t.bruns) == (name, CLASSIC_LABELS[name], abbr)


def test_archetypes_from_cardinal_payoffs():
    pd = ((3, 0), (5, 1))
    assert classic_name(pd, transpose(pd)) == "prisoners_dilemma"
    # Chicken / Hawk-Dove with V = 2, C = 4 written with Hawk first
    hd_row = ((Fraction(-1), 2), (0, 1))
    assert classic_name(hd_row, transpose(hd_row)) == "chicken"
    sh = ((sympy.Integer(4), 0), (3, 3))
    assert locate(sh, transpose(sh)).code is None  # T = P: a tie, not Stag Hunt
    sh = ((sympy.Integer(4), 0), (3, 2))
    assert locate(sh, transpose(sh)).name == "stag_hunt"
    assert classic_name(*symmetric_from_rstp(2, 3, 4, 1)) == "leader"


def test_both_harmonies():
    # Robinson-Goforth and Bruns call R > S > T > P Harmony and R > T > S > P Concord.
    assert classic_name(*symmetric_from_rstp(*from_order("RSTP"))) == "harmony"
    assert locate(*symmetric_from_rstp(*from_order("RSTP"))).bruns == "Ha"
    assert locate(*symmetric_from_rstp(*from_order("RTSP"))).bruns == "Nc"


def test_names_of_all_144():
    names = {}
    for row, col in STRICT:
        t = locate(row, col)
        assert t.name == classic_name(row, col)
        assert names.setdefault(t.code, t.name) == t.name
    by_name = Counter(names.values())
    assert by_name == Counter(
        {
            None: 108,
            "matching_pennies": 18,  # the cyclic games: no pure equilibrium
            "coordination": 8,  # {Co, As, Sh} x {Co, As, Sh} except Stag Hunt
            "battle_of_the_sexes": 2,  # Ba-Hr and Hr-Ba
            "harmony": 2,
            "prisoners_dilemma": 1,
            "chicken": 1,
            "stag_hunt": 1,
            "deadlock": 1,
            "leader": 1,
            "hero": 1,
        }
    )
    assert {c for c, n in names.items() if n == "battle_of_the_sexes"} == {"Ba-Hr", "Hr-Ba"}
    for code, name in names.items():
        if name == "matching_pennies":
            assert pure_equilibria(*game_of(code)) == ()


# ---------------------------------------------------------------------------------------------
# Ties
# ---------------------------------------------------------------------------------------------


def test_classic_games_with_ties():
    # Luce and Raiffa's Battle of the Sexes: equal miscoordination payoffs
    bos = (((2, 0), (0, 1)), ((1, 0), (0, 2)))
    for row, col in all_writings(*bos):
        t = locate(row, col)
        assert (t.ties, t.code, t.bruns, t.name, t.label) == (
            True, None, None, "battle_of_the_sexes", "Battle of the Sexes"
        )
        assert t.symmetric
    pennies = (((1, -1), (-1, 1)), ((-1, 1), (1, -1)))
    for row, col in all_writings(*pennies):
        assert classic_name(row, col) == "matching_pennies"
        assert locate(row, col).code is None
    pure = (((1, 0), (0, 1)), ((1, 0), (0, 1)))
    for row, col in all_writings(*pure):
        assert classic_name(row, col) == "coordination"


@pytest.mark.parametrize(
    "rstp",
    [
        (3, 1, 4, 1),  # T > R > S = P: between Prisoner's Dilemma and Chicken
        (4, 1, 4, 2),  # R = T: the Stag Hunt knife edge
        (3, 1, 3, 2),  # R = T again, with rank gaps
        (2, 2, 4, 1),  # R = S
        (1, 1, 1, 1),  # no conflict at all
    ],
)
def test_knife_edges_are_never_misfiled(rstp):
    row, col = symmetric_from_rstp(*rstp)
    t = locate(row, col)
    assert t.ties and t.code is None and t.bruns is None and t.swap is None
    assert t.name not in ARCHETYPES


def test_no_tied_game_gets_a_strict_code():
    weak = sorted({ordinal_pattern(p) for p in itertools.product((1, 2, 3, 4), repeat=4)})
    mats = [((v[0], v[1]), (v[2], v[3])) for v in weak]
    for row in mats:
        for col in mats:
            t = locate(row, col)
            strict = sorted(row[0] + row[1]) == [1, 2, 3, 4] and sorted(col[0] + col[1]) == [1, 2, 3, 4]
            assert t.ties is not strict
            assert (t.code is None) is t.ties
            if t.ties:
                assert t.name not in ARCHETYPES


# ---------------------------------------------------------------------------------------------
# Ordinal reduction and errors
# ---------------------------------------------------------------------------------------------


def test_ordinal_pattern_dense_ranks():
    assert ordinal_pattern([5, 3, 1, 0]) == (4, 3, 2, 1)
    assert ordinal_pattern([2, 0, 0, 1]) == (3, 1, 1, 2)
    assert ordinal_pattern([7, 7, 7, 7]) == (1, 1, 1, 1)
    assert ordinal_pattern([-10, 10, -10, 10]) == (1, 2, 1, 2)
    # exact numbers of different types compared, never hashed or floated
    assert ordinal_pattern([sympy.Rational(1, 2), Fraction(1, 2), 0, sympy.Integer(3)]) == (2, 2, 1, 3)
    assert ordinal_pattern([sympy.sqrt(2), 1, Fraction(3, 2), sympy.pi]) == (2, 1, 3, 4)
    assert ordinal_pattern([sympy.Rational(10**30 + 1, 10**30), 1, 1, 2]) == (2, 1, 1, 3)


@pytest.mark.parametrize(
    "values",
    [[1.5, 2, 3, 4], [sympy.Float(1), 2, 3, 4], [sympy.Symbol("x"), 1, 2, 3], [True, 1, 2, 3], [], ["a", 1, 2, 3]],
)
def test_ordinal_pattern_refuses_inexact_or_symbolic(values):
    with pytest.raises(UsageError):
        ordinal_pattern(values)


def test_locate_refuses_malformed_games():
    with pytest.raises(UsageError, match="2x2"):
        locate(((1, 2, 3), (4, 1)), ((1, 2), (3, 4)))
    with pytest.raises(UsageError, match="2x2"):
        locate(((1, 2),), ((1, 2), (3, 4)))
    with pytest.raises(UsageError):
        game_of("PdCh")
    with pytest.raises(UsageError):
        symmetric_game("Xx")


def test_ordinal_game_and_locate_agree_on_cardinal_and_rank_input():
    row, col = ((Fraction(7, 2), 0), (10, 1)), ((Fraction(7, 2), 10), (0, 1))
    assert ordinal_game(row, col) == (((3, 1), (4, 2)), ((3, 4), (1, 2)))
    assert locate(row, col) == locate(*ordinal_game(row, col))
    assert isinstance(locate(row, col), Topology)
