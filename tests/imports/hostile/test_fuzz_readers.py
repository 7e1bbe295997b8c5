"""Property-based fuzzing of the file readers (hypothesis, bounded so CI stays fast).

Whatever the bytes, ``run_import`` answers with an outcome: no exception escapes, a refused
file names where it failed, and a refused file leaves the database as it was.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm.imports.service import run_import
from tests.imports.hostile.corpus import HEADER, SET

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

cells = st.one_of(
    st.sampled_from(
        [
            "9389401",
            "Thanh Hóa/Thọ Xuân/Xuân Hòa",
            "2023",
            "2023-05",
            SET,
            "2.1",
            "1.1",
            "10.1",
            "95,5%",
            "Đạt",
            "-1",
            "1.234,5",
            "",
            '"',
            '""',
            '=HYPERLINK("x")',
            "\r",
            "\n",
            ";",
        ]
    ),
    st.text(max_size=30),
)
lines = st.lists(st.lists(cells, min_size=0, max_size=8).map(lambda c: ",".join(c)), max_size=12)


def _state():
    from ntm.assessments.models import IndicatorValue

    return sorted(IndicatorValue.objects.values_list("id", "raw", "note", "version"))


def _assert_clean(outcome, before):
    for error in outcome.errors:
        assert str(error) and error.reason
    if not outcome.ok:
        assert _state() == before


@FUZZ
@given(
    body=lines,
    header=st.sampled_from(
        [HEADER, HEADER.replace(",", ";"), "unit,level,decision,date,issuer", ""]
    ),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
)
def test_any_csv_text_gets_an_outcome_never_an_exception(
    units, tmp_path_factory, body, header, ending, bom
):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(
        (b"\xef\xbb\xbf" if bom else b"")
        + ending.join([header, *body]).encode("utf-8", "surrogatepass")
    )
    before = _state()
    _assert_clean(run_import(path, dry_run=False), before)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_csv_get_an_outcome_never_an_exception(units, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(HEADER.encode() + b"\n" + data)
    before = _state()
    _assert_clean(run_import(path), before)


@pytest.fixture(scope="module")
def template_bytes(django_db_blocker, tmp_path_factory):
    """The template of two synthetic communes, made once (the ``units`` tree in its own
    transaction, rolled back)."""
    from django.db import transaction

    from ntm.cli import main
    from tests.conftest import make_unit

    path = tmp_path_factory.mktemp("tpl") / "mau.xlsx"
    with django_db_blocker.unblock(), transaction.atomic():
        province = make_unit("938", "Thanh Hóa", "province", region="BTB")
        district = make_unit("93894", "Thọ Xuân", "district", province)
        make_unit("9389401", "Xuân Hòa", "commune", district)
        assert main(["template", SET, "93894", "-o", str(path), "--period", "2023"]) == 0
        transaction.set_rollback(True)
    return path.read_bytes()


@FUZZ
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
        min_size=1,
        max_size=6,
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_any_damaged_xlsx_gets_an_outcome_never_an_exception(
    units, tmp_path_factory, template_bytes, flips, cut
):
    data = bytearray(template_bytes)
    for position, mask in flips:
        data[position % len(data)] ^= mask
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    path.write_bytes(bytes(data))
    before = _state()
    _assert_clean(run_import(path), before)
