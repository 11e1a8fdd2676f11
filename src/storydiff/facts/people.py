"""People: the first names that mark a person's name (gender-guesser's list of 40,000
names from many countries) and the key people are compared by, the folded surname, so
"Emmanuel Macron", "Präsident Macron" and "M. Macron" agree."""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.base import fold


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names in lower case (gender-guesser's list, about 40,000)."""
    import gender_guesser.detector as gender

    detector = gender.Detector(case_sensitive=False)
    return frozenset(name.lower() for name in detector.names)


_REGNAL = re.compile(r"^(?:[IVX]{1,5})$")  # "Felipe VI", "Charles III"


def person_key(name: str) -> str:
    words = name.split()
    if len(words) > 1 and _REGNAL.match(words[-1]):
        words = words[:-1]  # a monarch or pope is keyed by name, not by number
    return fold(re.sub(r"['’]s$", "", words[-1]))  # "Macron's" -> "macron"
