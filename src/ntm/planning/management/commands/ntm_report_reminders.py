"""``django-admin ntm_report_reminders [--unit CODE] [--period YYYY-MM] [--today DATE]
[--dry-run]``:
e-mail the communes whose monthly progress report is due within three days or overdue.

Meant for a scheduler (cron, a systemd timer) once a day; without ``--unit`` every province.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ntm.textnorm import parse_date
from ntm.units.models import AdminUnit

MSG_SENT = "Đã gửi {count} thư nhắc báo cáo tháng {period}."
MSG_WOULD_SEND = "Sẽ gửi {count} thư nhắc (chạy thử, không gửi):"


class Command(BaseCommand):
    help = "Nhắc các xã nộp báo cáo tiến độ NTM hằng tháng (thư điện tử)"

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="mã đơn vị (mặc định: mọi tỉnh)")
        parser.add_argument("--period", help="tháng YYYY-MM (mặc định: tháng hiện tại)")
        parser.add_argument("--today", help="ngày tính hạn YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi")

    def handle(self, *args, **options):
        from ntm.planning.reminders import reminders_for, send_reminders

        try:
            today = parse_date(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        period = options["period"] or f"{today.year}-{today.month:02d}"
        if options["unit"]:
            units = list(AdminUnit.objects.filter(code=options["unit"]))
            if not units:
                raise CommandError(f"Không có đơn vị {options['unit']!r}")
        else:
            units = list(AdminUnit.objects.filter(level="province"))
        try:
            reminders = [r for unit in units for r in reminders_for(unit, period, today)]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["dry_run"]:
            self.stdout.write(MSG_WOULD_SEND.format(count=len(reminders)))
            for r in reminders:
                self.stdout.write(f"  {', '.join(r.recipients)}: {r.subject}")
            return
        self.stdout.write(MSG_SENT.format(count=send_reminders(reminders), period=period))
