"""The descriptor's record of each resource's sha256 and size: compared, and rewritten on request."""

from __future__ import annotations

import json
from dataclasses import dataclass

from syria_offensive.atomic import write_atomic
from syria_offensive.metadata.descriptor import Package
from syria_offensive.read.files import sha256_of


@dataclass
class HashStatus:
    resource: str
    recorded: tuple[str | None, int | None]
    actual: tuple[str, int]

    @property
    def current(self) -> bool:
        return self.recorded == self.actual


def hash_status(package: Package) -> list[HashStatus]:
    statuses = []
    for raw in package.descriptor["resources"]:
        res = package.resources.get(raw.get("name"))
        if res is None or not res.file(package.root).is_file():
            continue
        path = res.file(package.root)
        statuses.append(
            HashStatus(
                res.name,
                (raw.get("hash"), raw.get("bytes")),
                (f"sha256:{sha256_of(path)}", path.stat().st_size),
            )
        )
    return statuses


def write_hashes(package: Package) -> list[HashStatus]:
    statuses = hash_status(package)
    by_name = {s.resource: s for s in statuses}
    descriptor = package.descriptor
    for raw in descriptor["resources"]:
        status = by_name.get(raw.get("name"))
        if status is not None:
            raw["hash"], raw["bytes"] = status.actual
    write_atomic(package.descriptor_path, dump_descriptor(descriptor))
    return statuses


def dump_descriptor(descriptor: dict[str, object]) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
