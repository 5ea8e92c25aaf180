"""Date expressions in news text: finding them and resolving them against a reference date.

Pure functions, no NLP. A resolved date is an ISO string at the precision the text supports:
``YYYY-MM-DD`` (xsd:date), ``YYYY-MM`` (xsd:gYearMonth) or ``YYYY`` (xsd:gYear).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
CALENDAR_WORDS = frozenset(MONTH_NAMES) | {d.title() for d in WEEKDAYS}  # capitalised words that are never names
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "several": None, "a few": None}

def count_of(word: str) -> int | None:
    """'ten' -> 10, '10' -> 10, 'a' -> 1 (None for 'several')."""
    return int(word) if word.isdigit() else NUMBERS.get(word.lower())


_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
# a month and the day after it: "May 16", "Sept. 5", one line wrapped in between ("May\n16"); never an
# abbreviation's or a sentence's full stop and a new line ("on 23 March.\n\n4. 21 September ...")
_MON_DAY_GAP = _MON.removesuffix(r"\.?") + r"(?:\.?[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>early|mid|late|the (?:start|end|beginning|middle) of|end of|beginning of|middle of|the first half of|the second half of)"
_REL = r"(?P<rel>last|next|this|previous|past|coming|following|earlier this|later this|the previous|the following|(?:by|before) the end of (?:the|this))"
_UNIT = r"(?P<unit>week|month|year|spring|summer|autumn|fall|winter|weekend)"
_NUM = r"(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a)"

# order matters: the longest forms first; matches never overlap
_YEAR_REL = "last|this|next|that|the same"  # "May last year", "22 May that year"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MON_DAY_GAP}{_DAY}(?:\s*(?:[-–]|to|through|and)\s*{_DAY2})?,?\s+{_YEAR}\b")),
    # "March last year", "on May 16 this year", "in October of next year": a month of a year told relatively
    # "22 May last year", "in May that year" (counted from the year the text told last, by the extractor)
    ("dmry", re.compile(rf"\b{_DAY}\s+{_MON}\s+(?:of\s+)?(?P<rel>{_YEAR_REL})\s+year\b")),
    ("mry", re.compile(rf"\b(?:{_PART}[\s-]+)?{_MON}(?:\s+{_DAY})?,?\s+(?:of\s+)?(?P<rel>{_YEAR_REL})\s+year\b")),
    ("dmy", re.compile(rf"\b(?:{_WD},?\s+)?{_DAY}(?:\s*(?:[-–]|to|through|and)\s*{_DAY2})?\s+{_MON}\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b(?:{_WD},?\s+)?{_MON_DAY_GAP}{_DAY}(?:\s*(?:[-–]|to|through|and)\s*{_DAY2})?\b(?![:\d])")),
    ("dm", re.compile(rf"\b(?:{_WD},?\s+)?{_DAY}(?:\s*(?:[-–]|to|through|and)\s*{_DAY2})?\s+{_MON}\b(?!\s+(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b(?:{_PART}[\s-]+)?{_MON}(?:\s+of)?\s+{_YEAR}\b")),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("rel", re.compile(rf"\b{_REL}\s+{_UNIT}\b(?!\s+(?:19|20)\d\d)", re.I)),
    ("relwd", re.compile(rf"\b(?P<rel>last|next|this|this past|this coming)\s+{_WD}\b", re.I)),
    # lower case: "the Winter Olympics", "the Summer Palace" are names
    ("season", re.compile(r"\b(?:[Ii]n\s+)?[Tt]he\s+(?P<unit>spring|summer|autumn|fall|winter)\b")),
    # ("last July", "next March": the one before or after this month, never this month's)
    ("m", re.compile(rf"\b(?:(?P<mrel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?:{_PART}[\s-]+)?{_MON2}\b(?!\s+\d)")),
    ("wd", re.compile(rf"\b{_WD}(?:'s)?\b")),
    ("y", re.compile(rf"(?<![-$£€\d.,]){_YEAR}\b(?!\s*(?:bcm|billion|million|tonnes|cubic|%|km|people|participants|words))")),
    ("today", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening)|earlier today|on the day(?!\s+(?:he|she|they|it|we|of|after|before|that|when|which|the|his|her|their|its)\b))\b", re.I)),
]
# "May" and "March" are also words; accept them only in date-like contexts
_AMBIGUOUS_MONTH_WORDS = {"may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "apr"}


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in a text (character offsets into that text)."""

    kind: str
    start: int
    end: int
    text: str
    fields: tuple = ()

    def get(self, name, default=None):
        return dict(self.fields).get(name, default)


@dataclass(frozen=True)
class Resolved:
    """A resolved date: ISO value at some precision; ``weak`` when the reference date was a guess."""

    value: str
    weak: bool = False
    future: bool = False

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]


@dataclass
class Reference:
    """What relative dates are resolved against: the article's (possibly estimated) date."""

    date: dt.date | None = None
    weak: bool = False  # the date is an estimate (the text does not state the year, say)
    context_years: tuple[int, ...] = field(default_factory=tuple)


# What each pattern can begin with: a date pattern is tried only where a word of one of these
# classes begins (every pattern but "y" begins at a word boundary), which gives the matches
# ``finditer`` gives, several times faster than scanning every position of the text with each.
_LEADS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "mdy": ("wd", "mon"), "dmry": ("digit",), "mry": ("part", "mon"),
    "dmy": ("wd", "digit"), "md": ("wd", "mon"), "dm": ("wd", "digit"), "my": ("part", "mon"),
    "ago": ("digit", "num"), "rel": ("rel",), "relwd": ("relwd",), "season": ("season",),
    "m": ("part", "mon", "relwd"), "wd": ("wd",), "today": ("today",),
}
_MON_WORD = re.compile(_MON.replace("?P<mon>", "?:").removesuffix(r"\.?"))
_PART_WORDS = frozenset({"early", "mid", "late", "the", "end", "beginning", "middle"})
_WD_WORDS = frozenset(d.title() for d in WEEKDAYS)
# the first words of the case-insensitive patterns (_NUM, _REL, "relwd", "season", "today"), lowercased
_FOLDED = {
    "num": frozenset(NUMBERS) - {"a few"},
    "rel": frozenset({"last", "next", "this", "previous", "past", "coming", "following", "earlier", "later", "the", "by", "before"}),
    "relwd": frozenset({"last", "next", "this"}),
    "season": frozenset({"in", "the"}),
    "today": frozenset({"today", "tonight", "yesterday", "tomorrow", "last", "this", "earlier", "on"}),
}
_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def _classes(word: str) -> tuple[str, ...]:
    out = []
    if word[0].isdigit():
        out.append("digit")
    if word in _WD_WORDS:
        out.append("wd")
    if word in _PART_WORDS:
        out.append("part")
    if _MON_WORD.fullmatch(word):
        out.append("mon")
    low = word.lower()
    for name, first in _FOLDED.items():
        # a case-insensitive pattern folds a few non-ASCII letters onto ASCII ones (Kelvin sign K):
        # such a word is tried whatever it is
        if low in first or not low.isascii():
            out.append(name)
    return tuple(out)


def _starts(text: str) -> dict[str, list[int]]:
    """Where the words of each class begin in ``text``."""
    at: dict[str, list[int]] = {}
    for m in _WORD_RUN.finditer(text):
        for c in _classes(m.group()):
            at.setdefault(c, []).append(m.start())
    return at


def _matches(kind: str, pat: re.Pattern, text: str, at: dict[str, list[int]]):
    """``pat.finditer(text)``, trying only where the pattern can begin."""
    leads = _LEADS.get(kind)
    if leads is None:
        yield from pat.finditer(text)
        return
    places = sorted({p for c in leads for p in at.get(c, ())})
    end = 0
    for p in places:
        if p >= end:
            m = pat.match(text, p)
            if m:
                end = m.end()
                yield m


def find_dates(text: str) -> list[DateExpr]:
    """All date expressions in ``text``, non-overlapping, in order."""
    taken = bytearray(len(text) + 1)  # characters already inside an expression
    out: list[DateExpr] = []
    at = _starts(text)
    for kind, pat in PATTERNS:
        for m in _matches(kind, pat, text, at):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            mon = (fields.get("mon") or fields.get("mon2") or "").lower().rstrip(".")
            if kind == "m" and mon in _AMBIGUOUS_MONTH_WORDS and "mrel" not in fields and not _month_context(text, s, e, fields):
                continue
            if kind == "m" and (m.group("mon2") or "x")[0].islower():
                continue
            if kind in ("md", "dm") and mon in ("may", "march") and fields.get("day") is None:
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append(DateExpr(kind, s, e, m.group(0), tuple(sorted(fields.items()))))
    out.sort(key=lambda d: d.start)
    return out


def _month_context(text: str, s: int, e: int, fields: dict) -> bool:
    if fields.get("part"):
        return True
    before = text[max(0, s - 12):s].lower()
    return bool(re.search(r"\b(in|since|until|by|from|of|last|next|this|early|late|mid|during|before|after)\s*-?$", before))


def month_of(expr: DateExpr) -> int | None:
    mon = expr.get("mon") or expr.get("mon2")
    return MONTHS[mon.lower().rstrip(".")] if mon else None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def resolve(expr: DateExpr, ref: Reference, future: bool = False) -> Resolved | None:
    """Resolve ``expr`` against ``ref``. ``future`` says the sentence speaks of what is to come.

    Returns None where the expression cannot be placed in time (no reference for a relative
    expression, an impossible calendar date).
    """
    k = expr.kind
    weak = ref.weak
    today = ref.date
    if k == "iso":
        return Resolved(_ymd(int(expr.get("year")), int(expr.get("m")), int(expr.get("d"))) or expr.get("year"))
    if k in ("mdy", "dmy"):
        v = _ymd(int(expr.get("year")), month_of(expr), int(expr.get("day")))
        return Resolved(v) if v else None
    if k == "my":
        return Resolved(f"{int(expr.get('year')):04d}-{month_of(expr):02d}")
    if k == "y":
        return Resolved(expr.get("year"))
    if k in ("mry", "dmry"):
        if today is None:
            return None
        rel = expr.get("rel").lower()
        year = today.year + {"last": -1, "this": 0, "next": 1, "that": 0, "the same": 0}[rel]
        month, day = month_of(expr), expr.get("day")
        v = _ymd(year, month, int(day)) if day else f"{year:04d}-{month:02d}"
        return Resolved(v, weak=weak, future=rel == "next") if v else None
    if k in ("md", "dm"):
        month, day = month_of(expr), int(expr.get("day"))
        wd = expr.get("wd")
        year = _year_for(month, day, ref, future, WEEKDAYS.get((wd or "").lower()))
        if year is None:
            return None
        v = _ymd(year, month, day)
        return Resolved(v, weak=weak or today is None, future=future) if v else None
    if k == "m":
        month = month_of(expr)
        if today is None:
            return None
        year = today.year
        rel = (expr.get("mrel") or "").lower()
        if rel == "last":
            return Resolved(f"{year - (month >= today.month):04d}-{month:02d}", weak=weak, future=False)
        if rel == "next":
            return Resolved(f"{year + (month <= today.month):04d}-{month:02d}", weak=weak, future=True)
        if rel == "this":
            return Resolved(f"{year:04d}-{month:02d}", weak=weak, future=future)
        if future and month < today.month:
            year += 1
        elif not future and month > today.month:
            year -= 1
        return Resolved(f"{year:04d}-{month:02d}", weak=weak, future=future)
    if today is None:
        return None
    if k == "today":
        w = expr.get("w").lower()
        delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return Resolved((today + dt.timedelta(days=delta)).isoformat(), weak=weak, future=delta > 0)
    if k == "wd":
        return Resolved(_weekday_near(today, WEEKDAYS[expr.get("wd").lower()], future).isoformat(), weak=weak, future=future)
    if k == "relwd":
        rel = expr.get("rel").lower()
        fut = rel.startswith("next") or "coming" in rel or (rel == "this" and future)
        day = _weekday_near(today, WEEKDAYS[expr.get("wd").lower()], fut)
        if rel == "last" and day == today:
            day -= dt.timedelta(days=7)
        return Resolved(day.isoformat(), weak=weak, future=fut)
    if k == "ago":
        num = expr.get("num").lower()
        n = int(num) if num.isdigit() else NUMBERS.get(num)
        unit = expr.get("unit").lower().rstrip("s")
        if n is None:
            return None
        if unit == "day":
            return Resolved((today - dt.timedelta(days=n)).isoformat(), weak=weak)
        if unit == "week":
            return _month_of_day(today - dt.timedelta(days=7 * n), weak)
        if unit == "month":
            y, m = _shift_month(today.year, today.month, -n)
            return Resolved(f"{y:04d}-{m:02d}", weak=weak)
        return Resolved(f"{today.year - n:04d}", weak=weak)
    if k == "rel":
        rel = expr.get("rel").lower()
        unit = expr.get("unit").lower()
        step = -1 if rel in ("last", "previous", "past", "the previous") else 1 if rel in ("next", "coming", "following", "the following") else 0
        if unit == "year":
            return Resolved(f"{today.year + step:04d}", weak=weak, future=step > 0)
        if unit == "month":
            y, m = _shift_month(today.year, today.month, step)
            return Resolved(f"{y:04d}-{m:02d}", weak=weak, future=step > 0)
        if unit in ("week", "weekend"):
            if weak:  # a week counted from an estimated date says little
                return None
            return _month_of_day(today + dt.timedelta(days=7 * step), weak, future=step > 0)
        if unit in SEASONS:
            start = _SEASON_START[unit]
            if step > 0:
                year = today.year if today.month < start else today.year + 1
            elif step < 0:
                year = today.year if today.month > start + 2 else today.year - 1
            else:
                year = today.year
            return Resolved(f"{year:04d}", weak=weak, future=step > 0 or (step == 0 and future))
    if k == "season":
        unit = expr.get("unit").lower()
        year = today.year + (1 if future and today.month >= _SEASON_START[unit] else 0)
        return Resolved(f"{year:04d}", weak=weak, future=future)
    return None


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _month_of_day(day: dt.date, weak: bool, future: bool = False) -> Resolved:
    return Resolved(f"{day.year:04d}-{day.month:02d}", weak=weak, future=future)


def _weekday_near(today: dt.date, weekday: int, future: bool) -> dt.date:
    """The nearest ``weekday`` on or before ``today`` (on or after it when ``future``)."""
    if future:
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


UPCOMING_DAYS = 21  # a month and day without a year up to three weeks after the reference are still to come


def _year_for(month: int, day: int, ref: Reference, future: bool, weekday: int | None) -> int | None:
    today = ref.date
    if today is not None:
        year = today.year
        if weekday is not None:
            # "Friday, April 22": of the years around the reference, the one where it was a Friday
            fits = [y for y in (year - 1, year, year + 1) if _ymd(y, month, day) and dt.date(y, month, day).weekday() == weekday]
            if len(fits) == 1:
                return fits[0]
        cand = _ymd(year, month, day)
        if cand is None:
            return year
        cand_d = dt.date.fromisoformat(cand)
        if future and cand_d < today - dt.timedelta(days=2):
            year += 1
        elif not future and cand_d > today + dt.timedelta(days=UPCOMING_DAYS):
            # a day in the next few weeks is this year's, whatever the tense ("the summit in Astana on
            # July 3-4", written in June); a later one, last year's
            year -= 1
        return year
    if weekday is not None:
        return year_from_weekday(month, day, weekday, ref.context_years)
    return None


def year_from_weekday(month: int, day: int, weekday: int, context_years) -> int | None:
    """The year in which ``month``/``day`` fell on ``weekday``, nearest the years the text mentions.

    News text that gives "Friday, December 30" without a year is dated by the calendar: of the
    years where that day was that weekday, take the one nearest the latest year the article speaks
    of, preferring one after it (an article is written after the past it reports).
    """
    years = sorted(set(context_years))
    if not years:
        return None
    hi = max(years)
    fits = [y for y in range(min(years) - 7, hi + 8) if _ymd(y, month, day) and dt.date(y, month, day).weekday() == weekday]
    if not fits:
        return None
    return min(fits, key=lambda y: ((y - hi) if y >= hi else (hi - y) * 1.5, y))


_YEAR_NUMBER = re.compile(r"((?:199|20[0-3])\d)(?!\d)")


_TARGET_BEFORE = re.compile(r"\b(by|until|till|before|through)\s+$|\d{4}\s*[-–]\s*$")


def years_mentioned(text: str) -> tuple[int, ...]:
    """Four-digit years the text mentions (1990–2039), for dating text that gives no year.

    Targets ("by 2030", "until 2035", the end of a period such as a plan's "for 2005-2008") say little
    of when the text was written: they count only when the text names no other year."""
    past, targets = [], []
    for m in _YEAR_NUMBER.finditer(text):
        if m.start() and (text[m.start() - 1].isdecimal() or text[m.start() - 1] == "$"):
            continue  # part of a longer number, or a sum; tested here: a lookbehind is tried at every offset
        target = _TARGET_BEFORE.search(text[max(0, m.start() - 10):m.start()].lower())
        (targets if target else past).append(int(m.group(1)))
    return tuple(past or targets)


def compatible(a: str | None, b: str | None) -> bool:
    """Two ISO partial dates can name the same day: one is a prefix of the other."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


# a summit or forum lasts some days: two of its days told apart are the same gathering
GATHERING_DAYS = 5


def same_gathering_days(a: str | None, b: str | None) -> bool:
    """Two full dates a few days apart ("opened on Wednesday", "talks on Thursday on its sidelines")."""
    if not a or not b or len(a) != 10 or len(b) != 10:
        return False
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= GATHERING_DAYS
    except ValueError:
        return False


def more_precise(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    return a if len(a) >= len(b) else b


_HEADING_FILLER = re.compile(r"[\W_]*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[\W_]*)?")
# "3. April 23-24, 2018 — Beijing. Lavrov ...", "• 5 June 2024: ...", "9. 25 July 2024, Vientiane - Lavrov
# ...": a list item headed by its day
_ITEM_HEAD = re.compile(r"\s*(?:\d{1,2}[.)]|[•*·▪-])?\s*")
_ITEM_DASH = re.compile(r"\s*(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+)?[—–:-]")  # "... 2024, Vientiane - "
_DAY_FIRST = re.compile(r"\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", re.I)


# "2010: parades and pipes", "2012", "2011 — the treaty turns ten": a heading naming a year
_YEAR_HEADING = re.compile(r"\s*((?:19|20)\d\d)(?:\s*[:—–-]\s*[^.!?]{0,60})?\s*$")


def year_sections(text: str) -> list[tuple[int, int, str]]:
    """The stretches of text under headings that name a year, as (start, end, year), where there are
    two or more such headings (a recap told year by year)."""
    heads, pos = [], 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        m = _YEAR_HEADING.fullmatch(line.rstrip("\r\n"))
        if m:
            heads.append((start, m.group(1)))
    if len(heads) < 2:
        return []
    ends = [start for start, _ in heads[1:]] + [len(text)]
    return [(start, end, year) for (start, year), end in zip(heads, ends)]


# a heading's place after its day: " - Xiamen, China", " — Buenos Aires"
_PLACE_AFTER = re.compile(r"\s+[—–-]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?\s*")
_TIMESTAMP = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d\b(?!\s*(?:a\.?m|p\.?m|GMT|UTC|local|Moscow|Beijing))")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _block_end(text: str, at: int) -> int:
    """Where the lines from ``at`` on end: at the next blank line, or the end of the text."""
    m = _BLANK_LINE.search(text, at)
    return m.start() if m else len(text)


def dated_sections(text: str, ref: Reference) -> list[tuple[int, int, str]]:
    """The stretches of text a day heads, as (start, end, ISO day): a bulletin's day headings, lines
    that hold nothing but a day ("THURSDAY, 10 SEPTEMBER 2020", "Tuesday, May 14"), with the title
    just above one, up to the next (only where there are two or more: a single date line is the
    article's stamp); and each entry of a list that opens with a day ("1. April 3, 2018 — Moscow. ...",
    or a month: "1. October 2008, Moscow - Rail bridge agreement.", with the lines right under it)."""
    headings, items, stamped = [], [], []
    pos = 0
    title = None  # where the line before begins, when it is a title ("Wang Yi Talks with Lavrov by Phone")
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.strip()
        if not body:
            continue
        above, title = title, start if len(body.split()) <= 16 and not re.search(r"[.!?:;,]$", body) else None
        if _TIMESTAMP.match(body):
            stamped.append(start)
        head = _ITEM_HEAD.match(line).end()
        if not _DAY_FIRST.match(line, head):
            continue  # cheap: most lines do not begin with a day
        norm = body.title() if body.isupper() else line[head:].rstrip()
        found = find_dates(norm)
        if not found or found[0].kind not in ("mdy", "dmy", "md", "dm", "iso", "wd", "my"):
            continue
        d = found[0]
        r = resolve(d, ref)
        if r is None or len(r.value) != 10 and not (d.kind == "my" and d.start == 0 and _ITEM_DASH.match(norm, d.end)):
            continue  # (a month heads only a list item: "1. October 2008, Moscow - Rail bridge agreement.")
        if len(found) == 1 and _HEADING_FILLER.fullmatch(norm[:d.start]) and (
                len(body) <= 40 and re.fullmatch(r"[\W_]*", norm[d.end:])
                or len(body) <= 70 and _PLACE_AFTER.fullmatch(norm[d.end:])):  # "* 3 September 2017 - Xiamen, China"
            # a title just above the day is the item's: "Wang Yi Talks with Lavrov by Phone\n2022-02-24"
            headings.append((start if above is None else above, start + len(line.rstrip()), r.value))
        elif d.start == 0 and _ITEM_DASH.match(norm, d.end) and len(body) > 40:
            items.append((start, start + len(line.rstrip()), r.value))
    # an item's heading line and the lines right under it, up to a blank line or the next item
    starts = [start for start, _, _ in items[1:]] + [len(text)]
    items = [(start, min(_block_end(text, end), nxt), day) for (start, end, day), nxt in zip(items, starts)]
    out = items[:] if len(items) >= 2 else []
    if len(headings) < 2 and len(stamped) >= 2 and ref.date and not ref.weak:
        # a live page of one day: its timestamped posts ("09:35 Hu has greeted Medvedev") are that day's
        out.append((stamped[0], len(text), ref.date.isoformat()))
    if len(headings) >= 2:
        nexts = [h[0] for h in headings[1:]] + [len(text)]
        out += [(start, nxt, day) for (start, _, day), nxt in zip(headings, nexts)]
    return sorted(out)

