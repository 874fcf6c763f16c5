"""Exceptions that carry a message meant for people, not a traceback."""

from __future__ import annotations


class PackageError(Exception):
    """The data package cannot be read at all (missing, not JSON, not a data package)."""


class InvalidDataError(Exception):
    """Data was read but breaks the package's rules; carries the validation report."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


class DownloadError(PackageError):
    """A released data archive could not be fetched, verified or unpacked; nothing half-written is left."""
