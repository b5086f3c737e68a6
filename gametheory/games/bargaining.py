"""Bargaining problems: a division with outside options (CONTINUOUS.md).

Conventions
-----------
* Two players; ``issue`` is the variable agreed on (a :class:`~gametheory.spec.continuous.Choice`
  with its interval); ``utilities[i]`` player ``i``'s payoff from an agreement, an expression in
  the issue; ``disagreement[i]`` its payoff without agreement (war).
* ``proposer``: the index of the player making a take-it-or-leave-it offer, or the first
  proposer of alternating offers (``discounts``, one factor per player).
* ``private``: parameters the proposer does not know, with their distributions
  (:class:`~gametheory.spec.bargaining.Distribution`); they are random variables, so their
  default values are ignored.
* ``ratify``: each side's domestic constraint, as relations in the issue (Putnam's win-sets).
* Immutable: :meth:`BargainingGame.subs` returns a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import sympy

from ..errors import UsageError
from ..spec.bargaining import Distribution
from ..spec.continuous import Choice
from ._params import _numeric_values, _resolve_defaults, _subs_definitions, _substitution
from .normal import Parameter

__all__ = ["BargainingGame", "Distribution", "from_spec"]


@dataclass(frozen=True)
class BargainingGame:
    title: str
    players: tuple[str, ...]
    issue: Choice
    utilities: tuple[sympy.Expr, ...]
    disagreement: tuple[sympy.Expr, ...]
    proposer: int | None = None
    discounts: tuple[sympy.Expr, ...] | None = None
    private: tuple[tuple[sympy.Symbol, Distribution], ...] = ()
    ratify: tuple[tuple[int, tuple], ...] = ()
    parameters: tuple[Parameter, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple = ()
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    file: str = ""
    assigned: tuple[str, ...] = ()

    kind = "bargaining"

    @property
    def free_symbols(self) -> frozenset:
        out = set()
        for e in self.utilities + self.disagreement + (self.discounts or ()):
            out |= e.free_symbols
        for b in (self.issue.lower, self.issue.upper):
            if b is not None:
                out |= b.free_symbols
        for _, d in self.private:
            for a in d.args:
                out |= a.free_symbols
        for _, relations in self.ratify:
            for r in relations:
                out |= r.free_symbols
        return frozenset(out - {self.issue.symbol})

    @property
    def is_numeric(self) -> bool:
        return not (self.free_symbols - {s for s, _ in self.private})

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        return {p.name: p.symbol for p in self.parameters}

    def defaults(self) -> dict[str, sympy.Expr]:
        return _resolve_defaults(self.parameters)

    def subs(self, values: Mapping[str, object]) -> "BargainingGame":
        private = {str(s) for s, _ in self.private}
        fixed = sorted(set(values) & private)
        if fixed:
            raise UsageError(f"{fixed[0]} is private information (a random variable): it cannot be given a value")
        mapping, parameters, assumptions, assigned = _substitution(self, values)

        def sub(e):
            return None if e is None else e.xreplace(mapping)

        issue = replace(self.issue, lower=sub(self.issue.lower), upper=sub(self.issue.upper))
        return replace(
            self, issue=issue,
            utilities=tuple(sub(u) for u in self.utilities),
            disagreement=tuple(sub(d) for d in self.disagreement),
            discounts=tuple(sub(d) for d in self.discounts) if self.discounts else None,
            private=tuple((s, Distribution(d.name, tuple(sub(a) for a in d.args))) for s, d in self.private),
            ratify=tuple((i, tuple(r.xreplace(mapping) for r in rs)) for i, rs in self.ratify),
            parameters=parameters, assumptions=assumptions, assigned=assigned,
            definitions=_subs_definitions(self.definitions, mapping),
        )

    def numeric(self) -> "BargainingGame":
        private = {str(s) for s, _ in self.private}
        values = {k: v for k, v in _numeric_values(_Without(self, private)).items() if k not in private}
        return self.subs(values)

    def describe(self) -> str:
        extras = []
        if self.proposer is not None:
            extras.append(("alternating offers, first proposer " if self.discounts else "proposer ")
                          + self.players[self.proposer])
        if self.private:
            extras.append("private " + ", ".join(str(s) for s, _ in self.private))
        if self.ratify:
            extras.append("ratification by " + ", ".join(self.players[i] for i, _ in self.ratify))
        symbols = sorted(str(s) for s in self.free_symbols)
        shape = "bargaining between " + " and ".join(self.players) + "".join(f", {e}" for e in extras)
        return f"{shape}, " + (f"symbolic in {', '.join(symbols)}" if symbols else "numeric")


@dataclass(frozen=True)
class _Without:
    """The game seen without its private parameters (for --numeric)."""

    game: BargainingGame
    private: set

    @property
    def parameters(self):
        return tuple(p for p in self.game.parameters if p.name not in self.private)

    @property
    def assigned(self):
        return self.game.assigned

    def defaults(self):
        return self.game.defaults()


def from_spec(spec) -> BargainingGame:
    body = spec.body
    return BargainingGame(
        title=spec.title,
        players=tuple(spec.players),
        issue=body.issue,
        utilities=body.utilities,
        disagreement=body.disagreement,
        proposer=body.proposer,
        discounts=body.discounts,
        private=body.private,
        ratify=body.ratify,
        parameters=tuple(Parameter(p.name, p.default, p.description) for p in spec.parameters),
        definitions=tuple(spec.definitions),
        assumptions=tuple(a.relation for a in spec.assumptions),
        description=spec.description,
        source=tuple(spec.source),
        notes=spec.notes,
        file=spec.file,
    )
