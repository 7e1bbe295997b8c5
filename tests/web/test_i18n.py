"""Vietnamese first, English complete: every string of the pages has an English translation."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

import ntm
from tests.web.conftest import logged_in

LOCALE = Path(ntm.__file__).parent / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
TRANS_TAG = re.compile(r"""\{%\s*trans\s+(["'])(.+?)\1""")


def _po_entries() -> list[dict[str, str]]:
    """msgctxt/msgid/msgstr (first plural form) of each entry, fuzzy flag included."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {"fuzzy": "#, fuzzy" in block}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?)\s+"(.*)"$', line)
            if match:
                key = match.group(1).replace("[0]", "")
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries.append(fields)
    return entries


def _text(po_string: str) -> str:
    """A .po string literal's text (its escapes are JSON's)."""
    return json.loads(f'"{po_string}"')


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    entries = _po_entries()
    assert len(entries) > 150
    assert [e["msgid"] for e in entries if not e.get("msgstr") or e["fuzzy"]] == []


def test_the_compiled_catalogue_matches_the_po_file():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    stale = []
    for entry in _po_entries():
        msgid = _text(entry["msgid"])
        if "msgctxt" in entry or "msgid_plural" in entry:
            continue
        if catalogue.gettext(msgid) == msgid:
            stale.append(msgid)
    assert stale == []


def test_every_trans_tag_of_the_templates_is_in_the_catalogue():
    # A "%" in a {% trans %} literal is written "%%" in the catalogue.
    msgids = {_text(e["msgid"]).replace("%%", "%") for e in _po_entries()}
    templates = Path(ntm.__file__).parent.glob("**/templates/**/*.html")
    used = {
        match.group(2)
        for path in templates
        for match in TRANS_TAG.finditer(path.read_text(encoding="utf-8"))
    }
    assert sorted(used - msgids) == []


@pytest.mark.django_db
def test_the_dashboard_reads_in_english_when_english_is_chosen(units, personas):
    client = logged_in(personas.district_office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:dashboard")).content.decode()
    assert '<html lang="en">' in html
    assert "Map of communes" in html and "Log out" in html
    assert "Bản đồ các xã" not in html


@pytest.mark.django_db
def test_vietnamese_is_the_language_when_nothing_is_chosen(units, personas):
    html = logged_in(personas.district_office).get(reverse("web:dashboard")).content.decode()
    assert '<html lang="vi">' in html and "Bản đồ các xã" in html


CHOSEN_LANGUAGE = "ntm.web.middleware.ChosenLanguageMiddleware"


def _with_chosen_language(settings) -> None:
    settings.MIDDLEWARE = [
        CHOSEN_LANGUAGE if m == "django.middleware.locale.LocaleMiddleware" else m
        for m in settings.MIDDLEWARE
    ]


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(
    settings, units, personas
):
    _with_chosen_language(settings)
    client = logged_in(personas.district_office)
    first = client.get(
        reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    chosen = client.get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="vi">' in first
    assert '<html lang="en">' in chosen
