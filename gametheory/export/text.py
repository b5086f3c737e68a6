"""Plain-text output for a terminal, a slide or a paper's draft: aligned payoff tables and reports.

Conventions: expressions are printed with :func:`gametheory.export.text.show` (sympy's string
printer, exact; ``V/2 - C/2`` stays symbolic). A payoff cell lists the players' payoffs in
player order, separated by commas. Pure equilibria are marked ``*`` after the cell, and
``(*)`` where the cell is an equilibrium only under conditions.
"""

from __future__ import annotations

import itertools

import sympy

from .. import conditions
from ..games import BayesianGame, Game


def show(value) -> str:
    """An exact expression or relation for people: the JSON's text (without quotes), with the
    positive terms of every sum first (``p - cC``, not ``-cC + p``; see
    :func:`gametheory.conditions.readable`)."""
    if isinstance(value, (sympy.core.relational.Relational, sympy.And, sympy.Or)):
        return conditions.describe(value)
    value = sympy.sympify(value)
    roots = sorted(value.atoms(sympy.CRootOf), key=str)
    if roots:  # an exact algebraic number: named, with where it lies and what it is a root of
        names = {r: sympy.Symbol("r" if len(roots) == 1 else f"r{k + 1}") for k, r in enumerate(roots)}
        where = "; ".join(f"{names[r]} the root near {sympy.N(r, 4)} of {conditions.to_str(r.expr)} = 0"
                          for r in roots)
        return f"{conditions.readable(value.xreplace(names))} ({where})"
    return conditions.readable(value)


def show_conditions(conds) -> str:
    return conditions.describe(tuple(conds))


def _grid(rows: list[list[str]], header_rows: int = 2, gap: str = "   ") -> list[str]:
    widths = [max(len(r[k]) for r in rows if k < len(r)) for k in range(max(len(r) for r in rows))]
    out = []
    for row in rows:
        cells = [cell.ljust(widths[k]) for k, cell in enumerate(row)]
        out.append(gap.join(cells).rstrip())
    return out


#: The marks after a cell: a pure equilibrium, and one only under conditions.
MARK, CONDITIONAL_MARK = "*", "(*)"


def payoff_table(game: Game, marked=frozenset(), indent: str = "  ", conditional=frozenset()) -> str:
    """An aligned payoff table. Two players: rows × columns. More players: one table per
    profile of the players after the second. ``marked`` is a set of pure profiles to mark ``*``,
    ``conditional`` those (among them) that are equilibria only under conditions, marked ``(*)``."""
    lines: list[str] = []
    if game.n_players == 1:  # pragma: no cover - games have two or more players
        raise ValueError("payoff_table(): expected two or more players")
    rest = list(itertools.product(*(range(len(s)) for s in game.strategies[2:])))
    for k, tail in enumerate(rest):
        if tail:
            label = ", ".join(f"{game.players[2 + j]} plays {game.strategies[2 + j][t]}" for j, t in enumerate(tail))
            if k:
                lines.append("")
            lines.append(f"{indent}{label}:")
        row_player, col_player = game.players[0], game.players[1]
        rows = [["", "", col_player] + [""] * (len(game.strategies[1]) - 1),
                ["", ""] + list(game.strategies[1])]
        for i, row_name in enumerate(game.strategies[0]):
            cells = [row_player if i == 0 else "", row_name]
            for j in range(len(game.strategies[1])):
                profile = (i, j) + tail
                text = ", ".join(show(v) for v in game.outcome(profile))
                if profile in marked:
                    text += " " + (CONDITIONAL_MARK if profile in conditional else MARK)
                cells.append(text)
            rows.append(cells)
        lines.extend(indent + line for line in _grid(rows))
    return "\n".join(lines)


def bayesian_tables(game: BayesianGame, indent: str = "  ") -> str:
    """One payoff table per type profile, with its prior."""
    parts = []
    for key in game.type_profiles():
        names = ", ".join(f"{game.players[i]} is {game.types[i][t][0]}" for i, t in zip(game.typed_players, key))
        parts.append(f"{indent}When {names} (probability {show(game.prior(key))}):")
        parts.append(payoff_table(game.conditional_game(key), indent=indent + "  "))
    return "\n".join(parts)


def profile_text(game: Game, profile) -> str:
    """``(Defect, Defect)`` for a pure profile; per-player mixtures otherwise."""
    bayes = game.bayesian
    if bayes is None and profile.is_pure:
        idx = profile.pure_indices
        return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(idx)) + ")"
    parts = []
    for i, player in enumerate(game.players):
        probs = profile.probabilities[i]
        if bayes is not None and bayes.types[i]:
            behaviour = bayes.behaviour(i, probs)
            per_type = [f"{type_name}: {_mixture(bayes.actions[i], behaviour[t])}"
                        for t, (type_name, _) in enumerate(bayes.types[i])]
            parts.append(f"{player} [{'; '.join(per_type)}]")
        else:
            names = bayes.actions[i] if bayes is not None else game.strategies[i]
            parts.append(f"{player} {_mixture(names, probs)}")
    return "; ".join(parts)


def _mixture(names, probs) -> str:
    support = [(n, p) for n, p in zip(names, probs) if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return support[0][0]
    return ", ".join(f"{n} {show(sympy.factor(p) if getattr(p, 'free_symbols', None) else p)}" for n, p in support)
