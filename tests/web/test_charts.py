"""The chart layout: nice ticks, scales, and where bars and lines go."""

import pytest

from app.web.charts import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    Series,
    axis_top,
    horizontal_bars,
    line_chart,
    nice_step,
    scale,
    stacked_columns,
)


@pytest.mark.parametrize(
    ("maximum", "step"),
    [(0, 1), (3, 1), (7, 2), (10, 2), (11, 5), (23, 5), (48, 10), (123, 50), (811, 200)],
)
def test_nice_step_is_one_two_or_five_times_ten(maximum: int, step: int) -> None:
    assert nice_step(maximum) == step


def test_axis_top_covers_the_maximum_in_whole_steps() -> None:
    assert axis_top(7) == (8, 2)
    assert axis_top(93) == (100, 20)
    assert axis_top(0) == (1, 1)  # an empty chart still has an axis


def test_scale_is_proportional_and_safe_at_zero() -> None:
    assert scale(5, 10, 200) == 100.0
    assert scale(1, 3, 100) == 33.3
    assert scale(4, 0, 100) == 0.0


def test_stacked_columns_stack_the_series_bottom_up() -> None:
    chart = stacked_columns(
        ["wk 1", "wk 2"], [Series("Groep 5", (2, 0)), Series("Groep 6", (3, 4))], height=212
    )
    bottom = chart.frame.bottom
    assert chart.frame.bottom - chart.frame.top == 212 - MARGIN_TOP - MARGIN_BOTTOM
    first, second, third = chart.boxes  # the zero is not drawn
    assert (first.series, first.value, first.category) == (0, 2, "wk 1")
    assert first.y + first.height == bottom
    assert second.y + second.height == pytest.approx(first.y)  # on top of the first
    assert (third.series, third.value) == (1, 4)
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert chart.ticks[0].position == bottom
    assert second.y == pytest.approx(chart.ticks[-1].position)  # 5 is the top


def test_columns_sit_in_the_middle_of_their_band() -> None:
    chart = stacked_columns(["a", "b", "c", "d"], [Series("x", (1, 1, 1, 1))], width=444)
    centres = [label.position for label in chart.labels]
    gaps = {round(b - a, 1) for a, b in zip(centres, centres[1:], strict=False)}
    assert len(gaps) == 1
    for box, label in zip(chart.boxes, chart.labels, strict=True):
        assert box.x + box.width / 2 == pytest.approx(label.position, abs=0.1)


def test_line_chart_puts_a_point_per_category() -> None:
    chart = line_chart(["wk 1", "wk 2", "wk 3"], [Series("munten", (0, 10, 5))])
    (line,) = chart.lines
    assert [x for x, _ in line.points] == [label.position for label in chart.labels]
    ys = [y for _, y in line.points]
    assert ys[0] == chart.frame.bottom
    assert ys[1] == pytest.approx(chart.frame.top)  # 10 is the axis top
    assert ys[2] == pytest.approx((chart.frame.top + chart.frame.bottom) / 2)


def test_horizontal_bars_grow_with_the_value() -> None:
    chart = horizontal_bars(["Kas", "Kimberly"], [400, 100], width=520)
    kas, kimberly = chart.boxes
    assert kas.x == kimberly.x == chart.frame.left
    assert kas.width == pytest.approx(4 * kimberly.width)
    assert kas.y < kimberly.y
    assert chart.ticks[-1].position == chart.frame.right
