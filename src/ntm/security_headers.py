"""A strict Content-Security-Policy on the app's HTML pages.

Every script, style, font and image is vendored under ``static/`` and the templates hold no
inline script or style, so the policy allows the site's own origin only: an injected
``<script>`` (should escaping ever fail) does not run. ``data:`` images stay allowed for the
SVG icons Bootstrap's CSS embeds. The API's documentation pages (drf-spectacular's Swagger UI,
which starts itself with an inline script) are left without the header.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
EXEMPT_PREFIXES = ("/api/",)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = getattr(settings, "NTM_CONTENT_SECURITY_POLICY", DEFAULT_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            self.policy
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(EXEMPT_PREFIXES)
            and "Content-Security-Policy" not in response
        ):
            response["Content-Security-Policy"] = self.policy
        return response
