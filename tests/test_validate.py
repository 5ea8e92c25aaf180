"""SHACL validation (ontology/shapes.ttl): the seeds graph conforms; broken graphs are caught."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.store import Store, open_built
from kg.validate import violations

DIP = "https://w3id.org/dipkg/ontology#"
RES = "https://w3id.org/dipkg/resource/"
BROKEN = f"""
@prefix dip: <{DIP}> . @prefix res: <{RES}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
GRAPH <https://w3id.org/dipkg/graph/article/broken> {{
  res:article\\/broken a dip:Article ; dip:contentHash "not a hash" .
  res:event\\/nodate a dip:VideoConference ; rdfs:label "Undated call" ;
      dip:participant res:place\\/moscow ; dip:reportedIn res:article\\/broken ;
      dip:confidence 1.5 ; dip:evidence "They spoke." ;
      dip:attestation res:att1 .
  res:att1 a dip:Attestation ; dip:article res:article\\/broken ; dip:evidence "They spoke." ;
      dip:startOffset 0 ; dip:endOffset 11 .
  res:event\\/untyped dip:participant res:person\\/a ; dip:reportedIn res:article\\/broken .
  res:place\\/moscow a dip:Place ; rdfs:label "Moscow" .
  res:person\\/a a dip:Person ; rdfs:label "A" , "Another name" .
}}
"""


@pytest.fixture(scope="module")
def broken_store(seeds_output) -> Store:
    store = Store()
    store.load_trig(seeds_output / "kg.trig")  # the ontology graph is needed for rdfs:subClassOf
    store.ox.load(BROKEN.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_the_seeds_graph_conforms(seeds_output):
    assert [str(v) for v in violations(open_built(seeds_output))] == []


def test_broken_graph_violations_are_caught(broken_store):
    found = violations(broken_store)
    by_focus = {}
    for v in found:
        by_focus.setdefault(v.focus.rsplit("/", 1)[-1], []).append(v)
    article = {v.path for v in by_focus["broken"]}
    assert {"dip:sourceFile", "dip:contentHash"} <= article
    nodate = by_focus["nodate"]
    assert any("neither a dip:date nor a dip:noDateReason" in v.message for v in nodate)
    assert any(v.path == "dip:participant" and "dip:Person" in v.message for v in nodate)
    assert any(v.path == "dip:confidence" and v.value.startswith('"1.5"') for v in nodate)
    assert all(v.label == "Undated call" for v in nodate)
    assert any("no event type" in v.message for v in by_focus["untyped"])
    assert any(v.path == "rdfs:label" and v.label == "A / Another name" for v in by_focus["a"])
    assert not by_focus.keys() - {"broken", "nodate", "untyped", "a"}


def test_kg_validate_reports_readably(broken_store, seeds_output, tmp_path, capsys):
    bad = tmp_path / "bad.trig"
    broken_store.dump_trig(bad)
    assert main(["validate", "--data", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Violation: Undated call <https://w3id.org/dipkg/resource/event/nodate> dip:confidence:" in out
    assert out.rstrip().endswith("violations of shapes.ttl")
    assert main(["validate", "--out", str(seeds_output)]) == 0
    assert capsys.readouterr().out.startswith("conforms:")
    assert main(["validate", "--data", str(tmp_path / "missing.trig")]) == 2
    assert "missing.trig: not found" in capsys.readouterr().err


def test_checking_some_nodes_on_their_subgraph_agrees_with_the_whole(broken_store):
    whole = violations(broken_store)
    focus = {RES + "event/nodate", RES + "person/a", RES + "article/broken"}
    assert violations(broken_store, focus=focus) == [v for v in whole if v.focus in focus]
    assert violations(broken_store, focus=set()) == []
