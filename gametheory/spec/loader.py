"""Load a spec file (YAML or JSON, format version 1) into a validated :class:`~.model.Spec`.

Conventions
-----------
* The format is SPEC-FORMAT.md (version 1). Every problem found is collected, each as a
  :class:`~gametheory.errors.Problem` with the file, the 1-based line and column of the YAML node
  at fault, a message saying what is wrong and what was expected, and the node's key path
  (``payoffs.matrix[1][0]``); then :class:`~gametheory.errors.SpecError` is raised with all of
  them. Nothing is half-loaded: the result is a complete ``Spec`` or an error.
* Scalars are read from their source text (see :mod:`._yaml`): numbers stay exact, every
  expression goes through the safe expression language (:mod:`gametheory.expr`), and a name
  that YAML would read as a boolean or a number (unquoted ``No``, ``on``, ``010``) is refused
  with the advice to quote it.
* Payoffs in the ``Spec`` are in parameters only: ``define`` names are substituted. Profiles are
  tuples of strategy indices in player order; tables list every profile once, in lexicographic
  order. Ordinal ``preferences`` become ranks: the worst level is 1, the best the number of
  levels.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import sympy

from ..errors import ExprError, Problem, SpecError, UsageError
from ..expr import FUNCTIONS, domain, is_name, parse_expr, parse_relations, symbol, to_text
from . import _yaml
from ._yaml import Mapping, Scalar, Sequence, YamlProblem
from .model import AssumptionSpec, CountSpec, Location, ParameterSpec, Spec

__all__ = ["load_spec", "bundled_names", "bundled_path", "resolve", "TOP_LEVEL_KEYS"]

#: The top-level keys of format version 1.
TOP_LEVEL_KEYS = (
    "version",
    "title",
    "description",
    "source",
    "notes",
    "players",
    "strategies",
    "parameters",
    "define",
    "assumptions",
    "symmetric",
    "payoffs",
    "preferences",
    "types",
)
#: Kinds of game beyond the finite normal form, each found by its top-level key (``tree``,
#: ``choices``, ``bargaining``): the key maps to the module of this package that reads the kind.
#: Such a module offers ``KEYS`` (the top-level keys it adds, its own key among them) and
#: ``read(reader, top) -> body``: ``reader`` is the :class:`_Reader` (its ``problem``,
#: ``mapping``, ``expression``, ``names`` and ``players`` are shared), ``top`` the top-level
#: mapping (key -> (key node, value node)); it reports problems through the reader and returns
#: the kind's frozen body (stored as ``Spec.body``), or ``None`` after reporting a problem. A kind
#: spec has ``title`` and ``players`` as usual; ``strategies`` and ``payoffs`` are its module's
#: business.
KINDS: dict[str, str] = {
    "choices": "continuous",
    "tree": "tree",
    "bargaining": "bargaining",
}
#: Optional sections of a finite normal-form spec that a later analysis reads (``automata`` for
#: repeated games): key -> module of this package with ``KEYS`` and ``read(reader, top) -> value``
#: as for ``KINDS``, called after the game itself was read (``reader.players``,
#: ``reader.strategies`` are set). The value is stored in ``Spec.sections[key]``.
SECTIONS: dict[str, str] = {
    "automata": "repeated",
}


def _extension(module: str):
    import importlib

    return importlib.import_module(f"{__package__}.{module}")


def _extension_keys() -> tuple[str, ...]:
    keys: list[str] = []
    for module in list(KINDS.values()) + list(SECTIONS.values()):
        keys.extend(k for k in _extension(module).KEYS if k not in keys and k not in TOP_LEVEL_KEYS)
    return tuple(keys)


#: Most players in a ``{count: N}`` game, and most profiles in a listed payoff table.
MAX_COUNT = 1000
MAX_PROFILES = 100_000
#: Longest name accepted (players, strategies, types, parameters).
MAX_NAME = 200

# what YAML 1.1 readers such as PyYAML take for booleans (YAML 1.1 also lists y and n, but PyYAML
# and YAML 1.2 read them as text, and x, y or N, S are common names: they are accepted)
_YAML_BOOLEANS = {
    v
    for w in ("yes", "no", "true", "false", "on", "off")
    for v in (w, w.capitalize(), w.upper())
}
_FORMS = ("matrix", "outcomes", "by_count")


class _Invalid(Exception):
    """A part of the spec that could not be read; its problem is already recorded."""


def _suggest(word: str, candidates: Iterable[str]) -> str | None:
    candidates = list(dict.fromkeys(candidates))
    for cand in candidates:
        if cand.lower() == word.lower():
            return cand
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    suggestion = _suggest(word, candidates)
    return f"; did you mean '{suggestion}'?" if suggestion is not None else ""


def _listing(names: Iterable[str], limit: int = 8) -> str:
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def _quote_advice(node: Scalar) -> str:
    return f'write "{node.value}" in quotes'


class _Reader:
    """One pass over a composed YAML tree, collecting problems and the parts of the Spec."""

    def __init__(self, file: str, text: str):
        self.file = file
        self.text = text
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.misspelled: set = set()  # (path, key) of keys reported as misspelled
        self.implied: list[AssumptionSpec] = []  # assumptions the spec implies (priors, real roots)

    # -- problems -----------------------------------------------------------------------------
    def problem(self, node, message: str, path: str = "", column_offset: int = 0) -> None:
        line = getattr(node, "line", 1) if node is not None else 1
        column = (getattr(node, "column", 1) if node is not None else 1) + column_offset
        self.problems.append(Problem(self.file, line, column, message, path))

    def location(self, node, path: str) -> Location:
        return Location(self.file, getattr(node, "line", 1), getattr(node, "column", 1), path)

    # -- basic shapes ---------------------------------------------------------------------------
    def mapping(self, node, path: str, what: str, allowed: Iterable[str] | None = None) -> dict:
        """A mapping's entries as ``{key: (key node, value node)}``; duplicates and unknown keys reported."""
        if not isinstance(node, Mapping):
            self.problem(node, f"{what} must be a mapping (key: value lines), found {_yaml.describe(node)}", path)
            raise _Invalid
        out: dict = {}
        allowed = tuple(allowed) if allowed is not None else None
        for key, value in node.pairs:
            if not isinstance(key, Scalar):
                self.problem(key, f"a key in {what} must be a name, found {_yaml.describe(key)}", path)
                continue
            name = key.value
            sub = f"{path}.{name}" if path else name
            if name in out:
                first = out[name][0]
                self.problem(key, f"duplicate key '{name}' (first at line {first.line}); keep one", sub)
                continue
            if allowed is not None and name not in allowed:
                suggestion = _suggest(name, allowed)
                if suggestion is not None:
                    self.misspelled.add((path, suggestion))
                    hint = f"; did you mean '{suggestion}'?"
                else:
                    hint = f"; expected one of: {', '.join(allowed)}"
                self.problem(key, f"unknown key '{name}' in {what}{hint}", sub)
                continue
            out[name] = (key, value)
        return out

    def sequence(self, node, path: str, what: str) -> list:
        if not isinstance(node, Sequence):
            self.problem(node, f"{what} must be a list, found {_yaml.describe(node)}", path)
            raise _Invalid
        return node.items

    def text_value(self, node, path: str, what: str) -> str:
        if not isinstance(node, Scalar) or node.tag == "null":
            self.problem(node, f"{what} must be text, found {_yaml.describe(node)}", path)
            raise _Invalid
        if node.plain and node.tag not in ("str",):
            self.problem(node, f"{what} must be text, found {_yaml.describe(node)}; {_quote_advice(node)}", path)
            raise _Invalid
        return node.value.strip()

    def name(self, node, path: str, what: str) -> str:
        """A name (player, strategy, type): non-empty text without comma, not read as a boolean/number."""
        if not isinstance(node, Scalar):
            self.problem(node, f"expected the name of a {what}, found {_yaml.describe(node)}", path)
            raise _Invalid
        value = node.value
        if node.tag == "null" or value.strip() == "":
            self.problem(node, f"the name of a {what} is empty; expected a non-empty name", path)
            raise _Invalid
        if node.plain:
            if node.tag == "bool" or value in _YAML_BOOLEANS:
                self.problem(
                    node, f"YAML reads an unquoted {value} as a boolean; {_quote_advice(node)} for the {what} name", path
                )
                raise _Invalid
            if node.tag in ("int", "float"):
                self.problem(
                    node,
                    f"YAML reads an unquoted {value} as a number{_yaml11_number(value)}; "
                    f"{_quote_advice(node)} for the {what} name",
                    path,
                )
                raise _Invalid
            if node.tag == "timestamp":
                self.problem(node, f"YAML reads an unquoted {value} as a date; {_quote_advice(node)} for the {what} name", path)
                raise _Invalid
        if value != value.strip():
            self.problem(node, f"the name '{value}' of a {what} has spaces at its start or end; remove them", path)
            raise _Invalid
        if "," in value:
            self.problem(
                node,
                f"the name '{value}' of a {what} contains a comma; names cannot contain commas "
                "(profiles such as \"A, B\" are split at commas)",
                path,
            )
            raise _Invalid
        if any(ord(c) < 32 for c in value):
            self.problem(node, f"the name of a {what} contains a line break or control character", path)
            raise _Invalid
        if len(value) > MAX_NAME:
            self.problem(node, f"the name of a {what} is too long ({len(value)} characters; at most {MAX_NAME})", path)
            raise _Invalid
        return value

    def symbol_name(self, node, path: str, what: str) -> str:
        """A parameter or definition name: usable in expressions."""
        value = self.name(node, path, what)
        if not is_name(value):
            if value in FUNCTIONS:
                reason = f"'{value}' is the name of a function"
            elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
                reason = f"'{value}' is a Python keyword"
            else:
                reason = f"'{value}' is not a name of the expression language"
            self.problem(
                node,
                f"{reason}; a {what} name is made of ASCII letters, digits and '_' and does not start with a digit",
                path,
            )
            raise _Invalid
        return value

    def names_list(self, node, path: str, what: str, plural: str) -> list[str]:
        """A list of distinct names."""
        items = self.sequence(node, path, f"the {plural}")
        names: list[str] = []
        ok = True
        seen: dict[str, Scalar] = {}
        for k, item in enumerate(items):
            sub = f"{path}[{k}]"
            try:
                value = self.name(item, sub, what)
            except _Invalid:
                ok = False
                continue
            if value in seen:
                self.problem(item, f"duplicate {what} '{value}' (first at line {seen[value].line}); names must be distinct", sub)
                ok = False
                continue
            seen[value] = item
            names.append(value)
        if not ok:
            raise _Invalid
        return names

    # -- expressions ------------------------------------------------------------------------------
    def expression(self, node, path: str, names, what: str = "an expression", hint: str = "", relations=False):
        """Parse a scalar with the expression language; a problem at the exact column if it fails."""
        if not isinstance(node, Scalar):
            self.problem(node, f"expected {what}, found {_yaml.describe(node)}", path)
            raise _Invalid
        value = node.value
        if node.tag == "null":
            self.problem(node, f"expected {what}, found nothing (null)", path)
            raise _Invalid
        if node.plain:
            if node.tag == "bool":
                self.problem(node, f"expected {what}, found {value}, which YAML reads as a boolean", path)
                raise _Invalid
            if node.tag == "float" and value.lower().lstrip("+-") in (".inf", ".nan"):
                self.problem(node, f"expected {what}, found {value} (infinity or NaN); expected a finite exact number", path)
                raise _Invalid
            if node.tag in ("int", "float") and _yaml11_number(value):
                self.problem(
                    node,
                    f"YAML 1.1 reads {value} as {_yaml11_number(value).strip(' ()')}; "
                    "write the number in plain decimals",
                    path,
                )
                raise _Invalid
        try:
            if relations:
                return parse_relations(value, names, hint=hint)
            parsed = parse_expr(value, names, hint=hint)
            self.note_domain(parsed, node, path)
            return parsed
        except ExprError as err:
            message = err.message
            if node.plain and node.in_flow and re.search(r"'\)'|'\('|unmatched", message):
                message += f"; inside [ ] or {{ }} write an expression with commas in quotes, e.g. \"min(a, b)\""
            self.problem(node, message, path, self.offset(node, err.column))
            raise _Invalid from None

    def note_domain(self, value, node, path: str) -> None:
        """Keep the conditions under which ``value`` is real (:func:`gametheory.expr.domain`) as
        implied assumptions; one that can never hold is a problem at the expression."""
        for relation, reason in domain(value):
            if relation is sympy.false:
                self.problem(node, f"the value is not a real number: {reason.removeprefix('so that ')} needs "
                             "a positive base", path)
                raise _Invalid
            self.imply(relation, reason, self.location(node, path))

    def imply(self, relation, reason: str, where) -> None:
        """Add ``relation`` to the assumptions the spec implies, unless it is already there."""
        if any(a.relation == relation for a in self.implied):
            return
        self.implied.append(AssumptionSpec(relation=relation, text=to_text(relation), location=where, reason=reason))

    def implied_assumptions(self, stated) -> tuple[AssumptionSpec, ...]:
        """The implied assumptions in parameters only that the stated ones do not already say
        (the same difference of the two sides, strict or not)."""
        params = {symbol(name) for name in getattr(self, "parameters", {}) or {}}

        def key(rel):
            big, small = (rel.lhs, rel.rhs) if rel.rel_op in (">", ">=") else (rel.rhs, rel.lhs)
            return sympy.expand(big - small)

        said = {key(a.relation) for a in stated if isinstance(a.relation, sympy.core.relational.Relational)}
        out = []
        for a in self.implied:
            if a.relation.free_symbols <= params and key(a.relation) not in said:
                said.add(key(a.relation))
                out.append(a)
        return tuple(out)

    def offset(self, node: Scalar, column: int) -> int:
        """Column offset, in the file, of a position in the scalar's text (0 if it cannot be mapped)."""
        if node.end_line != node.line and node.style not in ("'", '"') or node.style in ("|", ">"):
            return 0
        quote = 1 if node.quoted else 0
        if node.line - 1 >= len(self.lines):
            return 0
        source = self.lines[node.line - 1]
        start = node.column - 1 + quote
        if source[start : start + len(node.value)] == node.value:
            return quote + column
        return 0

    # -- the whole document ---------------------------------------------------------------------------
    def read(self, root) -> Spec | None:
        if root is None or isinstance(root, Scalar) and root.tag == "null" and root.value.strip() in ("", "~", "null"):
            self.problem(
                root if isinstance(root, Scalar) else None,
                "the file is empty; expected a YAML mapping with title, players, strategies and payoffs",
            )
            return None
        if not isinstance(root, Mapping):
            self.problem(
                root,
                f"expected a YAML mapping (title: ..., players: ..., ...) at the top of the file, found {_yaml.describe(root)}",
            )
            return None
        self.root = root
        top = self.mapping(root, "", "the spec", TOP_LEVEL_KEYS + _extension_keys())
        self.top = top
        kind = next((k for k in KINDS if k in top), None)
        if kind is not None:
            return self.read_kind(top, kind)
        for key in ("title", "players", "strategies"):
            if key not in top and ("", key) not in self.misspelled:
                self.problem(root, f"missing key '{key}'; every spec needs title, players, strategies and payoffs", key)
        if (
            "payoffs" not in top
            and "preferences" not in top
            and not {("", "payoffs"), ("", "preferences")} & self.misspelled
        ):
            self.problem(root, "missing key 'payoffs' (or 'preferences' for ordinal payoffs); every spec needs one of them", "payoffs")
        if "payoffs" in top and "preferences" in top:
            self.problem(
                top["preferences"][0],
                "both 'payoffs' and 'preferences' are given; expected one of them (cardinal payoffs or ordinal rankings)",
                "preferences",
            )

        version, title, description, notes, source, players_info, parameters = self.read_header(top)
        count = None
        if players_info is not None and players_info[1] is not None:
            count = self.resolve_count(players_info)
            if count is None:
                players_info = None
        players = players_info[0] if players_info is not None else None
        strategies = None
        if players is not None:
            strategies = self.optional(top, "strategies", lambda n: self.read_strategies(n, players, count))
        elif "strategies" in top:
            self.optional(top, "strategies", lambda n: self.read_strategies(n, None, count))
        assumptions = self.optional(top, "assumptions", self.read_assumptions) or ()
        symmetric = self.optional(top, "symmetric", self.read_symmetric) or False
        symmetric_ok = True
        if symmetric and players is not None and strategies is not None:
            symmetric_ok = self.check_symmetric(players, strategies, count)
        types = None
        if "types" in top and players is not None:
            types = self.optional(top, "types", lambda n: self.read_types(n, players, count))

        payoffs = None
        count_spec = None
        ordinal = False
        ready = players is not None and strategies is not None and symmetric_ok
        if ready and (types is not None or "types" not in top):
            context = _Context(players, strategies, symmetric, types or None, count)
            if "payoffs" in top and "preferences" not in top:
                result = self.optional(top, "payoffs", lambda n: self.read_payoffs(n, context))
                if isinstance(result, CountSpec):
                    count_spec, payoffs = result, ()
                else:
                    payoffs = result
            elif "preferences" in top and "payoffs" not in top:
                ordinal = True
                payoffs = self.optional(top, "preferences", lambda n: self.read_preferences_top(n, context))

        self.players, self.strategies = players, strategies
        sections = []
        for key, module in SECTIONS.items():
            if any(k in top for k in _extension(module).KEYS) and not self.problems:
                value = _extension(module).read(self, top)
                if value is not None:
                    sections.append((key, value))

        if self.problems:
            return None
        assumptions = tuple(assumptions) + self.implied_assumptions(assumptions)
        return Spec(
            sections=tuple(sections),
            file=self.file,
            title=title,
            players=tuple(players),
            strategies=tuple(tuple(s) for s in strategies),
            payoffs=payoffs,
            parameters=parameters,
            definitions=tuple((name, value) for name, (value, _) in self.definitions.items()),
            assumptions=tuple(assumptions),
            types=tuple(tuple(t) for t in types) if types else (),
            description=description,
            source=tuple(source),
            notes=notes,
            symmetric=bool(symmetric),
            ordinal=ordinal,
            count=count_spec,
            version=version,
            text=self.text,
        )

    def read_header(self, top: dict):
        """Version, title, prose, players, parameters and definitions: what every kind of spec
        reads first (sets ``self.names``, the names an expression may use)."""
        version = self.read_version(top)
        title = self.optional(top, "title", lambda n: self.text_value(n, "title", "the title"))
        if title == "":
            self.problem(top["title"][1], "the title is empty; expected a short human title", "title")
        description = self.optional(top, "description", lambda n: self.text_value(n, "description", "the description")) or ""
        notes = self.optional(top, "notes", lambda n: self.text_value(n, "notes", "the notes")) or ""
        source = self.optional(top, "source", self.read_source) or ()
        players_info = self.optional(top, "players", self.read_players)
        self.parameters = self.optional(top, "parameters", self.read_parameters) or {}
        self.definitions = self.optional(top, "define", self.read_define) or {}
        names = {name: symbol(name) for name in self.parameters}
        names.update({name: value for name, (value, _) in self.definitions.items()})
        self.names = names
        parameters = self.finish_parameters()
        return version, title, description, notes, source, players_info, parameters

    def read_common(self, top: dict) -> dict:
        """The keys every kind of spec shares: version, title, prose, players, parameters,
        definitions and assumptions (sets ``self.names``, the names an expression may use)."""
        for key in ("title", "players"):
            if key not in top and ("", key) not in self.misspelled:
                self.problem(self.root, f"missing key '{key}'; every spec needs a title and players", key)
        version, title, description, notes, source, players_info, parameters = self.read_header(top)
        assumptions = self.optional(top, "assumptions", self.read_assumptions) or ()
        self.players = players_info[0] if players_info is not None else None
        return dict(version=version, title=title, description=description, notes=notes, source=tuple(source),
                    players_info=players_info, parameters=parameters, assumptions=tuple(assumptions))

    def read_kind(self, top: dict, kind: str) -> Spec | None:
        """A spec of one of the :data:`KINDS` (a tree, a continuous game, a bargaining problem)."""
        common = self.read_common(top)
        players_info = common.pop("players_info")
        if players_info is not None and players_info[1] is not None:
            if getattr(_extension(KINDS[kind]), "BY_COUNT", False):  # a symmetric game by count
                self.count_info, self.players = players_info[1], [players_info[1]["name"]]
            else:
                self.problem(top["players"][1], f"a {kind!r} spec lists its players by name; "
                             "expected a list such as [A, B]", "players")
                return None
        body = None
        if self.players is not None:
            body = _extension(KINDS[kind]).read(self, top)
        if self.problems or body is None:
            return None
        return Spec(
            file=self.file,
            players=tuple(self.players),
            strategies=(),
            definitions=tuple((name, value) for name, (value, _) in self.definitions.items()),
            text=self.text,
            kind=KINDS[kind],
            body=body,
            **common,
        )

    def optional(self, top: dict, key: str, reader):
        if key not in top:
            return None
        try:
            return reader(top[key][1])
        except _Invalid:
            return None

    def read_version(self, top: dict) -> int:
        if "version" not in top:
            return 1
        node = top["version"][1]
        if isinstance(node, Scalar) and node.plain and node.tag == "int" and node.value == "1":
            return 1
        if isinstance(node, Scalar) and node.value.strip() == "1":
            return 1
        shown = node.value if isinstance(node, Scalar) and node.tag != "null" else _yaml.describe(node)
        self.problem(node, f"unsupported version {shown}; this toolkit reads version 1 (write version: 1)", "version")
        return 1

    def read_source(self, node) -> tuple[str, ...]:
        if isinstance(node, Sequence):
            out = []
            for k, item in enumerate(node.items):
                try:
                    out.append(self.text_value(item, f"source[{k}]", "a source"))
                except _Invalid:
                    pass
            return tuple(out)
        return (self.text_value(node, "source", "the source (a citation, or a list of them)"),)

    # -- players and strategies -------------------------------------------------------------------
    def read_players(self, node):
        """(player names, count info or None)."""
        if isinstance(node, Mapping):
            entries = self.mapping(node, "players", "players", ("count", "name"))
            for key in ("count", "name"):
                if key not in entries:
                    self.problem(
                        node, f"missing key '{key}' in players; expected {{count: N, name: State}}", f"players.{key}"
                    )
            if "count" not in entries or "name" not in entries:
                raise _Invalid
            base = self.name(entries["name"][1], "players.name", "player")
            count_node = entries["count"][1]
            if isinstance(count_node, Scalar) and count_node.tag == "int" and count_node.plain and re.fullmatch(r"\d+", count_node.value):
                n = int(count_node.value) if len(count_node.value) < 8 else MAX_COUNT + 1
                if n < 2:
                    self.problem(count_node, f"a game needs at least 2 players, found count {n}", "players.count")
                    raise _Invalid
                if n > MAX_COUNT:
                    self.problem(count_node, f"count {count_node.value} is too large (at most {MAX_COUNT} players)", "players.count")
                    raise _Invalid
                return [[f"{base}{i}" for i in range(1, n + 1)], {"count": n, "name": base, "node": count_node}]
            if isinstance(count_node, Scalar) and count_node.tag == "str" and is_name(count_node.value.strip()):
                return [None, {"count": count_node.value.strip(), "name": base, "node": count_node}]
            self.problem(
                count_node,
                f"count must be a whole number of at least 2 or the name of a parameter, found {_yaml.describe(count_node)}",
                "players.count",
            )
            raise _Invalid
        names = self.names_list(node, "players", "player", "players")
        if len(names) < 2:
            self.problem(
                node,
                f"a game needs at least two players, found {len(names)}"
                + (f" ({names[0]})" if names else "")
                + "; list two or more names, or write {count: N, name: State}",
                "players",
            )
            raise _Invalid
        return [names, None]

    def read_strategies(self, node, players, count):
        if isinstance(node, Sequence):
            shared = self.names_list(node, "strategies", "strategy", "strategies")
            if not shared:
                self.problem(node, "the strategy list is empty; expected at least one strategy", "strategies")
                raise _Invalid
            return None if players is None else [list(shared) for _ in players]
        if count is not None:
            self.problem(
                node,
                "players given by count share one strategy list; expected strategies: [A, B, ...]",
                "strategies",
            )
            raise _Invalid
        if not isinstance(node, Mapping):
            self.problem(
                node,
                f"strategies must be a list shared by all players or a mapping from each player to its list, "
                f"found {_yaml.describe(node)}",
                "strategies",
            )
            raise _Invalid
        entries = self.mapping(node, "strategies", "strategies")
        if players is None:
            raise _Invalid
        result = []
        ok = True
        for key, _value in entries.values():
            if key.value not in players:
                self.problem(
                    key,
                    f"'{key.value}' is not a player{_did_you_mean(key.value, players)} (players: {', '.join(players)})",
                    f"strategies.{key.value}",
                )
                ok = False
        for player in players:
            if player not in entries:
                self.problem(node, f"missing the strategies of player '{player}'; every player needs a list", f"strategies.{player}")
                ok = False
                continue
            try:
                names = self.names_list(entries[player][1], f"strategies.{player}", "strategy", f"strategies of {player}")
            except _Invalid:
                ok = False
                continue
            if not names:
                self.problem(entries[player][1], f"player '{player}' has no strategies; expected at least one", f"strategies.{player}")
                ok = False
            result.append(names)
        if not ok:
            raise _Invalid
        return result

    # -- parameters, definitions, assumptions -----------------------------------------------------------
    def read_parameters(self, node) -> dict:
        if isinstance(node, Scalar) and node.tag == "null":
            return {}
        entries = self.mapping(node, "parameters", "parameters")
        params: dict = {}
        for key, value in entries.values():
            path = f"parameters.{key.value}"
            try:
                name = self.symbol_name(key, path, "parameter")
            except _Invalid:
                continue
            description = ""
            value_node = value
            if isinstance(value, Mapping):
                sub = self.mapping(value, path, f"parameter '{name}'", ("value", "description"))
                value_node = sub["value"][1] if "value" in sub else None
                if "description" in sub:
                    try:
                        description = self.text_value(sub["description"][1], f"{path}.description", "a description")
                    except _Invalid:
                        pass
            elif isinstance(value, Sequence):
                self.problem(
                    value,
                    f"the value of parameter '{name}' must be a number, an expression, null or "
                    "{value: ..., description: ...}, found a list",
                    path,
                )
                value_node = None
            params[name] = {"key": key, "node": value_node, "description": description, "path": path}
        return params

    def finish_parameters(self) -> tuple[ParameterSpec, ...]:
        """Parse parameter defaults (expressions of other parameters) and refuse cycles."""
        names = list(self.parameters)
        defaults: dict = {}
        for name, info in self.parameters.items():
            node = info["node"]
            if node is None or isinstance(node, Scalar) and node.tag == "null":
                defaults[name] = None
                continue
            try:
                defaults[name] = self.expression(
                    node, info["path"], names, f"a default value for parameter '{name}'",
                    hint="a default may use other parameters only",
                )
            except _Invalid:
                defaults[name] = None
        # cycles among defaults
        graph = {n: {str(s) for s in d.free_symbols} if d is not None else set() for n, d in defaults.items()}
        reported: set = set()
        for start in names:
            cycle = _find_cycle(start, graph)
            if cycle and cycle[0] == start and not set(cycle) & reported:
                reported.update(cycle)
                info = self.parameters[start]
                self.problem(
                    info["node"] or info["key"],
                    "the default values of parameters form a cycle: " + " -> ".join(cycle + [start])
                    + "; give one of them a number (or null)",
                    info["path"],
                )
        self.defaults = defaults
        return tuple(
            ParameterSpec(
                name=name,
                default=defaults.get(name),
                description=info["description"],
                location=self.location(info["key"], info["path"]),
            )
            for name, info in self.parameters.items()
        )

    def read_define(self, node) -> dict:
        if isinstance(node, Scalar) and node.tag == "null":
            return {}
        entries = self.mapping(node, "define", "define")
        params = {name: symbol(name) for name in self.parameters}
        later = set()
        keys = []
        for key, value in entries.values():
            if key.value not in self.parameters:
                later.add(key.value)
            keys.append((key, value))
        out: dict = {}
        for key, value in keys:
            path = f"define.{key.value}"
            later.discard(key.value)
            try:
                name = self.symbol_name(key, path, "definition")
            except _Invalid:
                continue
            if name in self.parameters:
                self.problem(key, f"'{name}' is already a parameter; a definition needs a name of its own", path)
                continue
            known = dict(params)
            known.update({n: v for n, (v, _) in out.items()})
            if isinstance(value, Scalar) and value.tag == "str":
                words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", value.value))
                ahead = sorted((words & later) | ({name} & words))
                if ahead:
                    word = ahead[0]
                    where = "itself" if word == name else f"'{word}', which is defined later"
                    column = re.search(rf"\b{re.escape(word)}\b", value.value).start()
                    self.problem(
                        value,
                        f"definition '{name}' uses {where}; a definition may use parameters and earlier definitions only",
                        path,
                        self.offset(value, column),
                    )
                    out[name] = (symbol(name), key)
                    continue
            try:
                expr = self.expression(
                    value, path, known, f"an expression for '{name}'",
                    hint="declare parameters under 'parameters'",
                )
            except _Invalid:
                expr = symbol(name)  # a stand-in, so that later uses are not reported again
            out[name] = (expr, key)
        return out

    def read_assumptions(self, node):
        items = node.items if isinstance(node, Sequence) else [node]
        out = []
        for k, item in enumerate(items):
            path = f"assumptions[{k}]" if isinstance(node, Sequence) else "assumptions"
            if not isinstance(item, Scalar) or item.tag != "str":
                self.problem(
                    item,
                    f"an assumption must be an (in)equality such as 'T > R' or '0 < p < 1', found {_yaml.describe(item)}",
                    path,
                )
                continue
            try:
                relations = self.expression(
                    item, path, self.names, "an (in)equality", hint="declare parameters under 'parameters'", relations=True
                )
            except _Invalid:
                continue
            texts, offsets = _link_texts(item.value, len(relations))
            for rel, text, start in zip(relations, texts, offsets):
                where = Location(self.file, item.line, item.column + self.offset(item, start), path)
                if rel.lhs.is_number and rel.rhs.is_number:
                    truth = _decide(rel)
                    if truth is False:
                        self.problem(
                            item, f"the assumption {text} is false; expected a condition on parameters", path,
                            self.offset(item, start),
                        )
                        continue
                out.append(AssumptionSpec(relation=rel, text=text, location=where))
        return out

    def read_symmetric(self, node) -> bool:
        if isinstance(node, Scalar) and node.tag == "bool":
            return node.value.lower() in ("true", "yes", "on", "y")
        self.problem(node, f"symmetric must be true or false, found {_yaml.describe(node)}", "symmetric")
        raise _Invalid

    def check_symmetric(self, players, strategies, count) -> bool:
        node = self.top["symmetric"][1]
        if count is not None:
            return True  # a game by count is symmetric by construction
        if len(players) != 2:
            self.problem(
                node,
                f"symmetric: true needs exactly two players, found {len(players)}; "
                "write every player's payoff instead",
                "symmetric",
            )
            return False
        if strategies[0] != strategies[1]:
            self.problem(
                node,
                "symmetric: true needs both players to share one strategy list; "
                f"{players[0]} has {', '.join(strategies[0])} and {players[1]} has {', '.join(strategies[1])}",
                "symmetric",
            )
            return False
        return True

    def resolve_count(self, players_info):
        _, info = players_info
        count = info["count"]
        node = info["node"]
        if isinstance(count, int):
            return info
        if count not in self.parameters:
            self.problem(
                node,
                f"count '{count}' is not a declared parameter{_did_you_mean(count, self.parameters)}; "
                "expected a whole number of at least 2 or the name of a parameter",
                "players.count",
            )
            return None
        value = _resolve_default(count, self.defaults)
        if value is None or not value.is_Integer or value < 2 or value > MAX_COUNT:
            shown = "no default" if value is None else f"default {to_text(value)}"
            self.problem(
                node,
                f"the number of players {count} needs a whole-number default of at least 2 (and at most {MAX_COUNT}) "
                f"under parameters, found {shown}",
                "players.count",
            )
            return None
        players_info[0] = [f"{info['name']}{i}" for i in range(1, int(value) + 1)]
        return info

    # -- types ---------------------------------------------------------------------------------------
    def check_prior(self, prior, tname: str, node, path: str) -> bool:
        """A symbolic prior: a problem if the parameters' default values put it outside [0, 1];
        ``0 <= prior <= 1`` joins the implied assumptions."""
        values = {s: _resolve_default(str(s), getattr(self, "defaults", {}) or {}) for s in prior.free_symbols}
        if all(v is not None for v in values.values()):
            value = prior.xreplace(values)
            if value.is_number and (value < 0 or value > 1):
                given = ", ".join(f"{s} = {to_text(v)}" for s, v in sorted(values.items(), key=lambda kv: str(kv[0])))
                self.problem(
                    node,
                    f"the prior of type '{tname}' is {to_text(prior)} = {to_text(value)} at the default "
                    f"{'value' if len(values) == 1 else 'values'} {given}; expected a probability between 0 and 1",
                    path,
                )
                return False
        where = self.location(node, path)
        self.imply(sympy.GreaterThan(prior, 0), "a prior is a probability", where)
        self.imply(sympy.LessThan(prior, 1), "a prior is a probability", where)
        return True

    def read_types(self, node, players, count):
        if count is not None:
            self.problem(node, "types cannot be combined with players given by count; list the players by name", "types")
            raise _Invalid
        entries = self.mapping(node, "types", "types")
        types = [[] for _ in players]
        ok = True
        for key, value in entries.values():
            if key.value not in players:
                self.problem(
                    key,
                    f"'{key.value}' is not a player{_did_you_mean(key.value, players)} (players: {', '.join(players)})",
                    f"types.{key.value}",
                )
                continue  # reported; the other players' types are still read
            i = players.index(key.value)
            path = f"types.{key.value}"
            try:
                sub = self.mapping(value, path, f"the types of {key.value}")
            except _Invalid:
                ok = False
                continue
            if not sub:
                self.problem(value, f"player '{key.value}' has no types; expected type: prior lines", path)
                ok = False
                continue
            priors = []
            prior_ok = True
            for tkey, tvalue in sub.values():
                tpath = f"{path}.{tkey.value}"
                try:
                    tname = self.name(tkey, tpath, "type")
                except _Invalid:
                    ok = False
                    continue
                try:
                    prior = self.expression(
                        tvalue, tpath, self.names, f"the prior probability of type '{tname}'",
                        hint="declare parameters under 'parameters'",
                    )
                except _Invalid:
                    prior_ok = False
                    prior = sympy.Integer(0)
                if prior.is_number and (prior < 0 or prior > 1):
                    self.problem(tvalue, f"the prior of type '{tname}' is {to_text(prior)}; expected a probability between 0 and 1", tpath)
                    prior_ok = False
                elif not prior.is_number:
                    prior_ok = self.check_prior(prior, tname, tvalue, tpath) and prior_ok
                priors.append((tname, prior))
            if len(priors) == len(sub) and prior_ok:
                total = sympy.Add(*(p for _, p in priors))
                if not _identically_one(total):
                    self.problem(
                        value,
                        f"the priors of {key.value}'s types sum to {to_text(total)}, not 1; "
                        "expected probabilities that sum to 1",
                        path,
                    )
            types[i] = priors
        if not ok:
            raise _Invalid
        if not any(types):
            self.problem(node, "types is empty; expected a mapping from a player to its types", "types")
            raise _Invalid
        return types

    # -- payoffs -------------------------------------------------------------------------------------
    def read_payoffs(self, node, ctx: "_Context"):
        if ctx.types is None:
            return self.top_block(node, ctx)
        return self.per_type_profile(node, "payoffs", ctx, self.payoff_block)

    def top_block(self, node, ctx):
        result = self.payoff_block(node, "payoffs", ctx)
        if isinstance(result, CountSpec):
            return result
        return (((), result),)

    def read_preferences_top(self, node, ctx):
        if ctx.types is None:
            return (((), self.preferences(node, "preferences", ctx)),)
        return self.per_type_profile(node, "preferences", ctx, self.preferences)

    def per_type_profile(self, node, path, ctx, reader):
        typed = [i for i, t in enumerate(ctx.types) if t]
        entries = self.mapping(node, path, f"{path} (with types: a mapping from each type profile to a payoff block)")
        tables: dict = {}
        seen: dict = {}
        ok = True
        misplaced = False
        for key, value in entries.values():
            sub = f"{path}.{key.value}"
            if key.value in _FORMS and path == "payoffs":
                self.problem(
                    key,
                    f"with types, {path} maps each type profile (such as "
                    f"\"{', '.join(ctx.types[i][0][0] for i in typed)}\") to a payoff block; found '{key.value}'",
                    sub,
                )
                ok = False
                misplaced = True
                continue
            try:
                tp = self.type_profile(key, sub, ctx, typed)
            except _Invalid:
                ok = False
                continue
            if tp in seen:
                self.problem(key, f"type profile '{key.value}' appears twice (first at line {seen[tp].line}); keep one", sub)
                ok = False
                continue
            seen[tp] = key
            try:
                tables[tp] = reader(value, sub, ctx)
            except _Invalid:
                ok = False
        expected = list(itertools.product(*(range(len(ctx.types[i])) for i in typed)))
        missing = [tp for tp in expected if tp not in seen]
        if missing and not misplaced:
            texts = [", ".join(ctx.types[i][t][0] for i, t in zip(typed, tp)) for tp in missing]
            self.problem(
                node,
                f"missing the payoffs of type profile{'s' if len(texts) > 1 else ''} "
                + _listing(f'"{t}"' for t in texts)
                + "; every type profile appears exactly once",
                path,
            )
            ok = False
        if not ok:
            raise _Invalid
        return tuple((tp, tables[tp]) for tp in expected)

    def type_profile(self, key, path, ctx, typed) -> tuple[int, ...]:
        if not isinstance(key, Scalar) or key.tag == "null" or key.plain and key.tag == "bool":
            self.name(key, path, "type profile")  # reports
            raise _Invalid
        parts = [p.strip() for p in key.value.split(",")]
        names = [ctx.players[i] for i in typed]
        if len(parts) != len(typed):
            example = ", ".join(ctx.types[i][0][0] for i in typed)
            self.problem(
                key,
                f"type profile '{key.value}' names {len(parts)} type{'s' if len(parts) != 1 else ''}, expected "
                f"{len(typed)} (one for each of {', '.join(names)}, separated by commas, such as \"{example}\")",
                path,
            )
            raise _Invalid
        out = []
        for i, part in zip(typed, parts):
            type_names = [t for t, _ in ctx.types[i]]
            if part not in type_names:
                self.problem(
                    key,
                    f"'{part}' is not a type of {ctx.players[i]}{_did_you_mean(part, type_names)} "
                    f"(types: {', '.join(type_names)})",
                    path,
                )
                raise _Invalid
            out.append(type_names.index(part))
        return tuple(out)

    def payoff_block(self, node, path, ctx):
        entries = self.mapping(node, path, f"{path} (a payoff block: matrix, outcomes or by_count)", _FORMS)
        if not entries:
            if isinstance(node, Mapping) and node.pairs:
                raise _Invalid  # unknown keys reported
            self.problem(node, f"{path} is empty; expected one of matrix, outcomes or by_count", path)
            raise _Invalid
        if len(entries) > 1:
            keys = list(entries)
            self.problem(entries[keys[1]][0], f"{path} has both '{keys[0]}' and '{keys[1]}'; expected exactly one form", path)
            raise _Invalid
        (form, (key, value)), = entries.items()
        sub = f"{path}.{form}"
        if form == "by_count":
            if ctx.types is not None:
                self.problem(key, "by_count cannot be combined with types; use matrix or outcomes", sub)
                raise _Invalid
            return self.by_count(value, sub, ctx, key)
        if ctx.count is not None and not isinstance(ctx.count["count"], int):
            self.problem(key, f"a number of players given by a parameter needs by_count payoffs, found {form}", sub)
            raise _Invalid
        if form == "matrix":
            return self.matrix(value, sub, ctx, key)
        return self.outcomes(value, sub, ctx, key)

    def cell_payoffs(self, node, path, ctx, profile_text: str) -> tuple:
        n = len(ctx.players)
        if ctx.symmetric:
            if isinstance(node, Sequence):
                self.problem(
                    node,
                    f"with symmetric: true each cell is {ctx.players[0]}'s payoff alone, one expression; found a list",
                    path,
                )
                raise _Invalid
            return (self.expression(node, path, self.names, "a payoff", hint="declare parameters under 'parameters'"),)
        if not isinstance(node, Sequence):
            extra = " (or set symmetric: true for a symmetric two-player game)" if n == 2 else ""
            self.problem(
                node,
                f"expected a list of {n} payoffs [{', '.join(ctx.players)}] for {profile_text}, "
                f"found {_yaml.describe(node)}{extra}",
                path,
            )
            raise _Invalid
        if len(node.items) != n:
            self.problem(
                node,
                f"{profile_text} has {len(node.items)} payoff{'s' if len(node.items) != 1 else ''}, expected {n} "
                f"(one for each of {', '.join(ctx.players)}){_comma_hint(node)}",
                path,
            )
            raise _Invalid
        values = []
        ok = True
        for k, item in enumerate(node.items):
            try:
                values.append(
                    self.expression(item, f"{path}[{k}]", self.names, "a payoff", hint="declare parameters under 'parameters'")
                )
            except _Invalid:
                ok = False
        if not ok:
            raise _Invalid
        return tuple(values)

    def matrix(self, node, path, ctx, key):
        if len(ctx.players) != 2:
            self.problem(key, f"matrix is for two-player games; this game has {len(ctx.players)} players: use outcomes", path)
            raise _Invalid
        rows_strats, cols_strats = ctx.strategies
        rows = self.sequence(node, path, "matrix (a list of rows)")
        ok = True
        if len(rows) != len(rows_strats):
            self.problem(
                node,
                f"matrix has {len(rows)} row{'s' if len(rows) != 1 else ''}, expected {len(rows_strats)} "
                f"(one for each strategy of {ctx.players[0]}: {', '.join(rows_strats)})",
                path,
            )
            ok = False
        cells: dict = {}
        for i, row in enumerate(rows[: len(rows_strats)]):
            rpath = f"{path}[{i}]"
            if not isinstance(row, Sequence):
                self.problem(row, f"a matrix row must be a list of cells, found {_yaml.describe(row)}", rpath)
                ok = False
                continue
            if len(row.items) != len(cols_strats):
                self.problem(
                    row,
                    f"row {i + 1} ({rows_strats[i]}) has {len(row.items)} cell{'s' if len(row.items) != 1 else ''}, "
                    f"expected {len(cols_strats)} (one for each strategy of {ctx.players[1]}: {', '.join(cols_strats)})"
                    f"{_comma_hint(row)}",
                    rpath,
                )
                ok = False
                continue
            for j, cell in enumerate(row.items):
                try:
                    cells[(i, j)] = self.cell_payoffs(
                        cell, f"{rpath}[{j}]", ctx, f'the cell "{rows_strats[i]}, {cols_strats[j]}"'
                    )
                except _Invalid:
                    ok = False
        if not ok:
            raise _Invalid
        return self.table(cells, ctx)

    def table(self, cells: dict, ctx) -> tuple:
        profiles = itertools.product(*(range(len(s)) for s in ctx.strategies))
        if ctx.symmetric:
            return tuple(((i, j), (cells[(i, j)][0], cells[(j, i)][0])) for i, j in profiles)
        return tuple((p, cells[p]) for p in profiles)

    def profile(self, key, path, ctx) -> tuple[int, ...]:
        if not isinstance(key, Scalar):
            self.problem(key, f"expected a profile such as \"{ctx.example()}\", found {_yaml.describe(key)}", path)
            raise _Invalid
        if key.plain and key.tag != "str" or key.tag == "null":
            self.name(key, path, "profile")  # reports the boolean/number/null
            raise _Invalid
        parts = [p.strip() for p in key.value.split(",")]
        n = len(ctx.players)
        if len(parts) != n:
            self.problem(
                key,
                f"profile '{key.value}' names {len(parts)} strateg{'ies' if len(parts) != 1 else 'y'}, expected {n} "
                f"(one for each of {', '.join(ctx.players)} in order, separated by commas, such as \"{ctx.example()}\")",
                path,
            )
            raise _Invalid
        out = []
        for player, strategies, part in zip(ctx.players, ctx.strategies, parts):
            if part not in strategies:
                self.problem(
                    key,
                    f"'{part}' is not a strategy of {player}{_did_you_mean(part, strategies)} "
                    f"(strategies: {', '.join(strategies)})",
                    path,
                )
                raise _Invalid
            out.append(strategies.index(part))
        return tuple(out)

    def check_size(self, node, path, ctx) -> None:
        total = math.prod(len(s) for s in ctx.strategies)
        if total > MAX_PROFILES:
            self.problem(node, f"the game has {total} profiles, too many to list (at most {MAX_PROFILES}); use by_count", path)
            raise _Invalid

    def outcomes(self, node, path, ctx, key):
        self.check_size(key, path, ctx)
        entries = self.mapping(node, path, "outcomes (a mapping from a profile to its payoffs)")
        cells: dict = {}
        seen: dict = {}
        ok = True
        for k_node, v_node in entries.values():
            sub = f"{path}.{k_node.value}"
            try:
                profile = self.profile(k_node, sub, ctx)
            except _Invalid:
                ok = False
                continue
            if profile in seen:
                self.problem(
                    k_node,
                    f"profile '{k_node.value}' appears twice (first at line {seen[profile].line} as "
                    f"'{seen[profile].value}'); keep one",
                    sub,
                )
                ok = False
                continue
            seen[profile] = k_node
            try:
                cells[profile] = self.cell_payoffs(v_node, sub, ctx, f'profile "{k_node.value}"')
            except _Invalid:
                ok = False
        if ok or seen:
            missing = [p for p in itertools.product(*(range(len(s)) for s in ctx.strategies)) if p not in seen]
            if missing:
                self.problem(
                    key,
                    f"missing the payoffs of profile{'s' if len(missing) > 1 else ''} "
                    + _listing(f'"{ctx.profile_text(p)}"' for p in missing)
                    + "; every profile appears exactly once",
                    path,
                )
                ok = False
        if not ok:
            raise _Invalid
        return self.table(cells, ctx)

    def by_count(self, node, path, ctx, key):
        if ctx.count is None:
            self.problem(
                key,
                "by_count needs players given by count, such as players: {count: 5, name: State}",
                path,
            )
            raise _Invalid
        strategies = ctx.strategies[0]
        ok = True
        for s in strategies:
            if not is_name(f"n_{s}"):
                self.problem(
                    self.top["strategies"][1],
                    f"strategy '{s}' cannot be counted as n_{s} in by_count expressions; "
                    "name strategies with ASCII letters, digits and '_'",
                    "strategies",
                )
                ok = False
        counters = {f"n_{s}": symbol(f"n_{s}") for s in strategies}
        count = ctx.count["count"]
        for name in list(counters) + ["N"]:
            if name in self.parameters and not (name == "N" and count == "N"):
                info = self.parameters[name]
                what = "the number of other players choosing a strategy" if name != "N" else "the number of players"
                self.problem(
                    info["key"], f"parameter '{name}' conflicts with {name}, {what}, in by_count payoffs; rename it", info["path"]
                )
                ok = False
            if name in self.definitions:
                self.problem(
                    self.definitions[name][1], f"definition '{name}' conflicts with {name} in by_count payoffs; rename it", f"define.{name}"
                )
                ok = False
        if not ok:
            raise _Invalid
        names = dict(self.names)
        names.update(counters)
        names["N"] = symbol("N")
        entries = self.mapping(node, path, "by_count (a mapping from each strategy to its payoff)")
        payoffs = {}
        for k_node, v_node in entries.values():
            sub = f"{path}.{k_node.value}"
            if k_node.value not in strategies:
                self.problem(
                    k_node,
                    f"'{k_node.value}' is not a strategy{_did_you_mean(k_node.value, strategies)} "
                    f"(strategies: {', '.join(strategies)})",
                    sub,
                )
                ok = False
                continue
            try:
                payoffs[k_node.value] = self.expression(
                    v_node, sub, names, f"the payoff of a player choosing {k_node.value}",
                    hint=f"by_count payoffs may use parameters, {', '.join(counters)} and N",
                )
            except _Invalid:
                ok = False
        missing = [s for s in strategies if s not in payoffs and s not in {k.value for k, _ in entries.values()}]
        if missing:
            self.problem(
                key, f"missing the by_count payoff of {_listing(missing)}; expected one expression per strategy", path
            )
            ok = False
        if not ok:
            raise _Invalid
        return CountSpec(
            count=count if isinstance(count, int) else symbol(count),
            name=ctx.count["name"],
            payoffs=tuple(payoffs[s] for s in strategies),
            count_symbols=tuple(counters.values()),
            n_symbol=symbol("N"),
        )

    def preferences(self, node, path, ctx):
        if ctx.symmetric:
            self.problem(
                self.top["symmetric"][1],
                "symmetric: true applies to payoffs; with preferences give every player's ranking",
                "symmetric",
            )
            raise _Invalid
        self.check_size(node, path, ctx)
        entries = self.mapping(node, path, "preferences (a mapping from each player to its ranking)")
        ok = True
        ranks: list = [None] * len(ctx.players)
        for k_node, _ in entries.values():
            if k_node.value not in ctx.players:
                self.problem(
                    k_node,
                    f"'{k_node.value}' is not a player{_did_you_mean(k_node.value, ctx.players)} "
                    f"(players: {', '.join(ctx.players)})",
                    f"{path}.{k_node.value}",
                )
                ok = False
        all_profiles = list(itertools.product(*(range(len(s)) for s in ctx.strategies)))
        for i, player in enumerate(ctx.players):
            if player not in entries:
                self.problem(node, f"missing the ranking of player '{player}'; every player ranks every outcome", f"{path}.{player}")
                ok = False
                continue
            key, value = entries[player]
            sub = f"{path}.{player}"
            try:
                levels = self.sequence(value, sub, f"the ranking of {player} (a list of outcomes, best first)")
            except _Invalid:
                ok = False
                continue
            seen: dict = {}
            rank_of: dict = {}
            local_ok = True
            for k, level in enumerate(levels):
                lpath = f"{sub}[{k}]"
                members = level.items if isinstance(level, Sequence) else [level]
                if isinstance(level, Sequence) and not members:
                    self.problem(level, "an empty tie []; expected one or more outcomes", lpath)
                    local_ok = False
                for m in members:
                    try:
                        profile = self.profile(m, lpath, ctx)
                    except _Invalid:
                        local_ok = False
                        continue
                    if profile in seen:
                        self.problem(
                            m,
                            f"outcome '{m.value}' appears twice in the ranking of {player} "
                            f"(first at line {seen[profile].line}); each outcome appears exactly once",
                            lpath,
                        )
                        local_ok = False
                        continue
                    seen[profile] = m
                    rank_of[profile] = len(levels) - k
            missing = [p for p in all_profiles if p not in seen]
            if missing and (local_ok or seen):
                self.problem(
                    value,
                    f"the ranking of {player} is missing the outcome{'s' if len(missing) > 1 else ''} "
                    + _listing(f'"{ctx.profile_text(p)}"' for p in missing)
                    + "; every outcome appears exactly once",
                    sub,
                )
                local_ok = False
            if not local_ok:
                ok = False
                continue
            ranks[i] = rank_of
        if not ok:
            raise _Invalid
        return tuple((p, tuple(sympy.Integer(ranks[i][p]) for i in range(len(ctx.players)))) for p in all_profiles)


class _Context:
    """Players, strategies and options that the payoff forms are read against."""

    def __init__(self, players, strategies, symmetric, types, count):
        self.players = players or []
        self.strategies = strategies or []
        self.symmetric = bool(symmetric)
        self.types = types
        self.count = count

    def profile_text(self, profile) -> str:
        return ", ".join(self.strategies[i][s] for i, s in enumerate(profile))

    def example(self) -> str:
        return ", ".join(s[0] for s in self.strategies) if self.strategies else "A, B"


def _comma_hint(node) -> str:
    """A hint when YAML split an expression such as min(a, b) at its comma inside [ ]."""
    for item in getattr(node, "items", ()):
        if isinstance(item, Scalar) and item.plain and item.value.count("(") != item.value.count(")"):
            return (
                "; YAML splits [ ] lists at every comma, so write an expression with commas in quotes, "
                'such as "min(a, b)"'
            )
    return ""


def _yaml11_number(value: str) -> str:
    """' (octal 8)' for YAML 1.1 octal or base-60 forms that differ from their decimal reading."""
    v = value.replace("_", "")
    sign = -1 if v.startswith("-") else 1
    v = v.lstrip("+-")
    if re.fullmatch(r"0[0-7]+", v):
        return f" (the octal number {sign * int(v, 8)})"
    if re.fullmatch(r"[0-9][0-9]*(:[0-5]?[0-9])+", v):
        total = 0
        for part in v.split(":"):
            total = total * 60 + int(part)
        return f" (the base-60 number {sign * total})"
    if re.fullmatch(r"[0-9][0-9]*(:[0-5]?[0-9])+\.[0-9]*", v):
        return " (a base-60 number)"
    return ""


def _identically_one(total) -> bool:
    """Whether an expression equals 1 for every value of its symbols.

    A sum that sympy already evaluates to 1 (``1 - p + p``) is accepted at once. Otherwise the
    difference from 1 is evaluated exactly at a few rational points in (0, 1): a nonzero value
    proves that the sum is not identically 1; zeros at every point are taken as identity (a
    polynomial identity test in the manner of Schwartz and Zippel), which never calls
    ``simplify`` on hostile input. Points where the expression is undefined are skipped.
    """
    diff = total - 1
    if diff == 0:
        return True
    symbols = sorted(diff.free_symbols, key=str)
    if not symbols:
        return _is_zero_number(diff)
    points = [sympy.Rational(k, 101) for k in (37, 59, 83, 13, 71, 29)]
    tried = 0
    for shift in range(len(points)):
        values = {s: points[(shift + 2 * k) % len(points)] for k, s in enumerate(symbols)}
        value = diff.xreplace(values)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            continue
        tried += 1
        if not _is_zero_number(value):
            return False
        if tried == 3:
            break
    return tried > 0


def _is_zero_number(value) -> bool:
    if value.is_Rational:
        return value == 0
    if value.is_zero is not None:
        return bool(value.is_zero)
    approx = value.evalf(60)
    return approx.is_Number and abs(approx) < sympy.Float("1e-45")


def _find_cycle(start: str, graph: dict) -> list[str] | None:
    """A cycle through ``start`` in the dependency graph, as a list of names, or None."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return path
            if nxt not in seen and nxt in graph:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def _resolve_default(name: str, defaults: dict, depth: int = 0):
    value = defaults.get(name)
    if value is None or depth > len(defaults):
        return None
    mapping = {}
    for s in value.free_symbols:
        sub = _resolve_default(str(s), defaults, depth + 1)
        if sub is None:
            return None
        mapping[s] = sub
    return value.xreplace(mapping) if mapping else value


def _decide(rel) -> bool | None:
    try:
        value = rel.func(rel.lhs, rel.rhs)
    except TypeError:
        return None
    if value is sympy.true:
        return True
    if value is sympy.false:
        return False
    return None


_REL_SPLIT = re.compile(r"(<=|>=|==|!=|<|>)")


def _link_texts(text: str, links: int) -> tuple[list[str], list[int]]:
    """Text and start offset of each link of a chained comparison: 'a < b < c' -> 'a < b', 'b < c'."""
    parts = _REL_SPLIT.split(text)
    if len(parts) != 2 * links + 1:
        return [text.strip()] * links, [0] * links
    texts, offsets = [], []
    position = 0
    starts = []
    for part in parts:
        starts.append(position)
        position += len(part)
    for k in range(links):
        left, op, right = parts[2 * k], parts[2 * k + 1], parts[2 * k + 2]
        texts.append(f"{left.strip()} {op} {right.strip()}")
        offsets.append(starts[2 * k] + len(left) - len(left.lstrip()))
    return texts, offsets


# -- public API ----------------------------------------------------------------------------------------


def load_spec(source, *, name: str | None = None) -> Spec:
    """Load and validate a spec.

    Parameters
    ----------
    source : str, bytes or os.PathLike
        A path to a YAML or JSON file; or, when ``name`` is given, the text of the spec (``str``
        or UTF-8 ``bytes``).
    name : str, optional
        The name of the text in messages (for example ``"<stdin>"``); when given, ``source`` is
        the text itself.

    Returns
    -------
    Spec
        The validated spec, every expression exact, every profile present once.

    Raises
    ------
    SpecError
        With every problem found, each located at ``FILE:LINE:COLUMN``.
    """
    if name is None:
        path = Path(source)
        display = str(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SpecError([Problem(display, 1, 1, "no such file")]) from None
        except IsADirectoryError:
            raise SpecError([Problem(display, 1, 1, "this is a folder; expected a spec file (YAML or JSON)")]) from None
        except OSError as err:
            raise SpecError([Problem(display, 1, 1, f"cannot read the file: {err.strerror or err}")]) from None
    else:
        data, display = source, name
    try:
        text = _yaml.decode(data)
        root = _yaml.compose(text)
    except YamlProblem as problem:
        raise SpecError([Problem(display, problem.line, problem.column, problem.message)]) from None
    reader = _Reader(display, text)
    spec = reader.read(root)
    if reader.problems or spec is None:
        raise SpecError(reader.problems or [Problem(display, 1, 1, "invalid spec")])
    return spec


def _specs_folder():
    from importlib.resources import files

    try:
        return files("gametheory.specs")
    except ModuleNotFoundError:  # running from a source tree without installation
        return Path(__file__).resolve().parents[2] / "specs"


def bundled_names() -> list[str]:
    """Names of the bundled specs (the file names in ``gametheory/specs`` without ``.yaml``), sorted."""
    folder = _specs_folder()
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def bundled_path(name: str):
    """The bundled spec ``name`` (a Traversable with ``read_bytes``/``read_text``).

    Raises
    ------
    UsageError
        If there is no bundled spec of that name (with a did-you-mean suggestion).
    """
    names = bundled_names()
    if name not in names:
        raise UsageError(f"no bundled spec named '{name}'{_did_you_mean(name, names)}; `gametheory list` shows them")
    return _specs_folder().joinpath(f"{name}.yaml")


def resolve(source: str) -> tuple[bytes, str]:
    """The data and display name of a CLI SPEC argument: a file path, ``-`` (stdin) or a bundled name.

    Raises
    ------
    UsageError
        If ``source`` is neither an existing file nor a bundled name (with did-you-mean).
    """
    if source == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(source)
    if path.is_file():
        return path.read_bytes(), source
    if path.is_dir():
        raise UsageError(f"{source} is a folder; expected a spec file (YAML or JSON) or a bundled spec name")
    names = bundled_names()
    if source in names:
        return bundled_path(source).read_bytes(), f"{source}.yaml"
    raise UsageError(
        f"no spec file or bundled spec named '{source}'{_did_you_mean(source, names)}; `gametheory list` shows the bundled specs"
    )
