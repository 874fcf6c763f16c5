"""Atomic multi-file writes: files are written into a hidden folder beside their destination, synced,
then each renamed into place; on any failure the folder is removed and nothing reaches the destination."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _sync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


@contextmanager
def staged(destination: Path) -> Iterator[tuple[Path, list[Path]]]:
    """Yield (staging folder, list to be filled with the final paths once moved)."""
    destination.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=destination, prefix=".export-", suffix=".tmp"))
    moved: list[Path] = []
    try:
        yield folder, moved
        files = sorted(p for p in folder.iterdir() if p.is_file())
        for f in files:
            _sync(f)
        for f in files:
            target = destination / f.name
            os.replace(f, target)
            moved.append(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
