"""Within one article: the reports of one event told in several sentences become one; anaphoric
mentions ("the call") join the event they refer to; talks during a visit or on the sidelines of a
summit become part of it; what a report lacks (date, place) is taken from the event it belongs to."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..dates import Reference, compatible, find_dates, same_gathering_days
from ..records import EventReport, doc_kind, gathering_key
from ..vocab import EVENT_FAMILY, REMOTE_KINDS
from .agreements import SIGNER_VERBS
from .common import SAID_BEFORE, UNNAMED_TALKS

LEAD_SENTENCES = 3  # news leads report the article's own news
VISIT_DAYS = 7  # reports of one person's trip within this many days are one visit
ADJACENT_CHARS = 3  # the next sentence: only the white space between them
NEARBY_CHARS = 1200  # "The two presidents also held a three-way meeting ...": a few sentences on
_ONGOING_VISIT = re.compile(r"\b(?:is|are|was|were)\s+(?:currently\s+|now\s+)?(?:(?:in|on)\s+(?:[A-Z][\w.-]*\s+){1,3})?"
                            r"(?:on|for)\s+(?:an?|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:visit|trip|tour)\b"
                            r"|\b(?:is|are)\s+(?:currently\s+|now\s+)?visiting\b")
_SIDELINES_OF_THAT = re.compile(r"\b(?:sidelines|margins) of (?:that|the|this) (?:[\w-]+ )?(?:gathering|summit|forum|meeting)\b"
                                r"(?! (?:of|in)\b)", re.I)
_DURING_TRIP = re.compile(r"\b(?:during|on|in the course of) (?:the same|that|this|the|his|her|their) (?:trip|visit|tour|stay)\b", re.I)
# "take part by video link", "joined online", "addressed the summit from Moscow": at something else, from afar
_TAKES_PART = re.compile(r"\b(?:tak(?:e|es|ing)|took)\s+part\b|\bparticipat\w*|\bjoin(?:s|ed|ing)?\b|\battend\w*|\baddress\w*", re.I)
# the people of the talks the sentence tells are who signed: "they ... issued a joint statement"
_THEY_SIGNED = re.compile(rf"\b(?:they|the two(?:\s+\w+)?|both(?:\s+\w+)?)\s+(?:[^.;]{{0,140}}?\s)?(?:{SIGNER_VERBS})\b", re.I)
_MET_AGAIN = re.compile(r"\b(?:met|meet|meets|spoke|talked|sat down)\s+(?:\w+\s+){0,2}?again\b|\bagain\s+(?:met|spoke|talked|held talks)\b", re.I)
_BOUND_BEFORE = re.compile(r"\b(?:until|till|through|since|by|before)\s+$", re.I)
_OF_THE_TRIP = re.compile(r"\b(?:of|during|on|in the course of)\s+(?:the|this|that|his|her)\s+(?:visit|trip|tour)\b", re.I)
_OWN_TALKS = re.compile(r"\b(?:talks|calls?|conversations?|spoke\s+(?:with|to)|met|meetings?|held|hold)\b", re.I)
_BODY_END = re.compile(r"[.!?\"'”’)]\s*$")  # a headline has no full stop: it is not dated by the article
# a lead sentence dated relative to something else is not dated by the article
_RELATIVE_DAY = re.compile(r"\b(opening|closing|first|second|last|final) day\b|\bthe day (before|after)\b|\b(?:days?|weeks?|months?|years?|shortly|soon|just|long) (after|before)\b", re.I)


# "X held talks with Y, who arrived in Russia on 30 June on a state visit": the day of the arrival
_ARRIVAL_CLAUSE = re.compile(r",\s*who\s+(?:had\s+)?(?:arrived|came|flew|landed|travelled|traveled)\b[^,;.]*$", re.I)


def _event_dates(text: str) -> list:
    """The dates of a sentence but the day something was said ('..., the ministry said on Wednesday')
    and the bounds of a time ('extended until 2033', 'since 2018')."""
    return [d for d in find_dates(text) if not SAID_BEFORE.search(text[max(0, d.start - 25):d.start])
            and not _BOUND_BEFORE.search(text[max(0, d.start - 12):d.start])]


def _family(r: EventReport) -> str:
    return EVENT_FAMILY.get(r.kind, r.kind)


def _modes_clash(a: EventReport, b: EventReport) -> bool:
    kinds = {a.kind, b.kind}
    if REMOTE_KINDS <= kinds:
        return True
    remote = REMOTE_KINDS & kinds
    return bool(remote) and "in_person" in (a.mode, b.mode) or {a.mode, b.mode} == {"in_person", "remote"}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value and len(value) == 10 else None


def _same_visit(a: EventReport, b: EventReport, people_of) -> bool:
    """One person's trip told day by day: 'landed in Shanghai on Monday', 'met Xi in Beijing on Wednesday'."""
    if set(people_of(a)) != set(people_of(b)) or a.planned != b.planned:
        return False
    if compatible(a.date, b.date):
        return True
    da, db = _day(a.date), _day(b.date)
    return bool(da and db and abs((da - db).days) <= VISIT_DAYS)


def _background(r: EventReport) -> bool:
    """Dated well before the article: a past event recalled, not the article's news."""
    if not r.date or not r.reported:
        return False
    if len(r.date) == 10:
        return (_day(r.reported) - _day(r.date)).days > 7
    return r.date[:7] < r.reported[:7]


def _same_event(a: EventReport, b: EventReport, people_of) -> bool:
    if _family(a) != _family(b) or _modes_clash(a, b):
        return False
    if (a.date is None) != (b.date is None) and _family(a) != "Agreement" and _background(a if a.date else b) \
            and not (a.location and a.location == b.location):
        return False
    if _family(a) == "Visit":
        return _same_visit(a, b, people_of)
    if _family(a) == "Summit" and gathering_key(a) == gathering_key(b) and same_gathering_days(a.date, b.date):
        return True  # "the summit opened on Wednesday", "talks on Thursday on its sidelines"
    if not compatible(a.date, b.date):
        return False
    if _family(a) == "Meeting" and a.start != b.start and _MET_AGAIN.search(max(a, b, key=lambda r: r.start).evidence):
        return False  # "... the two ministers met again, in New Delhi": other talks than those told before
    if a.planned != b.planned and a.date and b.date and a.date != b.date and not (a.anaphoric or b.anaphoric) \
            and _BODY_END.search(a.evidence) and _BODY_END.search(b.evidence):
        # "they met in July"; "the next meeting is due before the end of the year" (a headline may tell both)
        return False
    if a.location and b.location and a.location != b.location:
        return False
    pa, pb = set(people_of(a)), set(people_of(b))
    if _family(a) == "Agreement":
        la, lb = (a.label or "").lower(), (b.label or "").lower()
        if la == lb:
            return True
        if len(la.split()) >= 3 and len(lb.split()) >= 3 and not (la.startswith(lb) or lb.startswith(la)):
            return False  # "Joint statement on trade", "Joint statement on water": two documents
        return doc_kind(a.label) == doc_kind(b.label) and set(a.participants) == set(b.participants) and (a.date is None) != (b.date is None)
    if _family(a) == "Summit":
        return gathering_key(a) == gathering_key(b)
    if not pa or not pb:
        return False
    if (a.label == "trilateral meeting") != (b.label == "trilateral meeting"):
        return False
    return pa == pb or (min(len(pa), len(pb)) >= 2 and (pa <= pb or pb <= pa))


def _complete(r: EventReport, people_of) -> bool:
    """Whether a report tells enough to be an event (talks need two sides, a trip a traveller)."""
    fam = _family(r)
    if fam == "Meeting":
        return len(r.participants) >= 2 and bool(people_of(r))
    if fam == "Visit":
        return bool(people_of(r))
    return True


def _absorb(keep: EventReport, other: EventReport, places) -> None:
    if not _BODY_END.search(keep.evidence) and _BODY_END.search(other.evidence) and not other.anaphoric:
        # a headline names the event; the sentence that tells it is the better evidence
        keep.evidence, keep.start, keep.end = other.evidence, other.start, other.end
    keep.participants = list(dict.fromkeys(keep.participants + other.participants))
    keep.signatories = list(dict.fromkeys(keep.signatories + other.signatories))
    if _family(keep) == "Visit" and keep.date and other.date and not compatible(keep.date, other.date):
        # a trip told day by day ("landed on Monday", "talks on Wednesday"): its first day is not
        # certain, its month is
        keep.date = min(keep.date, other.date)[:7] if keep.date[:7] == other.date[:7] else min(keep.date, other.date)
        keep.several_days = True
    elif other.date and not keep.several_days and (not keep.date or len(other.date) > len(keep.date) and compatible(keep.date, other.date)):
        keep.date, keep.date_weak = other.date, other.date_weak
    elif _family(keep) == "Summit" and same_gathering_days(keep.date, other.date):
        keep.date = min(keep.date, other.date)  # a gathering is dated by its first day
    if _family(keep) == "Summit" and other.location and keep.location and places(other.location) == keep.location:
        keep.location = other.location  # its city, not only its country
    if other.location and keep.location and other.location != keep.location and _family(keep) == "Visit":
        # a trip to several cities is located in the country they share
        ca, cb = places(keep.location), places(other.location)
        if ca and ca == cb:
            keep.location = ca
    if keep.kind not in REMOTE_KINDS and keep.mode != "remote":
        keep.location = keep.location or other.location
    if keep.kind in ("Meeting", "Visit") and other.kind not in ("Meeting", "Visit") and _family(keep) == _family(other):
        keep.kind = other.kind
        if keep.kind in REMOTE_KINDS:
            keep.location = None
    keep.mode = keep.mode or other.mode
    if not other.anaphoric:
        keep.planned = keep.planned and other.planned
    keep.confidence = min(0.95, keep.confidence + 0.1)
    if other.label and (not keep.label or keep.label == "such" or (other.label[:1].isupper() and not keep.label[:1].isupper())):
        keep.label = other.label


def consolidate(reports: list[EventReport], people_of, reference: Reference, lead_end: int,
                dateline_city: str | None, places=lambda key: None, country_of=lambda key: None,
                sections: list[tuple[int, int, str]] = (), item_places: list[tuple[int, int, str]] = ()) -> list[EventReport]:
    """Merge, link and complete one article's reports.

    ``people_of(report)``: its participants that are people; ``lead_end``: char offset where the
    lead ends; ``places(key)``: the country a place lies in; ``country_of(key)``: the country a
    person represents; ``sections``: the stretches of text a day heads (``dates.dated_sections``);
    ``item_places``: the stretches a timeline entry's place heads ("1. April 3, 2018 — Moscow. ...")."""
    reports = sorted(reports, key=lambda r: (r.start, r.kind))
    reports = _without_item_titles(reports, sections)
    # a bulletin's items, a timeline's entries told without a day happened on the day heading them
    for r in reports:
        day = next((day for start, end, day in sections if start <= r.start < end), None)
        if day and r.date is None and not r.planned and not r.anaphoric and r.no_date_reason is None:
            r.date = day
    # lead events without a date happened on the article's date
    today = reference.date.isoformat() if reference.date and not reference.weak else None
    for r in reports:
        if (r.date is None and r.start < lead_end and today and not r.planned and not r.anaphoric
                and _family(r) != "Agreement" and r.label not in ("such", "ellipsis")
                and not _RELATIVE_DAY.search(r.evidence) and _BODY_END.search(r.evidence)
                and r.no_date_reason is None
                # a date the sentence gives went to another event of it (not a visitor's arrival: the trip's)
                and not any(not _ARRIVAL_CLAUSE.search(r.evidence[:d.start]) for d in _event_dates(r.evidence))
                and not any(k.start < r.start and _family(k) == _family(r) and k.date and people_of(r)
                            and set(people_of(k)) >= set(people_of(r)) for k in reports)):  # told again: "Xi received him"
            # "X, who is in Russia on a state visit": a visit under way began on an earlier day of the month
            r.date = today[:7] if _family(r) == "Visit" and _ONGOING_VISIT.search(r.evidence) else today
            r.confidence = max(0.4, r.confidence - 0.1)
    kept: list[EventReport] = []
    sentence_target: dict[int, EventReport] = {}
    latest = None  # the talks last told of (kept, or told of again)
    for r in reports:
        if r.label == "such":
            prior = [k for k in kept if _family(k) == "Meeting" and k.kind != "Meeting"]
            if prior:
                r.kind = prior[-1].kind
            r.label = None
        if r.label == "ellipsis":
            # "The first took place on February 25": the kind and people of the talks just told (or
            # told of again just before: "Wednesday's call was their second. At the first, on June 28, ...")
            prior = [k for k in kept if _family(k) == "Meeting" and _complete(k, people_of)]
            if latest is not None and _complete(latest, people_of):
                prior.append(latest)
            if not prior:
                continue
            r.kind, r.participants, r.mode, r.label = prior[-1].kind, list(prior[-1].participants), prior[-1].mode, None
        if r.anaphoric:
            # "the call", "the talks": the event last told of that family; its date is not this clause's
            target = next((k for k in reversed(kept) if _family(k) == _family(r) and not _modes_clash(k, r)
                           and _complete(k, people_of)
                           and not (_family(r) == "Visit" and people_of(r) and not set(people_of(r)) & set(people_of(k)))), None)
            if target is not None:
                r.participants = [p for p in r.participants if p in target.participants]
                r.date = r.location = None
                _absorb(target, r, places)
                sentence_target[r.start] = target
                latest = target if _family(target) == "Meeting" else latest
                continue
            if _family(r) != "Summit":
                continue
            r.anaphoric = False
        if _family(r) == "Meeting" and not r.participants and r.date and UNNAMED_TALKS.match(r.evidence):
            prior = [k for k in kept if _family(k) == "Meeting" and _complete(k, people_of) and not _modes_clash(k, r)]
            if prior:
                r.participants = list(prior[-1].participants)
        target = next((k for k in kept if _same_event(k, r, people_of)), None)
        if target is not None:
            _absorb(target, r, places)
            latest = target if _family(target) == "Meeting" else latest
            continue
        kept.append(r)
        latest = r if _family(r) == "Meeting" else latest
    # what each kind needs to be an event at all
    out = []
    for r in kept:
        people = people_of(r)
        fam = _family(r)
        if fam == "Meeting" and len(people) == 1 and _OF_THE_TRIP.search(r.evidence):
            # "talks with Zhao in Beijing will be the centrepiece of the visit": the traveller's talks
            trip = next((v for v in reversed(kept) if _family(v) == "Visit" and v.start <= r.start
                         and people_of(v) and people[0] not in people_of(v)), None)
            if trip is not None:
                r.participants = list(dict.fromkeys(people_of(trip) + r.participants))
                if trip.planned and not r.planned:
                    # the talks of a trip to come are to come (not of the article's day, as a lead's would be)
                    r.planned, r.date = True, None if r.date == today else r.date
                people = people_of(r)
        if not _complete(r, people_of):
            continue
        if fam == "Visit" and r.location is None:
            # a trip whose destination is only where the traveller held talks
            met = [m for m in kept if _family(m) == "Meeting" and m.location and set(people) & set(people_of(m))
                   and (m.planned == r.planned and compatible(m.date, r.date)
                        or _same_visit(r, replace(m, participants=people), people_of))]
            if not met:
                continue
            r.location = met[0].location
        if fam == "Agreement" and not r.label:
            continue
        if fam == "Agreement" and doc_kind(r.label) == "package" and any(
                _family(k) == "Agreement" and doc_kind(k.label) != "package" and k.signed and not k.planned
                and compatible(k.date, r.date) for k in kept):
            continue  # "five documents were signed; they include a memorandum ...": the documents are named
        if fam == "Summit" and not (r.organization or r.label):
            continue
        out.append(r)
    _remote_attendance(out, people_of)
    # an agreement told with "after the meeting" / "during the talks" is dated by those talks
    for r in out:
        if _family(r) == "Agreement" and r.date is None and r.start in sentence_target:
            t = sentence_target[r.start]
            if _family(t) == "Meeting" and t.date:
                r.date, r.date_weak = t.date, t.date_weak
    for r in out:
        # the dateline's city, also where the lead names only its country ("who is in Russia on a visit")
        if (r.location is None or r.location == places(dateline_city or "") and _family(r) != "Visit") and dateline_city \
                and r.start < lead_end and r.date == today and (r.mode == "in_person" or _family(r) in ("Summit", "Visit")):
            r.location = dateline_city
    for r in out:
        # a timeline entry's place is where what it tells without a place happened
        place = next((key for start, end, key in item_places if start <= r.start < end), None)
        if place and r.location is None and r.mode != "remote" and r.kind not in REMOTE_KINDS and not r.planned:
            r.location = place
    _link_parts(out, people_of, places, country_of)
    for r in out:
        r.confidence = round(min(0.95, r.confidence + (0.15 if r.date else 0) + (0.1 if len(r.participants) >= 2 else 0)), 2)
        if r.date is None and r.no_date_reason is None:
            r.no_date_reason = "the article's date is unknown" if reference.date is None else "the text gives no date"
    return out


def _remote_attendance(out: list[EventReport], people_of) -> None:
    """"Xi and Putin take part by video link" near a summit's telling: they are at that summit (from
    afar), not on a call of their own. The nearest summit told, of the same time, takes them."""
    for r in list(out):
        if r.kind != "VideoConference" or not _TAKES_PART.search(r.evidence) or _OWN_TALKS.search(r.evidence):
            continue
        near = [s for s in out if _family(s) == "Summit" and s.planned == r.planned and compatible(s.date, r.date)
                and abs(s.start - r.start) <= NEARBY_CHARS]
        if near:
            summit = min(near, key=lambda s: abs(s.start - r.start))
            summit.participants = list(dict.fromkeys(summit.participants + people_of(r)))
            out.remove(r)


def _without_item_titles(reports: list[EventReport], sections) -> list[EventReport]:
    """A list entry's short title ("1. October 2008, Moscow - Rail bridge agreement.") names the document
    the sentences under it tell of: it is dropped where they tell a document of their own."""
    out = []
    for r in reports:
        section = next(((start, end) for start, end, _ in sections if start <= r.start < end), None)
        title = section is not None and r.start <= section[0] + 4 and len(r.evidence.split()) <= 12
        if title and _family(r) == "Agreement" and any(_family(o) == "Agreement" and r.end <= o.start < section[1]
                                                        for o in reports):
            continue
        out.append(r)
    return out


def _within(child: EventReport, parent: EventReport) -> bool:
    """Whether the child's date falls in the parent's (a visit or summit may last some days)."""
    if child.date is None:
        return True
    if parent.date is None:
        return child.start == parent.start
    if len(child.date) == 4 and len(parent.date) > 4:
        return child.start == parent.start  # "a meeting due before the end of the year" is not July's summit's
    if compatible(child.date, parent.date):
        return True
    dc, dp = _day(child.date), _day(parent.date)
    return bool(dc and dp and 0 <= (dc - dp).days <= 4)


def _link_parts(reports: list[EventReport], people_of, places, country_of) -> None:
    visits = [r for r in reports if _family(r) == "Visit"]
    summits = [r for r in reports if _family(r) == "Summit"]
    signed_at: dict[int, EventReport] = {}  # a sentence's documents -> where the first was signed
    trip_documents: list[EventReport] = []  # documents dated by the month of the trip they were signed on
    for r in reports:
        fam = _family(r)
        if fam not in ("Meeting", "Agreement"):
            continue
        parent = None
        if fam == "Agreement":
            # adopted during a call or talks told in the same sentence
            parent = next((m for m in reports if _family(m) == "Meeting" and m.start == r.start and compatible(m.date, r.date)), None)
            if parent is None and r.signed and r.date is None and not r.planned and not _event_dates(r.evidence):
                # "X and Y held talks in Moscow on Monday. The two premiers signed a joint communique":
                # signed at the talks told in the sentence just before, by the countries of their people
                before = [m for m in reports if m.start < r.start]
                last = max(before, key=lambda m: m.start) if before else None
                if last is not None and _family(last) == "Meeting" and last.date and not last.planned \
                        and r.start - last.end <= ADJACENT_CHARS \
                        and set(r.participants) <= {country_of(p) for p in people_of(last)}:
                    parent = last
            # "Among them were a memorandum ... and a framework agreement between Gazprom and CNPC": the
            # documents a sentence lists were signed on the same occasion
            # (not one only recalled: "... to implement the Treaty, which Y signed in Moscow in 2001")
            parent = parent or (signed_at.get(r.start) if r.signed else None)
        if r.kind in REMOTE_KINDS and parent is None and fam == "Meeting":
            continue
        if parent is None:
            parent = next((s for s in summits if s.start == r.start and s.planned == r.planned), None)
        if parent is None and fam == "Meeting":
            # talks of a traveller during the trip come before the summit the trip may also be for
            parent = next((v for v in visits if set(people_of(v)) & set(people_of(r)) and r.date and v.date
                           and _within(r, v) and v.planned == r.planned and _with_hosts(v, r, people_of, places, country_of)
                           and (r.location is None or v.location in (r.location, places(r.location)))), None)
        for s in summits if parent is None else ():
            shared = set(people_of(r)) & set(people_of(s))
            if s.planned != r.planned:
                continue
            # dated within the summit (a document told apart from it only if it says it was signed there;
            # talks that do not say where, when told after it or, if its day is known, with some of its
            # people), or told just after it about the same leaders
            if (s.date and r.date and _within(r, s) and (r.location == s.location or r.location is None and fam == "Meeting"
                                                          and (r.start > s.start or bool(shared) and len(s.date) == 10))) or (
                    r.date is None and shared and fam == "Meeting" and 0 < r.start - s.start <= NEARBY_CHARS):
                parent = s
                break
        if parent is None and fam == "Meeting" and _SIDELINES_OF_THAT.search(r.evidence):
            # "on the sidelines of that gathering": the summit last told before it
            told = [s for s in summits if s.start < r.start and s.planned == r.planned]
            parent = told[-1] if told else None
            if parent is not None:
                r.location = r.location or parent.location
        if parent is None and fam == "Meeting" and _DURING_TRIP.search(r.evidence):
            # "during the same trip he also met X": the trip last told of one of its people
            told = [v for v in visits if v.start <= r.start and set(people_of(v)) & set(people_of(r)) and v.planned == r.planned]
            parent = told[-1] if told else None
            if parent is not None and parent.date is None and r.date:
                parent.date, parent.date_weak = r.date[:7], r.date_weak
        if parent is None:
            for v in visits:
                visitor = set(people_of(v))
                mine = set(people_of(r))
                ok_people = bool(visitor & mine) or fam == "Agreement" or _compatriots(v, r, people_of, places, country_of)
                ok_place = r.location is None or v.location is None or r.location == v.location or places(r.location) == v.location
                dated = r.date is not None or v.start == r.start or (fam == "Agreement" and v is _trip_before(visits, r, country_of, places)) \
                    or (fam == "Meeting" and bool(visitor & mine) and not v.anaphoric and 0 < r.start - v.start <= NEARBY_CHARS)
                # ("X travelled to Russia in September. He and Y met in St Petersburg": talks of that trip)
                if ok_people and ok_place and _within(r, v) and v.planned == r.planned and dated:
                    parent = v
                    break
        if parent is not None and parent is not r:
            r.part_of = reports.index(parent)
            if fam == "Agreement":
                signed_at.setdefault(r.start, parent)
            if fam == "Agreement" and r.location is None and _family(parent) == "Visit":
                # signed where the talks of that day were held, or those of that trip last told before it
                that_day = {m.location for m in reports if _family(m) == "Meeting" and m.location and m.kind not in REMOTE_KINDS
                            and r.date and len(r.date) == 10 and m.date == r.date}
                talks = [m for m in reports if m.part_of == r.part_of and _family(m) == "Meeting" and m.start < r.start and m.location]
                r.location = that_day.pop() if len(that_day) == 1 else talks[-1].location if talks else None
            r.location = r.location or (parent.location if parent.kind not in REMOTE_KINDS else None)
            if fam == "Agreement" and _family(parent) == "Meeting" and r.start == parent.start and not r.signatories \
                    and _THEY_SIGNED.search(r.evidence):
                r.signatories = list(people_of(parent))  # "they held talks and issued a joint statement"
            if fam == "Agreement" and _family(parent) == "Meeting" and parent.date is None and r.date and r.start == parent.start:
                # "signed a communique on Wednesday at the end of their talks": the talks' day too
                parent.date, parent.date_weak = r.date, r.date_weak
            if r.date is None and parent.date:
                # a multi-day trip or summit dates what happened during it only to its month; one that
                # began the day the article was written, what it tells done of it to that day
                began_today = parent.date == r.reported and not parent.date_weak and not r.planned
                r.date = parent.date[:7] if _family(parent) == "Visit" and len(parent.date) == 10 and not began_today else parent.date
                r.date_weak = parent.date_weak
                if fam == "Agreement" and _family(parent) == "Visit" and r.date != parent.date:
                    trip_documents.append(r)
    # a document signed during a trip whose talks the article tells on one day only: signed that day
    for r in trip_documents:
        trip = r.part_of
        days = {m.date for m in reports if _family(m) == "Meeting" and m.part_of == trip and m.kind not in REMOTE_KINDS
                and not m.planned and m.date and len(m.date) == 10
                and _with_hosts(reports[trip], m, people_of, places, country_of)}
        day = days.pop() if len(days) == 1 else None
        if day and compatible(day, r.date):
            r.date = day
    for r in reports:
        # signed at talks in person that took their place from the trip they belong to (told later)
        parent = reports[r.part_of] if r.part_of is not None else None
        if _family(r) == "Agreement" and r.location is None and parent is not None and _family(parent) == "Meeting" \
                and parent.kind not in REMOTE_KINDS:
            r.location = parent.location
    for v in visits:
        if v.date is None:
            # "Putin and Xi last met in May, when the Russian leader paid a state visit": the talks date the trip
            days = sorted(r.date for r in reports if r.part_of is not None and reports[r.part_of] is v and r.date)
            if days:
                v.date = days[0][:7]
    for s in summits:
        # "met in Astana in July, on the sidelines of the SCO summit": the talks place and date the summit
        children = [r for r in reports if r.part_of is not None and reports[r.part_of] is s]
        if s.location is None:
            locs = [r.location for r in children if r.location]
            if locs:
                s.location = locs[0]
        if s.date is None:
            days = sorted(r.date for r in children if r.date and r.start == s.start)
            if days:
                s.date = days[0][:7]
        if s.date is None:
            # "to visit China in October for the Belt and Road Forum": the trip to it dates it
            trip = next((v for v in visits if v.start == s.start and v.date and set(people_of(v)) <= set(people_of(s))), None)
            if trip is not None:
                s.date, s.planned = trip.date[:7], trip.planned


def _with_hosts(visit: EventReport, r: EventReport, people_of, places, country_of) -> bool:
    """Whether talks could be the trip's: the others at them are not all of a third country ("Xi, on a
    state visit to Brazil, and Putin sat down in Brasilia" is not Xi's visit's, but the summit's)."""
    host = places(visit.location) or visit.location
    others = {country_of(p) for p in people_of(r) if p not in people_of(visit)}
    return not host or not others or None in others or host in others


def _trip_before(visits: list[EventReport], r: EventReport, country_of, places) -> EventReport | None:
    """The trip an undated signing belongs to: the last one told before it by a party's country."""
    parties = {country_of(p) or places(p) or p for p in r.participants}
    before = [v for v in visits if v.start < r.start and ({country_of(p) for p in v.participants} | {places(v.location) or v.location}) & parties]
    return before[-1] if before else None


def _compatriots(visit: EventReport, r: EventReport, people_of, places, country_of) -> bool:
    """Talks in the host country between a member of the visitor's side and a host: part of the trip."""
    home = {country_of(p) for p in people_of(visit)} - {None}
    host = places(visit.location) or visit.location
    sides = {country_of(p) for p in people_of(r)}
    return bool(home & sides) and host in sides and (r.location is None or r.location == visit.location or places(r.location) == host)
