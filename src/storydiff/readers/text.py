"""Plain text: detect the encoding, strip a BOM, normalise line ends.

Encoding detection is charset-normalizer's job; what we add is refusing binary data
(NUL bytes or mostly control characters), which detectors will happily "decode".
"""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from storydiff.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, *, source: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for empty or binary input."""
    if not data.strip():
        raise InputError(source, "is empty", "Pass a file that contains the article text")
    text: str | None = None
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, encoding = data[len(bom) :].decode(name, errors="replace"), name
            break
    if text is None:
        if b"\x00" in data[:8192]:
            raise _binary(source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise _binary(source) from None
            text, encoding = str(best), best.encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if _control_share(text) > 0.05:
        raise _binary(source)
    if not text.strip():
        raise InputError(source, "is empty", "Pass a file that contains the article text")
    return text, encoding


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
