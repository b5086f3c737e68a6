"""Imports point one way: import-linter's layers contract (``[tool.importlinter]`` in
pyproject.toml) holds, counting imports inside functions, and it breaks on an upward import.

The contract reads ``cli/`` as the root package ``cli`` when run from the checkout. It is also
run on the installed layout, ``cli/`` as ``gametheory.cli`` (pyproject.toml's package-dir), so
that an import of ``gametheory.cli`` from the library is seen too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _lint(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``lint-imports`` from ``folder``, which it puts first on the path."""
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", *args], cwd=folder, capture_output=True,
                          text=True, timeout=300)


def test_imports_point_one_way():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout and " kept" in run.stdout


def _installed(name: str) -> str:
    return "gametheory.cli" + name[3:] if name == "cli" or name.startswith("cli.") else name


def _ini_value(value) -> str:
    if isinstance(value, list):
        return "".join(f"\n    {_installed(v)}" for v in value)
    return str(value)


@pytest.fixture
def installed(tmp_path) -> Path:
    """gametheory/ with cli/ inside it as gametheory/cli, and the contract for that layout."""
    shutil.copytree(ROOT / "gametheory", tmp_path / "gametheory", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "cli", tmp_path / "gametheory" / "cli", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)  # a checkout may link gametheory/cli to cli/ already
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    lines = ["[importlinter]", "root_packages =" + _ini_value(["gametheory"])]
    for k, contract in enumerate(config["contracts"]):
        lines.append(f"[importlinter:contract:{k}]")
        lines.extend(f"{key} = {_ini_value(value)}" for key, value in contract.items())
    (tmp_path / ".importlinter").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_imports_point_one_way_in_the_installed_layout(installed):
    run = _lint(installed)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "gametheory.cli" in (installed / ".importlinter").read_text()


def _append(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


def test_an_upward_import_inside_a_function_breaks_the_contract(installed):
    _append(installed / "gametheory" / "games" / "normal.py",
            "def _show(game):\n    from ..export.notebook import game_html\n\n    return game_html(game)")
    run = _lint(installed)
    assert run.returncode != 0
    assert "gametheory.games.normal -> gametheory.export.notebook" in run.stdout, run.stdout


def test_the_library_may_not_import_the_command_line(installed):
    _append(installed / "gametheory" / "report" / "__init__.py",
            "def _main():\n    from ..cli import main\n\n    return main")
    run = _lint(installed)
    assert run.returncode != 0
    assert "gametheory.report -> gametheory.cli" in run.stdout, run.stdout
