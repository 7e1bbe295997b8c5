"""Small inline SVG charts for HTML and PDF, drawn here so reports need no JavaScript and no
network (WeasyPrint renders inline SVG; the web app can include the same markup)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1b6ca8", "#d95f02", "#2a9d8f", "#7570b3", "#e7298a", "#66a61e")
FONT = 'font-family="Be Vietnam Pro, DejaVu Sans, sans-serif"'


def _nice_max(value: float) -> float:
    """The top of the axis: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10.0 * magnitude)


def _number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    *,
    width: int = 640,
    height: int = 260,
) -> str:
    """Vertical bars with the value above each; ``title`` doubles as the accessible name."""
    left, right, top, bottom = 40, 10, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max(values, default=0))
    slot = plot_w / max(len(values), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="13" '
        f"{FONT}>{escape(title)}</text>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10" '
        f"{FONT}>{_number(top_value)}</text>",
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top_value
        x = left + i * slot + slot * 0.15
        y = top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[0]}">'
            f"<title>{escape(label)}: {_number(value)}</title></rect>"
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" '
            f"{FONT}>{_number(value)}</text>"
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'font-size="10" {FONT}>{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str,
    *,
    width: int = 640,
    height: int = 280,
) -> str:
    """One polyline per series over shared labels; gaps (None) break the line; legend below."""
    left, right, top, bottom = 44, 12, 30, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for _, values in series for v in values if v is not None]
    top_value = _nice_max(max(known, default=0))
    step = plot_w / max(len(labels) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="13" '
        f"{FONT}>{escape(title)}</text>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10" '
        f"{FONT}>{_number(top_value)}</text>",
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10" {FONT}>0</text>',
    ]
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{left + i * step:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'font-size="10" {FONT}>{escape(label)}</text>'
        )
    for k, (name, values) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        segment: list[str] = []
        segments = [segment]
        for i, value in enumerate(values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            x, y = left + i * step, top + plot_h - plot_h * value / top_value
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"><title>{escape(name)} '
                f"{escape(labels[i])}: {_number(value)}</title></circle>"
            )
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                    f'points="{" ".join(points)}"/>'
                )
        ly = top + plot_h + 30 + 14 * (k // 2)
        lx = left + (k % 2) * (plot_w / 2)
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{lx + 14:.1f}" y="{ly + 1}" font-size="10" {FONT}>{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
