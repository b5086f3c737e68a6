"""Game trees at the front door: the checks that need the conditions engine when a tree is
loaded, and the :class:`TreeReport` that ``gametheory solve`` prints for a tree (TREES.md)."""

from __future__ import annotations

from ..errors import Problem, SpecError

__all__ = ["check_tree"]


def check_tree(spec, tree) -> None:
    """Refuse chance probabilities that can be negative under the assumptions (exit 2, at the
    probability's line and column). Numbers and sums were checked by the spec reader."""
    from .. import conditions
    from ..expr import to_text

    import sympy

    problems = []
    nodes = tree.nodes
    for k, move, location in spec.body.probability_locations:
        p = nodes[k].probabilities[nodes[k].moves.index(move)]
        if p.is_number:
            continue
        if conditions.decide(sympy.GreaterThan(p, 0), tree.assumptions).value is not True:
            problems.append(Problem(location.file, location.line, location.column,
                                    f"the probability of move '{move}' is {to_text(p)}, which can be negative "
                                    f"under the assumptions; add an assumption such as {to_text(p)} >= 0",
                                    location.path))
    if problems:
        raise SpecError(problems)
