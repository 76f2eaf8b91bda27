"""Content model, validation, rendering and build helpers of the Kayes knowledge hub.

Everything the site and the kits know about the content lives here; MkDocs hooks in
``hooks/`` only translate MkDocs events into calls to this package.
"""
