"""A function word that opens a sentence is capitalised, but it is no name."""

from __future__ import annotations

import pytest

from storydiff.facts import facts_of_sentence


def _names(text: str, lang: str) -> list[tuple[str, str]]:
    kinds = {"person", "organization", "location"}
    return [(f.type, f.text) for f in facts_of_sentence(text, lang) if f.type in kinds]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Para que lo entiendan: todo empezó hace diez años."),  # Pará, a region
        ("es", "En el curso de la tarde llegó la noticia."),
        ("es", "Están muy bien situados en la tabla."),
        ("fr", "Mon plus grand souhait est de rentrer chez moi."),  # Mon State
        ("fr", "Vous tirez donc profit de la situation."),
        ("de", "Kann die Stadt das Projekt noch retten?"),  # a town of that name exists
        ("fr", "L'analogie avec le passé est trompeuse."),
    ],
)
def test_opening_function_word_is_no_name(lang, text):
    assert _names(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "es",
            "En Quebec hay una cama de cuidados por cada 11.700 habitantes.",
            ("location", "Quebec"),
        ),
        ("en", "New York is the largest city of the country.", ("location", "New York")),
        ("fr", "L'Oréal a annoncé ses résultats mardi.", ("organization", "L'Oréal")),
        ("es", "Los Angeles vota hoy a su alcalde.", ("location", "Los Angeles")),
    ],
)
def test_the_name_after_an_opening_function_word_stays(lang, text, expected):
    assert expected in _names(text, lang)
