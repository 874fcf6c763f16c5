"""Fixtures: a fresh copy of the real data package for each test, and helpers to break it."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from syria_offensive.maintain.package_hashes import write_hashes
from syria_offensive.metadata.descriptor import load_package
from syria_offensive.problems import Report

ROOT = Path(__file__).resolve().parents[1]


class PackageCopy:
    """A copy of the real package that tests edit; hashes are re-recorded after each edit unless asked not to."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, table: str) -> Path:
        return self.root / "data" / f"{table}.csv"

    def read(self, table: str) -> tuple[list[str], list[dict[str, str]]]:
        with self.path(table).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            return list(reader.fieldnames or []), list(reader)

    def write(
        self, table: str, header: list[str], rows: list[dict[str, str]], *, rehash: bool = True
    ) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.path(table).write_text(out.getvalue(), encoding="utf-8")
        if rehash:
            self.rehash()

    def rehash(self) -> None:
        write_hashes(load_package(self.root))

    def find(self, table: str, where: Callable[[dict[str, str]], bool] = lambda r: True) -> int:
        """Index of the first row satisfying `where` (its row number is index + 2)."""
        _, rows = self.read(table)
        for i, row in enumerate(rows):
            if where(row):
                return i
        raise AssertionError(f"the real data has no {table} row the test needs")

    def edit(self, table: str, index: int, **values: str) -> dict[str, str]:
        header, rows = self.read(table)
        rows[index].update(values)
        self.write(table, header, rows)
        return rows[index]

    def value(self, table: str, index: int, column: str) -> str:
        return self.read(table)[1][index][column]


@pytest.fixture
def pkg(tmp_path: Path) -> PackageCopy:
    dest = tmp_path / "pkg"
    dest.mkdir()
    shutil.copy2(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    return PackageCopy(dest)


def found(report: Report) -> set[tuple[str, int | None, str | None, str]]:
    return {(p.file, p.row, p.column, p.rule) for p in report.problems}


@pytest.fixture
def downloads_from_pkg(pkg: PackageCopy, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Replace download() with one that serves the `pkg` copy; returns the versions it was asked for."""
    import syria_offensive.release.download as download_module

    asked: list[str | None] = []

    def fake_download(version: str | None = None, **_: object) -> Path:
        asked.append(version)
        return pkg.root

    monkeypatch.setattr(download_module, "download", fake_download)
    return asked
