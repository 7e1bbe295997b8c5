"""``/favicon.ico`` answers with the vendored icon, without a login."""

from __future__ import annotations


def test_the_favicon_is_served_locally(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
