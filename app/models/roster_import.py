"""The report of a class-list import, as a preview or once applied
(app/services/roster_import.py builds it)."""

from typing import Literal

from pydantic import BaseModel


class ImportRow(BaseModel):
    line: int
    first_name: str
    last_initial: str | None
    group: str
    show_on_board: bool | None = None


class ImportMove(ImportRow):
    child_id: int
    from_group: str


class ImportProblem(BaseModel):
    line: int
    reason: str
    code: str


class ImportGroup(BaseModel):
    name: str
    kind: str


class ImportMissing(BaseModel):
    child_id: int
    first_name: str
    last_initial: str | None
    group: str


class ImportReport(BaseModel):
    applied: bool
    format: Literal["csv", "edex"]
    add: list[ImportRow]
    move: list[ImportMove]
    unchanged: int
    new_groups: list[ImportGroup]
    problems: list[ImportProblem]
    missing: list[ImportMissing]
    deactivated: int
