"""Dilemmas of uncertainty: every option risks a bad outcome.

Conventions
-----------
* **Uncertainty dilemma** (Snyder 1984, note 6; Jervis 1976, ch. 3, deterrence versus the
  spiral model): a two-player Bayesian game in which only the opponent has types. The player's
  *best action against a type* is the one that pays most when the opponent, knowing its type,
  answers each action with that type's best reply (as in the sequential game where the opponent
  moves second; among tied replies the worst for the player is taken). It is a dilemma when no
  action is best against every type: each option is wrong against some type, and its *risk* is
  the regret it incurs there, ``u(best action, reply) - u(option, reply)``, exact. Firmness
  provokes a status-quo opponent into answering in kind (the spiral); conciliation invites an
  expansionist to exploit it. The belief at which the best action changes is the informed
  threshold of :func:`gametheory.analysis.bayesian.belief_thresholds`.
* **Alliance risks** (Snyder 1984, the alliance game: abandonment and entrapment): in a
  symmetric two-player game, for each of a player's options and each action of its partner, the
  *regret* (what the player would gain by switching, given the partner's action) and the
  *exposure* (what the partner's choice costs the player: its best payoff with that option minus
  the payoff it gets). Each option's headline risks are its worst-case regret and its worst
  exposure, named by the parameters they involve (with the spec's descriptions): in Snyder's
  alliance game, supporting costs the entrapment cost ``E`` when the partner supports too and
  ``E + A`` when it is abandoned; withholding never has regret (it is dominant) but loses the
  partner's support ``B`` when the partner withholds too.
* Every comparison is decided by :mod:`gametheory.conditions` under the game's assumptions;
  ``conditions`` are beyond the assumptions, ``()`` meaning "whenever the assumptions hold".
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..games import BayesianGame, Game
from .bayesian import Threshold, _bayes, belief_thresholds, informed_values

__all__ = [
    "OptionRisk",
    "UncertaintyVerdict",
    "uncertainty_dilemma",
    "CellRisk",
    "OptionRisks",
    "AllianceRisks",
    "alliance_risks",
]

_ZERO = sympy.Integer(0)


def _an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


# -- the uncertainty dilemma --------------------------------------------------------------------

@dataclass(frozen=True)
class OptionRisk:
    """The risk of one option: the type against which it is wrong, that type's reply, the
    outcome and payoff, the action that would have been right and its payoff, and the regret."""

    option: str
    wrong_type: str
    reply: str
    outcome: tuple[str, ...]
    payoff: sympy.Expr
    best: str
    best_reply: str
    best_payoff: sympy.Expr
    regret: sympy.Expr
    words: str

    def to_dict(self) -> dict:
        from .. import conditions

        s = conditions.to_str
        return {
            "option": self.option,
            "wrong_type": self.wrong_type,
            "reply": self.reply,
            "outcome": list(self.outcome),
            "payoff": s(self.payoff),
            "best": self.best,
            "best_reply": self.best_reply,
            "best_payoff": s(self.best_payoff),
            "regret": s(self.regret),
            "words": self.words,
        }


@dataclass(frozen=True)
class UncertaintyVerdict:
    """The uncertainty dilemma verdict (see the module docstring).

    ``best[t]`` is ``(type name, best action names)`` for each of the opponent's types;
    ``risks`` one entry per option and type against which it is wrong; ``threshold`` the belief
    at which the player's best action changes (``None`` with more than two types or when it does
    not depend on a parameter).
    """

    is_dilemma: bool | None
    player: str
    opponent: str
    best: tuple[tuple[str, tuple[str, ...]], ...]
    risks: tuple[OptionRisk, ...]
    threshold: Threshold | None
    explanation: str
    conditions: tuple = ()
    kind: str = "uncertainty_dilemma"

    def to_dict(self) -> dict:
        from .. import conditions

        return {
            "kind": self.kind,
            "is_dilemma": self.is_dilemma,
            "player": self.player,
            "opponent": self.opponent,
            "best_against": {t: list(actions) for t, actions in self.best},
            "risks": [r.to_dict() for r in self.risks],
            "threshold": None if self.threshold is None else self.threshold.to_dict(),
            "conditions": [conditions.to_str(conditions.canonical(c)) for c in self.conditions],
            "explanation": self.explanation,
        }

    def join(self, verdict):
        """The dilemma verdict of the whole game with this kind added to it: a dilemma where
        either verdict says so."""
        import sympy
        from dataclasses import replace

        from .dilemma import KindVerdict

        if self.is_dilemma is False:
            return verdict
        if self.is_dilemma is True or verdict.is_dilemma is True:
            is_dilemma, conds = True, ()
        elif verdict.is_dilemma is False:
            is_dilemma, conds = None, tuple(self.conditions)
        elif not verdict.conditions or not self.conditions:  # one of them has no verdict: no union
            is_dilemma, conds = None, tuple(verdict.conditions or self.conditions)
        else:
            is_dilemma = None
            conds = (sympy.Or(sympy.And(*verdict.conditions), sympy.And(*self.conditions)),)
        explanation = (verdict.explanation + " " if verdict.explanation else "") + self.explanation
        # the kind is listed only where it holds, and reported beside the others
        own = KindVerdict(self.kind, True, self.is_dilemma, tuple(self.conditions) if self.is_dilemma is None else ())
        holds = self.is_dilemma is True or bool(own.conditions)
        return replace(verdict, is_dilemma=is_dilemma, kinds=tuple(verdict.kinds) + ((self.kind,) if holds else ()),
                       conditions=conds, explanation=explanation, details=tuple(verdict.details) + (own,))

    def lines(self) -> list[str]:
        out = [f"Uncertainty dilemma: {'yes' if self.is_dilemma else 'no' if self.is_dilemma is False else 'depends'}."
               f" {self.explanation}"]
        for r in self.risks:
            out.append(f"  {r.words}")
        if self.threshold is not None:
            out.append(f"  {self.threshold.line()}")
        return out


def uncertainty_dilemma(game) -> UncertaintyVerdict | None:
    """Whether a player facing an opponent of unknown type is in an uncertainty dilemma.

    Parameters
    ----------
    game : BayesianGame
        Two players, only the opponent with types.

    Returns
    -------
    UncertaintyVerdict or None
        ``None`` when the game does not have that form (no types, types for both players, more
        than two players) or an opponent type's best reply depends on the parameters.

    Examples
    --------
    >>> import gametheory
    >>> verdict = uncertainty_dilemma(gametheory.load("snyder-adversary-game"))
    >>> verdict.is_dilemma, [(r.option, r.wrong_type, str(r.regret)) for r in verdict.risks]
    (True, [('Conciliate', 'expansionist', '2'), ('Firm', 'status_quo', '2')])
    """
    from ..conditions import Reasoner

    if not isinstance(game, BayesianGame) and getattr(game, "bayesian", None) is None:
        return None
    bayes = _bayes(game)
    reasoner = Reasoner(bayes.assumptions)
    informed = informed_values(bayes, reasoner)
    if informed is None:
        return None
    i, j, replies, payoffs, _ = informed
    acts, opp_acts = bayes.actions[i], bayes.actions[j]
    types = [name for name, _ in bayes.types[j]]
    player, opponent = bayes.players[i], bayes.players[j]
    best: list[tuple[int, ...] | None] = []
    undecided = False
    for t in range(len(types)):
        winners = []
        for a in range(len(acts)):
            verdicts = [reasoner.decide(sympy.Ge(payoffs[a][t] - payoffs[b][t], 0))[0]
                        for b in range(len(acts)) if b != a]
            if all(v is True for v in verdicts):
                winners.append(a)
            elif any(v is None for v in verdicts) and not any(v is False for v in verdicts):
                undecided = True
        best.append(tuple(winners))
    threshold = next((t for t in belief_thresholds(bayes) if t.kind == "informed"), None)
    best_named = tuple((types[t], tuple(acts[a] for a in best[t])) for t in range(len(types)))
    if undecided or any(not b for b in best):
        return UncertaintyVerdict(
            is_dilemma=None, player=player, opponent=opponent, best=best_named, risks=(), threshold=threshold,
            explanation=(f"{player}'s best action against some type of {opponent} depends on the parameters; "
                         "give them values for a verdict"),
        )
    common = set(best[0]).intersection(*map(set, best[1:]))
    if common:
        a = acts[min(common)]
        return UncertaintyVerdict(
            is_dilemma=False, player=player, opponent=opponent, best=best_named, risks=(), threshold=threshold,
            explanation=f"{a} is best for {player} against every type of {opponent}, whatever it believes.",
        )
    risks = []
    for a in sorted({a for b in best for a in b}):
        for t in range(len(types)):
            if a in best[t]:
                continue
            right = best[t][0]
            regret = reasoner.tidy(payoffs[right][t] - payoffs[a][t])
            r, r_right = replies[a][t], replies[right][t]
            outcome = [None, None]
            outcome[i], outcome[j] = acts[a], opp_acts[r]
            words = _words(bayes, reasoner, i, j, t, a, r, right, r_right)
            words += (f": {player} gets {payoffs[a][t]}, against {payoffs[right][t]} from {acts[right]} "
                      f"(answered with {opp_acts[r_right]}); regret {regret}")
            risks.append(OptionRisk(
                option=acts[a], wrong_type=types[t], reply=opp_acts[r], outcome=tuple(outcome),
                payoff=payoffs[a][t], best=acts[right], best_reply=opp_acts[r_right],
                best_payoff=payoffs[right][t], regret=regret, words=words,
            ))
    against = "; ".join(f"{'/'.join(names)} against {_an(t)} {opponent}" for t, names in best_named)
    explanation = (f"{player}'s best action depends on {opponent}'s type ({against}), so every option risks "
                   "a bad outcome")
    if threshold is not None:
        explanation += f"; {threshold.above} pays more when {threshold.prior} > {threshold.name} = {threshold.expression}"
    return UncertaintyVerdict(
        is_dilemma=True, player=player, opponent=opponent, best=best_named, risks=tuple(risks),
        threshold=threshold, explanation=explanation + ".",
    )


def _words(bayes: BayesianGame, reasoner, i, j, t, a, r, right, r_right) -> str:
    """How option ``a`` goes wrong against type ``t`` (provokes / invites exploitation)."""
    acts, opp_acts = bayes.actions[i], bayes.actions[j]
    arrays = bayes.table((t,))

    def opp(x, y):
        cell = [0, 0]
        cell[i], cell[j] = x, y
        return arrays[j][tuple(cell)]

    tname = bayes.types[j][t][0]
    who = f"{_an(tname)} {bayes.players[j]}"
    gain = reasoner.sign(opp(a, r) - opp(right, r_right))
    if gain == "+":
        return f"{acts[a]} invites {who} to exploit it with {opp_acts[r]}"
    if gain == "-" and opp_acts[r] == acts[a]:
        return f"{acts[a]} provokes {who} to answer in kind with {opp_acts[r]}, and both do worse (a spiral)"
    if gain == "-":
        return f"{acts[a]} leads {who} to answer {opp_acts[r]}, and both do worse"
    return f"{who} answers {acts[a]} with {opp_acts[r]}"


# -- alliance risks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CellRisk:
    """One option against one partner action: the payoff, the regret and the exposure."""

    partner_action: str
    payoff: sympy.Expr
    regret: sympy.Expr
    exposure: sympy.Expr


@dataclass(frozen=True)
class OptionRisks:
    """An option's risks: per partner action, and the worst cases with the partner actions that
    bring them (``None`` when they do not depend on it or cannot be ordered)."""

    option: str
    cells: tuple[CellRisk, ...]
    worst_regret: sympy.Expr
    worst_regret_if: str | None
    worst_exposure: sympy.Expr
    worst_exposure_if: str | None
    names: tuple[tuple[str, str], ...]
    words: str

    def to_dict(self) -> dict:
        from .. import conditions

        s = conditions.to_str
        return {
            "option": self.option,
            "cells": [{"partner_action": c.partner_action, "payoff": s(c.payoff), "regret": s(c.regret),
                       "exposure": s(c.exposure)} for c in self.cells],
            "worst_regret": s(self.worst_regret),
            "worst_regret_if": self.worst_regret_if,
            "worst_exposure": s(self.worst_exposure),
            "worst_exposure_if": self.worst_exposure_if,
            "names": {k: v for k, v in self.names},
            "words": self.words,
        }


@dataclass(frozen=True)
class AllianceRisks:
    """Each option's risks in a symmetric two-player game (see the module docstring), for the
    first player (the second's are the same by symmetry)."""

    player: str
    partner: str
    options: tuple[OptionRisks, ...]
    explanation: str
    kind: str = "alliance_risks"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "player": self.player,
            "partner": self.partner,
            "options": [o.to_dict() for o in self.options],
            "explanation": self.explanation,
        }

    def lines(self) -> list[str]:
        return [f"Risks of each option ({self.player}; {self.partner} alike):"] + [f"  {o.words}" for o in self.options]


def _symmetric(game: Game) -> bool:
    if game.n_players != 2 or game.strategies[0] != game.strategies[1]:
        return False
    m = len(game.strategies[0])
    return all(sympy.expand(game.payoffs[1][a, b] - game.payoffs[0][b, a]) == 0 for a in range(m) for b in range(m))


def _max(reasoner, values):
    """``(maximum, index)`` of exact values under the assumptions; the index is ``None`` when all
    are equal; when the order depends on the parameters the maximum is a ``Max`` and the index
    ``None``."""
    best = 0
    for k in range(1, len(values)):
        s = reasoner.sign(values[k] - values[best])
        if s in ("+", ">=0"):
            best = k
        elif s not in ("-", "<=0", "0"):
            return sympy.Max(*values), None
    if all(reasoner.sign(values[k] - values[best]) == "0" for k in range(len(values))):
        return values[best], None
    return values[best], best


def alliance_risks(game: Game) -> AllianceRisks | None:
    """Each option's worst-case regret and exposure across the partner's actions, named.

    Parameters
    ----------
    game : Game
        A symmetric two-player game (the same strategies for both players, the second player's
        payoff in cell ``(a, b)`` equal to the first's in ``(b, a)``).

    Returns
    -------
    AllianceRisks or None
        ``None`` for a game that is not symmetric two-player.

    Examples
    --------
    >>> import gametheory
    >>> risks = alliance_risks(gametheory.load("snyder-alliance-game"))
    >>> [(o.option, str(o.worst_regret), o.worst_regret_if) for o in risks.options]
    [('Support', 'A + E', 'NotSupport'), ('NotSupport', '0', None)]
    """
    from ..conditions import Reasoner

    if isinstance(game, BayesianGame) or not isinstance(game, Game) or not _symmetric(game):
        return None
    reasoner = Reasoner(game.assumptions)
    names = game.strategies[0]
    m = len(names)
    partner = game.players[1]
    described = {p.name: p.description for p in game.parameters}
    options = []
    for x in range(m):
        cells = []
        regrets, exposures = [], []
        for y in range(m):
            pay = game.payoffs[0][x, y]
            best_here, _ = _max(reasoner, [game.payoffs[0][z, y] for z in range(m)])
            regret = reasoner.tidy(best_here - pay)
            best_with_x, _ = _max(reasoner, [game.payoffs[0][x, w] for w in range(m)])
            exposure = reasoner.tidy(best_with_x - pay)
            cells.append(CellRisk(names[y], pay, regret, exposure))
            regrets.append(regret)
            exposures.append(exposure)
        worst_r, ri = _max(reasoner, regrets)
        worst_e, ei = _max(reasoner, exposures)
        used = set()
        for e in regrets + exposures:
            used |= {str(s) for s in sympy.sympify(e).free_symbols}
        named = tuple((n, described.get(n, "")) for n in sorted(used))
        parts = []
        if all(reasoner.sign(r) == "0" for r in regrets):
            parts.append(f"{names[x]} never has regret")
        else:
            parts.append(f"{names[x]} has regret " + ", ".join(
                f"{c.regret} if {partner} plays {c.partner_action}" for c in cells))
        if ri is not None and reasoner.sign(worst_r) != "0":
            parts.append(f"at worst {worst_r} (if {partner} plays {names[ri]})")
        if ei is not None and reasoner.sign(worst_e) != "0":
            best_y = _max(reasoner, [game.payoffs[0][x, w] for w in range(m)])[1]
            rather = f" rather than {names[best_y]}" if best_y is not None else ""
            parts.append(f"it loses {worst_e} if {partner} plays {names[ei]}{rather}")
        words = "; ".join(parts)
        described_here = [f"{n}: {d}" for n, d in named if d]
        if described_here:  # a bare list of names without descriptions says nothing
            words += " (" + "; ".join(described_here) + ")"
        options.append(OptionRisks(names[x], tuple(cells), worst_r, None if ri is None else names[ri],
                                   worst_e, None if ei is None else names[ei], named, words))
    explanation = ("For each option: the regret (what switching would gain, given the partner's action) and the "
                   "exposure (what the partner's choice costs), exactly, with the worst cases.")
    return AllianceRisks(game.players[0], partner, tuple(options), explanation)
