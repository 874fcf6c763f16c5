"""The structured vocabularies agree with the schemas' enums."""

from __future__ import annotations

from conftest import ROOT
from syria_offensive.descriptor import load_package
from syria_offensive.vocabularies import (
    ACLED_INTER_BY_ACTOR_TYPE,
    ACLED_SUB_EVENT_TYPES,
    MEASURES_NOT_COUNTING_PEOPLE,
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
