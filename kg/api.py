"""The Python API for notebooks: open or build a graph, ask it questions, get pandas DataFrames,
networkx graphs, matplotlib timelines and the interactive graph inline.

    from kg import KnowledgeGraph
    g = KnowledgeGraph.open("output")
    g.events(participant=["Vladimir Putin", "Xi Jinping"])
    g.entity("Xi Jinping").represents
    g.query("SELECT ?e ?d WHERE { ?e dip:date ?d ; dip:participant/rdfs:label ?who }", who="Xi Jinping")

Values a user passes (names, dates, kinds, query parameters) are bound as RDF terms (kg.bind),
never pasted into query text.
"""
from __future__ import annotations

import html
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from .dateranges import between_mask, precision, span
from .errors import InputError, KgError
from .frames import results_frame, term_value, to_term
from .store import PREFIXES, Store, read_trig

DIP = PREFIXES["dip"]
ENTITY_TYPES = ("Person", "Country", "Organization", "Place")

# the most specific dip: class of each node (its rdf:type has no subclass among the node's types)
_MOST_SPECIFIC = """?n a ?cls . FILTER(STRSTARTS(STR(?cls), STR(dip:)))
  FILTER NOT EXISTS { ?n a ?sub . ?sub rdfs:subClassOf+ ?cls . FILTER(?sub != ?cls) }"""

# each event once, with its most specific class, when it is of class ?kind (bound; dip:Event for all)
EVENT_TYPES = """SELECT DISTINCT ?n ?cls ?kind WHERE {
  ?n a ?cls . ?cls rdfs:subClassOf* ?kind .
  FILTER NOT EXISTS { ?n a ?sub . ?sub rdfs:subClassOf+ ?cls }
}"""
EVENT_FACTS = """SELECT DISTINCT ?n ?label ?date ?location ?planned ?confidence ?partOf WHERE {
  ?n a ?cls . ?cls rdfs:subClassOf* dip:Event .
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n dip:date ?date }
  OPTIONAL { ?n dip:location/rdfs:label ?location }
  OPTIONAL { ?n dip:planned ?planned }
  OPTIONAL { ?n dip:confidence ?confidence }
  OPTIONAL { ?n dip:partOf ?partOf }
}"""
PARTICIPANTS = """SELECT DISTINCT ?n ?p ?label WHERE {
  ?n a ?cls ; dip:participant ?p . ?cls rdfs:subClassOf* dip:Event . OPTIONAL { ?p rdfs:label ?label } }"""
ARTICLES = """SELECT DISTINCT ?n ?file WHERE {
  ?n a ?cls ; dip:reportedIn ?a . ?cls rdfs:subClassOf* dip:Event . ?a dip:sourceFile ?file }"""
EVENT_KINDS = """SELECT DISTINCT ?cls ?label WHERE {
  ?cls rdfs:subClassOf* dip:Event . OPTIONAL { ?cls rdfs:label ?label } }"""

FIND_ENTITY = """SELECT DISTINCT ?n ?cls ?exact ?q WHERE {
  VALUES ?cls { dip:Person dip:Country dip:Organization dip:Place }
  ?n a ?cls .
  { ?n rdfs:label ?name BIND(true AS ?exact) } UNION { ?n skos:altLabel ?name BIND(false AS ?exact) }
  FILTER(LCASE(STR(?name)) = LCASE(STR(?q)))
}"""
ENTITY_FACTS = """SELECT DISTINCT ?n ?p ?value ?valueLabel WHERE {
  VALUES ?p { rdfs:label skos:altLabel owl:sameAs dip:represents dip:role dip:country }
  ?n ?p ?value . OPTIONAL { ?value rdfs:label ?valueLabel }
}"""
ENTITY_TYPE = f"SELECT DISTINCT ?n ?cls WHERE {{ {_MOST_SPECIFIC} }}"
NODES = f"""SELECT DISTINCT ?n ?cls ?label ?date WHERE {{
  {{ ?n a/rdfs:subClassOf* dip:Event }}
  UNION {{ VALUES ?t {{ dip:Person dip:Country dip:Organization dip:Place }} ?n a ?t }}
  {_MOST_SPECIFIC}
  OPTIONAL {{ ?n rdfs:label ?label }}
  OPTIONAL {{ ?n dip:date ?date }}
}}"""
LINKS = """SELECT DISTINCT ?n ?o WHERE {
  VALUES ?p { dip:participant dip:location dip:partOf dip:attestation dip:reportedIn } ?n ?p ?o }"""
EDGES = """SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { dip:participant dip:location dip:partOf dip:represents } ?s ?p ?o }"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _describe(value) -> str:
    """A filter value as text for a title: a name, a list of names, a (start, end) range."""
    if isinstance(value, ox.NamedNode):
        return _local(value.value)
    if isinstance(value, (list, tuple)):
        return " – ".join(_describe(v) if v is not None else "…" for v in value)
    return str(value)


@dataclass
class Entity:
    """One entity of the graph: what it is called, what it is, and the events it took part in."""

    iri: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None  # the Q-id
    represents: list[str] = field(default_factory=list)  # labels of countries / organizations
    roles: list[str] = field(default_factory=list)
    country: str | None = None  # for a place: the country it lies in
    events: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def __repr__(self) -> str:
        extra = f", represents {', '.join(self.represents)}" if self.represents else ""
        return (f"<Entity {self.label!r} ({self.type}{extra}; {len(self.aliases)} aliases, "
                f"{len(self.events)} events)>")


class KnowledgeGraph:
    """A built knowledge graph, opened for analysis. Make one with ``open`` or ``build``."""

    def __init__(self, store: Store, source: str = "in-memory graph"):
        self.store = store
        self.source = source  # where it came from, for messages
        self.build_result = None  # kg.build.BuildResult when made by ``build``

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.source}: {len(self.store)} quads>"

    # ------------------------------------------------------------ opening and building

    @classmethod
    def open(cls, path="output") -> "KnowledgeGraph":
        """The graph a build wrote to ``path`` (its store/ folder, else its kg.trig), or a .trig file."""
        from .store import open_built

        path = Path(path)
        if path.is_file():
            return cls(read_trig(path), str(path))
        if not path.exists():
            raise InputError(f"{path} does not exist: build the graph first "
                             f"(KnowledgeGraph.build(folder, out={str(path)!r}) or `python build.py --out {path}`)")
        return cls(open_built(path), str(path))

    @classmethod
    def build(cls, folder, out=None, progress: bool = True, **options) -> "KnowledgeGraph":
        """Build the graph from the articles in ``folder`` (a progress bar shows the extraction) and
        open it. ``out``: the output folder to write (kg.trig, store/, graph.html); None builds in a
        temporary folder and keeps the graph in memory only. ``options`` go to ``kg.build.build``."""
        from .build import build

        folder = Path(folder)
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder of articles (*.txt)")
        options["progress"] = progress
        if out is not None:
            result = build(folder, Path(out), **options)
            g = cls.open(out)
            g.build_result = result
            return g
        tmp = Path(tempfile.mkdtemp(prefix="dipkg-"))
        try:
            options.setdefault("html", False)  # the page is not kept: do not render it
            result = build(folder, tmp / "output", **options)
            store = read_trig(result.outputs["trig"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        g = cls(store, f"built from {folder}")
        g.build_result = result
        return g

    # ------------------------------------------------------------ SPARQL

    def _run(self, sparql: str, bindings: dict | None = None):
        from .bind import run

        for name in bindings or {}:
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise InputError(f"parameter {name!r} is not a SPARQL variable name")
        values = {ox.Variable(name): to_term(value, name) for name, value in (bindings or {}).items()}
        return run(self.store, sparql, values)

    def query(self, sparql: str | Path, **params) -> pd.DataFrame | bool:
        """Run SPARQL text, a .rq file or a canned query (a name from queries/, e.g. "timeline") and
        return a DataFrame with typed columns (ASK: a bool; CONSTRUCT: subject/predicate/object).
        Each keyword binds the query variable of that name to a value (str, int, float, bool, date,
        or pyoxigraph.NamedNode for an IRI); a canned query's declared parameters have defaults."""
        from .query import load_query

        q = load_query(str(sparql))
        for name in params:
            if name not in q.params and not re.search(rf"[?$]{re.escape(name)}\b", q.text):
                declared = ", ".join(q.params) or "none declared"
                raise InputError(f"{q.source} has no variable ?{name} to bind (its parameters: {declared})")
        try:
            return results_frame(self._run(q.text, {**q.params, **params}))
        except SyntaxError as exc:
            raise KgError(f"SPARQL syntax error in {q.source}: {exc}") from None

    # ------------------------------------------------------------ common questions

    def _event_kind(self, kind: str) -> ox.NamedNode:
        """The event class a user names, by class name or label, in any case ("phonecall", "Phone call")."""
        known = {}
        for row in self.store.query(EVENT_KINDS):
            iri = row["cls"].value
            for name in (_local(iri), term_value(row["label"])):
                if name:
                    known[name.lower().replace(" ", "")] = iri
        key = str(kind).lower().replace(" ", "")
        if key not in known:
            names = sorted({_local(v) for v in known.values()})
            raise InputError(f"unknown event kind {kind!r}: use one of {', '.join(names)}")
        return ox.NamedNode(known[key])

    def events(self, participant=None, kind: str | None = None, between=None) -> pd.DataFrame:
        """Events, one row each, sorted by date: every event, or those with all the given
        participants (a name or alias in any case, a pyoxigraph.NamedNode, or a list of them), of
        a kind (a class and its subclasses: "Meeting" includes video and phone calls) and whose
        date overlaps ``between=(start, end)`` (each a date, "YYYY", "YYYY-MM" or "YYYY-MM-DD", or None).

        Columns: event (IRI), label, type, date (as written: a day, a month or a year), precision,
        start (the first day the date covers), participants, location, planned, confidence,
        part_of, articles (source files)."""
        if participant is None:
            participant = []
        elif isinstance(participant, (str, ox.NamedNode)):
            participant = [participant]
        who = [self._named(w) for w in participant]
        kind_iri = self._event_kind(kind) if kind is not None else ox.NamedNode(DIP + "Event")
        types = {r["n"].value: _local(r["cls"].value) for r in self._run(EVENT_TYPES, {"kind": kind_iri})}
        people: dict[str, dict[str, str]] = {}
        for r in self.store.query(PARTICIPANTS):
            people.setdefault(r["n"].value, {})[r["p"].value] = term_value(r["label"]) or _local(r["p"].value)
        keep = [e for e in types if all(set(people.get(e, ())) & iris for iris in who)]
        frame = self._events_frame(keep, types, people)
        if between is not None:
            frame = frame[between_mask(frame["date"], between)].reset_index(drop=True)
        return frame

    def _named(self, name) -> set[str]:
        """IRIs of the entities called ``name``: by label if any has it as its label, else by alias."""
        if isinstance(name, ox.NamedNode):
            return {name.value}
        exact, alias = set(), set()
        for r in self._run(FIND_ENTITY, {"q": str(name)}):
            (exact if r["exact"].value == "true" else alias).add(r["n"].value)
        return exact or alias

    def _events_frame(self, keep: list[str], types: dict[str, str], people: dict[str, dict[str, str]]) -> pd.DataFrame:
        rows: dict[str, dict] = {}
        if keep:
            wanted = set(keep)
            for r in self.store.query(EVENT_FACTS):
                iri = r["n"].value
                if iri not in wanted or iri in rows:
                    continue
                date = term_value(r["date"])
                first = span(date)
                rows[iri] = {"event": iri, "label": term_value(r["label"]) or _local(iri), "type": types[iri],
                             "date": date, "precision": precision(date), "start": first[0] if first else pd.NaT,
                             "participants": sorted(set(people.get(iri, {}).values())),
                             "location": term_value(r["location"]), "planned": term_value(r["planned"]) == "true",
                             "confidence": float(term_value(r["confidence"]) or "nan"),
                             "part_of": term_value(r["partOf"]), "articles": set()}
            for r in self.store.query(ARTICLES):
                if r["n"].value in rows:
                    rows[r["n"].value]["articles"].add(r["file"].value)
        columns = ["event", "label", "type", "date", "precision", "start", "participants", "location", "planned",
                   "confidence", "part_of", "articles"]
        frame = pd.DataFrame(list(rows.values()), columns=columns)
        frame["articles"] = frame["articles"].map(sorted)
        frame["start"] = pd.to_datetime(frame["start"])
        frame["planned"] = frame["planned"].astype(bool)
        frame["confidence"] = frame["confidence"].astype(float)
        return frame.sort_values(["start", "label"], na_position="last", kind="stable").reset_index(drop=True)

    def entity(self, name) -> Entity:
        """The person, country, organization or place called ``name`` (its label or an alias, any
        case), with its events. An exact label wins over an alias; an alias shared by several
        entities is an error that lists them."""
        candidates = sorted(self._named(name))
        if not candidates:
            raise KgError(f"no entity is called {name!r} in {self.source} (neither a label nor an alias)")
        if len(candidates) > 1:
            labels = [self._entity_at(i, with_events=False).label for i in candidates]
            raise KgError(f"{name!r} names {len(candidates)} entities: {', '.join(labels)}; use one of these labels")
        return self._entity_at(candidates[0])

    def _entity_at(self, iri: str, with_events: bool = True) -> Entity:
        node = ox.NamedNode(iri)
        facts: dict[str, list] = {}
        for r in self._run(ENTITY_FACTS, {"n": node}):
            facts.setdefault(_local(r["p"].value), []).append((term_value(r["value"]), term_value(r["valueLabel"])))
        types = [r["cls"].value for r in self._run(ENTITY_TYPE, {"n": node})]
        if not types and not facts:
            raise KgError(f"{iri} is not in {self.source}")
        labels = sorted(v for v, _ in facts.get("label", []))
        label = labels[0] if labels else _local(iri)
        same = sorted(v for v, _ in facts.get("sameAs", []) if "wikidata.org/entity/" in v)
        country = [lab or v for v, lab in facts.get("country", [])]
        return Entity(iri=iri, label=label, type=_local(sorted(types)[0]) if types else "",
                      aliases=sorted({v for v, _ in facts.get("altLabel", [])} - {label}, key=str.lower),
                      wikidata=_local(same[0]) if same else None,
                      represents=sorted({lab or v for v, lab in facts.get("represents", [])}),
                      roles=sorted({v for v, _ in facts.get("role", [])}),
                      country=country[0] if country else None,
                      events=self.events(participant=node) if with_events else pd.DataFrame())

    # ------------------------------------------------------------ analytics and views

    def to_networkx(self, multigraph: bool = True):
        """Entities and events as a networkx graph, nodes keyed by IRI with attributes label, type
        (most specific class), kind ("event" or "entity") and, for dated events, date and precision.
        Edges: participant, location, partOf (event -> ...) and represents (person -> country/organization).
        ``multigraph=True``: a MultiDiGraph, one edge per predicate (key and attribute ``predicate``);
        False: an undirected Graph (what centrality and community algorithms usually want)."""
        import networkx as nx

        G = nx.MultiDiGraph() if multigraph else nx.Graph()
        for r in self.store.query(NODES):
            iri = r["n"].value
            if iri in G:
                continue
            kind = _local(r["cls"].value)
            attrs = {"label": term_value(r["label"]) or _local(iri), "type": kind,
                     "kind": "entity" if kind in ENTITY_TYPES else "event"}
            date = term_value(r["date"])
            if date:
                attrs.update(date=date, precision=precision(date))
            G.add_node(iri, **attrs)
        for r in self.store.query(EDGES):
            s, p, o = r["s"].value, _local(r["p"].value), r["o"].value
            if s in G and o in G:
                if multigraph:
                    G.add_edge(s, o, key=p, predicate=p)
                else:
                    G.add_edge(s, o, predicate=p)
        return G

    def subgraph_store(self, participant=None, kind: str | None = None, between=None) -> Store:
        """A new in-memory store with only the matching events, what they link to (participants,
        places, the events they are part of, their attestations and articles, the countries their
        people represent) and the ontology."""
        keep = set(self.events(participant=participant, kind=kind, between=between)["event"])
        links: dict[str, set[str]] = {}
        for r in self.store.query(LINKS):
            links.setdefault(r["n"].value, set()).add(r["o"].value)
        nodes = keep | {o for e in keep for o in links.get(e, ())}
        nodes |= {o for n in nodes - keep for p in ("represents", "country") for o in self._objects(n, p)}
        sub = Store()
        ontology = ox.NamedNode(DIP.rstrip("#"))
        sub.load(self.store.ox.quads_for_pattern(None, None, None, ontology))
        for n in sorted(nodes):
            sub.load(self.store.ox.quads_for_pattern(ox.NamedNode(n), None, None, None))
        return sub

    def _objects(self, subject: str, predicate: str) -> set[str]:
        quads = self.store.ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(DIP + predicate), None, None)
        return {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}

    def html(self, participant=None, kind: str | None = None, between=None, **options) -> str:
        """The interactive graph as a complete, self-contained HTML page (a string; nothing is
        written): the whole graph, or only what ``events()`` with these filters returns and what it
        links to. ``options`` go to ``kg.export.html.render_html`` (e.g. ``max_nodes``)."""
        from .export.html import render_html

        filters = {"participant": participant, "kind": kind, "between": between}
        if any(v is not None for v in filters.values()):
            if "title" not in options:
                shown = ", ".join(f"{k} {_describe(v)}" for k, v in filters.items() if v is not None)
                options["title"] = f"dipkg: {shown}"
            return render_html(self.subgraph_store(participant, kind, between), **options)
        return render_html(self.store, **options)

    def show(self, participant=None, kind: str | None = None, between=None, height: int | str = 600, **options):
        """The interactive graph inline in a notebook (JupyterLab, VS Code, classic Jupyter): an
        ``<iframe srcdoc>`` holding the page of ``html()``, so no file is written and the page's
        scripts stay in their own sandbox. Filters as in ``events()``; ``height`` in pixels or CSS."""
        from IPython.display import HTML

        page = self.html(participant, kind, between, **options)
        h = f"{height}px" if isinstance(height, int) else str(height)
        frame = (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" title="dipkg graph" '
                 f'style="width: 100%; height: {html.escape(h)}; border: 1px solid #ddd"></iframe>')
        return HTML(f"<div>{frame}</div>")  # a <div> first: IPython warns on HTML starting with <iframe

    def timeline(self, participant=None, kind: str | None = None, between=None, ax=None, title: str | None = None):
        """The events over time as a matplotlib chart (returns the Axes): one row per event type;
        a month or year is placed at its first day, drawn with an open marker and a bar over the
        span it covers."""
        from .timeline import draw_timeline

        frame = self.events(participant=participant, kind=kind, between=between)
        if title is None:
            title = " · ".join(_describe(v) for v in (participant, kind, between) if v is not None) or "Events"
        return draw_timeline(frame, ax=ax, title=title)
