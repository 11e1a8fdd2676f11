"""What an article has named so far, and a sentence's names read a second time for free.

``extract_facts`` reads each sentence's names twice: a first pass learns who and what the
article names, the second reads every sentence again with all of that known (so that the
bare "Starmer" of a headline is found too). ``find_entities`` depends on what is known only
through point questions -- is this surname known, which key has this organisation -- and
changes it only by adding names. So the second reading of a sentence is the first one
again whenever each of its questions gets the answer it got then. ``KnownPeople`` and
``KnownOrgs`` can log the questions and additions of a reading (``read_logged``);
``replay`` asks the same questions of what is known now and, when every answer agrees,
makes the same additions and gives back the same names without reading the sentence
again. Where an answer differs (a surname the article gives only later), the sentence is
read again, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storydiff.facts.base import Found

_MISSING = object()

# what a reading did: ("p?", surname key, known?) / ("p+", key, None) for people,
# ("o?", name, known?) / ("o=", name, key or _MISSING) / ("o+", name, key) for organisations
Event = tuple[str, str, Any]
FindNames = Callable[[str, "KnownPeople", "KnownOrgs", str | None], list[Found]]


class KnownPeople(set[str]):
    """The surname keys an article has named; logs its use while ``log`` is a list."""

    log: list[Event] | None = None

    def __contains__(self, key: object) -> bool:
        found = set.__contains__(self, key)
        if self.log is not None:
            self.log.append(("p?", key, found))  # type: ignore[arg-type]
        return found

    def add(self, key: str) -> None:
        if self.log is not None:
            self.log.append(("p+", key, None))
        set.add(self, key)


class KnownOrgs(dict[str, str]):
    """Organisation names an article has named -> their keys; logs its use while ``log``
    is a list."""

    log: list[Event] | None = None

    def __contains__(self, key: object) -> bool:
        found = dict.__contains__(self, key)
        if self.log is not None:
            self.log.append(("o?", key, found))  # type: ignore[arg-type]
        return found

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = dict.get(self, key, _MISSING)
        if self.log is not None:
            self.log.append(("o=", key, value))
        return default if value is _MISSING else value

    def __getitem__(self, key: str) -> str:
        value = dict.get(self, key, _MISSING)
        if self.log is not None:
            self.log.append(("o=", key, value))
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[return-value]

    def __setitem__(self, key: str, value: str) -> None:
        if self.log is not None:
            self.log.append(("o+", key, value))
        dict.__setitem__(self, key, value)


@dataclass
class Reading:
    """One reading of a text's names: what it asked and added, in order, and what it
    found."""

    events: list[Event]
    found: list[Found]


def read_logged(
    find: FindNames, text: str, people: KnownPeople, orgs: KnownOrgs, lang: str | None
) -> Reading:
    """``find(text, people, orgs, lang)``, with what it asked and added."""
    events: list[Event] = []
    people.log = orgs.log = events
    try:
        found = find(text, people, orgs, lang)
    finally:
        people.log = orgs.log = None
    return Reading(events, found)


def replay(reading: Reading, people: KnownPeople, orgs: KnownOrgs) -> list[Found] | None:
    """The reading's names, with its additions made to ``people`` and ``orgs``, when every
    question it asked gets the same answer from them now (its own additions included, as
    they were made); None, with nothing changed, otherwise."""
    added: set[str] = set()
    named: dict[str, str] = {}
    for kind, key, answer in reading.events:
        if kind == "p?":
            if (key in added or set.__contains__(people, key)) != answer:
                return None
        elif kind == "p+":
            added.add(key)
        elif kind == "o?":
            if (key in named or dict.__contains__(orgs, key)) != answer:
                return None
        elif kind == "o=":
            if (named[key] if key in named else dict.get(orgs, key, _MISSING)) != answer:
                return None
        else:
            named[key] = answer
    for kind, key, answer in reading.events:
        if kind == "p+":
            set.add(people, key)
        elif kind == "o+":
            dict.__setitem__(orgs, key, answer)
    return reading.found


__all__ = ["KnownOrgs", "KnownPeople", "Reading", "read_logged", "replay"]
