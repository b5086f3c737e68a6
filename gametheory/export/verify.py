"""Renderers of :class:`gametheory.analysis.verify.Verification`: the JSON block, a paragraph of
text, Markdown and LaTeX."""

from __future__ import annotations

from ..expr import to_text


def _and(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _point(point) -> str:
    return ", ".join(f"{name} = {to_text(value)}" for name, value in point) or "the game as given"


def _where(v) -> str:
    n = len(v.points)
    if not v.points[0]:
        return "checked on the numeric game"
    return f"checked at {n} random point{'s' if n != 1 else ''} satisfying the assumptions"


def verification_dict(v) -> dict:
    """The ``verification`` block of ``--verify N`` JSON output."""
    return {
        "schema": "gametheory.verification/1",
        "points_requested": v.requested,
        "points_checked": len(v.points),
        "seed": v.seed,
        "checks": list(v.checks),
        "comparisons": v.comparisons,
        "inconclusive": v.inconclusive,
        "agrees": v.agrees,
        "disagreements": [
            {"point": {name: to_text(value) for name, value in d.point}, "what": d.what,
             "symbolic": d.symbolic, "numeric": d.numeric, "detail": d.detail}
            for d in v.disagreements
        ],
        "note": v.note,
    }


def verification_lines(v) -> list[str]:
    """The paragraph of the text report, one line per disagreement."""
    open_ = (f"; {v.inconclusive} left open where the symbolic answer is undecided or cannot be evaluated"
             if v.inconclusive else "")
    note = f" ({v.note})" if v.note else ""
    if v.agrees:
        verb = "agrees" if len(v.checks) == 1 else "agree"
        return [f"Verified: {_where(v)}{note}: {_and(v.checks)} {verb} with the numeric engine "
                f"({v.comparisons} comparisons{open_})."]
    points = len({d.point for d in v.disagreements})
    lines = [f"Verification FAILED: {_where(v)}{note}, the symbolic answer disagrees with the numeric "
             f"engine at {points} of them ({len(v.disagreements)} of {v.comparisons} comparisons):"]
    for d in v.disagreements:
        said = d.detail or f"the symbolic answer gives {d.symbolic}, the numeric engine {d.numeric}"
        lines.append(f"  at {_point(d.point)}: {d.what}: {said}")
    return lines


def verification_text(v) -> str:
    return "\n".join(verification_lines(v)) + "\n"


def verification_markdown(v) -> str:
    lines = verification_lines(v)
    return "\n".join([lines[0]] + [f"- {line.strip()}" for line in lines[1:]]) + "\n"


def verification_latex(v) -> str:
    return "".join(f"% {line.strip()}\n" for line in verification_lines(v))
