"""The ``evolve`` command: evolutionarily stable strategies and replicator dynamics."""

from __future__ import annotations

import click

from . import app, game_options, handle_errors, load_game


@app.command("evolve")
@click.argument("spec")
@game_options
@handle_errors
def evolve_command(spec, assignments, numeric, fmt, timeout):
    """Evolutionarily stable strategies (Maynard Smith's conditions, Haigh's criterion), an
    invading mutant where one fails, and the replicator dynamics' rest points with their
    stability, for a symmetric two-player game."""
    from gametheory.report.evolution import evolve

    game = load_game(spec, assignments, numeric)
    report = evolve(game, timeout=timeout)
    fmt = fmt or "text"
    if fmt == "json":
        from gametheory.export.json import dumps

        click.echo(dumps(report.to_dict()), nl=False)
    else:
        click.echo(getattr(report, fmt)(), nl=False)
