"""Renderers of the repeated-game report: JSON (``gametheory.repeated/1``), text, Markdown, LaTeX.

Conventions
-----------
* Expressions print with positive terms first (``(T - R)/(T - P)``), exact and parseable by
  sympy; the discount factor is the report's symbol (``delta``; ``\\delta`` in LaTeX).
* A verdict reads: every ``delta`` works (threshold ``0``), ``delta >= L`` (the threshold),
  bounds on both sides, a knife edge ``delta = E``, or no ``delta < 1`` with the reason.
* Renderers only lay out what the analysis decided; they decide nothing.
"""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from .json import conditions_list, equilibrium_dict, game_dict, instance, profile_dict
from .text import payoff_table, profile_text

SCHEMA = "gametheory.repeated/1"

FOLK = ("every feasible payoff vector that gives each player more than its mixed minmax value is the "
        "normalised payoff of a subgame-perfect equilibrium when delta is close enough to 1 "
        "(Fudenberg and Maskin 1986)")


def _ordered(self, expr, order=None):
    terms = list(expr.as_ordered_terms())
    return [t for t in terms if not t.could_extract_minus_sign()] + [t for t in terms if t.could_extract_minus_sign()]


class _Str(StrPrinter):
    _as_ordered_terms = _ordered


class _Latex(LatexPrinter):
    _as_ordered_terms = _ordered


def show(value) -> str:
    """An exact expression or relation, positive terms first (an equality as ``a = b``)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    value = sympy.sympify(value)
    if isinstance(value, sympy.Eq):
        return f"{_Str().doprint(value.lhs)} = {_Str().doprint(value.rhs)}"
    return _Str().doprint(value)


def tex(value) -> str:
    return _Latex().doprint(sympy.sympify(value))


# -- verdicts ---------------------------------------------------------------------------------

def verdict_conditions(verdict, delta) -> list[str]:
    """The conditions on ``delta`` (and the payoffs) as parseable strings."""
    if verdict.works is False:
        return ["False"]
    d = str(delta)
    out = [f"{d} >= {show(v)}" for v in verdict.lower]
    out += [f"{d} <= {show(v)}" for v in verdict.upper]
    out += [f"Eq({d}, {show(v)})" for v in verdict.equal]
    out += [show(r) for r in verdict.raw]
    return out


def verdict_dict(verdict, delta) -> dict | None:
    if verdict is None:
        return None
    out = {
        "holds": verdict.works,
        "conditions": verdict_conditions(verdict, delta),
        "threshold": show(verdict.threshold) if verdict.threshold is not None else None,
        "payoff_conditions": [_Str().doprint(c) for c in verdict.payoff_conditions],
    }
    if verdict.reason:
        out["reason"] = verdict.reason
    return out


def verdict_text(verdict, delta) -> str:
    if verdict is None:
        return "not examined (too many best replies)"
    if verdict.works is False:
        return "no delta < 1"
    if verdict.threshold is not None and verdict.threshold == 0 and not verdict.payoff_conditions:
        return "every delta"
    parts = verdict_conditions(verdict, delta)
    if verdict.equal:
        parts = [f"{delta} = {show(v)}" for v in verdict.equal] + [p for p in parts if not p.startswith("Eq(")]
    text = " and ".join(parts) if parts else "every delta"
    if verdict.payoff_conditions:
        text += " (if " + ", ".join(show(c) for c in verdict.payoff_conditions) + ")"
    return text


def threshold_text(verdict) -> str:
    """The threshold column: ``0``, an expression, ``none``, ``knife edge`` or ``see below``."""
    if verdict is None:
        return "not examined"
    if verdict.works is False:
        return "none"
    if verdict.equal:
        return "knife edge"
    if verdict.threshold is None:
        return "see below"
    text = show(verdict.threshold)
    return text + (" if " + ", ".join(show(c) for c in verdict.payoff_conditions) if verdict.payoff_conditions else "")


def _bound_text(bound, delta) -> str:
    kind = bound[0]
    if kind == "always":
        return "never gains"
    if kind == "never":
        return "gains whatever delta"
    if kind == "lower":
        return f"{delta} >= {show(bound[1])}"
    if kind == "upper":
        return f"{delta} <= {show(bound[1])}"
    if kind == "between":
        return f"{show(bound[1])} <= {delta} <= {show(bound[2])}"
    return show(bound[1])


def _bound_condition(bound, delta) -> str:
    kind = bound[0]
    if kind == "always":
        return "True"
    if kind == "never":
        return "False"
    if kind == "between":
        return f"({show(bound[1])} <= {delta}) & ({delta} <= {show(bound[2])})"
    return _bound_text(bound, delta)


# -- JSON -------------------------------------------------------------------------------------

def _pure(game, profile) -> dict:
    return {p: game.strategies[i][k] for i, (p, k) in enumerate(zip(game.players, profile))}


def _minmax_dict(game, m) -> dict:
    j = 1 - m.player
    out = {
        "pure": show(m.pure) if m.pure is not None else None,
        "pure_profile": _pure(game, m.pure_profile) if m.pure_profile is not None else None,
        "mixed": show(m.mixed) if m.mixed is not None else None,
        "profile": None,
    }
    if m.mixed_profile is not None:
        profile = {game.players[j]: {s: show(p) for s, p in zip(game.strategies[j], m.mixed_profile)}}
        if m.reply is not None:
            profile[game.players[m.player]] = game.strategies[m.player][m.reply]
        out["profile"] = {p: profile[p] for p in game.players if p in profile}
    if m.note:
        out["note"] = m.note
    return out


def _vertices(game, polygon):
    if polygon is None:
        return None
    return [{p: show(v) for p, v in zip(game.players, point)} for point in polygon]


def _profile_dict(game, analysis) -> dict:
    delta = analysis.delta
    prof = analysis.profile
    return {
        "name": prof.name,
        "source": prof.source,
        "automata": {p: a.name for p, a in zip(game.players, prof.automata)},
        "states": list(analysis.states),
        "path": [{"state": s, "profile": _pure(game, a)} for s, a in zip(analysis.path, analysis.path_profiles)],
        "cycle_start": analysis.cycle_start,
        "path_payoffs": {p: show(v) for p, v in zip(game.players, analysis.path_payoffs)},
        "nash_not_subgame_perfect": analysis.nash_only,
        "subgame_perfect": verdict_dict(analysis.spe, delta),
        "nash": verdict_dict(analysis.nash, delta),
        "by_state": [
            {"state": d.state, "player": game.players[d.player],
             "deviation": f"{game.players[d.player]} plays {game.strategies[d.player][d.action]}",
             "gain": show(d.gain), "condition": _bound_condition(d.bound, delta)}
            for d in analysis.deviations
        ],
    }


def _horizon_dict(report) -> dict | None:
    if report.horizon is None:
        return None
    game = report.stage
    spe = []
    for h in report.horizon_paths:
        path = []
        for step in h.path:
            path.append(profile_dict(game, step.profile) if hasattr(step, "profile") else _pure(game, step))
        entry = {"kind": h.kind, "path": path,
                 "payoffs": {p: show(v) for p, v in zip(game.players, h.payoffs)},
                 "conditions": [show(c) for c in h.conditions]}
        spe.append(entry)
    return {"periods": report.horizon, "unique_stage_equilibrium": report.unique_stage_equilibrium, "spe": spe}


def statics_rows(report) -> list[dict]:
    return [{"profile": r.profile, "verdict": r.verdict, "threshold": show(r.threshold), "parameter": r.parameter,
             "derivative": show(r.derivative), "sign": r.sign} for r in report.statics or ()]


def repeated_dict(report) -> dict:
    game = report.stage
    out = {
        "schema": SCHEMA,
        "game": game_dict(game),
        "instance": instance(game),
        "discount": str(report.delta),
        "stage_equilibria": [equilibrium_dict(game, eq, {}) for eq in report.equilibria.equilibria],
        "minmax": {p: _minmax_dict(game, m) for p, m in zip(game.players, report.minmax)},
        "feasible": {"vertices": _vertices(game, report.feasible)},
        "feasible_ir": {"vertices": _vertices(game, report.feasible_ir)},
        "folk_theorem": FOLK,
        "profiles": [_profile_dict(game, a) for a in report.profiles],
        "horizon": _horizon_dict(report),
    }
    if report.feasible_note:
        out["feasible"]["note"] = report.feasible_note
    if report.statics is not None:
        out["statics"] = statics_rows(report)
    return out


# -- text -------------------------------------------------------------------------------------

def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return [(indent + "   ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in rows]


def _minmax_line(game, m) -> str:
    j = 1 - m.player
    pure = show(m.pure) if m.pure is not None else "depends"
    mixed = show(m.mixed) if m.mixed is not None else "depends"
    text = f"{game.players[m.player]}: pure {pure}, mixed {mixed}"
    if m.mixed_profile is not None:
        names = game.strategies[j]
        support = [(n, p) for n, p in zip(names, m.mixed_profile) if p != 0]
        held = support[0][0] if len(support) == 1 else ", ".join(f"{n} {show(p)}" for n, p in support)
        text += f" ({game.players[j]} plays {held}"
        if m.reply is not None:
            text += f"; {game.players[m.player]} replies {game.strategies[m.player][m.reply]}"
        text += ")"
    return text


def _polygon_text(game, polygon) -> str:
    return ", ".join("(" + ", ".join(show(v) for v in point) + ")" for point in polygon)


def _path_text(game, analysis) -> str:
    steps = ["(" + ", ".join(game.strategies[i][k] for i, k in enumerate(a)) + ")" for a in analysis.path_profiles]
    m = analysis.cycle_start
    prefix, cycle = steps[:m], steps[m:]
    loop = cycle[0] if len(cycle) == 1 else "[" + ", ".join(cycle) + "]"
    return ", ".join(prefix + [f"{loop} forever"])


def repeated_text(report) -> str:
    game = report.stage
    d = report.delta
    symbols = sorted(str(s) for s in game.free_symbols)
    lines = [f"{game.title}, repeated: discount factor {d}, 0 < {d} < 1",
             f"Stage game: {', '.join(game.players)}; " + (f"symbolic in {', '.join(symbols)}" if symbols else "numeric")]
    if game.assumptions:
        lines.append(f"Assumptions: {', '.join(conditions_list(game.assumptions))}")
    lines += ["", payoff_table(game).rstrip("\n"), "", "Stage equilibria:"]
    for k, eq in enumerate(report.equilibria.equilibria, start=1):
        when = f" when {', '.join(conditions_list(eq.conditions))}" if eq.conditions else ""
        lines.append(f"  {k}. {eq.kind} {profile_text(game, eq.profile)}: payoffs "
                     f"{', '.join(show(v) for v in eq.payoffs)}{when}")
    lines += ["", "Minmax values:"]
    lines += ["  " + _minmax_line(game, m) for m in report.minmax]
    lines += [""]
    if report.feasible is not None:
        lines.append(f"Feasible payoffs: the polygon {_polygon_text(game, report.feasible)}")
    if report.feasible_ir is not None:
        lines.append(f"Individually rational: the polygon {_polygon_text(game, report.feasible_ir)}")
    if report.feasible_note:
        lines.append(f"Feasible payoffs: {report.feasible_note}")
    lines.append(f"Folk theorem: {FOLK}.")
    lines += ["", f"Strategy profiles (the one-shot deviation principle in every state):"]
    rows = [["profile", "path payoffs", f"subgame perfect: {d}*", f"Nash: {d}*"]]
    for a in report.profiles:
        rows.append([a.profile.name, ", ".join(show(v) for v in a.path_payoffs),
                     threshold_text(a.spe), threshold_text(a.nash)])
    lines += _table(rows)
    for a in report.profiles:
        lines += ["", _profile_heading(game, a)]
        lines.append(f"  path: {_path_text(game, a)}")
        for label, v in (("subgame perfect", a.spe), ("Nash", a.nash)):
            line = f"  {label}: {verdict_text(v, d)}"
            if v is not None and v.threshold is not None and v.works is not False:
                line += f"; threshold {d}* = {show(v.threshold)}"
            if v is not None and v.reason:
                line += f"; {v.reason}"
            lines.append(line)
        if a.nash_only:
            lines.append("  a Nash equilibrium that is not subgame perfect: its punishments are not credible")
        for dev in a.deviations:
            lines.append(f"    in {dev.state}, {game.players[dev.player]} plays "
                         f"{game.strategies[dev.player][dev.action]}: {_bound_text(dev.bound, d)}")
    if report.horizon is not None:
        lines += [""] + _horizon_lines(report)
    if report.statics is not None:
        lines += ["", "How the thresholds move with the payoffs:"]
        rows = [["profile", "equilibrium", "threshold", "parameter", "derivative", "sign"]]
        for r in report.statics:
            rows.append([r.profile, r.verdict.replace("_", " "), show(r.threshold), r.parameter,
                         show(r.derivative), r.sign])
        lines += _table(rows)
    return "\n".join(lines) + "\n"


def _profile_heading(game, a) -> str:
    names = {x.name for x in a.profile.automata}
    if len(names) == 1:
        return f"{a.profile.name} (both play {a.profile.automata[0].name})"
    return f"{a.profile.name} (" + ", ".join(f"{p}: {x.name}" for p, x in zip(game.players, a.profile.automata)) + ")"


def _step_text(game, step) -> str:
    if hasattr(step, "profile"):
        return profile_text(game, step.profile)
    return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(step)) + ")"


def _horizon_lines(report) -> list[str]:
    game = report.stage
    n = report.horizon
    lines = [f"Finite horizon: {n} period{'s' if n > 1 else ''}, payoffs summed with discount {report.delta}"]
    if report.unique_stage_equilibrium:
        lines.append("  The stage game has a unique equilibrium: by backward induction it is played in every "
                     "period (unravelling).")
    for h in report.horizon_paths:
        if h.kind == "stage":
            path = f"{_step_text(game, h.path[0])} in every period"
        else:
            path = (f"{_step_text(game, h.path[0])} in periods 1-{n - 1}, then {_step_text(game, h.path[-1])}; "
                    f"any deviation is punished with {_step_text(game, h.punishment)} to the end")
        when = f" when {', '.join(show(c) for c in h.conditions)}" if h.conditions else ""
        lines.append(f"  {path}: payoffs {', '.join(show(v) for v in h.payoffs)}{when}")
    return lines


# -- Markdown and LaTeX -----------------------------------------------------------------------

def repeated_markdown(report) -> str:
    game = report.stage
    d = report.delta
    lines = [f"### {game.title}, repeated", "", f"Discount factor `{d}`, `0 < {d} < 1`.", "",
             "| profile | path payoffs | subgame perfect when | Nash when |", "| --- | --- | --- | --- |"]
    for a in report.profiles:
        lines.append(f"| {a.profile.name} | `{', '.join(show(v) for v in a.path_payoffs)}` | "
                     f"`{verdict_text(a.spe, d)}` | `{verdict_text(a.nash, d)}` |")
    failing = [(a.profile.name, label, v.reason) for a in report.profiles
               for label, v in (("subgame perfect", a.spe), ("Nash", a.nash)) if v is not None and v.reason]
    failing += [(a.profile.name, "Nash but not subgame perfect", "its punishments are not credible")
                for a in report.profiles if a.nash_only]
    if failing:
        lines.append("")
        lines += [f"- {name}, {label}: {reason}." for name, label, reason in failing]
    lines += ["", "Minmax values: " + "; ".join(_minmax_line(game, m) for m in report.minmax) + "."]
    if report.feasible_ir is not None:
        lines.append(f"Individually rational payoffs: the polygon `{_polygon_text(game, report.feasible_ir)}`.")
    if report.horizon is not None:
        lines += [""] + [line.strip() for line in _horizon_lines(report)]
    if report.statics is not None:
        lines += ["", "| profile | equilibrium | threshold | parameter | derivative | sign |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for r in report.statics:
            lines.append(f"| {r.profile} | {r.verdict.replace('_', ' ')} | `{show(r.threshold)}` | {r.parameter} | "
                         f"`{show(r.derivative)}` | {r.sign} |")
    return "\n".join(lines) + "\n"


def _verdict_tex(verdict, delta) -> str:
    if verdict is None:
        return "--"
    if verdict.works is False:
        return "none"
    if verdict.threshold is not None and verdict.threshold == 0 and not verdict.payoff_conditions:
        return "every $\\delta$" if str(delta) == "delta" else f"every ${tex(delta)}$"
    parts = [f"${tex(delta)} \\geq {tex(v)}$" for v in verdict.lower]
    parts += [f"${tex(delta)} \\leq {tex(v)}$" for v in verdict.upper]
    parts += [f"${tex(delta)} = {tex(v)}$" for v in verdict.equal]
    parts += [f"${tex(r)}$" for r in verdict.raw]
    text = ", ".join(parts)
    if verdict.payoff_conditions:
        text += " if " + ", ".join(f"${tex(c)}$" for c in verdict.payoff_conditions)
    return text


def repeated_latex(report) -> str:
    d = report.delta
    lines = ["% gametheory repeated: discount thresholds (needs \\usepackage{booktabs})",
             "\\begin{tabular}{lll}", "\\toprule",
             "Profile & Subgame perfect when & Nash when \\\\", "\\midrule"]
    for a in report.profiles:
        lines.append(f"{a.profile.name} & {_verdict_tex(a.spe, d)} & {_verdict_tex(a.nash, d)} \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines) + "\n"
