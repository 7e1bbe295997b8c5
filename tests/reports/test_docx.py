"""DOCX and PDF in the administrative format (Decree 30/2020/NĐ-CP): header, motto, number,
place and date, subject, narrative, tables with failing cells marked, recipients, signature;
opened with python-docx, and converted by LibreOffice to PDF and PNG pages."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO

import pytest
from docx import Document

from ntm.cli import main
from ntm.reports.render.admindoc import MOTTO_VI, default_header, review_document
from ntm.reports.render.docx_writer import (
    CELL_FILLS,
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    TEMPLATES_ENV,
    build_default_template,
    docx_bytes,
    report_docx,
)
from ntm.reports.render.html import UNMET_CELL
from ntm.reports.render.pdf import review_pdf
from ntm.reports.review import UnitRef, build_review
from tests.reports.seed002 import NTM_SET, PERIOD, THO_XUAN, ntm_entries
from tests.reports.test_cmd_report import tho_xuan  # noqa: F401  (fixture)

THANH_HOA = UnitRef("38", "Thanh Hóa", "tỉnh")


@pytest.fixture(scope="module")
def review():
    return build_review(THO_XUAN, NTM_SET, PERIOD, ntm_entries())


def _text(word) -> str:
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _fills(cell) -> set[str]:
    return {
        el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
        for el in cell._tc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
    }


def test_the_review_docx_has_the_administrative_header_body_signature_and_marked_matrix(review):
    header = default_header(
        THO_XUAN, THANH_HOA, on=date(2023, 6, 5), number="125/BC-UBND", signer_name="Lê Văn A"
    )
    word = Document(BytesIO(docx_bytes(review_document(review, header))))
    text = _text(word)

    assert "ỦY BAN NHÂN DÂN\nHUYỆN THỌ XUÂN" in text
    assert MOTTO_VI[0] in text and MOTTO_VI[1] in text
    assert "Số: 125/BC-UBND" in text and "Thọ Xuân, ngày 05 tháng 06 năm 2023" in text
    assert "BÁO CÁO" in text and "trên địa bàn huyện Thọ Xuân, tháng 5/2023" in text
    assert "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt" in text
    assert (
        "Nơi nhận:" in text
        and "- UBND tỉnh Thanh Hóa (để báo cáo);" in text
        and "- Lưu: VT." in text
    )
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "Lê Văn A" in text
    assert "(Kèm theo Báo cáo số 125/BC-UBND ngày 05/06/2023)" in text
    assert "{" not in text  # every placeholder filled

    matrix = next(
        t for t in word.tables if t.rows[0].cells[0].text == "TT" and len(t.columns) == 24
    )
    rows = {r.cells[1].text: r for r in matrix.rows[1:]}
    assert rows["Xuân Minh"].cells[2 + 16].text == "CĐ"  # criterion 17 not met
    assert CELL_FILLS[UNMET_CELL] in _fills(rows["Xuân Minh"].cells[2 + 16])
    assert CELL_FILLS[UNMET_CELL] not in _fills(rows["Xuân Minh"].cells[2])
    assert matrix.rows[-1].cells[0].text == "Số xã đạt"
    # The annex sits in a landscape section after the portrait body.
    assert word.sections[0].page_width < word.sections[0].page_height
    assert word.sections[-1].page_width > word.sections[-1].page_height


def test_the_bundled_template_is_the_one_the_code_builds_and_has_every_placeholder():
    text = _text(Document(str(DEFAULT_TEMPLATE)))
    assert all("{" + p + "}" in text for p in PLACEHOLDERS)
    assert _text(build_default_template()) == text


def test_a_province_template_replaces_ours(review, tmp_path, monkeypatch):
    word = build_default_template()
    word.paragraphs[0].insert_paragraph_before("SỞ NÔNG NGHIỆP TỈNH THANH HÓA – MẪU RIÊNG")
    word.save(tmp_path / "review.docx")
    monkeypatch.setenv(TEMPLATES_ENV, str(tmp_path))

    text = _text(Document(BytesIO(report_docx(review))))
    assert "MẪU RIÊNG" in text and "BÁO CÁO" in text


def _soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    return path


def test_libreoffice_opens_the_docx_and_its_pages_render_to_images(review, tmp_path):
    header = default_header(THO_XUAN, THANH_HOA, on=date(2023, 6, 5))
    source = tmp_path / "review.docx"
    source.write_bytes(docx_bytes(review_document(review, header)))
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "review.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2 and all(p.read_bytes()[:4] == b"\x89PNG" for p in pages)


def test_the_pdf_carries_the_same_administrative_content(review, tmp_path):
    header = default_header(THO_XUAN, THANH_HOA, on=date(2023, 6, 5), number="125/BC-UBND")
    path = tmp_path / "review.pdf"
    path.write_bytes(review_pdf(review, header=header))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    for expected in (
        "ỦY BAN NHÂN DÂN HUYỆN THỌ XUÂN",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/BC-UBND",
        "Thọ Xuân, ngày 05 tháng 06 năm 2023",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "BIỂU KÈM THEO",
    ):
        assert expected in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind,extra",
    [
        ("review", ["--period", "2023-05"]),
        ("summary", ["--period", "2023-05"]),
        ("progress", ["--from", "2022", "--to", "2023"]),
    ],
)
def test_ntm_report_writes_each_kind_as_docx_with_the_header_options(
    tho_xuan,  # noqa: F811
    tmp_path,
    kind,
    extra,
):
    path = tmp_path / f"{kind}.docx"
    argv = [
        "report",
        kind,
        "93894",
        *extra,
        "-o",
        str(path),
        "--number",
        "7/BC-UBND",
        "--place",
        "Thọ Xuân",
        "--date",
        "15/06/2023",
        "--signer",
        "Nguyễn Văn B",
        "--signer-title",
        "PHÓ CHỦ TỊCH",
    ]
    assert main(argv) == 0
    text = _text(Document(str(path)))
    assert "Số: 7/BC-UBND" in text and "Thọ Xuân, ngày 15 tháng 06 năm 2023" in text
    assert (
        "Nguyễn Văn B" in text
        and "PHÓ CHỦ TỊCH" in text
        and "UBND tỉnh Thanh Hóa (để báo cáo);" in text
    )


@pytest.mark.django_db
def test_a_bad_document_date_is_bad_input(tho_xuan, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "r.docx"
    assert (
        main(
            [
                "report",
                "review",
                "93894",
                "--period",
                "2023-05",
                "-o",
                str(path),
                "--date",
                "31/02/2023",
            ]
        )
        == 1
    )
    assert "Ngày ban hành không hợp lệ" in capsys.readouterr().err and not path.exists()


def test_the_level_column_takes_the_level_colour_in_the_docx(review):
    from ntm.reports.render.palette import LEVEL_COLOURS, level_colour

    word = Document(BytesIO(docx_bytes(review_document(review, default_header(THO_XUAN)))))
    matrix = next(
        t for t in word.tables if t.rows[0].cells[0].text == "TT" and len(t.columns) == 24
    )
    colours = {
        r.cells[-1].text: str(r.cells[-1].paragraphs[0].runs[0].font.color.rgb)
        for r in matrix.rows[1:-1]
    }
    from ntm.reports.review import LEVEL_LABELS_VI

    expected = {label: level_colour(level) for level, label in LEVEL_LABELS_VI.items()}
    assert colours and all(colours[label] == expected[label] for label in colours)
    assert colours[LEVEL_LABELS_VI["ntm"]] == LEVEL_COLOURS["ntm"]
