"""What speakers send back, and what the hub sends them (imported on demand).

- :mod:`toolkit.contributions.review`: the review pack of a language (DOCX, PDF) for a native
  speaker who works in Word or on paper, and ``hub review import`` of the pack they return;
- :mod:`toolkit.contributions.translation`: the translation pack of a language with no text yet
  (Soninké first) and ``hub translate import`` of the filled pack, as drafts awaiting review;
- :mod:`toolkit.contributions.yamledit`: line-by-line edits of front matter and YAML files;
- :mod:`toolkit.contributions.recordings`: ``hub recordings import``: voice notes, a WhatsApp
  chat export, a phone recorder's files or the studio's, made into a capsule's recording.

This layer sits beside ``website`` and ``kits``: it reads the validated corpus and writes
content files (front matter, ``.po`` catalogues, recordings), never the site.
"""
