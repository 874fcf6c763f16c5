"""Where validation spends its time: each stage of validate_package timed inside one process, on the
package at PATH or on a synthetic package of N events (generated into a temporary folder, then removed).

The wall-clock benchmark (validate_bench.py) says how long validation takes against DuckDB's floor;
this says which stage to work on. Stage times add up to a little less than the total (the rest is glue).

Usage: python bench/validate_stages.py [--events 1000000 | --path PACKAGE] [--repeats 1]
"""

from __future__ import annotations

import argparse
import functools
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

GENERATE = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(HERE.parent / "tests")!r})
from support.synthetic import make_package
make_package(Path(sys.argv[1]), int(sys.argv[2]))
"""

# The stages, as validate_package calls them (module, name).
STAGES = (
    ("syria_offensive.validation", "check_file"),
    ("syria_offensive.validation", "load_resource"),
    ("syria_offensive.validation", "check_cells"),
    ("syria_offensive.validation", "check_unique"),
    ("syria_offensive.validation", "check_foreign_keys"),
    ("syria_offensive.validation.semantics", "check_semantics"),
    ("syria_offensive.validation", "check_cross_table"),
)


def timed(seconds: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - start

    return wrapper


def profile(root: Path, repeats: int) -> dict[str, list[float]]:
    import importlib

    import syria_offensive.validation as validation

    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        seconds: dict[str, float] = defaultdict(float)
        originals = []
        for module_name, name in STAGES:
            module = importlib.import_module(module_name)
            originals.append((module, name, getattr(module, name)))
            setattr(module, name, timed(seconds, name, getattr(module, name)))
        try:
            start = time.perf_counter()
            report = validation.validate_package(root)
            seconds["total"] = time.perf_counter() - start
        finally:
            for module, name, func in originals:
                setattr(module, name, func)
        for name, value in seconds.items():
            runs[name].append(value)
        runs["problems"].append(float(len(report.problems)))
    return runs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000, help="size of the synthetic package")
    ap.add_argument("--path", type=Path, help="profile this package instead of a synthetic one")
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    work = None
    try:
        if args.path is None:
            work = Path(tempfile.mkdtemp(prefix="validate-stages-"))
            root = work / f"events-{args.events}"
            print(f"generating {args.events} events into {root} ...", file=sys.stderr)
            # In a child process, so that this one's peak memory is validation's alone.
            subprocess.run([sys.executable, "-c", GENERATE, str(root), str(args.events)], check=True)
        else:
            root = args.path
        runs = profile(root, args.repeats)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| stage | median s ({args.repeats} run(s)) |\n| --- | ---: |")
    for name in [n for _, n in STAGES] + ["total"]:
        print(f"| {name} | {statistics.median(runs[name]):.2f} |")
    print(
        f"\nproblems found: {int(statistics.median(runs['problems']))}; peak RSS of this process: {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
