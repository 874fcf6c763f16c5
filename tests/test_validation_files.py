"""Layer 1 before rows: missing files, sizes and hashes, encoding, BOM, line endings, header."""

from __future__ import annotations

from conftest import PackageCopy, found
from syria_offensive.validation import validate_package

EVENTS = "data/events.csv"


def test_missing_file(pkg: PackageCopy) -> None:
    pkg.path("figures").unlink()
    assert found(validate_package(pkg.root)) == {("data/figures.csv", None, None, "file-missing")}


def test_hash_and_size_mismatch(pkg: PackageCopy) -> None:
    path = pkg.path("events")
    path.write_bytes(path.read_bytes().replace(b"Aleppo", b"Alepo", 1))
    assert found(validate_package(pkg.root)) == {(EVENTS, None, None, "hash"), (EVENTS, None, None, "bytes")}


def test_same_size_hash_mismatch(pkg: PackageCopy) -> None:
    path = pkg.path("events")
    data = path.read_bytes()
    i = data.index(b"Aleppo")
    path.write_bytes(data[:i] + b"Aleppu" + data[i + 6 :])
    assert found(validate_package(pkg.root)) == {(EVENTS, None, None, "hash")}


def test_byte_order_mark(pkg: PackageCopy) -> None:
    path = pkg.path("events")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pkg.rehash()
    assert found(validate_package(pkg.root)) == {(EVENTS, 1, None, "bom")}


def test_wrong_encoding(pkg: PackageCopy) -> None:
    index = pkg.find("places", lambda r: bool(r["name_ar"]))
    _, rows = pkg.read("places")
    text = pkg.path("places").read_text(encoding="utf-8")
    line = text.split("\n")[index + 1]
    # re-encode one row's Arabic name as Windows-1256, as a spreadsheet might
    bad = line.encode("utf-8").replace(
        rows[index]["name_ar"].encode("utf-8"), rows[index]["name_ar"].encode("cp1256")
    )
    pkg.path("places").write_bytes(text.encode("utf-8").replace(line.encode("utf-8"), bad))
    pkg.rehash()
    problems = found(validate_package(pkg.root))
    assert ("data/places.csv", index + 2, "name_ar", "encoding") in problems or (
        "data/places.csv",
        index + 2,
        None,
        "encoding",
    ) in problems
    assert {p[3] for p in problems} <= {"encoding", "foreign-key", "event-without-source"} and all(
        p[0] != "data/places.csv" or p[3] == "encoding" for p in problems
    )


def test_crlf_line_endings(pkg: PackageCopy) -> None:
    path = pkg.path("actors")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    pkg.rehash()
    assert found(validate_package(pkg.root)) == {("data/actors.csv", 1, None, "line-ending")}


def test_empty_file(pkg: PackageCopy) -> None:
    pkg.path("figures").write_bytes(b"")
    pkg.rehash()
    assert found(validate_package(pkg.root)) == {("data/figures.csv", None, None, "empty-file")}


def test_unknown_column(pkg: PackageCopy) -> None:
    header, rows = pkg.read("figures")
    for r in rows:
        r["confidence"] = "high"
    pkg.write("figures", [*header, "confidence"], rows)
    assert found(validate_package(pkg.root)) == {
        ("data/figures.csv", 1, "confidence", "header-unknown-column")
    }


def test_missing_column(pkg: PackageCopy) -> None:
    header, rows = pkg.read("figures")
    for r in rows:
        del r["note"]
    pkg.write("figures", [h for h in header if h != "note"], rows)
    assert found(validate_package(pkg.root)) == {("data/figures.csv", 1, "note", "header-missing-column")}


def test_columns_out_of_order(pkg: PackageCopy) -> None:
    header, rows = pkg.read("actors")
    swapped = [header[1], header[0], *header[2:]]
    pkg.write("actors", swapped, rows)
    report = validate_package(pkg.root)
    assert found(report) == {("data/actors.csv", 1, None, "header-order")}


def test_duplicate_header(pkg: PackageCopy) -> None:
    path = pkg.path("actors")
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    path.write_text(first.replace("name_ar", "name", 1) + "\n" + rest, encoding="utf-8")
    pkg.rehash()
    problems = found(validate_package(pkg.root))
    assert ("data/actors.csv", 1, "name", "header-duplicate") in problems
    assert ("data/actors.csv", 1, "name_ar", "header-missing-column") in problems
