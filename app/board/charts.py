"""The board report's charts, drawn with matplotlib into PNG bytes in memory (no file, no pyplot state).

Three charts: actions by owning agency (overdue, open, complete), recommendations missing an owner, a target
date or a measurable outcome by review, and the themes found in most reviews (those with nothing completed
marked). Each is a :class:`~app.board.text.Chart` with a title and a sentence saying what it shows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from reviewgraph.app.board.text import Chart
from reviewgraph.queries.board_report import MISSING_KINDS, BoardReport

__all__ = ["draw_charts", "TOP"]

#: bars drawn at most per chart; the rest are summed into one bar ("Other ...")
TOP = 12
_RED, _AMBER, _GREEN, _GREY, _BLUE, _PURPLE = "#c0392b", "#e6a23c", "#3c8d5a", "#b8bec4", "#2f6690", "#8e5ea2"
_WIDTH = 9.0
_DPI = 150
#: legends sit under the axis, in one row, never over the bars
_LEGEND = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncol": 3}


def _short(text: str, n: int = 42) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _height(bars: int) -> float:
    return min(7.0, 1.4 + 0.32 * max(bars, 1))


def _stacked(title: str, labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]],
             xlabel: str, empty: str) -> Figure:
    """Horizontal stacked bars, the first label on top; ``series`` is (name, colour, values)."""
    fig = Figure(figsize=(_WIDTH, _height(len(labels))))
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=11)
    if not labels or not any(v for _, _, vals in series for v in vals):
        ax.text(0.5, 0.5, empty, ha="center", va="center", fontsize=11, transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    ys = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    for name, colour, values in series:
        ax.barh(ys, values, left=left, color=colour, label=name, height=0.65)
        left = [a + b for a, b in zip(left, values)]
    for y, total in zip(ys, left):
        ax.text(total, y, f" {total}", va="center", fontsize=8)
    ax.set_yticks(ys, [_short(x) for x in labels], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, **_LEGEND)
    ax.set_xlim(0, max(left) * 1.08 + 1)
    return fig


Rows = list[tuple[str, list[int]]]


def _top(rows: Rows, other: str, worst_first: bool = False) -> Rows:
    """The :data:`TOP` rows with most in them (``worst_first``: most in the first series, then the second),
    the rest summed into one."""
    if worst_first:
        rows = sorted(rows, key=lambda r: (*(-v for v in r[1]), r[0].casefold()))
    else:
        rows = sorted(rows, key=lambda r: (-sum(r[1]), r[0].casefold()))
    if len(rows) <= TOP:
        return rows
    head, tail = rows[: TOP - 1], rows[TOP - 1:]
    summed = [sum(vals) for vals in zip(*(v for _, v in tail))]
    return [*head, (f"{other} ({len(tail)})", summed)]


def _agencies(report: BoardReport) -> Chart:
    rows = _top([(a.agency, [len(a.overdue), len(a.open), a.complete]) for a in report.agencies],
                "Other agencies", worst_first=True)
    title = f"Actions by owning agency on {report.as_of_text}"
    fig = _stacked(title, [r[0] for r in rows],
                   [("Overdue", _RED, [r[1][0] for r in rows]),
                    ("Open, not yet due", _AMBER, [r[1][1] for r in rows]),
                    ("Complete", _GREEN, [r[1][2] for r in rows])], "Actions", "No actions in scope")
    return Chart("agencies", title, _png(fig), *fig.get_size_inches(),
                 alt=f"Overdue, open and complete actions of {len(rows)} agencies, most overdue first.")


def _missing(report: BoardReport) -> Chart:
    per_review: dict[str, list[int]] = {}
    kinds = list(MISSING_KINDS.values())
    for r in report.recommendations:
        counts = per_review.setdefault(r.review, [0] * len(kinds))
        for what in r.missing:
            counts[kinds.index(what)] += 1
    rows = _top(list(per_review.items()), "Other reviews")
    title = "Recommendations missing an owner, a target date or a measurable outcome"
    colours = (_PURPLE, _BLUE, _GREY)
    fig = _stacked(title, [r[0] for r in rows],
                   [(k.capitalize(), c, [r[1][i] for r in rows])
                    for i, (k, c) in enumerate(zip(kinds, colours, strict=True))],
                   "Recommendations (one may lack several things)",
                   "No recommendation is missing any of these")
    return Chart("missing", title, _png(fig), *fig.get_size_inches(),
                 alt="Bars per review of recommendations with no owner, target date or measurable outcome.")


def _themes(report: BoardReport) -> Chart:
    reach = report.theme_reach[:TOP]
    title = "Themes found in most reviews"
    fig = Figure(figsize=(_WIDTH, _height(len(reach))))
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=11)
    if not reach:
        ax.text(0.5, 0.5, "No themes found", ha="center", va="center", fontsize=11, transform=ax.transAxes)
        ax.set_axis_off()
    else:
        ys = list(range(len(reach)))[::-1]
        colours = [_RED if unresolved else _GREY for _, _, unresolved in reach]
        ax.barh(ys, [n for _, n, _ in reach], color=colours, height=0.65)
        ax.set_yticks(ys, [_short(label) for label, _, _ in reach], fontsize=8)
        ax.set_xlabel("Reviews", fontsize=9)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=_RED, label="In two or more reviews, no completed action"),
                           Patch(color=_GREY, label="Some action complete, or in one review only")],
                  fontsize=8, frameon=False, **_LEGEND)
    return Chart("themes", title, _png(fig), *fig.get_size_inches(),
                 alt="Bars of the reviews each theme is found in; red where no action on it is complete.")


def draw_charts(report: BoardReport) -> list[Chart]:
    """The report's three charts, as PNG bytes."""
    return [_agencies(report), _missing(report), _themes(report)]
