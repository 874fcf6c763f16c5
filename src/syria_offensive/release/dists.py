"""The Python wheel and sdist, built by the standard front end (`python -m build`) with hatchling.

Built without build isolation (so no network: `build` and `hatchling` must be installed, which the
`release` extra does) and with SOURCE_DATE_EPOCH set, which hatchling uses for every timestamp in the
wheel and the sdist: the same commit gives the same bytes. The wheel ships the data package through
pyproject's force-include, so `pip install` alone gives working loaders.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from syria_offensive.errors import PackageError

# 1980-01-01T00:00:00Z, the earliest time a zip entry can record; used unless SOURCE_DATE_EPOCH is set.
DEFAULT_SOURCE_DATE_EPOCH = "315532800"
FRONTEND_MODULES = ("build", "hatchling")


def source_date_epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_SOURCE_DATE_EPOCH


def build_distributions(project: Path, output: Path, *, sdist: bool = True) -> list[Path]:
    """Build the wheel (and the sdist) of the project at `project` into `output`; returns their paths."""
    if not (project / "pyproject.toml").is_file():
        raise PackageError(f"{project}: no pyproject.toml, so no wheel can be built here (use --no-dist)")
    missing = [m for m in FRONTEND_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise PackageError(
            f"building the wheel needs {' and '.join(missing)}: pip install 'syria-offensive-2024[release]'"
        )
    output.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch()}
    with tempfile.TemporaryDirectory(dir=output, prefix=".build-") as tmp:
        targets = ["--sdist", "--wheel"] if sdist else ["--wheel"]
        command = [sys.executable, "-m", "build", "--no-isolation", *targets, "--outdir", tmp, str(project)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
            raise PackageError(f"python -m build failed (exit {done.returncode}):\n{tail}")
        built = []
        for path in sorted(Path(tmp).iterdir()):
            final = output / path.name
            os.replace(path, final)
            built.append(final)
    return built
