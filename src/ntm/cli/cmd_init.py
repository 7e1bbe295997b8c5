"""``ntm init``: create or migrate the configured database and load the administrative units.

Safe to run again: migrations that ran are skipped and the unit load only writes what changed.
"""

from __future__ import annotations

import argparse
import sys
import time

from ntm.cli import setup_django


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", action="store_true", help="không in tiến trình migrate")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from ntm.units.services import format_counts, load_units

    database = settings.DATABASES["default"]
    print(f"Cơ sở dữ liệu: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('NAME', '')}")
    call_command("migrate", interactive=False, verbosity=0 if args.quiet else 1, stdout=sys.stdout)
    started = time.perf_counter()
    counts = load_units()
    print(format_counts(counts))
    print(f"Nạp đơn vị hành chính trong {time.perf_counter() - started:.1f} giây.")
    return 0
