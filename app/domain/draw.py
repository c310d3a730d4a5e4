"""The weekly winner draw."""

from enum import StrEnum


class WinnerPolicy(StrEnum):
    most_coins = "most_coins"  # ties broken by a seeded draw among the tied
    weighted_draw = "weighted_draw"  # each coin is a lottery ticket
