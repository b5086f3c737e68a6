"""Game trees as text, Markdown and JSON (``gametheory.tree/1``, TREES.md).

Conventions
-----------
* Expressions print as everywhere (:func:`gametheory.export.text.show`; JSON strings by
  :func:`gametheory.export.json.expr_str`). Nodes are named by their ids (TREES.md); the root,
  whose id is the empty string, reads ``root`` in text.
* The tree is drawn indented, one line per node: ``move: node``, where a decision node reads
  ``Player`` (``Player [info h]`` for a node of an information set with several nodes), a chance
  node ``Chance``, a leaf its outcome name and payoffs in player order; a chance move carries its
  probability in brackets.
* Behaviour lists only the moves played with positive probability.
"""

from __future__ import annotations

from .json import conditions_list, expr_str
from .text import show, show_conditions

TREE_SCHEMA = "gametheory.tree/1"

__all__ = ["TREE_SCHEMA", "tree_lines", "tree_dict", "tree_text", "tree_markdown"]


def _name(node_id: str) -> str:
    return node_id if node_id else "root"


def _label(tree, k: int) -> str:
    node = tree.nodes[k]
    if node.is_leaf:
        payoffs = "(" + ", ".join(show(v) for v in node.payoffs) + ")"
        return f"{node.outcome} {payoffs}" if node.outcome else payoffs
    if node.kind == "chance":
        return "Chance"
    sizes = {h.id: len(h.nodes) for h in tree.infosets}
    info = f" [info {node.info}]" if sizes[node.info] > 1 else ""
    return f"{tree.players[node.player]}{info}"


def tree_lines(tree, indent: str = "  ") -> list[str]:
    """The tree drawn as indented text (module docstring), one string per line."""
    lines = [indent + _label(tree, 0)]
    stack = [(0, indent)]
    # depth-first, children in move order, with ASCII branches
    out = []

    def walk(k: int, prefix: str):
        node = tree.nodes[k]
        n = len(node.children)
        for j, (m, c) in enumerate(zip(node.moves, node.children)):
            last = j == n - 1
            probability = f" [{show(node.probabilities[j])}]" if node.kind == "chance" else ""
            out.append(f"{prefix}{'`-' if last else '+-'} {m}{probability}: {_label(tree, c)}")
            if not tree.nodes[c].is_leaf:
                walk(c, prefix + ("   " if last else "|  "))

    del stack
    walk(0, indent)
    return lines + out


def _moves(moves) -> str:
    played = [(m, p) for m, p in moves if p != 0]
    if len(played) == 1:
        return played[0][0]
    return ", ".join(f"{m} {show(p)}" for m, p in played)


def _behaviour_text(behaviour) -> str:
    return "; ".join(f"{_name(info)}: {_moves(moves)}" for info, moves in behaviour)


def _path_text(entry) -> str:
    parts = []
    for node, move, p in entry.path:
        parts.append(move if p == 1 else f"{move} ({show(p)})")
    return ", ".join(parts) or "(none)"


def _outcomes_text(tree, entry) -> str:
    names = {n.id: n.outcome for n in tree.nodes if n.is_leaf}
    parts = []
    for leaf, p in entry.outcome_probabilities:
        label = f"{leaf} ({names[leaf]})" if names.get(leaf) else leaf
        parts.append(label if p == 1 else f"{label} with probability {show(p)}")
    return "; ".join(parts)


def _payoffs_text(tree, payoffs) -> str:
    return ", ".join(f"{player} {show(v)}" for player, v in zip(tree.players, payoffs))


def _when(conds) -> str:
    return f"when {show_conditions(conds)}" if conds else "always"


# -- JSON -----------------------------------------------------------------------------------------

def _behaviour_dict(behaviour) -> dict:
    return {info: {m: expr_str(p) for m, p in moves if p != 0} for info, moves in behaviour}


def _entry_dict(tree, entry) -> dict:
    return {
        "behaviour": _behaviour_dict(entry.behaviour),
        "path": [{"node": node, "move": move, "probability": expr_str(p)} for node, move, p in entry.path],
        "outcome_probabilities": {leaf: expr_str(p) for leaf, p in entry.outcome_probabilities},
        "payoffs": {player: expr_str(v) for player, v in zip(tree.players, entry.payoffs)},
        "conditions": conditions_list(entry.conditions),
    }


def game_dict(tree) -> dict:
    nodes, leaves = [], []
    for node in tree.nodes:
        if node.is_leaf:
            leaf = {"id": node.id}
            if node.outcome:
                leaf["outcome"] = node.outcome
            leaf["payoffs"] = {player: expr_str(v) for player, v in zip(tree.players, node.payoffs)}
            leaves.append(leaf)
        elif node.kind == "chance":
            nodes.append({"id": node.id, "chance": {m: expr_str(p) for m, p in zip(node.moves, node.probabilities)},
                          "moves": list(node.moves)})
        else:
            nodes.append({"id": node.id, "player": tree.players[node.player], "info": node.info,
                          "moves": list(node.moves)})
    return {
        "title": tree.title,
        "players": list(tree.players),
        "parameters": {p.name: (expr_str(p.default) if p.default is not None else None) for p in tree.parameters},
        "assumptions": conditions_list(tree.assumptions),
        "nodes": nodes,
        "leaves": leaves,
    }


def tree_dict(report) -> dict:
    """The ``gametheory.tree/1`` document of a :class:`~gametheory.report.tree.TreeReport`."""
    tree, spe = report.tree, report.spe
    out = {
        "schema": TREE_SCHEMA,
        "game": game_dict(tree),
        "instance": "numeric" if tree.is_numeric else "symbolic",
        "subgames": list(spe.subgames),
        "spe": [_entry_dict(tree, e) for e in spe.equilibria],
        "non_credible": [],
    }
    for entry in report.non_credible:
        item = _entry_dict(tree, entry)
        item["threats"] = [{
            "info": t.info, "move": t.move, "alternative": t.alternative, "loss": expr_str(t.loss),
            "credible_when": ["false"] if t.credible_when is None else conditions_list(t.credible_when),
        } for t in entry.threats]
        out["non_credible"].append(item)
    if report.pbe is not None:
        out["pbe"] = [_pbe_dict(tree, a) for a in report.pbe.assessments]
    out["solver"] = {"method": spe.method, "exact": spe.exact, "complete": spe.complete and report.nash_complete,
                     "notes": list(report.notes)}
    return out


def _pbe_dict(tree, a) -> dict:
    out = {"kind": a.kind, "behaviour": _behaviour_dict(a.behaviour),
           "beliefs": {info: {node: expr_str(p) for node, p in probs} for info, probs in a.beliefs},
           "belief_symbols": dict(a.belief_symbols),
           "belief_conditions": conditions_list(a.belief_conditions),
           "conditions": conditions_list(a.conditions),
           "outcome_probabilities": {leaf: expr_str(p) for leaf, p in a.outcome_probabilities},
           "payoffs": {player: expr_str(v) for player, v in zip(tree.players, a.payoffs)}}
    if a.kind == "pooling":
        out["intuitive_criterion"] = a.intuitive_criterion
        out["intuitive_breaker"] = a.intuitive_breaker
        out["intuitive_fails_when"] = conditions_list(getattr(a, "intuitive_fails_when", ()))
    return out


def _pbe_count(pbe) -> str:
    """``pure (2)``, or ``pure (2) and semi-separating (1)`` when there are hybrid ones."""
    hybrid = sum(1 for a in pbe.assessments if a.kind == "semi-separating")
    pure = len(pbe.assessments) - hybrid
    return f"pure ({pure})" + (f" and semi-separating ({hybrid})" if hybrid else "")


def _pbe_lines(tree, pbe, indent="  ") -> list[str]:
    lines = []
    for k, a in enumerate(pbe.assessments, start=1):
        lines.append(f"{indent}{k}. {a.kind}, {_when(a.conditions)}:")
        lines.append(f"{indent}   behaviour: {_behaviour_text(a.behaviour)}")
        for info, probs in a.beliefs:
            lines.append(f"{indent}   belief at {_name(info)}: " + ", ".join(f"{node} {show(p)}" for node, p in probs))
        if a.belief_conditions:
            lines.append(f"{indent}   off-path beliefs: {show_conditions(a.belief_conditions)} ("
                         + "; ".join(f"{name}: {text}" for name, text in a.belief_symbols) + ")")
        lines.append(f"{indent}   outcomes: {_outcomes_text(tree, a)}")
        lines.append(f"{indent}   payoffs: {_payoffs_text(tree, a.payoffs)}")
        if a.kind == "pooling" and a.intuitive_criterion is not None:
            lines.append(f"{indent}   Intuitive Criterion: " + ("survives" if a.intuitive_criterion else
                                                            f"fails (the {a.intuitive_breaker} type's deviation)"))
        elif a.kind == "pooling" and getattr(a, "intuitive_fails_when", ()):
            lines.append(f"{indent}   Intuitive Criterion: fails when {show_conditions(a.intuitive_fails_when)} "
                         f"(the {a.intuitive_breaker} type's deviation), survives otherwise")
    return lines


# -- text and Markdown ---------------------------------------------------------------------------------

def _spe_lines(tree, spe, indent="  ") -> list[str]:
    lines = []
    for k, e in enumerate(spe.equilibria, start=1):
        lines.append(f"{indent}{k}. {_when(e.conditions)}:")
        lines.append(f"{indent}   behaviour: {_behaviour_text(e.behaviour)}")
        if all(q == 1 for _, _, q in e.path):
            lines.append(f"{indent}   path: {_path_text(e)} -> {_outcomes_text(tree, e)}")
        else:
            lines.append(f"{indent}   outcomes: {_outcomes_text(tree, e)}")
        lines.append(f"{indent}   payoffs: {_payoffs_text(tree, e.payoffs)}")
    return lines


def _threat_lines(tree, entries, indent="  ") -> list[str]:
    lines = []
    for k, e in enumerate(entries, start=1):
        lines.append(f"{indent}{k}. {_behaviour_text(e.behaviour)}, {_when(e.conditions)}; "
                     f"payoffs {_payoffs_text(tree, e.payoffs)}")
        for t in e.threats:
            credible = "it is never credible" if t.credible_when is None else (
                f"credible only when {show_conditions(t.credible_when)}")
            lines.append(f"{indent}   {t.move} at {_name(t.info)} is not credible: {t.alternative} pays "
                         f"{tree.players[tree.infoset(t.info).player]} {show(t.loss)} more; {credible}")
    return lines


def tree_text(report) -> str:
    tree, spe = report.tree, report.spe
    lines = [f"{tree.title} (game tree; players {', '.join(tree.players)})"]
    if tree.assumptions:
        lines.append("Assumptions: " + show_conditions(tree.assumptions))
    lines += ["", "Tree:"] + tree_lines(tree)
    lines += ["", f"Subgames: {', '.join(_name(s) for s in spe.subgames)}"]
    lines += ["", f"Subgame-perfect equilibria ({len(spe.equilibria)}):"] + _spe_lines(tree, spe)
    lines += [""]
    if report.non_credible:
        lines += [f"Pure Nash equilibria of the reduced normal form that are not subgame perfect "
                  f"({len(report.non_credible)}):"]
        lines += _threat_lines(tree, report.non_credible)
    else:
        lines += ["Every pure Nash equilibrium of the reduced normal form is subgame perfect "
                  "(no non-credible threats)."]
    if report.pbe is not None:
        lines += ["", f"Perfect Bayesian equilibria, {_pbe_count(report.pbe)}:"]
        lines += _pbe_lines(tree, report.pbe)
    lines += ["", f"Method: {spe.method}; exact" + ("" if spe.complete and report.nash_complete
                                                    else "; possibly incomplete")]
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def tree_markdown(report) -> str:
    tree, spe = report.tree, report.spe
    lines = [f"# {tree.title}", "", f"Game tree; players {', '.join(tree.players)}."]
    if tree.assumptions:
        lines += ["", f"Assumptions: `{show_conditions(tree.assumptions)}`"]
    lines += ["", "```"] + tree_lines(tree, indent="") + ["```", ""]
    lines += [f"## Subgame-perfect equilibria ({len(spe.equilibria)})", ""]
    for k, e in enumerate(spe.equilibria, start=1):
        when = f"when `{show_conditions(e.conditions)}`" if e.conditions else "always"
        lines.append(f"{k}. {when}: {_behaviour_text(e.behaviour)}; path {_path_text(e)}; "
                     f"payoffs {_payoffs_text(tree, e.payoffs)}")
    lines += ["", f"## Pure Nash equilibria that are not subgame perfect ({len(report.non_credible)})", ""]
    if not report.non_credible:
        lines.append("None: every pure Nash equilibrium of the reduced normal form is subgame perfect.")
    for k, e in enumerate(report.non_credible, start=1):
        when = f"when `{show_conditions(e.conditions)}`" if e.conditions else "always"
        threats = "; ".join(f"{t.move} at {_name(t.info)} is not credible (loss `{show(t.loss)}`)"
                            for t in e.threats)
        lines.append(f"{k}. {_behaviour_text(e.behaviour)}, {when}: {threats}")
    if report.pbe is not None:
        lines += ["", f"## Perfect Bayesian equilibria, {_pbe_count(report.pbe)}", "", "```"]
        lines += _pbe_lines(tree, report.pbe, indent="") + ["```"]
    lines += ["", f"Method: {spe.method}."]
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
