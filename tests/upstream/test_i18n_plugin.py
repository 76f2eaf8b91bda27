import pytest
from mkdocs.config.base import ValidationError

from toolkit.upstream.i18n_plugin import I18nIso639, Iso639Locale


@pytest.mark.parametrize("code", ["fr", "bm", "snk", "en-US", "en_US", "fuc"])
def test_accepts_iso_639_1_and_3(code):
    assert Iso639Locale(str).run_validation(code) == code


@pytest.mark.parametrize("code", ["french", "SNK", "s", "snk-"])
def test_rejects_other_forms(code):
    with pytest.raises(ValidationError, match="ISO 639-1 or ISO 639-3"):
        Iso639Locale(str).run_validation(code)


def test_plugin_config_accepts_snk():
    plugin = I18nIso639()
    errors, warnings = plugin.load_config(
        {
            "docs_structure": "suffix",
            "languages": [
                {"locale": "fr", "name": "Français", "default": True},
                {"locale": "snk", "name": "Sooninkanxanne"},
            ],
        }
    )
    assert errors == []
    assert [lang.locale for lang in plugin.config.languages] == ["fr", "snk"]


def test_upstream_plugin_still_rejects_snk():
    """When this fails, upstream accepts ISO 639-3: drop toolkit/upstream/i18n_plugin.py."""
    from mkdocs_static_i18n.plugin import I18n

    errors, _ = I18n().load_config(
        {
            "languages": [
                {"locale": "fr", "name": "Français", "default": True},
                {"locale": "snk", "name": "Sooninkanxanne"},
            ]
        }
    )
    assert errors
