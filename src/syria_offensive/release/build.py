"""`syria-offensive build`: the release files for the version in datapackage.json.

Into the output folder (default dist/):
- `syria-offensive-2024-<version>.zip`: the data archive, byte-reproducible. One top folder
  `syria-offensive-2024-<version>/` holding datapackage.json, data/, schemas/, docs/, README.md,
  CHANGELOG.md, CITATION.cff, LICENSE, LICENSE-DATA, parquet/<table>.parquet, load.sql and SHA256SUMS
  (the sha256 of every other member).
- `syria-offensive-2024-<version>.duckdb`: the tables as a DuckDB database (built by load.sql; DuckDB
  files are not byte-reproducible, so it is kept out of the archive and out of the registry).
- the wheel and the sdist (unless `dists=False`), reproducible through SOURCE_DATE_EPOCH.
- `syria-offensive-2024-<version>.sha256`: the sha256 of each file above.

A release is built only from valid data whose version agrees in datapackage.json, CITATION.cff and
CHANGELOG.md.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from syria_offensive.atomic import write_atomic
from syria_offensive.errors import InvalidDataError, PackageError
from syria_offensive.metadata.descriptor import Package, load_package
from syria_offensive.release.checksums import format_sums, sha256_bytes, sha256_file
from syria_offensive.release.dists import build_distributions
from syria_offensive.release.names import (
    CHECKSUMS,
    archive_name,
    dist_checksums_name,
    duckdb_name,
    folder_name,
    looks_like_version,
)
from syria_offensive.release.table_files import LOAD_SQL, build_duckdb, load_sql, parquet_files
from syria_offensive.release.zipwrite import deterministic_zip
from syria_offensive.validation import validate_package

TOP_FILES = ("datapackage.json", "README.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "LICENSE-DATA")
TOP_DIRS = ("data", "schemas", "docs")


@dataclass(frozen=True)
class ArchiveContents:
    version: str
    members: dict[str, bytes]  # path inside the top folder -> bytes, SHA256SUMS included

    @property
    def folder(self) -> str:
        return folder_name(self.version)

    def zip_bytes(self) -> bytes:
        return deterministic_zip({f"{self.folder}/{name}": data for name, data in self.members.items()})


@dataclass(frozen=True)
class ReleaseFiles:
    version: str
    archive: Path
    duckdb: Path
    dists: tuple[Path, ...]
    checksums: Path

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.archive, self.duckdb, *self.dists)


def _tree_files(root: Path, folder: str) -> dict[str, Path]:
    base = root / folder
    if not base.is_dir():
        raise PackageError(f"{base}: a release needs this folder")
    found = {}
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(root)
        if (
            any(part.startswith(".") or part == "__pycache__" for part in relative.parts)
            or not path.is_file()
        ):
            continue
        found[relative.as_posix()] = path
    return found


def source_files(root: Path) -> dict[str, Path]:
    """The checkout's files that go into the archive, by their path in it."""
    files: dict[str, Path] = {}
    for name in TOP_FILES:
        if not (root / name).is_file():
            raise PackageError(f"{root / name}: a release needs this file")
        files[name] = root / name
    for folder in TOP_DIRS:
        files.update(_tree_files(root, folder))
    return files


def check_version_agrees(package: Package) -> str:
    """The version, once it is known to be the same in datapackage.json, CITATION.cff and CHANGELOG.md."""
    version = package.version
    if not looks_like_version(version):
        raise PackageError(
            f"{package.descriptor_path}: version {version!r} is not a release version like 0.2.0"
        )
    citation = (package.root / "CITATION.cff").read_text(encoding="utf-8")
    cited = re.search(r'^version:\s*"?([^"\n]+?)"?\s*$', citation, re.M)
    if not cited or cited.group(1) != version:
        found = cited.group(1) if cited else "none"
        raise PackageError(f"CITATION.cff has version {found}; datapackage.json has {version}: bump both")
    if f"## [{version}]" not in (package.root / "CHANGELOG.md").read_text(encoding="utf-8"):
        raise PackageError(
            f"CHANGELOG.md has no '## [{version}]' section: describe the release before building it"
        )
    return version


def archive_contents(root: Path, *, validate: bool = True) -> ArchiveContents:
    """Everything the data archive holds, read and generated in memory."""
    package = load_package(root)
    version = check_version_agrees(package)
    if validate:
        report = validate_package(package.descriptor_path)
        if not report.valid:
            raise InvalidDataError(f"the data is not valid: no release built for {version}", report)
    members = {name: path.read_bytes() for name, path in source_files(package.root).items()}
    members.update(parquet_files(package))
    members[LOAD_SQL] = load_sql(package).encode("utf-8")
    sums = {name: sha256_bytes(data) for name, data in members.items()}
    members[CHECKSUMS] = format_sums(sums).encode("utf-8")
    return ArchiveContents(version, members)


def write_archive(contents: ArchiveContents, output: Path) -> Path:
    target = output / archive_name(contents.version)
    write_atomic(target, contents.zip_bytes())
    return target


def write_duckdb(contents: ArchiveContents, output: Path) -> Path:
    """The database that load.sql builds, at <output>/syria-offensive-2024-<version>.duckdb."""
    output.mkdir(parents=True, exist_ok=True)
    target = output / duckdb_name(contents.version)
    with tempfile.TemporaryDirectory(dir=output, prefix=".duckdb-") as tmp:
        folder = Path(tmp)
        for name, data in contents.members.items():
            if name.startswith("parquet/"):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
        database = folder / target.name
        build_duckdb(folder, contents.members[LOAD_SQL].decode("utf-8"), database)
        database.replace(target)
    return target


def build_release(
    root: str | Path = ".", output: str | Path | None = None, *, dists: bool = True, validate: bool = True
) -> ReleaseFiles:
    """Write every release file for the checkout at `root` into `output` (default <root>/dist)."""
    root = Path(root).resolve()
    out = Path(output) if output is not None else root / "dist"
    contents = archive_contents(root, validate=validate)
    archive = write_archive(contents, out)
    database = write_duckdb(contents, out)
    built = tuple(build_distributions(root, out)) if dists else ()
    files = (archive, database, *built)
    checksums = out / dist_checksums_name(contents.version)
    write_atomic(checksums, format_sums({p.name: sha256_file(p) for p in files}))
    return ReleaseFiles(contents.version, archive, database, built, checksums)
