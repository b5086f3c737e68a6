"""Printing report values: one way for every command that returns a report.

Every report value shares the report protocol (:mod:`gametheory.report.protocol`):
``to_dict()``, ``text()``, ``markdown()`` and ``latex()``. A command that returns a report
prints it with :func:`emit_report`, so a new kind of report gets every ``--format`` by
implementing those four methods.
"""

from __future__ import annotations

import click


def emit_report(result, fmt: str | None) -> None:
    """Print ``result`` in the ``--format`` chosen (``text`` when none): ``json`` is
    ``dumps(result.to_dict())``, the others ``result.text()``, ``.markdown()``, ``.latex()``."""
    fmt = fmt or "text"
    if fmt == "json":
        from gametheory.export.json import dumps

        text = dumps(result.to_dict())
    else:
        text = {"text": result.text, "markdown": result.markdown, "latex": result.latex}[fmt]()
    click.echo(text, nl=False)
