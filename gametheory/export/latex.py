"""LaTeX payoff tables that researchers paste into papers.

Conventions
-----------
* Two styles. ``"tabular"``: a ``tabular`` with booktabs rules (``\\toprule``, ``\\cmidrule``,
  ``\\midrule``, ``\\bottomrule``), the column player's name over its strategies with
  ``\\multicolumn`` and the row player's name over the row strategies. ``"sgame"``: Martin J.
  Osborne's ``sgame.sty`` (the ``game`` environment, the convention of Gambit's ``to_latex``
  and ``gambit-convert -O sgame``).
* Player 0 chooses the row, player 1 the column; a cell lists every player's payoff in player
  order, in math mode, separated by commas. Three or more players: one table per strategy of the
  last player (per profile of players ``2 .. n-1``), side by side, each labelled. A Bayesian game:
  one table per type profile, the priors in the caption. An N-person game written by counts: the
  payoff of a player as a function of how many others choose each strategy.
* Marks (``mark``): ``"equilibria"`` shades the cells of pure Nash equilibria (``\\cellcolor``
  from colortbl in the tabular style, ``\\colorbox`` in the sgame style, which cannot be used
  with colortbl), marks a cell that is an equilibrium only under conditions with a dagger
  (``\\textsuperscript{\\dag}``) as well, and lists mixed equilibria, with exact probabilities,
  and the parameter conditions in the note under the table; ``"best-responses"`` underlines each best-response
  payoff (tabular) or stars it (sgame, Osborne's convention); ``"none"`` marks nothing.
* Symbolic payoffs are printed by sympy's LaTeX printer (``\\frac{V - C}{2}``). Player, strategy
  and type names and the title are escaped (``& % $ # _ { } ~ ^ \\ < > |``); ``caption`` and
  ``label`` are taken as LaTeX as given.
* The source is deterministic (byte-identical on every run) and its columns are aligned. The
  first lines are comments naming the packages the table needs; ``standalone=True`` wraps the
  table in an ``article`` document that compiles on its own with ``pdflatex``. Tables with
  fractions get taller rows (``\\arraystretch`` 1.3, sgame's ``\\gamestretch`` 1.5), set inside
  the float only.

References
----------
M. J. Osborne, "sgame.sty: LaTeX style file for typesetting strategic games", version 2.15, 2013.
S. Fear, "Publication quality tables in LaTeX" (the booktabs manual), 2020.
"""

from __future__ import annotations

import re
import textwrap

from ..errors import UsageError
from ._cells import Layout, Math, Panel, build_layout, latex_escape, latex_expr, legend

__all__ = ["STYLES", "latex_table", "solve_latex", "classify_latex"]

#: The accepted values of ``style``.
STYLES = ("tabular", "sgame")

_SHADE_TABULAR = r"\cellcolor[gray]{0.88}"
_SHADE_SGAME = r"\colorbox[gray]{0.85}"
#: After the payoffs of a cell that is an equilibrium only under conditions.
_CONDITIONAL = r"\textsuperscript{\dag}"
_INDENT = "  "
_SIMPLE = re.compile(r"[A-Za-z0-9]+")
_LABEL_RE = re.compile(r"[A-Za-z0-9:._/+\-]+")


def _text(parts) -> str:
    """A note or caption fragment in LaTeX: text escaped, mathematics in ``$...$``."""
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("$" + latex_expr(part.value) + "$")
        else:
            out.append(latex_escape(part))
    return "".join(out)


def _payoff(value, best: bool, style: str) -> str:
    tex = latex_expr(value)
    if not best:
        return tex
    if style == "tabular":
        return r"\underline{" + tex + "}"
    return (tex if _SIMPLE.fullmatch(tex) else "{" + tex + "}") + "^{*}"


def _cell(cell, style: str) -> str:
    math = "$" + ", ".join(_payoff(v, b, style) for v, b in zip(cell.payoffs, cell.best)) + "$"
    if cell.equilibrium and cell.conditional:
        math += _CONDITIONAL
    if not cell.equilibrium:
        return math
    if style == "tabular":
        return _SHADE_TABULAR + math
    return _SHADE_SGAME + "{" + math + "}"


def _aligned(rows: list[list[str]], indent: str) -> tuple[list[str], list[int]]:
    """Rows of cells joined by `` & ``, every column padded to one width (the last left ragged),
    and the column widths."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.ljust(widths[k]) if k < len(row) - 1 else cell for k, cell in enumerate(row)]
        out.append(indent + " & ".join(cells))
    return out, widths


def _tabular_panel(panel: Panel, indent: str) -> list[str]:
    n = len(panel.columns)
    inner = indent + _INDENT
    grid = [[r"\textit{" + latex_escape(panel.row_header) + "}"] + [latex_escape(c) for c in panel.columns]]
    for name, row in zip(panel.rows, panel.cells):
        grid.append([latex_escape(name)] + [_cell(c, "tabular") for c in row])
    body, widths = _aligned(grid, inner)
    lines = [indent + r"\begin{tabular}{@{}l" + "c" * n + "@{}}"]
    if panel.label:
        lines.append(inner + r"\multicolumn{" + str(n + 1) + "}{c}{" + _text(panel.label) + r"} \\")
    lines.append(inner + r"\toprule")
    if panel.column_header:
        header = r"\multicolumn{" + str(n) + r"}{c}{\textit{" + latex_escape(panel.column_header) + "}}"
        lines.append(inner + " " * widths[0] + " & " + header + r" \\")
        lines.append(inner + r"\cmidrule(l){2-" + str(n + 1) + "}")
    lines.append(body[0] + r" \\")
    lines.append(inner + r"\midrule")
    lines.extend(line + r" \\" for line in body[1:])
    lines.append(inner + r"\bottomrule")
    lines.append(indent + r"\end{tabular}")
    return lines


def _sgame_panel(panel: Panel, indent: str) -> list[str]:
    opening = (indent + r"\begin{game}{" + str(len(panel.rows)) + "}{" + str(len(panel.columns)) + "}"
               + r"[{\textit{" + latex_escape(panel.row_header) + "}}]"
               + ("[{" + r"\textit{" + latex_escape(panel.column_header) + "}}]" if panel.column_header else "[]"))
    if panel.label:
        opening += "[{" + _text(panel.label) + "}]"
    grid = [[""] + [latex_escape(c) for c in panel.columns]]
    for name, row in zip(panel.rows, panel.cells):
        grid.append([latex_escape(name)] + [_cell(c, "sgame") for c in row])
    body, _ = _aligned(grid, indent + _INDENT)
    lines = [opening]
    lines.extend(line + r" \\" for line in body[:-1])
    lines.append(body[-1])
    lines.append(indent + r"\end{game}")
    return lines


def _packages(layout: Layout, style: str) -> list[str]:
    if style == "sgame":
        return ["sgame"]
    packages = ["booktabs"]
    if layout.equilibrium_marks:
        packages.append("colortbl")
    return packages


def _caption(layout: Layout) -> str:
    title = latex_escape(layout.title) if layout.title else "Payoff table"
    return title + _text(layout.caption)


def _note(layout: Layout, style: str) -> str:
    words = "underlined" if style == "tabular" else "starred"
    sentences = [latex_escape(legend(layout, best_words=words, equilibrium_words="shaded",
                                     conditional_words="shaded and marked with a dagger"))]
    sentences.extend(_text(note) for note in layout.notes)
    return " ".join(sentences)


def _check(style: str, label: str | None) -> None:
    if style not in STYLES:
        raise UsageError(f"unknown LaTeX style {style!r}; expected one of: {', '.join(STYLES)}")
    if label is not None and not _LABEL_RE.fullmatch(label):
        raise UsageError(
            f"LaTeX label {label!r} has characters that \\label cannot take; "
            "use letters, digits and : . _ / + - (for example tab:pd)"
        )


def latex_table(game, *, style: str = "tabular", mark: str = "equilibria", equilibria=None,
                label: str | None = None, caption: str | None = None, standalone: bool = False) -> str:
    """A payoff table of ``game`` in LaTeX, as a ``table`` float.

    Parameters
    ----------
    game : Game or BayesianGame
        The game; symbolic payoffs are printed symbolically.
    style : {"tabular", "sgame"}
        booktabs ``tabular`` or Osborne's ``sgame`` ``game`` environment.
    mark : {"equilibria", "best-responses", "none"}
        What to mark (see the module docstring).
    equilibria : EquilibriumSet, optional
        The equilibria to mark with ``mark="equilibria"``; computed with
        :func:`gametheory.equilibria.equilibria` when omitted (on the Harsanyi normal form of a
        Bayesian game).
    label : str, optional
        ``\\label`` key, for example ``"tab:pd"``.
    caption : str, optional
        The caption, as LaTeX; the default is the game's title (escaped), followed for a
        Bayesian game by the priors.
    standalone : bool
        Wrap the table in a document that compiles on its own.

    Returns
    -------
    str
        LaTeX source ending in a newline.

    Raises
    ------
    UsageError
        For an unknown style or mark, or a label that ``\\label`` cannot take.
    """
    _check(style, label)
    layout = build_layout(game, mark=mark, equilibria=equilibria)
    packages = _packages(layout, style)
    title_comment = " ".join((layout.title or "payoff table").split())
    out = [
        f"% {title_comment}: payoff table written by gametheory ({style} style).",
        "% Needs " + " and ".join(r"\usepackage{" + p + "}" for p in packages) + ".",
        r"\begin{table}[htbp]",
        _INDENT + r"\centering",
        _INDENT + r"\caption{" + (caption if caption is not None else _caption(layout)) + "}",
    ]
    if label is not None:
        out.append(_INDENT + r"\label{" + label + "}")
    render = _tabular_panel if style == "tabular" else _sgame_panel
    gap = r"\qquad" if style == "tabular" else r"\hspace{2em}"
    body: list[str] = []
    for n, line in enumerate(layout.lines):
        if n:
            body.extend(["", _INDENT + r"\medskip"])
        for k, panel in enumerate(line):
            if k:
                body[-1] += "%"
                body.append(_INDENT + gap)
            body.extend(render(panel, _INDENT))
    if any(r"\frac" in line for line in body):
        # taller rows, so that fractions do not touch the rules
        stretch = r"\arraystretch}{1.3}" if style == "tabular" else r"\gamestretch}{1.5}"
        out.append(_INDENT + r"\renewcommand{" + stretch)
    out.extend(body)
    out.extend(["", _INDENT + r"\medskip", _INDENT + r"\begin{minipage}{\linewidth}", _INDENT * 2 + r"\footnotesize"])
    out.extend(textwrap.wrap(_note(layout, style), width=100, initial_indent=_INDENT * 2,
                             subsequent_indent=_INDENT * 2, break_long_words=False, break_on_hyphens=False))
    out.extend([_INDENT + r"\end{minipage}", r"\end{table}"])
    text = "\n".join(out) + "\n"
    if standalone:
        text = _document(text, packages)
    return text


def _document(table: str, packages: list[str]) -> str:
    lines = [
        r"\documentclass{article}",
    ]
    lines.extend(r"\usepackage{" + p + "}" for p in packages)
    lines.extend([
        r"\usepackage{caption}",
        r"\captionsetup[table]{position=top}",
        r"\pagestyle{empty}",
        r"\begin{document}",
        "",
    ])
    return "\n".join(lines) + "\n" + table + "\n" + r"\end{document}" + "\n"


# -- the report of `gametheory solve --format latex` ----------------------------------------------

def _conditions(conds) -> str:
    return " and ".join("$" + latex_expr(c) + "$" for c in conds)


def solve_latex(report) -> str:
    """The report of ``gametheory solve`` in LaTeX: the payoff table (tabular style, equilibria
    marked), the list of equilibria with payoffs, conditions and Pareto efficiency, the dilemma
    verdict and the classification.

    Parameters
    ----------
    report : gametheory.report.SolveReport

    Returns
    -------
    str
        LaTeX for the body of a document (needs booktabs and colortbl), ending in a newline.
    """
    from ._cells import profile_text

    game = report.game
    original = game.bayesian if game.bayesian is not None else game
    out = [latex_table(original, equilibria=report.equilibria).rstrip("\n"), ""]
    from .counts import count_table_first

    out = count_table_first(report, out, "latex")
    eqs = report.equilibria
    how = ("exact" if eqs.exact else "numeric") + (", complete" if eqs.complete else ", possibly incomplete")
    counted, listed = _count_text(report)
    out.append(r"\noindent Nash equilibria: " + counted + " (" + listed + latex_escape(how)
               + "; method: " + latex_escape(eqs.method) + ").")
    if eqs.equilibria:
        out.append(r"\begin{enumerate}")
        for k, eq in enumerate(eqs.equilibria):
            item = f"{eq.kind}: " + _text(profile_text(game, eq.profile)) + "; payoffs " + ", ".join(
                "$" + latex_expr(v) + "$" for v in eq.payoffs)
            if eq.conditions:
                item += "; exists when " + _conditions(eq.conditions)
            value, conds = report.pareto[k]
            if value is True:
                item += "; Pareto-efficient"
            elif value is False:
                item += "; Pareto-deficient"
            elif conds:
                item += "; Pareto-efficient when " + _conditions(conds)
            out.append(_INDENT + r"\item " + item + ".")
        out.append(r"\end{enumerate}")
    d = report.dilemma
    if d.is_dilemma is True:
        verdict = "yes"
    elif d.is_dilemma is False:
        verdict = "no"
    else:
        verdict = "depends on the parameters" + (": a dilemma when " + _conditions(d.conditions) if d.conditions else "")
    kinds = ", ".join(k.replace("_", " ") for k in d.kinds)
    out.append("")
    out.append(r"\noindent Dilemma: " + (verdict if d.is_dilemma is None else latex_escape(verdict))
               + (" (" + latex_escape(kinds) + ")" if kinds else "") + ". " + latex_escape(d.explanation))
    out.append("")
    out.extend(_classification_lines(report.classification))
    return "\n".join(out) + "\n"


def _count_text(report) -> tuple[str, str]:
    """How many equilibria, region by region where some need conditions (the census), and
    what the list holds (``""`` when no equilibrium has conditions)."""
    eqs = report.equilibria.equilibria
    census = getattr(report, "census", None)
    if census is None or not census.conditional:
        return str(len(eqs)), ""
    if census.groups is None:
        return f"{len(eqs)} listed, each where its conditions hold", ""
    least = "" if report.equilibria.complete else "at least "  # an incomplete list gives lower bounds
    parts = [f"{least}{g.count} " + ("always" if not g.conditions else "when " + _conditions(g.conditions))
             for g in census.groups]
    return "; ".join(parts), f"{len(eqs)} listed, each where its conditions hold; "


def _classification_lines(c) -> list[str]:
    if c.name is not None or c.label is not None:
        line = r"\noindent Classification: " + latex_escape(c.label or c.name)
        if c.conditions:
            line += " when " + _conditions(c.conditions)
        return [line + "."]
    if c.regions:
        out = [r"\noindent Classification: depends on the parameters.", r"\begin{itemize}"]
        for r in c.regions:
            out.append(_INDENT + r"\item " + latex_escape(r.label or r.name or "unnamed") + " when "
                       + (_conditions(r.conditions) or "always") + ".")
        out.append(r"\end{itemize}")
        return out
    return [r"\noindent Classification: none."]


def classify_latex(classification, game) -> str:
    """The classification of ``game`` in LaTeX: a comment naming the game, then the sentence of
    :func:`solve_latex` (with an ``itemize`` of the regions of a symbolic game), ending in a
    newline.

    Parameters
    ----------
    classification : gametheory.analysis.classify.Classification
    game : Game or BayesianGame
        The game classified (a Harsanyi normal form stands for its Bayesian original).
    """
    original = game.bayesian if getattr(game, "bayesian", None) is not None else game
    head = "% " + " ".join(original.title.split()) + ": classification written by gametheory."
    return "\n".join([head, *_classification_lines(classification)]) + "\n"
