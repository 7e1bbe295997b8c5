"""Thirty parallel guesses at one username get at most five password checks, and a right
password among them does not get in (the attack of issue 15 measured ~11 checks and a login)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import cache
from django.db import connection

from ntm.accounts.views import ThrottledAuthenticationForm

pytestmark = pytest.mark.django_db(transaction=True)
CHECKS = {"count": 0}
COUNT_LOCK = threading.Lock()


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (tests only) that counts password checks."""

    algorithm = "counting_md5"

    def verify(self, password, encoded):
        with COUNT_LOCK:
            CHECKS["count"] += 1
        return super().verify(password, encoded)


def _attempt(password: str) -> bool:
    try:
        return ThrottledAuthenticationForm(
            data={"username": "canbo", "password": password}
        ).is_valid()
    finally:
        connection.close()


def test_thirty_parallel_guesses_get_five_password_checks_and_then_the_right_one_is_refused(
    settings, django_user_model
):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_parallel_guessing.CountingHasher"]
    cache.clear()
    django_user_model.objects.create_user("canbo", password="Dung-Mat-Khau-2023")
    CHECKS["count"] = 0

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(_attempt, [f"sai-{i}" for i in range(30)]))

    assert not any(results)
    assert CHECKS["count"] == 5
    assert not _attempt("Dung-Mat-Khau-2023")
    assert CHECKS["count"] == 5
    cache.clear()
