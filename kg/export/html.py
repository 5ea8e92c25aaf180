"""The interactive graph as one self-contained HTML page: vis-network (from pyvis) inlined, the
graph as JSON data, and a small page (graph_template.html, graph.css, graph.js next to this file).

Everything comes from the store through SPARQL. Article text is data, never markup: the JSON is
escaped so it cannot close its <script> element, and graph.js builds the DOM with textContent.
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import json
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from ..store import Store
from ..vocab import ENTITY_KINDS, EVENT_KINDS, EVENT_PARENT

HERE = Path(__file__).parent
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

_KINDS = " ".join(f"dip:{k}" for k in (*ENTITY_KINDS, *EVENT_KINDS))
_RELS = " ".join(f"dip:{r}" for r in RELATIONS)
# the typed nodes; drawn are every event, and every entity linked to something by a relation drawn.
# (Simple patterns, joined in Python: a test per node, or a property path per event, made these
# queries 3-5 times slower on the on-disk store.)
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


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _event_label(kind: str, label: str, date: str | None) -> str:
    """A short label: "Video call · 2022-12-30", or the event's own name ("SCO summit · 2023-07")."""
    head = label.split(" · ")[0] if label else ""
    generic = {name for name, _, _ in STYLES.values()} | {kind, "Event"}
    if not head or head in generic:
        head = STYLES.get(kind, (kind,))[0]
    return f"{head} · {date or 'undated'}"


def graph_elements(store: Store, max_nodes: int = DEFAULT_MAX_NODES, layout: bool = True) -> dict:
    """The nodes, edges, event evidence and articles to draw, as one JSON-ready dict: ``core`` lists
    the nodes of the default view, ``layout`` their positions (computed when ``layout`` is true)."""
    linked = [(r["s"].value, _local(r["p"].value), r["o"].value) for r in store.query(EDGES)]
    ends = {s for s, _, _ in linked} | {o for _, _, o in linked}
    kinds: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for r in store.query(NODES):
        iri, kind = r["n"].value, _local(r["t"].value)
        if kind not in EVENT_KINDS and iri not in ends:
            continue
        # an IRI typed twice keeps the most specific event type (Meeting < VideoConference)
        if iri not in kinds or kinds[iri] == "Event" or EVENT_PARENT.get(kind) == kinds[iri]:
            kinds[iri] = kind
        if r["label"] is not None:
            names[iri].add(r["label"].value)
    labels = {iri: min(names[iri]) if names[iri] else _local(iri) for iri in kinds}
    edges = sorted({(s, p, o) for s, p, o in linked if s in kinds and o in kinds})
    facts: dict[str, dict] = defaultdict(dict)
    for r in store.query(EVENT_FACTS):
        if r["e"].value in kinds:
            facts[r["e"].value][_local(r["p"].value)] = r["v"].value
    reports: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in store.query(REPORTS):
        sentences = reports[r["e"].value][r["a"].value]
        if r["ev"] is not None:
            sentences.append((int(r["start"].value) if r["start"] is not None else 0, r["ev"].value))
    articles: dict[str, dict] = defaultdict(dict)
    for r in store.query(ARTICLES):
        articles[r["a"].value][_local(r["p"].value)] = r["v"].value
    extra: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for r in store.query(ENTITY_FACTS):
        if r["n"].value in kinds:
            extra[r["n"].value][_local(r["p"].value)].add(r["v"].value)

    nodes = []
    for iri in sorted(kinds):
        kind, label = kinds[iri], labels[iri]
        node = {"id": iri, "kind": kind, "name": label}
        if kind in EVENT_KINDS:
            f = facts.get(iri, {})
            node.update(label=_event_label(kind, label, f.get("date")), date=f.get("date"),
                        confidence=float(f["confidence"]) if "confidence" in f else None,
                        planned=f.get("planned") == "true", noDateReason=f.get("noDateReason"),
                        reports=[{"article": a, "evidence": [s for _, s in sorted(set(sents))]}
                                 for a, sents in sorted(reports.get(iri, {}).items(),
                                                        key=lambda kv: (articles[kv[0]].get("published", ""), kv[0]))])
        else:
            x = extra.get(iri, {})
            node.update(label=label, aliases=sorted(x.get("altLabel", ())), roles=sorted(x.get("role", ())),
                        wikidata=sorted(_local(s) for s in x.get("sameAs", ())))
        nodes.append(node)
    used = {r["article"] for n in nodes for r in n.get("reports", ())}
    arts = {a: {"title": v.get("title"), "file": v.get("sourceFile") or _local(a), "published": v.get("published"),
                "publisher": v.get("publisher"), "url": v.get("url")}
            for a, v in sorted(articles.items()) if a in used}
    data = {"nodes": nodes, "edges": [{"from": s, "rel": p, "to": o} for s, p, o in edges], "articles": arts,
            "articleCount": len(articles)}
    data["core"] = core_nodes(data, max_nodes)
    if layout:
        add_layout(data)
    return data


def core_nodes(data: dict, max_nodes: int = DEFAULT_MAX_NODES) -> list[str]:
    """The default view: every node if there are at most ``max_nodes``, else the events reported by
    the most articles (then the most confident) with their neighbours, up to ``max_nodes`` nodes."""
    if len(data["nodes"]) <= max_nodes:
        return [n["id"] for n in data["nodes"]]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in data["edges"]:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    events = sorted((n for n in data["nodes"] if n["kind"] in EVENT_KINDS),
                    key=lambda n: (-len(n["reports"]), -(n["confidence"] or 0), n["id"]))
    keep: dict[str, None] = {}
    for ev in events:
        new = [ev["id"], *sorted(x for x in neighbours[ev["id"]] if x not in keep)]
        if len(keep) + len(new) > max_nodes:
            if keep:
                break
        keep.update(dict.fromkeys(new))
    return sorted(keep)


def add_layout(data: dict) -> None:
    """Positions computed in Python (networkx) for the default view and, if small, the whole graph,
    so the page draws at once and stays still; larger views fall back to bounded stabilisation."""
    import networkx as nx

    def layout(ids: list[str]) -> dict[str, list[int]]:
        g = nx.Graph()
        g.add_nodes_from(ids)
        wanted = set(ids)
        g.add_edges_from((e["from"], e["to"]) for e in data["edges"] if e["from"] in wanted and e["to"] in wanted)
        if not ids:
            return {}
        pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(max(len(ids), 1)), iterations=120)
        scale = 110 * math.sqrt(len(ids))
        return {n: [round(float(x) * scale), round(float(y) * scale)] for n, (x, y) in pos.items()}

    all_ids = [n["id"] for n in data["nodes"]]
    core = layout(data["core"])
    whole = None
    if len(all_ids) <= PYTHON_LAYOUT_MAX:  # the same layout when the default view already shows every node
        whole = core if len(data["core"]) == len(all_ids) else layout(all_ids)
    data["layout"] = {"core": core, "all": whole}


def _elements(source, max_nodes: int) -> dict:
    if isinstance(source, dict):
        if "layout" not in source:
            source = dict(source)
            add_layout(source)
        return source
    if isinstance(source, ox.Store):
        wrapped = Store()
        wrapped.ox = source
        source = wrapped
    if hasattr(source, "query"):
        return graph_elements(source, max_nodes)
    raise TypeError(f"render_html needs a kg.store.Store or the dict from graph_elements(), not {type(source).__name__}")


def _json_for_script(data) -> str:
    """JSON that cannot end its <script> element nor start markup: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _vis_js() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(store_or_graph_elements, title: str = "dipkg: Russia–China diplomatic events",
                max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The complete self-contained page as a string (writes nothing). ``store_or_graph_elements`` is
    a kg.store.Store, a pyoxigraph.Store, or the dict returned by ``graph_elements``."""
    data = dict(_elements(store_or_graph_elements, max_nodes))
    data["styles"] = {k: {"name": n, "color": c, "shape": s, "event": k in EVENT_KINDS} for k, (n, c, s) in STYLES.items()}
    data["relations"] = {k: {"name": n, "color": c} for k, (n, c) in RELATIONS.items()}
    data["title"] = title
    vis_js, vis_css = _vis_js()
    vis_js = vis_js.replace("</script", "<\\/script")
    app_js = _asset("graph.js")
    # only these two scripts may run: no inline handler, no injected script, no network
    csp = (f"default-src 'none'; script-src {_sha(vis_js)} {_sha(app_js)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:")
    parts = {"TITLE": htmlmod.escape(title), "CSP": htmlmod.escape(csp, quote=False), "VIS_CSS": vis_css, "CSS": _asset("graph.css"),
             "DATA": _json_for_script(data), "VIS_JS": vis_js, "APP_JS": app_js}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], _asset("graph_template.html"))


def write_html(store: Store, path: Path, **kwargs) -> Path:
    """Write the page to ``path`` (atomically) and return the path."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(store, **kwargs), encoding="utf-8")
    tmp.replace(path)
    return path
