"""Turning problems found while loading a table into one readable InvalidDataError."""

from __future__ import annotations

from collections.abc import Sequence

from syria_offensive.errors import InvalidDataError
from syria_offensive.problems import Problem, Report

SHOWN = 10


def describe(problem: Problem) -> str:
    where = problem.file + (f", row {problem.row}" if problem.row is not None else "")
    column = f", column {problem.column}" if problem.column else ""
    value = f" (value {problem.value!r})" if problem.value is not None else ""
    return f"{where}{column}: {problem.rule}: {problem.message}{value}"


def raise_if_any(problems: Sequence[Problem], descriptor: str, what: str) -> None:
    """Raise InvalidDataError listing the first problems (file, row, rule) when there are any."""
    if not problems:
        return
    report = Report(descriptor)
    report.extend(problems)
    ordered = report.sorted_problems()
    lines = [f"{what}: {len(ordered)} problem(s)"]
    lines += [f"  {describe(p)}" for p in ordered[:SHOWN]]
    if len(ordered) > SHOWN:
        lines.append(f"  ... and {len(ordered) - SHOWN} more")
    lines.append("Run `syria-offensive validate` on the package for the full report.")
    raise InvalidDataError("\n".join(lines), report)
