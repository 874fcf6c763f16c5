"""syria-offensive diff: rows added, removed and changed per table, by primary key; text and JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import PackageCopy
from release_support import LocalServer, registry_entry, snapshot
from syria_offensive.cli import main
from syria_offensive.errors import PackageError
from syria_offensive.release.build import build_release
from syria_offensive.release.diff import diff

NEW_ID = "EV-20991231-999"


def edited_copy(old: PackageCopy, dest: Path) -> tuple[PackageCopy, dict[str, object]]:
    """A copy of `old` with one event removed, one changed and one added; returns what was done."""
    shutil.copytree(old.root, dest)
    new = PackageCopy(dest)
    header, rows = new.read("events")
    removed, changed, template = rows[0], rows[1], rows[2]
    old_summary = changed["summary"]
    changed["summary"] = "A corrected summary."
    added = {**template, "event_id": NEW_ID}
    new.write("events", header, [*rows[1:], added])
    return new, {
        "removed": removed["event_id"],
        "changed": changed["event_id"],
        "old_summary": old_summary,
        "others": [t for t in ("actors", "sources", "figures") if (old.root / "data" / f"{t}.csv").is_file()],
    }


def test_rows_added_removed_and_changed_by_primary_key(pkg: PackageCopy, tmp_path: Path) -> None:
    new, done = edited_copy(pkg, tmp_path / "new")
    result = diff(str(pkg.root), str(new.root))
    tables = {t.table: t for t in result.tables}
    events = tables["events"]
    assert events.status == "changed" and events.key == ("event_id",)
    assert events.added == [{"event_id": NEW_ID}]
    assert events.removed == [{"event_id": done["removed"]}]
    assert [(c.key, c.columns) for c in events.changed] == [
        ({"event_id": done["changed"]}, {"summary": (done["old_summary"], "A corrected summary.")})
    ]
    assert events.old_rows == events.new_rows == len(pkg.read("events")[1])
    for name in done["others"]:  # type: ignore[attr-defined]
        assert tables[name].status == "unchanged", name
    assert result.changed


def test_text_output(pkg: PackageCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new, done = edited_copy(pkg, tmp_path / "new")
    assert main(["diff", str(pkg.root), str(new.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    n = len(pkg.read("events")[1])
    assert f"events (key event_id): 1 added, 1 removed, 1 changed; {n} -> {n} rows" in out
    assert (
        f"  + {NEW_ID}" in out
        and f"  - {done['removed']}" in out
        and f"  ~ {done['changed']}: summary" in out
    )
    assert out[-1] == "rows: 1 added, 1 removed, 1 changed"


def test_json_output(pkg: PackageCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new, done = edited_copy(pkg, tmp_path / "new")
    assert main(["diff", str(pkg.root / "datapackage.json"), str(new.root), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["old"]["descriptor"] == str(pkg.root / "datapackage.json")
    events = next(t for t in report["tables"] if t["table"] == "events")
    assert events["added"] == [{"event_id": NEW_ID}]
    assert events["removed"] == [{"event_id": done["removed"]}]
    assert events["changed"] == [
        {
            "key": {"event_id": done["changed"]},
            "columns": {"summary": {"old": done["old_summary"], "new": "A corrected summary."}},
        }
    ]


def test_identical_versions_have_no_change(pkg: PackageCopy) -> None:
    result = diff(str(pkg.root), str(pkg.root))
    assert not result.changed
    assert {t.status for t in result.tables} == {"unchanged"}
    assert result.to_text().splitlines()[-1] == "rows: 0 added, 0 removed, 0 changed"


def test_a_removed_column_and_a_typed_comparison(pkg: PackageCopy, tmp_path: Path) -> None:
    new = PackageCopy(tmp_path / "new")
    shutil.copytree(pkg.root, new.root)
    header, rows = new.read("events")
    schema_path = new.root / "schemas" / "events.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "civilian_targeting"]
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    # the same numbers written differently are the same values
    figures_header, figures = new.read("figures")
    target = next(i for i, r in enumerate(figures) if r["value_best"].isdigit())
    figures[target]["value_best"] = "0" + figures[target]["value_best"]  # 012 is the integer 12
    new.write("figures", figures_header, figures, rehash=False)
    new.write(
        "events",
        [h for h in header if h != "civilian_targeting"],
        [{k: v for k, v in r.items() if k != "civilian_targeting"} for r in rows],
    )
    tables = {t.table: t for t in diff(str(pkg.root), str(new.root)).tables}
    assert tables["events"].columns_removed == ["civilian_targeting"]
    assert tables["events"].changed == [] and tables["events"].added == [] and tables["events"].removed == []
    assert tables["figures"].status == "unchanged"


def test_released_versions_are_fetched_by_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = snapshot(tmp_path / "checkout", "3.0.0")
    archive = build_release(root, tmp_path / "dist", dists=False, validate=False).archive
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps(registry_entry(archive, "3.0.0")), encoding="utf-8")
    monkeypatch.setenv("SYRIA_OFFENSIVE_REGISTRY", str(registry))
    monkeypatch.setenv("SYRIA_OFFENSIVE_CACHE", str(tmp_path / "cache"))
    new, done = edited_copy(PackageCopy(root), tmp_path / "new")
    server = LocalServer(archive.parent)
    try:
        assert main(["diff", "3.0.0", str(new.root), "--base-url", server.url(), "--format", "json"]) == 0
    finally:
        server.stop()
    report = json.loads(capsys.readouterr().out)
    assert report["old"]["version"] == "3.0.0" and report["old"]["label"] == "3.0.0"
    events = next(t for t in report["tables"] if t["table"] == "events")
    assert events["removed"] == [{"event_id": done["removed"]}] and events["added"] == [{"event_id": NEW_ID}]


def test_an_unknown_side_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path / "missing"), str(tmp_path)]) == 2
    assert "no such folder or datapackage.json, and not a version" in capsys.readouterr().err
    with pytest.raises(PackageError):
        diff(str(tmp_path / "missing"), str(tmp_path))


def test_markdown_output_drafts_the_changelog_section(
    pkg: PackageCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new, done = edited_copy(pkg, tmp_path / "new")
    assert main(["diff", str(pkg.root), str(new.root), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Data (from `syria-offensive diff")
    n = len(pkg.read("events")[1])
    assert f"- **events**: {n} -> {n} rows; 1 added, 1 removed, 1 changed." in out
    assert f"  - removed: `{done['removed']}`" in out
    assert f"  - `summary` changed in 1 rows: `{done['changed']}`" in out
    assert "- **figures**: no change" in out
