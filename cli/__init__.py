"""The ``gametheory`` command line (click): parse arguments, call the library, render.

Installed as ``gametheory.cli``; the console scripts ``gametheory`` and ``gt`` and
``python -m gametheory`` all call :func:`main`. Heavy imports (sympy, the solvers) happen
inside the commands that need them, so that ``--help`` and ``list`` start fast.

Exit codes (CLI.md): 0 success; 1 the analysis could not finish; 2 bad usage or an invalid
spec, every problem on standard error as ``FILE:LINE:COLUMN: message``.
"""

from __future__ import annotations

import functools
import sys

import click

from gametheory.errors import GameTheoryError, SpecError

FORMATS = ("text", "json", "markdown", "latex")


#: What the command has loaded, for the advice after a time limit: "symbolic", "numeric" or "".
_LOADED = [""]


def _time_limit_advice(symbolic: str) -> str:
    advice = "; try a larger --timeout"
    if symbolic == "symbolic":
        advice += ", or give parameters values (--set NAME=VALUE, or --numeric for the defaults)"
    return advice


def _fail(error: GameTheoryError) -> None:
    from gametheory.errors import TimeLimitError

    if isinstance(error, SpecError):
        for problem in error.problems:
            click.echo(str(problem), err=True)
    elif isinstance(error, TimeLimitError):
        click.echo(f"error: {error}{_time_limit_advice(_LOADED[0])}", err=True)
    else:
        click.echo(f"error: {error}{_advice(error)}", err=True)
    sys.exit(error.exit_code)


def _advice(error: GameTheoryError) -> str:
    """What to do on the command line, for an error whose ``needs`` says what the work lacks."""
    needs, names = getattr(error, "needs", ""), getattr(error, "names", ())
    if needs == "values":
        if len(names) == 1:
            return f"; give {names[0]} a value with --set {names[0]}=VALUE"
        return "; give values with --set NAME=VALUE, or use --numeric for the defaults"
    if needs == "normal_form":
        return "; add --harsanyi to write the Harsanyi normal form"
    return ""


def _timed_out(stage: str, seconds: float, loaded: str) -> None:
    """The worker was ended at the time limit: say where it stood (exit 1)."""
    from gametheory.errors import TimeLimitError

    _LOADED[0] = loaded
    _fail(TimeLimitError(stage, seconds))


def handle_errors(command):
    """Turn the library's errors into messages and exit codes; never a traceback for bad input.

    A command with a ``timeout`` parameter (every analysis command, through :func:`game_options`)
    runs in a worker process that is ended at the time limit (:mod:`cli._worker`), so that the
    limit holds even inside one long call into sympy.
    """

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        if "timeout" in kwargs:
            from . import _worker

            if _worker.usable():
                from gametheory.limits import DEFAULT_TIMEOUT

                seconds = DEFAULT_TIMEOUT if kwargs["timeout"] is None else kwargs["timeout"]
                try:
                    return _worker.run(lambda: _guarded(command, args, kwargs), seconds, _timed_out)
                except GameTheoryError as error:
                    _fail(error)
        return _guarded(command, args, kwargs)

    return wrapper


def _guarded(command, args, kwargs):
    try:
        return command(*args, **kwargs)
    except GameTheoryError as error:
        _fail(error)
    except RecursionError:
        click.echo("error: the input is nested too deeply to analyse", err=True)
        sys.exit(1)
    except OSError as error:  # an output file that cannot be written, a file that vanished
        where = f" {error.filename}" if error.filename else ""
        click.echo(f"error: cannot use{where}: {error.strerror or error}", err=True)
        sys.exit(2)


def write_output(path: str, text: str) -> None:
    """Write ``text`` to the file ``path`` (``-o FILE``); a failure names the path (exit 2)."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        if not error.filename:
            error.filename = path
        raise


def _parse_set(values: tuple[str, ...], names) -> dict:
    """``--set NAME=VALUE`` items: VALUE is an expression of numbers and the game's parameters."""
    from gametheory.errors import UsageError
    from gametheory.expr import parse_expr

    out = {}
    for item in values:
        if "=" not in item:
            raise UsageError(f"--set expects NAME=VALUE, got {item!r}")
        name, _, text = item.partition("=")
        name = name.strip()
        try:
            out[name] = parse_expr(text.strip(), names=sorted(names))
        except GameTheoryError as error:
            raise UsageError(f"--set {item}: {error}") from error
    from gametheory.games._params import substitution_cycle

    cycle = substitution_cycle(out)
    if cycle:
        given = " ".join(f"--set {name}={out[name]}" for name in cycle)
        if len(cycle) == 1:
            raise UsageError(f"{given} refers to itself; give {cycle[0]} a value without {cycle[0]}")
        raise UsageError(f"{given} refer to each other in a cycle; give at least one of them a value "
                         "that does not refer to the others")
    return out


def game_options(command):
    """The shared options of the analysis commands: --set, --numeric, --format, --timeout."""
    command = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                           metavar="SECONDS", help="Bound on symbolic work (default 60 s).")(command)
    command = click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                           help="Output format (text is the default on a terminal).")(command)
    command = click.option("--numeric", is_flag=True,
                           help="Give every parameter its default value.")(command)
    command = click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
                           help="Substitute a parameter value (repeatable).")(command)
    return command


def load_game(spec: str, assignments=(), numeric: bool = False):
    """Load SPEC (path, '-' or bundled name) and apply --set / --numeric."""
    from gametheory import report as api

    from gametheory import limits

    with limits.stage("loading the spec"):
        game = api.load_source(spec)
        values = _parse_set(assignments, [p.name for p in game.parameters])
        if values:
            game = game.subs(values)
        if numeric:
            game = game.numeric()
    _loaded(game)
    return game


def _loaded(game) -> None:
    """Remember whether the game is symbolic, for the advice after a time limit."""
    from . import _worker

    free = getattr(game, "free_symbols", None)
    _LOADED[0] = "" if free is None else "symbolic" if free else "numeric"
    _worker.mark(_LOADED[0])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gametheory-toolkit", prog_name="gametheory")
def app():
    """Exact, symbolic game theory: every equilibrium, dilemma verdicts, LaTeX tables.

    SPEC is a spec file (YAML, JSON or Gambit .nfg), '-' for standard input, or the name of
    a bundled spec (see `gametheory list`).
    """


@app.command("check")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@handle_errors
def check_command(specs):
    """Validate specs; print every problem; exit 0 when all are valid."""
    from gametheory import report as api

    failed = False
    for spec in specs:
        try:
            game = api.load_source(spec)
        except SpecError as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
            continue
        click.echo(f"{spec}: ok ({api.describe(game)})")
    sys.exit(2 if failed else 0)


@app.command("list")
@handle_errors
def list_command():
    """The bundled spec library, with titles."""
    from gametheory import report as api

    rows = api.bundled()
    width = max((len(name) for name, _ in rows), default=0)
    for name, title in rows:
        click.echo(f"{name.ljust(width)}  {title}")


@app.command("show")
@click.argument("name")
@handle_errors
def show_command(name):
    """Print a bundled spec's YAML."""
    from gametheory import report as api

    click.echo(api.bundled_text(name), nl=False)


@app.command("schema")
@handle_errors
def schema_command():
    """Print the JSON Schema of the spec format (for editors)."""
    from gametheory import report as api

    click.echo(api.schema_text(), nl=False)


def main(argv=None):
    """Entry point of the console scripts."""
    import time

    from . import _worker

    _worker.STARTED[0] = time.monotonic()  # a time limit counts from here: the whole command
    try:
        app.main(args=argv, prog_name="gametheory", standalone_mode=True)
    except GameTheoryError as error:  # pragma: no cover - commands handle their own
        _fail(error)


from . import commands  # noqa: E402,F401  (registers the analysis commands)
from . import statics  # noqa: E402,F401  (statics and plot commands)
from . import evolve  # noqa: E402,F401  (evolve command)
from . import repeated  # noqa: E402,F401  (repeated command)
