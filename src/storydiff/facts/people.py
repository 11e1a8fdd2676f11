"""People: the first names that mark a person's name (gender-guesser's list of 40,000
names from many countries) and the key people are compared by, the folded surname, so
"Emmanuel Macron", "Präsident Macron" and "M. Macron" agree."""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.base import fold
from storydiff.tables import StringTable


@lru_cache(maxsize=1)
def first_names() -> StringTable:
    """First names in lower case (gender-guesser's list, about 40,000), for ``in``: a
    ``StringTable`` memory-mapped from the tables cache after the first run (parsing the
    list takes 0.13 s, unpacking it as a frozenset 0.02 s)."""
    from importlib.metadata import version

    from storydiff.tables import string_table

    key = f"gender-guesser {version('gender-guesser')} without {' '.join(sorted(_NO_FIRST_NAMES))}"
    return string_table("first-names", key, _read_first_names)


# Words gender-guesser lists that open no person's name in the text storydiff reads:
# English's article (listed as a Vietnamese name, "Thế" without its accent), which any
# language's text capitalises mid-sentence only to open a title ("The Hudsucker Proxy",
# "The Associated Press"); and the military ranks that news writes before a name
# ("Major Tom Smith", "General Ban"), "general" also the adjective of an office
# ("Dirección General de Tráfico", "Secretario General Antonio Guterres"). As surnames
# they stay names ("John Major").
_NO_FIRST_NAMES = frozenset({"the", "general", "major"})


def _read_first_names() -> frozenset[str]:
    import gender_guesser.detector as gender

    detector = gender.Detector(case_sensitive=False)
    return frozenset(name.lower() for name in detector.names) - _NO_FIRST_NAMES


_REGNAL = re.compile(r"^(?:[IVX]{1,5})$")  # "Felipe VI", "Charles III"


def person_key(name: str) -> str:
    words = name.split()
    if len(words) > 1 and _REGNAL.match(words[-1]):
        words = words[:-1]  # a monarch or pope is keyed by name, not by number
    return fold(re.sub(r"['’]s$", "", words[-1]))  # "Macron's" -> "macron"
