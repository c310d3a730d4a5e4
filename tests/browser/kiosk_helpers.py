"""Helpers for the kiosk's browser tests: open a board, time arrivals, record a winner."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from app.db import make_engine, write_session
from app.domain.weeks import shift_week, week_of
from app.models import Board, BoardGroup, Child, Draw
from app.models.types import utcnow
from app.services.events import record_event
from app.settings import Settings
from tests.browser.conftest import DemoServer

_ARRIVALS = """() => {
  window.arrivals = {};
  // The ticker groups a child's repeats into one item and updates it in place (data-coin is
  // the latest coin, data-coins all of them), so watch attributes as well as new items.
  new MutationObserver(() => {
    for (const node of document.querySelectorAll("#ticker li[data-coin]")) {
      const coins = (node.dataset.coins || node.dataset.coin).split(" ");
      for (const coin of coins) window.arrivals[coin] ??= Date.now();
    }
  }).observe(document.getElementById("ticker"), {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-coin", "data-coins"],
  });
}"""


def open_kiosk(page: Page, server: DemoServer, slug: str, lang: str | None = None) -> None:
    path = server.kiosk_paths[slug] + (f"&lang={lang}" if lang else "")
    page.goto(server.url + path)
    expect(page.locator("#status")).to_have_attribute("data-state", "live", timeout=10_000)
    expect(page.locator(".card").first).to_be_visible()


def watch_arrivals(page: Page) -> None:
    """From now on, window.arrivals[coin_id] is when the coin showed up in the ticker."""
    page.evaluate(_ARRIVALS)


def arrival_of(page: Page, coin_id: str) -> float:
    return float(page.evaluate("id => window.arrivals[id]", coin_id))


def record_last_weeks_winner(server: DemoServer, slug: str, *, reward: str) -> str:
    """What the weekly draw does: a draw for last week and a ``winner`` board event.

    In a thread of its own: Playwright's sync API runs an event loop in the test's thread, and
    app/db.py refuses a write transaction there.
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_record_winner, server, slug, reward).result()


def _record_winner(server: DemoServer, slug: str, reward: str) -> str:
    settings = Settings(data_dir=server.server.data_dir)
    engine = make_engine(settings.resolved_database_url)
    week = shift_week(week_of(utcnow(), settings.tz), -1)
    with write_session(engine) as session:
        board = session.exec(select(Board).where(Board.slug == slug)).one()
        groups = select(BoardGroup.group_id).where(BoardGroup.board_id == board.id)
        child = session.exec(
            select(Child).where(col(Child.group_id).in_(groups)).order_by(col(Child.id))
        ).first()
        assert child is not None
        old = session.exec(select(Draw).where(Draw.board_id == board.id, Draw.week == week)).all()
        for draw in old:
            draw.superseded_at = utcnow() - timedelta(seconds=1)
            session.add(draw)
        session.flush()
        draw = Draw(
            board_id=board.id or 0,
            week=week,
            policy="most_coins",
            seed="browser-test",
            candidates=[{"child_id": child.id, "name": child.first_name, "coins": 9}],
            excluded_child_ids=[],
            winner_child_id=child.id,
            winner_name=child.first_name,
            drawn_by="test",
            reward=reward,
        )
        session.add(draw)
        session.flush()
        record_event(
            session,
            kind="winner",
            board_id=board.id,
            child_id=child.id,
            payload={
                "board": slug,
                "week": week,
                "draw_id": draw.id,
                "child_id": child.id,
                "first_name": child.first_name,
                "last_initial": child.last_initial,
                "avatar": child.avatar,
                "group": "",
                "coins": 9,
                "reward": reward,
                "policy": "most_coins",
            },
        )
        session.commit()
    engine.dispose()
    return child.first_name
