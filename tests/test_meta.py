"""Promises of the repository itself: one version, LF endings, citation and changelog in step."""

from __future__ import annotations

import json
import re

from conftest import ROOT
from syria_offensive.metadata.gazetteer import EXTRACT, syrian_records


def test_one_version_everywhere() -> None:
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_curated_files_use_lf() -> None:
    for path in [
        *(ROOT / "data").glob("*.csv"),
        *(ROOT / "schemas").glob("*.json"),
        ROOT / "datapackage.json",
    ]:
        assert b"\r\n" not in path.read_bytes(), path


def test_gazetteer_extract_loads() -> None:
    records = syrian_records()
    assert EXTRACT.is_file() and len(records) > 250
    name, lat, lon = records[170063]
    assert name == "Aleppo" and abs(lat - 36.2) < 0.1 and abs(lon - 37.16) < 0.1
