"""The tree report (gametheory.tree/1 JSON, text, Markdown), istgame LaTeX compiled by pdflatex,
and Gambit .efg files: written, read back, and round-tripped through pygambit (test-only)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from gametheory.export.efg import to_efg
from gametheory.games.build import from_spec
from gametheory.report import load, solve
from gametheory.spec import bundled_names
from gametheory.spec.efg import load_efg

TREES = [name for name in bundled_names() if hasattr(load(name), "infosets")]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_the_bundled_trees():
    assert {"deterrence", "tripwire", "entrapment", "centipede", "chain-store",
            "snyder-adversary-sequential", "beer-quiche", "audience-costs"} <= set(TREES)


def test_deterrence_json_follows_trees_md():
    doc = solve(load("deterrence")).to_dict()
    assert doc["schema"] == "gametheory.tree/1"
    assert doc["instance"] == "symbolic" and doc["subgames"] == ["", "Challenge"]
    assert doc["game"]["nodes"][1] == {"id": "Challenge", "player": "Defender", "info": "Challenge",
                                       "moves": ["Resist", "Concede"]}
    assert doc["game"]["leaves"][1] == {"id": "Challenge/Resist", "outcome": "War",
                                        "payoffs": {"Challenger": "-cC + p", "Defender": "-cD - p + 1"}}
    concede = doc["spe"][2]
    assert concede == {
        "behaviour": {"": {"Challenge": "1"}, "Challenge": {"Concede": "1"}},
        "path": [{"node": "", "move": "Challenge", "probability": "1"},
                 {"node": "Challenge", "move": "Concede", "probability": "1"}],
        "outcome_probabilities": {"Challenge/Concede": "1"},
        "payoffs": {"Challenger": "1", "Defender": "0"},
        "conditions": ["1 <= cD + p"],
    }
    (threat,) = doc["non_credible"][0]["threats"]
    assert threat == {"info": "Challenge", "move": "Resist", "alternative": "Concede", "loss": "cD + p - 1",
                      "credible_when": ["cD + p <= 1"]}
    assert doc["solver"]["exact"] is True


@pytest.mark.parametrize("name,values,threshold", [
    ("tripwire", {"W": 3, "A": 1, "k": 1}, 2),
])
def test_tripwire_deters_from_the_threshold_upward(name, values, threshold):
    tree = load(name)
    for t, refrain in ((threshold - 1, False), (threshold + 1, True)):
        report = solve(tree.subs({**values, "t": t}))
        (spe,) = report.spe.equilibria
        assert spe.behaviour_map()[""]["Refrain"] == (1 if refrain else 0)


def test_snyder_sequential_firmness_pays_above_one_half():
    report = solve(load("snyder-adversary-sequential"))
    firm = [e for e in report.spe if e.behaviour_map()["State"]["Firm"] == 1]
    conciliate = [e for e in report.spe if e.behaviour_map()["State"]["Conciliate"] == 1]
    assert [str(c) for e in firm for c in e.conditions] == ["1 <= 2*mu"]
    assert [str(c) for e in conciliate for c in e.conditions] == ["2*mu <= 1"]


def test_centipede_unravels_and_chain_store_fight_is_not_credible():
    (spe,) = solve(load("centipede")).spe
    assert spe.path == (("", "Take", 1),)
    report = solve(load("chain-store"))
    (spe,) = report.spe
    assert [m for _, m, _ in spe.path] == ["In", "Cooperate"]
    (entry,) = report.non_credible
    assert [(t.info, t.move) for t in entry.threats] == [("In", "Fight")]
    assert entry.threats[0].credible_when is None  # never credible


def test_entrapment_firm_commitment_only_where_the_adversary_is_deterred():
    report = solve(load("entrapment"))
    roots = {e.behaviour_map()[""]["Firm"]: [str(c) for c in e.conditions] for e in report.spe}
    assert roots == {1: ["1 <= cE"], 0: ["cE <= 1"]}


def test_text_draws_the_tree():
    text = solve(load("deterrence")).text()
    assert "  `- Challenge: Defender\n     +- Resist: War (p - cC, 1 - cD - p)\n" in text


# -- .efg -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", TREES)
def test_efg_round_trip_through_pygambit(name):
    pygambit = pytest.importorskip("pygambit")
    tree = load(name)
    if not tree.is_numeric:
        tree = tree.numeric()
    text = to_efg(tree)
    assert from_spec(load_efg(text, f"{name}.efg")).nodes == tree.nodes
    game = pygambit.read_efg(io.StringIO(text))
    again = from_spec(load_efg(game.to_efg(), f"{name}.efg"))
    assert again.nodes == tree.nodes
    assert again.players == tree.players and again.title == tree.title


def test_convert_to_efg_needs_numbers_and_solve_reads_efg(tmp_path):
    result = run("convert", "deterrence", "--to", "efg")
    assert result.exit_code == 2 and "give values with --set NAME=VALUE, or use --numeric" in result.output
    out = tmp_path / "d.efg"
    assert run("convert", "deterrence", "--to", "efg", "--numeric", "-o", str(out)).exit_code == 0
    result = run("solve", str(out), "--format", "json")
    doc = json.loads(result.output)
    assert doc["schema"] == "gametheory.tree/1" and doc["instance"] == "numeric"
    assert run("convert", "prisoners-dilemma", "--to", "efg").exit_code == 2


def test_a_bad_efg_file_is_refused_at_its_line_and_column():
    text = 'EFG 2 R "x" { "A" "B" }\n""\n\np "" 1 1 "" { "L" "R" } 0\nt "" 1 "" { 1, 2 }\nt "" 2 "" { 3 }\n'
    from gametheory.errors import SpecError

    with pytest.raises(SpecError) as err:
        load_efg(text, "bad.efg")
    assert str(err.value) == "bad.efg:6:11: an outcome has 1 payoff; expected 2, one per player"


# -- LaTeX with istgame ---------------------------------------------------------------------------------

def test_latex_marks_the_spe_thick_and_joins_information_sets():
    text = run("latex", "deterrence").output
    assert r"\istb[very thick]{Challenge}[ar]" in text and r"\istb[very thick]{Resist}[al]" in text
    text = run("latex", "snyder-adversary-sequential").output
    assert r"\xtInfoset[dashed, bend left=12](n1)(n8){State}[a]" in text and r"[chance node]" in text and "(${\\mu}$)" not in text
    assert "$1 - \\mu$" in text
    assert r"\begin{tabular}" in run("latex", "chain-store", "--normal-form").output


@pytest.mark.latex
@pytest.mark.parametrize("name", TREES)
def test_istgame_compiles(name, tmp_path):
    if shutil.which("pdflatex") is None:
        if IN_CI:
            pytest.fail("CI must install TeX (texlive-pictures for istgame)")
        pytest.skip("pdflatex is not installed (Debian: texlive-latex-base texlive-pictures)")
    (tmp_path / "t.tex").write_text(run("latex", name, "--standalone").output, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "t.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "t.pdf").exists()


@pytest.mark.parametrize("command", [["classify", "deterrence"],
                                     ["convert", "deterrence", "--to", "yaml"]])
def test_commands_that_do_not_take_trees_say_so(command):
    result = run(*command)
    assert result.exit_code == 2 and "Traceback" not in result.output
