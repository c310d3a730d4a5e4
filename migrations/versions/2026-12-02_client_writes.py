"""client_write: the ids of tally and bike-queue changes, so a tablet's replay is not redone.

Revision ID: 7b3e9c21d4f0
Revises: 8c4f2a6e1d37
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '7b3e9c21d4f0'
down_revision: str | None = '8c4f2a6e1d37'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'client_write',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('subject', sa.String(length=40), nullable=False),
        sa.Column('request_hash', sa.String(length=64), nullable=False),
        sa.Column('logged_by', sa.String(length=40), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_client_write')),
    )


def downgrade() -> None:
    op.drop_table('client_write')
