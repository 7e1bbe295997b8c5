"""Load the demo's programme resources (``ntm.demo.scenario.resources``) through the services.

Every record is saved with origin "demo"; reported figures carry ``demo=True``. Safe to run
again: each record has a natural key, so a second load changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ntm.demo.scenario import resources as data
from ntm.investment.services import (
    AwardData,
    FundsData,
    OutputData,
    ReportedData,
    do_save_award,
    do_save_funds,
    do_save_output,
    do_save_reported,
)
from ntm.ocop.services import RatingData, do_save_rating
from ntm.textnorm import normalize_name, parse_number
from ntm.units.models import AdminUnit
from ntm.units.selectors import find_unit

LEGACY_ERA = "2008"
ORIGIN = "demo"


def load_resources(districts: tuple[str, ...] = ()) -> int:
    """Save the demo's OCOP products, funds, outputs, awards and reported figures; returns how many
    records were created. ``districts``: only these seed districts (all when empty)."""
    province = find_unit(data.PROVINCE, era=LEGACY_ERA)
    wanted = set(districts)
    created = 0

    def district(name: str) -> AdminUnit:
        return AdminUnit.objects.get(
            parent=province, match_name=normalize_name(name), era=LEGACY_ERA
        )

    def keep(name: str) -> bool:
        return not wanted or name in wanted

    def count(outcome: tuple) -> None:
        nonlocal created
        created += outcome[1] == "created"

    for name, commune, product, producer, group, year, stars, level, decided in data.OCOP:
        if not keep(name):
            continue
        home = district(name)
        unit = _commune(home, commune) if commune else _nth_commune(home, product)
        count(
            do_save_rating(
                data=RatingData(
                    unit.pk,
                    product,
                    producer,
                    group,
                    year,
                    stars,
                    level,
                    decided_on=date.fromisoformat(decided),
                    note=data.DEMO_NOTE,
                ),
                origin=ORIGIN,
            )
        )
    if keep("Quan Sơn"):
        quan_son = district("Quan Sơn")
        for period, amounts in data.FUNDS.items():
            for source, amount in amounts.items():
                count(
                    do_save_funds(
                        data=FundsData(quan_son.pk, period, source, amount, note=data.DEMO_NOTE),
                        origin=ORIGIN,
                    )
                )
        for period, quantities in data.OUTPUTS.items():
            for kind, quantity in quantities.items():
                value = Decimal(str(parse_number(quantity)))
                count(
                    do_save_output(
                        data=OutputData(quan_son.pk, period, kind, value, note=data.DEMO_NOTE),
                        origin=ORIGIN,
                    )
                )
        created += _awards(quan_son)
    if not wanted or {"Quan Sơn", "Thọ Xuân"} & wanted:
        created += _reported(province)
    return created


def _awards(unit: AdminUnit) -> int:
    a = data.AWARDS
    people = [
        ("collective", f"Tập thể tiêu biểu {n:02d} (mẫu)") for n in range(1, a["collectives"] + 1)
    ]
    people += [
        ("individual", f"Cá nhân tiêu biểu {n:02d} (mẫu)") for n in range(1, a["individuals"] + 1)
    ]
    created = 0
    for recipient_type, name in people:
        _, outcome = do_save_award(
            data=AwardData(
                unit.pk,
                date.fromisoformat(a["date"]),
                a["issuer"],
                a["kind"],
                recipient_type,
                name,
                data.DEMO_NOTE,
            ),
            origin=ORIGIN,
        )
        created += outcome == "created"
    return created


def _reported(province: AdminUnit) -> int:
    created = 0
    for name, communes, ntm, ocop in data.REPORTED:
        unit = AdminUnit.objects.get(
            parent=province, match_name=normalize_name(name), era=LEGACY_ERA
        )
        _, outcome = do_save_reported(
            data=ReportedData(
                unit.pk,
                data.REPORTED_PERIOD,
                communes,
                ntm,
                data.REPORTED_BY,
                ocop_products=ocop,
                reported_on=date.fromisoformat(data.REPORTED_ON),
                note=data.DEMO_NOTE,
                demo=True,
            ),
            origin=ORIGIN,
        )
        created += outcome == "created"
    return created


def _commune(district: AdminUnit, name: str) -> AdminUnit:
    return AdminUnit.objects.get(parent=district, match_name=normalize_name(name), level="commune")


def _nth_commune(district: AdminUnit, product: str) -> AdminUnit:
    """Spread products over the district's xã in code order (product 01 to the first, …)."""
    communes = list(
        AdminUnit.objects.filter(parent=district, level="commune", unit_type="xã").order_by("code")
    )
    number = int("".join(ch for ch in product if ch.isdigit()) or 0)
    return communes[number % len(communes)]
