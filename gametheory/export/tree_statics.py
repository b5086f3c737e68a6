"""Comparative statics of game trees for people and programs: text, JSON
(``gametheory.tree-statics/1``), Markdown and LaTeX renderings of a
:class:`~gametheory.analysis.tree_statics.TreeStatics`, and the figure of ``plot --param`` on a
tree (:func:`save_tree_plot`).

Conventions
-----------
* JSON: ``equilibria`` lists each equilibrium (``family`` ``spe`` or ``pbe``, ``equilibrium``
  its 0-based index in that family's list of the ``gametheory.tree/1`` document, ``kind``,
  ``path``, ``behaviour``, ``conditions``, ``belief_conditions``, ``knife_edge`` and
  ``unsolved``: the conditions not solved for a variable, with the reason); ``results`` has one
  entry per quantity and parameter with the fields of ``gametheory.statics/1`` (``equilibrium``,
  ``quantity``, ``expression``, ``parameter``, ``derivative``, ``sign``, ``conditions`` (the
  regions of a ``?``), ``kind``, ``exists_when``) plus ``family`` and, for a threshold,
  ``threshold``: ``{"condition", "variable", "relation", "value"}``. A threshold has no entry
  for the variable it is solved for.
* Text and Markdown number equilibria from 1 in each family, as ``gametheory solve`` prints
  them; each equilibrium gets a table of its quantities' signs, a table of its thresholds'
  signs (``.`` in the column of the threshold's own variable), the non-zero derivatives, and
  sentences reading them ("cD <= 1 - p: the threshold falls as p rises").
* The figure: one coloured band per interval of the plotted parameter on which the same
  subgame-perfect equilibria hold, labelled with their paths (a colour per set of paths, the
  same set the same colour), boundaries dotted and labelled with their exact values, each
  player's equilibrium payoff drawn over the bands. Each band's patch has ``gid``
  ``"band:LO:HI"`` and each boundary line ``"boundary:VALUE"`` (exact values as text), so that
  tests and scripts find them in the SVG. matplotlib is used without ``pyplot``, as in
  :mod:`gametheory.export.plot`.
"""

from __future__ import annotations

import textwrap

import sympy

from ..analysis.tree_statics import threshold_text
from . import json as jsonout
from .statics import (_md_code, _md_sign, _regions_text, _rel, header_lines, markdown_head, show,
                      sign_tabular)
from .tree_report import _behaviour_dict, _behaviour_text, game_dict

__all__ = ["SCHEMA", "tree_statics_dict", "tree_statics_text", "tree_statics_markdown", "tree_statics_latex",
           "tree_plot_figure", "save_tree_plot"]

SCHEMA = "gametheory.tree-statics/1"

_WIDTH = 100
_FAMILY = {"spe": "SPE", "pbe": "PBE"}
_WORDS = {"+": "rises", "-": "falls"}


# -- pieces ------------------------------------------------------------------------------------------

def _title(e) -> str:
    return f"{_FAMILY[e.family]} {e.index + 1} ({e.kind}): {e.label}"


def _conds(conds) -> str:
    return " and ".join(_rel(c) for c in conds)


def _derivs(e) -> dict:
    return {(id(d.quantity), d.parameter): d for d in e.derivatives}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False)


def _grid(rows: list[list[str]], gap: str = "  ") -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return [gap.join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip() for row in rows]


def _and(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _or(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _noun(q) -> str:
    if q.kind == "payoff":
        return f"{q.player}'s payoff"
    if q.kind == "probability":
        return f"the probability of {q.move} at {q.info or 'the root'}"
    if q.kind == "outcome":
        return f"the probability of reaching {q.name[len('outcome:'):]}"
    if q.kind == "belief":
        return f"the belief at {q.info or 'the root'} in {q.move}"
    return q.name


def _value(q) -> str:
    return threshold_text(q.expression) if q.kind == "threshold" else show(q.expression)


def _cell(d) -> str:
    return "." if d is None else d.sign


def _quantity_readings(result, e) -> list[str]:
    derivs = _derivs(e)
    plain = [q for q in e.quantities if q.kind != "threshold"]
    out, idle = [], []
    for p in result.parameters:
        by_sign: dict = {}
        for q in plain:
            by_sign.setdefault(derivs[(id(q), p)].sign, []).append(_noun(q))
        clauses = []
        for s, verb in (("+", "raises"), ("-", "lowers")):
            if s in by_sign:
                clauses.append(f"{verb} {_and(by_sign[s])}")
        if "?" in by_sign:
            clauses.append(f"moves {_and(by_sign['?'])} in a direction that depends on the parameters")
        if clauses:
            out.append(f"A higher {p} {'; '.join(clauses)}.")
        else:
            idle.append(p)
    if idle and plain:
        out.append(f"No quantity here depends on {_or(idle)}.")
    return out


def _threshold_reading(result, e, q) -> str:
    derivs = _derivs(e)
    clauses, constant = [], []
    for p in result.parameters:
        d = derivs.get((id(q), p))
        if d is None:
            continue
        if d.sign in _WORDS:
            clauses.append(f"{_WORDS[d.sign]} as {p} rises")
        elif d.sign == "?":
            sides = "; ".join(f"{_WORDS.get(s, 'stays')} when {_conds(c) or 'always'}" for s, c in d.regions)
            clauses.append(f"moves either way as {p} rises ({sides})")
        else:
            constant.append(p)
    if not clauses and not constant:
        return ""  # differentiated by nothing: its own variable is the only one varied
    if not clauses:
        return f"{q.name}: the threshold does not depend on {_or(constant)}."
    text = f"{q.name}: the threshold {_and(clauses)}"
    if constant:
        text += f"; it does not depend on {_or(constant)}"
    return text + "."


def _shown(e) -> list:
    """The thresholds with a derivative by some parameter varied (not those solved for the only one)."""
    differentiated = {id(d.quantity) for d in e.derivatives}
    return [q for q in e.thresholds() if id(q) in differentiated]


def _readings(result, e) -> list[str]:
    texts = _quantity_readings(result, e) + [_threshold_reading(result, e, q) for q in e.thresholds()]
    return [t for t in texts if t]


def _merged(result, e) -> list:
    """Non-zero derivatives: [(text, sign text)]."""
    derivs = _derivs(e)
    rows = []
    for q in e.quantities:
        for p in result.parameters:
            d = derivs.get((id(q), p))
            if d is None or d.sign == "0":
                continue
            lhs = f"d({q.name})/d{p}" if q.kind != "threshold" else f"{q.name}: d/d{p}"
            extra = f"  ({_regions_text(d.regions)})" if d.sign == "?" else ""
            rows.append([f"{lhs} = {show(d.derivative)}", d.sign + extra])
    return rows


def _header(result) -> list[str]:
    tree = result.tree
    lines = header_lines(f"{tree.title or 'Tree'}: comparative statics of the equilibria", tree,
                         result.parameters)
    if tree.assumptions:
        lines.append("Assumptions: " + ", ".join(_rel(a) for a in tree.assumptions))
    return lines


def _where(e) -> str:
    parts = []
    if e.conditions:
        parts.append(_conds(e.conditions))
    if e.belief_conditions:
        parts.append("beliefs " + _conds(e.belief_conditions))
    if not parts:
        return "holds whenever the assumptions hold"
    text = "holds when " + "; ".join(parts) + "; the signs hold there"
    if e.knife_edge:
        text += " (a knife edge: moving one parameter alone leaves it)"
    return text


# -- JSON -----------------------------------------------------------------------------------------

def _regions_list(regions) -> list:
    return [{"sign": s, "when": jsonout.conditions_list(conds)} for s, conds in regions]


def tree_statics_dict(result) -> dict:
    """The ``gametheory.tree-statics/1`` document (module docstring)."""
    equilibria, results = [], []
    for e in result.equilibria:
        equilibria.append({
            "family": e.family,
            "equilibrium": e.index,
            "kind": e.kind,
            "path": e.label,
            "behaviour": _behaviour_dict(e.entry.behaviour) if e.entry is not None else {},
            "conditions": jsonout.conditions_list(e.conditions),
            "belief_conditions": jsonout.conditions_list(e.belief_conditions),
            "knife_edge": e.knife_edge,
            "unsolved": [{"condition": jsonout.expr_str(c), "variable": v, "reason": r} for c, v, r in e.unsolved],
        })
        for d in e.derivatives:
            q = d.quantity
            item = {
                "family": e.family,
                "equilibrium": e.index,
                "quantity": q.name,
                "expression": jsonout.expr_str(q.expression),
                "parameter": d.parameter,
                "derivative": jsonout.expr_str(d.derivative),
                "sign": d.sign,
                "conditions": _regions_list(d.regions),
                "kind": q.kind,
                "exists_when": jsonout.conditions_list(e.conditions),
            }
            if q.threshold is not None:
                t = q.threshold
                item["threshold"] = {"condition": jsonout.expr_str(t.condition), "variable": t.variable,
                                     "relation": t.relation, "value": jsonout.expr_str(t.expression)}
            results.append(item)
    return {
        "schema": SCHEMA,
        "game": game_dict(result.tree),
        "instance": "numeric" if result.tree.is_numeric else "symbolic",
        "parameters": list(result.parameters),
        "equilibria": equilibria,
        "results": results,
        "complete": result.complete,
        "notes": list(result.notes),
    }


# -- text -----------------------------------------------------------------------------------------

def tree_statics_text(result) -> str:
    """The text report of ``gametheory statics`` on a tree."""
    lines = _header(result)
    lines.append("Signs: + rises with the parameter, - falls, 0 unchanged, ? depends on the parameters; "
                 ". the threshold's own variable")
    if not result.parameters:
        lines.append("")
        lines.append("No parameters to vary: every payoff is a number.")
        return "\n".join(lines) + "\n"
    if not result.equilibria:
        lines.append("")
        lines.append("No equilibria were found.")
    params = list(result.parameters)
    for e in result.equilibria:
        derivs = _derivs(e)
        lines.append("")
        lines.extend(_wrap(_title(e), ""))
        lines.extend(_wrap(_where(e), "  "))
        if e.entry is not None:
            lines.extend(_wrap("behaviour: " + _behaviour_text(e.entry.behaviour), "  "))
        plain = [q for q in e.quantities if q.kind != "threshold"]
        rows = [["quantity", "value"] + params]
        rows += [[q.name, show(q.expression)] + [_cell(derivs.get((id(q), p))) for p in params] for q in plain]
        lines.extend("  " + line for line in _grid(rows))
        thresholds = _shown(e)
        if thresholds:
            lines.append("  Thresholds (each condition solved for one variable):")
            rows = [["threshold"] + params]
            rows += [[q.name] + [_cell(derivs.get((id(q), p))) for p in params] for q in thresholds]
            lines.extend("    " + line for line in _grid(rows))
        for c, v, reason in e.unsolved:
            lines.extend(_wrap(f"not solved for {v}: {_rel(c)} ({reason})", "    "))
        merged = _merged(result, e)
        if merged:
            lines.append("  Derivatives:")
            lines.extend("    " + line for line in _grid(merged))
        lines.append("  Reading:")
        for text in _readings(result, e):
            lines.extend(_wrap(text, "    "))
    lines.append("")
    for note in result.notes:
        lines.extend(_wrap(f"Note: {note}", ""))
    return "\n".join(lines).rstrip("\n") + "\n"


# -- Markdown -------------------------------------------------------------------------------------

def _md(text: str) -> str:
    from ._cells import markdown_escape

    return markdown_escape(text)


def tree_statics_markdown(result) -> str:
    """The Markdown report of ``gametheory statics`` on a tree (GitHub-flavoured)."""
    tree = result.tree
    lines = markdown_head(f"{tree.title or 'Tree'}: comparative statics of the equilibria", tree,
                          result.parameters)
    if not result.parameters:
        return "\n".join(lines) + "\n"
    params = list(result.parameters)
    for e in result.equilibria:
        derivs = _derivs(e)
        lines += ["", f"### {_md(_title(e))}", ""]
        lines.append(_md_where(e))
        lines.append("")
        heads = " | ".join(f"∂/∂{_md(p)}" for p in params)
        lines.append(f"| quantity | value | {heads} |")
        lines.append("|---|---|" + "---|" * len(params))
        for q in [q for q in e.quantities if q.kind != "threshold"] + _shown(e):
            cells = []
            for p in params:
                d = derivs.get((id(q), p))
                if d is None:
                    cells.append("·")
                else:
                    cells.append(d.sign if d.sign == "0" else f"{_md_sign(d.sign)} {_md_code(show(d.derivative))}")
            shown = _md_code(q.name) if q.kind == "threshold" else _md(q.name)
            lines.append(f"| {shown} | {_md_code(_value(q))} | " + " | ".join(cells) + " |")
        lines.append("")
        for c, v, reason in e.unsolved:
            lines.append(f"- not solved for {_md(v)}: {_md_code(_rel(c))} ({_md(reason)})")
        for text in _readings(result, e):
            lines.append(f"- {_md(text)}")
    for note in result.notes:
        lines += ["", f"Note: {_md(note)}"]
    return "\n".join(lines) + "\n"


def _md_where(e) -> str:
    parts = []
    if e.conditions:
        parts.append(" and ".join(_md_code(_rel(c)) for c in e.conditions))
    if e.belief_conditions:
        parts.append("beliefs " + " and ".join(_md_code(_rel(c)) for c in e.belief_conditions))
    if not parts:
        return "Holds whenever the assumptions hold."
    text = "Holds when " + "; ".join(parts) + "; the signs hold there"
    if e.knife_edge:
        text += " (a knife edge: moving one parameter alone leaves it)"
    return text + "."


# -- LaTeX ----------------------------------------------------------------------------------------

_LATEX_SIGN = {"+": "$+$", "-": "$-$", "0": "$0$", "?": "?"}
_LATEX_OP = {"<": "<", "<=": "\\leq", ">": ">", ">=": "\\geq", "==": "="}


def tree_statics_latex(result) -> str:
    """A booktabs ``tabular`` fragment: one row per quantity and threshold, one sign column per parameter."""
    from ._cells import latex_escape, latex_expr

    tree = result.tree
    params = list(result.parameters)
    lines = [
        "% gametheory statics: comparative statics of the equilibria of " + (tree.title or "the tree").replace("\n", " "),
        "% needs \\usepackage{booktabs}",
        "% signs: + rises with the parameter, - falls, 0 unchanged, ? depends on the parameters",
    ]
    if not params:
        lines.append("% no parameters to vary: every payoff is a number")
        return "\n".join(lines) + "\n"
    head = ["Eq.", "Quantity", "Value"] + [f"$\\partial/\\partial {latex_expr(sympy.Symbol(p))}$" for p in params]
    blocks = []
    for e in result.equilibria:
        derivs = _derivs(e)
        block = []
        for j, q in enumerate([q for q in e.quantities if q.kind != "threshold"] + _shown(e)):
            name = latex_escape(q.name)
            if q.threshold is not None:
                t = q.threshold
                name = f"${latex_expr(sympy.Symbol(t.variable))} {_LATEX_OP[t.relation]} {latex_expr(t.expression)}$"
            signs = [_LATEX_SIGN[derivs[(id(q), p)].sign] if (id(q), p) in derivs else "" for p in params]
            block.append([f"{_FAMILY[e.family]} {e.index + 1}" if j == 0 else "", name,
                          f"${latex_expr(q.expression)}$"] + signs)
        blocks.append(block)
    lines.extend(sign_tabular(head, blocks, len(params)))
    for e in result.equilibria:
        if e.conditions:
            lines.append(f"% {_FAMILY[e.family]} {e.index + 1} ({e.label}) holds when {_conds(e.conditions)}")
    return "\n".join(lines) + "\n"


# -- the figure -------------------------------------------------------------------------------------

def _band_words(allowed, labels) -> str:
    if not allowed:
        return "outside the assumptions"
    if not labels:
        return "no subgame-perfect equilibrium"
    return "\n".join(labels)


#: Longest path of play written inside its band; a longer one is named by its number there and
#: written out in the legend.
_INSIDE = 40


def _numbers(band) -> str:
    return "SPE " + ", ".join(str(k + 1) for k in band.equilibria)


def _inside(band) -> str:
    words = _band_words(band.allowed, band.labels)
    return words if all(len(label) <= _INSIDE for label in band.labels) else _numbers(band)


def _legend_words(band) -> str:
    if not band.allowed or not band.labels:
        return _band_words(band.allowed, band.labels)
    lines = []
    for k, label in zip(band.equilibria, band.labels):
        text = label if all(len(x) <= _INSIDE for x in band.labels) else f"SPE {k + 1}: {label}"
        lines.extend(textwrap.wrap(text, width=70, subsequent_indent="  ", break_on_hyphens=False))
    return "\n".join(lines)


def tree_plot_figure(data):
    """A :class:`matplotlib.figure.Figure` of a :class:`~gametheory.analysis.tree_statics.TreePlotData`."""
    from .plot import require_matplotlib

    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = Figure(figsize=(8, 5), layout="constrained")
    ax = fig.subplots()
    keys: list = []
    for band in data.bands:
        key = (band.allowed, band.labels)
        if key not in keys:
            keys.append(key)
    palette = ["#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5", "#ffffb3", "#bc80bd"]
    colour = {}
    j = 0
    for key in keys:
        if not key[0] or not key[1]:
            colour[key] = "0.9"
        else:
            colour[key] = palette[j % len(palette)]
            j += 1
    for band in data.bands:
        patch = ax.axvspan(float(band.lo), float(band.hi), color=colour[(band.allowed, band.labels)], alpha=0.55,
                           linewidth=0, hatch="//" if not band.allowed else None)
        patch.set_gid(f"band:{show(band.lo)}:{show(band.hi)}")
        if band.allowed and band.labels:
            ax.text((float(band.lo) + float(band.hi)) / 2, 0.5, _inside(band),
                    transform=ax.get_xaxis_transform(), rotation=90, ha="center", va="center", fontsize="small",
                    color="0.15", clip_on=True, gid=f"label:{show(band.lo)}:{show(band.hi)}")
    xs = [float(x) for x in data.xs]
    styles = ("-", "--", ":", "-.")
    players = list(data.tree.players)
    several = any(len(b.equilibria) > 1 for b in data.bands)
    for c in data.curves:
        ys = [float("nan") if v is None else float(v) for v in c.values]
        (line,) = ax.plot(xs, ys, color=f"C{players.index(c.player) % 10}",
                          linestyle=styles[c.equilibrium % len(styles)] if several else "-", linewidth=1.6)
        line.set_gid(f"spe{c.equilibrium}:payoff:{c.player}")
    for cut in data.cuts:
        ax.axvline(float(cut.at), color="0.3", linestyle=":", linewidth=1, gid=f"boundary:{show(cut.at)}")
        ax.annotate(f"{data.parameter} = {show(cut.at)}", xy=(float(cut.at), 1.0), xycoords=("data", "axes fraction"),
                    xytext=(2, -10), textcoords="offset points", fontsize="small", color="0.2")
    ax.set_xlim(float(data.lo), float(data.hi))
    ax.set_ylabel("subgame-perfect payoff")
    words = f"{data.parameter} ({data.description})" if data.description else data.parameter
    ax.set_xlabel(words)
    ax.grid(True, linewidth=0.3, alpha=0.5)
    first = {}
    for band in data.bands:
        first.setdefault((band.allowed, band.labels), band)
    handles = [Patch(facecolor=colour[key], alpha=0.55, label=_legend_words(first[key])) for key in keys]
    handles += [Line2D([], [], color=f"C{k % 10}", linewidth=1.6, label=f"{p}'s payoff") for k, p in enumerate(players)]
    if several:
        handles += [Line2D([], [], color="0.2", linestyle=styles[k % len(styles)], label=f"SPE {k + 1}")
                    for k in range(len(data.spe.equilibria))]
    wide = any("\n" in h.get_label() or len(h.get_label()) > 45 for h in handles)
    fig.legend(handles=handles, loc="outside lower center", ncols=1 if wide else 2, fontsize="small", frameon=False,
               title="subgame-perfect path of play", title_fontsize="small")
    others = ", ".join(f"{name} = {show(value)}" for name, value in data.fixed)
    title = f"{data.title or 'Tree'}: the subgame-perfect outcome against {data.parameter}"
    fig.suptitle(title + (f"\nother parameters: {others}" if others else ""), fontsize="medium")
    return fig


def save_tree_plot(data, path):
    """Draw ``data`` and write it to ``path`` (PNG, SVG or PDF by the extension); return the figure."""
    from pathlib import Path

    from .plot import check_format, require_matplotlib

    fmt = check_format(path)
    matplotlib = require_matplotlib()
    fig = tree_plot_figure(data)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(Path(str(path)), format=fmt, dpi=120, metadata=metadata)
    return fig
