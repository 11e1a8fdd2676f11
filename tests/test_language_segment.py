"""Language identification and sentence segmentation on tricky real cases."""

from __future__ import annotations

import pytest

from storydiff.language import detect_language, dominant_script, sentence_language
from storydiff.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Das kostet 6,5 Mrd. Euro. Das ist z. B. viel.", 2),
        ("de", "Am 26. September 2024 kam er. Er blieb.", 2),
        ("fr", "M. Macron a parlé hier. Il a levé 6,5 milliards.", 2),
        ("en", "The U.S. economy grew. Mr. Smith said so. It cost $6.5bn.", 3),
        ("es", "El Sr. García llegó a las 10.30 h. Después habló.", 2),
    ],
)
def test_abbreviations_and_numbers_do_not_split(lang, text, expected):
    assert len(sentences(text, lang)) == expected


def test_spans_are_exact_and_trimmed():
    text = "  Erster Satz.   Zweiter Satz!  "
    assert sentences(text, "de") == ["Erster Satz.", "Zweiter Satz!"]


def test_unknown_language_uses_english_rules():
    assert len(sentences("Dr. Kowalski przyjechał. Potem odjechał.", "xx")) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Das Unternehmen gab außerdem bekannt, dass es Büros eröffnen wird.", "de"),
        ("La société a également annoncé qu'elle ouvrirait des bureaux.", "fr"),
        ("The company also said it would open offices later this year.", "en"),
        ("La empresa también anunció que abrirá oficinas este año.", "es"),
    ],
)
def test_language_of_a_sentence(text, lang):
    assert detect_language(text)[0] == lang


def test_short_sentence_takes_the_article_language():
    assert sentence_language("ajouté.", "fr") == "fr"
    assert sentence_language("Das ist eine ganz normale deutsche Aussage hier.", "fr") == "de"


def test_dominant_script():
    assert dominant_script("Привет, мир, hello") == "CYRILLIC"
    assert dominant_script("东京 is big 東京都") == "CJK"
    assert dominant_script("1234 !!!") is None


def test_dominant_script_counts_the_first_letters_and_breaks_ties_by_first_seen():
    assert dominant_script("ab ЖЯ") == "LATIN" and dominant_script("ЖЯ ab") == "CYRILLIC"
    # only the first 20,000 letters count, wherever they stand
    assert dominant_script("Ж" * 20_000 + " " + "a" * 30_000) == "CYRILLIC"
    assert dominant_script("1 " * 20_000 + "Ж" * 10 + "a" * 9) == "CYRILLIC"


def test_language_identification_does_not_import_the_model_downloader():
    """The bundled model needs no downloader (and its HTTP stack, 44 ms of a cold start)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storydiff.language import detect_language\n"
        "print(detect_language('Das ist ein deutscher Satz über das Wetter.')[0])\n"
        "print('robust_downloader' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["de", "False"]


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte: „Ja.“ Er sagte: „Ja.“ Dann ging er. Er sagte: „Ja.“",
        "A. B. A. B.",
        "Mr. Smith went home.   Mr. Smith went home.\nThen he slept.",
        'Die Stadt. . "Wer die Stadt will, muss 270 000 Menschen integrieren." Ende.',
        "Kein Satzende hier",
    ],
)
def test_sentences_are_found_as_pysbd_finds_them_without_a_pattern_each(text):
    import pysbd

    from storydiff.segment import _segmenter

    ours = _segmenter("de")
    theirs = pysbd.Segmenter(language="de", clean=False)
    assert ours.segment(text) == theirs.segment(text)
    ours.original_text = theirs.original_text = text
    sentences = theirs.processor(text).process()
    mine = [(s.sent, s.start, s.end) for s in ours.sentences_with_char_spans(sentences)]
    expected = [(s.sent, s.start, s.end) for s in theirs.sentences_with_char_spans(sentences)]
    assert mine == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Ursache liegt in der Liberalisierung im 19. und 20. Jahrhundert. Dann kam es.",
        "Am 4. und 5. Mai 2010 ging er. Dann kam es.",
        "Er wurde beim 3. Rennen Vierter. Dann kam es.",
    ],
)
def test_german_ordinals_do_not_cut_a_sentence(text):
    """pysbd cuts before a German ordinal where a text has several ("im" | "19. und" |
    "20. Jahrhundert suchen."): a piece that ends in a bare word goes on with the next."""
    spans = split_sentences(text, "de")
    assert [text[a:b] for a, b in spans] == [text[: text.index(" Dann")], "Dann kam es."]


def test_lines_and_long_texts_without_full_stops_are_not_joined():
    text = "Punkte\n1 Tor\n2 Tore"
    assert [text[a:b] for a, b in split_sentences(text, "de")] == ["Punkte", "1 Tor", "2 Tore"]
    # a paragraph without sentence punctuation stays in pieces, so the sentence cap holds
    assert len(split_sentences("lorem ipsum dolor sit amet " * 20000, "en", limit=50)) > 50
