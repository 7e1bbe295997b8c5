"""A worker process for ``test_login_gate``: posts passwords for one username to ``/login/``
at the same moment from several threads, against the database named by ``DATABASE_URL``,
and prints how many password checks ran here and how many logins succeeded (JSON).

Run as ``python -m tests.accounts.login_worker USERNAME START_AT PASSWORD...``. Each process
has its own cache, as each server worker has: only the database is shared.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

from django.contrib.auth.hashers import MD5PasswordHasher

CHECKS = {"count": 0}
COUNT_LOCK = threading.Lock()


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (tests only) that counts password checks; each check takes a while,
    as a real hash does, so the attempts overlap."""

    def verify(self, password, encoded):
        with COUNT_LOCK:
            CHECKS["count"] += 1
        time.sleep(0.05)
        return super().verify(password, encoded)


def _attempt(username: str, password: str, start_at: float, out: list[int]) -> None:
    from django.db import connection
    from django.test import Client

    client = Client()
    time.sleep(max(0.0, start_at - time.time()))
    try:
        response = client.post("/login/", {"username": username, "password": password})
        out.append(response.status_code)
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    username, start_at, passwords = argv[0], float(argv[1]), argv[2:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["tests.accounts.login_worker.CountingHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    statuses: list[int] = []
    threads = [
        threading.Thread(target=_attempt, args=(username, p, start_at, statuses)) for p in passwords
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # run as __main__, this file is a second module: the hasher counts in the imported one
    from tests.accounts.login_worker import CHECKS as counted

    print(json.dumps({"checks": counted["count"], "statuses": statuses}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
