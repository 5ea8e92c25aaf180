"""Incremental builds: only new and changed articles are extracted, and the result is exactly
the graph a build from scratch gives."""
from __future__ import annotations

import dataclasses
import json
import shutil

import pyoxigraph as ox

from kg.build import article_keys, build, extract_records
from kg.cache import FINGERPRINT_GLOBS, ROOT, fingerprint
from kg.corpus import read_corpus
from kg.graph import EVENTS_GRAPH, dataset_rdf
from kg.resolve import merge_entities, merge_events
from kg.store import graph_digests, open_built, sort_quads
from kg.warm import Memo, Warm

from conftest import SEEDS, copy_seeds


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


def test_resident_builds_equal_full_builds_step_by_step(tmp_path):
    """A resident build patches its store from the statements it remembers (not read back), and
    takes the statements of unchanged articles, entities and events from memory: after each
    change its store, TriG and shape checks are those of a build from scratch."""
    src, out = tmp_path / "in", tmp_path / "out"
    files = copy_seeds(src)
    warm = Warm()
    build(src, out, html=False, warm=warm)

    def edit():
        files[0].write_text(files[0].read_text(encoding="utf-8").replace("the", "that", 3), encoding="utf-8")

    def add():
        (src / "new_article.txt").write_text(files[2].read_text(encoding="utf-8").replace("said", "stated"),
                                             encoding="utf-8")

    def sidecar():
        files[3].with_suffix(".meta.json").write_text(json.dumps({"title": "Another title", "published": "2025-01-22"}),
                                                      encoding="utf-8")

    for i, change in enumerate((edit, add, files[1].unlink, sidecar)):
        change()
        remembered = warm.dataset
        result = build(src, out, html=False, warm=warm)
        assert remembered is not None and warm.dataset is not remembered  # used, then renewed
        full = build(src, tmp_path / f"full{i}", html=False)
        assert (out / "kg.trig").read_bytes() == (tmp_path / f"full{i}" / "kg.trig").read_bytes()
        assert _store_quads(out) == _store_quads(tmp_path / f"full{i}")
        assert result.triples == full.triples == len(_store_quads(out))
        assert result.violations == full.violations
    assert any(key[0] == "objects" for key in warm.graphs)


def test_a_graph_made_subject_by_subject_is_in_trig_order():
    """The entities and events graphs are sorted subject by subject: the same order and digests as
    sorting them whole, also where one IRI begins another (an event key and its "-2")."""
    articles, _ = read_corpus(SEEDS)
    records = extract_records(articles, article_keys(articles, None), None, None, None)[0]
    entities = merge_entities(records)
    events = merge_events(records, entities)
    events.append(dataclasses.replace(events[0], key=events[0].key + "-2"))
    memo = Memo()
    for _ in range(2):  # made, then taken from the memo
        graphs, digests = dataset_rdf(records, entities, events, memo)
        memo.end_round()
        quads = graphs[EVENTS_GRAPH.value]
        assert quads == sort_quads(quads) and len(quads) == len(set(quads))
        assert digests == {g: graph_digests(qs)[g] for g, qs in graphs.items()}
        assert (graphs, digests) == dataset_rdf(records, entities, events)


def test_statements_are_made_again_when_an_object_they_are_made_of_is_another():
    """A resident build remembers an entity's or an event's statements by the objects they are made
    of: a participant merged again (another object, here with another label) makes the event's
    statements again, and the entity's."""
    articles, _ = read_corpus(SEEDS)
    records = extract_records(articles, article_keys(articles, None), None, None, None)[0]
    entities = merge_entities(records)
    events = merge_events(records, entities)
    memo = Memo()
    before = dataset_rdf(records, entities, events, memo)
    memo.end_round()
    person = next(p for ev in events for p in ev.participants if entities[p].kind == "Person")
    renamed = {**entities, person: dataclasses.replace(entities[person], label="Someone Else")}
    after = dataset_rdf(records, renamed, events, memo)
    assert after == dataset_rdf(records, renamed, events) != before
    assert after[1][EVENTS_GRAPH.value] != before[1][EVENTS_GRAPH.value]


def test_a_store_changed_behind_the_builds_back_is_reloaded(tmp_path):
    src = tmp_path / "in"
    copy_seeds(src)
    out = tmp_path / "out"
    build(src, out, html=False)
    expected = _store_quads(out)
    store = ox.Store(str(out / "store"))
    store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.Literal("stray"), ox.NamedNode("urn:g")))
    store.flush()  # (written to the store's files, not only to its log)
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
