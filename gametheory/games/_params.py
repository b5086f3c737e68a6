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
            f"a numeric instance needs a value for every parameter; {', '.join(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no default",
            needs="values", names=missing,
        )
    return {name: value for name, value in defaults.items() if name not in game.assigned}


def substitution_cycle(values: Mapping[str, object]) -> tuple[str, ...]:
    """The names of values that refer to themselves, directly (``V = V + 1``) or through each
    other (``C = 2*V``, ``V = C``), in the order of the cycle; ``()`` when there is none.

    ``values`` maps parameter names to numbers or sympy expressions of parameters.
    """
    refers = {
        name: sorted(str(s) for s in getattr(_exact(value), "free_symbols", ()) if str(s) in values)
        for name, value in values.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name, path):
        state[name] = 1
        path.append(name)
        for other in refers[name]:
            if state.get(other) == 1:
                return tuple(path[path.index(other):])
            if other not in state:
                found = visit(other, path)
                if found:
                    return found
        path.pop()
        state[name] = 2
        return ()

    for name in values:
        if name not in state:
            found = visit(name, [])
            if found:
                return found
    return ()


def _cycle_message(cycle, values) -> str:
    given = ", ".join(f"{name} = {_exact(values[name])}" for name in cycle)
    if len(cycle) == 1:
        return f"the value given to {cycle[0]} refers to {cycle[0]} itself ({given}); give it a value without {cycle[0]}"
    return (f"the values given to {', '.join(cycle)} refer to each other in a cycle ({given}); "
            "give at least one of them a value that does not refer to the others")


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
    cycle = substitution_cycle({str(s): v for s, v in mapping.items()})
    if cycle:
        raise UsageError(_cycle_message(cycle, {str(s): v for s, v in mapping.items()}))
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


class Parametrised:
    """What every kind of game offers about its parameters (a mixin for the frozen game values,
    which provide ``parameters``, ``free_symbols`` and ``subs``)."""

    __slots__ = ()

    @property
    def is_numeric(self) -> bool:
        """True when no parameter is left in the game."""
        return not self.free_symbols

    @property
    def symbols(self) -> dict:
        return {p.name: p.symbol for p in self.parameters}

    def defaults(self) -> dict:
        """Every parameter's default value, resolved to numbers where defaults refer to other parameters."""
        return _resolve_defaults(self.parameters)

    def numeric(self):
        """The instance in which every parameter takes its default value."""
        return self.subs(_numeric_values(self))
