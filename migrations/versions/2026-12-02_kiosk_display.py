"""Kiosk display: board.display_mode and screen_hours, child.show_on_board, kiosk_link.last_seen_at.

Existing boards keep ranking, except a board of daycare groups only, which shows groups (no
individual toddler); every child already on the roster keeps being shown.

Revision ID: e41b7c5a9f62
Revises: 7b3e9d2f4a10
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'e41b7c5a9f62'
down_revision: str | None = '7b3e9d2f4a10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


DAYCARE_ONLY = """
UPDATE board SET display_mode = 'groups'
WHERE EXISTS (SELECT 1 FROM board_group bg WHERE bg.board_id = board.id)
  AND NOT EXISTS (
    SELECT 1 FROM board_group bg JOIN "group" g ON g.id = bg.group_id
    WHERE bg.board_id = board.id AND g.kind <> 'daycare')
"""


def upgrade() -> None:
    with op.batch_alter_table('board', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'display_mode', sa.String(length=20), nullable=False, server_default='ranking'))
        batch_op.add_column(sa.Column('screen_hours', sa.JSON(), nullable=True))
    op.execute(DAYCARE_ONLY)
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'show_on_board', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('kiosk_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('kiosk_link', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_column('show_on_board')
    with op.batch_alter_table('board', schema=None) as batch_op:
        batch_op.drop_column('screen_hours')
        batch_op.drop_column('display_mode')
