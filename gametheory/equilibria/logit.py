"""One equilibrium of a numeric game of any size, fast: the logit quantal response path, refined
to an exact equilibrium.

Conventions
-----------
* Players ``0 .. n-1`` with ``m_i`` strategies; payoffs as in :mod:`gametheory.games.normal`.
* The logit quantal response equilibria (McKelvey and Palfrey 1995) at precision ``lam`` are the
  profiles with ``sigma_i(s)`` proportional to ``exp(lam * u_i(s, sigma_-i))``. At ``lam = 0``
  every player mixes uniformly; as ``lam`` grows, the principal branch leads to a Nash
  equilibrium (the limit of the logit path; McKelvey and Palfrey 1995, Turocy 2005).
* The path is traced in floats (that is the numeric search): unknowns are the logarithms of the
  probabilities and ``lam``; a predictor-corrector method follows the curve by arc length
  (Allgower and Georg 1990, ch. 2), as Gambit's ``logit_solve`` does, so that it passes turning
  points.
* Refinement, exact: every so often along the path the support is read off (strategies whose
  probability is not negligible), the indifference system of that support profile is solved
  exactly (:mod:`gametheory.equilibria.polynomial`), and a solution whose probabilities are
  positive on the supports and against which no strategy pays more is returned. The float point
  only proposes a support; what is reported is exact and verified with
  :func:`gametheory.equilibria.check.regret`. If no verified equilibrium is found before the path
  ends (or the time limit), the result is empty and says so.
"""

from __future__ import annotations

import numpy as np

from .. import limits
from ..games import Game
from .check import regret
from .result import Equilibrium, EquilibriumSet

__all__ = ["logit_equilibrium", "METHOD"]

METHOD = "logit path, refined exactly"
#: Largest support profile (unknown probabilities) whose system the refinement solves exactly;
#: larger ones are passed by, further along the path, where supports shrink.
MAX_UNKNOWNS = 6


def _flat(arr):
    return [arr[idx] for idx in np.ndindex(*arr.shape)]


class _Path:
    """The logit equations ``H(y, lam) = 0`` and their Jacobian for one game."""

    def __init__(self, game: Game):
        self.shape = game.shape
        self.n = len(self.shape)
        self.A = [np.array([float(v) for v in _flat(arr)]).reshape(self.shape) for arr in game.payoffs]
        scale = max(max(abs(a).max() for a in self.A), 1.0)
        self.A = [a / scale for a in self.A]  # lam is measured in units of the largest payoff
        self.scale = scale
        self.offsets = np.cumsum([0] + list(self.shape))

    def split(self, y):
        return [y[self.offsets[i]:self.offsets[i + 1]] for i in range(self.n)]

    def _contract(self, A, sigmas, keep):
        """Contract ``A`` with every player's mix except those in ``keep`` (kept axes in order)."""
        out = A
        for j in reversed(range(self.n)):
            if j not in keep:
                out = np.tensordot(out, sigmas[j], axes=([j], [0]))
        return out

    def regret(self, sigmas) -> float:
        """The largest gain of a pure deviation at ``sigmas``, in units of the largest payoff."""
        gain = 0.0
        for i in range(self.n):
            u = self._contract(self.A[i], sigmas, (i,))
            gain = max(gain, float(u.max() - u @ sigmas[i]))
        return gain

    def value(self, x):
        y, lam = x[:-1], x[-1]
        sig = [np.exp(v) for v in self.split(y)]
        eqs = []
        for i in range(self.n):
            u = self._contract(self.A[i], sig, (i,))
            logs = self.split(y)[i]
            eqs.extend(logs[1:] - logs[0] - lam * (u[1:] - u[0]))
            eqs.append(sig[i].sum() - 1.0)
        return np.array(eqs)

    def jacobian(self, x):
        y, lam = x[:-1], x[-1]
        sig = [np.exp(v) for v in self.split(y)]
        size = len(y)
        J = np.zeros((size, size + 1))
        row = 0
        for i in range(self.n):
            mi = self.shape[i]
            u = self._contract(self.A[i], sig, (i,))
            for s in range(1, mi):
                J[row, self.offsets[i] + s] += 1.0
                J[row, self.offsets[i]] -= 1.0
                J[row, -1] = -(u[s] - u[0])
                for j in range(self.n):
                    if j == i:
                        continue
                    keep = tuple(sorted((i, j)))
                    pair = self._contract(self.A[i], sig, keep)
                    if i > j:
                        pair = pair.T
                    # d u_i(s)/d y_jt = sigma_jt * u_i(s, t)
                    J[row, self.offsets[j]:self.offsets[j + 1]] -= lam * sig[j] * (pair[s] - pair[0])
                row += 1
            J[row, self.offsets[i]:self.offsets[i + 1]] = sig[i]
            row += 1
        return J


def _tangent(J, previous=None):
    q, _ = np.linalg.qr(J.T, mode="complete")
    t = q[:, -1]
    if previous is not None and t @ previous < 0:
        t = -t
    elif previous is None and t[-1] < 0:
        t = -t
    return t


def _trace(path: _Path, max_lam: float = 1e7, max_steps: int = 4000):
    """Points ``(sigmas, lam)`` along the principal branch."""
    y0 = np.concatenate([np.full(m, -np.log(m)) for m in path.shape])
    x = np.concatenate([y0, [0.0]])
    t = _tangent(path.jacobian(x))
    h = 0.03
    for _ in range(max_steps):
        limits.check("tracing the logit path")
        yield [np.exp(v) for v in path.split(x[:-1])], x[-1]
        if x[-1] > max_lam:
            return
        for _attempt in range(30):
            z = x + h * t
            ok = False
            for _newton in range(8):
                J = path.jacobian(z)
                F = path.value(z)
                dz = np.linalg.lstsq(J, -F, rcond=None)[0]
                z = z + dz
                if np.linalg.norm(dz) < 1e-10:
                    ok = True
                    break
            if ok and np.linalg.norm(z - x) < 3 * h:
                break
            h /= 2
        else:
            return
        t = _tangent(path.jacobian(z), t)
        x = z
        h = min(h * 1.5, 1.0 + abs(x[-1]) * 0.2)


def _supports(sigmas, cut):
    return tuple(tuple(k for k, p in enumerate(s) if p > cut) or (int(np.argmax(s)),) for s in sigmas)


def logit_equilibrium(game: Game) -> EquilibriumSet:
    """One Nash equilibrium of a numeric game, exactly, found along the logit path (see the
    module docstring). ``complete`` is always ``False``: other equilibria may exist."""
    from .polynomial import equilibrium_on_support

    if game.free_symbols:
        from ..errors import UsageError

        raise UsageError("the logit path needs a numeric game: give every parameter a value")
    path = _Path(game)
    tried: set = set()

    def attempt(sigmas, lam, cap):
        for cut in (1e-3, 1e-6):
            supports = _supports(sigmas, cut)
            if supports in tried or sum(len(S) - 1 for S in supports) > cap:
                continue
            tried.add(supports)
            found = equilibrium_on_support(game, supports, [list(map(float, s)) for s in sigmas])
            if found is not None and regret(game, found[0]) == 0:
                entry = Equilibrium(profile=found[0], payoffs=found[1], method=METHOD)
                return EquilibriumSet(game=game, equilibria=(entry,), method=METHOD, exact=True, complete=False,
                                      notes=(f"one equilibrium, found by following the logit path to precision "
                                             f"{lam / path.scale:.3g} and solving its support exactly; other "
                                             "equilibria may exist",))
        return None

    last = None
    for sigmas, lam in _trace(path):
        if path.regret(sigmas) > 1e-3:  # not near an equilibrium yet: its support says little
            continue
        last = (sigmas, lam)
        result = attempt(sigmas, lam, MAX_UNKNOWNS)
        if result is not None:
            return result
    if last is not None:  # the end of the path: its support, whatever its size (within the time limit)
        result = attempt(last[0], last[1], float("inf"))
        if result is not None:
            return result
    return EquilibriumSet(game=game, equilibria=(), method=METHOD, exact=True, complete=False,
                          notes=("the logit path ended before a support could be refined to an exact equilibrium",))

