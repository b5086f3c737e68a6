"""Phase plots of the replicator dynamics (matplotlib, the ``plot`` extra): ``plot --dynamics``.

Conventions
-----------
* The data are an :class:`~gametheory.equilibria.evolution.Evolution` of a numeric game (every
  payoff a number): rest points and their stability are exact; floats appear here only for
  drawing, and trajectories are integrated in floats (classical Runge-Kutta) for the picture
  alone.
* Two strategies: the share ``x`` of the second strategy on the horizontal axis and its rate of
  change ``x'`` above it, with arrows on the axis showing the direction of motion. Three
  strategies: the simplex as an equilateral triangle (each corner a pure population) with
  trajectories from a grid of starting points and arrows along them.
* Rest points: a filled disc is stable, an open circle unstable, a half-filled one neutral
  (``depends`` does not arise in a numeric game). Each marker's ``gid`` is
  ``"rest:<stability>:<point>"`` so that tests can find it; the legend gives each rest point's
  exact coordinates.
"""

from __future__ import annotations

from pathlib import Path

from .plot import check_format, require_matplotlib

__all__ = ["dynamics_figure", "save_dynamics"]

_FILL = {"stable": "full", "unstable": "none", "neutral": "left", "depends": "bottom"}


def _label(names, point) -> str:
    from .text import show

    support = [(n, p) for n, p in zip(names, point) if p != 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{n} {show(p)}" for n, p in support)


def _velocity(A, x):
    n = len(x)
    payoff = [sum(A[i][j] * x[j] for j in range(n)) for i in range(n)]
    mean = sum(x[i] * payoff[i] for i in range(n))
    return [x[i] * (payoff[i] - mean) for i in range(n)]


def _trajectory(A, start, steps=400, dt=0.05):
    x = list(start)
    path = [tuple(x)]
    for _ in range(steps):
        k1 = _velocity(A, x)
        k2 = _velocity(A, [a + dt / 2 * b for a, b in zip(x, k1)])
        k3 = _velocity(A, [a + dt / 2 * b for a, b in zip(x, k2)])
        k4 = _velocity(A, [a + dt * b for a, b in zip(x, k3)])
        x = [a + dt / 6 * (b + 2 * c + 2 * d + e) for a, b, c, d, e in zip(x, k1, k2, k3, k4)]
        x = [max(v, 0.0) for v in x]
        total = sum(x)
        x = [v / total for v in x]
        path.append(tuple(x))
    return path


def _corner(x):
    """Barycentric coordinates to the plane: corners (0, 0), (1, 0), (1/2, sqrt(3)/2)."""
    return x[1] + x[2] / 2, x[2] * 3 ** 0.5 / 2


def dynamics_figure(evolution):
    """A :class:`matplotlib.figure.Figure` of the replicator dynamics of a numeric game with two
    or three strategies."""
    from ..errors import UsageError

    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    game = evolution.game
    names = list(game.strategies[0])
    n = len(names)
    if any(e.free_symbols for e in evolution.matrix):
        raise UsageError("a phase plot needs numbers: give every parameter a value (or use the defaults)")
    if n not in (2, 3):
        raise UsageError(f"phase plots are drawn for two or three strategies; this game has {n}")
    A = [[float(evolution.matrix[i, j]) for j in range(n)] for i in range(n)]
    fig = Figure(figsize=(6.4, 4.2 if n == 2 else 5.6), layout="constrained")
    ax = fig.subplots()
    handles = []
    if n == 2:
        xs = [k / 400 for k in range(401)]
        ys = [_velocity(A, [1 - x, x])[1] for x in xs]
        ax.plot(xs, ys, color="C0", linewidth=1.6, gid="velocity")
        ax.axhline(0, color="0.3", linewidth=0.8)
        for k in range(1, 20):
            x = k / 20
            v = _velocity(A, [1 - x, x])[1]
            if abs(v) > 1e-9:
                ax.annotate("", xy=(x + (0.02 if v > 0 else -0.02), 0), xytext=(x, 0),
                            arrowprops={"arrowstyle": "->", "color": "0.25", "lw": 1})
        ax.set_xlim(-0.02, 1.02)
        ax.set_xlabel(f"share of {names[1]} (the rest play {names[0]})")
        ax.set_ylabel(f"rate of change of the share of {names[1]}")
        for r in evolution.rest_points:
            x = float(r.point[1])
            (marker,) = ax.plot([x], [0], marker="o", markersize=9, color="C3", fillstyle=_FILL[r.stability],
                                linestyle="none", gid=f"rest:{r.stability}:{_label(names, r.point)}")
            handles.append(Line2D([], [], marker="o", color="C3", fillstyle=_FILL[r.stability], linestyle="none",
                                  label=f"{_label(names, r.point)}: {r.stability}"))
    else:
        corners = [(0, 0), (1, 0), (0.5, 3 ** 0.5 / 2)]
        ax.plot([c[0] for c in corners + corners[:1]], [c[1] for c in corners + corners[:1]], color="0.2",
                linewidth=1)
        for (cx, cy), name, (dx, dy) in zip(corners, names, [(-0.04, -0.05), (0.04, -0.05), (0, 0.04)]):
            ax.annotate(name, (cx + dx, cy + dy), ha="center", va="center", fontsize="medium")
        starts = []
        for i in range(1, 8):
            for j in range(1, 8 - i):
                k = 8 - i - j
                starts.append((i / 8, j / 8, k / 8))
        for start in starts:
            path = _trajectory(A, start)
            pts = [_corner(p) for p in path]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], color="C0", linewidth=0.8, alpha=0.8,
                    gid="trajectory")
            mid = len(pts) // 8
            if mid + 1 < len(pts) and pts[mid] != pts[mid + 1]:
                ax.annotate("", xy=pts[mid + 1], xytext=pts[mid],
                            arrowprops={"arrowstyle": "->", "color": "C0", "lw": 0.8})
        for r in evolution.rest_points:
            x, y = _corner([float(p) for p in r.point])
            ax.plot([x], [y], marker="o", markersize=9, color="C3", fillstyle=_FILL[r.stability],
                    linestyle="none", gid=f"rest:{r.stability}:{_label(names, r.point)}")
            handles.append(Line2D([], [], marker="o", color="C3", fillstyle=_FILL[r.stability], linestyle="none",
                                  label=f"{_label(names, r.point)}: {r.stability}"))
        ax.set_xlim(-0.1, 1.1)
        ax.set_ylim(-0.1, 0.95)
        ax.set_aspect("equal")
        ax.axis("off")
    ax.legend(handles=handles, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              title="rest points", title_fontsize="small")
    fig.suptitle(f"{game.title or 'Replicator dynamics'}: replicator dynamics", fontsize="medium")
    return fig


def save_dynamics(evolution, path):
    """Draw the phase plot and write it to ``path`` (PNG, SVG or PDF by the extension)."""
    fmt = check_format(path)
    matplotlib = require_matplotlib()
    fig = dynamics_figure(evolution)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(Path(str(path)), format=fmt, dpi=120, metadata=metadata)
    return fig
