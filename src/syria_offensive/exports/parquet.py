"""One Parquet file per table (`<table>.parquet`), typed from its Table Schema.

- types: string, integer (int64), number (float64), boolean, date (date32), list (list of string);
- a field with an enum is a dictionary column whose dictionary is the enum's values in the schema's
  order (int32 indices), which pandas reads as a categorical with exactly those categories;
- a required field, and every primary-key field, is non-nullable;
- key-value metadata: on the file, `syria_offensive.package` (name), `syria_offensive.version`,
  `syria_offensive.license` (the data licence), `syria_offensive.table`, `syria_offensive.description`
  (the table's) and `syria_offensive.fields` (a JSON object: field name -> description); on each field,
  `description`. `pyarrow.parquet.read_schema(path).metadata` and `.field(name).metadata` read them back.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from syria_offensive.exports import catalog
from syria_offensive.metadata.descriptor import Field, Package
from syria_offensive.sql import ident

NAME = "parquet"
DESCRIPTION = catalog.FORMATS[NAME]
PREFIX = "syria_offensive."

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}


def arrow_type(f: Field) -> pa.DataType:
    base = ARROW_TYPES[f.type]
    return pa.dictionary(pa.int32(), base) if f.enum is not None and f.type in ("string", "integer") else base


def licence(package: Package) -> str:
    names = [
        str(x.get("name") or x.get("path"))
        for x in package.descriptor.get("licenses", [])
        if isinstance(x, dict)
    ]
    return "; ".join(names)


def arrow_schema(package: Package, table: str) -> pa.Schema:
    schema = package.resource(table).schema
    keys = set(schema.primary_key)
    fields = [
        pa.field(
            f.name,
            arrow_type(f),
            nullable=not (f.required or f.name in keys),
            metadata={"description": f.description},
        )
        for f in schema.fields
    ]
    metadata = {
        f"{PREFIX}package": str(package.descriptor.get("name", "")),
        f"{PREFIX}version": package.version,
        f"{PREFIX}license": licence(package),
        f"{PREFIX}table": table,
        f"{PREFIX}description": schema.description,
        f"{PREFIX}fields": json.dumps({f.name: f.description for f in schema.fields}, ensure_ascii=False),
    }
    return pa.schema(fields, metadata=metadata)


def arrow_table(con: duckdb.DuckDBPyConnection, package: Package, table: str, order: str = "") -> pa.Table:
    """The table as Arrow with arrow_schema's types, nullability and metadata."""
    sql = f"SELECT * FROM {ident(table)}" + (f" ORDER BY {order}" if order else "")
    data = con.sql(sql).to_arrow_table()
    schema = arrow_schema(package, table)
    columns = []
    for f in schema:
        column = data.column(f.name)
        if pa.types.is_dictionary(f.type):
            # The dictionary is the schema's enum, in its order, whatever values the rows use.
            values = pa.array(
                list(package.resource(table).schema.field(f.name).enum or ()), f.type.value_type
            )
            plain = column.cast(f.type.value_type).combine_chunks()
            indices = pc.index_in(plain, value_set=values).cast(pa.int32())
            if indices.null_count != plain.null_count:
                raise ValueError(f"{table}.{f.name} has a value outside its enum")
            column = pa.chunked_array([pa.DictionaryArray.from_arrays(indices, values)], type=f.type)
        else:
            column = column.cast(f.type)
        if not f.nullable and column.null_count:
            raise ValueError(f"{table}.{f.name} is required but has {column.null_count} empty values")
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    names = []
    for table in package.table_order():
        pq.write_table(arrow_table(con, package, table), folder / f"{table}.parquet", compression="zstd")
        names.append(f"{table}.parquet")
    return names
