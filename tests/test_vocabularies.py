"""The structured vocabularies agree with the schemas' enums."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from syria_offensive.metadata.contract import dependency_order
from syria_offensive.metadata.descriptor import TABLES, load_package
from syria_offensive.metadata.vocabularies import (
    ACLED_INTER_BY_ACTOR_TYPE,
    ACLED_SUB_EVENT_TYPES,
    MEASURES_NOT_COUNTING_PEOPLE,
    TERRITORY_SUB_EVENTS,
)

PACKAGE = load_package(ROOT)


def enum(table: str, column: str) -> list[str]:
    return [str(v) for v in PACKAGE.resources[table].schema.field(column).enum or ()]


def test_sub_event_types_cover_the_schema() -> None:
    assert sorted(ACLED_SUB_EVENT_TYPES) == sorted(enum("events", "sub_event_type"))
    assert set(ACLED_SUB_EVENT_TYPES.values()) == set(enum("events", "event_type"))


def test_actor_types_cover_the_schema() -> None:
    assert sorted(ACLED_INTER_BY_ACTOR_TYPE) == sorted(enum("actors", "actor_type"))


def test_measures_exist() -> None:
    assert set(MEASURES_NOT_COUNTING_PEOPLE) <= set(enum("figures", "measure"))


def test_views_spell_the_territory_list_once() -> None:
    views = ROOT / "src" / "syria_offensive" / "access" / "views"
    seen = 0
    for sql in sorted(views.glob("*.sql")):
        body = "\n".join(line for line in sql.read_text().splitlines() if not line.lstrip().startswith("--"))
        for group in re.findall(r"sub_event_type IN \(([^)]*)\)", body):
            assert sorted(re.findall(r"'([^']+)'", group)) == sorted(TERRITORY_SUB_EVENTS), sql.name
            seen += 1
    assert seen >= 2  # territory_changes and daily_summary: the test must have found them


def _string_literals(tree: ast.AST) -> list[set[str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            out.append(
                {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            )
    return out


def test_no_hand_written_table_list() -> None:
    """The table list comes from the descriptor and schemas (metadata/contract.py), nowhere else."""
    tables = set(TABLES)
    assert len(tables) == 8
    offenders = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for literal in _string_literals(ast.parse(path.read_text())):
            if len(literal & tables) >= 3:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(literal & tables)}")
    assert not offenders


def test_table_order_puts_referenced_tables_first() -> None:
    for name in TABLES:
        for fk in PACKAGE.resources[name].schema.foreign_keys:
            target = fk.resource or name
            assert TABLES.index(target) <= TABLES.index(name), (name, target)


def test_every_table_has_a_public_loader() -> None:
    import syria_offensive

    assert {f"load_{t}" for t in TABLES} <= set(syria_offensive.__all__)
    for t in TABLES:
        assert callable(getattr(syria_offensive, f"load_{t}"))


def test_dependency_order_keeps_ties_and_survives_cycles() -> None:
    assert dependency_order(["b", "a", "c"], {"b": {"a"}}) == ("a", "c", "b")
    assert dependency_order(["x", "y"], {"x": {"y"}, "y": {"x"}}) == ("x", "y")
