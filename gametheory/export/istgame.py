"""Game trees in LaTeX with the istgame package (In-Sung Cho, CTAN; TeX Live ``texlive-pictures``).

Conventions
-----------
* One ``\\istroot`` per decision or chance node, named ``n<k>`` by its pre-order index and
  placed at its parent's branch (``n<parent>-<move number>``); the sibling distance of each node
  is wide enough for the leaves below it, so subtrees never overlap.
* Players' names and move names are text, payoffs and probabilities math (sympy's LaTeX
  printer, :func:`gametheory.export._cells.latex_expr`); a chance node is hollow (istgame's
  ``chance node``) and its probabilities stand in parentheses after the move names.
* Information sets with several nodes are joined by dashed arcs (``\\xtInfoset[dashed, bend left=12]``,
  bending the other way for every second set), labelled once with their player. Payoffs stand
  stacked below each leaf, in player order; a tree wider than 130 mm is drawn to scale.
* The moves of one subgame-perfect equilibrium are drawn ``very thick`` (``mark="spe"``): the one
  whose conditions hold at the parameters' default values, else the first one listed; a
  comment line says which.
"""

from __future__ import annotations

from ._cells import latex_escape, latex_expr

__all__ = ["istgame"]

_LEVEL = "15mm"
_UNIT = 16  # mm of sibling distance per leaf
_WIDTH = 130  # mm: wider trees are drawn smaller (the labels keep their size)


def _widths(tree) -> list[int]:
    width = [1] * len(tree.nodes)
    for k in range(len(tree.nodes) - 1, -1, -1):
        node = tree.nodes[k]
        if node.children:
            width[k] = sum(width[c] for c in node.children)
    return width


def _payoffs(values) -> str:
    """Payoffs stacked in player order, so that neighbouring leaves' labels do not collide."""
    return r"$\begin{array}{c}" + r" \\ ".join(latex_expr(v) for v in values) + r"\end{array}$"


def istgame(tree, *, marked: dict | None = None, standalone: bool = False, note: str = "") -> str:
    """The istgame picture of ``tree``; ``marked`` maps information sets to the moves drawn thick."""
    marked = marked or {}
    width = _widths(tree)
    lines = []
    if note:
        lines.append(f"% {note}")
    scale = min(1.0, _WIDTH / (width[0] * _UNIT))
    option = f"[scale={scale:.2f}]" if scale < 1 else ""
    sizes = {h.id: len(h.nodes) for h in tree.infosets}
    lines += [rf"\begin{{istgame}}{option}", r"\setistmathTF000", rf"\xtdistance{{{_LEVEL}}}{{{_UNIT}mm}}"]
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
            # a node of an information set with several nodes: the player is named on the set's line
            owner = latex_escape(tree.players[node.player]) if sizes[node.info] == 1 else ""
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
    shown = 0
    for h in tree.infosets:
        if len(h.nodes) < 2:
            continue
        bend = "bend left=12" if shown % 2 == 0 else "bend right=12"
        position = "a" if shown % 2 == 0 else "b"
        shown += 1
        for j, (a, b) in enumerate(zip(h.nodes, h.nodes[1:])):
            label = f"{{{latex_escape(tree.players[h.player])}}}[{position}]" if j == 0 else ""
            lines.append(rf"\xtInfoset[dashed, {bend}](n{a})(n{b}){label}")
    lines.append(r"\end{istgame}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return ("\\documentclass{article}\n\\usepackage{istgame}\n\\pagestyle{empty}\n\\begin{document}\n"
            f"\\begin{{center}}\n{body}\\end{{center}}\n\\end{{document}}\n")
