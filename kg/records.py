"""Plain records passed between the stages: what extraction read from one article, and what
resolution made of all of them. No RDF, no spaCy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(slots=True)
class EntityInfo:
    """An entity an article mentions: its canonical key and what the article calls it."""

    key: str  # gazetteer id, or "person:<slug>" etc. for a name the gazetteer does not know
    kind: str  # Person, Country, Organization, Place
    label: str
    names: set[str] = field(default_factory=set)  # surface forms seen (skos:altLabel)
    wikidata: str | None = None
    represents: str | None = None  # key of a country or organization
    roles: set[str] = field(default_factory=set)  # titles as written ("Foreign Minister")
    country: str | None = None  # Place: the country it lies in


@dataclass(slots=True)
class EventReport:
    """One article's account of one event."""

    article: str  # article id
    kind: str  # the ontology class local name
    participants: list[str]  # entity keys
    evidence: str
    start: int  # character offsets of the evidence sentence
    end: int
    date: str | None = None  # ISO at the precision the text gives
    date_weak: bool = False  # resolved against an estimated article date
    location: str | None = None  # entity key
    planned: bool = False
    part_of: int | None = None  # index of another report of the same article
    confidence: float = 0.5
    label: str | None = None  # a name for the event ("SCO summit", "Joint statement ...")
    organization: str | None = None  # for summits: the organization that holds them
    no_date_reason: str | None = None
    mode: str | None = None  # "in_person" or "remote" when the text says so
    reported: str | None = None  # the article's (reference) date: an event told is no later, unless planned
    anaphoric: bool = False  # "the call", "the talks": refers back to an event already told
    several_days: bool = False  # a trip told on several days: dated by its month
    signed: bool = False  # a document the text says was signed (adopted, issued) then, not referred to
    signatories: list[str] = field(default_factory=list)  # the people who signed it (participants, not its parties)


@dataclass(slots=True)
class ArticleRecord:
    """Everything extraction read from one article."""

    id: str
    source_file: str
    sha256: str
    published: str | None
    title: str | None
    publisher: str | None
    url: str | None
    entities: dict[str, EntityInfo]
    events: list[EventReport]


@dataclass(slots=True)
class Event:
    """A real-world event: the merge of every report of it."""

    key: str  # deterministic id
    kind: str
    participants: list[str]
    date: str | None
    location: str | None
    planned: bool
    confidence: float
    label: str | None
    reports: list[EventReport]
    part_of: str | None = None  # key of another Event
    no_date_reason: str | None = None

    @property
    def articles(self) -> list[str]:
        return sorted({r.article for r in self.reports})


# document nouns grouped by kind: reports naming the same document may word it differently
DOC_KINDS = {"statement": "statement", "declaration": "statement", "communique": "statement", "communiqué": "statement", "treaty": "treaty",
             "roadmap": "roadmap", "road map": "roadmap", "plan": "roadmap", "memorandum": "memorandum",
             "protocol": "protocol", "contract": "agreement", "deal": "agreement", "agreement": "agreement",
             "accord": "agreement", "pact": "agreement", "package": "package"}


@lru_cache(maxsize=1 << 14)
def doc_kind(label: str | None) -> str | None:
    """The kind of document a label names ("Joint statement ..." -> statement), for merging
    (remembered: merging asks it of every report, and labels recur)."""
    if not label:
        return None
    low = label.lower()
    found = [(low.find(w), k) for w, k in DOC_KINDS.items() if re.search(rf"\b{w}\b", low)]
    return min(found)[1] if found else None


_MINISTERS = re.compile(r"\b(?:[\w-]+ ministers|heads of government)['’]")


def gathering_key(r: "EventReport") -> str:
    """What names a summit: its organization, or its own name without the words after 'for'
    ("Belt and Road Forum for International Cooperation" is the "Belt and Road Forum")."""
    if r.organization:
        # the organization's foreign ministers' meeting is not its leaders' summit
        ministers = _MINISTERS.search(r.label or "")
        return f"{r.organization} {ministers.group(0).lower()}" if ministers else r.organization
    return re.split(r"\s+for\s+", (r.label or "").lower())[0].strip()
