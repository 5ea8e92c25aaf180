"""The gazetteer: people, countries, organizations and places known in advance, read from
``ontology/gazetteer/*.jsonl`` and ``ontology/roles.jsonl``. Data, not code."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import DataError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
FILES = {"countries.jsonl": "Country", "places.jsonl": "Place", "organizations.jsonl": "Organization",
         "people.jsonl": "Person"}


def slug(text: str) -> str:
    """A lowercase ASCII slug: the deterministic key of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


@dataclass(frozen=True)
class Post:
    role: str
    of: str | None
    start: str | None
    end: str | None
    to: str | None = None

    def held_on(self, day: str | None) -> bool:
        """Whether the post was held on ``day`` (ISO, any precision); unknown day: held now."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start[:len(day)] <= day) and (self.end is None or day <= self.end[:len(day)] or self.end.startswith(day))


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # Person, Country, Organization, Place
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None  # Place: the country it lies in; Organization: its country
    represents: str | None = None  # Person
    posts: tuple[Post, ...] = ()
    surname: str | None = None
    surname_alone: bool = False
    adjectives: tuple[str, ...] = ()  # Country
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    government_metonyms: tuple[str, ...] = ()
    city: str | None = None  # venue: its city
    metonyms: tuple[str, ...] = ()  # Organization: a place name used for it ("the Kremlin said")
    subkind: str | None = None  # place kind (city, venue...) or organization kind


@dataclass(frozen=True)
class Role:
    role: str
    titles: tuple[str, ...]
    rank: int = 9
    leader: bool = False
    leader_if_no_president: bool = False


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    roles: dict[str, Role]
    by_surname: dict[str, list[str]] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    adjective_of: dict[str, str] = field(default_factory=dict)
    office_words: frozenset[str] = frozenset()  # "Minister of Culture X": the words an office is of

    def __post_init__(self):
        self.by_post: dict[tuple[str, str | None], list[str]] = {}
        for e in self.entries.values():
            for p in e.posts:
                self.by_post.setdefault((p.role, p.of), []).append(e.id)
                self.by_post.setdefault((p.role, None), []).append(e.id)
            if e.kind == "Person" and e.surname:
                self.by_surname.setdefault(e.surname, []).append(e.id)
            for name in (e.label, *e.aliases):
                self.by_name.setdefault(name, e.id)
            for adj in (*e.adjectives, *e.demonyms):
                self.adjective_of.setdefault(adj, e.id)
        # names of a seat of power used for its government or office ("the Kremlin said"), found once
        self.government_metonyms = {m: e.id for e in self.entries.values() if e.kind == "Country"
                                    for m in e.government_metonyms}
        self.organization_metonyms = {m: e.id for e in self.entries.values() if e.kind == "Organization"
                                      for m in e.metonyms}
        # every title surface form to its role key (the lowest rank first), and the words they are made of
        self.titles: dict[str, str] = {}
        for r in sorted(self.roles.values(), key=lambda r: r.rank):
            for t in r.titles:
                self.titles.setdefault(t, r.role)
        self.title_words = frozenset(w for t in self.titles for w in t.split())
        self.title_words_lower = frozenset(w.lower() for w in self.title_words)
        self.title_first_words = frozenset(t.split()[0] + plural for t in self.titles for plural in ("", "s"))

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def get(self, key: str | None) -> Entry | None:
        return self.entries.get(key) if key else None

    def holders(self, role: str, of: str | None, day: str | None) -> list[str]:
        """People holding ``role`` of country/organization ``of`` on ``day``."""
        out = []
        for key in dict.fromkeys(self.by_post.get((role, of), ())):
            e = self.entries[key]
            if any(p.role == role and (of is None or p.of == of) and p.held_on(day) for p in e.posts):
                out.append(e.id)
        return out

    def leader(self, country: str, day: str | None) -> str | None:
        """The head of state (or, failing that, of government) of ``country`` on ``day``."""
        for role in [r.role for r in self.roles.values() if r.leader] + [r.role for r in self.roles.values() if r.leader_if_no_president]:
            found = self.holders(role, country, day)
            if len(found) == 1:
                return found[0]
        return None

    def role_of(self, person: str, day: str | None) -> list[Post]:
        e = self.entries.get(person)
        return [p for p in e.posts if p.held_on(day)] if e else []

    def title_roles(self) -> dict[str, str]:
        """Every title surface form to its role key."""
        return self.titles


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, f"cannot be read: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(path, f"line {n}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not row.get("id") and "role" not in row:
            raise DataError(path, f"line {n}: each line must be an object with an 'id'")
        row["_line"] = n
        rows.append(row)
    return rows


def _entry(row: dict, kind: str, path: Path) -> Entry:
    try:
        posts = tuple(Post(p["role"], p.get("of"), p.get("start"), p.get("end"), p.get("to")) for p in row.get("posts", ()))
        label = row["label"]
    except (KeyError, TypeError) as exc:
        raise DataError(path, f"line {row['_line']}: missing field {exc}") from None
    return Entry(
        id=row["id"], kind=kind, label=label, aliases=tuple(a for a in row.get("aliases", ()) if a and a != label),
        wikidata=row.get("wikidata") or None, country=row.get("country"), represents=row.get("represents"),
        posts=posts, surname=row.get("surname"), surname_alone=bool(row.get("surname_alone")),
        adjectives=tuple(row.get("adjectives", ())), demonyms=tuple(row.get("demonyms", ())),
        capital=row.get("capital"), government_metonyms=tuple(row.get("government_metonyms", ())),
        city=row.get("city"), subkind=row.get("kind"), metonyms=tuple(row.get("metonyms", ())))


def load(directory: Path | None = None) -> Gazetteer:
    """Read the gazetteer from ``directory`` (default: the project's ``ontology/``)."""
    directory = Path(directory or ONTOLOGY_DIR)
    entries: dict[str, Entry] = {}
    for name, kind in FILES.items():
        path = directory / "gazetteer" / name
        if not path.exists():
            raise DataError(path, "missing (the gazetteer needs countries, places, organizations and people)")
        for row in _read_jsonl(path):
            entry = _entry(row, kind, path)
            if entry.id in entries:
                raise DataError(path, f"line {row['_line']}: id {entry.id!r} is defined twice")
            entries[entry.id] = entry
    roles_path = directory / "roles.jsonl"
    roles = {}
    for row in _read_jsonl(roles_path):
        if row["role"] in roles:
            raise DataError(roles_path, f"line {row['_line']}: role {row['role']!r} is defined twice")
        roles[row["role"]] = Role(row["role"], tuple(row["titles"]), row.get("rank", 9), bool(row.get("leader")),
                                  bool(row.get("leader_if_no_president")))
    for e in entries.values():
        for ref in (e.country, e.represents, e.capital, e.city):
            if ref and ref not in entries:
                raise DataError(directory / "gazetteer", f"{e.id} refers to unknown id {ref!r}")
        for p in e.posts:
            if p.role not in roles:
                raise DataError(directory / "gazetteer", f"{e.id} has a post with unknown role {p.role!r} (see roles.jsonl)")
    office_path = directory / "office_words.json"
    try:
        office = json.loads(office_path.read_text(encoding="utf-8"))
        office_words = frozenset(office["fields"]) | frozenset(office["bodies"])
    except FileNotFoundError:
        raise DataError(office_path, "missing (the words between a title and its holder's name)") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise DataError(office_path, f"not a JSON object with lists 'fields' and 'bodies': {exc}") from None
    return Gazetteer(entries, roles, office_words=office_words)


@lru_cache(maxsize=4)
def default() -> Gazetteer:
    return load()
