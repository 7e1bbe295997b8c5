"""Page benchmark with the whole country loaded (issue 13, "Pages that answer at once").

A scratch database gets the national units (``ntm init``'s data) and values for every commune
of 2024 (the NTM and advanced sets, verdicts mixed around the thresholds); then each page a
user opens is timed side by side with a minimal authenticated page, in one run, through
Django's test client (no network, no server: the cost measured is the application's). The
figure is the ratio page / minimal page; the issue's bound is 4.

Runs in a child process under a temporary ``NTM_VAR_DIR`` (SQLite) or on the database that
``NTM_BENCH_DATABASE_URL`` names (PostgreSQL; it is emptied first), so the caller's database
is never touched.
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
REPEAT = 5
HANOI = "01"  # pre-2025 code: the largest province by communes


def bench_pages(n_communes: int = 10_000) -> list[dict]:
    """Run in a child process; one dict per page (step, seconds, ratio, target, ok)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="ntm-bench-pages-") as var_dir:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if os.environ.get("NTM_BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["NTM_BENCH_DATABASE_URL"]
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


def _median_seconds(client, url: str) -> tuple[float, int, int]:
    """Median wall time of ``REPEAT`` requests after one warm-up; status and size of the last."""
    response = client.get(url, follow=True)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url, follow=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), response.status_code, len(response.content)


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
    clients = {}
    for name, user in ctx["users"].items():
        clients[name] = Client()
        clients[name].force_login(user)
    floor = None
    for step, user, url in _pages(ctx):
        seconds, status, size = _median_seconds(clients[user], url)
        floor = floor or seconds
        ratio = seconds / floor
        steps.append(
            {
                "step": step,
                "seconds": seconds,
                "ratio": ratio,
                "target": f"<= {TARGET_RATIO:g}x minimal page",
                "ok": status == 200 and ratio <= TARGET_RATIO,
                "detail": f"HTTP {status}, {size / 1024:.0f} kB, {connection.vendor}",
            }
        )
    return steps


if __name__ == "__main__":
    print(json.dumps(_worker(int(sys.argv[1])), default=str))
