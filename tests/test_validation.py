"""The real data is valid, and validation neither crashes nor writes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import ROOT, PackageCopy
from syria_offensive.validation import validate_package


def test_the_bundled_data_is_valid() -> None:
    report = validate_package(ROOT)
    assert report.problems == []
    assert report.valid
    assert report.checked["data/events.csv"] > 0


def test_validation_does_not_modify_what_it_reads(pkg: PackageCopy) -> None:
    pkg.edit("events", 0, event_date="not a date")  # make it invalid, so every layer has work to do

    def digest() -> dict[str, str]:
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(pkg.root).rglob("*"))
            if p.is_file()
        }

    before = digest()
    report = validate_package(pkg.root)
    assert not report.valid
    assert digest() == before
