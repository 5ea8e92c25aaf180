"""The persistent store a build writes, and opening a built output for reading."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.store import (digest_sum, graph_digests, open_built, sort_quads, sorted_graph, trig_block, write_trig,
                      write_trig_blocks)


def _trig_quads(path) -> set:
    store = ox.Store()
    with open(path, "rb") as fh:
        store.load(fh, format=ox.RdfFormat.TRIG)
    return set(store)


def test_build_writes_a_persistent_store_equal_to_the_trig(seeds_output):
    assert (seeds_output / "store" / "CURRENT").exists()
    store = open_built(seeds_output)
    assert store.path == seeds_output / "store"  # the store, not the TriG fallback
    assert set(store.ox) == _trig_quads(seeds_output / "kg.trig")


def test_article_graphs_and_the_ontology_graph(seeds_output):
    graphs = [g.value for g in open_built(seeds_output).graphs()]
    assert "https://w3id.org/dipkg/ontology" in graphs
    articles = [g for g in graphs if g.startswith("https://w3id.org/dipkg/graph/article/")]
    assert len(articles) == 5


def test_queries_see_the_union_of_the_graphs(seeds_output):
    store = open_built(seeds_output)
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a/rdfs:subClassOf* dip:Meeting }"))
    assert int(rows[0]["n"].value) > 0


def test_open_built_falls_back_to_the_trig(seeds_output, tmp_path):
    shutil.copy(seeds_output / "kg.trig", tmp_path / "kg.trig")
    store = open_built(tmp_path)
    assert store.path is None
    assert set(store.ox) == _trig_quads(seeds_output / "kg.trig")


def test_open_built_without_a_build_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="kg build"):
        open_built(tmp_path)


@pytest.mark.parametrize("built", ["seeds_output", "dev_output"])
def test_the_trig_is_the_stores_statements_sorted(built, request, tmp_path):
    """The build writes kg.trig from the statements it stored, not read back: byte for byte what
    the store holds (every literal already in the store's canonical form)."""
    out = request.getfixturevalue(built)
    store = open_built(out)
    store.dump_trig(tmp_path / "a.trig")
    assert (tmp_path / "a.trig").read_bytes() == (out / "kg.trig").read_bytes()
    quads = list(store.ox)
    assert sort_quads(reversed(quads)) == sort_quads(quads)


def test_a_graph_sorted_and_digested_at_once_is_as_sorted_and_digested_apart(seeds_output):
    """sorted_graph: the order of sort_quads and the sum of digest_sum, duplicates dropped; the
    digest does not depend on the order (a graph's parts add up to it)."""
    store = open_built(seeds_output)
    g = next(g for g in store.graphs() if "/article/" in g.value)
    quads = list(store.ox.quads_for_pattern(None, None, None, g))
    # an IRI that begins another sorts after it as sort_quads sorts (by "<iri>")
    a, b = ox.NamedNode("urn:x:event/k"), ox.NamedNode("urn:x:event/k-2")
    quads += [ox.Quad(a, ox.NamedNode("urn:p"), ox.Literal("1"), g), ox.Quad(b, ox.NamedNode("urn:p"), ox.Literal("2"), g)]
    ordered, total = sorted_graph(reversed(quads + quads[:3]))
    assert ordered == sort_quads(quads)
    assert total == digest_sum(quads) == digest_sum(quads[:5]) + digest_sum(quads[5:])
    assert f"{total % (1 << 128):032x}" == graph_digests(quads)[g.value]


def test_a_trig_file_written_graph_by_graph_is_the_file_written_whole(seeds_output, tmp_path):
    """What a resident build writes (the prefixes, then each graph's block, most of them
    remembered) is byte for byte the file written in one go, and a kg.trig as the build wrote it."""
    store = open_built(seeds_output)
    quads = sort_quads(store.ox)
    write_trig(quads, tmp_path / "whole.trig")
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value, []).append(q)
    write_trig_blocks([trig_block(qs) for qs in by_graph.values()], tmp_path / "blocks.trig")
    assert (tmp_path / "blocks.trig").read_bytes() == (tmp_path / "whole.trig").read_bytes() == \
        (seeds_output / "kg.trig").read_bytes()
    assert len(by_graph) > 3
