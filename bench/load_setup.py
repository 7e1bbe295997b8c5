"""The database side of the load benchmark, run in a child process on the scratch database.

``setup``: after ``ntm init`` (the real national units), values of the 2021-2025 NTM and
advanced sets for period 2024 imported for ``--communes`` communes of the pre-2025 structure
(the users' districts first, then the next communes in code order), and the virtual users:
per district four commune officers and one district office (``i % 5 == 1``), each with an API
token (``do_create_token``, the service behind ``ntm token create``) and a logged-in session
(made directly: a login's password hashing is not what this measures). Writes the plan (JSON).

``count``: counts back, per written value, the history rows the users wrote and the stored
version and text, and compares them with what the server answered (JSON on stdout).

    python -m bench.load_setup setup PLAN.json --communes N --users U
    python -m bench.load_setup count PLAN.json ACCEPTED.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

from bench.national_csv import office_value

SETS = ("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025")
WRITE_SET = "xa-ntm-nang-cao-2021-2025"
READ_SET = "xa-ntm-2021-2025"
PERIOD = "2024"
USERS_PER_DISTRICT = 5
DISTRICT_SLOT = 1  # user i is a district office when i % 5 == 1, a commune officer otherwise
USERNAME = "load{:03d}"


def _districts(n_needed: int) -> list:
    """Pre-2025 districts with at least five communes, in code order, with their communes."""
    from ntm.units.models import AdminUnit

    communes: dict[int, list] = {}
    for unit in AdminUnit.objects.filter(level="commune", era="2008").order_by("code"):
        communes.setdefault(unit.parent_id, []).append(unit)
    chosen = []
    for district in AdminUnit.objects.filter(level="district", era="2008").order_by("code"):
        if len(communes.get(district.pk, ())) >= USERS_PER_DISTRICT:
            chosen.append((district, communes[district.pk]))
        if len(chosen) == n_needed:
            break
    return chosen


def _value_communes(districts: list, n_communes: int) -> list:
    """The users' districts' communes, then others in code order, ``n_communes`` at least."""
    from ntm.units.models import AdminUnit

    picked = {c.pk: c for _d, cs in districts for c in cs}
    if len(picked) < n_communes:
        rest = AdminUnit.objects.filter(level="commune", era="2008").exclude(pk__in=list(picked))
        for unit in rest.order_by("code")[: n_communes - len(picked)]:
            picked[unit.pk] = unit
    return list(picked.values())


def _import_values(communes: list, work: Path) -> int:
    """Values around each threshold, written as offices write them, imported by ``ntm import``'s
    service: the pages then have a realistic mix of met and unmet criteria to show."""
    from ntm.criteria.registry import load_registry
    from ntm.imports.service import run_import

    rng = random.Random(13)
    registry = load_registry()
    path = work / "values.csv"
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        for set_code in SETS:
            indicators = [i for i in registry.get(set_code).indicators if i.aggregate is None]
            for unit in communes:
                for ind in indicators:
                    writer.writerow([unit.code, PERIOD, set_code, ind.code, office_value(ind, rng)])
                    rows += 1
    outcome = run_import(path)
    if not outcome.ok:
        raise SystemExit("\n".join(str(e) for e in outcome.errors[:20]))
    _settle()
    return rows


def _settle() -> None:
    """On PostgreSQL, vacuum and analyse after the bulk load, as a server in service would have
    long done: the run then measures requests, not autovacuum catching up with the setup."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _session_key(user) -> str:
    """A logged-in session, as ``django.contrib.auth.login`` would store it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the password backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def setup(plan_path: Path, n_communes: int, n_users: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from ntm.accounts.services import do_assign_role
    from ntm.api.tokens import do_create_token
    from ntm.assessments.models import IndicatorValue
    from ntm.criteria.registry import load_registry

    districts = _districts(-(-n_users // USERS_PER_DISTRICT))
    communes = _value_communes(districts, n_communes)
    n_values = _import_values(communes, plan_path.parent)
    writable = [
        i.code
        for i in load_registry().get(WRITE_SET).indicators
        if i.aggregate is None and i.kind in ("percent", "number")
    ]
    users = []
    for n in range(n_users):
        district, its_communes = districts[n // USERS_PER_DISTRICT]
        kind = "district" if n % USERS_PER_DISTRICT == DISTRICT_SLOT else "commune"
        # Each value is written by one user only, so every write starts from the version that
        # user last saw: a conflict (409) would be a real lost update, counted as an error.
        commune = its_communes[n % USERS_PER_DISTRICT]
        user = get_user_model().objects.create_user(USERNAME.format(n))
        do_assign_role(user=user, role=kind, unit=district if kind == "district" else commune)
        versions = dict(
            IndicatorValue.objects.filter(
                unit=commune, set_code=WRITE_SET, period=PERIOD, indicator_code__in=writable
            ).values_list("indicator_code", "version")
        )
        users.append(
            {
                "username": user.username,
                "kind": kind,
                "token": do_create_token(user=user, name="load benchmark").secret,
                "session": _session_key(user),
                "write_unit": commune.code,
                "read_unit": district.code if kind == "district" else commune.code,
                "versions": {code: versions.get(code, 0) for code in writable},
            }
        )
    plan = {
        "set": WRITE_SET,
        "read_set": READ_SET,
        "period": PERIOD,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "communes": len(communes),
        "values": n_values,
        "users": users,
    }
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")


def count(plan_path: Path, accepted_path: Path) -> dict:
    """Compare the accepted writes (per user and indicator: how many, last version, last raw)
    with the database: history rows written by the users, and each value's version and text;
    and every stored result of the period with a fresh evaluation (``ntm results check``):
    concurrent writers must leave none stale."""
    from django.contrib.auth import get_user_model

    from ntm.assessments.models import IndicatorValue
    from ntm.assessments.rebuild import check
    from ntm.criteria.inputs import Period

    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    accepted = json.loads(accepted_path.read_text(encoding="utf-8"))
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="load")}
    history = IndicatorValue.history.model.objects
    counted, mismatched, expected = 0, [], 0
    for entry in plan["users"]:
        user = users[entry["username"]]
        mine = accepted.get(entry["username"], {})
        expected += sum(w["count"] for w in mine.values())
        counted += history.filter(history_user_id=user.pk).count()
        stored = {
            v.indicator_code: v
            for v in IndicatorValue.objects.filter(
                unit__code=entry["write_unit"],
                unit__era="2008",
                set_code=plan["set"],
                period=plan["period"],
                indicator_code__in=list(mine),
            )
        }
        for code, w in mine.items():
            value = stored.get(code)
            if value is None or value.version != w["version"] or value.raw != w["raw"]:
                mismatched.append(f"{entry['write_unit']} {code}")
    stale = check([Period.parse(plan["period"])])
    return {
        "accepted": expected,
        "counted": counted,
        "mismatched": mismatched[:20],
        "stale": [f"{m.unit_code} {m.set_code} {m.field}" for m in stale[:20]],
    }


def main(argv: list[str]) -> None:
    import django

    parser = argparse.ArgumentParser(prog="bench.load_setup")
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("setup")
    make.add_argument("plan", type=Path)
    make.add_argument("--communes", type=int, required=True)
    make.add_argument("--users", type=int, required=True)
    check = sub.add_parser("count")
    check.add_argument("plan", type=Path)
    check.add_argument("accepted", type=Path)
    args = parser.parse_args(argv)
    django.setup()
    if args.action == "setup":
        setup(args.plan, args.communes, args.users)
    else:
        print(json.dumps(count(args.plan, args.accepted)))


if __name__ == "__main__":
    main(sys.argv[1:])
