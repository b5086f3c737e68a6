"""Games as immutable, exact values: one module per kind.

* :mod:`~gametheory.games.normal`: :class:`Game` and :class:`Profile` (finite normal form);
* :mod:`~gametheory.games.bayesian`: :class:`BayesianGame` (types and a common prior; Harsanyi);
* :mod:`~gametheory.games.build`: :func:`from_spec`, a validated spec to its game value.
"""

from .normal import CountForm, Game, Parameter, Profile
from .bayesian import BayesianGame
from .build import MAX_EXPANDED_PROFILES, from_spec

__all__ = ["Parameter", "CountForm", "Profile", "Game", "BayesianGame", "from_spec", "MAX_EXPANDED_PROFILES"]
