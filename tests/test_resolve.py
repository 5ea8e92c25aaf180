"""Merging across articles (kg.resolve), on articles written for the tests."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kg.corpus import Article
from kg.dates import Reference
from kg.extract.pipeline import build_pipeline, extract
from kg.resolve import merge_entities, merge_events


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def record(nlp, name: str, text: str, day: str):
    ref = Reference(dt.date.fromisoformat(day), False, ())
    art = Article(id=name, source_file=f"{name}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                  published=day, reference=ref)
    return extract(art, nlp)


def test_a_summit_is_one_whoever_each_article_names_at_it(nlp):
    """One article has the host at the summit, another a guest: the same gathering, one event."""
    recs = [record(nlp, "a", "Kazakh President Kassym-Jomart Tokayev opened the summit of the Shanghai Cooperation "
                             "Organisation in Astana on July 4.", "2024-07-05"),
            record(nlp, "b", "Uzbek President Shavkat Mirziyoyev arrived in Astana on Wednesday for the summit of the "
                             "Shanghai Cooperation Organisation on July 4.", "2024-07-03")]
    events = merge_events(recs, merge_entities(recs))
    summits = [e for e in events if e.kind == "Summit"]
    assert len(summits) == 1, [(e.date, e.participants, e.articles) for e in summits]
    assert summits[0].articles == ["a", "b"]
    assert {"kassym-jomart-tokayev", "shavkat-mirziyoyev"} <= set(summits[0].participants)


def test_an_organizations_ministers_meeting_is_not_its_leaders_summit():
    from kg.records import EventReport, gathering_key
    leaders = EventReport(article="a", kind="Summit", participants=["sco"], evidence="", start=0, end=0,
                          organization="sco", label="SCO summit")
    ministers = EventReport(article="b", kind="Summit", participants=["sco"], evidence="", start=0, end=0,
                            organization="sco", label="SCO foreign ministers' meeting")
    assert gathering_key(leaders) == "sco" and gathering_key(ministers) == "sco foreign ministers'"


def test_two_days_of_one_summit_are_one_summit_dated_by_its_first(nlp):
    """One article has the summit opening on Wednesday, another its second day, Thursday."""
    recs = [record(nlp, "a", "The summit of the Shanghai Cooperation Organisation opened in Astana on Wednesday.", "2024-07-03"),
            record(nlp, "b", "Tokayev chaired the second day of the SCO summit in Astana on Thursday.", "2024-07-05")]
    events = merge_events(recs, merge_entities(recs))
    summits = [e for e in events if e.kind == "Summit"]
    assert [(e.date, e.articles) for e in summits] == [("2024-07-03", ["a", "b"])]


def test_the_people_who_signed_a_document_take_part_in_it_without_keeping_it_apart(nlp):
    """One article names who signed the treaty, another only its parties: one agreement, with both
    countries and both signatories as its participants."""
    recs = [record(nlp, "a", "Kazakh President Kassym-Jomart Tokayev and Uzbek President Shavkat Mirziyoyev signed a "
                             "Treaty on Allied Relations in Tashkent on Monday.", "2024-06-10"),
            record(nlp, "b", "Kazakhstan and Uzbekistan signed a Treaty on Allied Relations in Tashkent on June 10.",
                   "2024-06-12")]
    events = merge_events(recs, merge_entities(recs))
    docs = [e for e in events if e.kind == "Agreement"]
    assert [(e.date, e.articles) for e in docs] == [("2024-06-10", ["a", "b"])]
    assert {"kazakhstan", "uzbekistan", "kassym-jomart-tokayev", "shavkat-mirziyoyev"} <= set(docs[0].participants)


def test_a_deal_between_companies_is_also_one_between_their_countries(nlp):
    """One article names the companies that signed a contract, another only their countries: one agreement."""
    recs = [record(nlp, "a", "Rosatom and CNNC signed an agreement on fuel supplies in Shanghai on Monday.", "2024-06-10"),
            record(nlp, "b", "Russia and China signed an agreement on fuel supplies in Shanghai on June 10.", "2024-06-12")]
    events = merge_events(recs, merge_entities(recs))
    docs = [e for e in events if e.kind == "Agreement"]
    assert [(e.date, e.articles) for e in docs] == [("2024-06-10", ["a", "b"])], [(e.participants, e.articles) for e in docs]
    assert {"rosatom", "cnnc", "russia", "china"} <= set(docs[0].participants)
