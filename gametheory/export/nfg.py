"""Write games as Gambit strategic-form files (``.nfg``).

Conventions
-----------
* The file is Gambit's "NFG 1 R" format (see :mod:`gametheory.spec.nfg`, which reads it back):
  the title, the players' names, each player's strategy names, the game's description as the
  comment, then the payoffs. ``version="payoff"`` (the default) writes one line per strategy
  profile with every player's payoff; ``version="outcome"`` writes one outcome per profile and
  the list of outcome numbers, as pygambit's ``Game.to_nfg`` does.
* Profiles are listed with the **first player's strategy changing fastest** (Gambit's order).
* Payoffs are exact rationals as Gambit writes them: ``3``, ``-1``, ``3/2``. Only numeric games
  with rational payoffs can be written: .nfg has no parameters, and a float would not be exact.
* Strings are quoted; a ``"`` is written ``\\"``. A backslash is written as it is, which Gambit
  reads back unchanged, except in a name holding ``\\\\`` or a backslash before a quote or at
  the end, where every backslash is doubled (read back exactly by :func:`~gametheory.spec.nfg.load_nfg`).

References
----------
The Gambit Project, *Gambit: Software Tools for Game Theory*, "Game representation formats:
the strategic game (.nfg) file format", version 16.
"""

from __future__ import annotations

import itertools

import sympy

from ..errors import UsageError
from ..games import BayesianGame, Game

__all__ = ["to_nfg", "nfg_string", "nfg_number"]

VERSIONS = ("payoff", "outcome")


def nfg_string(text: str) -> str:
    """``text`` as a quoted .nfg string."""
    text = str(text)
    risky = "\\\\" in text or '\\"' in text or text.endswith("\\")
    if risky:
        text = text.replace("\\", "\\\\")
    return '"' + text.replace('"', '\\"') + '"'


def nfg_number(value) -> str:
    """An exact rational payoff as Gambit writes it (``3``, ``-3/2``)."""
    value = sympy.sympify(value)
    if not value.is_Rational:
        raise UsageError(
            f"payoff {value} is not a rational number; a .nfg file holds rational payoffs only"
        )
    if value.q == 1:
        return str(value.p)
    return f"{value.p}/{value.q}"


def _profiles(shape):
    """Strategy profiles in Gambit's order: the first player's strategy changes fastest."""
    return [tuple(reversed(t)) for t in itertools.product(*(range(k) for k in reversed(shape)))]


def to_nfg(game: Game, *, version: str = "payoff") -> str:
    """The Gambit ``.nfg`` text of a numeric game.

    Parameters
    ----------
    game : Game
        A game whose payoffs are all rational numbers (substitute parameter values first with
        :meth:`Game.subs` or :meth:`Game.numeric`). A Bayesian game is written through its
        Harsanyi normal form (:meth:`BayesianGame.harsanyi`), which the caller must ask for.
    version : {"payoff", "outcome"}
        Gambit's payoff version (one line of payoffs per profile) or outcome version (an
        outcome per profile, as pygambit writes).

    Returns
    -------
    str
        The file's text, ending in a newline.

    Raises
    ------
    UsageError
        For a symbolic game, irrational payoffs, a Bayesian game, or an unknown version.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> print(to_nfg(Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], title="Pennies")), end="")
    NFG 1 R "Pennies" { "Player 1" "Player 2" }
    <BLANKLINE>
    { { "s1" "s2" }
    { "s1" "s2" }
    }
    ""
    <BLANKLINE>
    1 -1
    -1 1
    -1 1
    1 -1
    """
    if version not in VERSIONS:
        raise UsageError(f"unknown .nfg version {version!r}; expected one of: {', '.join(VERSIONS)}")
    if isinstance(game, BayesianGame):
        raise UsageError(
            f".nfg holds games in strategic form, and {game.title or 'this game'} is a Bayesian game "
            "(its Harsanyi normal form is a game in strategic form)",
            needs="normal_form",
        )
    if getattr(game, "kind", "normal") in ("continuous", "bargaining"):
        raise UsageError(f".nfg holds finite games in strategic form, and {game.title or 'this game'} is a "
                         f"{game.kind} game")
    if not game.is_numeric:
        free = sorted(map(str, game.free_symbols))
        raise UsageError(
            f"{game.title or 'this game'} has symbolic payoffs ({', '.join(free)}); .nfg holds numbers only",
            needs="values", names=free,
        )
    lines = [
        "NFG 1 R " + nfg_string(game.title) + " { " + " ".join(nfg_string(p) for p in game.players) + " }",
        "",
        "{ " + "\n".join("{ " + " ".join(nfg_string(s) for s in strategies) + " }" for strategies in game.strategies),
        "}",
        nfg_string(game.description),
        "",
    ]
    profiles = _profiles(game.shape)
    rows = [" ".join(nfg_number(v) for v in game.outcome(profile)) for profile in profiles]
    if version == "payoff":
        lines.extend(rows)
    else:
        lines.append("{")
        lines.extend('{ "" ' + ", ".join(nfg_number(v) for v in game.outcome(profile)) + " }" for profile in profiles)
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(profiles))))
    return "\n".join(lines) + "\n"
