"""Benchmark of validation (nox -s bench): the project's validator, `frictionless validate`, and DuckDB's
bare count over the same CSVs (the I/O floor), on synthetic packages of 10k, 100k and 1M events with
planted violations. Each measurement runs in a fresh process, the tools taking turns (one run of each,
then the next round), so that a change in the machine's load falls on all of them alike; the table gives
medians of wall time and peak memory (max RSS), ratios measured side by side in this one run, and checks
that every planted violation was found at its row under its rule.

--baseline SRC also times the project's validator from another checkout's `src` folder (a git worktree of
an earlier commit, say) in the same rounds: the ratio of the two is the fair way to compare versions on a
machine whose speed drifts.

Usage: python bench/validate_bench.py [--sizes 10000 100000 1000000] [--repeats 3] [--frictionless-max 1000000]
       [--baseline SRC] [--write: record bench/results/validation.*] [--keep-work: keep the generated packages]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # support/synthetic.py: the package generator
WORK = HERE / "work"
RESULTS = HERE / "results"

FLOOR = """
import sys, duckdb, json
from pathlib import Path
root = Path(sys.argv[1])
con = duckdb.connect()
total = 0
for res in json.loads((root / 'datapackage.json').read_text())['resources']:
    path = root / res['path']
    header = path.open(encoding='utf-8').readline().rstrip('\\n').split(',')
    cols = '{' + ', '.join(f"'{c}': 'VARCHAR'" for c in header) + '}'
    total += con.execute(f"SELECT count(*) FROM read_csv('{path}', header=true, auto_detect=false, delim=',', quote='\\"', escape='\\"', columns={cols}, null_padding=true, ignore_errors=true)").fetchone()[0]
print(total)
"""


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str


# Each measurement is started from this small launcher, not from the benchmark process itself: on Linux
# a child's max RSS includes the memory of the process it was forked from, which here holds packages.
LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"{seconds} {peak} {proc.returncode}\\n")
sys.stdout.buffer.write(proc.stdout)
"""


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True, check=False, env=env
    )
    seconds, peak_kb, code = proc.stderr.strip().splitlines()[-1].split()
    return Run(float(seconds), int(peak_kb) / 1024, int(code), proc.stdout)


def tools(root: Path) -> dict[str, list[str]]:
    return {
        "project validate": [
            sys.executable,
            "-m",
            "syria_offensive.cli",
            "validate",
            str(root),
            "--format",
            "json",
        ],
        "frictionless validate": [
            sys.executable,
            "-m",
            "frictionless",
            "validate",
            "--json",
            str(root / "datapackage.json"),
        ],
        "duckdb count(*) floor": [sys.executable, "-c", FLOOR, str(root)],
    }


BASELINE = "baseline validate"


def tool_env(name: str, baseline: Path | None) -> dict[str, str] | None:
    """The baseline runs the same command with its checkout's sources first on the path."""
    if name != BASELINE or baseline is None:
        return None
    return {**os.environ, "PYTHONPATH": str(baseline)}


def generator_key() -> str:
    """Packages are cached per version of the generator and the schemas, so a change rebuilds them."""
    import hashlib

    from support import synthetic  # tests/support: test and bench support, not library code
    from syria_offensive.metadata.paths import bundled_package_dir

    digest = hashlib.sha256(Path(synthetic.__file__).read_bytes())
    for schema in sorted((bundled_package_dir() / "schemas").glob("*.json")):
        digest.update(schema.read_bytes())
    return digest.hexdigest()[:10]


def ensure_package(n: int) -> tuple[Path, list[dict[str, object]]]:
    from support.synthetic import make_package

    root = WORK / generator_key() / f"events-{n}"
    planted_file = root / "planted.json"
    if not planted_file.is_file():
        planted = make_package(root, n)
        planted_file.write_text(json.dumps([asdict(p) for p in planted]), encoding="utf-8")
    return root, json.loads(planted_file.read_text(encoding="utf-8"))


def check_found(report_json: str, planted: list[dict[str, object]]) -> tuple[int, int, int]:
    report = json.loads(report_json)
    got = {(p["file"], p["row"], p["column"] or "", p["rule"]) for p in report["problems"]}
    want = {(p["file"], p["row"], p["column"], p["rule"]) for p in planted}
    return len(want & got), len(want - got), len(got - want)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--frictionless-max", type=int, default=1_000_000, help="skip frictionless above this size"
    )
    ap.add_argument(
        "--baseline", type=Path, help="also time the validator of another checkout's src folder, in turns"
    )
    ap.add_argument("--write", action="store_true", help="record the results in bench/results/ (tracked)")
    ap.add_argument("--keep-work", action="store_true", help="keep the generated packages in bench/work/")
    args = ap.parse_args()
    try:
        return _main(args)
    finally:
        if not args.keep_work:
            shutil.rmtree(WORK, ignore_errors=True)


def _main(args: argparse.Namespace) -> int:
    rows = []
    all_found = True
    for n in args.sizes:
        root, planted = ensure_package(n)
        size_mb = sum(p.stat().st_size for p in (root / "data").glob("*.csv")) / 1e6
        commands = tools(root)
        if args.baseline is not None:
            commands[BASELINE] = commands["project validate"]
        commands = {
            name: cmd
            for name, cmd in commands.items()
            if not (name.startswith("frictionless") and n > args.frictionless_max)
        }
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(args.repeats):
            for name, cmd in commands.items():
                runs[name].append(run(cmd, tool_env(name, args.baseline)))
        for name, done in runs.items():
            entry = {
                "events": n,
                "csv_mb": round(size_mb, 1),
                "tool": name,
                "repeats": len(done),
                "median_s": round(statistics.median(r.seconds for r in done), 3),
                "min_s": round(min(r.seconds for r in done), 3),
                "median_peak_mb": round(statistics.median(r.max_rss_mb for r in done), 1),
            }
            if name in ("project validate", BASELINE):
                found, missed, extra = check_found(done[0].stdout, planted)
                entry.update(planted=len(planted), found=found, missed=missed, unexpected=extra)
            if name == "project validate":
                all_found &= missed == 0 and extra == 0 and all(r.returncode == 1 for r in done)
            rows.append(entry)
            print(json.dumps(entry), flush=True)
    summary = summarise(rows)
    meta = {
        "command": "nox -s bench  (python bench/validate_bench.py " + " ".join(sys.argv[1:]) + ")",
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "versions": {p: _version_or_none(p) for p in ("duckdb", "polars", "pandera", "frictionless")},
        "date": time.strftime("%Y-%m-%d"),
        "baseline": None if args.baseline is None else f"{args.baseline} at {_commit_of(args.baseline)}",
    }
    md = render(meta, rows, summary)
    if args.write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "validation.json").write_text(
            json.dumps({"meta": meta, "runs": rows, "summary": summary}, indent=2) + "\n"
        )
        (RESULTS / "validation.md").write_text(md)
    print(md)
    return 0 if all_found else 1


def _commit_of(path: Path) -> str:
    """The commit checked out where `path` lies, to name the baseline in the results."""
    proc = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return proc.stdout.strip() if proc.returncode == 0 else "an unknown commit"


def _version_or_none(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:  # an extra not installed here
        return None


def summarise(rows: list[dict[str, object]]) -> dict[str, object]:
    by = {(r["events"], r["tool"]): r for r in rows}
    out: dict[str, object] = {}
    for n in sorted({int(r["events"]) for r in rows}):  # type: ignore[call-overload]
        ours = by.get((n, "project validate"))
        fl = by.get((n, "frictionless validate"))
        floor = by.get((n, "duckdb count(*) floor"))
        base = by.get((n, BASELINE))
        if ours and base:
            out[f"{n}: project / baseline time"] = round(float(ours["median_s"]) / float(base["median_s"]), 2)  # type: ignore[arg-type]
            out[f"{n}: project / baseline peak"] = round(
                float(ours["median_peak_mb"]) / float(base["median_peak_mb"]), 2
            )  # type: ignore[arg-type]
        if ours and floor:
            out[f"{n}: project / duckdb floor"] = round(float(ours["median_s"]) / float(floor["median_s"]), 2)  # type: ignore[arg-type]
        if ours and fl:
            out[f"{n}: frictionless / project"] = round(float(fl["median_s"]) / float(ours["median_s"]), 2)  # type: ignore[arg-type]
    sizes = sorted({int(r["events"]) for r in rows})  # type: ignore[call-overload]
    for small, big in itertools.pairwise(sizes):
        a, b = by.get((small, "project validate")), by.get((big, "project validate"))
        if a and b:
            out[f"project {big} / {small} time"] = round(float(b["median_s"]) / float(a["median_s"]), 2)  # type: ignore[arg-type]
    return out


def render(meta: dict[str, object], rows: list[dict[str, object]], summary: dict[str, object]) -> str:
    lines = [
        "# Validation benchmark",
        "",
        f"Made by `{meta['command']}` on {meta['date']}: {meta['cpu_count']} cores, {meta['machine']}, "
        f"Python {meta['python']}, " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".",  # type: ignore[attr-defined]
        "Each cell is the median of fresh-process runs (wall time includes interpreter start and imports); "
        "the tools take turns, one run each per round.",
        *([f"Baseline: the validator of {meta['baseline']}."] if meta.get("baseline") else []),
        "",
        "| events | CSV MB | tool | runs | median s | peak MB | planted found / missed / unexpected |",
        "| ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        found = f"{r['found']}/{r['planted']} / {r['missed']} / {r['unexpected']}" if "found" in r else ""
        lines.append(
            f"| {r['events']:,} | {r['csv_mb']} | {r['tool']} | {r['repeats']} | {r['median_s']} | {r['median_peak_mb']} | {found} |"
        )
    lines += ["", "| ratio | value |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in summary.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
