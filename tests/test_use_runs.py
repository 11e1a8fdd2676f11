"""Runs of sentences from one pass of the default encoder equal the joined text's vector."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from storydiff.aligner import encode_runs
from storydiff.encoders import CachedEncoder
from storydiff.encoders.use import USEEncoder
from storydiff.encoders.use_runs import RunPooler

SENTENCES = [
    "Die Präsenz von OpenAI in Frankreich wird es „dem Unternehmen ermöglichen“, "
    "enger mit Regierungen und Unternehmen zusammenzuarbeiten.",
    "Ja.",  # shorter than a window: the seams on both sides interact
    "L’Observatoire de l’Europe Next a déclaré : 6,5 milliards de dollars en 2024.",
    "Nun begannen die Erkundungen:",
    "Привет мир, 中文文本 and more words after them to make it long enough.",
    "OK",
    "Kurz gesagt",
    "The company said on Tuesday that it would open an office in Paris next year, "
    "its first in continental Europe.",
    # two long sentences in a row: their seam is computed once for all runs across it
    "Die Bundesregierung in Berlin kündigte am Mittwoch ein neues Programm für kleine und "
    "mittlere Unternehmen an, das 2025 beginnen soll.",
    "  spaces   inside  and\ttabs  ",
    "e\u0301té café naïve, 17.30 Uhr, CHF 1'200'000, −1,5 %.",
]


@pytest.fixture(scope="module")
def use() -> USEEncoder:
    return USEEncoder(threads=1)


def joined(texts: list[str], k: int) -> list[str]:
    return [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]


def test_run_vectors_equal_the_model_on_the_joined_text(use):
    runs = use.encode_runs(SENTENCES, 4)
    pooler = use._run_pooler()
    assert pooler is not None  # the one-pass path, not the fallback
    words = [len(pooler._tokenise(t)) for t in SENTENCES]
    assert any(min(a, b) >= 8 for a, b in pairwise(words))  # a long seam
    assert any(w < 4 for w in words)  # and seams whose windows reach past a sentence
    assert sorted(runs) == [1, 2, 3, 4]
    for k, vectors in runs.items():
        expected = use.encode(joined(SENTENCES, k))
        assert vectors.shape == expected.shape == (len(SENTENCES) - k + 1, 512)
        assert np.abs(vectors - expected).max() < 1e-4, k


def test_a_blank_sentence_and_a_run_over_the_token_cap_are_left_to_the_model(use):
    texts = ["Eine ganz normale Nachricht über das Wetter.", "   ", *SENTENCES[:3]]
    pooler = use._run_pooler()
    assert pooler is not None
    capped = RunPooler.load(use._model, use._model._tokenizer._encode_one, 40, use.encode)
    assert capped is not None
    for p in (pooler, capped):
        runs = p.runs(texts, 3, use.encode)
        for k, vectors in runs.items():
            expected = use.encode(joined(texts, k))
            assert np.abs(vectors - expected).max() < 1e-4, k


def test_fewer_sentences_than_the_longest_run(use):
    runs = use.encode_runs(SENTENCES[:2], 4)
    assert sorted(runs) == [1, 2]
    assert np.abs(runs[2][0] - use.encode([" ".join(SENTENCES[:2])])[0]).max() < 1e-4
    empty = use.encode_runs([], 4)
    assert empty[1].shape == (0, 512)


def test_a_model_without_the_expected_internals_falls_back_to_joined_texts(use):
    class Opaque:
        _tokenizer = use._model._tokenizer

    assert RunPooler.load(Opaque(), lambda t: [5], None, use.encode) is None
    fallback = USEEncoder(threads=1)
    fallback._pooler = None  # as when the probe disagreed with the model
    runs = fallback.encode_runs(SENTENCES[:4], 2)
    assert np.abs(runs[2] - use.encode(joined(SENTENCES[:4], 2))).max() < 1e-6


def test_the_cache_serves_runs_and_their_sentences(use):
    class Counting:
        name, version, dim, scripts = "counted-use", "1", 512, None

        def __init__(self) -> None:
            self.run_calls = 0
            self.encode_calls: list[list[str]] = []

        def encode(self, texts):
            self.encode_calls.append(list(texts))
            return use.encode(texts)

        def encode_runs(self, texts, max_run):
            self.run_calls += 1
            return use.encode_runs(texts, max_run)

    inner = Counting()
    cached = CachedEncoder(inner)
    first = encode_runs(SENTENCES, cached)
    second = encode_runs(SENTENCES, cached)
    assert inner.run_calls == 1 and inner.encode_calls == []
    assert all(np.array_equal(first[k], second[k]) for k in first)
    cached.encode(SENTENCES[:3])  # the sentences were cached with their runs
    assert inner.encode_calls == []


def test_an_encoder_without_runs_embeds_joined_texts():
    class Plain:
        name, version, dim, scripts = "plain", "1", 3, None

        def __init__(self) -> None:
            self.seen: list[str] = []

        def encode(self, texts):
            self.seen += list(texts)
            return np.ones((len(texts), 3), dtype=np.float32)

    inner = Plain()
    runs = encode_runs(["a", "b", "c"], CachedEncoder(inner), max_run=2)
    assert sorted(runs) == [1, 2] and runs[2].shape == (2, 3)
    assert inner.seen == ["a", "b", "c", "a b", "b c"]
