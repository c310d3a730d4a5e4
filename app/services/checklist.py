"""The desk's setup checklist for a new school, read from what the school already has.

Nothing is stored for it: each step is done when its result exists (children, interns, a
board, a screen link, printed cards: the audit entry of the print), so it ticks itself off.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.models import AuditEntry, Board, Child, KioskLink, Logger

CARDS_PRINTED = "cards.print"  # the audit action of printing the intern cards


@dataclass(frozen=True)
class SetupStep:
    key: str  # teacher.checklist.<key> in the catalog
    href: str
    done: bool


def setup_checklist(session: Session) -> list[SetupStep]:
    def exists(query: object) -> bool:
        return session.exec(query.limit(1)).first() is not None  # type: ignore[attr-defined]

    first_board = session.exec(select(Board.slug).order_by(col(Board.id)).limit(1)).first()
    return [
        SetupStep("import", "/teacher/roster/import", exists(select(Child.id))),
        SetupStep("interns", "/teacher/loggers", exists(select(Logger.id))),
        SetupStep("board", "/teacher/boards", first_board is not None),
        SetupStep(
            "screen",
            f"/teacher/boards/{first_board}" if first_board else "/teacher/boards",
            exists(select(KioskLink.id).where(col(KioskLink.revoked_at).is_(None))),
        ),
        SetupStep(
            "cards",
            "/teacher/cards",
            exists(select(AuditEntry.id).where(AuditEntry.action == CARDS_PRINTED)),
        ),
    ]


def checklist_to_show(session: Session) -> list[SetupStep] | None:
    """The checklist while any step is left; None once the school is set up."""
    steps = setup_checklist(session)
    return None if all(step.done for step in steps) else steps
