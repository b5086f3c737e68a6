"""Payoff tables in GitHub-flavoured Markdown.

Conventions
-----------
* The same tables as :mod:`gametheory.export.latex`, from the same layout
  (:func:`gametheory.export._cells.build_layout`): player 0 chooses the row, player 1 the column,
  and a cell lists every player's payoff in player order, separated by commas. The header's
  first cell reads ``Row \\ Column``. Panels that LaTeX sets side by side (more than two players,
  the type profiles of a Bayesian game) follow one another, each introduced by its label in
  italics.
* Marks: the cell of a pure Nash equilibrium is in **bold**, the cell of one that is an
  equilibrium only under conditions (listed under the table) in *italics*; a best-response payoff is followed
  by an escaped star (``5\\*``), which GitHub shows as ``5*``. The sentences under the table say
  so, and list mixed equilibria with their exact probabilities and any parameter conditions.
* Payoffs are written by sympy's string printer (``(V - C)/2``); in the notes, expressions are
  code spans (`` `V/C` ``). Names are escaped so that no character of theirs starts emphasis,
  code, a link, HTML or a new column (:func:`gametheory.export._cells.markdown_escape`).
* Source columns are padded to one width, so the table reads well as plain text too. Output is
  deterministic and ends in a newline.
"""

from __future__ import annotations

from ._cells import Layout, Math, Panel, build_layout, legend, markdown_escape, text_expr

__all__ = ["markdown_table"]


def _text(parts) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("`" + text_expr(part.value).replace("`", "'") + "`")
        else:
            out.append(markdown_escape(part))
    return "".join(out)


def _payoff(value, best: bool) -> str:
    text = markdown_escape(text_expr(value))
    return text + "\\*" if best else text


def _cell(cell) -> str:
    text = ", ".join(_payoff(v, b) for v, b in zip(cell.payoffs, cell.best))
    if cell.equilibrium and cell.conditional:
        return f"*{text}*"
    return f"**{text}**" if cell.equilibrium else text


def _table(panel: Panel) -> list[str]:
    corner = markdown_escape(panel.row_header)
    if panel.column_header:
        corner += " \\\\ " + markdown_escape(panel.column_header)
    rows = [[corner] + [markdown_escape(c) for c in panel.columns]]
    for name, row in zip(panel.rows, panel.cells):
        rows.append([markdown_escape(name)] + [_cell(c) for c in row])
    widths = [max(3, max(len(r[k]) for r in rows)) for k in range(len(rows[0]))]
    rule = [":" + "-" * (widths[0] - 1)] + [":" + "-" * (w - 2) + ":" for w in widths[1:]]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    return [line(rows[0]), line(rule)] + [line(r) for r in rows[1:]]


def markdown_table(game, *, mark: str = "equilibria", equilibria=None, title: bool = False,
                   notes: bool = True) -> str:
    """A payoff table of ``game`` in GitHub-flavoured Markdown.

    Parameters
    ----------
    game : Game or BayesianGame
    mark : {"equilibria", "best-responses", "none"}
        ``"equilibria"`` puts the cells of pure equilibria in bold and lists mixed ones under
        the table; ``"best-responses"`` stars each best-response payoff.
    equilibria : EquilibriumSet, optional
        The equilibria to mark; computed with :func:`gametheory.equilibria.equilibria` when omitted.
    title : bool
        Start with the game's title in bold (and, for a Bayesian game, the priors).
    notes : bool
        End with the sentences that explain the marks and list mixed equilibria.

    Returns
    -------
    str
        Markdown ending in a newline.
    """
    layout: Layout = build_layout(game, mark=mark, equilibria=equilibria)
    blocks: list[str] = []
    if title:
        heading = "**" + markdown_escape(layout.title or "Payoff table") + "**"
        if layout.caption:
            heading += _text(layout.caption)
        blocks.append(heading)
    elif layout.caption:
        blocks.append(_text(layout.caption).lstrip(". "))
    for panel in layout.panels:
        if panel.label:
            blocks.append("*" + _text(panel.label) + "*")
        blocks.append("\n".join(_table(panel)))
    if notes:
        sentences = [markdown_escape(legend(layout, best_words="starred", equilibrium_words="in bold",
                                            conditional_words="in italics"))]
        sentences.extend(_text(note) for note in layout.notes)
        blocks.append(" ".join(sentences))
    return "\n\n".join(blocks) + "\n"
