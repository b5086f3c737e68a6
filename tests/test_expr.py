"""Tests of the safe expression language (gametheory.expr)."""

from __future__ import annotations

import decimal
import fractions
import time

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory.errors import ExprError
from gametheory.expr import (
    MAX_DEPTH,
    is_name,
    parse_expr,
    parse_relations,
    symbol,
    to_exact,
    to_text,
)

R = sympy.Rational
x, y, z = symbol("x"), symbol("y"), symbol("z")


# ------------------------------------------------------------------------------------ literals


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.1", R(1, 10)),
        ("1e-3", R(1, 1000)),
        ("1E3", 1000),
        ("1e+3", 1000),
        (".5", R(1, 2)),
        ("5.", 5),
        ("2.50", R(5, 2)),
        ("0", 0),
        ("0.0", 0),
        ("1/3", R(1, 3)),
        ("2^3^2", 512),
        ("2**3**2", 512),
        ("(2^3)^2", 64),
        ("-2^2", -4),
        ("(-2)^2", 4),
        ("2^-1", R(1, 2)),
        ("2^-1^2", R(1, 2)),
        ("-3 - -3", 0),
        ("+3", 3),
        ("1 - 2 - 3", -4),
        ("12 / 4 / 3", 1),
        ("2 * 3 + 4 * 5", 26),
        ("2 * (3 + 4) * 5", 70),
        ("0.1 + 0.2", R(3, 10)),
        ("1e-1000", R(1, 10**1000)),
        ("4^(1/2)", 2),
        ("2^1000", 2**1000),
        ("2^-1000", R(1, 2**1000)),
    ],
)
def test_numbers_are_exact(text, value):
    result = parse_expr(text)
    assert result == value
    assert result.is_Rational
    assert not result.has(sympy.Float)


def test_names_are_plain_real_symbols():
    names = ["S", "E", "I", "N", "O", "Q", "pi", "beta", "n_Ally", "_x", "x1"]
    for name in names:
        value = parse_expr(name)
        assert value == sympy.Symbol(name, real=True)
        assert value is symbol(name)
        assert value.is_Symbol and value.is_real
    assert parse_expr("E") != sympy.E
    assert parse_expr("I") != sympy.I
    assert parse_expr("pi") != sympy.pi
    assert parse_expr("S + E + I + N + O + Q + pi").free_symbols == {symbol(n) for n in "SEINOQ"} | {symbol("pi")}


def test_symbol_is_cached_and_real():
    assert symbol("T") is symbol("T")
    assert symbol("T").is_real is True


def test_the_six_functions():
    assert parse_expr("sqrt(x)") == sympy.sqrt(x)
    assert parse_expr("exp(x)") == sympy.exp(x)
    assert parse_expr("log(x)") == sympy.log(x)
    assert parse_expr("min(x, y)") == sympy.Min(x, y)
    assert parse_expr("min(x, y, z)") == sympy.Min(x, y, z)
    assert parse_expr("max(x, 1)") == sympy.Max(x, 1)
    assert parse_expr("abs(x - y)") == sympy.Abs(x - y)
    assert parse_expr("sqrt(4)") == 2
    assert parse_expr("min(1/2, 1/3)") == R(1, 3)
    assert parse_expr("exp(0)") == 1
    assert parse_expr("log(1)") == 0
    assert parse_expr("abs(-3/2)") == R(3, 2)


def test_precedence_like_python():
    assert parse_expr("x + y * z") == x + y * z
    assert parse_expr("x / y * z") == x * z / y
    assert parse_expr("x / (y * z)") == x / (y * z)
    assert parse_expr("-x^2") == -(x**2)
    assert parse_expr("x^y^z") == x ** (y**z)
    assert parse_expr("x^-y") == x ** (-y)
    assert parse_expr("2*x") == 2 * x


def test_names_mapping_and_collection():
    T, P = symbol("T"), symbol("P")
    assert parse_expr("T - P", ["T", "P"]) == T - P
    assert parse_expr("W + 1", {"W": T - P}) == T - P + 1
    with pytest.raises(ExprError) as err:
        parse_expr("T - Q", ["T", "P"])
    assert err.value.message == "unknown name 'Q'; the known names are P, T"
    assert err.value.column == 4


@pytest.mark.parametrize(
    "text, names, message, column",
    [
        ("Tt + R", ["T", "R"], "unknown name 'Tt'; did you mean 'T'?", 0),
        ("r + T", ["T", "R"], "unknown name 'r'; did you mean 'R'?", 0),
        ("T + zeta", ["T", "R"], "unknown name 'zeta'; the known names are R, T", 4),
        ("a", [], "unknown name 'a'; no names are known here", 0),
        ("T(1 + R)", ["T", "R"], "'T' is not a function; write T*(...) for a product", 0),
    ],
)
def test_unknown_names(text, names, message, column):
    with pytest.raises(ExprError) as err:
        parse_expr(text, names)
    assert err.value.message == message
    assert err.value.column == column


def test_unknown_name_hint():
    with pytest.raises(ExprError) as err:
        parse_expr("q", ["T"], hint="declare it under 'parameters'")
    assert err.value.message == "unknown name 'q'; the known names are T (declare it under 'parameters')"


# ----------------------------------------------------------------------------------- refusals

HOSTILE = [
    ("__import__('os')", 0, "unknown function '__import__'; the functions are sqrt, exp, log, min, max, abs"),
    ("__import__('os').system('ls')", 0, "unknown function '__import__'; the functions are sqrt, exp, log, min, max, abs"),
    ("a.b", 1, "attribute access ('.') is not allowed in an expression"),
    ("x.__class__", 1, "attribute access ('.') is not allowed in an expression"),
    ("lambda: 1", 0, "'lambda' is a Python keyword and is not part of the expression language (no lambdas, conditionals, comprehensions or imports)"),
    ("x if y else z", 2, "'if' is a Python keyword and is not part of the expression language (no lambdas, conditionals, comprehensions or imports)"),
    ("[x for x in y]", 0, "brackets ('[') are not allowed in an expression (no lists or subscripts); use parentheses"),
    ("x[0]", 1, "brackets ('[') are not allowed in an expression (no lists or subscripts); use parentheses"),
    ('"s"', 0, "strings are not allowed in an expression"),
    ("'s' + x", 0, "strings are not allowed in an expression"),
    ("10^10^10", 3, "exponent too large: 10000000000 (at most 1000 in absolute value)"),
    ("2**1001", 3, "exponent too large: 1001 (at most 1000 in absolute value)"),
    ("x^-1001", 2, "exponent too large: -1001 (at most 1000 in absolute value)"),
    ("(" * 5000 + "1" + ")" * 5000, 100, "expression nested too deeply (more than 100 levels)"),
    ("(" * 5000, 100, "expression nested too deeply (more than 100 levels)"),
    ("-" * 5000 + "1", 100, "expression nested too deeply (more than 100 levels)"),
    ("sqrt(" * 200 + "1" + ")" * 200, 504, "expression nested too deeply (more than 100 levels)"),
    ("x" * 20000, 10000, "expression too long (more than 10000 characters)"),
    ("((10^1000)^1000)^1000", 11, "number too large: the power would have more than 13000 bits"),
    ("1e5000", 0, "exponent of number '1e5000' is too large (at most 1000 in absolute value)"),
    ("1e99999999999999999999999", 0, "exponent of number '1e99999999999999999999999' is too large (at most 1000 in absolute value)"),
    ("1" * 4001, 0, "number has more than 4000 digits; use a parameter instead"),
    ("exp(1000000*log(10))", 0, "exponent too large: 1000000 (at most 1000 in absolute value)"),
    ("exp(1000*log(10^100))", 0, "number too large: the power would have more than 13000 bits"),
    ("True", 0, "'True' is not allowed: expressions have no booleans or None"),
    ("x + None", 4, "'None' is not allowed: expressions have no booleans or None"),
    ("x = 1", 2, "'=' is not allowed in an expression; write '==' for an equality in assumptions"),
    ("(x := 1)", 3, "assignment (':=') is not allowed in an expression"),
    ("*x", 0, "expected a number, a name or '(' before '*'"),
    ("x, y", 1, "',' is only allowed between the arguments of a function (no tuples)"),
    ("x < y", 2, "comparison '<' is not allowed here; comparisons belong in 'assumptions'"),
    ("f(x)", 0, "unknown function 'f'; the functions are sqrt, exp, log, min, max, abs"),
    ("sqr(x)", 0, "unknown function 'sqr'; did you mean 'sqrt'?; the functions are sqrt, exp, log, min, max, abs"),
    ("sqrt(x, y)", 0, "function 'sqrt' takes 1 argument, got 2"),
    ("log()", 0, "function 'log' takes 1 argument, got 0"),
    ("min(min(a, b, c, d), min(e, f, g, h), min(i, j, k))", 0, "function 'min' takes 2 to 10 arguments, got 11 once the min inside it are merged"),
    ("min(x)", 0, "function 'min' takes 2 to 10 arguments, got 1"),
    ("max(" + ", ".join(f"x{i}" for i in range(11)) + ")", 0, "function 'max' takes 2 to 10 arguments, got 11"),
    ("min(x=1, y=2)", 5, "'=' is not allowed in an expression; write '==' for an equality in assumptions"),
    ("exp", 0, "function 'exp' needs its argument in parentheses: exp(...)"),
    ("x // 2", 2, "'//' (floor division) is not allowed; '/' is exact division"),
    ("x % 2", 2, "'%' is not allowed; the operators are + - * / ^"),
    ("{}", 0, "braces ('{') are not allowed in an expression"),
    ("010", 0, "number '010' has a leading zero; write 10 (some readers take a leading zero for an octal number)"),
    ("0o10", 0, "number '0o10' is not allowed; only decimal numbers are (write it in base 10)"),
    ("0x1F", 0, "number '0x1F' is not allowed; only decimal numbers are (write it in base 10)"),
    ("1_000", 0, "number '1_000' has '_' in it; write it without separators: 1000"),
    ("1.2.3", 0, "malformed number '1.2.3'; expected a decimal number such as 3, 0.25 or 1e-3"),
    ("2x", 0, "expected an operator between '2' and 'x'; write 2*x for a product"),
    ("x y", 2, "expected an operator before 'y'; write '*' for a product"),
    ("", 0, "empty expression; expected a number, a name or a formula"),
    ("x +", 3, "expected a number, a name or '(', found the end of the expression"),
    ("(x", 2, "expected ')' to close the '(' at column 1, found the end of the expression"),
    ("x)", 1, "expected the end of the expression, found ')'"),
    ("1/0", 1, "division by zero"),
    ("x/(y - y)", 1, "division by zero"),
    ("0^-1", 0, "division by zero (0 to a negative power)"),
    ("sqrt(-1)", 0, "the value is not a real number (a root or log of a negative number)"),
    ("log(0)", 0, "log(0) is undefined"),
    ("μ", 0, "non-ASCII letter 'μ' is not allowed in a name; write mu"),
    ("x − y", 2, "'−' (Unicode minus) is not allowed; write '-'"),
    ("x; y", 1, "';' is not allowed in an expression"),
]


@pytest.mark.parametrize("text, column, message", HOSTILE, ids=[h[0][:30] for h in HOSTILE])
def test_refused_quickly_with_exact_message(text, column, message):
    start = time.perf_counter()
    with pytest.raises(ExprError) as err:
        parse_expr(text)
    assert time.perf_counter() - start < 2, "hostile input must be refused at once, not after a long computation"
    assert err.value.message == message
    assert err.value.column == column
    assert err.value.exit_code == 2


def test_min_max_budget():
    start = time.perf_counter()
    with pytest.raises(ExprError) as err:
        parse_expr("+".join(f"max(x{i}, y{i})" for i in range(21)))
    assert time.perf_counter() - start < 1
    assert err.value.message == (
        "too many arguments of min and max in one expression (more than 40); split it into definitions under 'define'"
    )
    assert err.value.column == 260


def test_nesting_at_the_limit_is_accepted():
    assert parse_expr("(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH) == x
    with pytest.raises(ExprError):
        parse_expr("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))


def test_long_but_flat_expressions_are_fast():
    text = " + ".join(f"{i}*x{i}/7" for i in range(600))
    start = time.perf_counter()
    value = parse_expr(text)
    assert time.perf_counter() - start < 2
    assert len(value.args) == 599


def test_nothing_is_executed(tmp_path, monkeypatch):
    marker = tmp_path / "marker"
    monkeypatch.chdir(tmp_path)
    for text in [f"__import__('os').system('touch {marker}')", "open('marker', 'w')", "exec('1')", "eval('1')"]:
        with pytest.raises(ExprError):
            parse_expr(text)
    assert not marker.exists()
    assert not (tmp_path / "marker").exists()


# ----------------------------------------------------------------------------------- relations


def test_relations_chain():
    T, R_, P, S = (symbol(n) for n in "TRPS")
    assert parse_relations("T > R > P > S") == (sympy.Gt(T, R_), sympy.Gt(R_, P), sympy.Gt(P, S))
    p = symbol("p")
    assert parse_relations("0 < p < 1") == (sympy.Lt(0, p), sympy.Lt(p, 1))
    assert parse_relations("p <= 1/2") == (sympy.Le(p, R(1, 2)),)
    assert parse_relations("p >= 0") == (sympy.Ge(p, 0),)
    assert parse_relations("p == 1/2") == (sympy.Eq(p, R(1, 2)),)
    assert parse_relations("p != 1") == (sympy.Ne(p, 1),)
    # numeric relations are kept unevaluated
    (rel,) = parse_relations("1 < 2")
    assert isinstance(rel, sympy.StrictLessThan)
    (rel,) = parse_relations("x == x")
    assert isinstance(rel, sympy.Eq)


@pytest.mark.parametrize(
    "text, column, message",
    [
        ("x", 0, "expected a comparison such as 'a > b' (one of <, <=, >, >=, ==, !=), found none"),
        ("x = 1", 2, "'=' is not allowed in an expression; write '==' for an equality in assumptions"),
        ("x <", 3, "expected a number, a name or '(', found the end of the expression"),
        ("x < y z", 6, "expected an operator before 'z'; write '*' for a product"),
        ("x < y)", 5, "expected a comparison or the end of the relation, found ')'"),
        ("x ≥ 1", 2, "unexpected character '≥' in an expression"),
    ],
)
def test_relation_errors(text, column, message):
    with pytest.raises(ExprError) as err:
        parse_relations(text)
    assert err.value.message == message
    assert err.value.column == column


# ------------------------------------------------------------------------------------ to_exact


def test_to_exact():
    assert to_exact(3) == 3 and isinstance(to_exact(3), sympy.Integer)
    assert to_exact("0.1") == R(1, 10)
    assert to_exact(0.1) == R(1, 10)
    assert to_exact(1e-3) == R(1, 1000)
    assert to_exact("-3/4") == R(-3, 4)
    assert to_exact(" 2.5 ") == R(5, 2)
    assert to_exact("1e-3") == R(1, 1000)
    assert to_exact(fractions.Fraction(1, 3)) == R(1, 3)
    assert to_exact(decimal.Decimal("0.25")) == R(1, 4)
    assert to_exact(R(2, 7)) == R(2, 7)
    assert to_exact(sympy.Float("0.5")) == R(1, 2)
    with pytest.raises(ExprError):
        to_exact("abc")
    with pytest.raises(ExprError):
        to_exact("1/0")
    with pytest.raises(ExprError):
        to_exact(float("nan"))
    with pytest.raises(ExprError):
        to_exact(float("inf"))
    with pytest.raises(TypeError):
        to_exact(True)
    with pytest.raises(TypeError):
        to_exact([1])


def test_is_name():
    assert is_name("T") and is_name("n_Ally") and is_name("pi") and is_name("E")
    assert not is_name("lambda") and not is_name("sqrt") and not is_name("1x") and not is_name("a b")
    assert not is_name("μ") and not is_name("")


# ------------------------------------------------------------------------------ round trip


NAMES = ["S", "E", "I", "N", "O", "Q", "pi", "x", "y", "n_Ally", "T2"]

number_text = st.one_of(
    st.integers(0, 10**6).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]:03d}"),
    st.tuples(st.integers(1, 9), st.integers(-12, 12)).map(lambda t: f"{t[0]}e{t[1]}"),
    st.integers(1, 999).map(lambda n: f".{n}"),
)


def _leaf():
    return st.one_of(number_text.map(lambda t: ("num", t)), st.sampled_from(NAMES).map(lambda n: ("name", n)))


def _extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.just("neg"), children),
        st.tuples(st.just("pow"), children, st.sampled_from(["2", "3", "-1", "-2", "(1/2)", "(2/3)", "0"]), st.sampled_from(["^", "**"])),
        st.tuples(st.sampled_from(["sqrt", "exp", "log", "abs"]), children),
        st.tuples(st.sampled_from(["min", "max"]), children, children),
    )


trees = st.recursive(_leaf(), _extend, max_leaves=12)


class _Bad(Exception):
    """The tree divides by zero or leaves the reals: the parser must refuse it."""


class _Skip(Exception):
    """The tree builds numbers so large that the parser's size limit may apply."""


def _text(tree) -> str:
    """Print a tree fully parenthesized."""
    kind = tree[0]
    if kind in ("num", "name"):
        return tree[1]
    if kind in "+-*/":
        return f"({_text(tree[1])}) {kind} ({_text(tree[2])})"
    if kind == "neg":
        return f"-({_text(tree[1])})"
    if kind == "pow":
        return f"({_text(tree[1])}){tree[3]}{tree[2]}"
    if kind in ("min", "max"):
        return f"{kind}({_text(tree[1])}, {_text(tree[2])})"
    return f"{kind}({_text(tree[1])})"


def _value(tree):
    """Build the tree's value with sympy directly."""
    kind = tree[0]
    if kind == "num":
        mant, _, exp = tree[1].partition("e")
        whole, _, frac = mant.partition(".")
        return sympy.Rational(int((whole or "0") + frac), 10 ** len(frac)) * sympy.Rational(10) ** int(exp or 0)
    if kind == "name":
        return symbol(tree[1])
    if kind in "+-*/":
        a, b = _value(tree[1]), _value(tree[2])
        if kind == "/" and b.is_zero:
            raise _Bad
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[kind]()
    if kind == "neg":
        return -_value(tree[1])
    if kind in ("min", "max"):
        return (sympy.Min if kind == "min" else sympy.Max)(_value(tree[1]), _value(tree[2]))
    a = _value(tree[1])
    if any(r.is_Rational and max(abs(r.p), r.q).bit_length() > 1000 for r in sympy.preorder_traversal(a)):
        raise _Skip
    if kind == "pow":
        k = sympy.Rational(tree[2].strip("()"))
        if a.is_zero and k.is_negative:
            raise _Bad
        value = a**k
    else:
        if kind == "log" and a.is_zero:
            raise _Bad
        if kind == "exp" and a.has(sympy.log):
            raise _Skip  # exp(k*log(b)) is b^k, with the limits of powers (tested by name above)
        value = {"sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log, "abs": sympy.Abs}[kind](a)
    if value.is_extended_real is False or value.has(sympy.zoo, sympy.nan, sympy.I):
        raise _Bad
    return value


@settings(max_examples=300, deadline=None)
@given(trees)
def test_round_trip_exact(tree):
    text = _text(tree)
    assume(len(text) < 2000)
    try:
        value = _value(tree)
    except _Skip:
        assume(False)
    except _Bad:
        with pytest.raises(ExprError):
            parse_expr(text)
        return
    parsed = parse_expr(text)
    assert parsed == value
    assert not parsed.has(sympy.Float)
    printed = to_text(parsed)
    again = parse_expr(printed)
    assert parse_expr(printed.replace("**", "^")) == again
    if again != parsed:
        # sympy's automatic evaluation is not always idempotent (Abs(-Abs(S)) stays Abs(Abs(S)),
        # 10**(1/4)*sqrt(10) is combined into 10**(3/4) only when rebuilt): the value is identical
        # and a few more round trips reach a fixed point
        assert sympy.simplify(again - parsed) == 0
        for _ in range(3):
            parsed, again = again, parse_expr(to_text(again))
            if again == parsed:
                break
        assert again == parsed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="xy0123456789.e+-*/^()<=> ,_[]'\"a:lambd", max_size=40))
def test_random_text_never_crashes(text):
    for parse in (parse_expr, parse_relations):
        try:
            value = parse(text)
        except ExprError as err:
            assert 0 <= err.column <= len(text)
        else:
            for part in value if isinstance(value, tuple) else (value,):
                assert not part.has(sympy.Float)
