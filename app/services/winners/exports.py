"""The weekly winners as files teachers open in Excel: CSV and xlsx.

CSV for Dutch Excel: UTF-8 with a byte order mark (else Excel reads it as Windows-1252 and
"Zoë" turns into "ZoÃ«"), ``;`` between fields (Excel's list separator in the Dutch locale,
where ``,`` is the decimal comma; a ``,`` file opens as one column) and CRLF line ends.
A cell that starts with ``= + - @`` would be run by Excel as a formula, so it gets a leading
``'`` (in the xlsx it is stored as plain text instead).
"""

import csv
import io
from collections.abc import Callable, Sequence

from app.models.winners import DrawPublic

Gettext = Callable[[str], str]
COLUMNS = ("week", "board", "child", "group", "coins", "policy", "seed", "reward", "status")
# Characters wide, per column, for the xlsx.
WIDTHS = (10, 22, 22, 16, 8, 20, 36, 36, 12)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_rows(rows: Sequence[DrawPublic], gettext: Gettext) -> list[list[str | int]]:
    """The header (in the page's language) and one line per winner."""
    header: list[str | int] = [gettext(f"winner.export.{column}") for column in COLUMNS]
    return [header] + [
        [
            row.week,
            row.board_title,
            row.winner_name,
            row.winner_group,
            row.winner_coins,
            gettext(f"winner.policy.{row.policy}"),
            row.seed,
            row.reward,
            gettext(f"winner.status.{row.reward_status}"),
        ]
        for row in rows
    ]


def _defused(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def winners_csv(rows: Sequence[DrawPublic], gettext: Gettext) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for line in export_rows(rows, gettext):
        writer.writerow([_defused(value) for value in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def winners_xlsx(rows: Sequence[DrawPublic], gettext: Gettext) -> bytes:
    # openpyxl costs a server ~13 MB of memory: loaded on the first export, not at start-up.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = gettext("winner.export.sheet")[:31]
    for row_number, line in enumerate(export_rows(rows, gettext), start=1):
        for column_number, value in enumerate(line, start=1):
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE8B4")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(
    extension: str, *, from_week: str | None, to_week: str | None, board: str | None
) -> str:
    parts = ["pleinmunt-winnaars", board, from_week, to_week]
    return "-".join(part for part in parts if part) + f".{extension}"
