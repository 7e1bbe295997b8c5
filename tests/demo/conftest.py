"""The demo loaded once per test module, on the units of the seed provinces only.

Loading the national units and the demo for every test would take several seconds each; the
demo's districts need only Thanh Hóa, Hải Phòng and Hà Nam. The data is committed for the
module (outside the per-test transactions) and removed afterwards, so other tests see an
empty database as usual.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

SEED_PROVINCES = {"31", "35", "38"}  # Hải Phòng, Hà Nam, Thanh Hóa (pre-2025 codes)


def write_small_units_file(path: Path) -> Path:
    """The national units file cut down to the seed provinces (and what they became in 2025)."""
    from ntm.units.services import read_units_data

    data = read_units_data()
    legacy = data["legacy"]
    districts = [d for d in legacy["districts"] if d[1] in SEED_PROVINCES]
    district_codes = {d[0] for d in districts}
    communes = [c for c in legacy["communes"] if c[1] in district_codes]
    commune_codes = {c[0] for c in communes}
    province_lineage = [p for p in data["lineage"]["provinces"] if p[0] in SEED_PROVINCES]
    new_provinces = {new for _, new in province_lineage}
    commune_lineage = [entry for entry in data["lineage"]["communes"] if entry[1] in commune_codes]
    new_communes = {entry[2] for entry in commune_lineage}
    small = {
        "source": data["source"],
        "legacy": {
            "provinces": [p for p in legacy["provinces"] if p[0] in SEED_PROVINCES],
            "districts": districts,
            "communes": communes,
        },
        "current": {
            "provinces": [p for p in data["current"]["provinces"] if p[0] in new_provinces],
            "communes": [
                c
                for c in data["current"]["communes"]
                if c[0] in new_communes and c[1] in new_provinces
            ],
        },
        "lineage": {
            "provinces": province_lineage,
            "communes": [
                e
                for e in commune_lineage
                if e[2] in {c[0] for c in data["current"]["communes"] if c[1] in new_provinces}
            ],
        },
    }
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(small, fh, ensure_ascii=False)
    return path


def _clear_database() -> None:
    """Remove what the module loaded: one DELETE per table (the ORM's cascade is far slower)."""
    from ntm.assessments.models import IndicatorValue
    from ntm.investment.models import (
        EmulationAward,
        FundsMobilised,
        PhysicalOutput,
        ReportedFigures,
    )
    from ntm.ocop.models import OcopProducer, OcopProduct
    from ntm.recognition.models import (
        CaseEvent,
        DossierItem,
        Recognition,
        RecognitionCase,
        SatisfactionSurvey,
        SurveyResponse,
    )
    from ntm.units.models import AdminUnit, UnitLineage

    resources = [
        OcopProduct,
        OcopProducer,
        EmulationAward,
        FundsMobilised,
        PhysicalOutput,
        ReportedFigures,
    ]
    resources = [
        SurveyResponse,
        SatisfactionSurvey,
        CaseEvent,
        DossierItem,
        RecognitionCase,
        *resources,
    ]
    resources = [m for model in resources for m in (model.history.model, model)]
    for model in (
        *resources,
        IndicatorValue.history.model,
        IndicatorValue,
        Recognition.history.model,
        Recognition,
        UnitLineage,
        AdminUnit,
    ):
        model.objects.all()._raw_delete(model.objects.db)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Units of the seed provinces plus the demo data; yields the first load's summary."""
    from ntm.demo.loader import load_demo
    from ntm.units.services import load_units

    units_file = write_small_units_file(tmp_path_factory.mktemp("units") / "units.json.gz")
    with django_db_blocker.unblock():
        load_units(data_file=units_file)
        summary = load_demo()
        yield summary
        _clear_database()
