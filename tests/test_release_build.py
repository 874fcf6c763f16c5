"""The release build: a byte-reproducible data archive with Parquet, load.sql and SHA256SUMS; the registry."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import PackageCopy
from release_support import snapshot
from syria_offensive.access.sql_views import view_files
from syria_offensive.cli import main
from syria_offensive.errors import InvalidDataError, PackageError
from syria_offensive.problems import Report
from syria_offensive.release.build import build_release
from syria_offensive.release.names import folder_name
from syria_offensive.release.registry import REGISTRY_PATH, load_registry, register
from syria_offensive.release.zipwrite import deterministic_zip

VERSION = "2.0.0"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory.mktemp("checkout"), VERSION)


@pytest.fixture(scope="module")
def archive(checkout: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_release(checkout, tmp_path_factory.mktemp("dist"), dists=False, validate=False).archive


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_building_twice_gives_byte_identical_archives(checkout: Path, tmp_path: Path) -> None:
    first = build_release(checkout, tmp_path / "one", dists=False, validate=False)
    second = build_release(checkout, tmp_path / "two", dists=False, validate=False)
    assert first.archive.name == second.archive.name == f"syria-offensive-2024-{VERSION}.zip"
    assert first.archive.read_bytes() == second.archive.read_bytes()
    with zipfile.ZipFile(first.archive) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_archive_holds_the_package_parquet_load_sql_and_checksums(checkout: Path, archive: Path) -> None:
    top = folder_name(VERSION)
    expected = {
        "datapackage.json",
        "README.md",
        "CHANGELOG.md",
        "CITATION.cff",
        "LICENSE",
        "LICENSE-DATA",
        "load.sql",
        "SHA256SUMS",
    }
    for folder in ("data", "schemas", "docs"):
        expected |= {
            p.relative_to(checkout).as_posix() for p in (checkout / folder).rglob("*") if p.is_file()
        }
    resources = [
        r["name"]
        for r in json.loads((checkout / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    ]
    expected |= {f"parquet/{name}.parquet" for name in resources}
    with zipfile.ZipFile(archive) as zf:
        members = {n.removeprefix(f"{top}/"): zf.read(n) for n in zf.namelist()}
    assert set(members) == expected
    for name in expected - {"SHA256SUMS"} - {m for m in expected if m.startswith(("parquet/", "load.sql"))}:
        assert members[name] == (checkout / name).read_bytes(), name
    sums = dict(reversed(line.split("  ", 1)) for line in members["SHA256SUMS"].decode().splitlines())
    assert set(sums) == expected - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(members[name]).hexdigest() == digest, name


def test_parquet_and_duckdb_hold_the_csv_rows(checkout: Path, archive: Path, tmp_path: Path) -> None:
    top = folder_name(VERSION)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    unpacked = tmp_path / top
    events = csv_rows(checkout / "data" / "events.csv")
    con = duckdb.connect(":memory:")
    parquet = str(unpacked / "parquet" / "events.parquet")
    ids = [r[0] for r in con.execute(f"SELECT event_id FROM read_parquet('{parquet}')").fetchall()]
    assert ids == sorted(r["event_id"] for r in events)
    types = dict(
        con.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE FROM read_parquet('{parquet}'))"
        ).fetchall()
    )
    assert types["event_date"] == "DATE" and types["event_id"] == "VARCHAR"
    # load.sql, run inside the unpacked folder, builds the same tables as a DuckDB database
    con.execute(f"SET file_search_path = '{unpacked}'")
    con.execute((unpacked / "load.sql").read_text(encoding="utf-8"))
    for path in sorted((checkout / "data").glob("*.csv")):
        count = con.execute(f'SELECT count(*) FROM "{path.stem}"').fetchone()
        assert count is not None and count[0] == len(csv_rows(path)), path.name


def test_the_duckdb_release_file_has_every_table(checkout: Path, tmp_path: Path) -> None:
    built = build_release(checkout, tmp_path, dists=False, validate=False)
    con = duckdb.connect(str(built.duckdb), read_only=True)
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        ).fetchall()
    }
    assert tables == {p.stem for p in (checkout / "data").glob("*.csv")}
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert views == {v.name for v in view_files()}
    kinds = {r[0] for r in con.execute("SELECT constraint_type FROM duckdb_constraints()").fetchall()}
    assert {"PRIMARY KEY", "FOREIGN KEY"} <= kinds
    row = con.execute("SELECT count(*) FROM events").fetchone()
    assert row is not None and row[0] == len(csv_rows(checkout / "data" / "events.csv"))
    listed = (tmp_path / f"syria-offensive-2024-{VERSION}.sha256").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("  ")[1] for line in listed) == sorted([built.archive.name, built.duckdb.name])


def test_invalid_data_is_not_released(tmp_path: Path) -> None:
    copy = PackageCopy(snapshot(tmp_path / "checkout", VERSION))
    copy.edit("events", copy.find("events"), date_precision="high")  # re-records the hashes
    with pytest.raises(InvalidDataError, match=f"no release built for {VERSION}") as caught:
        build_release(copy.root, tmp_path / "dist", dists=False)
    report = caught.value.report
    assert isinstance(report, Report)
    assert ("data/events.csv", "date_precision", "type") in {
        (p.file, p.column, p.rule) for p in report.problems
    }
    assert not (tmp_path / "dist").exists()


def test_version_must_agree_with_citation_and_changelog(tmp_path: Path) -> None:
    root = snapshot(tmp_path / "checkout", VERSION)
    citation = root / "CITATION.cff"
    citation.write_text(
        citation.read_text(encoding="utf-8").replace(f'"{VERSION}"', '"1.0.0"'), encoding="utf-8"
    )
    with pytest.raises(PackageError, match=f"CITATION.cff has version 1.0.0; datapackage.json has {VERSION}"):
        build_release(root, tmp_path / "dist", dists=False, validate=False)
    citation.write_text(
        citation.read_text(encoding="utf-8").replace('"1.0.0"', f'"{VERSION}"'), encoding="utf-8"
    )
    changelog = root / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8").replace(f"## [{VERSION}]", "## [next]"), encoding="utf-8"
    )
    with pytest.raises(PackageError, match=rf"CHANGELOG.md has no '## \[{VERSION}\]' section"):
        build_release(root, tmp_path / "dist", dists=False, validate=False)


def test_build_and_register_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = snapshot(tmp_path / "checkout", VERSION)
    registry = tmp_path / "registry.json"
    monkeypatch.setenv("SYRIA_OFFENSIVE_REGISTRY", str(registry))
    registry.write_text("{}", encoding="utf-8")
    out = tmp_path / "dist"
    build = ["build", "--root", str(checkout), "--output", str(out), "--no-dist"]
    assert main(build) == 0
    archive = out / f"syria-offensive-2024-{VERSION}.zip"
    printed = capsys.readouterr().out
    assert f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {archive}" in printed
    assert f"next: syria-offensive release register {archive}" in printed
    registry.write_text(
        '{"0.1.0": {"file": "syria-offensive-2024-0.1.0.zip", "sha256": "%s", "size": 3}}' % ("a" * 64)
    )
    assert main(["release", "register", str(archive), "--registry", str(registry)]) == 0
    entry = {
        "file": archive.name,
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
        "size": archive.stat().st_size,
    }
    recorded = json.loads(registry.read_text(encoding="utf-8"))
    assert list(recorded) == ["0.1.0", VERSION] and recorded[VERSION] == entry
    assert (
        main(["release", "register", str(archive), "--registry", str(registry)]) == 0
    )  # same bytes: no change
    # building the registered version again gives the registered bytes, and says so
    capsys.readouterr()
    assert main(build) == 0
    assert f"byte-identical to the registered release {VERSION}" in capsys.readouterr().out
    # a released version never changes: another archive under the same version is refused
    other = tmp_path / "other" / archive.name
    other.parent.mkdir()
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(other, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info) + (b"\n" if info.filename.endswith("README.md") else b""))
    capsys.readouterr()
    assert main(["release", "register", str(other), "--registry", str(registry)]) == 2
    assert "already registered" in capsys.readouterr().err
    assert json.loads(registry.read_text(encoding="utf-8"))[VERSION] == entry
    # a rebuild that does not give the registered bytes fails
    (checkout / "README.md").write_text(
        (checkout / "README.md").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert main(build) == 1
    assert (
        f"version {VERSION} is registered with sha256 {entry['sha256']}, but this build gives"
        in capsys.readouterr().out
    )


def test_register_refuses_an_archive_whose_names_disagree(archive: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "syria-offensive-2024-9.9.9.zip"
    renamed.write_bytes(archive.read_bytes())
    with pytest.raises(PackageError, match=f"says version {VERSION}"):
        register(renamed, tmp_path / "registry.json")
    assert not (tmp_path / "registry.json").exists()


def test_shipped_registry_is_well_formed() -> None:
    releases = load_registry(REGISTRY_PATH)
    raw = json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))
    assert sorted(releases) == sorted(raw)
    for version, release in releases.items():
        assert release.file == f"syria-offensive-2024-{version}.zip"


def test_zip_writer_is_independent_of_input_order() -> None:
    a = deterministic_zip({"b.txt": b"2", "a.txt": b"1"})
    b = deterministic_zip({"a.txt": b"1", "b.txt": b"2"})
    assert a == b
    assert zipfile.ZipFile(io.BytesIO(a)).namelist() == ["a.txt", "b.txt"]
