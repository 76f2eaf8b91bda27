from checks.test_property import front_matter
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.content.frontmatter import parse


def test_values_keep_their_line_numbers():
    text = "---\ntitle: A\nsteps:\n  - title: B\n    inclusion: C\n---\nbody\n"
    fm, problems = parse(text, "x.md")
    assert problems == []
    assert fm.line_of(("title",)) == 2
    assert fm.line_of(("steps", 0, "inclusion")) == 5
    assert fm.line_of(("steps", 0, "missing")) == 4  # nearest parent
    assert fm.body_start == 7 and fm.body == "body\n"


def test_dates_stay_text_so_the_model_reports_them():
    fm, problems = parse("---\nlast_reviewed: 2025-13-01\n---\n", "x.md")
    assert problems == [] and fm.data["last_reviewed"] == "2025-13-01"


def test_broken_yaml_names_the_line():
    _, problems = parse("---\ntitle: A\nthemes: [a, b\nsummary: x\n---\n", "x.md")
    assert [(p.line, p.check) for p in problems] == [(4, "yaml")]


def test_missing_and_unclosed_front_matter():
    assert parse("# Title\n", "x.md")[1][0].check == "front-matter"
    assert parse("---\ntitle: A\n", "x.md")[1][0].message == "The front matter is never closed."


def test_a_list_is_not_front_matter():
    assert parse("---\n- a\n- b\n---\n", "x.md")[1][0].check == "yaml"


def _parse_before(text: str):
    """What parse gave when PyYAML built every value and _walk found the lines afterwards."""
    import yaml

    from toolkit.content.frontmatter import _Loader, _walk

    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    try:
        loader = _Loader("\n".join(lines[1:end]))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        return "error", type(error), str(error)
    if data is None:
        data, node = {}, None
    line_map = {(): 1}
    if node is not None:
        _walk(node, (), line_map)
        line_map[()] = 1
    return data, list(line_map.items())


_YAML_EXTRA = [
    "a: 1",
    "b: 0x1F",
    "c: 1_000",
    "d: 1:30",
    "e: .inf",
    "f: -.NaN",
    "g: 1e3",
    "h: 0o17",
    "i: yes",
    "j: Off",
    "k: ~",
    "l: ''",
    "1: x",
    "1.5: y",
    "true: z",
    "~: n",
    "0x1: dup",
    "a: again",
    "= : v",
    "<<: {m: 1}",
    "!!str 5: s",
    "n: !!int '7'",
    "o: !!str [a]",
    "p: !!set {a}",
    "q: !!omap [{a: 1}]",
    "r: &x {s: 1}",
    "t: *x",
    "u: !!binary aGk=",
    "v: !!timestamp 2020-01-01",
    "w: !custom x",
    "x: [1, [2, {y: 3}]]",
    "z:\n  - a: 1\n    b: [x, y]\n  - c",
    "? [1, 2]\n: complex",
]


#: The starts of the messages of what the hub refuses although PyYAML would build it.
REFUSED = (
    "The field '",
    "The front matter uses a YAML anchor",
    "The number has",
    "'",
    "The front matter nests",
)


@settings(max_examples=examples(600), deadline=None)
@given(
    st.one_of(
        front_matter,
        st.lists(st.sampled_from(_YAML_EXTRA), max_size=12).map("\n".join),
    )
)
def test_one_walk_builds_what_pyyaml_builds(yaml_text):
    """toolkit.content.frontmatter._build (values and lines in one walk) against PyYAML's constructor
    followed by _walk: the same data, the same lines in the same order, the same errors."""
    text = f"---\n{yaml_text}\n---\nbody\n"
    expected = _parse_before(text)
    fm, problems = parse(text, "x.md")
    if fm is None and problems and problems[0].message.startswith(REFUSED):
        return  # refused on purpose (tests/checks/test_trust_input.py)
    if expected[0] == "error":
        assert fm is None and [p.check for p in problems] == ["yaml"]
        return
    data, lines = expected
    if not isinstance(data, dict):
        assert (
            fm is None
            and problems[0].message == "The front matter is not a set of 'field: value' lines."
        )
        return
    assert problems == []
    assert repr(fm.data) == repr(data) and fm.data == data
    assert list(fm.lines.items()) == lines
