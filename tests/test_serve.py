"""syria-offensive serve: the SQLite file, its keys, the materialised views and the metadata (--build-only),
and a served Datasette that stops with it."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from pathlib import Path

import pytest

from conftest import PackageCopy
from support.serve_process import running_serve
from syria_offensive.access.sql_views import view_files
from syria_offensive.cli import main
from syria_offensive.metadata.descriptor import TABLES
from syria_offensive.site import DB_FILE, METADATA_FILE


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    assert main(["serve", "--build-only", str(folder)]) == 0
    return folder


def _db(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{folder / DB_FILE}?mode=ro", uri=True)


def test_every_table_and_view_is_in_the_database(built: Path) -> None:
    import syria_offensive as so

    with _db(built) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(TABLES) | {v.name for v in view_files()} <= names
        for table in (*TABLES, "events_enriched", "territory_changes"):
            expected = int(so.query(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0])
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected, table


def test_keys_types_and_values_survive(built: Path) -> None:
    with _db(built) as db:
        pk = [r[1] for r in db.execute("PRAGMA table_info(events)") if r[5]]
        assert pk == ["event_id"]
        fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(events)")}
        assert ("places", "place_id") in fks
        day, targeting = db.execute(
            "SELECT event_date, civilian_targeting FROM events ORDER BY event_id LIMIT 1"
        ).fetchone()
        assert day == "2024-11-27" and targeting in (0, 1)
        aliases = db.execute("SELECT aliases FROM actors WHERE aliases IS NOT NULL LIMIT 1").fetchone()[0]
        assert isinstance(json.loads(aliases), list)


def test_metadata_describes_tables_columns_licence_facets_and_queries(built: Path) -> None:
    meta = json.loads((built / METADATA_FILE).read_text(encoding="utf-8"))
    schema = json.loads((Path(__file__).parents[1] / "schemas" / "events.json").read_text(encoding="utf-8"))
    db = meta["databases"]["syria_offensive"]
    events = db["tables"]["events"]
    assert events["columns"]["event_id"] == schema["fields"][0]["description"]
    assert events["facets"] == ["event_type", "event_date"]
    assert db["tables"]["events_enriched"]["facets"] == ["event_type", "event_date", "admin1"]
    assert "claimant" in db["tables"]["claim_series"]["facets"]
    assert db["tables"]["claim_series"]["description"].startswith("claim_series:")
    assert meta["license"] and meta["license_url"].startswith("https://creativecommons.org/")
    assert {"series_points", "city_changes", "view_territory_changes"} <= set(db["queries"])
    cluster = meta["plugins"]["datasette-cluster-map"]
    assert cluster["tile_layer"].startswith("/"), "the map must fetch no tiles from outside"


def test_canned_queries_run_on_the_database(built: Path) -> None:
    meta = json.loads((built / METADATA_FILE).read_text(encoding="utf-8"))
    params = {"series_id": "sohr-killed-all", "admin1": "Hama", "claimant": "sohr"}
    with _db(built) as db:
        for name, query in meta["databases"]["syria_offensive"]["queries"].items():
            rows = db.execute(query["sql"], params).fetchall()
            assert rows, name


def test_build_is_repeatable(built: Path, tmp_path: Path) -> None:
    assert main(["serve", "--build-only", str(tmp_path)]) == 0
    assert (tmp_path / METADATA_FILE).read_bytes() == (built / METADATA_FILE).read_bytes()
    with _db(tmp_path) as a, _db(built) as b:
        assert list(a.iterdump()) == list(b.iterdump())


def test_invalid_data_builds_nothing(pkg: PackageCopy, tmp_path: Path) -> None:
    i = pkg.find("figures", lambda r: r["figure_id"] == "FG-12017")
    pkg.edit("figures", i, value_low="20000")
    assert main(["serve", str(pkg.root), "--build-only", str(tmp_path / "site")]) == 1
    assert not (tmp_path / "site" / DB_FILE).exists()


def test_serving_without_the_extra_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import syria_offensive.site as site

    monkeypatch.setattr(site, "missing_requirements", lambda: ["datasette"])
    assert main(["serve", "--port", "0"]) == 2
    assert "look" in capsys.readouterr().err


def test_stopping_serve_stops_datasette_too(tmp_path: Path) -> None:
    """SIGTERM to `syria-offensive serve` (a kill, a test's teardown) takes its Datasette child down with
    it: the port stops answering and the temporary folder is removed."""
    pytest.importorskip("datasette")
    log = tmp_path / "serve.log"
    with running_serve(log) as running:
        running.proc.terminate()
        assert running.proc.wait(timeout=20) == 143
    port = running.port
    served = log.read_text(encoding="utf-8").split("serving ", 1)[1].split(" read-only")[0]
    assert not Path(served).exists(), "the temporary database is removed"
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
        except OSError:
            break  # nothing listens any more
        assert time.monotonic() < deadline, "Datasette still answers after serve was stopped"
        time.sleep(0.3)
