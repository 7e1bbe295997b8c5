"""A provincial override file for the test province (Thanh Hóa, synthetic code 938)."""

from __future__ import annotations

import pytest

OVERRIDE = """\
code: xa-ntm-2021-2025-thanh-hoa
base: xa-ntm-2021-2025
province: "938"
name: Bộ tiêu chí xã NTM tỉnh Thanh Hóa (thử)
source: QĐ 1/2022/QĐ-UBND (thử)
add_indicators:
  "2":
    - {code: "2.9", name: Đường trục thôn có đèn chiếu sáng, kind: boolean, op: is_true,
       source: QĐ 1/2022/QĐ-UBND (thử), verified: true}
"""


@pytest.fixture
def active_dir(settings, tmp_path):
    """Activated files go to a folder of this test only."""
    settings.PROVINCIAL_SETS_DIR = tmp_path / "active"
    return settings.PROVINCIAL_SETS_DIR
