from toolkit.frontmatter import parse


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
