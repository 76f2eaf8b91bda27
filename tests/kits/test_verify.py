"""hub verify on kits from anywhere: each broken, odd or rewritten kit gets a one-line verdict, never
a traceback; signatures in minisign's format (toolkit.kits.signing)."""

from __future__ import annotations

import base64
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.kits import signing
from toolkit.kits.manifest import write_manifest, write_zip
from toolkit.kits.verification import verify, verify_kit


@pytest.fixture
def test_key(monkeypatch) -> signing.SecretKey:
    """A key made for the test, standing in for the hub's (whose secret only CI has)."""
    key = signing.SecretKey.generate()
    monkeypatch.setattr(signing, "HUB_PUBLIC_KEY", key.public().line())
    return key


def _kit(folder: Path, files: dict[str, bytes] | None = None, signer=None) -> Path:
    folder.mkdir(parents=True)
    for name, data in (files or {"a.txt": b"alpha\n", "documents/b.txt": b"bravo\n" * 100}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    write_manifest(
        folder,
        {"version": "1", "commit": "abc", "languages": ["fra"], "name": folder.name},
        signer=signer,
    )
    return folder


def _zip(tmp_path: Path, files: dict[str, bytes] | None = None, signer=None) -> Path:
    folder = _kit(tmp_path / "kit", files, signer)
    return Path(write_zip(folder, tmp_path / "kit.zip") and tmp_path / "kit.zip")


def _patch_central(
    path: Path, name: str, offset: int, fmt: str, value: int, local_offset: int | None = None
) -> None:
    """Overwrite a field of ``name``'s central directory header (and of its local header)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    central = data.index(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4 :][:0])
    while True:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + length]) == encoded:
            break
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into(fmt, data, central + offset, value)
    if local_offset is not None:
        local = struct.unpack_from("<I", data, central + 42)[0]
        struct.pack_into(fmt, data, local + local_offset, value)
    path.write_bytes(bytes(data))


def test_an_intact_kit_verifies_and_says_it_is_unsigned(tmp_path, capsys):
    kit = _zip(tmp_path)
    assert verify_kit(kit).problems == [] and verify_kit(kit).signature == signing.UNSIGNED
    assert main(["verify", str(kit)]) == 0
    assert capsys.readouterr().out == f"{kit}: OK, unsigned (local build)\n"
    assert main(["verify", "--signed", str(kit)]) == 1


def test_a_corrupt_deflate_stream(tmp_path):
    kit = _zip(tmp_path)
    data = bytearray(kit.read_bytes())
    start = data.index(b"documents/b.txt") + len(
        "documents/b.txt"
    )  # the local header's name, then the data
    data[start : start + 8] = b"\xff" * 8
    kit.write_bytes(bytes(data))
    problems = verify(kit)
    assert len(problems) == 2 and problems[0].startswith(f"{kit}: documents/b.txt cannot be read (")


def test_a_zip_bomb_is_never_read_past_what_the_manifest_declares(tmp_path):
    kit = _zip(tmp_path, {"a.txt": b"alpha\n", "bomb.bin": b"\0" * 50_000_000})
    assert verify(kit) == []
    # the entry now claims 6 bytes in the zip and in the manifest: reading stops after 7
    folder = tmp_path / "kit"
    (folder / "bomb.bin").write_bytes(b"\0" * 6)
    write_manifest(folder, {"version": "1", "commit": "abc", "languages": ["fra"]})
    shutil.copy(folder / "manifest.json", tmp_path / "manifest.json")
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("SHA256SUMS", "a.txt"):
            archive.write(folder / name, name)
        archive.writestr("bomb.bin", b"\0" * 50_000_000)
        archive.write(folder / "manifest.json", "manifest.json")
    _patch_central(tmp_path / "bomb.zip", "bomb.bin", 24, "<I", 6, local_offset=22)
    problems = verify(tmp_path / "bomb.zip")
    # zipfile stops at the declared size, then finds the CRC wrong: bounded either way
    assert (
        f"{tmp_path / 'bomb.zip'}: bomb.bin cannot be read (BadZipFile: Bad CRC-32 for file 'bomb.bin')."
        in problems
    )


def test_an_unknown_compression_method(tmp_path):
    kit = _zip(tmp_path)
    _patch_central(kit, "a.txt", 10, "<H", 99, local_offset=8)
    assert verify(kit)[:2] == [
        f"{kit}: entry 'a.txt' uses an unknown compression method (99).",
        f"{kit}: a.txt is missing.",
    ]


def test_the_encryption_flag(tmp_path):
    kit = _zip(tmp_path)
    _patch_central(kit, "a.txt", 8, "<H", 1, local_offset=6)
    assert verify(kit) == [f"{kit}: the entry 'a.txt' is encrypted."]


def test_flags_or_a_method_that_only_the_central_directory_has(tmp_path):
    kit = _zip(tmp_path)
    _patch_central(kit, "a.txt", 8, "<H", 1)
    _patch_central(kit, "a.txt", 10, "<H", 0)
    assert verify(kit) == [
        f"{kit}: the local header and the central directory disagree on the flags, compression "
        "method of the entry 'a.txt' (readers would not see the same file).",
        f"{kit}: the entry 'a.txt' is encrypted.",
    ]


def test_a_sums_file_that_is_not_utf8(tmp_path):
    folder = _kit(tmp_path / "kit")
    (folder / "SHA256SUMS").write_bytes(b"\xff\xfe not text")
    assert verify(folder) == [f"{folder}: SHA256SUMS is not UTF-8 text."]


def test_garbage_truncated_and_empty_zips(tmp_path):
    kit = _zip(tmp_path)
    (tmp_path / "cut.zip").write_bytes(kit.read_bytes()[:-30])
    (tmp_path / "empty.zip").write_bytes(b"")
    (tmp_path / "noise.zip").write_bytes(b"PK\x05\x06" + b"\xff" * 60)
    for name in ("cut.zip", "empty.zip", "noise.zip"):
        problems = verify(tmp_path / name)
        assert len(problems) == 1 and problems[0].startswith(
            f"{tmp_path / name}: not a readable zip ("
        ), problems


def test_a_manifest_that_lies_about_its_entries(tmp_path):
    folder = _kit(tmp_path / "kit")
    (folder / "manifest.json").write_text('{"files": [{"path": "a.txt", "size": -1, "sha256": 3}]}')
    assert verify(folder) == [
        f"{folder}: manifest.json cannot be read (ValueError: bad entry "
        "{'path': 'a.txt', 'size': -1, 'sha256': 3})."
    ]


def test_signed_kits_rewritten_kits_and_stripped_signatures(
    tmp_path, monkeypatch, test_key, capsys
):
    kit = _zip(tmp_path, signer=test_key)
    assert verify_kit(kit).signature == signing.SIGNED and verify(kit) == []
    assert main(["verify", "--signed", str(kit)]) == 0
    assert capsys.readouterr().out == f"{kit}: OK, signed by the hub\n"
    # rewritten content, manifest and sums, old signature kept: caught
    folder = tmp_path / "kit"
    (folder / "a.txt").write_bytes(b"changed\n")
    signature = (folder / "manifest.json.minisig").read_bytes()
    write_manifest(folder, {"version": "1", "commit": "abc", "languages": ["fra"], "name": "kit"})
    assert not (folder / "manifest.json.minisig").exists()
    assert verify_kit(folder).signature == signing.UNSIGNED and verify(folder) == []
    assert main(["verify", "--signed", str(folder)]) == 1
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == f"{folder}: 1 problem(s), unsigned (local build)"
    )
    (folder / "manifest.json.minisig").write_bytes(signature)
    write_manifest(folder, {"version": "1", "commit": "abc", "languages": ["fra"], "name": "kit"})
    (folder / "manifest.json.minisig").write_bytes(
        signature
    )  # write_manifest removes it without a key
    sums = (folder / "SHA256SUMS").read_text()
    assert "manifest.json.minisig" not in sums
    verdict = verify_kit(folder)
    assert verdict.signature == signing.MISMATCH
    assert (
        f"{folder}: manifest.json.minisig: the signature does not match the manifest (the kit was changed "
        "after the hub signed it)." in verdict.problems
    )


def test_the_signature_has_minisign_layout(tmp_path, test_key):
    data = b"manifest\n"
    text = test_key.sign(data, "kayes-hub kit commit:abc")
    lines = text.split("\n")
    assert len(lines) == 5 and lines[4] == "" and lines[0].startswith("untrusted comment: ")
    blob = base64.b64decode(lines[1])
    assert len(blob) == 74 and blob[:2] == b"ED" and blob[2:10] == test_key.key_id
    assert (
        lines[2] == "trusted comment: kayes-hub kit commit:abc"
        and len(base64.b64decode(lines[3])) == 64
    )
    public = base64.b64decode(test_key.public().line())
    assert len(public) == 42 and public[:2] == b"Ed" and public[2:10] == test_key.key_id
    assert signing.check(data, text) == signing.SIGNED
    assert signing.check(data + b"x", text) == signing.MISMATCH
    assert signing.check(data, text.replace("commit:abc", "commit:abd")) == signing.MISMATCH
    assert signing.check(data, "garbage") == signing.MISMATCH


def test_the_hub_public_key_is_a_minisign_key():
    key = signing.PublicKey.parse(signing.HUB_PUBLIC_KEY)
    assert len(key.raw) == 32 and key.line() == signing.HUB_PUBLIC_KEY
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert signing.HUB_PUBLIC_KEY in readme


@pytest.mark.skipif(shutil.which("minisign") is None, reason="Debian's minisign is not installed")
def test_minisign_verifies_what_the_hub_signs(tmp_path, test_key):
    target = tmp_path / "manifest.json"
    target.write_bytes(b'{"files": []}\n')
    signing.sign_file(target, test_key, trusted_comment="kayes-hub kit commit:abc")
    run = subprocess.run(
        ["minisign", "-Vm", str(target), "-P", test_key.public().line()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Trusted comment: kayes-hub kit commit:abc" in run.stdout
    target.write_bytes(b'{"files": ["x"]}\n')
    assert (
        subprocess.run(
            ["minisign", "-Vm", str(target), "-P", test_key.public().line()],
            capture_output=True,
            check=False,
        ).returncode
        != 0
    )


def test_a_published_folder_verifies_with_its_zip(tmp_path, capsys):
    downloads = tmp_path / "downloads"
    folder = _kit(
        downloads / "sahelink-fr", {"documents/a.pdf": b"%PDF", "site/index.html": b"<html>"}
    )
    write_zip(folder, downloads / "sahelink-fr.zip", prefix="sahelink-fr/")
    shutil.rmtree(folder / "site")
    verdict = verify_kit(folder)
    assert verdict.problems == []
    assert verdict.notes == [
        f"{folder}: 1 files (the offline site) are only in sahelink-fr.zip, which is intact."
    ]
    (downloads / "sahelink-fr.zip").unlink()
    assert verify(folder) == [
        f"{folder}: site/index.html is missing.",
        f"{folder}: SHA256SUMS lists site/index.html, which is missing.",
    ]


def test_missing_targets_and_links(tmp_path):
    assert verify(tmp_path / "nope.zip") == [f"{tmp_path / 'nope.zip'}: no such folder or zip."]
    (tmp_path / "link.zip").symlink_to("/etc/passwd")
    assert verify(tmp_path / "link.zip") == [f"{tmp_path / 'link.zip'}: no such folder or zip."]
