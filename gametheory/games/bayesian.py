"""Games of incomplete information (Harsanyi 1967-68) as immutable, exact values.

Conventions follow :mod:`gametheory.games.normal`; see :class:`BayesianGame`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Mapping

import sympy
from sympy import ImmutableDenseNDimArray

from .normal import Game, Parameter, _array
from ._params import Parametrised, _subs_definitions, _substitution

__all__ = ["BayesianGame"]


@dataclass(frozen=True)
class BayesianGame(Parametrised):
    """A game of incomplete information with a common prior over independent types.

    ``types[i]`` is ``()`` for a player without private types, else a tuple of
    ``(type name, prior probability)``. ``actions[i]`` are player ``i``'s actions. ``tables``
    maps each *type profile* (a tuple with one type index per player that has types, in
    player order) to one payoff array per player over action profiles, with the conventions
    of :class:`Game`.
    """

    title: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    types: tuple[tuple[tuple[str, sympy.Expr], ...], ...]
    tables: tuple[tuple[tuple[int, ...], tuple[ImmutableDenseNDimArray, ...]], ...]
    parameters: tuple[Parameter, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple[sympy.Basic, ...] = ()
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    ordinal: bool = False
    assigned: tuple[str, ...] = ()
    file: str = field(default="", compare=False)
    #: ``(relation, reason)`` for each assumption the spec implies (see :class:`Game`).
    implied: tuple[tuple[sympy.Basic, str], ...] = field(default=(), compare=False)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def typed_players(self) -> tuple[int, ...]:
        return tuple(i for i, t in enumerate(self.types) if t)

    def prior(self, type_profile) -> sympy.Expr:
        """Probability of a type profile (types of different players are independent)."""
        p = sympy.Integer(1)
        for i, t in zip(self.typed_players, type_profile):
            p *= self.types[i][t][1]
        return p

    def type_profiles(self) -> tuple[tuple[int, ...], ...]:
        return tuple(key for key, _ in self.tables)

    def table(self, type_profile) -> tuple[ImmutableDenseNDimArray, ...]:
        for key, arrays in self.tables:
            if key == tuple(type_profile):
                return arrays
        raise KeyError(type_profile)

    def conditional_game(self, type_profile) -> Game:
        """The complete-information game played when the type profile is known."""
        names = ", ".join(self.types[i][t][0] for i, t in zip(self.typed_players, type_profile))
        return Game(
            title=f"{self.title} ({names})",
            players=self.players,
            strategies=self.actions,
            payoffs=self.table(type_profile),
            parameters=self.parameters,
            definitions=self.definitions,
            assumptions=self.assumptions,
            ordinal=self.ordinal,
            assigned=self.assigned,
            file=self.file,
        )

    def plans(self, player: int) -> tuple[tuple[int, ...], ...]:
        """Player ``player``'s plans: one action index per type (a single action without types)."""
        n_types = len(self.types[player]) or 1
        return tuple(itertools.product(range(len(self.actions[player])), repeat=n_types))

    def behaviour(self, player: int, probabilities) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The behaviour strategy of a mixture over ``player``'s plans: for each of its types
        (one entry without types), the probability of each action (Kuhn 1953). Symbolic
        probabilities are factored."""
        out = []
        for t in range(len(self.types[player]) or 1):
            marginal = [sympy.Integer(0)] * len(self.actions[player])
            for plan, p in zip(self.plans(player), probabilities):
                marginal[plan[t]] += p
            out.append(tuple(sympy.factor(m) if m.free_symbols else m for m in marginal))
        return tuple(out)

    def plan_name(self, player: int, plan: tuple[int, ...]) -> str:
        """A plan's name: its actions in type order joined by ``/`` (just the action without types)."""
        return "/".join(self.actions[player][a] for a in plan)

    def harsanyi(self) -> Game:
        """The ex-ante normal form (Harsanyi 1967-68): plans as strategies, payoffs in expectation
        over Nature's draw of types. Its Nash equilibria are the Bayesian Nash equilibria when
        every type has positive prior probability."""
        plans = [self.plans(i) for i in range(self.n_players)]
        shape = tuple(len(p) for p in plans)
        typed = self.typed_players
        columns: list[list[sympy.Expr]] = [[] for _ in range(self.n_players)]
        for plan_profile in itertools.product(*(range(k) for k in shape)):
            totals = [sympy.Integer(0)] * self.n_players
            for type_profile, arrays in self.tables:
                weight = self.prior(type_profile)
                type_of = dict(zip(typed, type_profile))
                actions = []
                for i in range(self.n_players):
                    plan = plans[i][plan_profile[i]]
                    actions.append(plan[type_of[i]] if i in type_of else plan[0])
                for i in range(self.n_players):
                    totals[i] = totals[i] + weight * arrays[i][tuple(actions)]
            for i in range(self.n_players):
                columns[i].append(sympy.expand(totals[i]))
        return Game(
            title=self.title,
            players=self.players,
            strategies=tuple(tuple(self.plan_name(i, p) for p in plans[i]) for i in range(self.n_players)),
            payoffs=tuple(_array(col, shape) for col in columns),
            parameters=self.parameters,
            definitions=self.definitions,
            assumptions=self.assumptions,
            description=self.description,
            source=self.source,
            notes=self.notes,
            ordinal=self.ordinal,
            bayesian=self,
            plans=tuple(tuple(p) for p in plans),
            assigned=self.assigned,
            file=self.file,
        )

    @property
    def free_symbols(self) -> frozenset:
        out = set()
        for _, arrays in self.tables:
            for arr in arrays:
                out |= arr.free_symbols
        for t in self.types:
            for _, prior in t:
                out |= prior.free_symbols
        return frozenset(out)



    def subs(self, values: Mapping[str, object]) -> "BayesianGame":
        mapping, parameters, assumptions, assigned = _substitution(self, values)
        tables = tuple(
            (key, tuple(arr.applyfunc(lambda e: e.xreplace(mapping)) for arr in arrays))
            for key, arrays in self.tables
        )
        types = tuple(tuple((name, prior.xreplace(mapping)) for name, prior in t) for t in self.types)
        return replace(self, tables=tables, types=types, parameters=parameters, assumptions=assumptions,
                       assigned=assigned, definitions=_subs_definitions(self.definitions, mapping))

