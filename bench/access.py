"""Benchmark of data access (nox -s bench_access): import plus load_events(), connect() plus a first view
query, and each export format, on the bundled data package (or another one given with --path).

Every measurement runs in a fresh Python process (so nothing is cached between runs); the child times
its own steps with perf_counter and the parent records wall time and peak memory of the whole process.
Results are medians over --repeats runs, written to bench/results/access.md and access.json (with the
machine's core count) and printed.

Usage: python bench/access.py [--repeats 5] [--path PACKAGE_FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

# Each child prints one JSON object: {"import_s": ..., "task_s": ...}. PATH is the package (or None).
CHILD = """
import json, sys, time
path = sys.argv[1] or None
task = sys.argv[2]
start = time.perf_counter()
import syria_offensive
imported = time.perf_counter()
if task == "load_events":
    frame = syria_offensive.load_events(path)
    assert len(frame) > 0
elif task == "load_events_polars":
    frame = syria_offensive.load_events(path, backend="polars")
    assert frame.height > 0
elif task == "connect_view":
    with syria_offensive.connect(path) as con:
        rows = con.sql("SELECT * FROM events_enriched").fetchall()
    assert rows
elif task.startswith("export:"):
    from syria_offensive.exports import export
    written = export(task.split(":", 1)[1], sys.argv[3], path)
    assert written
done = time.perf_counter()
print(json.dumps({"import_s": imported - start, "task_s": done - imported}))
"""

TASKS = {
    "import + load_events()": "load_events",
    "import + load_events(backend='polars')": "load_events_polars",
    "import + connect() + first view query (events_enriched)": "connect_view",
}


def run_child(path: str, task: str, env: dict[str, str]) -> dict[str, float]:
    """One fresh process running the task: its own timings, its wall time and its peak memory."""
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, path, task, out],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        stdout = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"benchmark task {task!r} failed:\n{errors.read()}")
    result: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def measure(path: str, task: str, repeats: int, env: dict[str, str]) -> dict[str, object]:
    runs = [run_child(path, task, env) for _ in range(repeats)]
    with_import = [r["import_s"] + r["task_s"] for r in runs]
    return {
        "runs": repeats,
        "median_s": round(statistics.median(with_import), 4),
        "min_s": round(min(with_import), 4),
        "median_import_s": round(statistics.median(r["import_s"] for r in runs), 4),
        "median_task_s": round(statistics.median(r["task_s"] for r in runs), 4),
        "median_process_s": round(statistics.median(r["process_s"] for r in runs), 4),
        "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
    }


def package_rows(path: str) -> dict[str, int]:
    from syria_offensive.metadata.descriptor import load_package

    package = load_package(path or None)
    counts = {}
    for name, resource in package.resources.items():
        with resource.file(package.root).open(encoding="utf-8", newline="") as fh:
            counts[name] = sum(1 for _ in csv.reader(fh)) - 1
    return counts


def render(meta: dict[str, object], results: dict[str, dict[str, object]]) -> str:
    versions = meta["versions"]
    assert isinstance(versions, dict)
    lines = [
        "# Data access benchmark",
        "",
        f"Made by `{meta['command']}` on {meta['date']}: {meta['cpu_count']} cores, {meta['machine']}, "
        f"Python {meta['python']}, " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        f"Package: {meta['package']} ({meta['rows']}).",
        "Medians of fresh-process runs. `median s` = import of syria_offensive plus the task, timed inside the",
        "process; `task s` = the task alone; `process s` = the whole process (interpreter start included).",
        "",
        "| measurement | runs | median s | min s | import s | task s | process s | median peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['runs']} | {r['median_s']} | {r['min_s']} | {r['median_import_s']} | "
            f"{r['median_task_s']} | {r['median_process_s']} | {r['peak_mb']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeats", type=int, default=5, help="fresh-process runs per measurement (default 5)")
    ap.add_argument("--path", default="", help="a data package folder (default: the bundled data)")
    ap.add_argument("--write", action="store_true", help="record the results in bench/results/ (tracked)")
    args = ap.parse_args()

    env = dict(os.environ)
    try:
        import syria_offensive  # noqa: F401
    except ImportError:  # run from a checkout without installing: use its src/
        src = str(HERE.parent / "src")
        sys.path.insert(0, src)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    from syria_offensive.atomic import write_atomic
    from syria_offensive.exports import FORMATS

    tasks = dict(TASKS)
    tasks.update({f"import + export {name}": f"export:{name}" for name in FORMATS})
    results = {}
    for name, task in tasks.items():
        results[name] = measure(args.path, task, args.repeats, env)
        print(json.dumps({"measurement": name, **results[name]}), flush=True)
    rows = package_rows(args.path)
    meta = {
        "command": "nox -s bench_access  (" + " ".join(["python bench/access.py", *sys.argv[1:]]) + ")",
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "versions": {p: version(p) for p in ("duckdb", "polars", "pandas", "pyarrow", "pandera")},
        "date": time.strftime("%Y-%m-%d"),
        "package": args.path or "bundled data",
        "rows": ", ".join(f"{k} {v}" for k, v in rows.items()),
    }
    report = {"meta": meta, "results": results}
    text = json.dumps(report, indent=2) + "\n"
    markdown = render(meta, results)
    if args.write:
        write_atomic(RESULTS / "access.json", text)
        write_atomic(RESULTS / "access.md", markdown)
    print(text)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
