"""Building game values from a validated spec (:mod:`gametheory.spec.model`)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import sympy
from sympy import ImmutableDenseNDimArray

from ..errors import UsageError
from .normal import MAX_EXPANDED_PROFILES, CountForm, Game, Parameter, _array, _expand_count
from ._params import _resolve_defaults
from .bayesian import BayesianGame

__all__ = ["from_spec", "MAX_EXPANDED_PROFILES"]


def from_spec(spec):
    """Build the game value that a validated spec describes: a :class:`Game` (or
    :class:`BayesianGame`) for a normal-form spec; for another kind (``spec.kind``, see
    :data:`gametheory.spec.loader.KINDS`) the value that kind's module of this package builds
    with its own ``from_spec(spec)``."""
    if spec.kind != "normal":
        import importlib

        return importlib.import_module(f"{__package__}.{spec.kind}").from_spec(spec)
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
        implied=tuple((a.relation, a.reason) for a in spec.assumptions if a.reason),
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
