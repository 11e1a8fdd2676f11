"""Do the negation cue lists agree across translations? Five versions of one sentence.

    python bench/negation_cues.py                 # bench/results/negation_cues.json
    python bench/negation_cues.py --show 10 --no-write

WMT newstest2009 and 2013 are multi-parallel: every document in de, en, es, fr (and it
for 2009), translated sentence for sentence by professionals. A sentence that negates in
most of its versions most likely negates in all of them, so the versions show where one
language's cue list (``storydiff.facts.negation.negations``) misses a negation that the
others find: a set phrase masked too widely ("n'est-ce pas"), a cue written after an
elided article ("qu'aucun"), a cue list that lacks a word. And a cue found in one
version only, where at least three others find none, is either a negation worded
lexically in the others ("ignore" / "ne connaît pas", "unable" / "nicht") or a cue that
fires where nothing is denied. Either way the fact diff sees a sentence pair in which one
side negates and the other does not: a polarity candidate that only its encoders'
judgement keeps from being a false alarm.

Counted per language over every sentence tuple of equal-length documents:
``majority``: tuples in which at least 3 versions negate; ``missed``: the share of those
in which this language's version has no cue; ``lone``: tuples in which this version
alone negates and at least 3 others do not, per 1,000 of its sentences. Neither is a
ground truth (a translation may word a negation with a word that negates by its
meaning), so the figures compare cue lists, not systems.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result
from fact_trust import wmt_documents

MAJORITY = 3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print N examples per language")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()

    from storydiff.facts.negation import negations

    counts: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for _, _, versions in wmt_documents(None):
        segments = {lang: doc.segments() for lang, doc in versions.items()}
        if len({len(s) for s in segments.values()}) != 1:
            continue  # the versions do not pair sentence for sentence
        for i in range(len(next(iter(segments.values())))):
            cues = {lang: negations(segs[i], lang) for lang, segs in segments.items()}
            yes = [lang for lang, c in cues.items() if c]
            no = [lang for lang, c in cues.items() if not c]
            for lang in cues:
                counts[lang]["sentences"] += 1
            if len(yes) >= MAJORITY:
                for lang in cues:
                    counts[lang]["majority"] += 1
                for lang in no:
                    counts[lang]["missed"] += 1
                    examples[f"missed {lang}"].append(f"{segments[lang][i][:160]!r}")
            if len(yes) == 1 and len(no) >= MAJORITY:
                lang = yes[0]
                counts[lang]["lone"] += 1
                examples[f"lone {lang}"].append(f"{cues[lang]} {segments[lang][i][:160]!r}")
    table = {
        lang: {
            "sentences": c["sentences"],
            "majority": c["majority"],
            "missed": round(c["missed"] / max(1, c["majority"]), 3),
            "lone_per_1000": round(1000 * c["lone"] / max(1, c["sentences"]), 2),
        }
        for lang, c in sorted(counts.items())
    }
    print(f"{'lang':<6}{'sentences':>10}{'majority':>10}{'missed':>8}{'lone/1000':>11}")
    for lang, row in table.items():
        print(
            f"{lang:<6}{row['sentences']:>10}{row['majority']:>10}{row['missed']:>8.3f}"
            f"{row['lone_per_1000']:>11.2f}"
        )
    if args.show:
        for key in sorted(examples):
            for line in examples[key][: args.show]:
                print(f"   {key}: {line}")
    if not args.no_write:
        payload = {
            **signature(dataset="WMT newstest2009+2013 (sgm, documents), sentence tuples"),
            "majority_of": MAJORITY,
            "languages": table,
        }
        print("written to", write_result("negation_cues", payload))


if __name__ == "__main__":
    main()
