"""The Kiwix kit: one ZIM per language in ``downloads/kiwix/`` (:mod:`toolkit.kits.zim` writes
each), made of the online site, that language's pages with their French fallbacks, indexed in
that language. A ZIM is kept in the cache while the site, the kits' code, the address and the
date are the same."""

from __future__ import annotations

from toolkit.content.languages import DEFAULT_LANGUAGE, ISO639_3
from toolkit.kits.cache import KITS_CODE, digest, tree_digest
from toolkit.kits.contents import Part, has_own_text, sentences, zim_contents
from toolkit.kits.images import logo_png_48
from toolkit.kits.kit import Output, Run
from toolkit.kits.manifest import write_manifest
from toolkit.kits.sitecopy import language_paths
from toolkit.kits.zim import ZimSpec, build_zim, site_files
from toolkit.render.kit_layout import DOWNLOADS, KIWIX
from toolkit.render.labels import label

ZIM_NAME = "kayes-hub"
#: Kiwix tags: its own (_ftindex, _pictures...) and the topics.
ZIM_TAGS = [
    "_category:other",
    "_ftindex:yes",
    "_pictures:yes",
    "_videos:no",
    "_details:yes",
    "civic participation",
    "local governance",
    "women",
    "youth",
    "Mali",
    "Kayes",
]
#: What the site carries that changes with every build and is not in a ZIM.
NOT_IN_KEY = (".downloads.tmp", DOWNLOADS, "sitemap.xml", "sitemap.xml.gz")


def zim_name(lang: str) -> str:
    return f"{ZIM_NAME}_{lang}"


def zim_languages(lang: str) -> list[str]:
    """The ZIM's Language metadata: its language, then French when it holds French fallbacks."""
    return [ISO639_3[code] for code in dict.fromkeys((lang, DEFAULT_LANGUAGE))]


def zim_spec(lang: str, date: str, site_url: str, contents: list[Part] = ()) -> ZimSpec:
    """What the ZIM of ``lang`` says of itself: its long description ends with what it holds
    (``contents``, :func:`toolkit.kits.contents.zim_contents`)."""
    said = " ".join([label("kits.zim.long_description", lang), *sentences(list(contents), lang)])
    return ZimSpec(
        title=label("kits.zim.title", lang),
        description=label("kits.zim.description", lang),
        long_description=said,
        languages=zim_languages(lang),
        date=date,
        illustration_png_48=logo_png_48(),
        name=zim_name(lang),
        creator="GRDR, Tuwindi et contributeurs",
        publisher="Kayes knowledge hub",
        tags=ZIM_TAGS,
        source=site_url or None,
        index_language=ISO639_3[lang],
        main_path="index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html",
    )


class KiwixKit:
    name = "zim"
    needs = frozenset({"site"})

    def languages(self, run: Run) -> tuple[str, ...]:
        """The languages asked that have text of their own: a ZIM of Soninké, with none yet, was
        85 pages saying so (issue 27)."""
        return tuple(lang for lang in run.languages if has_own_text(run.result.corpus, lang))

    def budget(self, lang: str) -> int:
        return 10_000_000

    def build(self, run: Run) -> list[Output]:
        """One ZIM per language, from the online site before any download lands in it."""
        folder = run.staging / KIWIX
        folder.mkdir()
        every = [
            path
            for path, _ in site_files(run.site)
            if not path.startswith((".downloads.tmp/", DOWNLOADS + "/"))
        ]
        site_key = tree_digest([run.site], skip=NOT_IN_KEY)
        code = tree_digest([KITS_CODE])
        outputs = []
        for lang in self.languages(run):
            path = folder / f"{zim_name(lang)}.zim"
            paths = language_paths(every, lang)
            pages = sum(1 for p in paths if p.endswith((".html", ".htm")))
            contents = zim_contents(run.result.corpus, lang, pages)
            key = digest(site_key, code, lang, run.site_url, run.stamp.date)[:16]
            if run.cache.fetch(f"zim-{lang}", key, path, ".zim"):
                run.progress(f"Kiwix ZIM ({lang}) unchanged (cache)")
            else:
                run.progress(f"Kiwix ZIM ({lang})")
                spec = zim_spec(lang, run.stamp.date, run.site_url, contents)
                build_zim(run.site, path, spec, paths, run.site_url)
                run.cache.store(f"zim-{lang}", key, path, ".zim")
            iso = tuple(zim_languages(lang))
            outputs.append(Output(path, iso, self.budget(lang), contents=tuple(contents)))
        languages = [ISO639_3[c] for c in self.languages(run)]
        meta = run.stamp.manifest(languages=languages, name=KIWIX)
        write_manifest(folder, meta, signer=run.signer)
        return outputs


KIT = KiwixKit()
