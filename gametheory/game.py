"""Games as immutable, exact values.

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
from typing import Iterator, Mapping

import sympy
from sympy import ImmutableDenseNDimArray

from .errors import UnsupportedError, UsageError
from .expr import symbol, to_exact

__all__ = [
    "Parameter",
    "CountForm",
    "Profile",
    "Game",
    "BayesianGame",
    "from_spec",
]


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


class _Displayed:
    """Rich display in Jupyter for games (rendered by :mod:`gametheory.export.notebook`)."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        from .export.notebook import game_markdown

        return game_markdown(self)

    def _repr_latex_(self) -> str:
        from .export.notebook import game_latex

        return game_latex(self)

    def _repr_html_(self) -> str:
        from .export.notebook import game_html

        return game_html(self)


@dataclass(frozen=True)
class Game(_Displayed):
    """A finite game in normal (strategic) form with exact, possibly symbolic, payoffs.

    Build one with :func:`gametheory.load` (from a spec), :meth:`Game.from_arrays`, or
    :meth:`BayesianGame.harsanyi`. See the module docstring for the index conventions.
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

    @property
    def is_numeric(self) -> bool:
        """True when every payoff is a number."""
        return not self.free_symbols

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        return {p.name: p.symbol for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, sympy.Expr]:
        """Every parameter's default value, resolved to numbers where defaults refer to other parameters."""
        return _resolve_defaults(self.parameters)

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

    def numeric(self) -> "Game":
        """The instance in which every parameter takes its default value."""
        return self.subs(_numeric_values(self))

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
            raise UsageError(
                f"{self.title or 'this game'} has symbolic payoffs ({', '.join(sorted(map(str, self.free_symbols)))}); "
                "give values with --set NAME=VALUE or use --numeric"
            )
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


@dataclass(frozen=True)
class BayesianGame(_Displayed):
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

    @property
    def is_numeric(self) -> bool:
        return not self.free_symbols

    def defaults(self) -> dict[str, sympy.Expr]:
        return _resolve_defaults(self.parameters)

    def subs(self, values: Mapping[str, object]) -> "BayesianGame":
        mapping, parameters, assumptions, assigned = _substitution(self, values)
        tables = tuple(
            (key, tuple(arr.applyfunc(lambda e: e.xreplace(mapping)) for arr in arrays))
            for key, arrays in self.tables
        )
        types = tuple(tuple((name, prior.xreplace(mapping)) for name, prior in t) for t in self.types)
        return replace(self, tables=tables, types=types, parameters=parameters, assumptions=assumptions,
                       assigned=assigned, definitions=_subs_definitions(self.definitions, mapping))

    def numeric(self) -> "BayesianGame":
        return self.subs(_numeric_values(self))


# -- substitution helpers -------------------------------------------------------------------

def _resolve_defaults(parameters) -> dict[str, sympy.Expr]:
    values = {p.name: p.default for p in parameters if p.default is not None}
    symbols = {symbol(name): name for name in values}
    for _ in range(len(values) + 1):
        changed = False
        for name, value in values.items():
            new = value.xreplace({s: values[n] for s, n in symbols.items() if n in values and s in value.free_symbols})
            if new != value:
                values[name] = new
                changed = True
        if not changed:
            break
    return values


def _numeric_values(game) -> dict[str, sympy.Expr]:
    defaults = game.defaults()
    missing = [p.name for p in game.parameters if p.name not in defaults and p.name not in game.assigned]
    if missing:
        raise UsageError(
            f"--numeric needs a value for every parameter; {', '.join(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no default: give it with --set NAME=VALUE"
        )
    return {name: value for name, value in defaults.items() if name not in game.assigned}


def _substitution(game, values: Mapping[str, object]):
    known = {p.name for p in game.parameters}
    mapping: dict[sympy.Symbol, sympy.Expr] = {}
    for name, value in values.items():
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            listed = ", ".join(sorted(known)) or "none"
            raise UsageError(f"unknown parameter {name!r}{hint}; the parameters are: {listed}")
        mapping[symbol(name)] = _exact(value)
    # values may refer to other parameters that are substituted too (e.g. C=2*V, V=2)
    for _ in range(len(mapping)):
        new = {s: v.xreplace(mapping) for s, v in mapping.items()}
        if new == mapping:
            break
        mapping = new
    parameters = tuple(
        replace(p, default=mapping[p.symbol]) if p.symbol in mapping else p for p in game.parameters
    )
    assumptions = []
    for rel in game.assumptions:
        new = rel.xreplace(mapping)
        if new is sympy.true:
            continue
        if new is sympy.false:
            given = ", ".join(f"{s}={v}" for s, v in mapping.items() if s in rel.free_symbols)
            raise UsageError(f"the values {given} violate the assumption {rel}")
        assumptions.append(new)
    assigned = tuple(sorted(set(game.assigned) | {str(s) for s in mapping}))
    return mapping, parameters, tuple(assumptions), assigned


def _subs_definitions(definitions, mapping):
    return tuple((name, value.xreplace(mapping)) for name, value in definitions)


# -- building from a spec -------------------------------------------------------------------

#: Most profiles a by-count game is expanded to (2 strategies: up to 16 players). Larger games
#: are analysed by counts only (:mod:`gametheory.solve.counts`), never expanded.
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


def from_spec(spec) -> Game | BayesianGame:
    """Build the :class:`Game` (or :class:`BayesianGame`) that a validated spec describes."""
    parameters = tuple(Parameter(p.name, p.default, p.description) for p in spec.parameters)
    assumptions = tuple(a.relation for a in spec.assumptions)
    common = dict(
        parameters=parameters,
        definitions=tuple(spec.definitions),
        assumptions=assumptions,
        description=spec.description,
        source=tuple(spec.source),
        notes=spec.notes,
        ordinal=spec.ordinal,
        file=spec.file,
    )
    if spec.count is not None:
        c = spec.count
        form = CountForm(
            strategies=spec.strategies[0] if spec.strategies else (),
            payoffs=tuple(c.payoffs),
            count_symbols=tuple(c.count_symbols),
            n_symbol=c.n_symbol,
            count=c.count,
            name=c.name,
        )
        count = form.count
        assigned: tuple[str, ...] = ()
        n_assumptions: tuple = ()
        if not isinstance(count, int):
            defaults = _resolve_defaults(parameters)
            value = defaults.get(str(count))
            if value is None or not value.is_Integer or int(value) < 2:
                raise UsageError(
                    f"the number of players {count} needs an integer default value of at least 2 "
                    "to build the normal form"
                )
            form = replace(form, count=int(value))
            parameters = tuple(replace(p, default=value) if p.name == str(count) else p for p in parameters)
            assigned = (str(count),)
            common["parameters"] = parameters
            kept = []
            for rel in assumptions:
                new = rel.xreplace({count: value})
                if new is sympy.false:
                    raise UsageError(f"the default number of players {count} = {value} violates the assumption {rel}")
                if new is not sympy.true:
                    kept.append(new)
            common["assumptions"] = tuple(kept)
            n_assumptions = tuple(rel for rel in assumptions if count in rel.free_symbols)
        expanded = _expand_count(form, spec.title)
        return Game(
            title=spec.title,
            players=expanded.players,
            strategies=expanded.strategies,
            payoffs=expanded.payoffs,
            symmetric=True,
            count=replace(form, count=c.count, n_assumptions=n_assumptions) if not isinstance(c.count, int) else form,
            assigned=assigned,
            **common,
        )
    shape = tuple(len(s) for s in spec.strategies)
    n = len(spec.players)

    def arrays_of(table) -> tuple[ImmutableDenseNDimArray, ...]:
        cells = dict(table)
        columns = [[] for _ in range(n)]
        for profile in itertools.product(*(range(k) for k in shape)):
            values = cells[profile]
            for i in range(n):
                columns[i].append(values[i])
        return tuple(_array(col, shape) for col in columns)

    if spec.types and any(spec.types):
        types = tuple(tuple(t) for t in spec.types)
        if len(types) < n:
            types = types + ((),) * (n - len(types))
        return BayesianGame(
            title=spec.title,
            players=tuple(spec.players),
            actions=tuple(tuple(s) for s in spec.strategies),
            types=types,
            tables=tuple((tuple(key), arrays_of(table)) for key, table in spec.payoffs),
            **common,
        )
    (key, table), = spec.payoffs
    return Game(
        title=spec.title,
        players=tuple(spec.players),
        strategies=tuple(tuple(s) for s in spec.strategies),
        payoffs=arrays_of(table),
        symmetric=spec.symmetric,
        **common,
    )
