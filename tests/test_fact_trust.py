"""Fact differences a fact-checker can trust (issue 12): translations raise no alarm, real
changes do, and every difference says how sure it is and why."""

from __future__ import annotations

import pytest

import storydiff
from storydiff.facts import facts_of_sentence
from storydiff.facts.diff import is_shown
from storydiff.facts.negation import negations
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
    # a negation in a question ("Haben ... keinen Ausweis?") is an unsure polarity difference
    a.write_text("Haben fünf Millionen neue Wähler keinen Ausweis?\n", encoding="utf-8")
    b.write_text("Do five million new voters have an identity card?\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["compare", str(a), str(b), "--width", "160"])
    everything = runner.invoke(app, ["compare", str(a), str(b), "--width", "160", "--all"])
    assert plain.exit_code == everything.exit_code == 0
    assert "--all shows them" in plain.output
    assert "--all shows them" not in everything.output


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Es kostet CHF 1'200'000.", "de", ("money", {"amount": 1200000, "currency": "CHF"})),
        ("Es leben 222’000 Menschen dort.", "de", ("number", 222000)),
        ("Le PIB a reculé de −1,5 %.", "fr", ("percent", {"value": -1.5, "unit": "%"})),
        ("Der Index fiel um minus 0,5 Prozent.", "de", ("percent", {"value": -0.5, "unit": "%"})),
        ("Les prix ont baissé de moins 2 %.", "fr", ("percent", {"value": -2, "unit": "%"})),
        ("Il y avait mille cent personnes.", "fr", ("number", 1100)),
        ("It costs one billion twenty-five million.", "en", ("number", 1025000000)),
        ("Vale R$ 5 bilhões.", "pt", ("money", {"amount": 5e9, "currency": "BRL"})),
        ("It raised HK$ 3 billion.", "en", ("money", {"amount": 3e9, "currency": "HKD"})),
        ("It raised C$ 40 million.", "en", ("money", {"amount": 4e7, "currency": "CAD"})),
        ("It raised A$ 2 million.", "en", ("money", {"amount": 2e6, "currency": "AUD"})),
    ],
)
def test_numbers_as_written_in_every_locale(text, lang, expected):
    found = [(f.type, f.value) for f in facts_of_sentence(text, lang)]
    assert expected in found


def test_a_range_dash_is_no_minus_sign():
    found = [
        f.value for f in facts_of_sentence("Es waren 3-5 % mehr.", "de") if f.type == "percent"
    ]
    assert {"value": 5, "unit": "%"} in found
    assert all(v["value"] >= 0 for v in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Una cola de más o menos 20 personas ya estaba esperando.", "es"),
        ("Il y avait plus ou moins 20 personnes.", "fr"),
        ("C'erano più o meno 20 persone in fila.", "it"),
    ],
)
def test_about_is_no_minus_sign(text, lang):
    # "más o menos 20" is about 20, not -20
    values = [f.value for f in facts_of_sentence(text, lang) if f.type == "number"]
    assert values and all(v > 0 for v in values)


def test_minus_in_words_stays_a_sign():
    text = "La temperatura bajó hasta menos 20 grados."
    values = [f.value for f in facts_of_sentence(text, "es")]
    assert -20 in values


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Konferenz beginnt um 17.30 Uhr.", "de"),
        ("La conférence commence à 17 h 30.", "fr"),
        ("The conference starts at 5.30 pm.", "en"),
        ("The conference starts at 17:30.", "en"),
    ],
)
def test_clock_times_are_one_time_in_every_language(text, lang):
    found = [(f.type, f.value) for f in facts_of_sentence(text, lang)]
    assert found == [("time", "17:30")]


def test_a_sign_flip_between_versions_is_a_conflict():
    a = "Das Bruttoinlandprodukt ist im zweiten Quartal um 1,5 Prozent gewachsen."
    b = "Le produit intérieur brut a varié de −1,5 % au deuxième trimestre."
    assert kinds(shown(a, b)) == [("conflict", "percent")]


def test_a_closing_quote_stays_with_its_sentence():
    from storydiff.segment import split_sentences

    text = 'Er sagte: "Wir ziehen uns zurück." Die Firma schwieg.'
    assert [text[s:e] for s, e in split_sentences(text, "de")] == [
        'Er sagte: "Wir ziehen uns zurück."',
        "Die Firma schwieg.",
    ]
    # a straight quote after a space and before a word opens the next sentence
    text = 'He had left in the summer. "This damages business," the publisher said.'
    assert [text[s:e] for s, e in split_sentences(text, "en")] == [
        "He had left in the summer.",
        '"This damages business," the publisher said.',
    ]
    text = "Er ging. »Wir kommen wieder«, sagte er."
    assert [text[s:e] for s, e in split_sentences(text, "de")] == [
        "Er ging.",
        "»Wir kommen wieder«, sagte er.",
    ]


def test_the_splitter_never_crashes_the_run():
    from storydiff.segment import split_sentences

    text = "Der B.A. und B(asis) sind da. Dann ging er."
    assert [text[s:e] for s, e in split_sentences(text, "de")][-1] == "Dann ging er."


def test_a_hard_wrapped_german_sentence_is_one_sentence():
    text = (
        "Der Bundesrat hat heute in Bern die seit langem erwartete\n"
        "Neuregelung der Banken beschlossen und damit die Debatte beendet.\n"
        "Die Parteien reagierten.\n"
    )
    article = storydiff.load_article(RawDocument("wrapped.txt", text))
    assert [s.text for s in article.sentences] == [
        "Der Bundesrat hat heute in Bern die seit langem erwartete Neuregelung der Banken "
        "beschlossen und damit die Debatte beendet.",
        "Die Parteien reagierten.",
    ]


SWISS_DE = """Bundesrat verabschiedet Botschaft zur Arbeitsmarktstatistik

Bern, 14.03.2024 - Der Bundesrat hat an seiner Sitzung vom 14. März 2024 die Botschaft zur Revision des Bundesstatistikgesetzes verabschiedet. Laut Frau Baume-Schneider soll die Vorlage die Datenqualität verbessern.

Gemäss der Schweizerischen Arbeitskräfteerhebung (SAKE) des Bundesamts für Statistik (BFS) waren im vierten Quartal 222'000 Personen erwerbslos.

Die Revision kostet rund CHF 1'200'000. Das BFS wird die neuen Zahlen am 26.September um 8.30 Uhr veröffentlichen.

KEINE MEDIENKONFERENZ

Nach Angaben der Stadt Bern nahmen 300 Personen an der Informationsveranstaltung teil.
"""  # noqa: E501
SWISS_FR = """Le Conseil fédéral adopte le message sur la statistique du marché du travail

Berne, 14.03.2024 - Lors de sa séance du 14 mars 2024, le Conseil fédéral a adopté le message concernant la révision de la loi sur la statistique fédérale. Selon Mme Baume-Schneider, le projet doit améliorer la qualité des données.

Selon l'enquête suisse sur la population active (ESPA) de l'Office fédéral de la statistique (OFS), 222 000 personnes étaient sans emploi au quatrième trimestre.

La révision coûte environ 1,2 million de francs suisses. L'OFS publiera les nouveaux chiffres le 26 septembre à 8 h 30.

PAS DE CONFÉRENCE DE PRESSE

Selon la ville de Berne, 300 personnes ont participé à la séance d'information.
"""  # noqa: E501


def test_a_swiss_press_release_and_its_translation_raise_no_alarm():
    # offices and surveys under their German and French names and acronyms, apostrophe
    # grouping, clock times, all-caps lines, a title of address, a source named by kind
    assert shown(SWISS_DE, SWISS_FR) == []


def test_a_changed_figure_in_the_swiss_release_is_the_one_difference():
    changed = SWISS_FR.replace("222 000 personnes", "232 000 personnes")
    assert kinds(shown(SWISS_DE, changed)) == [("conflict", "number")]


def test_all_caps_lines_give_no_names():
    assert facts_of_sentence("KEINE MEDIENKONFERENZ", "de") == []
    assert facts_of_sentence("PAS DE CONFÉRENCE DE PRESSE", "fr") == []


def test_a_title_of_address_stays_out_of_a_source_key():
    de = [f.value for f in facts_of_sentence("Laut Frau Merkel sinkt die Zahl.", "de")]
    en = [f.value for f in facts_of_sentence("According to Ms Merkel the number falls.", "en")]
    assert "merkel" in de and "merkel" in en


PAGE_WITH_COMMENTS = """Le gouvernement adopte un plan pour le rail

Jean Dupont, LE TEMPS

Mis à jour le 4 mars 2023 à 08h15

Le Conseil fédéral a adopté mercredi un plan de 12 milliards de francs pour le rail. Les travaux doivent commencer en 2025 et durer dix ans selon le ministre.

Les cantons saluent la décision, mais demandent plus de moyens pour les lignes régionales.

Réagir à cet article

Votre commentaire a été envoyé

pierre75 il y a 3 heures
Encore 12 milliards jetés par la fenêtre, comme en 2019 à Lausanne.
"""  # noqa: E501


def test_reader_comments_stamps_and_the_outlet_in_a_byline_are_no_content():
    article = storydiff.load_article(RawDocument("page.txt", PAGE_WITH_COMMENTS))
    assert article.byline == "Jean Dupont"
    assert len(article.sentences) == 3
    assert all("2019" not in s.text and "08h15" not in s.text for s in article.sentences)
    reasons = {b.reason for b in article.boilerplate}
    assert "reader comments after the article" in reasons
    assert "publication or update stamp of the page" in reasons


def test_comment_sections_under_localised_class_names_are_dropped_from_html():
    html = (
        "<html><body><article><h1>Le gouvernement adopte un plan pour le rail</h1>"
        "<p>Le Conseil fédéral a adopté mercredi un plan de 12 milliards de francs pour le "
        "rail. Les travaux doivent commencer en 2025 selon le ministre des transports.</p>"
        "</article><section class='bloc-commentaires'><div class='commentaire'><p>Encore 12 "
        "milliards jetés par la fenêtre, comme en 2019 à Lausanne avec le métro.</p></div>"
        "<div id='kommentar-2'><p>Enfin une bonne nouvelle pour Genève et 300 000 "
        "pendulaires du canton.</p></div></section></body></html>"
    )
    article = storydiff.load_article(RawDocument("page.html", html, kind="html"))
    assert [s.text for s in article.sentences if "2019" in s.text or "Genève" in s.text] == []
    assert len(article.sentences) == 2


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Am ersten November kämpfen sie in Imola.", "de", "--11-01"),
        ("Le premier mars, il pleut sur Paris.", "fr", "--03-01"),
        ("El primero de mayo de 2020 hubo fiesta.", "es", "2020-05-01"),
    ],
)
def test_a_day_written_as_an_ordinal_word(text, lang, value):
    assert value in [f.value for f in facts_of_sentence(text, lang) if f.type == "date"]


def test_a_replaced_person_beside_a_place_the_other_names_is_a_conflict():
    # the translation names Guadalajara where the source says "tapatío": that place must
    # not stand in for the partner of the replaced person
    a = (
        "Grandes son los huecos entre los programas de salud y el ciudadano común, sostuvo "
        "Ricardo Salazar, periodista tapatío."
    )
    b = (
        "There are great gaps between health programs and ordinary citizens, said Quentin "
        "Chabert, a journalist from Guadalajara."
    )
    assert ("conflict", "person") in kinds(shown(a, b))


def test_a_bare_name_after_a_speech_verb_is_a_person():
    found = facts_of_sentence('"Es bleibt ein Risiko", sagte Grindel.', "de")
    assert ("person", "grindel") in [(f.type, f.value) for f in found]
    role = facts_of_sentence('"Es bleibt", sagte die Verkehrskommissarin.', "de")
    assert [f for f in role if f.type == "person"] == []


def test_a_person_named_with_a_different_title_in_the_translation_is_present():
    a = "Australian Prime Minister Kevin Rudd said the banks were safe."
    b = "Le Premier ministre australien Kevin Rudd a déclaré que les banques étaient sûres."
    assert [d for d in shown(a, b) if d["type"] in {"person", "source"}] == []


def test_a_paragraph_holding_a_huge_word_is_segmented_in_linear_memory():
    from storydiff.segment import split_sentences

    text = "Der Rat " + "QUJDREVG" * 200_000 + " beschlossen. Dann ging er."
    spans = split_sentences(text, "de")
    assert text[spans[-1][0] : spans[-1][1]] == "Dann ging er."


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a German adjective on a figure, without the hyphen
        ("Sie übersah den 24jährigen Motorradfahrer.", "de", [24]),
        ("Der Wert ist 3fach höher.", "de", [3]),
        # "ones" is a pronoun
        ("The wooden wheels were replaced with ones made of iron.", "en", []),
    ],
)
def test_figures_glued_to_german_adjectives_and_the_pronoun_ones(text, lang, expected):
    assert [f.value for f in facts_of_sentence(text, lang) if f.type == "number"] == expected


def test_the_texts_read_ahead_for_the_negation_judge_are_those_it_reads(monkeypatch):
    from storydiff.compare import align_articles
    from storydiff.encoders import as_encoder
    from storydiff.encoders.e5 import second_opinion
    from storydiff.facts.diff import fact_differences, negation_judge_texts
    from storydiff.inputs import load_article

    a = load_article(
        RawDocument("A", "Die Regierung hat den Vertrag mit Frankreich unterzeichnet.")
    )
    b = load_article(RawDocument("B", "The government has not signed the treaty with France."))
    enc = as_encoder(None)
    aligned = align_articles(a, b, encoder=enc)
    ahead = negation_judge_texts(a, b, aligned.beads, embed=enc.encode)
    judge = second_opinion().__self__  # E5 behind its in-memory cache
    judge._memory.clear()
    asked: list[list[str]] = []
    real = judge.inner.encode
    monkeypatch.setattr(
        judge.inner, "encode", lambda texts: asked.append(list(texts)) or real(texts)
    )
    diffs = fact_differences(a, b, aligned.beads, embed=enc.encode)
    assert [d["kind"] for d in diffs if is_shown(d)] == ["polarity"]
    # the judge asked E5 for exactly these texts (negating side, without it, the other)
    assert ahead and sorted(t for call in asked for t in call) == sorted(ahead)
    assert b.sentences[0].text in ahead
