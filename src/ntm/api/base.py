"""What every API view shares: authentication, the bilingual errors, scoped unit lookup."""

from __future__ import annotations

import calendar
from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from ntm.accounts.access import UnitCodeAmbiguous, access_unit_for_user
from ntm.api import errors
from ntm.api.authentication import ThrottledBasicAuthentication
from ntm.api.schema import ErrorsAutoSchema
from ntm.api.tokenauth import BearerTokenAuthentication, TokenRateThrottle, TokenScopePermission
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.services import parse_period
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.units.models import AdminUnit

ERAS = ("2008", "2025")
ERA_PARAM = OpenApiParameter(
    "era",
    OpenApiTypes.STR,
    enum=list(ERAS),
    description="Which structure a code refers to when it exists in both (default: pre-2025).",
)
SET_PARAM = OpenApiParameter(
    "set", OpenApiTypes.STR, required=True, description="Criteria-set code, e.g. xa-ntm-2021-2025."
)
SET_OR_DEFAULT_PARAM = OpenApiParameter(
    "set",
    OpenApiTypes.STR,
    description="Criteria-set code; default: the commune NTM set of the period's era.",
)
PERIOD_PARAM = OpenApiParameter(
    "period", OpenApiTypes.STR, required=True, description="YYYY or YYYY-MM, e.g. 2023-05."
)


class ScopedAPIView(APIView):
    """Logged-in users only; every unit is fetched through ``ntm.accounts.access`` (404 outside).

    Session first: an anonymous caller keeps getting 403 as before; a refused token or password
    is a 401 of its own (``ApiError``).
    """

    authentication_classes = [
        SessionAuthentication,
        ThrottledBasicAuthentication,
        BearerTokenAuthentication,
    ]
    permission_classes = [IsAuthenticated, TokenScopePermission]
    throttle_classes = [TokenRateThrottle]
    schema = ErrorsAutoSchema()

    def get_exception_handler(self):
        return errors.exception_handler

    def unit(self, code: str) -> AdminUnit:
        return unit_for_request(self, code)

    def query_era(self) -> str | None:
        era = self.request.query_params.get("era") or None
        if era is not None and era not in ERAS:
            raise errors.api_error(400, "bad_era", errors.BAD_ERA)
        return era

    def query_period(self) -> Period:
        text = self.request.query_params.get("period", "").strip()
        if not text:
            raise errors.api_error(400, "period_required", errors.PERIOD_REQUIRED)
        return checked_period(text)

    def query_set(self) -> str:
        code = self.request.query_params.get("set", "").strip()
        if not code:
            raise errors.api_error(400, "set_required", errors.SET_REQUIRED)
        return checked_set(code)


def _period_date(view: ScopedAPIView) -> date | None:
    """The last day of ``?period=`` (or of the period in the path, as in a value's URL) when
    given and valid: it decides a bare shared code."""
    text = view.request.query_params.get("period", "") or view.kwargs.get("period", "")
    try:
        period = Period.read(str(text).strip())
    except (ValueError, TypeError):
        return None
    month = period.month or 12
    return date(period.year, month, calendar.monthrange(period.year, month)[1])


def unit_for_request(view: ScopedAPIView, code: str) -> AdminUnit:
    """The unit ``code`` names for this request's user (``?era=``, else ``?period=``'s date);
    a code both eras hold with nothing to choose is a 400, never a guess."""
    try:
        return access_unit_for_user(
            view.request.user, code, era=view.query_era(), on=_period_date(view)
        )
    except UnitCodeAmbiguous as exc:
        raise errors.api_error(
            400, "ambiguous_unit", errors.AMBIGUOUS_UNIT, code=exc.code
        ) from None


def checked_set(code: str) -> str:
    if code not in load_registry():
        raise errors.api_error(400, "unknown_set", errors.UNKNOWN_SET, code=code)
    return code


def checked_period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueParseError as exc:
        raise errors.ApiError(400, "bad_period", exc.message_en, exc.message) from None
