"""GraphML, GEXF and JSON-LD exports, and the ``kg export`` subcommand."""
from __future__ import annotations

import json

import networkx as nx
import pytest
import rdflib
from kg.cli import main
from kg.export.formats import export, to_networkx, to_rdflib

try:  # tests/ as a package, or as a folder on sys.path
    from .html_data import XSS_NAME, hostile_store
except ImportError:
    from html_data import XSS_NAME, hostile_store

EVENT = "https://w3id.org/dipkg/resource/event/meeting-2023-03-21"
XI = "https://w3id.org/dipkg/resource/person/xi"


@pytest.fixture(scope="module")
def store():
    return hostile_store()


@pytest.fixture(scope="module")
def built(store, tmp_path_factory):
    """A build's output folder holding only kg.trig."""
    out = tmp_path_factory.mktemp("built")
    store.dump_trig(out / "kg.trig")
    return out


def _check_graph(g: nx.Graph) -> None:
    assert g.number_of_nodes() == 9
    assert g.nodes[EVENT]["type"] == "Meeting" and g.nodes[EVENT]["date"] == "2023-03-21"
    assert g.nodes[XI]["label"] == "Xi Jinping" and g.nodes[XI]["type"] == "Person"
    assert "date" not in g.nodes[XI]
    assert XSS_NAME in {d["label"] for _, d in g.nodes(data=True)}
    relations = {(u, d["relation"], v) for u, v, d in g.edges(data=True)}
    assert (EVENT, "participant", XI) in relations
    assert {r for _, r, _ in relations} == {"participant", "location", "represents", "country"}


def test_networkx_graph(store):
    _check_graph(to_networkx(store))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(store, tmp_path, fmt, read):
    path = export(store, fmt, tmp_path / f"g.{fmt}")
    _check_graph(read(str(path)))
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"g.{fmt}"]


def _quads(store) -> set:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.ox.quads_for_pattern(None, None, None, None)}


def test_jsonld_dataset_and_union(store, tmp_path):
    path = export(store, "jsonld", tmp_path / "d.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"]["dip"] == "https://w3id.org/dipkg/ontology#"
    ds = rdflib.Dataset()
    ds.parse(str(path), format="json-ld")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert graphs == {g.value for g in store.graphs()}
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(store)

    union = export(store, "jsonld", tmp_path / "u.jsonld", union=True)
    g = rdflib.Graph()
    g.parse(str(union), format="json-ld")
    assert len(g) == len({q[:3] for q in _quads(store)}) == len(to_rdflib(store, union=True))
    assert (rdflib.URIRef(EVENT), rdflib.URIRef("https://w3id.org/dipkg/ontology#participant"), rdflib.URIRef(XI)) in g


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "jsonld", "html"])
def test_kg_export_command(built, tmp_path, capsys, fmt):
    out = tmp_path / "sub" / f"graph.{fmt}"
    assert main(["export", "--format", fmt, "--out", str(out), "--graph", str(built)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "Xi Jinping" in text
    assert not (tmp_path / "sub" / f"graph.{fmt}.tmp").exists()


def test_kg_export_without_a_build(tmp_path, capsys):
    assert main(["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf"), "--graph", str(tmp_path / "none")]) == 2
    assert "no built graph" in capsys.readouterr().err
    assert not (tmp_path / "g.gexf").exists()
    with pytest.raises(SystemExit):
        main(["export", "--format", "pdf", "--out", str(tmp_path / "g.pdf")])
