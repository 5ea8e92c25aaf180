"""kg.api.KnowledgeGraph on a real build of seeds/: each call, typed results, bound parameters."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import matplotlib
import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.errors import InputError, KgError

matplotlib.use("Agg")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PUTIN_XI = ["Vladimir Putin", "Xi Jinping"]
HOSTILE_NAMES = ['Xi Jinping" } ; DROP ALL ; #', "} ; DROP ALL", 'Xi"', "{", "Xi Jinping'}", "\\", "?n"]


@pytest.fixture(scope="module")
def g(seeds_output) -> KnowledgeGraph:
    return KnowledgeGraph.open(seeds_output)


def event_count(g: KnowledgeGraph) -> int:
    return int(g.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* dip:Event }")["n"][0])


# ---------------------------------------------------------------- open / build

def test_open_reads_the_store_and_the_trig_alike(seeds_output, g, tmp_path):
    assert Path(g.store.path) == seeds_output / "store"  # the build's persistent store, read-only
    from_trig = KnowledgeGraph.open(seeds_output / "kg.trig")
    assert event_count(from_trig) == event_count(g) > 0
    only_trig = tmp_path / "only-trig"
    only_trig.mkdir()
    shutil.copy(seeds_output / "kg.trig", only_trig / "kg.trig")
    assert event_count(KnowledgeGraph.open(only_trig)) == event_count(g)


def test_open_says_which_path_is_wrong(tmp_path):
    with pytest.raises(InputError, match="nowhere"):
        KnowledgeGraph.open(tmp_path / "nowhere")
    with pytest.raises(InputError, match=re.escape(str(tmp_path))):
        KnowledgeGraph.open(tmp_path)  # a folder without a built graph
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig {", encoding="utf-8")
    with pytest.raises(InputError, match="bad.trig"):
        KnowledgeGraph.open(bad)


def test_build_in_memory_shows_progress_and_writes_nothing_in_place(tmp_path, capsys, g):
    corpus = tmp_path / "articles"
    shutil.copytree(SEEDS, corpus)
    built = KnowledgeGraph.build(corpus)
    assert "extracting" in capsys.readouterr().err  # the progress bar
    assert event_count(built) == event_count(g)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in SEEDS.iterdir())
    assert built.build_result.articles == len(list(SEEDS.glob("*.txt")))


def test_build_to_a_folder_then_open_it(tmp_path, g):
    out = tmp_path / "out"
    built = KnowledgeGraph.build(SEEDS, out=out, progress=False)
    assert (out / "kg.trig").exists()
    assert event_count(built) == event_count(KnowledgeGraph.open(out)) == event_count(g)


def test_build_of_a_missing_folder_names_it(tmp_path):
    with pytest.raises(InputError, match="no-such-folder"):
        KnowledgeGraph.build(tmp_path / "no-such-folder")


# ---------------------------------------------------------------- query

def test_query_returns_typed_columns(g):
    df = g.query("""SELECT ?e ?d ?confidence ?planned ?label WHERE {
        ?e dip:date ?d ; dip:confidence ?confidence ; dip:planned ?planned ; rdfs:label ?label
        FILTER(DATATYPE(?d) = xsd:date) }""")
    assert len(df) > 0
    assert pd.api.types.is_datetime64_any_dtype(df["d"])
    assert df["confidence"].dtype == "float64"
    assert df["planned"].dtype == bool
    assert df["e"].map(type).eq(str).all() and df["e"].str.startswith("https://w3id.org/dipkg/resource/event/").all()
    offsets = g.query("SELECT ?a ?start WHERE { ?a dip:startOffset ?start }")
    assert offsets["start"].dtype == "int64" and (offsets["start"] >= 0).all()
    gaps = g.query("SELECT ?a ?start WHERE { { ?a dip:startOffset ?start } UNION { ?a a dip:VideoConference } }")
    assert str(gaps["start"].dtype) == "Int64" and 0 < gaps["start"].isna().sum() < len(gaps)  # nullable
    assert g.query("ASK { ?e a dip:VideoConference }") is True
    triples = g.query("CONSTRUCT { ?e dip:date ?d } WHERE { ?e a dip:VideoConference ; dip:date ?d }")
    assert list(triples.columns) == ["subject", "predicate", "object"] and "2022-12-30" in set(triples["object"])


def test_import_kg_stays_light():
    import subprocess
    import sys

    code = "import sys, kg; print(sorted(m for m in ('pandas', 'pyoxigraph', 'matplotlib', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    import kg

    assert kg.KnowledgeGraph is KnowledgeGraph
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        kg.Nope


def test_partial_dates_become_periods_and_mixed_dates_stay_text():
    from kg.api import KnowledgeGraph as KG
    from kg.store import Store

    xsd = "http://www.w3.org/2001/XMLSchema#"
    store, p, gr = Store(), ox.NamedNode("http://example.org/d"), ox.NamedNode("http://example.org/g")
    for i, (value, dtype) in enumerate([("2022-12", "gYearMonth"), ("2023-01", "gYearMonth"), ("2021", "gYear")]):
        store.load([ox.Quad(ox.NamedNode(f"http://example.org/{i}"), p, ox.Literal(value, datatype=ox.NamedNode(xsd + dtype)), gr)])
    kg = KG(store)
    months = kg.query("SELECT ?s ?d WHERE { ?s <http://example.org/d> ?d FILTER(DATATYPE(?d) = xsd:gYearMonth) } ORDER BY ?d")
    assert str(months["d"].dtype) == "period[M]" and months["d"][0] == pd.Period("2022-12", freq="M")
    years = kg.query("SELECT ?d WHERE { ?s <http://example.org/d> ?d FILTER(DATATYPE(?d) = xsd:gYear) }")
    assert str(years["d"].dtype).startswith("period[") and years["d"][0].year == 2021
    mixed = kg.query("SELECT ?d WHERE { ?s <http://example.org/d> ?d } ORDER BY ?d")
    assert mixed["d"].tolist() == ["2021", "2022-12", "2023-01"]


def test_query_binds_parameters_as_values(g):
    df = g.query("SELECT ?e ?who WHERE { ?e dip:participant/rdfs:label ?who }", who="Xi Jinping")
    assert len(df) > 0 and set(df["who"]) == {"Xi Jinping"}
    day = g.query("SELECT ?e ?d WHERE { ?e dip:date ?d }", d=dt.date(2022, 12, 30))
    assert len(day) > 0 and (day["d"] == pd.Timestamp("2022-12-30")).all()
    # a parameter the query filters on without returning it is bound too
    not_projected = g.query("SELECT DISTINCT ?e WHERE { ?e dip:participant/rdfs:label ?n FILTER(LCASE(?n) = LCASE(?who)) }",
                            who="XI JINPING")
    assert set(not_projected["e"]) == set(df["e"])
    with pytest.raises(InputError, match="no variable [?]nobody"):
        g.query("SELECT ?e WHERE { ?e rdfs:label ?who }", nobody="x")
    with pytest.raises(InputError, match="cannot bind"):
        g.query("SELECT ?e ?who WHERE { ?e rdfs:label ?who }", who=object())


def test_query_runs_a_canned_query_by_name_with_defaults_and_parameters(g):
    everything = g.query("evidence")  # its parameter ?event defaults to "": every event
    call = g.query("evidence", event="2022-12-30")
    assert 0 < len(call) < len(everything)
    assert call["name"].str.contains("2022-12-30").all() and call["start"].dtype == "int64"
    assert g.query("evidence", event='2022-12-30" } ; DROP ALL ; #').empty


def test_parameters_reach_the_subqueries_of_a_canned_query(g, seeds_output):
    """timeline.rq finds its two people in sub-queries: the API binds them there, as the CLI does."""
    from kg.query import execute, load_query
    from kg.store import open_built

    contacts = g.query("timeline")  # defaults: Vladimir Putin and Xi Jinping
    assert {"2022-12-30", "2025-01-21"} <= set(contacts["date"])
    cli_rows = list(execute(open_built(seeds_output), load_query("timeline")))
    assert len(contacts) == len(cli_rows)
    assert g.query("timeline", person2="Xi Jinping", person1="xi jinping").empty  # one person is no pair
    assert set(g.query("entity-articles", entity="xi")["label"]) == {"Xi Jinping"}


def test_query_runs_a_query_file_by_path(g, tmp_path):
    rq = tmp_path / "people.rq"
    rq.write_text("SELECT ?p ?label WHERE { ?p a dip:Person ; rdfs:label ?label } ORDER BY ?label", encoding="utf-8")
    people = g.query(str(rq))
    assert "Xi Jinping" in set(people["label"])
    with pytest.raises(KgError, match="syntax"):
        g.query("SELECT ?x WHERE { ?x ")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_is_just_a_name_that_matches_nothing(g, name):
    before = len(g.store)
    assert g.events(participant=name).empty
    assert g.events(participant=["Vladimir Putin", name]).empty
    assert g.query("SELECT ?e ?who WHERE { ?e dip:participant/rdfs:label ?who }", who=name).empty
    assert g.query("SELECT ?e WHERE { ?e dip:participant/rdfs:label ?n FILTER(STR(?n) = ?who) }", who=name).empty
    with pytest.raises(KgError, match="no entity"):
        g.entity(name)
    with pytest.raises(InputError, match="unknown event kind"):
        g.events(kind=name)
    with pytest.raises(InputError, match="not a date"):
        g.events(between=(name, None))
    assert len(g.store) == before
    assert len(g.events(participant="Xi Jinping")) > 0  # the graph is intact


# ---------------------------------------------------------------- events / entity

def test_putin_xi_contacts_include_the_2022_12_30_video_call(g):
    contacts = g.events(participant=PUTIN_XI)
    call = contacts[contacts["date"] == "2022-12-30"]
    assert "VideoConference" in set(call["type"])
    assert all(set(PUTIN_XI) <= set(p) for p in contacts["participants"])
    assert contacts["start"].dropna().is_monotonic_increasing
    assert call["start"].iloc[0] == pd.Timestamp("2022-12-30") and call["precision"].iloc[0] == "day"
    assert all(len(a) >= 1 for a in contacts["articles"])


def test_events_filter_by_kind_with_subclasses_and_by_overlapping_dates(g):
    meetings = g.events(participant="xi jinping", kind="Meeting")
    assert {"VideoConference"} <= set(meetings["type"]) <= {"Meeting", "VideoConference", "PhoneCall"}
    assert set(g.events(kind="video conference")["type"]) == {"VideoConference"}
    dec = g.events(participant=PUTIN_XI, between=("2022-12", "2022-12"))
    assert "2022-12-30" in set(dec["date"])
    assert all(d.startswith("2022") for d in dec["date"])  # a day, the month, or the year 2022
    assert g.events(participant=PUTIN_XI, between=(dt.date(2023, 1, 1), None))["date"].map(lambda d: d[:4] >= "2023").all()
    with pytest.raises(InputError, match="after"):
        g.events(between=("2023", "2022"))


def test_entity_by_label_or_alias_in_any_case(g):
    xi = g.entity("Xi Jinping")
    assert xi.type == "Person" and "China" in xi.represents and xi.label == "Xi Jinping"
    assert "2022-12-30" in set(xi.events["date"])
    assert g.entity("XI JINPING").iri == xi.iri
    assert xi.aliases and all(a != xi.label for a in xi.aliases)
    alias = max(xi.aliases, key=len)
    assert g.entity(alias.lower()).iri == xi.iri
    china = g.entity("China")
    assert china.type == "Country" and china.wikidata == "Q148"


# ---------------------------------------------------------------- networkx

def test_to_networkx_supports_the_usual_analytics(g):
    G = g.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    events = [n for n, d in G.nodes(data=True) if d["kind"] == "event"]
    assert len(events) == event_count(g)
    xi, putin = g.entity("Xi Jinping").iri, g.entity("Vladimir Putin").iri
    assert G.nodes[xi]["type"] == "Person" and G.nodes[xi]["label"] == "Xi Jinping"
    assert {d["predicate"] for *_, d in G.edges(data=True)} >= {"participant", "represents"}
    assert any(G.nodes[e].get("date") == "2022-12-30" for e in events)
    U = g.to_networkx(multigraph=False)
    assert isinstance(U, nx.Graph) and not U.is_directed() and U.number_of_nodes() == G.number_of_nodes()
    degree, betweenness = nx.degree_centrality(U), nx.betweenness_centrality(U)
    assert degree[xi] > 0 and betweenness[xi] > 0
    assert len(nx.shortest_path(U, putin, xi)) == 3  # Putin - an event - Xi
    communities = nx.community.louvain_communities(U, seed=1)
    assert sum(len(c) for c in communities) == U.number_of_nodes()
    assert nx.degree_centrality(G)[xi] > 0


# ---------------------------------------------------------------- show / timeline

def test_show_returns_an_inline_iframe_and_writes_no_file(g, tmp_path, monkeypatch):
    from IPython.display import HTML

    monkeypatch.chdir(tmp_path)
    whole = g.show()
    only_xi = g.show(participant="Xi Jinping", height=400)
    assert isinstance(only_xi, HTML)
    for view in (whole, only_xi):
        assert "<iframe srcdoc=\"&lt;" in view.data and "<script" not in view.data  # the page is escaped
    assert "height: 400px" in only_xi.data and "Xi Jinping" in only_xi.data
    assert len(only_xi.data) < len(whole.data)
    assert list(tmp_path.iterdir()) == []
    assert g.show(participant="} ; DROP ALL").data.startswith("<div><iframe")  # an empty graph, not an error


def test_subgraph_holds_only_the_matching_events_and_their_neighbours(g):
    sub = KnowledgeGraph(g.subgraph_store(participant=PUTIN_XI))
    assert event_count(sub) >= len(g.events(participant=PUTIN_XI)) > 0
    assert sub.entity("Xi Jinping").represents == g.entity("Xi Jinping").represents
    assert event_count(sub) < event_count(g)


def test_timeline_places_partial_dates_at_their_first_day(g):
    import matplotlib.pyplot as plt
    from matplotlib.collections import PathCollection
    from matplotlib.dates import num2date

    frame = g.events(participant=PUTIN_XI)
    ax = g.timeline(participant=PUTIN_XI)
    try:
        points = [num2date(x).date() for coll in ax.collections if isinstance(coll, PathCollection)
                  for x, _ in coll.get_offsets() if coll.get_offsets().size]
        assert dt.date(2022, 12, 30) in points
        assert len(points) == frame["start"].notna().sum()
        for date in frame["date"].dropna():
            first = pd.Period(date, freq={10: "D", 7: "M", 4: "Y"}[len(date)]).start_time.date()
            assert first in points
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert "exact day" in legend
        partial = frame["precision"].isin(["month", "year"]).any()
        assert ("month only (placed at its 1st day)" in legend) == (frame["precision"] == "month").any()
        assert ("the month or year such a date covers" in legend) == partial
        assert "Vladimir Putin" in ax.get_title()
    finally:
        plt.close(ax.figure)
