"""Smoke test of an installed wheel: the data ships inside it, loads and validates with no network.

    python -m syria_offensive.release.smoke     # run outside the checkout; exit 0 when all is well

Used by `nox -s build` and by the wheel test after installing the built wheel into a fresh environment.
"""

from __future__ import annotations

import sys

import duckdb

from syria_offensive.metadata.descriptor import load_package
from syria_offensive.metadata.paths import bundled_package_dir
from syria_offensive.read.csv_load import load_resource
from syria_offensive.read.files import check_file
from syria_offensive.validation import validate_package


def main() -> int:
    root = bundled_package_dir()
    package = load_package(None)
    installed = root.name == "_package" and root.parent.name == "syria_offensive"
    events = package.resource("events")
    header = check_file(events, package.root).header or []
    con = duckdb.connect(":memory:")
    try:
        loaded = load_resource(con, events, package.root, header, keep_raw=False, collect_rejects=False)
    finally:
        con.close()
    report = validate_package(None)
    print(f"data: {root}")
    print(f"from wheel: {'yes' if installed else 'NO (a source checkout)'}")
    print(f"version: {package.version}")
    print(f"events: {loaded.rows}")
    print(report.to_text(5))
    return 0 if installed and report.valid and loaded.rows > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
