"""Where the repository is, on the contributor pages (toolkit/website/editlinks.py)."""

from __future__ import annotations

from toolkit.website.editlinks import with_repository_note


def test_the_note_gives_the_repository_after_the_title():
    out = with_repository_note(
        "# Contribuer\n\nOuvrez le modèle dans le dépôt.", "https://github.com/o/hub", "fr"
    )
    assert out.split("\n")[:3] == [
        "# Contribuer",
        "",
        '<p class="hub-repository">Le dépôt de ce centre de ressources, où sont les '
        'fichiers et les modèles &#58; <a href="https://github.com/o/hub">https://github.com/o/hub</a></p>',
    ]
    assert out.endswith("Ouvrez le modèle dans le dépôt.")


def test_without_a_repository_the_note_says_whom_to_ask():
    out = with_repository_note("# Contribute\n\nText.", None, "en")
    assert "This copy of the site was built without a repository address. Ask the team" in out
    assert out.index("# Contribute") < out.index("without a repository") < out.index("Text.")
