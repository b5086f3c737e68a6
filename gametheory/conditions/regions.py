"""Regions of the parameter space: case analysis on signs, unions of regions, one fold.

Conventions
-----------
* A *predicate* is plain Python over exact signs, asked through a :class:`Signs` oracle; where a
  sign it asks for is not fixed in a region, :func:`cases` splits the region in three (positive,
  zero, negative; :func:`gametheory.conditions.sign_regions`) and runs it again in each part.
* A :class:`Region` holds conditions beyond the assumptions (a conjunction; ``()`` for all of
  the assumptions) and the predicate's value there; the regions of one :func:`cases` call are
  disjoint and cover the assumptions.
* :func:`union_conditions` describes a union of regions (one conjunction when one describes it
  exactly, else one ``sympy.Or``); :func:`merge` groups regions by value; :func:`fold` turns a
  yes/no property over regions into one :class:`~gametheory.conditions.decision.Decision`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from .. import limits
from ..errors import AnalysisError
from .decision import Decision
from .linear import _expand, _lin
from .queries import decide, implies, sign, sign_regions, simplify
from .relations import canonical, to_str

MAX_REGIONS = 512

#: Most *opaque* splits (on a sign whose regions the conditions engine can only state as
#: nonlinear relations, which it cannot compare with each other) one case analysis may make
#: before it gives up: past a few, regions multiply without being decided.
MAX_OPAQUE = 4

_EXACT = ("+", "0", "-")

#: signs of ``lhs - rhs`` that satisfy each relation, and the signs each answer allows
_SATISFIED = {">": {"+"}, ">=": {"+", "0"}, "<": {"-"}, "<=": {"-", "0"}, "==": {"0"}, "!=": {"+", "-"}}
_POSSIBLE = {"+": {"+"}, "-": {"-"}, "0": {"0"}, ">=0": {"+", "0"}, "<=0": {"-", "0"}, "!=0": {"+", "-"}}


# ---------------------------------------------------------------------------------------------
# Case analysis: split the parameter space where the conditions engine cannot decide a sign
# ---------------------------------------------------------------------------------------------


class Undecided(AnalysisError):
    """A case analysis gave up: too many regions, or too many nonlinear undecided signs."""


class _Split(Exception):
    """Raised inside a predicate when the sign of ``expr`` differs across the region."""

    def __init__(self, expr):
        super().__init__(expr)
        self.expr = expr


@dataclass(frozen=True)
class Region:
    """A region of the parameter space and the value a predicate takes there.

    ``conditions`` are relations beyond the assumptions (a conjunction; ``()`` for the whole
    of the assumptions); regions returned by one :func:`cases` call are disjoint and cover the
    assumptions.
    """

    conditions: tuple
    value: object


class Signs:
    """The sign oracle a predicate of :func:`cases` asks, inside one region.

    Every method answers definitely (the region is small enough) or makes :func:`cases` split
    the region on the sign of the expression and ask again in each part.
    """

    def __init__(self, context: tuple, fixed: dict, assumptions: tuple | None = None):
        self._context = context
        self._fixed = fixed
        self._assumptions = context if assumptions is None else tuple(assumptions)

    @property
    def assumptions(self) -> tuple:
        """The assumptions alone, without the region's conditions."""
        return self._assumptions

    @property
    def context(self) -> tuple:
        """The assumptions and region conditions in force."""
        return self._context

    def _known(self, e) -> str:
        e = sympy.sympify(e)
        if e.is_Rational:
            return "+" if e.is_positive else "-" if e.is_negative else "0"
        if e in self._fixed:
            return self._fixed[e]
        if -e in self._fixed:
            return {"+": "-", "-": "+", "0": "0"}[self._fixed[-e]]
        return sign(e, self._context)

    def peek(self, e) -> str:
        """What is known of the sign of ``e`` here, without splitting: one of the signs of
        :func:`gametheory.conditions.sign` (``"?"`` when nothing is known)."""
        return self._known(e)

    def maybe(self, relation) -> bool | None:
        """``True``/``False`` when ``relation`` is decided here without splitting, else ``None``."""
        if isinstance(relation, BooleanAtom) or relation is True or relation is False:
            return bool(relation)
        if isinstance(relation, sympy.And):
            values = [self.maybe(a) for a in relation.args]
            return False if False in values else True if all(v is True for v in values) else None
        if isinstance(relation, sympy.Or):
            values = [self.maybe(a) for a in relation.args]
            return True if True in values else False if all(v is False for v in values) else None
        if not isinstance(relation, Relational):
            return None
        s = self._known(relation.lhs - relation.rhs)
        sat = _SATISFIED.get(relation.rel_op)
        if sat is None:
            return None
        possible = _POSSIBLE.get(s)
        if possible is None:
            return None
        if possible <= sat:
            return True
        if not possible & sat:
            return False
        return None

    def sign(self, e) -> str:
        """``"+"``, ``"0"`` or ``"-"``: the sign of ``e`` throughout the region."""
        s = self._known(e)
        if s in _EXACT:
            return s
        raise _Split(sympy.sympify(e))

    def compare(self, a, b) -> int:
        """``1``, ``0`` or ``-1`` as ``a`` is greater than, equal to or less than ``b``."""
        return {"+": 1, "0": 0, "-": -1}[self.sign(sympy.sympify(a) - sympy.sympify(b))]

    def positive(self, e) -> bool:
        """Is ``e > 0`` throughout the region?"""
        s = self._known(e)
        if s == "+":
            return True
        if s in ("0", "-", "<=0"):
            return False
        raise _Split(sympy.sympify(e))

    def nonnegative(self, e) -> bool:
        """Is ``e >= 0`` throughout the region?"""
        s = self._known(e)
        if s in ("+", "0", ">=0"):
            return True
        if s == "-":
            return False
        raise _Split(sympy.sympify(e))

    def zero(self, e) -> bool:
        """Is ``e = 0`` throughout the region?"""
        s = self._known(e)
        if s == "0":
            return True
        if s in ("+", "-", "!=0"):
            return False
        raise _Split(sympy.sympify(e))

    def holds(self, relation) -> bool:
        """Does ``relation`` (a relational, ``And``, ``Or``, ``Not`` or boolean) hold here?"""
        if isinstance(relation, BooleanAtom) or relation is True or relation is False:
            return bool(relation)
        if isinstance(relation, sympy.And):
            # an argument already known to fail settles it without splitting on the others
            if any(self.maybe(a) is False for a in relation.args):
                return False
            return all(self.holds(a) for a in relation.args)
        if isinstance(relation, sympy.Or):
            if any(self.maybe(a) is True for a in relation.args):
                return True
            return any(self.holds(a) for a in relation.args)
        if isinstance(relation, sympy.Not):
            return not self.holds(relation.args[0])
        if not isinstance(relation, Relational):
            raise TypeError(f"Signs.holds(): expected a sympy relation, got {relation!r}")
        e = relation.lhs - relation.rhs
        op = relation.rel_op
        if op == ">":
            return self.positive(e)
        if op == ">=":
            return self.nonnegative(e)
        if op == "<":
            return self.positive(-e)
        if op == "<=":
            return self.nonnegative(-e)
        if op == "==":
            return self.zero(e)
        if op == "!=":
            return not self.zero(e)
        raise TypeError(f"Signs.holds(): unknown relation {relation!r}")


def _linear(relation) -> bool:
    """Is the relation a linear form compared with zero (rational coefficients)?"""
    if not isinstance(relation, Relational):
        return False
    return _lin(_expand(relation.lhs - relation.rhs)) is not None


def cases(predicate: Callable[[Signs], object], assumptions: Iterable = (), conditions_: Iterable = (),
          *, what: str = "the case analysis", limit: int | None = None,
          max_opaque: int | None = None) -> tuple[Region, ...]:
    """Evaluate ``predicate`` in every region of the parameter space where its value is fixed.

    Parameters
    ----------
    predicate : callable
        Called with a :class:`Signs` oracle; returns a hashable value. It is plain Python over
        exact signs: where a sign it asks for is not fixed under the assumptions and the region's
        conditions, the region is split in three (positive, zero, negative) with
        :func:`gametheory.conditions.sign_regions` and the predicate is run again in each part.
    assumptions : iterable of sympy relations
        The game's assumptions.
    conditions_ : iterable of sympy relations
        Conditions beyond the assumptions that every region keeps (e.g. an equilibrium's).
    what : str
        What is being done, for the messages.
    limit : int, optional
        Most regions (default :data:`MAX_REGIONS`).
    max_opaque : int, optional
        Most splits whose regions are nonlinear relations (default :data:`MAX_OPAQUE`).

    Returns
    -------
    tuple of Region
        Disjoint regions (contradictory parts are dropped), in depth-first order (positive part
        first), with conditions beyond the assumptions.

    Raises
    ------
    Undecided
        When more regions or opaque splits would be needed than allowed (an
        :class:`~gametheory.errors.AnalysisError`; the callers of this module catch it and
        report the answer as undecided).
    TimeLimitError
        When the time limit of :func:`gametheory.limits.deadline` is reached.
    """
    limit = MAX_REGIONS if limit is None else limit
    max_opaque = MAX_OPAQUE if max_opaque is None else max_opaque
    opaque = 0
    base = tuple(assumptions)
    start = simplify(tuple(conditions_), base) if tuple(conditions_) else ()
    if start is None:
        return ()
    stack: list[tuple[tuple, dict]] = [(start, {})]
    out: list[Region] = []
    while stack:
        limits.check(what)
        conds, fixed = stack.pop()
        try:
            value = predicate(Signs(base + conds, fixed, base))
        except _Split as split:
            e = split.expr
            pieces = sign_regions(e, base + conds)
            if not all(_linear(c) for piece in pieces if piece for c in piece):
                opaque += 1
                if opaque > max_opaque:
                    raise Undecided(
                        f"{what} depends on the signs of nonlinear expressions such as {to_str(e)} "
                        "that could not be decided",
                        needs="values",
                    )
            parts = []
            for piece, s in zip(pieces, ("+", "0", "-")):
                if piece is None:
                    continue
                new = simplify(conds + tuple(piece), base) if piece else conds
                if new is None:
                    continue
                parts.append((new, {**fixed, e: s}))
            if len(out) + len(stack) + len(parts) > limit:
                raise Undecided(
                    f"{what} needs more than {limit} parameter regions",
                    needs="values",
                )
            stack.extend(reversed(parts))
            continue
        out.append(Region(conds, value))
    return tuple(out)


def _weaken(c):
    if isinstance(c, sympy.StrictLessThan):
        return sympy.Le(c.lhs, c.rhs)
    if isinstance(c, sympy.StrictGreaterThan):
        return sympy.Ge(c.lhs, c.rhs)
    return None


def _negate(c):
    if isinstance(c, Relational):
        return c.negated
    return None


def union_conditions(inside: Sequence[tuple], outside: Sequence[tuple], assumptions: Iterable = ()):
    """Conditions (beyond the assumptions) that describe the union of some regions.

    Parameters
    ----------
    inside, outside : sequences of condition tuples
        Disjoint regions that together cover the assumptions: the union of ``inside`` is to be
        described; ``outside`` is the rest.

    Returns
    -------
    tuple or None
        ``None`` when ``inside`` is empty, ``()`` when ``outside`` is; a single simplified
        conjunction when one describes the union exactly (it is looked for among the regions'
        relations, their non-strict forms and the negations of the outside's relations, and
        checked: every inside region implies it and it contradicts every outside region);
        otherwise a one-element tuple holding the ``sympy.Or`` of the inside regions.
    """
    base = tuple(assumptions)
    inside = [tuple(r) for r in inside]
    outside = [tuple(r) for r in outside]
    if not inside:
        return None
    if not outside:
        return ()
    if len(inside) == 1:
        return inside[0]
    candidates: dict[str, object] = {}
    for r in inside:
        for c in r:
            for x in (c, _weaken(c)):
                if x is not None:
                    candidates.setdefault(to_str(canonical(x)), x)
    for r in outside:
        for c in r:
            x = _negate(c)
            if x is not None:
                candidates.setdefault(to_str(canonical(x)), x)
    keep = [c for _, c in sorted(candidates.items())
            if all(implies(base + r, c) for r in inside)]
    if keep and all(simplify(r + tuple(keep), base) is None for r in outside):
        simple = simplify(keep, base)
        if simple is not None:
            return simple
    return (canonical(sympy.Or(*[sympy.And(*r) for r in inside])),)


def merge(regions: Sequence[Region], assumptions: Iterable = (), key: Callable = lambda v: v):
    """Group regions by ``key(value)``: ``[(key, conditions), ...]`` in order of first appearance.

    ``conditions`` describe the union of the group's regions (:func:`union_conditions`).
    """
    base = tuple(assumptions)
    groups: dict = {}
    for r in regions:
        groups.setdefault(key(r.value), []).append(r.conditions)
    out = []
    for k, inside in groups.items():
        outside = [r.conditions for r in regions if key(r.value) != k]
        out.append((k, union_conditions(inside, outside, base)))
    return out


def fold(regions: Sequence[Region], assumptions: Iterable = (), test: Callable[[object], bool] = bool) -> Decision:
    """One :class:`Decision` for a yes/no property from its value in each region.

    Parameters
    ----------
    regions : sequence of Region
        Disjoint regions that cover the assumptions (from :func:`cases`).
    assumptions : iterable of sympy relations
    test : callable
        Says whether the property holds, given a region's value.

    Returns
    -------
    Decision
        ``True`` when it holds in every region, ``False`` in none, else ``None`` with the
        conditions of the union of the regions where it holds (:func:`union_conditions`).
        Unpacks as ``value, conditions``.
    """
    yes = [r.conditions for r in regions if test(r.value)]
    no = [r.conditions for r in regions if not test(r.value)]
    if not no:
        return Decision(True)
    if not yes:
        return Decision(False)
    return Decision(None, union_conditions(yes, no, assumptions))


def knife_edge(relation, assumptions: Iterable = ()) -> tuple | None:
    """The conditions of a knife edge, or ``None`` when ``relation`` is none.

    A *knife edge* is an equality (or a conjunction of them) that can hold under the assumptions
    but does not hold identically: ``Eq(2*R, S + T)`` for Chicken with ``T > R > S > P``. An
    equality that holds wherever the assumptions do (``2*0 = v + (-v)``) or nowhere is no knife
    edge.

    Returns
    -------
    tuple or None
        The simplified conditions (beyond the assumptions) under which the equality holds.
    """
    d = decide(relation, tuple(assumptions))
    if d.value is not None:
        return None
    return d.conditions
