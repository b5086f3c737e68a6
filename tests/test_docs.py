"""The README and the docs show real output: their examples are run and compared here.

Two kinds of examples are checked in README.md and every docs/**/*.md file:

* ``>>>`` examples in ```` ```python ```` or ```` ```pycon ```` blocks run as doctests;
* ```` ```console ```` blocks: each line starting with ``$ gametheory`` (or ``$ gt``) is a
  command whose standard output must be exactly the lines that follow it, up to the next
  ``$`` line or the end of the block.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametheory.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.S | re.M)


def _console_examples():
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            if match.group(1) != "console":
                continue
            line_no = text[: match.start()].count("\n") + 2
            command, output = None, []
            for offset, line in enumerate(match.group(2).splitlines()):
                if line.startswith("$ "):
                    if command is not None:
                        yield path, start, command, output
                    command, output, start = line[2:], [], line_no + offset
                elif command is not None:
                    output.append(line)
            if command is not None:
                yield path, start, command, output


CONSOLE = list(_console_examples())


@pytest.mark.parametrize(
    "path,line,command,expected",
    CONSOLE,
    ids=[f"{p.relative_to(ROOT)}:{n}" for p, n, _, _ in CONSOLE],
)
def test_console_example(path, line, command, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    words = shlex.split(command)
    assert words[0] in {"gametheory", "gt"}, f"{path}:{line}: examples run gametheory, got {words[0]}"
    result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
    out = result.output.rstrip("\n").splitlines()
    assert out == expected, f"{path.relative_to(ROOT)}:{line}: `{command}` prints something else:\n" + result.output


@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_python_examples(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = path.read_text(encoding="utf-8")
    blocks = [m.group(2) for m in BLOCK.finditer(text) if m.group(1) in {"python", "pycon"} and ">>>" in m.group(2)]
    if not blocks:
        pytest.skip("no >>> examples")
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, str(path.relative_to(ROOT)), str(path), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 0
    assert failed == 0, f"{failed} of {attempted} examples in {path.relative_to(ROOT)} failed (see output above)"


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text[:1500]
    assert "make run" in head and "make test" in head


def _rewrite_console_blocks(path: Path) -> None:
    """Replace the output under each ``$ gametheory`` line of a console block with the real one."""
    text = path.read_text(encoding="utf-8")

    def fill(match):
        if match.group(1) != "console":
            return match.group(0)
        out_lines = []
        for line in match.group(2).splitlines():
            if line.startswith("$ "):
                words = shlex.split(line[2:])
                result = CliRunner().invoke(app, words[1:], catch_exceptions=False)
                out_lines.append(line)
                out_lines.extend(result.output.rstrip("\n").splitlines())
        header = match.group(0).split("\n", 1)[0]
        return header + "\n" + "\n".join(out_lines) + "\n```"

    new = BLOCK.sub(fill, text)
    if new != text:
        path.write_text(new, encoding="utf-8")


def test_update_console_examples(request, monkeypatch):
    """With ``pytest --update-golden``, rewrite every console example's output from the real one."""
    if not request.config.getoption("--update-golden"):
        pytest.skip("run with --update-golden to rewrite the console examples")
    monkeypatch.chdir(ROOT)
    for path in DOCS:
        _rewrite_console_blocks(path)
