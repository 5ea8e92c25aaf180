"""Within one article: the reports of one event told in several sentences become one; anaphoric
mentions ("the call") join the event they refer to; talks during a visit or on the sidelines of a
summit become part of it; what a report lacks (date, place) is taken from the event it belongs to."""
from __future__ import annotations

import re

from ..dates import Reference, compatible
from ..records import EventReport
from .events import FAMILY_OF

LEAD_SENTENCES = 3  # news leads report the article's own news


def _family(r: EventReport) -> str:
    return FAMILY_OF.get(r.kind, r.kind)


def _modes_clash(a: EventReport, b: EventReport) -> bool:
    kinds = {a.kind, b.kind}
    if {"VideoConference", "PhoneCall"} <= kinds:
        return True
    remote = {"VideoConference", "PhoneCall"} & kinds
    return bool(remote) and "in_person" in (a.mode, b.mode)


def _same_event(a: EventReport, b: EventReport, people_of) -> bool:
    if _family(a) != _family(b) or _modes_clash(a, b):
        return False
    if not compatible(a.date, b.date):
        return False
    if a.location and b.location and a.location != b.location:
        return False
    pa, pb = set(people_of(a)), set(people_of(b))
    if _family(a) == "Agreement":
        return (a.label or "").lower() == (b.label or "").lower() or _doc_noun(a) == _doc_noun(b) and (a.date or b.date) and compatible(a.date, b.date) and bool(a.date and b.date)
    if _family(a) == "Summit":
        return a.organization == b.organization and a.organization is not None
    if not pa or not pb:
        return False
    return pa == pb or (min(len(pa), len(pb)) >= 2 and (pa <= pb or pb <= pa))


def _doc_noun(r: EventReport) -> str | None:
    m = re.search(r"(statement|declaration|treaty|roadmap|road map|contract|memorandum|protocol|agreement|deal|accord)", (r.label or "").lower())
    return m.group(1) if m else None


def _absorb(keep: EventReport, other: EventReport) -> None:
    keep.participants = list(dict.fromkeys(keep.participants + other.participants))
    if other.date and (not keep.date or len(other.date) > len(keep.date) and compatible(keep.date, other.date)):
        keep.date, keep.date_weak = other.date, other.date_weak
    keep.location = keep.location or other.location
    if keep.kind in ("Meeting", "Visit") and other.kind not in ("Meeting", "Visit") and _family(keep) == _family(other):
        keep.kind = other.kind
    keep.mode = keep.mode or other.mode
    if not other.anaphoric:
        keep.planned = keep.planned and other.planned
    keep.confidence = min(0.95, keep.confidence + 0.1)
    if other.label and (not keep.label or keep.label == "such"):
        keep.label = other.label
    keep.extra_evidence.append((other.evidence, other.start, other.end))


def consolidate(reports: list[EventReport], people_of, reference: Reference, lead_end: int,
                dateline_city: str | None) -> list[EventReport]:
    """Merge, link and complete one article's reports. ``lead_end``: char offset where the lead ends."""
    for r in reports:
        r.extra_evidence = []
    reports = sorted(reports, key=lambda r: (r.start, r.kind))
    kept: list[EventReport] = []
    for r in reports:
        if r.label == "such":
            prior = [k for k in kept if _family(k) == "Meeting" and k.kind != "Meeting"]
            if prior:
                r.kind = prior[0].kind
            r.label = None
        if r.anaphoric:
            # "the call", "the talks": the event last told of that family; its date is not this clause's
            target = next((k for k in reversed(kept) if _family(k) == _family(r) and not _modes_clash(k, r)), None)
            if target is not None:
                r.participants = [p for p in r.participants if p in target.participants]
                r.date = r.location = None
                _absorb(target, r)
            continue
        target = next((k for k in kept if _same_event(k, r, people_of)), None)
        if target is not None:
            _absorb(target, r)
            continue
        kept.append(r)
    # what each kind needs to be an event at all
    out = []
    for r in kept:
        people = people_of(r)
        fam = _family(r)
        if fam == "Meeting" and (len(r.participants) < 2 or not people):
            continue
        if fam == "Visit" and not people:
            continue
        if fam == "Agreement" and not r.label:
            continue
        if fam == "Summit" and not r.organization:
            continue
        out.append(r)
    # lead events without a date happened on the article's date
    for r in out:
        if r.date is None and r.start < lead_end and reference.date and not reference.weak and not r.planned:
            r.date = reference.date.isoformat()
            r.confidence = max(0.4, r.confidence - 0.1)
        if r.location is None and dateline_city and r.start < lead_end and r.mode == "in_person" and r.date == (reference.date.isoformat() if reference.date else None):
            r.location = dateline_city
    _link_parts(out, people_of)
    for r in out:
        r.confidence = round(r.confidence + (0.15 if r.date else 0) + (0.1 if len(r.participants) >= 2 else 0), 2)
        r.confidence = min(0.95, r.confidence)
        if r.date is None:
            r.no_date_reason = "the article's date is unknown" if reference.date is None else "the text gives no date"
    return out


def _within(child: EventReport, parent: EventReport) -> bool:
    if parent.date is None or child.date is None:
        return parent.date is None or child.date is None
    if compatible(child.date, parent.date):
        return True
    if len(child.date) == 10 and len(parent.date) == 10 and child.date[:7] == parent.date[:7]:
        return 0 <= int(child.date[8:]) - int(parent.date[8:]) <= 4
    return False


def _link_parts(reports: list[EventReport], people_of) -> None:
    visits = [r for r in reports if _family(r) == "Visit"]
    summits = [r for r in reports if _family(r) == "Summit"]
    for i, r in enumerate(reports):
        fam = _family(r)
        if fam not in ("Meeting", "Agreement") or r.kind in ("VideoConference", "PhoneCall"):
            continue
        parent = None
        for s in summits:
            same_sentence = s.start == r.start
            if (same_sentence or (s.date and r.date and _within(r, s) and r.location in (None, s.location))) and s.planned == r.planned:
                parent = s
                break
        if parent is None:
            for v in visits:
                visitor = set(people_of(v))
                ok_people = bool(visitor & set(people_of(r))) or fam == "Agreement"
                ok_place = r.location is None or v.location is None or r.location == v.location or v.location in (r.location,)
                if ok_people and ok_place and _within(r, v) and v.planned == r.planned and (r.date or v.start == r.start):
                    parent = v
                    break
        if parent is not None:
            r.part_of = reports.index(parent)
            r.location = r.location or parent.location
            if r.date is None and parent.date:
                r.date = parent.date[:7] if len(parent.date) == 10 else parent.date
                r.date_weak = parent.date_weak
        # a summit held in the same sentence as the meeting shares its place
    for s in summits:
        if s.location is None:
            locs = [r.location for r in reports if r.part_of is not None and reports[r.part_of] is s and r.location]
            if locs:
                s.location = locs[0]
