"""Counting values into buckets: how many children earned 0, 1, 2-4 ... coins (the dashboard's
spread chart; app/web/charts.py lays it out)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bucket:
    low: int
    high: int | None  # inclusive; None: and more
    count: int

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def histogram(values: Iterable[int], edges: Sequence[int]) -> list[Bucket]:
    """How many values fall in each bucket: ``edges`` (ascending) are the buckets' lower
    bounds, each bucket ending where the next begins; the last one is open-ended."""
    if list(edges) != sorted(set(edges)):
        raise ValueError("edges must be ascending and distinct")
    counts = [0] * len(edges)
    for value in values:
        for index in range(len(edges) - 1, -1, -1):
            if value >= edges[index]:
                counts[index] += 1
                break
    return [
        Bucket(
            low=low,
            high=edges[index + 1] - 1 if index + 1 < len(edges) else None,
            count=counts[index],
        )
        for index, low in enumerate(edges)
    ]
