"""The consolidated monthly report as HTML (for the page and the PDF) and XLSX. Pure."""

from __future__ import annotations

from html import escape
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.reports.monthly import STATUS_EN, STATUS_VI, MonthlyReport


def monthly_html(report: MonthlyReport, lang: str = "vi") -> str:
    words = STATUS_EN if lang == "en" else STATUS_VI
    paragraphs = "".join(
        f"<p>{escape(line)}</p>" for line in report.text(lang).splitlines() if line.strip()
    )
    head = (
        ("Commune", "Status", "Filed on", "Values updated")
        if lang == "en"
        else ("Xã", "Tình trạng", "Ngày nộp", "Chỉ tiêu cập nhật")
    )
    rows = "".join(
        f'<tr data-commune="{escape(f.code)}" data-status="{f.status}">'
        f"<td>{escape(f.name)}</td><td>{escape(words[f.status])}</td>"
        f"<td>{f.submitted_on.strftime('%d/%m/%Y') if f.submitted_on else ''}</td>"
        f"<td>{f.values_changed}</td></tr>"
        for f in report.filings
    )
    table = (
        '<table class="table table-sm" id="monthly-filings"><thead><tr>'
        f"{''.join(f'<th>{h}</th>' for h in head)}"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return f'<article class="monthly-report">{paragraphs}{table}</article>'


def monthly_xlsx(report: MonthlyReport, lang: str = "vi") -> bytes:
    words = STATUS_EN if lang == "en" else STATUS_VI
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo" if lang != "en" else "Report"
    for line in report.text(lang).splitlines():
        ws.append([line])
    ws["A1"].font = Font(bold=True)
    sheet = wb.create_sheet("Các xã" if lang != "en" else "Communes")
    sheet.append(
        [
            "Mã",
            "Xã",
            "Tình trạng",
            "Ngày nộp",
            "Chỉ tiêu cập nhật",
            "Nhiệm vụ",
            "Khó khăn",
            "Đề xuất",
        ]
        if lang != "en"
        else [
            "Code",
            "Commune",
            "Status",
            "Filed on",
            "Values updated",
            "Tasks",
            "Difficulties",
            "Proposals",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for f in report.filings:
        sheet.append(
            [
                f.code,
                f.name,
                words[f.status],
                f.submitted_on,
                f.values_changed,
                "; ".join(f.tasks_advanced) or f.tasks_note,
                f.difficulties,
                f.proposals,
            ]
        )
    districts = wb.create_sheet("Đơn vị" if lang != "en" else "Districts")
    districts.append(
        [
            "Mã",
            "Tên",
            "Số xã",
            "Đúng hạn",
            "Muộn",
            "Chưa đến hạn",
            "Quá hạn",
            "Tỷ lệ đúng hạn (%)",
            "Tỷ lệ đầy đủ (%)",
        ]
    )
    for d in report.districts:
        data = d.to_json()
        districts.append(
            [
                d.code,
                d.name,
                d.communes,
                data["submitted"],
                data["late"],
                data["due"],
                data["missing"],
                data["timeliness"],
                data["completeness"],
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
