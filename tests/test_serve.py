"""``kg serve`` (the oxigraph server over the built store) and ``kg push`` (Graph Store Protocol),
against real servers started on free ports and stopped by their PIDs."""
from __future__ import annotations

import os
import shutil
import subprocess
import urllib.error

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import main
from kg.push import ARTICLE_GRAPHS, MANIFEST
from kg.serve import base_url, command, free_port, start, stop
from kg.store import Store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count_over_http(url: str, query: str = COUNT) -> int:
    sw = SPARQLWrapper(f"{url}/query")
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    return int(sw.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def _trig_count(path, query: str = COUNT) -> int:
    store = ox.Store()
    with open(path, "rb") as fh:
        store.load(fh, format=ox.RdfFormat.TRIG)
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


@pytest.fixture
def server(seeds_output):
    bind = f"127.0.0.1:{free_port()}"
    proc = start(seeds_output / "store", bind)
    yield base_url(bind)
    stop(proc)
    assert proc.poll() is not None


def test_command_is_read_only_on_localhost_with_the_union_default_graph(tmp_path):
    cmd = command(tmp_path, "127.0.0.1:9999")
    assert cmd[1:] == ["serve-read-only", "--location", str(tmp_path), "--bind", "127.0.0.1:9999", "--union-default-graph"]
    assert command(tmp_path, writable=True)[1] == "serve"


def test_endpoint_count_equals_the_exported_trig(server, seeds_output):
    n = _count_over_http(server)
    assert n == _trig_count(seeds_output / "kg.trig") and n > 100
    meetings = ("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                "<https://w3id.org/dipkg/ontology#Meeting> }")
    assert _count_over_http(server, meetings) == _trig_count(seeds_output / "kg.trig", meetings) > 0


def test_read_only_endpoint_refuses_updates(server):
    sw = SPARQLWrapper(f"{server}/update")
    sw.setMethod("POST")
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError, match="403"):
        sw.query()


def test_serve_without_a_build_is_a_clear_error(tmp_path, capsys):
    assert main(["serve", "--out", str(tmp_path)]) == 2
    assert "kg build" in capsys.readouterr().err


def test_push_replaces_graphs_and_deletes_those_of_removed_articles(seeds_output, tmp_path, capsys):
    bind = f"127.0.0.1:{free_port()}"
    proc = start(tmp_path / "remote", bind, writable=True)
    url = base_url(bind)
    try:
        assert main(["push", "--endpoint", f"{url}/store", "--out", str(seeds_output)]) == 0
        manifest_size = len(Store(seeds_output / "store", read_only=True).graphs())  # one triple per graph
        assert f"pushed {manifest_size} graphs" in capsys.readouterr().out
        n = _trig_count(seeds_output / "kg.trig")
        graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), '%s')) }"
        assert _count_over_http(url) == n + manifest_size
        assert _count_over_http(url, graphs % ARTICLE_GRAPHS) == 5
        # pushing again replaces, never duplicates
        assert main(["push", "--endpoint", f"{url}/store", "--out", str(seeds_output)]) == 0
        assert _count_over_http(url) == n + manifest_size
        # a later build without one article: its graph is deleted from the endpoint
        smaller = Store()
        smaller.load_trig(seeds_output / "kg.trig")
        gone = smaller.graphs()[0] if smaller.graphs()[0].value.startswith(ARTICLE_GRAPHS) else smaller.graphs()[1]
        smaller.drop_graph(gone)
        (tmp_path / "out2").mkdir()
        smaller.dump_trig(tmp_path / "out2" / "kg.trig")
        assert main(["push", "--endpoint", f"{url}/store", "--out", str(tmp_path / "out2")]) == 0
        assert "deleted 1 graph of articles no longer built" in capsys.readouterr().out
        assert _count_over_http(url, graphs % ARTICLE_GRAPHS) == 4
        assert _count_over_http(url) == _trig_count(tmp_path / "out2" / "kg.trig") + manifest_size - 1
        assert _count_over_http(url, graphs % MANIFEST) == 1
    finally:
        stop(proc)


def test_push_to_nowhere_is_a_clear_error(seeds_output, capsys):
    port = free_port()
    assert main(["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--out", str(seeds_output)]) == 2
    assert "cannot reach the Graph Store" in capsys.readouterr().err
    assert main(["push", "--endpoint", "ftp://x/store", "--out", str(seeds_output)]) == 2


def test_kg_serve_follows_a_new_build(tmp_path):
    """`kg serve` (read-only) keeps answering while a build runs, and serves the new graph after."""
    import signal
    import sys
    import time

    from kg.build import build

    from conftest import ROOT, SEEDS

    src = tmp_path / "in"
    src.mkdir()
    first = sorted(SEEDS.glob("*.txt"))
    shutil.copy(first[0], src)
    out = tmp_path / "out"
    build(src, out, html=False)
    bind = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--out", str(out), "--bind", bind],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        url = base_url(bind)
        deadline = time.monotonic() + 30
        while True:
            try:
                before = _count_over_http(url)
                break
            except Exception:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.2)
        assert before == _trig_count(out / "kg.trig")
        shutil.copy(first[1], src)
        build(src, out, html=False)
        after = _trig_count(out / "kg.trig")
        deadline = time.monotonic() + 30
        while True:
            try:
                if _count_over_http(url) == after:
                    break
            except Exception:
                pass  # restarting
            assert time.monotonic() < deadline, "kg serve did not switch to the new build"
            time.sleep(0.2)
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        stdout, _ = proc.communicate(timeout=30)
    assert b"restarting on it" in stdout
    assert not list(tmp_path.glob(".out.serve-*")), "kg serve left its snapshot behind"
