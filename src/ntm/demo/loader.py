"""Load the demo into the database: the seed districts' villages, flags and values.

Units come from ``ntm init`` (the real pre-2025 units) and the unit-history file
``ntm/units/data/unit-history.csv`` (Đông Sơn district and Kiến Thụy's Thụy Hương, merged in
2024, registered through ``ntm import`` as any province would); this adds only what neither
holds (villages, Kiến Thụy's Đại Hà, the extremely-difficult flag of Quan Sơn's communes),
then imports the scenario's values as a long-form CSV through
the real importer (read, check, upsert) with source "demo". Safe to run again: existing
villages are reused and identical values are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ntm.assessments.models import IndicatorValue
from ntm.assessments.services import do_set_values
from ntm.criteria.inputs import UnitProfile
from ntm.criteria.registry import Registry, load_registry
from ntm.demo.csvfile import demo_csv
from ntm.demo.plan import PlannedValue, plan_district
from ntm.demo.resources import load_resources
from ntm.demo.scenario import District, districts
from ntm.imports.csv_source import read_csv_text
from ntm.imports.service import run_import
from ntm.imports.unit_refs import IndexedUnits
from ntm.imports.validate import RowChecker
from ntm.textnorm import normalize_name
from ntm.units.models import AdminUnit
from ntm.units.selectors import find_unit, profile_for, subtree
from ntm.units.services import DATA_FILE, create_village, set_commune_flags

UNIT_HISTORY_FILE = DATA_FILE.parent / "unit-history.csv"

LEGACY_ERA = "2008"
DEMO_SOURCE = "demo"
DEMO_REASON = "Dữ liệu mẫu (ntm demo)"
EXTRA_CODE_PREFIX = "demo-"
MSG_DEMO_IMPORT_FAILED = "Dữ liệu mẫu không nhập được:\n{errors}"
MSG_HISTORY_FAILED = "Tệp lịch sử đơn vị hành chính của dữ liệu mẫu không nhập được:\n{errors}"
MSG_MISSING_COMMUNE = "Không tìm thấy xã {name} thuộc {district} trong dữ liệu đơn vị hành chính"


class DemoLoadError(RuntimeError):
    """The demo could not be loaded (units missing, or the importer refused a row)."""


@dataclass
class DemoSummary:
    """What ``load_demo`` did, for ``ntm demo`` to print."""

    districts: list[str] = field(default_factory=list)
    values: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    villages: int = 0
    removed: int = 0
    recognitions: int = 0
    resources: int = 0  # OCOP products, funds, outputs, awards, reported figures created


def load_demo(*, registry: Registry | None = None, only: tuple[str, ...] = ()) -> DemoSummary:
    """Load every seed district (or those named in ``only``); returns what was done."""
    registry = registry or load_registry()
    summary = DemoSummary()
    values: list[PlannedValue] = []
    unit_refs: dict[str, str] = {}
    with transaction.atomic():
        _register_unit_history()
        for district in districts():
            if only and district.name not in only:
                continue
            planned, refs = _prepare_district(district, registry, summary)
            values.extend(planned)
            unit_refs.update(refs)
            summary.districts.append(f"{district.name} ({district.province})")
        rows, read_errors = read_csv_text(demo_csv(values, registry, unit_refs))
        checked = RowChecker(registry, IndexedUnits.from_db()).check_all(rows)
        errors = read_errors + checked.errors
        if errors:
            raise DemoLoadError(
                MSG_DEMO_IMPORT_FAILED.format(errors="\n".join(str(e) for e in errors[:20]))
            )
        counts = do_set_values(checked.rows, source=DEMO_SOURCE, reason=DEMO_REASON)
        summary.removed = _remove_stale_demo_values(checked.rows)
        summary.recognitions = load_demo_recognitions(only=only)
        load_demo_cases(only=only)
        summary.resources = load_resources(only)
    summary.values = len(checked.rows)
    summary.created, summary.updated, summary.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    return summary


def _register_unit_history() -> None:
    """Register the real units merged in 2024 that the mid-2025 unit data lacks, and drop the
    demo's earlier invented stand-ins for them (same name, same district, ``demo-`` code)."""
    outcome = run_import(UNIT_HISTORY_FILE, name=UNIT_HISTORY_FILE.name)
    if not outcome.ok:
        raise DemoLoadError(
            MSG_HISTORY_FAILED.format(errors="\n".join(str(e) for e in outcome.errors[:20]))
        )
    for unit in AdminUnit.objects.filter(registered=True, level="commune"):
        AdminUnit.objects.filter(
            parent_id=unit.parent_id, match_name=unit.match_name, code__startswith=EXTRA_CODE_PREFIX
        ).delete()


def _remove_stale_demo_values(rows) -> int:
    """Delete demo values (source "demo") of the demo's units that the scenario no longer has.

    Why: after an upgrade changes the scenario, ``ntm demo`` must leave exactly the scenario's
    data, not the old one plus the new. Values entered by users (other sources) are kept.
    """
    wanted = {(r.unit_id, r.set_code, r.indicator_code, r.period) for r in rows}
    stored = IndicatorValue.objects.filter(
        source=DEMO_SOURCE, unit_id__in={r.unit_id for r in rows}
    )
    stale = [
        pk
        for pk, *key in stored.values_list("pk", "unit_id", "set_code", "indicator_code", "period")
        if tuple(key) not in wanted
    ]
    for start in range(0, len(stale), 500):
        IndicatorValue.objects.filter(pk__in=stale[start : start + 500]).delete()
    return len(stale)


def load_demo_recognitions(*, only: tuple[str, ...] = ()) -> int:
    """Record the seeds' recognition decisions (``ntm.demo.recognitions``) with source "demo";
    demo decisions the scenario no longer has are removed. Returns how many there are."""
    from ntm.demo.recognitions import demo_recognitions
    from ntm.recognition.models import Recognition
    from ntm.recognition.services import RecognitionFields, do_recognise

    homes = {d.name: d for d in districts() if not only or d.name in only}
    communes = {name: commune_units(d) for name, d in homes.items()}
    kept: set[int] = set()
    for fact in demo_recognitions():
        if fact.district not in homes:
            continue
        unit = district_unit(homes[fact.district])
        if fact.where:
            unit = _commune(communes[fact.district], fact.where[0], homes[fact.district])
        if len(fact.where) > 1:
            unit = _village(unit, fact.where[1], "thôn")
        fields = RecognitionFields(
            fact.level, fact.decision, fact.date, fact.issuer, fact.set_code, fact.note
        )
        rec, _ = do_recognise(unit=unit, fields=fields, source=DEMO_SOURCE)
        kept.add(rec.pk)
    paths = [district_unit(d).path for d in homes.values()]
    stale = Recognition.objects.filter(source=DEMO_SOURCE).exclude(pk__in=kept)
    for path in paths:
        stale.filter(unit__path__startswith=path).delete()
    return len(kept)


def load_demo_cases(*, only: tuple[str, ...] = ()) -> None:
    """The demo's recognition case in progress and its survey (``ntm.demo.cases``), once."""
    from ntm.demo.cases import COMMUNE, load_demo_case

    for district in districts():
        if district.name == "Thọ Xuân" and (not only or district.name in only):
            load_demo_case(_commune(commune_units(district), COMMUNE, district))


def district_unit(district: District) -> AdminUnit:
    return find_unit(f"{district.province}/{district.name}", era=LEGACY_ERA)


def commune_units(district: District) -> dict[str, AdminUnit]:
    """The district's communes (xã and thị trấn) by name, in the pre-2025 structure."""
    return {u.name: u for u in subtree(district_unit(district), "commune").filter(era=LEGACY_ERA)}


def _prepare_district(
    district: District, registry: Registry, summary: DemoSummary
) -> tuple[list[PlannedValue], dict[str, str]]:
    home = district_unit(district)
    communes = commune_units(district)
    refs: dict[str, str] = {}
    for number, name in enumerate(district.extra_communes, start=1):
        if name not in communes:
            communes[name] = _create_extra_commune(home, name, number)
    for name in district.extra_communes:
        refs[communes[name].code] = f"{district.province}/{district.name}/{name}"
    for name in district.extremely_difficult:
        unit = _commune(communes, name, district)
        if not unit.extremely_difficult:
            set_commune_flags(unit, extremely_difficult=True)
    profiles: dict[str, UnitProfile] = {}
    for name in _named_communes(district):
        unit = _commune(communes, name, district)
        profiles[name] = profile_for(unit)
    village_profiles = {}
    for village in district.villages:
        unit = _village(
            _commune(communes, village.commune, district), village.name, village.unit_type
        )
        village_profiles[(village.commune, village.name)] = profile_for(unit)
    summary.villages += len(village_profiles)
    planned, _goals = plan_district(
        district, profiles, registry, village_profiles, profile_for(home)
    )
    return planned, refs


def _named_communes(district: District) -> list[str]:
    names: list[str] = []
    for communes in district.periods.values():
        names.extend(n for n in communes if n not in names)
    for review in district.reviews:
        names.extend(n for n, _, _ in review.communes if n not in names)
    return names


def _commune(communes: dict[str, AdminUnit], name: str, district: District) -> AdminUnit:
    unit = communes.get(name)
    if unit is None:
        key = normalize_name(name)
        unit = next((u for u in communes.values() if u.match_name == key), None)
    if unit is None:
        raise DemoLoadError(MSG_MISSING_COMMUNE.format(name=name, district=district.name))
    return unit


def _village(commune: AdminUnit, name: str, unit_type: str) -> AdminUnit:
    existing = AdminUnit.objects.filter(
        parent=commune, level="village", match_name=normalize_name(name)
    ).first()
    return existing or create_village(commune, name, unit_type=unit_type)


def _create_extra_commune(district: AdminUnit, name: str, number: int) -> AdminUnit:
    """A commune the seed names that the mid-2025 unit data no longer has (merged in 2024)."""
    siblings = subtree(district, "commune").filter(era=LEGACY_ERA)
    sibling = siblings.first()
    code = f"{EXTRA_CODE_PREFIX}{district.code}-{number}"
    unit = AdminUnit.objects.filter(era=LEGACY_ERA, code=code).first()
    if unit is not None:
        return unit
    unit = AdminUnit.objects.create(
        code=code,
        era=LEGACY_ERA,
        name=name,
        unit_type="xã",
        level="commune",
        parent=district,
        match_name=normalize_name(name),
        valid_from=None,
        valid_to=sibling.valid_to if sibling else None,
        region=district.region,
        province_code=district.province_code,
        latitude=district.latitude,
        longitude=district.longitude,
    )
    unit.path = f"{district.path}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit
