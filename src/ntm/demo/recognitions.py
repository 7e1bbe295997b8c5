"""The recognition decisions the seeds state, as demo data (``ntm demo`` loads them).

Which units are recognised at which level comes from the seeds (see each block); decision
numbers and dates the seeds do not give are the demo's placeholders and say so: their number
ends in "(demo)" and their note names the seed sentence they stand for. Only one decision is
real: Kiến Thụy's 881/QĐ-TTg of 22/7/2022 (seed 001).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm.demo.scenario import binh_luc, kien_thuy, quan_son, tho_xuan

DEMO = " (demo)"
PLACEHOLDER_NOTE = "Số và ngày quyết định là giả định của dữ liệu mẫu; seed {seed}: {says}"
TTG = "Thủ tướng Chính phủ"


@dataclass(frozen=True, slots=True)
class DemoRecognition:
    """``where``: names under the district: () the district, (commune,), (commune, village)."""

    district: str
    where: tuple[str, ...]
    level: str
    decision: str
    date: date
    issuer: str
    note: str
    set_code: str = ""


def _batch(
    district: str,
    names,
    level: str,
    decision: str,
    when: date,
    issuer: str,
    note: str,
    set_code: str = "",
) -> list[DemoRecognition]:
    """One decision recognising several communes (as provinces decide them, several at once)."""
    return [
        DemoRecognition(district, (name,), level, decision, when, issuer, note, set_code)
        for name in names
    ]


def _tho_xuan() -> list[DemoRecognition]:
    d, ubnd = tho_xuan.DISTRICT.name, "UBND tỉnh Thanh Hóa"
    says_2018 = PLACEHOLDER_NOTE.format(
        seed="000", says="đến hết năm 2018 có 100% số xã đạt chuẩn nông thôn mới"
    )
    says_now = PLACEHOLDER_NOTE.format(
        seed="000",
        says="đến nay (28/02/2023) có 11 xã đạt chuẩn NTM nâng cao, "
        "2 xã đạt chuẩn NTM kiểu mẫu, 12 thôn đạt chuẩn thôn NTM kiểu mẫu",
    )
    early = (
        tho_xuan.MODEL_COMMUNES
        + tho_xuan.OTHER_ADVANCED
        + tuple(n for n, _, _ in tho_xuan.ADVANCED_REVIEWED[:8])
    )
    late = [n for n in tho_xuan.COMMUNES if n not in early]
    advanced_2021 = (
        tuple(n for n, _, _ in tho_xuan.ADVANCED_REVIEWED[:5])
        + tho_xuan.MODEL_COMMUNES
        + tho_xuan.OTHER_ADVANCED
    )
    advanced_2022 = tuple(n for n, _, _ in tho_xuan.ADVANCED_REVIEWED[5:])
    return [
        *_batch(d, early, "ntm", "TX-2015/QĐ-UBND" + DEMO, date(2015, 12, 30), ubnd, says_2018),
        *_batch(d, late, "ntm", "TX-2018/QĐ-UBND" + DEMO, date(2018, 12, 28), ubnd, says_2018),
        DemoRecognition(
            d,
            (),
            "ntm",
            "TX-2019/QĐ-TTg" + DEMO,
            date(2019, 12, 30),
            TTG,
            PLACEHOLDER_NOTE.format(
                seed="000",
                says=(
                    "Năm 2019, huyện Thọ Xuân đã được Thủ tướng Chính phủ "
                    "công nhận huyện đạt chuẩn NTM"
                ),
            ),
        ),
        *_batch(
            d,
            advanced_2021,
            "advanced",
            "TX-2021-NC/QĐ-UBND" + DEMO,
            date(2021, 12, 30),
            ubnd,
            says_now,
        ),
        *_batch(
            d,
            advanced_2022,
            "advanced",
            "TX-2022-NC/QĐ-UBND" + DEMO,
            date(2022, 3, 30),
            ubnd,
            says_now,
            "xa-ntm-nang-cao-2021-2025",
        ),
        *_batch(
            d,
            tho_xuan.MODEL_COMMUNES,
            "model",
            "TX-2022-KM/QĐ-UBND" + DEMO,
            date(2022, 3, 30),
            ubnd,
            says_now,
            "xa-ntm-kieu-mau-2021-2025",
        ),
        *[
            DemoRecognition(
                d,
                (v.commune, v.name),
                "village-model",
                "TX-2022-TKM/QĐ-UBND" + DEMO,
                date(2022, 3, 30),
                "UBND huyện Thọ Xuân",
                says_now,
            )
            for v in tho_xuan.VILLAGES
        ],
    ]


def _quan_son() -> list[DemoRecognition]:
    d, ubnd, ubnd_huyen = quan_son.DISTRICT.name, "UBND tỉnh Thanh Hóa", "UBND huyện Quan Sơn"
    says = PLACEHOLDER_NOTE.format(
        seed="004",
        says="lũy kế đến 31/3/2023 toàn huyện đã có 02 xã, 56 bản đạt chuẩn "
        "NTM; 09 bản đạt chuẩn NTM kiểu mẫu; trong 2021-2022 và quý I/2023 có thêm 5 bản "
        "đạt chuẩn NTM, 2 bản đạt chuẩn NTM kiểu mẫu",
    )
    names = quan_son._ban_names()
    before = [(c, n) for c, counts in quan_son.BAN.items() for n in names[c][: counts[1]]]
    added = [(c, n) for c, counts in quan_son.BAN.items() for n in names[c][counts[1] : counts[2]]]
    model_before, model_added = (
        before[: quan_son.MODEL_BAN["2020"]],
        before[quan_son.MODEL_BAN["2020"] : quan_son.MODEL_BAN["2023-03"]],
    )

    def villages(pairs, level, decision, when):
        return [
            DemoRecognition(d, pair, level, decision + DEMO, when, ubnd_huyen, says)
            for pair in pairs
        ]

    return [
        *_batch(
            d,
            quan_son.NTM_COMMUNES,
            "ntm",
            "QS-2020/QĐ-UBND" + DEMO,
            date(2020, 12, 30),
            ubnd,
            says,
        ),
        *villages(before, "village-ntm", "QS-2020-BAN/QĐ-UBND", date(2020, 12, 30)),
        *villages(model_before, "village-model", "QS-2020-BKM/QĐ-UBND", date(2020, 12, 30)),
        *villages(added, "village-ntm", "QS-2022-BAN/QĐ-UBND", date(2022, 12, 30)),
        *villages(model_added, "village-model", "QS-2022-BKM/QĐ-UBND", date(2022, 12, 30)),
    ]


def _kien_thuy() -> list[DemoRecognition]:
    d, ubnd = kien_thuy.DISTRICT.name, "UBND thành phố Hải Phòng"
    says = PLACEHOLDER_NOTE.format(
        seed="001",
        says="đến nay có 02 xã đạt chuẩn NTM kiểu mẫu (Thụy Hương, Thanh Sơn), "
        "02 xã đạt chuẩn NTM nâng cao (Đại Hà, Đại Đồng)",
    )
    return [
        *_batch(
            d,
            kien_thuy.COMMUNES,
            "ntm",
            "KT-2019/QĐ-UBND" + DEMO,
            date(2019, 12, 30),
            ubnd,
            PLACEHOLDER_NOTE.format(
                seed="001",
                says="huyện được công nhận huyện nông thôn mới năm 2020: mọi xã đạt chuẩn NTM",
            ),
        ),
        DemoRecognition(
            d,
            (),
            "ntm",
            "881/QĐ-TTg",
            date(2022, 7, 22),
            TTG,
            "Seed 001: công nhận huyện Kiến Thụy đạt chuẩn nông thôn mới năm 2020 "
            "theo Quyết định số "
            "881/QĐ-TTg ngày 22/7/2022.",
        ),
        *_batch(
            d,
            kien_thuy.ADVANCED_COMMUNES,
            "advanced",
            "KT-2022-NC/QĐ-UBND" + DEMO,
            date(2022, 12, 30),
            ubnd,
            says,
            "xa-ntm-nang-cao-2021-2025",
        ),
        *_batch(
            d,
            kien_thuy.MODEL_COMMUNES,
            "model",
            "KT-2022-KM/QĐ-UBND" + DEMO,
            date(2022, 12, 30),
            ubnd,
            says,
            "xa-ntm-kieu-mau-2021-2025",
        ),
    ]


def _binh_luc() -> list[DemoRecognition]:
    d, ubnd = binh_luc.DISTRICT.name, "UBND tỉnh Hà Nam"
    says = PLACEHOLDER_NOTE.format(
        seed="003",
        says="đến nay Bình Lục đã có 02 xã đạt NTM kiểu mẫu, 08 xã đạt chuẩn "
        "NTM nâng cao; năm của quyết định công nhận huyện không có trong seed",
    )
    return [
        *_batch(
            d, binh_luc.COMMUNES, "ntm", "BL-2019/QĐ-UBND" + DEMO, date(2019, 12, 30), ubnd, says
        ),
        DemoRecognition(d, (), "ntm", "BL-2021/QĐ-TTg" + DEMO, date(2021, 12, 30), TTG, says),
        *_batch(
            d,
            binh_luc.ADVANCED_COMMUNES,
            "advanced",
            "BL-2022-NC/QĐ-UBND" + DEMO,
            date(2022, 12, 30),
            ubnd,
            says,
            "xa-ntm-nang-cao-2021-2025",
        ),
        *_batch(
            d,
            binh_luc.MODEL_COMMUNES,
            "model",
            "BL-2022-KM/QĐ-UBND" + DEMO,
            date(2022, 12, 30),
            ubnd,
            says,
            "xa-ntm-kieu-mau-2021-2025",
        ),
    ]


def demo_recognitions() -> list[DemoRecognition]:
    """Every decision of the demo, district by district in seed order."""
    return [*_tho_xuan(), *_kien_thuy(), *_binh_luc(), *_quan_son()]
