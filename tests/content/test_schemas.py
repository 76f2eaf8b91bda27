import json

import jsonschema
from conftest import ROOT

from toolkit.content import vocabularies
from toolkit.content.frontmatter import parse
from toolkit.content.schemas import render_schemas


def test_schemas_in_the_repository_are_up_to_date():
    expected = render_schemas(vocabularies.load(ROOT / "methodology"))
    folder = ROOT / "methodology" / "schemas"
    stale = [
        name
        for name, text in expected.items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"Stale JSON Schemas {stale}: run `make schemas` and commit the result."


def test_schema_accepts_a_real_page_and_rejects_an_unknown_theme():
    schema = json.loads((ROOT / "methodology/schemas/methodology.schema.json").read_text())
    fm, _ = parse(
        (ROOT / "tests/fixtures/site/docs/methodologies/debat-budget/index.fr.md").read_text(), "x"
    )
    jsonschema.validate(fm.data, schema)
    fm.data["themes"] = ["not-a-theme"]
    try:
        jsonschema.validate(fm.data, schema)
    except jsonschema.ValidationError as error:
        assert "not-a-theme" in error.message
    else:
        raise AssertionError("an unknown theme passed the schema")
