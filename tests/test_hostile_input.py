"""Hostile input: every broken package gets problems or a clear exit-2 message, never a traceback,
a hang or a VALID verdict (the corpus in hostile_corpus.py, then random mutations by hypothesis)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, PackageCopy
from hostile_corpus import CORPUS
from syria_offensive.errors import PackageError
from syria_offensive.maintain.package_hashes import write_hashes
from syria_offensive.metadata.descriptor import load_package
from syria_offensive.validation import validate_package

# Generous: a run of the whole package takes about a second; a hang is what this catches.
BOUND_SECONDS = 120


def _validate_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syria_offensive.cli", "validate", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        check=False,
    )


@pytest.mark.parametrize(("name", "breaks", "rule"), CORPUS, ids=[c[0] for c in CORPUS])
def test_broken_package_gets_its_problem(
    pkg: PackageCopy, name: str, breaks: object, rule: str | None
) -> None:
    breaks(pkg.root)  # type: ignore[operator]
    result = _validate_in_subprocess(pkg.root)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    if rule is None:
        assert result.returncode == 2 and result.stderr.startswith("error: ")
        return
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]

    rules = {p["rule"] for p in json.loads(result.stdout)["problems"]}
    assert rule in rules, rules


def test_a_blank_line_does_not_shift_later_rows(pkg: PackageCopy) -> None:
    text = pkg.path("actors").read_text(encoding="utf-8").split("\n")
    text.insert(3, "")  # a blank row 4; the rows after it keep their numbers
    pkg.path("actors").write_text("\n".join(text), encoding="utf-8")
    write_hashes(load_package(pkg.root))
    report = validate_package(pkg.root)
    assert {(p.row, p.rule) for p in report.problems} == {(4, "blank-row")}


MUTABLE = ("actors", "places", "events", "event_sources", "figures", "sources")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(MUTABLE),
    offset=st.floats(min_value=0, max_value=1, allow_nan=False),
    junk=st.binary(min_size=1, max_size=6)
    | st.sampled_from([b"\r", b"\r\n", b'"', b",", b"\n", b"\n\n", b"\xff", b"\x00", b",,,", b'""']),
    mode=st.sampled_from(["insert", "replace", "truncate"]),
)
@pytest.mark.slow
def test_random_byte_mutations_never_crash_or_pass(
    tmp_path_factory: pytest.TempPathFactory, table: str, offset: float, junk: bytes, mode: str
) -> None:
    root = tmp_path_factory.mktemp("mutant")
    for part in ("datapackage.json", "data", "schemas"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    path = root / "data" / f"{table}.csv"
    data = path.read_bytes()
    at = int(offset * (len(data) - 1))
    if mode == "insert":
        mutated = data[:at] + junk + data[at:]
    elif mode == "replace":
        mutated = data[:at] + junk + data[at + len(junk) :]
    else:
        mutated = data[:at]
    path.write_bytes(mutated)
    try:
        report = validate_package(root)
    except PackageError:
        return  # exit 2 with a message: the package cannot be read at all
    if mutated != data:
        # The hashes still record the original bytes, so a changed file is never VALID.
        assert not report.valid
        assert any(p.file == f"data/{table}.csv" for p in report.problems)


@pytest.mark.parametrize(("name", "breaks", "rule"), CORPUS, ids=[c[0] for c in CORPUS])
def test_loaders_and_connect_refuse_a_broken_package_with_a_message(
    pkg: PackageCopy, name: str, breaks: object, rule: str | None
) -> None:
    from syria_offensive import InvalidDataError, connect, load_all

    breaks(pkg.root)  # type: ignore[operator]
    for attempt in (lambda: load_all(pkg.root), lambda: connect(pkg.root).close()):
        try:
            attempt()
        except (InvalidDataError, PackageError) as exc:
            assert str(exc)
