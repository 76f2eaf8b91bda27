"""JSON Schemas of the front matter, generated from :mod:`toolkit.content.model`.

Editors (VS Code with the YAML extension) use them to validate front matter while typing.
``hub schemas`` writes them; a test fails when the files in methodology/schemas/ are stale.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from toolkit.base.build_caches import per_build
from toolkit.content.model import MODELS, GlossaryEntry
from toolkit.content.vocabularies import Vocabularies


@per_build(maxsize=16)
def _model_schema(kind: str) -> dict:
    """Pydantic's JSON Schema of a content type, made once per process: the models never
    change while it runs, and making one takes ~10 ms (each build renders the field reference
    once per language). Only :func:`schema_for` reads it, and it hands out a copy."""
    model = GlossaryEntry if kind == "glossary-entry" else MODELS[kind]
    return model.model_json_schema(mode="validation")


def schema_for(kind: str, vocab: Vocabularies | None = None) -> dict:
    schema = copy.deepcopy(_model_schema(kind))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = (
        f"Front matter of a {kind} page" if kind != "glossary-entry" else "Glossary entry"
    )
    if vocab is not None and kind != "glossary-entry":
        props = schema.get("properties", {})
        for name in ("themes", "audiences", "places", "sdgs"):
            if name in props:
                props[name]["items"] = {"enum": sorted(vocab.get(name).terms, key=str)}
        if "place" in props:
            props["place"]["enum"] = sorted(vocab.places.terms)
    return schema


def render_schemas(vocab: Vocabularies | None = None) -> dict[str, str]:
    """file name -> JSON text, for every content type and the glossary entry."""
    kinds = [*MODELS, "glossary-entry"]
    schemas = {f"{kind}.schema.json": schema_for(kind, vocab) for kind in kinds}
    schemas["glossary.schema.json"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "glossary.schema.json",
        "title": "methodology/glossary.yml",
        "type": "array",
        "items": {"$ref": "glossary-entry.schema.json"},
    }
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, schema in schemas.items()
    }


def write_schemas(folder: Path, vocab: Vocabularies | None = None) -> list[Path]:
    from toolkit.content import vocabularies

    vocab = vocab or vocabularies.load(folder.parent)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(vocab).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
