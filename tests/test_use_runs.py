"""Runs of sentences from one pass of the default encoder equal the joined text's vector."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest

from storydiff.aligner import encode_runs
from storydiff.collection.story import lead_span, lead_text
from storydiff.encoders import CachedEncoder
from storydiff.encoders.base import Span
from storydiff.encoders.use import USEEncoder
from storydiff.encoders.use_runs import RunPooler
from storydiff.model import Article, Sentence

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


class _Plain:
    """An encoder with neither runs nor spans: every text is embedded as it is."""

    version, dim, scripts = "1", 3, None

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return np.ones((len(texts), 3), dtype=np.float32)


def test_an_encoder_without_runs_embeds_joined_texts():
    inner = _Plain("plain")
    runs = encode_runs(["a", "b", "c"], CachedEncoder(inner), max_run=2)
    assert sorted(runs) == [1, 2] and runs[2].shape == (2, 3)
    assert inner.seen == ["a", "b", "c", "a b", "b c"]


def test_a_lead_span_equals_the_model_on_the_headline_and_lead(use):
    """The story vector's lead (headline, newline, first sentences) from the sentences'
    token features is the model's vector of ``lead_text``, with and without a headline."""
    title = "OpenAI eröffnet ein Büro in Paris"
    spans = [Span(0, 8, title), Span(0, 8), Span(2, 9, "Kurz"), Span(3, 4)]
    runs, vectors = use.encode_runs_and_spans(SENTENCES, 4, spans)
    assert np.abs(runs[2] - use.encode(joined(SENTENCES, 2))).max() < 1e-4  # runs as before
    expected = use.encode([span.text(SENTENCES) for span in spans])
    assert spans[0].text(SENTENCES).startswith(f"{title}\n{SENTENCES[0]} ")
    assert vectors.shape == (4, 512)
    assert np.min(np.sum(vectors * expected, axis=1)) > 0.9999
    assert np.abs(vectors - expected).max() < 1e-4


def test_the_lead_of_an_article_is_its_lead_text():
    article = Article(
        source="x",
        text="",
        paragraphs=[],
        sentences=[Sentence(i, f"Satz {i}.", 0, 0, 0) for i in range(10)],
        title="Titel",
    )
    texts = [s.text for s in article.sentences]
    assert lead_span(article.title, 10).text(texts) == lead_text(article)
    untitled = replace(article, title=None, sentences=article.sentences[:3])
    assert lead_span(None, 3).text(texts[:3]) == lead_text(untitled)


def test_spans_out_of_reach_of_the_arithmetic_are_left_to_the_model(use, monkeypatch):
    """A span over a blank sentence, over the token cap, or leaving its block of
    sentences, and a blank headline, are embedded as their texts."""
    import storydiff.encoders.use_runs as use_runs

    monkeypatch.setattr(use_runs, "_BLOCK", 4)
    texts = ["Eine ganz normale Nachricht über das Wetter.", "   ", *SENTENCES[:6]]
    capped = RunPooler.load(use._model, use._model._tokenizer._encode_one, 60, use.encode)
    assert capped is not None
    spans = [Span(0, 3), Span(2, 7), Span(3, 5), Span(2, 4, "  "), Span(2, 5, "Titel")]
    calls: list[list[str]] = []

    def model(batch):
        calls.append(list(batch))
        return use.encode(batch)

    _, vectors = capped.runs_and_spans(texts, 2, model, spans)
    expected = use.encode([span.text(texts) for span in spans])
    assert np.abs(vectors - expected).max() < 1e-4
    plain = {t for batch in calls for t in batch}
    # blank sentence, leaves its block (2..6 reaches past 4 + 2 - 1), blank headline
    assert {spans[r].text(texts) for r in (0, 1, 3)} <= plain
    assert spans[2].text(texts) not in plain and spans[4].text(texts) not in plain


def test_the_cache_keeps_span_vectors_under_their_texts(use):
    class Counting:
        name, version, dim, scripts = "counted-use-spans", "1", 512, None

        def __init__(self) -> None:
            self.encode_calls: list[list[str]] = []

        def encode(self, texts):
            self.encode_calls.append(list(texts))
            return use.encode(texts)

        def encode_runs(self, texts, max_run):
            return use.encode_runs(texts, max_run)

        def encode_runs_and_spans(self, texts, max_run, spans):
            return use.encode_runs_and_spans(texts, max_run, spans)

    inner = Counting()
    cached = CachedEncoder(inner)
    span = Span(0, 6, "Titel")
    _, first = cached.encode_runs_and_spans(SENTENCES, 4, [span])
    assert inner.encode_calls == []
    _, again = cached.encode_runs_and_spans(SENTENCES, 4, [span])
    assert np.array_equal(first, again)
    assert np.array_equal(cached.encode([span.text(SENTENCES)])[0], first[0])
    assert inner.encode_calls == []


def test_an_encoder_without_spans_embeds_the_span_texts():
    inner = _Plain("plain-spans")
    runs, vectors = CachedEncoder(inner).encode_runs_and_spans(
        ["a", "b", "c"], 1, [Span(0, 3, "T")]
    )
    assert runs[1].shape == (3, 3) and vectors.shape == (1, 3)
    assert inner.seen == ["a", "b", "c", "T\na b c"]


def test_the_probes_verdict_is_kept_in_the_tables_cache(use, tmp_path, monkeypatch):
    """With a disk cache the probe runs once for this package, numpy and code; a new
    process reads the verdict (and a cached disagreement still means no pooler)."""
    from storydiff import tables

    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def model(batch):
        calls.append(len(batch))
        return use.encode(batch)

    tokenise = use._model._tokenizer._encode_one
    first = RunPooler.load(use._model, tokenise, 1024, model, probe_key="test-1")
    assert first is not None and calls  # probed: the joined probe texts were embedded
    (verdict,) = (tmp_path / "tables").glob("use-runs-probe-*")
    calls.clear()
    again = RunPooler.load(use._model, tokenise, 1024, model, probe_key="test-1")
    assert again is not None and calls == []
    tables.write(verdict, False)
    assert RunPooler.load(use._model, tokenise, 1024, model, probe_key="test-1") is None
    assert RunPooler.load(use._model, tokenise, 1024, model) is not None  # no key: probed


def test_runs_and_lead_from_kept_parts_are_the_same_floats_without_reading_the_tokens(
    use, monkeypatch
):
    texts = [*SENTENCES, "   "]  # a blank sentence: its runs are still left to the model
    spans = [lead_span("Ein Titel über OpenAI", len(texts))]
    runs, lead = use.encode_runs_and_spans(texts, 4, spans)
    kept = use.load_parts(use.run_parts(texts, 4, spans).to_bytes())
    pooler = use._run_pooler()
    monkeypatch.setattr(pooler, "_sentences", lambda ids: pytest.fail("read the tokens again"))
    again, lead_again = use.encode_runs_and_spans(texts, 4, spans, kept)
    assert sorted(again) == sorted(runs) == [1, 2, 3, 4]
    for k in runs:
        assert np.array_equal(again[k], runs[k]), k  # the same floats, not just close
    assert np.array_equal(lead_again, lead)


def test_parts_of_other_sentences_or_another_lead_are_not_used(use):
    spans = [lead_span("Titel", 5)]
    parts = use.run_parts(SENTENCES[:5], 4, spans)
    other = SENTENCES[1:6]
    runs, _ = use.encode_runs_and_spans(other, 4, spans, parts)
    expected = use.encode_runs(other, 4)
    assert all(np.array_equal(runs[k], expected[k]) for k in expected)
    other_lead = lead_span("Anders", 5)
    _, lead = use.encode_runs_and_spans(SENTENCES[:5], 4, [other_lead], parts)
    assert np.abs(lead - use.encode([other_lead.text(SENTENCES[:5])])).max() < 1e-4


def test_bytes_that_are_not_run_parts_are_refused(use):
    parts = use.run_parts(SENTENCES[:3], 4, [])
    blob = parts.to_bytes()
    assert use.load_parts(blob).full.shape == (3, 512)
    for bad in (b"", b"not parts at all", blob[:-4], b"X" + blob[1:]):
        with pytest.raises(ValueError):
            use.load_parts(bad)
    assert CachedEncoder(use).load_parts(b"not parts at all") is None


def test_no_parts_for_no_sentences_or_more_than_one_block(use):
    assert use.run_parts([], 4, []) is None
    assert use.run_parts(["Ein Satz."] * 257, 4, []) is None
