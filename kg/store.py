"""The RDF store: Oxigraph behind a small interface (load graphs, drop a graph, query, dump).

A build keeps a persistent store in ``output/store``; ``open_built`` opens it read-only for
queries, or loads ``output/kg.trig`` into memory when there is no store.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from operator import itemgetter
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .errors import InputError

PREFIXES = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "res": "https://w3id.org/dipkg/resource/",
}
STORE_DIR = "store"
TRIG_FILE = "kg.trig"


class Store:
    """An Oxigraph store; queries see the union of all named graphs as their default graph."""

    def __init__(self, path: Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        if path is None:
            self.ox = ox.Store()
        elif read_only:
            self.ox = ox.Store.read_only(str(path))
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store(str(path))

    def load(self, quads: Iterable[ox.Quad]) -> None:
        if self.path is None:
            self.ox.extend(quads)
        else:
            self.ox.bulk_extend(quads)  # on disk: no single huge transaction

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

    def quads(self) -> list[ox.Quad]:
        return list(self.ox.quads_for_pattern(None, None, None, None))

    def dump_trig(self, path: Path) -> None:
        """Write the dataset as TriG, sorted, so two builds of the same input give the same bytes."""
        write_trig(sort_quads(self.quads()), path)

    def backup(self, target: Path) -> None:
        """Copy an on-disk store to ``target`` (hard links where possible: cheap)."""
        self.ox.backup(str(target))

    def flush(self) -> None:
        try:
            self.ox.flush()
        except (AttributeError, OSError):
            pass


def graph_name(q: ox.Quad) -> str:
    """The IRI of the quad's graph; "" for the default graph."""
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in a canonical order: graph, subject, predicate, object."""
    return sorted(quads, key=lambda q: (graph_name(q), str(q.subject), str(q.predicate), str(q.object)))


def write_trig(sorted_quads: Iterable[ox.Quad], path: Path) -> None:
    with open(path, "wb") as fh:
        ox.serialize(sorted_quads, fh, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def _trig_head() -> bytes:
    """What the TriG serializer writes before the first graph: the prefixes."""
    probe = ox.NamedNode("urn:x-dipkg:probe")
    text = ox.serialize([ox.Quad(probe, probe, probe, probe)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return text[:text.index(b"<urn:x-dipkg:probe> {")]


TRIG_HEAD = _trig_head()


def trig_block(graph_quads: list[ox.Quad]) -> bytes:
    """One graph's quads (in order) as the TriG file writes them (its block, without the prefixes):
    a file is the same written whole or as TRIG_HEAD and its graphs' blocks in order (a test checks
    it), so a resident build writes again only the blocks of the graphs that changed."""
    text = ox.serialize(graph_quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if not text.startswith(TRIG_HEAD):
        raise ValueError("the TriG serializer no longer writes its prefixes first")
    return text[len(TRIG_HEAD):]


def write_trig_blocks(blocks: Iterable[bytes], path: Path) -> None:
    """A TriG file from its graphs' blocks (trig_block), in order."""
    with open(path, "wb") as fh:
        fh.write(TRIG_HEAD)
        fh.writelines(blocks)


def graph_digests(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """A digest of each named graph's content, independent of the quads' order (distinct quads)."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_graph[graph_name(q)].append(q)
    return {g: digest_text(digest_sum(qs)) for g, qs in by_graph.items()}


def sorted_graph(quads: Iterable[ox.Quad]) -> tuple[list[ox.Quad], int]:
    """The distinct quads of one graph in TriG order (as sort_quads orders them) and their digest
    sum (digest_sum), each term written out once for both: what that costs is most of both."""
    keyed = sorted((((str(q.subject), str(q.predicate), str(q.object)), q) for q in dict.fromkeys(quads)),
                   key=itemgetter(0))
    return [q for _, q in keyed], sum(_triple_hash(*terms) for terms, _ in keyed)


def digest_sum(quads: Iterable[ox.Quad]) -> int:
    """The sum of the quads' hashes (as triples): sums of parts of a graph add up to the graph's."""
    return sum(_triple_hash(str(q.subject), str(q.predicate), str(q.object)) for q in quads)


def _triple_hash(s: str, p: str, o: str) -> int:
    """A statement's hash, from its terms written out."""
    return int.from_bytes(hashlib.blake2b(f"{s} {p} {o}".encode(), digest_size=16).digest(), "big")


def digest_text(total: int) -> str:
    """A graph's digest from its digest sum."""
    return f"{total % (1 << 128):032x}"


def read_trig(path: Path) -> Store:
    """A store in memory holding the TriG file ``path``; InputError naming the file when it is
    missing or is not TriG."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not found")
    store = Store()
    try:
        store.load_trig(path)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot be read as TriG ({exc})") from None
    return store


def open_built(out_dir: Path) -> Store:
    """The built graph of ``out_dir``: its store opened read-only, else its TriG loaded in memory."""
    out_dir = Path(out_dir)
    store_dir = out_dir / STORE_DIR
    if (store_dir / "CURRENT").exists():
        try:
            return Store(store_dir, read_only=True)
        except OSError:
            pass  # unreadable store: the TriG export says the same
    trig = out_dir / TRIG_FILE
    if not trig.exists():
        raise InputError(f"{out_dir} holds no built graph (neither {store_dir} nor {trig}): run `kg build` first")
    return read_trig(trig)
