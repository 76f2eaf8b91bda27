"""Downloadable kits built from the validated corpus, behind one interface.

- :mod:`toolkit.kits.kit`: the :class:`~toolkit.kits.kit.Kit` interface (name, needs,
  languages, budget, build) and the :class:`~toolkit.kits.kit.Run` every kit of a build
  shares; :mod:`toolkit.kits.build`: the loop over the kits, their budgets, ``kits.json``,
  ``SHA256SUMS``, the signature and the atomic swap (``publish_kits``, called by the build's
  hook and by ``hub kits``);
- one module per kit: :mod:`toolkit.kits.sahelink` (documents, Dublin Core catalogue,
  blog-ready summaries, offline site, one zip per language; :mod:`toolkit.kits.offline` its
  share of the offline site, :mod:`toolkit.kits.catalogues` its OAI-PMH and OPDS catalogues),
  :mod:`toolkit.kits.kiwix` (one ZIM per language, written by :mod:`toolkit.kits.zim`;
  :mod:`toolkit.kits.sitecopy` a language's share of a built site) and
  :mod:`toolkit.kits.lenali` (voice capsules); :mod:`toolkit.kits.images` their images;
- :mod:`toolkit.kits.exports`: one document as PDF (pandoc -> Typst, no LaTeX), DOCX and EPUB3,
  from :mod:`toolkit.kits.pandoc_markdown` (the page's Markdown in pandoc's dialect), through
  :mod:`toolkit.kits.converters` (pandoc and Typst); :mod:`toolkit.kits.facilitator_pack`: a
  curriculum's pack PDF; :mod:`toolkit.kits.addresses`: the published addresses a kit prints;
  :mod:`toolkit.kits.docx`: Word forms;
- :mod:`toolkit.kits.cache`: the one cache (exports, ZIMs, the Lenali zip, the offline site,
  which :mod:`toolkit.kits.sites` builds);
- :mod:`toolkit.kits.manifest`: manifest.json, SHA256SUMS, reproducible zips;
  :mod:`toolkit.kits.verification`: ``hub verify``, which reads both views of a zip with
  :mod:`toolkit.kits.zipscan`; :mod:`toolkit.kits.signing`: the hub's signature;
- :mod:`toolkit.kits.errors`: :class:`KitError`, the one error, carrying content-shaped
  problems (``path: [kit-<name>] what. Fix: how.``).

Where each kit and file lies (``downloads/sahelink-<lang>/documents/...``) is in
:mod:`toolkit.render.kit_layout`, which the pages' download blocks share. Every kit is
reproducible: same content, same bytes.
"""
