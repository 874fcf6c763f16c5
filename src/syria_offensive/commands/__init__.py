"""The command line's subcommands, one module each: NAME, HELP, configure(parser), run(args) -> exit code."""

from __future__ import annotations

from types import ModuleType

from . import dictionary, format, gazetteer, hashes, stats, validate

COMMANDS: tuple[ModuleType, ...] = (validate, stats, format, hashes, dictionary, gazetteer)
