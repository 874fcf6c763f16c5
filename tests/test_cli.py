"""The command line: exit codes 0/1/2, text and JSON reports, no tracebacks."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, PackageCopy
from syria_offensive.cli import main


def test_validate_clean_data_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("VALID")


def test_validate_invalid_data_exits_1_with_a_located_message(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    index = pkg.find("events")
    pkg.edit("events", index, date_precision="high")
    assert main(["validate", str(pkg.root)]) == 1
    out = capsys.readouterr().out
    assert f"data/events.csv:{index + 2} [date_precision] structure/type: value='high'" in out


def test_validate_json(pkg: PackageCopy, capsys: pytest.CaptureFixture[str]) -> None:
    index = pkg.find("events")
    pkg.edit("events", index, place_id="atlantis")
    assert main(["validate", str(pkg.root), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["problems"] == [
        {
            "file": "data/events.csv",
            "row": index + 2,
            "column": "place_id",
            "rule": "foreign-key",
            "value": "atlantis",
            "message": "no row of places.place_id has this value",
            "layer": "structure",
        }
    ]


def test_unreadable_input_exits_2_without_traceback(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_format_check_and_write(pkg: PackageCopy, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = pkg.read("events")
    pkg.write("events", header, list(reversed(rows)))
    assert main(["format", str(pkg.root)]) == 1
    assert pkg.read("events")[1] == list(reversed(rows))  # --check never writes
    assert main(["format", str(pkg.root), "--write"]) == 0
    assert pkg.read("events")[1] == rows
    assert main(["format", str(pkg.root)]) == 0


def test_hashes_check_and_write(pkg: PackageCopy) -> None:
    path = pkg.path("events")
    path.write_bytes(path.read_bytes() + b"")
    assert main(["hashes", str(pkg.root)]) == 0
    header, rows = pkg.read("events")
    pkg.write("events", header, rows[:-1], rehash=False)
    assert main(["hashes", str(pkg.root)]) == 1
    assert main(["hashes", str(pkg.root), "--write"]) == 0
    assert main(["hashes", str(pkg.root)]) == 0


def test_dictionary_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dictionary", str(ROOT), "--check"]) == 0


def test_stats_prints_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "events per day (minimum over the window)" in out
    assert "2024-11-27" in out and "2024-12-08" in out


def test_building_the_parser_loads_no_data_library() -> None:
    """Every command (and --help) builds the whole parser first: configure() must stay import-free."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom syria_offensive.cli import build_parser\nbuild_parser()\n"
        "print(sorted(m for m in ('duckdb', 'pandas', 'polars', 'pyarrow', 'pandera') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
