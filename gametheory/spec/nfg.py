"""Read Gambit's strategic-form files (``.nfg``) into a :class:`~gametheory.spec.model.Spec`.

Conventions
-----------
* The format is Gambit's "NFG 1" file (The Gambit Project, *Gambit documentation*, "Game
  representation formats"; the reader in Gambit's ``src/games/file.cc``)::

      NFG 1 R "title" { "Player 1" "Player 2" } { { "s1" "s2" } { "t1" "t2" } } "comment"

  followed by either the **payoff version**, one payoff per player for every strategy profile,
  or the **outcome version**, a list of outcomes ``{ "label" payoff, payoff, ... }`` in braces
  and then one outcome number per profile (``0`` is the null outcome, all payoffs zero). The
  strategies may be given as counts (``{ 2 3 }``), which names them ``"1"``, ``"2"``, ...
* Profiles are listed with the **first player's strategy changing fastest** (Gambit's order);
  the spec layer lists them lexicographically (the first player's strategy slowest), and this
  reader reorders them.
* Numbers are read exactly from their text, never through a float: ``3/2``, ``2.5`` (5/2),
  ``-1e2`` (-100), whether the file says ``R`` (rational) or ``D`` (double). Their size is
  bounded by the limits of :mod:`gametheory.expr`.
* Strings are in double quotes; ``\\"`` stands for a quote and ``\\\\`` for a backslash; any other
  backslash is kept as it is (so Gambit's own files, which write ``\\"`` for a quote, are read
  as Gambit reads them).
* The title becomes the spec's title and the comment its description. Outcome labels are not
  kept. An empty player name becomes ``Player k`` and an empty strategy name its number, as
  Gambit numbers unnamed strategies; names must otherwise be distinct within a player and
  contain no comma (the spec format's rule).
* Every problem is a :class:`~gametheory.errors.SpecError` located at ``line:column`` (1-based).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction

import sympy

from ..errors import Problem, SpecError
from ..expr import MAX_BITS, MAX_DIGITS, MAX_EXPONENT
from .model import Spec

__all__ = ["load_nfg", "parse_number"]

_NUMBER = re.compile(
    r"[+-]?(?:\d+/\d+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
)
_DELIMITERS = set(" \t\r\n\f\v{},\"")


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "text", "symbol", "{", "}", ",", "eof"
    text: str
    line: int
    column: int


class _Error(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def parse_number(text: str) -> sympy.Rational:
    """The exact value of a number as Gambit writes it: ``3``, ``-3/4``, ``2.5``, ``1e2``.

    Raises ``ValueError`` for text that is not such a number or is too large.
    """
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        raise ValueError(f"number has more than {MAX_DIGITS} digits")
    exponent = re.search(r"[eE]([+-]?\d+)$", text)
    if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise ValueError(f"exponent larger than {MAX_EXPONENT} in absolute value")
    try:
        value = Fraction(text)
    except ZeroDivisionError:
        raise ValueError("division by zero") from None
    if value.numerator.bit_length() > MAX_BITS or value.denominator.bit_length() > MAX_BITS:
        raise ValueError(f"number too large (more than {MAX_BITS} bits)")
    return sympy.Rational(value.numerator, value.denominator)


class _Lexer:
    """Tokens of an .nfg file with their 1-based positions."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1
        self.column = 1

    def _advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.text[self.pos] == "\n":
                self.line += 1
                self.column = 1
            else:
                self.column += 1
            self.pos += 1

    def next(self) -> _Token:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self._advance()
        line, column = self.line, self.column
        if self.pos >= len(text):
            return _Token("eof", "", line, column)
        c = text[self.pos]
        if c in "{},":
            self._advance()
            return _Token(c, c, line, column)
        if c == '"':
            return self._string(line, column)
        if c.isdigit() or c in "+-.":
            m = _NUMBER.match(text, self.pos)
            end = m.end() if m else self.pos
            stop = end
            while stop < len(text) and text[stop] not in _DELIMITERS:
                stop += 1
            if m is None or stop != end:
                raise _Error(line, column, f"malformed number {text[self.pos:stop]!r}; "
                                           "expected an integer, a fraction like 3/2 or a decimal like 2.5")
            self._advance(end - self.pos)
            return _Token("number", m.group(0), line, column)
        start = self.pos
        while self.pos < len(text) and not text[self.pos].isspace() and text[self.pos] not in '{},"':
            self._advance()
        return _Token("symbol", text[start:self.pos], line, column)

    def _string(self, line: int, column: int) -> _Token:
        self._advance()  # opening quote
        out = []
        text = self.text
        while True:
            if self.pos >= len(text):
                raise _Error(line, column, "string not closed: the file ends before its closing quote")
            c = text[self.pos]
            if c == '"':
                self._advance()
                return _Token("text", "".join(out), line, column)
            if c == "\\" and self.pos + 1 < len(text) and text[self.pos + 1] in '"\\':
                out.append(text[self.pos + 1])
                self._advance(2)
                continue
            out.append(c)
            self._advance()


def _describe(token: _Token) -> str:
    if token.kind == "eof":
        return "the end of the file"
    if token.kind == "text":
        return f'the string "{token.text}"'
    return repr(token.text)


class _Parser:
    def __init__(self, text: str):
        self.lexer = _Lexer(text)
        self.token = self.lexer.next()

    def advance(self) -> _Token:
        token = self.token
        self.token = self.lexer.next()
        return token

    def expect(self, kind: str, what: str) -> _Token:
        if self.token.kind != kind:
            raise _Error(self.token.line, self.token.column, f"expected {what}, found {_describe(self.token)}")
        return self.advance()

    def number(self, what: str) -> tuple[sympy.Rational, _Token]:
        token = self.expect("number", what)
        try:
            return parse_number(token.text), token
        except ValueError as error:
            raise _Error(token.line, token.column, f"bad number {token.text!r}: {error}") from None

    def count(self, what: str) -> tuple[int, _Token]:
        value, token = self.number(what)
        if not value.is_Integer or value < 0:
            raise _Error(token.line, token.column, f"expected {what} (a whole number), found {token.text!r}")
        return int(value), token


def _header(p: _Parser):
    token = p.token
    if token.kind != "symbol" or token.text != "NFG":
        raise _Error(token.line, token.column,
                     f"expected the file type NFG at the start of a Gambit strategic-form file, found {_describe(token)}")
    p.advance()
    version = p.expect("number", "the format version 1")
    if version.text != "1":
        raise _Error(version.line, version.column, f"expected the format version 1, found {version.text!r}")
    kind = p.token
    if kind.kind != "symbol" or kind.text not in ("R", "D"):
        raise _Error(kind.line, kind.column, f"expected the number type R (rational) or D (double), found {_describe(kind)}")
    p.advance()
    title = p.expect("text", "the game's title in double quotes").text
    opening = p.expect("{", "'{' before the players' names")
    players: list[_Token] = []
    while p.token.kind == "text":
        players.append(p.advance())
    p.expect("}", "a player's name in double quotes or '}'")
    if len(players) < 2:
        raise _Error(opening.line, opening.column, f"expected two or more players, found {len(players)}")
    p.expect("{", "'{' before the strategies")
    strategies: list[list[_Token]] = []
    if p.token.kind == "{":
        for _ in players:
            p.expect("{", "'{' before a player's strategy names")
            names: list[_Token] = []
            while p.token.kind == "text":
                names.append(p.advance())
            close = p.expect("}", "a strategy name in double quotes or '}'")
            if not names:
                raise _Error(close.line, close.column, "expected at least one strategy name")
            strategies.append(names)
    else:
        for _ in players:
            n, token = p.count("the number of a player's strategies")
            if n < 1:
                raise _Error(token.line, token.column, "expected at least one strategy")
            strategies.append([_Token("text", str(k + 1), token.line, token.column) for k in range(n)])
    p.expect("}", "'}' after the strategies (one entry per player)")
    comment = p.advance().text if p.token.kind == "text" else ""
    return title, players, strategies, comment


def _names(tokens: list[_Token], what: str, default) -> tuple[str, ...]:
    names = []
    seen: dict[str, _Token] = {}
    for k, token in enumerate(tokens):
        name = token.text if token.text.strip() else default(k)
        if "," in name:
            raise _Error(token.line, token.column,
                         f"{what} name {name!r} contains a comma; rename it (spec names contain no comma)")
        if name in seen:
            raise _Error(token.line, token.column,
                         f"{what} name {name!r} appears twice; names must be distinct, rename one")
        seen[name] = token
        names.append(name)
    return tuple(names)


def _body(p: _Parser, n_players: int, shape: tuple[int, ...]) -> dict:
    """Payoffs by profile (tuple of strategy indices)."""
    # Gambit's order: the first player's strategy changes fastest.
    profiles = [tuple(reversed(t)) for t in itertools.product(*(range(k) for k in reversed(shape)))]
    cells: dict = {}
    if p.token.kind == "{":
        p.advance()
        outcomes: list[tuple] = []
        while p.token.kind == "{":
            p.advance()
            p.expect("text", "the outcome's label in double quotes")
            values = []
            for i in range(n_players):
                value, _ = p.number(f"player {i + 1}'s payoff in outcome {len(outcomes) + 1}")
                values.append(value)
                if p.token.kind == ",":
                    p.advance()
            p.expect("}", f"'}}' closing outcome {len(outcomes) + 1} ({n_players} payoffs)")
            outcomes.append(tuple(values))
        p.expect("}", "'{' opening an outcome or '}' closing the outcome list")
        zero = (sympy.Integer(0),) * n_players
        for profile in profiles:
            index, token = p.count(f"the outcome number of profile {_profile_words(profile)}")
            if index > len(outcomes):
                raise _Error(token.line, token.column,
                             f"outcome {index} does not exist; the file lists {len(outcomes)} outcomes (0 is the null outcome)")
            cells[profile] = outcomes[index - 1] if index else zero
    elif p.token.kind == "number":
        for profile in profiles:
            values = []
            for i in range(n_players):
                value, _ = p.number(f"player {i + 1}'s payoff at profile {_profile_words(profile)}")
                values.append(value)
            cells[profile] = tuple(values)
    else:
        raise _Error(p.token.line, p.token.column,
                     f"expected the payoffs (numbers) or the outcome list ('{{'), found {_describe(p.token)}")
    if p.token.kind != "eof":
        count = len(profiles)
        raise _Error(p.token.line, p.token.column,
                     f"expected the end of the file after the {count} profiles, found {_describe(p.token)}")
    return cells


def _profile_words(profile) -> str:
    return "(" + ", ".join(str(k + 1) for k in profile) + ")"


def load_nfg(text: str, name: str = "<nfg>") -> Spec:
    """Read a Gambit ``.nfg`` file (payoff or outcome version) into a :class:`Spec`.

    Parameters
    ----------
    text : str
        The file's text.
    name : str
        The file name used in error messages and stored as ``Spec.file``.

    Returns
    -------
    Spec
        A numeric spec with every profile's payoffs, exact.

    Raises
    ------
    SpecError
        For any problem, located at ``line:column``.

    Examples
    --------
    >>> spec = load_nfg('NFG 1 R "Pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1', "pennies.nfg")
    >>> spec.strategies
    (('1', '2'), ('1', '2'))
    >>> spec.payoffs[0][1][1]
    ((0, 1), (-1, 1))
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        p = _Parser(text)
        title, player_tokens, strategy_tokens, comment = _header(p)
        players = _names(player_tokens, "player", lambda k: f"Player {k + 1}")
        strategies = tuple(_names(tokens, "strategy", lambda k: str(k + 1)) for tokens in strategy_tokens)
        shape = tuple(len(s) for s in strategies)
        cells = _body(p, len(players), shape)
    except _Error as error:
        raise SpecError([Problem(name, error.line, error.column, error.message)]) from None
    table = tuple((profile, cells[profile]) for profile in itertools.product(*(range(k) for k in shape)))
    return Spec(
        file=name,
        title=title,
        players=players,
        strategies=strategies,
        payoffs=(((), table),),
        description=comment,
        text=text,
    )
