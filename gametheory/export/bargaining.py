"""Renderers of bargaining reports: JSON ``gametheory.bargaining/1``, text, Markdown, LaTeX (TikZ).

Conventions
-----------
* A :class:`~gametheory.analysis.bargaining.BargainingResult` comes in; layout goes out.
* JSON expressions are exact sympy-parseable strings; ``conditions`` are beyond the assumptions
  (``[]``: always). ``empty`` is ``true``, ``false`` or ``null`` (depends: ``conditions`` then
  says when the interval is non-empty).
* The LaTeX number line is drawn at the parameters' default values (a symbolic bound cannot be
  placed on a line); each mark is labelled with its symbolic expression.
"""

from __future__ import annotations

import sympy

from .json import conditions_list, expr_str
from .continuous import ordered, show
from .text import show_conditions


SCHEMA = "gametheory.bargaining/1"


def _interval_dict(interval) -> dict:
    holds = interval.nonempty.holds
    return {"low": expr_str(interval.low), "high": expr_str(interval.high),
            "empty": None if holds is None else not holds,
            "width": expr_str(interval.width),
            "conditions": conditions_list(interval.nonempty.conditions)}


def _offer_dict(offer, players) -> dict:
    out = {"proposer": players[offer.proposer], "kind": offer.kind, "value": expr_str(offer.value),
           "payoffs": {p: expr_str(u) for p, u in zip(players, offer.payoffs)},
           "conditions": conditions_list(offer.conditions)}
    if offer.limit is not None:
        out["limit"] = expr_str(offer.limit)
    return out


def bargaining_dict(result) -> dict:
    game = result.game
    players = list(game.players)
    issue = game.issue
    doc = {
        "schema": SCHEMA,
        "game": {
            "title": game.title,
            "players": players,
            "issue": {issue.name: [None if issue.lower is None else expr_str(issue.lower),
                                   None if issue.upper is None else expr_str(issue.upper)]},
            "utilities": {p: expr_str(u) for p, u in zip(players, game.utilities)},
            "disagreement": {p: expr_str(d) for p, d in zip(players, game.disagreement)},
            "parameters": {p.name: (expr_str(p.default) if p.default is not None else None)
                           for p in game.parameters},
            "assumptions": conditions_list(game.assumptions),
        },
        "instance": "numeric" if game.is_numeric else "symbolic",
        "range": _interval_dict(result.range),
        "offer": None,
        "war_probability": None,
        "win_sets": {players[i]: {"low": expr_str(w.low), "high": expr_str(w.high)} for i, w in result.win_sets},
        "agreement_zone": _interval_dict(result.zone) if result.zone is not None else None,
    }
    if result.alternating is not None:
        doc["offer"] = _offer_dict(result.alternating, players)
    elif result.offer is not None:
        doc["offer"] = _offer_dict(result.offer, players)
    if result.risk_return:
        rr = result.risk_return[0]
        doc["risk_return"] = [
            {"private": str(r.variable), "distribution": r.distribution.text(),
             "pieces": [{"offer": expr_str(p.value), "war_probability": expr_str(p.extra[0]),
                         "case": p.extra[1], "conditions": conditions_list(p.conditions)} for p in r.pieces]}
            for r in result.risk_return]
        doc["war_probability"] = [{"expression": expr_str(p.extra[0]), "conditions": conditions_list(p.conditions)}
                                  for p in rr.pieces]
    if result.agreement:
        doc["agreement"] = [{"value": expr_str(p.value), "conditions": conditions_list(p.conditions)}
                            for p in result.agreement]
    if result.schelling:
        doc["schelling"] = [
            {"player": players[s.player], "parameter": str(s.parameter),
             "moves": [{"agreement": expr_str(p.value), "conditions": conditions_list(p.conditions), "moves": word}
                       for p, word in s.pieces]}
            for s in result.schelling]
    doc["solver"] = {"method": result.solver, "exact": True, "notes": list(result.notes)}
    return doc


# -- text ---------------------------------------------------------------------------------------

def _when(conds) -> str:
    return f"when {show_conditions(conds)}" if conds else "always"


def _nonempty(interval) -> str:
    v = interval.nonempty
    if v.holds is True:
        return "non-empty under the assumptions"
    if v.holds is False:
        return "empty under the assumptions"
    return f"non-empty {_when(v.conditions)}"


def _header(game) -> list[str]:
    lines = [game.title, "=" * len(game.title)]
    if game.source:
        lines.append(f"Source: {game.source[0]}" + (" (and others)" if len(game.source) > 1 else ""))
    if game.parameters:
        private = {str(s) for s, _ in game.private}
        shown = []
        for p in game.parameters:
            value = "symbolic" if p.default is None else show(p.default)
            if p.name in private:
                shown.append(f"{p.name} (private)")
            elif p.name in game.assigned or not game.free_symbols & {p.symbol}:
                shown.append(f"{p.name} = {value}")
            else:
                shown.append(f"{p.name} (default {value})")
        lines.append("Parameters: " + ", ".join(shown))
    if game.assumptions:
        lines.append("Assumptions: " + ", ".join(show(a) for a in game.assumptions))
    kind = "numeric" if game.is_numeric else "symbolic in " + ", ".join(sorted(map(str, game.free_symbols)))
    lines.append(f"Instance: {kind}")
    return lines


def _movement(word, player) -> str:
    return {"toward": f"moves toward {player}", "away": f"moves away from {player}",
            "none": "does not move"}.get(word, "moves in a direction that depends on the parameters")


def bargaining_text(result) -> str:
    with ordered(result.game):
        return _bargaining_text(result)


def _bargaining_text(result) -> str:
    game = result.game
    players = game.players
    x = game.issue.name
    lines = _header(game)
    lines.append("")
    lo = "-oo" if game.issue.lower is None else show(game.issue.lower)
    hi = "oo" if game.issue.upper is None else show(game.issue.upper)
    lines.append(f"Issue: {x} in [{lo}, {hi}]")
    for p, u, d in zip(players, game.utilities, game.disagreement):
        lines.append(f"  {p}: utility {show(u)}, disagreement {show(d)}")
    lines.append("")
    for p, (op, t) in zip(players, result.acceptance):
        lines.append(f"{p} accepts {x} {op} {show(t)}")
    r = result.range
    lines.append(f"Bargaining range: [{show(r.low)}, {show(r.high)}], width {show(r.width)}; {_nonempty(r)}")
    if result.offer is not None:
        o = result.offer
        lines.append("")
        lines.append(f"Take-it-or-leave-it offer by {players[o.proposer]}: {x} = {show(o.value)}"
                     + (f" ({_when(o.conditions)})" if o.conditions else ""))
        lines.append("  payoffs: " + ", ".join(f"{p} {show(u)}" for p, u in zip(players, o.payoffs)))
    if result.alternating is not None:
        o = result.alternating
        lines.append("")
        lines.append(f"Alternating offers (Rubinstein 1982), {players[o.proposer]} proposing first: "
                     f"{x} = {show(o.value)}")
        lines.append("  payoffs: " + ", ".join(f"{p} {show(u)}" for p, u in zip(players, o.payoffs)))
        lines.append(f"  as both discount factors approach 1 together: {x} -> {show(o.limit)}")
    for rr in result.risk_return:
        lines.append("")
        lines.append(f"Risk and return: {players[1 - rr.responder]} does not know {rr.variable} "
                     f"~ {rr.distribution.text()}; {players[rr.responder]} accepts {x} when "
                     f"{rr.variable} is on the accepting side of {show(rr.threshold)}")
        for piece in rr.pieces:
            war, case = piece.extra
            lines.append(f"  {_when(piece.conditions)}: offer {x} = {show(piece.value)}, "
                         f"probability of war {show(war)}")
    if result.win_sets:
        lines.append("")
        for i, w in result.win_sets:
            lines.append(f"Win-set of {players[i]}: [{show(w.low)}, {show(w.high)}]")
        z = result.zone
        lines.append(f"Agreement zone: [{show(z.low)}, {show(z.high)}]; {_nonempty(z)}")
        if result.agreement:
            lines.append(f"Agreement ({players[game.proposer]} proposes):")
            for piece in result.agreement:
                lines.append(f"  {_when(piece.conditions)}: {x} = {show(piece.value)}")
        for s in result.schelling:
            lines.append(f"When {players[s.player]}'s win-set shrinks ({s.parameter} moves inward):")
            for piece, word in s.pieces:
                lines.append(f"  {_when(piece.conditions)}: the agreement {_movement(word, players[s.player])}")
            if any(word == "toward" for _, word in s.pieces):
                lines.append("  Schelling's conjecture holds where the domestic constraint binds: "
                             "a tighter constraint moves the agreement toward that side.")
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines) + "\n"


def bargaining_markdown(result) -> str:
    with ordered(result.game):
        return _bargaining_markdown(result)


def _bargaining_markdown(result) -> str:
    game = result.game
    players = game.players
    x = game.issue.name
    lines = [f"# {game.title}", ""]
    if game.source:
        lines += [f"Source: {game.source[0]}", ""]
    lines += ["| player | utility | disagreement | accepts |", "| --- | --- | --- | --- |"]
    for p, u, d, (op, t) in zip(players, game.utilities, game.disagreement, result.acceptance):
        lines.append(f"| {p} | `{show(u)}` | `{show(d)}` | `{x} {op} {show(t)}` |")
    r = result.range
    lines += ["", f"**Bargaining range**: `[{show(r.low)}, {show(r.high)}]`, {_nonempty(r)}."]
    if result.offer is not None:
        o = result.offer
        lines += ["", f"**Take-it-or-leave-it offer** by {players[o.proposer]}: `{x} = {show(o.value)}`."]
    if result.alternating is not None:
        o = result.alternating
        lines += ["", f"**Alternating offers**, {players[o.proposer]} first: `{x} = {show(o.value)}` "
                  f"(limit `{show(o.limit)}`)."]
    for rr in result.risk_return:
        lines += ["", f"**Risk and return** (`{rr.variable} ~ {rr.distribution.text()}`):", "",
                  "| region | offer | probability of war |", "| --- | --- | --- |"]
        for piece in rr.pieces:
            region = f"`{show_conditions(piece.conditions)}`" if piece.conditions else "always"
            lines.append(f"| {region} | `{show(piece.value)}` | `{show(piece.extra[0])}` |")
    if result.win_sets:
        lines += [""] + [f"- win-set of {players[i]}: `[{show(w.low)}, {show(w.high)}]`" for i, w in result.win_sets]
        z = result.zone
        lines.append(f"- agreement zone: `[{show(z.low)}, {show(z.high)}]`, {_nonempty(z)}")
        for piece in result.agreement:
            region = show_conditions(piece.conditions) if piece.conditions else "always"
            lines.append(f"- agreement `{x} = {show(piece.value)}` when `{region}`")
    return "\n".join(lines) + "\n"


# -- LaTeX ----------------------------------------------------------------------------------------

def _at_defaults(game, value):
    defaults = {p.symbol: p.default for p in game.parameters if p.default is not None}
    for _ in range(len(defaults) + 1):
        new = value.xreplace(defaults)
        if new == value:
            break
        value = new
    value = sympy.simplify(value)
    return value if value.is_number else None


def bargaining_latex(result, standalone: bool = False) -> str:
    game = result.game
    x = sympy.latex(game.issue.symbol)
    lines = [f"% {game.title}: the bargaining range, the offer and the win-sets (gametheory)"]
    lines.append(r"\begin{align*}")
    rows = []
    for p, u, d in zip(game.players, game.utilities, game.disagreement):
        rows.append(f"u_{{\\text{{{p}}}}}({x}) &= {sympy.latex(u)} & d_{{\\text{{{p}}}}} &= {sympy.latex(d)}")
    r = result.range
    rows.append(f"\\text{{range}} &= \\left[{sympy.latex(r.low)},\\ {sympy.latex(r.high)}\\right]")
    lines.append(" \\\\\n".join(rows))
    lines.append(r"\end{align*}")
    lo = game.issue.lower if game.issue.lower is not None else sympy.Integer(0)
    hi = game.issue.upper if game.issue.upper is not None else sympy.Integer(1)
    lo_n, hi_n = _at_defaults(game, lo), _at_defaults(game, hi)
    if lo_n is not None and hi_n is not None and hi_n > lo_n:
        scale = 10 / (hi_n - lo_n)

        def pos(v):
            n = _at_defaults(game, v)
            return None if n is None else float((n - lo_n) * scale)

        tikz = [r"\begin{tikzpicture}", r"\draw[->] (0,0) -- (10.5,0);"]
        tikz.append(f"\\node[below] at (0,-0.1) {{${sympy.latex(lo)}$}};")
        tikz.append(f"\\node[below] at (10,-0.1) {{${sympy.latex(hi)}$}};")
        a, b = pos(r.low), pos(r.high)
        if a is not None and b is not None:
            tikz.append(f"\\draw[line width=3pt, opacity=0.4] ({a:.3f},0) -- ({b:.3f},0);")
            tikz.append(f"\\node[above] at ({(a + b) / 2:.3f},0.25) {{range}};")
            tikz.append(f"\\node[below] at ({a:.3f},-0.5) {{${sympy.latex(r.low)}$}};")
            tikz.append(f"\\node[below] at ({b:.3f},-0.5) {{${sympy.latex(r.high)}$}};")
        offer = result.alternating or result.offer
        if offer is not None and pos(offer.value) is not None:
            tikz.append(f"\\fill ({pos(offer.value):.3f},0) circle (2.5pt) node[above=4pt] {{offer}};")
        for k, (i, w) in enumerate(result.win_sets, start=1):
            a, b = pos(w.low), pos(w.high)
            if a is not None and b is not None:
                y = -1.0 - 0.5 * k
                tikz.append(f"\\draw[|-|] ({a:.3f},{y}) -- ({b:.3f},{y}) node[right] "
                            f"{{win-set of {game.players[i]}}};")
        tikz.append(r"\end{tikzpicture}")
        lines.extend(tikz)
    body = "\n".join(lines) + "\n"
    if standalone:
        return ("\\documentclass{article}\n\\usepackage{amsmath,tikz}\n\\begin{document}\n"
                + body + "\\end{document}\n")
    return body


__all__ = ["bargaining_dict", "bargaining_text", "bargaining_markdown", "bargaining_latex", "SCHEMA"]
