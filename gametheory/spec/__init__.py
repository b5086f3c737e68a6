"""Spec files: YAML/JSON (format version 1) to a validated :class:`~.model.Spec`.

``load_spec(path)`` or ``load_spec(text, name="<stdin>")`` returns a ``Spec`` or raises
:class:`~gametheory.errors.SpecError` with every problem at ``FILE:LINE:COLUMN``;
``bundled_names()`` and ``bundled_path(name)`` give the specs installed with the package;
``resolve(argument)`` reads a command line SPEC argument (a path, ``-`` or a bundled name).
"""

from .loader import bundled_names, bundled_path, load_spec, resolve
from .model import AssumptionSpec, CountSpec, Location, ParameterSpec, Spec

__all__ = [
    "AssumptionSpec",
    "CountSpec",
    "Location",
    "ParameterSpec",
    "Spec",
    "bundled_names",
    "bundled_path",
    "load_spec",
    "resolve",
]
