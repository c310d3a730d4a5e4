"""The hub's database reads on both engines: replay windows, pruning, who may watch."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from app.db import make_engine, write_session
from app.domain.masking import NameDisplay
from app.models import Board, BoardEvent, BoardGroup, Group, KioskLink
from app.models.types import utcnow
from app.realtime import store
from app.realtime.protocol import BoardRoute
from app.services.auth import new_token, token_hash
from app.settings import Settings


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def route(engine: Engine) -> BoardRoute:
    with write_session(engine) as session:
        shown, other = Group(name="Groep 5"), Group(name="Groep 8")
        board = Board(slug="plein", title="Plein")
        session.add_all([shown, other, board])
        session.flush()
        session.add(BoardGroup(board_id=board.id or 0, group_id=shown.id or 0))
        session.commit()
        return BoardRoute(board.id or 0, "plein", NameDisplay.first_name, frozenset({shown.id}))


def add_events(engine: Engine, *events: dict[str, object]) -> list[int]:
    with write_session(engine) as session:
        rows = [BoardEvent(kind="coin", payload={}, **event) for event in events]  # type: ignore[arg-type]
        session.add_all(rows)
        session.commit()
        return [row.seq or 0 for row in rows]


def test_replay_brings_only_this_boards_events(
    engine: Engine, route: BoardRoute, settings: Settings
) -> None:
    group = next(iter(route.group_ids))
    since, mine, _other, winner = add_events(
        engine,
        {"group_id": group},
        {"group_id": group},
        {"group_id": group + 1},
        {"board_id": route.board_id},
    )
    missed = store.replay(engine, route=route, since=since, settings=settings)
    assert missed is not None
    assert [event.seq for event in missed] == [mine, winner]


def test_replay_after_a_pruned_or_old_event_is_a_snapshot(
    engine: Engine, route: BoardRoute, settings: Settings
) -> None:
    group = next(iter(route.group_ids))
    old, _newer = add_events(
        engine,
        {"group_id": group, "created_at": utcnow() - timedelta(days=8)},
        {"group_id": group},
    )
    assert store.replay(engine, route=route, since=old, settings=settings) is None  # last week
    store.prune_events(engine, keep=timedelta(days=7))
    assert store.replay(engine, route=route, since=old, settings=settings) is None  # gone


def test_prune_drops_old_events_but_keeps_the_newest(engine: Engine) -> None:
    long_ago = utcnow() - timedelta(days=30)
    old, _older_still, recent = add_events(
        engine,
        {"group_id": 1, "created_at": long_ago},
        {"group_id": 1, "created_at": long_ago},
        {"group_id": 1},
    )
    assert store.prune_events(engine, keep=timedelta(days=7)) == 2
    assert store.count_events(engine) == 1
    assert store.current_seq(engine) == recent
    # Even when the newest event is old, it stays: its seq is what kiosks compare against.
    only = add_events(engine, {"group_id": 1, "created_at": long_ago})[-1]
    store.prune_events(engine, keep=timedelta(days=7), now=utcnow() + timedelta(days=60))
    assert store.current_seq(engine) == only > old


def test_only_this_boards_kiosk_link_may_watch(engine: Engine, route: BoardRoute) -> None:
    token, revoked = new_token(), new_token()
    with write_session(engine) as session:
        link = KioskLink(board_id=route.board_id, token_hash=token_hash(token), created_by="t")
        gone = KioskLink(
            board_id=route.board_id,
            token_hash=token_hash(revoked),
            created_by="t",
            revoked_at=utcnow(),
        )
        session.add_all([link, gone])
        session.commit()
        link_id, gone_id = link.id or 0, gone.id or 0
    settings = Settings(secret_key="x")
    viewer = store.authorize(engine, slug="plein", token=token, cookie=None, settings=settings)
    assert viewer is not None
    assert (viewer.link_id, viewer.route.slug) == (link_id, "plein")
    for slug, attempt in (("plein", revoked), ("plein", "nope"), ("elders", token)):
        assert (
            store.authorize(engine, slug=slug, token=attempt, cookie=None, settings=settings)
            is None
        )
    ended = store.ended_viewers(
        engine, link_ids={link_id, gone_id}, session_ids={"no-such"}, idle=timedelta(hours=2)
    )
    assert ended == {gone_id, "no-such"}
