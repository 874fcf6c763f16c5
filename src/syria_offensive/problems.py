"""One validation finding, and the report that gathers them from every layer."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

LAYERS = ("package", "structure", "semantics", "cross-table")


@dataclass(frozen=True, order=True)
class Problem:
    """A broken rule at a place in the package.

    ``row`` counts like a spreadsheet and like Frictionless: the header is row 1, the first data row
    is row 2. ``row`` and ``column`` are None when the problem is not about one row or one column.
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    value: str | None
    message: str
    layer: str = "structure"

    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (LAYERS.index(self.layer), self.file, self.row or 0, self.column or "", self.rule)


@dataclass
class Report:
    """Everything validation found, in a stable order."""

    descriptor: str
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # rows read per file

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def valid(self) -> bool:
        return not self.problems

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def counts_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(p.rule for p in self.problems).items()))

    def to_json(self) -> str:
        return json.dumps(
            {
                "descriptor": self.descriptor,
                "valid": self.valid,
                "rows_checked": self.checked,
                "problem_count": len(self.problems),
                "counts_by_rule": self.counts_by_rule(),
                "problems": [asdict(p) for p in self.sorted_problems()],
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_text(self, limit_per_rule: int | None = 20) -> str:
        lines: list[str] = []
        total_rows = sum(self.checked.values())
        if self.valid:
            lines.append(
                f"VALID: {self.descriptor} ({len(self.checked)} tables, {total_rows} rows, all layers)"
            )
            return "\n".join(lines)
        lines.append(f"INVALID: {self.descriptor}: {len(self.problems)} problem(s)")
        shown: Counter[str] = Counter()
        hidden: Counter[str] = Counter()
        for p in self.sorted_problems():
            key = f"{p.file}:{p.rule}"
            if limit_per_rule is not None and shown[key] >= limit_per_rule:
                hidden[key] += 1
                continue
            shown[key] += 1
            where = p.file + (f":{p.row}" if p.row is not None else "")
            col = f" [{p.column}]" if p.column else ""
            val = f" value={p.value!r}" if p.value is not None else ""
            lines.append(f"  {where}{col} {p.layer}/{p.rule}:{val} {p.message}")
        for key, n in sorted(hidden.items()):
            lines.append(f"  ... and {n} more {key.split(':', 1)[1]} problem(s) in {key.split(':', 1)[0]}")
        lines.append("By rule: " + ", ".join(f"{r}={n}" for r, n in self.counts_by_rule().items()))
        return "\n".join(lines)
