"""Resolved records to RDF quads with deterministic IRIs: one named graph per article, the
ontology in a graph of its own. The only module that knows the ontology's terms."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from .gazetteer import ONTOLOGY_DIR
from .records import ArticleRecord, EntityInfo, Event
from .store import digest_text, sorted_graph
from .vocab import DIP, GRAPH, ONTOLOGY_IRI, RESOURCE, WIKIDATA

ONTOLOGY_FILE = ONTOLOGY_DIR / "dipkg.ttl"
KIND_LABEL = {"Meeting": "Meeting", "VideoConference": "Video call", "PhoneCall": "Phone call", "Visit": "Visit",
              "StateVisit": "State visit", "Summit": "Summit", "Agreement": "Agreement", "Event": "Event"}
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def _n(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


T = {name: _n(getattr(DIP, name)) for name in DIP.__annotations__}
A = _n(RDF.type)
LABEL, ALT, SAME = _n(RDFS.label), _n(SKOS.altLabel), _n(OWL.sameAs)


def entity_iri(info: EntityInfo | str, kind: str | None = None) -> ox.NamedNode:
    if isinstance(info, EntityInfo):
        return _entity_node(info.kind, info.key)
    return _entity_node(kind, info)


@lru_cache(maxsize=1 << 17)
def _entity_node(kind: str, key: str) -> ox.NamedNode:
    """(Remembered: a build names each entity wherever an article or event links to it.)"""
    return ox.NamedNode(f"{RESOURCE}{kind.lower()}/{quote(key, safe='')}")


def event_iri(key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RESOURCE}event/{key}")


def article_iri(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RESOURCE}article/{quote(article_id, safe='')}")


def article_graph(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{GRAPH}article/{quote(article_id, safe='')}")


ONTOLOGY_GRAPH = ox.NamedNode(str(ONTOLOGY_IRI))
ENTITIES_GRAPH = ox.NamedNode(f"{GRAPH}entities")
EVENTS_GRAPH = ox.NamedNode(f"{GRAPH}events")


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def decimal_text(x: float) -> str:
    """An xsd:decimal in the canonical form the store keeps ("0.99", "1"), so that the statements a
    build makes compare equal to the ones the previous build stored."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def date_literal(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=_n(_DATE_TYPES[len(value)]))


def event_label(ev: Event, entities: dict[str, EntityInfo]) -> str:
    """A readable name: "Video call · Vladimir Putin, Xi Jinping · 2022-12-30"."""
    if ev.label:
        head = ev.label
    else:
        head = KIND_LABEL.get(ev.kind, ev.kind)
    names = [entities[p].label for p in ev.participants if p in entities and entities[p].kind == "Person"]
    if not names:
        names = [entities[p].label for p in ev.participants if p in entities]
    parts = [head]
    if names and not ev.label:
        parts.append(", ".join(names[:4]) + (" and others" if len(names) > 4 else ""))
    if ev.location and ev.location in entities:
        parts.append(entities[ev.location].label)
    parts.append(ev.date or "undated")
    return " · ".join(parts)


def ontology_quads(path: Path = ONTOLOGY_FILE) -> list[ox.Quad]:
    """The ontology, in its own named graph."""
    with open(path, "rb") as fh:
        return [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for t in ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_IRI))]


def entity_triples(info: EntityInfo, names: set[str] | None = None) -> list[tuple]:
    s = entity_iri(info)
    out = [(s, A, T[info.kind]), (s, LABEL, _lit(info.label))]
    for name in sorted((names if names is not None else info.names) - {info.label}):
        out.append((s, ALT, _lit(name)))
    if info.wikidata:
        out.append((s, SAME, _n(WIKIDATA[info.wikidata])))
    return out


def article_quads(rec: ArticleRecord, entities: dict[str, EntityInfo], reports: list[tuple[Event, list]]) -> list[ox.Quad]:
    """What one article says, in its named graph: the article, the entities it names, and for
    each event it reports, the report itself (reportedIn, the evidence sentence and its offsets).
    ``reports``: each event the article reports, with its reports from this article."""
    g = article_graph(rec.id)
    a = article_iri(rec.id)
    triples: list[tuple] = [(a, A, T["Article"]), (a, T["sourceFile"], _lit(rec.source_file)),
                            (a, T["contentHash"], _lit(rec.sha256))]
    if rec.published:
        triples.append((a, T["published"], date_literal(rec.published)))
    for key, term in (("title", rec.title), ("publisher", rec.publisher), ("url", rec.url)):
        if term:
            triples.append((a, T[key], _lit(term)))
    for key in sorted(rec.entities):
        if key in entities:
            triples.append((a, T["mentions"], entity_iri(entities[key])))
    for ev, own in reports:
        e = event_iri(ev.key)
        for r in sorted(own, key=lambda r: r.start):
            att = ox.NamedNode(f"{e.value}/attestation/{quote(rec.id, safe='')}/{r.start}")
            triples += [(e, T["reportedIn"], a), (e, T["evidence"], _lit(r.evidence)),
                        (e, T["attestation"], att), (att, A, T["Attestation"]), (att, T["article"], a),
                        (att, T["evidence"], _lit(r.evidence)),
                        (att, T["startOffset"], ox.Literal(str(r.start), datatype=_n(XSD.integer))),
                        (att, T["endOffset"], ox.Literal(str(r.end), datatype=_n(XSD.integer)))]
    return [ox.Quad(s, p, o, g) for s, p, o in dict.fromkeys(triples)]


def entity_statements(info: EntityInfo, entities: dict[str, EntityInfo]) -> list[tuple]:
    """One entity, with all the names the articles use for it: the statements about it."""
    s = entity_iri(info)
    triples = entity_triples(info)
    if info.represents and info.represents in entities:
        triples.append((s, T["represents"], entity_iri(entities[info.represents])))
    for role in sorted(info.roles):
        triples.append((s, T["role"], _lit(role)))
    if info.country and info.kind == "Place" and info.country in entities:
        triples.append((s, T["country"], entity_iri(entities[info.country])))
    return triples


def event_statements(ev: Event, entities: dict[str, EntityInfo], keys: set[str]) -> list[tuple]:
    """One event, as merged from all its reports: the statements about it (``keys``: the keys of
    all events, which it may be part of)."""
    e = event_iri(ev.key)
    triples = [(e, A, T[ev.kind]), (e, LABEL, _lit(event_label(ev, entities))),
               (e, T["planned"], _TRUE if ev.planned else _FALSE),
               (e, T["confidence"], ox.Literal(decimal_text(ev.confidence), datatype=_DECIMAL))]
    if ev.date:
        triples.append((e, T["date"], date_literal(ev.date)))
    elif ev.no_date_reason:
        triples.append((e, T["noDateReason"], _lit(ev.no_date_reason)))
    if ev.location and ev.location in entities:
        triples.append((e, T["location"], entity_iri(entities[ev.location])))
    if ev.part_of and ev.part_of in keys:
        triples.append((e, T["partOf"], event_iri(ev.part_of)))
    for p in ev.participants:
        if p in entities:
            triples.append((e, T["participant"], entity_iri(entities[p])))
    return triples


_TRUE, _FALSE = (ox.Literal(v, datatype=_n(XSD.boolean)) for v in ("true", "false"))
_DECIMAL = _n(XSD.decimal)


def entity_quads(entities: dict[str, EntityInfo], memo=None) -> tuple[list[ox.Quad], int]:
    """Every entity once, in the entities graph, and the graph's digest sum (see _graph)."""
    return _graph(ENTITIES_GRAPH, [((), (info, entities.get(info.represents), entities.get(info.country)),
                                    partial(entity_statements, info, entities)) for info in entities.values()], memo)


def event_quads(events: list[Event], entities: dict[str, EntityInfo], memo=None) -> tuple[list[ox.Quad], int]:
    """Every event once, in the events graph, and the graph's digest sum (see _graph)."""
    keys = {ev.key for ev in events}
    return _graph(EVENTS_GRAPH, [((ev.part_of in keys, *map(_named, map(entities.get, (ev.location, *ev.participants)))),
                                  (ev,), partial(event_statements, ev, entities, keys)) for ev in events], memo)


def _named(info: EntityInfo | None) -> tuple | None:
    """What an event's statements take of an entity: its IRI and label."""
    return (info.kind, info.label) if info is not None else None


def _graph(graph: ox.NamedNode, subjects: list[tuple], memo=None) -> tuple[list[ox.Quad], int]:
    """A graph of statements given subject by subject, in TriG order, and its digest sum
    (store.digest_sum). ``subjects``: for each subject (a different one each), (values, objects,
    statements): ``statements()`` makes its statements from ``values`` and ``objects`` (records,
    entities, events: never changed once made). With ``memo`` (a resident build's warm.Memo), the
    statements made of the same values and the same objects in an earlier build (the memo keeps
    them, so their ids are no other's) are not made, sorted and hashed again."""
    blocks = []
    for values, objects, statements in subjects:
        _, made = _remembered(memo, lambda: ("objects", graph.value, *values, *map(id, objects)),
                              lambda: (objects, sorted_graph(ox.Quad(s, p, o, graph) for s, p, o in statements())))
        if made[0]:
            blocks.append(made)
    blocks.sort(key=lambda b: str(b[0][0].subject))  # as sort_quads orders them
    out = Statements(q for quads, _ in blocks for q in quads)
    out.parts = tuple(quads for quads, _ in blocks)
    return out, sum(total for _, total in blocks)


class Statements(list):
    """A graph's statements (quads) in TriG order and, for a graph made subject by subject, the
    subjects' parts (lists of quads) it was put together from: parts taken from a resident build's
    memory are the same objects as last time, so what changed is found by identity (build.write_store)."""

    parts: tuple = ()


def reports_by_article(events: list[Event]) -> dict[str, list[tuple[Event, list]]]:
    """Each article's events, each with its reports from that article (in the events' order)."""
    by_article: dict[str, dict[str, tuple[Event, list]]] = defaultdict(dict)
    for ev in events:
        for art in ev.articles:
            by_article[art].setdefault(ev.key, (ev, []))
        for r in ev.reports:
            by_article[r.article].setdefault(ev.key, (ev, []))[1].append(r)
    return {art: list(reports.values()) for art, reports in by_article.items()}


def article_inputs(rec: ArticleRecord, entities: dict[str, EntityInfo], reports: list[tuple[Event, list]]) -> tuple:
    """What ``article_quads`` reads besides the record (never changed once made), as one hashable
    value: the record (by its id: a resident build keeps it while it remembers its graph), its
    entities' kinds (their IRIs) and the keys of its events, each with its own reports (by id)."""
    return (id(rec), tuple(entities[k].kind if k in entities else None for k in rec.entities),
            tuple((ev.key, *map(id, own)) for ev, own in reports))


def dataset_quads(records: list[ArticleRecord], entities: dict[str, EntityInfo], events: list[Event]) -> list[ox.Quad]:
    """The whole dataset, each statement once: the ontology graph, the entities graph, the events
    graph (what the articles say, merged), and one graph per article (what each one says)."""
    return [q for quads in dataset_rdf(records, entities, events)[0].values() for q in quads]


def dataset_rdf(records, entities, events, memo=None) -> tuple[dict[str, list[ox.Quad]], dict[str, str]]:
    """Every statement of the dataset once: each graph's statements in TriG order (subject,
    predicate, object), the graphs in order of name, and a digest of each graph. With ``memo`` (a
    resident build's ``warm.Memo``), an article's graph made from the same inputs as in an earlier
    build (article_inputs), and an entity's or event's statements made of the same (_graph), are
    taken from it, not made, sorted and hashed again."""
    graphs, digests = {}, {}
    graphs[ONTOLOGY_GRAPH.value], digests[ONTOLOGY_GRAPH.value] = _digested(sorted_graph(ontology_quads()))
    for graph, made in ((ENTITIES_GRAPH, entity_quads(entities, memo)), (EVENTS_GRAPH, event_quads(events, entities, memo))):
        if made[0]:
            graphs[graph.value], digests[graph.value] = _digested(made)
    by_article = reports_by_article(events)
    for rec in records:
        reports = by_article.get(rec.id, [])
        _, name, made = _remembered(
            memo, lambda: ("article", *article_inputs(rec, entities, reports)),
            lambda: (rec, article_graph(rec.id).value, _digested(sorted_graph(article_quads(rec, entities, reports)))))
        graphs[name], digests[name] = made
    return {name: graphs[name] for name in sorted(graphs)}, digests


def _digested(made: tuple[list[ox.Quad], int]) -> tuple[list[ox.Quad], str]:
    """(quads, digest sum) -> (quads, the graph's digest)."""
    quads, total = made
    return quads, digest_text(total)


def _remembered(memo, key, make):
    """``make()``; with ``memo`` (a resident build's warm.Memo), what it keeps for ``key()``, made
    and kept if it has none."""
    return make() if memo is None else memo.remember(key(), make)
