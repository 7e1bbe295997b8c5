"""API test helpers: a logged-in DRF client per persona."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api_as():
    """``api_as(user)`` -> an APIClient logged in as ``user`` (session, like the browser)."""

    def client_for(user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return client_for
