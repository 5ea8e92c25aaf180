"""SHACL Core shapes compiled to SPARQL queries that the store answers itself.

pySHACL checks an rdflib copy of the graph, which has to be built triple by triple first; at
10,000 articles that took 32 s of a 99 s build. The constraints dipkg's shapes use are few and
simple, so each is translated into one SELECT that returns the nodes (and values) violating
it, and Oxigraph runs those over the union of the named graphs.

What is compiled: targets (``sh:targetClass`` following ``rdfs:subClassOf``, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``), property shapes with an IRI or inverse path,
``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``,
``sh:pattern``/``sh:flags``, ``sh:min/maxInclusive``, ``sh:min/maxExclusive``, ``sh:or``,
``sh:and``, ``sh:not``, ``sh:node``, ``sh:message``, ``sh:severity``, ``sh:deactivated``. A shapes
file that uses anything else raises :class:`Unsupported`, and kg.validate hands it to pySHACL.
Each result is what pySHACL reports for the same data (tests/test_validate.py compares them).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .store import PREFIXES

SH = "http://www.w3.org/ns/shacl#"
RDF, RDFS, XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
TYPE = f"<{RDF}type>"
# stands for the class and its subclasses (rdfs:subClassOf*), looked up in the data when a check runs
SUBCLASSES = re.compile(r"\{subclasses of <([^>]*)>\}")
# stands for a pattern binding ?focus to each instance of the class or its subclasses (see run_checks)
INSTANCES = re.compile(r"\{instances of <([^>]*)>\}")
ANNOTATIONS = {RDF + "type", RDFS + "comment", RDFS + "label", SH + "name", SH + "description", SH + "order",
               SH + "group", SH + "defaultValue"}
TARGETS = {"targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"}
VALUE_CONSTRAINTS = {"class", "datatype", "nodeKind", "in", "pattern", "minInclusive", "maxInclusive",
                     "minExclusive", "maxExclusive", "or", "and", "not", "node"}
SHAPE_TERMS = TARGETS | VALUE_CONSTRAINTS | {"property", "path", "minCount", "maxCount", "message", "severity",
                                             "deactivated", "flags", "inversePath"}
NODE_KINDS = {"IRI": "isIRI({v})", "Literal": "isLiteral({v})", "BlankNode": "isBlank({v})",
              "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))", "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
              "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))"}
# XSD types whose lexical forms the store checks when casting (SPARQL casts and Oxigraph's own)
CASTABLE = {XSD + t for t in ("boolean", "integer", "decimal", "float", "double", "date", "dateTime", "time",
                              "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay", "duration")}
COMPARISONS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}


class Unsupported(ValueError):
    """The shapes use a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One SPARQL query whose rows (``?focus``, maybe ``?value``) are the violations of one
    constraint; ``{focus}`` in ``query`` takes a VALUES block that restricts the focus nodes, and
    ``{without}`` the anti-join that suits the run (see run_checks)."""

    query: str
    path: str  # the path as written for a reader ("" for a constraint on the node itself)
    message: str
    severity: str


class _Shapes:
    """The shapes graph, read with pyoxigraph."""

    def __init__(self, data: bytes, base: str):
        self.g = ox.Store()
        self.g.load(data, format=ox.RdfFormat.TURTLE, base_iri=base)
        self.names = itertools.count()
        for q in self.g.quads_for_pattern(None, None, None, None):
            p = q.predicate.value
            if p.startswith(SH) and p[len(SH):] not in SHAPE_TERMS and p not in ANNOTATIONS:
                raise Unsupported(f"sh:{p[len(SH):]}")

    def objects(self, s, name: str) -> list:
        return sorted((q.object for q in self.g.quads_for_pattern(s, ox.NamedNode(SH + name), None, None)), key=str)

    def one(self, s, name: str):
        found = self.objects(s, name)
        return found[0] if found else None

    def items(self, head) -> list:
        """The members of an RDF list."""
        out, first, rest, nil = [], ox.NamedNode(RDF + "first"), ox.NamedNode(RDF + "rest"), ox.NamedNode(RDF + "nil")
        while head != nil:
            out.append(next(iter(self.g.quads_for_pattern(head, first, None, None))).object)
            head = next(iter(self.g.quads_for_pattern(head, rest, None, None))).object
        return out

    def var(self) -> str:
        return f"?v{next(self.names)}"

    def top_shapes(self) -> list:
        targets = {q.subject for name in TARGETS
                   for q in self.g.quads_for_pattern(None, ox.NamedNode(SH + name), None, None)}
        return sorted(targets, key=str)


def _term(t) -> str:
    """A term in SPARQL syntax (N-Triples syntax is valid SPARQL)."""
    if isinstance(t, ox.BlankNode):
        raise Unsupported("a blank node as a value")
    return str(t)


def _subclasses(c) -> str:
    if not isinstance(c, ox.NamedNode):
        raise Unsupported("sh:class or sh:targetClass with a value that is not an IRI")
    return f"{{subclasses of <{c.value}>}}"


def _classes_only(shapes: _Shapes, component: str, value) -> list | None:
    """The classes when a constraint says no more than "an instance of one of these classes"
    (sh:class, or sh:or of such shapes); None otherwise."""
    if component == "class":
        return [value]
    if component != "or":
        return None
    out = []
    for alternative in shapes.items(value):
        said = {q.predicate.value for q in shapes.g.quads_for_pattern(alternative, None, None, None)} - ANNOTATIONS
        if said == {SH + "class"}:
            out += shapes.objects(alternative, "class")
        elif said == {SH + "or"}:
            found = _classes_only(shapes, "or", shapes.one(alternative, "or"))
            if found is None:
                return None
            out += found
        else:
            return None
    return out


def _path(shapes: _Shapes, shape) -> tuple[str, str] | None:
    """(SPARQL path, readable path) of a property shape; None for a node shape."""
    p = shapes.one(shape, "path")
    if p is None:
        return None
    if isinstance(p, ox.NamedNode):
        return _term(p), short(p)
    inverse = shapes.one(p, "inversePath")
    if isinstance(inverse, ox.NamedNode):
        return f"^{_term(inverse)}", "^" + short(inverse)
    raise Unsupported("a property path other than an IRI or sh:inversePath")


def _value_conditions(shapes: _Shapes, shape, v: str, seen: tuple = ()) -> list[tuple[str, object, str]]:
    """(component, its value in the shape, SPARQL condition true when ``v`` conforms) for each value constraint of ``shape``."""
    if shape in seen:
        raise Unsupported("recursive shapes")
    seen = seen + (shape,)
    out = []
    for c in shapes.objects(shape, "class"):
        t = shapes.var()
        out.append(("class", c, f"EXISTS {{ VALUES {t} {{ {_subclasses(c)} }} {v} {TYPE} {t} }}"))
    for d in shapes.objects(shape, "datatype"):
        # a well-formed literal of the type: the store's cast to it must succeed ("2022-13-45" is no xsd:date)
        lexical = f" && COALESCE(isLiteral({_term(d)}(STR({v}))), false)" if d.value in CASTABLE else ""
        out.append(("datatype", d, f"(isLiteral({v}) && DATATYPE({v}) = {_term(d)}{lexical})"))
    for k in shapes.objects(shape, "nodeKind"):
        kind = k.value[len(SH):] if k.value.startswith(SH) else ""
        if kind not in NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {k}")
        out.append(("nodeKind", k, NODE_KINDS[kind].format(v=v)))
    for name, op in COMPARISONS.items():
        for bound in shapes.objects(shape, name):
            out.append((name, bound, f"COALESCE({v} {op} {_term(bound)}, false)"))
    for pattern in shapes.objects(shape, "pattern"):
        flags = shapes.one(shape, "flags")
        extra = f", {_term(ox.Literal(flags.value))}" if flags is not None else ""
        out.append(("pattern", pattern, f"(!isBlank({v}) && REGEX(STR({v}), {_term(ox.Literal(pattern.value))}{extra}))"))
    for head in shapes.objects(shape, "in"):
        members = shapes.items(head)
        out.append(("in", head, "(" + (" || ".join(f"sameTerm({v}, {_term(m)})" for m in members) or "false") + ")"))
    for name, joiner in (("or", " || "), ("and", " && ")):
        for head in shapes.objects(shape, name):
            parts = [_conforms(shapes, s, v, seen) for s in shapes.items(head)]
            out.append((name, head, "(" + (joiner.join(parts) or ("false" if name == "or" else "true")) + ")"))
    for s in shapes.objects(shape, "not"):
        out.append(("not", s, f"!{_conforms(shapes, s, v, seen)}"))
    for s in shapes.objects(shape, "node"):
        out.append(("node", s, _conforms(shapes, s, v, seen)))
    return out


def _conforms(shapes: _Shapes, shape, v: str, seen: tuple) -> str:
    """A SPARQL condition true when node ``v`` conforms to ``shape`` (all its constraints)."""
    path = _path(shapes, shape)
    if path is None:
        parts = [cond for _, _, cond in _value_conditions(shapes, shape, v, seen)]
        parts += [_conforms(shapes, prop, v, seen) for prop in shapes.objects(shape, "property")]
        return "(" + (" && ".join(parts) or "true") + ")"
    if shapes.objects(shape, "property"):
        raise Unsupported("sh:property on a property shape")
    sparql, _ = path
    parts = []
    low, high = shapes.one(shape, "minCount"), shapes.one(shape, "maxCount")
    if (low is not None and int(low.value) > 1) or (high is not None and int(high.value) > 0):
        raise Unsupported("sh:minCount above 1 or sh:maxCount above 0 inside sh:or/sh:and/sh:not/sh:node")
    if low is not None and int(low.value) == 1:
        parts.append(f"EXISTS {{ {v} {sparql} {shapes.var()} }}")
    if high is not None:
        parts.append(f"NOT EXISTS {{ {v} {sparql} {shapes.var()} }}")
    x = shapes.var()
    values = [cond for _, _, cond in _value_conditions(shapes, shape, x, seen)]
    if values:
        parts.append(f"NOT EXISTS {{ {v} {sparql} {x} FILTER(!({' && '.join(values)})) }}")
    return "(" + (" && ".join(parts) or "true") + ")"


def _targets(shapes: _Shapes, shape) -> str:
    """A group binding ``?focus`` to each target of ``shape`` once, after ``{focus}`` (VALUES)."""
    alternatives = []
    for c in shapes.objects(shape, "targetClass"):
        _subclasses(c)  # (an IRI)
        alternatives.append(f"{{instances of <{c.value}>}}")
    for n in shapes.objects(shape, "targetNode"):
        alternatives.append(f"BIND({_term(n)} AS ?focus)")
    for p in shapes.objects(shape, "targetSubjectsOf"):
        alternatives.append(f"?focus {_term(p)} [] .")
    for p in shapes.objects(shape, "targetObjectsOf"):
        alternatives.append(f"[] {_term(p)} ?focus .")
    union = " UNION ".join("{ {focus} " + a + " }" for a in alternatives)
    return "{ SELECT DISTINCT ?focus WHERE { " + union + " } }"


def _checks_of(shapes: _Shapes, shape, targets: str, parent_message: str, severity: str) -> list[Check]:
    messages = [m.value for m in shapes.objects(shape, "message")]
    message = "; ".join(messages) or parent_message
    severity_term = shapes.one(shape, "severity")
    if severity_term is not None:
        severity = severity_term.value.rsplit("#", 1)[-1]
    path = _path(shapes, shape)
    checks = []

    def add(query: str, where: str, component: str) -> None:
        checks.append(Check(query, where, message or f"fails sh:{component}", severity))

    def failing(node: str, component: str, value, cond: str) -> str:
        """A graph pattern keeping the solutions whose ``node`` fails the constraint."""
        classes = _classes_only(shapes, component, value)
        if classes is None:
            return f"FILTER(!{cond})"
        return f"{{without}} {{ VALUES ?class {{ {' '.join(_subclasses(c) for c in classes)} }} {node} {TYPE} ?class }}"

    if path is None:
        for component, value, cond in _value_conditions(shapes, shape, "?focus"):
            add(f"SELECT ?focus (?focus AS ?value) WHERE {{ {targets} {failing('?focus', component, value, cond)} }}",
                "", component)
        for prop in shapes.objects(shape, "property"):
            checks += _checks_of(shapes, prop, targets, "", severity)
        return checks
    sparql, readable = path
    if shapes.objects(shape, "property"):
        raise Unsupported("sh:property on a property shape")
    low, high = shapes.one(shape, "minCount"), shapes.one(shape, "maxCount")
    if low is not None and int(low.value) > 0:
        n = int(low.value)
        query = (f"SELECT ?focus WHERE {{ {targets} {{without}} {{ ?focus {sparql} ?value }} }}" if n == 1 else
                 f"SELECT ?focus WHERE {{ {targets} OPTIONAL {{ ?focus {sparql} ?value }} }} "
                 f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {n})")
        add(query, readable, "minCount")
    if high is not None:
        add(f"SELECT ?focus WHERE {{ {targets} ?focus {sparql} ?value }} "
            f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {int(high.value)})", readable, "maxCount")
    for component, value, cond in _value_conditions(shapes, shape, "?value"):
        add(f"SELECT DISTINCT ?focus ?value WHERE {{ {targets} ?focus {sparql} ?value "
            f"{failing('?value', component, value, cond)} }}", readable, component)
    return checks


def compile_shapes(data: bytes, base: str = "https://w3id.org/dipkg/shapes") -> list[Check]:
    """The checks of a Turtle shapes graph. Raises :class:`Unsupported` for what is not
    compiled, SyntaxError for bad Turtle."""
    shapes = _Shapes(data, base)
    checks = []
    for shape in shapes.top_shapes():
        off = shapes.one(shape, "deactivated")
        if off is not None and off.value == "true":
            continue
        checks += _checks_of(shapes, shape, _targets(shapes, shape), "", "Violation")
    return checks


def subclasses(store: ox.Store, iri: str) -> list[str]:
    """The class and its subclasses in the data (the ontology graph), in SPARQL syntax."""
    query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* <{iri}> }}"
    return sorted(str(row["c"]) for row in store.query(query, use_default_graph_as_union=True))


PER_NODE_MAX = 3000  # nodes checked one by one up to this many (measured: see run_checks)


def run_checks(store: ox.Store, checks: list[Check], focus: set[str] | None):
    """(check, focus node, value or None) for each violation in ``store``'s union graph; with
    ``focus``, of those nodes only. Each class's subclasses are looked up once for all checks."""
    # Two ways to ask "what lacks a value or a class" and "the instances of a class". For a few
    # nodes: a test each (NOT EXISTS, a FILTER on the node's types), 1.5 ms a node for all checks
    # at 10,000 articles. Over the whole graph: an anti-join (MINUS) and a VALUES block of classes,
    # 4-8 s; joined to a VALUES block of nodes, these read every statement with the property or
    # class first (1.5 s for 23 nodes, 250 s for 15,000). So: nodes one by one up to PER_NODE_MAX,
    # else the whole graph, its results kept for the nodes asked. The two agree: the anti-joined
    # pattern always shares ?focus or ?value with the solutions and binds nothing else they hold.
    per_node = focus is not None and len(focus) <= PER_NODE_MAX
    values = "VALUES ?focus { " + " ".join(f"<{f}>" for f in sorted(focus)) + " } " if per_node else ""
    without = "FILTER NOT EXISTS" if per_node else "MINUS"
    instances = ("?focus {type} ?class FILTER(?class IN ({listed}))" if per_node else
                 "VALUES ?class {{ {classes} }} ?focus {type} ?class .")
    known: dict[str, str] = {}

    def classes(m) -> str:
        if m.group(1) not in known:
            known[m.group(1)] = " ".join(subclasses(store, m.group(1)))
        return known[m.group(1)]

    def of_class(m) -> str:
        return instances.format(type=TYPE, classes=classes(m), listed=", ".join(classes(m).split()))

    for check in checks:
        query = INSTANCES.sub(of_class, check.query)
        query = SUBCLASSES.sub(classes, query).replace("{focus}", values).replace("{without}", without)
        solutions = store.query(query, use_default_graph_as_union=True)
        with_value = ox.Variable("value") in solutions.variables
        for row in solutions:
            if per_node or focus is None or row["focus"].value in focus:
                yield check, row["focus"], (row["value"] if with_value else None)


def short(term) -> str:
    """A term as a reader wants it: ``dip:date``, ``<https://…>``, ``"1.5"^^xsd:decimal``, ``"text"``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and "/" not in term.value[len(ns):]:
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = str(ox.Literal(term.value))  # quoted and escaped
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value == XSD + "string":
            return text
        return f"{text}^^{short(term.datatype)}"
    return str(term)


def read_checks(path: Path) -> list[Check]:
    return compile_shapes(Path(path).read_bytes(), base=Path(path).absolute().as_uri())
