"""``/account/tokens/``: the web page for one's own API tokens."""

from django.urls import path

from ntm.api import pages

urlpatterns = [
    path("account/tokens/", pages.token_page, name="api-tokens"),
    path("account/tokens/<int:token_id>/revoke/", pages.revoke_token, name="api-token-revoke"),
]
