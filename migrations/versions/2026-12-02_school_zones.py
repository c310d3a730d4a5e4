"""zone: the school's own zones of the schoolyard; every zone a tally named becomes one.

Revision ID: 8c4f0d32e5a1
Revises: e41b7c5a9f62
Create Date: 2026-12-02 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '8c4f0d32e5a1'
down_revision: str | None = 'e41b7c5a9f62'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The zones the tablet offered until now, so a school starts with what it knows.
DEFAULT_ZONES = [
    ('plein', 'Schoolplein', '🏫'),
    ('voetbal', 'Voetbalveld', '⚽'),
    ('klimrek', 'Klimrek', '🧗'),
    ('zandbak', 'Zandbak', '🏖️'),
    ('fietsen', 'Fietsen (peuters)', '🚲'),
]


def upgrade() -> None:
    zone = op.create_table(
        'zone',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('icon', sa.String(length=16), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zone')),
        sa.UniqueConstraint('slug', name=op.f('uq_zone_slug')),
    )
    known = {slug for slug, _, _ in DEFAULT_ZONES}
    # A zone some tally named (the column was a free string) is kept under its own name.
    counted = op.get_bind().execute(sa.text('SELECT DISTINCT zone FROM recess_tally')).scalars()
    others = sorted(set(counted) - known)
    rows = [
        {'slug': slug, 'name': name, 'icon': icon, 'position': position, 'active': True}
        for position, (slug, name, icon) in enumerate(DEFAULT_ZONES)
    ] + [
        {'slug': slug, 'name': slug, 'icon': '📍', 'position': len(known) + n, 'active': True}
        for n, slug in enumerate(others)
    ]
    op.bulk_insert(zone, rows)
    with op.batch_alter_table('recess_tally', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_recess_tally_zone_zone'), 'zone', ['zone'], ['slug']
        )


def downgrade() -> None:
    with op.batch_alter_table('recess_tally', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_recess_tally_zone_zone'), type_='foreignkey')
    op.drop_table('zone')
