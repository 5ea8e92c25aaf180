"""The interactive graph as one self-contained HTML file (pyvis, vis-network inlined)."""
from __future__ import annotations

import re
from pathlib import Path

from pyvis.network import Network

from ..store import Store

NODE_STYLE = {
    "Person": ("#1f77b4", "dot"), "Country": ("#2ca02c", "diamond"), "Organization": ("#9467bd", "square"),
    "Place": ("#8c564b", "triangle"), "Meeting": ("#ff7f0e", "star"), "VideoConference": ("#ffbb78", "star"),
    "PhoneCall": ("#e377c2", "star"), "Visit": ("#d62728", "star"), "StateVisit": ("#a50f15", "star"),
    "Summit": ("#17becf", "star"), "Agreement": ("#bcbd22", "star"), "Event": ("#7f7f7f", "star"),
}

NODES = """
SELECT ?n ?type ?label WHERE {
  ?n a ?t ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?t), STR(dip:)))
  BIND(STRAFTER(STR(?t), STR(dip:)) AS ?type)
  FILTER(?type NOT IN ("Article", "Attestation", "Agent"))
}"""
EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { dip:participant dip:location dip:partOf dip:represents }
  ?s ?p ?o .
}"""


def _text(term) -> str:
    return term.value


def graph_elements(store: Store) -> tuple[dict, list]:
    nodes: dict[str, dict] = {}
    for row in store.query(NODES):
        iri, kind, label = _text(row["n"]), _text(row["type"]), _text(row["label"])
        cur = nodes.get(iri)
        if cur is None or (kind in NODE_STYLE and NODE_STYLE.get(cur["type"]) and kind not in ("Meeting", "Visit", "Event")):
            nodes[iri] = {"type": kind, "label": label}
    edges = [(_text(r["s"]), _text(r["p"]).rsplit("#", 1)[-1], _text(r["o"])) for r in store.query(EDGES)]
    edges = [e for e in edges if e[0] in nodes and e[2] in nodes]
    return nodes, sorted(edges)


def render_html(store: Store) -> str:
    nodes, edges = graph_elements(store)
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for iri, n in sorted(nodes.items()):
        color, shape = NODE_STYLE.get(n["type"], ("#7f7f7f", "dot"))
        # titles are plain text: vis-network shows a string title as text, never as markup
        net.add_node(iri, label=n["label"][:60], title=f"{n['type']}: {n['label']}", color=color, shape=shape)
    for s, p, o in edges:
        net.add_edge(s, o, title=p, label=p, arrows="to")
    net.set_options('{"physics": {"stabilization": {"iterations": 200}}, "edges": {"smooth": false, "font": {"size": 9}}}')
    page = net.generate_html()
    # no external resources: drop CDN stylesheets and scripts pyvis still links
    page = re.sub(r'<link[^>]+href="https?://[^"]*"[^>]*>', "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    return page


def write_html(store: Store, path: Path) -> Path:
    path = Path(path)
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_html(store), encoding="utf-8")
    tmp.replace(path)
    return path
