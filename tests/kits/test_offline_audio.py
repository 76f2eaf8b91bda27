"""Recordings in the offline kits: the SaheLink kit's offline site plays a capsule's recording
from ``file://`` and the Kiwix ZIM plays it in kiwix-serve, with zero audio bytes before the
listener presses play and no request outside the kit (or the kiwix-serve origin).

One fixture site for the module: the fixture tree, into which ``hub recordings import`` brings a
WhatsApp voice note (espeak-ng speech in Ogg Opus, named as WhatsApp names it; made now, a test
fixture, never content) as the French capsule's recording, built strict (the site online), then its
French SaheLink kit and French ZIM (about 25 s). Each input format's processing is in
tests/media/test_audio.py and tests/contributions/test_recordings_import.py.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")
pytest.importorskip("libzim", reason="python-libzim is not installed (pip install libzim)")


from toolkit.media import audio  # noqa: E402

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.needs_espeak_ng]

CAPSULE = "docs/methodologies/debat-budget/capsule.fr.md"
RECORDING = "methodologies/debat-budget/capsule.fr"  # the published files, from the site's root
SITE_URL = "https://hub.example.org/"
#: the player of a page, and what it has loaded (``networkState`` 3: no source it could use)
PLAYER = "document.querySelector('figure.hub-player audio')"
#: A WhatsApp voice note, as received (Android's name for it)
VOICE_NOTE = "PTT-20261205-WA0003.opus"


@pytest.fixture(scope="module")
def kits(tmp_path_factory) -> Path:
    import speech_samples
    from conftest import _build_strict, make_site_tree

    from toolkit.checks.validate import validate_tree
    from toolkit.cli import main
    from toolkit.kits.build import KitsRequest, build_kits

    root = make_site_tree(tmp_path_factory.mktemp("offline-audio") / "hub")
    received = tmp_path_factory.mktemp("whatsapp") / VOICE_NOTE
    received.write_bytes(
        speech_samples.voice_note(
            speech_samples.speech("Bonjour. Le budget de la commune se discute en public.")
        )
    )
    # the maintainer's command, as the contributor guide gives it
    command = ["recordings", "import", str(received), "--capsule", "debat-budget", "--lang", "fr"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("toolkit.cli.project_root", lambda: root)
        assert main([*command, "--consent", "anonymous, 2026-12-05"]) == 0
    site = _build_strict(root, root / "site")
    request = KitsRequest(("sahelink", "zim"), ("fr",), SITE_URL, progress=lambda _: None)
    build_kits(root, site, validate_tree(root), request)
    return site / "downloads"


@pytest.fixture(scope="module")
def player_browser(playwright_api):
    """Chromium that lets a script press play (no user gesture in a headless test)."""
    from browser import ARGS, CHROMIUM

    instance = playwright_api.chromium.launch(
        executable_path=CHROMIUM, args=[*ARGS, "--autoplay-policy=no-user-gesture-required"]
    )
    yield instance
    instance.close()


def _wait_for(page, expression: str, seconds: float = 15) -> None:
    """Poll ``expression`` (page.wait_for_function evaluates strings, which the CSP forbids)."""
    end = time.monotonic() + seconds
    while not page.evaluate(expression):
        error = page.evaluate(f"{PLAYER}.error && {PLAYER}.error.message")
        assert not error, f"the player failed: {error}"
        assert time.monotonic() < end, f"still false after {seconds} s: {expression}"
        page.wait_for_timeout(200)


def _is_audio(url: str) -> bool:
    return urlsplit(url).path.endswith((".opus", ".mp3", ".ogg", ".m4a"))


def _play(page, url: str, requests: list[str]) -> str:
    """Open ``url``, check that nothing of the recording came before play, press play, wait until
    it plays; return the address the player plays."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # anything the page would fetch on its own has started by now
    assert page.locator("figure.hub-player audio").get_attribute("preload") == "none"
    assert [u for u in requests if _is_audio(u)] == []  # zero audio bytes before play
    assert page.evaluate(f"{PLAYER}.readyState") == 0
    page.evaluate(f"{PLAYER}.play()")
    _wait_for(page, f"{PLAYER}.currentTime > 0.3 && {PLAYER}.readyState >= 2")
    played = page.evaluate(f"{PLAYER}.currentSrc")
    assert [u for u in requests if _is_audio(u)], "the player played without a request"
    return played


def _assert_normalised_opus(data: bytes) -> None:
    decoded, kind = audio.decode(data)
    assert kind == "ogg"
    assert abs(audio.loudness(decoded) - audio.TARGET_LUFS) <= 1.0
    assert 3.0 <= len(decoded) / audio.SAMPLE_RATE <= 5.0


def test_the_sahelink_kit_plays_the_recording_from_file_urls(kits, player_browser, tmp_path):
    from toolkit.kits.verification import verify

    assert verify(kits / "sahelink-fr.zip") == []
    assert verify(kits / "sahelink-fr") == []
    with zipfile.ZipFile(kits / "sahelink-fr.zip") as archive:
        archive.extractall(tmp_path)
    kit = tmp_path / "sahelink-fr"
    manifest = {f["path"] for f in json.loads((kit / "manifest.json").read_text())["files"]}
    sums = {line.split("  ", 1)[1] for line in (kit / "SHA256SUMS").read_text().splitlines()}
    for suffix in audio.PUBLISHED:
        assert f"site/{RECORDING}{suffix}" in manifest & sums
    # the sources and their sidecar (which names the speaker) are not published
    assert not list(kit.rglob(VOICE_NOTE)) and not list(kit.rglob("capsule.fr.json"))

    folder = (kit / "site").as_uri() + "/"
    page = player_browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    capsule = kit / "site/methodologies/debat-budget/capsule.html"
    played = _play(page, capsule.as_uri(), requests)
    assert played.startswith(folder) and played.endswith(".opus")
    path = Path(unquote(urlsplit(played).path))
    assert path == kit / "site" / (RECORDING + ".opus")
    _assert_normalised_opus(path.read_bytes())
    # the language menu offers only the kit's own pages: this French kit holds no other language
    switcher = page.eval_on_selector_all(
        "a.md-select__link[hreflang]", "links => links.map(a => a.getAttribute('href'))"
    )
    assert switcher == ["capsule.html"]
    assert page.locator('link[rel="alternate"][href^="http"]').count() == 0
    # the methodology's page plays the same file
    page.goto((kit / "site/methodologies/debat-budget/index.html").as_uri())
    assert page.locator("figure.hub-player audio").get_attribute("preload") == "none"
    page.close()
    outside = [u for u in requests if not u.startswith((folder, "data:", "blob:"))]
    assert outside == [], "\n".join(outside)


def test_the_site_online_plays_the_imported_voice_note(kits, player_browser):
    from browser import Server

    site = kits.parent
    assert not list(site.rglob("capsule.fr.json")) and not list(site.rglob(VOICE_NOTE))
    server = Server(site)
    try:
        page = player_browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        played = _play(page, f"{server.url}/methodologies/debat-budget/capsule/", requests)
        assert played == f"{server.url}/{RECORDING}.opus"
        page.close()
    finally:
        server.stop()
    _assert_normalised_opus((site / (RECORDING + ".opus")).read_bytes())
    assert [u for u in requests if not u.startswith((server.url + "/", "data:", "blob:"))] == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.needs_kiwix_serve
def test_the_zim_plays_the_recording_in_kiwix_serve(kits, player_browser):
    from libzim.reader import Archive

    zim = kits / "kiwix" / "kayes-hub_fr.zim"
    archive = Archive(zim)
    for suffix, mimetype in ((".opus", "audio/ogg"), (".mp3", "audio/mpeg")):
        assert archive.get_entry_by_path(RECORDING + suffix).get_item().mimetype == mimetype
    assert not archive.has_entry_by_path("methodologies/debat-budget/capsule.fr.json")
    port = _free_port()
    server = subprocess.Popen(
        [shutil.which("kiwix-serve"), "--port", str(port), "--address", "127.0.0.1", str(zim)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    book = zim.stem  # kiwix-serve 3.3 names the book after the file
    try:
        page = player_browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        deadline = time.monotonic() + 20
        while True:
            try:
                page.goto(f"{base}/{book}/methodologies/debat-budget/capsule/index.html")
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        requests.clear()
        played = _play(
            page, f"{base}/{book}/methodologies/debat-budget/capsule/index.html", requests
        )
        assert played.startswith(f"{base}/") and played.endswith(".opus")
        assert played.split("?")[0].endswith(f"/{book}/{RECORDING}.opus")
        page.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    _assert_normalised_opus(
        bytes(archive.get_entry_by_path(RECORDING + ".opus").get_item().content)
    )
    assert [u for u in requests if not u.startswith((base + "/", "data:", "blob:"))] == []


@pytest.mark.needs_zimcheck
def test_the_zim_with_recordings_passes_zimcheck(kits):
    run = subprocess.run(
        [shutil.which("zimcheck"), "-0", "-C", "-M", "-F", "-P", "-R", "-U", "-X", "-L"]
        + [str(kits / "kiwix" / "kayes-hub_fr.zim")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
