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


#: Characters of names that cannot stand inside ``\\text{...}``: each is written in math mode
#: with a command that both LaTeX (pdflatex, through nbconvert) and MathJax know. ``<``, ``>``
#: and ``|`` print as other glyphs in LaTeX's default text font encoding.
_MATH_CHARS = {
    "\\": "\\backslash ", "{": "\\{", "}": "\\}", "%": "\\%", "$": "\\$", "#": "\\#", "&": "\\&",
    "_": "\\_", "^": "\\hat{}", "~": "\\sim ", "<": "<", ">": ">", "|": "\\vert ",
}


def _math_text(name: str) -> str:
    """A name in math mode: runs of plain characters in ``\\text{...}``, the characters of
    :data:`_MATH_CHARS` as math commands (``R&D 100%`` gives ``\\text{R}\\&\\text{D 100}\\%``)."""
    out, run = [], []
    for ch in name:
        if ch in _MATH_CHARS:
            if run:
                out.append("\\text{" + "".join(run) + "}")
                run = []
            out.append(_MATH_CHARS[ch])
        else:
            run.append(ch)
    if run:
        out.append("\\text{" + "".join(run) + "}")
    return "{" + "".join(out) + "}" if out else "{}"


def game_latex(game) -> str:
    """The payoff table as a math-mode ``array`` (what MathJax in a notebook can render, and
    pdflatex when a notebook is converted): the corner names the row and the column player."""
    game = game.harsanyi() if hasattr(game, "harsanyi") else game
    blocks = []
    corner = _math_text(game.players[0]) + " \\backslash " + _math_text(game.players[1])
    for label, at in _panels(game):
        cols = "l|" + "c" * len(game.strategies[1])
        rows = [" & ".join([corner] + [_math_text(s) for s in game.strategies[1]]) + " \\\\ \\hline"]
        for i, name in enumerate(game.strategies[0]):
            cells = [", ".join(sympy.latex(v) for v in game.outcome(at(i, j))) for j in range(len(game.strategies[1]))]
            rows.append(" & ".join([_math_text(name)] + cells) + " \\\\")
        caption = f"{_math_text(label)}\\quad " if label else ""
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


def _profile_words(profile) -> str:
    """A profile without its game: strategies by number (1 for the first)."""
    if profile.is_pure:
        return "strategies (" + ", ".join(str(k + 1) for k in profile.pure_indices) + ")"
    from .text import show

    return "; ".join(f"player {i + 1} plays (" + ", ".join(f"`{show(p)}`" for p in probs) + ")"
                     for i, probs in enumerate(profile.probabilities))


def equilibrium_markdown(equilibrium) -> str:
    """One :class:`~gametheory.equilibria.result.Equilibrium` in Markdown. It does not know its
    game, so strategies are numbered (1 for each player's first); an
    :class:`~gametheory.equilibria.EquilibriumSet` names them."""
    from .text import show, show_conditions

    payoffs = ", ".join(f"`{show(v)}`" for v in equilibrium.payoffs)
    when = f" when `{show_conditions(equilibrium.conditions)}`" if equilibrium.conditions else ""
    return f"{equilibrium.kind.capitalize()} equilibrium: {_profile_words(equilibrium.profile)}; payoffs {payoffs}{when}\n"


def equilibrium_latex(equilibrium) -> str:
    """One equilibrium in math mode: each player's probabilities and the payoffs (and when)."""
    probs = ", ".join("(" + ", ".join(sympy.latex(p) for p in row) + ")" for row in equilibrium.profile.probabilities)
    payoffs = ", ".join(sympy.latex(v) for v in equilibrium.payoffs)
    text = f"\\sigma = ({probs}),\\quad u = ({payoffs})"
    if equilibrium.conditions:
        text += "\\quad \\text{when } " + " \\wedge ".join(sympy.latex(c) for c in equilibrium.conditions)
    return "$" + text + "$"


def classification_markdown(classification) -> str:
    """A :class:`~gametheory.analysis.classify.Classification` in Markdown, its verdict in bold."""
    from .report import classification_lines

    lines = classification_lines(classification)
    return "\n".join([f"**{lines[0]}**", *lines[1:]]) + "\n"
