"""Schelling diagrams of symmetric N-person games with two strategies (matplotlib, the ``plot``
extra): ``plot --schelling``.

Conventions
-----------
* The data are a :class:`gametheory.analysis.counts_table.SchellingData`: the count table of a
  numeric instance (exact numbers; floats appear here only for drawing). The horizontal axis is
  ``k``, how many of the *other* players choose the first strategy (``0 .. N - 1``); one line per
  strategy joins its payoffs at the whole counts (Schelling 1973: the "L" and "R" curves).
* The crossing point of the lines is marked with a diamond and labelled ``k* = ...`` with its
  exact value (and its expression in the game's symbols when the instance came from a symbolic
  game). A pure equilibrium in which ``m`` players choose the first strategy is marked on both
  lines where its players stand: at ``k = m - 1`` on the first strategy's line (each of its ``m``
  players sees ``m - 1`` others there) and at ``k = m`` on the second's. The outcome with the
  largest total payoff (utilitarian efficiency) is marked the same way with stars.
* ``gid``s, so that tests and scripts can find the artists in the figure or the SVG:
  ``"payoff:<strategy>"`` for each line, ``"crossing:<value>"``, ``"equilibrium:<m>"`` and
  ``"efficient:<m>"``. The legend gives every value exactly.
* matplotlib is used without ``pyplot`` (as :mod:`gametheory.export.plot`); metadata that would
  change from run to run is left out.

References
----------
T. C. Schelling, "Hockey Helmets, Concealed Weapons, and Daylight Saving: A Study of Binary
Choices with Externalities", Journal of Conflict Resolution 17(3), 1973, pp. 381-428.
"""

from __future__ import annotations

from pathlib import Path

from .plot import check_format, require_matplotlib

__all__ = ["schelling_figure", "save_schelling", "count_label"]


def _show(value) -> str:
    from .text import show

    return show(value)


def count_label(table, m: int) -> str:
    """``"1 Volunteer, 2 Abstain"``, ``"all Ally"``: the outcome in which ``m`` choose the first."""
    first, second = table.strategies
    n = table.players
    if m == n:
        return f"all {first}"
    if m == 0:
        return f"all {second}"
    return f"{m} {first}, {n - m} {second}"


def _points(table, m: int) -> list[tuple[int, int]]:
    """(k, strategy) where the players of the outcome with ``m`` on the first strategy stand."""
    out = []
    if m >= 1:
        out.append((m - 1, 0))
    if m <= table.players - 1:
        out.append((m, 1))
    return out


def schelling_figure(data):
    """A :class:`matplotlib.figure.Figure` of Schelling's diagram of ``data``."""
    from ..errors import UsageError

    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    table = data.table
    if any(v.free_symbols for r in table.rows for v in r.payoffs):
        raise UsageError("a Schelling diagram needs numbers: give every parameter a value (or use the defaults)")
    n = table.players
    ks = list(range(n))
    fig = Figure(figsize=(7.8, 4.6), layout="constrained")
    ax = fig.subplots()
    handles = []
    for s, (name, colour, style) in enumerate(zip(table.strategies, ("C0", "C1"), ("-", "--"))):
        ys = [float(r.payoffs[s]) for r in table.rows]
        (line,) = ax.plot(ks, ys, color=colour, linestyle=style, linewidth=1.8, marker="o", markersize=4,
                          gid=f"payoff:{name}")
        values = ", ".join(_show(r.payoffs[s]) for r in table.rows)
        handles.append(Line2D([], [], color=colour, linestyle=style, marker="o", markersize=4,
                              label=f"{name}: {values} (k = 0 .. {n - 1})"))
    for c, expr in zip(table.crossings, data.expressions):
        j = int(c.between[0])
        row = table.rows[j]
        if c.between[0] == c.between[1]:
            y = row.payoffs[0]
        else:
            t = c.at - j
            y = row.payoffs[0] + t * (table.rows[j + 1].payoffs[0] - row.payoffs[0])
        ax.plot([float(c.at)], [float(y)], marker="D", markersize=9, color="C3", linestyle="none",
                gid=f"crossing:{_show(c.at)}")
        ax.axvline(float(c.at), color="0.5", linestyle=":", linewidth=1)
        words = f"k* = {_show(expr)} = {_show(c.at)}" if expr is not None else f"k* = {_show(c.at)}"
        ax.annotate(words, xy=(float(c.at), float(y)), xytext=(6, 8), textcoords="offset points",
                    fontsize="small", color="C3")
        kind = "tipping point" if c.rising else "the shares settle here"
        handles.append(Line2D([], [], marker="D", color="C3", linestyle="none", markersize=7,
                              label=f"crossing: {words}, payoff {_show(y)} ({kind})"))
    for m, conds in table.stable:
        pts = _points(table, m)
        ax.plot([k for k, _ in pts], [float(table.rows[k].payoffs[s]) for k, s in pts], marker="o", markersize=12,
                markerfacecolor="none", markeredgecolor="black", markeredgewidth=1.6, linestyle="none",
                gid=f"equilibrium:{m}")
        pays = ", ".join(f"{table.strategies[s]} {_show(table.rows[k].payoffs[s])}" for k, s in pts)
        handles.append(Line2D([], [], marker="o", markerfacecolor="none", markeredgecolor="black", linestyle="none",
                              markersize=9, label=f"equilibrium: {count_label(table, m)} ({pays})"))
    for m in table.efficient or ():
        pts = _points(table, m)
        ax.plot([k for k, _ in pts], [float(table.rows[k].payoffs[s]) for k, s in pts], marker="*", markersize=13,
                color="C2", linestyle="none", gid=f"efficient:{m}")
        handles.append(Line2D([], [], marker="*", color="C2", linestyle="none", markersize=10,
                              label=f"most total payoff: {count_label(table, m)} (total {_show(table.totals[m])})"))
    ax.set_xticks(ks)
    ax.set_xlim(-0.3, n - 1 + 0.3)
    ax.set_xlabel(f"k: how many of the other {n - 1} {table.name}s choose {table.strategies[0]}")
    ax.set_ylabel(f"payoff of a {table.name}")
    ax.grid(True, linewidth=0.3, alpha=0.5)
    fig.legend(handles=handles, loc="outside lower center", fontsize="small", frameon=False, ncols=1)
    others = ", ".join(f"{name} = {_show(value)}" for name, value in data.fixed)
    title = f"{table.title or 'Game'}: Schelling diagram"
    fig.suptitle(title + (f"\n{others}" if others else ""), fontsize="medium")
    return fig


def save_schelling(data, path):
    """Draw Schelling's diagram and write it to ``path`` (PNG, SVG or PDF by the extension)."""
    fmt = check_format(path)
    matplotlib = require_matplotlib()
    fig = schelling_figure(data)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(Path(str(path)), format=fmt, dpi=120, metadata=metadata)
    return fig
