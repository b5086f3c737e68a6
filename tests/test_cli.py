"""The command line as a user meets it: commands, exit codes, messages, golden output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametheory.cli import app
from gametheory.spec import bundled_names

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "invalid_specs"
BUNDLED = bundled_names()
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "solve.schema.json").read_text())


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def test_the_library_is_complete():
    expected = {
        "prisoners-dilemma", "stag-hunt", "chicken", "hawk-dove", "deadlock", "harmony", "leader", "hero",
        "battle-of-the-sexes", "matching-pennies", "inspection", "snyder-primary-alliance",
        "snyder-alliance-game", "snyder-adversary-game", "kydd-trust", "volunteers-dilemma",
    }
    assert expected <= set(BUNDLED)


def test_list_shows_every_bundled_spec_with_its_title():
    result = run("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == BUNDLED
    assert any("Prisoner's Dilemma" in line for line in lines)


@pytest.mark.parametrize("name", BUNDLED)
def test_show_prints_the_spec(name):
    result = run("show", name)
    assert result.exit_code == 0
    assert result.output == (ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8")


def test_show_unknown_name_suggests():
    result = run("show", "prisoners-dilema")
    assert result.exit_code == 2
    assert "did you mean prisoners-dilemma?" in result.output


def test_check_every_bundled_spec():
    result = run("check", *BUNDLED)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == len(BUNDLED)


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json")))
def test_check_refuses_invalid_specs_with_exact_messages(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    expected = (CORPUS / case).with_suffix(".txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["check", case], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == expected if expected.endswith("\n") else expected + "\n"


def test_solve_refuses_invalid_spec_from_stdin():
    result = run("solve", "-", input="title: x\nplayers: [A]\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("<stdin>:")


def test_contradictory_assumptions_are_refused(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "title: Bad\nplayers: [A, B]\nstrategies: [x, y]\nparameters: {T: null, R: null}\n"
        "assumptions:\n  - T > R\n  - R > T\nsymmetric: true\npayoffs:\n  matrix: [[R, 0], [T, 0]]\n"
    )
    result = run("check", str(spec))
    assert result.exit_code == 2
    assert "cannot all hold" in result.stderr
    assert result.stderr.startswith(f"{spec}:6:")


def test_unknown_parameter_in_set():
    result = run("solve", "prisoners-dilemma", "--set", "Q=1")
    assert result.exit_code == 2
    assert "unknown parameter 'Q'" in result.stderr


def test_set_violating_an_assumption():
    result = run("solve", "prisoners-dilemma", "--set", "T=1", "--set", "R=3")
    assert result.exit_code == 2
    assert "violate the assumption" in result.stderr


def test_numeric_instance_is_numeric():
    result = run("solve", "prisoners-dilemma", "--numeric", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["instance"] == "numeric"
    assert doc["game"]["parameters"] == {"T": "5", "R": "3", "P": "1", "S": "0"}
    assert doc["equilibria"][0]["payoffs"] == {"Row": "1", "Column": "1"}


@pytest.mark.parametrize("name", BUNDLED)
def test_solve_text_golden(name, golden):
    result = run("solve", name)
    assert result.exit_code == 0, result.output
    golden(f"solve/{name}.txt", result.output)


@pytest.mark.parametrize("name", BUNDLED)
def test_solve_json_golden_and_schema(name, golden):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("solve", name, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    if doc["schema"] == "gametheory.solve/1":  # other kinds of game have their own documents
        jsonschema.validate(doc, SCHEMA)
    golden(f"solve/{name}.json", result.output)


@pytest.mark.parametrize("name", BUNDLED)
def test_solve_markdown_golden(name, golden):
    result = run("solve", name, "--format", "markdown")
    assert result.exit_code == 0, result.output
    golden(f"solve/{name}.md", result.output)


def test_json_expressions_are_exact_strings():
    doc = json.loads(run("solve", "hawk-dove", "--format", "json").output)
    mixed = [e for e in doc["equilibria"] if e["type"] == "mixed"]
    assert len(mixed) == 1
    assert mixed[0]["profile"]["Row"]["Hawk"] == "V/C"


def test_schema_matches_the_design():
    design = ROOT.parent / "shared" / "design" / "solve.schema.json"
    if not design.exists():
        pytest.skip("../shared/design is not beside this checkout")
    assert json.loads(design.read_text()) == SCHEMA


def test_timeout_exits_1_with_a_message():
    result = run("solve", "kydd-trust", "--timeout", "0.001")
    assert result.exit_code == 1
    assert "time limit" in result.stderr
    assert "Traceback" not in result.output


def test_python_m_and_console_script():
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "gametheory", "list"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0
    assert "prisoners-dilemma" in proc.stdout


def test_output_is_deterministic():
    first = run("solve", "stag-hunt", "--format", "json").output
    second = run("solve", "stag-hunt", "--format", "json").output
    assert first == second


def test_set_values_may_only_name_parameters():
    result = run("solve", "prisoners-dilemma", "--set", "T=abc")
    assert result.exit_code == 2
    assert "unknown name 'abc'" in result.stderr
    both = run("solve", "hawk-dove", "--set", "C=2*V", "--set", "V=3")
    assert both.exit_code == 0
    assert "V = 3 (set), C = 6 (set)" in both.output


def test_unwritable_output_file_is_a_clean_error():
    result = run("latex", "hawk-dove", "-o", "/nonexistent-folder/table.tex")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot use /nonexistent-folder/table.tex")


def test_too_many_players_to_expand_is_refused_at_once():
    result = run("solve", "volunteers-dilemma", "--set", "N=40")
    assert result.exit_code == 1
    assert "2^40 profiles, too many to write out" in result.stderr
