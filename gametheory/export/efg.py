"""Write game trees as Gambit extensive-form files (``.efg``, "EFG 2 R").

Conventions
-----------
* Nodes in pre-order, one per line (:mod:`gametheory.spec.efg` reads them back): each node is
  named by its id; information sets are numbered per player in the order of their first node
  and named by their ids; chance nodes each have their own chance information set.
* Every leaf has an outcome: leaves of one named outcome share its number and name; other
  leaves have an outcome each, without a name. Payoffs and probabilities are exact rationals
  (``3``, ``-3/2``); a symbolic tree must be given values first (``--set`` or ``--numeric``).

References
----------
The Gambit Project, *Gambit: Software Tools for Game Theory*, "Game representation formats:
the extensive game (.efg) file format", version 16.
"""

from __future__ import annotations

from ..errors import UsageError
from .nfg import nfg_number, nfg_string

__all__ = ["to_efg"]


def _number(value, what: str) -> str:
    try:
        return nfg_number(value)
    except UsageError:
        raise UsageError(f"{what} {value} is not a rational number; an .efg file holds rational numbers only") \
            from None


def to_efg(tree) -> str:
    """The ``.efg`` text of a numeric tree."""
    if not tree.is_numeric:
        free = sorted(map(str, tree.free_symbols))
        raise UsageError(f"{tree.title or 'this tree'} has symbolic payoffs or probabilities ({', '.join(free)}); "
                         ".efg holds numbers only", needs="values", names=free)
    numbers: dict[str, int] = {}
    per_player = [0] * tree.n_players
    chance = 0
    outcomes: dict = {}
    lines = [f"EFG 2 R {nfg_string(tree.title)} {{ {' '.join(nfg_string(p) for p in tree.players)} }}",
             nfg_string(tree.description), ""]
    for node in tree.nodes:
        name = nfg_string(node.id)
        if node.is_leaf:
            key = node.outcome if node.outcome else ("#", node.id)
            if key not in outcomes:
                outcomes[key] = len(outcomes) + 1
            payoffs = ", ".join(_number(v, "payoff") for v in node.payoffs)
            label = nfg_string(node.outcome or "")
            lines.append(f"t {name} {outcomes[key]} {label} {{ {payoffs} }}")
        elif node.kind == "chance":
            chance += 1
            moves = " ".join(f"{nfg_string(m)} {_number(q, 'probability')}" for m, q in zip(node.moves, node.probabilities))
            lines.append(f"c {name} {chance} \"\" {{ {moves} }} 0")
        else:
            if node.info not in numbers:
                per_player[node.player] += 1
                numbers[node.info] = per_player[node.player]
            moves = " ".join(nfg_string(m) for m in node.moves)
            lines.append(f"p {name} {node.player + 1} {numbers[node.info]} {nfg_string(node.info)} {{ {moves} }} 0")
    return "\n".join(lines) + "\n"
