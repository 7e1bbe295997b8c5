"""Login throttling in the database (django-axes): the admin login is covered, and the count
survives a worker whose cache never saw the failures."""

import pytest
from django.core.cache import cache

from tests.conftest import PERSONA_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_admin_login_locks_a_superuser_after_five_failures(client, django_user_model):
    from axes.models import AccessAttempt

    django_user_model.objects.create_superuser("quantri", password=PERSONA_PASSWORD)
    for _ in range(5):
        client.post("/admin/login/", {"username": "quantri", "password": "doan-sai"})
    response = client.post("/admin/login/", {"username": "quantri", "password": PERSONA_PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="quantri").failures_since_start >= 5


def test_failures_counted_by_one_worker_lock_the_login_at_another(client, personas):
    for _ in range(5):
        client.post("/login/", {"username": "xa.xuanhoa", "password": "sai-mat-khau"})
    cache.clear()  # another worker: its own cache never saw these failures

    response = client.post("/login/", {"username": "xa.xuanhoa", "password": PERSONA_PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()


def test_a_locked_out_api_client_gets_the_api_error_shape(personas):
    import base64

    from rest_framework.test import APIClient

    for password in ["sai"] * 5:
        client = APIClient()
        client.credentials(
            HTTP_AUTHORIZATION="Basic "
            + base64.b64encode(f"xa.xuanhoa:{password}".encode()).decode()
        )
        client.get("/api/units/")
    cache.clear()
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION="Basic "
        + base64.b64encode(f"xa.xuanhoa:{PERSONA_PASSWORD}".encode()).decode()
    )
    response = client.get("/api/units/")
    assert response.status_code in (401, 403, 429)
    assert response.status_code != 200
