"""Places: the gazetteer built by ``scripts/build_places.py`` (CLDR country names in
seven languages, ISO 3166-2 subdivisions, GeoNames cities with their exonyms), looked up
by folded name, so "Brüssel", "Bruxelles" and "Brussels" share the key ``city:2800866``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storydiff.facts.base import fold
from storydiff.facts.names import _STOP_NAMES
from storydiff.tables import StringTable, gzip_json, package_string_tables, package_table


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, StringTable]:
    """The gazetteer's tables: "names" (folded name -> place key), "towns" (the same for
    smaller towns), "labels" (place key -> name) and "place_names" (place key -> each of
    its folded names), each a ``StringTable`` memory-mapped from the tables cache (a cold
    compare asks a few dozen of their 100,000 entries; unpacking them as dicts took
    0.03-0.04 s)."""
    return package_string_tables("storydiff.facts", "data/places.json.gz", _tables)


def _tables(data: bytes) -> dict[str, Any]:
    gazetteer = gzip_json(data)
    tables: dict[str, Any] = {
        name: gazetteer.get(name, {}) for name in ("names", "towns", "labels")
    }
    tables["place_names"] = [(key, name) for name, key in gazetteer["names"].items()]
    return tables


def _places() -> StringTable:
    return _gazetteer()["names"]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return package_table("storydiff.facts", "data/capitals.json.gz", gzip_json)  # type: ignore[return-value]


def national_capital(key: str) -> bool:
    """Is the place key a country's capital ("city:2950159", Berlin)?"""
    return key in _capitals()


def wider_place(x: str, y: str) -> str | None:
    """Of two place keys, the one that holds the other as a country holds its regions and
    its capital ("country:DE" for "city:2950159", Berlin; "country:GB" for
    "region:GB-ENG"), or None. Capitals from scripts/build_capitals.py (GeoNames)."""
    for inner, outer in ((x, y), (y, x)):
        if not outer.startswith("country:"):
            continue
        if inner.startswith("region:") and inner[7:9] == outer[8:10]:
            return outer
        if _capitals().get(inner) == outer:
            return outer
    return None


def place_label(key: str) -> str:
    """The gazetteer's name of a place key ("city:2867714" -> "Munich")."""
    return _gazetteer()["labels"].get(key, key)


class _PlaceNames:
    """Place key -> its folded names, in the order of the gazetteer's names (sorted),
    answered as ``dict.get`` would."""

    def get(self, key: str, default: Any = None) -> Any:
        return _gazetteer()["place_names"].get_all(key) or default


@lru_cache(maxsize=1)
def _place_names() -> _PlaceNames:
    return _PlaceNames()


def place_names(key: str) -> frozenset[str]:
    """A place's folded names in every language ("city:2867714" -> {"munich", "munchen",
    "monaco di baviera", ...}) and its label's; empty for an unknown key."""
    names = _place_names().get(key, [])
    label = _gazetteer()["labels"].get(key)
    return frozenset([*names, fold(label)] if label else names)


def short_place_names(key: str) -> list[str]:
    """A place's folded names of four letters ("genf", "wien"), too short for a stem."""
    return sorted({n for n in _place_names().get(key, []) if len(n) == 4 and " " not in n})


def place_stems(key: str) -> list[str]:
    """Stems of a place's names in every language ("californ" for Kalifornien, Californie,
    California): an adjective such as "californienne" mentions the place too."""
    return sorted({n[: max(5, len(n) - 2)] for n in _place_names().get(key, []) if len(n) >= 5})


# Subdivisions called "South" or "Centre" exist (Cameroon's regions), but alone these
# words are directions in a sentence ("the South Korean company", "Aldi Süd"), not places.
_DIRECTIONS = set(
    "north south east west centre center central nord sud süd ost est ouest norte sur este"
    " oeste centro mitte".split()
)
# ... and their adjectives ("Eastern" is a region of Ghana, "Southern" of Malawi and
# Zambia): alone, "in Eastern Paraguay", "Southern states" name no region
_DIRECTION_ADJECTIVES = set(
    "eastern western northern southern oriental orientale occidental occidentale meridional"
    " meridionale septentrional septentrionale östlich westlich nördlich südlich".split()
)
_NOT_PLACES_ALONE = (
    _DIRECTIONS
    | _DIRECTION_ADJECTIVES
    | {
        # words that alternate names of some city happen to be ("Volvo Cars", "Monte dei
        # Paschi"); the words that start place names are no place alone either (see below)
        "cars",
        "monte",
        "golfe",
        "tour",  # "la Tour Eiffel"
        "zug",  # German for train far more often than the Swiss canton
        # compass regions of Cameroon, and parts of any country ("Electricity North West")
        "north west",
        "north east",
        "south west",
        "south east",
    }
)


def place_key(name: str, *, genitive: bool = True) -> str | None:
    """The gazetteer key of a place name ("Brüssel" -> "city:2800866"), or None. With
    ``genitive``, a name ending in "s" is also looked up without it ("Moskaus"), as
    German and Dutch build a genitive; the capitalised-span reader turns it off for the
    Romance languages, where a final "s" is a plural noun's ("los Príncipes", "Acción de
    Gracias" are no Príncipe and no Gràcia) or no ending at all (Italian), and for
    English, where it is a plural's too ("the Caracalla Baths" are no Bath). A possessive
    "'s" ("Israel's") is looked up without it in any case."""
    lowered = name.lower()
    if (
        not name[:1].isupper()
        or name in _STOP_NAMES
        or lowered in _NOT_PLACES_ALONE
        or (lowered in _PLACE_NAME_WORDS and lowered != "porto")  # Porto is a city
    ):
        return None
    places = _places()
    key = places.get(fold(name))
    if key is None and name.endswith(("'s", "’s")) and len(name) > 4:
        key = places.get(fold(name[:-2]))
    if key is None and genitive and name.endswith("s") and len(name) > 4:
        key = places.get(fold(name[:-1]))
    return key


def town_key(name: str) -> str | None:
    """A smaller town's key (GeoNames lists places of 15,000+ people): only for a name
    written after a preposition of place, since alone such names are as often surnames
    or words ("Hof", "Lage", "Marl")."""
    if not name[:1].isupper() or name in _STOP_NAMES:
        return None
    return _gazetteer()["towns"].get(fold(name))


# Words that start place names far more often than they are first names in news
# ("Ville Lumière", "Mont Blanc", "Santa Clara", "Porto Alegre").
_PLACE_NAME_WORDS = {
    "ville",
    "port",
    "mont",
    "saint",
    "sainte",
    "santa",
    "san",
    "val",
    "grand",
    "grande",
    "cité",
    "costa",
    "monte",
    "porto",
    "puerto",
    "rio",
    "río",
    "lac",
    "bad",
    "new",
    "fort",
}
