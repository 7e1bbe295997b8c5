"""The drawn annex of a long review PDF (``render.pdf_annex``) says what WeasyPrint's says."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date

import pytest

from ntm.reports.render.admindoc import default_header, document_for
from ntm.reports.render.pdf import _charts, document_pdf
from ntm.reports.render.pdf_annex import DRAWN_ROWS, should_draw
from ntm.reports.review import CommuneEntry, UnitRef, build_review
from ntm.reports.synthetic import make_set, random_result

UNIT = UnitRef("1", "Huyện thử", "huyện")
COMMUNE_ROW = re.compile(r"^\s*\d+\s+Xã số \d+\s.*$", re.M)


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed: apt-get install poppler-utils")
    return path


def _review(communes: int):
    criteria_set = make_set("xa-ntm-2021-2025", {n: 3 for n in range(1, 20)})
    rng = random.Random(1)
    entries = [
        CommuneEntry(
            f"{i}",
            f"Xã số {i}",
            random_result(criteria_set, f"{i}", "2023-05", rng),
            rng.choice([None, "ntm", "advanced"]),
        )
        for i in range(communes)
    ]
    return build_review(UNIT, criteria_set, "2023-05", entries)


def _pdf_pages(review, drawn_rows: int, tmp_path) -> list[str]:
    doc = document_for(review, default_header(UNIT, on=date(2024, 1, 2)), "vi")
    path = tmp_path / f"review-{drawn_rows}.pdf"
    path.write_bytes(document_pdf(doc, _charts(review, "vi"), drawn_rows))
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.rstrip("\f").split("\f")


def test_only_a_long_review_matrix_is_drawn():
    doc = document_for(_review(DRAWN_ROWS + 1), default_header(UNIT), "vi")
    assert should_draw(doc)
    assert not should_draw(document_for(_review(DRAWN_ROWS - 1), default_header(UNIT), "vi"))


@pytest.mark.parametrize("communes", [18, 55])
def test_the_drawn_annex_holds_the_same_rows_totals_and_notes_as_the_laid_out_one(
    communes, tmp_path
):
    review = _review(communes)
    laid_out = _pdf_pages(review, 10_000, tmp_path)
    drawn = _pdf_pages(review, 0, tmp_path)

    def rows(pages):
        return [line.split() for page in pages for line in COMMUNE_ROW.findall(page)]

    assert rows(drawn) == rows(laid_out) and len(rows(drawn)) == communes
    text = "\n".join(drawn)
    assert text.count("Số xã đạt") == 1 and "BIỂU KÈM THEO" in text
    totals = next(line for line in text.splitlines() if "Số xã đạt" in line)
    assert (
        totals.split()
        == next(line for line in "\n".join(laid_out).splitlines() if "Số xã đạt" in line).split()
    )
    assert "Ô tô đỏ: chưa đạt" in " ".join(text.split())


@pytest.mark.parametrize("communes", [18, 36, 37, 200])
def test_the_drawn_annex_prints_the_totals_once_and_no_lone_commune_row(communes, tmp_path):
    pages = _pdf_pages(_review(communes), 0, tmp_path)
    per_page = [len(COMMUNE_ROW.findall(page)) for page in pages]
    assert sum(per_page) == communes and 1 not in per_page
    totals = [i for i, page in enumerate(pages) if "Số xã đạt" in page]
    assert totals == [max(i for i, n in enumerate(per_page) if n)]


def test_the_drawn_annex_embeds_only_the_bundled_font(tmp_path):
    doc = document_for(_review(30), default_header(UNIT), "vi")
    path = tmp_path / "review.pdf"
    path.write_bytes(document_pdf(doc, "", 0))
    fonts = subprocess.run(
        [_poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert "Be-Vietnam-Pro" in embedded and all("Be-Vietnam-Pro" in name for name in embedded)
