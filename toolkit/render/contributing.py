"""The reference of the content fields, generated from the JSON Schemas (never hand-copied):
the contribution guide links to it, and it changes when the model changes."""

from __future__ import annotations

from toolkit.content.schemas import schema_for
from toolkit.render.labels import label_md

KINDS = ("methodology", "curriculum", "case-study", "tool", "capsule", "page")


def _type(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        return defs[prop["$ref"].rsplit("/", 1)[1]].get("title", "object")
    if "anyOf" in prop:
        return " or ".join(_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null")
    if "enum" in prop:
        return ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if prop.get("type") == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return prop.get("type", "text").replace("string", "text").replace("integer", "whole number")


def _markdown_text(text: str) -> str:
    """A description from the model (Markdown with code spans) on one table line: ``<`` and
    ``>`` outside code spans shown as themselves (``capsule.<lang>.md``), pipes escaped."""
    parts = " ".join(text.split()).split("`")
    for index in range(0, len(parts), 2):  # outside the code spans
        parts[index] = parts[index].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts).replace("|", "\\|")


def _table(schema: dict, defs: dict, lang: str) -> list[str]:
    required = set(schema.get("required", []))
    rows = [
        f"| {label_md('fields.field', lang)} | {label_md('fields.required', lang)} | "
        f"{label_md('fields.type', lang)} | {label_md('fields.description', lang)} |",
        "|---|---|---|---|",
    ]
    nested = []
    for name, prop in schema.get("properties", {}).items():
        mark = label_md("fields.yes", lang) if name in required else ""
        description = _markdown_text(prop.get("description", ""))
        if lang != "en" and description:  # the schema speaks English, like the code
            description = f'<span lang="en">{description}</span>'
        rows.append(
            f'| `{name}` | {mark} | <span lang="en">{_type(prop, defs)}</span> | {description} |'
        )
        target = prop.get("$ref") or prop.get("items", {}).get("$ref")
        if target:
            nested.append(target.rsplit("/", 1)[1])
    out = ["\n".join(rows) + "\n"]
    for name in dict.fromkeys(nested):
        out.append(f'**<span lang="en">{defs[name].get("title", name)}</span>**\n')
        out += _table(defs[name], defs, lang)
    return out


def field_reference(lang: str) -> str:
    """Markdown: one section per content type, one table row per field."""
    out = [f"# {label_md('fields.title', lang)}\n", label_md("fields.intro", lang) + "\n"]
    for kind in KINDS:
        schema = schema_for(kind)
        out.append(f"## {label_md('kind.' + kind, lang)} {{#{kind}}}\n")
        out.append(
            f"`methodology/schemas/{kind}.schema.json` · `methodology/templates/{kind}.fr.md`\n"
        )
        out += _table(schema, schema.get("$defs", {}), lang)
    return "\n".join(out)
