"""The steps of validation, each with the columns it reads, so that validate_package can run a step as
soon as the tables it reads are loaded and drop every column once no step left reads it.

Memory then holds what the remaining steps read, not every table at once: measured at 1M events, the
tables held 504 MB together; loaded and checked one after the other, with only the columns later steps
join on kept, the most ever held is the largest table and a few key columns (see bench/results).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from syria_offensive.metadata.descriptor import Package
from syria_offensive.read.csv_load import RAW
from syria_offensive.validation.crosstable import CROSS_RULES, CYCLES
from syria_offensive.validation.rules import rules_for


@dataclass(frozen=True)
class Step:
    kind: str  # cells | unique | semantics | foreign-keys | cycles | cross
    subject: str  # the table the step checks; for foreign-keys the citing table, for cross the rule id
    needs: Mapping[str, frozenset[str]]  # table -> the columns the step reads
    target: str | None = None  # foreign-keys: the table whose keys are cited


def _frozen(needs: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    return {t: frozenset(cols) for t, cols in needs.items()}


def plan(package: Package) -> list[Step]:
    """Every step of validating the package that can run on its tables, in a fixed order."""
    steps: list[Step] = []
    for name in package.table_order():
        schema = package.resources[name].schema
        steps.append(Step("cells", name, _frozen({name: [*schema.field_names, RAW]})))
        unique = [*schema.primary_key, *(f.name for f in schema.fields if f.unique)]
        steps.append(Step("unique", name, _frozen({name: unique})))
        semantic = [c for rule in rules_for(name) for c in rule.columns]
        if semantic:
            steps.append(Step("semantics", name, _frozen({name: semantic})))
        # One step per cited table: a target that cannot be loaded stops only the keys citing it.
        cited: dict[str, dict[str, set[str]]] = {}
        for fk in schema.foreign_keys:
            target = fk.resource or name
            needs = cited.setdefault(target, {name: set()})
            needs[name].update(fk.fields)
            needs.setdefault(target, set()).update(fk.reference_fields)
        for target, needs in cited.items():
            steps.append(Step("foreign-keys", name, _frozen(needs), target))
    for table, key, parent, rule_id in CYCLES:
        steps.append(Step("cycles", rule_id, _frozen({table: [key, parent]})))
    for rule in CROSS_RULES:
        steps.append(Step("cross", rule.rule, _frozen(rule.needs)))
    return [s for s in steps if all(t in package.resources for t in s.needs)]


def live_columns(steps: Iterable[Step]) -> dict[str, set[str]]:
    """table -> the columns that the given (pending) steps read."""
    live: dict[str, set[str]] = {}
    for step in steps:
        for table, columns in step.needs.items():
            live.setdefault(table, set()).update(columns)
    return live
