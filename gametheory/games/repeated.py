"""Repeated games: a finite two-player stage game played again and again, and strategies as
finite automata.

Conventions
-----------
* The stage game is a :class:`~gametheory.games.Game` with two players (``0`` Row, ``1``
  Column); an *action profile* is a tuple of strategy indices, one per player.
* An :class:`Automaton` is one player's strategy (Kalai and Stanford 1988; Rubinstein 1986):
  a finite set of states, a start state, the action the player takes in each state
  (``play[state]``, an index into that player's strategies) and the next state after each
  action profile (``next[state][profile]``). It observes the whole profile, so the moves of
  both players drive it. Automata are plain data: what they imply is the business of
  :mod:`gametheory.equilibria.automata`.
* A :class:`ProfileSpec` pairs one automaton per player under a name ("grim trigger").
* Payoffs of the repeated game are normalised: ``(1 - delta) * sum_t delta**t * u_t``.

A :class:`RepeatedGame` is the stage game plus what a spec says about its repetition
(``automata:``, ``profiles:``, ``cooperate:``; REPEATED.md). It is immutable; :meth:`subs` and
:meth:`numeric` substitute parameters of the stage game.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

from .normal import Game

__all__ = ["Automaton", "ProfileSpec", "RepeatedGame", "from_stage"]


@dataclass(frozen=True)
class Automaton:
    """One player's strategy as a finite automaton (see the module docstring).

    ``states`` in order, ``start`` one of them, ``play`` and ``next`` as mappings stored as
    sorted tuples of pairs (hashable): ``play = ((state, action index), ...)`` and
    ``next = ((state, ((profile, state), ...)), ...)`` with an entry for every action profile.
    """

    name: str
    states: tuple[str, ...]
    start: str
    play: tuple[tuple[str, int], ...]
    next: tuple[tuple[str, tuple[tuple[tuple[int, ...], str], ...]], ...]

    def action(self, state: str) -> int:
        return dict(self.play)[state]

    def step(self, state: str, profile: tuple[int, ...]) -> str:
        return dict(dict(self.next)[state])[tuple(profile)]

    @classmethod
    def build(cls, name: str, start: str, play: Mapping[str, int], rule, profiles) -> "Automaton":
        """An automaton from ``play`` (state -> action) and ``rule(state, profile) -> state``
        evaluated at every profile in ``profiles``."""
        states = tuple(play)
        table = tuple((q, tuple((tuple(a), rule(q, tuple(a))) for a in profiles)) for q in states)
        return cls(name, states, start, tuple(play.items()), table)


@dataclass(frozen=True)
class ProfileSpec:
    """A named strategy profile: ``automata[i]`` is player ``i``'s automaton."""

    name: str
    automata: tuple[Automaton, ...]
    source: str = "library"

    @property
    def symmetric(self) -> bool:
        return len({a.name for a in self.automata}) == 1


@dataclass(frozen=True)
class RepeatedGame:
    """A stage game and what its spec says about repetition.

    ``automata`` are the spec's automata by name, each with the players it may be played by
    (``((name, ((player, Automaton), ...)), ...)``: an automaton whose actions are named for
    one player only is built for that player only); ``profiles`` the spec's named profiles
    (``((name, (automaton or library name per player)), ...)``); ``cooperate[i]`` the index of
    player ``i``'s cooperative action (the first action unless the spec names one).
    """

    stage: Game
    automata: tuple[tuple[str, tuple[tuple[int, Automaton], ...]], ...] = ()
    profiles: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cooperate: tuple[int, ...] = ()
    file: str = field(default="", compare=False)

    @property
    def title(self) -> str:
        return self.stage.title

    @property
    def parameters(self):
        return self.stage.parameters

    def subs(self, values) -> "RepeatedGame":
        return replace(self, stage=self.stage.subs(values))

    def numeric(self) -> "RepeatedGame":
        return replace(self, stage=self.stage.numeric())


def from_stage(game: Game, section=None) -> RepeatedGame:
    """The repeated game of ``game``; ``section`` is the spec's repeated-game section (the value
    :mod:`gametheory.spec.repeated` read), or ``None``."""
    if section is None:
        return RepeatedGame(stage=game, cooperate=tuple(0 for _ in game.players), file=game.file)
    automata = []
    for name, start, states, per_player in section.automata:
        built = []
        for player, (play, table) in per_player:
            built.append((player, Automaton(name, tuple(states), start, tuple(play), tuple(table))))
        automata.append((name, tuple(built)))
    cooperate = tuple(section.cooperate) if section.cooperate else tuple(0 for _ in game.players)
    return RepeatedGame(stage=game, automata=tuple(automata), profiles=tuple(section.profiles),
                        cooperate=cooperate, file=game.file)
