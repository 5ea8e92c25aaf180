"""The graph in other formats: GraphML and GEXF (via networkx, for Gephi, yEd, Cytoscape) and
JSON-LD (via rdflib) of the whole dataset or of the union of its graphs."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib

from ..store import PREFIXES, Store
from .html import EVENT_KINDS, graph_elements

if TYPE_CHECKING:  # networkx is imported when a graph is written, not with the `kg` command
    import networkx as nx

FORMATS = ("graphml", "gexf", "jsonld", "html")


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The drawn graph (events, the entities they link, and the links) as a networkx graph:
    node attributes ``label``, ``type`` and (events) ``date``, ``sources``; edge attribute ``relation``."""
    import networkx as nx

    data = graph_elements(store, max_nodes=0, layout=False)
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        attrs = {"label": n["name"], "type": n["kind"]}
        if n["kind"] in EVENT_KINDS:
            attrs["sources"] = len(n["reports"])
            if n["date"]:
                attrs["date"] = n["date"]
            if n["confidence"] is not None:
                attrs["confidence"] = n["confidence"]
        g.add_node(n["id"], **attrs)
    for e in data["edges"]:
        g.add_edge(e["from"], e["to"], key=e["rel"], relation=e["rel"])
    return g


def write_graphml(store: Store, path: Path) -> Path:
    import networkx as nx

    nx.write_graphml(to_networkx(store), str(path), encoding="utf-8")
    return Path(path)


def write_gexf(store: Store, path: Path) -> Path:
    import networkx as nx

    nx.write_gexf(to_networkx(store), str(path), encoding="utf-8")
    return Path(path)


def to_rdflib(store: Store, union: bool = False) -> rdflib.Dataset | rdflib.Graph:
    """The store as an rdflib Dataset (one graph per article, the ontology graph), or with
    ``union`` every triple in one Graph."""
    nquads = ox.serialize(store.ox.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=nquads.decode("utf-8"), format="nquads")
    target = rdflib.Graph() if union else ds
    if union:
        for s, p, o, _ in ds.quads((None, None, None, None)):
            target.add((s, p, o))
    return target


def write_jsonld(store: Store, path: Path, union: bool = False) -> Path:
    to_rdflib(store, union).serialize(destination=str(path), format="json-ld", indent=1,
                                      context=dict(PREFIXES))
    return Path(path)


def export(store: Store, fmt: str, path: Path, union: bool = False) -> Path:
    """Write ``store`` to ``path`` as ``fmt`` (one of FORMATS), atomically."""
    path = Path(path)
    if path.parent != Path(""):
        path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        from .html import write_html
        return write_html(store, path)  # writes a temporary file and renames it itself
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "graphml":
        write_graphml(store, tmp)
    elif fmt == "gexf":
        write_gexf(store, tmp)
    elif fmt == "jsonld":
        write_jsonld(store, tmp, union)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    tmp.replace(path)
    return path
