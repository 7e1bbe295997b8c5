"""A demo recognition case and its satisfaction survey, so the workflow pages show a case in
progress: Xuân Sinh (Thọ Xuân, NTM only in seed 000) applying for advanced NTM in 2023, now at
the district's appraisal. Invented for the demo and labelled so: the survey round is
"2023 (demo)", every dossier note ends in "(demo)". Not locked (the province step locks), so
reloading the demo's values never meets a lock.
"""

from __future__ import annotations

from datetime import date, timedelta

from ntm.recognition.cases import (
    current_step,
    do_approve_step,
    do_attach_dossier_item,
    do_open_case,
)
from ntm.recognition.models import RecognitionCase
from ntm.recognition.survey_import import Answer, do_record_answers
from ntm.recognition.workflow import get_workflow
from ntm.units.models import AdminUnit

COMMUNE = "Xuân Sinh"
LEVEL = "advanced"
WORKFLOW = ("xa-2021-2025", 1)
OPENED = date(2023, 3, 1)
SURVEY = "2023 (demo)"
HOUSEHOLDS = 30  # answering households (of 120 in the round's note: 25%)
AREAS = tuple(str(n) for n in range(1, 20))  # one content area per criterion
UNHAPPY = {
    ("hộ 07", "2"): "Đường trục thôn còn lầy lội (demo)",
    ("hộ 19", "11"): "Thu nhập chưa ổn định (demo)",
}
NOTE = "Đã có trong hồ sơ (demo)"
STOP_AT = "district-appraisal"


def _answers(commune: AdminUnit) -> list[Answer]:
    return [
        Answer(
            commune.pk,
            None,
            SURVEY,
            f"hộ {i:02d}",
            area,
            (f"hộ {i:02d}", area) not in UNHAPPY,
            UNHAPPY.get((f"hộ {i:02d}", area), ""),
            OPENED + timedelta(days=20),
            120,
        )
        for i in range(1, HOUSEHOLDS + 1)
        for area in AREAS
    ]


def load_demo_case(commune: AdminUnit) -> RecognitionCase:
    """The case of ``commune`` (Xuân Sinh), made once: a later load leaves it as users left it."""
    existing = RecognitionCase.objects.filter(unit=commune, level=LEVEL).first()
    if existing is not None:
        return existing
    do_record_answers(_answers(commune))
    case = do_open_case(
        unit=commune,
        level=LEVEL,
        set_code="xa-ntm-nang-cao-2021-2025",
        period="2023",
        on=OPENED,
        workflow=get_workflow(*WORKFLOW),
    )
    on = OPENED
    while case.step != STOP_AT:
        for item in current_step(case).checklist:
            do_attach_dossier_item(case=case, item=item.key, note=NOTE)
        on += timedelta(days=(current_step(case).posting_days or 5))
        do_approve_step(case=case, on=on, reason="(demo)")
    return case
