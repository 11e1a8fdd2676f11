"""The source-credit pattern shares one copy of the name pattern among consecutive cues;
it must find exactly what the cues written as separate alternatives find."""

from __future__ import annotations

import re

import pytest

from storydiff.facts import sources
from storydiff.facts.base import caseless

SENTENCES = [
    "OpenAI told Euronews Next it would hire in Paris.",
    "Wie der Spiegel berichtet, soll der Vertrag bald kommen.",
    "According to a statement from the Ministry of Defence, two were hurt.",
    "The deal was reported by Reuters on Monday.",
    "Laut dpa sind 20 Menschen verletzt worden, gegenüber der Zeitung sagte er nichts.",
    "Nach Informationen des Handelsblatts plant der Konzern einen Abbau.",
    "Der Regierung zufolge steigen die Preise.",
    "Selon l'agence Reuters, d'après l'AFP, le plan est prêt.",
    "a déclaré mercredi le créateur de ChatGPT à L’Observatoire de l’Europe Next.",
    "a-t-il déclaré au micro de France Info.",
    "Según fuentes citadas por Europa Press, el plan costará más.",
    "Ha dichiarato il ministro all'Ansa.",
    "Volgens het Centraal Bureau voor de Statistiek steeg de inflatie.",
    "Segundo a agência Lusa, o incêndio continua.",
    "Il piano è fallito, riferisce l'Ansa, schreibt die FAZ.",
    "schrieb Präsident Brad Smith in einem Blog.",
    "The company grew, Bloomberg reported on Tuesday.",
    "Floods killed 220 people, according to the Spanish government.",
    "Around 40,000 people attended the rally, police said.",
    "Die Bahn will investieren, sagte Bahnchef Richard Lutz der Süddeutschen Zeitung.",
    "Selon la ville, selon Paris, laut Berlin: names that are places.",
    "no cue at all in this sentence, only Names And Capitals.",
]


def separate_alternatives() -> re.Pattern[str]:
    """The pattern as it was: every cue its own alternative with its own name copy."""
    named = [
        cue.replace("(?P<n", sources._outlet_kind(f"kind{i}") + "(?P<n", 1)
        for i, cue in enumerate(sources._NAMED_CUES)
    ]
    return re.compile("|".join(named + sources._OTHER_CUES))


def name_of(m: re.Match[str]) -> tuple[int, int, str, bool]:
    group = next(k for k, v in m.groupdict().items() if v is not None and k.startswith("n"))
    kind = any(v is not None for k, v in m.groupdict().items() if k.startswith("kind"))
    return m.start(group), m.end(group), m.group(group), kind


@pytest.fixture(scope="module")
def separate() -> re.Pattern[str]:
    return separate_alternatives()


@pytest.mark.parametrize("sentence", SENTENCES)
def test_shared_name_pattern_finds_what_separate_cues_find(separate, sentence):
    combined = [(m.span(), name_of(m)) for m in sources._pattern().finditer(sentence)]
    expected = [(m.span(), name_of(m)) for m in separate.finditer(sentence)]
    assert combined == expected


def test_the_pattern_holds_the_name_pattern_a_few_times_only():
    assert len(sources._pattern().pattern) < len(separate_alternatives().pattern) / 3
    assert sources._pattern().pattern.count(sources._NAME) <= 8


def test_a_publication_is_told_apart_from_a_writer_through_its_cue():
    assert [f.text for f in sources.find_sources("Il piano è fallito, riferisce l'Ansa.")] == [
        "l'Ansa"
    ]
    assert sources.find_sources("schrieb Präsident Brad Smith in einem Blog.") == []


def corpus_sentences() -> list[str]:
    """Every sentence of the fact corpora (tests/data/facts*) and of this file."""
    import json
    from pathlib import Path

    out = list(SENTENCES)
    for path in sorted((Path(__file__).parent / "data").glob("facts*/*.jsonl")):
        out += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return out


def test_every_cue_holds_one_of_the_cue_words(separate):
    """A sentence that any cue matches passes the cue-word check, so skipping the others
    changes nothing; and the check does skip most sentences."""
    sentences = corpus_sentences()
    cues = [re.compile(cue) for cue in sources._NAMED_CUES + sources._OTHER_CUES]
    missed = [
        (cue.pattern[:40], s)
        for s in sentences
        if not sources._may_credit(s)
        for cue in cues
        if cue.search(s)
    ]
    assert missed == []
    assert sum(map(sources._may_credit, sentences)) < len(sentences) / 2


def test_case_twins_of_cue_letters_still_pass():
    # the case-insensitive "selon" matches a long s, as the check does
    assert [f.value for f in sources.find_sources("Le bilan est lourd, ſelon l'AFP.")] == ["afp"]
    assert caseless("WİE ſelon Der SPIEGEL") == "wie selon der spiegel"
