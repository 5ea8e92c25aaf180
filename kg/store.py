"""The RDF store: Oxigraph behind a small interface (load graphs, drop a graph, query, dump)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

PREFIXES = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "res": "https://w3id.org/dipkg/resource/",
}


class Store:
    """An Oxigraph store; queries see the union of all named graphs as their default graph."""

    def __init__(self, path: Path | None = None, read_only: bool = False):
        if path is None:
            self.ox = ox.Store()
        elif read_only:
            self.ox = ox.Store.read_only(str(path))
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store(str(path))

    def load(self, quads: Iterable[ox.Quad]) -> None:
        self.ox.extend(quads)

    def load_trig(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self.ox.bulk_load(fh, format=ox.RdfFormat.TRIG)

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self.ox.remove_graph(graph)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted(self.ox.named_graphs(), key=lambda g: g.value)

    def __len__(self) -> int:
        return len(self.ox)

    def query(self, sparql: str):
        """Run a SPARQL query over the union of the named graphs."""
        return self.ox.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)

    def dump_trig(self, path: Path) -> None:
        """Write the dataset as TriG, sorted, so two builds of the same input give the same bytes."""
        quads = sorted(self.ox.quads_for_pattern(None, None, None, None),
                       key=lambda q: (q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "",
                                      str(q.subject), str(q.predicate), str(q.object)))
        with open(path, "wb") as fh:
            ox.serialize(quads, fh, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)

    def flush(self) -> None:
        try:
            self.ox.flush()
        except (AttributeError, OSError):
            pass
