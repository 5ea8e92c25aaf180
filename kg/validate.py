"""``kg validate``: check the built graph against the SHACL shapes of ontology/shapes.ttl.

The shapes are checked on the union of all named graphs (article graphs and the ontology graph),
which is the graph queries see: compiled to SPARQL by kg.shacl and run by the store, or with
pySHACL when the shapes use SHACL features kg.shacl does not compile.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError
from .gazetteer import ONTOLOGY_DIR
from .shacl import SH, Check, Unsupported, read_checks, run_checks, short
from .store import PREFIXES, Store, open_built, read_trig
from .vocab import ONTOLOGY_IRI
from .vocab import RESOURCE as RESOURCE_NS

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_GRAPH = str(ONTOLOGY_IRI)
RESOURCE = str(RESOURCE_NS)
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
XSD_STRING = PREFIXES["xsd"] + "string"
FOCUS_SUBGRAPH_MAX = 5000  # up to this many focus nodes, check them on the subgraph around them


@dataclass(frozen=True)
class Violation:
    focus: str  # IRI (or blank node) of the node that fails
    label: str | None  # its rdfs:label, if it has one
    path: str  # the property path checked, "" for a node-level constraint
    message: str
    value: str = ""  # the offending value, when there is one
    severity: str = "Violation"

    def __str__(self) -> str:
        who = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {who}{where}: {self.message}{value}"


def _rdf(term, cache: dict):
    import rdflib

    out = cache.get(term)
    if out is None:
        if isinstance(term, ox.NamedNode):
            out = rdflib.URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            out = rdflib.BNode(term.value)
        elif term.language:
            out = rdflib.Literal(term.value, lang=term.language)
        else:
            out = rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
        cache[term] = out
    return out


def union_graph(store: Store, around: set[str] | None = None):
    """The triples of all named graphs as one in-memory rdflib graph (pySHACL is fastest on it).
    With ``around``: only what the shapes look at to check those nodes (their triples, the
    triples of the nodes they point to, the types of the nodes those point to, the ontology)."""
    import rdflib

    g, cache = rdflib.Graph(), {}

    def add(quads):
        for q in quads:
            g.add((_rdf(q.subject, cache), _rdf(q.predicate, cache), _rdf(q.object, cache)))

    if around is None:
        add(store.ox.quads_for_pattern(None, None, None, None))
        return g
    def resources(quads) -> set:
        return {q.object for q in quads if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(RESOURCE)}

    values = set()  # the nodes the focus nodes point to: all their triples (so they conform)
    for iri in around:
        own = list(store.ox.quads_for_pattern(ox.NamedNode(iri), None, None, None))
        add(own)
        values |= resources(own)
    typed = set()  # and the nodes those point to: their types (for sh:class)
    for node in values - {ox.NamedNode(i) for i in around}:
        own = list(store.ox.quads_for_pattern(node, None, None, None))
        add(own)
        typed |= resources(own)
    for node in typed:
        add(store.ox.quads_for_pattern(node, RDF_TYPE, None, None))
    add(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    return g


def _shapes():
    import rdflib

    g = rdflib.Graph()
    try:
        g.parse(SHAPES_FILE, format="turtle")
    except Exception as exc:  # noqa: BLE001 - any parse failure of a project data file
        raise DataError(SHAPES_FILE, f"cannot be read as Turtle: {exc}") from None
    return g


@lru_cache(maxsize=4)
def _compiled(path: Path, stamp: tuple) -> list[Check]:
    try:
        return read_checks(path)
    except SyntaxError as exc:
        raise DataError(path, f"cannot be read as Turtle: {exc}") from None


def compiled_checks() -> list[Check] | None:
    """The shapes as SPARQL checks, or None when they use more of SHACL than kg.shacl compiles."""
    try:
        stat = SHAPES_FILE.stat()
    except OSError as exc:
        raise DataError(SHAPES_FILE, f"cannot be read: {exc.strerror}") from None
    try:
        return _compiled(SHAPES_FILE, (stat.st_mtime_ns, stat.st_size))
    except Unsupported:
        return None


def _label(store: Store, focus) -> str | None:
    if not isinstance(focus, ox.NamedNode):
        return None
    return " / ".join(sorted({q.object.value for q in store.ox.quads_for_pattern(focus, LABEL, None, None)})) or None


def _with_sparql(store: Store, checks: list[Check], focus: set[str] | None) -> list[Violation]:
    return [Violation(node.value, _label(store, node), check.path, check.message, short(value), check.severity)
            for check, node, value in run_checks(store.ox, checks, focus)]


def _ox(term):
    """An rdflib term as a pyoxigraph one."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))


def _with_pyshacl(store: Store, focus: set[str] | None) -> list[Violation]:
    import pyshacl
    import rdflib

    # not pySHACL's focus_nodes: it misses sh:or results on value nodes. The subgraph around the
    # nodes holds all that the shapes look at for them; results for other nodes are dropped.
    small = focus is not None and len(focus) <= FOCUS_SUBGRAPH_MAX
    data = union_graph(store, around=focus if small else None)
    _, report, _ = pyshacl.validate(data, shacl_graph=_shapes(), advanced=False, inference="none")
    sh = rdflib.Namespace(SH)
    out = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        node = _ox(report.value(result, sh.focusNode))
        if focus is not None and node.value not in focus:
            continue
        msgs = sorted(str(m) for m in report.objects(result, sh.resultMessage))
        severity = str(report.value(result, sh.resultSeverity) or sh.Violation).rsplit("#", 1)[-1]
        path = report.value(result, sh.resultPath)
        out.append(Violation(node.value, _label(store, node),
                             "(path)" if isinstance(path, rdflib.BNode) else short(_ox(path)),
                             "; ".join(msgs) or str(report.value(result, sh.sourceConstraintComponent)),
                             short(_ox(report.value(result, sh.value))), severity))
    return out


def violations(store: Store, focus: set[str] | None = None, engine: str = "auto") -> list[Violation]:
    """Every SHACL result for the store's union graph (only for the ``focus`` nodes if given),
    sorted by focus node and path. ``engine``: "sparql" (the shapes compiled by kg.shacl and run
    by the store), "pyshacl", or "auto" (the first when the shapes allow it)."""
    if focus is not None and not focus:
        return []
    checks = compiled_checks() if engine in ("auto", "sparql") else None
    if checks is None and engine == "sparql":
        raise DataError(SHAPES_FILE, "uses SHACL features kg.shacl does not compile (the pyshacl engine checks them)")
    found = _with_sparql(store, checks, focus) if checks is not None else _with_pyshacl(store, focus)
    return sorted(set(found), key=lambda v: (v.focus, v.path, v.message, v.value))


def shapes_key() -> str:
    """Changes when the shapes, the ontology or the checking code change (cached results are then void)."""
    import hashlib

    h = hashlib.sha256()
    for path in (SHAPES_FILE, ONTOLOGY_DIR / "dipkg.ttl", Path(__file__), Path(__file__).with_name("shacl.py")):
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def run(out_dir: Path, data: Path | None = None, limit: int = 0) -> tuple[str, int]:
    """The report and the exit status (0: conforms, 1: violations)."""
    store = read_trig(data) if data is not None else open_built(out_dir)
    found = violations(store)
    if not found:
        return f"conforms: {len(store)} quads checked against {SHAPES_FILE.name}\n", 0
    shown = found[:limit] if limit else found
    lines = [str(v) for v in shown]
    if len(shown) < len(found):
        lines.append(f"... and {len(found) - len(shown)} more")
    lines.append(f"{len(found)} violation{'s' if len(found) != 1 else ''} of {SHAPES_FILE.name}")
    return "\n".join(lines) + "\n", 1


def register(sub) -> None:
    v = sub.add_parser("validate", help="check the built graph against the SHACL shapes (ontology/shapes.ttl)")
    v.add_argument("--out", default="output", help="the build's output folder (default: output)")
    v.add_argument("--data", default=None, help="check this TriG file instead of the built graph")
    v.add_argument("--limit", type=int, default=0, help="show at most this many violations (default: all)")

    def _run(args) -> int:
        text, status = run(Path(args.out), Path(args.data) if args.data else None, args.limit)
        print(text, end="")
        return status

    v.set_defaults(func=_run)
