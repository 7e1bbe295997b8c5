"""Page benchmark with the whole country loaded (issue 13, "Pages that answer at once").

A scratch database gets the national units (``ntm init``'s data) and values for every commune
of 2024 (the NTM and advanced sets, verdicts mixed around the thresholds); then each page a
user opens is timed side by side with a minimal authenticated page, in one run, through
Django's test client (no network, no server: the cost measured is the application's), the
requests of each page taken in turn with minimal requests (a machine busier at one moment
weighs on both). The figure is the ratio page / minimal page; the issue's bound is 4.

Runs in a child process under a temporary ``NTM_VAR_DIR`` (SQLite), then again on a scratch
PostgreSQL database (``bench.pgdatabase``) when PostgreSQL is there, or only on the database
that ``NTM_BENCH_DATABASE_URL`` names (it is emptied first), so the caller's database is never
touched. Each database's pages are compared with that database's own minimal page.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERIOD = "2024"
SETS = ("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025")
TARGET_RATIO = 4.0
REPEAT = 7
HANOI = "01"  # pre-2025 code: the largest province by communes
# PostgreSQL: VACUUM ANALYZE after loading, as autovacuum does on a running server (set
# NTM_BENCH_NO_VACUUM=1 for ANALYZE alone: the state of the first minute after a bulk load).
VACUUM = not os.environ.get("NTM_BENCH_NO_VACUUM")


def bench_pages(n_communes: int = 10_000) -> list[dict]:
    """Run in a child process; one dict per page (step, seconds, ratio, target, ok): on SQLite,
    then on PostgreSQL (``NTM_BENCH_DATABASE_URL``, or a scratch database next to the server of
    ``NTM_TEST_DATABASE_URL``/``DATABASE_URL``, or a throwaway cluster) when there is one."""
    steps = _run(n_communes, None)
    if os.environ.get("NTM_BENCH_DATABASE_URL"):
        return steps  # the caller named the database: that run only
    from bench.pgdatabase import NoPostgres, scratch_database

    try:
        with scratch_database() as scratch:
            steps += [
                {**step, "step": f"PostgreSQL: {step['step']}"}
                for step in _run(n_communes, scratch.url)
            ]
    except NoPostgres as missing:
        steps.append({"step": "PostgreSQL: not measured", "detail": str(missing)})
    return steps


def _run(n_communes: int, database_url: str | None) -> list[dict]:
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="ntm-bench-pages-") as var_dir:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        url = database_url or os.environ.get("NTM_BENCH_DATABASE_URL")
        if url:
            env["DATABASE_URL"] = url
        env.update(
            NTM_VAR_DIR=var_dir,
            DJANGO_SETTINGS_MODULE="ntm.settings",
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(root / "src"), str(root), env.get("PYTHONPATH")])
            ),
        )
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), str(n_communes)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        return [{"step": "page benchmark failed", "detail": tail}]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _values(communes: list, rng: random.Random) -> list:
    """Rows for ``write_rows``: every enterable indicator of both sets, ~93% passing."""
    from bench.bench_engine import synthetic_values
    from ntm.assessments.parsing import to_stored
    from ntm.assessments.writes import ValueRow
    from ntm.criteria.inputs import Period
    from ntm.criteria.registry import load_registry
    from ntm.units.selectors import profile_for

    registry = load_registry()
    index = Period.parse(PERIOD).index
    rows = []
    for unit in communes:
        profile = profile_for(unit)
        for set_code in SETS:
            criteria_set = registry.get(set_code)
            series = synthetic_values(criteria_set, profile, rng, registry)
            for ind in criteria_set.indicators:
                if ind.aggregate is not None:
                    continue
                value = series[ind.code][-1].value
                stored = to_stored(value)
                rows.append(
                    ValueRow(
                        unit.pk,
                        set_code,
                        ind.code,
                        PERIOD,
                        index,
                        str(value),
                        stored.value_number,
                        stored.value_bool,
                        stored.value_text,
                        stored.not_applicable,
                        None,
                    )
                )
    return rows


def _load(n_communes: int) -> dict:
    """Units, values and users; returns the codes and users the pages need."""
    from django.contrib.auth import get_user_model

    from ntm.accounts.services import do_assign_role
    from ntm.assessments.writes import write_rows
    from ntm.units.models import AdminUnit
    from ntm.units.services import load_units

    load_units()
    communes = list(
        AdminUnit.objects.filter(level="commune", era="2008").order_by("path")[:n_communes]
    )
    write_rows(_values(communes, random.Random(7)), source="import")
    province = AdminUnit.objects.get(level="province", era="2008", code=HANOI)
    district = AdminUnit.objects.filter(level="district", path__startswith=province.path).first()
    commune = AdminUnit.objects.filter(level="commune", path__startswith=district.path).first()
    users = {}
    for name, role, unit in (
        ("xa", "commune", commune),
        ("huyen", "district", district),
        ("tinh", "province", province),
        ("trunguong", "national", None),
    ):
        user = get_user_model().objects.create_user(name, password="bench-pass-1")
        do_assign_role(user=user, role=role, unit=unit)
        users[name] = user
    return {
        "communes": len(communes),
        "commune": commune.code,
        "district": district.code,
        "province": province.code,
        "users": users,
    }


def _side_by_side(client, url: str, floor_client, floor_url: str) -> tuple[float, float, int, int]:
    """Median wall time of ``REPEAT`` requests of ``url`` and of the minimal page, taken in
    turn after one warm-up of each (so a machine busier at one moment than another weighs on
    both alike); status and size of the page's last answer."""
    response = client.get(url, follow=True)
    floor_client.get(floor_url, follow=True)
    times, floors = [], []
    for _ in range(REPEAT):
        start = time.perf_counter()
        floor_client.get(floor_url, follow=True)
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.get(url, follow=True)
        times.append(time.perf_counter() - start)
    return (
        statistics.median(times),
        statistics.median(floors),
        response.status_code,
        len(response.content),
    )


def _pages(ctx: dict) -> list[tuple[str, str, str]]:
    """(step, user, url) for the pages the issue names, and the minimal page first."""
    from django.urls import reverse
    from django.utils.http import urlencode

    c, d, p = ctx["commune"], ctx["district"], ctx["province"]
    q = {"period": PERIOD}
    review = urlencode({"set": SETS[0], **q})
    return [
        ("minimal authenticated page (floor)", "xa", reverse("api-unit", args=[c])),
        ("report form", "xa", reverse("web:reports")),
        ("commune officer's landing page", "xa", reverse("web:dashboard")),
        ("commune page", "xa", reverse("web:unit", args=[c]) + "?" + urlencode(q)),
        ("district dashboard", "huyen", reverse("web:dashboard") + f"?unit={d}&period={PERIOD}"),
        (
            "district dashboard data",
            "huyen",
            reverse("web:dashboard_data") + f"?unit={d}&period={PERIOD}",
        ),
        (
            "province dashboard data",
            "tinh",
            reverse("web:dashboard_data") + f"?unit={p}&period={PERIOD}",
        ),
        (
            "national dashboard data",
            "trunguong",
            reverse("web:dashboard_data") + f"?period={PERIOD}&set={SETS[0]}",
        ),
        ("province review (web)", "tinh", reverse("web:report", args=["review", p]) + "?" + review),
        (
            "province summary (web)",
            "tinh",
            reverse("web:report", args=["summary", p]) + "?" + review,
        ),
        (
            "province progress (web)",
            "tinh",
            reverse("web:report", args=["progress", p]) + "?" + review,
        ),
    ]


def _worker(n_communes: int) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ntm.assessments.rebuild import rebuild
    from ntm.criteria.inputs import Period

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    ctx = _load(n_communes)
    steps = [
        {
            "step": f"load: national units, {ctx['communes']:,} communes' values",
            "seconds": time.perf_counter() - start,
        }
    ]
    start = time.perf_counter()
    written = rebuild([Period.parse(PERIOD)])
    steps.append(
        {
            "step": f"stored results rebuilt ({sum(written.values()):,} rows)",
            "seconds": time.perf_counter() - start,
        }
    )
    if connection.vendor == "postgresql":
        # A server that has been running has been through autovacuum: its statistics (ANALYZE)
        # and its tables vacuumed (since PostgreSQL 13 after inserts too, within a minute of a
        # bulk load here), which sets the visibility map index-only scans rely on. A scratch
        # database loaded a second ago has neither: its plans and scans would be those of the
        # first minute after an import.
        statement = "VACUUM ANALYZE" if VACUUM else "ANALYZE"
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        seconds = time.perf_counter() - start
        steps.append({"step": f"{statement} (as autovacuum)", "seconds": seconds})
    clients = {}
    for name, user in ctx["users"].items():
        clients[name] = Client()
        clients[name].force_login(user)
    pages = _pages(ctx)
    _floor_step, floor_user, floor_url = pages[0]
    floors: list[float] = []
    rows = []
    for step, user, url in pages[1:]:
        seconds, floor, status, size = _side_by_side(
            clients[user], url, clients[floor_user], floor_url
        )
        floors.append(floor)
        ratio = seconds / floor
        rows.append(
            {
                "step": step,
                "seconds": seconds,
                "ratio": ratio,
                "target": f"<= {TARGET_RATIO:g}x minimal page",
                "ok": status == 200 and ratio <= TARGET_RATIO,
                "detail": f"HTTP {status}, {size / 1024:.0f} kB, {connection.vendor}",
            }
        )
    steps.append(
        {
            "step": pages[0][0],
            "seconds": statistics.median(floors),
            "ratio": 1.0,
            "detail": f"median over the pages of its median beside each ({REPEAT} requests "
            f"taken in turn with the page's); each page's ratio is to the minimal requests "
            f"taken beside it ({connection.vendor})",
        }
    )
    steps.extend(rows)
    return steps


if __name__ == "__main__":
    print(json.dumps(_worker(int(sys.argv[1])), default=str))
