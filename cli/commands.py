"""The analysis commands: solve, classify, statics, latex, convert, plot."""

from __future__ import annotations

import click

from . import app, game_options, handle_errors, load_game, write_output
from .verify import emit_verified, verify_option


def _emit(text: str) -> None:
    click.echo(text, nl=False)


@app.command("solve")
@click.argument("spec")
@game_options
@verify_option
@click.option("--full-table", is_flag=True,
              help="Also the payoffs profile by profile for an N-person game, which opens with its count table.")
@click.option("--method", type=click.Choice(["auto", "logit"]), default="auto", show_default=True,
              help="auto: every equilibrium; logit: one equilibrium of a numeric game, fast, along the "
                   "logit path and refined to an exact one (for games too large to enumerate).")
@handle_errors
def solve_command(spec, assignments, numeric, fmt, timeout, verify, full_table=False, method="auto"):
    """Payoff table, dominance, every Nash equilibrium (exact, with conditions), Pareto
    efficiency, the dilemma verdict and the game's classification."""
    from gametheory import report as api

    game = load_game(spec, assignments, numeric)
    report = api.solve(game, timeout=timeout, method=method)
    if full_table and hasattr(report, "full_table"):
        import dataclasses

        report = dataclasses.replace(report, full_table=True)
    emit_verified(report, fmt, verify)


@app.command("classify")
@click.argument("spec")
@game_options
@verify_option
@handle_errors
def classify_command(spec, assignments, numeric, fmt, timeout, verify):
    """The named type of the game (Prisoner's Dilemma, Chicken, Stag Hunt, ...), its place in
    the Robinson-Goforth topology, and for symbolic games the regions of each type."""
    from gametheory import report as api

    game = load_game(spec, assignments, numeric)
    result = api.classify(game, timeout=timeout)
    if fmt == "latex":
        raise click.UsageError("classify has no LaTeX output; use --format text, json or markdown")
    emit_verified(result, fmt, verify)


@app.command("latex")
@click.argument("spec")
@click.option("--style", type=click.Choice(["tabular", "sgame", "counts"]), default="tabular", show_default=True,
              help="booktabs tabular, Osborne's sgame.sty, or the count table of a symmetric N-person game "
              "(payoffs against how many others choose the first strategy).")
@click.option("--mark", type=click.Choice(["equilibria", "best-responses", "spe", "none"]), default="equilibria",
              show_default=True, help="What to mark in the table (a tree: the moves of a subgame-perfect "
              "equilibrium drawn thick, spe, the default there).")
@click.option("--normal-form", is_flag=True, help="A tree's reduced normal form as a table (tabular or sgame).")
@click.option("--label", default=None, help="\\label for the table.")
@click.option("--caption", default=None, help="Caption (default: the game's title).")
@click.option("--standalone", is_flag=True, help="A complete document that compiles on its own.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of standard output.")
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Substitute a parameter value (repeatable).")
@click.option("--numeric", is_flag=True, help="Give every parameter its default value.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Bound on symbolic work (default 60 s).")
@handle_errors
def latex_command(spec, style, mark, normal_form, label, caption, standalone, output, assignments, numeric,
                  timeout):
    """A LaTeX payoff table for a paper, equilibria marked; a game tree with istgame."""
    from gametheory import report as api

    game = load_game(spec, assignments, numeric)
    if normal_form:
        from gametheory.games.tree import Tree

        if not isinstance(game, Tree):
            raise click.UsageError("--normal-form applies to game trees (specs with tree:) only")
        game = game.normal_form()
    text = api.latex(game, style=style, mark=mark, label=label, caption=caption, standalone=standalone,
                     timeout=timeout)
    if output:
        write_output(output, text)
    else:
        _emit(text)


@app.command("convert")
@click.argument("spec")
@click.option("--to", "target", type=click.Choice(["nfg", "efg", "yaml", "json"]), required=True,
              help="Gambit .nfg (numeric games only), Gambit .efg (numeric game trees), or a spec file in YAML "
              "or JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of standard output.")
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Substitute a parameter value (repeatable).")
@click.option("--numeric", is_flag=True, help="Give every parameter its default value.")
@click.option("--harsanyi", is_flag=True,
              help="Write a Bayesian game's Harsanyi normal form (plans of types as strategies).")
@handle_errors
def convert_command(spec, target, output, assignments, numeric, harsanyi):
    """Convert a game to Gambit's .nfg format or to a YAML/JSON spec."""
    from gametheory.export import specfile

    game = load_game(spec, assignments, numeric)
    if harsanyi:
        if not hasattr(game, "harsanyi"):
            raise click.UsageError("--harsanyi applies to Bayesian games (specs with types) only")
        game = game.harsanyi()
    from gametheory.games.tree import Tree

    if target == "efg":
        if not isinstance(game, Tree):
            raise click.UsageError("--to efg writes game trees (specs with tree:); use --to nfg for this game")
        from gametheory.export.efg import to_efg

        text = to_efg(game)
    elif isinstance(game, Tree) and target != "nfg":
        raise click.UsageError("a game tree converts to efg, or to nfg for its reduced normal form")
    elif target == "nfg":
        if isinstance(game, Tree):
            game = game.normal_form()
        from gametheory.export.nfg import to_nfg

        text = to_nfg(game)
    elif target == "yaml":
        text = specfile.to_yaml(game)
    else:
        text = specfile.to_json(game)
    if output:
        write_output(output, text)
    else:
        _emit(text)
