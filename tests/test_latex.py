"""LaTeX payoff tables: content, marks, escaping, golden files, and real compilation with pdflatex.

Compilation tests are marked ``latex``: without pdflatex (or sgame.sty) they skip with that
reason, except under ``CI=true``, where a missing pdflatex is a failure (``.ci/run`` installs
TeX from Debian's packages).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy

from gametheory.errors import UsageError
from gametheory.expr import symbol
from gametheory.export._cells import latex_escape, latex_expr
from gametheory.export.latex import latex_table
from gametheory.games import BayesianGame, Game, Profile, from_spec
from gametheory.equilibria.result import Equilibrium, EquilibriumSet
from gametheory.spec import load_spec
from gametheory.spec.model import CountSpec, ParameterSpec, Spec

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SPECS = sorted(p.stem for p in (ROOT / "specs").glob("*.yaml")  # payoff tables: normal-form specs only
               if load_spec(p.read_bytes(), name=p.name).kind == "normal")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
STYLES = ("tabular", "sgame")

V, C, MU = symbol("V"), symbol("C"), symbol("mu")


# -- games built by hand ----------------------------------------------------------------------

def prisoners_dilemma() -> Game:
    return Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=("Row", "Column"),
                            strategies=(("Cooperate", "Defect"),) * 2, title="Prisoner's Dilemma")


def hawk_dove(assumptions=(sympy.Gt(C, V), sympy.Gt(V, 0))) -> Game:
    return Game.from_arrays([[[V / 2, 0], [V, (V - C) / 2]], [[V / 2, V], [0, (V - C) / 2]]],
                            players=("Row", "Column"), strategies=(("Dove", "Hawk"),) * 2,
                            title="Hawk-Dove", assumptions=assumptions)


def pennies() -> Game:
    return Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=("Row", "Column"),
                            strategies=(("Heads", "Tails"),) * 2, title="Matching Pennies")


def three_players() -> Game:
    # player 3's payoff 1 only at (s2, s2, s2): the unique pure equilibrium is (s2, s2, s2)
    a = [[[0, 0], [0, 0]], [[0, 0], [0, 1]]]
    return Game.from_arrays([a, a, a], players=("A", "B", "C"), title="Coordination of three")


def adversary() -> BayesianGame:
    quo = Game.from_arrays([[[4, 1], [3, 2]], [[4, 3], [1, 2]]]).payoffs
    expansionist = Game.from_arrays([[[4, 1], [3, 2]], [[3, 4], [2, 1]]]).payoffs
    return BayesianGame(title="Adversary game", players=("State", "Adversary"),
                        actions=(("Conciliate", "Firm"),) * 2,
                        types=((), (("status_quo", 1 - MU), ("expansionist", MU))),
                        tables=(((0,), quo), ((1,), expansionist)),
                        assumptions=(sympy.Gt(MU, 0), sympy.Lt(MU, 1)))


def alliance(count=3) -> Game:
    """Snyder's primary alliance dilemma written by counts (our test formalization)."""
    b, c = symbol("b"), symbol("c")
    n_ally, n_abstain, n = symbol("n_Ally"), symbol("n_Abstain"), symbol("N")
    spec = Spec(file="", title="Alliance", players=(), strategies=(("Ally", "Abstain"),),
                parameters=(ParameterSpec("b", sympy.Integer(3)), ParameterSpec("c", sympy.Integer(2))),
                count=CountSpec(count=count, name="State", payoffs=(b * (n_ally + 1) / n - c, b * n_ally / n),
                                count_symbols=(n_ally, n_abstain), n_symbol=n))
    return from_spec(spec)


def numeric_alliance() -> Game:
    return alliance().subs({"b": 3, "c": 2})


def body_rows(text: str) -> list[str]:
    """The data rows of every table in the text (after \\midrule), white space runs as one space."""
    rows, inside = [], False
    for line in text.splitlines():
        s = line.strip()
        if s == r"\midrule":
            inside = True
        elif s == r"\bottomrule":
            inside = False
        elif inside:
            rows.append(" ".join(s.split()))
    return rows


# -- expressions and escaping -----------------------------------------------------------------

def test_symbolic_payoffs_use_sympy_latex_with_the_positive_term_first():
    assert latex_expr((V - C) / 2) == r"\frac{V - C}{2}"
    assert latex_expr(V / C) == r"\frac{V}{C}"
    assert latex_expr(1 - V / C) == r"1 - \frac{V}{C}"
    assert latex_expr(symbol("B") - symbol("E") - symbol("A")) == "B - A - E"
    assert latex_expr(symbol("mu")) == r"\mu"
    assert latex_expr(sympy.Rational(-3, 4)) == r"- \frac{3}{4}"
    # presentation never changes the value
    assert latex_expr(-(V + C) / 2) == r"- \frac{C + V}{2}"


def test_special_characters_are_escaped():
    assert latex_escape("R&D_1 100% #1 $x$ {a} ~^\\ <|>") == (
        r"R\&D\_1 100\% \#1 \$x\$ \{a\} \textasciitilde{}\textasciicircum{}\textbackslash{} "
        r"\textless{}\textbar{}\textgreater{}"
    )
    assert latex_escape("two\nlines") == "two lines"


def test_names_and_title_are_escaped_in_the_table():
    game = Game.from_arrays([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], players=("R&D", "Firm_2"),
                            strategies=(("50%", "$"), ("#a", "b")), title="Costs & benefits")
    text = latex_table(game, mark="none")
    assert r"\caption{Costs \& benefits}" in text
    assert r"\textit{R\&D}" in text and r"\textit{Firm\_2}" in text
    assert r"50\%" in text and r"\#a" in text
    assert "Costs & benefits" in text.splitlines()[0]  # the comment line is not escaped


# -- structure --------------------------------------------------------------------------------

def test_tabular_two_players_layout_is_booktabs_with_player_headers():
    text = latex_table(prisoners_dilemma(), style="tabular", mark="none", label="tab:pd")
    lines = text.splitlines()
    assert lines[0] == "% Prisoner's Dilemma: payoff table written by gametheory (tabular style)."
    assert lines[1] == r"% Needs \usepackage{booktabs}."
    assert r"\begin{tabular}{@{}lcc@{}}" in text
    assert r"\caption{Prisoner's Dilemma}" in text and r"\label{tab:pd}" in text
    for rule in (r"\toprule", r"\midrule", r"\bottomrule", r"\cmidrule(l){2-3}"):
        assert rule in text
    assert r"& \multicolumn{2}{c}{\textit{Column}} \\" in text
    assert body_rows(text) == [r"Cooperate & $3, 3$ & $0, 5$ \\", r"Defect & $5, 0$ & $1, 1$ \\"]
    assert "Payoffs are listed as (Row, Column)." in text
    assert text.endswith("\\end{table}\n")


def test_source_columns_are_aligned():
    text = latex_table(hawk_dove(), mark="none")
    rows = [line for line in text.splitlines() if line.count("&") == 2]
    positions = {tuple(m.start() for m in re.finditer("&", line)) for line in rows}
    assert len(positions) == 1, rows


def test_sgame_two_players_follows_osbornes_game_environment():
    text = latex_table(prisoners_dilemma(), style="sgame", mark="none")
    assert r"% Needs \usepackage{sgame}." in text
    assert r"\begin{game}{2}{2}[{\textit{Row}}][{\textit{Column}}]" in text
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(r"\begin{game}{2}{2}[{\textit{Row}}][{\textit{Column}}]")
    assert lines[start + 1:start + 5] == [
        r"& Cooperate & Defect \\",
        r"Cooperate & $3, 3$    & $0, 5$ \\",
        r"Defect    & $5, 0$    & $1, 1$",
        r"\end{game}",
    ]


def test_output_is_deterministic():
    game = adversary()
    first = [latex_table(game, style=s) for s in STYLES]
    again = [latex_table(adversary(), style=s) for s in STYLES]
    assert first == again


def test_three_players_one_table_per_strategy_of_the_last_player_side_by_side():
    for style, gap in (("tabular", r"\qquad"), ("sgame", r"\hspace{2em}")):
        text = latex_table(three_players(), style=style, mark="none")
        assert text.count("C plays s1") == 1 and text.count("C plays s2") == 1
        assert text.count(gap) == 1  # two tables on one line
        assert r"\medskip" in text
        assert "Payoffs are listed as (A, B, C)." in text


def test_four_players_put_the_last_players_strategies_side_by_side_and_the_third_on_lines():
    a = [[[[0] * 2] * 2] * 2] * 2
    game = Game.from_arrays([a] * 4, title="Four")
    text = latex_table(game, mark="none")
    assert text.count(r"\begin{tabular}") == 4
    assert text.count(r"\qquad") == 2
    assert "Player 3 plays s1, Player 4 plays s2" in text


def test_bayesian_game_one_table_per_type_with_priors_in_the_caption():
    text = latex_table(adversary(), style="tabular", mark="none")
    assert (r"\caption{Adversary game. Adversary's type is status\_quo with probability $1 - \mu$ or "
            r"expansionist with probability $\mu$.}") in text
    assert r"Adversary: status\_quo ($1 - \mu$)" in text
    assert r"Adversary: expansionist ($\mu$)" in text
    assert text.count(r"\begin{tabular}") == 2


def test_count_game_tabulates_the_payoff_by_how_many_others_choose_each_strategy():
    text = latex_table(numeric_alliance(), mark="none")
    assert r"\multicolumn{3}{c}{\textit{Other States choosing Ally}}" in text
    # payoff of Ally with k others allying: 3(k + 1)/3 - 2 = k - 1; of Abstain: 3k/3 = k
    assert body_rows(text) == [r"Ally & $-1$ & $0$ & $1$ \\", r"Abstain & $0$ & $1$ & $2$ \\"]
    assert "Each cell is the payoff of a State choosing the row's strategy." in text


def test_count_game_with_a_symbolic_number_of_players_shows_the_formulas():
    game = alliance()
    form = game.count
    symbolic = Game(**{**game.__dict__, "count": type(form)(**{**form.__dict__, "count": symbol("N")})})
    text = latex_table(symbolic, mark="none")
    assert r"\frac{b \left(n_{Ally} + 1\right)}{N} - c" in text
    assert r"$n_{Ally}$ is the number of other States choosing Ally" in " ".join(text.split())


# -- marks ------------------------------------------------------------------------------------

def test_best_responses_are_underlined_in_tabular_and_starred_in_sgame():
    game = prisoners_dilemma()
    assert body_rows(latex_table(game, mark="best-responses")) == [
        r"Cooperate & $3, 3$ & $0, \underline{5}$ \\",
        r"Defect & $\underline{5}, 0$ & $\underline{1}, \underline{1}$ \\",
    ]
    text = latex_table(game, style="sgame", mark="best-responses")
    assert r"$5^{*}, 0$" in text and r"$1^{*}, 1^{*}$" in text and "Best responses are starred." in text


def test_symbolic_best_responses_are_marked_only_when_proved():
    text = latex_table(hawk_dove(), mark="best-responses")
    assert body_rows(text) == [
        r"Dove & $\frac{V}{2}, \frac{V}{2}$ & $\underline{0}, \underline{V}$ \\",
        r"Hawk & $\underline{V}, \underline{0}$ & $\frac{V - C}{2}, \frac{V - C}{2}$ \\",
    ]
    assert "depend on the parameters" not in text
    # without C > V, whether Hawk answers Hawk depends on the parameters: nothing marked there
    undecided = latex_table(hawk_dove((sympy.Gt(V, 0), sympy.Gt(C, 0))), mark="best-responses")
    assert r"\underline{\frac{V - C}{2}}" not in undecided
    assert r"$\underline{V}, 0$" in undecided  # V > V/2 is proved from V > 0
    assert "Best responses that depend on the parameters are not marked." in " ".join(undecided.split())


def test_pure_equilibrium_cells_are_shaded():
    text = latex_table(prisoners_dilemma())
    assert r"\usepackage{colortbl}" in text.splitlines()[1]
    assert body_rows(text)[1] == r"Defect & $5, 0$ & \cellcolor[gray]{0.88}$1, 1$ \\"
    assert r"\cellcolor" not in body_rows(text)[0]
    sgame = latex_table(prisoners_dilemma(), style="sgame")
    assert r"\colorbox[gray]{0.85}{$1, 1$}" in sgame
    assert "Cells of pure Nash equilibria are shaded." in sgame


def test_mixed_equilibria_are_listed_with_exact_probabilities():
    text = latex_table(pennies())
    assert r"\cellcolor" not in text
    note = " ".join(text.split())
    assert (r"Mixed equilibrium: Row: Heads $\frac{1}{2}$, Tails $\frac{1}{2}$; Column: Heads $\frac{1}{2}$, "
            r"Tails $\frac{1}{2}$; payoffs $0$, $0$.") in note
    hd = " ".join(latex_table(hawk_dove()).split())
    assert r"Hawk $\frac{V}{C}$" in hd and r"Dove $\frac{C - V}{C}$" in hd
    assert r"Assumptions: $V < C$, $0 < V$." in hd


def test_equilibria_with_conditions_are_marked_and_the_conditions_given():
    game = hawk_dove((sympy.Gt(V, 0), sympy.Gt(C, 0)))
    text = " ".join(latex_table(game).split())
    assert r"(Hawk, Hawk) is an equilibrium only when $C \leq V$." in text
    assert r"\cellcolor[gray]{0.88}$\frac{V - C}{2}, \frac{V - C}{2}$" in text


def test_given_equilibria_are_used_as_they_are():
    game = prisoners_dilemma()
    cooperate = Equilibrium(Profile.pure(game, (0, 0)), (sympy.Integer(3), sympy.Integer(3)),
                            conditions=(sympy.Gt(symbol("x"), 0),))
    given = EquilibriumSet(game=game, equilibria=(cooperate,), method="by hand", complete=False)
    text = " ".join(latex_table(game, equilibria=given).split())
    assert r"Cooperate & \cellcolor[gray]{0.88}$3, 3$" in text
    assert r"(Cooperate, Cooperate) is an equilibrium only when $0 < x$." in text
    assert "Not every equilibrium may be listed: by hand does not guarantee it." in text


def test_bayesian_equilibria_mark_the_cells_their_plans_reach():
    game = BayesianGame(**{**adversary().__dict__,
                           "types": ((), (("status_quo", sympy.Rational(3, 4)), ("expansionist", sympy.Rational(1, 4)))),
                           "assumptions": ()})
    text = latex_table(game)
    # (Conciliate; Conciliate if status quo, Firm if expansionist) and (Firm; Firm, Conciliate)
    assert body_rows(text) == [
        r"Conciliate & \cellcolor[gray]{0.88}$4, 4$ & $1, 3$ \\",
        r"Firm & $3, 1$ & \cellcolor[gray]{0.88}$2, 2$ \\",
        r"Conciliate & $4, 3$ & \cellcolor[gray]{0.88}$1, 4$ \\",
        r"Firm & \cellcolor[gray]{0.88}$3, 2$ & $2, 1$ \\",
    ]
    note = " ".join(text.split())
    assert r"Pure Bayesian equilibrium: State: Conciliate; Adversary: Conciliate if status\_quo, Firm if expansionist." in note


def test_count_game_marks_equilibrium_and_best_response_cells():
    game = numeric_alliance()
    text = latex_table(game)
    # Abstain (k) is dominant over Ally (k - 1): the equilibrium is that nobody allies
    assert body_rows(text)[1] == r"Abstain & \cellcolor[gray]{0.88}$0$ & $1$ & $2$ \\"
    assert "Pure equilibrium: 3 States choose Abstain." in " ".join(text.split())
    best = latex_table(game, mark="best-responses")
    assert body_rows(best) == [r"Ally & $-1$ & $0$ & $1$ \\",
                               r"Abstain & $\underline{0}$ & $\underline{1}$ & $\underline{2}$ \\"]


def test_caption_and_label_options():
    text = latex_table(prisoners_dilemma(), caption=r"The game $G$", label="tab:g")
    assert r"\caption{The game $G$}" in text and r"\label{tab:g}" in text


@pytest.mark.parametrize("kwargs", [{"style": "plain"}, {"mark": "all"}, {"label": "tab pd"}, {"label": "a{b}"}])
def test_bad_options_are_usage_errors(kwargs):
    with pytest.raises(UsageError):
        latex_table(prisoners_dilemma(), **kwargs)


def test_standalone_wraps_the_table_in_a_document():
    text = latex_table(prisoners_dilemma(), standalone=True)
    assert text.startswith("\\documentclass{article}\n")
    assert "\\usepackage{booktabs}\n\\usepackage{colortbl}\n" in text
    assert text.endswith("\\end{table}\n\n\\end{document}\n")
    assert "sgame" in latex_table(prisoners_dilemma(), style="sgame", standalone=True).split("\\begin{document}")[0]


# -- golden files of the bundled specs --------------------------------------------------------

#: Bundled specs whose equilibria take the solver long (tens of seconds): marked slow.
SLOW_SPECS = {"kydd-trust"}


def _spec_params():
    return [pytest.param(name, marks=pytest.mark.slow) if name in SLOW_SPECS else name for name in SPECS]


@functools.lru_cache(maxsize=None)
def _bundled(name: str):
    """A bundled spec's game and its equilibria, solved once per test session."""
    import gametheory
    from gametheory.games import BayesianGame as _Bayesian
    from gametheory.equilibria import equilibria

    game = gametheory.load(name)
    return game, equilibria(game.harsanyi() if isinstance(game, _Bayesian) else game)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", _spec_params())
def test_golden_latex_of_bundled_specs(name, style, golden):
    game, eqs = _bundled(name)
    golden(f"latex/{name}-{style}.tex", latex_table(game, style=style, equilibria=eqs, label=f"tab:{name}"))


def test_every_bundled_spec_has_its_golden_files():
    for name in SPECS:
        for style in STYLES:
            assert (GOLDEN / "latex" / f"{name}-{style}.tex").exists(), f"run pytest --update-golden for {name}"


# -- compilation ------------------------------------------------------------------------------

def _tex_available() -> str | None:
    """Why LaTeX tests cannot run here, or None when they can."""
    if shutil.which("pdflatex") is None:
        return "pdflatex is not installed (Debian: texlive-latex-base texlive-latex-recommended texlive-games)"
    if shutil.which("kpsewhich") is None or subprocess.run(["kpsewhich", "sgame.sty"], capture_output=True).returncode:
        return "sgame.sty is not installed (Debian: texlive-games)"
    return None


def merge_documents(documents: list[str]) -> str:
    """One document from several standalone ones: the union of their preambles, the bodies one
    per page."""
    preamble: list[str] = []
    bodies = []
    for doc in documents:
        head, rest = doc.split("\\begin{document}\n")
        for line in head.splitlines():
            if line not in preamble:
                preamble.append(line)
        bodies.append(rest.split("\\end{document}")[0])
    return "\n".join(preamble) + "\n\\begin{document}\n" + "\\clearpage\n".join(bodies) + "\\end{document}\n"


@pytest.fixture(scope="module")
def pdflatex(tmp_path_factory):
    """Compile a document with pdflatex and fail on any LaTeX error (skip when TeX is missing,
    fail in CI)."""
    reason = _tex_available()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI must install TeX: {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("latex")

    def compile_(name: str, source: str) -> Path:
        tex = folder / f"{name}.tex"
        tex.write_text(source, encoding="utf-8")
        result = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
            cwd=folder, capture_output=True, text=True, errors="replace", timeout=120,
        )
        log = result.stdout.splitlines()
        errors = [k for k, line in enumerate(log) if line.startswith("!")]
        if result.returncode != 0 or errors:
            first = errors[0] if errors else len(log)
            where = [line for line in log[:first] if line.startswith("gametheory-spec:")]
            pytest.fail(f"pdflatex failed on {name}" + (f" ({where[-1]})" if where else "") + ":\n"
                        + "\n".join(log[first:first + 8] if errors else log[-30:]))
        assert not [line for line in log if "undefined" in line.lower()], log
        return tex.with_suffix(".pdf")

    return compile_


HAND_BUILT = {
    "pd": prisoners_dilemma,
    "hawk-dove": hawk_dove,
    "pennies": pennies,
    "three": three_players,
    "adversary": adversary,
    "alliance": numeric_alliance,
    "alliance-formulas": lambda: Game(**{**alliance().__dict__, "count": type(alliance().count)(
        **{**alliance().count.__dict__, "count": symbol("N")})}),
}


@pytest.mark.latex
@pytest.mark.parametrize("mark", ("equilibria", "best-responses", "none"))
@pytest.mark.parametrize("style", STYLES)
def test_hand_built_tables_compile(pdflatex, style, mark):
    documents = [latex_table(build(), style=style, mark=mark, standalone=True) for build in HAND_BUILT.values()]
    assert pdflatex(f"hand-built-{style}-{mark}", merge_documents(documents)).exists()


@pytest.mark.latex
@pytest.mark.parametrize("style", STYLES)
def test_one_standalone_table_compiles_as_it_is(pdflatex, style):
    assert pdflatex(f"standalone-{style}", latex_table(hawk_dove(), style=style, standalone=True)).exists()


@pytest.mark.latex
def test_special_characters_compile(pdflatex):
    game = Game.from_arrays([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], players=("R&D #1", "Firm_2 {x}"),
                            strategies=(("50% ~ ^", "$ \\ <|>"), ("é ü", "a")), title="Costs & benefits: 100%")
    for style in STYLES:
        pdflatex(f"special-{style}", latex_table(game, style=style, mark="best-responses", standalone=True))


@pytest.mark.latex
@pytest.mark.parametrize("style", STYLES)
def test_bundled_specs_compile(pdflatex, style):
    """Every bundled spec's table in one document per style; a marker before each table names
    the spec in the failure message."""
    documents = []
    for name in SPECS:
        if name in SLOW_SPECS:
            continue
        game, eqs = _bundled(name)
        doc = latex_table(game, style=style, equilibria=eqs, standalone=True)
        documents.append(doc.replace("\\begin{table}", "\\typeout{gametheory-spec: " + name + "}\n\\begin{table}", 1))
    pdflatex(f"bundled-{style}", merge_documents(documents))


@pytest.mark.slow
@pytest.mark.latex
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", sorted(SLOW_SPECS))
def test_slow_bundled_specs_compile(pdflatex, name, style):
    game, eqs = _bundled(name)
    pdflatex(f"{name}-{style}", latex_table(game, style=style, equilibria=eqs, standalone=True))


# -- the solve report in LaTeX ----------------------------------------------------------------

def _report(name: str):
    from gametheory import report as api

    game, _ = _bundled(name)
    return api.solve(game)


def test_solve_report_lists_equilibria_dilemma_and_classification():
    from gametheory.export.latex import solve_latex

    text = solve_latex(_report("hawk-dove"))
    assert text.startswith("% Hawk-Dove: payoff table written by gametheory (tabular style).\n")
    assert r"\begin{enumerate}" in text
    assert r"\item mixed: Row: Dove $\frac{C - V}{C}$, Hawk $\frac{V}{C}$;" in text
    assert r"\noindent Dilemma: " in text and r"\noindent Classification: " in text


@pytest.mark.latex
def test_solve_reports_compile(pdflatex):
    from gametheory.export.latex import solve_latex

    preamble = "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{colortbl}\n\\begin{document}\n"
    body = "\\clearpage\n".join(solve_latex(_report(n)) for n in ("hawk-dove", "snyder-adversary-game",
                                                                    "snyder-alliance-game", "volunteers-dilemma"))
    pdflatex("solve-reports", preamble + body + "\\end{document}\n")
