"""Conditions in words: the form every text, Markdown and explanation sentence uses."""

from __future__ import annotations

import sympy as sp

from .relations import canonical, to_str


def describe(conditions) -> str:
    """A conjunction of conditions (or one relation, ``And``, ``Or``) for people to read.

    Like :func:`to_str`, but equalities read ``B = E`` (not ``Eq(B, E)``), inequations
    ``a != b``, conjunctions ``... and ...``, disjunctions ``(...) or (...)``. Used by every
    text, Markdown and explanation sentence; JSON keeps :func:`to_str`.
    """
    if isinstance(conditions, (sp.Basic, bool)):
        conditions = (conditions,)

    def one(c) -> str:
        c = canonical(c) if isinstance(c, sp.core.relational.Relational) else c
        if isinstance(c, sp.Eq):
            return f"{to_str(c.lhs)} = {to_str(c.rhs)}"
        if isinstance(c, sp.Ne):
            return f"{to_str(c.lhs)} != {to_str(c.rhs)}"
        if isinstance(c, sp.And):
            return " and ".join(one(a) for a in c.args)
        if isinstance(c, sp.Or):
            return " or ".join(f"({one(a)})" for a in c.args)
        return to_str(c)

    return " and ".join(one(c) for c in conditions)
