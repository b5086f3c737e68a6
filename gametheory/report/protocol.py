"""The report protocol: what every value the front door returns can do.

Conventions
-----------
* A report value is a frozen dataclass in :mod:`gametheory.report` that holds the data of the
  analysis (from :mod:`gametheory.equilibria` and :mod:`gametheory.analysis`) and renders it
  through :mod:`gametheory.export`; the data never renders itself.
* Four methods, the same four for every kind of report, one per ``--format`` of the command
  line: ``to_dict()`` is exactly the JSON the command prints (with its ``"schema"`` key),
  ``text()``, ``markdown()`` and ``latex()`` exactly its other outputs, each a string ending in
  a newline. The CLI renders every report the same way (``cli.emit_report``), so a new kind of
  report plugs in by implementing these four.
* A report value's class is named ``<Something>Report`` and subclasses :class:`Report` (the
  tests check every such class of :mod:`gametheory.report` for the four methods).
* In a notebook a report displays itself: ``_repr_markdown_`` is :meth:`Report.markdown`,
  ``_repr_latex_`` :meth:`Report.latex` and ``_repr_html_`` the text report, preformatted.
"""

from __future__ import annotations

import abc

__all__ = ["Report"]


class Report(abc.ABC):
    """The shared protocol of report values (module docstring)."""

    __slots__ = ()

    @abc.abstractmethod
    def to_dict(self) -> dict:
        """The JSON document of ``--format json``, as Python data."""

    @abc.abstractmethod
    def text(self) -> str:
        """The plain-text report (``--format text``, the default)."""

    @abc.abstractmethod
    def markdown(self) -> str:
        """The Markdown report (``--format markdown``)."""

    @abc.abstractmethod
    def latex(self) -> str:
        """The LaTeX report (``--format latex``)."""

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_latex_(self) -> str:
        return self.latex()

    def _repr_html_(self) -> str:
        from ..export.notebook import text_html

        return text_html(self.text())
