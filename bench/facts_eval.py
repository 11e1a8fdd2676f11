"""Fact extraction quality on the annotated set, and the cost of facts in a compare.

    python bench/facts_eval.py          # writes bench/results/facts.json

Two sets, written and annotated by hand, one sentence per line with every fact and its
normalised value: tests/data/facts/ (154 sentences; the extraction rules were developed
looking at its errors, so its figures are optimistic); tests/data/facts-heldout/ (32
sentences written before its first scoring; that score then motivated two general
changes, a listed-company list and month-only dates, so it is no longer fully unseen);
tests/data/facts-heldout2/ (20 sentences; its misses motivated the gazetteer's
subdivisions and exonyms); tests/data/facts-heldout3/ (25 sentences; its misses motivated
source cues and the language-name exclusion); tests/data/facts-heldout4/ (20 sentences;
its misses motivated organisations named by a role and by kind and place);
tests/data/facts-heldout5/ (30 sentences written before those rules and scored once
after them: organization 0.68, source 0.40; its misses then motivated the table of
international bodies, outlet kinds, clubs and reporting verbs); tests/data/facts-heldout6/
(30 sentences written before those changes, scored once after them: organization 0.77,
source 0.74, person 0.77; its misses then motivated place-like surnames, "the X union",
company-only roles); tests/data/facts-heldout7/ (30 sentences written before those
changes, scored once after them: organization 0.76, everything else >= 0.86; its misses
then motivated crown currencies, German compound kind nouns, industry suffixes);
tests/data/facts-heldout8/ (30 sentences written before those changes, scored once
after them: organization 0.84, person 0.78, number 0.86; its misses then motivated
compound offices, name particles, first names after "de"); tests/data/facts-heldout9/
(30 sentences written before those changes, scored once after them: organization 0.71,
source 0.73; its misses then led to dropping "Platforms" like a legal form);
tests/data/facts-heldout10/ (30 sentences written after those changes and scored once:
organization 0.57, person 0.0, source 0.57; its misses then motivated sentence openers
that the sentence names by kind, sources ending in lower case, the police, audiences);
tests/data/facts-heldout11/ (40 sentences written before those changes and scored once
after them: organization 0.67, source 0.74, person 0.86, location 0.88, quote 0.0 (its
gold first keyed "von der Leyen" with the particles, against the convention of every
other set: surname only); its misses then motivated clubs, person sources, national
institutions, families of exonyms, "del Gobierno"); tests/data/facts-heldout12/ (40
sentences written after those changes and scored once: money 0.94, number 0.80 (its gold
first left out the numbers of a football score, which the development set counts),
person 0.85, organization 0.82, location 0.95, source 0.76, quote 0.0; its misses then
motivated capitalised surname particles, coaches as titles, the Red Cross, Romance
adjectives ending source names, Dutch cues, German genitives); tests/data/facts-heldout13/
(39 sentences written after those changes and scored once: organization 0.62, source
0.76, person 0.86, location 0.84, money 0.93, number and date 0.94; its misses then
motivated ranges of amounts, more month prepositions, letters such as ø in keys, listed
names with an industry word, capitalised roles, the National Assembly, statistics
offices as kinds); tests/data/facts-heldout14/ (58 sentences written after those changes
and scored once: organization 0.78, location 0.87, person 0.96, source 0.92, every other
type >= 0.98; its misses then motivated central banks by kind and country, German compound
kinds before a name, titles that are no organisation, the World Economic Forum,
Italian autonomous regions); tests/data/facts-heldout15/ (39 sentences written after
those changes and scored once: organization 0.73, location 0.84, source 0.89, person
0.97, number 0.92, percent 0.95, money and date 1.00; its misses then motivated percent
ranges, numbers inside source names, outlets after "das", city adjectives in names
(Hamburger Abendblatt), German chair roles); tests/data/facts-heldout16/ (48 sentences
written after the rules for names after Romance articles, towns after prepositions and
openers that report results, and scored once, its first score fixed beforehand to decide
issue 4: organization 0.868, source 0.933, person 0.917, location 0.939, money 0.929,
number 0.962, date 0.974 (its gold left out "este ano", which every other set counts),
percent 1.00; its misses then motivated "one euro", Dutch outlet kinds, compound German
roles, clubs keyed by their city's short name; its gold then gained the "este ano" it had
left out); tests/data/facts-heldout17/ (40 sentences written after those fixes and scored
once as a confirmation: organization 0.750, source 0.762, location 0.863, every other
type 1.00; its gold left out "selon les organisateurs", a source in every other set,
added after that score; its misses then motivated club keys without "Real"/"CF", Dutch
adjectives in names, price indices, the World Food Programme, French courts, counted
products, Portuguese articles). Gold
places are written as English names and resolved through the gazetteer; organisations
and sources as English names, folded and compared as sorted words (word order differs
between languages); people by surname.
A predicted fact is correct when the same sentence has a gold fact of the same type and
value (multiset matching). Sentences are scored alone, without the article around them.
Targets (issue 4): F1 >= 0.9 money/number/percent/date; >= 0.8 person/organization/
location; >= 0.8 source. Speed: facts add < 200 ms to a warm compare of the seed pair.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result

from storydiff.facts import FACT_TYPES, extract_facts, facts_of_sentence, fold
from storydiff.facts.bodies import body_name
from storydiff.facts.dates import date_key
from storydiff.facts.organizations import _CLUB_KIND_WORDS, org_key
from storydiff.facts.places import place_key, town_key

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "facts"
TARGETS = {
    "money": 0.9,
    "number": 0.9,
    "percent": 0.9,
    "date": 0.9,
    "person": 0.8,
    "organization": 0.8,
    "location": 0.8,
    "source": 0.8,
}
_CONNECT = {
    "of",
    "for",
    "the",
    "de",
    "du",
    "des",
    "la",
    "le",
    "l",
    "der",
    "die",
    "das",
    "el",
    "il",
    "y",
    "and",
    "und",
    "et",
}


def words_key(value: str) -> str:
    """Organisation and source values compared as sorted words, each place name in them
    replaced by its gazetteer key on both sides, and the names of international bodies by
    their English name ("University of Vienna" and storydiff's
    "university city:2761369" for "Universität Wien" meet as one key)."""
    value = body_name(value) or value  # "EU", "UE" -> "European Union", as storydiff keys it
    # the same folding as storydiff's keys: articles, German inflection ("Statistischem
    # Bundesamt" is the "Statistisches Bundesamt"), translated words ("Polizei" = "police")
    value = org_key(value)
    words = (
        fold(place_key(w.capitalize()) or w)
        for w in fold(value).split()
        if w not in _CONNECT and w not in _CLUB_KIND_WORDS  # "FC Barcelona" = "Barcelona"
    )
    # a subdivision's key holds a hyphen, which fold() turns into a space: split again so
    # that both sides sort the same words ("region:gb eng")
    return " ".join(sorted(" ".join(words).split()))


def key(ftype: str, value, gold: bool) -> str:
    if ftype == "location":
        return (place_key(value) or town_key(value) or f"unknown:{fold(value)}") if gold else value
    if ftype in {"organization", "source"}:
        return words_key(value)
    if ftype == "person":
        return fold(value)
    if ftype == "money":
        return f"{float(value['amount'])}|{value['currency']}"
    if ftype == "percent":
        return f"{float(value['value'])}|{value['unit']}"
    if ftype == "number":
        return str(float(value))
    if ftype == "date":
        return date_key(value)
    if ftype == "quote":
        return str(value.get("speaker"))
    return str(value)


def evaluate(folder: Path) -> tuple[dict, int]:
    counts = {t: Counter() for t in FACT_TYPES}
    n = 0
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            n += 1
            gold = Counter((t, key(t, v, True)) for t, _, v in item["facts"])
            pred = Counter(
                (f.type, key(f.type, f.value, False))
                for f in facts_of_sentence(item["text"], item["lang"])
            )
            for (t, _), c in (gold & pred).items():
                counts[t]["tp"] += c
            for (t, _), c in (pred - gold).items():
                counts[t]["fp"] += c
            for (t, _), c in (gold - pred).items():
                counts[t]["fn"] += c
    scores = {}
    for t, c in counts.items():
        if not c:
            continue  # a type neither annotated nor found in this set (clock times)
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[t] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "gold": c["tp"] + c["fn"],
            "predicted": c["tp"] + c["fp"],
        }
    return scores, n


def seed_cost_ms() -> float:
    os.environ.setdefault("STORYDIFF_CACHE_DIR", "")
    import storydiff

    a = storydiff.load_article(ROOT / "examples" / "openai-paris.de.txt")
    b = storydiff.load_article(ROOT / "examples" / "openai-paris.fr.txt")
    times = []
    for _ in range(7):
        start = time.perf_counter()
        extract_facts(a)
        extract_facts(b)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def print_table(title: str, scores: dict, n: int) -> None:
    print(f"{title}: {n} annotated sentences")
    print(f"{'type':14s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'target':>7s}")
    for t, s in scores.items():
        target = TARGETS.get(t)
        mark = "" if target is None else (" ok" if s["f1"] >= target else " BELOW")
        print(
            f"{t:14s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{s['gold']:5d} {target if target else '':>7}{mark}"
        )
    print()


# (folder, result name, what it is) — each held-out set says how far it is still unseen
# held-out set n lives in tests/data/facts-heldout{n} (the first without a number); each
# says how far it is still unseen
HELDOUT_TITLES = (
    "its scores motivated the last two changes",
    "its misses motivated the next changes",
    "its misses motivated the next changes",
    "its misses motivated role and place rules",
    "its misses motivated bodies, outlets, clubs",
    "its misses motivated surname and role fixes",
    "its misses motivated crowns, compounds, suffixes",
    "its misses motivated titles, particles, 'de'",
    "its misses motivated 'Platforms' as a legal form",
    "its misses motivated openers named by kind",
    "its misses motivated clubs, demonyms, sources",
    "its misses motivated particles, coaches, genitives",
    "its misses motivated ranges, months, folding, industry words",
    "its misses motivated central banks, kinds before names, regions",
    "its misses motivated percent ranges, outlet articles, city adjectives",
    "written after the article, town and opener rules; its first score decides issue 4",
    "written after set 16's fixes, scored once as a confirmation",
)
SETS = (
    (DATA, "", "development set (the rules were written looking at its errors)"),
    *(
        (
            ROOT / "tests" / "data" / f"facts-heldout{n if n > 1 else ''}",
            f"heldout{n if n > 1 else ''}",
            f"held-out set {n} ({title})",
        )
        for n, title in enumerate(HELDOUT_TITLES, start=1)
    ),
)


def main() -> None:
    payload: dict = {}
    sizes = []
    for folder, name, title in SETS:
        scores, n = evaluate(folder)
        print_table(title, scores, n)
        prefix = f"{name}_" if name else ""
        payload[f"{prefix}sentences"] = n
        payload[f"{prefix}scores"] = scores
        sizes.append(f"{folder.relative_to(ROOT / 'tests' / 'data')} ({n})")
    cost = seed_cost_ms()
    print(f"facts of the seed pair (both articles, warm): {cost:.0f} ms   target < 200 ms")
    payload = {
        **signature(dataset="tests/data/" + ", ".join(sizes)),
        **payload,
        "targets": TARGETS,
        "seed_pair_facts_ms": round(cost, 1),
    }
    path = write_result("facts", payload)
    print(f"signature: {payload['signature']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
