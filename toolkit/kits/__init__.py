"""Downloadable kits built from the validated corpus (one module per kit, imported on demand).

- :mod:`toolkit.kits.exports`: one document as PDF (pandoc -> Typst -> PDF, no LaTeX), DOCX
  and EPUB3, plus a facilitator pack PDF per curriculum, with a content-addressed cache;
- :mod:`toolkit.kits.manifest`: manifest.json, SHA256SUMS, reproducible zips, ``verify``;
- :mod:`toolkit.kits.sahelink`: the SaheLink kit (documents, Dublin Core catalogue,
  blog-ready summaries, offline site), one zip per language; :mod:`toolkit.kits.offline` its
  offline site, :mod:`toolkit.kits.catalogues` its OAI-PMH/oai_dc and OPDS catalogues;
- :mod:`toolkit.kits.zim` (one ZIM per language), :mod:`toolkit.kits.sitecopy` (a language's
  share of a built site, its links), :mod:`toolkit.kits.lenali`, :mod:`toolkit.kits.images`:
  the Kiwix and Lenali kits and their images; :mod:`toolkit.kits.docx`: Word forms;
- :mod:`toolkit.kits.errors`: :class:`KitError`, the one error, carrying content-shaped
  problems (``path: [kit-<name>] what. Fix: how.``); :mod:`toolkit.kits.verification`:
  ``hub verify``'s findings in that shape.

Nothing is imported here, so that one kit's dependencies (pandoc, Typst, libzim, Pillow) are
needed only by the code that builds it. Every kit is reproducible: same content, same bytes.
"""
