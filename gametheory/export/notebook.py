"""Rich display in Jupyter: what a notebook shows for games and results. The report layer
registers these with IPython's display formatters (:mod:`gametheory.report.notebook`), and
report values call them from their ``_repr_*_`` methods. Two-player payoff tables (and, for
more players, one table per strategy profile of the others) in MathJax-friendly LaTeX
(``array``, math mode) and HTML; lists of equilibria and classifications in Markdown.
"""

from __future__ import annotations

import html
import itertools

import sympy


def _panels(game):
    """(label, sub-game view) pairs: one per profile of the players after the second."""
    if game.n_players == 2:
        return [("", lambda i, j: (i, j))]
    panels = []
    for tail in itertools.product(*(range(len(s)) for s in game.strategies[2:])):
        label = ", ".join(f"{game.players[2 + k]}: {game.strategies[2 + k][t]}" for k, t in enumerate(tail))
        panels.append((label, lambda i, j, tail=tail: (i, j) + tail))
    return panels


def _math_text(name: str) -> str:
    escaped = name.replace("\\", "\\backslash ").replace("_", "\\_").replace("{", "\\{").replace("}", "\\}")
    return f"\\text{{{escaped}}}"


def game_latex(game) -> str:
    """The payoff table as a math-mode ``array`` (what MathJax in a notebook can render)."""
    game = game.harsanyi() if hasattr(game, "harsanyi") else game
    blocks = []
    for label, at in _panels(game):
        cols = "l|" + "c" * len(game.strategies[1])
        rows = [" & ".join([""] + [_math_text(s) for s in game.strategies[1]]) + " \\\\ \\hline"]
        for i, name in enumerate(game.strategies[0]):
            cells = [", ".join(sympy.latex(v) for v in game.outcome(at(i, j))) for j in range(len(game.strategies[1]))]
            rows.append(" & ".join([_math_text(name)] + cells) + " \\\\")
        caption = f"\\text{{{html.escape(label)}}}\\quad " if label else ""
        blocks.append(caption + f"\\begin{{array}}{{{cols}}}\n" + "\n".join(rows) + "\n\\end{array}")
    return "$$" + "\\qquad ".join(blocks) + "$$"


def game_html(game) -> str:
    """The payoff table as HTML."""
    game = game.harsanyi() if hasattr(game, "harsanyi") else game
    parts = [f"<p><b>{html.escape(game.title)}</b></p>"]
    for label, at in _panels(game):
        if label:
            parts.append(f"<p>{html.escape(label)}</p>")
        head = "".join(f"<th>{html.escape(s)}</th>" for s in game.strategies[1])
        rows = [f"<tr><th>{html.escape(game.players[0])} \\ {html.escape(game.players[1])}</th>{head}</tr>"]
        for i, name in enumerate(game.strategies[0]):
            cells = "".join(
                f"<td>{html.escape(', '.join(str(v) for v in game.outcome(at(i, j))))}</td>"
                for j in range(len(game.strategies[1]))
            )
            rows.append(f"<tr><th>{html.escape(name)}</th>{cells}</tr>")
        parts.append("<table>" + "".join(rows) + "</table>")
    return "\n".join(parts)


def game_markdown(game) -> str:
    from .markdown import markdown_table

    return markdown_table(game, mark="none", title=True)


def text_html(text: str) -> str:
    """A plain-text report as preformatted HTML."""
    return f"<pre>{html.escape(text)}</pre>"


def equilibria_markdown(equilibria) -> str:
    """A list of equilibria (an :class:`~gametheory.equilibria.EquilibriumSet`) in Markdown."""
    from .text import profile_text, show, show_conditions

    lines = [f"{len(equilibria.equilibria)} equilibria ({equilibria.method}; "
             f"{'complete' if equilibria.complete else 'possibly incomplete'}):", ""]
    for k, e in enumerate(equilibria.equilibria, start=1):
        when = f" when `{show_conditions(e.conditions)}`" if e.conditions else ""
        payoffs = ", ".join(f"`{show(v)}`" for v in e.payoffs)
        lines.append(f"{k}. {e.kind}: {profile_text(equilibria.game, e.profile)}; payoffs {payoffs}{when}")
    return "\n".join(lines) + "\n"


def classification_markdown(classification) -> str:
    """A :class:`~gametheory.analysis.classify.Classification` in Markdown, its verdict in bold."""
    from .report import classification_lines

    lines = classification_lines(classification)
    return "\n".join([f"**{lines[0]}**", *lines[1:]]) + "\n"
