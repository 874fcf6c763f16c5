"""The tables of the contract, read from the descriptor and Table Schemas that ship with this code.

No table list is written by hand anywhere: the names come from datapackage.json's resources and their
order from the schemas' foreign keys (a table comes after every table it refers to), so loading,
validation and exports always take referenced tables first.
"""

from __future__ import annotations

import json
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from syria_offensive.metadata.paths import DESCRIPTOR_NAME, bundled_package_dir


def dependency_order(names: list[str], refers_to: dict[str, set[str]]) -> tuple[str, ...]:
    """`names` ordered so that each comes after the tables it refers to; ties keep the given order."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    rank = {n: i for i, n in enumerate(names)}
    for name in names:
        sorter.add(name, *sorted((refers_to.get(name, set()) & set(names)) - {name}, key=rank.__getitem__))
    out: list[str] = []
    try:
        sorter.prepare()
    except CycleError:  # a cycle has no dependency order: keep the descriptor's
        return tuple(names)
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=rank.__getitem__)
        out.extend(ready)
        sorter.done(*ready)
    return tuple(out)


def _read_contract(root: Path) -> tuple[str, ...]:
    descriptor = json.loads((root / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    names: list[str] = [res["name"] for res in descriptor["resources"]]
    refers_to: dict[str, set[str]] = {}
    for res in descriptor["resources"]:
        schema = json.loads((root / res["schema"]).read_text(encoding="utf-8"))
        refers_to[res["name"]] = {
            fk["reference"]["resource"] or res["name"] for fk in schema.get("foreignKeys", [])
        }
    return dependency_order(names, refers_to)


def contract_tables() -> tuple[str, ...]:
    """The contract's table names in dependency order (empty when the code ships without its data)."""
    try:
        return _read_contract(bundled_package_dir())
    except (OSError, ValueError, KeyError, TypeError):
        return ()
