"""The province office uploads its own criteria set in the web, sees it beside the national one
with the communes whose verdict would change, and activates it; errors name line and path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ntm.assessments.services import do_set_value
from ntm.provincialsets.models import ProvincialSet
from tests.assessments.helpers import passing_rows
from tests.provincialsets.conftest import OVERRIDE
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
NTM_SET = "xa-ntm-2021-2025"


def _upload(client, text: str, name: str = "thanh-hoa.yaml"):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/yaml")
    return client.post(reverse("web:provincial_sets"), {"province": "938", "file": upload})


def test_a_bad_file_is_refused_with_its_line_and_nothing_is_stored(personas, active_dir):
    client = logged_in(personas.province_office)
    response = _upload(client, OVERRIDE.replace("op: is_true", "op: is_truthy"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "thanh-hoa.yaml, dòng 8: add_indicators.2[0]" in text
    assert not ProvincialSet.objects.exists()


def test_upload_preview_and_activation(units, personas, active_dir):
    for code, raw in passing_rows(NTM_SET, units.commune, "2023"):
        do_set_value(
            unit=units.commune,
            set_code=NTM_SET,
            indicator_code=code,
            period="2023",
            raw=raw,
            source="import",
            author=None,
        )
    client = logged_in(personas.province_office)
    response = _upload(client, OVERRIDE)
    item = ProvincialSet.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{item.pk}/")
    page = client.get(reverse("web:provincial_set", args=[item.pk]), {"period": "2023"})
    assert page.status_code == 200
    assert [c.code for c in page.context["changes"]] == ["2.9"]
    impact = page.context["impact"]
    assert impact.communes == 1
    assert [(c.code, c.national_met, c.provincial_met) for c in impact.changed] == [
        (units.commune.code, True, False)
    ]
    assert 'data-changed="1"' in page.content.decode()
    bad = client.post(
        reverse("web:provincial_set_activate", args=[item.pk]), {"effective_from": "31/02/2023"}
    )
    assert bad.status_code == 400
    item.refresh_from_db()
    assert item.status == "draft"
    done = client.post(
        reverse("web:provincial_set_activate", args=[item.pk]), {"effective_from": "01/09/2022"}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "active" and str(item.effective_from) == "2022-09-01"
    assert item.activated_by == personas.province_office
    assert (active_dir / "938-xa-ntm-2021-2025-thanh-hoa.yaml").exists()


def test_a_district_office_may_not_upload(personas, active_dir):
    response = _upload(logged_in(personas.district_office), OVERRIDE)
    assert response.status_code == 403
    assert not ProvincialSet.objects.exists()


def test_the_commune_page_explains_by_the_provinces_set_until_it_is_withdrawn(
    units, personas, active_dir
):
    for code, raw in passing_rows(NTM_SET, units.commune, "2023"):
        do_set_value(
            unit=units.commune,
            set_code=NTM_SET,
            indicator_code=code,
            period="2023",
            raw=raw,
            source="import",
            author=None,
        )
    client = logged_in(personas.province_office)
    _upload(client, OVERRIDE)
    item = ProvincialSet.objects.get()
    client.post(
        reverse("web:provincial_set_activate", args=[item.pk]), {"effective_from": "01/01/2022"}
    )
    page = client.get(reverse("web:unit", args=[units.commune.code]), {"period": "2023"})
    text = page.content.decode()
    assert f'id="judged-by-{NTM_SET}" data-set="xa-ntm-2021-2025-thanh-hoa"' in text
    assert "2.9" in text  # the province's added indicator, missing: the commune is not NTM
    assert page.context["level"] is None

    done = client.post(reverse("web:provincial_set_withdraw", args=[item.pk]))

    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "withdrawn" and item.withdrawn_by == personas.province_office
    page = client.get(reverse("web:unit", args=[units.commune.code]), {"period": "2023"})
    assert "judged-by-" not in page.content.decode()
    assert page.context["level"] == "ntm"
    again = client.post(reverse("web:provincial_set_withdraw", args=[item.pk]))
    assert again.status_code == 400


def test_the_unverified_export_lists_the_sets_the_province_uses(units, personas, active_dir):
    import csv
    import io

    client = logged_in(personas.province_office)
    strict = OVERRIDE.replace(
        "add_indicators:",
        'overrides:\n  "3.1": {threshold: 90, source: "QĐ 1/2022 (thử)", verified: false}\n'
        "add_indicators:",
    )
    _upload(client, strict)
    item = ProvincialSet.objects.get()
    client.post(
        reverse("web:provincial_set_activate", args=[item.pk]), {"effective_from": "01/01/2022"}
    )

    response = client.get(reverse("web:provincial_sets_unverified"), {"province": "938"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sets = {r["set"] for r in rows}
    # The province's set replaces the national one it overrides; other sets stay national.
    assert "xa-ntm-2021-2025-thanh-hoa" in sets and NTM_SET not in sets
    assert "xa-ntm-2026-2030" in sets
    own = [r for r in rows if r["set"] == "xa-ntm-2021-2025-thanh-hoa"]
    irrigation = [(r["threshold"], r["source"]) for r in own if r["indicator"] == "3.1"]
    assert irrigation == [("90", "QĐ 1/2022 (thử)")]
    added = [r for r in own if r["indicator"] == "2.9"]
    assert not added  # verified: true in the file
    refused = logged_in(personas.district_office).get(reverse("web:provincial_sets_unverified"))
    assert refused.status_code == 403


def test_the_verdict_while_typing_follows_the_provinces_set(units, personas, active_dir):
    strict = OVERRIDE.replace(
        "add_indicators:",
        'overrides:\n  "3.1": {threshold: 90, source: "QĐ 1/2022 (thử)"}\nadd_indicators:',
    )
    url = reverse("web:entry_verdict", args=[units.commune.code, NTM_SET, "2023"])
    client = logged_in(personas.province_office)
    before = client.post(url, {"indicator": "3.1", "v-3_1": "85"})
    assert before.context["result"].status == "met"
    _upload(client, strict)
    item = ProvincialSet.objects.get()
    client.post(
        reverse("web:provincial_set_activate", args=[item.pk]), {"effective_from": "01/01/2022"}
    )

    after = client.post(url, {"indicator": "3.1", "v-3_1": "85"})

    assert (after.context["result"].status, float(after.context["result"].threshold)) == (
        "unmet",
        90.0,
    )
    page = client.get(reverse("web:entry", args=[units.commune.code, NTM_SET, "2023"]))
    assert "xa-ntm-2021-2025-thanh-hoa" in [s.code for s in page.context["sets"]]
