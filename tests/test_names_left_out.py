"""Names a version leaves out or replaces where nothing says what kind of name they are
(issue 12, DEMETR's replaced and removed names): the capitalised words no extractor read,
and the erasure test that tells a replaced name from a translated one."""

from __future__ import annotations

import storydiff
from storydiff.facts.diff import is_shown
from storydiff.facts.unextracted import kind_of_unread, spelled_in, unextracted_names
from storydiff.model import RawDocument


def shown(a: str, b: str) -> list[dict]:
    result = storydiff.compare(RawDocument("A", a), RawDocument("B", b))
    return [d for d in result.fact_differences if is_shown(d)]


def unread(text: str, other: str = "", lang: str = "en") -> list[str]:
    return unextracted_names(text, other, lang=lang, taken=[], lower_words=set())


# --- capitalised words no extractor read -------------------------------------------------


def test_lone_and_joined_capitalised_words_inside_a_clause_are_candidates():
    assert unread("We drove on to Tehsil Naushera and stayed in Virat for a week.") == [
        "Tehsil Naushera",
        "Virat",
    ]
    assert unread("L'important est qu'Emin ne sache pas dessiner.", lang="fr") == ["Emin"]
    assert unread("They studied at the Universidad de Chile last year.") == ["Universidad de Chile"]


def test_and_between_two_names_makes_two_candidates():
    assert unread("It was shown by Sorensen and Whitlock in their study.") == [
        "Sorensen",
        "Whitlock",
    ]


def test_sentence_openers_months_titles_and_taken_spans_are_no_candidates():
    assert unread("Yesterday Lunedi was rainy.", lang="it") == []  # a day without its accent
    assert unread("Tomorrow the Minister will travel on Monday.") == []
    text = "Le Machu Picchu attire des touristes."
    assert unread(text, lang="fr") == ["Machu Picchu"]  # the opening article is dropped
    start = text.index("Machu")
    assert (
        unextracted_names(text, "", lang="fr", taken=[(start, start + 12)], lower_words=set()) == []
    )


def test_german_nouns_and_compounds_are_no_candidates():
    text = "Die Straßenbauarbeiten im Ministerkomitee und das Schwarz-System ruhen bei Hirschberg."
    assert unread(text, lang="de") == ["Hirschberg"]


def test_wide_candidates_add_bare_german_words_and_german_openers():
    # German surnames that are also nouns ("Werth", "Heil") stand without an article;
    # common nouns have one, or a number or one small word between ("beim ersten Turnier")
    text = "Beim ersten Turnier vor drei Wochen hatte Werth die vier Prüfungen gewonnen."
    assert unread(text, lang="de") == []
    wide = unextracted_names(text, "", lang="de", taken=[], lower_words=set(), wide=True)
    assert wide == ["Werth"]
    opener = "Heil sagte, das Gesetz sei in der Halle beschlossen worden."
    wide = unextracted_names(opener, "", lang="de", taken=[], lower_words=set(), wide=True)
    assert wide == ["Heil"]
    # elsewhere a sentence's first capital says nothing, wide or not
    english = "Supporters said the law had passed."
    assert unextracted_names(english, "", lang="en", taken=[], lower_words=set(), wide=True) == []


def test_a_word_the_other_version_spells_is_no_candidate():
    assert unread("The exhibition in the Nevskiy palace opened.", "Im Kulturpalast Newskij.") == []
    assert spelled_in("Nevskiy", "im Kulturpalast Newskij")
    assert not spelled_in("Virat", "la ville où j'habite en Bretagne")


def test_a_sentence_of_many_capitalised_words_offers_a_bounded_number():
    text = "We met " + ", ".join(f"Qarlo{k}x" for k in range(50)) + " there."
    assert len(unread(text)) <= 4


# --- the diff ------------------------------------------------------------------------------

CITY_FR = (
    "Dans la ville où j'habite en Bretagne, la bibliothèque municipale est ouverte quatre"
    " jours par semaine."
)


def test_a_place_replaced_by_a_name_no_extractor_reads_is_a_conflict():
    changed = "In the town where I live in Virat, the municipal library is open four days a week."
    found = [(d["kind"], d["a"]["text"], d["b"]["text"]) for d in shown(CITY_FR, changed)]
    assert found == [("conflict", "Bretagne", "Virat")]


def test_a_german_surname_that_is_also_a_noun_faces_the_name_that_replaced_it():
    german = "Beim ersten Turnier vor drei Wochen hatte Werth alle vier Prüfungen gewonnen."
    english = "Barack Obama had won all four tests at the first tournament three weeks ago."
    found = [(d["kind"], d["a"] and d["a"]["text"], d["b"]["text"]) for d in shown(german, english)]
    assert found == [("conflict", "Werth", "Barack Obama")]
    kept = "Werth had won all four tests at the first tournament three weeks ago."
    assert shown(german, kept) == []


def test_the_same_place_translated_is_no_difference():
    same = "In the town where I live in Brittany, the municipal library is open four days a week."
    assert shown(CITY_FR, same) == []


DOCTOR_ES = (
    "El doctor Ferrán cree que varios pacientes se contagiaron dentro del hospital de la ciudad."
)


def test_a_name_found_by_its_capitals_only_that_the_other_version_drops_is_shown():
    dropped = "The doctor believes that several patients were infected inside the city hospital."
    found = shown(DOCTOR_ES, dropped)
    assert [(d["kind"], d["a"]["text"]) for d in found] == [("only_in_a", "Ferrán")]
    assert "closer to the counterpart without it" in found[0]["reason"]
    kept = "Doctor Ferrán believes that several patients were infected inside the city hospital."
    assert shown(DOCTOR_ES, kept) == []


COACH_FR = "Selon l'entraîneur, c'est Marchetti qui a sauvé l'équipe lors du dernier match."


def test_two_names_found_by_their_capitals_only_that_replace_each_other_conflict():
    changed = "According to the coach, it was Okonkwo who saved the team in the last match."
    found = [(d["kind"], d["a"]["text"], d["b"]["text"]) for d in shown(COACH_FR, changed)]
    assert ("conflict", "Marchetti", "Okonkwo") in found
    same = "According to the coach, it was Marchetti who saved the team in the last match."
    assert shown(COACH_FR, same) == []


MAYOR_FR = (
    "Le maire a confirmé qu'Ilario viendrait à la réunion de lundi avec les habitants du quartier."
)
GEOLOGISTS_ES = (
    "Los geólogos quieren instalar una nueva estación sísmica en Quetzaltepec el próximo año."
)


def test_a_name_no_extractor_read_that_the_other_version_drops_is_shown_with_its_kind():
    dropped = "The mayor confirmed that he would come to Monday's meeting with the residents."
    found = [(d["kind"], d["type"], d["a"]["text"]) for d in shown(MAYOR_FR, dropped)]
    assert found == [("only_in_a", "person", "Ilario")]  # a first name after "qu'"
    dropped = "The geologists want to install a new seismic station next year."
    found = [(d["kind"], d["type"], d["a"]["text"]) for d in shown(GEOLOGISTS_ES, dropped)]
    assert found == [("only_in_a", "location", "Quetzaltepec")]  # after "en"


def test_an_unread_name_the_other_version_keeps_is_no_difference():
    kept = "The mayor confirmed that Ilario would come to Monday's meeting with the residents."
    assert shown(MAYOR_FR, kept) == []
    kept = "The geologists want to install a new seismic station in Quetzaltepec next year."
    assert shown(GEOLOGISTS_ES, kept) == []


def test_the_kind_of_an_unread_name_comes_from_the_words_before_it():
    assert kind_of_unread("El doctor Ferrán cree que", "Ferrán") == "person"
    assert kind_of_unread("where I live in Virat, the", "Virat") == "location"
    assert kind_of_unread("the Okonkwo report said", "Okonkwo") is None


def test_a_sentence_opening_is_read_back_from_the_word_alone():
    # the same answer as a full pass over the text before the word, for every position
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from storydiff.facts.unextracted import _opens

    opening = re.compile(r"^[\s\"'«»“”„‘’(\[–—-]*$")
    ended = re.compile(r"[.!?:;]\s*[\"'«»“”„]?\s*$")

    @given(st.text(alphabet="ab Cd.!?:;\"'«»“”„‘’([–—-\n", max_size=24))
    def same(text: str) -> None:
        for k in range(len(text) + 1):
            before = text[:k]
            assert _opens(text, k) == bool(opening.match(before) or ended.search(before))

    same()


def test_a_long_german_sentence_offers_its_candidates_in_linear_time():
    # every word used to search the whole text before it (20 KB: 0.5 s, 4x the text 13x)
    import time

    text = "Der Wert. " * 8_000 + "Dann kam Werth."
    started = time.perf_counter()
    found = unextracted_names(text, "x", lang="de", taken=[], lower_words=set(), wide=True)
    assert time.perf_counter() - started < 5.0  # generous: linear takes about 0.1 s
    assert found == ["Werth"]
