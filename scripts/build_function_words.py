"""Build storydiff's function-word lists: src/storydiff/facts/data/function_words.json.gz.

    pip install stopwordsiso && python scripts/build_function_words.py

Source: stopwordsiso (the stopwords-iso collection: per-language lists of function words
-- articles, prepositions, pronouns, auxiliary and modal verbs, conjunctions -- merged
from many published stop-word lists). At a sentence start every word is capitalised, so
"Para que vean", "En Quebec", "Kann der PSG", "Vous tirez", "Andere Beamte" look like names
to the name patterns; the fact extractor uses these lists to tell a capitalised function
word opening a sentence from a name (see ``storydiff.facts.sentence_start``). Only
alphabetic words of two letters or more are kept, and not a contraction written without
its apostrophe where the list has the contraction too ("shell" beside "she'll", "well"
beside "we'll"): those are words and names of their own ("Shell reported a profit").
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storydiff/facts/data/function_words.json.gz"
# the languages storydiff reads names in (Latin script, capitals for names)
LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pt")


def main() -> None:
    import stopwordsiso

    out = {}
    for lang in LANGUAGES:
        words = stopwordsiso.stopwords(lang)
        contractions = {w.replace("'", "").replace("’", "") for w in words if "'" in w or "’" in w}
        out[lang] = sorted(
            w for w in words if len(w) >= 2 and w.isalpha() and w not in contractions
        )
    for lang, words in out.items():
        print(f"{lang}: {len(words)} words", file=sys.stderr)
    OUT.write_bytes(gzip.compress(json.dumps(out, ensure_ascii=False).encode(), mtime=0))
    print(OUT)


if __name__ == "__main__":
    main()
