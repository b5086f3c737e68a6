"""YAML text to a tree of located nodes, with every scalar kept as its source text.

Conventions
-----------
* Lines and columns are 1-based, as editors show them.
* Scalars are never converted: a :class:`Scalar` keeps its text, its YAML 1.1 tag as PyYAML's
  resolver reads it (``int``, ``float``, ``bool``, ``null``, ``str``, ...) and its style (plain,
  quoted, block), so that numbers stay exact and the loader can tell an unquoted ``No`` (a
  boolean to YAML) from the name ``"No"``.
* The tree is built from PyYAML's event stream (the libyaml parser when available) with an
  explicit stack, never by recursion, so that deep nesting cannot exhaust Python's stack.
* Refused outright, each as a :class:`YamlProblem`: a file over :data:`MAX_BYTES` bytes, bytes
  that are not UTF-8, YAML syntax errors, anchors and aliases (so that no alias bomb can
  expand), custom tags, more than one document, nesting deeper than :data:`MAX_NESTING` (deeper
  than :data:`MAX_TREE_NESTING` inside the top-level ``tree:`` of a game tree, two levels per
  tree level), and more than :data:`MAX_NODES` nodes.
* The nesting limit is ours, whatever the PyYAML release: libyaml 0.2.6 and later (PyYAML 6.0.4)
  stop deep flow nesting (``[[[[...``) themselves while scanning ahead, before any event reaches
  us. So the text is scanned first (:func:`_deep_flow`); where its flow collections nest deeper
  than the limit, the events of the text up to that point are read, and our own check reports
  the first collection beyond the limit, at the same line and column on every release.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.resolver import Resolver

#: Largest spec file accepted, in bytes.
MAX_BYTES = 1_000_000
#: Deepest nesting of YAML collections accepted.
MAX_NESTING = 50
#: Deepest tree (decision and chance nodes on one path) that a ``tree:`` spec may hold
#: (TREES.md). A tree level takes two YAML levels in block style (a node's mapping and its
#: ``moves:`` mapping), so inside the top-level ``tree:`` the nesting limit is
#: :data:`MAX_TREE_NESTING`.
MAX_TREE_DEPTH = 100
MAX_TREE_NESTING = MAX_NESTING + 2 * MAX_TREE_DEPTH
#: Most YAML nodes in one spec.
MAX_NODES = 200_000

_TAG_PREFIX = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_TAG_PREFIX + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}

try:  # the C parser is much faster on large files; both give the same events and marks
    _Parser = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Parser = yaml.SafeLoader


@dataclass
class Scalar:
    """A scalar: its text, resolved tag (``"str"``, ``"int"``, ``"bool"``, ...), style, position."""

    value: str
    tag: str
    style: str | None
    line: int
    column: int
    end_line: int
    in_flow: bool = False

    @property
    def plain(self) -> bool:
        return self.style is None

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')


@dataclass
class Sequence:
    """A sequence (YAML list) and its position."""

    items: list = field(default_factory=list)
    line: int = 1
    column: int = 1
    flow: bool = False


@dataclass
class Mapping:
    """A mapping as a list of (key node, value node) pairs in file order, and its position."""

    pairs: list = field(default_factory=list)
    line: int = 1
    column: int = 1
    flow: bool = False


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class YamlProblem(Exception):
    """A problem that stops reading the file: 1-based line and column, and a message."""

    line: int
    column: int
    message: str


def describe(node) -> str:
    """A short description of a node for messages: 'a list', 'a mapping', 'the number 3', ..."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    if node.tag == "null":
        return "nothing (null)"
    if node.tag == "bool" and node.plain:
        return f"{node.value} (a boolean to YAML)"
    if node.tag in ("int", "float") and node.plain:
        return f"the number {node.value}"
    return f"'{_clip(node.value)}'"


def _clip(text: str, width: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


def decode(data: bytes | str) -> str:
    """The text of a spec file: UTF-8 (an initial byte-order mark is dropped), size-checked."""
    if isinstance(data, str):
        if len(data) > MAX_BYTES:
            raise YamlProblem(1, 1, f"the file is too large ({len(data)} characters; at most {MAX_BYTES})")
        return data[1:] if data.startswith("\ufeff") else data
    if len(data) > MAX_BYTES:
        raise YamlProblem(1, 1, f"the file is too large ({len(data)} bytes; at most {MAX_BYTES})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(1, 1, "the file is UTF-16 text; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        last = before.rfind(b"\n")
        column = len(before[last + 1 :].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            line, column, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} here); save it as UTF-8"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def compose(text: str) -> Node | None:
    """Read one YAML document into located nodes (``None`` for an empty document).

    Raises
    ------
    YamlProblem
        For anything that stops reading (see the module docstring).
    """
    end = _deep_flow(text, MAX_NESTING + 1)
    if end is not None:
        try:
            _compose(text[:end])
        except YamlProblem as problem:
            if problem.message.startswith("the YAML is nested too deeply"):
                raise
    return _compose(text)


def _deep_flow(text: str, limit: int) -> int | None:
    """The offset just past the bracket at which flow collections (``[``, ``{``) first nest
    ``limit`` deep, or ``None``: a scan of the text alone, so that a YAML parser's own limits never
    act first. Brackets inside quoted scalars, comments and block scalars are not counted, nor a
    bracket inside a plain scalar of block context (``a[1]``). A false alarm costs only one more
    parse of a prefix: :func:`compose` raises only what its own check finds there."""
    depth = 0
    i, n = 0, len(text)
    start = True  # at the start of a token, where a bracket or a quote opens something
    block_indent = None  # inside a block scalar (| or >) whose parent line has this indentation
    line_start = True
    while i < n:
        c = text[i]
        if line_start:
            j = i
            while j < n and text[j] == " ":
                j += 1
            indent = j - i
            if block_indent is not None:
                if j < n and text[j] not in "\r\n" and indent <= block_indent:
                    block_indent = None
                else:
                    k = text.find("\n", i)
                    i = n if k < 0 else k + 1
                    continue
            line_indent = indent
            line_start = False
            start = True
            i = j
            continue
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            k = text.find("\n", i)
            i = n if k < 0 else k
            continue
        if start and c in "'\"":
            i = _end_of_quoted(text, i)
            start = False
            continue
        if c in "[{" and (start or depth > 0):
            depth += 1
            if depth >= limit:
                return i + 1
            start = True
        elif c in "]}" and depth > 0:
            depth -= 1
            start = False
        elif c == "," and depth > 0:
            start = True
        elif c in "|>" and start and depth == 0:
            block_indent = line_indent
            start = False
        elif c in " \t":
            pass
        elif c in ":-?" and i + 1 < n and text[i + 1] in " \t\r\n":
            start = True
        else:
            start = False
        i += 1
    return None


def _end_of_quoted(text: str, i: int) -> int:
    """The offset just past the quoted scalar that opens at ``text[i]`` (or the end of text)."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            if quote == "'" and text[j + 1 : j + 2] == "'":
                j += 2
                continue
            return j + 1
        j += 1
    return len(text)


def _compose(text: str) -> Node | None:
    resolver = Resolver()
    stack: list = []  # open collections
    root = None
    documents = 0
    nodes = 0
    in_tree = False  # inside the value of the top-level key ``tree``
    loader = _Parser(text)
    try:
        while True:
            try:
                event = loader.get_event()
            except yaml.MarkedYAMLError as err:
                raise _syntax_problem(err, text) from None
            except yaml.YAMLError as err:  # reader errors: unacceptable characters
                raise _reader_problem(err, text) from None
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        line, column, "a spec is one YAML document, but this file holds several ('---'); keep one"
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(
                    line, column, "YAML aliases (*name) are not allowed in a spec; write the value out in full"
                )
            if getattr(event, "anchor", None) is not None:
                raise YamlProblem(
                    line, column, "YAML anchors (&name) are not allowed in a spec; write the value out in full"
                )
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                node = done[0]
                if isinstance(node, Mapping) and done[1] is not None:  # pragma: no cover - parser guarantees pairs
                    raise YamlProblem(line, column, "a mapping key has no value")
                _attach(stack, node)
                if not stack:
                    root = node
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(line, column, f"the file has too many YAML values (more than {MAX_NODES})")
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in ("!", *_STANDARD_TAGS):
                shown = "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag
                raise YamlProblem(line, column, f"YAML tags such as {shown} are not allowed in a spec; remove the tag")
            in_flow = bool(stack) and stack[-1][0].flow
            if isinstance(event, yaml.ScalarEvent):
                if tag is None or tag == "!":
                    implicit = (event.implicit[0], event.implicit[1]) if tag is None else (False, False)
                    tag = resolver.resolve(yaml.ScalarNode, event.value, implicit)
                node = Scalar(
                    value=event.value,
                    tag=tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag,
                    style=event.style or None,
                    line=line,
                    column=column,
                    end_line=event.end_mark.line + 1,
                    in_flow=in_flow,
                )
                if not stack:
                    root = node
                else:
                    _attach(stack, node)
                continue
            if len(stack) == 1:  # a top-level value opens: is it the tree?
                in_tree = _is_tree_key(stack[0])
            limit = MAX_TREE_NESTING if in_tree and len(stack) > 1 else MAX_NESTING
            if len(stack) >= limit:
                raise YamlProblem(line, column, f"the YAML is nested too deeply (more than {limit} levels)")
            flow = bool(event.flow_style)
            if isinstance(event, yaml.SequenceStartEvent):
                stack.append([Sequence(line=line, column=column, flow=flow), None])
            else:
                stack.append([Mapping(line=line, column=column, flow=flow), None])
    finally:
        loader.dispose()
    return root


def _is_tree_key(top) -> bool:
    """Whether an open top-level mapping waits for the value of its key ``tree``."""
    return isinstance(top[0], Mapping) and isinstance(top[1], Scalar) and top[1].value == "tree"


def _attach(stack, node) -> None:
    if not stack:
        return
    top = stack[-1]
    parent = top[0]
    if isinstance(parent, Sequence):
        parent.items.append(node)
    elif top[1] is None:
        top[1] = node  # a key, waiting for its value
    else:
        parent.pairs.append((top[1], node))
        top[1] = None


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    if "control characters are not allowed" in problem or "special characters are not allowed" in problem:
        return YamlProblem(line, column, "the file holds a control character; remove it (YAML allows printable text only)")
    message = f"invalid YAML: {problem}" if problem else "invalid YAML"
    if context:
        message += f" ({context}"
        cmark = err.context_mark
        if cmark is not None and (cmark.line, cmark.column) != (line - 1, column - 1):
            message += f" at line {cmark.line + 1}, column {cmark.column + 1}"
        message += ")"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t" or "'\\t'" in problem:
        message += "; indent with spaces, not tabs"
    return YamlProblem(line, column, message)


def _reader_problem(err: yaml.YAMLError, text: str) -> YamlProblem:
    position = getattr(err, "position", None)
    if position is None:
        return YamlProblem(1, 1, f"invalid YAML: {err}")
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    return YamlProblem(line, column, "the file holds a control character; remove it (YAML allows printable text only)")
