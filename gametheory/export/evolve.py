"""Renderers of the evolutionary analysis (:mod:`gametheory.equilibria.evolution`): JSON
(``gametheory.evolve/1``), text, Markdown and LaTeX.

Conventions
-----------
* A strategy or population state is written by its support: ``Dove (C - V)/C, Hawk V/C``, or the
  strategy's name alone when it is pure.
* Verdicts are ``yes``, ``no`` or ``when <conditions>``; a rest point's stability is one of
  ``stable`` (asymptotically), ``unstable``, ``neutral`` (eigenvalues on the imaginary axis, none
  with positive real part: the linearisation does not settle it) and ``depends``.
* Expressions: :func:`gametheory.export.text.show` in text, code spans in Markdown,
  :func:`gametheory.export._cells.latex_expr` in LaTeX, sympy-parseable strings in JSON.
"""

from __future__ import annotations

from ._cells import latex_escape, latex_expr, markdown_escape, text_expr
from .json import conditions_list, expr_str, game_dict, instance
from .text import _grid, show, show_conditions

__all__ = ["evolve_dict", "evolve_text", "evolve_markdown", "evolve_latex", "EVOLVE_SCHEMA"]

EVOLVE_SCHEMA = "gametheory.evolve/1"


def _state(names, point, fmt=show) -> str:
    support = [(n, p) for n, p in zip(names, point) if p != 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{n} {fmt(p)}" for n, p in support)


def _verdict(stability, fmt=show_conditions) -> str:
    if stability.holds is True:
        return "yes"
    if stability.holds is False:
        return "no"
    if stability.conditions:
        return "when " + fmt(stability.conditions)
    return "undecided"


def _holds(stability):
    return stability.holds


# -- JSON ----------------------------------------------------------------------------------------

def evolve_dict(evolution, statics) -> dict:
    """The ``gametheory.evolve/1`` document."""
    game = evolution.game
    names = list(game.strategies[0])

    def dist(point):
        return {n: expr_str(p) for n, p in zip(names, point)}

    strategies = []
    for s in evolution.strategies:
        strategies.append({
            "profile": dist(s.strategy),
            "conditions": conditions_list(s.conditions),
            "ess": _holds(s.ess),
            "ess_conditions": conditions_list(s.ess.conditions),
            "nss": _holds(s.nss),
            "nss_conditions": conditions_list(s.nss.conditions),
            "best_replies": [names[i] for i in s.best_replies],
            "invader": dist(s.invader) if s.invader is not None else None,
            "notes": list(s.notes),
        })
    rest = []
    for r in evolution.rest_points:
        rest.append({
            "point": dist(r.point),
            "conditions": conditions_list(r.conditions),
            "stability": r.stability,
            "eigenvalues": [expr_str(e) for e in r.eigenvalues],
            "characteristic_polynomial": expr_str(r.charpoly),
            "stable_when": conditions_list(r.stable_when),
        })
    return {
        "schema": EVOLVE_SCHEMA,
        "game": game_dict(game),
        "instance": instance(game),
        "matrix": [[expr_str(evolution.matrix[i, j]) for j in range(len(names))] for i in range(len(names))],
        "complete": evolution.complete,
        "strategies": strategies,
        "rest_points": rest,
        "statics": [
            {"strategy": st.index, "quantity": st.strategy, "expression": expr_str(st.expression),
             "parameter": str(st.parameter), "derivative": expr_str(st.derivative), "sign": st.sign,
             "conditions": conditions_list(st.conditions)}
            for st in statics
        ],
        "notes": list(evolution.notes),
    }


# -- text ----------------------------------------------------------------------------------------

def _matrix_rows(evolution, fmt) -> list[list[str]]:
    names = list(evolution.game.strategies[0])
    rows = [[""] + names]
    for i, n in enumerate(names):
        rows.append([n] + [fmt(evolution.matrix[i, j]) for j in range(len(names))])
    return rows


def _sign_words(sign: str) -> str:
    return {"+": "rises with", "-": "falls with", "0": "does not move with", "?": "moves either way with"}[sign]


def evolve_text(evolution, statics) -> str:
    """The report of ``gametheory evolve`` for a terminal."""
    game = evolution.game
    names = list(game.strategies[0])
    title = f"{game.title}: evolutionary stability" if game.title else "Evolutionary stability"
    lines = [title, "=" * len(title)]
    if game.assumptions:
        lines.append("Assumptions: " + show_conditions(game.assumptions))
    lines.append("")
    lines.append("Payoff to the row strategy against the column strategy (a symmetric game):")
    lines.extend("  " + line for line in _grid(_matrix_rows(evolution, show), header_rows=1))
    lines.append("")
    count = len(evolution.strategies)
    done = "complete" if evolution.complete else "possibly incomplete"
    lines.append(f"Symmetric equilibrium strategies: {count} ({done}); ESS by Maynard Smith's conditions "
                 "(Haigh's criterion)")
    for k, s in enumerate(evolution.strategies, 1):
        lines.append(f"  {k}. {_state(names, s.strategy)}")
        if s.conditions:
            lines.append(f"     an equilibrium when {show_conditions(s.conditions)}")
        lines.append(f"     ESS: {_verdict(s.ess)}; neutrally stable: {_verdict(s.nss)}")
        if s.invader is not None:
            lines.append(f"     invaded by the mutant {_state(names, s.invader)} (as good against it, "
                         "at least as good against itself)")
        for note in s.notes:
            lines.append(f"     note: {note}")
    ess = [k for k, s in enumerate(evolution.strategies, 1) if s.ess.holds is True]
    if not ess and not any(s.ess.holds is None for s in evolution.strategies):
        lines.append("  No evolutionarily stable strategy" + ("." if evolution.complete else " among these."))
    lines.append("")
    lines.append("Replicator dynamics x_i' = x_i((Ax)_i - x.Ax), rest points:")
    rows = [["point", "stability", "eigenvalues on the simplex"]]
    for r in evolution.rest_points:
        eig = ", ".join(show(e) for e in r.eigenvalues) if r.eigenvalues else "roots of " + show(r.charpoly)
        stability = r.stability
        if r.stability == "depends" and r.stable_when:
            stability = "stable when " + show_conditions(r.stable_when)
        point = _state(names, r.point)
        if r.conditions:
            point += f" (when {show_conditions(r.conditions)})"
        rows.append([point, stability, eig])
    lines.extend("  " + line for line in _grid(rows, header_rows=1))
    if statics:
        lines.append("")
        lines.append("Comparative statics of the ESS:")
        for st in statics:
            lines.append(f"  {st.strategy} = {show(st.expression)} (strategy {st.index + 1}) "
                         f"{_sign_words(st.sign)} {st.parameter}: d/d{st.parameter} = {show(st.derivative)}")
    for note in evolution.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


# -- Markdown ------------------------------------------------------------------------------------

def _code(value) -> str:
    return "`" + text_expr(value).replace("`", "'") + "`"


def _md_state(names, point) -> str:
    support = [(n, p) for n, p in zip(names, point) if p != 0]
    if len(support) == 1:
        return markdown_escape(support[0][0])
    return ", ".join(f"{markdown_escape(n)} {_code(p)}" for n, p in support)


def _md_conditions(conds) -> str:
    return " and ".join(_code(c) for c in conds)


def evolve_markdown(evolution, statics) -> str:
    """The report as GitHub-flavoured Markdown."""
    game = evolution.game
    names = list(game.strategies[0])
    out = [f"### {markdown_escape(game.title or 'Evolutionary stability')}: evolutionary stability", ""]
    if game.assumptions:
        out += ["Assumptions: " + _md_conditions(game.assumptions), ""]
    out.append("| strategy | equilibrium when | ESS | neutrally stable | invader |")
    out.append("| --- | --- | --- | --- | --- |")
    for s in evolution.strategies:
        out.append("| " + " | ".join([
            _md_state(names, s.strategy),
            _md_conditions(s.conditions) or "always",
            _verdict(s.ess, _md_conditions),
            _verdict(s.nss, _md_conditions),
            _md_state(names, s.invader) if s.invader is not None else "",
        ]) + " |")
    out += ["", "| rest point of the replicator dynamics | stability | eigenvalues |", "| --- | --- | --- |"]
    for r in evolution.rest_points:
        stability = r.stability
        if r.stability == "depends" and r.stable_when:
            stability = "stable when " + _md_conditions(r.stable_when)
        eig = ", ".join(_code(e) for e in r.eigenvalues) if r.eigenvalues else "roots of " + _code(r.charpoly)
        point = _md_state(names, r.point) + (f" (when {_md_conditions(r.conditions)})" if r.conditions else "")
        out.append(f"| {point} | {stability} | {eig} |")
    if statics:
        out += ["", "| ESS share | parameter | derivative | sign |", "| --- | --- | --- | --- |"]
        for st in statics:
            out.append(f"| {markdown_escape(st.strategy)} = {_code(st.expression)} | {markdown_escape(str(st.parameter))} "
                       f"| {_code(st.derivative)} | {st.sign} |")
    for note in evolution.notes:
        out += ["", f"Note: {markdown_escape(note)}"]
    return "\n".join(out) + "\n"


# -- LaTeX ---------------------------------------------------------------------------------------

def _tex_state(names, point) -> str:
    support = [(n, p) for n, p in zip(names, point) if p != 0]
    if len(support) == 1:
        return latex_escape(support[0][0])
    return ", ".join(f"{latex_escape(n)} ${latex_expr(p)}$" for n, p in support)


def _tex_conditions(conds) -> str:
    return ", ".join(f"${latex_expr(c)}$" for c in conds)


def evolve_latex(evolution, statics) -> str:
    """Two booktabs tables: the strategies with their ESS verdicts, and the rest points."""
    names = list(evolution.game.strategies[0])
    out = [r"\begin{tabular}{llll}", r"\toprule",
           r"Strategy & Equilibrium when & ESS & Neutrally stable \\", r"\midrule"]
    for s in evolution.strategies:
        out.append(" & ".join([_tex_state(names, s.strategy), _tex_conditions(s.conditions) or "always",
                               _verdict(s.ess, _tex_conditions), _verdict(s.nss, _tex_conditions)]) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}", "", r"\begin{tabular}{lll}", r"\toprule",
            r"Rest point & Stability & Eigenvalues \\", r"\midrule"]
    for r in evolution.rest_points:
        stability = r.stability
        if r.stability == "depends" and r.stable_when:
            stability = "stable when " + _tex_conditions(r.stable_when)
        eig = ", ".join(f"${latex_expr(e)}$" for e in r.eigenvalues) if r.eigenvalues else \
            f"roots of ${latex_expr(r.charpoly)}$"
        out.append(f"{_tex_state(names, r.point)} & {stability} & {eig}" + r" \\")
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"
