"""A sentence's names read a second time are the first reading replayed, unless the
article has named, since, something that reading asked about (storydiff.facts.known)."""

from __future__ import annotations

from storydiff.facts import extract_facts
from storydiff.facts.entities import find_entities
from storydiff.facts.known import KnownOrgs, KnownPeople, read_logged, replay
from storydiff.model import Article, Sentence

BARE = "Starmer said on Monday that the talks with the European Commission would continue."
FULL = "Prime Minister Keir Starmer arrived in Brussels."


def test_a_replay_gives_what_a_fresh_reading_gives_and_adds():
    first_people, first_orgs = KnownPeople(), KnownOrgs()
    reading = read_logged(find_entities, BARE, first_people, first_orgs, "en")
    people, orgs = KnownPeople(), KnownOrgs()
    assert replay(reading, people, orgs) == find_entities(BARE, set(), {}, "en")
    assert (
        (people, orgs)
        == (first_people, first_orgs)
        == (set(), {"European Commission": "european commission"})
    )


def test_no_replay_once_the_article_has_named_the_surname_it_asked_about():
    people, orgs = KnownPeople(), KnownOrgs()
    reading = read_logged(find_entities, BARE, people, orgs, "en")
    assert [f.text for f in reading.found] == ["European Commission"]
    find_entities(FULL, people, orgs, "en")  # "starmer" is known from now on
    known = (set(people), dict(orgs))
    assert replay(reading, people, orgs) is None
    assert (set(people), dict(orgs)) == known  # nothing added by a refused replay
    assert "Starmer" in [f.text for f in find_entities(BARE, people, orgs, "en")]


def test_extract_facts_still_finds_a_bare_surname_named_in_full_later():
    text = f"{BARE}\n\n{FULL}"
    sentences = [
        Sentence(0, BARE, 0, 0, len(BARE), "en"),
        Sentence(1, FULL, 1, len(BARE) + 2, len(text), "en"),
    ]
    article = Article("test", text, [BARE, FULL], sentences, language="en")
    people = [(f.text, f.sentence) for f in extract_facts(article) if f.type == "person"]
    assert people == [("Starmer", 0), ("Keir Starmer", 1)]


def _article(*texts: str) -> Article:
    sentences, start = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, t, i, start, start + len(t), "en"))
        start += len(t) + 2
    return Article("test", "\n\n".join(texts), list(texts), sentences, language="en")


def test_a_surname_is_no_organisation_where_the_article_names_the_person():
    # a lone capitalised word inside a clause is read as an organisation; once the
    # article has named "Haile Gebrselassie", the bare surname is the person
    article = _article(
        "The runner Haile Gebrselassie won the marathon in Berlin.",
        "But nothing diminishes the greatness of Gebrselassie's skill as a runner.",
        "The crowd cheered Gebrselassie for an hour.",
    )
    names = [(f.type, f.text) for f in extract_facts(article) if "Gebrselassie" in f.text]
    assert names == [
        ("person", "Haile Gebrselassie"),
        ("person", "Gebrselassie"),
        ("person", "Gebrselassie"),
    ]
    # without the full name, the lone word is still read as an organisation
    lone = _article("The world record of Gebrselassie fell on Sunday.")
    assert [(f.type, f.text) for f in extract_facts(lone) if f.type != "date"] == [
        ("organization", "Gebrselassie")
    ]


def test_an_organisation_the_article_names_as_one_stays_one_beside_a_namesake():
    # "the carmaker Ford" is named as a company: "Henry Ford" does not make the later
    # bare "Ford" a person
    article = _article(
        "Henry Ford built the Model T.",
        "Today the carmaker Ford employs thousands.",
        "Workers at Ford went on strike.",
        "Ford said sales rose.",
    )
    assert [(f.type, f.text) for f in extract_facts(article) if "Ford" in f.text] == [
        ("person", "Henry Ford"),
        ("organization", "Ford"),
        ("organization", "Ford"),
        ("organization", "Ford"),
    ]


def test_a_town_that_is_the_surname_of_a_person_the_article_names_is_that_person():
    # "Bush" and "Hamilton" are cities in the gazetteer; in an article that names George
    # W. Bush and Lewis Hamilton they are those people, before and after the full name;
    # a country ("Jordan") stays a place, and so does the town where no one is named so
    article = _article(
        "Other officials, including former senior Bush aide Karl Rove, were criticised.",
        "President George W. Bush said on Monday that Hamilton would stay.",
        "Lewis Hamilton won in Jordan.",
    )
    found = [(f.type, f.text) for f in extract_facts(article) if f.type != "date"]
    assert found == [
        ("person", "Bush"),
        ("person", "Karl Rove"),
        ("person", "George W. Bush"),
        ("person", "Hamilton"),
        ("person", "Lewis Hamilton"),
        ("location", "Jordan"),
    ]
    capital = _article("Denzel Washington said in Washington that the talks would go on.")
    assert [f.type for f in extract_facts(capital) if f.type != "date"] == ["person", "location"]
    # after a preposition of place, or before its state, the city stays a place
    placed = _article(
        "Defence Secretary Lloyd Austin flew to Texas on Monday.",
        "He said the base in Austin would stay open.",
        "The Austin, Texas, office closed.",
        "Austin said the talks went well.",
    )
    assert [(f.type, f.text) for f in extract_facts(placed) if "Austin" in f.text] == [
        ("person", "Lloyd Austin"),
        ("location", "Austin"),
        ("location", "Austin"),
        ("person", "Austin"),
    ]
    alone = _article("The car plant in Hamilton closed on Monday.")
    assert [(f.type, f.text) for f in extract_facts(alone) if f.type != "date"] == [
        ("location", "Hamilton")
    ]
