"""setup_code: the hash of the one-time code that lets a fresh install make its first teacher.

Revision ID: 8c4f2a6e1d37
Revises: 5d1e0c7a9b21
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '8c4f2a6e1d37'
down_revision: str | None = '5d1e0c7a9b21'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('setup_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setup_code'))
    )


def downgrade() -> None:
    op.drop_table('setup_code')
