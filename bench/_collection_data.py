"""A collection for the find / cluster benchmarks, built from public data (never copied
into the repository; written under bench/.cache/, which git ignores).

- Versions: every document of WMT newstest2009 and 2013 in every language
  (../shared/bench/wmt_newstest_multiparallel/sgm, about 760 articles); the gold story of
  an article is its WMT document id.
- Real distractors: WMT news-test2008 and newstest2010-2012 in de/en/es/fr (public WMT
  dev sets, read from the git history of the public mirror named in that folder's README;
  pass --mirror or set STORYDIFF_WMT_MIRROR) -- more multi-parallel stories, with gold ids;
  and the SemEval-2022 Task 8 articles (../shared/bench/semeval2022t8_mono, real news in
  de/en/fr, no gold story: left out of the clustering scores).
- Sentence-built distractors, to reach the size asked for: articles of 12-20 real news
  sentences drawn at random (seeded) from the distractor documents' sentences, one language
  per article; each is its own story.

Each article is one JSON line as ``storydiff index`` reads it (``id``, ``lang``, ``title``,
``text``, ``url``), plus ``gold`` (story id or null). The stream order is shuffled with a
fixed seed so that versions arrive among distractors, as in a real feed.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import subprocess
from pathlib import Path

from _signature import SHARED

WMT = SHARED / "bench" / "wmt_newstest_multiparallel"
SEMEVAL = SHARED / "bench" / "semeval2022t8_mono" / "pairs.jsonl"
CACHE = Path(__file__).resolve().parent / ".cache"
MIRROR = Path(os.environ.get("STORYDIFF_WMT_MIRROR", "/work/.mirror/Jun1770watanabe+Seq2seq/repo"))
MIRROR_COMMIT = "e8f4c5b820ba30820cbb4b98b4113741693949c9"
DISTRACTOR_SETS = {
    "news-test2008": "news-test2008-src.{}.sgm",
    "newstest2010": "newstest2010-src.{}.sgm",
    "newstest2011": "newstest2011-src.{}.sgm",
    "newstest2012": "newstest2012-src.{}.sgm",
}
LANGS = ("de", "en", "es", "fr")
# the gold story ids of the documents whose versions a find must return (WMT 2009/2013)
VERSION_SETS = ("newstest2009/", "newstest2013/")
_DOC = re.compile(r'<doc[^>]*docid="([^"]+)"[^>]*>(.*?)</doc>', re.S)
_SEG = re.compile(r"<seg[^>]*>(.*?)</seg>", re.S)
_HEAD = re.compile(r"<h1>(.*?)</h1>", re.S)


def _docs_from_sgm(text: str) -> list[tuple[str, str | None, list[str]]]:
    """(docid, headline, body sentences) per document of a WMT SGML file."""
    out = []
    for docid, body in _DOC.findall(text):
        heads = [html.unescape(s).strip() for h in _HEAD.findall(body) for s in _SEG.findall(h)]
        segs = [html.unescape(s).strip() for s in _SEG.findall(body)]
        rest = segs[len(heads) :] if heads and segs[: len(heads)] == heads else segs
        out.append((docid, " ".join(heads) or None, [s for s in rest if s]))
    return out


def _record(rid: str, lang: str, title: str | None, sentences: list[str], gold: str | None):
    return {
        "id": rid,
        "lang": lang,
        "title": title,
        "text": " ".join(sentences),
        "url": f"bench://{rid}",
        "gold": gold,
    }


def version_records() -> list[dict]:
    """The WMT 2009 and 2013 documents in every language (the articles searched for)."""
    out = []
    for year_file in sorted(WMT.glob("*.docs.jsonl")):
        for line in year_file.open(encoding="utf-8"):
            doc = json.loads(line)
            heads = set(doc["headline_seg_ids"])
            gold = f"{doc['set']}/{doc['docid']}"
            for lang, segs in doc["segs"].items():
                title = " ".join(s for i, s in enumerate(segs, 1) if i in heads) or None
                body = [s for i, s in enumerate(segs, 1) if i not in heads]
                out.append(_record(f"{gold}/{lang}", lang, title, body, gold))
    return out


def wmt_distractors(mirror: Path) -> list[dict]:
    out = []
    if not (mirror / "HEAD").exists() and not (mirror / ".git").exists():
        return out
    for name, pattern in DISTRACTOR_SETS.items():
        for lang in LANGS:
            spec = f"{MIRROR_COMMIT}:dev/{pattern.format(lang)}"
            try:
                text = subprocess.run(
                    ["git", "--git-dir", str(mirror), "show", spec],
                    capture_output=True,
                    check=True,
                ).stdout.decode("utf-8", "replace")
            except (subprocess.CalledProcessError, FileNotFoundError):
                continue
            for docid, title, body in _docs_from_sgm(text):
                if body:
                    gold = f"{name}/{docid}"
                    out.append(_record(f"{gold}/{lang}", lang, title, body, gold))
    return out


def semeval_distractors() -> list[dict]:
    out, seen = [], set()
    for line in SEMEVAL.open(encoding="utf-8"):
        row = json.loads(line)
        for side in ("a", "b"):
            doc = row[side]
            if doc["id"] in seen or len((doc["text"] or "").split()) < 30:
                continue
            seen.add(doc["id"])
            out.append(
                {
                    "id": doc["id"],
                    "lang": row["lang"],
                    "title": doc["title"] or None,
                    "text": doc["text"],
                    "url": f"bench://{doc['id']}",
                    "gold": None,
                }
            )
    return out


def sentence_built(pool: dict[str, list[str]], n: int, rng: random.Random) -> list[dict]:
    out = []
    langs = sorted(pool)
    for k in range(n):
        lang = langs[k % len(langs)]
        sents = rng.sample(pool[lang], rng.randint(12, 20))
        out.append(_record(f"built/{k}/{lang}", lang, sents[0], sents[1:], f"built/{k}"))
    return out


def build(distractors: int = 10_000, seed: int = 13, mirror: Path = MIRROR) -> Path:
    """Write the collection (JSONL) and return its path; reused when already built."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"collection-{distractors}-{seed}.jsonl"
    if path.exists():
        return path
    rng = random.Random(seed)
    versions = version_records()
    real = wmt_distractors(mirror) + semeval_distractors()
    pool: dict[str, list[str]] = {}
    for rec in real:
        if rec["gold"] is not None:  # WMT sentences: clean one-sentence segments
            pool.setdefault(rec["lang"], []).extend(
                s for s in re.split(r"(?<=[.!?])\s+", rec["text"]) if len(s.split()) >= 5
            )
    built = sentence_built(pool, max(0, distractors - len(real)), rng) if pool else []
    rows = versions + real + built
    rng.shuffle(rows)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path
