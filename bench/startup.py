"""Start-up benchmark (nox -s bench_startup): what a command costs before it does its work, and the
main job on the bundled data, each side by side with Frictionless in the same run.

Every measurement is a fresh process (launched by validate_bench's small launcher, so that its peak
memory is the command's own); the table gives medians of wall time and of peak memory over the repeats,
and the ratios of medians measured in this one run. Results are printed; `--write` also records them
in bench/results/startup.md and .json (tracked files are written only when asked).

Targets (issue 15): --help and `import syria_offensive` under 0.15 s; connect() and the loaders without
pandera; validate on the bundled data faster than `frictionless validate` and under 200 MiB.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_bench import RESULTS, run  # the shared launcher that measures one process

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]
PROBE = "import sys, {mod}; {call}; print(int('pandera' in sys.modules), int('pandas' in sys.modules))"

COMMANDS: dict[str, list[str]] = {
    "syria-offensive --help": [PY, "-m", "syria_offensive.cli", "--help"],
    "frictionless --help": [PY, "-m", "frictionless", "--help"],
    "import syria_offensive": [PY, "-c", PROBE.format(mod="syria_offensive as so", call="None")],
    "import frictionless": [PY, "-c", PROBE.format(mod="frictionless", call="None")],
    "connect() + one query": [
        PY,
        "-c",
        PROBE.format(
            mod="syria_offensive as so", call="so.connect().sql('SELECT count(*) FROM events').fetchall()"
        ),
    ],
    "load_events(validate=False)": [
        PY,
        "-c",
        PROBE.format(mod="syria_offensive as so", call="so.load_events(validate=False)"),
    ],
    "load_events() (validated)": [
        PY,
        "-c",
        PROBE.format(mod="syria_offensive as so", call="so.load_events()"),
    ],
    "syria-offensive validate (bundled data)": [PY, "-m", "syria_offensive.cli", "validate", str(ROOT)],
    "frictionless validate (bundled data)": [
        PY,
        "-m",
        "frictionless",
        "validate",
        str(ROOT / "datapackage.json"),
    ],
}
PAIRS = (
    ("syria-offensive --help", "frictionless --help"),
    ("import syria_offensive", "import frictionless"),
    ("syria-offensive validate (bundled data)", "frictionless validate (bundled data)"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="record the results in bench/results/")
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    # Interleave the commands so that a slow moment of the machine spreads over all of them.
    samples: dict[str, list[tuple[float, float, str]]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeats):
        for name, cmd in COMMANDS.items():
            r = run(cmd)
            samples[name].append(
                (r.seconds, r.max_rss_mb, r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "")
            )
    for name, got in samples.items():
        flags = got[-1][2].split()
        results[name] = {
            "median_s": round(statistics.median(s for s, _, _ in got), 3),
            "median_peak_mib": round(statistics.median(m for _, m, _ in got), 1),
            "pandera_imported": bool(int(flags[0]))
            if len(flags) == 2 and name.startswith(("import s", "conn", "load"))
            else None,
        }
    ratios = {
        f"{a} / {b}": round(float(results[a]["median_s"]) / float(results[b]["median_s"]), 2)  # type: ignore[arg-type]
        for a, b in PAIRS
    }
    meta = {
        "python": platform.python_version(),
        "cores": __import__("os").cpu_count(),
        "repeats": args.repeats,
        "versions": {p: version(p) for p in ("duckdb", "polars", "frictionless")},
    }
    lines = [
        "# Start-up and the main job (bench/startup.py)",
        "",
        f"Medians of {args.repeats} fresh processes each, interleaved, on {meta['cores']} cores; "
        f"Python {meta['python']}, " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".",  # type: ignore[attr-defined]
        "",
        "| command | median s | median peak MiB | pandera imported |",
        "| --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        flag = "" if r["pandera_imported"] is None else ("yes" if r["pandera_imported"] else "no")
        lines.append(f"| {name} | {r['median_s']} | {r['median_peak_mib']} | {flag} |")
    lines += ["", "| ratio of medians | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in ratios.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "startup.md").write_text(text, encoding="utf-8")
        (RESULTS / "startup.json").write_text(
            json.dumps({"meta": meta, "results": results, "ratios": ratios}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
