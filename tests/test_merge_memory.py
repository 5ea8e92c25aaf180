"""A resident build's merge (kg.resolve.MergeMemory): it merges again only the entities of the
records added or removed, and replays the last merge's decisions where what a report read is
unchanged; it must give exactly the merge from scratch, whatever changed."""
from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import pytest

from kg import resolve
from kg.corpus import read_corpus
from kg.extract.pipeline import build_pipeline, extract
from kg.records import ArticleRecord, EntityInfo, EventReport
from kg.resolve import MergeMemory, article_word_counts, merge_entities, merge_events

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Records of a synthetic corpus (bench/synth.py: events told several times, by people of a
    gazetteer-sized world) and of the held-out corpora, with their articles' word counts."""
    sys.path.insert(0, str(ROOT))  # (bench/ is not installed with kg)
    from bench import synth
    folder = tmp_path_factory.mktemp("synth")
    synth.generate(240, folder, seed=11)
    folders = [folder] + sorted(p for p in (ROOT / "tests" / "data" / "heldout").iterdir() if p.is_dir())
    nlp = build_pipeline()
    records = []
    for i, sub in enumerate(folders):
        for a in read_corpus(sub)[0]:
            rec = extract(a, nlp)
            rec.id = f"{i:02d}/{rec.id}"  # ids unique across the corpora
            for r in rec.events:
                r.article = rec.id
            records.append(rec)
    words = {rec.id: article_word_counts(" ".join(r.evidence for r in rec.events)) for rec in records}
    return records, words


def merge(records, words, memory=None):
    """(entities, events) of the records, remembering in ``memory`` if given."""
    entities = merge_entities(records, memory.entities if memory is not None else None)
    return entities, merge_events(records, entities, words, memory)


def with_other_date(rec):
    """The record of the same article with its events on another day (an article edited: new objects)."""
    out = copy.deepcopy(rec)
    for r in out.events:
        if r.date and len(r.date) == 10:
            r.date = r.date[:8] + ("02" if r.date[8:] == "01" else "01")
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replayed_merges_equal_merges_from_scratch(corpus, seed):
    """Articles added, removed and edited a few at a time: each replayed merge is the merge from
    scratch of the same records."""
    records, words = corpus
    rng = random.Random(seed)
    pool = list(records)
    current = [r for r in pool if rng.random() < 0.8]
    memory = MergeMemory()
    decided, reports = [], []
    for _ in range(12):
        assert merge(current, words, memory) == merge(current, words)
        decided.append(memory.decided)
        reports.append(sum(len(rec.events) for rec in current))
        present = {id(r) for r in current}
        missing = [r for r in pool if id(r) not in present]
        current += rng.sample(missing, min(len(missing), rng.randint(1, 4)))
        for _ in range(rng.randint(0, 3)):
            current.pop(rng.randrange(len(current)))
        if rng.random() < 0.5:
            i = rng.randrange(len(current))
            current[i] = with_other_date(current[i])
        current.sort(key=lambda rec: rec.id)
    assert decided[0] == reports[0]  # nothing to replay the first time
    assert all(d < n / 4 for d, n in zip(decided[1:], reports[1:])), (decided, reports)  # then most decisions are replayed


def test_one_article_added_is_decided_with_what_it_touches(corpus):
    records, words = corpus
    memory = MergeMemory()
    merge(records[1:], words, memory)
    everything = sum(len(rec.events) for rec in records)
    assert memory.decided == everything - len(records[0].events)  # nothing to replay the first time
    assert merge(records, words, memory) == merge(records, words)
    assert len(records[0].events) <= memory.decided < everything / 10


def test_a_watcher_whose_articles_keep_changing_keeps_its_memory_bounded(corpus, monkeypatch):
    """A few articles at a time, each set replaced by the next (a watched folder of a rolling news
    feed): the index cells of the articles gone are forgotten, so the memory stays proportional to
    the articles there; every merge is still the merge from scratch."""
    monkeypatch.setattr(resolve, "MIN_CELLS", 0)
    records, words = corpus
    memory = MergeMemory()
    windows = [records[i:i + 6] for i in range(0, 120, 6)]
    largest = 0  # the most cells a window's merge from scratch files
    for current in windows:
        assert merge(current, words, memory) == merge(current, words)
        fresh = MergeMemory()
        merge(current, words, fresh)
        largest = max(largest, len(fresh.cells))
        assert len(memory.cells) <= 3 * largest, (len(memory.cells), largest)


def test_an_entity_of_another_kind_decides_everything_again(corpus):
    """An article that makes an entity named by earlier reports another kind (so that merging
    blocks those reports differently): nothing is replayed."""
    records, words = corpus
    memory = MergeMemory()
    merge(records, words, memory)
    rec, key = next((r, p) for r in records for e in r.events for p in e.participants
                    if r.entities.get(p) and r.entities[p].kind == "Person")
    other = copy.deepcopy(rec)
    other.entities[key].kind = "Organization"
    changed = [other if r is rec else r for r in records]
    # the first record naming the entity decides its kind: put the edited one first
    changed.sort(key=lambda r: r is not other)
    assert merge(changed, words, memory) == merge(changed, words)
    assert memory.decided == sum(len(r.events) for r in changed)


def _record(article: str, people: list[str], mode: str | None):
    entities = {p: EntityInfo(p, "Person", p.title()) for p in people}
    report = EventReport(article=article, kind="Meeting", participants=people, evidence=f"{people} met.", start=0,
                         end=10, date="2020-05-10", mode=mode, reported="2020-05-11")
    return ArticleRecord(article, f"{article}.txt", article, "2020-05-11", None, None, None, entities, [report])


def test_a_report_is_decided_again_when_an_event_it_found_changed():
    """Talks of two people; a new article says they were held face to face, under one person's
    key; a report filed under the other's says by video: it no longer joins them, though nothing
    new is filed where it looks."""
    first = _record("a1", ["putin", "xi"], None)
    face_to_face = _record("a2", ["putin"], "in_person")
    by_video = _record("a3", ["xi"], "remote")
    words = {}
    memory = MergeMemory()
    before = merge([first, by_video], words, memory)[1]
    assert len(before) == 1  # the video report joined the talks
    after = merge([first, face_to_face, by_video], words, memory)
    assert after == merge([first, face_to_face, by_video], words)
    assert len(after[1]) == 2 and memory.decided == 2


def _told(article: str, represents: str | None, alias: str, wikidata: str | None = None,
          country: str | None = None) -> ArticleRecord:
    """The record of an article that tells of one person, "p", by ``alias``, as an envoy of what it
    represents."""
    roles = {f"envoy of {represents}"} if represents else set()
    info = EntityInfo("p", "Person", "P. Person", {alias}, wikidata, represents, roles, country)
    return ArticleRecord(article, f"{article}.txt", article, None, None, None, None, {"p": info}, [])


def test_an_entity_merged_article_by_article_is_the_entity_merged_at_once():
    """Articles added one at a time after an entity's first: names, roles and what it represents
    most often are added to what it was, as if all were merged at once."""
    records = [_told("a1", "russia", "Person"), _told("a2", "russia", "Person"), _told("a3", "china", "Pers."),
               _told("a4", "china", "Mr Person")]
    memory = MergeMemory().entities
    seen = []
    for n in range(1, len(records) + 1):
        merged = merge_entities(records[:n], memory)
        assert merged == merge_entities(records[:n])
        seen.append(merged["p"].represents)
    assert seen == ["russia", "russia", "russia", "china"]
    assert merged["p"].names == {"Person", "Pers.", "Mr Person"}


def test_an_entity_with_articles_removed_is_the_entity_merged_from_the_rest():
    """Articles removed one at a time (not the entity's first): names, roles and what it represents
    most often are taken from what it was by its counts; the wikidata id and country a removed
    article was first to give are looked for again in the rest."""
    records = [_told("a1", "russia", "Person"), _told("a2", "china", "Pers.", "Q1", "cn"), _told("a3", "china", "Pers."),
               _told("a4", "russia", "Mr Person", "Q2", "ru"), _told("a5", None, "Person")]
    memory = MergeMemory().entities
    assert merge_entities(records, memory) == merge_entities(records)
    assert merge_entities(records, memory)["p"].represents == "china"  # two each: the first by name
    seen = []
    for gone in ("a3", "a2", "a5", "a4"):
        records = [r for r in records if r.id != gone]
        merged = merge_entities(records, memory)
        assert merged == merge_entities(records), gone
        p = merged["p"]
        seen.append((p.represents, p.wikidata, p.country, sorted(p.names), len(p.roles)))
    assert seen == [("russia", "Q1", "cn", ["Mr Person", "Pers.", "Person"], 2),
                    ("russia", "Q2", "ru", ["Mr Person", "Person"], 1),  # Q1 and cn went with a2
                    ("russia", "Q2", "ru", ["Mr Person", "Person"], 1),
                    ("russia", None, None, ["Person"], 1)]


def test_an_entity_of_an_edited_article_is_the_entity_merged_at_once():
    """An article edited (its old record gone and a new one in its place, in one build): the old
    record's names and what it represents are taken away and the new one's added."""
    records = [_told("a1", "russia", "Person"), _told("a2", "china", "Pers."), _told("a3", "china", "Mr Person")]
    memory = MergeMemory().entities
    assert merge_entities(records, memory)["p"].represents == "china"
    records[2] = _told("a3", "russia", "Mr. Person")
    merged = merge_entities(records, memory)
    assert merged == merge_entities(records)
    assert merged["p"].represents == "russia" and merged["p"].names == {"Person", "Pers.", "Mr. Person"}


def test_an_entity_given_another_country_by_an_article_added_before_the_one_that_gave_it():
    """The country (and the Wikidata id) an entity takes is the first its articles give, in their
    order: an article added between its first and the one that gave it gives its own."""
    records = [_told("a1", None, "Place"), _told("a2", None, "Place", country="china")]
    memory = MergeMemory().entities
    assert merge_entities(records, memory)["p"].country == "china"
    records.insert(1, _told("a15", None, "Place", "Q9", country="kazakhstan"))
    merged = merge_entities(records, memory)
    assert merged == merge_entities(records)
    assert (merged["p"].country, merged["p"].wikidata) == ("kazakhstan", "Q9")
