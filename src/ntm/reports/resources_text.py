"""Words for the programme-resource sections (OCOP, funds, outputs, awards), as seed 004 writes
them.

Pure: the apps that hold the records build their sections with these, so every section says
its window ("từ sau năm 2022 đến 31/3/2023") and its money ("trên 47 tỷ đồng") the same way.
"""

from __future__ import annotations

from datetime import date

from ntm.criteria.inputs import Period
from ntm.reports.narrative import period_en, period_vi
from ntm.reports.programme_text import period_end
from ntm.textnorm import format_date_vi, format_number_vi

BILLION = 1_000_000_000
MILLION = 1_000_000


def window_bounds(period: Period, since: Period | None) -> tuple[date | None, date]:
    """(exclusive start, inclusive end) of the window a section counts "since": after the end
    of ``since`` up to the end of ``period``; no start when there is no ``since``."""
    return (period_end(str(since)) if since is not None else None), period_end(str(period))


def in_window(day: date, start: date | None, end: date) -> bool:
    return (start is None or day > start) and day <= end


def window_vi(period: Period, since: Period | None) -> str:
    """ "Từ sau năm 2022 đến 31/3/2023" or "Đến 31/3/2023"."""
    end = format_date_vi(period_end(str(period)))
    return f"Từ sau {period_vi(str(since))} đến {end}" if since is not None else f"Đến {end}"


def window_en(period: Period, since: Period | None) -> str:
    end = period_end(str(period)).isoformat()
    return f"Since {period_en(str(since))} to {end}" if since is not None else f"Up to {end}"


def quantity_vi(x: float) -> str:
    """ "71,43", "6,8", "11": two decimals at most, no padding (the seed's "11 công trình")."""
    return format_number_vi(round(float(x), 2))


def vnd_vi(amount: int, *, headline: bool = True) -> str:
    """Money the way a report rounds it: "trên 47 tỷ đồng" for 47.350.000.000, "2,5 tỷ đồng",
    "850 triệu đồng". A headline gives whole billions from 10 billion, anything else two
    decimals; "trên" when the rounding (always down) dropped something, so the text never
    overstates the figure."""
    if abs(amount) >= BILLION:
        scale, word = BILLION, "tỷ đồng"
        decimals = 0 if headline and abs(amount) >= 10 * BILLION else 2
    elif abs(amount) >= MILLION:
        scale, word, decimals = MILLION, "triệu đồng", 0
    else:
        return f"{format_number_vi(amount)} đồng"
    steps = (
        amount * 10**decimals // scale
    )  # integer arithmetic: 2.300.000.000 is 230 steps, not 229
    shown = steps / 10**decimals
    prefix = "trên " if steps * scale < amount * 10**decimals else ""
    return f"{prefix}{format_number_vi(shown)} {word}"


def vnd_en(amount: int) -> str:
    if abs(amount) >= BILLION:
        return f"{amount / BILLION:,.2f} billion VND"
    return f"{amount:,} VND"
