"""Logging in and out, and the throttle on failed logins."""

import time

import pytest
from django.core.cache import cache

from ntm.accounts import throttle
from ntm.accounts.views import TOO_MANY_FAILED_LOGINS
from tests.conftest import PERSONA_PASSWORD

pytestmark = pytest.mark.django_db
LOCKED_MESSAGE_START = TOO_MANY_FAILED_LOGINS.split("{count}")[0]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_page_is_in_vietnamese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_a_user_logs_in_with_the_right_password(client, personas):
    response = login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_a_wrong_password_is_refused(client, personas):
    response = login(client, "xa.xuanhoa", "sai-mat-khau")
    assert response.status_code == 200
    assert not logged_in(client)


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_message(
    client, personas
):
    for _ in range(throttle.MAX_FAILURES):
        login(client, "xa.xuanhoa", "sai-mat-khau")
    response = login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    assert response.status_code == 200
    assert not logged_in(client)
    page = response.content.decode()
    assert LOCKED_MESSAGE_START in page
    assert "15 phút" in page


def test_four_failures_do_not_lock_the_account(client, personas):
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "xa.xuanhoa", "sai-mat-khau")
    login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    assert logged_in(client)


def test_failures_are_counted_per_username_whatever_its_case(client, personas):
    for _ in range(throttle.MAX_FAILURES):
        login(client, "XA.XuanHoa", "sai-mat-khau")
    assert throttle.seconds_locked("xa.xuanhoa") > 0
    login(client, "huyen.thoxuan", PERSONA_PASSWORD)
    assert logged_in(client)


def test_the_lock_ends_when_the_failures_are_older_than_fifteen_minutes(client, personas):
    long_ago = time.time() - throttle.WINDOW_SECONDS - 1
    for _ in range(throttle.MAX_FAILURES):
        throttle.record_failure("xa.xuanhoa", now=long_ago)
    assert throttle.seconds_locked("xa.xuanhoa") == 0
    login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    assert logged_in(client)


def test_the_wait_counts_from_the_oldest_of_the_last_five_failures():
    start = 1_000_000.0
    for minute in range(throttle.MAX_FAILURES):
        throttle.record_failure("someone", now=start + 60 * minute)
    assert throttle.seconds_locked("someone", now=start + 300) == throttle.WINDOW_SECONDS - 300


def test_a_successful_login_clears_earlier_failures(client, personas):
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "xa.xuanhoa", "sai-mat-khau")
    login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    client.post("/logout/")
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "xa.xuanhoa", "sai-mat-khau")
    login(client, "xa.xuanhoa", PERSONA_PASSWORD)
    assert logged_in(client)


def test_a_submission_without_a_password_does_not_reset_the_count(client, personas):
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "xa.xuanhoa", "sai-mat-khau")
    login(client, "xa.xuanhoa", "")
    login(client, "xa.xuanhoa", "sai-mat-khau")
    assert throttle.seconds_locked("xa.xuanhoa") > 0


def test_logout_ends_the_session(client, personas):
    client.force_login(personas.commune_officer)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert not logged_in(client)
