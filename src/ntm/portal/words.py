"""Words the portal shows, Vietnamese first (English through Django's translation)."""

from django.utils.translation import gettext_lazy as _

NO_DATA = "no-data"  # a unit published without any value: neither met nor unmet

LEVEL_NAMES = {
    "ntm": _("Đạt chuẩn nông thôn mới"),
    "advanced": _("Đạt chuẩn nông thôn mới nâng cao"),
    "model": _("Đạt chuẩn nông thôn mới kiểu mẫu"),
    "modern": _("Đạt chuẩn nông thôn mới hiện đại"),
    "": _("Chưa đạt chuẩn nông thôn mới"),
    NO_DATA: _("Chưa có số liệu"),
}
STATUS_NAMES = {
    "met": _("Đạt"),
    "unmet": _("Chưa đạt"),
    "missing": _("Chưa có số liệu"),
    "not_applicable": _("Không áp dụng"),
}
UNIT_LEVEL_NAMES = {"province": _("Tỉnh"), "district": _("Huyện"), "commune": _("Xã")}
LEVEL_ORDER = ("model", "advanced", "ntm", "", NO_DATA)
