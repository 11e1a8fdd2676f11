"""Names spelled out before their acronym: "Organization for Security and Co-operation in
Europe (OSCE)", "Bundesamt für Statistik (BFS)", "Conseil de l'Europe (CoE)".

Such a name holds capitalised words that the name reader takes one by one ("Organization",
"Europe", "Development"), and a translation that writes the same institution otherwise
(or only its acronym) then shows "Europe" as a place one version leaves out. The span of
the spelled-out name is found from the acronym's capitals: walking back from the bracket,
each capitalised word gives the next capital (from the last); a lower-case word gives it
where its first letter is that capital ("für" in BFS, "sécurité" in the French OSCE),
and a short one is passed over otherwise ("for", "and", "de la"). Where a capitalised or
long word does not fit, nothing is found: a name the initials do not spell (a compound,
"Zentralbank" for Z and B) is left as it was read. Written here: no library reads
acronyms' long forms in these languages.
"""

from __future__ import annotations

import re

# "(OSCE)", "(BFS)", "(CoE)": two to eight letters, capitals first and last
_ACRONYM = re.compile(r"\((?P<a>[A-ZÄÖÜÉ][A-Za-zÄÖÜÉ]{0,6}[A-ZÄÖÜÉ])\)")
_WORD = re.compile(r"[\w'’-]+")
# an elided article or preposition before a word: "l'Europe", "dell'Unione", "d'Italia"
_ELIDED = re.compile(r"^(?:[ldLD]|dell|all|dall|nell|sull)['’]")
# lower-case words passed over in a row, at most ("pour la sécurité et la": 2)
_MAX_SMALL = 3
_LIST = re.compile(r"[,;]")
# characters looked back from a bracket
_LOOK_BACK = 160


def spelled_out_names(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of each name spelled out right before an acronym
    in brackets whose capitals are its words' initials (see the module); the acronym is
    not part of the span, and none holds a comma (a list of names is no name). Linear in
    the text: each bracket looks back over at most _LOOK_BACK characters."""
    out = []
    for m in _ACRONYM.finditer(text):
        capitals = [ch for ch in m.group("a") if ch.isupper()]
        if len(capitals) < 2:
            continue
        start = max(0, m.start() - _LOOK_BACK)
        words = [
            (w.start() + start, w.end() + start, w.group())
            for w in _WORD.finditer(text[start : m.start()])
        ]
        span = _initials_span(words, capitals)
        # a list is no name: "Brazil, Russia, India and China (BRIC)"
        if span and not _LIST.search(text, span[0], span[1]):
            out.append(span)
    return out


def _initials_span(
    words: list[tuple[int, int, str]], capitals: list[str]
) -> tuple[int, int] | None:
    """The span of the last words whose initials spell ``capitals`` (see the module)."""
    if not words:
        return None
    end = words[-1][1]
    want = len(capitals) - 1
    small = 0
    for start, _, word in reversed(words):
        core = _ELIDED.sub("", word)
        if not core or not core[0].isalpha():
            return None
        initial = core[0]
        if initial.isupper():
            if initial != capitals[want]:
                return None
            want -= 1
            small = 0
        elif want >= 1 and initial.upper() == capitals[want]:
            # a lower-case word gives a capital, never the first one ("für" in B-F-S,
            # "sécurité" and "coopération" in the French OSCE)
            want -= 1
            small = 0
        else:
            small += 1
            if small > _MAX_SMALL or len(core) > 4:
                return None
        if want < 0:
            return start + len(word) - len(core), end
    return None


__all__ = ["spelled_out_names"]
