"""Tell site furniture from journalism, one line at a time.

Republished news comes wrapped in the republisher's page: share buttons, "exit mobile
version", comment forms, captchas ("20 + treize ="), cookie and newsletter lines. No
library classifies single lines of *plain text* this way (trafilatura and jusText need the
HTML tree), so this is written here, as a small scored classifier over general features:

* **shape**: captcha arithmetic, a bare URL or e-mail, a line of symbols;
* **vocabulary**: the share of the line's words that are interface words in any of seven
  languages (``vocabulary.py``), and "strong" words such as *cookie* or *newsletter*;
* **length and punctuation**: furniture is short and rarely a full sentence;
* **position**: furniture clusters at the top and bottom of a page;
* **counterpart** (decided later, in ``resolve_with_counterpart``): a short line that has
  no counterpart in the other version of the story is probably the republisher's own.

A line is ``boilerplate``, ``content``, or ``uncertain``; uncertain lines stay content
unless the counterpart test removes them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from storydiff.extract.vocabulary import STOP_WORDS, STRONG_UI_WORDS, UI_WORDS

Label = Literal["content", "boilerplate", "uncertain"]

# Number words up to twenty in en/de/fr/es/it/nl/pt: captchas write operands as words.
_NUMBER_WORD = (
    r"(?:\d{1,3}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|"
    r"vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|"
    r"zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt|"
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|"
    r"zero|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|"
    r"nul|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"
    r"um|dois|três|quatro|cinco|seis|sete|oito|nove|dez)"
)
_CAPTCHA = re.compile(
    rf"^\s*{_NUMBER_WORD}\s*[-+−×x*÷/]\s*{_NUMBER_WORD}\s*=\s*(?:{_NUMBER_WORD}|\?|_+)?\s*$",
    re.IGNORECASE,
)
_URL_OR_MAIL = re.compile(r"^\s*(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+)\s*$", re.I)
_SYMBOLS = re.compile(r"^[\W_\d]+$")
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;»«\"“”„)’']\s*$")
# a line in quotation marks is somebody's words (a quoted subheading: "The revolution is
# back"), never a button or a menu
_QUOTED = re.compile(r"^[\"“„«»‘'][^\"“”„«»‘’']+[\"”“»«’'][.!?…]?$")


@dataclass(frozen=True)
class LineVerdict:
    label: Label
    reason: str


def words(line: str, most: int | None = None) -> list[str]:
    """The line's words, lower-cased; with ``most``, only the first ``most`` of them."""
    if most is None:
        found: list[str] = _WORD.findall(line)
    else:
        found = [m.group() for m in itertools.islice(_WORD.finditer(line), most)]
    return [w.lower().strip("'’-") for w in found]


# Every rule of ``classify_line`` that counts words stops at 40: a line's verdict is the
# same from its first LONG_LINE_WORDS words as from all of them (a 7 MB line's million
# words took 150 MB to classify).
LONG_LINE_WORDS = 64


# "Mis à jour le 4 mars 2023 à 08h15", "Aktualisiert am 4. März 2023, 08:15 Uhr",
# "Updated: March 4, 2023": the page's stamp, not the story's facts.
_STAMP = re.compile(
    r"^(?:(?:zuletzt\s+)?(?:aktualisiert|veröffentlicht|erstellt|geändert)(?:\s+am)?|"
    r"(?:last\s+)?(?:updated|published|modified|posted)(?:\s+on)?|"
    r"(?:mis\s+à\s+jour|publié|modifié)(?:\s+le)?|"
    r"(?:actualizado|publicado|modificado)(?:\s+el)?|"
    r"(?:aggiornato|pubblicato|modificato)(?:\s+il)?|"
    r"(?:bijgewerkt|gepubliceerd)(?:\s+op)?|(?:atualizado|publicado)(?:\s+em)?)"
    r"\s*:?\s*\S*\d",
    re.IGNORECASE,
)
# The line that opens the reader comments under an article: everything after it is the
# readers', not the story's.
_COMMENTS_START = re.compile(
    r"^(?:\d+\s+)?(?:leser)?(?:comments?|kommentare?|commentaires?|réagir|reagieren|"
    r"comentarios?|commenti|commento|reacties|reageer|comentários?|leserbriefe|"
    r"(?:leave|post|write|add)\s+a\s+comment|(?:votre|ihr|tu|il\s+tuo|uw|seu)\s+"
    r"(?:commentaire|kommentar|comentario|commento|reactie|comentário))\b",
    re.IGNORECASE,
)


def opens_comments(line: str, position: int, n_lines: int) -> bool:
    """Does this short line open the reader comments in the second half of a page?"""
    text = line.strip()
    return (
        position >= n_lines // 2 and len(words(text, 9)) <= 8 and bool(_COMMENTS_START.match(text))
    )


def classify_line(line: str, position: int, n_lines: int) -> LineVerdict:
    """Classify one non-empty line of a page, given where it stands among the lines."""
    text = line.strip()
    toks = words(text, LONG_LINE_WORDS)
    if len(toks) <= 16 and _STAMP.match(text):
        return LineVerdict("boilerplate", "publication or update stamp of the page")
    if _CAPTCHA.match(text):
        return LineVerdict("boilerplate", "captcha (arithmetic question of a comment form)")
    if _URL_OR_MAIL.match(text):
        return LineVerdict("boilerplate", "bare link or e-mail address")
    if not toks or _SYMBOLS.match(text):
        return LineVerdict("boilerplate", "no words (symbols or numbers only)")

    content_toks = [t for t in toks if t not in STOP_WORDS] or toks
    ui_share = sum(t in UI_WORDS for t in content_toks) / len(content_toks)
    strong = any(t in STRONG_UI_WORDS for t in toks)
    at_edge = position < 3 or position >= n_lines - 3
    is_sentence = bool(_SENTENCE_END.search(text)) and len(toks) >= 4

    if len(toks) <= 6 and ui_share >= 0.5 and not _QUOTED.match(text):
        return LineVerdict("boilerplate", "interface words (share, comment, navigation ...)")
    if strong and (len(toks) <= 12 or (at_edge and len(toks) <= 40)):
        return LineVerdict("boilerplate", "cookie, newsletter or account notice")
    if len(toks) <= 3 and not is_sentence and at_edge and ui_share > 0:
        return LineVerdict("uncertain", "short line at the edge of the page")
    if len(toks) <= 2 and not is_sentence:
        return LineVerdict("uncertain", "very short line")
    return LineVerdict("content", "")
