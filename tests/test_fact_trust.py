"""Fact differences a fact-checker can trust (issue 12): translations raise no alarm, real
changes do, and every difference says how sure it is and why."""

from __future__ import annotations

import pytest

import storydiff
from storydiff.facts import facts_of_sentence
from storydiff.facts.diff import is_shown, negations
from storydiff.model import RawDocument


def shown(a: str, b: str) -> list[dict]:
    result = storydiff.compare(RawDocument("A", a), RawDocument("B", b))
    return [d for d in result.fact_differences if is_shown(d)]


def kinds(diffs: list[dict]) -> list[tuple[str, str]]:
    return [(d["kind"], d["type"]) for d in diffs]


DE = (
    "Der Bundesrat hat am Mittwoch neue Regeln für die Banken beschlossen. "
    "Die Regierung in Bern will damit die Finanzstabilität stärken."
)
FR = (
    "Le Conseil fédéral a adopté mercredi de nouvelles règles pour les banques. "
    "Le gouvernement à Berne veut ainsi renforcer la stabilité financière."
)


def test_one_institution_under_its_german_and_french_names_is_no_difference():
    assert shown(DE, FR) == []


def test_every_difference_has_a_confidence_and_a_reason():
    result = storydiff.compare(
        RawDocument("A", DE), RawDocument("B", FR.replace("Berne", "Genève"))
    )
    assert result.fact_differences
    for d in result.fact_differences:
        assert 0 <= d["confidence"] <= 1 and d["reason"]
    assert ("conflict", "location") in kinds(result.fact_differences)


def test_added_negation_is_a_polarity_difference():
    a = "Die Regierung hat den Vertrag mit Frankreich unterzeichnet."
    b = "The government has not signed the treaty with France."
    assert kinds(shown(a, b)) == [("polarity", "negation")]
    assert kinds(shown(a, "The government has signed the treaty with France.")) == []


def test_negation_worded_as_a_verb_in_the_translation_is_not_shown():
    a = "Fünf Millionen neue Wähler haben keinen solchen Ausweis."
    b = "Cinco millones de nuevos electores carecen de un documento de identidad así."
    assert [d for d in shown(a, b) if d["kind"] == "polarity"] == []


@pytest.mark.parametrize(
    ("text", "lang", "cues"),
    [
        ("Ce n'était pas un portrait.", "fr", True),
        ("Ils ont peur que leur communauté ne soit mal comprise.", "fr", False),
        ("Ils ne représentent que 11 % des électeurs.", "fr", False),
        ("Estos no representan más que un 11% de los electores.", "es", False),
        ("Das ist nicht nur teuer.", "de", False),
        ("Das ist nicht teuer.", "de", True),
        ("It is not only expensive.", "en", False),
    ],
)
def test_negation_cues_leave_out_phrases_that_negate_nothing(text, lang, cues):
    assert bool(negations(text, lang)) is cues


def test_a_different_verdict_lists_no_fact_differences():
    a = "Der FC Bayern gewann am Samstag in München mit 3:1 gegen Dortmund vor 75.000 Zuschauern."
    b = "Le prix du blé a augmenté de 12 % en Ukraine selon la FAO, qui publie son rapport."
    result = storydiff.compare(RawDocument("A", a), RawDocument("B", b))
    if result.verdict == "different":
        assert result.fact_differences == []


def test_a_transliteration_is_the_same_person():
    a = "Präsident Mohammed Mursi sprach am Montag in Kairo."
    b = "President Mohamed Morsi spoke in Cairo on Monday."
    assert [d for d in shown(a, b) if d["type"] == "person"] == []


def test_a_changed_figure_is_still_a_conflict():
    a = "Die Arbeitslosenquote stieg im März auf 4,5 Prozent."
    b = "Le taux de chômage est passé à 5,5 % en mars."
    assert kinds(shown(a, b)) == [("conflict", "percent")]


def test_a_year_read_as_date_or_number_is_one_fact():
    a = "Die Zahl der Fälle hat sich seit 2009 verdoppelt, sagte die Behörde."
    b = "The number of cases has doubled since 2009, the agency said."
    assert shown(a, b) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("La Bourse a perdu six pour cent.", "fr", [("percent", 6)]),
        ("La Bolsa cayó seis por ciento, unos 20 puntos.", "es", [("percent", 6), ("number", 20)]),
    ],
)
def test_percentages_in_words_are_percentages(text, lang, expected):
    found = [
        (f.type, f.value["value"] if f.type == "percent" else f.value)
        for f in facts_of_sentence(text, lang)
        if f.type in {"percent", "number"}
    ]
    assert found == expected


def test_an_abbreviated_month_alone_is_no_date():
    found = facts_of_sentence("Après sept jours de défaites, Bush parle.", "fr")
    assert [f.type for f in found if f.text == "sept"] == ["number"]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Er kam am 26.September 2024 an.", "de", "2024-09-26"),
        ("Il est arrivé le 1 sept. 2024 à Paris.", "fr", "2024-09-01"),
    ],
)
def test_dates_without_a_space_or_with_an_abbreviated_month(text, lang, value):
    assert value in [f.value for f in facts_of_sentence(text, lang) if f.type == "date"]


def test_terminal_report_hides_unsure_differences_unless_asked(tmp_path):
    from typer.testing import CliRunner

    from storydiff.cli import app

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    # a negation beside "only" ("nur ... kein") is an unsure polarity difference
    a.write_text("Nur fünf Millionen neue Wähler haben keinen Ausweis.\n", encoding="utf-8")
    b.write_text("Only five million new voters have an identity card.\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["compare", str(a), str(b), "--width", "160"])
    everything = runner.invoke(app, ["compare", str(a), str(b), "--width", "160", "--all"])
    assert plain.exit_code == everything.exit_code == 0
    assert "--all shows them" in plain.output
    assert "--all shows them" not in everything.output
