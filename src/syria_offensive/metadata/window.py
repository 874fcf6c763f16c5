"""The study window: the days the package covers, from the descriptor's temporalCoverage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from syria_offensive.problems import Problem

if TYPE_CHECKING:
    from syria_offensive.metadata.descriptor import Package


@dataclass(frozen=True)
class StudyWindow:
    start: dt.date
    end: dt.date


DEFAULT_WINDOW = StudyWindow(dt.date(2024, 11, 27), dt.date(2024, 12, 8))


def study_window(package: Package) -> tuple[StudyWindow, list[Problem]]:
    raw: Any = package.descriptor.get("temporalCoverage")
    if raw is None:
        return DEFAULT_WINDOW, []
    try:
        return StudyWindow(dt.date.fromisoformat(raw["start"]), dt.date.fromisoformat(raw["end"])), []
    except (TypeError, KeyError, ValueError):
        msg = "temporalCoverage must be an object with ISO dates 'start' and 'end'"
        return DEFAULT_WINDOW, [
            Problem(
                package.descriptor_path.name, None, "temporalCoverage", "descriptor", str(raw), msg, "package"
            )
        ]
