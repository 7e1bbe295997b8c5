"""``django-admin ntm_publish_pending``: compute the figures of every pending publication.

For ``NTM_PUBLISH_MODE=command`` (run it from cron or a systemd timer, e.g. every minute), and
after a restart that interrupted a background computation (see ``ntm.portal.background``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

MSG_DONE = "Đã tính số liệu của {count} lần công bố đang chờ."


class Command(BaseCommand):
    help = "Tính số liệu cho các lần công bố đang chờ (cổng công khai)"

    def handle(self, *args, **options):
        from ntm.portal.background import complete_pending

        self.stdout.write(MSG_DONE.format(count=complete_pending()))
