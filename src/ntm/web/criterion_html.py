"""One criterion of a set on the commune page, as HTML: its heading and a row per indicator.

Why Python and not a template: these rows are most of the commune page (two or three sets of
57 to 75 indicators) and the template engine spent about 50 ms of CPU drawing one set, on
every visit after a save (a save changes what the page's cache is keyed by). Built here with
Django's own escaping, one set costs a few milliseconds, so the page stays cheap in any worker
of the server, whatever that worker's cache holds. The words are the template's, translated
once per call; every value is escaped (``escape``) as the template's autoescaping did.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape as _escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ntm.criteria.results import (
    MET,
    MISSING,
    NOT_APPLICABLE,
    UNMET,
    CriterionResult,
    IndicatorResult,
)
from ntm.web.templatetags.ntm_web import requirement, show_value, verdict_icon, verdict_label

STATUSES = (MET, UNMET, MISSING, NOT_APPLICABLE)


def escape(value: Any) -> str:
    """Django's ``escape`` (the template's autoescaping: ``& < > " '``) without its lazy-string
    wrapper, which cost more than the escaping itself here."""
    return _escape(str(value))


def criterion_html(
    criterion: CriterionResult,
    set_code: str,
    period: str,
    history_urls: Mapping[str, str],
    words: Words | None = None,
) -> SafeString:
    """The ``<details>`` of one criterion: open unless met, one row per indicator, a link to
    each stored value's history (``history_urls`` by indicator code). ``words``: the page's
    words, looked up once for all the criteria drawn in one language."""
    words = words or Words()
    rows = "".join(
        _row(i, set_code, period, history_urls.get(i.code), words) for i in criterion.indicators
    )
    status = escape(criterion.status)
    opened = "" if criterion.status == MET else "open"
    heading = (
        f"<strong>{words.criterion} {criterion.number} – {escape(criterion.name)}</strong>\n"
        f'      <span class="verdict verdict-{status} ms-2">'
        f"{verdict_icon(criterion.status)} {words.verdict(criterion.status)}</span>\n"
        f'      <span class="text-muted small">({criterion.indicators_met}/'
        f"{len(criterion.indicators)})</span>"
    )
    head = "".join(f'<th scope="col">{word}</th>' for word in words.columns)
    return mark_safe(  # every value in it escaped above
        f'  <details class="mb-2" {opened}>\n'
        f"    <summary>{heading}</summary>\n"
        '    <div class="table-responsive"><table class="table table-sm mt-1">\n'
        f"      <thead><tr>{head}"
        f'<th scope="col"><span class="visually-hidden">{words.history}</span></th></tr></thead>\n'
        f"      <tbody>{rows}</tbody>\n"
        "    </table></div>\n"
        "  </details>\n"
    )


class Words:
    """The page's words in the active language, escaped: looked up once, not once per row."""

    def __init__(self) -> None:
        self.verdicts = {s: escape(verdict_label(s)) for s in STATUSES}
        self.criterion = escape(_("Tiêu chí"))
        self.columns = [
            escape(_(w)) for w in ("Mã", "Chỉ tiêu", "Yêu cầu", "Giá trị", "Kết quả", "Căn cứ")
        ]
        self.history = escape(_("Lịch sử"))
        self.period = escape(_("kỳ"))
        self.stale = escape(_("số liệu cũ hơn 12 tháng"))
        self.unverified_title = escape(_("Ngưỡng này chưa được đối chiếu với văn bản gốc"))
        self.unverified = escape(_("chưa xác minh"))

    def verdict(self, status: str) -> str:
        known = self.verdicts.get(status)
        return known if known is not None else escape(verdict_label(status))


def _row(
    ind: IndicatorResult, set_code: str, period: str, history_url: str | None, words: Words
) -> str:
    code = escape(ind.code)
    unverified = (
        ""
        if ind.verified
        else f'<br><span class="unverified" title="{words.unverified_title}">'
        f"⚠ {words.unverified}</span>"
    )
    percent = "%" if ind.value is not None and ind.unit == "%" else ""
    seen = (
        f'<br><span class="text-muted small">{words.period} {escape(ind.period)}</span>'
        if ind.period
        else ""
    )
    stale = f'<br><span class="stale">{words.stale}</span>' if ind.stale else ""
    link = (
        f'<a href="{escape(history_url)}?period={escape(period)}">{words.history}</a>'
        if history_url
        else ""
    )
    status = escape(ind.status)
    return (
        f'\n<tr id="ind-{escape(set_code)}-{code}">\n'
        f'  <th scope="row" class="text-nowrap">{code}</th>\n'
        f"  <td>{escape(ind.name)}</td>\n"
        f'  <td class="text-nowrap">{escape(requirement(ind))}{unverified}</td>\n'
        f'  <td class="text-nowrap">{escape(show_value(ind.value))}{percent}\n'
        f"    {seen}\n    {stale}</td>\n"
        f'  <td><span class="verdict verdict-{status}">'
        f"{verdict_icon(ind.status)} {words.verdict(ind.status)}</span></td>\n"
        f'  <td class="small">{escape("; ".join(ind.basis))}</td>\n'
        f'  <td class="text-nowrap small">{link}</td>\n'
        "</tr>\n"
    )
