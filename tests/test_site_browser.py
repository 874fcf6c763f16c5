"""The site in a real headless browser: Debian's Chromium driven by Playwright against a local Datasette.

Skipped when /usr/bin/chromium, Playwright or the `look` extra is missing. Every request the page makes
outside 127.0.0.1 is aborted and recorded, and the test fails if there was any: the site is offline.
Screenshots go to artifacts/ (ignored by git).
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support.serve_process import running_serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("datasette")
    pytest.importorskip("datasette_cluster_map")
    with running_serve(tmp_path_factory.mktemp("serve") / "serve.log") as served:
        yield served.base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    outside: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    try:
        yield pg, outside
    finally:
        context.close()


def _shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_home_page_lists_the_tables(server: str, page: tuple[Any, list[str]]) -> None:
    pg, outside = page
    pg.goto(server + "/syria_offensive")
    text = pg.inner_text("body")
    for table in ("events", "figures", "places", "actors", "claim_series", "territory_changes"):
        assert table in text
    _shot(pg, "site-database")
    assert not outside


def test_events_page_shows_rows_facets_and_the_cluster_map(server: str, page: tuple[Any, list[str]]) -> None:
    pg, outside = page
    pg.goto(server + "/syria_offensive/events_enriched")
    pg.wait_for_selector("table.rows-and-columns tbody tr")
    assert pg.locator("table.rows-and-columns tbody tr").count() >= 10
    assert "EV-20241127-001" in pg.inner_text("table.rows-and-columns")
    assert pg.locator(".facet-info").count() >= 3
    pg.wait_for_selector(
        ".leaflet-container .marker-cluster, .leaflet-container .leaflet-marker-icon", timeout=30_000
    )
    assert pg.locator(".leaflet-container").first.is_visible()
    _shot(pg, "site-events-map")
    assert not outside, outside


def test_a_canned_query_runs(server: str, page: tuple[Any, list[str]]) -> None:
    pg, outside = page
    pg.goto(server + "/syria_offensive/series_points?series_id=sohr-killed-all")
    pg.wait_for_selector("table.rows-and-columns tbody tr")
    assert pg.locator("table.rows-and-columns tbody tr").count() >= 10
    _shot(pg, "site-canned-query")
    assert not outside


def test_the_database_is_read_only(server: str) -> None:
    with urllib.request.urlopen(server + "/-/databases.json", timeout=5) as response:
        import json

        databases = json.loads(response.read())
    assert [d["is_mutable"] for d in databases if d["name"] == "syria_offensive"] == [False]
