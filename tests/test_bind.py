"""kg.bind: where a VALUES block goes, and that a bound value never becomes query text."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.bind import run, values_block, where_group_start
from kg.errors import InputError
from kg.store import Store


@pytest.mark.parametrize("text, before", [
    ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE {"),
    ("# a comment { with a brace\nSELECT ?s { ?s ?p ?o }", "SELECT ?s {"),
    ('PREFIX x: <http://e/{a}#>\nSELECT (CONCAT("{", ?o) AS ?c) WHERE { ?s ?p ?o }', "AS ?c) WHERE {"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE {"),
    ("ask { ?s ?p '''}''' }", "ask {"),
])
def test_the_values_block_opens_the_where_group(text, before):
    assert text[:where_group_start(text)].endswith(before)
    assert where_group_start("# only { a comment") is None


def test_values_are_written_as_escaped_terms():
    block = values_block({ox.Variable("who"): ox.Literal('Xi" } ; DROP ALL'),
                          ox.Variable("e"): ox.NamedNode("http://example.org/e")})
    assert block == ' VALUES (?who ?e) { ("Xi\\" } ; DROP ALL" <http://example.org/e>) } '
    with pytest.raises(InputError, match="only an IRI or a literal"):
        values_block({ox.Variable("b"): ox.BlankNode()})


def test_run_binds_projected_and_filtered_variables_alike():
    store = Store()
    g, name = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/name")
    for s, label in (("a", "Xi Jinping"), ("b", 'Xi" } ; DROP ALL')):
        store.load([ox.Quad(ox.NamedNode(f"http://example.org/{s}"), name, ox.Literal(label), g)])
    projected = "SELECT ?s ?q WHERE { ?s <http://example.org/name> ?q }"
    filtered = "SELECT ?s WHERE { ?s <http://example.org/name> ?n FILTER(LCASE(?n) = LCASE(?q)) }"
    for text in (projected, filtered):
        for value, expected in (("Xi Jinping", ["http://example.org/a"]), ('Xi" } ; DROP ALL', ["http://example.org/b"]),
                                ("} ; DROP ALL", [])):
            got = [r["s"].value for r in run(store, text, {ox.Variable("q"): ox.Literal(value)})]
            assert got == expected, (text, value)
    assert len(store) == 2
