"""The assumptions of a game as one line of a report: those the spec states, then those it
implies (a prior is a probability, a root is real), each group with its reason."""

from __future__ import annotations


def implied_of(game) -> tuple:
    """``(relation, reason)`` of the implied assumptions the game still has (a value given with
    a substitution may have settled some)."""
    kept = set(game.assumptions)
    return tuple((rel, why) for rel, why in getattr(game, "implied", ()) if rel in kept)


def assumptions_text(game, show) -> str:
    """``"c < b, 0 < c; 0 <= p, p <= 1 (added: a prior is a probability)"``; ``show`` renders one
    relation. Empty when the game has no assumptions."""
    implied = implied_of(game)
    added = {rel for rel, _ in implied}
    stated = [show(a) for a in game.assumptions if a not in added]
    groups: dict[str, list] = {}
    for rel, why in implied:
        groups.setdefault(why, []).append(show(rel))
    parts = [", ".join(stated)] if stated else []
    parts += [f"{', '.join(rels)} (added: {why})" for why, rels in groups.items()]
    return "; ".join(parts)


def implied_list(game, write) -> list[dict]:
    """The implied assumptions for JSON: ``[{"assumption": ..., "reason": ...}]``."""
    return [{"assumption": write(rel), "reason": why} for rel, why in implied_of(game)]
