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


# -- the report of `gametheory solve` on a tree ----------------------------------------------------

from dataclasses import dataclass  # noqa: E402

from .protocol import Report  # noqa: E402

__all__ += ["TreeReport", "solve_tree", "tree_latex"]


@dataclass(frozen=True)
class TreeReport(Report):
    """What ``gametheory solve`` reports on a tree (TREES.md): the tree, its subgame-perfect
    equilibria and the Nash equilibria of its reduced normal form that are not subgame perfect."""

    tree: object
    spe: object
    non_credible: tuple = ()
    nash_complete: bool = True
    notes: tuple = ()
    pbe: object = None

    def to_dict(self) -> dict:
        from ..export.tree_report import tree_dict

        return tree_dict(self)

    def text(self) -> str:
        from ..export.tree_report import tree_text

        return tree_text(self)

    def markdown(self) -> str:
        from ..export.tree_report import tree_markdown

        return tree_markdown(self)

    def latex(self) -> str:
        return tree_latex(self.tree, spe=self.spe, standalone=False)

    # the names the CLI used before the protocol (kept for callers of that time)
    to_text = text
    to_markdown = markdown


def solve_tree(tree, *, timeout: float | None = None) -> TreeReport:
    """Subgame-perfect equilibria and non-credible threats of ``tree`` (TREES.md)."""
    from .. import limits
    from ..equilibria import equilibria as equilibria_of
    from ..equilibria.spe import subgame_perfect
    from ..equilibria.threats import non_credible

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        with limits.stage("finding the subgame-perfect equilibria"):
            spe = subgame_perfect(tree)
        with limits.stage("checking the Nash equilibria of the reduced normal form for credibility"):
            nash = equilibria_of(tree.normal_form(), method="pure")
            threats, notes = non_credible(tree, nash)
            notes = tuple(n for n in notes if n != "pure equilibria only")
        pbe = None
        if tree.has_chance and not tree.perfect_information:
            from ..equilibria.pbe import perfect_bayesian

            with limits.stage("finding the perfect Bayesian equilibria"):
                pbe = perfect_bayesian(tree)
    notes = tuple(dict.fromkeys(tuple(spe.notes) + tuple(f"reduced normal form: {n}" for n in notes)))
    if pbe is not None:
        notes += tuple(f"perfect Bayesian equilibria: {n}" for n in pbe.notes)
    return TreeReport(tree=tree, spe=spe, non_credible=threats, nash_complete=nash.complete, notes=notes, pbe=pbe)


def _marked(tree, spe) -> tuple[dict, str]:
    """The moves of the SPE to draw thick, and a note saying which SPE it is."""
    if spe is None or not spe.equilibria:
        return {}, ""
    chosen = spe.equilibria[0]
    note = "thick: the moves of the first subgame-perfect equilibrium listed"
    defaults = tree.defaults()
    if not tree.is_numeric and defaults:
        import sympy

        values = {sympy.Symbol(k, real=True): v for k, v in defaults.items()}
        for e in spe.equilibria:
            try:
                holds = all(bool(c.xreplace(values)) for c in e.conditions)
            except TypeError:
                holds = False
            if holds:
                chosen = e
                shown = ", ".join(f"{k} = {v}" for k, v in defaults.items())
                note = f"thick: the moves of the subgame-perfect equilibrium at the default values {shown}"
                break
    marked = {info: next(m for m, p in moves if p == 1) for info, moves in chosen.behaviour
              if any(p == 1 for _, p in moves)}
    return marked, note


def tree_latex(tree, *, spe=None, mark: str = "spe", standalone: bool = False, timeout: float | None = None) -> str:
    """The tree with istgame; ``mark="spe"`` draws one subgame-perfect equilibrium's moves thick."""
    from ..errors import UsageError
    from ..export.istgame import istgame

    if mark == "equilibria":
        mark = "spe"
    if mark not in ("spe", "none"):
        raise UsageError(f"a game tree marks the moves of a subgame-perfect equilibrium (spe) or nothing (none), "
                         f"not {mark}; for the reduced normal form's table use --normal-form")
    if mark == "spe" and spe is None:
        from .. import limits
        from ..equilibria.spe import subgame_perfect

        with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
            spe = subgame_perfect(tree)
    marked, note = _marked(tree, spe) if mark == "spe" else ({}, "")
    return istgame(tree, marked=marked, standalone=standalone, note=note)
