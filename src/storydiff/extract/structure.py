"""Headline, byline and picture credits of a plain-text article.

Copied articles keep or lose these lines independently of the body, so storydiff keeps
them out of the content and reports them on their own. Plain text has no markup to say
which line is the headline; the rules below use what such lines look like:

* the **top zone** is every line before the first body line (a full sentence of 8+ words);
* a **credit** is a short line naming a picture source: "(file photo)", "Foto: dpa",
  "Photo : AFP", "© Reuters", "Image: Getty Images" (anywhere in the text);
* a **byline** is "By/Von/Par/Por/Di/Door <Name>" or a bare person-name shape (2-4
  capitalised words, particles allowed) in the top zone or the last lines;
* the **headline** is the first other top-zone line of 3-30 words that does not end like a
  sentence (and never the only line of content: see ``extract.pipeline``).
"""

from __future__ import annotations

import itertools
import re

_CREDIT = re.compile(
    r"(\((?:file\s+)?(?:photo|foto|image|picture|archive|archiv|archives|illustration)[^)]*\)"
    r"|^(?:photo|foto|image|bild|picture|illustration|crédit|credit|credits|crédits"
    r"|fotografía|immagine)\s*(?:\([^)]*\))?\s*[:©]"
    r"|©|\bgetty images\b|\bshutterstock\b|\bistock\b|\bimago\b|\bpicture alliance\b)",
    re.IGNORECASE,
)
_BY = re.compile(
    r"^(?:by|von|par|por|di|door|de|written by|geschrieben von|écrit par|texte?\s*:|"
    r"autor(?:in)?\s*:|auteur\s*:|author\s*:)\s+(?P<name>.+)$",
    re.IGNORECASE,
)
_UPPER = "A-ZÀ-ÖØ-ÞŁŚŻŹČŠŽ"
_LOWER = "a-zà-öø-ÿłśżźćńčšžğı'’"
_NAME_TOKEN = re.compile(rf"^(?:[{_UPPER}][{_LOWER}.]+(?:-[{_UPPER}][{_LOWER}]+)*|[A-Z]\.)$")
_PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "del", "la", "le", "y", "zu"}
_SENTENCE_END = re.compile(r"[.!:;…»\"“”„]\s*$")


_NON_SPACE = re.compile(r"\S+")


def count_words(line: str, most: int) -> int:
    """The number of whitespace-separated words of ``line``, counted up to ``most + 1``
    (a line of a million words is not split into a million strings to be compared with
    12: that took 70 MB per test on a 7 MB line)."""
    return sum(1 for _ in itertools.islice(_NON_SPACE.finditer(line), most + 1))


def is_credit(line: str) -> bool:
    """A short line that credits a picture, not a sentence of the story."""
    return count_words(line, 12) <= 12 and bool(_CREDIT.search(line))


def looks_like_name(line: str) -> bool:
    """2-4 capitalised words (particles allowed), no digits, no sentence punctuation."""
    if count_words(line, 5) > 5:
        return False
    toks = line.strip().split()
    if not 2 <= len(toks) <= 5 or any(ch.isdigit() for ch in line):
        return False
    capitalised = [t for t in toks if t.lower() not in _PARTICLES]
    return 2 <= len(capitalised) <= 4 and all(_NAME_TOKEN.match(t) for t in capitalised)


def byline_name(line: str) -> str | None:
    """The author named by a byline line, or None if the line is not a byline."""
    text = line.strip().rstrip(".")
    match = _BY.match(text)
    if match:
        name = re.split(r"\s*[|,/–—-]\s+|\s+\(", match.group("name"))[0].strip()
        if looks_like_name(name) or (len(name.split()) == 1 and name[:1].isupper()):
            return name
        return None
    if looks_like_name(text):
        return text
    # "Jean Dupont, LE TEMPS", "Anna Weber / SDA": the author, then the outlet
    parts = _OUTLET_AFTER.split(text, maxsplit=1)
    if len(parts) == 2 and looks_like_name(parts[0]) and count_words(parts[1], 4) <= 4:
        return parts[0]
    return None


_OUTLET_AFTER = re.compile(r"\s*[,/|]\s*|\s+[–—-]\s+")


def is_body_line(line: str) -> bool:
    """A line that reads as running text: 8+ words ending like a sentence."""
    return count_words(line, 8) >= 8 and bool(_SENTENCE_END.search(line))


# The longest headlines in the test pairs have 22 words; a "line" far longer than that is
# a body stored on one line (many crawls do), not a headline without its full stop.
MAX_HEADLINE_WORDS = 30
MAX_HEADLINE_CHARS = 300


def is_headline_shape(line: str) -> bool:
    """3-30 words, not ending like a sentence (question and exclamation marks allowed)."""
    words = count_words(line, MAX_HEADLINE_WORDS)
    return (
        3 <= words <= MAX_HEADLINE_WORDS
        and len(line) <= MAX_HEADLINE_CHARS
        and not _SENTENCE_END.search(line)
    )
