"""Events over time as a matplotlib chart. Dates come at three precisions: an exact day is a filled
marker; a month or a year is placed at its first day, drawn with an open marker and a thin bar over
the whole month or year it covers, so a partial date never looks more precise than it is."""
from __future__ import annotations

import pandas as pd

from .dateranges import span

MARKERS = {"day": ("o", "exact day"), "month": ("s", "month only (placed at its 1st day)"),
           "year": ("D", "year only (placed at 1 January)")}
ROW_ORDER = ("Summit", "StateVisit", "Visit", "Meeting", "VideoConference", "PhoneCall", "Agreement", "Event")
MAX_ANNOTATIONS = 40


def draw_timeline(events: pd.DataFrame, ax=None, title: str = "Events"):
    """Draw ``events`` (a frame from ``KnowledgeGraph.events``) on ``ax`` (a new figure if None)."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    dated = events[events["start"].notna()]
    undated = len(events) - len(dated)
    if ax is None:
        rows = max(1, dated["type"].nunique())
        _, ax = plt.subplots(figsize=(11, 1.2 + 0.55 * rows), layout="constrained")
    types = sorted(dated["type"].unique(), key=lambda t: (ROW_ORDER.index(t) if t in ROW_ORDER else len(ROW_ORDER), t))
    colors = {t: plt.get_cmap("tab10")(i % 10) for i, t in enumerate(types)}
    for y, kind in enumerate(types):
        rows = dated[dated["type"] == kind]
        for prec, (marker, _) in MARKERS.items():
            part = rows[rows["precision"] == prec]
            if part.empty:
                continue
            if prec != "day":
                for value in part["date"]:
                    first, last = span(value)
                    ax.hlines(y, first, last, colors=[colors[kind]], linewidth=6, alpha=0.25)
            ax.scatter(part["start"], [y] * len(part), marker=marker, s=60, zorder=3, edgecolors=[colors[kind]],
                       facecolors=[colors[kind]] if prec == "day" else "none", linewidths=1.5)
        if len(dated) <= MAX_ANNOTATIONS:
            for _, ev in rows.iterrows():
                ax.annotate(ev["date"] + (" (planned)" if ev["planned"] else ""), (ev["start"], y),
                            xytext=(0, 7), textcoords="offset points", rotation=35, fontsize=7, ha="left")
    ax.set_yticks(range(len(types)), types)
    ax.set_ylim(-0.7, max(len(types), 1) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    shown = [p for p in MARKERS if (dated["precision"] == p).any()]
    handles = [Line2D([], [], marker=MARKERS[p][0], linestyle="", color="black",
                      markerfacecolor="black" if p == "day" else "none", label=MARKERS[p][1]) for p in shown]
    if any(p != "day" for p in shown):
        handles.append(Patch(color="grey", alpha=0.25, label="the month or year such a date covers"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    note = f" ({undated} undated not shown)" if undated else ""
    ax.set_title(f"{title}: {len(dated)} dated event{'s' if len(dated) != 1 else ''}{note}")
    if dated.empty:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center")
    return ax
