"""``ntm token create|list|revoke``: the token printed once, listed without it, revoked for good."""

import json

import pytest
from rest_framework.test import APIClient

from ntm.api.models import ApiToken
from ntm.cli import main

pytestmark = pytest.mark.django_db


def call_api(secret: str, path="/api/units/"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client.get(path)


def test_token_create_prints_only_the_token_on_stdout_and_it_works(personas, capsys):
    assert (
        main(["token", "create", "huyen.thoxuan", "--name", "Hệ thống tỉnh", "--days", "30"]) == 0
    )
    out, err = capsys.readouterr()
    secret = out.strip()
    assert "\n" not in secret and secret.startswith("ntm_")
    assert "Bearer" in err
    assert call_api(secret).status_code == 200
    token = ApiToken.objects.get()
    assert (token.name, token.scope, token.expires_at is not None) == (
        "Hệ thống tỉnh",
        "read-write",
        True,
    )


def test_a_read_only_token_from_the_command_refuses_writes(personas, capsys):
    assert main(["token", "create", "huyen.thoxuan", "--name", "đọc", "--read-only"]) == 0
    secret = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    body = {"set": "xa-ntm-2021-2025", "period": "2023", "indicator": "17.1", "value": "90"}
    assert client.post("/api/units/9389401/values/", body, format="json").status_code == 403


def test_token_list_shows_tokens_without_the_secret_and_revoke_ends_them(personas, capsys):
    main(["token", "create", "huyen.thoxuan", "--name", "a"])
    secret = capsys.readouterr().out.strip()
    assert main(["token", "list", "huyen.thoxuan", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["name"], t["status"]) for t in listed] == [("a", "active")]
    assert secret not in json.dumps(listed)
    assert main(["token", "revoke", str(listed[0]["id"])]) == 0
    assert "Đã thu hồi" in capsys.readouterr().out
    assert call_api(secret).status_code == 401
    main(["token", "list", "huyen.thoxuan", "--json"])
    assert json.loads(capsys.readouterr().out)[0]["status"] == "revoked"


def test_an_unknown_user_or_a_bad_expiry_is_bad_input(personas, capsys):
    assert main(["token", "create", "no.such.user", "--name", "a"]) == 1
    assert main(["token", "create", "huyen.thoxuan", "--name", "a", "--days", "0"]) == 1
    assert main(["token", "revoke", "999"]) == 1
    assert not ApiToken.objects.exists()


def test_token_without_an_action_or_a_name_is_a_usage_error(personas):
    assert main(["token"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["token", "create", "huyen.thoxuan"])
    assert exit_info.value.code == 2
