"""The repeated-game report: what ``gametheory repeated`` prints, as a value with the shared
protocol (``to_dict()``, ``text()``, ``markdown()``, ``latex()``, notebook display)."""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["RepeatedReport", "repeated", "load_repeated"]


@dataclass(frozen=True)
class RepeatedReport(Report):
    """The analysis of REPEATED.md (:class:`gametheory.analysis.repeated.RepeatedAnalysis`) and
    its renderings. ``analysis.profiles[k].spe.threshold`` is profile ``k``'s ``delta*``."""

    analysis: object

    def __getattr__(self, name):
        if name == "analysis":
            raise AttributeError(name)
        return getattr(self.analysis, name)

    def to_dict(self) -> dict:
        """The ``gametheory.repeated/1`` JSON document, as Python data."""
        from ..export.repeated import repeated_dict

        return repeated_dict(self.analysis)

    def text(self) -> str:
        from ..export.repeated import repeated_text

        return repeated_text(self.analysis)

    def markdown(self) -> str:
        from ..export.repeated import repeated_markdown

        return repeated_markdown(self.analysis)

    def latex(self) -> str:
        """A booktabs table of the profiles and their thresholds."""
        from ..export.repeated import repeated_latex

        return repeated_latex(self.analysis)

    def threshold(self, name: str, kind: str = "subgame_perfect"):
        """The threshold ``delta*`` of the profile called ``name`` (``None`` if there is none)."""
        for a in self.analysis.profiles:
            if a.profile.name == name:
                verdict = a.spe if kind == "subgame_perfect" else a.nash
                return verdict.threshold if verdict is not None else None
        raise KeyError(name)


def load_repeated(source: str):
    """A CLI SPEC argument (path, ``-`` or bundled name) as a
    :class:`~gametheory.games.repeated.RepeatedGame`, with the spec's ``automata``,
    ``profiles`` and ``cooperate``."""
    from ..errors import Problem, SpecError, UsageError
    from ..games import from_spec
    from ..games.repeated import from_stage
    from . import _check_assumptions, _read_source

    data, name, kind = _read_source(source)
    if kind == "nfg":
        from ..spec.nfg import load_nfg

        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        spec = load_nfg(text, name)
    else:
        from ..spec import load_spec

        spec = load_spec(data, name=name)
    if spec.kind != "normal":
        raise UsageError(f"{name} describes a {spec.kind} game; repeated games need a finite normal-form stage game")
    try:
        game = from_spec(spec)
    except UsageError as error:
        raise SpecError([Problem(spec.file, 1, 1, str(error))]) from error
    _check_assumptions(spec)
    return from_stage(game, spec.section("automata"))


def repeated(game, *, discount: str = "delta", strategies=None, horizon: int | None = None, statics: bool = False,
             timeout: float | None = None) -> RepeatedReport:
    """The infinitely (or ``horizon``-times) repeated game of a two-player stage game: stage
    equilibria, minmax values, feasible and individually rational payoffs, and every strategy
    profile's discount threshold (REPEATED.md).

    Parameters
    ----------
    game : Game, RepeatedGame or str
        A stage game from :func:`gametheory.load`, a repeated game (with a spec's automata), or a
        spec's path or bundled name.
    discount : str
        The name of the discount factor (``0 < delta < 1`` is added to the assumptions).
    strategies : list of str, optional
        Library automata (``grim``, ``tit-for-tat``, ``punish:3``, ...) or the spec's automata and
        profiles to analyse; default: the whole library and everything the spec names.
    horizon : int, optional
        Analyse the game repeated this many times instead (Benoit and Krishna 1985).
    statics : bool
        Also differentiate each threshold by each payoff parameter.

    Examples
    --------
    >>> import gametheory
    >>> report = gametheory.repeated(gametheory.load("prisoners-dilemma"))
    >>> report.to_dict()["profiles"][2]["subgame_perfect"]["threshold"]
    '(T - R)/(T - P)'
    """
    from .. import limits
    from ..analysis.repeated import analyse
    from ..games import BayesianGame, Game
    from ..games.repeated import RepeatedGame, from_stage

    if isinstance(game, str):
        game = load_repeated(game)
    if isinstance(game, (Game, BayesianGame)):
        game = from_stage(game)  # a game with types is refused, with its reason, by the analysis
    if not isinstance(game, RepeatedGame):
        from ..errors import UsageError

        raise UsageError(f"repeated(): expected a two-player Game or RepeatedGame, got {type(game).__name__}")
    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        return RepeatedReport(analyse(game, discount=discount, strategies=strategies, horizon=horizon,
                                      statics=statics))
