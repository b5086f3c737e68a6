"""Notebook display of the values below the report layer, registered with IPython.

A :class:`~gametheory.games.Game` (or a :class:`~gametheory.games.BayesianGame`, an
:class:`~gametheory.equilibria.EquilibriumSet`, a
:class:`~gametheory.analysis.classify.Classification`, a
:class:`~gametheory.analysis.statics.StaticsResult`) is data and imports nothing of
:mod:`gametheory.export`; this module tells IPython's display formatters how to show each one
(``formatters[mime].for_type_by_name``: by module and class name, so that nothing is imported
until a value is shown), with the renderers of :mod:`gametheory.export.notebook`. Report values
(:mod:`gametheory.report.protocol`) display themselves.

:func:`register` runs when :mod:`gametheory.report` is imported inside IPython (``import
gametheory`` imports it there); call it again with a shell if IPython starts later.
"""

from __future__ import annotations

import sys

__all__ = ["DISPLAYS", "register"]


def _game_markdown(game) -> str:
    from ..export.notebook import game_markdown

    return game_markdown(game)


def _game_latex(game) -> str:
    from ..export.notebook import game_latex

    return game_latex(game)


def _game_html(game) -> str:
    from ..export.notebook import game_html

    return game_html(game)


def _equilibria_markdown(equilibria) -> str:
    from ..export.notebook import equilibria_markdown

    return equilibria_markdown(equilibria)


def _classification_markdown(classification) -> str:
    from ..export.notebook import classification_markdown

    return classification_markdown(classification)


def _statics_markdown(result) -> str:
    from ..export.statics import statics_markdown

    return statics_markdown(result)


def _tree_lines(tree) -> list[str]:
    from ..export.tree_report import tree_lines

    title = tree.title or "Game tree"
    return [title, "=" * len(title), *tree_lines(tree)]


def _tree_markdown(tree) -> str:
    return "```text\n" + "\n".join(_tree_lines(tree)) + "\n```\n"


def _tree_html(tree) -> str:
    import html

    return "<pre>" + html.escape("\n".join(_tree_lines(tree))) + "</pre>"


_GAME = {"text/markdown": _game_markdown, "text/latex": _game_latex, "text/html": _game_html}

#: (module, class name, {MIME type: renderer}) of every value shown in notebooks by registration.
DISPLAYS = (
    ("gametheory.games.normal", "Game", _GAME),
    ("gametheory.games.bayesian", "BayesianGame", _GAME),
    # a tree shows its drawing; gametheory.solve(tree) shows the drawing with the equilibria
    ("gametheory.games.tree", "Tree", {"text/markdown": _tree_markdown, "text/html": _tree_html}),
    ("gametheory.equilibria.result", "EquilibriumSet", {"text/markdown": _equilibria_markdown}),
    ("gametheory.analysis.classify", "Classification", {"text/markdown": _classification_markdown}),
    ("gametheory.analysis.statics", "StaticsResult", {"text/markdown": _statics_markdown}),
)


def _running_shell():
    """The running IPython shell, or ``None`` (IPython is never imported here)."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    return get() if get is not None else None


def register(shell=None) -> bool:
    """Register the renderers of :data:`DISPLAYS` with ``shell``'s display formatters.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        Default: the running shell, if any.

    Returns
    -------
    bool
        Whether there was a shell to register with.
    """
    shell = _running_shell() if shell is None else shell
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for module, name, renderers in DISPLAYS:
        for mime, render in renderers.items():
            formatters[mime].for_type_by_name(module, name, render)
    return True
