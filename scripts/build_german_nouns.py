"""Build storydiff's list of German common nouns: src/storydiff/facts/data/german_nouns.json.gz.

    pip install german-nouns wordfreq && python scripts/build_german_nouns.py

Source: german-nouns (about 100,000 German nouns with every inflected form, compiled from
the German Wiktionary). German capitalises every noun, so "Länder", "Küche", "Ära" or
"Art Fleisch" look like names to the capitalised-span rules, and folded they even match
places ("Länder" -> "Lander", "Ära" -> "Ara"). The fact extractor uses this list to tell a
German common noun from a name (see ``storydiff.facts.german_nouns``).

Kept: the forms (nominative, genitive, dative, accusative; singular and plural) of nouns
that Wiktionary gives no name reading: a lemma that is also a place, first name, surname
or proper name anywhere in the list ("Rom", "Essen", "Halle", "Fischer", "Wolf") is left
out, so that every word in the list is a common noun only. One word, letters and hyphens,
at most 16 characters (the long compounds are no risk of being read as names and make the
file three times larger); in lower case.

A second list, ``everyday``, holds the forms that are everyday German and no other
language's word (German frequency at least ZIPF_DE on wordfreq's Zipf scale, and ENGLISH_GAP
above their English frequency): "Fleisch", "Tages", "Verhandlungen", "Ende". Rare nouns that
share a spelling with foreign family names ("Wang", "Yi", "Lee", "Modi", "Khan", "Gates")
are no evidence against a person's name, so only this list decides about people. A third,
``also_names``, holds the nouns that are also names ("Art", "Wolf", "Essen"): a first name
that is one of them may open a noun phrase ("Art Fleisch").
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storydiff/facts/data/german_nouns.json.gz"
# Wiktionary part-of-speech tags that make a noun a name
NAME_TAGS = {"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung"}
LONGEST = 16
ZIPF_DE = 3.0
ENGLISH_GAP = 1.0


def main() -> None:
    from importlib.metadata import version

    from wordfreq import zipf_frequency

    path = files("german_nouns").joinpath("nouns.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    form_columns = [c for c in rows[0] if c not in {"lemma", "pos"} and not c.startswith("genus")]
    common: set[str] = set()
    named: set[str] = set()
    for row in rows:
        forms = {row["lemma"], *(row[c] for c in form_columns)}
        words = {
            f.lower()
            for f in forms
            if f and f[:1].isupper() and f.replace("-", "").isalpha() and len(f) <= LONGEST
        }
        (named if set(row["pos"].split(",")) & NAME_TAGS else common).update(words)
    nouns = sorted(common - named)
    everyday = [w for w in nouns if _everyday(zipf_frequency(w, "de"), zipf_frequency(w, "en"))]
    payload = {
        "about": f"German common nouns (forms) from german-nouns {version('german-nouns')}"
        f" (German Wiktionary), everyday ones by wordfreq {version('wordfreq')};"
        " built by scripts/build_german_nouns.py",
        "nouns": nouns,
        "everyday": everyday,
        "also_names": sorted(common & named),
    }
    OUT.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), mtime=0))
    size = OUT.stat().st_size / 1e3
    print(
        f"{len(nouns)} forms ({len(everyday)} everyday) -> {OUT} ({size:.0f} KB)", file=sys.stderr
    )


def _everyday(german: float, english: float) -> bool:
    """Frequent in German and far rarer in English (Zipf scale: 3 = once per million words)."""
    return german >= ZIPF_DE and german - english >= ENGLISH_GAP


if __name__ == "__main__":
    main()
