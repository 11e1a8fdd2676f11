"""The one data model every face of storydiff reads and writes.

Readers produce a :class:`RawDocument`; the analysers turn it into an :class:`Article`
(paragraphs, sentences, structure, boilerplate); the comparer turns two articles into a
:class:`Comparison`. The CLI, the JSON contract and every later face render these objects,
so they cannot drift apart. Everything is a plain dataclass with ``to_dict``/``from_dict``
so that results can be stored and reloaded without pickling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Verdict = Literal["same_story", "related", "different"]


@dataclass(frozen=True)
class RawDocument:
    """What a reader hands on: decoded text (or HTML) plus where it came from."""

    source: str
    text: str
    kind: Literal["text", "html"] = "text"
    encoding: str = "utf-8"


@dataclass
class Sentence:
    """One content sentence. ``start``/``end`` index into ``Article.text``."""

    index: int
    text: str
    paragraph: int
    start: int
    end: int
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(**d)


@dataclass
class Fact:
    """A checkable fact: its type, the words in the text and a language-neutral value."""

    type: str
    text: str
    value: Any
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(**d)


@dataclass
class BoilerplateLine:
    """A line removed from the content, with the reason, so the user sees what was dropped."""

    text: str
    reason: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BoilerplateLine:
        return cls(**d)


@dataclass
class Article:
    """One version of a story after extraction and analysis.

    ``text`` is the content text: paragraphs joined by a blank line. Sentence spans index
    into it. Headline, byline and picture credits are kept apart from the content because
    versions of one story often differ exactly there (one republisher keeps the headline,
    another drops it) and such differences are reported separately from the body.
    """

    source: str
    text: str
    paragraphs: list[str]
    sentences: list[Sentence]
    language: str | None = None
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    credits: list[str] = field(default_factory=list)
    boilerplate: list[BoilerplateLine] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A stable id: the hash of source and content, so equal inputs share an id."""
        import hashlib

        key = f"{self.source}\0{self.text}".encode("utf-8", "surrogateescape")
        return hashlib.sha1(key).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "language": self.language,
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "url": self.url,
            "credits": list(self.credits),
            "paragraphs": list(self.paragraphs),
            "sentences": [s.to_dict() for s in self.sentences],
            "boilerplate": [b.text for b in self.boilerplate],
            "boilerplate_reasons": [b.to_dict() for b in self.boilerplate],
            "facts": [f.to_dict() for f in self.facts],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        paragraphs = list(d["paragraphs"])
        return cls(
            source=d["source"],
            text="\n\n".join(paragraphs),
            paragraphs=paragraphs,
            sentences=[Sentence.from_dict(s) for s in d["sentences"]],
            language=d.get("language"),
            title=d.get("title"),
            byline=d.get("byline"),
            date=d.get("date"),
            url=d.get("url"),
            credits=list(d.get("credits", [])),
            boilerplate=[BoilerplateLine.from_dict(b) for b in d.get("boilerplate_reasons", [])],
            facts=[Fact.from_dict(f) for f in d.get("facts", [])],
        )


@dataclass
class Bead:
    """One alignment unit: sentences ``a`` of A that translate sentences ``b`` of B.

    Either side may be empty (a sentence with no counterpart). ``score`` is the cosine
    similarity of the two sides' joint embeddings, 0 for one-sided beads. ``placed``: a
    link made by the sentences' place in an equal gap between two links
    (``storydiff.gap_fill``), not by a score over the link threshold: they stand where
    each other's translation would, which says less about what they say (the fact diff
    holds a conflict across such a link for less certain). In JSON ``"placed": true``
    appears on those links only.
    """

    a: list[int]
    b: list[int]
    score: float
    placed: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": list(self.a),
            "b": list(self.b),
            "score": round(float(self.score), 4),
        }
        if self.placed:
            out["placed"] = True
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Bead:
        return cls(
            a=list(d["a"]),
            b=list(d["b"]),
            score=float(d["score"]),
            placed=bool(d.get("placed", False)),
        )


@dataclass
class FieldDifference:
    """A headline, byline or credit that differs or exists in only one version."""

    field: str
    kind: Literal["only_in_a", "only_in_b", "differs"]
    a: str | None
    b: str | None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldDifference:
        return cls(**d)


@dataclass
class Comparison:
    """Two articles, how they align and what differs: the answer every face renders."""

    a: Article
    b: Article
    verdict: Verdict
    similarity: float
    coverage_a: float
    coverage_b: float
    alignment: list[Bead]
    only_in_a: list[int]
    only_in_b: list[int]
    structure_differences: list[FieldDifference] = field(default_factory=list)
    fact_differences: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # how much the two texts tell the same story, 0-1, also for independent reports
    story_similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``storydiff compare --format json`` (see docs/design)."""
        return {
            "verdict": self.verdict,
            "similarity": round(float(self.similarity), 4),
            "story_similarity": round(float(self.story_similarity), 4),
            "coverage": {"a": round(self.coverage_a, 4), "b": round(self.coverage_b, 4)},
            "documents": {"a": self.a.to_dict(), "b": self.b.to_dict()},
            "alignment": [bead.to_dict() for bead in self.alignment],
            "only_in_a": list(self.only_in_a),
            "only_in_b": list(self.only_in_b),
            "structure_differences": [d.to_dict() for d in self.structure_differences],
            "fact_differences": list(self.fact_differences),
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comparison:
        return cls(
            a=Article.from_dict(d["documents"]["a"]),
            b=Article.from_dict(d["documents"]["b"]),
            verdict=d["verdict"],
            similarity=d["similarity"],
            coverage_a=d["coverage"]["a"],
            coverage_b=d["coverage"]["b"],
            alignment=[Bead.from_dict(b) for b in d["alignment"]],
            only_in_a=list(d["only_in_a"]),
            only_in_b=list(d["only_in_b"]),
            structure_differences=[
                FieldDifference.from_dict(x) for x in d.get("structure_differences", [])
            ],
            fact_differences=list(d.get("fact_differences", [])),
            details=dict(d.get("details", {})),
            story_similarity=float(d.get("story_similarity", 0.0)),
        )


@dataclass
class Alignment:
    """A sentence alignment of two texts: what ``storydiff align`` returns."""

    source_a: str
    source_b: str
    sentences_a: list[str]
    sentences_b: list[str]
    beads: list[Bead]
    encoder: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": {"source": self.source_a, "sentences": list(self.sentences_a)},
            "b": {"source": self.source_b, "sentences": list(self.sentences_b)},
            "encoder": self.encoder,
            "alignment": [bead.to_dict() for bead in self.beads],
        }


@dataclass(frozen=True)
class ArticleRef:
    """Where a stored article came from and what it is: how ``find`` and ``cluster``
    list an article of a collection."""

    id: int
    source: str
    url: str | None
    title: str | None
    language: str | None
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Hit:
    """One version of a story found in a collection, verified against the query.

    ``candidate_similarity`` is the document-vector cosine that made it a candidate;
    ``story_similarity``, ``verdict`` and ``coverage`` come from comparing the two
    articles (as ``compare`` does); ``evidence`` holds the best aligned sentence pairs
    and ``fact_differences`` the differences the report would show first."""

    article: ArticleRef
    story_similarity: float
    verdict: Verdict
    coverage_a: float
    coverage_b: float
    candidate_similarity: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    fact_differences: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """One hit of ``storydiff find --format json`` (the article's fields first)."""
        return {
            **self.article.to_dict(),
            "story_similarity": round(float(self.story_similarity), 4),
            "verdict": self.verdict,
            "coverage": {"a": round(self.coverage_a, 4), "b": round(self.coverage_b, 4)},
            "candidate_similarity": round(float(self.candidate_similarity), 4),
            "evidence": list(self.evidence),
            "fact_differences": list(self.fact_differences),
            "sources": list(self.sources),
        }


class Hits(list):
    """The hits of one search, best first (a list of :class:`Hit`), with ``left_out``: how
    many verified candidates were left out because their comparison found a ``different``
    story (0 when they were kept)."""

    def __init__(self, hits: Iterable[Hit] = (), left_out: int = 0) -> None:
        super().__init__(hits)
        self.left_out = left_out


@dataclass
class Story:
    """Articles of a collection that report one story, in any language.

    ``articles`` are summaries (id, source, url, title, language, date) in time order;
    ``disagreements`` list, per fact, the values the versions give and how many give
    each ("6.5 bn in 12 versions, 7.5 bn in 1")."""

    id: int
    first_seen: str | None
    last_seen: str | None
    articles: list[dict[str, Any]]
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.articles)

    @property
    def languages(self) -> list[str]:
        return sorted({a["language"] for a in self.articles if a.get("language")})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "size": self.size,
            "languages": self.languages,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": list(self.articles),
            "disagreements": list(self.disagreements),
        }
