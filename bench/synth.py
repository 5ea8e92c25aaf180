"""A synthetic corpus for the benchmark: news-wire style articles about Russia–China diplomacy.

Reproducible (a fixed seed gives the same files, byte for byte), built from the project's gazetteer
(people with their posts, countries, places, organizations), with the same event told by several
articles in different words (same who, when and where), so that merging is exercised.

    python -m bench.synth --n 1000 --out /tmp/corpus-1000 [--seed 7]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "ontology" / "gazetteer"
GENERATOR_VERSION = 5  # bump when the output changes, so cached corpora are regenerated

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AGENCIES = ["Meridian News Agency", "Eastwire", "Continental Press", "Northern Dispatch", "Global Wire Service",
            "Pacific Bulletin", "Steppe News", "Baltic Herald Wire"]
REPORTERS = ["Olga Serova", "Tomas Brandt", "Lin Mei", "Anna Petrova", "James Holloway", "Chen Rui", "Marta Kowalska",
             "Dmitri Orlov", "Sara Lind", "Paul Mercer", "Hana Sato", "Ivan Belov", "Grace Okafor", "Liu Yang"]
TOPICS = ["energy cooperation", "trade and investment", "the Power of Siberia 2 pipeline", "lunar research",
          "satellite navigation", "agricultural exports", "nuclear power", "cross-border payments in national currencies",
          "the Northern Sea Route", "high-speed rail", "customs procedures", "scientific exchanges", "media cooperation",
          "tourism", "strategic stability", "the settlement of the Ukraine crisis", "security in Central Asia",
          "cooperation in the Arctic", "information security", "the development of the Far East"]
DOC_NOUNS = ["joint statement", "agreement", "memorandum of understanding", "roadmap", "protocol", "treaty",
             "intergovernmental agreement", "contract"]
SUMMIT_ORGS = ["Shanghai Cooperation Organization", "BRICS", "Group of Twenty", "Asia-Pacific Economic Cooperation",
               "Conference on Interaction and Confidence-Building Measures in Asia", "Eurasian Economic Union"]
KINDS = ["Meeting", "Meeting", "VideoConference", "PhoneCall", "PhoneCall", "StateVisit", "Summit", "Agreement"]


# --- the gazetteer, read leniently (its files may still be being written) -----------------------

@dataclass
class Person:
    id: str
    label: str
    surname: str
    country: str  # id of the country the person represents
    posts: list[tuple[str, str | None, str | None, str | None]]  # role, of, start, end


@dataclass
class World:
    countries: dict[str, dict]
    places: dict[str, dict]
    orgs: dict[str, dict]
    people: list[Person]
    titles: dict[str, str]  # role -> its title ("President")
    cities_of: dict[str, list[str]] = field(default_factory=dict)


def _rows(path: Path) -> list[dict]:
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line being written
        if isinstance(row, dict) and row.get("id") and row.get("label"):
            rows.append(row)
    return rows


def load_world(gaz_dir: Path = GAZ_DIR) -> World:
    """People, countries, places and organizations from ``ontology/gazetteer/*.jsonl``."""
    countries = {r["id"]: r for r in _rows(gaz_dir / "countries.jsonl")}
    places = {r["id"]: r for r in _rows(gaz_dir / "places.jsonl")}
    orgs = {r["id"]: r for r in _rows(gaz_dir / "organizations.jsonl")}
    titles = {}
    roles_path = gaz_dir.parent / "roles.jsonl"
    for line in roles_path.read_text(encoding="utf-8").splitlines() if roles_path.exists() else []:
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        if r.get("titles"):
            titles[r["role"]] = r["titles"][0]
            RANK[r["role"]] = r.get("rank", 9)
    people = []
    for r in _rows(gaz_dir / "people.jsonl"):
        posts = [(p.get("role"), p.get("of"), p.get("start"), p.get("end")) for p in r.get("posts", ())
                 if isinstance(p, dict) and p.get("role") in titles and p.get("of") in countries]
        country = r.get("represents") or (posts[0][1] if posts else None)
        if not posts or country not in countries:
            continue
        surname = r.get("surname") or r["label"].split()[-1]
        people.append(Person(r["id"], r["label"], surname, country, posts))
    cities_of: dict[str, list[str]] = {}
    for pid, p in sorted(places.items()):
        if p.get("kind") == "city" and p.get("country"):
            cities_of.setdefault(p["country"], []).append(pid)
    if not people:
        people = _FALLBACK_PEOPLE
    return World(countries, places, orgs, people, titles or _FALLBACK_TITLES, cities_of)


RANK: dict[str, int] = {}  # role -> rank (1: heads of state), from roles.jsonl
_FALLBACK_TITLES = {"president": "President", "foreign_minister": "Foreign Minister", "prime_minister": "Prime Minister"}
_FALLBACK_PEOPLE = [
    Person("vladimir-putin", "Vladimir Putin", "Putin", "russia", [("president", "russia", "2012-05-07", None)]),
    Person("xi-jinping", "Xi Jinping", "Xi", "china", [("president", "china", "2013-03-14", None)]),
    Person("sergei-lavrov", "Sergei Lavrov", "Lavrov", "russia", [("foreign_minister", "russia", "2004-03-09", None)]),
    Person("wang-yi", "Wang Yi", "Wang", "china", [("foreign_minister", "china", "2013-03-16", "2022-12-30"),
                                                   ("foreign_minister", "china", "2023-07-25", None)]),
    Person("mikhail-mishustin", "Mikhail Mishustin", "Mishustin", "russia", [("prime_minister", "russia", "2020-01-16", None)]),
    Person("li-qiang", "Li Qiang", "Li", "china", [("prime_minister", "china", "2023-03-11", None)]),
]


def _posts_on(p: Person, day: str) -> list[tuple[str, str]]:
    """The posts ``p`` held on ``day``, the highest first (President before General Secretary)."""
    held = [(role, of) for role, of, start, end in p.posts
            if (start is None or start[:10] <= day) and (end is None or day <= end[:10])]
    return sorted(held, key=lambda x: RANK.get(x[0], 9))


def _post_on(p: Person, day: str) -> tuple[str, str] | None:
    held = _posts_on(p, day)
    return held[0] if held else None


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


# --- events --------------------------------------------------------------------------------------

@dataclass
class SynthEvent:
    kind: str
    date: dt.date
    people: list[Person]
    city: str | None  # place id
    host: str | None  # country id
    topic: str
    doc: str | None = None  # for agreements
    org: str | None = None  # for summits
    roles: dict[str, str] = field(default_factory=dict)  # person id -> the post they act in


class Generator:
    def __init__(self, seed: int = 7, world: World | None = None):
        self.rng = random.Random(seed)
        self.w = world or load_world()
        self.by_country: dict[str, list[Person]] = {}
        for p in self.w.people:
            self.by_country.setdefault(p.country, []).append(p)
        self.others = [c for c in sorted(self.by_country) if c not in ("russia", "china")]

    # who holds a post on a day, by country
    def _holders(self, country: str, day: str) -> list[tuple[Person, str]]:
        out = []
        for p in self.by_country.get(country, []):
            for role, of in _posts_on(p, day):  # every post: Xi is President and General Secretary
                if of == country:
                    out.append((p, role))
        return out

    def _city(self, country: str | None) -> str | None:
        if country is None:
            return None
        cap = self.w.countries.get(country, {}).get("capital")
        cities = self.w.cities_of.get(country, [])
        if cap in self.w.places and (self.rng.random() < 0.7 or not cities):
            return cap
        return self.rng.choice(cities) if cities else None

    def event(self) -> SynthEvent:
        rng = self.rng
        for _ in range(50):
            day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
            iso = day.isoformat()
            ru, cn = self._holders("russia", iso), self._holders("china", iso)
            if not ru or not cn:
                continue
            # counterparts: the same role when both sides have it, else the first two
            pairs = [(a, b, ra) for a, ra in ru for b, rb in cn if ra == rb] or [(ru[0][0], cn[0][0], ru[0][1])]
            # leaders and ministers far more often than spokespeople
            a, b, role = rng.choices(pairs, weights=[1 / RANK.get(r, 9) ** 1.5 for *_, r in pairs])[0]
            people = [a, b]
            roles = {a.id: role, b.id: role}
            if self.others and rng.random() < 0.15:
                third = self._holders(rng.choice(self.others), iso)
                if third:
                    p3, r3 = rng.choice(third)
                    people.append(p3)
                    roles[p3.id] = r3
            kind = rng.choice(KINDS)
            host = rng.choice(["russia", "china"]) if kind not in ("Summit",) else rng.choice(["russia", "china", *self.others[:12]])
            city = None if kind in ("VideoConference", "PhoneCall") else self._city(host)
            ev = SynthEvent(kind, day, people, city, host, rng.choice(TOPICS), roles=roles)
            if kind == "Agreement":
                ev.doc = rng.choice(DOC_NOUNS)
            if kind == "Summit":
                ev.org = rng.choice(SUMMIT_ORGS)
            if kind not in ("VideoConference", "PhoneCall") and city is None:
                continue
            return ev
        raise RuntimeError("the gazetteer has no Russian and Chinese office holders on the same day")

    # --- writing -------------------------------------------------------------------------------

    def _title(self, p: Person, day: str, full: bool = True, role: str | None = None) -> str:
        post = next((x for x in _posts_on(p, day) if x[0] == role), None) or _post_on(p, day)
        if not post:
            return p.label
        role, of = post
        adj = (self.w.countries.get(of, {}).get("adjectives") or [self.w.countries.get(of, {}).get("label", "")])[0]
        title = self.w.titles.get(role, "")
        return f"{adj} {title} {p.label}".strip() if full else f"{title} {p.label}".strip()

    def _place(self, pid: str | None) -> str:
        return self.w.places[pid]["label"] if pid and pid in self.w.places else "the capital"

    def _date_phrase(self, ev: SynthEvent, published: dt.date, year: bool) -> str:
        d = ev.date
        rng = self.rng
        if d == published and rng.random() < 0.6:
            return f"on {WEEKDAYS[d.weekday()]}"
        form = rng.randrange(4)
        if form == 0:
            return f"on {MONTHS[d.month - 1]} {d.day}" + (f", {d.year}" if year else "")
        if form == 1:
            return f"on {d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
        if form == 2:
            return f"on {WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}"
        return f"on {d.isoformat()}" if year else f"on {MON_ABBR[d.month - 1]} {d.day}"

    def lead(self, ev: SynthEvent, published: dt.date, year: bool) -> str:
        rng = self.rng
        day = ev.date.isoformat()
        a, b, *rest = ev.people
        ta, tb = self._title(a, day, role=ev.roles.get(a.id)), self._title(b, day, role=ev.roles.get(b.id))
        if (ev.kind == "StateVisit" and a.country == ev.host) or (ev.kind != "StateVisit" and rng.random() < 0.5):
            ta, tb, a, b = tb, ta, b, a  # the visitor comes from abroad
        when = self._date_phrase(ev, published, year)
        where = self._place(ev.city)
        extra = f" and {self._title(rest[0], day, role=ev.roles.get(rest[0].id))}" if rest else ""
        t = rng.randrange(3)
        if ev.kind == "Meeting":
            s = [f"{ta} met {tb}{extra} in {where} {when} for talks on {ev.topic}.",
                 f"{ta} held talks with {tb}{extra} in {where} {when}, focusing on {ev.topic}.",
                 f"{ta} sat down with {tb}{extra} {when} in {where} to discuss {ev.topic}."][t]
        elif ev.kind == "VideoConference":
            s = [f"{ta} held a video call with {tb}{extra} {when}, discussing {ev.topic}.",
                 f"{ta} and {tb}{extra} spoke by video link {when} about {ev.topic}.",
                 f"{ta} told {tb}{extra} during a videoconference {when} that {ev.topic} remained a priority."][t]
        elif ev.kind == "PhoneCall":
            s = [f"{ta} spoke with {tb}{extra} by telephone {when} about {ev.topic}.",
                 f"{ta} held a phone conversation with {tb}{extra} {when}, the two sides said.",
                 f"{ta} phoned {tb}{extra} {when} to discuss {ev.topic}."][t]
        elif ev.kind == "StateVisit":
            s = [f"{ta} arrived in {where} {when} for a state visit at the invitation of {tb}.",
                 f"{ta} began a state visit to {where} {when}, where he was welcomed by {tb}.",
                 f"{tb} welcomed {ta} in {where} {when} at the start of a three-day state visit."][t]
        elif ev.kind == "Summit":
            s = [f"{ta} and {tb}{extra} attended the {ev.org} summit in {where} {when}.",
                 f"Leaders of the {ev.org} gathered in {where} {when} for a summit attended by {ta} and {tb}.",
                 f"{ta} met {tb} on the sidelines of the {ev.org} summit in {where} {when}."][t]
        else:  # Agreement
            s = [f"{ta} and {tb} signed {_a(ev.doc)} on {ev.topic} in {where} {when}.",
                 f"Russia and China signed {_a(ev.doc)} on {ev.topic} {when} in {where}, in the presence of {ta} and {tb}.",
                 f"{ta} and {tb} adopted {_a(ev.doc)} on {ev.topic} after talks in {where} {when}."][t]
        return s

    def follow_up(self, ev: SynthEvent) -> str:
        a, b = ev.people[0], ev.people[1]
        rng = self.rng
        noun = {"Meeting": "talks", "VideoConference": "video call", "PhoneCall": "call", "StateVisit": "visit",
                "Summit": "summit", "Agreement": "signing ceremony"}[ev.kind]
        quote = rng.choice(["relations between our countries are at their highest level in history",
                            "we are ready to deepen coordination on international affairs",
                            "practical cooperation has shown strong resilience",
                            "the partnership is not directed against any third country",
                            "trade has grown despite external pressure"])
        return rng.choice([
            f"During the {noun}, {a.surname} said {quote}, according to a readout.",
            f"\"{quote[0].upper() + quote[1:]},\" {b.surname} said after the {noun}.",
            f"{a.surname} and {b.surname} also exchanged views on {rng.choice(TOPICS)}, officials said.",
            f"The {noun} lasted about two hours, a spokesperson said, and covered {rng.choice(TOPICS)}.",
        ])

    def background(self, year: int) -> list[str]:
        """Background sentences, shuffled: trade figures, analysis, history (no events of their own)."""
        rng = self.rng
        n = rng.randint(60, 240)
        topic, topic2 = rng.sample(TOPICS, 2)
        country = self.w.countries.get(rng.choice(self.others), {}).get("label", "Kazakhstan") if self.others else "Kazakhstan"
        out = [
            f"Bilateral trade reached ${n} billion last year, according to customs data, and both sides have set a target of further growth.",
            "Analysts said the relationship had been tested by sanctions and by shifting energy markets, but that neither side saw an alternative to it.",
            f"The two countries share a border more than 4,200 km long and have deepened ties in energy, defence and finance since {year - rng.randint(3, 9)}.",
            f"Officials have said that more than {rng.randint(80, 95)} percent of payments between the two countries are now settled in roubles and yuan.",
            "Western governments have watched the partnership with concern, and several have urged Beijing to use its influence with Moscow.",
            f"Experts expect further progress on {topic} in the coming months, though no timetable has been made public.",
            "Chinese exports of cars and machinery to Russia rose sharply, while Russian oil and gas made up most of its sales to China.",
            f"A senior researcher at a Moscow think tank said the economic relationship was increasingly lopsided, with Russia depending on Chinese buyers for {rng.randint(20, 45)} percent of its crude exports.",
            f"In {country}, officials said they welcomed closer coordination between their two largest neighbours on {topic2}.",
            f"Shipments along the eastern route rose by {rng.randint(5, 40)} percent over the previous twelve months, according to figures released by the state pipeline operator.",
            "The yuan overtook the dollar as the most traded foreign currency on the Moscow exchange, a shift officials on both sides have presented as a sign of mutual trust.",
            "Chinese banks remain cautious about secondary sanctions, and several regional lenders have stopped processing payments from Russian clients, business groups say.",
            f"Tourist flows between the two countries have recovered to about {rng.randint(40, 90)} percent of their pre-pandemic level, travel associations estimate.",
            f"The relationship was upgraded to a comprehensive strategic partnership of coordination in {rng.choice([2001, 2011, 2014, 2019])}, and both sides describe it as at its best in history.",
            f"Critics note that many announced projects, including plans on {topic}, have advanced slowly, and that financing terms remain under negotiation.",
            f"Students from both countries are taking part in exchange programmes in record numbers, with more than {rng.randint(50, 90)},000 Chinese students enrolled at Russian universities.",
            f"Grain exports through the new land corridor reached {rng.randint(1, 9)}.{rng.randint(0, 9)} million tonnes, and officials hope to double the figure.",
            "Both governments regularly stress that their partnership is not an alliance and is not aimed at third countries.",
            f"Regional governors from the Far East and north-east China have held their own forum on {topic2}, seeking to attract investment to the border areas.",
            "Defence ministries in both capitals have expanded joint exercises, including naval patrols in the Pacific, in recent years.",
        ]
        rng.shuffle(out)
        return out

    def recall(self, past: SynthEvent) -> str:
        a, b = past.people[0], past.people[1]
        when = f"in {MONTHS[past.date.month - 1]} {past.date.year}"
        return self.rng.choice([
            f"{a.surname} and {b.surname} last met in {self._place(past.city)} {when}." if past.city else
            f"{a.surname} and {b.surname} last spoke by telephone {when}.",
            f"The two sides previously held talks {when}, when they discussed {past.topic}.",
        ])

    def article(self, events: list[SynthEvent], idx: int, past: SynthEvent | None) -> tuple[str, dict | None]:
        """One article reporting ``events`` (the first is its news); text and sidecar (or None)."""
        rng = self.rng
        main = events[0]
        published = main.date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
        agency = rng.choice(AGENCIES)
        with_meta = rng.random() < 0.8
        year_in_text = not with_meta or rng.random() < 0.3
        city = main.city or self._city(rng.choice(["russia", "china"]))
        dl_city = self._place(city).upper()
        if year_in_text:
            dateline = f"{dl_city}, {MON_ABBR[published.month - 1]} {published.day}, {published.year} ({agency}) --"
        else:
            dateline = f"{dl_city}, {MON_ABBR[published.month - 1]} {published.day} ({agency}) –"
        a, b = main.people[0], main.people[1]
        headline = rng.choice([f"{a.surname} and {b.surname} discuss {main.topic}",
                               f"{a.surname}, {b.surname} pledge closer ties on {main.topic}",
                               f"Russia and China hold {'talks' if main.kind != 'Agreement' else 'signing'} on {main.topic}",
                               f"{b.surname} and {a.surname} meet as partnership deepens"])
        paras = [headline, f"{dateline} {self.lead(main, published, year_in_text)} {self.follow_up(main)}"]
        for ev in events[1:]:
            paras.append(f"{self.lead(ev, published, True)} {self.follow_up(ev)}")
        bg = self.background(published.year)
        for _ in range(rng.randint(4, 7)):
            k = rng.randint(2, 3)
            paras.append(" ".join(bg[:k]))
            del bg[:k]
            if rng.random() < 0.35:
                paras.append(self.follow_up(main))
        if past is not None and rng.random() < 0.6:
            paras.insert(rng.randint(2, len(paras)), self.recall(past))
        paras.append(f"Reporting by {rng.choice(REPORTERS)}; editing by {rng.choice(REPORTERS)}")
        text = "\n\n".join(paras) + "\n"
        meta = None
        if with_meta:
            meta = {"published": published.isoformat(), "publisher": agency, "title": headline,
                    "url": f"https://news.example.org/{published.year}/{idx:06d}"}
        return text, meta


def generate(n: int, out: Path, seed: int = 7, world: World | None = None) -> dict:
    """Write ``n`` articles (``NNNNNN.txt`` + most with ``.meta.json``) into ``out``; returns stats."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed, world)
    rng = gen.rng
    # about one event per two articles: many are told two to four times
    pool = [gen.event() for _ in range(max(1, n // 2))]
    reports = 0
    for i in range(n):
        main = pool[min(int(rng.expovariate(1.0) * len(pool) / 3), len(pool) - 1)] if rng.random() < 0.5 else rng.choice(pool)
        extra = [rng.choice(pool) for _ in range(rng.choice([0, 0, 1, 1, 2]))]
        past = rng.choice(pool)
        text, meta = gen.article([main, *extra], i, past if past.date < main.date else None)
        reports += 1 + len(extra)
        (out / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        if meta:
            (out / f"{i:06d}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return {"articles": n, "events": len(pool), "reports": reports, "seed": seed, "people": len(gen.w.people)}


def extra_article(out: Path, n: int, seed: int = 7) -> Path:
    """One more article (a new event), written into ``out`` as article number ``n``; its path."""
    gen = Generator(seed + 1_000_003)
    ev = gen.event()
    text, meta = gen.article([ev], n, None)
    path = Path(out) / f"{n:06d}.txt"
    path.write_text(text, encoding="utf-8")
    if meta:
        path.with_name(f"{n:06d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def remove_article(path: Path) -> None:
    """An article and its sidecar removed (what extra_article wrote), if there."""
    from kg.corpus import sidecar_path

    path.unlink(missing_ok=True)
    sidecar_path(path).unlink(missing_ok=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(generate(args.n, args.out, args.seed))


if __name__ == "__main__":
    main()
