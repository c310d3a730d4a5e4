"""draw.held_until: a winner kept for the reveal at the draw time, shown on the wall from then.

Revision ID: 7b3e9d2f4a10
Revises: 7b3e9c21d4f0
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '7b3e9d2f4a10'
down_revision: str | None = '7b3e9c21d4f0'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('draw', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_until', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('draw', schema=None) as batch_op:
        batch_op.drop_column('held_until')
