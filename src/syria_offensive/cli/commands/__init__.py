"""The command line's subcommands, one module each: NAME, HELP, configure(parser), run(args) -> exit code."""

from __future__ import annotations

from types import ModuleType

from syria_offensive.cli.commands import (
    build,
    dictionary,
    diff,
    download,
    export,
    figures,
    fill_rates,
    format,
    gazetteer,
    hashes,
    query,
    release,
    serve,
    stats,
    tables,
    validate,
)

COMMANDS: tuple[ModuleType, ...] = (
    validate,
    stats,
    format,
    hashes,
    dictionary,
    fill_rates,
    gazetteer,
    build,
    release,
    download,
    diff,
    query,
    tables,
    export,
    figures,
    serve,
)
