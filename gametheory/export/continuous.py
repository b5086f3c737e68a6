"""Renderers of continuous games' reports: JSON ``gametheory.continuous/1``, text, Markdown, LaTeX.

Conventions
-----------
* A report comes in with ``result`` (:class:`~gametheory.equilibria.kkt.KKTResult`) and
  ``analysis`` (:class:`~gametheory.analysis.continuous.ContinuousAnalysis`); layout goes out.
  Nothing here decides or solves.
* Expressions in JSON are exact sympy-parseable strings (:func:`gametheory.conditions.to_str`);
  conditions are the ones beyond the assumptions, ``[]`` meaning always.
"""

from __future__ import annotations

import contextvars

import sympy

from .. import conditions
from .json import conditions_list, expr_str
from ..expr import to_text
from .text import show as _show_exact, show_conditions


#: The parameters' order in the spec being rendered: sums list terms in this order.
_ORDER: contextvars.ContextVar[tuple] = contextvars.ContextVar("gametheory_export_order", default=())


def ordered(game):
    """A context in which :func:`show` orders sums by the game's parameters (``p - cA``)."""
    import contextlib

    @contextlib.contextmanager
    def scope():
        token = _ORDER.set(tuple(str(p.name) for p in game.parameters))
        try:
            yield
        finally:
            _ORDER.reset(token)

    return scope()


def _term_key(term):
    order = _ORDER.get()
    names = [str(s) for s in term.free_symbols]
    if not names:
        return (0, 0, "")
    ranks = [order.index(n) if n in order else len(order) for n in names]
    return (1, min(ranks), to_text(term))


def _add(e) -> str:
    terms = sorted(sympy.Add.make_args(e), key=_term_key)
    positive = [t for t in terms if not t.could_extract_minus_sign()]
    negative = [-t for t in terms if t.could_extract_minus_sign()]
    first = [to_text(t) for t in positive]
    text = " + ".join(first) if first else "-" + _factor(negative.pop(0))
    for t in negative:
        text += " - " + _factor(t)
    return text


def _factor(t) -> str:
    return f"({_add(t)})" if t.is_Add else to_text(t)


def _leaning(e) -> bool:
    """At least as many negative terms as positive ones, and some negative."""
    terms = sympy.Add.make_args(e)
    negative = sum(1 for t in terms if t.could_extract_minus_sign())
    return bool(negative) and 2 * negative >= len(terms)


def _product(e) -> str:
    """A product with its sums in parentheses, numbers first: ``N*Y*(N - 1)``."""
    if not e.is_Mul:
        return f"({_add(e)})" if e.is_Add else to_text(e)
    if e.could_extract_minus_sign():
        return "-" + _product(-e)
    parts = []
    for f in sorted(e.args, key=lambda f: (not f.is_number, f.is_Add or f.is_Pow and f.base.is_Add, _term_key(f))):
        if f.is_Add:
            parts.append(f"({_add(f)})")
        elif f.is_Pow and f.base.is_Add:
            parts.append(f"({_add(f.base)})^{to_text(f.exp)}")
        else:
            parts.append(to_text(f))
    return "*".join(parts)


def show(value) -> str:
    """An expression for people: sums in the order of the spec's parameters with positive terms
    first (``p - cA``, ``1 - p - cB``), fractions with a positive numerator and denominator."""
    if not isinstance(value, sympy.Expr) or isinstance(value, sympy.core.relational.Relational):
        return _show_exact(value)
    if value.has(sympy.Float):  # a numeric solve: 20 significant digits (JSON keeps them all)
        return sympy.sstr(sympy.N(value, 20))
    if value.has(sympy.Max, sympy.Min, sympy.log, sympy.exp):
        return to_text(value)
    numer, denom = sympy.fraction(sympy.factor_terms(value))
    denom = sympy.factor(denom)
    def grouped(e):  # a product or power with a sum inside: keep it factored
        return any(f.is_Add or f.is_Pow and f.base.is_Add for f in sympy.Mul.make_args(e))

    if grouped(numer) and not numer.is_Add or grouped(denom) and not denom.is_Add:
        top_factors, bottom_factors = list(sympy.Mul.make_args(numer)), list(sympy.Mul.make_args(denom))
        up = next((k for k, f in enumerate(top_factors) if f.is_Add and _leaning(f)), None)
        down = next((k for k, f in enumerate(bottom_factors) if f.is_Add and _leaning(f)), None)
        if up is not None and down is not None:  # (dA - 1)/(dA*dB - 1) reads (1 - dA)/(1 - dA*dB)
            top_factors[up] = sympy.expand(-top_factors[up])
            bottom_factors[down] = sympy.expand(-bottom_factors[down])
        numer = sympy.Mul(*top_factors, evaluate=False) if len(top_factors) > 1 else top_factors[0]
        denom = sympy.Mul(*bottom_factors, evaluate=False) if len(bottom_factors) > 1 else bottom_factors[0]
        top, bottom = _product(numer), _product(denom)
        if denom == 1:
            return top
        return f"{top}/{'(' + bottom + ')' if denom.is_Mul else bottom}"
    numer, denom = sympy.expand(numer), sympy.expand(denom)
    if denom == 1:
        return _add(numer) if numer.is_Add else to_text(numer)
    if _leaning(numer) and _leaning(denom) or denom.is_Add and all(t.could_extract_minus_sign() for t in denom.args):
        numer, denom = sympy.expand(-numer), sympy.expand(-denom)
    top = f"({_add(numer)})" if numer.is_Add else to_text(numer)
    bottom = f"({_add(denom)})" if denom.is_Add or denom.is_Mul else to_text(denom)
    return f"{top}/{bottom}"


SCHEMA = "gametheory.continuous/1"
_CASE_WORDS = {"interior": "interior", "lower": "at its lower bound", "upper": "at its upper bound"}


def _bound(b) -> str | None:
    return None if b is None else expr_str(b)


def game_dict(game) -> dict:
    out = {
        "title": game.title,
        "players": list(game.players),
        "choices": {p: {c.name: [_bound(c.lower), _bound(c.upper)] for c in cs}
                    for p, cs in zip(game.players, game.choices)},
        "payoffs": {p: expr_str(u) for p, u in zip(game.players, game.payoffs)},
        "parameters": {p.name: (expr_str(p.default) if p.default is not None else None) for p in game.parameters},
        "assumptions": conditions_list(game.assumptions),
    }
    if game.by_count:
        out["count"] = expr_str(game.count)
    return out


def _verdict(v) -> dict | None:
    if v is None:
        return None
    return {"holds": v.holds, "conditions": conditions_list(v.conditions)}


def _quantities_dict(q) -> dict:
    out = {}
    if q.total is not None:
        out["total"] = expr_str(q.total)
    if q.shares:
        out["shares"] = {p: expr_str(s) for p, s in q.shares}
    if q.capacity_shares:
        out["capacity_shares"] = {p: expr_str(s) for p, s in q.capacity_shares}
    if q.exploitation is not None:
        out["exploitation"] = dict(_verdict(q.exploitation), largest=q.largest)
    return out


def continuous_dict(report) -> dict:
    result, analysis = report.result, report.analysis
    game = result.game
    best = {}
    for br in result.best_responses:
        best.setdefault(game.players[br.player], []).append(
            {"choice": {str(br.variable): expr_str(br.value)}, "case": br.case,
             "conditions": conditions_list(br.conditions)})
    equilibria = []
    for eq, q in zip(result.equilibria, analysis.quantities):
        equilibria.append({
            "choices": {str(v): expr_str(x) for v, x in eq.choices},
            "cases": {str(v): c for (v, _), c in zip(eq.choices, eq.cases)},
            "payoffs": {p: expr_str(u) for p, u in zip(game.players, eq.payoffs)},
            "conditions": conditions_list(eq.conditions),
            "second_order": conditions_list(eq.second_order),
            "quantities": _quantities_dict(q),
        })
    efficient = []
    for j, eff in enumerate(result.efficient):
        efficient.append({
            "choices": {str(v): expr_str(x) for v, x in eff.choices},
            "total": expr_str(eff.total),
            "conditions": conditions_list(eff.conditions),
            "shortfalls": [
                {"equilibrium": s.equilibrium + 1,
                 "conditions": conditions_list(s.conditions),
                 "provision": expr_str(s.provision) if s.provision is not None else None,
                 "welfare": expr_str(s.welfare),
                 "under_provision": _verdict(s.under_provision),
                 "deficient": _verdict(s.deficient)}
                for s in analysis.shortfalls if s.efficient == j
            ],
        })
    return {
        "schema": SCHEMA,
        "game": game_dict(game),
        "instance": "numeric" if game.is_numeric else "symbolic",
        "best_responses": best,
        "equilibria": equilibria,
        "efficient": efficient,
        "exploitation": _verdict(analysis.exploitation),
        "concave": list(result.concave),
        "solver": {"method": result.solver, "exact": result.exact, "notes": list(result.notes)},
    }


# -- text ---------------------------------------------------------------------------------------

def _header(game) -> list[str]:
    lines = [game.title, "=" * len(game.title)]
    if game.source:
        lines.append(f"Source: {game.source[0]}" + (" (and others)" if len(game.source) > 1 else ""))
    if game.parameters:
        shown = []
        for p in game.parameters:
            value = "symbolic" if p.default is None else show(p.default)
            if p.name in game.assigned or not game.free_symbols & {p.symbol}:
                shown.append(f"{p.name} = {value}")
            else:
                shown.append(f"{p.name} (default {value})")
        lines.append("Parameters: " + ", ".join(shown))
    if game.assumptions:
        lines.append("Assumptions: " + ", ".join(show(a) for a in game.assumptions))
    kind = "numeric" if game.is_numeric else "symbolic in " + ", ".join(sorted(map(str, game.free_symbols)))
    lines.append(f"Instance: {kind}")
    return lines


def _interval(c) -> str:
    lo = "-oo" if c.lower is None else show(c.lower)
    hi = "oo" if c.upper is None else show(c.upper)
    return f"[{lo}, {hi}]" if c.upper is not None else f"[{lo}, {hi})"


def _when(conds) -> str:
    return f"when {show_conditions(conds)}" if conds else "always"


def _verdict_text(v) -> str:
    if v.holds is True:
        return "yes"
    if v.holds is False:
        return "no"
    return f"when {show_conditions(v.conditions)}" if v.conditions else "undecided"


def continuous_text(report) -> str:
    with ordered(report.result.game):
        return _continuous_text(report)


def _continuous_text(report) -> str:
    result, analysis = report.result, report.analysis
    game = result.game
    lines = _header(game)
    lines.append("")
    if game.by_count:
        c = game.choices[0][0]
        lines.append(f"Players: {game.count} symmetric players ({game.players[0]}); each chooses {c.name} in {_interval(c)}")
        lines.append(f"Payoff of each: {to_text(game.payoffs[0])}   (X: the sum of every choice, X_others: the others')")
    else:
        lines.append("Choices and payoffs:")
        for p, cs, u in zip(game.players, game.choices, game.payoffs):
            chosen = ", ".join(f"{c.name} in {_interval(c)}" for c in cs)
            lines.append(f"  {p} chooses {chosen}; payoff {to_text(u)}")
    lines.append("")
    if result.best_responses:
        lines.append("Best responses (first-order conditions, case by case):")
        for br in result.best_responses:
            who = game.players[br.player]
            lines.append(f"  {who}: {br.variable} = {show(br.value)} ({_CASE_WORDS[br.case]}) {_when(br.conditions)}")
    concave = ("every payoff is concave in the player's own choice on its interval"
               if all(c is True for c in result.concave)
               else "concavity not shown for every player; local conditions are stated")
    lines.append(f"Second-order conditions: {concave}")
    lines.append("")
    what = "Symmetric pure Nash equilibria" if game.by_count else "Pure Nash equilibria"
    how = "exact" if result.exact else "numeric, verified with mpmath"
    lines.append(f"{what}: {len(result.equilibria)} ({how}; method: {result.solver})")
    for k, (eq, q) in enumerate(zip(result.equilibria, analysis.quantities), start=1):
        choices = ", ".join(f"{v} = {show(x)}" for v, x in eq.choices)
        cases = ", ".join(f"{v} {_CASE_WORDS[c]}" for (v, _), c in zip(eq.choices, eq.cases))
        lines.append(f"  {k}. {_when(eq.conditions)}: {choices}")
        lines.append(f"     cases: {cases}")
        lines.append("     payoffs: " + ", ".join(f"{p} {show(u)}" for p, u in zip(game.players, eq.payoffs)))
        if eq.second_order:
            lines.append(f"     second-order condition: {show_conditions(eq.second_order)}")
        if q.total is not None:
            lines.append(f"     total: {show(q.total)}")
        if q.shares and q.capacity_shares:
            parts = [f"{p} {show(s)} (of capacity {show(c)})" for (p, s), (_, c) in zip(q.shares, q.capacity_shares)]
            lines.append("     shares of the burden: " + "; ".join(parts))
        elif q.shares:
            lines.append("     shares of the burden: " + "; ".join(f"{p} {show(s)}" for p, s in q.shares))
        if q.exploitation is not None:
            lines.append(f"     {q.largest} bears more than its share of capacity: {_verdict_text(q.exploitation)}")
    if analysis.exploitation is not None:
        lines.append("")
        lines.append("Exploitation of the great by the small (Olson and Zeckhauser 1966): "
                     + _verdict_text(analysis.exploitation))
        if analysis.exploitation.holds is True:
            largest = next(q.largest for q in analysis.quantities if q.largest)
            lines.append(f"  In every equilibrium {largest}'s share of the burden exceeds its share of capacity.")
    lines.append("")
    lines.append("Joint optimum (the sum of payoffs maximised):")
    if not result.efficient:
        lines.append("  none found (the sum of payoffs has no maximum on the intervals)")
    for j, eff in enumerate(result.efficient):
        choices = ", ".join(f"{v} = {show(x)}" for v, x in eff.choices)
        lines.append(f"  {_when(eff.conditions)}: {choices}; sum of payoffs {show(eff.total)}")
        for s in analysis.shortfalls:
            if s.efficient != j:
                continue
            where = f" ({show_conditions(s.conditions)})" if s.conditions else ""
            parts = []
            if s.provision is not None:
                parts.append(f"total short by {show(s.provision)}, under-provision: {_verdict_text(s.under_provision)}")
            parts.append(f"welfare short by {show(s.welfare)}, deficient: {_verdict_text(s.deficient)}")
            lines.append(f"    against equilibrium {s.equilibrium + 1}{where}: " + "; ".join(parts))
    dilemma = [s for s in analysis.shortfalls if s.under_provision.holds is True]
    if dilemma:
        lines.append("Dilemma: yes (under-provision of the common good in equilibrium)")
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines) + "\n"


# -- Markdown -------------------------------------------------------------------------------------

def _md(value) -> str:
    return f"`{show(value)}`"


def continuous_markdown(report) -> str:
    with ordered(report.result.game):
        return _continuous_markdown(report)


def _continuous_markdown(report) -> str:
    result, analysis = report.result, report.analysis
    game = result.game
    lines = [f"# {game.title}", ""]
    if game.source:
        lines += [f"Source: {game.source[0]}", ""]
    if game.assumptions:
        lines += ["Assumptions: " + ", ".join(_md(a) for a in game.assumptions), ""]
    lines += ["| player | choice | interval | payoff |", "| --- | --- | --- | --- |"]
    for p, cs, u in zip(game.players, game.choices, game.payoffs):
        for c in cs:
            lines.append(f"| {p} | `{c.name}` | `{_interval(c)}` | `{to_text(u)}` |")
    lines += ["", "## Equilibria", "", "| # | region | choices | payoffs | total |", "| --- | --- | --- | --- | --- |"]
    for k, (eq, q) in enumerate(zip(result.equilibria, analysis.quantities), start=1):
        region = f"`{show_conditions(eq.conditions)}`" if eq.conditions else "always"
        choices = ", ".join(f"`{v} = {show(x)}`" for v, x in eq.choices)
        payoffs = ", ".join(f"{p}: {_md(u)}" for p, u in zip(game.players, eq.payoffs))
        total = _md(q.total) if q.total is not None else ""
        lines.append(f"| {k} | {region} | {choices} | {payoffs} | {total} |")
    if analysis.exploitation is not None:
        lines += ["", f"Exploitation of the great by the small: **{_verdict_text(analysis.exploitation)}**"]
    if result.efficient:
        lines += ["", "## Joint optimum", "", "| region | choices | sum of payoffs |", "| --- | --- | --- |"]
        for eff in result.efficient:
            region = f"`{show_conditions(eff.conditions)}`" if eff.conditions else "always"
            choices = ", ".join(f"`{v} = {show(x)}`" for v, x in eff.choices)
            lines.append(f"| {region} | {choices} | {_md(eff.total)} |")
        for s in analysis.shortfalls:
            if s.provision is not None:
                lines.append("")
                lines.append(f"- equilibrium {s.equilibrium + 1}: total short by {_md(s.provision)}"
                             f" (under-provision: {_verdict_text(s.under_provision)})"
                             + (f" when `{show_conditions(s.conditions)}`" if s.conditions else ""))
    for note in result.notes:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"


# -- LaTeX ------------------------------------------------------------------------------------------

def _tex(value) -> str:
    return sympy.latex(value)


def _tex_conditions(conds) -> str:
    return r" \wedge ".join(_tex(conditions.canonical(c)) for c in conds) if conds else r"\text{always}"


def continuous_latex(report, standalone: bool = False) -> str:
    result, analysis = report.result, report.analysis
    game = result.game
    lines = [f"% {game.title}: the model and its equilibria (gametheory)"]
    lines.append(r"\begin{align*}")
    rows = []
    from ..equilibria.kkt import payoff_function

    for i, p in enumerate(game.players):
        u, own, _ = payoff_function(game, i)
        for c in game.choices[i]:
            lower = _tex(c.lower) if c.lower is not None else "-\\infty"
            name = _tex(c.symbol)
            bounds = f"{lower} \\le {name}" + (f" \\le {_tex(c.upper)}" if c.upper is not None else "")
            rows.append(f"u_{{\\text{{{p}}}}} &= {_tex(game.payoffs[i])}, & {bounds}")
            rows.append(f"\\frac{{\\partial u_{{\\text{{{p}}}}}}}{{\\partial {name}}} &= "
                        f"{_tex(sympy.factor(sympy.diff(u, c.symbol)))} = 0 & \\text{{(interior)}}")
    lines.append(" \\\\\n".join(rows))
    lines.append(r"\end{align*}")
    lines.append(r"\begin{tabular}{lll}")
    lines.append(r"\toprule")
    lines.append(r"Region & Equilibrium & Payoffs \\")
    lines.append(r"\midrule")
    for eq in result.equilibria:
        choices = ", ".join(f"{_tex(v)} = {_tex(x)}" for v, x in eq.choices)
        payoffs = ", ".join(_tex(u) for u in eq.payoffs)
        lines.append(f"${_tex_conditions(eq.conditions)}$ & ${choices}$ & ${payoffs}$ \\\\")
    lines.append(r"\bottomrule")
    lines.append(r"\end{tabular}")
    body = "\n".join(lines) + "\n"
    if standalone:
        return ("\\documentclass{article}\n\\usepackage{amsmath,booktabs}\n\\begin{document}\n"
                + body + "\\end{document}\n")
    return body


# -- comparative statics -------------------------------------------------------------------------

def kind_statics_dict(statics) -> dict:
    """The ``gametheory.statics/1`` document of a continuous game or a bargaining problem."""
    return {
        "schema": "gametheory.statics/1",
        "results": [
            {"equilibrium": r.equilibrium, "quantity": r.quantity, "expression": expr_str(r.expression),
             "parameter": str(r.parameter), "derivative": expr_str(r.derivative), "sign": r.sign,
             "conditions": conditions_list(r.conditions), "method": r.method}
            for r in statics.rows
        ],
        "notes": list(statics.notes),
    }


def kind_statics_text(statics) -> str:
    with ordered(statics.game):
        game = statics.game
        lines = [f"Comparative statics: {game.title}", ""]
        rows = [["#", "quantity", "value", "by", "derivative", "sign", "where"]]
        for r in statics.rows:
            value = f"{r.quantity}*" if r.method != "closed form" else show(r.expression)
            rows.append([str(r.equilibrium), r.quantity, value, str(r.parameter), show(r.derivative), r.sign,
                         show_conditions(r.conditions) if r.conditions else "always"])
        widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
        for row in rows:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        for note in statics.notes:
            lines += ["", f"Note: {note}"]
        return "\n".join(lines) + "\n"


def kind_statics_markdown(statics) -> str:
    with ordered(statics.game):
        lines = [f"# Comparative statics: {statics.game.title}", "",
                 "| # | quantity | value | by | derivative | sign | where |",
                 "| --- | --- | --- | --- | --- | --- | --- |"]
        for r in statics.rows:
            where = f"`{show_conditions(r.conditions)}`" if r.conditions else "always"
            lines.append(f"| {r.equilibrium} | {r.quantity} | `{show(r.expression)}` | `{r.parameter}` | "
                         f"`{show(r.derivative)}` | {r.sign} | {where} |")
        for note in statics.notes:
            lines += ["", f"Note: {note}"]
        return "\n".join(lines) + "\n"


def kind_statics_latex(statics) -> str:
    lines = [r"\begin{tabular}{llllll}", r"\toprule",
             r"Quantity & Value & By & Derivative & Sign & Region \\", r"\midrule"]
    for r in statics.rows:
        quantity = r.quantity.replace("_", r"\_")
        lines.append(f"{quantity} & ${_tex(r.expression)}$ & ${_tex(r.parameter)}$ & ${_tex(r.derivative)}$ & "
                     f"${r.sign}$ & ${_tex_conditions(r.conditions)}$ \\\\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


# -- plots ------------------------------------------------------------------------------------------

def save_kind_plot(data, path):
    """Draw a :class:`~gametheory.analysis.kind_plots.KindPlot` (one panel per kind of quantity,
    region boundaries as dotted lines) and write it to ``path`` (PNG, SVG or PDF)."""
    from pathlib import Path

    from .plot import check_format, require_matplotlib

    fmt = check_format(path)
    matplotlib = require_matplotlib()
    from matplotlib.figure import Figure

    panels = list(dict.fromkeys(c.panel for c in data.curves)) or ["choices"]
    fig = Figure(figsize=(7.5, 2.6 * len(panels) + 1.0), layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    xs = [float(v) for v in data.xs]
    labels = list(dict.fromkeys(c.label for c in data.curves))
    for ax, panel in zip(axes, panels):
        for c in data.curves:
            if c.panel != panel:
                continue
            colour = f"C{labels.index(c.label) % 10}"
            style = ("-", "--", "-.", ":")[c.branch % 4]
            (line,) = ax.plot(xs, c.floats(), color=colour, linestyle=style, linewidth=1.6,
                              label=c.label if c.branch == 0 else None)
            line.set_gid(f"{c.label}:{c.branch}")
        ax.set_ylabel(panel)
        ax.grid(True, linewidth=0.3, alpha=0.5)
        ax.set_xlim(float(data.lo), float(data.hi))
        for m in data.markers:
            ax.axvline(float(m), color="0.35", linestyle=":", linewidth=1, gid=f"boundary:{show(m)}")
        ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    for m in data.markers:
        axes[0].annotate(f"{data.parameter} = {show(m)}", xy=(float(m), 1.0), xycoords=("data", "axes fraction"),
                         xytext=(2, 2), textcoords="offset points", fontsize="small", color="0.25")
    axes[-1].set_xlabel(data.parameter)
    others = ", ".join(f"{n} = {show(v)}" for n, v in data.fixed)
    fig.suptitle(f"{data.title} against {data.parameter}" + (f"\nother parameters: {others}" if others else ""),
                 fontsize="medium")
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(Path(str(path)), format=fmt, dpi=120, metadata=metadata)
    return fig
