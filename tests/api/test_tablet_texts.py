"""Every text the tablet's script shows comes from the catalog, in Dutch and in English."""

import re
from pathlib import Path

from app.domain import errors
from app.domain.tallies import RECESSES
from app.i18n import LANGUAGES, catalog_keys

SCRIPTS = Path(__file__).resolve().parents[2] / "app" / "web" / "static" / "tablet"
_KEY = re.compile(r"""\bt\(\s*["'`](tablet\.[a-z0-9_.]+)["'`]""")


def test_every_key_in_the_tablet_scripts_is_translated() -> None:
    used = {key for path in SCRIPTS.glob("*.js") for key in _KEY.findall(path.read_text())}
    assert "tablet.pending" in used
    for language in LANGUAGES:
        assert sorted(used - catalog_keys(language)) == [], language


def test_every_recess_has_a_name() -> None:
    """Zones need none: they are the school's own, named on the desk."""
    wanted = {f"tablet.recess.{recess}" for recess in RECESSES}
    for language in LANGUAGES:
        assert sorted(wanted - catalog_keys(language)) == [], language


def test_every_refusal_of_a_coin_is_explained() -> None:
    """The outbox drops a coin (or undo, or bike turn) on a 4xx and says why, by its code."""
    refusals = [
        errors.CapReached,
        errors.InactiveChild,
        errors.UnknownChild,
        errors.UnknownReason,
        errors.TooOld,
        errors.CoinConflict,
        errors.ReplayConflict,
        errors.Conflict,
        errors.Forbidden,
        errors.NotFound,
        errors.Invalid,
    ]
    wanted = {f"tablet.error.{error.code}" for error in refusals}
    for language in LANGUAGES:
        assert sorted(wanted - catalog_keys(language)) == [], language
