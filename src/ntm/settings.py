"""One settings module, read from the environment (healthchecks style).

SQLite in WAL mode under ``var/`` by default so that a fresh clone just works;
PostgreSQL when ``DATABASE_URL`` says so.
"""

import contextlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("NTM_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("NTM_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "ntm-insecure-development-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "axes",
    "ntm.units",
    "ntm.assessments",
    "ntm.accounts",
    "ntm.recognition",
    "ntm.planning",
    "ntm.ocop",
    "ntm.investment",
    "ntm.provincialsets",
    "ntm.api",
    "ntm.portal",
    "ntm.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ntm.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ntm.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# Login throttling shared by all workers (ntm.accounts.lockout): 5 failures per username lock
# it for 15 minutes after the last failure; admin, login form and API Basic alike.
AUTHENTICATION_BACKENDS = [
    "ntm.accounts.lockout.LockoutBackend",
    "ntm.accounts.lockout.GatedModelBackend",  # ModelBackend behind the atomic login gate
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "ntm.accounts.lockout.username_key"
AXES_LOCKOUT_CALLABLE = "ntm.accounts.lockout.locked_out"
AXES_VERBOSE = True
# axes.W006 asks for the address in the lockout key; counting per username alone is the
# README's rule (guessing one account from many machines is what it stops, and rotating
# addresses or user agents does not reset a username's count).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

ROOT_URLCONF = "ntm.urls"
WSGI_APPLICATION = "ntm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'ntm.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if "DATABASE_URL" not in os.environ:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # How long a writer waits for another process's write lock before "try again later".
        "timeout": float(os.environ.get("NTM_DB_BUSY_TIMEOUT", "20")),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered page parts (``ntm.web.fragments``): keyed by a digest of their inputs, so a hit is
# never stale and nothing is invalidated; local memory per process, bounded (no new service).
NTM_PAGE_CACHE = _env_bool("NTM_PAGE_CACHE", True)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ntm-pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("NTM_PAGE_CACHE_ENTRIES", "300"))},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # only written by collectstatic; whitenoise serves from finders
with contextlib.suppress(OSError):  # whitenoise warns at every start when the folder is absent
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The provinces' activated criteria files (ntm.provincialsets), read with the national sets.
PROVINCIAL_SETS_DIR = Path(
    os.environ.get("NTM_PROVINCIAL_SETS_DIR", VAR_DIR / "criteria-provinces")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# One import: the largest file accepted and the longest it may run (reading and checking).
# A national CSV of 750,000 values is about 40 MB and checks in well under a minute.
# How a publication's figures are computed after the office's request (ntm.portal.background):
# background (a thread, default), inline (in the request), command (django-admin
# ntm_publish_pending, e.g. from cron).
NTM_PUBLISH_MODE = os.environ.get("NTM_PUBLISH_MODE", "background")
# The open data's licence: CC BY 4.0 is the team's default until the operator confirms it
# (1) or sets NTM_OPEN_DATA_LICENCE = {"name", "url"} in a settings override (ntm.portal.opendata).
NTM_OPEN_DATA_LICENCE_CONFIRMED = _env_bool("NTM_OPEN_DATA_LICENCE_CONFIRMED", False)
NTM_IMPORT_MAX_BYTES = int(float(os.environ.get("NTM_IMPORT_MAX_MB", "200")) * 1024 * 1024)
NTM_IMPORT_MAX_SECONDS = float(os.environ.get("NTM_IMPORT_MAX_SECONDS", "900"))

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ntm API",
    # Vietnamese first, then English; Swagger UI renders the Markdown, link back included.
    "DESCRIPTION": (
        "**[← Về ứng dụng ntm / Back to the app](/)**\n\n"
        "**Tiếng Việt.** API của hệ thống thông tin Chương trình xây dựng nông thôn mới (NTM): "
        "đơn vị hành chính, "
        "số liệu chỉ tiêu (đọc, ghi có kiểm tra phiên bản), kết quả đánh giá và rà soát, "
        "bộ tiêu chí. Đăng nhập bằng "
        "phiên của ứng dụng, Basic hoặc `Authorization: Bearer TOKEN` (`ntm token create`); "
        "chỉ thấy các đơn vị "
        "thuộc phạm vi của tài khoản (ngoài phạm vi: 404). "
        'Lỗi trả về `{"detail", "detail_vi", "code"}`: '
        "`detail_vi` bằng tiếng Việt, `detail` bằng tiếng Anh.\n\n"
        "**English.** API of the New Rural Development (NTM) information system: "
        "administrative units, indicator "
        "values (read, and write with a version check), evaluation and review results, "
        "criteria sets. Sign in with "
        "the app's session, Basic or `Authorization: Bearer TOKEN` (`ntm token create`); "
        "only the account's units "
        'are visible (others: 404). Errors are `{"detail", "detail_vi", "code"}`: '
        "`detail` in English, "
        "`detail_vi` in Vietnamese."
    ),
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Fields named "status" with different choices: an indicator's verdict, a task,
    # a monthly report.
    "ENUM_NAME_OVERRIDES": {
        "VerdictStatusEnum": "ntm.api.shapes.STATUSES",
        "TaskStatusEnum": "ntm.api.planning_shapes.STATUSES",
        "FilingStatusEnum": "ntm.api.planning_shapes.FILING_STATUSES",
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _env_bool("NTM_PRODUCTION", False):
    if "SECRET_KEY" not in os.environ:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when NTM_PRODUCTION=1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if os.environ.get("NTM_PROXY_SSL_HEADER"):
    # Only behind a reverse proxy that always sets (overwrites) this header: otherwise any
    # client could claim HTTPS. The value names the header, e.g. "X-Forwarded-Proto".
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["NTM_PROXY_SSL_HEADER"].upper().replace("-", "_"),
        "https",
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ntm.logjson.JsonFormatter"}},
    "filters": {"quiet_expected": {"()": "ntm.web.logfilters.QuietExpectedErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["quiet_expected"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
if os.environ.get("LOG_FORMAT", "").lower() == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"

# Monthly reporting cycle (ntm.planning): progress reports are due on this day of each month
# (seed 002: "Định kỳ vào ngày 25 hàng tháng"); reminders go through Django's mail backend.
NTM_REPORT_DAY = int(os.environ.get("NTM_REPORT_DAY", "25"))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ntm@localhost")
# The recognition workflow mails the next actors of a case (ntm.recognition.notify).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
# The address of this installation as its users reach it, for links in mails ("" = a path only).
NTM_SITE_URL = os.environ.get("NTM_SITE_URL", "")
