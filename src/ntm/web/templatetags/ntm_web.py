"""Template filters that show engine values the way each language writes them.

Why here: a value is a float, a bool, a text or ``NOT_APPLICABLE`` and must read "95,5" in
Vietnamese and "95.5" in English, "Đạt"/"Met" for booleans, and a verdict must carry both a
word and a colour (colour alone fails people who cannot tell red from green).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats, numberformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext, pgettext_lazy

from ntm.accounts.access import may_import, may_see_national, provincial_set_provinces
from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import NOT_APPLICABLE
from ntm.criteria.model import level_name
from ntm.units.models import AdminUnit
from ntm.web import names

register = template.Library()

# The labels of ``IndicatorValue.source`` (ntm.assessments.models), listed so that they reach
# the translation catalogue ("API" reads the same in both); ``source_label`` reads the model.
SOURCE_LABELS_TO_TRANSLATE = (
    gettext_noop("Nhập trên web"),
    gettext_noop("Nhập từ tệp"),
    gettext_noop("Dữ liệu mẫu"),
)
OP_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "in": "∈"}


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """A number in the active language's format, without trailing zeros ("95,5", "1.234")."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return show_value(value)
    if isinstance(value, int | float):
        text = f"{float(value):.{int(digits)}f}".rstrip("0").rstrip(".")
        decimals = len(text.partition(".")[2])
        # Django's Vietnamese locale sets no grouping; official documents group by thousands.
        return numberformat.format(
            float(text),
            formats.get_format("DECIMAL_SEPARATOR"),
            decimals,
            grouping=3,
            thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
            force_grouping=True,
        )
    return str(value)


@register.filter
def show_value(value: Any) -> str:
    """Any engine value as text; empty for missing."""
    if value is None:
        return ""
    if value is NOT_APPLICABLE:
        return _("Không áp dụng")
    if isinstance(value, bool):
        return _("Đạt") if value else _("Chưa đạt")
    if isinstance(value, int | float):
        return num(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(show_value(v) for v in value)
    return str(value)


@register.filter
def requirement(result: Any) -> str:
    """The rule of an indicator result or an indicator as people read it: "≥ 95 %", "Đạt"."""
    op = getattr(result, "op", "")
    threshold = getattr(result, "threshold", None)
    unit = getattr(result, "unit", "") or ""
    if op == "is_true":
        return _("Đạt")
    if threshold is None:
        return _("(chưa có ngưỡng)")
    symbol = OP_SYMBOLS.get(op, op)
    text = f"{symbol} {show_value(threshold)}"
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit}"


@register.filter
def verdict_label(status: str) -> str:
    """The verdict's word, translated: one lookup per call (a commune page draws hundreds)."""
    msgid = _VERDICT_LABELS.get(status)
    return _(msgid) if msgid else (status or "")


_VERDICT_LABELS = {
    "met": gettext_noop("Đạt"),
    "unmet": gettext_noop("Chưa đạt"),
    "missing": gettext_noop("Chưa có số liệu"),
    "not_applicable": gettext_noop("Không áp dụng"),
}


@register.filter
def verdict_icon(status: str) -> str:
    return {"met": "✓", "unmet": "✗", "missing": "…", "not_applicable": "–"}.get(status, "")


# The level names as msgids, so ``makemessages`` keeps their translations (msgctxt "level").
_LEVEL_MSGIDS = (
    pgettext_lazy("level", "NTM"),
    pgettext_lazy("level", "NTM nâng cao"),
    pgettext_lazy("level", "NTM kiểu mẫu"),
    pgettext_lazy("level", "NTM hiện đại"),
    pgettext_lazy("level", "Chưa đạt chuẩn"),
)


@register.filter
def level_label(level: str | None) -> str:
    """A level's name (``ntm.criteria.model.level_name``), translated once, here."""
    return pgettext("level", level_name(level or None))


@register.filter
def unit_label(unit: Any) -> str:
    """A unit as people read it: "xã Xuân Hòa", but "Thôn 1" rather than "thôn Thôn 1"."""
    if unit is None:
        return ""
    return names.unit_label(getattr(unit, "unit_type", ""), getattr(unit, "name", str(unit)))


@register.filter
def unit_ref(unit: Any) -> str:
    """What a picker or a link submits for a unit: its code, or ``CODE@ERA`` when the code
    also names a unit of the other era (a province keeps its code across the reform), because
    a bare shared code is ambiguous (``access_unit_for_user``). A post-2025 unit always carries
    its era; one query per pre-2025 unit, remembered on the object."""
    era = getattr(unit, "era", "2008")
    if era != "2008":
        return f"{unit.code}@{era}"
    shared = getattr(unit, "_ntm_code_shared", None)
    if shared is None:
        shared = AdminUnit.objects.filter(code=unit.code).exclude(era=era).exists()
        unit._ntm_code_shared = shared
    return f"{unit.code}@{era}" if shared else unit.code


@register.filter
def unit_choice(unit: Any) -> str:
    """A unit in a picker, with its era: "tỉnh Thanh Hóa (từ 1/7/2025)", so the two
    Thanh Hóa provinces (before and after the reform) can be told apart."""
    label = unit_label(unit)
    era = getattr(unit, "era", "")
    return f"{label} ({_(ERA_WORDS[era])})" if era in ERA_WORDS else label


ERA_WORDS = {"2008": gettext_noop("trước 1/7/2025"), "2025": gettext_noop("từ 1/7/2025")}


@register.filter
def source_label(source: str) -> str:
    """Where a value came from, as its choice label ("Nhập trên web"), not the stored code."""
    choices = dict(IndicatorValue._meta.get_field("source").choices or ())
    return _(str(choices[source])) if source in choices else (source or "")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` or None: templates cannot index a dict by a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def user_may_see_national(user: Any) -> bool:
    """Whether the menu offers the national view (users whose scope is the whole country)."""
    return may_see_national(user)


@register.simple_tag
def user_may_manage_sets(user: Any) -> bool:
    """Whether the menu offers the province's own criteria sets (province offices)."""
    return bool(provincial_set_provinces(user))


@register.simple_tag
def user_may_import(user: Any) -> bool:
    """Whether to offer the import page in the menu (the page itself checks again)."""
    return may_import(user)
