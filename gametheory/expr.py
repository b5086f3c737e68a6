"""The safe expression language: text to exact sympy expressions.

Conventions
-----------
* The grammar (SPEC-FORMAT.md, *Expressions*), loosest binding first::

      relations := expr (('<' | '<=' | '>' | '>=' | '==' | '!=') expr)+    # parse_relations only
      expr      := term (('+' | '-') term)*
      term      := factor (('*' | '/') factor)*
      factor    := ('+' | '-') factor | power
      power     := atom (('^' | '**') factor)?                              # right-associative
      atom      := NUMBER | NAME | FUNCTION '(' expr (',' expr)* ')' | '(' expr ')'

  This is Python's precedence: ``-2^2`` is ``-(2^2)``, ``2^3^2`` is ``2^(3^2)``, ``2^-1`` is
  ``1/2``. ``^`` and ``**`` both mean power; ``/`` is exact division.
* Numbers are decimal literals read from their source text, never through a float: ``0.1`` is
  ``1/10``, ``1e-3`` is ``1/1000``, ``.5`` is ``1/2``. Leading zeros (``010``), other bases
  (``0x10``) and digit separators (``1_000``) are refused, because readers disagree on them.
* Every name is a plain real symbol made by :func:`symbol` (or what the caller maps it to):
  ``S``, ``E``, ``I``, ``N``, ``O``, ``Q`` and ``pi`` are ordinary names, never sympy's constants.
* The functions are ``sqrt exp log min max abs`` (sympy ``sqrt``, ``exp``, ``log``, ``Min``,
  ``Max``, ``Abs``); ``min`` and ``max`` take 2 to 10 arguments (at most
  :data:`MAX_MINMAX_ARGUMENTS` in one expression, as sympy compares them pairwise), the others one.
* Limits: text of at most :data:`MAX_LENGTH` characters, nesting (parentheses, unary signs,
  exponents) at most :data:`MAX_DEPTH` levels, a numeric exponent at most :data:`MAX_EXPONENT`
  in absolute value, exact numbers of at most :data:`MAX_BITS` bits. Each limit is checked
  before the work it guards, so hostile text is refused in microseconds.
* Errors are :class:`~gametheory.errors.ExprError` with a 0-based column offset into the text.

The parser is a hand-written recursive-descent parser over a hand-written tokenizer: no text is
ever handed to Python's ``eval``, to :mod:`ast`, or to sympy's ``sympify``/``parse_expr``. Sympy
objects are built directly (``Add``, ``Mul``, ``Pow``, ``Rational``, ...).
"""

from __future__ import annotations

import difflib
import fractions
import decimal
import functools
import keyword
import math
import numbers
import re
import unicodedata
from collections.abc import Collection, Mapping

import sympy

from .errors import ExprError

__all__ = [
    "FUNCTIONS",
    "MAX_BITS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "is_name",
    "parse_expr",
    "parse_relations",
    "symbol",
    "to_exact",
    "to_text",
]

#: Longest expression text accepted, in characters.
MAX_LENGTH = 10_000
#: Deepest nesting accepted (parentheses, function calls, unary signs, exponents).
MAX_DEPTH = 100
#: Largest absolute value of a numeric exponent (in ``x^k`` and in ``1e-k``).
MAX_EXPONENT = 1000
#: Largest exact number accepted, in bits of its numerator or denominator (about 3900 digits).
MAX_BITS = 13_000
#: Most arguments of min and max in one expression, all calls together (sympy compares them
#: pairwise, which is slow).
MAX_MINMAX_ARGUMENTS = 40
#: Most digits in one number literal (every number within MAX_BITS can be written).
MAX_DIGITS = 4000

#: The functions of the language: name -> (sympy function, least and most number of arguments).
FUNCTIONS: dict[str, tuple[object, int, int]] = {
    "sqrt": (sympy.sqrt, 1, 1),
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 1),
    "min": (sympy.Min, 2, 10),
    "max": (sympy.Max, 2, 10),
    "abs": (sympy.Abs, 1, 1),
}

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER_RE = re.compile(r"(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?")
_WORD_RE = re.compile(r"[\w.]+")
_RELATIONS = {
    "<": sympy.StrictLessThan,
    "<=": sympy.LessThan,
    ">": sympy.StrictGreaterThan,
    ">=": sympy.GreaterThan,
    "==": sympy.Eq,
    "!=": sympy.Ne,
}
_BOOLEANS = {"True", "False", "None"}
_KEYWORDS = frozenset(keyword.kwlist)


@functools.lru_cache(maxsize=None)
def symbol(name: str) -> sympy.Symbol:
    """Return the parameter symbol ``name``: ``sympy.Symbol(name, real=True)``.

    This is the one way to make parameter symbols, so that the same name always gives the same
    (cached) symbol in every module.
    """
    return sympy.Symbol(name, real=True)


def is_name(text: str) -> bool:
    """Whether ``text`` can be a name in an expression (ASCII identifier, not a keyword or function)."""
    return (
        isinstance(text, str)
        and _NAME_RE.fullmatch(text) is not None
        and text not in _KEYWORDS
        and text not in FUNCTIONS
    )


# --------------------------------------------------------------------------------------- numbers


def _check_size(value: sympy.Rational, column: int) -> None:
    if value.p.bit_length() > MAX_BITS or value.q.bit_length() > MAX_BITS:
        raise ExprError(f"number too large (more than {MAX_BITS} bits); use a parameter instead", column)


def _decimal_literal(text: str, column: int = 0) -> sympy.Rational:
    """Value of a decimal literal already matched by ``_NUMBER_RE`` (exact, no float)."""
    m = _NUMBER_RE.fullmatch(text)
    assert m is not None
    whole, frac, only_frac, exp = m.groups()
    if only_frac is not None:
        whole, frac = "0", only_frac
    frac = frac or ""
    if len(whole) > 1 and whole[0] == "0":
        raise ExprError(
            f"number '{text}' has a leading zero; write {whole.lstrip('0') or '0'}{'.' + frac if frac else ''}"
            " (some readers take a leading zero for an octal number)",
            column,
        )
    digits = whole + frac
    if len(digits) > MAX_DIGITS:
        raise ExprError(f"number has more than {MAX_DIGITS} digits; use a parameter instead", column)
    e = 0
    if exp is not None:
        # the exponent text is short enough: the whole literal is capped by MAX_LENGTH, and we
        # check its length before int() so that int() never sees thousands of digits
        if len(exp.lstrip("+-").lstrip("0")) > 5 or abs(int(exp)) > MAX_EXPONENT:
            raise ExprError(
                f"exponent of number '{text}' is too large (at most {MAX_EXPONENT} in absolute value)",
                column,
            )
        e = int(exp)
    e -= len(frac)
    mantissa = int(digits)
    value = sympy.Integer(mantissa * 10**e) if e >= 0 else sympy.Rational(mantissa, 10**-e)
    _check_size(value, column)
    return value


def to_exact(x) -> sympy.Rational:
    """Return ``x`` as an exact sympy number (``Integer`` or ``Rational``).

    The one entry point for numbers. ``int``, ``fractions.Fraction``, ``decimal.Decimal``, sympy
    rationals, and strings holding a decimal literal with an optional sign and an optional
    ``/denominator`` (``"0.1"``, ``"-3/4"``, ``"1e-3"``) are converted exactly; a ``float`` is read
    through its shortest decimal representation (``Rational(str(x))``, so ``0.1`` gives ``1/10``),
    never through its binary value.

    Raises
    ------
    ExprError
        For a string that is not such a number, and for NaN or infinity.
    TypeError
        For any other type (including ``bool``).
    """
    if isinstance(x, bool) or isinstance(x, sympy.logic.boolalg.Boolean):
        raise TypeError(f"expected a number, got a boolean: {x!r}")
    if isinstance(x, sympy.Rational):
        return x
    if isinstance(x, numbers.Integral):
        return sympy.Integer(int(x))
    if isinstance(x, fractions.Fraction):
        return sympy.Rational(x.numerator, x.denominator)
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise ExprError(f"expected a finite number, got {x}")
        return _string_number(str(x))
    if isinstance(x, sympy.Float):
        if not x.is_finite:
            raise ExprError(f"expected a finite number, got {x}")
        return _string_number(str(x))
    if isinstance(x, float) or isinstance(x, numbers.Real) and not isinstance(x, sympy.Basic):
        x = float(x)
        if not math.isfinite(x):
            raise ExprError(f"expected a finite number, got {x}")
        return _string_number(repr(x))
    if isinstance(x, str):
        return _string_number(x)
    raise TypeError(f"expected a number, got {type(x).__name__}: {x!r}")


def _string_number(text: str) -> sympy.Rational:
    s = text.strip()
    sign = 1
    if s[:1] in "+-" and s:
        sign = -1 if s[0] == "-" else 1
        s = s[1:].lstrip()
    parts = s.split("/")
    if len(parts) > 2 or not all(_NUMBER_RE.fullmatch(p.strip()) for p in parts):
        raise ExprError(f"expected a number such as 3, -0.5, 1e-3 or 2/3, got '{text}'")
    value = _decimal_literal(parts[0].strip())
    if len(parts) == 2:
        den = _decimal_literal(parts[1].strip())
        if den == 0:
            raise ExprError(f"division by zero in '{text}'")
        value = value / den
    return sign * value


# ------------------------------------------------------------------------------------- tokenizer

# token kinds: "num", "name", "op", "(", ")", ",", "end", "error"
_OPERATORS = ("**", "<=", ">=", "==", "!=", "+", "-", "*", "/", "^", "<", ">")
_REFUSED_OPERATORS = {
    "//": "'//' (floor division) is not allowed; '/' is exact division",
    "%": "'%' is not allowed; the operators are + - * / ^",
    "@": "'@' is not allowed; the operators are + - * / ^",
    "&": "'&' is not allowed; the operators are + - * / ^",
    "|": "'|' is not allowed; the operators are + - * / ^",
    "~": "'~' is not allowed; the operators are + - * / ^",
    "<<": "'<<' is not allowed; the operators are + - * / ^",
    ">>": "'>>' is not allowed; the operators are + - * / ^",
    ":=": "assignment (':=') is not allowed in an expression",
    "=": "'=' is not allowed in an expression; write '==' for an equality in assumptions",
    "!": "'!' is not allowed; write '!=' for 'not equal' in assumptions",
    ":": "':' is not allowed in an expression (lambdas, slices and dictionaries are not part of the language)",
    ";": "';' is not allowed in an expression",
    ".": "attribute access ('.') is not allowed in an expression",
    "[": "brackets ('[') are not allowed in an expression (no lists or subscripts); use parentheses",
    "]": "brackets (']') are not allowed in an expression (no lists or subscripts); use parentheses",
    "{": "braces ('{') are not allowed in an expression",
    "}": "braces ('}') are not allowed in an expression",
    "'": "strings are not allowed in an expression",
    '"': "strings are not allowed in an expression",
    "`": "'`' is not allowed in an expression",
    "#": "'#' (a comment) is not allowed in an expression",
    "\\": "'\\' is not allowed in an expression",
    "$": "'$' is not allowed in an expression",
    "?": "'?' is not allowed in an expression",
}
_WHITESPACE = " \t\r\n"


def _tokens(text: str):
    """Yield ``(kind, value, column)`` tokens; a bad character gives one ``error`` token and stops."""
    text = text[: MAX_LENGTH + 1]  # whatever lies beyond is refused unread
    i, n = 0, len(text)
    while i < n:
        if i >= MAX_LENGTH:
            yield ("error", f"expression too long (more than {MAX_LENGTH} characters)", i)
            return
        c = text[i]
        if c in _WHITESPACE:
            i += 1
            continue
        if c.isdigit() and c.isascii() or c == "." and i + 1 < n and text[i + 1].isdigit():
            tok = _number_token(text, i)
            yield tok
            if tok[0] == "error":
                return
            i = _number_end(text, i)
            continue
        if c.isascii() and (c.isalpha() or c == "_"):
            m = _NAME_RE.match(text, i)
            word = m.group()
            if word in _BOOLEANS:
                yield ("error", f"'{word}' is not allowed: expressions have no booleans or None", i)
                return
            if word in _KEYWORDS:
                yield (
                    "error",
                    f"'{word}' is a Python keyword and is not part of the expression language "
                    "(no lambdas, conditionals, comprehensions or imports)",
                    i,
                )
                return
            yield ("name", word, i)
            i = m.end()
            continue
        if c in "(),":
            yield (c, c, i)
            i += 1
            continue
        two = text[i : i + 2]
        if two in _REFUSED_OPERATORS:
            yield ("error", _REFUSED_OPERATORS[two], i)
            return
        if two in _OPERATORS:
            yield ("op", two, i)
            i += 2
            continue
        if c in _OPERATORS:
            yield ("op", c, i)
            i += 1
            continue
        if c in _REFUSED_OPERATORS:
            yield ("error", _REFUSED_OPERATORS[c], i)
            return
        yield ("error", _bad_character(c), i)
        return
    if n > MAX_LENGTH:
        yield ("error", f"expression too long (more than {MAX_LENGTH} characters)", MAX_LENGTH)
        return
    yield ("end", "", n)


def _number_end(text: str, i: int) -> int | None:
    """End of a well-formed number literal at ``i``, or ``None`` if it is malformed."""
    m = _NUMBER_RE.match(text, i)
    end = m.end()
    if end < len(text) and (text[end].isalnum() or text[end] in "_."):
        return None
    return end


def _number_token(text: str, i: int):
    end = _number_end(text, i)
    if end is not None:
        literal = text[i:end]
        try:
            return ("num", _decimal_literal(literal, i), i)
        except ExprError as err:
            return ("error", err.message, err.column)
    word = _WORD_RE.match(text, i).group()
    low = word.lower()
    if low[:2] in ("0x", "0o", "0b"):
        msg = f"number '{word}' is not allowed; only decimal numbers are (write it in base 10)"
    elif "_" in word and re.fullmatch(r"[\d_.eE+-]+", word):
        msg = f"number '{word}' has '_' in it; write it without separators: {word.replace('_', '')}"
    else:
        m = _NUMBER_RE.match(text, i)
        rest = text[m.end() :]
        name = _NAME_RE.match(rest)
        if name and m.group():
            msg = (
                f"expected an operator between '{m.group()}' and '{name.group()}'; "
                f"write {m.group()}*{name.group()} for a product"
            )
        else:
            msg = f"malformed number '{word}'; expected a decimal number such as 3, 0.25 or 1e-3"
    return ("error", msg, i)


def _bad_character(c: str) -> str:
    if c.isalpha():
        try:
            uname = unicodedata.name(c)
        except ValueError:
            uname = ""
        if uname.startswith("GREEK"):
            word = uname.split()[-1].lower()
            if "CAPITAL" in uname:
                word = word.capitalize()
            return f"non-ASCII letter '{c}' is not allowed in a name; write {word}"
        return f"non-ASCII letter '{c}' is not allowed in a name; names are ASCII letters, digits and '_'"
    if c.isspace():
        return f"unexpected white space character {c!r}; use plain spaces"
    if c == "−":
        return "'−' (Unicode minus) is not allowed; write '-'"
    if c in "×·":
        return f"'{c}' is not allowed; write '*' for a product"
    return f"unexpected character {c!r} in an expression"


# ---------------------------------------------------------------------------------------- parser


def _suggest(word: str, candidates) -> str | None:
    candidates = sorted(set(candidates))
    for cand in candidates:
        if cand.lower() == word.lower():
            return cand
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def _describe(tok) -> str:
    kind, value, _ = tok
    if kind == "end":
        return "the end of the expression"
    if kind == "num":
        return f"number {value}"
    if kind == "name":
        return f"'{value}'"
    return f"'{value}'"


class _Parser:
    def __init__(self, text: str, names, hint: str):
        self.text = text
        self.names = names
        self.hint = hint
        self.tokens = _tokens(text)
        self.tok = next(self.tokens)
        self.prev = None
        self.depth = 0
        self.minmax = 0

    # token handling -----------------------------------------------------------------------
    def advance(self):
        self.prev = self.tok
        self.tok = next(self.tokens)
        if self.tok[0] == "error":
            raise ExprError(self.tok[1], self.tok[2])

    def start(self):
        if self.tok[0] == "error":
            raise ExprError(self.tok[1], self.tok[2])
        if self.tok[0] == "end":
            raise ExprError("empty expression; expected a number, a name or a formula", 0)

    def enter(self, column: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression nested too deeply (more than {MAX_DEPTH} levels)", column)

    def leave(self):
        self.depth -= 1

    def unexpected(self, expected: str):
        kind, value, col = self.tok
        if kind == "op" and value in _RELATIONS and expected == "the end of the expression":
            raise ExprError(
                f"comparison '{value}' is not allowed here; comparisons belong in 'assumptions'", col
            )
        if kind in ("name", "num", "(") and self.prev is not None and self.prev[0] in ("num", "name", ")"):
            raise ExprError(
                f"expected an operator before {_describe(self.tok)}; write '*' for a product", col
            )
        if kind == "," :
            raise ExprError("',' is only allowed between the arguments of a function (no tuples)", col)
        raise ExprError(f"expected {expected}, found {_describe(self.tok)}", col)

    # grammar --------------------------------------------------------------------------------
    def parse_all(self):
        self.start()
        value = self.expr()
        if self.tok[0] != "end":
            self.unexpected("the end of the expression")
        return value

    def parse_relations(self):
        self.start()
        start = self.tok[2]
        sides = [self.expr()]
        ops = []
        while self.tok[0] == "op" and self.tok[1] in _RELATIONS:
            ops.append(self.tok)
            self.advance()
            sides.append(self.expr())
        if self.tok[0] != "end":
            if ops:
                self.unexpected("a comparison or the end of the relation")
            self.unexpected("a comparison (<, <=, >, >=, ==, !=)")
        if not ops:
            raise ExprError(
                "expected a comparison such as 'a > b' (one of <, <=, >, >=, ==, !=), found none", start
            )
        return tuple(
            _RELATIONS[op[1]](left, right, evaluate=False) for op, left, right in zip(ops, sides, sides[1:])
        )

    def expr(self):
        terms = [self.term()]
        while self.tok[0] == "op" and self.tok[1] in "+-":
            op = self.tok
            self.advance()
            t = self.term()
            terms.append(-t if op[1] == "-" else t)
            if len(terms) > 64:  # keep sympy's flattening linear overall
                terms = [self.sized(sympy.Add(*terms), op[2])]
        return self.sized(sympy.Add(*terms), self.prev[2])

    def term(self):
        factors = [self.factor()]
        while self.tok[0] == "op" and self.tok[1] in ("*", "/"):
            op = self.tok
            self.advance()
            f = self.factor()
            if op[1] == "/":
                if f.is_zero:
                    raise ExprError("division by zero", op[2])
                f = sympy.Pow(f, -1)
            factors.append(f)
            if len(factors) > 64:
                factors = [self.sized(sympy.Mul(*factors), op[2])]
        return self.sized(sympy.Mul(*factors), self.prev[2])

    def factor(self):
        if self.tok[0] == "op" and self.tok[1] in "+-":
            op = self.tok
            self.enter(op[2])
            self.advance()
            value = self.factor()
            self.leave()
            return -value if op[1] == "-" else value
        return self.power()

    def power(self):
        base_col = self.tok[2]
        base = self.atom()
        if self.tok[0] == "op" and self.tok[1] in ("^", "**"):
            op = self.tok
            self.enter(op[2])
            self.advance()
            exp_col = self.tok[2]
            exponent = self.factor()
            self.leave()
            return self.make_power(base, exponent, base_col, exp_col)
        return base

    def atom(self):
        kind, value, col = self.tok
        if kind == "num":
            self.advance()
            return value
        if kind == "name":
            self.advance()
            if self.tok[0] == "(":
                return self.call(value, col)
            return self.lookup(value, col)
        if kind == "(":
            self.enter(col)
            self.advance()
            inner = self.expr()
            if self.tok[0] != ")":
                self.unexpected(f"')' to close the '(' at column {col + 1}")
            self.advance()
            self.leave()
            return inner
        if kind == ")":
            raise ExprError("unmatched ')'", col)
        if kind == "op" and value in ("*", "**", "/", "^"):
            raise ExprError(f"expected a number, a name or '(' before '{value}'", col)
        self.unexpected("a number, a name or '('")

    def lookup(self, word: str, col: int):
        if word in FUNCTIONS:
            raise ExprError(f"function '{word}' needs its argument in parentheses: {word}(...)", col)
        names = self.names
        if names is None:
            return symbol(word)
        if isinstance(names, Mapping):
            if word in names:
                return names[word]
        elif word in names:
            return symbol(word)
        known = sorted(names)
        message = f"unknown name '{word}'"
        suggestion = _suggest(word, known)
        if suggestion is not None:
            message += f"; did you mean '{suggestion}'?"
        else:
            if known:
                shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
                message += f"; the known names are {shown}"
            else:
                message += "; no names are known here"
            if self.hint:
                message += f" ({self.hint})"
        raise ExprError(message, col)

    def call(self, name: str, col: int):
        if name not in FUNCTIONS:
            if self.names is not None and name in self.names:
                raise ExprError(
                    f"'{name}' is not a function; write {name}*(...) for a product", col
                )
            message = f"unknown function '{name}'"
            suggestion = _suggest(name, FUNCTIONS)
            if suggestion is not None:
                message += f"; did you mean '{suggestion}'?"
            message += "; the functions are " + ", ".join(FUNCTIONS)
            raise ExprError(message, col)
        func, least, most = FUNCTIONS[name]
        open_col = self.tok[2]
        self.enter(open_col)
        self.advance()
        args = []
        if self.tok[0] == ")":
            pass
        else:
            args.append(self.expr())
            while self.tok[0] == ",":
                self.advance()
                args.append(self.expr())
        if self.tok[0] != ")":
            self.unexpected(f"',' or ')' to close the call of {name}")
        self.advance()
        self.leave()
        if len(args) < least or len(args) > most:
            if least == most:
                want = f"{least} argument" + ("s" if least != 1 else "")
            else:
                want = f"{least} to {most} arguments"
            raise ExprError(f"function '{name}' takes {want}, got {len(args)}", col)
        if name in ("min", "max"):
            merged = sum(len(a.args) if a.func is func else 1 for a in args)
            if merged > most:
                raise ExprError(
                    f"function '{name}' takes {least} to {most} arguments, got {merged} once the {name} inside it "
                    "are merged",
                    col,
                )
            self.minmax += len(args)
            if self.minmax > MAX_MINMAX_ARGUMENTS:
                raise ExprError(
                    f"too many arguments of min and max in one expression (more than {MAX_MINMAX_ARGUMENTS}); "
                    "split it into definitions under 'define'",
                    col,
                )
        if name == "log" and args[0].is_zero:
            raise ExprError("log(0) is undefined", col)
        if name == "exp":
            # sympy evaluates exp(k*log(b)) to b^k: the same limits as for '^' apply
            for term in sympy.Add.make_args(args[0]):
                logs = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.log)]
                rest = sympy.Mul(*[f for f in sympy.Mul.make_args(term) if not isinstance(f, sympy.log)])
                if len(logs) == 1 and rest.is_Number:
                    self.check_power(logs[0].args[0], rest, col)
        return self.checked(func(*args), col)

    def make_power(self, base, exponent, base_col: int, exp_col: int):
        if base.is_zero and exponent.is_Number and exponent.is_negative:
            raise ExprError("division by zero (0 to a negative power)", base_col)
        self.check_power(base, exponent, exp_col)
        return self.checked(sympy.Pow(base, exponent), base_col)

    def check_power(self, base, exponent, exp_col: int):
        """Refuse a numeric exponent beyond the limit, or a power whose numbers would be too large."""
        if exponent.is_Number:
            if abs(exponent) > MAX_EXPONENT:
                raise ExprError(
                    f"exponent too large: {_short(exponent)} (at most {MAX_EXPONENT} in absolute value)",
                    exp_col,
                )
            # the size of the numbers the power creates, before sympy computes it
            bits = _max_bits(base)
            if bits * abs(exponent) > MAX_BITS:
                raise ExprError(
                    f"number too large: the power would have more than {MAX_BITS} bits", exp_col
                )

    def checked(self, value, col: int):
        """Refuse division by zero, non-real values and numbers beyond the size limit."""
        if value.is_Number:
            if not value.is_finite:
                raise ExprError("division by zero", col)
            _check_size(value, col)
            return value
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise ExprError("division by zero", col)
        if value.is_extended_real is False or value.has(sympy.I):
            raise ExprError("the value is not a real number (a root or log of a negative number)", col)
        _check_coefficients(value, col)
        return value

    def sized(self, value, col: int):
        """Refuse numbers beyond the size limit among the coefficients of a sum or product."""
        if value.is_Number:
            _check_size(value, col)
        else:
            _check_coefficients(value, col)
        return value


def _check_coefficients(value, col: int) -> None:
    args = value.args if value.is_Add else (value,)
    for term in args:
        if term.is_Number:
            _check_size(term, col)
        elif term.is_Mul and term.args[0].is_Number:
            _check_size(term.args[0], col)


def _short(x) -> str:
    s = str(x)
    return s if len(s) <= 30 else s[:12] + "..." + s[-6:]


def _max_bits(expr) -> int:
    """Bits of the largest rational number inside ``expr`` (at least 1)."""
    best = 1
    for node in sympy.preorder_traversal(expr):
        if node.is_Rational:
            best = max(best, node.p.bit_length(), node.q.bit_length())
    return best


def _check_names(names):
    if names is None or isinstance(names, (Mapping, Collection)) and not isinstance(names, str):
        return names
    raise TypeError(f"names must be a mapping, a collection of names or None, got {type(names).__name__}")


def parse_expr(
    text: str,
    names: Mapping[str, sympy.Expr] | Collection[str] | None = None,
    *,
    hint: str = "",
) -> sympy.Expr:
    """Parse one expression of the safe language into an exact sympy expression.

    Parameters
    ----------
    text
        The expression, for example ``"(P - S)/(P - S + T - R)"``.
    names
        The names allowed in it: a mapping from a name to what it stands for (for example a
        ``define`` name to its expression), or a collection of names (each then a plain real
        symbol made by :func:`symbol`), or ``None`` to allow every name.
    hint
        Appended in parentheses to the message for an unknown name that resembles no known name
        (for example where to declare names).

    Raises
    ------
    ExprError
        For anything outside the language, with a message saying what is wrong and what was
        expected, and the 0-based column where it stands.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the text of an expression, got {type(text).__name__}")
    return _Parser(text, _check_names(names), hint).parse_all()


def parse_relations(
    text: str,
    names: Mapping[str, sympy.Expr] | Collection[str] | None = None,
    *,
    hint: str = "",
) -> tuple[sympy.Rel, ...]:
    """Parse a (chained) comparison into one unevaluated sympy relation per link.

    ``"T > R > P > S"`` gives ``(T > R, R > P, P > S)``; ``"0 < p < 1"`` gives
    ``(0 < p, p < 1)``. The comparisons are ``<``, ``<=``, ``>``, ``>=``, ``==``, ``!=``; the
    relations are built with ``evaluate=False`` so that ``1 < 2`` stays a relation. ``names`` and
    ``hint`` are as in :func:`parse_expr`.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a relation, got {type(text).__name__}")
    return _Parser(text, _check_names(names), hint).parse_relations()


# --------------------------------------------------------------------------------------- printer


_PREC_ADD, _PREC_NEG, _PREC_MUL, _PREC_POW, _PREC_ATOM = 10, 15, 20, 30, 40
_FUNCTION_NAMES = {sympy.Min: "min", sympy.Max: "max", sympy.Abs: "abs", sympy.exp: "exp", sympy.log: "log"}


def _paren(part: tuple[str, int], least: int) -> str:
    text, prec = part
    return text if prec >= least else f"({text})"


def _print(expr) -> tuple[str, int]:
    """Text of ``expr`` and the precedence of its outermost operator.

    The text follows the expression's own structure (its ``args``), so that the parser, which
    builds sums and products with ``Add(*terms)`` and ``Mul(*factors)``, rebuilds the same
    object: sympy guarantees ``expr.func(*expr.args) == expr``.
    """
    if isinstance(expr, sympy.Float):
        expr = to_exact(expr)
    if expr.is_Integer:
        return (str(expr.p), _PREC_ATOM if expr.p >= 0 else _PREC_NEG)
    if expr.is_Rational:
        return (f"{expr.p}/{expr.q}", _PREC_MUL if expr.p > 0 else _PREC_NEG)
    if expr.is_Symbol:
        return (expr.name, _PREC_ATOM)
    if expr is sympy.E:
        return ("exp(1)", _PREC_ATOM)
    if expr.is_Add:
        parts = []
        for k, term in enumerate(expr.args):
            negative = term.could_extract_minus_sign() and (term.is_Number or term.is_Mul and term.args[0].is_Number)
            if k == 0:
                parts.append(_paren(_print(term), _PREC_ADD))
            elif negative:
                parts.append(" - " + _paren(_print(-term), _PREC_ADD + 1))
            else:
                parts.append(" + " + _paren(_print(term), _PREC_ADD + 1))
        return ("".join(parts), _PREC_ADD)
    if expr.is_Mul:
        coeff, factors = expr.as_coeff_mul()
        sign = ""
        if coeff.is_negative:
            sign, coeff = "-", -coeff
        numer, denom = [], []
        if coeff.p != 1:
            numer.append(str(coeff.p))
        if coeff.q != 1:
            denom.append(str(coeff.q))
        for f in factors:
            if f.is_Pow and f.exp.is_Rational and f.exp.is_negative:
                denom.append(_paren(_print(sympy.Pow(f.base, -f.exp)), _PREC_POW))
            else:
                numer.append(_paren(_print(f), _PREC_MUL))
        text = sign + ("*".join(numer) if numer else "1") + "".join("/" + d for d in denom)
        return (text, _PREC_NEG if sign else _PREC_MUL)
    if expr.is_Pow:
        base, exp = expr.args
        if exp.is_Rational and exp.is_negative:
            return ("1/" + _paren(_print(sympy.Pow(base, -exp)), _PREC_POW), _PREC_MUL)
        if exp == sympy.S.Half:
            return (f"sqrt({_print(base)[0]})", _PREC_ATOM)
        return (f"{_paren(_print(base), _PREC_ATOM)}^{_paren(_print(exp), _PREC_ATOM)}", _PREC_POW)
    if expr.func in _FUNCTION_NAMES:
        return (f"{_FUNCTION_NAMES[expr.func]}({', '.join(_print(a)[0] for a in expr.args)})", _PREC_ATOM)
    if isinstance(expr, sympy.core.relational.Relational) and expr.rel_op in _RELATIONS:
        return (f"{_print(expr.lhs)[0]} {expr.rel_op} {_print(expr.rhs)[0]}", 0)
    raise ValueError(f"{expr} cannot be written in the expression language")


def to_text(expr) -> str:
    """Print a sympy expression (or relation) in the expression language.

    ``parse_expr(to_text(e)) == e`` for every expression that :func:`parse_expr` builds (the text
    follows the structure of ``e``), except that sympy may combine products of numeric radicals
    such as ``10**(1/4)*sqrt(10)`` differently when they are rebuilt (the value is the same).
    ``Min``/``Max``/``Abs`` print as ``min``/``max``/``abs``, Euler's number as ``exp(1)``, powers
    with ``^``.

    Raises
    ------
    ValueError
        For an object outside the language (a float NaN, ``I``, ``pi``, ``Piecewise``, ...).
    """
    return _print(sympy.sympify(expr) if isinstance(expr, int) else expr)[0]


def domain(expr) -> tuple[tuple[sympy.Basic, str], ...]:
    """The conditions under which ``expr`` is a real number: ``((relation, reason), ...)``.

    A root (a power with a fractional exponent) needs a base that is not negative (positive when
    the exponent is negative too); a power with a symbolic exponent, ``a^b``, needs a positive
    base; a logarithm a positive argument. Conditions that sympy already knows to hold (``2^b``,
    ``sqrt(x^2 + 1)``) are left out; a condition that can never hold is returned all the same (it
    is ``false``), for the caller to refuse. The spec loader adds these conditions to a game's
    assumptions, so that every payoff is real wherever the assumptions hold.
    """
    out: list[tuple[sympy.Basic, str]] = []
    seen = set()

    def need(relation, reason):
        if relation is sympy.true or relation in seen:
            return
        seen.add(relation)
        out.append((relation, reason))

    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Pow):
            base, exponent = node.args
            if exponent.is_Integer:
                continue
            if exponent.is_Rational:
                strict = exponent.is_negative
                if (base.is_positive if strict else base.is_nonnegative):
                    continue
                relation = sympy.StrictGreaterThan(base, 0) if strict else sympy.GreaterThan(base, 0)
                need(relation, f"so that {to_text(node)} is real")
            else:
                if base.is_positive:
                    continue
                need(sympy.StrictGreaterThan(base, 0), f"so that {to_text(node)} is real")
        elif isinstance(node, sympy.log):
            (argument,) = node.args
            if not argument.is_positive:
                need(sympy.StrictGreaterThan(argument, 0), f"so that {to_text(node)} is real")
    return tuple(out)
