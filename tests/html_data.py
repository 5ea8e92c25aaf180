"""A small hand-made dataset for the HTML and export tests, built with the real graph code
(kg.graph.dataset_quads): two articles whose names, titles and sentences carry markup, and a
large synthetic graph."""
from __future__ import annotations

from kg.graph import dataset_quads
from kg.records import ArticleRecord, EntityInfo, Event, EventReport
from kg.store import Store

XSS_NAME = "Foreign Minister <img src=x onerror=window.__xss=1>"
XSS_ALIAS = "<script>window.__xss=2</script>"
XSS_TITLE = "<b>Talks</b> & <img src=x onerror=window.__xss=3> report"
XSS_SENTENCE = 'Evil met Xi in Moscow.</script><script>window.__xss=4</script><svg onload="window.__xss=5">'
XSS_PLACE = "Moscow <iframe src=javascript:window.__xss=6>"


def _entities() -> dict[str, EntityInfo]:
    return {
        "person:evil": EntityInfo("person:evil", "Person", XSS_NAME, {XSS_NAME, XSS_ALIAS}, represents="russia",
                                  roles={"Foreign Minister <i>x</i>"}),
        "xi": EntityInfo("xi", "Person", "Xi Jinping", {"Xi Jinping", "Xi"}, wikidata="Q15031", represents="china"),
        "russia": EntityInfo("russia", "Country", "Russia", {"Russia"}, wikidata="Q159"),
        "china": EntityInfo("china", "Country", "China", {"China"}, wikidata="Q148"),
        "moscow": EntityInfo("moscow", "Place", XSS_PLACE, {XSS_PLACE}, country="russia"),
        "sco": EntityInfo("sco", "Organization", "Shanghai Cooperation Organisation", {"SCO"}),
    }


def hostile_dataset():
    """(records, entities, events) of two articles reporting one meeting, plus a phone call and a summit."""
    ents = _entities()
    meet = [EventReport(a, "Meeting", ["person:evil", "xi"], XSS_SENTENCE, 10, 80, date="2023-03-21",
                        location="moscow", confidence=0.9) for a in ("a1", "a2")]
    call = EventReport("a2", "PhoneCall", ["xi", "russia"], "Xi phoned Moscow & <b>talked</b>.", 100, 140,
                       date="2022-06", confidence=0.6)
    summit = EventReport("a1", "Summit", ["sco", "china", "russia"], "The SCO summit was held.", 200, 230,
                         date="2024", confidence=0.7, label="SCO summit")
    events = [
        Event("meeting-2023-03-21", "Meeting", ["person:evil", "xi"], "2023-03-21", "moscow", False, 0.9, None, meet),
        Event("call-2022-06", "PhoneCall", ["xi", "russia"], "2022-06", None, False, 0.6, None, [call]),
        Event("summit-2024", "Summit", ["sco", "china", "russia"], "2024", None, False, 0.7, "SCO summit", [summit]),
    ]
    records = [
        ArticleRecord("a1", "a1.txt", "0" * 64, "2023-03-22", XSS_TITLE, "Agency <u>A</u>", "javascript:window.__xss=7",
                      {k: ents[k] for k in ("person:evil", "xi", "moscow", "sco", "china", "russia")}, [meet[0], summit]),
        ArticleRecord("a2", "a2.txt", "1" * 64, "2023-03-23", None, None, "https://example.org/a2",
                      {k: ents[k] for k in ("person:evil", "xi", "moscow", "russia")}, [meet[1], call]),
    ]
    return records, ents, events


def hostile_store() -> Store:
    store = Store()
    store.load(dataset_quads(*hostile_dataset()))
    return store


def big_dataset(n_events: int = 600, n_people: int = 120):
    """Many events among many people: event i has 1 + i % 7 reports."""
    records, ents, _ = hostile_dataset()
    people = {f"p{i}": EntityInfo(f"p{i}", "Person", f"Person {i}", {f"Person {i}"}) for i in range(n_people)}
    ents = {**ents, **people}
    events = []
    for i in range(n_events):
        who = [f"p{i % n_people}", f"p{(i * 7 + 1) % n_people}"]
        reports = [EventReport(f"a{1 + j % 2}", "Meeting", who, f"Sentence {i}.{j}.", j * 10, j * 10 + 5,
                               date=f"20{10 + i % 14}-0{1 + i % 9}") for j in range(1 + i % 7)]
        events.append(Event(f"ev{i}", "Meeting", who, reports[0].date, None, False, 0.5, None, reports))
    for rec in records:
        rec.entities = {**rec.entities, **people}
    return records, ents, events

# the nodes the page draws: events, and whatever an edge of the page touches
DRAWN = """
SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
  { ?n a/rdfs:subClassOf* dip:Event }
  UNION { ?n dip:participant|dip:location|dip:partOf|dip:represents|dip:country ?x }
  UNION { ?x dip:participant|dip:location|dip:partOf|dip:represents|dip:country ?n }
}"""
