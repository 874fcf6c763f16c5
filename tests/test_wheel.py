"""The wheel and sdist are reproducible, and the wheel alone, installed with no network, loads the data.

The fresh environment gets the already installed dependencies (duckdb, polars, ...) through a .pth file
naming this interpreter's site-packages, and the wheel is installed with `pip install --no-deps
--no-index`: nothing is fetched. `nox -s build` runs the same smoke command on the built wheel.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from syria_offensive.release.dists import build_distributions

pytest.importorskip("build", reason="the wheel is built with `python -m build` (the release extra)")
pytest.importorskip("hatchling", reason="the wheel is built with hatchling (the release extra)")


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    base = tmp_path_factory.mktemp("dists")
    return build_distributions(ROOT, base / "one"), build_distributions(ROOT, base / "two")


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_NO_INDEX"] = "1"
    return env


def test_wheel_and_sdist_are_byte_reproducible(dists: tuple[list[Path], list[Path]]) -> None:
    one, two = dists
    assert [p.name for p in one] == [p.name for p in two]
    assert {p.suffix for p in one} == {".whl", ".gz"}
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_installed_wheel_loads_and_validates_the_data_offline(
    dists: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    wheel = next(p for p in dists[0] if p.suffix == ".whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped = zf.read("syria_offensive/_package/data/events.csv").decode("utf-8")
        names = zf.namelist()
        assert "syria_offensive/release/registry.json" in names
        assert (
            "syria_offensive/metadata/geonames_sy.csv" in names
        )  # the offline gazetteer the validator needs
        shipped_views = {n.rsplit("/", 1)[-1] for n in names if n.startswith("syria_offensive/access/views/")}
        assert {p.name for p in (ROOT / "src" / "syria_offensive" / "views").glob("*.sql")} <= shipped_views
    expected_events = len(list(csv.DictReader(io.StringIO(shipped))))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    env = _clean_env()
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    parent = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(purelib, "_parent_site_packages.pth").write_text("\n".join(parent) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        check=True,
        env=env,
        cwd=tmp_path,
    )
    done = subprocess.run(
        [python, "-m", "syria_offensive.release.smoke"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"data: {Path(purelib).resolve() / 'syria_offensive' / '_package'}"
    assert "from wheel: yes" in lines and f"events: {expected_events}" in lines
    assert any(line.startswith("VALID: ") for line in lines)
