"""The library's front door: what the command line's commands do, as functions.

``load`` reads a spec (a path, a bundled name, YAML text, or a Gambit ``.nfg`` file) into a
:class:`~gametheory.games.Game` or :class:`~gametheory.games.BayesianGame`; ``solve``,
``classify``, ``statics`` and ``latex`` analyse it. ``solve``, ``classify`` and ``statics``
return report values (:class:`SolveReport`, :class:`ClassifyReport`, :class:`StaticsReport`)
that share one protocol (:mod:`gametheory.report.protocol`): ``to_dict()`` is exactly the JSON
of ``gametheory ... --format json`` (CLI.md), and ``text()``, ``markdown()`` and ``latex()``
the other formats; in a notebook they display themselves. Each report value has its own module
(``solve_report.py``, ...) and renders through :mod:`gametheory.export`; the analyses' data
(:mod:`gametheory.equilibria`, :mod:`gametheory.analysis`) never renders itself. Inside
IPython, importing this module registers how games and results display
(:mod:`gametheory.report.notebook`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import Problem, SpecError, UsageError
from . import notebook
from .classify_report import ClassifyReport
from .protocol import Report
from .solve_report import SolveReport
from .statics_report import StaticsReport
from .evolution import EvolveReport, evolve
from .repeated import RepeatedReport, load_repeated  # noqa: E402  (before the function named repeated)

__all__ = ["load", "load_source", "solve", "classify", "statics", "latex", "bundled", "bundled_text",
           "schema_text", "describe", "Report", "SolveReport", "ClassifyReport", "StaticsReport", "evolve", "EvolveReport",
           "repeated", "RepeatedReport", "load_repeated"]

notebook.register()  # inside IPython: games, equilibria and classifications display themselves


# -- loading --------------------------------------------------------------------------------

def _read_source(source: str) -> tuple[str | bytes, str, str]:
    """(text, display name, kind) for a CLI SPEC argument: a path, '-' or a bundled name."""
    from ..spec import bundled_names, bundled_path

    if source == "-":
        data = sys.stdin.buffer.read()
        kind = "nfg" if data.lstrip().startswith(b"NFG") else "efg" if data.lstrip().startswith(b"EFG") else "yaml"
        return data, "<stdin>", kind
    path = Path(source)
    if path.exists():
        if path.is_dir():
            raise UsageError(f"{source} is a folder; expected a spec file (YAML, JSON or .nfg)")
        data = path.read_bytes()
        kind = {".nfg": "nfg", ".efg": "efg"}.get(path.suffix.lower(), "yaml")
        return data, source, kind
    names = bundled_names()
    if source in names:
        return bundled_path(source).read_bytes(), f"{source}.yaml", "yaml"
    import difflib

    close = difflib.get_close_matches(source, names, n=1)
    hint = f"; did you mean {close[0]}?" if close else "; `gametheory list` shows the bundled specs"
    raise UsageError(f"no spec file or bundled spec named {source!r}{hint}")


def _parse(data, name: str, kind: str):
    from ..games import from_spec

    if kind == "nfg":
        from ..spec.nfg import load_nfg

        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        spec = load_nfg(text, name)
    elif kind == "efg":  # TREES.md
        from ..spec.efg import load_efg

        spec = load_efg(data, name)
    else:
        from ..spec import load_spec

        spec = load_spec(data, name=name)
    try:
        game = from_spec(spec)
    except UsageError as error:
        raise SpecError([Problem(spec.file, 1, 1, str(error))]) from error
    _check_assumptions(spec)
    if spec.kind == "tree":
        from .tree import check_tree

        check_tree(spec, game)
    return game


def _check_assumptions(spec) -> None:
    """Refuse assumptions that cannot all hold, naming them (exit 2)."""
    if not spec.assumptions:
        return
    from .. import conditions

    relations = [a.relation for a in spec.assumptions]
    conflict = conditions.conflicting(relations)
    if not conflict:
        return
    located = [a for a in spec.assumptions if a.relation in set(conflict)] or list(spec.assumptions)
    names = ", ".join(conditions.to_str(a.relation) for a in located)
    first = located[0].location
    raise SpecError([
        Problem(
            spec.file,
            first.line if first else 1,
            first.column if first else 1,
            f"the assumptions {names} cannot all hold at once; remove or correct one of them",
            "assumptions",
        )
    ])


def load_source(source: str):
    """Load a CLI SPEC argument: a path, ``-`` (standard input) or a bundled name. Like every
    load, it refuses assumptions that cannot all hold."""
    data, name, kind = _read_source(source)
    return _parse(data, name, kind)


def load(source, *, name: str | None = None):
    """Load a game from a path, a bundled spec's name, or YAML text.

    Parameters
    ----------
    source : str or os.PathLike
        A file (YAML, JSON or Gambit ``.nfg``), the name of a bundled spec
        (``gametheory list``), or the text of a spec.
    name : str, optional
        The name to use in error messages when ``source`` is text.

    Returns
    -------
    Game or BayesianGame
    """
    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    if isinstance(source, str) and ("\n" in source or ":" in source and not Path(source).exists()):
        kind = "nfg" if source.lstrip().startswith("NFG") else "efg" if source.lstrip().startswith("EFG") else "yaml"
        return _parse(source, name or "<string>", kind)
    return load_source(source)


def describe(game) -> str:
    """A one-line description: players, size, parameters."""
    from ..games import BayesianGame

    if hasattr(game, "describe"):  # kinds of game that describe themselves (continuous, bargaining)
        return game.describe()
    if isinstance(game, BayesianGame):
        sizes = "x".join(str(len(a)) for a in game.actions)
        typed = ", ".join(game.players[i] for i in game.typed_players)
        shape = f"{len(game.players)} players, {sizes}, Bayesian (types: {typed})"
    else:
        shape = f"{len(game.players)} players, {'x'.join(map(str, game.shape))}"
    symbols = sorted(str(s) for s in game.free_symbols)
    return f"{shape}, " + (f"symbolic in {', '.join(symbols)}" if symbols else "numeric")


def bundled() -> list[tuple[str, str]]:
    """(name, title) of every bundled spec."""
    from ..spec import bundled_names, bundled_path, load_spec

    return [(name, load_spec(bundled_path(name).read_bytes(), name=f"{name}.yaml").title)
            for name in bundled_names()]


def bundled_text(name: str) -> str:
    """The YAML text of a bundled spec."""
    from ..spec import bundled_names, bundled_path

    if name not in bundled_names():
        import difflib

        close = difflib.get_close_matches(name, bundled_names(), n=1)
        hint = f"; did you mean {close[0]}?" if close else "; `gametheory list` shows them"
        raise UsageError(f"no bundled spec named {name!r}{hint}")
    return bundled_path(name).read_text(encoding="utf-8")


def schema_text() -> str:
    """The JSON Schema of the spec format."""
    from importlib.resources import files

    return files("gametheory.spec").joinpath("schema.json").read_text(encoding="utf-8")


# -- analysis --------------------------------------------------------------------------------

def _normal_form(game):
    from ..games import BayesianGame

    return game.harsanyi() if isinstance(game, BayesianGame) else game


def solve(game, *, timeout: float | None = None, method: str = "auto") -> SolveReport:
    """Every Nash equilibrium, exactly, with dominance, Pareto efficiency, the dilemma verdict
    and the classification: what ``gametheory solve`` prints.

    Parameters
    ----------
    game : Game or BayesianGame
        From :func:`load`. A Bayesian game is solved through its Harsanyi normal form.
    method : str, optional
        How to find the equilibria (:data:`gametheory.equilibria.METHODS`): ``"auto"`` finds every
        one; ``"logit"`` finds one equilibrium of a numeric game quickly along the logit path,
        refined to an exact one (for games too large to enumerate).
    timeout : float, optional
        Bound, in seconds, on the symbolic work (default :data:`gametheory.limits.DEFAULT_TIMEOUT`).
    """
    from ..games.tree import Tree

    if isinstance(game, Tree):  # TREES.md
        from .tree import solve_tree

        return solve_tree(game, timeout=timeout)
    if getattr(game, "kind", None) in ("continuous", "bargaining"):  # CONTINUOUS.md
        from .continuous import solve_kind
        return solve_kind(game, timeout=timeout)
    from .. import limits
    from ..analysis.classify import classify as classify_game
    from ..analysis.dilemma import dilemma
    from ..analysis.kinds import kind_analyses
    from ..analysis.pareto import is_pareto_efficient
    from ..analysis.selection import selection
    from ..equilibria import strict_dominance as dominance_of
    from ..equilibria import equilibria as equilibria_of
    from ..equilibria.behaviour import distinct_behaviour

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        normal = _normal_form(game)
        with limits.stage("looking for dominant strategies"):
            dominance = dominance_of(normal)
        with limits.stage("finding the equilibria"):
            equilibria = equilibria_of(normal, method=method)
            if normal.bayesian is not None:
                equilibria = distinct_behaviour(normal, equilibria)
        with limits.stage("checking Pareto efficiency"):
            pareto = tuple(is_pareto_efficient(normal, eq) for eq in equilibria.equilibria)
        with limits.stage("selecting among equilibria"):
            chosen = selection(normal, equilibria)
        with limits.stage("judging the dilemma"):
            verdict = dilemma(normal, equilibria)
        with limits.stage("classifying the game"):
            classification = classify_game(normal)
        with limits.stage("analysing the game's special structure"):
            extras = kind_analyses(normal)
        if extras.uncertainty is not None:
            verdict = extras.uncertainty.join(verdict)
    return SolveReport(normal, dominance, equilibria, pareto, chosen, verdict, classification,
                       by_prior=extras.by_prior, thresholds=extras.thresholds, uncertainty=extras.uncertainty,
                       alliance_risks=extras.alliance_risks, counts=extras.counts,
                       count_table=extras.count_table)


def classify(game, *, timeout: float | None = None) -> ClassifyReport:
    """The named type of a game and, for symbolic games, the regions of each type."""
    from ..games.tree import Tree

    if isinstance(game, Tree):
        raise UsageError(f"classify names finite games in normal form (2x2 types); {game.title!r} is a game "
                         "tree: solve reports its subgame-perfect equilibria, and its reduced normal form can be "
                         "written out as a table")
    if getattr(game, "kind", None) in ("continuous", "bargaining"):
        raise UsageError(f"classify names finite games in normal form (2x2 types); {game.title!r} is a "
                         f"{game.kind} game: solve reports its equilibria and verdicts")
    from .. import limits
    from ..analysis.classify import classify as classify_game

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout), \
            limits.stage("classifying the game"):
        normal = _normal_form(game)
        return ClassifyReport(normal, classify_game(normal))


def statics(game, *, wrt=None, timeout: float | None = None) -> StaticsReport:
    """Symbolic comparative statics of every equilibrium quantity (CLI.md, ``statics``); for a
    tree, of its subgame-perfect (and perfect Bayesian) equilibria and the thresholds of their
    conditions (:class:`gametheory.report.tree_statics.TreeStaticsReport`, TREES.md)."""
    from ..games.tree import Tree

    if isinstance(game, Tree):  # TREES.md
        from .tree_statics import tree_statics

        return tree_statics(game, wrt=wrt, timeout=timeout)
    if getattr(game, "kind", None) in ("continuous", "bargaining"):  # CONTINUOUS.md
        from .continuous import statics_kind
        return statics_kind(game, wrt=wrt, timeout=timeout)
    from .. import limits
    from ..analysis.statics import statics as statics_of

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout), \
            limits.stage("comparative statics"):
        return StaticsReport(statics_of(game, wrt=wrt))


def repeated(game, **options) -> RepeatedReport:
    """The repeated game of a two-player stage game: minmax values, feasible and individually
    rational payoffs, and each strategy profile's discount threshold (REPEATED.md); the options
    are those of :func:`gametheory.report.repeated.repeated` (``discount``, ``strategies``,
    ``horizon``, ``statics``, ``timeout``)."""
    from .repeated import repeated as repeated_of

    return repeated_of(game, **options)


def latex(game, *, style: str = "tabular", mark: str = "equilibria", label: str | None = None,
          caption: str | None = None, standalone: bool = False, timeout: float | None = None) -> str:
    """A LaTeX payoff table (``style="tabular"`` with booktabs, or ``"sgame"``), equilibria marked;
    a game tree with istgame (``mark="spe"``, the default for trees: a subgame-perfect
    equilibrium's moves thick; TREES.md)."""
    if getattr(game, "kind", None) in ("continuous", "bargaining"):  # the model's equations and answers
        from .continuous import solve_kind
        return solve_kind(game, timeout=timeout).latex(standalone=standalone)
    from ..games.tree import Tree

    if isinstance(game, Tree):
        from .tree import tree_latex

        return tree_latex(game, mark=mark, standalone=standalone, timeout=timeout)
    if style == "counts":  # the count table of a symmetric N-person game (booktabs)
        from ..analysis.counts_table import count_table
        from ..export.counts import counts_latex

        table = count_table(_normal_form(game))
        if table is None:
            raise UsageError(f"{getattr(game, 'title', '') or 'this game'} has no count table: it needs a "
                             "symmetric game of two or more players with two strategies")
        return counts_latex(table, label=label, caption=caption, standalone=standalone)
    from .. import limits
    from ..export.latex import latex_table
    from ..equilibria import equilibria as equilibria_of

    equilibria = None
    if mark == "equilibria":
        with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
            equilibria = equilibria_of(_normal_form(game))
    return latex_table(game, style=style, mark=mark, equilibria=equilibria, label=label, caption=caption,
                       standalone=standalone)
