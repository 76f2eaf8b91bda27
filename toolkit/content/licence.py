"""The licence of the content, as every output states it (mkdocs.yml's copyright line aside)."""

LICENCE = "CC BY-SA 4.0"
#: The SPDX identifier, for formats that want one (ZIM metadata, OPDS).
LICENCE_SPDX = "CC-BY-SA-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
