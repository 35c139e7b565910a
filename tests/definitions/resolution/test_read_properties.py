"""Properties of the definition loader on generated input: a Resolution or a
DefinitionError whose every problem names the file, a line inside it (or none) and a
field; never another exception, and never long, whatever the YAML does.

The inputs are the Hải Phòng definition cut down, mutated in structure (keys removed,
renamed, retyped, duplicated) and in text (lines cut, hostile YAML inserted): see
fuzz/targets.py. ``make fuzz`` runs the same target with 100 000 inputs.
"""

from __future__ import annotations

import json
import time

import pytest
from fuzz.targets import TARGETS, _dump_yaml, definition_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.core.model import Resolution
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.resolution.document import MAX_DEPTH, MAX_NODES, MAX_PROBLEMS
from chitieu.definitions.resolution.read import MAX_DEFINITION_CHARS, load_resolution_text

FILE = "nghi-quyet.yaml"
QUICK = 5.0  # seconds of CPU for any refusal below; the real file reads in ~0,4 s


def problems_of(text: str) -> list[str]:
    begin = time.process_time()
    with pytest.raises(DefinitionError) as caught:
        load_resolution_text(text, FILE)
    assert time.process_time() - begin < QUICK
    return [str(p) for p in caught.value.problems]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(TARGETS["definitions"].strategy)
def test_a_mutated_definition_loads_or_names_file_line_and_field(text: str) -> None:
    lines = text.count("\n") + 1
    problems: list[Problem] = []
    try:
        resolution = load_resolution_text(text, FILE)
    except DefinitionError as exc:
        problems = exc.problems
        assert problems, "a DefinitionError without problems"
    else:
        assert isinstance(resolution, Resolution)
    for problem in problems:
        assert problem.file == FILE
        assert problem.line is None or 1 <= problem.line <= lines + 1
        assert isinstance(problem.field, str)
        assert problem.message


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(definition_documents(), st.booleans())
def test_the_unmutated_cut_loads(doc: dict[str, object], as_json: bool) -> None:
    """The generator starts from valid files, so mutations probe the loader's depth."""
    doc.pop("relations", None)
    doc.pop("validation_rules", None)
    text = json.dumps(doc, ensure_ascii=False) if as_json else _dump_yaml(doc, flow=False)
    resolution = load_resolution_text(text, FILE)
    assert len(resolution.targets) == 1


def test_billion_laughs_stops_at_the_node_budget() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    [problem] = problems_of("\n".join(levels) + "\n")
    assert f"more than {MAX_NODES} values once aliases are expanded" in problem
    assert problem.startswith(f"{FILE}:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 5000 + "]" * 5000, f"YAML nested too deeply (more than {MAX_DEPTH})"),
        ("a: " + "{x: " * 200 + "1" + "}" * 200, f"YAML nested too deeply (more than {MAX_DEPTH})"),
        ("id: x\nbase_year: " + "9" * 5000 + "\n", "YAML value error"),
        ("a: " + "x" * (MAX_DEFINITION_CHARS + 1), "the file is too large"),
        ("a: &a [*a]\n", "format: required field is missing"),
        ("id: !!python/object/apply:os.system [echo]\n", "id: Input should be a valid string"),
        ("? [a, b]\n: c\n", "format: required field is missing"),
        # Found by the fuzz campaign: ruamel raised TypeError (unhashable CommentedMap).
        ("targets: [{[{id: 1a}]: x}]\n", "YAML key is a list or mapping"),
    ],
    ids=[
        "flow-depth",
        "mapping-depth",
        "huge-int",
        "too-large",
        "self-alias",
        "tag",
        "key",
        "unhashable-key",
    ],
)
def test_hostile_yaml_is_a_definition_error(text: str, expected: str) -> None:
    assert any(expected in p for p in problems_of(text))


def test_ten_thousand_unknown_keys_are_counted_not_listed() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(10_000))
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].endswith(f"more problems (only the first {MAX_PROBLEMS} are listed)")
