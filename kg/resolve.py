"""Across articles: one entity per key, one event per real-world event.

Merging is blocked: a report is compared only with the events that share its event family and
one of its participants (or its organization / name when it has none), found through an index,
so the cost grows with the corpus, not with its square.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

from .dates import compatible as dates_compatible, same_gathering_days
from .records import ArticleRecord, EntityInfo, Event, EventReport, doc_kind, gathering_key
from .vocab import EVENT_FAMILY, EVENT_PARENT, REMOTE_KINDS

LIKENESS_ARTICLES = 5  # an event's first articles stand for its wording when telling close events apart
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and for that with from this have has had was were will would said his her its their they them".split())


def merge_entities(records: list[ArticleRecord]) -> dict[str, EntityInfo]:
    """One EntityInfo per key, with every name any article used for it."""
    out: dict[str, EntityInfo] = {}
    represents: dict[str, Counter] = defaultdict(Counter)
    for rec in records:
        for key, info in rec.entities.items():
            cur = out.get(key)
            if cur is None:
                cur = out[key] = EntityInfo(key, info.kind, info.label, set(), info.wikidata, None, set(), info.country)
            cur.names |= info.names
            cur.roles |= info.roles
            if info.represents:
                represents[key][info.represents] += 1
            cur.wikidata = cur.wikidata or info.wikidata
            cur.country = cur.country or info.country
    for key, counts in represents.items():
        out[key].represents = max(sorted(counts), key=lambda k: counts[k])
    for info in out.values():
        info.names.discard(info.label)
    return out


def _specific(kinds: list[str]) -> str:
    """The most specific class the reports agree on (StateVisit over Visit)."""
    counts = Counter(kinds)
    specific = [k for k in counts if k not in EVENT_PARENT.values() or not any(EVENT_PARENT.get(o) == k for o in counts)]
    return max(sorted(specific), key=lambda k: (counts[k], k in EVENT_PARENT))


def _words(text: str) -> Counter:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _cosine(a: Counter, b: Counter, norm_a: float, norm_b: float) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0) for k, v in a.items()) / (norm_a * norm_b)


def _mode(r: EventReport) -> str | None:
    """How a report's talks were held: a call or video link is remote whatever else it says."""
    return "remote" if r.kind in REMOTE_KINDS else r.mode


@dataclass
class _Cluster:
    reports: list[EventReport] = field(default_factory=list)
    family: str = ""
    people: set = field(default_factory=set)
    others: set = field(default_factory=set)
    date: str | None = None
    strong_date: bool = False
    location: str | None = None
    article_words: dict = field(default_factory=dict)  # article id -> its word counts
    modes: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    kinds: set = field(default_factory=set)
    doc_kinds: set = field(default_factory=set)  # kinds of document the reports name (agreements)

    def add(self, r: EventReport, people: set, others: set, words: Counter):
        self.reports.append(r)
        self.articles.add(r.article)
        self.kinds.add(r.kind)
        kind = doc_kind(r.label)
        if kind:
            self.doc_kinds.add(kind)
        self.people |= people
        self.others |= others
        if r.date and (self.date is None or (not r.date_weak and not self.strong_date) or
                       (len(r.date) > len(self.date) and (not r.date_weak or not self.strong_date))):
            self.date = r.date
            self.strong_date = not r.date_weak
        elif self.family == "Summit" and r.date and r.date < self.date and same_gathering_days(r.date, self.date) \
                and (not r.date_weak or not self.strong_date):
            self.date = r.date  # a gathering is dated by its first day
        self.location = self.location or r.location
        self.article_words[r.article] = words
        mode = _mode(r)
        if mode:
            self.modes.add(mode)


def _dates_match(r: EventReport, c: _Cluster) -> bool:
    if dates_compatible(r.date, c.date):
        return True
    if c.family == "Summit" and same_gathering_days(r.date, c.date):
        return True  # two days of one summit (gathering_key is checked apart)
    if not (r.date_weak or not c.strong_date) or not r.date or not c.date:
        return False
    # a date resolved against an estimated article date may be off by a year: the rest must agree
    return r.date[4:] == c.date[4:len(r.date)] and len(r.date) > 4 and abs(int(r.date[:4]) - int(c.date[:4])) == 1


def _months_apart(a: str, b: str) -> int:
    """Months between two ISO partial dates (a year counts from its middle)."""
    def index(d: str) -> int:
        return int(d[:4]) * 12 + (int(d[5:7]) - 1 if len(d) >= 7 else 6)
    return abs(index(a) - index(b))


class EventMerger:
    """Clusters event reports; each cluster becomes one Event."""

    def __init__(self, entities: dict[str, EntityInfo], article_words: dict[str, Counter]):
        self.entities = entities
        self.article_words = article_words
        self.clusters: list[_Cluster] = []
        # (blocking key, year or None for undated or "*" for all) -> clusters, in order of creation
        self.index: dict[tuple, dict[int, None]] = defaultdict(dict)
        self.norms: dict[str, float] = {}

    def _split(self, r: EventReport) -> tuple[set, set]:
        people = {p for p in r.participants if self.entities.get(p) and self.entities[p].kind == "Person"}
        return people, set(r.participants) - people

    def _keys(self, family: str, people: set, others: set, r: EventReport) -> list[tuple]:
        if people:
            keys = [(family, p) for p in sorted(people)]
            # a summit is its gathering, whoever an article names at it
            return keys + [(family, gathering_key(r))] if family == "Summit" else keys
        keys = [(family, o) for o in sorted(others)]
        if family == "Summit":
            keys.append((family, gathering_key(r)))
        if not keys:
            keys.append((family, (r.label or "").lower()))
        return keys

    def _fits(self, r: EventReport, people: set, others: set, c: _Cluster, doc: str | None) -> bool:
        same_gathering = c.family == "Summit" and r.organization is not None and any(
            x.organization == r.organization for x in c.reports[:1])
        if (people or c.people) and not same_gathering:
            if not people or not c.people:
                return False
            if not (people <= c.people or c.people <= people):
                return False
        elif others and c.others and not (others <= c.others or c.others <= others):
            return False
        if REMOTE_KINDS <= c.kinds | {r.kind}:
            return False
        mode = _mode(r)
        if mode and ({"in_person", "remote"} - {mode}) & c.modes:
            return False  # talks by video are not the talks held face to face
        if doc and c.doc_kinds - {doc}:
            return False
        if not _dates_match(r, c):
            return False
        if c.family == "Summit" and any(gathering_key(x) != gathering_key(r) for x in c.reports[:1]):
            return False
        if c.family == "Summit" and not ((r.date and c.date) or (r.location and r.location == c.location)):
            # summits recur: an undated one is the same only where the host city or the time agrees
            if not (r.date is None and r.reported and c.date and _months_apart(r.reported, c.date) <= 1):
                return False
        if r.date is None and not r.planned and r.reported and c.date and c.date[:len(r.reported)] > r.reported[:len(c.date)]:
            return False  # an article cannot report as done what happened after it was written
        if r.location and c.location and r.location != c.location:
            if not self._within(r.location, c.location) and not self._within(c.location, r.location):
                return False
        return True

    def _norm(self, article: str) -> float:
        n = self.norms.get(article)
        if n is None:
            n = self.norms[article] = math.sqrt(sum(v * v for v in self.article_words.get(article, {}).values()))
        return n

    def _likeness(self, article: str, c: _Cluster) -> float:
        """How alike the report's article is to the closest article already telling of the event
        (rounded, so that equally close events are told apart by how many articles report them)."""
        words = self.article_words.get(article, Counter())
        return round(max((_cosine(words, w, self._norm(article), self._norm(other))
                          for other, w in islice(c.article_words.items(), LIKENESS_ARTICLES)), default=0.0), 2)

    def _within(self, place: str, area: str) -> bool:
        info = self.entities.get(place)
        return bool(info and info.country == area)

    def add(self, r: EventReport) -> None:
        family = EVENT_FAMILY.get(r.kind, "Event")
        people, others = self._split(r)
        doc = doc_kind(r.label)
        keys = self._keys(family, people, others, r)
        seen, cands = set(), []
        buckets = self._buckets(r)
        for k in keys:
            for bucket in buckets:
                for i in self.index.get((k, bucket), ()):
                    if i not in seen:
                        seen.add(i)
                        cands.append(i)
        words = self.article_words.get(r.article, Counter())
        fits = [i for i in cands if r.article not in self.clusters[i].articles
                and self._fits(r, people, others, self.clusters[i], doc)]
        if len(fits) > 1:
            # an undated report most likely tells of the event nearest its article's date; a dated one,
            # of the most precisely dated event it fits; ties go to the likeliest by wording
            if r.date is None:
                first = lambda i: _months_apart(r.reported, self.clusters[i].date) if r.reported and self.clusters[i].date else 99
            else:
                first = lambda i: -(len(self.clusters[i].date or "") if dates_compatible(r.date, self.clusters[i].date) else 0)
            rank = {i: first(i) for i in fits}
            best = min(rank.values())
            fits = [i for i in fits if rank[i] == best]
            if len(fits) > 1:
                fits.sort(key=lambda i: (-self._likeness(r.article, self.clusters[i]), -len(self.clusters[i].article_words)))
        if fits:
            idx = fits[0]
        else:
            idx = len(self.clusters)
            self.clusters.append(_Cluster(family=family))
        cluster = self.clusters[idx]
        cluster.add(r, people, others, words)
        buckets = self._cluster_buckets(cluster.date)
        for k in keys:
            for bucket in buckets:
                self.index[(k, bucket)][idx] = None

    @staticmethod
    def _cluster_buckets(date: str | None) -> list:
        """Where an event is filed: by month ("m"), by year ("y"), year-only dates also apart
        ("yo"), undated ones under None; and all of them under "*"."""
        if not date:
            return [None, "*"]
        out = [("y", date[:4]), "*"]
        out.append(("m", date[:7]) if len(date) >= 7 else ("yo", date[:4]))
        return out

    @staticmethod
    def _buckets(r: EventReport) -> list:
        """Where a report's event can be filed: its month and the year-only events of its year (for
        a year, every event of that year), a year either side when the date was resolved against an
        estimated article date, and the undated events; an undated report, the years around its
        article's date; an undated document, or a report with no date at all, everything."""
        if r.date:
            y = int(r.date[:4])
            years = [y - 1, y, y + 1] if r.date_weak else [y]
            if len(r.date) >= 7:
                return [b for yy in years for b in (("m", f"{yy:04d}{r.date[4:7]}"), ("yo", f"{yy:04d}"))] + [None]
            return [("y", f"{yy:04d}") for yy in years] + [None]
        if r.reported and EVENT_FAMILY.get(r.kind) != "Agreement":  # a treaty is recalled decades on
            y = int(r.reported[:4])
            return [("y", f"{yy:04d}") for yy in range(y - 2, y + 2)] + [None]
        return ["*"]

    def events(self) -> list[Event]:
        out = []
        for c in self.clusters:
            reports = c.reports
            kind = _specific([r.kind for r in reports])
            # a document's parties and the people who signed it (not used to tell documents apart)
            participants = sorted({p for r in reports for p in (*r.participants, *r.signatories)})
            date = c.date
            locs = Counter(r.location for r in reports if r.location)
            location = max(sorted(locs), key=lambda k: (locs[k], self.entities.get(k) is not None and self.entities[k].kind == "Place")) if locs else None
            planned = all(r.planned for r in reports)
            conf = 1 - math.prod(1 - r.confidence for r in reports)
            labels = Counter(r.label for r in reports if r.label)
            label = max(sorted(labels), key=lambda k: labels[k]) if labels else None
            reasons = {r.no_date_reason for r in reports if r.no_date_reason}
            fam = EVENT_FAMILY.get(kind, "Event")
            # named after the report that founded it: another article joining it later leaves its IRI
            # (and so its statements) as they were, which keeps incremental builds small
            founder = reports[0]
            key = hashlib.sha1("|".join([fam, founder.article, str(founder.start), founder.kind]).encode()).hexdigest()[:16]
            out.append(Event(key=key, kind=kind, participants=participants, date=date, location=location,
                             planned=planned, confidence=round(min(0.99, conf), 3), label=label, reports=reports,
                             no_date_reason=None if date else (sorted(reasons)[0] if reasons else "the text gives no date")))
        return out


def merge_events(records: list[ArticleRecord], entities: dict[str, EntityInfo],
                 article_words: dict[str, Counter] | None = None) -> list[Event]:
    """Merge every article's event reports into real-world events, with part-of links."""
    reports = [r for rec in records for r in rec.events]
    if article_words is None:
        article_words = {rec.id: _words(" ".join(r.evidence for r in rec.events)) for rec in records}
    # most precise, most trusted first, so that vague reports join precise events
    order = sorted(range(len(reports)), key=lambda i: (
        reports[i].date is None, reports[i].date_weak, -len(reports[i].date or ""), reports[i].planned,
        reports[i].article, reports[i].start, reports[i].kind))
    merger = EventMerger(entities, article_words)
    for i in order:
        merger.add(reports[i])
    events = merger.events()
    # part-of: the event holding a report's parent report
    owner = {}
    for ev in events:
        for r in ev.reports:
            owner[id(r)] = ev.key
    by_article = defaultdict(list)
    for rec in records:
        by_article[rec.id] = rec.events
    for ev in events:
        parents = Counter()
        for r in ev.reports:
            if r.part_of is not None:
                parent = by_article[r.article][r.part_of]
                if owner.get(id(parent)) and owner[id(parent)] != ev.key:
                    parents[owner[id(parent)]] += 1
        if parents:
            ev.part_of = max(sorted(parents), key=lambda k: parents[k])
    # deterministic keys and order; keys stay unique
    seen = Counter()
    for ev in sorted(events, key=lambda e: (e.key, e.articles)):
        seen[ev.key] += 1
        if seen[ev.key] > 1:
            ev.key = f"{ev.key}-{seen[ev.key]}"
    return sorted(events, key=lambda e: (e.date or "9999", e.kind, e.key))


def article_word_counts(text: str) -> Counter:
    return _words(text)
