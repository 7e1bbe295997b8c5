"""The administrative header (issuing body, number, place, date, signer, recipients) of a
report about a stored unit: the unit's People's Committee by default, reporting to the unit
above; the options a user gives (``ntm report --number …``, the web form) take precedence.

Shared by the command and the web app so both print the same header for the same options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ntm.reports.render.admindoc import AdminHeader, default_header
from ntm.reports.review import UnitRef
from ntm.reportsdata.gather import unit_ref
from ntm.textnorm import parse_date
from ntm.units.models import AdminUnit

# Option names, as query parameters and as the command's destinations.
OPTIONS = (
    "issuer",
    "issuer_parent",
    "number",
    "place",
    "doc_date",
    "signer",
    "signer_title",
    "recipients",
)
MSG_BAD_DATE = "Ngày ban hành không hợp lệ: {value!r} (dạng YYYY-MM-DD hoặc DD/MM/YYYY)"
RECIPIENT_SEPARATOR = ";;"


class HeaderOptionError(ValueError):
    """A header option that cannot be used (a bad date); the message is Vietnamese."""


def header_for(
    report_unit: UnitRef, options: Mapping[str, str | None], lang: str = "vi"
) -> AdminHeader:
    """The header for a report on ``report_unit``, its parent looked up among stored units."""
    on: date | None = None
    raw_date = (options.get("doc_date") or "").strip()
    if raw_date:
        try:
            on = parse_date(raw_date)
        except ValueError as exc:
            raise HeaderOptionError(MSG_BAD_DATE.format(value=raw_date)) from exc
    unit = (
        AdminUnit.objects.filter(code=report_unit.code)
        .select_related("parent")
        .order_by("-era")
        .first()
    )
    parent = unit_ref(unit.parent) if unit is not None and unit.parent is not None else None
    lines = re.split(r"\r?\n|" + RECIPIENT_SEPARATOR, options.get("recipients") or "")
    recipients = tuple(r.strip() for r in lines if r.strip())
    return default_header(
        report_unit,
        parent,
        lang=lang,
        on=on,
        issuing_body=(options.get("issuer") or "").replace("\\n", "\n").strip(),
        parent_body=(options.get("issuer_parent") or "").strip(),
        number=(options.get("number") or "").strip(),
        place=(options.get("place") or "").strip(),
        signer_name=(options.get("signer") or "").strip(),
        signer_title=(options.get("signer_title") or "").strip(),
        recipients=recipients,
    )
