"""Incremental builds: only new and changed articles are extracted, and the result is exactly
the graph a build from scratch gives."""
from __future__ import annotations

import shutil

import pyoxigraph as ox

from kg.build import build
from kg.cache import FINGERPRINT_GLOBS, ROOT, fingerprint
from kg.store import open_built

from conftest import copy_seeds


def _store_quads(out) -> set:
    return set(open_built(out).ox)


def test_incremental_build_equals_a_full_build(tmp_path):
    src = tmp_path / "in"
    files = copy_seeds(src)
    out = tmp_path / "out"
    first = build(src, out, html=False)
    assert first.extracted == len(files)

    again = build(src, out, html=False)  # nothing changed: nothing extracted or rewritten
    assert (again.extracted, again.graphs_written, again.graphs_dropped) == (0, 0, 0)
    assert "extracted       0" in again.summary()

    changed, deleted = files[0], files[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("the", "that", 3), encoding="utf-8")
    deleted.unlink()
    (src / "new_article.txt").write_text(files[2].read_text(encoding="utf-8").replace("said", "stated"),
                                         encoding="utf-8")
    inc = build(src, out, html=False)
    assert inc.extracted == 2 and inc.graphs_dropped == 1 and inc.graphs_written >= 2

    full = build(src, tmp_path / "full", html=False)
    assert full.extracted == len(files)
    assert (out / "kg.trig").read_bytes() == (tmp_path / "full" / "kg.trig").read_bytes()
    assert _store_quads(out) == _store_quads(tmp_path / "full")
    assert inc.violations == full.violations
    assert {g.value.rsplit("/", 1)[-1] for g in open_built(out).graphs()} >= {"new_article", changed.stem}
    # the cache keeps exactly the entries of the articles of the last build
    assert len(list((out / "cache").glob("*.pickle"))) == len(list(src.glob("*.txt")))


def test_a_store_changed_behind_the_builds_back_is_reloaded(tmp_path):
    src = tmp_path / "in"
    copy_seeds(src)
    out = tmp_path / "out"
    build(src, out, html=False)
    expected = _store_quads(out)
    store = ox.Store(str(out / "store"))
    store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.Literal("stray"), ox.NamedNode("urn:g")))
    del store
    result = build(src, out, html=False)
    assert result.extracted == 0
    assert _store_quads(out) == expected


def test_a_build_of_what_was_built_last_keeps_the_output_as_it_is(tmp_path):
    src = tmp_path / "in"
    files = copy_seeds(src)
    out = tmp_path / "out"
    first = build(src, out, html=False)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = build(src, out, html=False)
    assert again.unchanged and not first.unchanged
    assert (again.articles, again.entities, again.events, again.triples, again.violations) == \
        (first.articles, first.entities, first.events, first.triples, first.violations)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps  # not a file touched
    assert "output is kept as it is" in again.summary()
    # another option, another file name or another text: built again
    assert not build(src, out, html=True).unchanged and (out / "graph.html").exists()
    files[0].rename(src / "renamed.txt")
    assert not build(src, out, html=True).unchanged
    assert build(src, out, html=True).unchanged
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert not build(src, out, html=True).unchanged


def test_fingerprint_changes_with_the_extractor(tmp_path):
    for pattern in FINGERPRINT_GLOBS:
        for p in ROOT.glob(pattern):
            if p.is_file():
                dst = tmp_path / p.relative_to(ROOT)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(p, dst)
    before = fingerprint(root=tmp_path)
    assert before == fingerprint(root=tmp_path)
    rules = tmp_path / "ontology" / "triggers.json"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(root=tmp_path) != before
    assert fingerprint("some_model", root=tmp_path) != fingerprint(root=tmp_path)
