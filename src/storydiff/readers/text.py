"""Plain text: detect the encoding, strip a BOM, normalise line ends.

Encoding detection is charset-normalizer's job; what we add is what detectors get wrong
or stay silent about:

* binary data (NUL bytes or mostly control characters), which detectors will happily
  "decode", is refused;
* UTF-16 without a byte-order mark (NUL bytes in every other position) is read as UTF-16,
  with a warning, instead of being called binary;
* a UTF-16 byte-order mark in front of UTF-8 text is a wrong mark: the text is read as
  UTF-8, with a warning;
* a file that is mostly UTF-8 with some bytes in a legacy code page (a Latin-1 paragraph
  pasted into a UTF-8 page) keeps its UTF-8 and reads the odd bytes as Windows-1252,
  with a warning that says how many bytes, instead of turning every accent into mojibake;
* lone surrogates (from JSON ``"\\ud800"`` or a Python string) become U+FFFD;
* invisible bidirectional controls (LRM, RLM, embeddings, isolates: common in Arabic and
  Hebrew web text) are removed: they carry no words, and left in they hide a sentence's
  final full stop or make "sentences" of their own.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import warnings

from storydiff.errors import InputError, InputWarning, one_line

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# U+200E/U+200F marks, U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates,
# U+061C Arabic letter mark, and U+FEFF (a byte-order mark inside the text). Joiners
# (U+200C/U+200D) are kept: they change how Persian and Indic words are spelt.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_LEGACY = "cp1252"


def decode_bytes(data: bytes, *, source: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for empty or binary input; warns
    (InputWarning) when the bytes were not all in one encoding."""
    if not data.strip():
        raise InputError(source, "is empty", "Pass a file that contains the article text")
    text, encoding = _decode(data, source)
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    if _control_share(text) > 0.05:
        raise _binary(source)
    if not text.strip():
        raise InputError(source, "is empty", "Pass a file that contains the article text")
    return text, encoding


def clean_text(text: str) -> str:
    """Lone surrogates -> U+FFFD, bidirectional controls removed; otherwise unchanged."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A surrogate pair written as two escapes is one character; a lone one is not.
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        text = _BIDI_CONTROLS.sub("", text)
    return text


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            payload = data[len(bom) :]
            if name != "utf-8" and _is_utf8(payload) and b"\x00" not in payload:
                warnings.warn(
                    f"{one_line(source)}: starts with a {name.upper()} byte-order mark but "
                    "the text is UTF-8; read as UTF-8",
                    InputWarning,
                    stacklevel=3,
                )
                return payload.decode("utf-8"), "utf-8"
            return payload.decode(name, errors="replace"), name
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _binary(source)
        warnings.warn(
            f"{one_line(source)}: UTF-16 text without a byte-order mark; read as {utf16.upper()}",
            InputWarning,
            stacklevel=3,
        )
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        text, odd = mixed
        warnings.warn(
            f"{one_line(source)}: mixes encodings: mostly UTF-8, but {odd} byte(s) are not; "
            f"those were read as Windows-1252 (check the accents in the report)",
            InputWarning,
            stacklevel=3,
        )
        return text, "utf-8"
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    best = from_bytes(data).best()
    if best is None:
        raise _binary(source)
    return str(best), best.encoding


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit in the odd (even) positions of a text
    that is mostly Latin script; None for anything else with NUL bytes (binary)."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.02:
        name = "utf-16-le"
    elif even > 0.3 and odd < 0.02:
        name = "utf-16-be"
    else:
        return None
    text = sample[: len(sample) // 2 * 2].decode(name, errors="replace")
    return name if _control_share(text) <= 0.05 and text.count("\ufffd") < 4 else None


def _legacy_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return bad.decode(_LEGACY, errors="replace"), error.end


codecs.register_error("storydiff-legacy", _legacy_bytes)


def _mixed_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, number of odd bytes) when the data is UTF-8 with some legacy bytes mixed in:
    well-formed non-ASCII UTF-8 characters that a legacy text would only form by chance
    (a letter followed by a symbol such as "Ã©"), so at least two, and at least one for
    every 20 stray bytes. None otherwise (a legacy file: charset-normalizer's job).

    Both decodes run in the codec's C loop, so this is linear in the input."""
    text = data.decode("utf-8", errors="storydiff-legacy")
    valid = data.decode("utf-8", errors="ignore")
    odd = len(text) - len(valid)  # each stray byte became exactly one character
    multibyte = len(valid) - len(valid.encode("ascii", errors="ignore"))
    if odd <= 0 or multibyte < max(2, odd / 20):
        return None
    return text, odd


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) in {"Cc", "Co", "Cn"} and ch not in "\n\t"
    )
    return bad / len(sample)


def _binary(source: str) -> InputError:
    return InputError(
        source, "looks like a binary file, not text or HTML", "Pass a .txt or .html article"
    )
