"""Counting values into buckets (the dashboard's spread chart)."""

import pytest

from app.domain.histogram import histogram


def test_histogram_buckets_with_an_open_end() -> None:
    buckets = histogram([0, 0, 1, 2, 3, 4, 7, 12, 30], (0, 1, 2, 3, 5, 10))
    assert [(b.label, b.count) for b in buckets] == [
        ("0", 2),
        ("1", 1),
        ("2", 1),
        ("3–4", 2),
        ("5–9", 1),
        ("10+", 2),
    ]


def test_histogram_refuses_unsorted_edges() -> None:
    with pytest.raises(ValueError, match="ascending"):
        histogram([1], (0, 5, 2))
