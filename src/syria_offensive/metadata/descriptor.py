"""Reading datapackage.json and its Table Schemas into typed objects.

The Table Schemas are the one contract for each table; everything else (DuckDB types, pandera models,
the data dictionary) is derived from the objects built here. A descriptor that cannot be read at all
raises PackageError; one that can be read but is malformed yields Problems and the broken parts are
left out, so that validation can still report on the rest.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syria_offensive.errors import PackageError
from syria_offensive.metadata.contract import contract_tables
from syria_offensive.metadata.paths import resolve_descriptor
from syria_offensive.problems import Problem

TABLES = contract_tables()  # from datapackage.json and the schemas, referenced tables first
FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "list")
NUMERIC_BOUND_TYPES = ("integer", "number")
BOOL_CONSTRAINTS = ("required", "unique")
INT_CONSTRAINTS = ("minLength", "maxLength")
LENGTH_TYPES = ("string", "list")

# Frictionless's recommended resource name form, lowercase so that names cannot collide by case inside
# DuckDB, which folds identifiers. Names must also stay clear of the names the reader makes for itself.
RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
RESERVED_PREFIXES = ("rejects_", "duckdb_", "pg_", "sqlite_", "information_schema")
RESERVED_PART = "__"  # <name>__rows, <name>__rownums, <column>__raw

# Constructs Python's `re` accepts that RE2 (DuckDB's regex engine) does not: look-around, back-references,
# atomic groups, possessive quantifiers and conditionals.
_NOT_RE2 = re.compile(r"\\[1-9]|\\[gk]<|\(\?(?:=|!|<=|<!|>|\(|P=)|[*+?}]\+")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str = ""
    format: str | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    delimiter: str = ","
    categories: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    missing_values: tuple[str, ...] = ("",)
    title: str = ""
    description: str = ""

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class Resource:
    name: str
    path: str  # as written in the descriptor, relative to the package folder
    schema: TableSchema
    schema_path: str | None
    hash: str | None = None
    bytes: int | None = None

    def file(self, root: Path) -> Path:
        return root / self.path


@dataclass
class Package:
    descriptor_path: Path
    descriptor: dict[str, Any]
    resources: dict[str, Resource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    def table_order(self) -> list[str]:
        """Resource names, the package's own tables first in dependency order (lookups before users)."""
        return sorted(self.resources, key=lambda n: (TABLES.index(n) if n in TABLES else len(TABLES), n))

    def resource(self, name: str) -> Resource:
        try:
            return self.resources[name]
        except KeyError:
            raise PackageError(
                f"{self.descriptor_path}: the package has no usable resource named {name!r}"
            ) from None


def _read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackageError(f"{path}: {what} not found") from None
    except (OSError, UnicodeDecodeError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise PackageError(f"{path}: {what} cannot be read: {exc}") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise PackageError(
            f"{path}: {what} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise PackageError(f"{path}: {what} is nested too deeply to be a descriptor") from None
    except ValueError as exc:
        raise PackageError(f"{path}: {what} is not valid JSON: {exc}") from None


def _reject_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; Python's parser accepts them unless told otherwise.
    raise ValueError(f"{name} is not a JSON number")


@functools.cache
def contract_types() -> dict[str, dict[str, str]]:
    """table -> field -> type, from the Table Schemas shipped with this code: the dataset's contract.

    The rules, views and loaders are written against these types, so a package that changes one (an
    edited copy, a hostile one) has it reported and read with the contract's type instead.
    """
    from syria_offensive.metadata.paths import bundled_package_dir

    out: dict[str, dict[str, str]] = {}
    try:
        schemas = bundled_package_dir() / "schemas"
        for table in TABLES:
            raw = json.loads((schemas / f"{table}.json").read_text(encoding="utf-8"))
            out[table] = {f["name"]: f.get("type", "string") for f in raw["fields"]}
    except (OSError, ValueError, KeyError, TypeError):  # no contract to hold a package to
        return {}
    return out


class _SchemaReader:
    """Builds a TableSchema from its JSON form, noting each malformed part as a Problem."""

    def __init__(self, file: str, contract: dict[str, str] | None = None) -> None:
        self.file = file
        self.contract = contract or {}
        self.problems: list[Problem] = []

    def problem(self, column: str | None, value: object, message: str) -> None:
        self.problems.append(
            Problem(
                self.file,
                None,
                column,
                "descriptor",
                None if value is None else str(value),
                message,
                "package",
            )
        )

    def read(self, raw: Any) -> TableSchema | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("fields"), list):
            self.problem(None, None, "a Table Schema must be an object with a 'fields' list")
            return None
        fields = [f for f in (self.read_field(i, raw_f) for i, raw_f in enumerate(raw["fields"])) if f]
        names = [f.name for f in fields]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            self.problem(dup, dup, "field name appears more than once")
        pk_raw = raw.get("primaryKey", [])
        if isinstance(pk_raw, str):
            pk: tuple[str, ...] = (pk_raw,)
        elif isinstance(pk_raw, list) and all(isinstance(n, str) for n in pk_raw):
            pk = tuple(pk_raw)
        else:
            self.problem(None, json.dumps(pk_raw), "primaryKey must be a field name or a list of field names")
            pk = ()
        for name in pk:
            if name not in names:
                self.problem(None, name, "primaryKey names a field the schema does not have")
        fks = []
        fks_raw = raw.get("foreignKeys", [])
        if not isinstance(fks_raw, list):
            self.problem(None, json.dumps(fks_raw), "foreignKeys must be a list of foreign keys; ignored")
            fks_raw = []
        for fk in fks_raw:
            try:
                local = fk["fields"]
                ref = fk["reference"]
                local_t = _names(local)
                ref_t = _names(ref["fields"])
                resource = ref.get("resource", "")
                if not isinstance(resource, str):
                    raise TypeError(resource)
            except (KeyError, TypeError, AttributeError):
                self.problem(
                    None,
                    json.dumps(fk),
                    "a foreign key needs 'fields' and 'reference' with 'resource' and 'fields'",
                )
                continue
            if len(local_t) != len(ref_t) or any(n not in names for n in local_t):
                self.problem(None, json.dumps(fk), "foreign key fields do not match the schema")
                continue
            fks.append(ForeignKey(local_t, resource, ref_t))
        missing = raw.get("missingValues", [""])
        if not isinstance(missing, list) or not all(isinstance(m, str) for m in missing):
            self.problem(None, missing, "missingValues must be a list of strings")
            missing = [""]
        return TableSchema(
            tuple(fields),
            pk,
            tuple(fks),
            tuple(missing),
            str(raw.get("title", "")),
            str(raw.get("description", "")),
        )

    def read_field(self, index: int, raw: Any) -> Field | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            self.problem(None, index, f"field {index + 1} must be an object with a string 'name'")
            return None
        name = raw["name"]
        ftype = raw.get("type", "string")
        if ftype not in FIELD_TYPES:
            # Keep the column (read as text) so one bad type does not cascade into header and key errors.
            self.problem(
                name, ftype, f"unsupported field type (supported: {', '.join(FIELD_TYPES)}); read as string"
            )
            ftype = "string"
        expected = self.contract.get(name)
        if expected is not None and ftype != expected:
            self.problem(
                name,
                ftype,
                f"the field's type differs from the dataset's contract ({expected!r}); read as {expected}",
            )
            ftype = expected
        cons = raw.get("constraints", {}) or {}
        if not isinstance(cons, dict):
            self.problem(name, cons, "constraints must be an object; ignored")
            cons = {}
        cons = dict(cons)

        def drop(key: str, message: str) -> None:
            self.problem(name, cons.pop(key), message + "; the constraint is ignored")

        for key in BOOL_CONSTRAINTS:
            if key in cons and not isinstance(cons[key], bool):
                drop(key, f"constraint {key!r} must be true or false")
        for key in INT_CONSTRAINTS:
            if key in cons and (
                not isinstance(cons[key], int) or isinstance(cons[key], bool) or cons[key] < 0
            ):
                drop(key, f"constraint {key!r} must be a non-negative whole number")
            elif key in cons and ftype not in LENGTH_TYPES:
                drop(key, f"constraint {key!r} is supported on string and list fields only")
        for key in ("minimum", "maximum"):
            if key in cons:
                bound = cons[key]
                if ftype not in NUMERIC_BOUND_TYPES:
                    drop(key, f"constraint {key!r} is supported on integer and number fields only")
                elif (
                    not isinstance(bound, int | float) or isinstance(bound, bool) or not math.isfinite(bound)
                ):
                    drop(key, f"constraint {key!r} must be a finite number")
        if "pattern" in cons:
            pattern = cons["pattern"]
            try:
                re.compile(pattern)
            except (re.error, TypeError, RecursionError, OverflowError) as exc:
                drop("pattern", f"constraint 'pattern' is not a valid regular expression: {exc}")
            else:
                if _NOT_RE2.search(pattern):
                    drop(
                        "pattern",
                        "constraint 'pattern' uses look-around, back-references or other constructs that "
                        "the checker's regular expressions (RE2) do not support",
                    )
        if "enum" in cons and (not isinstance(cons["enum"], list) or not cons["enum"]):
            drop("enum", "constraint 'enum' must be a non-empty list")
        elif "enum" in cons and not all(_fits(ftype, v) for v in cons["enum"]):
            drop("enum", f"constraint 'enum' has values that are not of the field's type {ftype!r}")
        raw_categories = raw.get("categories", [])
        if not isinstance(raw_categories, list):
            self.problem(name, json.dumps(raw_categories), "categories must be a list; ignored")
            raw_categories = []
        categories = []
        for c in raw_categories:
            value = c.get("value") if isinstance(c, dict) else c
            if isinstance(c, dict | str | int | float) and not isinstance(c, bool) and value is not None:
                categories.append((str(value), str(c.get("label", "")) if isinstance(c, dict) else ""))
            else:
                self.problem(
                    name, json.dumps(c), "a category must be a value or an object with 'value'; ignored"
                )
        kw: dict[str, Any] = dict(
            description=str(raw.get("description", "")),
            format=raw.get("format"),
            required=cons.get("required", False),
            unique=cons.get("unique", False),
            enum=tuple(cons["enum"]) if "enum" in cons else None,
            pattern=cons.get("pattern"),
            minimum=cons.get("minimum"),
            maximum=cons.get("maximum"),
            min_length=cons.get("minLength"),
            max_length=cons.get("maxLength"),
            delimiter=str(raw.get("delimiter", ",")),
            categories=tuple(categories),
        )
        return Field(name=name, type=ftype, **kw)


def _names(raw: Any) -> tuple[str, ...]:
    """A field name or a list of them, else TypeError."""
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and raw and all(isinstance(n, str) for n in raw):
        return tuple(raw)
    raise TypeError(raw)


def _fits(ftype: str, value: Any) -> bool:
    """Whether a JSON value (an enum member) is a value of the field type."""
    if ftype == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if ftype == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ftype == "boolean":
        return isinstance(value, bool)
    if ftype == "date":
        if not isinstance(value, str):
            return False
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return isinstance(value, str)


def _inside(root: Path, relative: str) -> bool:
    try:
        (root / relative).resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, unreadable, or a symlink loop
        return False
    return not Path(relative).is_absolute()


def _resolves(path: Path) -> bool:
    try:
        path.resolve()
    except (OSError, RuntimeError):
        return False
    return True


def resource_name_problem(name: str) -> str | None:
    """Why a resource name cannot be used, or None."""
    if not RESOURCE_NAME.fullmatch(name):
        return "a resource name must be lowercase letters, digits, '.', '_' or '-' (Frictionless's form)"
    if RESERVED_PART in name or name.startswith(RESERVED_PREFIXES):
        return f"a resource name may not contain {RESERVED_PART!r} or start with {', '.join(RESERVED_PREFIXES)}: the reader uses such names itself"
    return None


def load_package(path: str | Path | None = None) -> Package:
    """Read a data package descriptor (a folder, a datapackage.json, or None for the bundled data)."""
    descriptor_path = resolve_descriptor(path)
    raw = _read_json(descriptor_path, "data package descriptor")
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
        raise PackageError(
            f"{descriptor_path}: not a data package (expected an object with a 'resources' list)"
        )
    package = Package(descriptor_path, raw)
    root = descriptor_path.parent
    dfile = descriptor_path.name

    def problem(column: str | None, value: object, message: str) -> None:
        package.problems.append(
            Problem(
                dfile, None, column, "descriptor", None if value is None else str(value), message, "package"
            )
        )

    for key in ("name", "version", "licenses"):
        if key not in raw:
            problem(key, None, f"the descriptor has no {key!r}")
    for index, res in enumerate(raw["resources"]):
        if (
            not isinstance(res, dict)
            or not isinstance(res.get("name"), str)
            or not isinstance(res.get("path"), str)
        ):
            problem("resources", index, f"resource {index + 1} needs a string 'name' and a string 'path'")
            continue
        name, rel = res["name"], res["path"]
        why = resource_name_problem(name)
        if why is None and name in package.resources:
            why = "the resource name is used twice"
        if why:
            problem("resources", name, f"resource {index + 1}: {why}; the resource is left out")
            continue
        if not _resolves(root / rel):
            problem("resources", rel, f"resource {name!r}: its path cannot be resolved (a symlink loop?)")
            continue
        if not _inside(root, rel):
            problem("resources", rel, f"resource {name!r} has a path outside the package folder")
            continue
        schema_raw = res.get("schema")
        schema_path: str | None = None
        if isinstance(schema_raw, str):
            schema_path = schema_raw
            if not _inside(root, schema_raw):
                problem(
                    "resources", schema_raw, f"resource {name!r} has a schema path outside the package folder"
                )
                continue
            try:
                schema_raw = _read_json(root / schema_raw, f"Table Schema of {name!r}")
            except PackageError as exc:
                problem("resources", schema_path, str(exc))
                continue
        reader = _SchemaReader(schema_path or dfile, contract_types().get(name))
        schema = reader.read(schema_raw)
        package.problems.extend(reader.problems)
        if schema is None:
            continue
        hash_ = res.get("hash")
        if hash_ is not None and not (
            isinstance(hash_, str) and re.fullmatch(r"(sha256:)?[0-9a-f]{64}", hash_)
        ):
            problem("hash", hash_, f"resource {name!r}: hash must be 'sha256:' followed by 64 hex digits")
            hash_ = None
        size = res.get("bytes")
        if size is not None and not (isinstance(size, int) and not isinstance(size, bool) and size >= 0):
            problem("bytes", size, f"resource {name!r}: bytes must be a whole number")
            size = None
        package.resources[name] = Resource(name, rel, schema, schema_path, hash_, size)
    for name in TABLES:
        if name not in package.resources and not any(p.value == name for p in package.problems):
            problem("resources", name, f"the package has no usable {name!r} table")
    for res in package.resources.values():
        for fk in res.schema.foreign_keys:
            target = res.name if fk.resource == "" else fk.resource
            if target not in package.resources:
                problem(
                    "foreignKeys",
                    fk.resource,
                    f"{res.name}: foreign key refers to unknown resource {fk.resource!r}",
                )
            elif any(n not in package.resources[target].schema.field_names for n in fk.reference_fields):
                problem(
                    "foreignKeys",
                    ",".join(fk.reference_fields),
                    f"{res.name}: foreign key refers to fields {target!r} lacks",
                )
    return package
