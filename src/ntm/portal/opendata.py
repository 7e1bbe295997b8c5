"""Open data: the published figures of a period as CSV and JSON, with their dictionary.

One list of fields (``FIELDS``) makes the CSV header, the JSON keys and the dictionary page, so
the three cannot drift apart. Only standing publications are read (``selectors``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ntm.portal.models import PublishedFigure

# The licence of the published figures. CC BY 4.0 is the ntm team's choice (reuse by anyone,
# commercial use included, with attribution: what open government data usually needs), NOT a
# decision of any office: the operator confirms it (NTM_OPEN_DATA_LICENCE_CONFIRMED=1) or names
# another (the setting NTM_OPEN_DATA_LICENCE = {"name", "url"}); until then every answer says
# it is unconfirmed.
DEFAULT_LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "spdx": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
LICENCE_UNCONFIRMED = {
    "en": "Chosen by the ntm development team as the default; not yet confirmed by the "
    "operator of this site.",
    "vi": "Giấy phép mặc định do nhóm phát triển ntm lựa chọn; đơn vị vận hành trang này chưa "
    "xác nhận.",
}

# (name, Vietnamese description, English description)
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("period", "Kỳ số liệu (YYYY hoặc YYYY-MM)", "Period of the figures (YYYY or YYYY-MM)"),
    (
        "unit_code",
        "Mã đơn vị hành chính (mã thống kê)",
        "Administrative unit code (statistical code)",
    ),
    ("unit_name", "Tên đơn vị", "Unit name"),
    (
        "unit_level",
        "Cấp: province (tỉnh), district (huyện, trước 1/7/2025), commune (xã)",
        "Level: province, district (before 1 July 2025) or commune",
    ),
    (
        "era",
        "Hệ thống đơn vị: 2008 (trước 1/7/2025) hoặc 2025 (sau sắp xếp)",
        "Unit structure: 2008 (before 1 July 2025) or 2025 (after the merger)",
    ),
    ("parent_code", "Mã đơn vị cấp trên", "Code of the parent unit"),
    ("set", "Mã bộ tiêu chí dùng để đếm", "Code of the criteria set counted"),
    ("criteria_met", "Số tiêu chí đạt", "Criteria met"),
    ("criteria_total", "Tổng số tiêu chí của bộ", "Criteria in the set"),
    ("indicators_met", "Số chỉ tiêu đạt", "Indicators met"),
    ("indicators_total", "Tổng số chỉ tiêu", "Indicators in the set"),
    (
        "has_data",
        "Có số liệu hay không (false: chưa có số liệu, các số đếm bằng 0)",
        "Whether any value was reported (false: no data, counts are 0)",
    ),
    (
        "level_by_data",
        "Mức đạt THEO SỐ LIỆU (ntm, advanced, model; trống: chưa đạt) "
        "— không phải quyết định công nhận",
        "Level reached BY THE DATA (ntm, advanced, model; empty: none) "
        "— not a recognition decision",
    ),
    (
        "recognised_level",
        "Mức được CÔNG NHẬN theo quyết định còn hiệu lực (trống: không có / chưa ghi nhận)",
        "Level RECOGNISED by a decision in force (empty: none recorded)",
    ),
    ("recognition_decision", "Số quyết định công nhận", "Recognition decision number"),
    (
        "recognition_date",
        "Ngày quyết định công nhận (YYYY-MM-DD)",
        "Recognition decision date (YYYY-MM-DD)",
    ),
    ("published_at", "Thời điểm công bố (ISO 8601)", "When the figures were published (ISO 8601)"),
    (
        "published_by_unit",
        "Mã đơn vị của cơ quan công bố",
        "Code of the unit whose office published",
    ),
)
FIELD_NAMES = tuple(name for name, _vi, _en in FIELDS)


def licence() -> dict[str, Any]:
    """``{"name", "url", "confirmed"}`` (+ ``spdx``), and ``note`` {"en", "vi"} while the
    team's default stands unconfirmed by the operator."""
    configured = getattr(settings, "NTM_OPEN_DATA_LICENCE", None)
    if configured:
        return {**configured, "confirmed": True}
    if getattr(settings, "NTM_OPEN_DATA_LICENCE_CONFIRMED", False):
        return {**DEFAULT_LICENCE, "confirmed": True}
    return {**DEFAULT_LICENCE, "confirmed": False, "note": LICENCE_UNCONFIRMED}


def figure_row(figure: PublishedFigure) -> dict[str, Any]:
    unit, recognised = figure.unit, figure.recognised or {}
    return {
        "period": figure.period,
        "unit_code": unit.code,
        "unit_name": unit.name,
        "unit_level": unit.level,
        "era": unit.era,
        "parent_code": unit.parent.code if unit.parent else "",
        "set": figure.set_code,
        "criteria_met": figure.criteria_met,
        "criteria_total": figure.criteria_total,
        "indicators_met": figure.indicators_met,
        "indicators_total": figure.indicators_total,
        "has_data": figure.has_data,
        "level_by_data": figure.level_by_data,
        "recognised_level": recognised.get("level", ""),
        "recognition_decision": recognised.get("decision", ""),
        "recognition_date": recognised.get("date", ""),
        "published_at": figure.publication.published_at.isoformat(timespec="seconds"),
        "published_by_unit": figure.publication.unit.code,
    }
