"""The voice path in Chromium: a capsule page plays its recording with zero audio bytes before
play; the studio records from the fake microphone, plays back and saves a file (and its sidecar)
that passes `hub check`, over http:// and from file://."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")

import audio_samples as samples  # noqa: E402
from browser import Server, build  # noqa: E402

from toolkit.checks.validate import validate_tree  # noqa: E402
from toolkit.media import audio  # noqa: E402

CAPSULE = "docs/methodologies/debat-budget/capsule.fr.md"
FAKE_MIC = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def voice_site(tmp_path_factory):
    from conftest import make_site_tree

    root = make_site_tree(tmp_path_factory.mktemp("voice") / "hub")
    for folder in (
        "partenaires",
        "partenaires/sahelink",
        "partenaires/lenali",
        "partenaires/democracy-tech-squad",
    ):
        (root / "docs" / folder).mkdir(parents=True, exist_ok=True)  # in mkdocs.yml's nav
        (root / "docs" / folder / "index.fr.md").write_text(
            "---\ntitle: Partenaire\nsummary: Une page du menu.\nlanguage: fr\nlast_reviewed: 2026-12-01\n"
            "authors: [Équipe]\nversion: 1\n---\n\n# Partenaire\n\nTexte.\n"
        )
    samples.write_recording(root / CAPSULE, samples.speech_like(4), ".webm")
    return root, build(root, root / "site")


@pytest.fixture(scope="module")
def mic_browser(tmp_path_factory, playwright_api):
    """Chromium whose fake microphone says a speech-like test signal (made now, never published);
    its default beeps are mostly silence, which the [audio] check rightly refuses."""
    from browser import ARGS, CHROMIUM

    voice = tmp_path_factory.mktemp("mic") / "voice.wav"
    voice.write_bytes(samples.encode(samples.speech_like(8, lead=0), ".wav"))
    instance = playwright_api.chromium.launch(
        executable_path=CHROMIUM,
        args=[*ARGS, *FAKE_MIC, f"--use-file-for-fake-audio-capture={voice}"],
    )
    yield instance
    instance.close()


@pytest.mark.build
@pytest.mark.browser
def test_capsule_page_plays_with_zero_audio_bytes_before_play(voice_site, mic_browser):
    _root, site = voice_site
    server = Server(site)
    try:
        page = mic_browser.new_page()
        audio_requests = []
        page.on(
            "request",
            lambda r: audio_requests.append(r.url) if r.url.endswith((".opus", ".mp3")) else None,
        )
        page.goto(f"{server.url}/methodologies/debat-budget/capsule/")
        page.wait_for_load_state("networkidle")
        assert audio_requests == []  # preload="none": nothing before the listener presses play
        caption = page.locator("figure.hub-player figcaption").inner_text()
        assert caption.startswith("Écouter · 4 s · ") and "KB" in caption
        page.evaluate("document.querySelector('figure.hub-player audio').play()")
        _wait_for(page, "document.querySelector('figure.hub-player audio').currentTime > 0.3")
        assert any(url.endswith("capsule.fr.opus") for url in audio_requests)
        # a capsule without a recording in the reader's language says so and links to the studio
        page.goto(f"{server.url}/methodologies/debat-budget/")
        assert page.locator("figure.hub-player").count() == 1
    finally:
        server.stop()


def _wait_for(page, expression: str, seconds: float = 15) -> None:
    """Poll ``expression`` (page.wait_for_function evaluates strings, which the CSP forbids)."""
    import time

    end = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"still false after {seconds} s: {expression}"
        page.wait_for_timeout(200)


def _wait_for_python(condition, page, seconds: float = 15) -> None:
    import time

    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the studio saved fewer than two files"
        page.wait_for_timeout(200)


def _record_and_save(page, tmp_path: Path) -> list[Path]:
    page.wait_for_selector(".hub-studio-ui")
    options = page.locator(".hub-studio-pick option").all_inner_texts()
    assert any("Capsule — le débat sur le budget" in o for o in options)
    # a curriculum's session capsules are offered too, under the curriculum's title
    assert page.locator(".hub-studio-pick optgroup option", has_text="Séance 1 · ").count() >= 1
    index = next(i for i, o in enumerate(options) if "Capsule — le débat sur le budget" in o)
    page.select_option(
        ".hub-studio-pick",
        page.locator(".hub-studio-pick option").nth(index).get_attribute("value"),
    )
    page.click(".hub-studio-record")
    levels = []
    for _ in range(14):  # the meter moves with the voice (and drops in its pauses)
        page.wait_for_timeout(250)
        levels.append(int(page.locator(".hub-studio-meter").get_attribute("aria-valuenow")))
    page.click(".hub-studio-stop")
    page.wait_for_selector(".hub-studio-review:not([hidden])")
    page.evaluate("document.querySelector('.hub-studio-player').play()")
    _wait_for(page, "document.querySelector('.hub-studio-player').currentTime > 0.2")
    page.click(".hub-studio-save")  # consent not ticked: nothing saved
    assert "accord" in page.locator(".hub-studio-status").inner_text()
    page.check(".hub-studio-consent")
    saved = []
    page.on("download", lambda download: saved.append(download))
    page.click(".hub-studio-save")
    _wait_for_python(lambda: len(saved) == 2, page)
    # where sharing files is not supported, the page says where to send them
    status = page.locator(".hub-studio-status").inner_text()
    assert "Équipe de test studio@hub.example.org" in status
    paths = []
    for download in saved:
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        paths.append(path)
    assert max(levels) > 30
    return paths


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_studio_records_a_file_that_passes_hub_check(voice_site, mic_browser, tmp_path, scheme):
    root, site = voice_site
    server = Server(site) if scheme == "http" else None
    try:
        context = mic_browser.new_context(accept_downloads=True)
        page = context.new_page()
        url = (
            f"{server.url}/contribuer/studio/"
            if server
            else (site / "contribuer/studio/index.html").as_uri()
        )
        page.goto(url)
        paths = _record_and_save(page, tmp_path)
        context.close()
    finally:
        if server:
            server.stop()
    names = sorted(p.name for p in paths)
    assert names[0] == "capsule.fr.json" and names[1].startswith("capsule.fr.")
    sidecar = json.loads((tmp_path / "capsule.fr.json").read_text())
    assert (
        sidecar["consent"] is True
        and sidecar["language"] == "fr"
        and sidecar["speaker"] == "anonymous"
    )
    assert sidecar["capsule"] == CAPSULE
    # the saved pair replaces the capsule's recording: hub check passes, the build's processing plays
    folder = (root / CAPSULE).parent
    tree = tmp_path / "tree"
    shutil.copytree(root / "docs", tree / "docs")
    shutil.copytree(root / "methodology", tree / "methodology")
    for old in (tree / CAPSULE).parent.glob("capsule.fr.*"):
        if old.suffix != ".md":
            old.unlink()
    for path in paths:
        shutil.copy(path, (tree / CAPSULE).parent / path.name)
    assert [str(p) for p in validate_tree(tree).problems] == []
    recording = audio.recording_of(tree / CAPSULE)
    published = audio.process(recording, audio.tags_for("T", "fr", None))
    decoded, kind = audio.decode(published.files[".opus"])
    assert kind == "ogg" and len(decoded) > audio.SAMPLE_RATE
    assert folder.is_dir()


#: A phone's share sheet (Web Share API with files, as Chrome for Android has it: .json refused),
#: recording what it was handed.
SHARE_SHEET = """
navigator.canShare = (data) => !!(data && data.files && data.files.every(f => !/\\.json$/.test(f.name)));
navigator.share = (data) => Promise.all(data.files.map(f => f.text().then(text =>
  [f.name, f.type, f.size, f.name.endsWith('.txt') ? text : '']))).then(files => {
    window.hubShared = {files: files, text: data.text};
  });
"""


@pytest.mark.build
@pytest.mark.browser
def test_studio_shares_the_recording_and_its_sheet_on_a_phone(voice_site, mic_browser):
    _root, site = voice_site
    server = Server(site)
    try:
        context = mic_browser.new_context()
        context.add_init_script(SHARE_SHEET)
        page = context.new_page()
        page.goto(f"{server.url}/contribuer/studio/")
        page.wait_for_selector(".hub-studio-ui")
        send = page.locator(".hub-studio-send").first.inner_text()
        assert send.startswith("Envoyez les deux fichiers") and "studio@hub.example.org" in send
        assert page.locator(".hub-studio-save").inner_text() == "Partager"
        page.click(".hub-studio-record")
        page.wait_for_timeout(2500)
        page.click(".hub-studio-stop")
        page.wait_for_selector(".hub-studio-review:not([hidden])")
        page.check(".hub-studio-consent")
        page.fill(".hub-studio-speaker", "Awa")
        page.click(".hub-studio-save")
        _wait_for(page, "!!window.hubShared")
        shared = page.evaluate("window.hubShared")
        context.close()
    finally:
        server.stop()
    (recording, kind, size, _), (sheet, sheet_kind, _, text) = shared["files"]
    assert recording.endswith((".webm", ".ogg", ".m4a")) and kind.startswith("audio/") and size > 0
    assert sheet == recording.rsplit(".", 1)[0] + ".txt" and sheet_kind == "text/plain"
    sidecar = json.loads(text)
    assert sidecar["consent"] is True and sidecar["speaker"] == "Awa"
    assert sidecar["file"] == recording and sidecar["capsule"].endswith(
        sheet[: -len(".txt")] + ".md"
    )
    assert shared["text"] == "Équipe de test studio@hub.example.org"


#: On a phone (360 × 740): what the studio must be, measured in the page.
PHONE_CHECK = """() => {
  const TEXTS = 'button, .hub-studio-field, .hub-studio-check span, .hub-studio-where';
  const ui = document.querySelector('.hub-studio-ui');
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const controls = [...ui.querySelectorAll('button, select, input, audio')].filter(visible);
  return {
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    small: controls.map(e => [e.className || e.tagName, e.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24).map(([n, r]) => `${n} ${r.width}x${r.height}`),
    wider: [...ui.querySelectorAll('*')].filter(visible)
      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map(e => e.className || e.tagName),
    scripts: [...document.querySelectorAll('details.hub-studio-script')].filter(visible).length,
    review: visible(document.querySelector('.hub-studio-review')),
    chosen: document.querySelector('.hub-studio-chosen').textContent,
    picked: document.querySelector('.hub-studio-pick').selectedOptions[0].textContent,
    unbordered: [...ui.querySelectorAll('select, input[type=text]')].filter(visible)
      .filter(e => parseFloat(getComputedStyle(e).borderBottomWidth) < 1).map(e => e.className),
    french: [...ui.querySelectorAll(TEXTS)]
      .filter(e => e.closest('[lang]') && e.closest('[lang]').getAttribute('lang') === 'fr').length,
    labels: ui.querySelectorAll(TEXTS).length,
  };
}"""


@pytest.mark.build
@pytest.mark.browser
def test_studio_on_a_phone_in_four_languages(voice_site, mic_browser):
    """At 360 × 740, in fr, en, bm and snk, before and after a recording: nothing wider than the
    screen, every control at least 24 × 24 px with a visible edge, the review and the scripts'
    source hidden until there is something to review, the whole name of the chosen capsule
    written out (a select cuts it), and the strings shown in French for want of a translation
    (all of Soninké's, none of Bambara's) marked lang="fr"."""
    _root, site = voice_site
    server = Server(site)
    try:
        for prefix, french in (("", None), ("en/", 0), ("bm/", 0), ("snk/", "all")):
            context = mic_browser.new_context(
                viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
            )
            page = context.new_page()
            page.goto(f"{server.url}/{prefix}contribuer/studio/")
            page.wait_for_selector(".hub-studio-ui")
            before = page.evaluate(PHONE_CHECK)
            page.click(".hub-studio-record")
            page.wait_for_timeout(1500)
            page.click(".hub-studio-stop")
            page.wait_for_selector(".hub-studio-review:not([hidden])")
            after = page.evaluate(PHONE_CHECK)
            context.close()
            where = prefix or "fr"
            for state in (before, after):
                assert state["sideways"] == 0 and state["wider"] == [], (where, state)
                assert state["small"] == [] and state["unbordered"] == [], (where, state)
                assert state["scripts"] == 0, where
                assert state["chosen"] == state["picked"] and state["chosen"], where
                if french == "all":
                    assert state["french"] == state["labels"], (where, state)
                elif french == 0:
                    assert state["french"] == 0, (where, state)
            assert before["review"] is False and after["review"] is True, where
    finally:
        server.stop()
