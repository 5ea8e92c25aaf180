"""Dates of mixed precision (day, month, year) as time spans: where a timeline places them and
whether they fall in a range a user gives."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .errors import InputError

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}
FREQ = {"day": "D", "month": "M", "year": "Y"}


def precision(value) -> str | None:
    """'day', 'month' or 'year' for an ISO date, year-month or year; None when undated."""
    if not isinstance(value, str) or not value:
        return None  # None, or the NaN pandas puts in an empty cell
    return PRECISION_BY_LENGTH.get(len(value))


def span(value) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day a (possibly partial) ISO date covers: "2022-12" -> Dec 1 .. Dec 31."""
    prec = precision(value)
    if prec is None:
        return None
    try:
        period = pd.Period(value, freq=FREQ[prec])
    except ValueError:
        return None
    return period.start_time.normalize(), period.end_time.normalize()


def bound(value, name: str, end: bool) -> pd.Timestamp | None:
    """One end of a user's range: None (open), a date, a Timestamp, or an ISO string of any precision.
    A partial date covers its whole month or year: ("2022", "2023-06") is 2022-01-01 .. 2023-06-30."""
    if value is None:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return pd.Timestamp(value).normalize()
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, str):
        s = span(value.strip())
        if s is not None:
            return s[1] if end else s[0]
    raise InputError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or a datetime.date)")


def between_mask(dates: pd.Series, between) -> pd.Series:
    """Which dates overlap the range ``between = (start, end)``; undated events never do."""
    try:
        start, end = between
    except (TypeError, ValueError):
        raise InputError(f"between must be a pair (start, end), got {between!r}") from None
    lo, hi = bound(start, "between start", end=False), bound(end, "between end", end=True)
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"between: start {start!r} is after end {end!r}")

    def inside(value) -> bool:
        s = span(value)
        return s is not None and (hi is None or s[0] <= hi) and (lo is None or s[1] >= lo)

    return dates.map(inside).astype(bool)
