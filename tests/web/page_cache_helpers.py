"""What the page-cache tests share: a transport value written as the district office would, a
page without its per-request CSRF tokens, and the same page drawn with the cache off."""

from __future__ import annotations

import re

from django.test import override_settings

from ntm.assessments.services import do_set_value
from tests.web.conftest import NTM_SET, PERIOD, TRANSPORT_INDICATOR

_TOKENS = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"')


def set_transport(units, personas, raw: str, unit=None) -> None:
    """Indicator 2.1 of the NTM set at ``PERIOD`` for ``unit`` (default: the commune)."""
    do_set_value(
        unit=unit or units.commune,
        set_code=NTM_SET,
        indicator_code=TRANSPORT_INDICATOR,
        period=PERIOD,
        raw=raw,
        source="form",
        author=personas.district_office,
    )


def page_text(client, url: str) -> str:
    """The page without its per-request CSRF tokens (random: two visits would differ)."""
    return _TOKENS.sub("", client.get(url).content.decode())


def fresh_page(client, url: str) -> str:
    """The page drawn with the page cache off: what a cached visit must equal."""
    with override_settings(NTM_PAGE_CACHE=False):
        return page_text(client, url)
