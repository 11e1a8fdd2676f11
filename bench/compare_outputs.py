"""Compare JSON of a fixed set of pairs, to check that a speed change leaves output alone.

    PYTHONPATH=src python bench/compare_outputs.py write OUT_DIR      # one file per pair
    python bench/compare_outputs.py check OLD_DIR NEW_DIR              # byte for byte

``write`` compares each pair warm with the default encoder (the code on ``PYTHONPATH``)
and writes ``Comparison.to_dict()`` as JSON, one file per pair, plus ``index.json`` with
each file's SHA-256; run it once with the old tree's ``src`` and once with the new one's,
then ``check`` says which files differ. The pairs: the seed pair, the 12 WMT newstest
2013 de-fr pairs of ``compare_speed.py``, WMT 2013 en-es and es-de pairs, WMT 2009 it-en
and fr-de pairs, two pairs of different documents, and three edited copies in one
language (a number changed, a negation added, sentences dropped), so that every kind of
fact difference and every verdict is exercised.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import SHARED

ROOT = Path(__file__).resolve().parents[1]
SEED = SHARED / "seeds"
WMT_DIR = SHARED / "bench" / "wmt_newstest_multiparallel"


def _docs(year: int) -> list[dict]:
    with (WMT_DIR / f"newstest{year}.docs.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _text(segs: list[str]) -> str:
    """Segments in paragraphs of three, as ``compare_speed.wmt_pairs`` lays them out."""
    return "\n\n".join(" ".join(segs[i : i + 3]) for i in range(0, len(segs), 3))


def _translations(
    docs: list[dict], la: str, lb: str, count: int, skip: int = 0
) -> list[tuple[str, str, str]]:
    """``count`` documents with at least 12 segments in both languages, after ``skip``."""
    found = []
    for doc in docs:
        a, b = doc["segs"].get(la), doc["segs"].get(lb)
        if not a or not b or len(a) < 12:
            continue
        if skip:
            skip -= 1
            continue
        found.append((f"{doc['set']}-{doc['docid']}-{la}-{lb}", _text(a), _text(b)))
        if len(found) == count:
            break
    return found


def _edited(doc: dict, lang: str) -> tuple[str, str]:
    """A document and a copy with its first number changed, a "not" in its third
    sentence and its last two sentences dropped."""
    segs = list(doc["segs"][lang])
    edited = segs[:-2]
    for i, seg in enumerate(edited):
        digits = [c for c in seg if c.isdigit()]
        if digits:
            d = digits[0]
            edited[i] = seg.replace(d, str((int(d) + 3) % 10), 1)
            break
    words = edited[2].split(" ")
    negation = {"en": "not", "de": "nicht", "fr": "pas", "es": "no"}[lang]
    edited[2] = " ".join([*words[:3], negation, *words[3:]])
    return _text(segs), _text(edited)


def pairs() -> list[tuple[str, str, str]]:
    """(name, text a, text b) of every pair written."""
    y13, y09 = _docs(2013), _docs(2009)
    found = [
        (
            "seed",
            (SEED / "openai-paris.de.txt").read_text(encoding="utf-8"),
            (SEED / "openai-paris.fr.txt").read_text(encoding="utf-8"),
        )
    ]
    found += _translations(y13, "de", "fr", 12)
    found += _translations(y13, "en", "es", 3, skip=12)
    found += _translations(y13, "es", "de", 3, skip=16)
    found += _translations(y09, "it", "en", 3)
    found += _translations(y09, "fr", "de", 3, skip=5)
    long13 = [d for d in y13 if len(d["segs"]["de"]) >= 12]
    found.append(
        ("different-de-fr", _text(long13[0]["segs"]["de"]), _text(long13[1]["segs"]["fr"]))
    )
    found.append(
        ("different-en-es", _text(long13[2]["segs"]["en"]), _text(long13[5]["segs"]["es"]))
    )
    for k, lang in enumerate(("en", "de", "fr")):
        a, b = _edited(long13[20 + k], lang)
        found.append((f"edited-{lang}-{long13[20 + k]['docid']}", a, b))
    return found


def write(out: Path) -> None:
    import storydiff
    from storydiff.encoders import get_encoder
    from storydiff.model import RawDocument
    from storydiff.threads import apply

    apply()
    out.mkdir(parents=True, exist_ok=True)
    encoder = get_encoder("use", disk_cache=False)
    index = {}
    for name, a, b in pairs():
        encoder._memory.clear()  # text not seen before, as in a warm compare
        result = storydiff.compare(
            RawDocument(f"{name}.a", a), RawDocument(f"{name}.b", b), encoder=encoder
        )
        data = json.dumps(result.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        (out / f"{name.replace('/', '_')}.json").write_bytes(data)
        index[name] = hashlib.sha256(data).hexdigest()
        print(f"{name}: {result.verdict}, {len(result.fact_differences)} fact differences")
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")


def check(old: Path, new: Path) -> int:
    """Print the pairs whose JSON differs; 1 if any does (or a pair is missing)."""
    a = json.loads((old / "index.json").read_text(encoding="utf-8"))
    b = json.loads((new / "index.json").read_text(encoding="utf-8"))
    differ = sorted(n for n in a.keys() | b.keys() if a.get(n) != b.get(n))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(a.keys() & b.keys()) - len(differ)} of {len(a.keys() | b.keys())} identical")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("write").add_argument("out", type=Path)
    checker = sub.add_parser("check")
    checker.add_argument("old", type=Path)
    checker.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out)
    else:
        sys.exit(check(args.old, args.new))


if __name__ == "__main__":
    main()
