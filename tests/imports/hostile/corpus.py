"""A bounded corpus of hostile import files, generated (nothing binary is stored in the repo).

Each case is a file built from a valid CSV line or from the XLSX template ``ntm template``
writes, broken in one way seen in the attack on the importer (issue 15): over-long fields, CR
line ends, damaged ZIP/XML members, cells no parser expects, values of the wrong kind. A case
says what the report must name ("Dòng 3", "cột value", "Trang …") so the tests prove the
message points at the problem, not only that there is no traceback.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEADER = "unit,period,set,indicator,value,note"
SET = "xa-ntm-2021-2025"
GOOD = f"9389401,2023,{SET},2.1,95,ghi chú"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], Path]  # (folder, template.xlsx) -> the hostile file
    expect: tuple[str, ...] = ()  # substrings of the error output
    exit_code: int = 1


def _csv(name: str, data: bytes | str) -> Callable[[Path, Path], Path]:
    def build(folder: Path, _template: Path) -> Path:
        path = folder / f"{name}.csv"
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return build


def _lines(*rows: str, end: str = "\n") -> str:
    return end.join((HEADER, *rows)) + end


def _value(value: str, indicator: str = "2.1", period: str = "2023", note: str = "") -> str:
    return f"9389401,{period},{SET},{indicator},{value},{note}"


# --- XLSX: rewrite one member of the template's ZIP ------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


def _rezip(
    template: Path,
    target: Path,
    change: Callable[[str, bytes], bytes | None],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(target, "w", compression) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return target


def _put_cell(xml: bytes, cell_xml: str, row: int = 8) -> bytes:
    """Insert ``cell_xml`` as the last cell of ``row`` (creating the row when absent)."""
    text = xml.decode()
    match = re.search(rf'<row r="{row}"[^>]*>(.*?)</row>', text, re.S)
    if match:
        text = text[: match.end(1)] + cell_xml + text[match.end(1) :]
    else:
        text = text.replace("</sheetData>", f'<row r="{row}">{cell_xml}</row></sheetData>')
    return text.encode()


def _xlsx(
    name: str, change: Callable[[str, bytes], bytes | None], compression: int = zipfile.ZIP_DEFLATED
):
    def build(folder: Path, template: Path) -> Path:
        return _rezip(template, folder / f"{name}.xlsx", change, compression)

    return build


def _sheet_only(fn: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, data: fn(data) if name == SHEET else data


def _patch_bytes(name: str, patch: Callable[[bytes], bytes]):
    def build(folder: Path, template: Path) -> Path:
        path = folder / f"{name}.xlsx"
        path.write_bytes(patch(template.read_bytes()))
        return path

    return build


def _zip_version_16(data: bytes) -> bytes:
    """Mark every member as needing ZIP version 16.0 (Python: NotImplementedError)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            struct.pack_into("<H", out, i + offset, 160)
            start = i + 4
    return bytes(out)


def _unknown_compression(data: bytes) -> bytes:
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            struct.pack_into("<H", out, i + offset, 99)
            start = i + 4
    return bytes(out)


def _corrupt_deflate(template: Path, target: Path) -> Path:
    """The sheet member's deflate stream garbled in the middle (zlib.error while streaming)."""
    raw = bytearray(template.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    for i in range(middle, min(middle + 64, start + info.compress_size)):
        raw[i] ^= 0xFF
    target.write_bytes(bytes(raw))
    return target


def _truncate_sheet(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _mismatch_tags(data: bytes) -> bytes:
    return data.replace(b"</row>", b"</rowx>", 3)


def _billion_laughs(data: bytes) -> bytes:
    entities = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    text = data.decode()
    text = text.replace("?>", "?>" + entities, 1)
    return _put_cell(text.encode(), '<c r="Z8" t="inlineStr"><is><t>&lol9;</t></is></c>')


def _value_cell(value: str, t: str = "n", column: str = "D") -> Callable[[bytes], bytes]:
    return lambda data: _put_cell(
        _drop_cell(data, f"{column}8"), f'<c r="{column}8" t="{t}"><v>{value}</v></c>'
    )


def _formula_cell(column: str = "D") -> Callable[[bytes], bytes]:
    return lambda data: _put_cell(
        _drop_cell(data, f"{column}8"), f'<c r="{column}8"><f>1+1</f></c>'
    )


def _drop_cell(data: bytes, ref: str) -> bytes:
    return re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), b"", data, flags=re.S)


def _duplicate_indicator_column(data: bytes) -> bytes:
    """Column E's indicator code made the same as column D's (row 5 holds the codes)."""
    text = data.decode()
    d5 = re.search(r'<c r="D5"[^>]*?(?:/>|>.*?</c>)', text, re.S).group(0)
    text = re.sub(
        r'<c r="E5"[^>]*?(?:/>|>.*?</c>)', d5.replace('r="D5"', 'r="E5"'), text, count=1, flags=re.S
    )
    return text.encode()


def _two_sheets_same_values(folder: Path, template: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb.worksheets[0]
    ws["D8"] = "Đạt" if ws["D5"].value in ("1.1", "1.2") else 50
    copy = wb.copy_worksheet(ws)
    copy.title = "bản sao"
    path = folder / "two_sheets.xlsx"
    wb.save(path)
    return path


def _no_template_sheet(folder: Path, _template: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "bảng tính khác"
    path = folder / "no_template.xlsx"
    wb.save(path)
    return path


CASES: list[Case] = [
    # CSV
    Case(
        "csv_huge_field",
        _csv("huge", _lines(_value("95", note="x" * 200_000))),
        ("Dòng 2", "131.072"),
    ),
    Case(
        "csv_huge_unclosed_quote",
        _csv("quote", _lines(GOOD, "9389401,2023," + SET + ',2.2,"95' + "y" * 140_000)),
        ("Dòng 3",),
    ),
    Case(
        "csv_cr_only_bad_value",
        _csv("cr", _lines(GOOD, _value("abc", "2.2"), end="\r")),
        ("Dòng 3", "value"),
    ),
    Case(
        "csv_bare_cr_in_field",
        _csv("bare_cr", _lines(GOOD, "9389401,2023," + SET + ",2.2,9\r5,")),
        ("Dòng",),
    ),
    Case(
        "csv_nul_byte",
        _csv("nul", _lines(GOOD, "9389401,2023,\x00" + SET + ",2.2,95,")),
        ("Dòng 3", "NUL"),
    ),
    Case(
        "csv_nul_in_note",
        _csv("nul_note", _lines(GOOD, _value("95", "2.2", note="ghi\x00chú"))),
        ("Dòng 3", "NUL"),
    ),
    Case(
        "csv_latin1",
        _csv("latin1", _lines(GOOD, _value("95", note="ghi chú")).encode("cp1258")),
        ("UTF-8",),
    ),
    Case(
        "csv_latin1_late",
        _csv("latin1_late", _lines(GOOD).encode() + _value("95", "2.2").encode() + b"\xe9\n"),
        ("UTF-8", "Dòng 3"),
    ),
    Case("csv_utf16", _csv("utf16", _lines(GOOD).encode("utf-16")), ("UTF-8",)),
    Case("csv_empty", _csv("empty", b""), ("rỗng",)),
    Case("csv_bom_only", _csv("bom", b"\xef\xbb\xbf"), ("rỗng",)),
    Case("csv_binary", _csv("binary", bytes(range(256)) * 64), ()),
    Case("csv_header_only_garbage", _csv("garbage", "a,b,c\n1,2,3\n"), ("unit",)),
    Case(
        "csv_duplicate_column",
        _csv("dupcol", "unit,period,set,indicator,value,value\n"),
        ("value",),
    ),
    Case("csv_too_many_cells", _csv("cells", _lines(GOOD + ",x,y")), ("Dòng 2",)),
    Case("csv_too_few_cells", _csv("few", _lines("9389401,2023")), ("Dòng 2",)),
    Case("csv_duplicate_rows", _csv("dup", _lines(GOOD, GOOD)), ("Dòng 3", "Trùng với dòng 2")),
    Case("csv_boolean_minus_one", _csv("bool", _lines(_value("-1", "1.1"))), ("Dòng 2", "value")),
    Case("csv_boolean_two", _csv("bool2", _lines(_value("2", "1.1"))), ("Dòng 2", "value")),
    Case("csv_negative_number", _csv("neg", _lines(_value("-5000000", "10.1"))), ("Dòng 2", "âm")),
    Case("csv_percent_1000", _csv("pct", _lines(_value("1000%"))), ("Dòng 2", "0-100")),
    Case("csv_superscript_digits", _csv("sup", _lines(_value("9⁵"))), ("Dòng 2", "0-9")),
    Case("csv_arabic_digits", _csv("arabic", _lines(_value("٩٥"))), ("Dòng 2", "0-9")),
    Case("csv_fullwidth_digits", _csv("fullwidth", _lines(_value("９５"))), ("Dòng 2", "0-9")),
    Case(
        "csv_period_1900", _csv("p1900", _lines(_value("95", period="1900"))), ("Dòng 2", "period")
    ),
    Case(
        "csv_period_2100",
        _csv("p2100", _lines(_value("95", period="2100-12"))),
        ("Dòng 2", "period"),
    ),
    Case(
        "csv_period_nonascii",
        _csv("pdigits", _lines(_value("95", period="２０２３"))),
        ("Dòng 2", "period"),
    ),
    Case(
        "csv_period_month_13",
        _csv("p13", _lines(_value("95", period="2023-13"))),
        ("Dòng 2", "period"),
    ),
    Case(
        "csv_nan_value",
        _csv("nan", _lines(_value("NaN"), _value("inf", "2.2"), _value("1e999", "2.3"))),
        ("Dòng 2", "Dòng 3", "Dòng 4"),
    ),
    Case("csv_long_note", _csv("note", _lines(_value("95", note="n" * 5000))), ("Dòng 2", "note")),
    Case("csv_long_value", _csv("longvalue", _lines(_value("9" * 300))), ("Dòng 2", "value")),
    Case(
        "csv_unknown_unit",
        _csv("unit", _lines(_value("95").replace("9389401", "99999999"))),
        ("Dòng 2", "unit"),
    ),
    Case(
        "csv_blank_rows_only",
        _csv("blank", HEADER + "\n,,,,,\n,,,,,\n"),
        ("Bỏ qua 2 dòng trống",),
        exit_code=0,
    ),
    Case(
        "csv_many_bad_rows",
        _csv("many", _lines(*[_value(f"x{i}") for i in range(3000)])),
        ("khác cùng loại",),
    ),
    Case("csv_header_line_huge", _csv("bighead", "unit," * 40_000 + "\n"), ("tiêu đề",)),
    Case(
        "csv_wrong_suffix",
        lambda folder, _t: (folder / "data.txt").write_text(_lines(GOOD)) and folder / "data.txt",
        (".txt",),
    ),
    # XLSX
    Case(
        "xlsx_not_a_zip",
        lambda folder, _t: _write(folder / "text.xlsx", b"unit,period\n"),
        ("XLSX",),
    ),
    Case("xlsx_truncated_zip", _patch_bytes("cut", lambda b: b[: len(b) // 2]), ("XLSX",)),
    Case("xlsx_truncated_sheet_xml", _xlsx("trunc_xml", _sheet_only(_truncate_sheet)), ("XLSX",)),
    Case("xlsx_mismatched_tags", _xlsx("mismatch", _sheet_only(_mismatch_tags)), ("XLSX",)),
    Case("xlsx_zlib_error", lambda folder, t: _corrupt_deflate(t, folder / "zlib.xlsx"), ("XLSX",)),
    Case("xlsx_zip_version_16", _patch_bytes("zipver", _zip_version_16), ("XLSX",)),
    Case("xlsx_unknown_compression", _patch_bytes("method", _unknown_compression), ("XLSX",)),
    Case("xlsx_inf_cell", _xlsx("inf", _sheet_only(_value_cell("inf"))), ("D8",)),
    Case("xlsx_nan_cell", _xlsx("nan", _sheet_only(_value_cell("NaN"))), ("D8",)),
    Case("xlsx_huge_float_cell", _xlsx("huge", _sheet_only(_value_cell("1e999"))), ("dòng 8", "D")),
    Case("xlsx_bad_shared_string", _xlsx("sst", _sheet_only(_value_cell("99999", t="s"))), ("D8",)),
    Case(
        "xlsx_bad_boolean_cell",
        _xlsx("boolcell", _sheet_only(_value_cell("maybe", t="b"))),
        ("D8",),
    ),
    Case(
        "xlsx_bad_date_cell",
        _xlsx("datecell", _sheet_only(_value_cell("not-a-date", t="d"))),
        ("D8",),
    ),
    Case(
        "xlsx_formula_without_value",
        _xlsx("formula", _sheet_only(_formula_cell())),
        ("dòng 8", "cột D", "công thức"),
    ),
    Case("xlsx_billion_laughs", _xlsx("laughs", _sheet_only(_billion_laughs)), ("XLSX",)),
    Case(
        "xlsx_duplicate_indicator_column",
        _xlsx("dupcol", _sheet_only(_duplicate_indicator_column)),
        ("hai cột", "D", "E"),
    ),
    Case("xlsx_same_values_two_sheets", _two_sheets_same_values, ("Trùng", "trang")),
    Case("xlsx_no_template_sheet", _no_template_sheet, ("mẫu",)),
    Case("xlsx_empty_file", lambda folder, _t: _write(folder / "empty.xlsx", b""), ("XLSX",)),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
