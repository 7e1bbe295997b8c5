"""/account/tokens/: a user makes a token (shown once) and revokes it; an administrator in the
admin."""

import re

import pytest
from rest_framework.test import APIClient

from ntm.api.models import ApiToken
from ntm.api.tokens import do_create_token

pytestmark = pytest.mark.django_db


def works(secret: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client.get("/api/units/").status_code


def test_a_user_makes_a_token_that_is_shown_once(personas, client):
    client.force_login(personas.district_office)
    response = client.post(
        "/account/tokens/", {"name": "Báo cáo tỉnh", "days": "30", "read_only": "on"}
    )
    assert response.status_code == 200
    secret = re.search(r'id="new-token">([^<]+)<', response.content.decode()).group(1)
    assert works(secret) == 200
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.scope) == (
        personas.district_office,
        personas.district_office,
        "read",
    )
    assert secret not in client.get("/account/tokens/").content.decode()


def test_a_user_revokes_their_token_and_not_someone_elses(personas, client):
    mine = do_create_token(user=personas.district_office, name="a")
    theirs = do_create_token(user=personas.viewer, name="b")
    client.force_login(personas.district_office)
    assert client.post(f"/account/tokens/{theirs.token.pk}/revoke/").status_code == 404
    assert client.post(f"/account/tokens/{mine.token.pk}/revoke/").status_code == 302
    assert (works(mine.secret), works(theirs.secret)) == (401, 200)


def test_the_token_page_needs_a_login(client):
    assert client.get("/account/tokens/").status_code == 302


def test_an_administrator_makes_a_token_for_a_user_in_the_admin(
    personas, client, django_user_model
):
    admin = django_user_model.objects.create_superuser("quantri", password="Quan-Tri-Mat-Khau-2023")
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"user": personas.viewer.pk, "name": "Hệ thống TW", "days": "10"},
        follow=True,
    )
    assert response.status_code == 200
    secret = re.search(r"(ntm_[A-Za-z0-9_-]{20,})", response.content.decode()).group(1)
    assert works(secret) == 200
    assert ApiToken.objects.get().created_by == admin


def test_the_admin_lists_tokens_and_their_uses_without_the_digest(
    personas, client, django_user_model
):
    new = do_create_token(user=personas.viewer, name="Hệ thống TW")
    works(new.secret)
    admin = django_user_model.objects.create_superuser("quantri", password="Quan-Tri-Mat-Khau-2023")
    client.force_login(admin)
    listing = client.get("/admin/api/apitoken/").content.decode()
    change = client.get(f"/admin/api/apitoken/{new.token.pk}/change/").content.decode()
    uses = client.get("/admin/api/apitokenuse/").content.decode()
    assert "Hệ thống TW" in listing and "Hệ thống TW" in change and "/api/units/" in uses
    assert new.token.digest not in listing + change
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [new.token.pk]})
    assert works(new.secret) == 401
