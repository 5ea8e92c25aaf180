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
from dataclasses import dataclass, field, replace
from itertools import islice

from .dates import compatible as dates_compatible, same_gathering_days
from .records import ArticleRecord, EntityInfo, Event, EventReport, doc_kind, gathering_key
from .vocab import EVENT_FAMILY, EVENT_PARENT, REMOTE_KINDS

LIKENESS_ARTICLES = 5  # an event's first articles stand for its wording when telling close events apart
_WORD = re.compile(r"[a-z]{3,}")
_NO_WORDS: Counter = Counter()
_STOP = frozenset("the and for that with from this have has had was were will would said his her its their they them".split())


def merge_entities(records: list[ArticleRecord], memory: "EntityMemory | None" = None) -> dict[str, EntityInfo]:
    """One EntityInfo per key, with every name any article used for it. With ``memory`` (kept by a
    resident build), only the entities of the records added or removed since are merged again."""
    if memory is not None:
        return memory.merge(records)
    by_key: dict[str, list[EntityInfo]] = defaultdict(list)
    for rec in records:
        for key, info in rec.entities.items():
            by_key[key].append(info)
    return {key: _merged_entity(key, infos, tally=False)[0] for key, infos in by_key.items()}


def _merged_entity(key: str, infos: list[EntityInfo], start: EntityInfo | None = None,
                   counts: Counter | None = None, tally: bool = True) -> tuple[EntityInfo, Counter]:
    """An entity as the records (in order) tell of it: kind, label and the rest from the first that
    gives them, the names and roles of all, what it represents most often; and how many records gave
    each thing represented, name and role (("represents", x), ("name", x), ("role", x); names and
    roles only with ``tally``: what taking records away again needs). ``start`` and ``counts``: the
    entity as merged from earlier records, and its counts, to which ``infos`` are added."""
    first = start or infos[0]
    out = EntityInfo(key, first.kind, first.label, set(start.names) if start else set(), first.wikidata, None,
                     set(start.roles) if start else set(), first.country)
    counts = Counter(counts)
    for info in infos:
        out.names |= info.names
        out.roles |= info.roles
        if tally:
            counts.update(_tally(info))
        elif info.represents:
            counts["represents", info.represents] += 1
        out.wikidata = out.wikidata or info.wikidata
        out.country = out.country or info.country
    out.represents = _most_represented(counts)
    out.names.discard(out.label)
    return out, counts


def _tally(info: EntityInfo) -> list[tuple[str, str]]:
    """What one record gives an entity that is counted over records."""
    return [*(("name", n) for n in info.names), *(("role", r) for r in info.roles),
            *((("represents", info.represents),) if info.represents else ())]


def _most_represented(counts: Counter) -> str | None:
    """What the records give most often as what the entity represents (the first by name of those)."""
    represents = {x: c for (what, x), c in counts.items() if what == "represents" and c > 0}
    return max(sorted(represents), key=represents.__getitem__) if represents else None


def _taken_from_another(merged: EntityInfo, first: EntityInfo, infos: list[EntityInfo], gone: bool) -> bool:
    """Whether the Wikidata id or country the entity took (the first its records give, in their
    order) may be another's when ``infos`` are removed (``gone``) or added after its first record,
    which its counts cannot tell: its first record gives none, and a removed record gives the value
    taken (it may be the one that gave it) or an added one gives another (it may come before that one)."""
    for attr in ("wikidata", "country"):
        taken = getattr(merged, attr)
        if taken and not getattr(first, attr) and any(
                getattr(info, attr) and (getattr(info, attr) == taken) == gone for info in infos):
            return True
    return False


def _merged_without(merged: EntityInfo, counts: Counter, gone: list[EntityInfo]) -> tuple[EntityInfo, Counter]:
    """The entity merged from its records without the ``gone`` ones (none of them its first, none
    the one that gave its Wikidata id or country), from what it was and its counts."""
    counts = Counter(counts)
    counts.subtract(x for info in gone for x in _tally(info))
    counts = +counts  # (the counts down to none dropped)
    names = {x for what, x in counts if what == "name"} - {merged.label}
    roles = {x for what, x in counts if what == "role"}
    return EntityInfo(merged.key, merged.kind, merged.label, names, merged.wikidata, _most_represented(counts),
                      roles, merged.country), counts


class EntityMemory:
    """The last merge of entities, for a resident build: which records (the same objects) tell of
    each entity, so that the next merge makes again only the entities of records added or removed,
    adds the records added after an entity's first to what it was, and takes those removed (not the
    first) from it by its counts."""

    def __init__(self):
        self.records: dict[int, ArticleRecord] = {}  # id -> the records last merged
        self.holders: dict[str, dict[int, ArticleRecord]] = {}  # entity key -> the records telling of it
        self.first: dict[str, int] = {}  # entity key -> the first of its records (id)
        self.merged: dict[str, tuple[EntityInfo, Counter]] = {}  # entity key -> (the entity, its counts)

    def merge(self, records: list[ArticleRecord]) -> dict[str, EntityInfo]:
        present = {id(rec): rec for rec in records}
        if len(present) != len(records):  # a record listed twice: merged from scratch, not remembered
            self.__init__()
            return merge_entities(records)
        anew, added = set(), defaultdict(list)  # entity keys to merge again; to add records to
        gone = defaultdict(list)  # entity key -> what the records removed told of it
        for key, rec in self.records.items():
            if key not in present:
                for k in rec.entities:
                    del self.holders[k][key]
                    gone[k].append(rec.entities[k])
                    if self.first[k] == key:
                        anew.add(k)
        for key, rec in present.items():
            if key not in self.records:
                for k in rec.entities:
                    self.holders.setdefault(k, {})[key] = rec
                    added[k].append(key)
        position = {key: i for i, key in enumerate(present)} if gone or added else {}
        # the records removed taken away by the counts, then the new ones added (both: an article edited)
        for k in gone.keys() | added.keys():
            merged = self.merged.get(k) if k not in anew and self.holders[k] else None
            first = self.holders[k][self.first[k]].entities[k] if merged is not None else None
            if merged is not None and k in gone:
                merged = None if _taken_from_another(merged[0], first, gone[k], True) else _merged_without(*merged, gone[k])
            if merged is not None and k in added:
                keys = sorted(added[k], key=position.__getitem__)
                infos = [present[i].entities[k] for i in keys]
                merged = _merged_entity(k, infos, *merged) if position[self.first[k]] < position[keys[0]] \
                    and not _taken_from_another(merged[0], first, infos, False) else None
            if merged is None:
                anew.add(k)
            else:
                self._keep(k, merged)
        for k in anew:
            holders = self.holders.get(k)
            if holders:
                ordered = sorted(holders, key=position.__getitem__)
                self.first[k] = ordered[0]
                self._keep(k, _merged_entity(k, [holders[i].entities[k] for i in ordered]))
            else:
                for memo in (self.holders, self.first, self.merged):
                    memo.pop(k, None)
        self.records = present
        return {k: info for k, (info, _) in self.merged.items()}

    def _keep(self, key: str, merged: tuple[EntityInfo, Counter]) -> None:
        """The entity merged again, unless it is as it was: then the same object is kept (what is
        made of it is remembered by it)."""
        kept = self.merged.get(key)
        self.merged[key] = merged if kept is None or merged[0] != kept[0] else (kept[0], merged[1])


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
    pending: list = field(default_factory=list)  # reports joined but not yet added (see settle)

    def later(self, *args) -> None:
        """A report joins, to be added when the cluster is next looked at (a replayed merge looks
        at few of its clusters)."""
        self.pending.append(args)

    def settle(self) -> "_Cluster":
        """The cluster with every report that joined it added."""
        if self.pending:
            pending, self.pending = self.pending, []
            for args in pending:
                self.add(*args)
        return self

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

    def __init__(self, entities: dict[str, EntityInfo], article_words: dict[str, Counter],
                 cells: dict[tuple, int] | None = None):
        self.entities = entities
        self.article_words = article_words
        self.clusters: list[_Cluster] = []
        # index cells, (blocking key, year or None for undated or "*" for all), by number (a replayed
        # merge passes the numbers it used last time)
        self.cells: dict[tuple, int] = {} if cells is None else cells
        # cell number -> clusters, in order of creation
        self.index: dict[int, dict[int, None]] = defaultdict(dict)
        self.norms: dict[str, float] = {}
        self.founders: list[int] = []  # each cluster's first report (its id()), in order of creation

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

    def static(self, r: EventReport) -> tuple:
        """What a report brings to merging by itself: (family, people, others, document kind, its
        blocking keys, the index cells it reads)."""
        family = EVENT_FAMILY.get(r.kind, "Event")
        people, others = self._split(r)
        keys = self._keys(family, people, others, r)
        return family, people, others, doc_kind(r.label), keys, self._cells(keys, self._buckets(r))

    def _cells(self, keys: list[tuple], buckets: list) -> tuple[int, ...]:
        cells = self.cells
        return tuple(cells.get(c) or cells.setdefault(c, len(cells) + 1) for c in ((k, b) for k in keys for b in buckets))

    def candidates(self, reads: tuple) -> list[int]:
        """The events filed in the cells a report reads, in the order they were filed there."""
        seen, cands = set(), []
        for cell in reads:
            for i in self.index.get(cell, ()):
                if i not in seen:
                    seen.add(i)
                    cands.append(i)
        return cands

    def choose(self, r: EventReport, static: tuple, cands: list[int]) -> int | None:
        """The event among the candidates the report tells of, or None for a new one."""
        _, people, others, doc, _, _ = static
        for i in cands:
            self.clusters[i].settle()
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
        return fits[0] if fits else None

    def join(self, r: EventReport, static: tuple, idx: int | None, writes: tuple | None = None) -> tuple[int, tuple]:
        """The report added to event ``idx`` (a new event when None): (the event, the cells written).
        With ``writes`` (the cells it is known to write: a replayed decision), it is added later."""
        family, people, others, _, keys, _ = static
        if idx is None:
            idx = len(self.clusters)
            self.clusters.append(_Cluster(family=family))
            self.founders.append(id(r))
        cluster = self.clusters[idx]
        words = self.article_words.get(r.article, _NO_WORDS)
        if writes is None:
            cluster.settle().add(r, people, others, words)
            writes = self._cells(keys, self._cluster_buckets(cluster.date))
        else:
            cluster.later(r, people, others, words)
        for cell in writes:
            self.index[cell][idx] = None
        return idx, writes

    def add(self, r: EventReport) -> None:
        static = self.static(r)
        self.join(r, static, self.choose(r, static, self.candidates(static[5])))

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

    def events(self, kept: dict[int, Event] | None = None) -> list[Event]:
        """One Event per cluster, in order of creation; ``kept``: events already made of clusters
        that are as they were (by their founder), taken as they are."""
        kept = kept or {}
        return [kept[f] if f in kept else self.event(c.settle()) for f, c in zip(self.founders, self.clusters)]

    def event(self, c: _Cluster) -> Event:
        """The Event a cluster of reports makes."""
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
        return Event(key=key, kind=kind, participants=participants, date=date, location=location,
                     planned=planned, confidence=round(min(0.99, conf), 3), label=label, reports=reports,
                     no_date_reason=None if date else (sorted(reasons)[0] if reasons else "the text gives no date"))


@dataclass
class _Trace:
    """One report's part in a merge."""

    report: EventReport  # kept, so that its id() is not given to another object while remembered
    static: tuple  # EventMerger.static
    cands: tuple  # the events it was compared with (their founders' ids), in order
    joined: int  # the founder (id) of the event it joined or founded
    writes: tuple  # the index cells it filed that event under


# the cells a memory keeps of articles no longer there, at most (as many as those still read, and this)
MIN_CELLS = 4096


class MergeMemory:
    """What the last merge did report by report, for a resident build (``kg build --watch``): the
    next merge of nearly the same reports (the same objects) decides again only the reports that
    read something that changed, and replays the others' decisions; the result is the merge from
    scratch. A report's decision depends on the index cells it reads and the events it finds
    there; an event is "dirty" once its state may differ from the last merge's at that point of the
    walk (a new report joined it, a removed one left it, a report joined it differently), a cell
    once what is filed in it may. The entities' kinds and countries must be those of last time
    where the reports name them, else everything is decided again."""

    def __init__(self):
        self.traces: dict[int, _Trace] = {}
        # the index cells' numbers the traces use (a few per blocking key and month or year seen;
        # those of articles gone stay until ``bounded`` forgets them all)
        self.cells: dict[tuple, int] = {}
        self.live = 0  # how many of them the traces read when last counted
        self.kinds: dict[str, tuple] = {}  # entity key -> (kind, country)
        self.entities = EntityMemory()  # the last merge of entities
        self.events: dict[int, Event] = {}  # founder id -> its event (before part-of links and key suffixes)
        # (id of an event, its other values) -> (the event, its copy with those values): last merge's, this one's
        self.changed: dict[tuple, tuple] = {}
        self.changing: dict[tuple, tuple] = {}
        self.decided = 0  # reports decided again by the last merge

    def bounded(self) -> None:
        """Forget the cells and traces when most cells are no longer read (a watcher whose folder
        keeps changing files them for every article it has seen): the next merge decides every
        report again and numbers the cells afresh. The cells read are counted only when the cells
        have doubled since last counted."""
        if len(self.cells) <= 2 * self.live + MIN_CELLS:
            return
        live = set()
        for t in self.traces.values():
            live.update(t.static[5])
            live.update(t.writes)
        if len(self.cells) > 2 * len(live) + MIN_CELLS:
            self.cells, self.traces, self.live = {}, {}, 0
        else:
            self.live = len(live)

    def usable(self, reports: list[EventReport], entities: dict[str, tuple]) -> dict[int, _Trace]:
        """The traces the next merge may replay: none when a report seen last time names an entity
        whose kind or country is no longer what it was (it would be blocked or placed otherwise)."""
        present = {id(r) for r in reports}
        if not self.traces or len(present) != len(reports):
            return {}
        changed = {k for k in entities.keys() | self.kinds.keys() if entities.get(k) != self.kinds.get(k)}
        if changed and any(changed.intersection((*t.report.participants, t.report.location))
                           for key, t in self.traces.items() if key in present):
            return {}
        return self.traces


def _merge(merger: EventMerger, ordered: list[EventReport], memory: MergeMemory | None) -> set[int]:
    """Every report added to the merger in order, replaying the remembered decisions that still
    hold; the founders of the events that may differ from the remembered ones."""
    if memory is None:
        for r in ordered:
            merger.add(r)
        return set()
    entities = {k: (e.kind, e.country) for k, e in merger.entities.items()}
    prev = memory.usable(ordered, entities)
    present = {id(r) for r in ordered}
    dirty, dirty_cells = set(), set()
    for key, t in prev.items():
        if key not in present:  # removed: what it joined and filed is no longer as remembered
            dirty.add(t.joined)
            dirty_cells.update(t.writes)
    traces, position, decided = {}, {}, 0
    for r in ordered:
        t = prev.get(id(r))
        if t is not None and dirty_cells.isdisjoint(t.static[5]) and dirty.isdisjoint(t.cands):
            # it reads what it read last time: it decides as it did
            idx, _ = merger.join(r, t.static, None if t.joined == id(r) else position[t.joined], t.writes)
            traces[id(r)] = t
        else:
            decided += 1
            static = t.static if t is not None else merger.static(r)
            cands = merger.candidates(static[5])
            choice = merger.choose(r, static, cands)
            joined = id(r) if choice is None else merger.founders[choice]
            was_dirty = joined in dirty
            idx, writes = merger.join(r, static, choice)
            traces[id(r)] = _Trace(r, static, tuple(merger.founders[i] for i in cands), joined, writes)
            if t is None or t.joined != joined or was_dirty:
                # what it joined, and where it filed it, may differ from last time from here on; and
                # what it joined and filed last time (that event lacks it now, those cells may too)
                dirty.add(joined)
                dirty_cells.update(writes)
                if t is not None:
                    dirty.add(t.joined)
                    dirty_cells.update(t.writes)
        position[merger.founders[idx]] = idx
    memory.traces, memory.kinds, memory.decided = traces, entities, decided
    return dirty


def _changed(ev: Event, values: dict, memory: MergeMemory | None) -> Event:
    """A copy of the event with other values (a resident build gets the same copy as last time:
    what is made of it in memory is then taken as it is)."""
    key = (id(ev), *sorted(values.items()))
    made = memory.changed.get(key) if memory is not None else None
    copy = made[1] if made is not None else replace(ev, **values)
    if memory is not None:
        memory.changing[key] = (ev, copy)  # (the event kept, so that its id is no other's)
    return copy


def merge_events(records: list[ArticleRecord], entities: dict[str, EntityInfo],
                 article_words: dict[str, Counter] | None = None, memory: MergeMemory | None = None) -> list[Event]:
    """Merge every article's event reports into real-world events, with part-of links. With
    ``memory`` (kept by a resident build), the last merge's decisions are replayed where they hold."""
    reports = [r for rec in records for r in rec.events]
    if article_words is None:
        article_words = {rec.id: _words(" ".join(r.evidence for r in rec.events)) for rec in records}
    # most precise, most trusted first, so that vague reports join precise events
    ordered = sorted(reports, key=lambda r: (r.date is None, r.date_weak, -len(r.date or ""), r.planned,
                                             r.article, r.start, r.kind))
    if memory is not None:
        memory.bounded()
    merger = EventMerger(entities, article_words, memory.cells if memory is not None else None)
    dirty = _merge(merger, ordered, memory)
    if memory is None:
        events = merger.events()
    else:
        events = merger.events({f: e for f, e in memory.events.items() if f not in dirty})
        memory.events = dict(zip(merger.founders, events))
    # part-of links and key suffixes are set on copies: a resident build keeps the events as made
    changes: dict[int, dict] = defaultdict(dict)  # an event's place in ``events`` -> its new values
    # part-of: the event holding a report's parent report
    owner = {id(r): ev.key for ev in events for r in ev.reports}
    by_article = defaultdict(list)
    for rec in records:
        by_article[rec.id] = rec.events
    for i, ev in enumerate(events):
        parents = Counter()
        for r in ev.reports:
            if r.part_of is not None:
                parent = owner.get(id(by_article[r.article][r.part_of]))
                if parent and parent != ev.key:
                    parents[parent] += 1
        if parents:
            changes[i]["part_of"] = max(sorted(parents), key=lambda k: parents[k])
    # deterministic keys and order; keys stay unique
    counts = Counter(ev.key for ev in events)
    seen = Counter()
    for i in sorted((i for i, ev in enumerate(events) if counts[ev.key] > 1), key=lambda i: (events[i].key, events[i].articles)):
        seen[events[i].key] += 1
        if seen[events[i].key] > 1:
            changes[i]["key"] = f"{events[i].key}-{seen[events[i].key]}"
    events = [_changed(ev, changes[i], memory) if i in changes else ev for i, ev in enumerate(events)]
    if memory is not None:
        memory.changed, memory.changing = memory.changing, {}
    return sorted(events, key=lambda e: (e.date or "9999", e.kind, e.key))


def article_word_counts(text: str) -> Counter:
    return _words(text)
