"""Game trees in LaTeX with the istgame package (In-Sung Cho, CTAN; TeX Live ``texlive-pictures``).

Conventions
-----------
* One ``\\istroot`` per decision or chance node, named ``n<k>`` by its pre-order index and
  placed at its parent's branch (``n<parent>-<move number>``); the sibling distance of each node
  is wide enough for the leaves below it, so subtrees never overlap.
* Players' names and move names are text, payoffs and probabilities math (sympy's LaTeX
  printer, :func:`gametheory.export._cells.latex_expr`); a chance node is hollow (istgame's
  ``chance node``) and its probabilities stand in parentheses after the move names.
* Information sets with several nodes are joined by dashed lines (``\\xtInfoset[dashed]``).
* The moves of one subgame-perfect equilibrium are drawn ``very thick`` (``mark="spe"``): the one
  whose conditions hold at the parameters' default values, else the first one listed; a
  comment line says which.
"""

from __future__ import annotations

from ._cells import latex_escape, latex_expr

__all__ = ["istgame"]

_LEVEL = "15mm"
_UNIT = 22  # mm of sibling distance per leaf


def _widths(tree) -> list[int]:
    width = [1] * len(tree.nodes)
    for k in range(len(tree.nodes) - 1, -1, -1):
        node = tree.nodes[k]
        if node.children:
            width[k] = sum(width[c] for c in node.children)
    return width


def _payoffs(values) -> str:
    return "$(" + ", ".join(latex_expr(v) for v in values) + ")$"


def istgame(tree, *, marked: dict | None = None, standalone: bool = False, note: str = "") -> str:
    """The istgame picture of ``tree``; ``marked`` maps information sets to the moves drawn thick."""
    marked = marked or {}
    width = _widths(tree)
    lines = []
    if note:
        lines.append(f"% {note}")
    lines += [r"\begin{istgame}", r"\setistmathTF000", rf"\xtdistance{{{_LEVEL}}}{{{_UNIT}mm}}"]
    for k, node in enumerate(tree.nodes):
        if node.is_leaf:
            continue
        place = ""
        if node.parent is not None:
            parent = tree.nodes[node.parent]
            place = f"(n{node.parent}-{parent.children.index(k) + 1})"
        gaps = [(width[a] + width[b]) / 2 for a, b in zip(node.children, node.children[1:])] or [1]
        sib = f"{max(gaps) * _UNIT:g}mm"
        if node.kind == "chance":
            owner = "Chance"
            style = "[chance node]"
        else:
            owner = latex_escape(tree.players[node.player])
            style = ""
        position = "<above>" if node.parent is None else "<right>"
        lines.append(rf"\istroot(n{k}){place}{style}{position}{{{owner}}}+{_LEVEL}..{sib}+")
        n = len(node.children)
        for j, (m, c) in enumerate(zip(node.moves, node.children)):
            label = latex_escape(m)
            if node.kind == "chance":
                label += f" (${latex_expr(node.probabilities[j])}$)"
            pos = "al" if j < (n - 1) / 2 else ("ar" if j > (n - 1) / 2 else "r")
            thick = "[very thick]" if node.kind == "decision" and marked.get(node.info) == m else ""
            child = tree.nodes[c]
            payoff = f"{{{_payoffs(child.payoffs)}}}" if child.is_leaf else ""
            lines.append(f"  \\istb{thick}{{{label}}}[{pos}]{payoff}")
        lines.append(r"\endist")
    for h in tree.infosets:
        for a, b in zip(h.nodes, h.nodes[1:]):
            lines.append(rf"\xtInfoset[dashed](n{a})(n{b})")
    lines.append(r"\end{istgame}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return ("\\documentclass{article}\n\\usepackage{istgame}\n\\pagestyle{empty}\n\\begin{document}\n"
            f"\\begin{{center}}\n{body}\\end{{center}}\n\\end{{document}}\n")
