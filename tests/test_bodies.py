"""Request bodies -> the two versions (web/bodies.py): what the workers parse."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.web import bodies
from storydiff.web.bodies import BadBody, RawBody, form_documents, json_documents, parse_form

ESCAPE_ALPHABET = st.sampled_from([b"%", b"+", b"a", b"Z", b"0", b"9", b"f", b"F", b"g", b"\xff"])


@given(st.lists(ESCAPE_ALPHABET, max_size=60).map(b"".join), st.integers(3, 9))
def test_form_values_are_unescaped_as_the_standard_library_does(data, piece):
    # in pieces as small as 3 bytes, so that escapes fall on every boundary
    original = bodies._UNQUOTE_PIECE
    bodies._UNQUOTE_PIECE = piece
    try:
        got = bodies._unquote(data)
    finally:
        bodies._UNQUOTE_PIECE = original
    assert got == urllib.parse.unquote_to_bytes(data.replace(b"+", b" "))


def test_a_url_encoded_form_gives_its_texts():
    body = "text_a=Der+Rat+hat+%C3%BCber+5%25+beschlossen.&text_b=Le+conseil+%C3%A0+Paris."
    form = parse_form(RawBody("application/x-www-form-urlencoded", body.encode()))
    assert form.texts == {
        "text_a": "Der Rat hat über 5% beschlossen.",
        "text_b": "Le conseil à Paris.",
    }


def test_a_multipart_form_gives_files_by_name_only_and_texts():
    body = (
        b'--xx\r\nContent-Disposition: form-data; name="a"; filename="../../etc/passwd"\r\n'
        b"Content-Type: text/plain\r\n\r\nDer Rat hat beschlossen.\r\n"
        b'--xx\r\nContent-Disposition: form-data; name="text_b"\r\n\r\nLe conseil.\r\n--xx--\r\n'
    )
    form = parse_form(RawBody("multipart/form-data; boundary=xx", body))
    a, b = form_documents(
        form, file_fields=("a", "b"), text_fields=("text_a", "text_b"), max_bytes=1000
    )
    assert a == bodies.Document(b"Der Rat hat beschlossen.", "passwd")
    assert b == bodies.Document(b"Le conseil.", "pasted B")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"&".join([b"f=1"] * 40)),
        (
            "multipart/form-data; boundary=xx",
            b"".join(
                b'--xx\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nx\r\n' % i
                for i in range(40)
            )
            + b"--xx--\r\n",
        ),
    ],
)
def test_a_form_with_too_many_fields_is_a_400(content_type, body):
    with pytest.raises(BadBody, match="too many form fields") as caught:
        parse_form(RawBody(content_type, body))
    assert caught.value.status == 400


def test_a_multipart_body_without_a_boundary_is_a_400():
    with pytest.raises(BadBody, match="boundary"):
        parse_form(RawBody("multipart/form-data", b"--xx\r\n"))


def test_an_empty_version_is_one_error_through_json_and_forms():
    messages = set()
    with pytest.raises(BadBody) as by_json:
        json_documents(b'{"a": "Text.", "b": "  "}', 1000)
    messages.add(str(by_json.value))
    for content_type, body in [
        ("application/x-www-form-urlencoded", b"text_a=Text.&text_b=+"),
        (
            "multipart/form-data; boundary=xx",
            b'--xx\r\nContent-Disposition: form-data; name="text_a"\r\n\r\nText.\r\n--xx--\r\n',
        ),
    ]:
        with pytest.raises(BadBody) as by_form:
            form_documents(
                parse_form(RawBody(content_type, body)),
                file_fields=("a", "b"),
                text_fields=("text_a", "text_b"),
                max_bytes=1000,
            )
        messages.add(str(by_form.value))
    assert messages == {"version B is empty: give its text or HTML"}


def test_a_document_over_the_limit_is_a_413_that_names_it():
    with pytest.raises(BadBody, match="a: too large") as caught:
        json_documents(b'{"a": "' + b"x" * 2000 + b'", "b": "Text."}', 1000)
    assert caught.value.status == 413
