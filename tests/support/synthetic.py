"""Synthetic data packages with the real Table Schemas, for benchmarks and scale tests.

`make_package(dest, n_events)` writes a package of valid rows with proportional tables, then plants a
known number of violations of each rule at known rows, and returns them. A validator that is right
finds exactly the planted problems: every one, at its row, under its rule, and nothing else.

Test and bench support, not library code: it needs numpy and polars (both installed with the package)
and reads the real schemas and the GeoNames extract through the library.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from syria_offensive.maintain.package_hashes import write_hashes
from syria_offensive.metadata.descriptor import TABLES, load_package
from syria_offensive.metadata.gazetteer import syrian_records
from syria_offensive.metadata.paths import bundled_package_dir
from syria_offensive.validation.crosstable import FIGURE_CLAIM

WINDOW = (dt.date(2017, 1, 1), dt.date(2025, 12, 31))
SOURCE_DATE = WINDOW[1] + dt.timedelta(days=30)  # every normal source is published after every event
EARLY_DATE = WINDOW[0] - dt.timedelta(days=1)  # the "early" spare source, for planting date-order breaks


@dataclass(frozen=True, order=True)
class Planted:
    file: str
    row: int
    column: str
    rule: str


@dataclass
class Sizes:
    events: int

    @property
    def sources(self) -> int:
        return max(100, self.events // 20)

    @property
    def actors(self) -> int:
        return max(60, self.events // 2000)

    @property
    def places(self) -> int:
        return max(400, self.events // 50)

    @property
    def figures(self) -> int:
        return max(50, self.events // 2)


def _fmt_dates(values: np.ndarray) -> list[str]:
    base = np.datetime64(WINDOW[0])
    return [str(d) for d in (base + values.astype("timedelta64[D]"))]


def _frame(rows: Sequence[Sequence[str | None]], columns: list[str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={c: pl.String for c in columns}, orient="row")


def _base_tables(n_events: int, rng: np.random.Generator) -> dict[str, pl.DataFrame]:
    size = Sizes(n_events)
    bundled = bundled_package_dir()
    govs = pl.read_csv(bundled / "data" / "governorates.csv", infer_schema=False)
    govs = govs.with_columns(
        source_id=pl.lit("src-0000000")
    )  # the synthetic sources stand in for the real ones
    gov_by_code = {r["geonames_admin1"]: r for r in govs.iter_rows(named=True)}
    gov_rows = govs.to_dicts()

    ns = size.sources
    sources = pl.DataFrame(
        {
            "source_id": [f"src-{i:07d}" for i in range(ns)],
            "url": [f"https://example.org/report/{i}" for i in range(ns)],
            "publisher": [f"Publisher {i % 40}" for i in range(ns)],
            "original_publisher": [None if i % 3 else f"Agency {i % 7}" for i in range(ns)],
            "title": [f"Report number {i}" for i in range(ns)],
            "published_date": [str(EARLY_DATE if i == 1 else SOURCE_DATE) for i in range(ns)],
            "source_type": ["news" if i % 4 else "wire" for i in range(ns)],
            "language": ["en" if i % 5 else "ar" for i in range(ns)],
            "accessed_date": ["2026-11-25"] * ns,
            "note": [None] * ns,
        }
    )

    na = size.actors
    kinds = [
        ("rebel_group", "opposition", "SY", "2"),
        ("state_forces", "government", "SY", "1"),
        ("external_force", "government", "RU", "8"),
        ("monitor", "non_combatant", "GB", None),
        ("political_militia", "government", "SY", "3"),
    ]
    actor_rows = []
    for i in range(na):
        t, side, country, inter = kinds[i % len(kinds)] if i else ("coalition", "opposition", "SY", "2")
        parent = "actor-0000000" if t == "rebel_group" and i % 2 else None
        actor_rows.append(
            (
                f"actor-{i:07d}",
                f"Actor {i}",
                None,
                f"A{i}|Actor number {i}",
                t,
                side,
                parent,
                country,
                inter,
                f"Synthetic actor number {i}.",
                "src-0000000",
            )
        )
    actors = _frame(
        actor_rows,
        [
            "actor_id",
            "name",
            "name_ar",
            "aliases",
            "actor_type",
            "side",
            "parent_actor_id",
            "country",
            "acled_inter",
            "description",
            "source_id",
        ],
    )

    gaz = sorted(syrian_records().items())
    np_ = size.places
    place_rows = []
    for i in range(np_):
        if i < min(len(gaz), 100):
            gid, (name, lat, lon) = gaz[i]
            # the extract keeps the GeoNames admin1 code in the CSV; look it up through the name table
            gov = gov_rows[i % len(gov_rows)]
            place_rows.append(
                [
                    f"place-{i:07d}",
                    name,
                    None,
                    "town",
                    gov["admin1"],
                    gov["admin1_pcode"],
                    gov["iso_3166_2"],
                    f"District {i % 7}",
                    f"Sub-district {i % 31}",
                    "stated",
                    "src-0000000",
                    f"{lat}",
                    f"{lon}",
                    "1",
                    str(gid),
                    None,
                    "src-0000000",
                ]
            )
        else:
            gov = gov_rows[i % len(gov_rows)]
            parent = f"place-{i - len(gov_rows):07d}" if i % 10 == 0 and i - len(gov_rows) >= 100 else None
            lat = 32.8 + float(rng.random()) * 4.2
            lon = 36.0 + float(rng.random()) * 6.0
            place_rows.append(
                [
                    f"place-{i:07d}",
                    f"Place {i}",
                    None,
                    "neighbourhood" if parent else "village",
                    gov["admin1"],
                    gov["admin1_pcode"],
                    gov["iso_3166_2"],
                    None,
                    None,
                    "not-searched",
                    None,
                    f"{lat:.5f}",
                    f"{lon:.5f}",
                    "2",
                    None,
                    parent,
                    "src-0000000",
                ]
            )
    del gov_by_code
    places = _frame(
        place_rows,
        [
            "place_id",
            "name",
            "name_ar",
            "place_type",
            "admin1",
            "admin1_pcode",
            "iso_3166_2",
            "admin2",
            "admin3",
            "admin_status",
            "admin_source_id",
            "latitude",
            "longitude",
            "geo_precision",
            "geonames_id",
            "parent_place_id",
            "source_id",
        ],
    )

    n = n_events
    span = (WINDOW[1] - WINDOW[0]).days
    day = np.sort(rng.integers(1, span, n))
    ev = pl.DataFrame({"day": day}).with_columns(seq=pl.int_range(pl.len()).over("day") + 1)
    dates = _fmt_dates(day)
    event_ids = [f"EV-{d.replace('-', '')}-{s:03d}" for d, s in zip(dates, ev["seq"].to_list(), strict=True)]
    place_idx = rng.integers(0, np_ * 3 // 4, n)  # the last quarter stays unreferenced
    events = pl.DataFrame(
        {
            "event_id": event_ids,
            "event_date": dates,
            "end_date": [None] * n,
            "date_precision": ["1"] * n,
            "event_type": ["Battles"] * n,
            "sub_event_type": ["Armed clash"] * n,
            "place_id": [f"place-{i:07d}" for i in place_idx],
            "geo_precision": ["3"] * n,  # never finer than a synthetic place's own precision
            "summary": [f"Synthetic clash number {i}, for benchmarking the validator." for i in range(n)],
            "civilian_targeting": ["false"] * n,
        }
    )
    a1 = rng.integers(1, na, n)
    a2 = (a1 + 1 + rng.integers(0, na - 2, n)) % na
    a2 = np.where(a2 == a1, (a1 + 1) % na, a2)
    event_actors = pl.DataFrame(
        {
            "event_id": event_ids + event_ids,
            "actor_id": [f"actor-{i:07d}" for i in a1] + [f"actor-{i:07d}" for i in a2],
            "role": ["actor1"] * n + ["actor2"] * n,
        }
    ).sort(["event_id", "actor_id"])
    s1 = rng.integers(2, ns, n)  # sources 0 and 1 are kept spare
    s2 = np.where(s1 + 1 < ns, s1 + 1, 2)
    event_sources = pl.DataFrame(
        {
            "event_id": event_ids + event_ids,
            "source_id": [f"src-{i:07d}" for i in s1] + [f"src-{i:07d}" for i in s2],
            "stance": ["reports"] * n + ["claims"] * n,
            "claimant_actor_id": [None] * n + [f"actor-{i:07d}" for i in a1],
        }
    ).sort(["event_id", "source_id"])
    nf = size.figures
    fig_event = rng.integers(0, n, nf)
    # distinct values make every figure its own statement: random values let two figures of one claimant
    # on one event collide at 1M rows (a real repeated-statement the validator rightly reports)
    fig_vals = [str(1000 + i) for i in range(nf)]
    figures = pl.DataFrame(
        {
            "figure_id": [f"FG-{i:07d}" for i in range(nf)],
            "series_id": [None] * nf,
            "source_id": [f"src-{i:07d}" for i in rng.integers(2, ns, nf)],
            "claimant_actor_id": [f"actor-{i:07d}" for i in rng.integers(0, na, nf)],
            "event_id": [event_ids[i] for i in fig_event],
            "place_id": [None] * nf,
            "reported_date": [dates[i] for i in fig_event],
            "reported_date_basis": ["published"] * nf,
            "period_start": [dates[i] for i in fig_event],
            "period_end": [dates[i] for i in fig_event],
            "measure": ["killed"] * nf,
            "population": ["all"] * nf,
            "subject_actor_id": [None] * nf,
            "qualifier": ["exact"] * nf,
            "value_low": fig_vals,
            "value_best": fig_vals,
            "value_high": fig_vals,
            "cumulative": ["false"] * nf,
            "note": [None] * nf,
        }
    )
    return {
        "governorates": govs,
        "sources": sources,
        "actors": actors,
        "places": places,
        "events": events,
        "event_actors": event_actors,
        "event_sources": event_sources,
        "figures": figures,
    }


class _Planter:
    """Mutates rows in place and records what each mutation must make the validator report."""

    def __init__(
        self, tables: dict[str, dict[str, list[str | None]]], copies: int, rng: np.random.Generator
    ) -> None:
        self.t = tables
        self.copies = copies
        self.rng = rng
        self.used: dict[str, set[int]] = {name: set() for name in tables}
        self.planted: list[Planted] = []
        self.extra_cells: list[int] = []  # figures rows to write with one cell too many

    def rows(self, table: str) -> int:
        return len(next(iter(self.t[table].values())))

    def pick(self, table: str, ok: Callable[[int], bool] = lambda i: True) -> int:
        n = self.rows(table)
        for _ in range(10_000):
            i = int(self.rng.integers(0, n))
            if i not in self.used[table] and ok(i):
                self.used[table].add(i)
                return i
        raise RuntimeError(f"no free row in {table} to plant a violation")

    def set(self, table: str, i: int, **values: str | None) -> None:
        for col, v in values.items():
            self.t[table][col][i] = v

    def expect(self, table: str, i: int, column: str, rule: str) -> None:
        self.planted.append(Planted(f"data/{table}.csv", i + 2, column, rule))


def _plant(p: _Planter) -> None:
    t = p.t
    ev_index = {e: i for i, e in enumerate(t["events"]["event_id"])}
    ev_date = t["events"]["event_date"]
    events_with_figures = {e for e in t["figures"]["event_id"] if e}
    referenced_places = set(t["events"]["place_id"]) | {x for x in t["places"]["parent_place_id"] if x}
    parents = {x for x in t["places"]["parent_place_id"] if x}
    actors_referenced_as_parent = {x for x in t["actors"]["parent_actor_id"] if x}
    for _ in range(p.copies):
        # --- structure ---------------------------------------------------------------
        i = p.pick("events")
        p.set("events", i, date_precision="high")
        p.expect("events", i, "date_precision", "type")
        i = p.pick("events")
        p.set("events", i, summary=None)
        p.expect("events", i, "summary", "required")
        i = p.pick("events")
        p.set("events", i, summary="too short")
        p.expect("events", i, "summary", "min-length")
        i = p.pick("events")
        p.set("events", i, summary="x" * 601)
        p.expect("events", i, "summary", "max-length")
        i = p.pick("events")
        p.set("events", i, place_id="nowhere-place")
        p.expect("events", i, "place_id", "foreign-key")
        i = p.pick("sources", lambda i: i >= 2)
        p.set("sources", i, language="xx")
        p.expect("sources", i, "language", "enum")
        i = p.pick("places")
        p.set("places", i, geo_precision="0")
        p.expect("places", i, "geo_precision", "minimum")
        i = p.pick("places")
        p.set("places", i, geo_precision="4")
        p.expect("places", i, "geo_precision", "maximum")
        i = p.pick("figures", lambda i: i > 0 and i - 1 not in p.used["figures"])
        p.used["figures"].add(i - 1)
        p.set("figures", i, figure_id=t["figures"]["figure_id"][i - 1])
        p.expect("figures", i, "figure_id", "unique")
        p.expect("figures", i, "figure_id", "primary-key")
        i = p.pick("figures", lambda i: i > 0 and i - 1 not in p.used["figures"])
        p.used["figures"].add(i - 1)
        p.set("figures", i, **{c: t["figures"][c][i - 1] for c in FIGURE_CLAIM})
        p.expect("figures", i, "figure_id", "duplicate-figure")
        i = p.pick("figures")
        p.extra_cells.append(i)
        p.expect("figures", i, "", "row-extra-cells")
        # --- semantics ----------------------------------------------------------------
        i = p.pick("sources", lambda i: i >= 2)
        p.set("sources", i, accessed_date=str(SOURCE_DATE - dt.timedelta(days=1)))
        p.expect("sources", i, "accessed_date", "accessed-before-published")
        i = p.pick("actors", lambda i: t["actors"]["actor_type"][i] == "rebel_group")
        p.set("actors", i, acled_inter="7")
        p.expect("actors", i, "acled_inter", "acled-inter")
        i = p.pick(
            "places",
            lambda i: (
                not t["places"]["geonames_id"][i]
                and t["places"]["place_id"][i] not in parents
                and not t["places"]["parent_place_id"][i]
            ),
        )
        p.set("places", i, latitude="40.5")
        p.expect("places", i, "latitude", "outside-syria")
        i = p.pick(
            "places",
            lambda i: not t["places"]["parent_place_id"][i] and t["places"]["place_id"][i] not in parents,
        )
        p.set("places", i, admin1=None, admin1_pcode=None, iso_3166_2=None)
        p.expect("places", i, "admin1_pcode", "governorate-required")
        i = p.pick("places", lambda i: t["places"]["admin_status"][i] == "stated")
        p.set("places", i, admin3=None)
        p.expect("places", i, "admin_status", "admin-status")
        i = p.pick("places", lambda i: bool(t["places"]["geonames_id"][i]))
        lat = float(t["places"]["latitude"][i] or 0)
        p.set("places", i, latitude=f"{lat + 0.5 if lat < 36.5 else lat - 0.5:.5f}")
        p.expect("places", i, "geonames_id", "geonames-distance")
        i = p.pick("events")
        p.set("events", i, sub_event_type="Air/drone strike")
        p.expect("events", i, "sub_event_type", "sub-event-type")
        i = p.pick("events", lambda i: (ev_date[i] or "") > str(WINDOW[0] + dt.timedelta(days=2)))
        d = dt.date.fromisoformat(ev_date[i] or "")
        p.set("events", i, end_date=str(d - dt.timedelta(days=1)))
        p.expect("events", i, "end_date", "end-before-start")
        i = p.pick("events")
        p.set("events", i, date_precision="2")
        p.expect("events", i, "end_date", "open-span")
        i = p.pick("events", lambda i: t["events"]["event_id"][i] not in events_with_figures)
        p.set("events", i, event_date=str(WINDOW[0] - dt.timedelta(days=10)))
        p.expect("events", i, "event_date", "outside-window")
        i = p.pick("event_sources", lambda i: t["event_sources"]["stance"][i] == "claims")
        p.set("event_sources", i, claimant_actor_id=None)
        p.expect("event_sources", i, "claimant_actor_id", "claimant-required")
        i = p.pick("figures")
        p.set("figures", i, qualifier="about", value_low="5", value_best="3", value_high=None)
        p.expect("figures", i, "value_low", "value-order")
        i = p.pick("figures")
        p.set("figures", i, value_low="3", value_best="3", value_high="4")
        p.expect("figures", i, "qualifier", "qualifier-values")
        i = p.pick("figures")
        d = dt.date.fromisoformat(t["figures"]["period_start"][i] or "")
        p.set("figures", i, period_end=str(d - dt.timedelta(days=1)))
        p.expect("figures", i, "period_end", "period-order")
        i = p.pick("figures")
        d = dt.date.fromisoformat(t["figures"]["period_start"][i] or "") + dt.timedelta(days=1)
        p.set(
            "figures", i, period_start=str(d), period_end=str(d)
        )  # the report (on the event's day) now precedes it
        p.expect("figures", i, "reported_date", "reported-before-period")
        i = p.pick("figures")
        p.set("figures", i, population="not_applicable")
        p.expect("figures", i, "population", "population-measure")
        # --- cross-table ---------------------------------------------------------------
        i = p.pick("event_actors", lambda i: t["event_actors"]["role"][i] == "actor1")
        p.set("event_actors", i, role="assoc_actor1")
        p.expect(
            "events", ev_index[t["event_actors"]["event_id"][i] or ""], "event_id", "event-without-actor1"
        )
        i = p.pick("event_sources")
        p.set("event_sources", i, source_id="src-0000001")
        p.expect("event_sources", i, "source_id", "source-before-event")
        i = p.pick("figures", lambda i: (t["figures"]["reported_date"][i] or "") > str(WINDOW[0]))
        d = dt.date.fromisoformat(t["figures"]["reported_date"][i] or "") - dt.timedelta(days=1)
        p.set("figures", i, reported_date=str(d), period_start=str(d), period_end=str(d))
        p.expect("figures", i, "reported_date", "figure-before-event")
        i = p.pick("figures")
        p.set("figures", i, source_id="src-0000001")
        p.expect("figures", i, "reported_date", "figure-after-source")
        i = p.pick(
            "places",
            lambda i: not t["places"]["parent_place_id"][i] and t["places"]["place_id"][i] not in parents,
        )
        wrong = "Aleppo" if t["places"]["admin1"][i] != "Aleppo" else "Hama"
        p.set("places", i, admin1=wrong)
        p.expect("places", i, "admin1", "governorate-codes")
        i = p.pick("places", lambda i: bool(t["places"]["parent_place_id"][i]))
        same = t["places"]["admin1_pcode"][i] == "SY02"
        p.set(
            "places",
            i,
            admin1="Hama" if same else "Aleppo",
            admin1_pcode="SY05" if same else "SY02",
            iso_3166_2="SY-HM" if same else "SY-HL",
        )
        p.expect("places", i, "admin1_pcode", "parent-governorate")
        a = p.pick(
            "actors",
            lambda i: (
                i > 0
                and not t["actors"]["parent_actor_id"][i]
                and t["actors"]["actor_id"][i] not in actors_referenced_as_parent
            ),
        )
        b = p.pick(
            "actors",
            lambda i: (
                i > 0
                and not t["actors"]["parent_actor_id"][i]
                and t["actors"]["actor_id"][i] not in actors_referenced_as_parent
            ),
        )
        p.set("actors", a, parent_actor_id=t["actors"]["actor_id"][b])
        p.set("actors", b, parent_actor_id=t["actors"]["actor_id"][a])
        p.expect("actors", a, "parent_actor_id", "actor-parent-cycle")
        p.expect("actors", b, "parent_actor_id", "actor-parent-cycle")

        def free(i: int) -> bool:
            places = t["places"]
            return (
                not places["parent_place_id"][i]
                and places["place_id"][i] not in parents
                and places["admin1_pcode"][i] == "SY07"
                and places["place_id"][i] not in referenced_places
            )

        a = p.pick("places", free)
        b = p.pick("places", free)
        p.set("places", a, parent_place_id=t["places"]["place_id"][b])
        p.set("places", b, parent_place_id=t["places"]["place_id"][a])
        p.expect("places", a, "parent_place_id", "place-parent-cycle")
        p.expect("places", b, "parent_place_id", "place-parent-cycle")
    # one event left with no source at all: its event_sources rows are dropped (after the row-level plants)
    p.planted.sort()


def _drop_sources_of_one_event(tables: dict[str, pl.DataFrame], planted_rows: set[int]) -> tuple[str, int]:
    es = tables["event_sources"]
    ids = es["event_id"].to_list()
    for e in tables["events"]["event_id"].to_list()[len(ids) // 4 :]:
        rows = [i for i, x in enumerate(ids) if x == e]
        if rows and not (set(rows) & planted_rows):
            tables["event_sources"] = es.filter(pl.col("event_id") != e)
            return e, rows[0]
    raise RuntimeError("no event to strip of its sources")


def _write_csv(frame: pl.DataFrame, path: Path, extra_cells: list[int] = ()) -> None:  # type: ignore[assignment]
    frame.write_csv(path, quote_style="necessary", line_terminator="\n", null_value="")
    if extra_cells:
        lines = path.read_bytes().split(b"\n")
        for i in extra_cells:
            lines[i + 1] += b",extra"
        path.write_bytes(b"\n".join(lines))


def make_package(
    dest: str | Path, n_events: int, *, seed: int = 7, copies: int = 2, plant: bool = True
) -> list[Planted]:
    """Write a synthetic package of about n_events events to dest; return the planted violations."""
    dest = Path(dest)
    rng = np.random.default_rng(seed)
    frames = _base_tables(n_events, rng)
    planted: list[Planted] = []
    extra: list[int] = []
    if plant:
        cols = {
            name: {c: f.cast(pl.String).to_list() for c, f in zip(df.columns, df.get_columns(), strict=True)}
            for name, df in frames.items()
        }
        planter = _Planter(cols, copies, rng)
        _plant(planter)
        # event_sources rows are renumbered when an event's rows are dropped: plant that last and shift
        rebuilt = {name: pl.DataFrame(cols[name], schema={c: pl.String for c in cols[name]}) for name in cols}
        dropped_event, first_row = _drop_sources_of_one_event(rebuilt, planter.used["event_sources"])
        n_dropped = frames["event_sources"].height - rebuilt["event_sources"].height
        shifted = []
        for pl_ in planter.planted:
            if pl_.file == "data/event_sources.csv" and pl_.row - 2 > first_row:
                pl_ = Planted(pl_.file, pl_.row - n_dropped, pl_.column, pl_.rule)
            shifted.append(pl_)
        ev_row = rebuilt["events"]["event_id"].to_list().index(dropped_event)
        shifted.append(Planted("data/events.csv", ev_row + 2, "event_id", "event-without-source"))
        frames, planted, extra = rebuilt, sorted(shifted), planter.extra_cells
    (dest / "data").mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundled_package_dir() / "schemas", dest / "schemas", dirs_exist_ok=True)
    for name in TABLES:
        _write_csv(frames[name], dest / "data" / f"{name}.csv", extra if name == "figures" else [])
    descriptor = json.loads((bundled_package_dir() / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = "synthetic-syria-offensive"
    descriptor["title"] = f"Synthetic package, {n_events} events (seed {seed})"
    descriptor["temporalCoverage"] = {"start": str(WINDOW[0]), "end": str(WINDOW[1])}
    (dest / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    write_hashes(load_package(dest))
    return planted
