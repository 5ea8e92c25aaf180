"""The HTML page without a browser: what it contains, what it leaves out, how the data is escaped."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from kg.export.html import core_nodes, graph_elements, render_html, write_html
from kg.graph import dataset_quads
from kg.store import Store

try:  # tests/ as a package, or as a folder on sys.path
    from .html_data import DRAWN, XSS_ALIAS, XSS_NAME, XSS_PLACE, XSS_SENTENCE, XSS_TITLE, big_dataset, hostile_store
except ImportError:
    from html_data import DRAWN, XSS_ALIAS, XSS_NAME, XSS_PLACE, XSS_SENTENCE, XSS_TITLE, big_dataset, hostile_store



def _data(page: str) -> dict:
    m = re.search(r'<script id="dipkg-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def store() -> Store:
    return hostile_store()


@pytest.fixture(scope="module")
def page(store) -> str:
    return render_html(store)


def test_elements_are_what_the_store_says(store):
    data = graph_elements(store)
    assert len(data["nodes"]) == int(next(iter(store.query(DRAWN)))["c"].value) == 9
    by_kind = {n["kind"]: n for n in data["nodes"]}
    meeting = by_kind["Meeting"]
    assert meeting["label"] == "Meeting · 2023-03-21"
    assert by_kind["Summit"]["label"] == "SCO summit · 2024"
    assert meeting["confidence"] == pytest.approx(0.9)
    assert [data["articles"][r["article"]]["file"] for r in meeting["reports"]] == ["a1.txt", "a2.txt"]
    assert all(r["evidence"] == [XSS_SENTENCE] for r in meeting["reports"])
    a1 = next(a for a in data["articles"].values() if a["file"] == "a1.txt")
    assert (a1["title"], a1["published"]) == (XSS_TITLE, "2023-03-22")
    rels = {(e["from"].rsplit("/", 1)[-1], e["rel"], e["to"].rsplit("/", 1)[-1]) for e in data["edges"]}
    assert {("meeting-2023-03-21", "location", "moscow"), ("meeting-2023-03-21", "participant", "xi"),
            ("xi", "represents", "china"), ("moscow", "country", "russia")} <= rels
    evil = next(n for n in data["nodes"] if n["kind"] == "Person" and n["name"] == XSS_NAME)
    assert XSS_ALIAS in evil["aliases"]
    assert set(data["layout"]["core"]) == {n["id"] for n in data["nodes"]}


def test_page_is_self_contained_and_writes_nothing(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = render_html(store)
    assert list(tmp_path.iterdir()) == []
    assert "vis-network" in page and "new vis.Network" in page
    assert not re.search(r"""<(link|script|img|iframe)[^>]+(href|src)\s*=\s*["']?(https?:)?//""", page, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert not re.search(r"url\((?!\s*[\"']?data:)", styles)  # no stylesheet, font or image from elsewhere


def test_article_text_cannot_escape_the_json(page):
    for hostile in (XSS_NAME, XSS_ALIAS, XSS_TITLE, XSS_SENTENCE, XSS_PLACE):
        assert hostile not in page
    data_part = re.search(r'type="application/json">(.*?)</script>', page, re.S).group(1)
    assert not re.search(r"[<>&]", data_part)
    data = _data(page)
    names = {n["name"] for n in data["nodes"]}
    assert XSS_NAME in names and XSS_PLACE in names  # the JSON decodes back to the exact strings
    assert XSS_TITLE in {a["title"] for a in data["articles"].values()}


def test_only_the_page_scripts_may_run(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for s in scripts:
        digest = base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert "default-src 'none'" in csp


def test_render_accepts_elements_and_pyoxigraph_store(store):
    data = graph_elements(store, layout=False)
    from_dict = _data(render_html(data, title="T <x>"))
    assert len(from_dict["nodes"]) == 9 and from_dict["title"] == "T <x>"
    assert from_dict["layout"]["core"]  # positions added when missing
    assert len(_data(render_html(store.ox))["nodes"]) == 9
    with pytest.raises(TypeError):
        render_html(42)


def test_write_html(store, tmp_path):
    path = write_html(store, tmp_path / "g.html")
    assert path == tmp_path / "g.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]


def test_large_graph_default_view_is_bounded():
    store = Store()
    store.load(dataset_quads(*big_dataset()))
    data = graph_elements(store, max_nodes=100)
    assert len(data["nodes"]) > 500
    core = set(data["core"])
    assert 50 <= len(core) <= 100
    events = [n for n in data["nodes"] if n["kind"] == "Meeting" and n["name"].startswith("Meeting")]
    best = max(len(n["reports"]) for n in events)
    in_core = [n for n in events if n["id"] in core]
    assert in_core and all(len(n["reports"]) == best for n in in_core)  # the best-attested first
    for n in in_core:  # with their participants
        assert {e["to"] for e in data["edges"] if e["from"] == n["id"]} <= core
    assert data["layout"]["all"] is None and set(data["layout"]["core"]) == core
    assert core_nodes(data, max_nodes=10_000) == sorted(n["id"] for n in data["nodes"])
