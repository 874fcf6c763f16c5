"""Layer 2 rules: what must hold between the columns of one row, beyond what a Table Schema can say.

Each rule is a polars expression that is true where a row keeps the rule; a row lacking a value the
rule needs keeps it (a missing value is the structure layer's business). The pandera models in
`models.py` turn these into checks, so validation and the loaders apply the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from syria_offensive.metadata.gazetteer import syrian_records
from syria_offensive.metadata.vocabularies import (
    ACLED_INTER_BY_ACTOR_TYPE,
    ACLED_SUB_EVENT_TYPES,
    GEONAMES_MAX_KM,
    MEASURES_NOT_COUNTING_PEOPLE,
    SYRIA_BBOX,
)
from syria_offensive.metadata.window import StudyWindow


@dataclass(frozen=True)
class SemanticRule:
    table: str
    rule: str
    columns: tuple[str, ...]  # the first is the column reported; all are shown as the value
    message: str
    ok: Callable[[StudyWindow], pl.Expr]


def _c(name: str) -> pl.Expr:
    return pl.col(name)


def _within(expr: pl.Expr, low: float | dt.date, high: float | dt.date) -> pl.Expr:
    return expr.is_null() | ((expr >= low) & (expr <= high))


def _admin_status_ok(_: StudyWindow) -> pl.Expr:
    status = _c("admin_status")
    district, sub, source = (
        _c("admin2").is_not_null(),
        _c("admin3").is_not_null(),
        _c("admin_source_id").is_not_null(),
    )
    return (
        pl.when(status.is_null())
        .then(True)  # a missing status is the structure layer's fault (required)
        .when(status == "stated")
        .then(district & sub & source)
        .when(status == "district-stated")
        .then(district & ~sub & source)
        .otherwise(~district & ~sub & ~source)
    )


def _qualifier_ok(_: StudyWindow) -> pl.Expr:
    lo, best, hi = _c("value_low"), _c("value_best"), _c("value_high")
    q = _c("qualifier")
    return (
        pl.when(q == "exact")
        .then(lo.is_not_null() & (lo == best) & (best == hi))
        .when(q == "at_least")
        .then(lo.is_not_null() & hi.is_null() & (best.is_null() | (best >= lo)))
        .when(q == "about")
        .then(best.is_not_null())
        .when(q == "up_to")
        .then(hi.is_not_null() & lo.is_null())
        .when(q == "range")
        .then(lo.is_not_null() & hi.is_not_null() & (lo < hi))
        .otherwise(True)
    )


def _value_order_ok(_: StudyWindow) -> pl.Expr:
    lo, best, hi = _c("value_low"), _c("value_best"), _c("value_high")
    return (
        (lo.is_null() | best.is_null() | (lo <= best))
        & (best.is_null() | hi.is_null() | (best <= hi))
        & (lo.is_null() | hi.is_null() | (lo <= hi))
    )


def _inter_ok(_: StudyWindow) -> pl.Expr:
    expr = pl.lit(True)
    for actor_type, codes in ACLED_INTER_BY_ACTOR_TYPE.items():
        inter = _c("acled_inter")
        allowed = inter.is_null() if not codes else inter.is_in(list(codes))
        expr = pl.when(_c("actor_type") == actor_type).then(allowed).otherwise(expr)
    return expr


def _geonames_ok(_: StudyWindow) -> pl.Expr:
    records = syrian_records()
    ids = list(records)
    lat0 = _c("geonames_id").replace_strict(
        ids, [r[1] for r in records.values()], default=None, return_dtype=pl.Float64
    )
    lon0 = _c("geonames_id").replace_strict(
        ids, [r[2] for r in records.values()], default=None, return_dtype=pl.Float64
    )
    p1, p2 = _c("latitude").radians(), lat0.radians()
    a = ((p2 - p1) / 2).sin() ** 2 + p1.cos() * p2.cos() * (
        (lon0.radians() - _c("longitude").radians()) / 2
    ).sin() ** 2
    km = 2 * 6371.0088 * a.sqrt().arcsin()
    return lat0.is_null() | _c("latitude").is_null() | _c("longitude").is_null() | (km <= GEONAMES_MAX_KM)


RULES: tuple[SemanticRule, ...] = (
    SemanticRule(
        "sources",
        "accessed-before-published",
        ("accessed_date", "published_date"),
        "the source was accessed before it was published",
        lambda w: (
            _c("accessed_date").is_null()
            | _c("published_date").is_null()
            | (_c("accessed_date") >= _c("published_date"))
        ),
    ),
    SemanticRule(
        "actors",
        "acled-inter",
        ("acled_inter", "actor_type"),
        "the ACLED interaction code does not fit the actor type (see the codebook)",
        _inter_ok,
    ),
    SemanticRule(
        "places",
        "outside-syria",
        ("latitude", "longitude"),
        "the coordinates lie outside Syria's bounding box",
        lambda w: (
            _within(_c("latitude"), SYRIA_BBOX["lat_min"], SYRIA_BBOX["lat_max"])
            & _within(_c("longitude"), SYRIA_BBOX["lon_min"], SYRIA_BBOX["lon_max"])
        ),
    ),
    SemanticRule(
        "places",
        "governorate-required",
        ("admin1_pcode", "place_type", "admin1", "iso_3166_2"),
        "every place except the country and regions spanning governorates needs its governorate "
        "(admin1, admin1_pcode, iso_3166_2)",
        lambda w: (
            _c("place_type").is_in(["country", "region"])
            | (_c("admin1").is_not_null() & _c("admin1_pcode").is_not_null() & _c("iso_3166_2").is_not_null())
        ),
    ),
    SemanticRule(
        "places",
        "admin-status",
        ("admin_status", "admin2", "admin3", "admin_source_id"),
        "admin2, admin3 and admin_source_id do not fit admin_status: stated needs all three, district-stated "
        "admin2 and the source without admin3, every other status none of them",
        _admin_status_ok,
    ),
    SemanticRule(
        "places",
        "geonames-distance",
        ("geonames_id", "latitude", "longitude"),
        f"the coordinates lie more than {GEONAMES_MAX_KM:g} km from the GeoNames record of this id",
        _geonames_ok,
    ),
    SemanticRule(
        "events",
        "sub-event-type",
        ("sub_event_type", "event_type"),
        "the sub-event type does not belong to the event type (ACLED)",
        lambda w: (
            _c("sub_event_type").is_null()
            | _c("event_type").is_null()
            | (
                _c("sub_event_type").replace_strict(
                    ACLED_SUB_EVENT_TYPES, default=None, return_dtype=pl.String
                )
                == _c("event_type")
            )
        ),
    ),
    SemanticRule(
        "events",
        "end-before-start",
        ("end_date", "event_date"),
        "the end date is before the event date",
        lambda w: (
            _c("end_date").is_null() | _c("event_date").is_null() | (_c("end_date") >= _c("event_date"))
        ),
    ),
    SemanticRule(
        "events",
        "open-span",
        ("end_date", "date_precision"),
        "date precision 2 means a span of possible days: end_date must close it",
        lambda w: (_c("date_precision") != 2).fill_null(True) | _c("end_date").is_not_null(),
    ),
    SemanticRule(
        "events",
        "outside-window",
        ("event_date", "end_date"),
        "the event falls outside the study window in the descriptor",
        lambda w: _within(_c("event_date"), w.start, w.end) & _within(_c("end_date"), w.start, w.end),
    ),
    SemanticRule(
        "event_sources",
        "claimant-required",
        ("claimant_actor_id", "stance"),
        "a claim or a denial needs the claimant_actor_id of the party making it",
        lambda w: (
            ~_c("stance").is_in(["claims", "denies"]).fill_null(False) | _c("claimant_actor_id").is_not_null()
        ),
    ),
    SemanticRule(
        "figures",
        "value-order",
        ("value_low", "value_best", "value_high"),
        "the values must keep low <= best <= high",
        _value_order_ok,
    ),
    SemanticRule(
        "figures",
        "qualifier-values",
        ("qualifier", "value_low", "value_best", "value_high"),
        "the values do not fit the qualifier (exact: low=best=high; at_least: low, no high; about: best; "
        "up_to: high, no low; range: low < high)",
        _qualifier_ok,
    ),
    SemanticRule(
        "figures",
        "period-order",
        ("period_end", "period_start"),
        "the period ends before it starts",
        lambda w: (
            _c("period_end").is_null()
            | _c("period_start").is_null()
            | (_c("period_end") >= _c("period_start"))
        ),
    ),
    SemanticRule(
        "figures",
        "reported-before-period",
        ("reported_date", "period_start"),
        "the figure is reported before the period it covers starts",
        lambda w: (
            _c("reported_date").is_null()
            | _c("period_start").is_null()
            | (_c("reported_date") >= _c("period_start"))
        ),
    ),
    SemanticRule(
        "figures",
        "population-measure",
        ("population", "measure"),
        "population 'not_applicable' goes with, and only with, measures that do not count people",
        lambda w: (
            _c("population").is_null()
            | _c("measure").is_null()
            | (
                (_c("population") == "not_applicable")
                == _c("measure").is_in(list(MEASURES_NOT_COUNTING_PEOPLE))
            )
        ),
    ),
)


def rules_for(table: str) -> list[SemanticRule]:
    return [r for r in RULES if r.table == table]
