"""pysbd's abbreviation patterns are compiled once per process, with the same sentences."""

from __future__ import annotations

import re

import pysbd.abbreviation_replacer
import pytest

from storydiff import segment
from storydiff.segment import split_sentences

TEXTS = [
    ("de", "Die Firma (z. B. die Bahn) zahlte 3 Mrd. Euro. Hr. Weber sagte Nr. 5 ab. Gut so."),
    ("fr", "M. Macron a parlé à 10 h. Mme Dupont, art. 3 du code, etc. Puis il est parti."),
    ("en", "The U.S. Sen. Smith met Dr. Jones at 5 p.m. on Jan. 3. They spoke. St. Louis won."),
    ("es", "El Sr. García llegó a las 9 a. m. del lun. pasado. Dijo que no. La Sra. Ruiz calló."),
]


@pytest.mark.parametrize(("language", "text"), TEXTS)
def test_sentences_are_those_of_pysbd_with_plain_re(language, text, monkeypatch):
    ours = split_sentences(text, language)
    monkeypatch.setattr(pysbd.abbreviation_replacer, "re", re)
    assert ours == split_sentences(text, language)
    assert len(ours) >= 3


def test_each_pattern_is_compiled_once():
    language, text = TEXTS[0]
    split_sentences(text, language)
    before = segment._compiled.cache_info()
    split_sentences(text, language)
    after = segment._compiled.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
