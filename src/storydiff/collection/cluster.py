"""Stories across languages, built incrementally as articles arrive.

Online clustering in time order, as multilingual news-stream clustering is usually done
(Miranda et al., EMNLP 2018, "Multilingual Clustering of Streaming News"): each new article
is compared with the stories still open -- those seen within the time window before it --
and joins the most similar one if its document vector is close enough to the story's
centroid (the normalised mean of its members' vectors), else it starts a new story. In
the grey zone between "surely the same" and "surely not", the aligner decides: the article
joins if ``compare`` finds it a version of the story's nearest member.
Candidate stories are those of the article's nearest stored neighbours (ANN), so the cost
per article does not grow with the number of stories. A story not seen for longer than
the window is closed: later articles no longer join it.

Assignments are stored (``story_members``), so clustering is incremental: a later call
assigns only the articles added since. Where the versions of a story disagree is worked
out when the stories are read (``disagreements``), by comparing each version with the
story's longest one as ``compare`` does and counting the values each fact takes.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from storydiff.model import Article, Comparison, Story

if TYPE_CHECKING:
    from storydiff.collection.index import Index, Progress

# Cosine of an article's document vector to a story centroid: from JOIN_SURE up it joins
# the story; between JOIN_MIN and JOIN_SURE only if the aligner finds it a version of the
# story's nearest member (same_story). Set on the WMT development collection
# (bench/collection_quality.py): versions of one article in other languages reach
# 0.8-0.95 with USE, different articles on one subject 0.6-0.85, unrelated ones < 0.6.
JOIN_SURE = 0.85
JOIN_MIN = 0.6
VERIFY_AT_MOST = 3
NEIGHBOURS = 10  # nearest stored articles whose stories are candidates
MAX_COMPARED_VERSIONS = 20  # versions compared with the reference for disagreements
WINDOW_KEY = "story_window_days"  # the store's meta key: the window its stories were formed with


def _when(date: str | None) -> datetime | None:
    if not date:
        return None
    try:
        parsed = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


class OnlineClustering:
    """The clustering rule itself, apart from where articles, neighbours and verdicts come
    from: ``assign_stories`` feeds it from the store and the ANN index, the pipeline
    (:mod:`storydiff.pipeline`) from its candidate and verification shards, so both give
    stories by one rule.

    ``stories`` maps a story id to its state (first_seen, last_seen, size, and the sum of
    its members' document vectors); ``members`` maps article ids to story ids."""

    def __init__(self, *, window_days: float = 7.0) -> None:
        self.window = timedelta(days=window_days)
        self.stories: dict[int, dict[str, Any]] = {}
        self.members: dict[int, int] = {}
        self.next_id = 1

    def restore(
        self, story_id: int, first: str | None, last: str | None, size: int, centroid: np.ndarray
    ) -> None:
        """Take up a story stored before (its centroid is the unit mean of its members)."""
        self.stories[story_id] = {
            "first": first,
            "last": last,
            "size": size,
            "sum": centroid.astype(np.float32) * size,
        }
        self.next_id = max(self.next_id, story_id + 1)

    def centroid(self, story_id: int) -> np.ndarray:
        total = self.stories[story_id]["sum"]
        return total / max(1e-9, float(np.linalg.norm(total)))

    def assign(
        self,
        article_id: int,
        date: str | None,
        vector: np.ndarray,
        neighbours: Iterable[int],
        same_story: Callable[[int], bool],
    ) -> int:
        """Put one article (the next in time order) into a story; returns the story id.

        ``neighbours`` are the ids of the article's nearest articles (any order of
        nearness; those not yet in a story are ignored); ``same_story(other_id)`` says
        whether the aligner finds the article a version of that one."""
        when = _when(date)
        candidates: dict[int, tuple[float, int]] = {}  # story -> (centroid sim, nearest)
        for other in neighbours:
            sid = self.members.get(int(other))
            if sid is None or sid in candidates:
                continue
            last = _when(self.stories[sid]["last"])
            if when is not None and last is not None and when - last > self.window:
                continue  # closed: not seen within the window before this article
            candidates[sid] = (float(self.centroid(sid) @ vector), int(other))
        best = _choose(candidates, same_story)
        if best is None:
            best = self.next_id
            self.next_id += 1
            self.stories[best] = {"first": date, "last": date, "size": 0, "sum": 0 * vector}
        story = self.stories[best]
        story["size"] += 1
        story["sum"] = story["sum"] + vector
        story["first"] = _earlier(story["first"], date)
        story["last"] = _later(story["last"], date)
        self.members[article_id] = best
        return best


def assign_stories(
    index: Index, *, window_days: float = 7.0, progress: Progress | None = None
) -> int:
    """Put every article not yet in a story into one; returns how many were assigned.

    Stories formed with another window are formed again, all of them: the window decides
    which stories are still open, so stories of two windows would not fit together."""
    store = index.store
    db = store.db
    window = f"{float(window_days):g}"
    if store.meta(WINDOW_KEY) == window and not store.in_time_order(unassigned_only=True):
        return 0
    # One writer at a time (several web workers may cluster at once): take the write
    # lock first, then read what is still unassigned.
    with db:
        db.execute("BEGIN IMMEDIATE")
        if store.meta(WINDOW_KEY) != window:
            for table in ("story_disagreements", "story_members", "stories"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (WINDOW_KEY, window))
        todo = store.in_time_order(unassigned_only=True)
        rule = OnlineClustering(window_days=window_days)
        rule.members = dict(db.execute("SELECT article_id, story_id FROM story_members"))
        for sid, first, last, size, centroid in db.execute(
            "SELECT id, first_seen, last_seen, size, centroid FROM stories"
        ):
            rule.restore(sid, first, last, size, np.frombuffer(centroid, dtype=np.float32))
        dirty: set[int] = set()
        for n, article_id in enumerate(todo, 1):
            meta = store.get(article_id)
            _, vecs = next(iter(store.vectors(ids=[article_id])))
            ids, _ = index.ann.search(vecs[0], NEIGHBOURS)
            article: list[Article] = []  # loaded once, only if the aligner is asked

            def same_story(other: int, article_id: int = article_id, article=article) -> bool:
                if not article:  # with its facts, which the alignment links gaps by
                    article.append(index.derived.article_once(article_id))
                return index.verdict(article[0], other) == "same_story"

            sid = rule.assign(article_id, meta.date, vecs[0], ids[0], same_story)
            dirty.add(sid)
            db.execute("INSERT INTO story_members VALUES (?, ?)", (article_id, sid))
            if progress is not None:
                progress(n, meta.source)
        for sid in dirty:
            s = rule.stories[sid]
            db.execute(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?)",
                (
                    sid,
                    s["first"],
                    s["last"],
                    s["size"],
                    rule.centroid(sid).astype(np.float32).tobytes(),
                ),
            )
    return len(todo)


def _choose(
    candidates: dict[int, tuple[float, int]], same_story: Callable[[int], bool]
) -> int | None:
    """The story an article joins, or None: the closest story whose centroid is at least
    JOIN_SURE similar; else the closest of those at least JOIN_MIN similar where the
    aligner finds the article to be a version of the story's nearest member (at most
    VERIFY_AT_MOST comparisons)."""
    ranked = sorted(candidates.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if ranked and ranked[0][1][0] >= JOIN_SURE:
        return ranked[0][0]
    grey = [(sid, nearest) for sid, (sim, nearest) in ranked if sim >= JOIN_MIN]
    for sid, nearest in grey[:VERIFY_AT_MOST]:
        if same_story(nearest):
            return sid
    return None


def _earlier(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _later(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


def load_story(index: Index, story_id: int) -> Story | None:
    """One story with its articles in time order and its disagreements, or None."""
    store = index.store
    row = store.db.execute(
        "SELECT first_seen, last_seen FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    ids = [
        int(r[0])
        for r in store.db.execute(
            "SELECT article_id FROM story_members WHERE story_id = ?", (story_id,)
        )
    ]
    return _story(index, story_id, row[0], row[1], ids, with_disagreements=True)


def _story(
    index: Index,
    sid: int,
    first: str | None,
    last: str | None,
    ids: list[int],
    *,
    with_disagreements: bool,
) -> Story:
    metas = index.store.many(ids)
    articles = sorted(
        (metas[i].summary() for i in ids if i in metas),
        key=lambda a: (a["date"] is None, a["date"] or "", a["id"]),
    )
    for a in articles:
        a["sources"] = index.store.sources(int(a["id"]))
    story = Story(id=sid, first_seen=first, last_seen=last, articles=articles)
    if with_disagreements and len(ids) > 1:
        story.disagreements = _cached_disagreements(index, sid, [a["id"] for a in articles])
    return story


def load_stories(
    index: Index, *, with_disagreements: bool = True, min_size: int = 1
) -> list[Story]:
    """Every stored story (largest first, then earliest), with its articles in time order."""
    store = index.store
    by_story: dict[int, list[int]] = defaultdict(list)
    for article_id, story_id in store.db.execute(
        "SELECT article_id, story_id FROM story_members ORDER BY article_id"
    ):
        by_story[story_id].append(article_id)
    out: list[Story] = []
    for sid, first, last in store.db.execute("SELECT id, first_seen, last_seen FROM stories"):
        ids = by_story.get(sid, [])
        if len(ids) >= min_size:
            out.append(_story(index, sid, first, last, ids, with_disagreements=with_disagreements))
    out.sort(key=lambda s: (-s.size, s.first_seen or "", s.id))
    return out


def add_disagreements(index: Index, stories: list[Story]) -> None:
    """Fill in the disagreements of stories loaded without them (one page of a list), so
    that each is the same object ``load_stories`` gives."""
    for story in stories:
        if story.size > 1:
            ids = [a["id"] for a in story.articles]
            story.disagreements = _cached_disagreements(index, story.id, ids)


def stored_window(index: Index) -> float | None:
    """The window (days) the stored stories were formed with, or None before the first
    clustering."""
    value = index.store.meta(WINDOW_KEY)
    return float(value) if value else None


def _cached_disagreements(index: Index, story_id: int, ids: list[int]) -> list[dict[str, Any]]:
    """Disagreements are worked out once per set of members and kept in the store."""
    db = index.store.db
    members = ",".join(map(str, sorted(ids)))
    row = db.execute(
        "SELECT members, disagreements FROM story_disagreements WHERE story_id = ?", (story_id,)
    ).fetchone()
    if row is not None and row[0] == members:
        return json.loads(row[1])
    found = disagreements(index, ids)
    with db:
        db.execute(
            "INSERT OR REPLACE INTO story_disagreements VALUES (?, ?, ?)",
            (story_id, members, json.dumps(found, ensure_ascii=False)),
        )
    return found


def disagreements(index: Index, article_ids: list[int]) -> list[dict[str, Any]]:
    """Where a story's versions disagree (see :func:`tally_disagreements`), comparing the
    reference version (the one with most sentences) with each other version as
    ``compare`` does. Versions beyond MAX_COMPARED_VERSIONS are not compared."""
    store = index.store
    metas = store.many(article_ids)
    ref_id = reference_version({i: metas[i].n_sentences for i in article_ids})
    others = [i for i in article_ids if i != ref_id][:MAX_COMPARED_VERSIONS]
    return tally_disagreements(ref_id, [(i, index.compare_stored(ref_id, i)) for i in others])


def reference_version(sentences: dict[int, int]) -> int:
    """The version other versions are compared with: most sentences, then lowest id."""
    return max(sentences, key=lambda i: (sentences[i], -i))


def tally_disagreements(
    ref_id: int, comparisons: Sequence[tuple[int, Comparison]]
) -> list[dict[str, Any]]:
    """For each fact of the reference version that some version states otherwise, every
    value given and how many versions give it. ``comparisons`` are (version id, compare of
    the reference (a) with that version (b))."""
    from storydiff.collection.index import shown_differences

    values: dict[tuple[str, int, str], dict[str, Any]] = {}
    versions: list[tuple[int, set[int], set[tuple[str, int, str]]]] = []
    for other_id, cmp in comparisons:
        conflicting: set[tuple[str, int, str]] = set()
        for d in shown_differences(cmp):
            if d["kind"] != "conflict":
                continue
            key = (d["type"], d["a"]["sentence"], json.dumps(d["a"]["value"], sort_keys=True))
            entry = values.setdefault(
                key, {"type": d["type"], "reference": d["a"], "others": defaultdict(list)}
            )
            other_value = json.dumps(d["b"]["value"], sort_keys=True, ensure_ascii=False)
            entry["others"][other_value].append((other_id, d["b"]["text"]))
            conflicting.add(key)
        aligned = {i for bead in cmp.alignment if bead.a and bead.b for i in bead.a}
        versions.append((other_id, aligned, conflicting))
    # a version agrees with the reference on a fact when it has the fact's sentence
    # aligned and reports no conflict for it
    agree: Counter[tuple[str, int, str]] = Counter(
        key
        for _, aligned, conflicting in versions
        for key in values
        if key[1] in aligned and key not in conflicting
    )
    out: list[dict[str, Any]] = []
    for key, entry in values.items():
        ref_fact = entry["reference"]
        rows = [
            {
                "value": ref_fact["value"],
                "text": ref_fact["text"],
                "count": 1 + agree[key],
                "articles": [ref_id],
            }
        ]
        for value, found in entry["others"].items():
            rows.append(
                {
                    "value": json.loads(value),
                    "text": found[0][1],
                    "count": len(found),
                    "articles": [i for i, _ in found],
                }
            )
        rows.sort(key=lambda r: -r["count"])
        found = {"type": entry["type"], "values": rows}
        if found not in out:  # the same fact stated twice (two sentences) is one disagreement
            out.append(found)
    return out


__all__ = [
    "JOIN_MIN",
    "JOIN_SURE",
    "OnlineClustering",
    "assign_stories",
    "disagreements",
    "load_stories",
    "load_story",
    "reference_version",
    "tally_disagreements",
]
