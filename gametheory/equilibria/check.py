"""The equilibrium checker: exact regret of a profile, and whether it is a Nash equilibrium.

Conventions
-----------
* Players, strategies and profiles follow :mod:`gametheory.games`: ``profile.probabilities[i][k]``
  is the probability that player ``i`` plays its strategy ``k``. A tuple of strategy indices
  (one per player) stands for the pure profile it names.
* The *regret* of a profile is the largest gain any player can make by a unilateral deviation
  to a pure strategy: ``max_i max_k u_i(k, sigma_-i) - u_i(sigma)``. It is never negative (a
  player's expected payoff is an average of its pure payoffs), and it is zero exactly at a Nash
  equilibrium (Nash 1951; Gambit's ``max_regret``).
* Exact arithmetic throughout. For a symbolic game the answer of :func:`is_equilibrium` is a
  :class:`gametheory.conditions.Decision`: true for every parameter point allowed by the game's
  assumptions, false for none, or true exactly under its ``conditions``.

Every symbolic comparison goes through :mod:`gametheory.conditions`, through the helper the
solvers share to ask it questions under one game's assumptions
(:class:`gametheory.conditions.Reasoner`; :func:`gametheory.conditions.number_sign` for
numbers), re-exported here for the solver modules.
"""

from __future__ import annotations

import contextlib

import sympy

from .. import limits
from ..conditions import Reasoner, number_sign
from ..errors import UsageError
from ..games import BayesianGame, Game, Profile

__all__ = ["regret", "is_equilibrium", "as_profile", "Reasoner", "number_sign"]

_ZERO = sympy.Integer(0)


# -- profiles ---------------------------------------------------------------------------------

def as_profile(game: Game, profile) -> Profile:
    """``profile`` as a :class:`Profile` of ``game``: a Profile, a tuple of pure strategy indices,
    or nested sequences of probabilities (one sequence per player).

    Raises
    ------
    UsageError
        If the profile does not have one entry per player and one probability per strategy.
    """
    if isinstance(profile, Profile):
        rows = profile.probabilities
    else:
        items = tuple(profile)
        if len(items) == game.n_players and all(isinstance(k, int) and not isinstance(k, bool) for k in items):
            for i, k in enumerate(items):
                if not 0 <= k < len(game.strategies[i]):
                    raise UsageError(
                        f"expected a strategy index of player {game.players[i]} in 0..{len(game.strategies[i]) - 1}, got {k}"
                    )
            return Profile.pure(game, items)
        rows = Profile.from_values(items).probabilities
    if len(rows) != game.n_players:
        raise UsageError(f"expected a profile with {game.n_players} players, got {len(rows)}")
    for i, row in enumerate(rows):
        if len(row) != len(game.strategies[i]):
            raise UsageError(
                f"expected {len(game.strategies[i])} probabilities for player {game.players[i]}, got {len(row)}"
            )
    return Profile(tuple(tuple(sympy.sympify(p) for p in row) for row in rows))


def _game(game) -> Game:
    if isinstance(game, BayesianGame):
        return game.harsanyi()
    if not isinstance(game, Game):
        raise UsageError(f"expected a Game, got {type(game).__name__}")
    return game


def _gains(game: Game, profile: Profile) -> list[list[sympy.Expr]]:
    """``gains[i][k]``: what player ``i`` gains by switching from its mix to pure ``k``."""
    out = []
    for i in range(game.n_players):
        pays = [game.deviation_payoff(profile, i, k) for k in range(len(game.strategies[i]))]
        value = sum((p * u for p, u in zip(profile.probabilities[i], pays)), _ZERO)
        out.append([sympy.expand(u - value) for u in pays])
    return out


def rational_payoffs(game: Game) -> bool:
    """True when every payoff of ``game`` is a rational number (the exact numeric fast paths)."""
    return all(v.is_Rational for arr in game.payoffs for v in arr._array)  # noqa: SLF001 - flat storage


def _is_number(e) -> bool:
    return isinstance(e, sympy.Basic) and not e.free_symbols


@contextlib.contextmanager
def time_limit(timeout: float | None):
    """``limits.deadline(timeout)`` when a timeout is given; otherwise keep any enclosing one."""
    if timeout is None:
        yield
    else:
        with limits.deadline(timeout):
            yield


# -- public API -------------------------------------------------------------------------------------

def regret(game: Game, profile) -> sympy.Expr:
    """The exact regret of ``profile``: the largest gain of a unilateral pure deviation.

    Parameters
    ----------
    game : Game
        Numeric or symbolic.
    profile : Profile or tuple of int or nested sequences
        A mixed profile, or the strategy indices of a pure one.

    Returns
    -------
    sympy.Expr
        ``max_i max_k (u_i(k, sigma_-i) - u_i(sigma))``: an exact number for a numeric game and
        profile (zero exactly at an equilibrium), else a ``Max`` of expressions in the parameters.

    Notes
    -----
    Gambit's ``MixedStrategyProfile.max_regret`` (McKelvey, McLennan and Turocy, Gambit) with zero
    tolerance; the checker beside :func:`gametheory.equilibria.equilibria`.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> regret(pd, (0, 0)), regret(pd, (1, 1))
    (2, 0)
    """
    game = _game(game)
    profile = as_profile(game, profile)
    gains = [g for row in _gains(game, profile) for g in row]
    if all(g.is_Rational for g in gains):
        return max(gains)
    if all(_is_number(g) for g in gains):
        best = gains[0]
        for g in gains[1:]:
            if number_sign(g - best) == "+":
                best = g
        if number_sign(best) == "0":  # an algebraic zero sympy leaves unreduced (CRootOf terms)
            return _ZERO
        return Reasoner().tidy(best)
    reasoner = Reasoner(game.assumptions)
    candidates = []
    for g in gains:
        g = reasoner.tidy(g)
        if g not in candidates:
            candidates.append(g)
    # keep the gains that no other gain is known to bound from above (under the assumptions)
    kept = [g for k, g in enumerate(candidates)
            if not any(reasoner.decide(sympy.Ge(reasoner.tidy(h - g), 0))[0] is True
                       and (j < k or reasoner.decide(sympy.Ge(reasoner.tidy(g - h), 0))[0] is not True)
                       for j, h in enumerate(candidates) if j != k)]
    return kept[0] if len(kept) == 1 else sympy.Max(*kept)


def is_equilibrium(game: Game, profile):
    """Whether ``profile`` is a Nash equilibrium of ``game``, exactly.

    Parameters
    ----------
    game : Game
    profile : Profile or tuple of int or nested sequences

    Returns
    -------
    bool or gametheory.conditions.Decision
        For a numeric game and profile: ``True`` if every player's probabilities form a
        distribution and no pure deviation gains (regret exactly zero), else ``False``. When the
        game or the profile holds parameters: a ``Decision`` whose ``value`` is True (an
        equilibrium wherever the assumptions hold), False (nowhere), or None with the
        ``conditions`` under which it is one (probabilities included: each must be nonnegative).

    Raises
    ------
    UsageError
        If the profile does not fit the game (number of players or of strategies).
    """
    game = _game(game)
    profile = as_profile(game, profile)
    gains = _gains(game, profile)
    probabilities = [p for row in profile.probabilities for p in row]
    numeric = all(_is_number(p) for p in probabilities) and all(_is_number(g) for row in gains for g in row)
    if numeric:
        reasoner = Reasoner()
        for row in profile.probabilities:
            if any(reasoner.sign(p) == "-" for p in row) or reasoner.sign(sum(row, _ZERO) - 1) != "0":
                return False
        return all(reasoner.sign(g) != "+" for row in gains for g in row)
    reasoner = Reasoner(game.assumptions)
    relations = []
    for row in profile.probabilities:
        relations.extend(sympy.Ge(reasoner.tidy(p), 0) for p in row)
        relations.append(sympy.Eq(reasoner.tidy(sum(row, _ZERO)), 1))
    relations.extend(sympy.Le(reasoner.tidy(g), 0) for row in gains for g in row)
    return reasoner.decision(relations)


def payoffs_at(game: Game, profile: Profile, reasoner: Reasoner) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff at ``profile``, in canonical form."""
    return tuple(reasoner.tidy(game.expected_payoff(profile, i)) for i in range(game.n_players))


def support_key(profile: Profile) -> tuple:
    """The order of mixed equilibria: by total support size, then supports, then probabilities."""
    n = len(profile.probabilities)
    supports = tuple(profile.support(i) for i in range(n))
    return (sum(len(s) for s in supports), supports, tuple(str(p) for row in profile.probabilities for p in row))
