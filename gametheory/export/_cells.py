"""What a publication payoff table shows, independent of the language it is written in.

Conventions
-----------
* A :class:`Layout` is built once by :func:`build_layout` and written out by the LaTeX
  (:mod:`gametheory.export.latex`) and Markdown (:mod:`gametheory.export.markdown`) renderers.
* Player 0 chooses the row and player 1 the column. With more players there is one
  :class:`Panel` per profile of players ``2 .. n-1``; panels that differ only in the last
  player's strategy stand side by side on one line, as in Osborne's ``sgame`` manual
  (Osborne 2004, *An Introduction to Game Theory*, section 2.9 figures).
* A cell lists every player's payoff in player order. ``Cell.best[i]`` is ``True`` when player
  ``i``'s payoff is a (weak) best response to the others' strategies of that cell. For symbolic
  payoffs this is *proved* by :func:`gametheory.conditions.decide` under the game's assumptions;
  a comparison that depends on the parameters is not marked, and the layout says how many were
  left unmarked. ``Cell.equilibrium`` is ``True`` for the cell of a pure Nash equilibrium.
* A Bayesian game gets one panel (or line of panels) per type profile, with the complete-
  information payoffs of that type profile; best responses are those of that table, and a pure
  Bayesian equilibrium marks, in each table, the cell its plans reach for those types.
* An N-person game written by counts gets one panel whose rows are a player's own strategy and
  whose columns are how many of the *other* players choose each strategy; with a symbolic
  number of players (or too many columns) the panel shows the payoff formulas instead.
* Notes (:data:`Text`) are sequences of plain strings and :class:`Math` items, so that each
  renderer can escape text and print mathematics in its own way. Equilibrium conditions are
  put in canonical form with :func:`gametheory.conditions.canonical`.

Expressions are printed by :func:`latex_expr` (sympy's LaTeX printer) and :func:`text_expr`
(sympy's string printer), both with two presentational changes that never change a value: a
sum is written with a positive term first (``V - C``, not ``-C + V``), and a sum with a
fractional rational content is written over its denominator (``\\frac{V - C}{2}``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from .. import conditions
from ..errors import AnalysisError, UsageError
from ..games import BayesianGame, Game

__all__ = [
    "MARKS",
    "Math",
    "Cell",
    "Panel",
    "Layout",
    "build_layout",
    "latex_expr",
    "text_expr",
    "latex_escape",
    "markdown_escape",
    "legend",
    "profile_text",
    "bayesian_profile_text",
]

#: The accepted values of ``mark``.
MARKS = ("equilibria", "best-responses", "none")

#: Count-form tables with more columns than this show the payoff formulas instead.
MAX_COUNT_COLUMNS = 12


# -- expressions -------------------------------------------------------------------------------

class _PositiveFirst:
    """Printer mixin: write a sum with its first positive term in front (``V - C``)."""

    def _as_ordered_terms(self, expr, order=None):
        terms = list(super()._as_ordered_terms(expr, order=order))
        if terms and terms[0].could_extract_minus_sign():
            for k, term in enumerate(terms):
                if not term.could_extract_minus_sign():
                    terms.insert(0, terms.pop(k))
                    break
        return terms


class _Latex(_PositiveFirst, LatexPrinter):
    pass


class _Text(_PositiveFirst, StrPrinter):
    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr):
        return "abs(" + self._print(expr.args[0]) + ")"

    def _print_Relational(self, expr):
        op = {"==": "==", "!=": "!="}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"


def _present(expr):
    """The same value, arranged for reading: a sum with fractional content over its denominator."""
    expr = sympy.sympify(expr)
    if isinstance(expr, sympy.Add):
        content, primitive = expr.as_content_primitive()
        if content.is_Rational and content.q != 1 and primitive.is_Add:
            if all(term.could_extract_minus_sign() for term in primitive.args):
                return sympy.Mul(-content, -primitive, evaluate=False)
            return sympy.Mul(content, primitive, evaluate=False)
    return expr


def _relation(value):
    if isinstance(value, sympy.core.relational.Relational):
        return conditions.canonical(value)
    return value


def latex_expr(expr) -> str:
    """LaTeX for an exact expression or relation (sympy's printer, ``\\frac{V - C}{2}``)."""
    return _Latex().doprint(_present(_relation(expr)))


def text_expr(expr) -> str:
    """Plain text for an exact expression or relation (``(V - C)/2``, ``min(a, b)``)."""
    return _Text().doprint(_present(_relation(expr)))


# -- escaping ----------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def latex_escape(text: str) -> str:
    """Text for LaTeX's text mode: the ten special characters and ``< > |`` escaped, each run of
    white space (newlines too) turned into one space, so that a name never breaks a table row."""
    text = _WHITESPACE.sub(" ", str(text))
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text)


_MARKDOWN_SPECIAL = set("\\`*|<>[]~$#")


def markdown_escape(text: str) -> str:
    """Text for a GitHub-flavoured Markdown table cell or paragraph.

    Backslash-escapes the characters that start emphasis, code, links, HTML, math or a table
    column (``\\ ` * | < > [ ] ~ $ #``), and ``_`` unless it stands between two letters or digits
    (where GitHub never reads it as emphasis, so ``n_Ally`` stays readable). Each run of white
    space becomes one space.
    """
    text = _WHITESPACE.sub(" ", str(text))
    out = []
    for k, c in enumerate(text):
        if c in _MARKDOWN_SPECIAL:
            out.append("\\" + c)
        elif c == "_":
            before = text[k - 1] if k else ""
            after = text[k + 1] if k + 1 < len(text) else ""
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        else:
            out.append(c)
    return "".join(out)


# -- the layout --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Math:
    """A piece of mathematics in a note: an exact expression or a relation."""

    value: sympy.Basic


#: A note or caption fragment: plain strings and :class:`Math` items, in reading order.
Text = tuple


@dataclass(frozen=True)
class Cell:
    """One cell: every player's payoff, which of them are best responses, whether the cell is a
    pure equilibrium, and whether it is one only under conditions (``conditional``)."""

    payoffs: tuple
    best: tuple
    equilibrium: bool = False
    conditional: bool = False


@dataclass(frozen=True)
class Panel:
    """One payoff grid: ``cells[r][c]`` for row strategy ``rows[r]`` and column ``columns[c]``.

    ``row_header`` names the row player, ``column_header`` the column player (or what the
    columns count); ``label`` (a :data:`Text`) says which strategies of the other players, or
    which types, the panel belongs to.
    """

    row_header: str
    column_header: str
    rows: tuple
    columns: tuple
    cells: tuple
    label: Text = ()


@dataclass(frozen=True)
class Layout:
    """Everything a payoff table shows.

    ``lines`` holds the panels, one tuple per line of side-by-side panels. ``payoff_order`` names
    whose payoffs a cell lists, in order. ``caption`` is extra caption text (the priors of a
    Bayesian game). ``best_marks`` / ``equilibrium_marks`` say whether any best response or
    equilibrium cell is marked; ``undecided`` counts the best-response comparisons that depend on
    the parameters (left unmarked). ``notes`` are the notes under the table.
    """

    title: str
    kind: str
    payoff_order: tuple
    lines: tuple
    caption: Text = ()
    mark: str = "none"
    best_marks: bool = False
    equilibrium_marks: bool = False
    undecided: int = 0
    notes: tuple = ()

    @property
    def panels(self) -> tuple:
        return tuple(p for line in self.lines for p in line)

    @property
    def firm_marks(self) -> bool:
        """Some cell is a pure equilibrium wherever the assumptions hold."""
        return any(c.equilibrium and not c.conditional for p in self.panels for row in p.cells for c in row)

    @property
    def conditional_marks(self) -> bool:
        """Some cell is a pure equilibrium only under conditions (marked differently)."""
        return any(c.equilibrium and c.conditional for p in self.panels for row in p.cells for c in row)


def _check_mark(mark: str) -> None:
    if mark not in MARKS:
        raise UsageError(f"unknown mark {mark!r}; expected one of: {', '.join(MARKS)}")


def _join_relations(conds) -> Text:
    out: list = []
    for k, c in enumerate(conds):
        if k:
            out.append(" and ")
        out.append(Math(_relation(c)))
    return tuple(out)


def _at_least(a, b, assumptions) -> bool | None:
    """Whether ``a >= b`` wherever the assumptions hold: True, False, or None (it depends)."""
    difference = sympy.sympify(a - b)
    if difference.is_Rational:
        return bool(difference >= 0)
    return conditions.decide(sympy.Ge(a, b), tuple(assumptions)).value


class _BestResponses:
    """Best-response flags of one payoff array set, computed lazily and counted."""

    def __init__(self, arrays, shape, assumptions):
        self.arrays = arrays
        self.shape = shape
        self.assumptions = tuple(assumptions)
        self.undecided = 0

    def flags(self, profile) -> tuple:
        out = []
        for i, arr in enumerate(self.arrays):
            value = arr[profile]
            best = True
            for k in range(self.shape[i]):
                if k == profile[i]:
                    continue
                other = arr[profile[:i] + (k,) + profile[i + 1:]]
                verdict = _at_least(value, other, self.assumptions)
                if verdict is None:
                    self.undecided += 1
                    best = False
                    break
                if verdict is False:
                    best = False
                    break
            out.append(best)
        return tuple(out)


def _solve(game, given):
    """The equilibria to mark: ``given``, or those of :func:`gametheory.equilibria.equilibria`.

    Returns ``(equilibrium set or None, notes)``; an analysis that cannot finish leaves the
    table unmarked with a note saying why.
    """
    if given is not None:
        return given, ()
    try:
        from ..equilibria import equilibria
    except ImportError:  # pragma: no cover - the solver is part of the package
        return None, (("Equilibria are not marked: the solver is not available.",),)
    try:
        return equilibria(game), ()
    except AnalysisError as error:
        return None, ((f"Equilibria are not marked: {error}",),)


def _support_text(names, probabilities) -> Text:
    out: list = []
    support = [(n, p) for n, p in zip(names, probabilities) if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return (support[0][0],)
    for k, (name, p) in enumerate(support):
        if k:
            out.append(", ")
        out.extend([f"{name} ", Math(p)])
    return tuple(out)


def _completeness_notes(eqset) -> list:
    notes = []
    if eqset is not None and not eqset.complete:
        why = "; ".join(eqset.notes) if eqset.notes else f"{eqset.method} does not guarantee it"
        notes.append((f"Not every equilibrium may be listed: {why}.",))
    return notes


def _assumption_notes(game) -> list:
    assumptions = tuple(game.assumptions)
    count = getattr(game, "count", None)
    if count is not None and not isinstance(count.count, int):
        assumptions = tuple(count.n_assumptions) + assumptions  # the by-count formulas hold for every N
    if not assumptions or not game.free_symbols:
        return []
    text: list = ["Assumptions: "]
    for k, a in enumerate(assumptions):
        if k:
            text.append(", ")
        text.append(Math(_relation(a)))
    text.append(".")
    return [tuple(text)]


def _unique(notes) -> tuple:
    out = []
    for note in notes:
        if note not in out:
            out.append(note)
    return tuple(out)


def _payoffs_text(values) -> Text:
    out: list = ["; payoffs "]
    for k, v in enumerate(values):
        if k:
            out.append(", ")
        out.append(Math(v))
    return tuple(out)


def bayesian_profile_text(bayes: BayesianGame, profile) -> Text:
    """A profile of the Harsanyi normal form told per type: ``State: Firm; Adversary
    (status_quo): Conciliate 1/2, Firm 1/2; ...`` (each type's marginal over actions)."""
    text: list = []
    for i, player in enumerate(bayes.players):
        if i:
            text.append("; ")
        per_type = bayes.behaviour(i, profile.probabilities[i])
        for t, type_name in enumerate([name for name, _ in bayes.types[i]] or [None]):
            if t:
                text.append("; ")
            text.append(f"{player}: " if type_name is None else f"{player} ({type_name}): ")
            text.extend(_support_text(bayes.actions[i], list(per_type[t])))
    return tuple(text)


def profile_text(game: Game, profile) -> Text:
    """A profile for a note: ``(Defect, Defect)`` when pure, else each player's mixture;
    a profile of a Harsanyi normal form is told per type."""
    if game.bayesian is not None:
        return bayesian_profile_text(game.bayesian, profile)
    if profile.is_pure:
        return ("(" + ", ".join(game.strategies[i][k] for i, k in enumerate(profile.pure_indices)) + ")",)
    text: list = []
    for i, player in enumerate(game.players):
        if i:
            text.append("; ")
        text.append(f"{player}: ")
        text.extend(_support_text(game.strategies[i], profile.probabilities[i]))
    return tuple(text)


# -- normal-form games -------------------------------------------------------------------------

def _panel_label(game: Game, tail) -> Text:
    parts = []
    for j, t in enumerate(tail):
        player = 2 + j
        parts.append(f"{game.players[player]} plays {game.strategies[player][t]}")
    return (", ".join(parts),) if parts else ()


def _normal_lines(game: Game, arrays, best: _BestResponses | None, eq_cells, label_prefix: Text = (),
                  firm_cells=None):
    """Lines of panels for one set of payoff arrays with the game's players and strategies.
    ``firm_cells`` are the equilibrium cells that need no conditions (``None``: all of them)."""
    shape = game.shape
    tails = list(itertools.product(*(range(k) for k in shape[2:])))
    lines: list = []
    for _, group in itertools.groupby(tails, key=lambda tail: tail[:-1]):
        line = []
        for tail in group:
            rows = []
            for r in range(shape[0]):
                row = []
                for c in range(shape[1]):
                    profile = (r, c) + tail
                    payoffs = tuple(arr[profile] for arr in arrays)
                    flags = best.flags(profile) if best is not None else (False,) * len(arrays)
                    conditional = firm_cells is not None and profile in eq_cells and profile not in firm_cells
                    row.append(Cell(payoffs, flags, profile in eq_cells, conditional))
                rows.append(tuple(row))
            label = _panel_label(game, tail)
            if label_prefix:
                label = tuple(label_prefix) + (("; ",) + label if label else ())
            line.append(Panel(game.players[0], game.players[1], game.strategies[0], game.strategies[1],
                              tuple(rows), label))
        lines.append(line)
    return [tuple(line) for line in lines]


def _normal_layout(game: Game, mark: str, given) -> Layout:
    eq_cells: set = set()
    firm_cells: set = set()
    notes: list = _assumption_notes(game)
    eqset = None
    if mark == "equilibria":
        eqset, extra = _solve(game, given)
        notes.extend(extra)
        for eq in (eqset or ()):
            if eq.is_pure:
                profile = eq.profile.pure_indices
                eq_cells.add(profile)
                if not eq.conditions:
                    firm_cells.add(profile)
                if eq.conditions:
                    names = ", ".join(game.strategies[i][k] for i, k in enumerate(profile))
                    notes.append((f"({names}) is an equilibrium only when ",) + _join_relations(eq.conditions) + (".",))
        for eq in (eqset or ()):
            if eq.is_pure:
                continue
            text: list = ["Mixed equilibrium" + (" when " if eq.conditions else ": ")]
            if eq.conditions:
                text.extend(_join_relations(eq.conditions))
                text.append(": ")
            text.extend(profile_text(game, eq.profile))
            text.extend(_payoffs_text(eq.payoffs))
            text.append(".")
            notes.append(tuple(text))
        notes.extend(_completeness_notes(eqset))
    best = _BestResponses(game.payoffs, game.shape, game.assumptions) if mark == "best-responses" else None
    lines = _normal_lines(game, game.payoffs, best, eq_cells, firm_cells=firm_cells)
    return Layout(
        title=game.title,
        kind="normal",
        payoff_order=game.players,
        lines=tuple(lines),
        mark=mark,
        best_marks=best is not None and any(any(c.best) for p in _panels(lines) for row in p.cells for c in row),
        equilibrium_marks=bool(eq_cells),
        undecided=best.undecided if best is not None else 0,
        notes=_unique(notes),
    )


def _panels(lines):
    return [p for line in lines for p in line]


# -- Bayesian games ----------------------------------------------------------------------------

def _type_words(bayes: BayesianGame, key) -> str:
    return ", ".join(f"{bayes.players[i]}: {bayes.types[i][t][0]}" for i, t in zip(bayes.typed_players, key))


def _plan_text(bayes: BayesianGame, player: int, plan) -> Text:
    if not bayes.types[player]:
        return (bayes.actions[player][plan[0]],)
    parts = [f"{bayes.actions[player][a]} if {bayes.types[player][t][0]}" for t, a in enumerate(plan)]
    return (", ".join(parts),)


def _bayesian_layout(bayes: BayesianGame, mark: str, given) -> Layout:
    notes: list = _assumption_notes(bayes)
    eq_cells: dict = {key: set() for key in bayes.type_profiles()}
    firm_cells: dict = {key: set() for key in bayes.type_profiles()}
    plans = [bayes.plans(i) for i in range(bayes.n_players)]
    typed = bayes.typed_players
    if mark == "equilibria":
        eqset, extra = _solve(bayes.harsanyi(), given)
        notes.extend(extra)
        for eq in (eqset or ()):
            if not eq.is_pure:
                continue
            chosen = [plans[i][k] for i, k in enumerate(eq.profile.pure_indices)]
            for key in eq_cells:
                type_of = dict(zip(typed, key))
                cell = tuple(chosen[i][type_of[i]] if i in type_of else chosen[i][0] for i in range(bayes.n_players))
                eq_cells[key].add(cell)
                if not eq.conditions:
                    firm_cells[key].add(cell)
            text: list = ["Pure Bayesian equilibrium: "]
            for i, player in enumerate(bayes.players):
                if i:
                    text.append("; ")
                text.append(f"{player}: ")
                text.extend(_plan_text(bayes, i, chosen[i]))
            if eq.conditions:
                text.append(", when ")
                text.extend(_join_relations(eq.conditions))
            text.append(".")
            notes.append(tuple(text))
        for eq in (eqset or ()):
            if eq.is_pure:
                continue
            text = ["Mixed Bayesian equilibrium" + (" when " if eq.conditions else ": ")]
            if eq.conditions:
                text.extend(_join_relations(eq.conditions))
                text.append(": ")
            text.extend(bayesian_profile_text(bayes, eq.profile))
            text.append(".")
            notes.append(tuple(text))
        notes.extend(_completeness_notes(eqset))
    lines: list = []
    undecided = 0
    any_best = False
    previous: tuple = ()
    for key in bayes.type_profiles():
        game = bayes.conditional_game(key)
        best = _BestResponses(game.payoffs, game.shape, bayes.assumptions) if mark == "best-responses" else None
        label = (f"{_type_words(bayes, key)} (", Math(bayes.prior(key)), ")")
        these = _normal_lines(game, game.payoffs, best, eq_cells[key], label_prefix=label,
                              firm_cells=firm_cells[key])
        if bayes.n_players == 2 and lines and key[:-1] == previous[:-1]:
            lines[-1] = lines[-1] + these[0]
        else:
            lines.extend(these)
        previous = key
        if best is not None:
            undecided += best.undecided
            any_best = any_best or any(any(c.best) for p in _panels(these) for row in p.cells for c in row)
    caption: list = []
    for n, i in enumerate(typed):
        caption.append(". " if n == 0 else "; ")
        caption.append(f"{bayes.players[i]}'s type is ")
        for t, (type_name, prior) in enumerate(bayes.types[i]):
            if t:
                caption.append(" or " if t == len(bayes.types[i]) - 1 else ", ")
            caption.extend([f"{type_name} with probability ", Math(prior)])
    if caption:
        caption.append(".")
    return Layout(
        title=bayes.title,
        kind="bayesian",
        payoff_order=bayes.players,
        lines=tuple(lines),
        caption=tuple(caption),
        mark=mark,
        best_marks=any_best,
        equilibrium_marks=any(eq_cells.values()),
        undecided=undecided,
        notes=_unique(notes),
    )


# -- games written by counts -------------------------------------------------------------------

def _count_vectors(total: int, k: int):
    """Every way ``total`` others split among ``k`` strategies, in lexicographic order."""
    return [v for v in itertools.product(range(total + 1), repeat=k) if sum(v) == total]


def _count_equilibria(game: Game, given) -> tuple[set, list, set]:
    """Equilibrium count vectors of a game written by counts, the notes that list them, and the
    count vectors that are equilibria without conditions."""
    form = game.count
    strategies = form.strategies
    name = form.name
    k = len(strategies)
    eqset, notes = _solve(game, given)
    notes = list(notes)
    eq_counts: set = set()
    firm_counts: set = set()
    other_mixed = 0
    for eq in (eqset or ()):
        if eq.is_pure:
            counts = tuple(sum(1 for s in eq.profile.pure_indices if s == j) for j in range(k))
            if not eq.conditions:
                firm_counts.add(counts)
            if counts in eq_counts:
                continue
            eq_counts.add(counts)
            words = ", ".join(f"{c} {name}{'' if c == 1 else 's'} choose{'s' if c == 1 else ''} {strategies[j]}"
                              for j, c in enumerate(counts) if c)
            text: list = [f"Pure equilibrium: {words}"]
            if eq.conditions:
                text.append(", when ")
                text.extend(_join_relations(eq.conditions))
            text.append(".")
            notes.append(tuple(text))
        elif len(set(eq.profile.probabilities)) == 1:
            text = ["Symmetric mixed equilibrium" + (" when " if eq.conditions else ": ")]
            if eq.conditions:
                text.extend(_join_relations(eq.conditions))
                text.append(": ")
            text.append(f"every {name} plays ")
            text.extend(_support_text(strategies, eq.profile.probabilities[0]))
            text.extend(_payoffs_text(eq.payoffs[:1]))
            text.append(" each.")
            notes.append(tuple(text))
        else:
            other_mixed += 1
    if other_mixed:
        notes.append((f"{other_mixed} asymmetric mixed equilibri{'um is' if other_mixed == 1 else 'a are'} "
                      "not listed.",))
    return eq_counts, notes + _completeness_notes(eqset), firm_counts


def _count_layout(game: Game, mark: str, given) -> Layout:
    form = game.count
    strategies = form.strategies
    k = len(strategies)
    name = form.name
    numeric_count = isinstance(form.count, int)
    columns = _count_vectors(form.count - 1, k) if numeric_count else []
    notes: list = _assumption_notes(game)
    if not numeric_count or len(columns) > MAX_COUNT_COLUMNS:
        rows = tuple((Cell((p,), (False,)),) for p in form.payoffs)
        text: list = []
        for j, sym in enumerate(form.count_symbols):
            text.extend([Math(sym), f" is the number of other {name}s choosing {strategies[j]}; "])
        text.extend([Math(form.n_symbol), f" is the number of {name}s."])
        notes.append(tuple(text))
        if mark == "equilibria":
            n = len(game.players)
            _, more, _ = _count_equilibria(game, given)
            if more:
                notes.append((f"Equilibria with {n} {name}s (the default number):",))
            notes.extend(more)
        panel = Panel(name, "", strategies, ("Payoff",), rows)
        return Layout(title=game.title, kind="count-formula", payoff_order=(f"a {name}",),
                      lines=((panel,),), mark=mark, notes=_unique(notes))
    n = form.count
    eq_counts: set = set()
    firm_counts: set = set()
    if mark == "equilibria":
        eq_counts, more, firm_counts = _count_equilibria(game, given)
        notes.extend(more)
    cells = []
    undecided = 0
    any_best = False
    for s in range(k):
        row = []
        for others in columns:
            value = form.payoff(s, others, n)
            best = False
            if mark == "best-responses":
                best = True
                for t in range(k):
                    if t == s:
                        continue
                    verdict = _at_least(value, form.payoff(t, others, n), game.assumptions)
                    if verdict is None:
                        undecided += 1
                    if verdict is not True:
                        best = False
                        break
                any_best = any_best or best
            mine = tuple(c + (1 if j == s else 0) for j, c in enumerate(others))
            row.append(Cell((value,), (best,), mine in eq_counts, mine in eq_counts and mine not in firm_counts))
        cells.append(tuple(row))
    if k == 2:
        header = f"Other {name}s choosing {strategies[0]}"
        labels = tuple(str(v[0]) for v in columns)
    else:
        header = f"Other {name}s choosing {', '.join(strategies)}"
        labels = tuple(", ".join(map(str, v)) for v in columns)
    panel = Panel(name, header, strategies, labels, tuple(cells))
    return Layout(
        title=game.title,
        kind="count",
        payoff_order=(f"a {name}",),
        lines=((panel,),),
        mark=mark,
        best_marks=any_best,
        equilibrium_marks=bool(eq_counts),
        undecided=undecided,
        notes=_unique(notes),
    )


# -- entry point -------------------------------------------------------------------------------

def build_layout(game, *, mark: str = "equilibria", equilibria=None) -> Layout:
    """What the payoff table of ``game`` shows, with the requested marks.

    Parameters
    ----------
    game : Game or BayesianGame
    mark : {"equilibria", "best-responses", "none"}
        ``"equilibria"`` marks the cells of pure equilibria and lists mixed ones (and any
        conditions) in the notes; ``"best-responses"`` marks each payoff that is a best response.
    equilibria : EquilibriumSet, optional
        The equilibria to mark; computed with :func:`gametheory.equilibria.equilibria` when omitted
        (on the Harsanyi normal form for a Bayesian game, whose plans it must index).

    Returns
    -------
    Layout
    """
    _check_mark(mark)
    if isinstance(game, BayesianGame):
        return _bayesian_layout(game, mark, equilibria)
    if not isinstance(game, Game):
        raise UsageError(f"expected a Game or BayesianGame, got {type(game).__name__}")
    if game.count is not None:
        return _count_layout(game, mark, equilibria)
    return _normal_layout(game, mark, equilibria)


def legend(layout: Layout, *, best_words: str, equilibrium_words: str,
           conditional_words: str) -> str:
    """The sentences that say how to read the table: whose payoffs, and what the marks mean
    (``conditional_words``: how the cells of equilibria that need conditions are marked)."""
    order = ", ".join(layout.payoff_order)
    if layout.kind in ("count", "count-formula"):
        sentences = [f"Each cell is the payoff of {layout.payoff_order[0]} choosing the row's strategy."]
    else:
        sentences = [f"Payoffs are listed as ({order})."]
    if layout.best_marks:
        sentences.append(f"Best responses are {best_words}.")
    if layout.undecided:
        sentences.append("Best responses that depend on the parameters are not marked.")
    if layout.equilibrium_marks:
        which = "a pure Bayesian equilibrium" if layout.kind == "bayesian" else "a pure Nash equilibrium"
        if layout.firm_marks:
            if layout.kind == "bayesian":
                sentences.append(f"Cells reached by a pure Bayesian equilibrium are {equilibrium_words}.")
            else:
                sentences.append(f"Cells of pure Nash equilibria are {equilibrium_words}.")
        if layout.conditional_marks:
            reached = "reached by" if layout.kind == "bayesian" else "of"
            sentences.append(f"Cells {reached} {which} only under the conditions given below are "
                             f"{conditional_words}.")
    return " ".join(sentences)
