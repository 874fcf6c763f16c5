"""download(): real built archives served from 127.0.0.1; the cache; every way a transfer can fail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from release_support import LocalServer, files_under, raw_zip, registry_entry, snapshot
from syria_offensive.cli import main
from syria_offensive.errors import DownloadError, PackageError
from syria_offensive.metadata.descriptor import load_package
from syria_offensive.release import download as download_module
from syria_offensive.release.build import build_release
from syria_offensive.release.checksums import format_sums, sha256_bytes
from syria_offensive.release.download import download
from syria_offensive.release.names import archive_name, folder_name

VERSION = "1.10.0"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the snapshot it was built from, the archive) for VERSION."""
    base = tmp_path_factory.mktemp("release")
    root = snapshot(base / "checkout", VERSION)
    built = build_release(root, base / "dist", dists=False, validate=False)
    return root, built.archive


@pytest.fixture
def registry(release: tuple[Path, Path]) -> dict[str, Any]:
    return registry_entry(release[1], VERSION)


@pytest.fixture
def server(release: tuple[Path, Path]) -> Iterator[LocalServer]:
    srv = LocalServer(release[1].parent)
    yield srv
    srv.stop()


def test_download_unpacks_the_verified_package(
    tmp_path: Path, release: tuple[Path, Path], registry: dict[str, Any], server: LocalServer
) -> None:
    root, archive = release
    folder = download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    assert folder == tmp_path / VERSION / folder_name(VERSION)
    assert load_package(folder).version == VERSION
    assert (folder / "data" / "events.csv").read_bytes() == (root / "data" / "events.csv").read_bytes()
    assert (folder / "parquet" / "events.parquet").is_file()
    assert server.log == [f"/ok/{archive.name}"]
    # the cache holds the verified archive and the package, nothing else (no temporary leftovers)
    assert sorted(p.name for p in (tmp_path / VERSION).iterdir()) == sorted([archive.name, folder.name])


def test_second_call_uses_the_cache_with_the_server_stopped(
    tmp_path: Path, registry: dict[str, Any], server: LocalServer
) -> None:
    first = download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    server.stop()
    second = download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    assert second == first
    assert len(server.log) == 1


def test_a_damaged_cache_is_unpacked_again_from_the_verified_archive(
    tmp_path: Path, release: tuple[Path, Path], registry: dict[str, Any], server: LocalServer
) -> None:
    folder = download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    events = folder / "data" / "events.csv"
    events.write_text("tampered\n", encoding="utf-8")
    server.stop()
    again = download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    assert (again / "data" / "events.csv").read_bytes() == (release[0] / "data" / "events.csv").read_bytes()
    assert not [p for p in (tmp_path / VERSION).iterdir() if p.name.startswith(".")]


def test_no_version_means_the_latest_by_version_order(
    tmp_path: Path, registry: dict[str, Any], server: LocalServer
) -> None:
    older = {"1.9.0": {"file": archive_name("1.9.0"), "sha256": "0" * 64, "size": 1}}
    folder = download(
        None, dest=tmp_path, base_url=server.url(), registry={**older, **registry}, progress=False
    )
    assert folder.name == folder_name(VERSION)


def test_environment_variables_set_cache_address_and_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: dict[str, Any], server: LocalServer
) -> None:
    registry_file = tmp_path / "registry.json"
    registry_file.write_text(json.dumps(registry), encoding="utf-8")
    monkeypatch.setenv("SYRIA_OFFENSIVE_REGISTRY", str(registry_file))
    monkeypatch.setenv("SYRIA_OFFENSIVE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(
        "SYRIA_OFFENSIVE_BASE_URL", server.url().replace("/ok/", "/{version}/").replace(VERSION, "")
    )
    # a {version} in the address is the version: here it names a folder the server does not have, so 404
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(VERSION, progress=False)
    monkeypatch.setenv("SYRIA_OFFENSIVE_BASE_URL", server.url())
    assert download(VERSION, progress=False) == tmp_path / "cache" / VERSION / folder_name(VERSION)
    assert server.log[0] == f"/{VERSION}/{archive_name(VERSION)}"


def test_cli_download_prints_the_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    registry: dict[str, Any],
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry_file = tmp_path / "registry.json"
    registry_file.write_text(json.dumps(registry), encoding="utf-8")
    monkeypatch.setenv("SYRIA_OFFENSIVE_REGISTRY", str(registry_file))
    args = [
        "download",
        "--version",
        f"v{VERSION}",
        "--dest",
        str(tmp_path / "c"),
        "--base-url",
        server.url(),
        "--quiet",
    ]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(tmp_path / "c" / VERSION / folder_name(VERSION))
    assert captured.err == ""


def test_progress_bar_only_when_asked(
    tmp_path: Path, registry: dict[str, Any], server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    download(VERSION, dest=tmp_path / "quiet", base_url=server.url(), registry=registry, progress=False)
    assert capsys.readouterr().err == ""
    download(VERSION, dest=tmp_path / "bar", base_url=server.url(), registry=registry, progress=True)
    assert "100%" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("error500", "HTTP 500"),
        ("truncate", "interrupted or cut short"),
        ("reset", "interrupted or cut short"),
        ("short", "does not have the published sha256"),  # no Content-Length: the hash catches it
        ("slow", "did not answer in time"),
    ],
)
def test_failed_transfer_names_version_and_address_and_leaves_nothing(
    tmp_path: Path, registry: dict[str, Any], server: LocalServer, mode: str, expected: str
) -> None:
    url = server.url(mode)
    with pytest.raises(DownloadError) as caught:
        download(VERSION, dest=tmp_path, base_url=url, registry=registry, progress=False, timeout=0.5)
    message = str(caught.value)
    assert expected in message and VERSION in message and url + archive_name(VERSION) in message
    assert files_under(tmp_path) == []


def test_missing_file_is_http_404(tmp_path: Path, registry: dict[str, Any], server: LocalServer) -> None:
    url = server.url().replace("/ok/", "/nowhere/")
    with pytest.raises(DownloadError, match=r"HTTP 404") as caught:
        download(VERSION, dest=tmp_path, base_url=url, registry=registry, progress=False)
    assert url in str(caught.value)
    assert files_under(tmp_path) == []


def test_hash_mismatch_discards_the_download(
    tmp_path: Path, registry: dict[str, Any], server: LocalServer
) -> None:
    wrong = {VERSION: {**registry[VERSION], "sha256": "ab" * 32}}
    with pytest.raises(DownloadError, match="does not have the published sha256") as caught:
        download(VERSION, dest=tmp_path, base_url=server.url(), registry=wrong, progress=False)
    assert VERSION in str(caught.value)
    assert files_under(tmp_path) == []


def test_unknown_version_lists_the_released_ones(tmp_path: Path, registry: dict[str, Any]) -> None:
    with pytest.raises(
        DownloadError, match=rf"version 9\.9\.9 is not a released version .*released: {VERSION}"
    ):
        download("9.9.9", dest=tmp_path, registry=registry)
    with pytest.raises(DownloadError, match="no version of the data has been released"):
        download(None, dest=tmp_path, registry={})
    with pytest.raises(PackageError, match="not a version"):
        download("latest; rm -rf", dest=tmp_path, registry=registry)
    assert files_under(tmp_path) == []


def test_an_interrupted_download_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: dict[str, Any], server: LocalServer
) -> None:
    def interrupted(progress: bool, timeout: float) -> Any:
        def fetch(url: str, output_file: str, pooch: object) -> None:
            Path(output_file).write_bytes(b"PK\x03\x04 half an archive")
            raise KeyboardInterrupt

        return fetch

    monkeypatch.setattr(download_module, "_downloader", interrupted)
    with pytest.raises(KeyboardInterrupt):
        download(VERSION, dest=tmp_path, base_url=server.url(), registry=registry, progress=False)
    assert files_under(tmp_path) == []


def _hostile(tmp_path: Path, case: str) -> Path:
    top = folder_name(VERSION)
    good = {"datapackage.json": b'{"version": "%s"}' % VERSION.encode()}
    sums = format_sums({n: sha256_bytes(d) for n, d in good.items()}).encode()
    base = [
        (f"{top}/datapackage.json", good["datapackage.json"], 0o100644),
        (f"{top}/SHA256SUMS", sums, 0o100644),
    ]
    extra = {
        "dotdot": [(f"{top}/../../escaped.txt", b"x", 0o100644)],
        "absolute": [("/tmp/escaped.txt", b"x", 0o100644)],
        "symlink": [(f"{top}/data", b"/etc", 0o120777)],
        "outside": [("other-folder/x.txt", b"x", 0o100644)],
        "unlisted": [(f"{top}/data/extra.csv", b"a\n1\n", 0o100644)],
        "altered": [],
        "not-a-zip": [],
    }[case]
    path = tmp_path / "served" / archive_name(VERSION)
    path.parent.mkdir(exist_ok=True)
    if case == "not-a-zip":
        path.write_bytes(b"this is not a zip archive")
    elif case == "altered":
        raw_zip(path, [(base[0][0], b'{"version": "evil"}', 0o100644), base[1]])
    else:
        raw_zip(path, base + extra)
    return path


@pytest.mark.parametrize(
    "case", ["dotdot", "absolute", "symlink", "outside", "unlisted", "altered", "not-a-zip"]
)
def test_unsafe_archive_is_refused_and_removed(tmp_path: Path, case: str) -> None:
    archive = _hostile(tmp_path, case)
    server = LocalServer(archive.parent)
    cache = tmp_path / "cache"
    try:
        with pytest.raises(DownloadError, match="cannot be unpacked safely") as caught:
            download(
                VERSION,
                dest=cache,
                base_url=server.url(),
                registry=registry_entry(archive, VERSION),
                progress=False,
            )
    finally:
        server.stop()
    assert VERSION in str(caught.value) and server.url() in str(caught.value)
    assert files_under(cache) == []
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()


def test_registry_entries_are_checked(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="sha256 of 64 lowercase hex"):
        download("1.0.0", dest=tmp_path, registry={"1.0.0": {"file": "a.zip", "sha256": "xyz", "size": 1}})
    with pytest.raises(PackageError, match="is not a plain version"):
        download(None, dest=tmp_path, registry={"v1.0.0": {"file": "a.zip", "sha256": "a" * 64, "size": 1}})
    with pytest.raises(PackageError, match="plain file name"):
        download(
            "1.0.0", dest=tmp_path, registry={"1.0.0": {"file": "../a.zip", "sha256": "a" * 64, "size": 1}}
        )


@pytest.mark.parametrize("layout", ["top", "version", "v-version"])
def test_folder_mirror_is_verified_and_used_offline(
    tmp_path: Path, release: tuple[Path, Path], registry: dict[str, Any], layout: str
) -> None:
    _, archive = release
    mirror = tmp_path / "mirror"
    sub = {"top": mirror, "version": mirror / VERSION, "v-version": mirror / f"v{VERSION}"}[layout]
    sub.mkdir(parents=True)
    (sub / archive.name).write_bytes(archive.read_bytes())
    folder = download(VERSION, dest=tmp_path / "cache", mirror=mirror, registry=registry, progress=False)
    assert load_package(folder).version == VERSION
    assert sorted(p.name for p in (tmp_path / "cache" / VERSION).iterdir()) == sorted(
        [archive.name, folder.name]
    )


def test_folder_mirror_with_a_changed_archive_is_refused(
    tmp_path: Path, release: tuple[Path, Path], registry: dict[str, Any]
) -> None:
    _, archive = release
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    data = bytearray(archive.read_bytes())
    data[-30] ^= 0xFF
    (mirror / archive.name).write_bytes(bytes(data))
    with pytest.raises(DownloadError, match="does not have the registry's sha256"):
        download(VERSION, dest=tmp_path / "cache", mirror=str(mirror), registry=registry, progress=False)
    assert not any((tmp_path / "cache" / VERSION).iterdir())  # nothing kept, no temporary file


def test_folder_mirror_without_the_archive_says_where_it_looked(
    tmp_path: Path, registry: dict[str, Any]
) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(DownloadError, match=r"holds no syria-offensive-2024-1\.10\.0\.zip"):
        download(
            VERSION, dest=tmp_path / "cache", mirror=tmp_path / "empty", registry=registry, progress=False
        )


def test_mirror_from_the_environment_and_the_cli(
    tmp_path: Path,
    release: tuple[Path, Path],
    registry: dict[str, Any],
    server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry_file = tmp_path / "registry.json"
    registry_file.write_text(json.dumps(registry), encoding="utf-8")
    monkeypatch.setenv("SYRIA_OFFENSIVE_REGISTRY", str(registry_file))
    monkeypatch.setenv("SYRIA_OFFENSIVE_MIRROR", str(release[1].parent))
    assert load_package(download(VERSION, dest=tmp_path / "a", progress=False)).version == VERSION
    monkeypatch.delenv("SYRIA_OFFENSIVE_MIRROR")
    code = main(
        ["download", "--version", VERSION, "--dest", str(tmp_path / "b"), "--mirror", server.url(), "--quiet"]
    )
    assert code == 0
    assert server.log == [f"/ok/{release[1].name}"]
    assert capsys.readouterr().out.strip().endswith(folder_name(VERSION))


def test_no_network_says_to_use_a_mirror(tmp_path: Path, registry: dict[str, Any]) -> None:
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match="--mirror FOLDER"):
        download(
            VERSION,
            dest=tmp_path,
            base_url=f"http://127.0.0.1:{port}/",
            registry=registry,
            progress=False,
            timeout=5,
        )


def test_folder_mirror_into_an_unwritable_cache_is_a_message(
    tmp_path: Path, release: tuple[Path, Path], registry: dict[str, Any]
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(DownloadError, match="cannot be written"):
        download(VERSION, dest=blocker, mirror=release[1].parent, registry=registry, progress=False)
