"""Differential test: where the project's validator and `frictionless validate` check the same things
(types, required, unique, enum, pattern, bounds, lengths, primary and foreign keys), they must find the
same problems on the same rows and fields, over many randomly broken copies of the real data."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PackageCopy
from syria_offensive.metadata.descriptor import Field, load_package
from syria_offensive.validation import validate_package

# frictionless is a test dependency (nox installs it); without it these tests are skipped, not failed.
pytest.importorskip(
    "frictionless", reason="the differential tests run frictionless (pip install frictionless)"
)
pytestmark = pytest.mark.slow

SHARED_RULES = {
    "type",
    "required",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "min-length",
    "max-length",
    "unique",
    "primary-key",
    "foreign-key",
}
NOTE_RULES = {
    "required": "required",
    "enum": "enum",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "minLength": "min-length",
    "maxLength": "max-length",
}
JUNK = {
    "integer": ["abc", "1.5", "2e3", "--"],
    "number": ["abc", "12,5", "1/2"],
    "date": ["2024-13-01", "27/11/2024", "2024-02-30"],
    "boolean": ["yes", "t", "2"],
    "uri": ["www.example.org/page", "no scheme"],
    "string": [],
    "list": [],
}
SEEDS = range(30)

Key = tuple[str, int, str | None, str]


def frictionless_findings(root: Path) -> set[Key]:
    out = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(root / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    report = json.loads(out.stdout)
    found: set[Key] = set()
    for task in report["tasks"]:
        path = task["place"]
        for e in task["errors"]:
            kind = e["type"]
            field = e.get("fieldName")
            if kind == "type-error":
                rule = "type"
            elif kind == "constraint-error":
                rule = NOTE_RULES[re.match(r'constraint "(\w+)"', e["note"]).group(1)]  # type: ignore[union-attr]
            elif kind == "unique-error":
                rule = "unique"
            elif kind == "primary-key":
                rule, field = "primary-key", None
            elif kind == "foreign-key":
                rule = "foreign-key"
                field = re.match(r'for "([^"]+)"', e["note"]).group(1)  # type: ignore[union-attr]
            else:
                continue
            found.add((path, e["rowNumber"], field, rule))
    return found


def our_findings(root: Path) -> set[Key]:
    return {
        (p.file, p.row, None if p.rule == "primary-key" else p.column, p.rule)
        for p in validate_package(root).problems
        if p.rule in SHARED_RULES and p.row is not None
    }


def _kind(f: Field) -> str:
    return "uri" if f.format == "uri" else f.type


def break_randomly(pkg: PackageCopy, rng: random.Random, n: int) -> list[str]:
    package = load_package(pkg.root)
    done = []
    for _ in range(n):
        name = rng.choice([r for r in package.resources if r != "governorates"])
        res = package.resources[name]
        header, rows = pkg.read(name)
        if len(rows) < 2:
            continue
        i = rng.randrange(len(rows))
        kind = rng.choice(
            ["type", "required", "enum", "pattern", "bounds", "length", "duplicate", "dangling"]
        )
        fields: list[Field] = list(res.schema.fields)
        if kind == "type":
            fields = [f for f in fields if JUNK[_kind(f)]]
            if not fields:
                continue
            f = rng.choice(fields)
            rows[i][f.name] = rng.choice(JUNK[_kind(f)])
        elif kind == "required":
            f = rng.choice([f for f in fields if f.required or f.name in res.schema.primary_key])
            rows[i][f.name] = ""
        elif kind == "enum":
            options = [f for f in fields if f.enum]
            if not options:
                continue
            f = rng.choice(options)
            rows[i][f.name] = "not-in-the-vocabulary" if f.type == "string" else "99"
        elif kind == "pattern":
            options = [f for f in fields if f.pattern]
            if not options:
                continue
            f = rng.choice(options)
            rows[i][f.name] = "Has Spaces!"
        elif kind == "bounds":
            options = [f for f in fields if f.minimum is not None or f.maximum is not None]
            if not options:
                continue
            f = rng.choice(options)
            rows[i][f.name] = (
                str(int(f.maximum) + 5) if f.maximum is not None else str(int(f.minimum or 0) - 5)
            )
        elif kind == "length":
            options = [f for f in fields if f.max_length is not None]
            if not options:
                continue
            f = rng.choice(options)
            rows[i][f.name] = "y" * (f.max_length or 0) + "z"
        elif kind == "duplicate":
            pk = res.schema.primary_key
            j = rng.randrange(len(rows))
            for k in pk:
                rows[i][k] = rows[j][k]
            f = None  # type: ignore[assignment]
        else:
            options = [fk for fk in res.schema.foreign_keys if len(fk.fields) == 1]
            if not options:
                continue
            fk = rng.choice(options)
            rows[i][fk.fields[0]] = "dangling-reference"
        pkg.write(name, header, rows)
        done.append(f"{name}[{i}] {kind}")
    return done


@pytest.mark.parametrize("seed", SEEDS)
def test_findings_agree_with_frictionless(pkg: PackageCopy, seed: int) -> None:
    rng = random.Random(seed)
    mutations = break_randomly(pkg, rng, rng.randint(3, 10))
    theirs = frictionless_findings(pkg.root)
    ours = our_findings(pkg.root)
    assert theirs, "the broken copy must have problems for the comparison to mean anything"
    assert ours == theirs, (
        f"mutations: {mutations}\nonly ours: {sorted(ours - theirs)}\nonly frictionless: {sorted(theirs - ours)}"
    )


def test_frictionless_accepts_the_bundled_data(pkg: PackageCopy) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        capture_output=True,
        text=True,
        cwd=pkg.root,
        check=False,
    )
    report = json.loads(out.stdout)
    assert report["valid"] is True, out.stdout[:2000]
    assert out.returncode == 0
