"""At a small size, the synthetic package's planted violations are found exactly: right row, right rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.synthetic import make_package
from syria_offensive.validation import validate_package


@pytest.mark.parametrize("n_events", [1_000, 20_000])
def test_every_planted_violation_is_found_and_nothing_else(tmp_path: Path, n_events: int) -> None:
    planted = make_package(tmp_path, n_events, copies=2)
    rules = {p.rule for p in planted}
    assert len(rules) >= 30  # every rule the generator knows how to break
    report = validate_package(tmp_path)
    got = {(p.file, p.row, p.column or "", p.rule) for p in report.problems}
    assert got == {(p.file, p.row, p.column, p.rule) for p in planted}


def test_unplanted_package_is_valid(tmp_path: Path) -> None:
    assert make_package(tmp_path, 2_000, plant=False) == []
    assert validate_package(tmp_path).problems == []
