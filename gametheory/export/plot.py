"""Figures of equilibrium branches against one parameter (matplotlib, the ``plot`` extra).

Conventions
-----------
* The data come from :func:`gametheory.analysis.statics.plot_data`: exact values at exact
  sample points, turned into floats here only for drawing. A branch is drawn where its
  equilibrium exists (NaN elsewhere breaks the line); boundaries inside the range are dotted
  vertical lines labelled with their exact value.
* One panel per player with the probability of each of its strategies (per type, for a player
  with types), then one panel with every player's expected payoff. Colour tells the
  equilibrium (numbered from 1, in solve's order for the one-parameter game); line style tells
  the strategy (or, in the payoff panel, the player).
* Each line's ``gid`` is ``"eqK:QUANTITY"`` (``K`` 0-based, ``QUANTITY`` as in the statics JSON,
  e.g. ``"eq2:Row:Hawk"``), so that tests and scripts can find it in the figure or the SVG.
* matplotlib is imported inside the functions only, and never through ``pyplot``: a
  :class:`matplotlib.figure.Figure` is drawn and saved with its own canvas, so no interactive
  backend is touched and a notebook's settings are left alone. The format (PNG, SVG or PDF)
  follows the file's extension; metadata that would change from run to run (dates) is left
  out.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedError, UsageError

__all__ = ["FORMATS", "require_matplotlib", "check_format", "figure", "save"]

#: The accepted file extensions and their matplotlib formats.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

_STYLES = ("-", "--", ":", "-.")
_INSTALL = "pip install 'gametheory-toolkit[plot]'"


def require_matplotlib():
    """The ``matplotlib`` module, or :class:`~gametheory.errors.UnsupportedError` (exit 1)
    naming the ``plot`` extra when it is not installed."""
    try:
        import matplotlib
    except ImportError as error:
        raise UnsupportedError(
            f"plotting needs matplotlib, which is not installed; install the plot extra: {_INSTALL}"
        ) from error
    return matplotlib


def check_format(path) -> str:
    """The matplotlib format for ``path``'s extension (``png``, ``svg`` or ``pdf``)."""
    suffix = Path(str(path)).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"-o {path}: expected a file ending in .png, .svg or .pdf, got "
                         f"{suffix or 'no extension'}")
    return FORMATS[suffix]


def _show(value) -> str:
    from .text import show

    return show(value)


def figure(data):
    """A :class:`matplotlib.figure.Figure` of the branches in ``data`` (a ``PlotData``)."""
    require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    xs = [float(x) for x in data.xs]
    players = list(data.game.players)
    prob_players = [p for p in players if any(c.quantity.kind == "probability" and c.quantity.player == p
                                              for c in data.curves)]
    panels = len(prob_players) + 1
    fig = Figure(figsize=(7.5, 2.3 * panels + 1.2), layout="constrained")
    axes = fig.subplots(panels, 1, sharex=True, squeeze=False)[:, 0]
    eqs = data.equilibria.equilibria
    colours = [f"C{k % 10}" for k in range(max(len(eqs), 1))]

    def styles_legend(ax, names):
        handles = [Line2D([], [], color="0.2", linestyle=_STYLES[k % len(_STYLES)], label=name)
                   for k, name in enumerate(names)]
        ax.legend(handles=handles, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5),
                  frameon=False, handlelength=2.6)

    for ax, player in zip(axes, prob_players):
        mine = [c for c in data.curves if c.quantity.kind == "probability" and c.quantity.player == player]
        order = _strategy_order(data.game, players.index(player))
        used = {(c.quantity.type, c.quantity.strategy) for c in mine}
        keys = [key for key in order if key in used]
        names = [f"{t}: {s}" if t else s for t, s in keys]
        for c in mine:
            q = c.quantity
            _line(ax, xs, c, colours[q.equilibrium], _STYLES[keys.index((q.type, q.strategy)) % len(_STYLES)])
        ax.set_ylabel(f"{player}: probability")
        ax.set_ylim(-0.05, 1.05)
        styles_legend(ax, names)
    pay = axes[-1]
    payers: list[str] = []
    for c in data.curves:
        q = c.quantity
        if q.kind != "payoff":
            continue
        if q.player not in payers:
            payers.append(q.player)
        _line(pay, xs, c, colours[q.equilibrium], _STYLES[payers.index(q.player) % len(_STYLES)])
    pay.set_ylabel("expected payoff")
    styles_legend(pay, payers)
    words = f"{data.parameter} ({data.description})" if data.description else data.parameter
    pay.set_xlabel(words)
    for ax in axes:
        ax.set_xlim(float(data.lo), float(data.hi))
        ax.grid(True, linewidth=0.3, alpha=0.5)
        for m in data.markers:
            ax.axvline(float(m.at), color="0.35", linestyle=":", linewidth=1, gid=f"boundary:{_show(m.at)}")
    for m in data.markers:
        axes[0].annotate(f"{data.parameter} = {_show(m.at)}", xy=(float(m.at), 1.0),
                         xycoords=("data", "axes fraction"), xytext=(2, 2), textcoords="offset points",
                         fontsize="small", color="0.25")
    handles = [Line2D([], [], color=colours[k], linewidth=2.2, label=f"{k + 1} ({eq.kind})")
               for k, eq in enumerate(eqs) if any(c.quantity.equilibrium == k for c in data.curves)]
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 6), fontsize="small",
                   frameon=False, title="equilibrium", title_fontsize="small")
    title = f"{data.title or 'Equilibria'}: equilibria against {data.parameter}"
    others = _others(data)
    fig.suptitle(title + (f"\nother parameters: {others}" if others else ""), fontsize="medium")
    return fig


def _strategy_order(game, player: int) -> list:
    """(type or None, strategy) pairs of one player in the game's order."""
    bayes = game.bayesian
    if bayes is None:
        return [(None, s) for s in game.strategies[player]]
    if not bayes.types[player]:
        return [(None, a) for a in bayes.actions[player]]
    return [(t, a) for t, _ in bayes.types[player] for a in bayes.actions[player]]


def _others(data) -> str:
    return ", ".join(f"{name} = {_show(value)}" for name, value in data.fixed)


def _line(ax, xs, curve, colour, style):
    ys = curve.floats()
    q = curve.quantity
    (line,) = ax.plot(xs, ys, color=colour, linestyle=style, linewidth=1.6, label=f"{q.equilibrium + 1}: {q.name}")
    line.set_gid(f"eq{curve.quantity.equilibrium}:{curve.quantity.name}")
    return line


def save(data, path):
    """Draw ``data`` and write it to ``path`` (PNG, SVG or PDF by the extension); return the
    :class:`matplotlib.figure.Figure` that was written."""
    fmt = check_format(path)
    matplotlib = require_matplotlib()
    fig = figure(data)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    path = Path(str(path))
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "path"}):
        fig.savefig(path, format=fmt, dpi=120, metadata=metadata)
    return fig
