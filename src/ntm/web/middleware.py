"""Vietnamese unless the user chose otherwise.

Why: Django's ``LocaleMiddleware`` follows the browser's Accept-Language, and many office
computers run an English Windows or browser, so officers would land on English pages. The
language switch stores the choice in a cookie; without that cookie the answer is the site's
``LANGUAGE_CODE`` (Vietnamese). Use in place of ``django.middleware.locale.LocaleMiddleware``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
