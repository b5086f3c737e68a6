"""Finite games in normal form as immutable, exact values.

Conventions
-----------
* Players are numbered ``0 .. n-1``; ``game.players[i]`` is the name of player ``i``.
* ``game.strategies[i]`` is the tuple of player ``i``'s strategy names.
* ``game.payoffs[i]`` is a sympy ``ImmutableDenseNDimArray`` of shape
  ``(len(strategies[0]), ..., len(strategies[n-1]))``: ``game.payoffs[i][s_0, ..., s_{n-1}]``
  is player ``i``'s payoff when each player ``j`` plays its strategy ``s_j``. One array per
  player, axis ``j`` indexed by player ``j``'s strategies.
* Payoffs are exact sympy expressions in the parameters' symbols (plain real symbols from
  :func:`gametheory.expr.symbol`); definitions are already substituted.
* A mixed profile (:class:`Profile`) gives, for each player, one probability per strategy.

A game is never changed in place: :meth:`Game.subs` and :meth:`Game.numeric` return new
games. A :class:`BayesianGame` holds one payoff table per type profile and a common prior;
:meth:`BayesianGame.harsanyi` gives its ex-ante normal form (Harsanyi 1967-68), whose
strategies for a player with types are *plans*: one action per type.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterator, Mapping

import sympy
from sympy import ImmutableDenseNDimArray

from ..errors import UnsupportedError, UsageError
from ..expr import symbol, to_exact

if TYPE_CHECKING:
    from .bayesian import BayesianGame

from ._params import Parametrised, _subs_definitions, _substitution

__all__ = ["Parameter", "CountForm", "Profile", "Game"]


@dataclass(frozen=True)
class Parameter:
    """A parameter of a game: name, default (or assigned) value, description."""

    name: str
    default: sympy.Expr | None = None
    description: str = ""

    @property
    def symbol(self) -> sympy.Symbol:
        return symbol(self.name)


@dataclass(frozen=True)
class CountForm:
    """A symmetric N-person game written by counts (the spec's ``by_count``).

    ``payoffs[k]`` is the payoff of a player who chooses strategy ``k``, in the symbols
    ``count_symbols[j]`` (how many *other* players choose strategy ``j``) and ``n_symbol``
    (the number of players). ``count`` is the number of players, an int or a symbol.
    """

    strategies: tuple[str, ...]
    payoffs: tuple[sympy.Expr, ...]
    count_symbols: tuple[sympy.Symbol, ...]
    n_symbol: sympy.Symbol
    count: int | sympy.Expr
    name: str
    n_assumptions: tuple[sympy.Basic, ...] = ()

    def payoff(self, strategy: int, others: tuple[int, ...], n: int | sympy.Expr | None = None) -> sympy.Expr:
        """Payoff of a player choosing ``strategy`` when ``others[j]`` others choose strategy ``j``."""
        values = dict(zip(self.count_symbols, (sympy.Integer(c) for c in others)))
        values[self.n_symbol] = sympy.sympify(self.count if n is None else n)
        return self.payoffs[strategy].xreplace(values)

    def subs(self, mapping: Mapping[sympy.Symbol, sympy.Expr]) -> "CountForm":
        payoffs = tuple(p.xreplace(mapping) for p in self.payoffs)
        count = self.count
        if not isinstance(count, int):
            count = sympy.sympify(count).xreplace(mapping)
            if count.is_Integer:
                count = int(count)
        return replace(self, payoffs=payoffs, count=count)


@dataclass(frozen=True)
class Profile:
    """A mixed strategy profile: ``probabilities[i][k]`` is the probability that player ``i``
    plays its strategy ``k``. Exact sympy values (numbers or expressions)."""

    probabilities: tuple[tuple[sympy.Expr, ...], ...]

    @classmethod
    def pure(cls, game: "Game", indices) -> "Profile":
        """The pure profile in which player ``i`` plays strategy ``indices[i]``."""
        return cls(
            tuple(
                tuple(sympy.Integer(1) if k == s else sympy.Integer(0) for k in range(len(strats)))
                for s, strats in zip(indices, game.strategies)
            )
        )

    @classmethod
    def from_values(cls, rows) -> "Profile":
        """A profile from nested sequences of exact numbers (ints, Fractions, strings, sympy)."""
        return cls(tuple(tuple(_exact(v) for v in row) for row in rows))

    def support(self, player: int) -> tuple[int, ...]:
        return tuple(k for k, p in enumerate(self.probabilities[player]) if p != 0)

    @property
    def is_pure(self) -> bool:
        return all(len(self.support(i)) == 1 and self.probabilities[i][self.support(i)[0]] == 1
                   for i in range(len(self.probabilities)))

    @property
    def pure_indices(self) -> tuple[int, ...] | None:
        """The strategy indices when the profile is pure, else ``None``."""
        if not self.is_pure:
            return None
        return tuple(self.support(i)[0] for i in range(len(self.probabilities)))

    def subs(self, mapping) -> "Profile":
        return Profile(tuple(tuple(sympy.sympify(p).xreplace(mapping) for p in row) for row in self.probabilities))


def _exact(value) -> sympy.Expr:
    if isinstance(value, sympy.Basic):
        return value
    return to_exact(value)


def _array(values, shape) -> ImmutableDenseNDimArray:
    return ImmutableDenseNDimArray(list(values), shape)


@dataclass(frozen=True)
class Game(Parametrised):
    """A finite game in normal (strategic) form with exact, possibly symbolic, payoffs.

    Build one with :func:`gametheory.load` (from a spec), :meth:`Game.from_arrays`, or
    :meth:`BayesianGame.harsanyi`. See the module docstring for the index conventions. In a
    notebook it shows as a payoff table (:mod:`gametheory.report.notebook` registers how).
    """

    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[ImmutableDenseNDimArray, ...]
    parameters: tuple[Parameter, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple[sympy.Basic, ...] = ()
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    symmetric: bool = False
    ordinal: bool = False
    count: CountForm | None = None
    bayesian: "BayesianGame | None" = None
    plans: tuple[tuple[tuple[int, ...], ...] | None, ...] = ()
    assigned: tuple[str, ...] = ()
    file: str = field(default="", compare=False)
    #: ``(relation, reason)`` for each assumption the spec implies rather than states (a prior is a
    #: probability; a root is real), so that reports can say why it was added.
    implied: tuple[tuple[sympy.Basic, str], ...] = field(default=(), compare=False)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_arrays(cls, payoffs, *, players=None, strategies=None, title: str = "", **kwargs) -> "Game":
        """A game from one nested sequence (or numpy array) of payoffs per player.

        ``payoffs[i]`` has one axis per player; entries are ints, Fractions, decimal strings,
        or sympy expressions (floats are refused: write them as strings or Fractions).
        """
        arrays = []
        shape = None
        for table in payoffs:
            arr = ImmutableDenseNDimArray(table)
            arr = arr.applyfunc(_exact)
            if shape is None:
                shape = arr.shape
            elif arr.shape != shape:
                raise ValueError(f"Game.from_arrays(): expected payoff arrays of one shape, got {shape} and {arr.shape}")
            arrays.append(arr)
        n = len(arrays)
        if n < 2:
            raise ValueError(f"Game.from_arrays(): expected two or more players, got {n}")
        if len(shape) != n:
            raise ValueError(f"Game.from_arrays(): expected {n} axes (one per player), got shape {shape}")
        if players is None:
            players = tuple(f"Player {i + 1}" for i in range(n))
        if strategies is None:
            strategies = tuple(tuple(f"s{k + 1}" for k in range(size)) for size in shape)
        return cls(
            title=title,
            players=tuple(players),
            strategies=tuple(tuple(s) for s in strategies),
            payoffs=tuple(arrays),
            **kwargs,
        )

    # -- shape ---------------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self.strategies)

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """Every pure profile, in lexicographic order of strategy indices."""
        return itertools.product(*(range(k) for k in self.shape))

    def payoff(self, player: int, profile) -> sympy.Expr:
        return self.payoffs[player][tuple(profile)]

    def outcome(self, profile) -> tuple[sympy.Expr, ...]:
        """Every player's payoff at a pure profile."""
        return tuple(arr[tuple(profile)] for arr in self.payoffs)

    def player_index(self, name: str) -> int:
        return self.players.index(name)

    def strategy_index(self, player: int, name: str) -> int:
        return self.strategies[player].index(name)

    # -- parameters ----------------------------------------------------------------------
    @property
    def free_symbols(self) -> frozenset:
        """Symbols that remain in the payoffs."""
        out = set()
        for arr in self.payoffs:
            out |= arr.free_symbols
        return frozenset(out)



    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)


    def subs(self, values: Mapping[str, object]) -> "Game":
        """A new game with the named parameters replaced by the given values.

        Values are exact numbers or sympy expressions. Assumptions that become true are
        dropped; one that becomes false raises :class:`~gametheory.errors.UsageError`.
        """
        mapping, parameters, assumptions, assigned = _substitution(self, values)
        if self.count is not None and self.count.n_symbol in mapping and not isinstance(self.count.count, int):
            form = self.count.subs(mapping)
            if not isinstance(form.count, int) or form.count < 2:
                raise UsageError(
                    f"the number of players {self.count.n_symbol} must be an integer of at least 2, got {form.count}"
                )
            rebuilt = _expand_count(form, self.title)
            payoffs = tuple(arr.applyfunc(lambda e: e.xreplace(mapping)) for arr in rebuilt.payoffs)
            return replace(self, players=rebuilt.players, strategies=rebuilt.strategies, payoffs=payoffs,
                           parameters=parameters, assumptions=assumptions, assigned=assigned, count=form,
                           definitions=_subs_definitions(self.definitions, mapping))
        payoffs = tuple(arr.applyfunc(lambda e: e.xreplace(mapping)) for arr in self.payoffs)
        bayesian = self.bayesian.subs(values) if self.bayesian is not None else None
        count = self.count.subs(mapping) if self.count is not None else None
        return replace(self, payoffs=payoffs, parameters=parameters, assumptions=assumptions,
                       assigned=assigned, bayesian=bayesian, count=count,
                       definitions=_subs_definitions(self.definitions, mapping))


    # -- mixed profiles ------------------------------------------------------------------
    def expected_payoff(self, profile: Profile, player: int) -> sympy.Expr:
        """Player ``player``'s expected payoff under a mixed profile."""
        return self._expected(profile, player, None, None)

    def deviation_payoff(self, profile: Profile, player: int, strategy: int) -> sympy.Expr:
        """Player ``player``'s expected payoff from pure ``strategy`` against the others' mixes."""
        return self._expected(profile, player, player, strategy)

    def _expected(self, profile, player, fixed_player, fixed_strategy) -> sympy.Expr:
        supports = []
        for i in range(self.n_players):
            if i == fixed_player:
                supports.append([(fixed_strategy, sympy.Integer(1))])
            else:
                supports.append([(k, p) for k, p in enumerate(profile.probabilities[i]) if p != 0])
        total = sympy.Integer(0)
        arr = self.payoffs[player]
        for combo in itertools.product(*supports):
            weight = sympy.Integer(1)
            for _, p in combo:
                weight *= p
            total += weight * arr[tuple(k for k, _ in combo)]
        return total

    # -- numeric forms -------------------------------------------------------------------
    def to_numpy(self, dtype=float):
        """Payoff arrays as numpy arrays, one per player (numeric games only).

        ``dtype=object`` keeps exact sympy numbers; ``float`` is for numeric searches only.
        """
        import numpy as np

        if not self.is_numeric:
            free = sorted(map(str, self.free_symbols))
            raise UsageError(f"{self.title or 'this game'} has symbolic payoffs ({', '.join(free)})",
                             needs="values", names=free)
        out = []
        for arr in self.payoffs:
            flat = [v if dtype is object else float(v) for v in arr._array]  # noqa: SLF001 - sympy's flat storage
            out.append(np.array(flat, dtype=dtype).reshape(self.shape))
        return tuple(out)

    def matrices(self):
        """For a two-player game: the payoff matrices as nested lists of exact sympy numbers."""
        if self.n_players != 2:
            raise UsageError(f"expected a two-player game, got {self.n_players} players")
        m, n = self.shape
        return tuple([[arr[i, j] for j in range(n)] for i in range(m)] for arr in self.payoffs)

    def __str__(self) -> str:
        return f"<Game {self.title!r}: {' x '.join(map(str, self.shape))}, players {', '.join(self.players)}>"


#: Most profiles a by-count game is expanded to (2 strategies: up to 16 players). Larger games
#: are analysed by counts only (:mod:`gametheory.equilibria.counts`), never expanded.
MAX_EXPANDED_PROFILES = 2**16


def _expand_count(form: CountForm, title: str) -> Game:
    n = form.count
    k = len(form.strategies)
    if k**n > MAX_EXPANDED_PROFILES:
        raise UnsupportedError(
            f"{title or 'this game'} with {n} players has {k}^{n} profiles, too many to write out "
            f"(at most {MAX_EXPANDED_PROFILES}); use fewer players, or keep the number of players "
            "symbolic: `solve` then reports the equilibria by counts for every N"
        )
    players = tuple(f"{form.name}{i + 1}" for i in range(n))
    shape = (k,) * n
    columns: list[list[sympy.Expr]] = [[] for _ in range(n)]
    cache: dict[tuple[int, tuple[int, ...]], sympy.Expr] = {}
    for profile in itertools.product(range(k), repeat=n):
        totals = [0] * k
        for s in profile:
            totals[s] += 1
        for i, s in enumerate(profile):
            others = tuple(totals[j] - (1 if j == s else 0) for j in range(k))
            key = (s, others)
            if key not in cache:
                cache[key] = form.payoff(s, others, n)
            columns[i].append(cache[key])
    return Game(
        title=title,
        players=players,
        strategies=(form.strategies,) * n,
        payoffs=tuple(_array(col, shape) for col in columns),
    )
