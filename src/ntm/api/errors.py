"""API errors: English first, Vietnamese beside it, one shape for every error.

``{"detail": "<English>", "detail_vi": "<Vietnamese>", "code": "<machine code>"}`` plus, for a
validation error, ``"errors": {field: [messages]}``. Messages are named constants tests import.
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND = (
    "Not found, or outside your units.",
    "Không tìm thấy, hoặc nằm ngoài phạm vi đơn vị của bạn.",
)
NOT_AUTHENTICATED = ("Log in first.", "Bạn cần đăng nhập.")
BAD_CREDENTIALS = ("Wrong username or password.", "Tên đăng nhập hoặc mật khẩu không đúng.")
LOGIN_LOCKED = (
    "Too many failed logins for this user: try again in {minutes} minutes.",
    "Đăng nhập sai quá nhiều lần: vui lòng thử lại sau {minutes} phút.",
)
MAY_NOT_EDIT = (
    "You may see this unit but not change this indicator.",
    "Bạn được xem đơn vị này nhưng không được sửa chỉ tiêu này.",
)
INVALID_INPUT = ("Invalid input.", "Dữ liệu gửi lên không hợp lệ.")
PERIOD_REQUIRED = (
    "The query parameter 'period' (YYYY or YYYY-MM) is required.",
    "Cần tham số 'period' (YYYY hoặc YYYY-MM).",
)
SET_REQUIRED = (
    "The query parameter 'set' (a criteria-set code) is required.",
    "Cần tham số 'set' (mã bộ tiêu chí).",
)
UNKNOWN_SET = ('No criteria set "{code}".', 'Không có bộ tiêu chí "{code}".')
VERSION_REQUIRED = (
    "'version' is required: send the version you read (0 for a new value).",
    "Cần 'version': gửi số phiên bản bạn đã đọc (0 nếu là giá trị mới).",
)
METHOD_NOT_ALLOWED = ("Method not allowed.", "Phương thức không được hỗ trợ.")
TOKEN_INVALID = ("Unknown API token.", "Mã truy cập API không hợp lệ.")
TOKEN_REVOKED = ("This API token has been revoked.", "Mã truy cập API này đã bị thu hồi.")
TOKEN_EXPIRED = ("This API token has expired.", "Mã truy cập API này đã hết hạn.")
TOKEN_READ_ONLY = (
    "This API token may only read.",
    "Mã truy cập API này chỉ được đọc, không được ghi.",
)
THROTTLED = (
    "Too many requests: try again in {seconds} seconds.",
    "Gửi quá nhiều yêu cầu: vui lòng thử lại sau {seconds} giây.",
)
PERMISSION_DENIED = ("You may not do this.", "Bạn không được thực hiện thao tác này.")
UNSUPPORTED_MEDIA = ("Unsupported content type.", "Kiểu nội dung không được hỗ trợ.")
NOT_ACCEPTABLE = (
    "Cannot answer in the requested format.",
    "Không trả lời được theo định dạng yêu cầu.",
)
PARSE_ERROR = ("Malformed request body.", "Nội dung yêu cầu không đọc được.")
VERSION_MISMATCH = (
    "'version' and If-Match name different versions.",
    "'version' và If-Match ghi hai phiên bản khác nhau.",
)
BAD_IF_MATCH = (
    'If-Match must be a value\'s ETag, e.g. "3".',
    'If-Match phải là ETag của giá trị, ví dụ "3".',
)
AMBIGUOUS_UNIT = (
    "Unit code {code} exists both before and from 1 July 2025: write {code}@2008 or "
    "{code}@2025, or pass era or period.",
    "Mã đơn vị {code} có ở cả trước và từ 1/7/2025: ghi {code}@2008 hoặc {code}@2025, "
    "hoặc truyền era hay period.",
)
BAD_ERA = ("'era' must be 2008 or 2025.", "'era' phải là 2008 hoặc 2025.")


class ApiError(exceptions.APIException):
    """An error in both languages (build it from an (English, Vietnamese) pair with
    ``api_error``)."""

    def __init__(self, status_code: int, code: str, english: str, vietnamese: str, **extra) -> None:
        self.status_code = status_code
        self.english = english
        self.vietnamese = vietnamese
        self.error_code = code
        self.extra = extra
        super().__init__(english, code)


def api_error(status_code: int, error_code: str, pair: tuple[str, str], **fmt) -> ApiError:
    return ApiError(status_code, error_code, pair[0].format(**fmt), pair[1].format(**fmt))


def _body(english: str, vietnamese: str, code: str, **extra) -> dict:
    return {"detail": english, "detail_vi": vietnamese, "code": code, **extra}


@csrf_exempt  # it changes nothing, and a POST must get the JSON 404 rather than a CSRF page
def not_found_view(request, *args, **kwargs) -> JsonResponse:
    """Any address under /api/ that no endpoint answers: the API's 404, in JSON, never a page."""
    return JsonResponse(
        _body(*NOT_FOUND, "not_found"), status=404, json_dumps_params={"ensure_ascii": False}
    )


def exception_handler(exc, context):
    """DRF's handler, with every error rewritten to the bilingual shape."""
    if isinstance(exc, ApiError):
        response = Response(
            _body(exc.english, exc.vietnamese, exc.error_code, **exc.extra), status=exc.status_code
        )
        if exc.status_code == 401:
            scheme = "Bearer" if exc.error_code.startswith("token_") else "Basic"
            response["WWW-Authenticate"] = f'{scheme} realm="ntm"'
        return response
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(_body(*NOT_FOUND, "not_found"), status=status.HTTP_404_NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.NotAuthenticated):
        response.data = _body(*NOT_AUTHENTICATED, "not_authenticated")
    elif isinstance(exc, exceptions.AuthenticationFailed):
        response.data = _body(*BAD_CREDENTIALS, "authentication_failed")
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response.data = _body(*METHOD_NOT_ALLOWED, "method_not_allowed")
    elif isinstance(exc, exceptions.Throttled):
        response.data = _body(
            *(t.format(seconds=int(exc.wait or 1)) for t in THROTTLED), "throttled"
        )
    elif isinstance(exc, exceptions.PermissionDenied):
        response.data = _body(*PERMISSION_DENIED, "permission_denied")
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        response.data = _body(*UNSUPPORTED_MEDIA, "unsupported_media_type")
    elif isinstance(exc, exceptions.NotAcceptable):
        response.data = _body(*NOT_ACCEPTABLE, "not_acceptable")
    elif isinstance(exc, exceptions.ParseError):
        response.data = _body(*PARSE_ERROR, "parse_error")
    elif isinstance(exc, exceptions.ValidationError):
        response.data = _body(*INVALID_INPUT, "invalid", errors=exc.detail)
    else:
        text = str(exc.detail) if hasattr(exc, "detail") else str(exc)
        response.data = _body(text, text, getattr(exc, "default_code", "error"))
    return response
