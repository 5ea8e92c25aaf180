"""``kg query``: canned queries on the seeds graph, parameters, formats and errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from kg.cli import main
from kg.errors import InputError, KgError
from kg.query import bind_values, canned, execute, load_query, parse_query, run_query
from kg.store import Store, open_built

COLUMNS = {
    "timeline": ["date", "type", "event", "location", "planned", "articles"],
    "who-met-whom": ["person1", "person2", "meetings", "first", "last"],
    "events-by-year": ["year", "type", "events"],
    "agreements": ["date", "agreement", "parties", "location"],
    "multi-source": ["event", "date", "articles", "publishers", "files"],
    "evidence": ["name", "file", "start", "end", "evidence"],
    "officials": ["represents", "person", "roles"],
    "summits": ["date", "summit", "sidelineDate", "sideline"],
    "planned": ["date", "type", "event", "file", "published"],
    "entity-articles": ["label", "file", "published", "title", "events"],
}


def _rows(out, name, *params):
    text = run_query(out, name, "csv", list(params))
    return list(csv.DictReader(io.StringIO(text)))


def test_every_canned_query_is_documented_and_listed():
    assert set(canned()) == set(COLUMNS)
    for name, path in canned().items():
        q = parse_query(path.read_text(encoding="utf-8"), path.name)
        assert q.doc.startswith(f"{name}: "), f"{path.name} must open with a comment saying what it answers"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_canned_query_returns_rows_with_its_columns(seeds_output, name):
    text = run_query(seeds_output, name, "csv")
    reader = csv.reader(io.StringIO(text))
    assert next(reader) == COLUMNS[name]
    assert list(reader), f"{name} returned no rows on the seeds graph"


def test_timeline_has_the_video_call_of_2022_12_30(seeds_output):
    rows = _rows(seeds_output, "timeline")
    assert any(r["date"] == "2022-12-30" for r in rows)
    assert [r["date"] for r in rows if r["date"]] == sorted(r["date"] for r in rows if r["date"])


def test_timeline_parameters_name_the_people(seeds_output):
    swapped = _rows(seeds_output, "timeline", "person1=Xi Jinping", "person2=vladimir putin")
    assert swapped == _rows(seeds_output, "timeline")
    assert _rows(seeds_output, "timeline", 'person2=Nobody "} UNION { ?s ?p ?o }') == []


def test_who_met_whom_counts_putin_and_xi(seeds_output):
    rows = _rows(seeds_output, "who-met-whom")
    pair = [r for r in rows if {r["person1"], r["person2"]} == {"Vladimir Putin", "Xi Jinping"}]
    assert pair and int(pair[0]["meetings"]) >= 2


def test_officials_include_putin_for_russia(seeds_output):
    assert {"represents": "Russia", "person": "Vladimir Putin"}.items() <= \
        next(r for r in _rows(seeds_output, "officials") if r["person"] == "Vladimir Putin").items()


def test_entity_articles_parameter(seeds_output):
    rows = _rows(seeds_output, "entity-articles", "entity=putin")
    assert rows and {r["label"] for r in rows} == {"Vladimir Putin"}


@pytest.mark.parametrize("name", ["Vladimir Putin", "xi", "Russia", "moscow"])
def test_entity_articles_counts_each_articles_events_with_the_entity(seeds_output, name):
    """Each article that mentions the entity, with the events it reports the entity taking part
    in: the same as looking them up one by one (any kind of entity, any case, any of its names)."""
    store = open_built(seeds_output)
    rows = _rows(seeds_output, "entity-articles", f"entity={name}")
    assert rows, f"no article mentions {name}"
    for row in rows:
        [(x, article)] = [(r["x"], r["a"]) for r in store.query(
            f'SELECT ?x ?a WHERE {{ ?x rdfs:label "{row["label"]}" . ?a dip:sourceFile "{row["file"]}" ; dip:mentions ?x }}')]
        events = {r["e"] for r in store.query(
            f"SELECT ?e WHERE {{ ?e dip:reportedIn {article} ; dip:participant {x} }}")}
        assert int(row["events"]) == len(events), row
    if name in ("Vladimir Putin", "xi"):
        assert any(int(r["events"]) for r in rows), "the leaders' calls are counted"


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_parameter_values_are_data_never_syntax(value):
    store = Store()
    q = parse_query('# param ?v = "x"\nSELECT ?v WHERE { }', "t.rq")
    rows = list(store.ox.query(bind_values(q, {"v": value})))
    assert [r["v"].value for r in rows] == [value]


def test_formats(seeds_output):
    data = json.loads(run_query(seeds_output, "events-by-year", "json"))
    assert data["head"]["vars"] == COLUMNS["events-by-year"]
    assert data["results"]["bindings"][0]["events"]["datatype"].endswith("#integer")
    tsv = run_query(seeds_output, "events-by-year", "tsv").splitlines()
    assert tsv[0].split("\t") == COLUMNS["events-by-year"]
    table = run_query(seeds_output, "events-by-year", "table").splitlines()
    assert table[0].split() == COLUMNS["events-by-year"] and table[-1].endswith("rows)")


def test_query_string_and_rq_file(seeds_output, tmp_path):
    path = tmp_path / "n.rq"
    path.write_text("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a dip:Article }", encoding="utf-8")
    assert run_query(seeds_output, str(path), "csv").splitlines() == ["n", "5"]
    assert run_query(seeds_output, "ASK { ?a a dip:Article }") == "true\n"


def test_syntax_error_names_the_line(seeds_output):
    with pytest.raises(KgError, match=r"at line 4, column 1: expected .*\n  }\n  \^$"):
        run_query(seeds_output, "SELECT ?x\nWHERE {\n  ?x ?y\n}")
    with pytest.raises(KgError, match=r"line 2, column \d+: unknown prefix"):
        run_query(seeds_output, "SELECT ?x WHERE {\n  ?x foo:bar ?z }")


def test_cli_reports_errors_without_traceback(seeds_output, tmp_path, capsys):
    assert main(["query", "SELECT ?x WHERE { ?x ?y", "--out", str(seeds_output)]) == 2
    assert "SPARQL syntax error" in capsys.readouterr().err
    assert main(["query", "no-such-query", "--out", str(seeds_output)]) == 2
    assert "canned queries: agreements" in capsys.readouterr().err
    assert main(["query", "timeline", "--param", "nope=1", "--out", str(seeds_output)]) == 2
    assert "has no parameter 'nope'" in capsys.readouterr().err
    assert main(["query", "timeline", "--out", str(tmp_path)]) == 2
    assert "kg build" in capsys.readouterr().err


def test_cli_prints_a_table(seeds_output, capsys):
    assert main(["query", "timeline", "--out", str(seeds_output)]) == 0
    out = capsys.readouterr().out
    assert out.split("\n", 1)[0].split() == COLUMNS["timeline"] and "2022-12-30" in out


def test_param_needs_name_and_value():
    with pytest.raises(InputError, match="name=value"):
        execute(Store(), load_query("timeline"), ["person1"])


def test_kg_query_without_a_query_lists_the_canned_ones(capsys):
    assert main(["query"]) == 0
    out = capsys.readouterr().out
    for name in COLUMNS:
        assert f"\n{name} " in f"\n{out}"
    assert '--param person1="Vladimir Putin" --param person2="Xi Jinping"' in out
