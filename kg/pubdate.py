"""An article's publication date, read from its text when no sidecar gives it.

Pure functions over the text. Three sources, in order of trust:
1. a ``date YYYY-MM-DD`` line near the top;
2. a dateline (``BEIJING, Dec. 15, 2021 (Agency) --``; ``MOSCOW, December 30. /TASS/`` with the
   year taken from the weekday the lead gives, "on Friday", and the years the text mentions);
3. a day the text dates with its weekday ("last Friday (December 30)"): the article was written
   after it; this only estimates a reference for relative dates and is never published as the
   article's date.
"""
from __future__ import annotations

import datetime as dt
import re

from .dates import MONTHS, WEEKDAYS, Reference, year_from_weekday, years_mentioned

_MON = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"


def _month_group(name: str) -> str:
    """_MON as a named group."""
    return _MON.replace("(Jan", f"(?P<{name}>Jan", 1)


# "March 21, 2023", "3 September 2025": a day, its month and year in either order
_FULL_DATE = (rf"(?:{_month_group('mon')}\s+(?P<day>\d{{1,2}}),?|(?P<day2>\d{{1,2}})\s+{_month_group('mon2')})"
              rf"\s+(?P<year>(?:19|20)\d\d)\b")
_FULL_DATE_RE = re.compile(rf"\b{_FULL_DATE}")
# "in June 2024": a month of a year, a day not told (the day of a full date is not a month's)
_MONTH_YEAR_RE = re.compile(rf"(?<!\d\s)(?<!\d)\b{_month_group('mon')}\s+(?P<year>(?:19|20)\d\d)\b")
_FUTURE_BEFORE = re.compile(r"\b(?:will|shall|to be|is due|are due|expected|scheduled|planned|plans?|next|until|by|before)\b", re.I)
_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*((?:19|20)\d\d-\d\d-\d\d)\b", re.I | re.M)
# "BEIJING, Dec. 15, 2021 (Agency) --", "SAMARKAND, Uzbekistan, Sept. 15 (Agency) –", "MOSCOW, December 30. /TASS/."
_DATELINE = re.compile(
    rf"^\s*(?P<city>[A-Z][A-Z .'-]{{2,30}}),(?:\s*[A-Z][a-z]+,)?\s+{_MON}\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>(?:19|20)\d\d))?",
    re.M)
# "Beijing, 9 September 2019 - Publisher", "Blagoveshchensk, July 17, 2025": a line opening with a place
# and a full date (the year required: "However, March 3 ..." is a sentence)
_PLACE_DATE_LINE = re.compile(rf"^[ \t]*[A-Z][A-Za-z .'-]{{2,30}},(?:\s*[A-Z][a-z]+,)?\s+{_FULL_DATE}", re.M)
_STAMP_LABEL = r"(?:(?:published|posted|updated|date|dated|released)(?:\s+on)?\s*:?\s*)?"
# a line of its own near the top that is a full date: "March 21, 2023, 16:10", "Published: May 5, 2025",
# "Wednesday, 3 September 2025 | 5-minute read", "Posted on 12 Sept. 2024 by ...", "ENERGY BRIEF | 2 December 2019";
# "Steppe Trade Weekly | Astana, 4 June 2019": a section or publication, then where it was filed
_SECTION = r"(?:[A-Z][\w&'’ -]{1,40}?\s*[|—–]\s*(?:[A-Z][A-Za-z .'-]{2,30},\s*)?)?"
_STAMP_LINE = re.compile(
    rf"^[ \t]*{_SECTION}{_STAMP_LABEL}"
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"{_FULL_DATE}(?P<rest>[^\n]{{0,60}})$", re.I | re.M)
# "2018-09-11 23:40", "Updated 2024-05-16T09:30", "2023-03-21 | Beijing"
_ISO_STAMP_LINE = re.compile(
    rf"^[ \t]*{_STAMP_LABEL}(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:[ T]\d{{1,2}}:\d\d(?::\d\d)?)?\b"
    rf"(?P<rest>[^\n]{{0,60}})$", re.I | re.M)
_UPDATED_IN_LINE = re.compile(rf"\b(?:last\s+)?(?:updated|published|posted)(?:\s+on)?\s*:?\s+{_FULL_DATE}\s*\.?\s*$", re.I)
STAMP_LINES = 8  # the stamp is looked for among the first lines with text
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# "last Friday (December 30)", "on Friday, December 30", "Friday, 16 September"
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<last>last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*[,(]?\s*(?:{_MON}\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+{_month_group('mon2')})(?:,?\s*(?P<year>(?:19|20)\d\d))?")


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _full_date(m: re.Match) -> dt.date | None:
    """The day a match of _FULL_DATE names."""
    return _date(int(m.group("year")), _month(m.group("mon") or m.group("mon2")), int(m.group("day") or m.group("day2")))


def _stamp_line(head: str) -> dt.date | None:
    """The date of a line near the top that holds nothing but a date (and a time, place or reading time)."""
    lines = [line for line in head.splitlines() if line.strip()][:STAMP_LINES]
    for line in lines:
        m = _STAMP_LINE.match(line) or _ISO_STAMP_LINE.match(line)
        # not a sentence going on ("Friday 23 May 2008. Updated throughout the day." ends with the date)
        if m and (not re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", m.group("rest")) or re.match(r"\s*[.|•·]\s", m.group("rest"))):
            if m.re is _ISO_STAMP_LINE:
                y, mo, d = m.group("iso").split("-")
                return _date(int(y), int(mo), int(d))
            return _full_date(m)
    for line in lines:
        # "Compiled by the Eurasia Desk. Last updated 30 June 2019.": a short line that says so
        m = _UPDATED_IN_LINE.search(line)
        if m and len(line.strip()) <= 100:
            return _full_date(m)
    return None


def publication_date(text: str) -> tuple[str | None, Reference]:
    """The publication date the text states (ISO or None) and the reference for relative dates."""
    head = text[:3000]
    years = years_mentioned(text)
    m = _DATE_LINE.search(head[:400])
    if m:
        d = dt.date.fromisoformat(m.group(1))
        return d.isoformat(), Reference(d, False, years)
    d = _stamp_line(head)
    if d:
        return d.isoformat(), Reference(d, False, years)
    m = _PLACE_DATE_LINE.search(head[:600])
    if m:  # "Beijing, 9 September 2019 - Silk Corridor Business Weekly"
        d = _full_date(m)
        if d:
            return d.isoformat(), Reference(d, False, years)
    m = _DATELINE.search(head)
    if m:
        month, day = _month(m.group(2)), int(m.group("day"))
        if m.group("year"):
            d = _date(int(m.group("year")), month, day)
            if d:
                return d.isoformat(), Reference(d, False, years)
        wd = _WEEKDAY.search(text[m.end():m.end() + 1500])
        if wd:
            year = year_from_weekday(month, day, WEEKDAYS[wd.group(1).lower()], years)
            d = _date(year, month, day) if year else None
            if d:
                return d.isoformat(), Reference(d, False, years)
    # a day the text dates by its weekday: the article was written on or after it
    best = None
    for m in _WEEKDAY_DATE.finditer(text):
        mon = m.group(3) or m.group("mon2")
        if not mon:
            continue
        day = int(m.group("day") or m.group("day2"))
        month = _month(mon)
        if m.group("year"):
            d = _date(int(m.group("year")), month, day)
        else:
            year = year_from_weekday(month, day, WEEKDAYS[m.group("wd").lower()], years)
            d = _date(year, month, day) if year else None
        if d and d.weekday() == WEEKDAYS[m.group("wd").lower()]:
            est = d + dt.timedelta(days=3 if m.group("last") else 0)
            if best is None or est > best:
                best = est
    if best:
        return None, Reference(best, True, years)
    # the last full date the text tells as past ("met in Vientiane on 25 July 2024"): written on or after it
    told = [d for m in _FULL_DATE_RE.finditer(text) if not _FUTURE_BEFORE.search(_sentence_before(text, m.start()))
            for d in [_full_date(m)] if d]
    if told:
        # (or after the last month it tells as past, when that is later: "Then, in June 2024, X was in New York")
        months = [dt.date(int(m.group("year")), _month(m.group("mon")), 1) for m in _MONTH_YEAR_RE.finditer(text)
                  if not _FUTURE_BEFORE.search(_sentence_before(text, m.start()))]
        return None, Reference(max(told + months), True, years)
    return None, Reference(None, True, years)


def _sentence_before(text: str, at: int) -> str:
    """The text of the sentence before offset ``at``."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("? ", 0, at), -1) + 1
    return text[start:at]
