"""SQLModel tables and their API models, one file per part of the domain.

Importing this package registers every table on ``SQLModel.metadata`` (Alembic and tests rely
on that), with a naming convention set before the first table so constraint names are stable.
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from app.models.audit import AuditEntry  # noqa: E402
from app.models.bike import Bike, BikeQueueEntry, BikeTurn  # noqa: E402
from app.models.board import Board, BoardGroup, KioskLink  # noqa: E402
from app.models.client_write import ClientWrite  # noqa: E402
from app.models.draw import Draw  # noqa: E402
from app.models.ledger import BoardEvent, Coin  # noqa: E402
from app.models.people import Logger, SignInFailure, Teacher, UserSession  # noqa: E402
from app.models.reason import Reason  # noqa: E402
from app.models.roster import Child, Group  # noqa: E402
from app.models.setup import SetupCode  # noqa: E402
from app.models.tally import RecessTally  # noqa: E402
from app.models.zone import Zone  # noqa: E402

__all__ = [
    "AuditEntry",
    "Bike",
    "BikeQueueEntry",
    "BikeTurn",
    "Board",
    "BoardEvent",
    "BoardGroup",
    "Child",
    "ClientWrite",
    "Coin",
    "Draw",
    "Group",
    "KioskLink",
    "Logger",
    "Reason",
    "RecessTally",
    "SetupCode",
    "SignInFailure",
    "Teacher",
    "UserSession",
    "Zone",
]
