"""Plots of equilibrium branches (`gametheory plot`, gametheory.export.plot): the files are real
PNG/SVG/PDF, and the drawn curves are the exact expressions at the sample points."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import sympy
from click.testing import CliRunner

from gametheory import report as api
from gametheory.analysis import statics as st
from gametheory.errors import UnsupportedError, UsageError
from gametheory.expr import symbol

pytest.importorskip("matplotlib")

from gametheory.export import plot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}
POINTS = 41


def _run(*args):
    from gametheory.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _symbolic_specs():
    out = []
    for name, _ in api.bundled():
        game = api.load(name)
        if not game.free_symbols or hasattr(game, "infosets"):  # game trees: bands (test_tree_statics)
            continue
        if getattr(game, "kind", "normal") in ("continuous", "bargaining"):  # their own plots (test_continuous)
            continue
        try:
            param = st.plot_parameter(game)
        except UsageError:
            param = st._free_parameters(game)[0]
        out.append((name, param))
    return out


SPECS = _symbolic_specs()
EXTENSIONS = (".png", ".svg", ".pdf")


def _check_lines(fig, data):
    """Every branch is drawn, and each drawn point is the exact value at that sample point."""
    lines = {line.get_gid(): line for ax in fig.axes for line in ax.get_lines() if line.get_gid()
             and line.get_gid().startswith("eq")}
    assert len(lines) == len(data.curves)
    x = symbol(data.parameter)
    drawn = 0
    for curve in data.curves:
        line = lines[f"eq{curve.equilibrium}:{curve.quantity.name}"]
        xs, ys = line.get_xdata(), line.get_ydata()
        assert list(xs) == [float(v) for v in data.xs]
        for k in range(0, len(xs), 5):
            value = curve.values[k]
            if value is None:
                assert ys[k] != ys[k]  # NaN where the branch does not exist
                continue
            exact = sympy.sympify(curve.quantity.expression).xreplace({x: data.xs[k]})
            assert sympy.simplify(exact - value) == 0
            assert ys[k] == pytest.approx(float(exact), rel=1e-12, abs=1e-12)
            drawn += 1
    assert drawn > 0


@pytest.mark.parametrize("index", range(len(SPECS)), ids=[f"{n}-{p}" for n, p in SPECS])
def test_every_symbolic_spec_plots(index, tmp_path):
    name, param = SPECS[index]
    ext = EXTENSIONS[index % len(EXTENSIONS)]
    data = st.plot_data(api.load(name), param, points=POINTS)
    path = tmp_path / f"{name}{ext}"
    fig = plot.save(data, path)
    content = path.read_bytes()
    assert content.startswith(MAGIC[ext])
    assert len(content) > 10_000
    _check_lines(fig, data)
    if ext == ".svg":
        text = content.decode("utf-8")
        for curve in data.curves:
            assert f'id="eq{curve.equilibrium}:{curve.quantity.name}"' in text


def test_hawk_dove_curve_is_v_over_c():
    data = st.plot_data(api.load("hawk-dove"), "C", points=POINTS)
    assert (data.lo, data.hi) == (2, 6)  # C > V = 2; the default C = 4 in the middle
    (curve,) = [c for c in data.curves if c.quantity.name == "Row:Hawk" and c.equilibrium == 2]
    C = symbol("C")
    assert curve.quantity.expression == 2 / C
    assert curve.values[0] is None  # C = 2 violates C > V
    assert all(v == 2 / x for v, x in zip(curve.values[1:], data.xs[1:]))
    fig = plot.figure(data)
    _check_lines(fig, data)


def test_branches_exist_only_where_their_conditions_hold():
    data = st.plot_data(api.load("snyder-adversary-game"), points=POINTS)
    assert data.parameter == "mu"
    assert [m.at for m in data.markers] == [sympy.Rational(1, 2)]
    for curve in data.curves:
        conds = data.equilibria.equilibria[curve.equilibrium].conditions
        for x, value in zip(data.xs, curve.values):
            inside = 0 < x < 1 and all(c.xreplace({symbol("mu"): x}) is sympy.true for c in conds)
            assert (value is not None) == inside


def test_bayesian_default_parameter_is_the_prior():
    assert st.plot_parameter(api.load("kydd-trust")) == "p"
    assert st.plot_parameter(api.load("snyder-adversary-game")) == "mu"
    with pytest.raises(UsageError, match="name the one to plot against") as caught:
        st.plot_parameter(api.load("stag-hunt"))
    assert "--" not in str(caught.value)  # the library names no option; the command line does


def test_cli_plot_svg(tmp_path):
    out = tmp_path / "hd.svg"
    result = _run("plot", "hawk-dove", "--param", "V", "--range", "1/2:3", "--points", "11", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    assert out.read_bytes().startswith(b"<?xml")
    assert 'id="eq2:Row:Hawk"' in out.read_text(encoding="utf-8")


def test_cli_plot_set_and_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("plot", "stag-hunt", "--param", "R", "--set", "T=5/2", "--points", "5")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "stag-hunt-R.png"
    assert (tmp_path / "stag-hunt-R.png").read_bytes().startswith(MAGIC[".png"])


@pytest.mark.parametrize("args,message", [
    (["--param", "C", "-o", "x.txt"], "expected a file ending in .png, .svg or .pdf"),
    (["--param", "C", "--range", "5:1"], "LO < HI"),
    (["--param", "C", "--range", "a:b"], "--range"),
    (["--param", "C", "--range", "-3:-1"], "hold nowhere"),
    (["--param", "Q"], "unknown parameter"),
    (["--param", "C", "--set", "C=5"], "given a value"),
    (["--param", "C", "--set", "V=1", "--range", "0:1/2"], "hold nowhere"),
    ([], "--param"),
])
def test_cli_plot_usage_errors(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("plot", "hawk-dove", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_missing_matplotlib_names_the_extra(monkeypatch, tmp_path):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    with pytest.raises(UnsupportedError, match=re.escape("gametheory-toolkit[plot]")):
        plot.require_matplotlib()
    result = _run("plot", "hawk-dove", "--param", "C", "-o", str(tmp_path / "x.png"))
    assert result.exit_code == 1
    assert "matplotlib" in result.output and "plot extra" in result.output
    assert not (tmp_path / "x.png").exists()


def test_docs_image_is_a_png():
    image = ROOT / "docs" / "images" / "inspection-f.png"
    doc = (ROOT / "docs" / "how-to" / "comparative-statics.md").read_text(encoding="utf-8")
    assert "../images/inspection-f.png" in doc
    assert image.read_bytes().startswith(MAGIC[".png"])
