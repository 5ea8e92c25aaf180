"""End to end on the seeds: the build runs, its outputs parse, the ontology is in the dataset."""
from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.build import build
from kg.cli import main
from kg.errors import InputError

from conftest import ROOT, SEEDS, copy_seeds

DIP = "https://w3id.org/dipkg/ontology#"


def union(path) -> ox.Store:
    store = ox.Store()
    with open(path, "rb") as fh:
        store.load(fh, format=ox.RdfFormat.TRIG)
    return store


def test_trig_parses_with_rdflib_and_has_one_graph_per_article(seeds_output):
    ds = Dataset()
    ds.parse(seeds_output / "kg.trig", format="trig")
    graphs = {str(g.identifier) for g in ds.graphs()}
    articles = sorted(p.stem for p in SEEDS.glob("*.txt"))
    for a in articles:
        assert f"https://w3id.org/dipkg/graph/article/{a}" in graphs
    assert "https://w3id.org/dipkg/ontology" in graphs


def test_subclass_axioms_are_in_the_dataset(seeds_output):
    store = union(seeds_output / "kg.trig")
    q = f"""ASK {{ GRAPH <https://w3id.org/dipkg/ontology> {{
        <{DIP}VideoConference> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{DIP}Meeting> .
        <{DIP}StateVisit> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{DIP}Visit> .
        <{DIP}Meeting> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{DIP}Event> . }} }}"""
    assert store.query(q)
    # and the path query the scorer relies on works over the union
    n = list(store.query(f"SELECT (COUNT(DISTINCT ?e) AS ?n) {{ ?e a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{DIP}Meeting> }}",
                         use_default_graph_as_union=True))[0]["n"].value
    assert int(n) >= 3


def test_the_2022_video_call_is_one_node_with_four_sources(seeds_output):
    store = union(seeds_output / "kg.trig")
    q = f"""SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{
        ?e a <{DIP}VideoConference> ; <{DIP}date> ?d ; <{DIP}reportedIn> ?a .
        FILTER(STR(?d) = "2022-12-30") }} GROUP BY ?e"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    assert len(rows) == 1
    assert int(rows[0]["n"].value) == 4


def test_every_event_has_evidence_and_offsets_into_its_article(seeds_output):
    store = union(seeds_output / "kg.trig")
    q = f"""SELECT ?file ?ev ?s ?t WHERE {{ ?x a <{DIP}Attestation> ; <{DIP}article>/<{DIP}sourceFile> ?file ;
            <{DIP}evidence> ?ev ; <{DIP}startOffset> ?s ; <{DIP}endOffset> ?t }}"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    assert rows
    for r in rows:
        text = (SEEDS / r["file"].value).read_text(encoding="utf-8")
        assert text[int(r["s"].value):int(r["t"].value)].strip() == r["ev"].value


def test_rebuild_gives_the_same_bytes(seeds_output, tmp_path):
    build(SEEDS, tmp_path, html=False)
    assert (tmp_path / "kg.trig").read_bytes() == (seeds_output / "kg.trig").read_bytes()


def test_html_is_self_contained(seeds_output):
    page = (seeds_output / "graph.html").read_text(encoding="utf-8")
    assert "vis-network" in page or "vis.Network" in page
    assert 'src="http' not in page and 'href="http' not in page


def test_bad_articles_are_reported_and_the_rest_built(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text((SEEDS / "003_b4a5551f79ba4124.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 10)
    result = build(src, tmp_path / "out", html=False)
    assert result.articles == 1
    reasons = {p.file: p.reason for p in result.skipped}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "empty.txt" in result.summary() and "binary.txt" in result.summary()


def test_missing_input_folder_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(InputError, match="does not exist"):
        build(tmp_path / "nope", tmp_path / "out")
    assert main(["build", "--input", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_build_py_prints_a_summary(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--input", str(SEEDS), "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    for word in ("articles", "entities", "events", "triples", "time"):
        assert word in out


def test_extraction_does_not_depend_on_the_hash_seed(tmp_path):
    """Every record of the seed articles and of one of our own, read in processes with different
    string hashing: the same (set and dict orders must never decide what is read)."""
    copy_seeds(tmp_path)
    (tmp_path / "own.txt").write_text(  # one leader named more often, the other last: "the two heads of state"
        "Kazakh President Kassym-Jomart Tokayev held a video call with Chinese President Xi Jinping on Monday.\n\n"
        "Tokayev said relations were at their best. Tokayev also spoke of trade, and Tokayev thanked Xi Jinping.\n\n"
        "In June the two heads of state issued a joint statement on eternal partnership.\n", encoding="utf-8")
    script = """
import dataclasses, sys
from pathlib import Path
from kg.corpus import read_corpus
from kg.extract.pipeline import build_pipeline, extract
nlp = build_pipeline()
def plain(x):  # sets printed sorted: their own order is the hash seed's
    return {k: sorted(v) if isinstance(v, set) else v for k, v in dataclasses.asdict(x).items()}
for article in read_corpus(Path(sys.argv[1]))[0]:
    record = extract(article, nlp)
    print([plain(e) for _, e in sorted(record.entities.items())], [plain(r) for r in record.events])
"""
    outputs = {subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True,
                              cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000
