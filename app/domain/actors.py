"""Who is acting: a teacher, a logger (intern at recess) or a kiosk link, or Pleinmunt itself."""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    teacher = "teacher"
    logger = "logger"
    kiosk = "kiosk"


@dataclass(frozen=True, slots=True)
class Actor:
    role: Role
    id: int
    # The kiosk link's board; None for people.
    board_id: int | None = None
    # The server-side session behind a signed-in person; None for kiosk links.
    session_id: str | None = None

    @property
    def label(self) -> str:
        """How the ledger and the audit log name the actor, e.g. ``logger:3``."""
        return f"{self.role}:{self.id}"

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.teacher

    def may_view_board(self, board_id: int) -> bool:
        return self.is_teacher or (self.role is Role.kiosk and self.board_id == board_id)


@dataclass(frozen=True, slots=True)
class SystemActor:
    """Pleinmunt acting on its own: a CLI command, the scheduled draw, the demo, the first-run
    setup. ``label`` is what audit entries and draws store (the same strings as before there
    was a type for them, so older rows read the same)."""

    label: str


SYSTEM_CLI = SystemActor("system:cli")  # `pleinmunt draw`, `pleinmunt purge`
SYSTEM_SCHEDULE = SystemActor("system:schedule")  # the automatic draw after the week
SYSTEM_DEMO = SystemActor("system:demo")  # the demo school's history
CLI_TEACHER = SystemActor("cli")  # `pleinmunt create-teacher`
SETUP = SystemActor("setup")  # the first teacher, made with the setup code
