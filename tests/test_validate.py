"""SHACL validation (ontology/shapes.ttl): the seeds graph conforms; broken graphs are caught."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import shacl
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


# every constraint of shapes.ttl broken at least once: too many or too few values, wrong datatypes,
# ill-formed literals, values of the wrong class, out-of-range numbers, a malformed hash
WORSE = """
@prefix dip: <https://w3id.org/dipkg/ontology#> . @prefix res: <https://w3id.org/dipkg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
GRAPH <https://w3id.org/dipkg/graph/article/worse> {
  res:article\\/worse a dip:Article ; dip:sourceFile "worse.txt", "other.txt" ; dip:contentHash "0123" , "abcd" ;
      dip:title "One", "Two" ; dip:published "yesterday" .
  res:article\\/typed a dip:Article ; dip:sourceFile 12 ; dip:contentHash "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
      dip:published "2022-13-45"^^xsd:date .
  res:event\\/twice a dip:Meeting ; rdfs:label "One", "Two"@en ; dip:date "2022-01-01"^^xsd:date, "2022" ;
      dip:location res:person\\/b, res:place\\/x ; dip:reportedIn res:place\\/x ; dip:confidence "high" , 0.5 ;
      dip:planned "no" ; dip:partOf res:place\\/x ; dip:attestation res:place\\/x ; dip:evidence 7 ;
      dip:participant res:person\\/b, res:thing .
  res:event\\/bare a dip:Summit ; dip:noDateReason "unknown" ; rdfs:label "Bare" ; dip:confidence -0.1 .
  res:att2 a dip:Attestation ; dip:startOffset -3, 4 ; dip:endOffset "ten" ; dip:evidence "A", "B" ; dip:article res:person\\/b .
  res:att3 a dip:Attestation ; dip:startOffset "x"^^xsd:integer ; dip:endOffset 2 ; dip:article res:article\\/typed, res:article\\/worse .
  res:planned\\/only dip:planned true .
  res:person\\/b a dip:Person ; rdfs:label "B"@en ; dip:represents res:place\\/x .
  res:place\\/x a dip:Place ; rdfs:label "X" ; dip:country res:person\\/b, res:country\\/y .
  res:country\\/y a dip:Country .
  res:org\\/z a dip:Organization ; rdfs:label "Z", "Zed" .
}
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


@pytest.fixture(scope="module")
def worse_store(seeds_output) -> Store:
    store = Store()
    store.load_trig(seeds_output / "kg.trig")
    store.ox.load(WORSE.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_the_compiled_shapes_find_what_pyshacl_finds(broken_store, worse_store):
    for store in (broken_store, worse_store):
        compiled = violations(store, engine="sparql")
        assert compiled == violations(store, engine="pyshacl")
    messages = {v.message for v in compiled}
    assert len(compiled) >= 40 and len(messages) >= 15  # nearly every constraint is hit
    assert any(v.path == "dip:published" and v.value == '"2022-13-45"^^xsd:date' for v in compiled)
    some = {RES + "event/twice", RES + "att2", RES + "place/x"}
    assert violations(worse_store, focus=some, engine="sparql") == [v for v in compiled if v.focus in some]
    # every node checked by itself (NOT EXISTS) rather than by anti-join (MINUS): the same results
    assert violations(worse_store, focus={v.focus for v in compiled}, engine="sparql") == compiled


def test_shapes_beyond_the_compiled_subset_go_to_pyshacl():
    from kg.shacl import Unsupported, compile_shapes

    with pytest.raises(Unsupported, match="sh:xone"):
        compile_shapes(b"@prefix sh: <http://www.w3.org/ns/shacl#> . <s> sh:targetNode <n> ; sh:xone ( <a> <b> ) .")
    with pytest.raises(Unsupported, match="path"):
        compile_shapes(b"@prefix sh: <http://www.w3.org/ns/shacl#> . <s> sh:targetNode <n> ; sh:property [ "
                       b"sh:path ( <p> <q> ) ; sh:minCount 1 ] .")


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


def test_nodes_checked_one_by_one_or_over_the_whole_graph_give_the_same_results(broken_store, monkeypatch):
    whole = violations(broken_store)
    nodes = sorted({v.focus for v in whole})
    some = set(nodes[::2]) | {RES + "person/nobody"}
    for most in (10**6, 0):  # one by one; over the whole graph, kept for those nodes
        monkeypatch.setattr(shacl, "PER_NODE_MAX", most)
        assert violations(broken_store, focus=some) == [v for v in whole if v.focus in some]

