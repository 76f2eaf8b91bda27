"""Downloadable kits built from the validated corpus (one module per kit, imported on demand).

- :mod:`toolkit.kits.exports`: one document as PDF (pandoc -> Typst -> PDF, no LaTeX), DOCX
  and EPUB3, plus a facilitator pack PDF per curriculum, with a content-addressed cache;
- :mod:`toolkit.kits.manifest`: manifest.json, SHA256SUMS, reproducible zips, ``verify``;
- :mod:`toolkit.kits.sahelink`: the SaheLink kit (documents, Dublin Core catalogue,
  blog-ready summaries, offline site), one zip per language;
- :mod:`toolkit.kits.zim`, :mod:`toolkit.kits.lenali`, :mod:`toolkit.kits.images`: the Kiwix
  and Lenali kits and their images.

Nothing is imported here, so that one kit's dependencies (pandoc, Typst, libzim, Pillow) are
needed only by the code that builds it. Every kit is reproducible: same content, same bytes.
"""
