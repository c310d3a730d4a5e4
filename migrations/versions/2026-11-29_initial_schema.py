"""Initial schema: roster, ledger, boards, people, bikes, draws, tally, audit; default reasons.

Revision ID: 209f671d51a4
Revises: 
Create Date: 2026-11-29 14:16:05.679164
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '209f671d51a4'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The reasons a school starts with; teachers edit the list on the desk.
DEFAULT_REASONS = [
    ("eerlijk-spelen", "Eerlijk spelen", "Playing fair", "⚖️", "recess"),
    ("helpen", "Iemand helpen", "Helping someone", "🤝", "recess"),
    ("laten-meedoen", "Iemand laten meedoen", "Letting someone join in", "🫶", "recess"),
    ("ruzie-oplossen", "Ruzie goed oplossen", "Solving a conflict well", "🕊️", "recess"),
    ("samen-opruimen", "Samen opruimen", "Tidying up together", "🧹", "recess"),
    ("fiets-wisselen", "Fiets netjes doorgeven", "Handing over the bike well", "🚲", "bike"),
    ("beurt-afwachten", "Op je beurt wachten", "Waiting for your turn", "⏳", "bike"),
]


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('board',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('name_display', sa.String(length=20), nullable=False),
    sa.Column('winner_policy', sa.String(length=20), nullable=False),
    sa.Column('exclude_recent_weeks', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board')),
    sa.UniqueConstraint('slug', name=op.f('uq_board_slug'))
    )
    op.create_table('board_event',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_board_event')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('board_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_event_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_event_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_event_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_event_group_id'), ['group_id'], unique=False)

    op.create_table('group',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('weekly_goal', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group')),
    sa.UniqueConstraint('name', name=op.f('uq_group_name'))
    )
    op.create_table('logger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_logger')),
    sa.UniqueConstraint('name', name=op.f('uq_logger_name'))
    )
    op.create_table('reason',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('label_nl', sa.String(length=80), nullable=False),
    sa.Column('label_en', sa.String(length=80), nullable=False),
    sa.Column('icon', sa.String(length=16), nullable=False),
    sa.Column('context', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reason')),
    sa.UniqueConstraint('slug', name=op.f('uq_reason_slug'))
    )
    op.create_table('recess_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('recess', sa.String(length=40), nullable=False),
    sa.Column('zone', sa.String(length=40), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recess_tally')),
    sa.UniqueConstraint('day', 'recess', 'zone', name=op.f('uq_recess_tally_day'))
    )
    op.create_table('sign_in_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failure'))
    )
    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_failure_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failure_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failure_at'), ['at'], unique=False)

    op.create_table('teacher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher')),
    sa.UniqueConstraint('username', name=op.f('uq_teacher_username'))
    )
    op.create_table('board_group',
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_board_group_board_id_board'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_board_group_group_id_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('board_id', 'group_id', name=op.f('pk_board_group'))
    )
    op.create_table('child',
    sa.Column('first_name', sa.String(length=40), nullable=False),
    sa.Column('last_initial', sa.String(length=1), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('avatar', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_child_group_id_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child'))
    )
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_group_id'), ['group_id'], unique=False)

    op.create_table('draw',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('policy', sa.String(length=20), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=False),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('excluded_child_ids', sa.JSON(), nullable=False),
    sa.Column('winner_child_id', sa.Integer(), nullable=True),
    sa.Column('winner_name', sa.String(length=60), nullable=False),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('drawn_by', sa.String(length=40), nullable=False),
    sa.Column('redraw_reason', sa.String(length=500), nullable=True),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reward', sa.String(length=200), nullable=False),
    sa.Column('reward_status', sa.String(length=10), nullable=False),
    sa.Column('reward_given_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_draw_board_id_board'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw'))
    )
    with op.batch_alter_table('draw', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draw_board_id'), ['board_id'], unique=False)
        batch_op.create_index('uq_draw_board_week_current', ['board_id', 'week'], unique=True, sqlite_where=sa.text('superseded_at IS NULL'), postgresql_where=sa.text('superseded_at IS NULL'))

    op.create_table('kiosk_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_kiosk_link_board_id_board'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_link')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_kiosk_link_token_hash'))
    )
    with op.batch_alter_table('kiosk_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosk_link_board_id'), ['board_id'], unique=False)

    op.create_table('user_session',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('logger_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['logger_id'], ['logger.id'], name=op.f('fk_user_session_logger_id_logger'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_user_session_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_logger_id'), ['logger_id'], unique=False)

    op.create_table('bike',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('rider_child_id', sa.Integer(), nullable=True),
    sa.Column('rider_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_bike_group_id_group')),
    sa.ForeignKeyConstraint(['rider_child_id'], ['child.id'], name=op.f('fk_bike_rider_child_id_child'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bike'))
    )
    with op.batch_alter_table('bike', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bike_group_id'), ['group_id'], unique=False)

    op.create_table('coin',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('awarded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('logged_by', sa.String(length=40), nullable=False),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_by', sa.String(length=40), nullable=True),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], name=op.f('fk_coin_child_id_child'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reason'], ['reason.slug'], name=op.f('fk_coin_reason_reason')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coin'))
    )
    with op.batch_alter_table('coin', schema=None) as batch_op:
        batch_op.create_index('ix_coin_child_awarded', ['child_id', 'awarded_at'], unique=False)
        batch_op.create_index('ix_coin_week_child', ['week', 'child_id'], unique=False)

    op.create_table('bike_queue_entry',
    sa.Column('bike_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bike_id'], ['bike.id'], name=op.f('fk_bike_queue_entry_bike_id_bike'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], name=op.f('fk_bike_queue_entry_child_id_child'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('bike_id', 'child_id', name=op.f('pk_bike_queue_entry'))
    )
    op.create_table('bike_turn',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('bike_id', sa.Integer(), nullable=False),
    sa.Column('from_child_id', sa.Integer(), nullable=False),
    sa.Column('to_child_id', sa.Integer(), nullable=False),
    sa.Column('went_well', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('logged_by', sa.String(length=40), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['bike_id'], ['bike.id'], name=op.f('fk_bike_turn_bike_id_bike')),
    sa.ForeignKeyConstraint(['from_child_id'], ['child.id'], name=op.f('fk_bike_turn_from_child_id_child'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_child_id'], ['child.id'], name=op.f('fk_bike_turn_to_child_id_child'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bike_turn'))
    )
    with op.batch_alter_table('bike_turn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bike_turn_bike_id'), ['bike_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bike_turn_from_child_id'), ['from_child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bike_turn_to_child_id'), ['to_child_id'], unique=False)

    op.bulk_insert(
        sa.table(
            "reason",
            sa.column("slug", sa.String),
            sa.column("label_nl", sa.String),
            sa.column("label_en", sa.String),
            sa.column("icon", sa.String),
            sa.column("context", sa.String),
            sa.column("position", sa.Integer),
            sa.column("active", sa.Boolean),
        ),
        [
            {"slug": slug, "label_nl": nl, "label_en": en, "icon": icon, "context": context,
             "position": position, "active": True}
            for position, (slug, nl, en, icon, context) in enumerate(DEFAULT_REASONS)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table('bike_turn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bike_turn_to_child_id'))
        batch_op.drop_index(batch_op.f('ix_bike_turn_from_child_id'))
        batch_op.drop_index(batch_op.f('ix_bike_turn_bike_id'))

    op.drop_table('bike_turn')
    op.drop_table('bike_queue_entry')
    with op.batch_alter_table('coin', schema=None) as batch_op:
        batch_op.drop_index('ix_coin_week_child')
        batch_op.drop_index('ix_coin_child_awarded')

    op.drop_table('coin')
    with op.batch_alter_table('bike', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bike_group_id'))

    op.drop_table('bike')
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_logger_id'))

    op.drop_table('user_session')
    with op.batch_alter_table('kiosk_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosk_link_board_id'))

    op.drop_table('kiosk_link')
    with op.batch_alter_table('draw', schema=None) as batch_op:
        batch_op.drop_index('uq_draw_board_week_current', sqlite_where=sa.text('superseded_at IS NULL'), postgresql_where=sa.text('superseded_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_draw_board_id'))

    op.drop_table('draw')
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_group_id'))

    op.drop_table('child')
    op.drop_table('board_group')
    op.drop_table('teacher')
    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_address'))
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_account'))

    op.drop_table('sign_in_failure')
    op.drop_table('recess_tally')
    op.drop_table('reason')
    op.drop_table('logger')
    op.drop_table('group')
    with op.batch_alter_table('board_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_event_group_id'))
        batch_op.drop_index(batch_op.f('ix_board_event_created_at'))
        batch_op.drop_index(batch_op.f('ix_board_event_child_id'))
        batch_op.drop_index(batch_op.f('ix_board_event_board_id'))

    op.drop_table('board_event')
    op.drop_table('board')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
