"""Comparative statics for people and programs: text, JSON (``gametheory.statics/1``), Markdown
and LaTeX renderings of a :class:`~gametheory.analysis.statics.StaticsResult`.

Conventions
-----------
* JSON follows CLI.md: ``results`` has one entry per quantity and parameter with
  ``equilibrium`` (0-based index into solve's list; ``null`` for a threshold), ``quantity``,
  ``expression``, ``parameter``, ``derivative``, ``sign`` (``+ - 0 ?``) and ``conditions``:
  ``[]`` for a decided sign; for ``?`` a list of ``{"sign": "+"|"0"|"-", "when": [...]}``
  objects, one for each sign that occurs, with the conditions (beyond the assumptions and
  the equilibrium's existence conditions) under which the derivative has that sign. Added
  fields: ``kind`` (``probability``, ``payoff``, ``threshold``) and ``exists_when`` (the
  equilibrium's existence conditions, ``[]`` when it exists whenever the assumptions hold);
  top level ``game``, ``instance``, ``parameters``, ``equilibria`` (index, type, existence
  conditions), ``boundaries`` and ``notes``.
* Text and Markdown number equilibria from 1, as ``gametheory solve`` prints them; each
  equilibrium gets a table of signs (one column per parameter), its non-zero derivatives,
  and one sentence per parameter reading the signs ("a higher f lowers ...").
* LaTeX is a booktabs ``tabular`` fragment: one row per quantity, one sign column per
  parameter (``\\partial/\\partial x``); it needs ``\\usepackage{booktabs}``.
* Every expression is exact (sympy's string or LaTeX printer); output is deterministic.
"""

from __future__ import annotations

import textwrap

import sympy
from sympy.core.relational import Relational

from . import json as jsonout
from ._cells import latex_escape, latex_expr, markdown_escape
from .text import profile_text
from .text import show as _show


__all__ = ["SCHEMA", "statics_dict", "statics_text", "statics_markdown", "statics_latex", "reading"]

SCHEMA = "gametheory.statics/1"

_WIDTH = 100

_VERBS = {"+": "raises", "-": "lowers"}


# -- pieces ------------------------------------------------------------------------------------

def _plain(value):
    """``1/C**2`` rather than sympy's ``C**(-2)`` (the same value, written as a fraction)."""
    if isinstance(value, sympy.Pow) and value.exp.is_Integer and value.exp < 0:
        return sympy.Mul(sympy.Integer(1), value, evaluate=False)
    return value


def show(value) -> str:
    """An exact expression as text (:func:`gametheory.export.text.show`, fractions as ``1/x``)."""
    return _show(_plain(value))


def _expr(value) -> str:
    return jsonout.expr_str(_plain(value))


def _rel(value) -> str:
    """A relation for reading: ``C = 2*V`` rather than ``Eq(C, 2*V)``."""
    if isinstance(value, Relational):
        from .. import conditions

        value = conditions.canonical(value)
        if isinstance(value, sympy.Eq):
            return f"{show(value.lhs)} = {show(value.rhs)}"
        if isinstance(value, sympy.Ne):
            return f"{show(value.lhs)} != {show(value.rhs)}"
    return show(value)


def _conds(conds) -> str:
    return " and ".join(_rel(c) for c in conds)


def _regions_text(regions) -> str:
    parts = []
    for s, conds in regions:
        parts.append(f"{s} when {_conds(conds) or 'always'}")
    return "; ".join(parts)


def _original(game):
    return game.bayesian if getattr(game, "bayesian", None) is not None else game


def _groups(result):
    """[(equilibrium index or None, [quantities...])] in order: equilibria, then thresholds."""
    out: list = []
    for q in result.quantities:
        if not out or out[-1][0] != q.equilibrium:
            out.append((q.equilibrium, []))
        out[-1][1].append(q)
    return out


def _derivs(result):
    """{(id of quantity, parameter): Derivative}."""
    return {(id(d.quantity), d.parameter): d for d in result.derivatives}


def _parameter_words(result, name: str) -> str:
    for p in _original(result.game).parameters:
        if p.name == name and p.description:
            return f"{name} ({p.description})"
    return name


def _phrase(quantities) -> str:
    """Words for a group of quantities, e.g. "Inspector's probability of Inspect" or "Row's and
    Column's probabilities of Hawk" (players with the same strategies are named together)."""
    parts: list[str] = []
    probs: dict = {}
    payoffs: list[str] = []
    thresholds: list[str] = []
    for q in quantities:
        if q.kind == "probability":
            probs.setdefault((q.player, q.type), []).append(q.strategy)
        elif q.kind == "payoff":
            payoffs.append(q.player)
        else:
            thresholds.append(f"the threshold {q.name}")
    merged: dict = {}
    for (player, type_name), strategies in probs.items():
        who = f"{player}'s ({type_name})" if type_name else f"{player}'s"
        merged.setdefault(tuple(strategies), []).append(who)
    for strategies, whos in merged.items():
        noun = "probability" if len(strategies) == 1 else "probabilities"
        parts.append(f"{_and(whos)} {noun} of {_and(strategies)}")
    if len(payoffs) == 1:
        parts.append(f"{payoffs[0]}'s payoff")
    elif payoffs:
        parts.append(f"the payoffs of {_and(payoffs)}")
    parts.extend(thresholds)
    return _and(parts)


def _and(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def reading(result, quantities, parameter: str) -> str:
    """One sentence reading the signs of ``quantities`` by ``parameter``.

    For example "A higher f (fine paid by a violator who is caught) lowers Inspector's
    probability of Inspect, raises Inspector's probability of NotInspect and leaves Inspectee's
    probabilities of Violate and Comply unchanged." Clauses come in the order of the first
    quantity they name; "unchanged" comes last. Empty when nothing depends on ``parameter``.
    """
    derivs = _derivs(result)
    by_sign: dict[str, list] = {}
    for q in quantities:
        d = derivs.get((id(q), parameter))
        if d is not None:
            by_sign.setdefault(d.sign, []).append(q)
    if set(by_sign) <= {"0"}:
        return ""
    clauses = []
    for s, qs in by_sign.items():
        if s in _VERBS:
            clauses.append(f"{_VERBS[s]} {_phrase(qs)}")
        elif s == "?":
            clauses.append(f"moves {_phrase(qs)} in a direction that depends on the parameters")
    if "0" in by_sign:
        clauses.append(f"leaves {_phrase(by_sign['0'])} unchanged")
    return f"A higher {_parameter_words(result, parameter)} {'; '.join(clauses)}."


def _readings(result, quantities) -> list[str]:
    """The readings of every parameter, and one sentence for those nothing depends on."""
    out, idle = [], []
    for p in result.parameters:
        text = reading(result, quantities, p)
        if text:
            out.append(text)
        else:
            idle.append(p)
    if idle:
        out.append(f"Nothing here depends on {_or(idle)}.")
    return out


def _or(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _merged_derivatives(result, quantities) -> list:
    """Non-zero derivatives, those equal across players (same strategy) merged:
    [(names, parameter, derivative, sign, regions)]."""
    derivs = _derivs(result)
    groups: dict = {}
    for p in result.parameters:
        for q in quantities:
            d = derivs[(id(q), p)]
            if d.sign == "0":
                continue
            key = (q.kind, q.type, q.strategy, p, d.derivative, d.sign, d.regions)
            groups.setdefault(key, []).append(q.name)
    return [(names, key[3], key[4], key[5], key[6]) for key, names in groups.items()]


def _equilibrium_title(result, k: int | None) -> str:
    if k is None:
        return "Thresholds"
    eq = result.equilibria.equilibria[k]
    return f"Equilibrium {k + 1} ({eq.kind}): {profile_text(result.game, eq.profile)}"


def _exists_text(result, k: int | None, quantities) -> str:
    if k is None:
        return ""
    conds = result.equilibria.equilibria[k].conditions
    if conds:
        return f"exists only when {_conds(conds)}; the signs hold there"
    return "exists whenever the assumptions hold"


def _grid(rows: list[list[str]], gap: str = "  ") -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return [gap.join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip() for row in rows]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False)


def sign_tabular(head: list, blocks: list, n_signs: int) -> list[str]:
    """A booktabs ``tabular`` of sign tables: three text columns, then one centred sign column per
    parameter; ``blocks`` of rows, one block per equilibrium, separated by rules."""
    widths = [max(len(r[c]) for r in [head] + [row for b in blocks for row in b]) for c in range(len(head))]

    def line(cells):
        return "  " + " & ".join(cell.ljust(widths[c]) for c, cell in enumerate(cells)).rstrip() + " \\\\"

    lines = ["\\begin{tabular}{lll" + "c" * n_signs + "}", "  \\toprule", line(head)]
    for block in blocks:
        lines.append("  \\midrule")
        lines.extend(line(row) for row in block)
    lines.extend(["  \\bottomrule", "\\end{tabular}"])
    return lines


def header_lines(title: str, model, shown) -> list[str]:
    """The title, the parameters varied (``shown``) with their descriptions, and those fixed by
    ``--set``: the head of every statics report (games and trees)."""
    lines = [title, "=" * len(title)]
    if shown:
        described = {p.name: p.description for p in model.parameters}
        width = max(len(p) for p in shown)
        lines.append("Parameters:")
        lines.extend(f"  {p.ljust(width)}  {described.get(p) or ''}".rstrip() for p in shown)
    fixed = [p for p in model.parameters if p.name in model.assigned and p.default is not None]
    if fixed:
        lines.append("Fixed: " + ", ".join(f"{p.name} = {show(p.default)}" for p in fixed))
    return lines


def _header(result) -> list[str]:
    original = _original(result.game)
    lines = header_lines(f"{original.title or 'Game'}: comparative statics", original, result.parameters)
    if original.assumptions:
        from .assumptions import assumptions_text

        lines.append("Assumptions: " + assumptions_text(original, _rel))
    return lines


# -- JSON ---------------------------------------------------------------------------------------

def _regions_list(regions) -> list:
    return [{"sign": s, "when": jsonout.conditions_list(conds)} for s, conds in regions]


def statics_dict(result) -> dict:
    """The ``gametheory.statics/1`` document (CLI.md)."""
    game = result.game
    original = _original(game)
    results = []
    for d in result.derivatives:
        q = d.quantity
        results.append({
            "equilibrium": q.equilibrium,
            "quantity": q.name,
            "expression": _expr(q.expression),
            "parameter": d.parameter,
            "derivative": _expr(d.derivative),
            "sign": d.sign,
            "conditions": _regions_list(d.regions),
            "kind": q.kind,
            "exists_when": jsonout.conditions_list(q.conditions),
        })
    return {
        "schema": SCHEMA,
        "game": jsonout.game_dict(game),
        "instance": jsonout.instance(original),
        "parameters": list(result.parameters),
        "equilibria": [
            {"equilibrium": k, "type": eq.kind, "conditions": jsonout.conditions_list(eq.conditions)}
            for k, eq in enumerate(result.equilibria.equilibria)
        ],
        "results": results,
        "boundaries": [
            {
                "equation": jsonout.expr_str(b.equation),
                "equilibria": [{"equilibrium": k, "exists_when": jsonout.expr_str(c)} for k, c in b.sides],
            }
            for b in result.boundaries
        ],
        "notes": list(result.notes),
    }


# -- text -----------------------------------------------------------------------------------------

def _boundary_sides(b) -> list[tuple[list[int], object]]:
    """[(equilibrium indices, condition)] of a boundary, equilibria with the same condition together."""
    grouped: dict = {}
    for k, c in b.sides:
        grouped.setdefault(_rel(c), ([], c))[0].append(k)
    return list(grouped.values())


def _equilibria_words(ks, verb: str = "exists") -> str:
    if len(ks) == 1:
        return f"equilibrium {ks[0] + 1} {verb}"
    return f"equilibria {_and([str(k + 1) for k in ks])} {verb[:-1] if verb.endswith('s') else verb}"


def _boundary_lines(result) -> list[str]:
    lines = []
    for b in result.boundaries:
        lines.append(f"{_rel(b.equation)}:")
        for ks, c in _boundary_sides(b):
            lines.append(f"  {_equilibria_words(ks)} only when {_rel(c)}")
    return lines


def statics_text(result) -> str:
    """The text report of ``gametheory statics``."""
    lines = _header(result)
    lines.append("Signs: + rises with the parameter, - falls, 0 unchanged, ? depends on the parameters")
    if not result.parameters:
        lines.append("")
        lines.append("No parameters to vary: every payoff is a number.")
        return "\n".join(lines) + "\n"
    derivs = _derivs(result)
    for k, qs in _groups(result):
        lines.append("")
        lines.extend(_wrap(_equilibrium_title(result, k), ""))
        exists = _exists_text(result, k, qs)
        if exists:
            lines.extend(_wrap(exists, "  "))
        rows = [["quantity", "value"] + list(result.parameters)]
        for q in qs:
            rows.append([q.name, show(q.expression)] + [derivs[(id(q), p)].sign for p in result.parameters])
        lines.extend("  " + line for line in _grid(rows))
        merged = _merged_derivatives(result, qs)
        if merged:
            lines.append("  Derivatives:")
            drows = []
            for names, p, derivative, sign, regions in merged:
                lhs = " = ".join(f"d({name})/d{p}" for name in names)
                extra = f"  ({_regions_text(regions)})" if sign == "?" else ""
                drows.append([f"{lhs} = {show(derivative)}", sign + extra])
            lines.extend("    " + line for line in _grid(drows))
        if k is None:
            lines.append("  Meaning:")
            for q in qs:
                if q.description:
                    lines.extend(_wrap(f"{q.name}: {q.description}", "    "))
        lines.append("  Reading:")
        for text in _readings(result, qs):
            lines.extend(_wrap(text, "    "))
    lines.append("")
    if result.boundaries:
        lines.append("Boundaries (where equilibria appear or disappear):")
        lines.extend("  " + line for line in _boundary_lines(result))
    else:
        lines.append("Boundaries: none; every equilibrium exists wherever the assumptions hold.")
    for note in result.notes:
        lines.extend(_wrap(f"Note: {note}", ""))
    return "\n".join(lines) + "\n"


# -- Markdown -------------------------------------------------------------------------------------

def _md_code(text: str) -> str:
    return f"`{text}`"


def markdown_head(title: str, model, shown) -> list[str]:
    """The head of a Markdown statics report (games and trees): the title, the assumptions, and
    the legend of the signs, or the sentence that there is nothing to vary."""
    lines = [f"## {markdown_escape(title)}", ""]
    if model.assumptions:
        lines.append("Assumptions: " + ", ".join(_md_code(_rel(a)) for a in model.assumptions))
        lines.append("")
    if not shown:
        lines.append("No parameters to vary: every payoff is a number.")
    else:
        lines.append("Signs: **+** rises with the parameter, **−** falls, **0** unchanged, "
                     "**?** depends on the parameters.")
    return lines


def statics_markdown(result) -> str:
    """The Markdown report of ``gametheory statics`` (GitHub-flavoured)."""
    original = _original(result.game)
    lines = markdown_head(f"{original.title or 'Game'}: comparative statics", original, result.parameters)
    if not result.parameters:
        return "\n".join(lines) + "\n"
    derivs = _derivs(result)
    for k, qs in _groups(result):
        lines.append("")
        lines.append(f"### {markdown_escape(_equilibrium_title(result, k))}")
        lines.append("")
        if k is not None:
            conds = result.equilibria.equilibria[k].conditions
            if conds:
                lines.append("Exists only when " + " and ".join(_md_code(_rel(c)) for c in conds)
                             + "; the signs hold there.")
            else:
                lines.append("Exists whenever the assumptions hold.")
            lines.append("")
        heads = " | ".join(f"∂/∂{markdown_escape(p)}" for p in result.parameters)
        lines.append(f"| quantity | value | {heads} |")
        lines.append("|---|---|" + "---|" * len(result.parameters))
        for q in qs:
            cells = []
            for p in result.parameters:
                d = derivs[(id(q), p)]
                cells.append(d.sign if d.sign == "0" else f"{_md_sign(d.sign)} {_md_code(show(d.derivative))}")
            lines.append(f"| {markdown_escape(q.name)} | {_md_code(show(q.expression))} | " + " | ".join(cells) + " |")
        unsettled = [derivs[(id(q), p)] for q in qs for p in result.parameters if derivs[(id(q), p)].sign == "?"]
        if unsettled:
            lines.append("")
            for d in unsettled:
                lines.append(f"- d({markdown_escape(d.quantity.name)})/d{markdown_escape(d.parameter)}: "
                             + "; ".join(f"{_md_sign(s)} when {_md_code(_conds(c)) if c else 'always'}"
                                         for s, c in d.regions))
        lines.append("")
        if k is None:
            for q in qs:
                if q.description:
                    lines.append(f"- {markdown_escape(q.name)}: {markdown_escape(q.description)}")
            lines.append("")
        for text in _readings(result, qs):
            lines.append(f"- {markdown_escape(text)}")
    lines.append("")
    if result.boundaries:
        lines.append("**Boundaries** (where equilibria appear or disappear):")
        lines.append("")
        for b in result.boundaries:
            sides = "; ".join(f"{_equilibria_words(ks)} only when {_md_code(_rel(c))}" for ks, c in _boundary_sides(b))
            lines.append(f"- {_md_code(_rel(b.equation))}: {sides}")
    else:
        lines.append("**Boundaries:** none; every equilibrium exists wherever the assumptions hold.")
    for note in result.notes:
        lines.append("")
        lines.append(f"Note: {markdown_escape(note)}")
    return "\n".join(lines) + "\n"


def _md_sign(s: str) -> str:
    return "−" if s == "-" else s


# -- LaTeX ----------------------------------------------------------------------------------------

_LATEX_SIGN = {"+": "$+$", "-": "$-$", "0": "$0$", "?": "?"}


def statics_latex(result) -> str:
    """A booktabs ``tabular`` fragment: one row per quantity, one sign column per parameter."""
    original = _original(result.game)
    params = list(result.parameters)
    lines = [
        "% gametheory statics: comparative statics of " + (original.title or "the game").replace("\n", " "),
        "% needs \\usepackage{booktabs}",
        "% signs: + rises with the parameter, - falls, 0 unchanged, ? depends on the parameters",
    ]
    if not params:
        lines.append("% no parameters to vary: every payoff is a number")
        return "\n".join(lines) + "\n"
    derivs = _derivs(result)
    head = ["Eq.", "Quantity", "Value"] + [f"$\\partial/\\partial {latex_expr(sympy.Symbol(p))}$" for p in params]
    blocks = []
    for k, qs in _groups(result):
        blocks.append([[("" if k is None or j else str(k + 1)), latex_escape(q.name), f"${latex_expr(q.expression)}$"]
                       + [_LATEX_SIGN[derivs[(id(q), p)].sign] for p in params] for j, q in enumerate(qs)])
    lines.extend(sign_tabular(head, blocks, len(params)))
    conditional = [(k, result.equilibria.equilibria[k].conditions) for k, _ in _groups(result)
                   if k is not None and result.equilibria.equilibria[k].conditions]
    for k, conds in conditional:
        lines.append(f"% equilibrium {k + 1} exists only when {_conds(conds)}")
    return "\n".join(lines) + "\n"
