"""The fact-level diff of two aligned versions: conflicts and facts in one version only.

* A **conflict** is a fact in an aligned sentence pair whose counterpart of the same type
  in the other side of the pair has a different value (6.5 vs 7.5 billion; Singapore vs
  Tokyo; "Euronews Next" vs "L'Observatoire de l'Europe Next"). Facts are first matched
  by value inside the pair; what is left on both sides is paired in reading order.
  A leftover pair is not a conflict when each value occurs somewhere in the other
  version (the sentences split the facts differently).
* **only_in_a / only_in_b**: a fact whose value occurs nowhere in the other version.
* Quotes match when their speakers match or one speaker is unknown; quoted words are
  not compared across languages (the sentence alignment already vouches for them).
* A name (person, organisation, place, source) is not reported as only in one version
  when the other version contains the same name verbatim: names usually survive
  translation unchanged, so the other version has the fact even where the extractor
  did not tag it ("Google" in "Google-Ingenieuren", where German capitalisation hides
  which capitalised words are names); a place also counts when the other version only
  has its adjective ("Kalifornien" / "l'entreprise californienne").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from storydiff.facts.base import fold
from storydiff.facts.dates import date_key
from storydiff.facts.places import place_stems
from storydiff.model import Article, Bead, Fact


def fact_key(fact: Fact) -> str:
    """What two facts of one type must share to count as the same fact."""
    v = fact.value
    if fact.type == "money":
        return f"{v['amount']}|{v['currency']}"
    if fact.type == "percent":
        return f"{v['value']}|{v['unit']}"
    if fact.type == "date":
        return date_key(v)
    if fact.type == "quote":
        return str(v.get("speaker"))
    if fact.type in {"organization", "source"}:
        return " ".join(sorted(str(v).split()))  # "Banque centrale européenne" word order
    return str(v)


def fact_differences(a: Article, b: Article, alignment: list[Bead]) -> list[dict[str, Any]]:
    """Conflicts first (in reading order of A), then facts only in A, then only in B."""
    keys_a = _keys_by_type(a.facts)
    keys_b = _keys_by_type(b.facts)
    by_sentence_a = _by_sentence(a.facts)
    by_sentence_b = _by_sentence(b.facts)
    conflicts: list[dict[str, Any]] = []
    handled: set[int] = set()  # id() of facts settled inside an aligned pair

    for bead in alignment:
        if not (bead.a and bead.b):
            continue
        fa = [f for i in bead.a for f in by_sentence_a.get(i, [])]
        fb = [f for j in bead.b for f in by_sentence_b.get(j, [])]
        for ftype in sorted({f.type for f in fa} | {f.type for f in fb}):
            ta = [f for f in fa if f.type == ftype]
            tb = [f for f in fb if f.type == ftype]
            left_a, left_b = _unmatched(ta, tb)
            pairs = list(zip(left_a, left_b, strict=False))
            # matched and paired facts are settled here; unpaired leftovers are judged
            # against the whole other version below
            handled.update(id(f) for f in ta + tb)
            handled.difference_update(id(f) for f in left_a[len(pairs) :] + left_b[len(pairs) :])
            for x, y in pairs:
                moved = fact_key(x) in keys_b[ftype] and fact_key(y) in keys_a[ftype]
                if not moved:
                    conflicts.append(_entry("conflict", x, y))
    only_a = _only_in("only_in_a", a.facts, handled, keys_b, f" {fold(b.text)} ")
    only_b = _only_in("only_in_b", b.facts, handled, keys_a, f" {fold(a.text)} ")
    return conflicts + only_a + only_b


def _unmatched(fa: list[Fact], fb: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Remove value-equal pairs (as multisets); quotes with an unknown speaker match any."""
    left_a, left_b = _minus(fa, fb), _minus(fb, fa)
    if fa and fa[0].type == "quote":
        unknown_a = [f for f in left_a if _wild(f)]
        unknown_b = [f for f in left_b if _wild(f)]
        left_a = [f for f in left_a if not _wild(f)][len(unknown_b) :]
        left_b = [f for f in left_b if not _wild(f)][len(unknown_a) :]
    return left_a, left_b


_NAMES = {"person", "organization", "location", "source"}


def _only_in(
    kind: str,
    facts: list[Fact],
    handled: set[int],
    other_keys: dict[str, set[str]],
    other_words: str,
) -> list[dict[str, Any]]:
    """Facts not settled in an aligned pair whose value the other version lacks."""
    return [
        _entry(kind, f, None) if kind == "only_in_a" else _entry(kind, None, f)
        for f in facts
        if id(f) not in handled
        and fact_key(f) not in other_keys[f.type]
        and not _wild(f)
        and not _named_in(f, other_words)
    ]


def _named_in(fact: Fact, folded_text: str) -> bool:
    """Does the other version contain this name verbatim (folded, as whole words), or,
    for a place, a word built on one of its names ("californienne" for Kalifornien)?"""
    if fact.type not in _NAMES:
        return False
    if f" {fold(fact.text)} " in folded_text:
        return True
    if fact.type == "location":
        return any(f" {stem}" in folded_text for stem in place_stems(str(fact.value)))
    return False


def _minus(facts: list[Fact], other: list[Fact]) -> list[Fact]:
    """``facts`` without those whose value ``other`` has (as a multiset), in order."""
    available = Counter(fact_key(f) for f in other)
    left = []
    for f in facts:
        k = fact_key(f)
        if available[k] > 0:
            available[k] -= 1
        else:
            left.append(f)
    return left


def _wild(fact: Fact) -> bool:
    return fact.type == "quote" and fact.value.get("speaker") is None


def _keys_by_type(facts: list[Fact]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        keys[f.type].add(fact_key(f))
    return keys


def _by_sentence(facts: list[Fact]) -> dict[int, list[Fact]]:
    out: dict[int, list[Fact]] = defaultdict(list)
    for f in facts:
        out[f.sentence].append(f)
    return out


def _side(f: Fact | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"text": f.text, "value": f.value, "sentence": f.sentence}


def _entry(kind: str, fa: Fact | None, fb: Fact | None) -> dict[str, Any]:
    ftype = (fa or fb).type  # type: ignore[union-attr]
    return {"kind": kind, "type": ftype, "a": _side(fa), "b": _side(fb)}
