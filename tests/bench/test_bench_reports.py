"""The reports benchmark (``ntm bench --only reports``) gives its rows in the shape ``ntm bench``
prints; the figures themselves are not checked here (no timed tests)."""

from __future__ import annotations

from bench.bench_reports import TARGETS, bench_reports

KEYS = {"step", "seconds", "per_second", "ratio", "target", "detail"}


def test_the_reports_benchmark_times_json_xlsx_and_pdf_for_a_province_and_json_for_the_country():
    rows = bench_reports(province=85, country=120)
    assert all(set(row) == KEYS for row in rows)
    steps = {row["step"]: row for row in rows}
    assert set(steps) == {
        "review JSON, province (85 communes)",
        "summary JSON, province (85 communes)",
        "review XLSX, province (85 communes)",
        "review PDF, province (85 communes)",
        "review JSON, country (120 communes)",
        "summary JSON, country (120 communes)",
    }
    assert steps["review PDF, province (85 communes)"]["target"] == f"< {TARGETS['pdf']:g} s"
    assert steps["review JSON, country (120 communes)"]["target"] == "< 2 s"
    assert all(row["seconds"] > 0 and row["ratio"] > 0 for row in rows)
