"""The bundled places' districts trace back to their look-ups (docs/audit/2026-12-admin-lookups.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_stated_district_is_the_finding_of_its_look_up() -> None:
    places = _rows(ROOT / "data" / "places.csv")
    sources = {s["source_id"]: s for s in _rows(ROOT / "data" / "sources.csv")}
    # A place looked up twice (a second pass, in Arabic) is judged by its latest look-up.
    log = sorted(_rows(ROOT / "docs" / "audit" / "2026-12-admin-lookups.csv"), key=lambda r: r["pass"])
    looked_up = {r["place_id"]: r for r in log}
    stated = [p for p in places if p["admin_status"] in ("stated", "district-stated")]
    assert stated, "the bundled data has stated districts"
    for place in stated:
        finding = looked_up[place["place_id"]]
        assert finding["status"] in ("found-both", "found-district"), place["place_id"]
        assert sources[place["admin_source_id"]]["url"] == finding["url"], place["place_id"]
    # A gap is either looked up (and logged) or above district level; none is left unsearched.
    for place in places:
        if place["admin_status"] == "not-found":
            assert place["place_id"] in looked_up
        assert place["admin_status"] != "not-searched"


def test_every_admin_source_is_cited_by_a_place() -> None:
    places = _rows(ROOT / "data" / "places.csv")
    cited = {p["admin_source_id"] for p in places}
    admin_sources = [
        s["source_id"] for s in _rows(ROOT / "data" / "sources.csv") if s["source_id"].startswith("admin-")
    ]
    assert admin_sources and set(admin_sources) <= cited
