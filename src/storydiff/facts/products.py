"""Products named like companies ("its drug CagriSema", "75 A320neo jets", "der
ChatGPT-Hersteller"): a name that a sentence counts, or calls a product or its maker's
product, is no organisation."""

from __future__ import annotations

import re

from storydiff.facts.organizations import known_organization

# Nouns for products named like companies: the name before or after them is the product's
# ("its obesity drug CagriSema", "75 A320neo jets", "das Abnehmmittel CagriSema").
_PRODUCT_NOUNS = re.compile(
    r"(?:drugs?|medicines?|vaccines?|pills?|jets?|aircraft|planes?|airliners?|cars?|models?"
    r"|phones?|smartphones?|chips?|trains?|chatbots?|apps?|[\wäöüß]*mittel|medikament|impfstoff"
    r"|flugzeuge?|médicament|vaccin|avions?|fármaco|medicamento|vacuna|aviones?|farmaco"
    r"|vaccino|aerei|aereo)",
    re.IGNORECASE,
)


# ... and words for who makes it: "der ChatGPT-Hersteller", "ChatGPT maker OpenAI", "le
# créateur de ChatGPT" name the maker by its product.
_MAKERS = re.compile(r"(?:maker|makers|developer|creator|hersteller|entwickler|erfinder)$", re.I)
_MAKER_BEFORE = {"créateur", "créatrice", "creador", "creatore", "fabricant", "développeur"}


def _product(word: str, prev: str, after: str, before: str = "") -> bool:
    following = next(iter(after.split(maxsplit=1)), "").strip(",.;:")  # "" at the end
    return (
        any(ch.isdigit() for ch in word)  # a model's number: "A320neo", "iPhone16"
        or bool(_PRODUCT_NOUNS.fullmatch(prev.strip(",.;:")))
        or bool(following and _PRODUCT_NOUNS.fullmatch(following))
        or bool(following and _MAKERS.fullmatch(following))
        # "46,000 Cybertrucks": a product counted, unless a listed maker ("200 Airbus")
        or (bool(re.fullmatch(r"[\d.,]+", prev)) and not known_organization(word))
        or (prev.lower() in {"de", "du", "del", "di"} and before.lower() in _MAKER_BEFORE)
    )
