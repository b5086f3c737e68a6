"""The ``repeated`` command: the infinitely or finitely repeated game of a two-player stage game."""

from __future__ import annotations

import click

from . import app, game_options, handle_errors


def _horizon(value):
    from gametheory.errors import UsageError

    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--horizon expects a positive whole number of periods, got {value!r}")
    return int(text)


def _discount(value: str) -> str:
    import re

    from gametheory.errors import UsageError

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise UsageError(f"--discount expects a name made of letters, digits and '_', got {value!r}")
    return value


@app.command("repeated")
@click.argument("spec")
@click.option("--discount", default="delta", show_default=True, metavar="NAME",
              help="Name of the discount factor; 0 < NAME < 1 is added to the assumptions.")
@click.option("--strategy", "strategies", multiple=True, metavar="NAME",
              help="Analyse this profile only (repeatable): always-defect, always-cooperate, grim, tit-for-tat, "
                   "win-stay-lose-shift, punish:K, stick-and-carrot, or an automaton or profile of the spec.")
@click.option("--horizon", default=None, metavar="N", help="Play the stage game N times (a positive integer).")
@click.option("--statics", is_flag=True, help="Also show how each threshold moves with each payoff parameter.")
@game_options
@handle_errors
def repeated_command(spec, discount, strategies, horizon, statics, assignments, numeric, fmt, timeout):
    """The repeated game: stage equilibria, minmax values, feasible and individually rational
    payoffs, and for each strategy profile (automata) the discount threshold above which it is
    subgame perfect (REPEATED.md)."""
    from gametheory.report.repeated import load_repeated, repeated

    from . import _parse_set

    periods = _horizon(horizon)
    discount = _discount(discount)
    game = load_repeated(spec)
    values = _parse_set(assignments, [p.name for p in game.parameters])
    if values:
        game = game.subs(values)
    if numeric:
        game = game.numeric()
    _check_strategies(strategies, game)
    report = repeated(game, discount=discount, strategies=list(strategies) or None, horizon=periods,
                      statics=statics, timeout=timeout)
    fmt = fmt or "text"
    if fmt == "json":
        from gametheory.export.json import dumps

        click.echo(dumps(report.to_dict()), nl=False)
    elif fmt == "markdown":
        click.echo(report.markdown(), nl=False)
    elif fmt == "latex":
        click.echo(report.latex(), nl=False)
    else:
        click.echo(report.text(), nl=False)


def _check_strategies(strategies, game) -> None:
    from gametheory.errors import UsageError
    from gametheory.spec.repeated import LIBRARY, library_name

    known = {name for name, _ in game.automata} | {name for name, _ in game.profiles}
    for name in strategies:
        if not library_name(name) and name not in known:
            choices = ", ".join([n for n in LIBRARY if n != "punish:K"] + ["punish:K"] + sorted(known))
            raise UsageError(f"--strategy {name}: no such automaton; expected one of: {choices}")
