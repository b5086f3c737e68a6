"""The one three-valued answer of the toolkit: :class:`Decision`.

Conventions
-----------
* ``value`` is ``True`` (holds at every point satisfying the assumptions), ``False`` (at none)
  or ``None`` (it depends, or could not be decided); for ``None``, ``conditions`` is a
  conjunction of relations, beyond the assumptions, under which it holds.
* A ``Decision`` is never used as a bool (``bool(d)`` raises ``TypeError``); it unpacks as
  ``value, conditions``.
* Answers over regions of the parameter space are folded into one ``Decision`` by
  :func:`gametheory.conditions.fold`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .relations import to_str


@dataclass(frozen=True)
class Decision:
    """The answer of :func:`decide`.

    Attributes
    ----------
    value : bool or None
        ``True``: the relation holds at every point that satisfies the
        assumptions; ``False``: at none; ``None``: it depends, or could not be
        decided.
    conditions : tuple of sympy.Basic
        When ``value`` is ``None``: a simplified conjunction of relations,
        beyond the assumptions, under which the relation holds (equivalent to
        it under the assumptions). ``()`` when ``value`` is ``True`` or
        ``False``.
    """

    value: bool | None
    conditions: tuple = ()

    def __str__(self) -> str:
        if self.value is True:
            return "always"
        if self.value is False:
            return "never"
        if not self.conditions:
            return "undecided"
        return "when " + " and ".join(to_str(c) for c in self.conditions)

    def __iter__(self):
        """Unpacks as ``value, conditions``."""
        return iter((self.value, self.conditions))

    def __bool__(self) -> bool:
        raise TypeError(
            "Decision has three values; test `decision.value is True` rather than its truth"
        )
