"""Downloadable kits built from the validated corpus (one module per kit, imported on demand).

- :mod:`toolkit.kits.exports`: one document as PDF (pandoc -> Typst -> PDF, no LaTeX), DOCX
  and EPUB3, from :mod:`toolkit.kits.pandoc_markdown` (the page's Markdown in pandoc's dialect),
  through :mod:`toolkit.kits.converters` (pandoc and Typst) and :mod:`toolkit.kits.cache`
  (content-addressed); :mod:`toolkit.kits.facilitator_pack`: a curriculum's pack PDF;
  :mod:`toolkit.kits.addresses`: the published addresses a kit prints;
- :mod:`toolkit.kits.manifest`: manifest.json, SHA256SUMS, reproducible zips;
  :mod:`toolkit.kits.verification`: ``hub verify``;
- :mod:`toolkit.kits.sahelink`: the SaheLink kit (documents, Dublin Core catalogue,
  blog-ready summaries, offline site), one zip per language; :mod:`toolkit.kits.offline` its
  offline site, :mod:`toolkit.kits.catalogues` its OAI-PMH/oai_dc and OPDS catalogues;
- :mod:`toolkit.kits.zim` (one ZIM per language), :mod:`toolkit.kits.sitecopy` (a language's
  share of a built site, its links), :mod:`toolkit.kits.lenali`, :mod:`toolkit.kits.images`:
  the Kiwix and Lenali kits and their images; :mod:`toolkit.kits.docx`: Word forms;
- :mod:`toolkit.kits.errors`: :class:`KitError`, the one error, carrying content-shaped
  problems (``path: [kit-<name>] what. Fix: how.``).

Where each kit and file lies (``downloads/sahelink-<lang>/documents/...``) is in
:mod:`toolkit.render.kit_layout`, which the pages' download blocks share.

Nothing is imported here, so that one kit's dependencies (pandoc, Typst, libzim, Pillow) are
needed only by the code that builds it. Every kit is reproducible: same content, same bytes.
"""
