"""Charts as SVG geometry computed here and drawn by the templates: no script, no inline style,
so they render under the site's strict Content-Security-Policy. Colours live in admin.css."""

from __future__ import annotations

import math
from dataclasses import dataclass

from helpcenter_server.votes.tally import Week

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 52, 16, 40
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MAX_X_LABELS = 8


@dataclass(frozen=True)
class Bar:
    week: Week
    x: float
    width: float
    yes_y: float
    yes_h: float
    no_y: float
    no_h: float
    label_x: float
    label: str | None


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    bars: list[Bar]
    vote_ticks: list[Tick]
    percent_ticks: list[Tick]
    lines: list[str]
    points: list[tuple[float, float, Week]]


def vote_scale(largest: int) -> tuple[int, int]:
    """(step, top) of the vote axis: a round step (1, 2 or 5 x 10^k) and at most five of them."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if largest <= 5 * step:
                return step, max(1, math.ceil(largest / step)) * step
        magnitude *= 10


def trend_chart(weeks: list[Week]) -> TrendChart:
    """Stacked yes/no bars per week (left axis) and the helpful percentage line (right axis)."""
    step, top_votes = vote_scale(max((w.votes for w in weeks), default=0))
    slot = PLOT_W / max(1, len(weeks))
    bar_w = max(2.0, min(40.0, slot * 0.6))
    every = max(1, math.ceil(len(weeks) / MAX_X_LABELS))
    base = TOP + PLOT_H
    bars, points = [], []
    for i, w in enumerate(weeks):
        centre = LEFT + slot * (i + 0.5)
        yes_h = PLOT_H * w.yes / top_votes
        no_h = PLOT_H * w.no / top_votes
        label = w.start.strftime("%d %b") if (len(weeks) - 1 - i) % every == 0 else None
        bars.append(Bar(w, round(centre - bar_w / 2, 2), round(bar_w, 2),
                        round(base - yes_h, 2), round(yes_h, 2),
                        round(base - yes_h - no_h, 2), round(no_h, 2), round(centre, 2), label))
        if w.helpful_percent is not None:
            points.append((round(centre, 2), round(base - PLOT_H * w.helpful_percent / 100, 2), w))
    # The line breaks over weeks without votes rather than inventing a value for them.
    lines: list[str] = []
    run: list[str] = []
    for bar in bars:
        point = next((p for p in points if p[2] is bar.week), None)
        if point is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
        else:
            run.append(f"{point[0]},{point[1]}")
    if len(run) > 1:
        lines.append(" ".join(run))
    vote_ticks = [Tick(round(base - PLOT_H * v / top_votes, 2), str(v))
                  for v in range(0, top_votes + 1, step)]
    percent_ticks = [Tick(round(base - PLOT_H * k / 4, 2), f"{25 * k} %") for k in range(5)]
    return TrendChart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, base, bars, vote_ticks,
                      percent_ticks, lines, points)


@dataclass(frozen=True)
class HBar:
    key: str
    label: str
    value: int
    y: float
    width: float
    percent: float


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[HBar]


def reasons_chart(counts: dict[str, int], labels: dict[str, str]) -> HBarChart:
    label_width, bar_area, row_h, bar_h = 200, 400, 34, 22
    total = sum(counts.values())
    top = max(counts.values(), default=0) or 1
    bars = [HBar(key, labels.get(key, key), n, i * row_h + 6, round(bar_area * n / top, 2),
                 round(100 * n / total, 1) if total else 0.0)
            for i, (key, n) in enumerate(counts.items())]
    return HBarChart(label_width + bar_area + 120, row_h * len(bars) + 8, label_width, bar_h, bars)
