"""``ntm report KIND UNIT --period P [--set SET] [--since P0] [--from P1 --to P2]
[--format text|json|xlsx|pdf|html|docx] [--lang vi|en] [-o FILE]``.

UNIT: a code or a name path, or ``VN`` for the whole country (``units.selectors.national_unit``:
every unit of the era in force at the period, so the communes of all provinces).
KIND: ``review`` (communes under UNIT against SET; ``--pending``: only those not yet at its
standard), ``summary`` (programme figures at P, with
changes since P0), ``progress`` (the same figures for every year or month from P1 to P2).
Binary formats go to FILE, or to standard output when it is not a terminal.
DOCX and PDF are administrative documents (Decree 30/2020/NĐ-CP): ``--issuer``, ``--number``,
``--place``, ``--date``, ``--signer``, ``--signer-title`` and ``--recipients`` fill the header
and signature block (defaults: the unit's People's Committee, an unnumbered draft, today);
``--docx-template`` (or ``NTM_DOCX_TEMPLATES``) names a province's own Word template.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ntm.cli import InputError, UsageError, setup_django
from ntm.reports.render import FORMATS as REPORT_FORMATS

KINDS = ("review", "summary", "progress")
# Every registered format that can be saved (a new renderer registered there appears here).
FORMATS = tuple(name for name, fmt in REPORT_FORMATS.items() if fmt.suffix)
MSG_NEED_PERIOD = "báo cáo {kind} cần --period"
MSG_NEED_RANGE = "báo cáo progress cần --from và --to (hoặc --period làm kỳ cuối)"
MSG_NEED_OUTPUT = "định dạng {fmt} là tệp nhị phân: hãy chỉ định -o TỆP"
MSG_WRITTEN = "Đã ghi {path}"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, help="loại báo cáo: review, summary, progress")
    parser.add_argument(
        "unit", help="mã hoặc tên đơn vị (Tỉnh/Huyện/Xã); VN: cả nước (các xã của mọi tỉnh)"
    )
    parser.add_argument("--period", help="kỳ báo cáo YYYY hoặc YYYY-MM")
    parser.add_argument(
        "--set", dest="set_code", help="mã bộ tiêu chí (review; mặc định: bộ NTM xã theo giai đoạn)"
    )
    parser.add_argument(
        "--pending",
        action="store_true",
        help="review: chỉ các xã chưa đạt chuẩn của bộ này (như báo cáo rà soát của huyện)",
    )
    parser.add_argument(
        "--since", help="kỳ trước để so sánh (summary; mặc định: cuối năm trước, 2023-05 -> 2022)"
    )
    parser.add_argument("--from", dest="start", help="kỳ đầu (progress)")
    parser.add_argument("--to", dest="end", help="kỳ cuối (progress)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="định dạng (mặc định: theo đuôi tệp -o, nếu không thì text)",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ (mặc định vi)")
    parser.add_argument("-o", "--output", help="tệp kết quả (mặc định: in ra màn hình)")
    doc = parser.add_argument_group("văn bản hành chính (docx, pdf)")
    doc.add_argument(
        "--issuer", help="cơ quan ban hành, xuống dòng bằng \\n (mặc định: UBND của đơn vị)"
    )
    doc.add_argument("--issuer-parent", help="cơ quan chủ quản (dòng trên cơ quan ban hành)")
    doc.add_argument("--number", help="số và ký hiệu, ví dụ 125/BC-UBND (mặc định để trống số)")
    doc.add_argument("--place", help="địa danh (mặc định: tên đơn vị)")
    doc.add_argument(
        "--date",
        dest="doc_date",
        help="ngày ban hành YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay)",
    )
    doc.add_argument("--signer", help="họ tên người ký")
    doc.add_argument("--signer-title", help="chức vụ người ký (mặc định: CHỦ TỊCH)")
    doc.add_argument("--recipients", help="nơi nhận, mỗi nơi cách nhau bằng ';;'")
    doc.add_argument(
        "--docx-template", help="mẫu Word của tỉnh (mặc định: NTM_DOCX_TEMPLATES hoặc mẫu sẵn có)"
    )


MSG_FORMAT_MISMATCH = "--format {fmt} không khớp với đuôi tệp {path}"


def _period(value: str | None):
    from ntm.criteria.inputs import Period, PeriodError

    if value is None:
        return None
    try:
        return Period.read(value)
    except PeriodError as exc:
        raise InputError(exc.message) from exc


def _choose_format(args: argparse.Namespace) -> None:
    """The format follows ``-o``'s suffix when not given, and may not contradict it: writing
    text into ``out.xlsx`` would hand an office a file Excel cannot open."""
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    if args.format is None:
        args.format = suffix if suffix in FORMATS else "text"
    elif suffix in FORMATS and suffix != args.format and suffix != "text":
        raise UsageError(MSG_FORMAT_MISMATCH.format(fmt=args.format, path=args.output))


def _check(args: argparse.Namespace) -> None:
    _choose_format(args)
    if args.kind in ("review", "summary") and not args.period:
        raise UsageError(MSG_NEED_PERIOD.format(kind=args.kind))
    if args.kind == "progress" and not (args.start and (args.end or args.period)):
        raise UsageError(MSG_NEED_RANGE)
    if REPORT_FORMATS[args.format].binary and not args.output and sys.stdout.isatty():
        raise UsageError(MSG_NEED_OUTPUT.format(fmt=args.format))


def build(args: argparse.Namespace):
    """The report structure the arguments ask for (Review, Summary or Progress)."""
    from ntm.criteria.registry import UnknownSet, load_registry
    from ntm.reportsdata.gather import ReportDataError, progress_for, review_for, summary_for
    from ntm.units.selectors import UnitLookupError, find_report_unit

    period, since = _period(args.period), _period(args.since)
    start, end = _period(args.start), _period(args.end) or period
    registry = load_registry()
    anchor = period or end
    try:
        unit = find_report_unit(args.unit, on=date(anchor.year, anchor.month or 12, 1))
        if args.kind == "review":
            return review_for(unit, args.set_code, period, registry, pending=args.pending)
        if args.kind == "summary":
            return summary_for(unit, period, since, registry)
        return progress_for(unit, start, end, registry)
    except UnitLookupError as exc:
        raise InputError(str(exc)) from exc
    except (UnknownSet, ReportDataError) as exc:
        raise InputError(str(exc)) from exc


MSG_NO_TEMPLATE = "Không tìm thấy mẫu Word: {path}"
DOCUMENT_FORMATS = ("docx", "pdf")


def document_header(args: argparse.Namespace, report):
    """The administrative header from the options, with the unit's defaults for the rest."""
    from ntm.reportsdata.document import OPTIONS, HeaderOptionError, header_for

    try:
        return header_for(
            report.unit, {name: getattr(args, name, None) for name in OPTIONS}, args.lang
        )
    except HeaderOptionError as exc:
        raise InputError(str(exc)) from exc


def render_document(report, fmt: str, lang: str, header, template: str | None = None) -> bytes:
    """DOCX or PDF with the header the options give (``render`` uses the unit's defaults)."""
    if fmt == "docx":
        from ntm.reports.render.docx_writer import report_docx

        return report_docx(report, lang, header, template)
    from ntm.reports.render.pdf import report_pdf

    return report_pdf(report, lang, header)


def run(args: argparse.Namespace) -> int:
    _check(args)
    if args.docx_template and not Path(args.docx_template).is_file():
        raise InputError(MSG_NO_TEMPLATE.format(path=args.docx_template))
    setup_django()
    from ntm.assessments.bulk import paused_gc
    from ntm.reports.render import render

    # A report of the country holds a million small objects and frees them at exit: without
    # the cyclic collector's passes over them (none holds a cycle) it costs ~15% less.
    with paused_gc():
        report = build(args)
        if args.format in DOCUMENT_FORMATS:
            output = render_document(
                report, args.format, args.lang, document_header(args, report), args.docx_template
            )
        else:
            output = render(report, args.format, args.lang)
    if args.output:
        mode = "wb" if isinstance(output, bytes) else "w"
        with open(args.output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(output)
        print(MSG_WRITTEN.format(path=args.output), file=sys.stderr)
    elif isinstance(output, bytes):
        sys.stdout.buffer.write(output)
    else:
        sys.stdout.write(output)
    return 0
