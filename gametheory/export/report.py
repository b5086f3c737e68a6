"""Whole reports: what ``gametheory solve`` and ``gametheory classify`` print, in text, Markdown
and JSON (CLI.md). Payoff tables come from :mod:`gametheory.export.text`.
"""

from __future__ import annotations

import sympy

from . import json as jsonout
from .counts import count_table_first
from .text import payoff_table, profile_text, show, show_conditions


# -- JSON -------------------------------------------------------------------------------------

def _selection_values(report, k: int) -> tuple:
    sel = report.selection
    if sel is None:
        return None, None
    return sel.payoff_dominant.get(k), sel.risk_dominant.get(k)


def dominant_strategies(report) -> dict:
    game, dom = report.game, report.dominance
    out = {}
    for i, player in enumerate(game.players):
        k = dom.dominant[i]
        out[player] = None if k is None else game.strategies[i][k]
    return out


def classification_dict(c) -> dict:
    return {
        "name": c.name,
        "label": c.label,
        "conditions": jsonout.conditions_list(c.conditions),
        "topology": c.topology,
        "regions": [
            {
                "name": r.name,
                "label": r.label,
                "conditions": jsonout.conditions_list(r.conditions),
                "topology": r.topology,
            }
            for r in c.regions
        ],
    }


def dilemma_dict(d) -> dict:
    out = {
        "is_dilemma": d.is_dilemma,
        "kinds": list(d.kinds),
        "conditions": jsonout.conditions_list(d.conditions),
        "explanation": d.explanation,
    }
    if d.motives:
        out["motives"] = list(d.motives)
    if d.knife_edges:
        out["knife_edges"] = jsonout.conditions_list(d.knife_edges)
    per_kind = {k.kind: {"holds": k.value, "conditions": jsonout.conditions_list(k.conditions)}
                for k in getattr(d, "details", ()) if k.applies and k.value is not False}
    if per_kind:
        out["by_kind"] = per_kind
    return out


def solve_dict(report) -> dict:
    """The ``gametheory.solve/1`` document."""
    game = report.game
    equilibria = []
    for k, eq in enumerate(report.equilibria.equilibria):
        pareto_value, pareto_conds = report.pareto[k]
        payoff_dominant, risk_dominant = _selection_values(report, k)
        extra = {
            "pareto_efficient": pareto_value,
            "payoff_dominant": payoff_dominant,
            "risk_dominant": risk_dominant,
        }
        if pareto_value is None and pareto_conds:
            extra["pareto_efficient_when"] = jsonout.conditions_list(pareto_conds)
        sel = report.selection
        for key, value, table in (("payoff_dominant_when", payoff_dominant, sel.payoff_conditions if sel else {}),
                                  ("risk_dominant_when", risk_dominant, sel.risk_conditions if sel else {})):
            if value is None and table.get(k):
                extra[key] = jsonout.conditions_list(table[k])
        equilibria.append(jsonout.equilibrium_dict(game, eq, extra))
    solver = report.equilibria
    extra = {}
    if report.by_prior is not None:
        extra["by_prior"] = report.by_prior.to_dict()
    if report.thresholds:
        extra["thresholds"] = [t.to_dict() for t in report.thresholds]
    if report.uncertainty is not None:
        extra["uncertainty"] = report.uncertainty.to_dict()
    if report.alliance_risks is not None:
        extra["alliance_risks"] = report.alliance_risks.to_dict()
    if report.counts is not None:
        extra["counts"] = report.counts.to_dict()
    if getattr(report, "count_table", None) is not None:
        extra["count_table"] = report.count_table.to_dict()
    census = getattr(report, "census", None)
    if census is not None and census.conditional:
        extra["equilibrium_count"] = census.to_dict()
    return {
        "schema": jsonout.SOLVE_SCHEMA,
        "game": jsonout.game_dict(game),
        "instance": jsonout.instance(game.bayesian if game.bayesian is not None else game),
        "dominant_strategies": dominant_strategies(report),
        "equilibria": equilibria,
        "dilemma": dilemma_dict(report.dilemma),
        "classification": classification_dict(report.classification),
        "solver": {
            "method": solver.method,
            "exact": solver.exact,
            "complete": solver.complete,
            "notes": list(solver.notes),
        },
        **extra,
    }


# -- text -------------------------------------------------------------------------------------

def _header(game) -> list[str]:
    original = game.bayesian if game.bayesian is not None else game
    lines = [original.title, "=" * len(original.title)]
    if original.source:
        lines.append(f"Source: {original.source[0]}" + (" (and others)" if len(original.source) > 1 else ""))
    params = [p for p in original.parameters]
    if params:
        shown = []
        for p in params:
            value = "symbolic" if p.default is None else show(p.default)
            fixed = " (set)" if p.name in original.assigned else ""
            shown.append(f"{p.name} = {value}{fixed}" if p.name in original.assigned or not original.free_symbols & {p.symbol} else f"{p.name} (default {value})")
        lines.append("Parameters: " + ", ".join(shown))
    if original.assumptions:
        from .assumptions import assumptions_text

        lines.append("Assumptions: " + assumptions_text(original, show))
    kind = "numeric" if original.is_numeric else "symbolic in " + ", ".join(sorted(map(str, original.free_symbols)))
    lines.append(f"Instance: {kind}")
    return lines


def _pure_marks(report) -> frozenset:
    return frozenset(eq.profile.pure_indices for eq in report.equilibria.equilibria if eq.is_pure)


def _conditional_marks(report) -> frozenset:
    """Pure equilibria that are equilibria only under conditions (and not also without)."""
    eqs = report.equilibria.equilibria
    firm = {eq.profile.pure_indices for eq in eqs if eq.is_pure and not eq.conditions}
    return frozenset(eq.profile.pure_indices for eq in eqs if eq.is_pure and eq.conditions) - firm


def _marks_legend(report, what: str = "a pure Nash equilibrium") -> str:
    """``* marks a pure Nash equilibrium`` and, where some need conditions, what ``(*)`` means."""
    from .text import CONDITIONAL_MARK, MARK

    conditional = _conditional_marks(report)
    words = f"{MARK} marks {what}"
    if not conditional:
        return words
    if conditional == _pure_marks(report):
        return f"{CONDITIONAL_MARK} marks {what} under the conditions listed below"
    return words + f", {CONDITIONAL_MARK} one only under the conditions listed below"


#: A census of regions longer than this is printed one line per region.
_LONG_COUNT = 160


def count_words(report) -> tuple[str, str]:
    """``("3 when d + o <= c; 1 when c < d + o", "4 listed, each where its conditions hold; ")``
    (the census, and what the list holds), or ``("4", "")`` when no equilibrium has conditions."""
    eqs = report.equilibria.equilibria
    census = getattr(report, "census", None)
    if census is None or not census.conditional:
        return str(len(eqs)), ""
    listed = f"{len(eqs)} listed, each where its conditions hold; "
    if census.groups is None:
        return f"{len(eqs)} listed, each where its conditions hold", ""
    # a list that may be incomplete gives lower bounds
    least = "" if report.equilibria.complete else "at least "
    return "; ".join(_count_parts(census, least)), listed


def _count_parts(census, least: str) -> list[str]:
    return [f"{least}{g.count} {'always' if not g.conditions else 'when ' + show_conditions(g.conditions)}"
            for g in census.groups]


def solve_text(report) -> str:
    """The text report of ``gametheory solve``."""
    game = report.game
    lines = _header(game)
    lines.append("")
    start = len(lines)
    if game.bayesian is not None:
        from .text import bayesian_tables

        lines.append("Payoffs by type (" + ", ".join(game.players) + "):")
        lines.append(bayesian_tables(game.bayesian))
        lines.append("")
        lines.append(f"Normal form (plans: one action per type; {_marks_legend(report, 'a pure equilibrium')}):")
    else:
        lines.append(f"Payoffs ({', '.join(game.players)}); {_marks_legend(report)}:")
    lines.append(payoff_table(game, _pure_marks(report), conditional=_conditional_marks(report)))
    lines.append("")
    lines[start:] = count_table_first(report, lines[start:])
    lines.extend(_dominance_lines(report))
    lines.append("")
    eqs = report.equilibria
    count = len(eqs.equilibria)
    how = "exact" if eqs.exact else "numeric"
    how += ", complete" if eqs.complete else ", possibly incomplete"
    counted, listed = count_words(report)
    line = f"Nash equilibria: {counted} ({listed}{how}; method: {eqs.method})"
    if len(counted) > _LONG_COUNT and listed:
        # many regions: one line each, rather than one line of several hundred characters
        lines.append(f"Nash equilibria: {listed.rstrip('; ')} ({how}; method: {eqs.method}); "
                     "how many hold together:")
        least = "" if eqs.complete else "at least "
        lines.extend(f"    {part}" for part in _count_parts(report.census, least))
    else:
        lines.append(line)
    for k, eq in enumerate(eqs.equilibria, start=1):
        pareto_value, pareto_conds = report.pareto[k - 1]
        payoff_dominant, risk_dominant = _selection_values(report, k - 1)
        lines.append(f"  {k}. {eq.kind:<5} {profile_text(game, eq.profile)}")
        lines.append(f"     payoffs: {', '.join(show(v) for v in eq.payoffs)}")
        if eq.conditions:
            lines.append(f"     exists when: {show_conditions(eq.conditions)}")
        if pareto_value is True:
            lines.append("     Pareto-efficient")
        elif pareto_value is False:
            lines.append("     Pareto-deficient: another outcome is better for some player and worse for none")
        elif pareto_conds:
            lines.append(f"     Pareto-efficient when: {show_conditions(pareto_conds)}")
        elif getattr(report.pareto[k - 1], "note", ""):
            lines.append(f"     Pareto efficiency undecided: {report.pareto[k - 1].note}")
        sel = report.selection
        notes = []
        for word, value, conds in (
            ("payoff-dominant", payoff_dominant, sel.payoff_conditions.get(k - 1) if sel else None),
            ("risk-dominant", risk_dominant, sel.risk_conditions.get(k - 1) if sel else None),
        ):
            if value is True:
                notes.append(word)
            elif value is False:
                notes.append(f"not {word}")
            elif conds:
                notes.append(f"{word} when {show_conditions(conds)}")
        if notes:
            lines.append("     " + ", ".join(notes) + " (Harsanyi and Selten 1988)")
        if len({e.component for e in eqs.equilibria}) < count:
            lines.append(f"     component {eq.component}")
    for note in eqs.notes:
        lines.append(f"  note: {note}")
    for extra in (report.counts, report.by_prior):
        if extra is not None:
            lines.append("")
            lines.extend(extra.lines())
    if report.thresholds:
        lines.append("")
        lines.append("Belief thresholds:")
        lines.extend(f"  {t.line()}" for t in report.thresholds)
    lines.append("")
    lines.extend(_dilemma_lines(report.dilemma))
    for extra in (report.uncertainty, report.alliance_risks):
        if extra is not None:
            lines.extend(extra.lines())
    lines.append("")
    lines.extend(classification_lines(report.classification))
    return "\n".join(lines) + "\n"


def _dominance_lines(report) -> list[str]:
    game, dom = report.game, report.dominance
    lines = ["Dominance:"]
    for i, player in enumerate(game.players):
        k = dom.dominant[i]
        if k is not None:
            when = f" when {show_conditions(dom.dominant_conditions[i])}" if dom.dominant_conditions[i] else ""
            lines.append(f"  {player}: {game.strategies[i][k]} is strictly dominant{when}")
        elif dom.weakly_dominant[i] is not None:
            lines.append(f"  {player}: {game.strategies[i][dom.weakly_dominant[i]]} is weakly dominant")
        else:
            lines.append(f"  {player}: no dominant strategy")
    if dom.eliminations:
        steps = []
        for e in dom.eliminations:
            kind = "strictly" if e.strict else "weakly"
            by = [game.strategies[e.player][j] for j, p in enumerate(e.by) if p != 0]
            by_text = by[0] if len(by) == 1 else "a mix of " + " and ".join(by)
            when = f" (when {show_conditions(e.conditions)})" if e.conditions else ""
            steps.append(f"{game.players[e.player]}'s {game.strategies[e.player][e.strategy]} ({kind} by {by_text}){when}")
        lines.append("  Iterated elimination removes, in order: " + "; ".join(steps))
    return lines


def _dilemma_lines(d) -> list[str]:
    if d.is_dilemma is True:
        verdict = "yes"
    elif d.is_dilemma is False:
        verdict = "no"
    elif d.conditions:
        verdict = f"when {show_conditions(d.conditions)}"
    else:
        verdict = "depends on the parameters"
    kinds = ", ".join(k.replace("_", " ") for k in d.kinds)
    motives = f": {' and '.join(d.motives)}" if d.motives else ""
    lines = [f"Dilemma: {verdict}" + (f" ({kinds}{motives})" if kinds else "")]
    if d.knife_edges:
        lines.append(f"  knife edge: {show_conditions(d.knife_edges)}")
    lines.append(f"  {d.explanation}")
    return lines


def classification_lines(c) -> list[str]:
    if c.name is not None or c.label is not None:
        text = c.label or c.name
        topo = c.topology or {}
        where = []
        if topo.get("code"):
            where.append(f"Robinson-Goforth {topo['code']}")
        if topo.get("bruns"):
            where.append(f"Bruns {topo['bruns']}")
        suffix = f" ({', '.join(where)})" if where else ""
        when = f" when {show_conditions(c.conditions)}" if c.conditions else ""
        lines = [f"Classification: {text}{suffix}{when}"]
    elif c.regions:
        lines = ["Classification: depends on the parameters"]
        for r in c.regions:
            name = r.label or r.name or ("a game with tied payoffs" if getattr(r, "ties", False) else "unnamed")
            topo = r.topology or {}
            tag = f" ({topo['bruns']})" if topo.get("bruns") else ""
            lines.append(f"  {name}{tag} when {show_conditions(r.conditions) or 'always'}")
    else:
        lines = ["Classification: none"]
    if getattr(c, "explanation", ""):
        lines.append(f"  {c.explanation}")
    return lines


# -- Markdown ---------------------------------------------------------------------------------

def solve_markdown(report) -> str:
    """The Markdown report of ``gametheory solve`` (GitHub-flavoured)."""
    from .markdown import markdown_table

    game = report.game
    original = game.bayesian if game.bayesian is not None else game
    lines = [f"## {original.title}", ""]
    if original.assumptions:
        from .assumptions import assumptions_text

        lines.append("Assumptions: " + assumptions_text(original, lambda a: f"`{show(a)}`"))
        lines.append("")
    start = len(lines)
    lines.append(markdown_table(original if game.bayesian is not None else game, equilibria=report.equilibria))
    lines.append("")
    lines[start:] = count_table_first(report, lines[start:], "markdown")
    counted, listed = count_words(report)
    if listed and len(counted) > _LONG_COUNT:
        least = "" if report.equilibria.complete else "at least "
        lines.append(f"Nash equilibria: {listed.rstrip('; ')}; how many hold together:")
        lines.append("")
        lines.extend(f"- {part}" for part in _count_parts(report.census, least))
        lines.append("")
    elif listed:
        lines.append(f"Nash equilibria: {counted} ({listed.rstrip('; ')}).")
        lines.append("")
    lines.append("| # | type | profile | payoffs | conditions | Pareto-efficient |")
    lines.append("|---|---|---|---|---|---|")
    for k, eq in enumerate(report.equilibria.equilibria, start=1):
        value, conds = report.pareto[k - 1]
        pareto = {True: "yes", False: "no"}.get(value, f"when {show_conditions(conds)}" if conds else "depends")
        lines.append(
            f"| {k} | {eq.kind} | {profile_text(game, eq.profile)} | {', '.join(f'`{show(v)}`' for v in eq.payoffs)} "
            f"| {show_conditions(eq.conditions) or 'always'} | {pareto} |"
        )
    lines.append("")
    if report.equilibria.notes:  # what the solver could not list, continua and their vertices
        lines.extend(f"- Note: {note}" for note in report.equilibria.notes)
        lines.append("")
    lines.extend("**" + l + "**" if i == 0 else l for i, l in enumerate(_dilemma_lines(report.dilemma)))
    lines.append("")
    lines.extend(classification_lines(report.classification))
    return "\n".join(lines) + "\n"


def classify_dict(c) -> dict:
    return {"schema": jsonout.CLASSIFY_SCHEMA, **classification_dict(c),
            "explanation": getattr(c, "explanation", "")}


def classify_text(c, game) -> str:
    original = game.bayesian if getattr(game, "bayesian", None) is not None else game
    return "\n".join([original.title] + classification_lines(c)) + "\n"


def classify_markdown(c, game) -> str:
    original = game.bayesian if getattr(game, "bayesian", None) is not None else game
    body = classification_lines(c)
    return "\n".join([f"## {original.title}", "", f"**{body[0]}**", *body[1:]]) + "\n"
