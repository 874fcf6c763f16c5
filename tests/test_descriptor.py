"""Reading the descriptor: unreadable packages raise PackageError; malformed parts become problems."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, PackageCopy, found
from syria_offensive.errors import PackageError
from syria_offensive.metadata.descriptor import TABLES, load_package
from syria_offensive.validation import validate_package


def test_the_real_descriptor_reads_cleanly() -> None:
    package = load_package(ROOT)
    assert package.problems == []
    assert list(package.resources) == list(TABLES)
    assert package.version


def test_missing_descriptor(tmp_path) -> None:
    with pytest.raises(PackageError, match="not found"):
        load_package(tmp_path)


def test_descriptor_that_is_not_json(pkg: PackageCopy) -> None:
    (pkg.root / "datapackage.json").write_text('{"name": "x", "resources": [', encoding="utf-8")
    with pytest.raises(PackageError, match=r"not valid JSON \(line 1"):
        validate_package(pkg.root)


def test_descriptor_that_is_not_a_data_package(pkg: PackageCopy) -> None:
    (pkg.root / "datapackage.json").write_text('["a list"]', encoding="utf-8")
    with pytest.raises(PackageError, match="not a data package"):
        validate_package(pkg.root)


def _edit_schema(pkg: PackageCopy, table: str, edit) -> None:  # type: ignore[no-untyped-def]
    path = pkg.root / "schemas" / f"{table}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")


def test_malformed_constraint_is_a_problem_not_a_crash(pkg: PackageCopy) -> None:
    def edit(schema):  # type: ignore[no-untyped-def]
        next(f for f in schema["fields"] if f["name"] == "geo_precision")["constraints"]["minimum"] = "zero"

    _edit_schema(pkg, "places", edit)
    report = validate_package(pkg.root)
    assert found(report) == {("schemas/places.json", None, "geo_precision", "descriptor")}
    assert "must be a finite number" in report.problems[0].message


def test_unknown_field_type(pkg: PackageCopy) -> None:
    def edit(schema):  # type: ignore[no-untyped-def]
        schema["fields"][0]["type"] = "text"

    _edit_schema(pkg, "events", edit)
    assert ("schemas/events.json", None, "event_id", "descriptor") in found(validate_package(pkg.root))


def test_bad_pattern(pkg: PackageCopy) -> None:
    def edit(schema):  # type: ignore[no-untyped-def]
        schema["fields"][0]["constraints"]["pattern"] = "(unclosed"

    _edit_schema(pkg, "sources", edit)
    assert found(validate_package(pkg.root)) == {("schemas/sources.json", None, "source_id", "descriptor")}


def test_missing_resource_and_schema_outside_the_package(pkg: PackageCopy) -> None:
    path = pkg.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "figures"]
    next(r for r in descriptor["resources"] if r["name"] == "actors")["schema"] = "../../etc/passwd"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    problems = found(validate_package(pkg.root))
    assert ("datapackage.json", None, "resources", "descriptor") in problems
    messages = {p.message for p in validate_package(pkg.root).problems}
    assert any("outside the package folder" in m for m in messages)
    assert any("no usable 'figures' table" in m for m in messages)


def test_bad_hash_format(pkg: PackageCopy) -> None:
    path = pkg.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["hash"] = "md5:abc"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert found(validate_package(pkg.root)) == {("datapackage.json", None, "hash", "descriptor")}
