"""The corpus of invalid specs: each file in tests/invalid_specs/ is refused with exactly the
messages in its sibling ``.txt`` file (``FILE:LINE:COLUMN: message``, one problem per line, FILE
being the path relative to tests/invalid_specs), quickly, and with nothing executed.

To add a case, write ``NAME.yaml`` (or ``.json``) and ``NAME.txt`` with the expected lines.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gametheory.errors import SpecError
from gametheory.spec import load_spec

CORPUS = Path(__file__).parent / "invalid_specs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json"))


def test_the_corpus_is_complete():
    assert len(CASES) >= 40
    expected = {p.stem for p in CORPUS.glob("*.txt")}
    assert {Path(c).stem for c in CASES} == expected


@pytest.mark.parametrize("case", CASES)
def test_refused_with_the_exact_messages(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    expected = (CORPUS / case).with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    start = time.perf_counter()
    with pytest.raises(SpecError) as err:
        load_spec(case)
    elapsed = time.perf_counter() - start
    assert str(err.value) == expected
    assert err.value.exit_code == 2
    assert elapsed < 5.0
    for problem in err.value.problems:
        assert problem.file == case
        assert problem.line >= 1 and problem.column >= 1


@pytest.mark.parametrize("case", CASES)
def test_same_messages_from_text(case):
    """Loading the bytes under the same name gives the same messages as loading the path."""
    data = (CORPUS / case).read_bytes()
    expected = (CORPUS / case).with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    with pytest.raises(SpecError) as err:
        load_spec(data, name=case)
    assert str(err.value) == expected


def test_hostile_files_execute_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for case in ("import.yaml", "python-tag.yaml", "lambda.yaml", "attribute-access.yaml"):
        with pytest.raises(SpecError):
            load_spec(CORPUS / case)
    assert list(tmp_path.iterdir()) == []
