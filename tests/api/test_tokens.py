"""Bearer tokens: the token's user within that user's units, read-only scope, revocation, expiry."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ntm.api.errors import NOT_FOUND, TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_READ_ONLY, TOKEN_REVOKED
from ntm.api.models import ApiToken, ApiTokenUse
from ntm.api.tokens import TokenError, digest_of, do_create_token, do_revoke_token

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
VALUES = "/api/units/9389401/values/"


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def new_value(client, value="95,5%"):
    return client.post(
        VALUES,
        {"set": NTM, "period": "2023-05", "indicator": "17.1", "value": value},
        format="json",
    )


def test_a_valid_token_acts_as_its_user_within_their_units(personas):
    secret = do_create_token(user=personas.district_office, name="Hệ thống tỉnh").secret
    response = bearer(secret).get("/api/units/")
    assert response.status_code == 200
    assert [u["code"] for u in response.json()] == ["93894"]
    assert new_value(bearer(secret)).status_code == 201


def test_a_token_sees_nothing_outside_its_users_units(personas):
    secret = do_create_token(user=personas.district_office, name="x").secret
    response = bearer(secret).get("/api/units/9389001/")
    assert response.status_code == 404
    assert response.json()["detail_vi"] == NOT_FOUND[1]


def test_a_read_only_token_reads_but_gets_403_on_writes(personas):
    secret = do_create_token(user=personas.district_office, name="chỉ đọc", read_only=True).secret
    assert bearer(secret).get("/api/units/9389401/").status_code == 200
    response = new_value(bearer(secret))
    assert response.status_code == 403
    assert response.json() == {
        "detail": TOKEN_READ_ONLY[0],
        "detail_vi": TOKEN_READ_ONLY[1],
        "code": "token_read_only",
    }


def test_a_revoked_token_gets_401(personas):
    new = do_create_token(user=personas.district_office, name="x")
    do_revoke_token(token=new.token, by=personas.district_office)
    response = bearer(new.secret).get("/api/units/")
    assert response.status_code == 401
    assert (response.json()["code"], response.json()["detail_vi"]) == (
        "token_revoked",
        TOKEN_REVOKED[1],
    )


def test_an_expired_token_gets_401(personas):
    new = do_create_token(user=personas.district_office, name="x", days=1)
    ApiToken.objects.filter(pk=new.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = bearer(new.secret).get("/api/units/")
    assert response.status_code == 401
    assert (response.json()["code"], response.json()["detail"]) == (
        "token_expired",
        TOKEN_EXPIRED[0],
    )


def test_an_unknown_token_gets_401(personas):
    response = bearer("ntm_not-a-real-token").get("/api/units/")
    assert response.status_code == 401
    assert response.json()["detail_vi"] == TOKEN_INVALID[1]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_deactivated_user_gets_401(personas):
    secret = do_create_token(user=personas.district_office, name="x").secret
    personas.district_office.is_active = False
    personas.district_office.save()
    assert bearer(secret).get("/api/units/").status_code == 401


def test_only_the_digest_is_stored(personas):
    new = do_create_token(user=personas.viewer, name="x")
    stored = ApiToken.objects.get(pk=new.token.pk)
    assert stored.digest == digest_of(new.secret) and new.secret not in (
        stored.digest,
        stored.prefix,
    )
    assert new.secret.startswith(stored.prefix)


def test_every_use_is_audited_with_the_last_use(personas):
    new = do_create_token(user=personas.viewer, name="x")
    bearer(new.secret).get("/api/units/9389401/?era=2008")
    use = ApiTokenUse.objects.get(token=new.token)
    assert (use.method, use.path) == ("GET", "/api/units/9389401/?era=2008")
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at is not None


def test_creation_and_revocation_leave_history_rows_naming_who(personas):
    new = do_create_token(user=personas.viewer, name="x", created_by=personas.province_office)
    do_revoke_token(token=new.token, by=personas.province_office)
    users = [h.history_user for h in new.token.history.order_by("history_id")]
    assert users == [personas.province_office, personas.province_office]


def test_a_token_needs_a_name_and_a_sane_expiry(personas):
    with pytest.raises(TokenError):
        do_create_token(user=personas.viewer, name="  ")
    with pytest.raises(TokenError):
        do_create_token(user=personas.viewer, name="x", days=0)


def test_requests_are_throttled_per_token(personas):
    from django.core.cache import cache

    cache.clear()
    first = do_create_token(user=personas.viewer, name="a").secret
    second = do_create_token(user=personas.viewer, name="b").secret
    with override_settings(NTM_API_TOKEN_RATE="2/minute"):
        assert [bearer(first).get("/api/units/").status_code for _ in range(3)] == [200, 200, 429]
        throttled = bearer(first).get("/api/units/").json()
        assert throttled["code"] == "throttled" and "giây" in throttled["detail_vi"]
        assert bearer(second).get("/api/units/").status_code == 200
    cache.clear()
