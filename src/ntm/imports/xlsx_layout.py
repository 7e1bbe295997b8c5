"""Where things are in the XLSX template: shared by the writer and the reader.

Labels, not fixed cells, mark the parts the reader needs (set code, period, the row of
indicator codes), so a sheet whose user inserted a title row above still reads.
"""

from __future__ import annotations

LABEL_SET = "Bộ tiêu chí"
LABEL_PERIOD = "Kỳ báo cáo"
LABEL_SCOPE = "Đơn vị"
LABEL_CRITERION = "Tiêu chí"
LABEL_CODE = "Mã đơn vị"
LABEL_NAME = "Tên đơn vị"
LABEL_INDICATOR_NAME = "Tên chỉ tiêu"
LABEL_REQUIREMENT = "Yêu cầu"
PERIOD_HINT = "YYYY hoặc YYYY-MM, ví dụ 2023-05"
BOOLEAN_CHOICES = ("Đạt", "Chưa đạt")

ROW_SET = 1
ROW_PERIOD = 2
ROW_SCOPE = 3
ROW_CRITERIA = 4
ROW_CODES = 5
ROWS_AFTER_CODES = 2  # indicator names, then requirements; data follows
FIRST_INDICATOR_COLUMN = 3  # A: unit code, B: unit name
SEARCH_ROWS = 30  # how far down the reader looks for the labels


def label_key(text: object) -> str:
    """A label compared loosely: case and surrounding spaces and colons do not matter."""
    return str(text or "").strip().rstrip(":").strip().casefold()
