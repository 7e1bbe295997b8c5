"""The commune page's criterion rows drawn in Python (``ntm.web.criterion_html``): every word,
value, verdict and link the page shows, escaped, in both languages."""

from __future__ import annotations

import re

from django.utils import translation

from ntm.criteria.results import CriterionResult, IndicatorResult
from ntm.web.criterion_html import criterion_html


def _indicator(code: str, **extra) -> IndicatorResult:
    fields = {
        "name": f"Chỉ tiêu {code}",
        "status": "met",
        "value": 95.5,
        "period": "2024",
        "op": ">=",
        "threshold": 90,
        "basis": ("QĐ 318/QĐ-TTg",),
        "unit": "%",
    }
    return IndicatorResult(code=code, **(fields | extra))


CRITERION = CriterionResult(
    number=17,
    name="Môi trường <và> an toàn thực phẩm",
    status="unmet",
    indicators=(
        _indicator("17.1"),
        _indicator("17.2", status="unmet", value=40, verified=False, stale=True, period="2022"),
        _indicator("17.3", status="missing", value=None, period=None, basis=()),
        _indicator("17.4", status="not_applicable", value=None, period=None),
    ),
)
LINKS = {"17.1": "/units/9389401/history/xa-ntm-2021-2025/17.1/"}


def _row(html: str, code: str) -> str:
    row = html[html.index(f'<tr id="ind-xa-ntm-2021-2025-{code}">') :]
    return re.sub(r"\s+", " ", row[: row.index("</tr>")])


def test_an_unmet_criterion_is_open_with_its_count_and_escaped_name():
    html = criterion_html(CRITERION, "xa-ntm-2021-2025", "2024", LINKS)
    assert html.lstrip().startswith('<details class="mb-2" open>')
    assert "Tiêu chí 17 – Môi trường &lt;và&gt; an toàn thực phẩm" in html
    assert 'verdict-unmet ms-2">✗ Chưa đạt' in html
    assert "(2/4)" in html  # met and not applicable count as met
    assert html.count("<tr id=") == 4


def test_each_row_shows_requirement_value_period_verdict_basis_and_history_link():
    html = criterion_html(CRITERION, "xa-ntm-2021-2025", "2024", LINKS)
    met = _row(html, "17.1")
    assert "≥ 90%" in met and "95,5%" in met and "kỳ 2024" in met and "✓ Đạt" in met
    assert "QĐ 318/QĐ-TTg" in met
    assert '<a href="/units/9389401/history/xa-ntm-2021-2025/17.1/?period=2024">Lịch sử</a>' in met
    unmet = _row(html, "17.2")
    assert "⚠ chưa xác minh" in unmet and "số liệu cũ hơn 12 tháng" in unmet
    assert "kỳ 2022" in unmet and "✗ Chưa đạt" in unmet and "<a " not in unmet
    missing = _row(html, "17.3")
    assert "… Chưa có số liệu" in missing and "kỳ " not in missing
    assert '<td class="text-nowrap"> </td>' in missing  # no value, no "%" after it
    assert "– Không áp dụng" in _row(html, "17.4")


def test_a_met_criterion_is_folded():
    met = CriterionResult(number=1, name="Quy hoạch", status="met", indicators=(_indicator("1.1"),))
    assert (
        criterion_html(met, "xa-ntm-2021-2025", "2024", {})
        .lstrip()
        .startswith('<details class="mb-2" >')
    )


def test_the_english_page_gets_english_words():
    with translation.override("en"):
        html = criterion_html(CRITERION, "xa-ntm-2021-2025", "2024", LINKS)
    assert "Chưa đạt" not in html and "Lịch sử" not in html
    assert ">History</a>" in html
