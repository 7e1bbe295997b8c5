"""The reports' JSON text is exactly the standard library's ``indent=2`` text."""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm.reports.render.json_text import dumps_indented
from ntm.reports.review import CommuneEntry, UnitRef, build_review
from ntm.reports.synthetic import make_set, random_result

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(keys, inner),
    max_leaves=60,
)


def standard(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_any_document_is_written_as_the_standard_library_writes_it(data):
    assert dumps_indented(data) == standard(data)


def test_lists_of_one_plain_type_and_the_odd_values_are_written_alike():
    data = {
        "codes": ["001", "Xã Đông Hòa", 'a "quoted"\nline', "\u2028", "\x00"],
        "numbers": [1, -2, 10**20],
        "mixed": [1, 1.5, True, None, "x", [], {}],
        "floats": [0.1 + 0.2, 1e16, -0.0, math.inf, -math.inf, math.nan],
        "nested": [[["deep"]], {"a": {"b": []}}],
        7: "int key",
        2.5: "float key",
        None: "null key",
        True: "bool key",
        "empty": "",
    }
    assert dumps_indented(data) == standard(data)
    assert dumps_indented([]) == "[]" and dumps_indented({}) == "{}"
    assert dumps_indented("top") == standard("top")


def test_a_review_is_written_byte_for_byte_as_before():
    criteria_set = make_set("xa-ntm-2021-2025", {n: 3 for n in range(1, 20)})
    rng, pool = random.Random(5), {}
    entries = [
        CommuneEntry(
            f"{n:05d}",
            f"Xã {n}",
            random_result(criteria_set, f"{n:05d}", "2024", rng, fail_rate=0.1, pool=pool),
            None,
        )
        for n in range(60)
    ]
    review = build_review(UnitRef("00", "Tỉnh Giả", "tỉnh"), criteria_set, "2024", entries)

    assert dumps_indented(review.to_json()) == standard(review.to_json())


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): "tuple key"})
