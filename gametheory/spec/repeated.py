"""The repeated-game section of a normal-form spec: ``automata``, ``profiles``, ``cooperate``.

Registered in :data:`gametheory.spec.loader.SECTIONS`; read after the stage game, so the
players and their actions are known. REPEATED.md gives the format::

    automata:
      grim:
        start: cooperate
        states:
          cooperate: {play: C, next: {"C,C": cooperate, otherwise: punish}}
          punish: {play: D, next: {otherwise: punish}}
    profiles:
      deterrent: {Row: grim, Column: tit-for-tat}
    cooperate: {Row: C, Column: C}

Conventions
-----------
* ``next`` keys are action profiles in player order (``"C,D"``) or ``otherwise``; every profile
  needs a transition (one of its own or ``otherwise``).
* An automaton is built for every player whose actions include every action it plays; an
  automaton that no profile names is played by both players, so its actions must be actions of
  both. Names in ``profiles`` are the spec's automata or the library's (:data:`LIBRARY`, and
  ``punish:K``); a spec's automaton named like a library one (``grim``) takes its place.
* Problems are reported through the reader at the offending node (``FILE:LINE:COLUMN``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .loader import _Invalid, _listing, _suggest

KEYS = ("automata", "profiles", "cooperate")

#: The library of automata (REPEATED.md), by the names the command line and ``profiles:`` use.
LIBRARY = ("always-defect", "always-cooperate", "grim", "tit-for-tat", "win-stay-lose-shift",
           "punish:K", "stick-and-carrot")

_PUNISH = re.compile(r"punish:([1-9][0-9]?)")


def library_name(name: str) -> bool:
    """True when ``name`` is a library automaton (``punish:K`` with K from 1 to 99)."""
    return name in LIBRARY and name != "punish:K" or _PUNISH.fullmatch(name) is not None


@dataclass(frozen=True)
class RepeatedSection:
    """What the section says: ``automata`` as ``(name, start, states, per_player)`` with
    ``per_player = ((player, (play, table)), ...)``, ``play = ((state, action), ...)``,
    ``table = ((state, ((profile, state), ...)), ...)``; ``profiles`` as
    ``((name, (automaton name per player)), ...)``; ``cooperate`` one action index per player
    (``()`` when not given)."""

    automata: tuple = ()
    profiles: tuple = ()
    cooperate: tuple = ()


def read(reader, top) -> RepeatedSection | None:
    players = list(reader.players)
    strategies = [list(s) for s in reader.strategies]
    problems = len(reader.problems)
    cooperate = ()
    if "cooperate" in top:
        cooperate = _cooperate(reader, top["cooperate"][1], players, strategies)
    raw = {}
    if "automata" in top:
        raw = _automata(reader, top["automata"][1], players, strategies)
    profiles, assigned = (), {}
    if "profiles" in top:
        profiles, assigned = _profiles(reader, top["profiles"][1], players, raw)
    automata = []
    for name, (start, states, plays, table, node) in raw.items():
        usable = [i for i in range(len(players)) if all(a in strategies[i] for a, _ in plays.values())]
        needed = sorted(assigned.get(name, set(range(len(players)))))
        missing = [i for i in needed if i not in usable]
        if missing:
            i = missing[0]
            action, where = next((a, n) for a, n in plays.values() if a not in strategies[i])
            reader.problem(where, f"unknown action '{action}' for {players[i]} in automaton '{name}'"
                           f"{_hint(action, strategies[i])}", f"automata.{name}")
            continue
        per_player = []
        for i in usable:
            play = tuple((q, strategies[i].index(plays[q][0])) for q in states)
            per_player.append((i, (play, table)))
        automata.append((name, start, tuple(states), tuple(per_player)))
    if len(reader.problems) > problems:
        return None
    return RepeatedSection(tuple(automata), profiles, cooperate)


def _hint(word, candidates) -> str:
    suggestion = _suggest(word, candidates)
    if suggestion is not None:
        return f"; did you mean '{suggestion}'?"
    return f"; expected one of: {_listing(candidates)}"


def _cooperate(reader, node, players, strategies) -> tuple:
    try:
        entries = reader.mapping(node, "cooperate", "cooperate", players)
    except _Invalid:
        return ()
    out = []
    for i, player in enumerate(players):
        if player not in entries:
            reader.problem(node, f"cooperate names no action for {player}; expected one action per player",
                           "cooperate")
            return ()
        try:
            action = reader.name(entries[player][1], f"cooperate.{player}", "strategy")
        except _Invalid:
            return ()
        if action not in strategies[i]:
            reader.problem(entries[player][1], f"unknown action '{action}' for {player}"
                           f"{_hint(action, strategies[i])}", f"cooperate.{player}")
            return ()
        out.append(strategies[i].index(action))
    return tuple(out)


def _automata(reader, node, players, strategies) -> dict:
    try:
        entries = reader.mapping(node, "automata", "automata")
    except _Invalid:
        return {}
    out = {}
    for name, (key, value) in entries.items():
        path = f"automata.{name}"
        try:
            reader.name(key, path, "automaton")
            parsed = _automaton(reader, value, path, name, players, strategies)
        except _Invalid:
            continue
        if parsed is not None:
            out[name] = parsed
    return out


def _automaton(reader, node, path, name, players, strategies):
    fields = reader.mapping(node, path, f"automaton '{name}'", ("start", "states"))
    for required in ("start", "states"):
        if required not in fields:
            reader.problem(node, f"automaton '{name}' has no '{required}'; expected start and states", path)
            raise _Invalid
    states_node = fields["states"][1]
    state_entries = reader.mapping(states_node, f"{path}.states", f"the states of '{name}'")
    if not state_entries:
        reader.problem(states_node, f"automaton '{name}' has no states", f"{path}.states")
        raise _Invalid
    states = list(state_entries)
    start_node = fields["start"][1]
    start = reader.name(start_node, f"{path}.start", "state")
    ok = True
    if start not in states:
        reader.problem(start_node, f"the start state '{start}' of automaton '{name}' is not one of its states"
                       f"{_hint(start, states)}", f"{path}.start")
        ok = False
    every_action = sorted(set(itertools.chain.from_iterable(strategies)), key=str)
    profiles = list(itertools.product(*(range(len(s)) for s in strategies)))
    plays, table = {}, []
    for state, (skey, svalue) in state_entries.items():
        spath = f"{path}.states.{state}"
        try:
            reader.name(skey, spath, "state")
            body = reader.mapping(svalue, spath, f"state '{state}'", ("play", "next"))
            for required in ("play", "next"):
                if required not in body:
                    reader.problem(svalue, f"state '{state}' of automaton '{name}' has no '{required}'; "
                                   "expected play and next", spath)
                    raise _Invalid
            action = reader.name(body["play"][1], f"{spath}.play", "strategy")
            if action not in every_action:
                reader.problem(body["play"][1], f"unknown action '{action}' in automaton '{name}'"
                               f"{_hint(action, every_action)}", f"{spath}.play")
                raise _Invalid
            plays[state] = (action, body["play"][1])
            table.append((state, _transitions(reader, body["next"][1], f"{spath}.next", name, state,
                                              states, players, strategies, profiles)))
        except _Invalid:
            ok = False
    if not ok:
        return None
    return start, states, plays, tuple(table), node


def _transitions(reader, node, path, name, state, states, players, strategies, profiles):
    entries = reader.mapping(node, path, f"the transitions of state '{state}'")
    given: dict = {}
    otherwise = None
    ok = True
    for key_text, (key, value) in entries.items():
        try:
            target = reader.name(value, f"{path}.{key_text}", "state")
        except _Invalid:
            ok = False
            continue
        if target not in states:
            reader.problem(value, f"unknown state '{target}' in automaton '{name}'{_hint(target, states)}",
                           f"{path}.{key_text}")
            ok = False
            continue
        if key_text == "otherwise":
            otherwise = target
            continue
        parts = [p.strip() for p in key_text.split(",")]
        if len(parts) != len(players):
            reader.problem(key, f"'{key_text}' is not an action profile; expected one action per player in "
                           f"player order ({', '.join(players)}) such as \"{','.join(s[0] for s in strategies)}\", "
                           "or otherwise", f"{path}.{key_text}")
            ok = False
            continue
        profile = []
        for i, part in enumerate(parts):
            if part not in strategies[i]:
                reader.problem(key, f"unknown action '{part}' for {players[i]} in '{key_text}'"
                               f"{_hint(part, strategies[i])}", f"{path}.{key_text}")
                ok = False
                break
            profile.append(strategies[i].index(part))
        else:
            profile = tuple(profile)
            if profile in given:
                reader.problem(key, f"the profile '{key_text}' has two transitions; keep one", f"{path}.{key_text}")
                ok = False
                continue
            given[profile] = target
    if not ok:
        raise _Invalid
    if otherwise is None:
        missing = [a for a in profiles if a not in given]
        if missing:
            shown = _listing(['"' + ",".join(strategies[i][k] for i, k in enumerate(a)) + '"' for a in missing])
            reader.problem(node, f"state '{state}' of automaton '{name}' has no transition for {shown}; "
                           "add them or an 'otherwise' entry", path)
            raise _Invalid
    return tuple((a, given.get(a, otherwise)) for a in profiles)


def _profiles(reader, node, players, automata):
    try:
        entries = reader.mapping(node, "profiles", "profiles")
    except _Invalid:
        return (), {}
    out, assigned = [], {}
    for name, (key, value) in entries.items():
        path = f"profiles.{name}"
        try:
            reader.name(key, path, "profile")
            body = reader.mapping(value, path, f"profile '{name}'", players)
            chosen = []
            for i, player in enumerate(players):
                if player not in body:
                    reader.problem(value, f"profile '{name}' names no automaton for {player}; "
                                   "expected one per player", path)
                    raise _Invalid
                vnode = body[player][1]
                auto = reader.name(vnode, f"{path}.{player}", "automaton")
                if auto not in automata and not library_name(auto):
                    known = list(automata) + [n for n in LIBRARY if n != "punish:K"]
                    reader.problem(vnode, f"unknown automaton '{auto}' (neither in automata nor in the library)"
                                   f"{_hint(auto, known)}", f"{path}.{player}")
                    raise _Invalid
                if auto in automata:
                    assigned.setdefault(auto, set()).add(i)
                chosen.append(auto)
            out.append((name, tuple(chosen)))
        except _Invalid:
            continue
    return tuple(out), assigned
