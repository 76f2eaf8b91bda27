"""Kits forged to pass one zip reader and not another, renamed or rolled back: ``hub verify``
refuses each, in one line that says why, with no traceback (toolkit/kits/zipscan.py,
toolkit/kits/verification.py). Every zip is built here, from a kit the hub would write."""

from __future__ import annotations

import json
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.kits import signing
from toolkit.kits.manifest import write_manifest, write_zip
from toolkit.kits.verification import KitMemory, verify, verify_kit

FILES = {"README.md": b"# Kit\n", "documents/a.txt": b"alpha\n" * 50}


@pytest.fixture
def test_key(monkeypatch) -> signing.SecretKey:
    """A key made for the test, standing in for the hub's (whose secret only CI has)."""
    key = signing.SecretKey.generate()
    monkeypatch.setattr(signing, "HUB_PUBLIC_KEY", key.public().line())
    return key


def _kit(tmp_path: Path, name: str = "sahelink-fr", serial: int = 1_764_028_800, key=None) -> Path:
    """``<name>.zip`` as the hub writes it, its manifest naming ``name`` with ``serial``."""
    folder = tmp_path / "build" / name
    for rel, data in FILES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    lang = name.removeprefix("sahelink-")
    meta = {"name": name, "version": "v1", "commit": f"c{serial}", "languages": [lang]}
    write_manifest(folder, {**meta, "serial": serial, "build_date": "2026-12-01"}, signer=key)
    path = tmp_path / f"{name}.zip"
    write_zip(folder, path, prefix=name)
    return path


def _layout(data: bytes) -> tuple[int, int]:
    """(start of the central directory, start of the end record)."""
    end = len(data) - 22
    return struct.unpack_from("<I", data, end + 16)[0], end


def _local_entry(name: str, body: bytes, extra: bytes = b"") -> bytes:
    encoded = name.encode()
    return (
        struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            20,
            0,
            0,
            0,
            0x21,
            zlib.crc32(body),
            len(body),
            len(body),
            len(encoded),
            len(extra),
        )
        + encoded
        + extra
        + body
    )


def _refused(path: Path, capsys, words: str) -> None:
    """hub verify exits 1 and says ``words`` on a line of its own, with no traceback."""
    assert main(["verify", "--memory", str(path.parent / "memory.json"), str(path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    lines = [line for line in out.out.splitlines() if words in line]
    assert lines and all(line.startswith(f"{path}: [kit-verify] ") for line in lines), out.out


def test_the_kit_as_written_verifies(tmp_path, capsys):
    kit = _kit(tmp_path)
    assert verify(kit) == []
    assert main(["verify", "--memory", str(tmp_path / "memory.json"), str(kit)]) == 0


def test_a_local_entry_missing_from_the_central_directory(tmp_path, capsys):
    """Java's ZipInputStream walks the local headers and would extract the hidden README.md."""
    kit = _kit(tmp_path)
    data = kit.read_bytes()
    start, end = _layout(data)
    hidden = _local_entry("sahelink-fr/README.md", b"# Call +223 76 00 00 00 to pay\n")
    forged = bytearray(data[:start] + hidden + data[start:])
    struct.pack_into("<I", forged, len(forged) - 22 + 16, start + len(hidden))
    kit.write_bytes(bytes(forged))
    with zipfile.ZipFile(kit) as archive:  # the central directory's view is untouched
        assert archive.read("sahelink-fr/README.md") == FILES["README.md"]
    assert verify(kit) == [
        f"{kit}: a local entry after the last listed entry is missing from the central "
        "directory (a hidden entry that some readers extract)."
    ]
    _refused(kit, capsys, "missing from the central directory")


def test_an_info_zip_unicode_path_that_overwrites_the_readme(tmp_path, capsys):
    """unzip takes the name in an Info-ZIP Unicode Path field (0x7075) over the header's."""
    kit = _kit(tmp_path)
    target = b"sahelink-fr/README.md"
    with zipfile.ZipFile(kit) as source, zipfile.ZipFile(tmp_path / "forged.zip", "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "sahelink-fr/documents/a.txt":
                name_crc = zlib.crc32(info.filename.encode())
                info.extra = struct.pack("<HHBI", 0x7075, 5 + len(target), 1, name_crc) + target
                data = b"# Replaced by the forger\n"
            out.writestr(info, data)
    forged = tmp_path / "forged.zip"
    forged.replace(kit)
    assert verify(kit) == [
        f"{kit}: the entry 'sahelink-fr/documents/a.txt' carries an Unicode Path extra field "
        "(0x7075): some tools would use another name or size than the one checked."
    ]
    _refused(kit, capsys, "Unicode Path extra field (0x7075)")


def test_a_directory_in_the_central_directory_that_is_a_file_in_its_local_header(tmp_path, capsys):
    kit = _kit(tmp_path)
    data = bytearray(kit.read_bytes())
    start, _end = _layout(bytes(data))
    central = data.index(b"PK\x01\x02" + b"", start)
    name = b"sahelink-fr/README.md"
    while bytes(data[central + 46 : central + 46 + len(name)]) != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 38, (stat.S_IFDIR | 0o755) << 16)
    kit.write_bytes(bytes(data))
    assert verify(kit) == [
        f"{kit}: the entry 'sahelink-fr/README.md' is a directory by its attributes and a file "
        "by its name.",
        f"{kit}: the directory 'sahelink-fr/README.md' holds data.",
    ]
    _refused(kit, capsys, "is a directory by its attributes")
    # the same length of name, a folder in the central directory only
    kit = _kit(tmp_path / "again")
    data = bytearray(kit.read_bytes())
    start, _end = _layout(bytes(data))
    at = data.index(name, start)
    data[at : at + len(name)] = b"sahelink-fr/README.m/"
    kit.write_bytes(bytes(data))
    assert verify(kit)[0] == (
        f"{kit}: the entry 'sahelink-fr/README.m/' is named 'sahelink-fr/README.md' in its "
        "local header: two names for one entry."
    )


def test_names_twice_or_that_differ_only_in_case(tmp_path):
    kit = tmp_path / "kit.zip"
    with zipfile.ZipFile(kit, "w") as archive:
        archive.writestr("README.md", b"one")
        archive.writestr("readme.md", b"two")
    assert verify(kit) == [
        f"{kit}: the entries 'README.md' and 'readme.md' are one file on a phone's SD card or "
        "on Windows (their names differ only in case)."
    ]
    with pytest.warns(UserWarning), zipfile.ZipFile(kit, "w") as archive:
        archive.writestr("README.md", b"one")
        archive.writestr("README.md", b"two")
    assert verify(kit) == [f"{kit}: the entry 'README.md' appears twice."]


def test_data_hidden_before_the_first_entry_or_after_the_end(tmp_path):
    kit = _kit(tmp_path)
    data = kit.read_bytes()
    (tmp_path / "before.zip").write_bytes(b"MZ" + b"\0" * 62 + data)  # a program, then the zip
    assert verify(tmp_path / "before.zip") == [
        f"{tmp_path / 'before.zip'}: the central directory is not where the end record says, or "
        "something lies between them."
    ]
    (tmp_path / "after.zip").write_bytes(data + b"PK\x03\x04 trailing")
    assert verify(tmp_path / "after.zip") == [
        f"{tmp_path / 'after.zip'}: not a readable zip (it does not end with its "
        "end-of-central-directory record: cut short, something after it, or not a zip)."
    ]


def test_a_renamed_kit(tmp_path, capsys, test_key):
    """The Bambara kit served as the French one: intact and signed, and still refused."""
    kit = _kit(tmp_path, "sahelink-bm", key=test_key)
    assert verify_kit(kit).signature == signing.SIGNED and verify(kit) == []
    renamed = kit.rename(tmp_path / "sahelink-fr.zip")
    assert verify(renamed) == [
        f"{renamed}: this file is named sahelink-fr but holds the kit sahelink-bm (a kit renamed "
        "or swapped): do not use it; download sahelink-fr again from the downloads page."
    ]
    _refused(renamed, capsys, "holds the kit sahelink-bm")
    copy = renamed.rename(tmp_path / "sahelink-bm (1).zip")  # what a browser calls a second copy
    assert verify(copy) == []


def test_a_rolled_back_kit(tmp_path, capsys, test_key):
    """A kit the hub really signed, but older than one already verified on this computer."""
    memory = tmp_path / "state" / "kits.json"
    new = _kit(tmp_path / "new", serial=1_764_028_800, key=test_key)
    old = _kit(tmp_path / "old", serial=1_760_000_000, key=test_key)
    assert main(["verify", "--memory", str(memory), str(old)]) == 0
    assert main(["verify", "--memory", str(memory), str(new)]) == 0
    remembered = json.loads(memory.read_text())["kits"]["sahelink-fr"]
    assert remembered["serial"] == 1_764_028_800
    capsys.readouterr()
    assert main(["verify", "--memory", str(memory), str(old)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{old}: [kit-verify] this kit dates from 2026-12-01")
    assert "a kit rolled back" in out[0] and out[-1] == f"{old}: 1 problem(s), signed by the hub"
    # a kit without the serial that the signature would bind is refused when signed
    folder = tmp_path / "bare" / "sahelink-fr"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"a")
    write_manifest(folder, {"name": "sahelink-fr", "languages": ["fr"]}, signer=test_key)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["serial"] > 0  # every manifest the hub writes has one
    # an unreadable memory remembers nothing and is written again, never a traceback
    memory.write_text("{not json")
    assert KitMemory(memory).kits == {}
    assert main(["verify", "--memory", str(memory), str(new)]) == 0
    assert json.loads(memory.read_text())["kits"]["sahelink-fr"]["serial"] == 1_764_028_800


def test_the_memory_lives_under_xdg_state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert KitMemory.default_path() == tmp_path / "kayes-hub" / "kits.json"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert KitMemory.default_path() == Path.home() / ".local/state/kayes-hub/kits.json"
