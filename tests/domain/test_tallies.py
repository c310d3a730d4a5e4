"""The tally's rules: a zone's slug from its name, known zones and recesses, steps of one."""

import pytest

from app.domain.errors import Invalid
from app.domain.tallies import changed_count, check_tally, zone_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Voetbalveld", "voetbalveld"),
        ("Klimrek (groot)", "klimrek-groot"),
        ("  Zandbak  ", "zandbak"),
        ("Speeltuin é ü", "speeltuin-e-u"),
        ("x" * 60, "x" * 40),
    ],
)
def test_zone_slug_from_name(name: str, slug: str) -> None:
    assert zone_slug(name) == slug


@pytest.mark.parametrize("name", ["!", "é", "🏖️", "a"])
def test_zone_slug_needs_two_letters_or_digits(name: str) -> None:
    with pytest.raises(Invalid) as refused:
        zone_slug(name)
    assert refused.value.code == "zone_name_short"


def test_check_tally_knows_only_the_schools_zones() -> None:
    check_tally(recess="lunch", zone="schommels", zones={"schommels"})
    with pytest.raises(Invalid) as refused:
        check_tally(recess="lunch", zone="voetbal", zones={"schommels"})
    assert (refused.value.code, refused.value.params) == ("unknown_zone", {"zone": "voetbal"})


def test_changed_count_never_below_zero() -> None:
    assert changed_count(0, 1) == 1
    with pytest.raises(Invalid):
        changed_count(0, -1)
