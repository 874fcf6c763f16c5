"""The pandera models are derived from the Table Schemas: every column, type, enum and bound agrees."""

from __future__ import annotations

import pytest

pytest.importorskip("pandera", reason="pandera is an extra: pip install '.[pandera]'")

import pandera.polars as pa
import polars as pl
from pandera.engines import polars_engine

from conftest import ROOT, PackageCopy
from syria_offensive.metadata.descriptor import load_package
from syria_offensive.metadata.polars_types import POLARS_TYPES
from syria_offensive.validation.models import table_model
from syria_offensive.validation.rules import rules_for

PACKAGE = load_package(ROOT)


@pytest.mark.parametrize("name", list(PACKAGE.resources))
def test_model_agrees_with_table_schema(name: str) -> None:
    schema = PACKAGE.resources[name].schema
    model = table_model(name, schema)
    assert list(model.columns) == schema.field_names
    for f in schema.fields:
        column = model.columns[f.name]
        assert column.dtype == polars_engine.Engine.dtype(POLARS_TYPES[f.type])
        assert column.nullable == (not (f.required or f.name in schema.primary_key))
        assert column.unique == f.unique
        stats = {c.name: c.statistics for c in column.checks}
        if f.enum is not None:
            assert list(stats["enum"]["allowed_values"]) == list(f.enum)
        if f.minimum is not None:
            assert stats["minimum"]["min_value"] == f.minimum
        if f.maximum is not None:
            assert stats["maximum"]["max_value"] == f.maximum
        if f.pattern is not None:
            assert f.pattern in stats["pattern"]["pattern"]
        expected = {
            name
            for name, present in [
                ("enum", f.enum is not None),
                ("pattern", f.pattern is not None and f.type == "string"),
                ("minimum", f.minimum is not None),
                ("maximum", f.maximum is not None),
                ("length", f.type == "string" and (f.min_length is not None or f.max_length is not None)),
            ]
            if present
        }
        assert set(stats) == expected
    assert {c.name for c in model.checks} == {r.rule for r in rules_for(name)}


def test_categories_document_exactly_the_enum() -> None:
    for res in PACKAGE.resources.values():
        for f in res.schema.fields:
            if f.categories:
                assert [v for v, _ in f.categories] == list(f.enum or ()), f"{res.name}.{f.name}"
                assert all(label for _, label in f.categories)


def test_a_model_rejects_a_frame_that_breaks_its_schema() -> None:
    model = table_model("governorates", PACKAGE.resources["governorates"].schema)
    frame = pl.DataFrame(
        {
            "admin1_pcode": ["SY1"],
            "admin1": ["X"],
            "admin1_ar": ["س"],
            "iso_3166_2": ["SY-XX"],
            "geonames_admin1": ["01"],
            "source_id": ["geonames"],
        }
    )
    with pytest.raises(pa.errors.SchemaError):
        model.validate(frame)


def test_pandera_model_and_validator_find_the_same_semantic_faults(pkg: PackageCopy) -> None:
    """The validator evaluates the declared rules without pandera; the derived model must agree."""
    import pandera.errors

    from syria_offensive.access.loaders import load_frame
    from syria_offensive.metadata.window import DEFAULT_WINDOW
    from syria_offensive.validation import validate_package

    figures = [i for i, r in enumerate(pkg.read("figures")[1]) if not r["series_id"]][:3]
    pkg.edit("figures", figures[0], value_low="9", value_best="5", value_high="9", qualifier="range")
    pkg.edit("figures", figures[1], period_end="2024-11-01")
    pkg.edit("events", 2, end_date="2024-11-01")
    validator = {
        (p.file, p.row, p.rule) for p in validate_package(pkg.root).problems if p.layer == "semantics"
    }
    assert len(validator) >= 3
    package = load_package(pkg.root)
    from_model = set()
    for name in ("figures", "events"):
        frame = load_frame(package, name, backend="polars", validate=False)
        resource = package.resources[name]
        model = table_model(name, resource.schema, columns=False, window=DEFAULT_WINDOW)
        try:
            model.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            for index in exc.failure_cases.filter(pl.col("check").is_in([r.rule for r in rules_for(name)]))[
                ["check", "index"]
            ].iter_rows():
                from_model.add((resource.path, int(index[1]) + 2, index[0]))
    assert from_model == validator
