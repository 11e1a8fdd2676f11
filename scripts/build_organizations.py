"""Build storydiff's organisation list: src/storydiff/facts/data/organizations.json.gz.

    pip install pytickersymbols && python scripts/build_organizations.py

Source: pytickersymbols, the constituents of 20 stock indices (DAX, CAC 40, FTSE 100,
S&P 500, NASDAQ 100, IBEX 35, EURO STOXX 50, Nikkei 225 ...), taken from Wikipedia.
News names companies without any marker ("Siemens said", "Airbus a livré"), and German
capitalises every noun, so a list is the only offline way to know such names. Each
company is kept under its everyday short name, legal form removed ("Tesla, Inc." ->
"Tesla", "Volkswagen Group" -> "Volkswagen"). Short names that are everyday words in
English, German or French ("Next", "Target", "Ball") are left out; they would turn
ordinary words into companies.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from storydiff.extract.vocabulary import STOP_WORDS, UI_WORDS
from storydiff.facts.base import fold

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "storydiff"
    / "facts"
    / "data"
    / "organizations.json.gz"
)
LEGAL = re.compile(
    r"[,.]?\s+(?:inc\.?|incorporated|corp\.?|corporation|co\.?|company|plc|p\.l\.c\.|ltd\.?"
    r"|limited|ag|se|sa|s\.a\.|nv|n\.v\.|spa|s\.p\.a\.|group|holdings?|& co\.? kgaa|kgaa"
    r"|gmbh|ab|asa|oyj|the|class [a-c]|reit|trust|bancorp|international|platforms)$",
    re.IGNORECASE,
)
# Everyday words that are also the short names of listed companies.
COMMON_WORDS = {
    "next",
    "target",
    "ball",
    "gap",
    "visa",
    "block",
    "match",
    "snap",
    "live",
    "public",
    "equity",
    "discover",
    "progressive",
    "carnival",
    "unity",
    "focus",
    "compass",
    "sage",
    "booking",
    "general",
    "united",
    "american",
    "first",
    "national",
    "global",
    "bank",
    "energy",
    "health",
    "capital",
    "international",
    "technologies",
    "systems",
    "news",
    "post",
    "mobile",
    "kering",
    "home",
    "best",
    "regions",
    "fortune",
    "realty",
    "entergy",
    "ross",
    "dollar",
    "tapestry",
    "corning",
    "linde",
    "merck",
    "dover",
    "textron",
    "ford",
    "stryker",
    "baker",
    "kellogg",
    "mosaic",
    "nucor",
    "pool",
    "ralph",
    "service",
}


def short_name(name: str) -> str:
    previous = None
    name = name.strip()
    while previous != name:
        previous = name
        name = LEGAL.sub("", name).strip(" ,.")
    return name


def main() -> None:
    from pytickersymbols import PyTickerSymbols

    names: dict[str, str] = {}
    for stock in PyTickerSymbols().get_all_stocks():
        full = stock["name"]
        short = short_name(full).rstrip(" &")
        for candidate in {full, short}:
            key = fold(candidate)
            if (
                len(key) < 3
                or key in COMMON_WORDS
                or key in STOP_WORDS
                or key in UI_WORDS
                or key.isdigit()
            ):
                continue
            names.setdefault(key, short)
    payload = {
        "about": "built by scripts/build_organizations.py from pytickersymbols (Wikipedia)",
        "names": dict(sorted(names.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(names)} organisation names -> {OUT} ({OUT.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
