"""The ``statics`` and ``plot`` commands: comparative statics of equilibria, in tables and figures."""

from __future__ import annotations

import click

from . import app, game_options, handle_errors, load_game
from .verify import emit_verified, verify_option


@app.command("statics")
@click.argument("spec")
@click.option("--wrt", "--param", "wrt", multiple=True, metavar="NAME",
              help="Differentiate by this parameter only (repeatable; default: every parameter; "
                   "--param is the same).")
@game_options
@verify_option
@handle_errors
def statics_command(spec, wrt, assignments, numeric, fmt, timeout, verify):
    """Symbolic comparative statics: each equilibrium quantity (strategy probabilities,
    expected payoffs, thresholds) differentiated by each parameter, with the sign of the
    derivative under the assumptions."""
    from gametheory import report as api

    game = load_game(spec, assignments, numeric)
    emit_verified(api.statics(game, wrt=wrt or None, timeout=timeout), fmt, verify)


def _parse_range(text: str):
    from gametheory.errors import GameTheoryError, UsageError
    from gametheory.expr import parse_expr

    lo_text, sep, hi_text = text.partition(":")
    if not sep or not lo_text.strip() or not hi_text.strip():
        raise UsageError(f"--range expects LO:HI (for example 0:10 or 1/2:3), got {text!r}")
    values = []
    for part in (lo_text, hi_text):
        try:
            value = parse_expr(part.strip(), names=())
        except GameTheoryError as error:
            raise UsageError(f"--range {text}: {error}") from error
        if not value.is_Rational:
            raise UsageError(f"--range {text}: expected exact numbers, got {part.strip()}")
        values.append(value)
    lo, hi = values
    if not lo < hi:
        raise UsageError(f"--range {text}: expected LO < HI")
    return lo, hi


def _plot_parameter(plot_parameter, game, parameter):
    """The library's choice of parameter, its refusals told in the options' words."""
    from gametheory.errors import UsageError

    try:
        return plot_parameter(game, parameter)
    except UsageError as error:
        if parameter is None:
            raise UsageError(f"{error}; choose it with --param NAME") from error
        raise UsageError(f"--param {parameter}: {error}") from error


@app.command("plot")
@click.argument("spec")
@click.option("--param", "parameter", metavar="NAME", default=None,
              help="The parameter on the horizontal axis (default: the only one, or a Bayesian game's prior).")
@click.option("--range", "range_", metavar="LO:HI", default=None,
              help="Range of the parameter (default: what the assumptions allow).")
@click.option("-o", "--output", metavar="FILE", default=None,
              help="Output file; .png, .svg or .pdf (default: SPEC-PARAM.png).")
@click.option("--points", type=click.IntRange(min=2, max=10001), default=201, show_default=True,
              help="Number of exact sample points.")
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Fix a parameter's value (repeatable); others take their defaults.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Bound on symbolic work (default 60 s).")
@click.option("--dynamics", is_flag=True,
              help="The replicator dynamics of a symmetric game with two or three strategies instead "
                   "(a phase line or a simplex with trajectories; rest points marked by stability).")
@click.option("--payoff-set", "payoff_set", is_flag=True,
              help="The repeated game's feasible and individually rational payoffs instead (two players; "
                   "parameters not fixed by --set take their defaults).")
@click.option("--schelling", is_flag=True,
              help="Schelling's diagram of a symmetric N-person game with two strategies instead: each "
                   "strategy's payoff against how many others choose the first, crossing point, equilibria and "
                   "the efficient outcome marked (parameters not fixed by --set take their defaults).")
@handle_errors
def plot_command(spec, parameter, range_, output, points, assignments, timeout, dynamics=False, payoff_set=False,
                 schelling=False):
    """Equilibrium probabilities and expected payoffs against one parameter (matplotlib):
    each equilibrium branch drawn where it exists, boundaries marked. Needs the `plot` extra."""
    from pathlib import Path

    from gametheory import limits
    from gametheory.analysis.statics import plot_data, plot_parameter
    from gametheory.export.plot import check_format, require_matplotlib, save

    lo, hi = _parse_range(range_) if range_ else (None, None)
    if output is not None:
        check_format(output)
    require_matplotlib()
    game = load_game(spec, assignments, False)
    from gametheory.games.tree import Tree

    if isinstance(game, Tree):  # TREES.md
        _plot_tree(spec, game, parameter, lo, hi, points, output, timeout,
                   dynamics=dynamics, payoff_set=payoff_set, schelling=schelling)
        return
    if getattr(game, "kind", None) in ("continuous", "bargaining"):  # CONTINUOUS.md
        from gametheory.report.continuous import plot_kind

        stem = Path(spec).stem if spec != "-" else "game"
        click.echo(plot_kind(game, parameter, lo=lo, hi=hi, points=points, output=output, stem=stem, timeout=timeout))
        return
    if dynamics:
        _plot_dynamics(spec, game, parameter, range_, output, timeout)
        return
    if payoff_set:
        _plot_payoff_set(spec, game, parameter, range_, output, timeout)
        return
    if schelling:
        _plot_schelling(spec, game, parameter, range_, output, timeout)
        return
    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        parameter = _plot_parameter(plot_parameter, game, parameter)
        data = plot_data(game, parameter, lo=lo, hi=hi, points=points)
    if output is None:
        output = f"{Path(spec).stem if spec != '-' else 'game'}-{parameter}.png"
    save(data, output)
    click.echo(output)


def _plot_tree(spec, game, parameter, lo, hi, points, output, timeout, **flags):
    """``plot --param NAME`` on a game tree: the subgame-perfect outcome against one parameter as
    coloured bands, their boundaries solved exactly (the other parameters at their defaults or
    --set values)."""
    from pathlib import Path

    from gametheory.analysis.statics import plot_parameter
    from gametheory.errors import UsageError
    from gametheory.report.tree_statics import tree_plot

    for flag, given in flags.items():
        if given:
            raise UsageError(f"--{flag.replace('_', '-')} applies to games in normal form; a game tree plots its "
                             "subgame-perfect outcome against one parameter (--param NAME)")
    parameter = _plot_parameter(plot_parameter, game, parameter)
    if output is None:
        output = f"{Path(spec).stem if spec != '-' else 'game'}-{parameter}.png"
    tree_plot(game, parameter, output=output, lo=lo, hi=hi, points=points, timeout=timeout)
    click.echo(output)


def _plot_schelling(spec, game, parameter, range_, output, timeout):
    """``plot --schelling``: Schelling's diagram at the parameters' defaults (or --set values), the
    crossing point labelled with its exact expression."""
    from pathlib import Path

    from gametheory import limits
    from gametheory.analysis.counts_table import schelling_data
    from gametheory.errors import UsageError
    from gametheory.export.schelling import save_schelling

    if parameter is not None or range_ is not None:
        raise UsageError("--schelling draws the payoffs against the count at fixed parameter values; "
                         "it takes no --param or --range (fix values with --set)")
    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        data = schelling_data(game)
    if output is None:
        output = f"{Path(spec).stem if spec != '-' else 'game'}-schelling.png"
    save_schelling(data, output)
    click.echo(output)


def _plot_payoff_set(spec, game, parameter, range_, output, timeout):
    """``plot --payoff-set``: the repeated game's feasible and individually rational payoffs,
    with the defaults of any parameter that --set did not fix."""
    from pathlib import Path

    from gametheory.errors import UsageError
    from gametheory.export.payoff_set import save_payoff_set
    from gametheory.report.repeated import repeated

    if parameter is not None or range_ is not None:
        raise UsageError("--payoff-set draws the payoffs at fixed parameter values; "
                         "it takes no --param or --range (fix values with --set)")
    if not game.is_numeric:
        game = game.numeric()
    report = repeated(game, strategies=["always-defect"], timeout=timeout)
    if output is None:
        output = f"{Path(spec).stem if spec != '-' else 'game'}-payoffs.png"
    save_payoff_set(report.analysis, output)
    click.echo(output)


def _plot_dynamics(spec, game, parameter, range_, output, timeout):
    """``plot --dynamics``: the replicator dynamics' phase plot, with the defaults of any
    parameter that --set did not fix."""
    from pathlib import Path

    from gametheory.errors import UsageError
    from gametheory.export.dynamics import save_dynamics
    from gametheory.report.evolution import evolve

    if parameter is not None or range_ is not None:
        raise UsageError("--dynamics draws the population's motion at fixed parameter values; "
                         "it takes no --param or --range (fix values with --set)")
    if not game.is_numeric:
        game = game.numeric()
    report = evolve(game, timeout=timeout)
    if output is None:
        output = f"{Path(spec).stem if spec != '-' else 'game'}-dynamics.png"
    save_dynamics(report.evolution, output)
    click.echo(output)
