"""The layout of the desk's charts: nice axis ticks, scales, and where bars and lines go.

Plain numbers in, plain shapes out (positions in SVG user units, rounded to 0.1); the
templates in app/web/templates/teacher/_charts.html only draw what these functions place.
Counting values into buckets is a rule, not presentation: app/domain/histogram.py.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

_NICE_STEPS = (1, 2, 5)
# Room around the plot for the value labels (left) and the category labels (below).
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 12
MARGIN_BOTTOM = 30


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    value: int
    position: float  # y for a vertical value axis, x for a horizontal one


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    position: float  # the centre of the category along its axis


@dataclass(frozen=True, slots=True)
class Box:
    """A bar: a rectangle for one value of one series in one category."""

    x: float
    y: float
    width: float
    height: float
    value: int
    series: int
    category: str


@dataclass(frozen=True, slots=True)
class Line:
    series: int
    points: tuple[tuple[float, float], ...]
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Chart:
    frame: Frame
    ticks: tuple[Tick, ...]
    labels: tuple[Label, ...]
    boxes: tuple[Box, ...] = ()
    lines: tuple[Line, ...] = ()
    series: tuple[str, ...] = ()


def nice_step(maximum: float, count: int = 5) -> int:
    """The smallest step of 1, 2 or 5 times a power of ten that covers ``maximum`` in at most
    ``count`` steps (never less than 1: coins and conflicts are whole numbers)."""
    if maximum <= 0:
        return 1
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for multiple in (*_NICE_STEPS, 10):
        step = multiple * power
        if step >= raw:
            return max(1, int(step))
    return max(1, int(10 * power))  # pragma: no cover (10 * power always covers raw)


def axis_top(maximum: float, count: int = 5) -> tuple[int, int]:
    """The axis' top value and its step: the first multiple of a nice step at or above max."""
    step = nice_step(maximum, count)
    return max(step, math.ceil(maximum / step) * step), step


def scale(value: float, top: float, length: float) -> float:
    """How far along an axis of ``length`` units (0 to ``top``) a value lies."""
    return 0.0 if top <= 0 else round(value / top * length, 1)


def _frame(width: int, height: int, left: float = MARGIN_LEFT) -> Frame:
    return Frame(
        width=width,
        height=height,
        left=left,
        top=MARGIN_TOP,
        right=width - MARGIN_RIGHT,
        bottom=height - MARGIN_BOTTOM,
    )


def _value_ticks(frame: Frame, top: int, step: int) -> tuple[Tick, ...]:
    span = frame.bottom - frame.top
    return tuple(
        Tick(value=value, position=round(frame.bottom - scale(value, top, span), 1))
        for value in range(0, top + 1, step)
    )


def _bands(frame: Frame, categories: Sequence[str]) -> tuple[float, tuple[Label, ...]]:
    band = (frame.right - frame.left) / max(1, len(categories))
    labels = tuple(
        Label(text=text, position=round(frame.left + band * (index + 0.5), 1))
        for index, text in enumerate(categories)
    )
    return band, labels


def stacked_columns(
    categories: Sequence[str], series: Sequence[Series], *, width: int = 720, height: int = 260
) -> Chart:
    """One column per category, the series stacked bottom-up in their order."""
    frame = _frame(width, height)
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top, step = axis_top(max(totals, default=0))
    band, labels = _bands(frame, categories)
    bar_width = round(band * 0.64, 1)
    span = frame.bottom - frame.top
    boxes = []
    for index, label in enumerate(labels):
        base = 0
        for number, one in enumerate(series):
            value = one.values[index]
            if value <= 0:
                continue
            y_low = frame.bottom - scale(base, top, span)
            y_high = frame.bottom - scale(base + value, top, span)
            boxes.append(
                Box(
                    x=round(label.position - bar_width / 2, 1),
                    y=round(y_high, 1),
                    width=bar_width,
                    height=round(y_low - y_high, 1),
                    value=value,
                    series=number,
                    category=categories[index],
                )
            )
            base += value
    return Chart(
        frame=frame,
        ticks=_value_ticks(frame, top, step),
        labels=labels,
        boxes=tuple(boxes),
        series=tuple(s.name for s in series),
    )


def line_chart(
    categories: Sequence[str], series: Sequence[Series], *, width: int = 720, height: int = 200
) -> Chart:
    """One line per series through the centres of the categories."""
    frame = _frame(width, height)
    top, step = axis_top(max((max(s.values, default=0) for s in series), default=0))
    _band, labels = _bands(frame, categories)
    span = frame.bottom - frame.top
    lines = tuple(
        Line(
            series=number,
            points=tuple(
                (label.position, round(frame.bottom - scale(value, top, span), 1))
                for label, value in zip(labels, one.values, strict=True)
            ),
            values=one.values,
        )
        for number, one in enumerate(series)
    )
    return Chart(
        frame=frame,
        ticks=_value_ticks(frame, top, step),
        labels=labels,
        lines=lines,
        series=tuple(s.name for s in series),
    )


def horizontal_bars(
    labels: Sequence[str], values: Sequence[int], *, width: int = 720, row: int = 28
) -> Chart:
    """One bar per label, growing to the right; the labels sit left of the bars."""
    left = 150
    height = MARGIN_TOP + MARGIN_BOTTOM + row * max(1, len(labels))
    frame = _frame(width, height, left=left)
    top, step = axis_top(max(values, default=0))
    span = frame.right - frame.left
    ticks = tuple(
        Tick(value=value, position=round(frame.left + scale(value, top, span), 1))
        for value in range(0, top + 1, step)
    )
    boxes = tuple(
        Box(
            x=frame.left,
            y=round(frame.top + row * index + row * 0.18, 1),
            width=scale(value, top, span),
            height=round(row * 0.64, 1),
            value=value,
            series=0,
            category=text,
        )
        for index, (text, value) in enumerate(zip(labels, values, strict=True))
    )
    rows = tuple(
        Label(text=text, position=round(frame.top + row * (index + 0.5), 1))
        for index, text in enumerate(labels)
    )
    return Chart(frame=frame, ticks=ticks, labels=rows, boxes=boxes)
