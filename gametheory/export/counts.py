"""Count tables of symmetric N-person games in text, Markdown and LaTeX (booktabs).

Conventions
-----------
* The data are a :class:`gametheory.analysis.counts_table.CountTable`: one row per number ``k``
  of *other* players choosing the first strategy, one column per strategy with its payoff, the
  difference (first minus second) and the strategy that does better there (``either`` where they
  tie; the conditions where it depends on the parameters). A player on the worse strategy gains by
  switching, so the last column says who switches.
* A symbolic ``N`` adds the rows for every ``N`` (the general row in ``k`` with its range) under the
  table; the crossing point of the payoff lines (Schelling's diagram) follows, exact.
* Output is deterministic and ends in a newline (Markdown, LaTeX) or is a list of lines (text).
"""

from __future__ import annotations

import re
import textwrap

from ._cells import latex_escape, latex_expr, markdown_escape, text_expr
from .text import show, show_conditions

__all__ = ["better_words", "counts_lines", "counts_markdown", "counts_latex", "crossing_words"]

_INDENT = "  "
_LABEL_RE = re.compile(r"[A-Za-z0-9:._/+\-]+")


def better_words(table, row, expr=show, conds=show_conditions) -> str:
    """Which strategy does better in ``row``: a name, ``either``, or each with its conditions."""
    first, second = table.strategies
    for value, word in ((row.first_better, first), (row.second_better, second), (row.equal, "either")):
        if value == ():
            return word
    parts = [f"{word} when {conds(value)}" for value, word in
             ((row.first_better, first), (row.second_better, second), (row.equal, "either")) if value]
    return "; ".join(parts) or "undecided"


def _k_text(row, expr=show) -> str:
    if row.range:
        return f"{expr(row.range[0])} <= k <= {expr(row.range[1])}"
    return expr(row.k)


def crossing_words(table, expr=show, conds=show_conditions, k="k", kstar="k*") -> list[str]:
    """The sentences on where the payoff lines cross (Schelling's tipping point)."""
    first, second = table.strategies
    out = []
    if table.crossings:
        for c in table.crossings:
            side = (f"{first} does better above it, {second} below: a tipping point" if c.rising else
                    f"{first} does better below it, {second} above: choices settle at it")
            where = (f"between {k} = {expr(c.between[0])} and {k} = {expr(c.between[1])}"
                     if c.between[0] != c.between[1] else "at a whole count")
            how = "where the difference is zero" if c.linear else f"{where}, on the lines joining the counts"
            when = f"; when {conds(c.conditions)}" if c.conditions else ""
            out.append(f"Crossing point: {kstar} = {expr(c.at)} ({how}; {side}{when})")
    elif all(r.first_better == () for r in table.rows):
        out.append(f"Crossing point: none; {first} does better at every {k}")
    elif all(r.second_better == () for r in table.rows):
        out.append(f"Crossing point: none; {second} does better at every {k}")
    elif table.crossing_undecided:
        out.append("Crossing point: depends on the parameters")
    else:
        out.append("Crossing point: none")
    g = table.general_crossing
    if g is not None:
        when = f" when {conds(g.conditions)}" if g.conditions else ""
        out.append(f"For any {expr(table.n_symbol)}: {kstar} = {expr(g.at)}{when}")
    return out


def counts_lines(table) -> list[str]:
    """The count table as text lines (the start of the text report of ``solve``)."""
    first, second = table.strategies
    n = table.players
    head = (f"Payoffs by count (k = how many of the other {n - 1} {table.name}s choose {first}; "
            f"{first} - {second} decides who switches):")
    grid = [["k", first, second, f"{first} - {second}", "better"]]
    for r in table.rows:
        grid.append([show(r.k), show(r.payoffs[0]), show(r.payoffs[1]), show(r.difference), better_words(table, r)])
    widths = [max(len(row[j]) for row in grid) for j in range(len(grid[0]))]
    lines = [head]
    for row in grid:
        lines.append((_INDENT + "   ".join(c.ljust(w) for c, w in zip(row, widths))).rstrip())
    if table.general:
        lines.append(f"  For any number {show(table.n_symbol)} of {table.name}s:")
        for r in table.general:
            lines.append(f"    {_k_text(r) if r.range else 'k = ' + show(r.k)}: {first} {show(r.payoffs[0])}, {second} {show(r.payoffs[1])}, "
                         f"difference {show(r.difference)}; better: {better_words(table, r)}")
    lines.extend(_INDENT + line for line in crossing_words(table))
    return lines


def counts_markdown(table) -> str:
    """The count table in GitHub-flavoured Markdown, with its sentences under it."""
    first, second = table.strategies

    def code(e):
        return "`" + text_expr(e) + "`"

    def conds(c):
        return " and ".join(code(x) for x in c)

    rows = [["k", markdown_escape(first), markdown_escape(second), markdown_escape(f"{first} - {second}"), "better"]]
    for j, r in enumerate(table.rows + table.general):
        k = (f"{code(r.range[0])} to {code(r.range[1])}" if r.range else code(r.k))
        if j >= len(table.rows):
            k += f" (any {code(table.n_symbol)})"
        rows.append([k, code(r.payoffs[0]), code(r.payoffs[1]), code(r.difference),
                     markdown_escape(better_words(table, r, conds=lambda c: " and ".join(text_expr(x) for x in c)))])
    widths = [max(3, max(len(r[j]) for r in rows)) for j in range(len(rows[0]))]
    rule = [":" + "-" * (w - 2) + ":" for w in widths]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [line(rows[0]), line(rule)] + [line(r) for r in rows[1:]]
    words = (f"k is how many of the other {table.players - 1} {markdown_escape(table.name)}s choose "
             f"{markdown_escape(first)}")
    if table.general:
        words += f"; the rows in `k` hold for any number `{text_expr(table.n_symbol)}` of {markdown_escape(table.name)}s"
    sentences = [words + "."]
    sentences.extend(markdown_escape(s) + "." for s in crossing_words(table, expr=text_expr,
                                                                     conds=lambda c: " and ".join(text_expr(x) for x in c)))
    return "\n".join(out) + "\n\n" + " ".join(sentences) + "\n"


def _math(e) -> str:
    return "$" + latex_expr(e) + "$"


def counts_latex(table, *, label: str | None = None, caption: str | None = None,
                 standalone: bool = False) -> str:
    """The count table as a booktabs ``table`` float (``latex --style counts``)."""
    from ..errors import UsageError

    if label is not None and not _LABEL_RE.fullmatch(label):
        raise UsageError(f"LaTeX label {label!r} has characters that \\label cannot take; "
                         "use letters, digits and : . _ / + - (for example tab:counts)")
    first, second = table.strategies

    def conds(c):
        return " and ".join(_math(x) for x in c)

    def better(r):
        return _escape_sentence(better_words(table, r, expr=_math, conds=conds))

    grid = [[r"$k$", latex_escape(first), latex_escape(second), latex_escape(f"{first} - {second}"), "Better"]]
    for r in table.rows + table.general:
        k = (_math(r.range[0]) + r" \ldots{} " + _math(r.range[1])) if r.range else _math(r.k)
        grid.append([k, _math(r.payoffs[0]), _math(r.payoffs[1]), _math(r.difference), better(r)])
    widths = [max(len(row[j]) for row in grid) for j in range(len(grid[0]))]
    inner = _INDENT * 2

    def row(cells):
        return inner + " & ".join(c.ljust(w) if j < len(cells) - 1 else c
                                  for j, (c, w) in enumerate(zip(cells, widths))) + r" \\"

    title = " ".join((table.title or "count table").split())
    out = [f"% {title}: count table written by gametheory (counts style).",
           r"% Needs \usepackage{booktabs}.",
           r"\begin{table}[htbp]",
           _INDENT + r"\centering",
           _INDENT + r"\caption{" + (caption if caption is not None else latex_escape(table.title or "Payoffs by count")) + "}"]
    if label is not None:
        out.append(_INDENT + r"\label{" + label + "}")
    if any(r"\frac" in c for g in grid for c in g):
        out.append(_INDENT + r"\renewcommand{\arraystretch}{1.3}")
    out.append(_INDENT + r"\begin{tabular}{@{}rcccl@{}}")
    out.append(inner + r"\toprule")
    out.append(row(grid[0]))
    out.append(inner + r"\midrule")
    out.extend(row(g) for g in grid[1:len(table.rows) + 1])
    if table.general:
        out.append(inner + r"\midrule")
        out.extend(row(g) for g in grid[len(table.rows) + 1:])
    out.append(inner + r"\bottomrule")
    out.append(_INDENT + r"\end{tabular}")
    note = (f"$k$ is the number of the other {table.players - 1} {latex_escape(table.name)}s who choose "
            f"{latex_escape(first)}; a player on the strategy that does worse gains by switching.")
    if table.general:
        note += (" The rows below the middle rule hold for any number " + _math(table.n_symbol)
                 + f" of {latex_escape(table.name)}s.")
    for sentence in crossing_words(table, expr=_math, conds=conds, k="$k$", kstar="$k^*$"):
        note += " " + _escape_sentence(sentence) + "."
    out.extend(["", _INDENT + r"\medskip", _INDENT + r"\begin{minipage}{\linewidth}", _INDENT * 2 + r"\footnotesize"])
    out.extend(textwrap.wrap(note, width=100, initial_indent=_INDENT * 2, subsequent_indent=_INDENT * 2,
                             break_long_words=False, break_on_hyphens=False))
    out.extend([_INDENT + r"\end{minipage}", r"\end{table}"])
    text = "\n".join(out) + "\n"
    if standalone:
        text = "\n".join([r"\documentclass{article}", r"\usepackage{booktabs}", r"\usepackage{caption}",
                          r"\captionsetup[table]{position=top}", r"\pagestyle{empty}", r"\begin{document}", ""]) \
            + "\n" + text + "\n" + r"\end{document}" + "\n"
    return text


def _escape_sentence(sentence: str) -> str:
    """Escape the words of a sentence whose mathematics is already in ``$...$``."""
    parts = sentence.split("$")
    return "$".join(latex_escape(p) if j % 2 == 0 else p for j, p in enumerate(parts))


def count_table_first(report, panels: list, fmt: str = "text") -> list:
    """The lines of a solve report's payoff part: the count table of an N-person game first, then
    the profile-by-profile ``panels`` only when the report asks for the full table (``full_table``)
    or the game has two players; ``panels`` alone for a game without a count table."""
    table = getattr(report, "count_table", None)
    if table is None:
        return panels
    if fmt == "text":
        head = counts_lines(table) + [""]
    elif fmt == "markdown":
        head = [counts_markdown(table).rstrip("\n"), ""]
    else:
        head = [counts_latex(table).rstrip("\n"), ""]
    if getattr(report, "full_table", False) or len(report.game.players) <= 2:
        return head + list(panels)
    return head
