"""The recognition workflow pages: what awaits each role, acting on a case within the roles the
workflow data names, the revocation list of a period, and carrying a recognition across 2025."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ntm.recognition.cases import do_open_case
from ntm.recognition.models import CaseEvent, Recognition, RecognitionCase
from ntm.recognition.services import RecognitionFields, do_recognise, do_revoke
from tests.conftest import make_unit
from tests.web.conftest import PDF_BYTES, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(units, personas):
    return do_open_case(
        unit=units.commune, level="ntm", author=personas.commune_officer, on=date(2023, 3, 1)
    )


def test_a_new_case_waits_for_the_commune_not_for_the_district(case, personas):
    commune = logged_in(personas.commune_officer).get(reverse("web:cases")).content.decode()
    assert f'data-case="{case.pk}"' in commune.split('id="waiting-list"')[1].split("</ul>")[0]
    district = logged_in(personas.district_office).get(reverse("web:cases")).content.decode()
    waiting = district.split('id="waiting-list"')[1].split("</ul>")[0]
    assert f'data-case="{case.pk}"' not in waiting
    assert f'data-case="{case.pk}"' in district  # seen in the list of the scope
    other = logged_in(personas.other_district_officer).get(reverse("web:cases")).content.decode()
    assert f'data-case="{case.pk}"' not in other


def test_the_commune_officer_opens_a_case_from_the_web(units, personas):
    client = logged_in(personas.commune_officer)
    response = client.post(
        reverse("web:case_new", args=[units.commune.code]), {"level": "ntm", "period": "2023"}
    )
    opened = RecognitionCase.objects.get(unit=units.commune)
    assert response.status_code == 302 and response["Location"].endswith(f"/{opened.pk}/")
    again = client.post(reverse("web:case_new", args=[units.commune.code]), {"level": "ntm"})
    assert again.status_code == 400 and "đang xét" in again.content.decode()


def test_the_dossier_is_attached_and_the_step_approved_through_the_page(case, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(personas.commune_officer)
    url = reverse("web:case", args=[case.pk])
    refused = client.post(url, {"action": "approve"})
    assert refused.status_code == 400 and "Còn thiếu trong hồ sơ" in refused.content.decode()
    for item in ("to-trinh", "bao-cao-ket-qua", "bao-cao-no-dong"):
        upload = SimpleUploadedFile(f"{item}.pdf", PDF_BYTES, content_type="application/pdf")
        client.post(url, {"action": "item", "item": item, "document": upload})
    assert client.post(url, {"action": "approve"}).status_code == 302
    case.refresh_from_db()
    assert case.step == "public-posting"
    html = client.get(url).content.decode()
    assert 'data-step="public-posting" data-state="current"' in html
    assert 'data-action="approve"' in html


def test_only_the_roles_of_the_step_may_act_and_return_needs_a_reason(case, personas):
    url = reverse("web:case", args=[case.pk])
    # the self-assessment step is the commune's: the district may not approve it
    assert logged_in(personas.district_office).post(url, {"action": "approve"}).status_code == 403
    assert (
        logged_in(personas.viewer).post(url, {"action": "withdraw", "reason": "x"}).status_code
        == 403
    )
    case.step = "district-appraisal"
    case.save()
    district = logged_in(personas.district_office)
    assert district.post(url, {"action": "return", "reason": ""}).status_code == 400
    assert district.post(url, {"action": "return", "reason": "Thiếu biên bản"}).status_code == 302
    event = CaseEvent.objects.filter(case=case, action="return").get()
    assert event.reason == "Thiếu biên bản" and event.actor == personas.district_office
    # returned to the commune: it sees why in its list of what awaits it
    waiting = logged_in(personas.commune_officer).get(reverse("web:cases")).content.decode()
    assert "Bị trả lại" in waiting and "Thiếu biên bản" in waiting


def test_only_the_province_unlocks_values_under_its_appraisal(case, personas):
    case.step, case.locked = "province-appraisal", True
    case.save()
    url = reverse("web:case", args=[case.pk])
    data = {"action": "unlock", "reason": "Sửa số liệu"}
    assert logged_in(personas.district_office).post(url, data).status_code == 403
    assert logged_in(personas.province_office).post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.unlocked and not case.locked


def test_the_revocation_list_separates_at_risk_by_data_from_revoked_by_decision(units, personas):
    do_recognise(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "2/QĐ-UBND", date(2018, 1, 1), "UBND tỉnh"),
    )
    do_revoke(
        unit=units.sibling_commune,
        fields=RecognitionFields("ntm", "9/QĐ-UBND", date(2023, 4, 2), "UBND tỉnh"),
    )
    client = logged_in(personas.district_office)
    url = reverse("web:revocations", args=[units.district.code])
    html = client.get(url, {"set": "xa-ntm-2021-2025", "period": "2023"}).content.decode()
    revoked = html.split('id="revoked"')[1].split("</table>")[0]
    assert "9/QĐ-UBND" in revoked and "2/4/2023" in revoked
    assert "chưa phải quyết định thu hồi" in html
    earlier = client.get(url, {"set": "xa-ntm-2021-2025", "period": "2022"}).content.decode()
    assert "9/QĐ-UBND" not in earlier.split('id="revoked"')[1].split("</table>")[0]


def _merged(units, personas, recognised_both: bool):
    """Xuân Hòa and Xuân Minh merged into one post-2025 commune of the province's office."""
    from ntm.accounts.models import RoleAssignment
    from ntm.units.models import UnitLineage

    province = make_unit("38", "Thanh Hóa", "province", era="2025")
    RoleAssignment.objects.create(user=personas.province_office, role="province", unit=province)
    new = make_unit("16000", "Xuân Hòa Mới", "commune", province, era="2025")
    for old in (units.commune, units.sibling_commune):
        UnitLineage.objects.create(old=old, new=new, effective=date(2025, 7, 1))
    do_recognise(
        unit=units.commune,
        fields=RecognitionFields("advanced", "5/QĐ-UBND", date(2023, 1, 1), "UBND tỉnh"),
    )
    if recognised_both:
        do_recognise(
            unit=units.sibling_commune,
            fields=RecognitionFields("ntm", "6/QĐ-UBND", date(2019, 1, 1), "UBND tỉnh"),
        )
    return new


def test_a_merged_commune_carries_the_lowest_level_only_when_an_officer_confirms(units, personas):
    new = _merged(units, personas, recognised_both=True)
    client = logged_in(personas.province_office)
    url = reverse("web:carry", args=[new.code]) + "?era=2025"
    html = client.get(url).content.decode()
    assert "5/QĐ-UBND" in html and "6/QĐ-UBND" in html and 'id="carry-form"' in html
    assert not Recognition.objects.filter(unit=new).exists()  # never silently
    data = {"level": "ntm", "decision": "77/QĐ-UBND", "date": "15/7/2025", "issuer": "UBND tỉnh"}
    assert client.post(url, data).status_code == 400  # not confirmed
    assert client.post(url, {**data, "confirm": "yes", "level": "advanced"}).status_code == 400
    assert client.post(url, {**data, "confirm": "yes"}).status_code == 302
    carried = Recognition.objects.get(unit=new)
    assert carried.level == "ntm" and carried.source == "carry"
    assert "5/QĐ-UBND" in carried.note and "6/QĐ-UBND" in carried.note


def test_a_merger_with_an_unrecognised_predecessor_carries_nothing(units, personas):
    new = _merged(units, personas, recognised_both=False)
    html = (
        logged_in(personas.province_office)
        .get(reverse("web:carry", args=[new.code]) + "?era=2025")
        .content.decode()
    )
    assert "phải rà soát và được xét công nhận lại" in html and 'id="carry-form"' not in html


def test_the_commune_officer_enters_an_answer_and_the_rate_follows(units, personas):
    client = logged_in(personas.commune_officer)
    url = reverse("web:survey", args=[units.commune.code])
    answer = {"survey": "2023", "household": "hộ 1", "area": "chung", "satisfied": "no"}
    refused = client.post(url, answer)
    assert refused.status_code == 400 and "cần ghi lý do" in refused.content.decode()
    assert client.post(url, {**answer, "reason": "Đường xấu"}).status_code == 302
    assert client.post(url, {**answer, "household": "hộ 2", "satisfied": "yes"}).status_code == 302
    html = client.get(url).content.decode()
    assert "50,0%" in html and "Chưa đạt" in html
    assert logged_in(personas.viewer).post(url, answer).status_code == 403
