"""syria-offensive figures: every figure written, byte-reproducible, and drawn from the data it names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PackageCopy
from syria_offensive.cli import main
from syria_offensive.figures import FIGURES, missing_requirements

needs_look = pytest.mark.skipif(bool(missing_requirements()), reason="the `look` extra is not installed")
FILES = sorted(f"{n}.{ext}" for n in FIGURES for ext in ("png", "svg"))
MIN_BYTES = {"png": 20_000, "svg": 40_000}


def _write(out: Path, package: Path | None = None) -> dict[str, bytes]:
    from syria_offensive.figures import write_figures

    written = write_figures(out, package)
    return {p.name: p.read_bytes() for p in written}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _write(tmp_path_factory.mktemp("figures"))


@needs_look
def test_every_figure_is_written_with_some_content(bundled: dict[str, bytes]) -> None:
    assert sorted(bundled) == FILES
    for name, data in bundled.items():
        ext = name.rsplit(".", 1)[1]
        assert len(data) > MIN_BYTES[ext], name
        assert data.startswith(b"\x89PNG") if ext == "png" else b"<svg" in data[:2000]


@needs_look
def test_files_carry_no_date_or_software_version(bundled: dict[str, bytes]) -> None:
    for name in FILES:
        data = bundled[name]
        if name.endswith(".svg"):
            assert b"<dc:date>" not in data and b"Matplotlib v" not in data, name
        else:
            assert b"Software" not in data, name


@needs_look
def test_every_figure_has_a_title_caption_and_source_note() -> None:
    from syria_offensive.figures import figure_module
    from syria_offensive.figures.style import source_note

    for name in FIGURES:
        module = figure_module(name)
        assert name == module.NAME and module.TITLE and module.CAPTION and module.TABLES
    note = source_note("9.9.9", figure_module("displacement").TABLES)
    assert note.startswith("Source: syria-offensive-2024 data v9.9.9 (figures, actors)")


@needs_look
def test_two_runs_give_the_same_bytes(bundled: dict[str, bytes], tmp_path: Path) -> None:
    assert main(["figures", "--output", str(tmp_path)]) == 0
    again = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(again) == FILES
    changed = [n for n in FILES if again[n] != bundled[n]]
    assert not changed


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name.rsplit(".", 1)[0] for name in FILES if before[name] != after[name]}


@needs_look
def test_a_displacement_figure_changes_only_the_displacement_chart(
    bundled: dict[str, bytes], pkg: PackageCopy, tmp_path: Path
) -> None:
    i = pkg.find("figures", lambda r: r["figure_id"] == "FG-12017")
    assert pkg.value("figures", i, "measure") == "displaced"
    pkg.edit("figures", i, value_best="19000")
    assert _changed(bundled, _write(tmp_path, pkg.root)) == {"displacement"}


@needs_look
def test_an_event_type_changes_the_daily_chart_and_the_event_map(
    bundled: dict[str, bytes], pkg: PackageCopy, tmp_path: Path
) -> None:
    i = pkg.find("events", lambda r: r["event_id"] == "EV-20241127-008")
    pkg.edit(
        "events",
        i,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
    )
    assert _changed(bundled, _write(tmp_path, pkg.root)) == {"events_per_day", "event_map"}


@needs_look
def test_an_actors_side_changes_the_control_map(
    bundled: dict[str, bytes], pkg: PackageCopy, tmp_path: Path
) -> None:
    i = pkg.find("actors", lambda r: r["actor_id"] == "hts")
    assert pkg.value("actors", i, "side") == "opposition"
    pkg.edit("actors", i, side="unaligned")
    assert _changed(bundled, _write(tmp_path, pkg.root)) == {"control_map"}


@needs_look
def test_check_reports_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["figures", "--output", str(tmp_path), "--only", "events_per_day", "--format", "png"]
    assert main(args) == 0
    assert main([*args, "--check"]) == 0
    (tmp_path / "events_per_day.png").write_bytes(b"stale")
    assert main([*args, "--check"]) == 1
    assert "out of date" in capsys.readouterr().out


@needs_look
def test_invalid_data_is_refused(
    pkg: PackageCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    i = pkg.find("figures", lambda r: r["figure_id"] == "FG-12017")
    pkg.edit("figures", i, value_low="20000")  # low above best
    assert main(["figures", str(pkg.root), "--output", str(tmp_path / "out")]) == 1
    assert "breaks rules" in capsys.readouterr().err


def test_missing_extra_gives_a_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import syria_offensive.figures as figures

    monkeypatch.setattr(figures, "missing_requirements", lambda: ["matplotlib"])
    assert main(["figures", "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "look" in err and "matplotlib" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_help_imports_no_plotting_library() -> None:
    code = (
        "import sys\nfrom syria_offensive.cli import build_parser\nbuild_parser()\n"
        "print(sorted(m for m in ('matplotlib', 'datasette', 'shapefile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_governorate_layer_is_natural_earths_with_a_source_row() -> None:
    """Fourteen governorates, each joinable to governorates.csv by its ISO code, plus the UNDOF zone;
    its source row is in sources.csv and the maps' captions name it."""
    import csv
    import json

    from syria_offensive.figures.boundaries import (
        GOVERNORATE_LAYER,
        GOVERNORATE_SOURCE_ID,
        LAYER_NOTE,
        governorates,
    )
    from syria_offensive.metadata.paths import bundled_package_dir

    root = bundled_package_dir()
    with (root / "data" / "governorates.csv").open(encoding="utf-8") as fh:
        codes = {r["iso_3166_2"] for r in csv.DictReader(fh)}
    layer = governorates()
    assert {g.iso_3166_2 for g in layer} == codes | {None}
    assert all(g.rings and all(len(r) >= 4 for r in g.rings) for g in layer)
    features = json.loads(GOVERNORATE_LAYER.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["featurecla"] for f in features} <= {"Admin-1 scale rank", "Admin-1 aggregation"}
    with (root / "data" / "sources.csv").open(encoding="utf-8") as fh:
        source = next(r for r in csv.DictReader(fh) if r["source_id"] == GOVERNORATE_SOURCE_ID)
    assert source["original_publisher"] == "Natural Earth" and source["source_type"] == "gazetteer"
    assert GOVERNORATE_SOURCE_ID in LAYER_NOTE
    aleppo = next(g for g in layer if g.iso_3166_2 == "SY-HL")
    xs = [x for r in aleppo.rings for x, _ in r]
    ys = [y for r in aleppo.rings for _, y in r]
    assert min(xs) < 37.2 < max(xs) and min(ys) < 36.2 < max(ys), "Aleppo city lies inside its governorate"


@needs_look
def test_a_governorates_events_change_the_event_map_tint(tmp_path: Path) -> None:
    """The tint is drawn from the events per governorate: moving events into another governorate's
    place changes the event map."""
    import matplotlib

    from syria_offensive.figures.boundaries import outlines
    from syria_offensive.figures.event_map import shade_governorates

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    layer = outlines()
    colours = []
    for counts in ({"SY-HL": 10, "SY-ID": 1}, {"SY-HL": 1, "SY-ID": 10}):
        fig, ax = plt.subplots()
        shade_governorates(ax, layer, counts)
        colours.append([tuple(p.get_facecolor()) for p in ax.patches])
        plt.close(fig)
    assert colours[0] != colours[1]
