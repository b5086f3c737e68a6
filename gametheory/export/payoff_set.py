"""Figure of a repeated game's payoffs (``plot --payoff-set``): the stage payoff vectors, the
feasible set (their convex hull) and its individually rational part, with the minmax point.

Conventions follow :mod:`gametheory.export.plot`: exact vertices from the analysis
(:mod:`gametheory.analysis.repeated`) turned into floats only for drawing; matplotlib imported
inside the functions, never through ``pyplot``; the format follows the file's extension; no
metadata that changes from run to run. Artists carry ``gid``\\ s (``feasible``,
``individually-rational``, ``minmax``, ``outcome:ROW,COLUMN``) for tests and scripts.
"""

from __future__ import annotations

from pathlib import Path

from .plot import check_format, require_matplotlib
from .repeated import show

__all__ = ["payoff_set_figure", "save_payoff_set"]


def payoff_set_figure(analysis):
    """A :class:`matplotlib.figure.Figure` of the feasible and individually rational payoffs."""
    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon

    game = analysis.stage
    fig = Figure(figsize=(5.5, 5.2), layout="constrained")
    ax = fig.subplots()
    if analysis.feasible:
        points = [(float(x), float(y)) for x, y in analysis.feasible]
        ax.add_patch(Polygon(points, closed=True, facecolor="0.88", edgecolor="0.4", linewidth=1,
                             label="feasible", gid="feasible"))
    if analysis.feasible_ir and len(analysis.feasible_ir) >= 3:
        points = [(float(x), float(y)) for x, y in analysis.feasible_ir]
        ax.add_patch(Polygon(points, closed=True, facecolor="C0", alpha=0.35, edgecolor="C0", linewidth=1.4,
                             label="individually rational", gid="individually-rational"))
    for profile in game.profiles():
        u = game.outcome(profile)
        label = ", ".join(game.strategies[i][k] for i, k in enumerate(profile))
        (dot,) = ax.plot([float(u[0])], [float(u[1])], "o", color="0.15", markersize=4)
        dot.set_gid(f"outcome:{label}")
        ax.annotate(f"({label})", (float(u[0]), float(u[1])), xytext=(4, 4), textcoords="offset points",
                    fontsize="small")
    if all(m.mixed is not None for m in analysis.minmax):
        v = [float(m.mixed) for m in analysis.minmax]
        (mark,) = ax.plot([v[0]], [v[1]], "s", color="C3", markersize=6,
                          label=f"minmax ({show(analysis.minmax[0].mixed)}, {show(analysis.minmax[1].mixed)})")
        mark.set_gid("minmax")
        ax.axvline(v[0], color="C3", linestyle=":", linewidth=0.8)
        ax.axhline(v[1], color="C3", linestyle=":", linewidth=0.8)
    ax.autoscale_view()
    ax.margins(0.08)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(f"{game.players[0]}'s payoff")
    ax.set_ylabel(f"{game.players[1]}'s payoff")
    ax.grid(True, linewidth=0.3, alpha=0.5)
    ax.legend(fontsize="small", loc="best", frameon=False)
    fig.suptitle(f"{game.title or 'Repeated game'}: feasible and individually rational payoffs", fontsize="medium")
    return fig


def save_payoff_set(analysis, path):
    """Draw the payoff sets and write them to ``path`` (PNG, SVG or PDF); return the figure."""
    fmt = check_format(path)
    matplotlib = require_matplotlib()
    fig = payoff_set_figure(analysis)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(Path(str(path)), format=fmt, dpi=120, metadata=metadata)
    return fig
