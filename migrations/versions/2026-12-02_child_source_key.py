"""child.source_key: a keyed hash of the administration's id, so EDEX re-imports move children.

Revision ID: 5d1e0c7a9b21
Revises: 209f671d51a4
Create Date: 2026-12-02 06:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '5d1e0c7a9b21'
down_revision: str | None = '209f671d51a4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_key', sa.String(length=64), nullable=True))
        # A unique index, not a constraint: SQLite adds it without rebuilding the child table.
        batch_op.create_index(batch_op.f('ix_child_source_key'), ['source_key'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_source_key'))
        batch_op.drop_column('source_key')
