"""Readers: encodings, HTML, and every kind of bad input refused with a clear reason."""

from __future__ import annotations

import io

import pytest

from storydiff.errors import InputError
from storydiff.readers import read_bytes, read_source

GERMAN = "Die Präsidentin äußerte sich am Mittwoch in Brüssel zur Lage.\n"
FRENCH = "Le président a déclaré mercredi à Bruxelles que la réforme était prête.\n"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_single_byte_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes((GERMAN * 3 + FRENCH * 3).encode(encoding))
    doc = read_source(path)
    assert "Präsidentin äußerte" in doc.text and "déclaré" in doc.text


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GERMAN.encode())
    assert read_source(path).text == GERMAN


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + FRENCH.encode("utf-16-le"))
    assert read_source(path).text == FRENCH


def test_crlf_line_ends_become_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"First line.\r\n\r\nSecond line.\r\n")
    assert read_source(path).text == "First line.\n\nSecond line.\n"


def test_stdin_is_read():
    doc = read_source("-", stdin=io.BytesIO(FRENCH.encode()))
    assert doc.source == "<stdin>" and doc.text == FRENCH


def test_html_is_recognised_by_content():
    html = "<html><body><p>One.</p><p>Two.</p></body></html>"
    assert read_bytes(html.encode(), source="x").kind == "html"
    assert read_bytes(b"Plain text, no tags.", source="x").kind == "text"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"  \n\n \t"), "is empty"),
        (lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000)), "binary"),
    ],
)
def test_bad_files_are_refused(tmp_path, make, message):
    path = tmp_path / "bad.txt"
    make(path)
    with pytest.raises(InputError, match=message):
        read_source(path)


def test_directory_and_missing_path_are_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="too large"):
        read_source(path, max_bytes=1024)


def test_error_message_names_the_file_and_what_to_do(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value).startswith(str(path)) and "Pass" in str(info.value)
