"""What the interactive page draws, read from the store: every event, every entity a relation links
to something, the relations between the nodes drawn, each event's reports with their evidence, the
articles those reports cite, the default view of a large graph (``core``) and positions for it.

``graph_elements`` reads it all from the store. ``ElementsMemo`` is what a resident build keeps
from one build to the next: told which IRIs the build's statements touched, it reads back only
what those IRIs can change and patches what it drew before, returning exactly what
``graph_elements`` returns for the new store.
"""
from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import Counter, defaultdict

import pyoxigraph as ox

from ..store import PREFIXES, Store
from ..vocab import ENTITY_KINDS, EVENT_KINDS, EVENT_PARENT

DEFAULT_MAX_NODES = 300  # the default view of a large graph: the best-attested events and their neighbours
PYTHON_LAYOUT_MAX = 600  # above this many nodes, layout is left to vis-network's bounded stabilisation

# kind -> (legend name, colour, shape); the shapes are drawn by graph.js
STYLES = {
    "Person": ("Person", "#1f77b4", "circle"),
    "Country": ("Country", "#2ca02c", "diamond"),
    "Organization": ("Organization", "#9467bd", "square"),
    "Place": ("Place", "#8c564b", "triangle"),
    "Meeting": ("Meeting", "#ff7f0e", "hexagon"),
    "VideoConference": ("Video call", "#e6ab02", "star"),
    "PhoneCall": ("Phone call", "#e377c2", "triangleDown"),
    "Visit": ("Visit", "#d62728", "pentagon"),
    "StateVisit": ("State visit", "#7a0c12", "star6"),
    "Summit": ("Summit", "#17becf", "cross"),
    "Agreement": ("Agreement", "#6b8e23", "document"),
    "Event": ("Other event", "#7f7f7f", "octagon"),
}
RELATIONS = {  # edge predicate -> (label, colour)
    "participant": ("participant", "#8a8a8a"),
    "location": ("location", "#8c564b"),
    "partOf": ("part of", "#d62728"),
    "represents": ("represents", "#2ca02c"),
    "country": ("in country", "#b5a48f"),
}
KIND_ORDER = (*ENTITY_KINDS, *EVENT_KINDS)  # the order an IRI's types are weighed in (see _kind)

_KINDS = " ".join(f"dip:{k}" for k in KIND_ORDER)
_RELS = " ".join(f"dip:{r}" for r in RELATIONS)
# the typed nodes, the relations, and each node's facts, over the whole graph. (Simple patterns,
# joined in Python: a test per node, or a property path per event, made these queries 3-5 times
# slower on the on-disk store.)
NODES = f"""
SELECT ?n ?t ?label WHERE {{
  VALUES ?t {{ {_KINDS} }}
  ?n a ?t .
  OPTIONAL {{ ?n rdfs:label ?label }}
}}"""
EDGES = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_RELS} }} ?s ?p ?o }}"
EVENT_FACTS = """
SELECT ?e ?p ?v WHERE {
  VALUES ?p { dip:date dip:confidence dip:planned dip:noDateReason }
  ?e ?p ?v .
}"""
REPORTS = """
SELECT DISTINCT ?e ?a ?ev ?start WHERE {
  ?e dip:reportedIn ?a .
  OPTIONAL { ?e dip:attestation ?att . ?att dip:article ?a ; dip:evidence ?ev . OPTIONAL { ?att dip:startOffset ?start } }
}"""
ARTICLES = """
SELECT ?a ?p ?v WHERE {
  VALUES ?p { dip:sourceFile dip:title dip:published dip:publisher dip:url }
  ?a ?p ?v .
}"""
ENTITY_FACTS = """
SELECT DISTINCT ?n ?p ?v WHERE {
  VALUES ?p { skos:altLabel dip:role owl:sameAs }
  ?n ?p ?v .
}"""

_DIP = PREFIXES["dip"]
_TYPE, _LABEL = PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "label"
_KIND_IRIS = {_DIP + k for k in KIND_ORDER}
_REPORTED_IN, _ATTESTATION = _DIP + "reportedIn", _DIP + "attestation"
_ARTICLE, _EVIDENCE, _START = _DIP + "article", _DIP + "evidence", _DIP + "startOffset"
# predicate -> the table of _Statements its values go to (the predicates the queries above read)
_TABLES = {
    **{_DIP + r: "out" for r in RELATIONS},
    **{_DIP + p: "facts" for p in ("date", "confidence", "planned", "noDateReason")},
    **{_DIP + p: "meta" for p in ("sourceFile", "title", "published", "publisher", "url")},
    PREFIXES["skos"] + "altLabel": "extra", _DIP + "role": "extra", PREFIXES["owl"] + "sameAs": "extra",
}


def _local(iri: str) -> str:
    """The IRI's last segment (after its last # or /)."""
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1:]


def _event_label(kind: str, label: str, date: str | None) -> str:
    """A short label: "Video call · 2022-12-30", or the event's own name ("SCO summit · 2023-07")."""
    head = label.split(" · ")[0] if label else ""
    generic = {name for name, _, _ in STYLES.values()} | {kind, "Event"}
    if not head or head in generic:
        head = STYLES.get(kind, (kind,))[0]
    return f"{head} · {date or 'undated'}"


def _kind(types: set[str], linked: bool) -> str | None:
    """The kind an IRI is drawn as (None: not drawn). Events are always drawn, entities only when a
    relation links them; an IRI typed twice keeps the most specific event type (Meeting <
    VideoConference), else the first of its types in KIND_ORDER."""
    kind = None
    for k in KIND_ORDER:
        if k in types and (linked or k in EVENT_KINDS):
            if kind is None or kind == "Event" or EVENT_PARENT.get(k) == kind:
                kind = k
    return kind


def _one(values: set[str] | None) -> str | None:
    """The value of a property that has one (the least, should the store hold several)."""
    return min(values) if values else None


class _Statements:
    """What the store says about each IRI, as far as the page needs it: the raw material the drawn
    elements are made from, kept so that a change need read back only the IRIs it touched."""

    def __init__(self):
        self.types: dict[str, set[str]] = defaultdict(set)  # IRI -> its kinds (of KIND_ORDER)
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.out: dict[str, set[tuple[str, str]]] = defaultdict(set)  # subject -> {(relation, object)}
        self.into: dict[str, set[tuple[str, str]]] = defaultdict(set)  # object -> {(subject, relation)}
        self.facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # of events
        self.meta: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # of articles
        self.extra: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # of entities
        # event -> article it is reported in -> {(start offset, evidence sentence)}
        self.reports: dict[str, dict[str, set[tuple[int, str]]]] = defaultdict(dict)

    def linked(self, iri: str) -> bool:
        return bool(self.out.get(iri) or self.into.get(iri))

    def load(self, store: Store) -> None:
        """Read everything, with one query per kind of fact over the whole graph (solutions read
        by position, in the order of each query's SELECT: faster than by name)."""
        types, labels = self.types, self.labels
        for n, t, label in store.query(NODES):
            types[n.value].add(_local(t.value))
            if label is not None:
                labels[n.value].add(label.value)
        for s, p, o in store.query(EDGES):
            self._link(s.value, _local(p.value), o.value)
        for query, table in ((EVENT_FACTS, self.facts), (ARTICLES, self.meta), (ENTITY_FACTS, self.extra)):
            for s, p, v in store.query(query):
                table[s.value][_local(p.value)].add(v.value)
        reports = self.reports
        for e, a, ev, start in store.query(REPORTS):
            sentences = reports[e.value].setdefault(a.value, set())
            if ev is not None:
                sentences.add((int(start.value) if start is not None else 0, ev.value))

    def reread(self, store: Store, subjects: dict[str, ox.NamedNode | ox.BlankNode]) -> set[tuple[str, str, str]]:
        """Forget what was read of ``subjects`` (IRI -> term) and read their statements again, one
        index lookup each; returns the relations (subject, relation, object) added or removed."""
        changed: set[tuple[str, str, str]] = set()
        for s, term in subjects.items():
            before = self._forget(s)
            articles: set[str] = set()
            attestations = set()
            for q in store.ox.quads_for_pattern(term, None, None, None):
                p, o = q.predicate.value, q.object
                if p == _TYPE:
                    if o.value in _KIND_IRIS:
                        self.types[s].add(_local(o.value))
                elif p == _LABEL:
                    self.labels[s].add(o.value)
                elif p == _REPORTED_IN:
                    articles.add(o.value)
                elif p == _ATTESTATION:
                    if not isinstance(o, ox.Literal):
                        attestations.add(o)
                elif (table := _TABLES.get(p)) == "out":
                    self._link(s, _local(p), o.value)
                elif table is not None:
                    getattr(self, table)[s][_local(p)].add(o.value)
            if articles:
                self.reports[s] = _read_reports(store, articles, attestations)
            changed |= {(s, rel, o) for rel, o in before ^ self.out.get(s, set())}
        return changed

    def _link(self, s: str, rel: str, o: str) -> None:
        self.out[s].add((rel, o))
        self.into[o].add((s, rel))

    def _forget(self, s: str) -> set[tuple[str, str]]:
        """Drop what was read of ``s``'s statements; returns its relations (relation, object)."""
        for table in (self.types, self.labels, self.facts, self.meta, self.extra, self.reports):
            table.pop(s, None)
        before = self.out.pop(s, set())
        for rel, o in before:
            into = self.into[o]
            into.discard((s, rel))
            if not into:
                del self.into[o]
        return before


def _read_reports(store: Store, articles: set[str], attestations) -> dict[str, set[tuple[int, str]]]:
    """An event's reports, as the REPORTS query gives them: for each article it is reported in, the
    (start offset, sentence) of each of its attestations from that article."""
    out: dict[str, set[tuple[int, str]]] = {a: set() for a in articles}
    for att in attestations:
        cited, sentences, starts = set(), set(), set()
        for q in store.ox.quads_for_pattern(att, None, None, None):
            p = q.predicate.value
            if p == _ARTICLE:
                cited.add(q.object.value)
            elif p == _EVIDENCE:
                sentences.add(q.object.value)
            elif p == _START:
                starts.add(int(q.object.value))
        for a in cited & articles:
            out[a].update((start, s) for s in sentences for start in (starts or {0}))
    return out


def _reporting(store: Store, terms) -> dict[str, ox.NamedNode | ox.BlankNode]:
    """The events reported in one of ``terms`` (an article) or attested by one (an attestation):
    their nodes show the article's date and title, and their evidence, so a change to those
    changes the events' nodes though not the events' own statements."""
    out, predicates = {}, (ox.NamedNode(_REPORTED_IN), ox.NamedNode(_ATTESTATION))
    for term in terms:
        for p in predicates:
            for q in store.ox.quads_for_pattern(None, p, term, None):
                out[q.subject.value] = q.subject
    return out


def _terms(iris: set[str]) -> dict[str, ox.NamedNode] | None:
    """Each IRI as a term (validated by pyoxigraph), or None if one is no IRI."""
    try:
        return {iri: ox.NamedNode(iri) for iri in iris}
    except (ValueError, TypeError):
        return None


def _rank(node: dict) -> tuple:
    """An event's place in the default view: the most reported, then the most confident, first."""
    return -len(node["reports"]), -(node["confidence"] or 0), node["id"]


def _drop(items: list, item) -> None:
    """Remove ``item`` from the sorted list ``items``."""
    del items[bisect_left(items, item)]


class ElementsMemo:
    """The page's elements as a resident build keeps them between builds.

    ``update(store, touched)`` returns what ``graph_elements(store)`` returns. Without ``touched``
    (or on the first call) it reads everything; with it (the IRIs named by the statements added to
    or removed from the store since the store of the previous call: kg.build.write_store's
    ``touched``) it reads back only those IRIs, the events reporting those that are articles or
    attestations, and patches the rest. The caller must pass every change since the previous
    call: after a build whose store is thrown away, or that skipped the page, call ``forget()``.
    The dicts returned share their parts with the memo: read them, do not change them."""

    def __init__(self):
        self._layouts: dict = {}  # positions by what they were computed from (add_layout)
        self.fragments: dict = {}  # the JSON text of the last page's parts (kg.export.html.render_html)
        self.forget()

    def forget(self) -> None:
        """Drop what was read: the next update reads everything."""
        self._st: _Statements | None = None
        self._nodes: dict[str, dict] = {}  # drawn IRI -> its node
        self._ids: list[str] = []  # the drawn IRIs, sorted
        self._ranked: list[tuple] = []  # the drawn events' _rank, sorted
        self._edges: dict[tuple[str, str, str], dict] = {}  # (subject, relation, object) -> edge
        self._edge_list: list[tuple[tuple[str, str, str], dict]] = []  # (key, edge) of each, sorted
        self._neighbours: dict[str, Counter] = defaultdict(Counter)  # drawn edges' ends -> the other ends
        self._uses: Counter = Counter()  # article -> how many drawn events it reports
        self._cited: list[str] = []  # the articles used, sorted
        self._arts: dict[str, dict] = {}  # article -> its entry in "articles"

    def update(self, store: Store, touched: set[str] | None = None, max_nodes: int = DEFAULT_MAX_NODES,
               layout: bool = True) -> dict:
        """The nodes, edges, event evidence and articles to draw (see ``graph_elements``)."""
        terms = _terms(touched) if touched is not None and self._st is not None else None
        if terms is None:
            self._load(store)
        else:
            self._patch(store, terms)
        data = {"nodes": [self._nodes[i] for i in self._ids],
                "edges": [edge for _, edge in self._edge_list],
                "articles": {a: self._article(a) for a in self._cited},
                "articleCount": len(self._st.meta.keys() | self._uses.keys())}
        data["core"] = _core(self._ids, (r[2] for r in self._ranked), self._neighbours, max_nodes)
        if layout:
            add_layout(data, self._layouts)
        return data

    def _load(self, store: Store) -> None:
        self.forget()
        self._st = _Statements()
        self._st.load(store)
        for iri in list(self._st.types):
            self._redraw(iri)
        self._ids = sorted(self._nodes)
        self._ranked = sorted(_rank(n) for n in self._nodes.values() if n["kind"] in EVENT_KINDS)
        self._cited = sorted(self._uses)
        for s, links in self._st.out.items():
            if s in self._nodes:
                for rel, o in links:
                    if o in self._nodes:
                        self._add_edge((s, rel, o))
        self._edge_list = sorted(self._edges.items())

    def _patch(self, store: Store, touched: dict[str, ox.NamedNode]) -> None:
        """Read back what ``touched`` can change, and redraw what it changed."""
        subjects = {**touched, **_reporting(store, touched.values())}
        changed = self._st.reread(store, subjects)
        cited = set(self._uses)
        flipped = set()  # drawn before and not now, or the other way round
        for iri in set(subjects) | {o for _, _, o in changed}:
            self._arts.pop(iri, None)
            was = iri in self._nodes
            if was and self._nodes[iri]["kind"] in EVENT_KINDS:
                _drop(self._ranked, _rank(self._nodes[iri]))
            self._redraw(iri)
            now = iri in self._nodes
            if now and self._nodes[iri]["kind"] in EVENT_KINDS:
                insort(self._ranked, _rank(self._nodes[iri]))
            if was != now:
                flipped.add(iri)
                (insort if now else _drop)(self._ids, iri)
        for a in cited ^ self._uses.keys():
            (insort if a in self._uses else _drop)(self._cited, a)
        candidates = set(changed)
        for iri in flipped:
            candidates |= {(iri, rel, o) for rel, o in self._st.out.get(iri, ())}
            candidates |= {(s, rel, iri) for s, rel in self._st.into.get(iri, ())}
        for key in candidates:
            s, rel, o = key
            drawn = s in self._nodes and o in self._nodes and (rel, o) in self._st.out.get(s, ())
            if drawn and key not in self._edges:
                insort(self._edge_list, (key, self._add_edge(key)))
            elif not drawn and key in self._edges:
                self._drop_edge(key)
                _drop(self._edge_list, (key,))

    def _redraw(self, iri: str) -> None:
        """Make ``iri``'s node again from what was read (or drop it, if it is no longer drawn)."""
        old = self._nodes.pop(iri, None)
        if old is not None:
            for r in old.get("reports", ()):
                self._uses[r["article"]] -= 1
                if not self._uses[r["article"]]:
                    del self._uses[r["article"]]
        kind = _kind(self._st.types.get(iri, ()), self._st.linked(iri))
        if kind is not None:
            node = self._nodes[iri] = self._node(iri, kind)
            self._uses.update(r["article"] for r in node.get("reports", ()))

    def _node(self, iri: str, kind: str) -> dict:
        st = self._st
        names = st.labels.get(iri)
        label = min(names) if names else _local(iri)
        node = {"id": iri, "kind": kind, "name": label}
        if kind in EVENT_KINDS:
            f = {p: _one(v) for p, v in st.facts.get(iri, {}).items()}
            reports = st.reports.get(iri, {})
            node.update(label=_event_label(kind, label, f.get("date")), date=f.get("date"),
                        confidence=float(f["confidence"]) if "confidence" in f else None,
                        planned=f.get("planned") == "true", noDateReason=f.get("noDateReason"),
                        reports=[{"article": a, "evidence": [s for _, s in sorted(reports[a])]}
                                 for a in sorted(reports, key=lambda a: (self._published(a), a))])
        else:
            x = st.extra.get(iri, {})
            node.update(label=label, aliases=sorted(x.get("altLabel", ())), roles=sorted(x.get("role", ())),
                        wikidata=sorted(_local(s) for s in x.get("sameAs", ())))
        return node

    def _published(self, article: str) -> str:
        return _one(self._st.meta.get(article, {}).get("published")) or ""

    def _article(self, a: str) -> dict:
        """The entry of article ``a`` in "articles" (remembered until ``a`` is touched)."""
        entry = self._arts.get(a)
        if entry is None:
            v = {p: _one(values) for p, values in self._st.meta.get(a, {}).items()}
            entry = self._arts[a] = {"title": v.get("title"), "file": v.get("sourceFile") or _local(a),
                                     "published": v.get("published"), "publisher": v.get("publisher"),
                                     "url": v.get("url")}
        return entry

    def _add_edge(self, key: tuple[str, str, str]) -> dict:
        s, rel, o = key
        edge = self._edges[key] = {"from": s, "rel": rel, "to": o}
        self._neighbours[s][o] += 1
        self._neighbours[o][s] += 1
        return edge

    def _drop_edge(self, key: tuple[str, str, str]) -> None:
        del self._edges[key]
        s, _, o = key
        for a, b in ((s, o), (o, s)):
            self._neighbours[a][b] -= 1
            if not self._neighbours[a][b]:
                del self._neighbours[a][b]


def graph_elements(store: Store, max_nodes: int = DEFAULT_MAX_NODES, layout: bool = True) -> dict:
    """The nodes, edges, event evidence and articles to draw, as one JSON-ready dict: ``core`` lists
    the nodes of the default view, ``layout`` their positions (computed when ``layout`` is true)."""
    return ElementsMemo().update(store, None, max_nodes, layout)


def core_nodes(data: dict, max_nodes: int = DEFAULT_MAX_NODES) -> list[str]:
    """The default view: every node if there are at most ``max_nodes``, else the events reported by
    the most articles (then the most confident) with their neighbours, up to ``max_nodes`` nodes."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in data["edges"]:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    ranked = sorted(_rank(n) for n in data["nodes"] if n["kind"] in EVENT_KINDS)
    return _core([n["id"] for n in data["nodes"]], (r[2] for r in ranked), neighbours, max_nodes)


def _core(ids: list[str], ranked, neighbours, max_nodes: int) -> list[str]:
    """core_nodes of the nodes ``ids``, the events ``ranked`` best first, and each node's neighbours."""
    if len(ids) <= max_nodes:
        return list(ids)
    keep: dict[str, None] = {}
    for ev in ranked:
        new = [ev, *sorted(x for x in neighbours.get(ev, ()) if x not in keep)]
        if len(keep) + len(new) > max_nodes:
            if keep:
                break
        keep.update(dict.fromkeys(new))
    return sorted(keep)


def add_layout(data: dict, memo: dict | None = None) -> None:
    """Positions computed in Python (networkx) for the default view and, if small, the whole graph,
    so the page draws at once and stays still; larger views fall back to bounded stabilisation.
    ``memo``: the positions of earlier calls by what they were computed from (the nodes and the
    edges among them), reused when those are the same; left holding this call's only."""
    import networkx as nx

    used = {}

    def layout(ids: list[str]) -> dict[str, list[int]]:
        wanted = set(ids)
        key = (tuple(ids), tuple((e["from"], e["to"]) for e in data["edges"]
                                 if e["from"] in wanted and e["to"] in wanted))
        if memo is not None and key in memo:
            used[key] = memo[key]
            return used[key]
        g = nx.Graph()
        g.add_nodes_from(ids)
        g.add_edges_from(key[1])
        pos = {}
        if ids:
            pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(max(len(ids), 1)), iterations=120)
        scale = 110 * math.sqrt(len(ids))
        used[key] = {n: [round(float(x) * scale), round(float(y) * scale)] for n, (x, y) in pos.items()}
        return used[key]

    all_ids = [n["id"] for n in data["nodes"]]
    core = layout(data["core"])
    whole = None
    if len(all_ids) <= PYTHON_LAYOUT_MAX:  # the same layout when the default view already shows every node
        whole = core if len(data["core"]) == len(all_ids) else layout(all_ids)
    data["layout"] = {"core": core, "all": whole}
    if memo is not None:
        memo.clear()
        memo.update(used)
