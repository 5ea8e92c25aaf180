"""The page of a resident build, patched rather than read again: after each change to the store (an
article added, deleted, rewritten, or only its date and title changed; a relation, a type, a whole
node removed) the elements an ElementsMemo patches are those graph_elements reads from scratch, and
the page is the same, byte for byte."""
from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build as kb
from kg.build import build
from kg.export.elements import ElementsMemo
from kg.export.html import graph_elements, render_html
from kg.graph import dataset_quads
from kg.store import PREFIXES, Store, open_built
from kg.vocab import GRAPH
from kg.warm import Warm

from conftest import ROOT, shared_path

try:  # tests/ as a package, or as a folder on sys.path
    from .html_data import big_dataset, hostile_dataset
except ImportError:
    from html_data import big_dataset, hostile_dataset

HELDOUT = ROOT / "tests" / "data" / "heldout"
DIP, RES, GRAPHS = PREFIXES["dip"], PREFIXES["res"], str(GRAPH)


def _copy(src: Path, dst: Path, names: list[str] | None = None) -> list[Path]:
    """Copy the articles of ``src`` (those named, or all) and their sidecars into ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for p in sorted(src.glob("*.txt")):
        if names is None or p.name in names:
            shutil.copy(p, dst / p.name)
            if p.with_suffix(".meta.json").exists():
                shutil.copy(p.with_suffix(".meta.json"), dst / p.with_suffix(".meta.json").name)
            out.append(dst / p.name)
    return out


class Resident:
    """Real builds of one folder with one Warm, as ``kg build --watch`` runs them: each writes its
    page through the Warm's ElementsMemo, given the IRIs its changes to the store touched (recorded
    here, from write_store, to tell patched pages from pages read whole)."""

    def __init__(self, src: Path, out: Path, monkeypatch):
        self.src, self.out = src, out
        self.warm = Warm()
        self.touched: list[set[str] | None] = []
        write_store = kb.write_store

        def recording_write_store(*args, **kwargs):
            result = write_store(*args, **kwargs)
            self.touched.append(result[3])
            return result

        monkeypatch.setattr(kb, "write_store", recording_write_store)

    def build(self) -> dict:
        """Build, check the page the memo wrote against one from scratch, and return the elements."""
        result = build(self.src, self.out, warm=self.warm, validate=False, progress=False)
        assert not result.unchanged
        page = (self.out / "graph.html").read_text(encoding="utf-8")
        store = open_built(self.out)
        try:
            data = graph_elements(store)
            assert self.warm.elements.update(store, set()) == data
            assert page == render_html(store)
        finally:
            del store
            gc.collect()
        return data


def _shared_event(data: dict) -> list[str]:
    """The files of the articles reporting an event several report, in the order the page lists them."""
    node = next(n for n in data["nodes"] if len(n.get("reports", ())) > 1)
    return [data["articles"][r["article"]]["file"] for r in node["reports"]]


def _set_meta(article: Path, **fields) -> None:
    sidecar = article.with_suffix(".meta.json")
    meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    sidecar.write_text(json.dumps({**meta, **fields}), encoding="utf-8")


def test_resident_builds_write_the_page_a_fresh_build_writes(tmp_path, monkeypatch):
    src = tmp_path / "in"
    _copy(HELDOUT / "a", src)
    resident = Resident(src, tmp_path / "out", monkeypatch)
    data = resident.build()
    assert resident.touched == [None]

    _copy(HELDOUT / "b", src, names=[sorted(p.name for p in (HELDOUT / "b").glob("*.txt"))[0]])  # one more article
    data = resident.build()
    assert resident.touched[-1]

    # only the sidecar of an article changes (its date also moves the dates its text gives relatively)
    files = _shared_event(data)
    _set_meta(src / files[-1], published="2010-01-04", title="Moved to the front")
    data = resident.build()
    assert "Moved to the front" in {a["title"] for a in data["articles"].values()}

    # an article's text changes
    article = src / files[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n\nOn 3 May 2023 Russian Foreign Minister Sergei "
                       "Lavrov met Chinese Foreign Minister Qin Gang in Goa.\n", encoding="utf-8")
    resident.build()

    # an article goes: its reports go, and the entities only it linked
    article.unlink()
    article.with_suffix(".meta.json").unlink(missing_ok=True)
    data = resident.build()
    assert files[0] not in {a["file"] for a in data["articles"].values()}
    assert all(t is not None for t in resident.touched[1:])


def test_resident_builds_of_the_dev_corpus(tmp_path, monkeypatch):
    dev = shared_path("corpus", "dev")
    names = sorted(p.name for p in dev.glob("*.txt"))
    src = tmp_path / "in"
    _copy(dev, src, names=names[: len(names) // 2])
    resident = Resident(src, tmp_path / "out", monkeypatch)
    resident.build()
    for name in names[len(names) // 2:][:4]:  # articles added one by one, then one deleted
        _copy(dev, src, names=[name])
        resident.build()
    (src / names[0]).unlink()
    resident.build()
    assert all(t is not None for t in resident.touched[1:])


# ---------------------------------------------------------------- changes made by hand to a store


def _change(store: Store, remove=(), add=()) -> set[str]:
    """Remove and add statements as a build does; returns the IRIs they touch (kg.build's rule)."""
    remove = [q for q in remove if q in store.ox]
    for q in remove:
        store.ox.remove(q)
    store.load(add)
    return kb._nodes(remove) | kb._nodes(add)


def _same(memo: ElementsMemo, store: Store, touched: set[str] | None, max_nodes: int = 300) -> dict:
    """The memo's patched elements and page are those of the store read from scratch."""
    data = memo.update(store, touched, max_nodes)
    assert data == graph_elements(store, max_nodes)
    assert render_html(data, fragments=memo.fragments) == render_html(store, max_nodes=max_nodes)
    return data


def _quads(store: Store, s=None, p=None, o=None) -> list[ox.Quad]:
    """The statements matching the pattern (IRIs as strings or terms, None for any)."""
    s, p, o = (ox.NamedNode(x) if isinstance(x, str) else x for x in (s, p, o))
    return list(store.ox.quads_for_pattern(s, p, o, None))


def _node(data: dict, iri: str) -> dict | None:
    return next((n for n in data["nodes"] if n["id"] == iri), None)


@pytest.fixture
def small() -> tuple[Store, ElementsMemo]:
    store = Store()
    store.load(dataset_quads(*hostile_dataset()))
    memo = ElementsMemo()
    _same(memo, store, None)
    return store, memo


def test_an_entity_goes_with_its_last_relation(small):
    store, memo = small
    sco = RES + "organization/sco"
    assert _node(_same(memo, store, set()), sco) is not None
    data = _same(memo, store, _change(store, remove=_quads(store, None, DIP + "participant", sco)))
    assert _node(data, sco) is None
    data = _same(memo, store, _change(store, add=[ox.Quad(ox.NamedNode(RES + "event/summit-2024"),
                                                          ox.NamedNode(DIP + "participant"), ox.NamedNode(sco))]))
    assert _node(data, sco) is not None


def test_an_article_date_reorders_reports_it_does_not_touch(small):
    store, memo = small
    meeting, a1 = RES + "event/meeting-2023-03-21", RES + "article/a1"
    before = [r["article"] for r in _node(_same(memo, store, set()), meeting)["reports"]]
    old = _quads(store, a1, DIP + "published")
    new = [ox.Quad(q.subject, q.predicate, ox.Literal("2023-03-24", datatype=q.object.datatype), q.graph_name)
           for q in old]
    touched = _change(store, remove=old, add=new)
    assert meeting not in touched
    data = _same(memo, store, touched)
    assert [r["article"] for r in _node(data, meeting)["reports"]] == before[::-1]


def test_a_node_typed_twice_and_a_node_deleted(small):
    store, memo = small
    call, graph = ox.NamedNode(RES + "event/call-2022-06"), ox.NamedNode(GRAPHS + "events")
    a = ox.NamedNode(PREFIXES["rdf"] + "type")
    for kind in ("Meeting", "Event"):
        data = _same(memo, store, _change(store, add=[ox.Quad(call, a, ox.NamedNode(DIP + kind), graph)]))
        assert _node(data, call.value)["kind"] == "PhoneCall"  # the most specific of its types
    data = _same(memo, store, _change(store, remove=_quads(store, call) + _quads(store, None, None, call)))
    assert _node(data, call.value) is None


def test_a_whole_article_dropped_from_a_large_graph():
    store = Store()
    store.load(dataset_quads(*big_dataset()))
    memo = ElementsMemo()
    first = _same(memo, store, None, max_nodes=100)
    assert len(first["nodes"]) > 100 and first["layout"]["all"] is None
    a2 = ox.NamedNode(GRAPHS + "article/a2")
    data = _same(memo, store, _change(store, remove=list(store.ox.quads_for_pattern(None, None, None, a2))),
                 max_nodes=100)
    assert data["core"] != first["core"]
    # positions are remembered for the same view only: the same view again costs no layout
    assert _same(memo, store, set(), max_nodes=100)["layout"]["core"] is data["layout"]["core"]


def test_no_iri_is_read_from_scratch(small):
    store, memo = small
    assert _same(memo, store, {"not an IRI> } ; DROP ALL"})["articleCount"] == 2


def test_a_node_untyped_takes_its_edges_along(small):
    store, memo = small
    moscow = RES + "place/moscow"
    typed = _quads(store, moscow, PREFIXES["rdf"] + "type")
    data = _same(memo, store, _change(store, remove=typed))
    assert _node(data, moscow) is None and not any(moscow in (e["from"], e["to"]) for e in data["edges"])
    data = _same(memo, store, _change(store, add=typed))
    assert {e["rel"] for e in data["edges"] if moscow in (e["from"], e["to"])} == {"location", "country"}


def test_the_same_nodes_with_other_edges_are_laid_out_again(small):
    store, memo = small
    before = _same(memo, store, set())
    data = _same(memo, store, _change(store, remove=_quads(store, RES + "place/moscow", DIP + "country")))
    assert data["core"] == before["core"] and data["layout"] != before["layout"]
