"""Renderers: HTML tables, XLSX numbers equal to the JSON, PDF text in Vietnamese, SVG charts."""

from __future__ import annotations

import csv
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ntm.reports.progress import build_progress
from ntm.reports.render.html import progress_html, review_html, summary_html
from ntm.reports.render.pdf import review_pdf, summary_pdf
from ntm.reports.render.svg import bar_chart, line_chart
from ntm.reports.render.text import progress_text, review_text
from ntm.reports.render.xlsx import progress_xlsx, review_xlsx, summary_xlsx
from ntm.reports.review import CommuneEntry, UnitRef, build_review
from ntm.reports.summary import SummarySets, UnitStanding, build_summary, programme_figures
from ntm.reports.synthetic import make_result, make_set, random_result
from tests.reports.seed002 import NTM_SET, PERIOD, THO_XUAN, ntm_entries

MATRIX = "Xã x tiêu chí"


@pytest.fixture(scope="module")
def review():
    return build_review(THO_XUAN, NTM_SET, PERIOD, ntm_entries())


@pytest.fixture(scope="module")
def summary():
    sets = SummarySets("xa-ntm-2021-2025")
    communes = [
        UnitStanding("1", "Xuân Hòa", "ntm", {sets.ntm: 19}),
        UnitStanding("2", "Xuân Minh", None, {sets.ntm: 17}),
    ]
    return build_summary(THO_XUAN, programme_figures("2023-05", communes, [], sets))


def test_the_html_review_has_captioned_tables_with_headers_and_the_communes_meeting_totals_row(
    review,
):
    html = review_html(review)
    assert html.count("<table") == 3 and html.count("<caption>") == 3
    assert '<th scope="col">Số tiêu chí đạt</th>' in html
    # The totals are the last body row: a tfoot would be repeated by WeasyPrint on every page.
    assert '<tr class="ntm-total"><th scope="row">Số xã đạt</th>' in html and "<tfoot" not in html
    assert html.index('class="ntm-total"') > html.rindex("Thuận Minh")
    assert "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt" in html
    assert "<svg" in html


def test_the_html_escapes_names():
    entry = CommuneEntry("1", "<b>Xã</b> & co", make_result(NTM_SET, "1", PERIOD))
    html = review_html(build_review(THO_XUAN, NTM_SET, PERIOD, [entry]))
    assert "<b>Xã</b>" not in html and "&lt;b&gt;Xã&lt;/b&gt; &amp; co" in html


def test_the_review_xlsx_matrix_numbers_equal_the_json(review):
    data = review.to_json()
    wb = load_workbook(BytesIO(review_xlsx(review)))
    assert wb.sheetnames == ["Tổng hợp", "Theo tiêu chí", MATRIX, "Ghi chú"]
    ws = wb[MATRIX]
    assert ws.cell(4, 3).value == "Tiêu chí" and "C4:U4" in {str(r) for r in ws.merged_cells.ranges}
    assert [ws.cell(5, c).value for c in range(3, 22)] == list(range(1, 20))
    rows = list(ws.iter_rows(min_row=6, max_row=5 + len(data["communes"]), values_only=True))
    for row, commune in zip(rows, data["communes"], strict=True):
        assert row[1] == commune["name"]
        assert (row[21], row[22]) == (commune["criteria_met"], commune["indicators_met"])
        assert [n for n in range(1, 20) if row[1 + n] == "CĐ"] == commune["unmet_criteria"]
    footer = next(ws.iter_rows(min_row=6 + len(rows), max_row=6 + len(rows), values_only=True))
    assert footer[0] == "Số xã đạt"
    unmet = {u["criterion"]: u["communes"] for u in data["unmet_by_criterion"]}
    missing = {m["criterion"]: m["communes"] for m in data["missing_by_criterion"]}
    assert list(footer[2:21]) == [12 - unmet.get(n, 0) - missing.get(n, 0) for n in range(1, 20)]
    assert ws.freeze_panes == "C6" and ws.page_setup.orientation == "landscape"


def test_the_review_xlsx_banding_and_criterion_sheets_equal_the_json(review):
    data = review.to_json()
    wb = load_workbook(BytesIO(review_xlsx(review)))
    banding = [r for r in wb["Tổng hợp"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[2], r[3], r[4]) for r in banding] == [
        (g["criteria_met"], len(g["communes"]), *g["indicators_met"]) for g in data["groups"]
    ]
    ws = wb["Theo tiêu chí"]
    counts = {
        r[0]: r[2] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)
    }
    assert {k: v for k, v in counts.items() if v} == {
        u["criterion"]: u["communes"] for u in data["unmet_by_criterion"]
    }
    assert ws.cell(1, 1).value == "SỐ XÃ CHƯA ĐẠT THEO TỪNG TIÊU CHÍ"
    assert ws.cell(5, 3).number_format == "#,##0"


def test_summary_and_progress_xlsx_show_no_data_rather_than_zero(summary):
    ws = load_workbook(BytesIO(summary_xlsx(summary))).active
    values = {r[0]: r[3] for r in ws.iter_rows(values_only=True) if r[0]}
    assert values["Sản phẩm OCOP"] == "chưa có dữ liệu"
    assert values["Số xã đạt chuẩn NTM (lũy kế)"] == 1
    progress = build_progress(THO_XUAN, [summary.figures])
    ws = load_workbook(BytesIO(progress_xlsx(progress))).active
    assert any(r[0] == "2023-05" and r[1] == 50.0 for r in ws.iter_rows(values_only=True))
    assert len(ws._charts) == 1


@pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
def test_libreoffice_opens_the_xlsx_and_reads_the_same_numbers(review, tmp_path):
    path = tmp_path / "review.xlsx"
    path.write_bytes(review_xlsx(review))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    matrix = next(tmp_path.glob(f"review-{MATRIX}.csv"))
    rows = list(csv.reader(matrix.open(encoding="utf-8")))
    by_name = {r[1]: r for r in rows if len(r) > 22}
    for commune in review.to_json()["communes"]:
        assert by_name[commune["name"]][21:23] == [
            str(commune["criteria_met"]),
            str(commune["indicators_met"]),
        ]


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed: apt-get install poppler-utils")
    return path


def test_the_pdf_keeps_vietnamese_text_and_embeds_only_the_bundled_font(review, tmp_path):
    path = tmp_path / "review.pdf"
    path.write_bytes(review_pdf(review))
    text = subprocess.run(
        [_poppler("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Tiêu chí số 2 - Giao thông" in " ".join(text.split())
    assert "Xuân Minh, Xuân Tín, Trường Xuân và Xuân Lập" in " ".join(text.split())
    fonts = subprocess.run(
        [_poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert embedded and all("Be-Vietnam-Pro" in name for name in embedded)


def test_a_pdf_page_renders_to_an_image(summary, tmp_path):
    path = tmp_path / "summary.pdf"
    path.write_bytes(summary_pdf(summary))
    subprocess.run(
        [
            _poppler("pdftoppm"),
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and page.stat().st_size > 5000


def test_summary_html_shows_placeholders_as_no_data(summary):
    assert "<td>chưa có dữ liệu</td>" in summary_html(summary)
    assert "<td>no data</td>" in summary_html(summary, "en")


def test_the_text_rendering_aligns_the_banding_table(review):
    out = review_text(review)
    assert (
        "18/19            4      56/57            Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập" in out
    )


def test_svg_charts_are_well_formed_and_labelled():
    for svg in (
        bar_chart(["2", "17"], [5, 12], "Số xã chưa đạt"),
        line_chart(
            ["2011", "2015", "2018"],
            [("Tỷ lệ", [0, None, 100.0]), ("Bình quân", [5.6, 12, 19])],
            "Tiến độ",
        ),
    ):
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-label")


def _matrix_rows_per_page(path, pdftotext: str) -> tuple[list[int], list[str]]:
    """Commune rows of the matrix ("12  Xã số 11  Đ …") on each page, and each page's text."""
    texts = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = texts.split("\f")[:-1] if texts.endswith("\f") else texts.split("\f")
    return [len(re.findall(r"^\s*\d+\s+Xã số \d+\s", page, re.M)) for page in pages], pages


@pytest.mark.parametrize(
    "communes", [18, 55]
)  # 18: one row fits under the header; 55: one row spills over
def test_the_review_pdf_prints_the_totals_once_and_leaves_no_lone_commune_row_on_a_page(
    communes, tmp_path
):
    pdftotext = _poppler("pdftotext")
    criteria_set = make_set("xa-ntm-2021-2025", {n: 3 for n in range(1, 20)})
    rng = random.Random(1)
    entries = [
        CommuneEntry(f"{i}", f"Xã số {i}", random_result(criteria_set, f"{i}", "2023-05", rng))
        for i in range(communes)
    ]
    path = tmp_path / "review.pdf"
    path.write_bytes(
        review_pdf(
            build_review(UnitRef("1", "Huyện thử", "huyện"), criteria_set, "2023-05", entries)
        )
    )

    rows, pages = _matrix_rows_per_page(path, pdftotext)
    assert sum(rows) == communes and 1 not in rows
    totals = [i for i, page in enumerate(pages) if "Số xã đạt" in page]
    last_rows = max(i for i, n in enumerate(rows) if n)
    assert totals == [last_rows]  # once, on the page of the last commune rows
    assert len(re.findall(r"Số xã đạt", "".join(pages))) == 1


def test_summary_tables_count_communes_with_no_data_and_the_units_each_average_covers():
    sets = SummarySets("xa-ntm-2021-2025")
    communes = [
        UnitStanding("1", "Xuân Hòa", "ntm", {sets.ntm: 19}),
        UnitStanding("2", "Xuân Minh", None, {sets.ntm: 17}),
        UnitStanding("3", "Xuân Trường", None, {}),
    ]
    summary = build_summary(THO_XUAN, programme_figures("2023-05", communes, [], sets))
    html = summary_html(summary)
    assert '<th scope="row">Số xã chưa có số liệu</th><td>xã</td><td>—</td><td>1</td>' in html
    assert '<th scope="row">– số xã có số liệu</th><td>xã</td><td>—</td><td>2</td>' in html
    ws = load_workbook(BytesIO(summary_xlsx(summary))).active
    values = {r[0]: r[3] for r in ws.iter_rows(values_only=True) if r[0]}
    assert values["Số xã chưa có số liệu"] == 1 and values["Bình quân tiêu chí NTM/xã"] == 18
    notes = [
        r[0]
        for r in load_workbook(BytesIO(summary_xlsx(summary)))["Ghi chú"].iter_rows(
            values_only=True
        )
    ]
    assert notes[0] == "Mức đạt tính từ số liệu theo bộ tiêu chí, không phải quyết định công nhận."


def test_progress_tables_mark_carried_forward_periods(summary):
    sets = SummarySets("xa-ntm-2021-2025")
    communes = [UnitStanding("1", "Xuân Hòa", "ntm", {sets.ntm: 19})]
    points = [
        programme_figures("2022", communes, [], sets),
        programme_figures("2023", communes, [], sets, carried_forward=True),
    ]
    progress = build_progress(THO_XUAN, points)
    assert '<th scope="row">2023 (số liệu kỳ trước)</th>' in progress_html(progress)
    assert '<th scope="row">2023 (carried forward)</th>' in progress_html(progress, "en")
    assert "\n2023 (số liệu kỳ trước)  100" in progress_text(progress)
    ws = load_workbook(BytesIO(progress_xlsx(progress))).active
    rows = {r[0]: r[-1] for r in ws.iter_rows(values_only=True) if r[0] in ("2022", "2023")}
    assert rows == {"2022": None, "2023": "số liệu kỳ trước"}


def test_failing_unverified_and_missing_cells_are_marked_in_the_html_and_xlsx_matrix(review):
    html = review_html(review)
    assert '<td class="ntm-cell-unmet">CĐ' in html
    ws = load_workbook(BytesIO(review_xlsx(review)))[MATRIX]
    fills = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.rstrip("*") in ("CĐ", "Đ", "?"):
                fills.setdefault(
                    cell.value.rstrip("*") + ("*" if cell.value.endswith("*") else ""), set()
                ).add(cell.fill.fgColor.rgb)
    assert fills["CĐ"] == {"00F8D7DA"} and fills["Đ"] == {"00000000"}
