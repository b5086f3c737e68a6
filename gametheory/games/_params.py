"""Substituting parameter values into games (shared by every kind of game)."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

import sympy

from ..errors import UsageError
from ..expr import symbol, to_exact


def _exact(value) -> sympy.Expr:
    if isinstance(value, sympy.Basic):
        return value
    return to_exact(value)


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
