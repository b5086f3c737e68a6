"""``--verify N`` on solve, classify and statics: the symbolic answer checked against the numeric
engine at N random points satisfying the assumptions (:func:`gametheory.report.verify_report.verify`)."""

from __future__ import annotations

import sys

import click


def verify_option(command):
    """Add ``--verify N`` to an analysis command (its function takes ``verify``)."""
    return click.option(
        "--verify", "verify", type=click.IntRange(min=1, max=10_000), default=None, metavar="N",
        help="Check the symbolic answer against the numeric engine at N random points satisfying the "
             "assumptions; exit 1 if they disagree anywhere.")(command)


def emit_verified(result, fmt: str | None, points: int | None) -> None:
    """Print ``result`` as :func:`cli.render.emit_report` does, followed by its verification at
    ``points`` random points (when given); exit 1 when the verification finds a disagreement."""
    from .render import emit_report

    if points is None:
        emit_report(result, fmt)
        return
    from gametheory import limits
    from gametheory.report.verify_report import verify

    with limits.stage("checking the answer against the numeric engine"):
        checked = verify(result, points)
    fmt = fmt or "text"
    if fmt == "json":
        from gametheory.export.json import dumps

        document = result.to_dict()
        document["verification"] = checked.to_dict()
        text = dumps(document)
    else:
        body = {"text": result.text, "markdown": result.markdown, "latex": result.latex}[fmt]()
        extra = {"text": checked.text, "markdown": checked.markdown, "latex": checked.latex}[fmt]()
        text = body + ("" if fmt == "latex" else "\n") + extra
    click.echo(text, nl=False)
    if not checked.agrees:
        first = checked.verification.disagreements[0]
        where = ", ".join(f"{name} = {value}" for name, value in first.point)
        count = len(checked.verification.disagreements)
        click.echo(f"error: the symbolic answer disagrees with the numeric engine ({count} "
                   f"disagreement{'s' if count != 1 else ''}; the first at {where or 'the game as given'}: "
                   f"{first.what})", err=True)
        sys.exit(1)
