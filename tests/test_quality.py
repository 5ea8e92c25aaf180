"""Extraction quality, measured by the project's scorer (../shared/eval) on the seeds and the dev corpus.

The thresholds are the figures reached so far: they may only go up."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build

from conftest import SEEDS, shared_path

# measured: seeds 0.997 (entities 1.00, events 1.00, relations 1.00, attributes 0.98, merging 1.00);
# dev 1.000 (every area 1.00)
SEEDS_MIN = {"overall": 0.99, "entities": 0.95, "events": 0.95, "relations": 0.95, "attributes": 0.95, "merging": 0.95}
DEV_MIN = {"overall": 0.99, "entities": 0.95, "events": 0.95, "relations": 0.95, "attributes": 0.95, "merging": 0.95}
# articles written by annotators who never saw the code (tests/data/heldout/README.md): overall
# a 0.953, b 0.929, c 0.900, d 0.945, e 0.887, f 0.868, g 0.852, h 0.959, i 0.884, j 0.880, k 0.855,
# l 0.874, m 0.857, n 0.878, o 0.911, p 0.777, q 0.829, r 0.820, s 0.806, t 0.796, u 0.812, v 0.824
# (a-c 0.789, 0.775, 0.810 before the rules a and b prompted; d 0.835, e 0.762, f 0.746, g 0.759
# before those d, f and g prompted; scored blind before they were read: h 0.809, i 0.781, j 0.813,
# l 0.826, m 0.767, n 0.719, o 0.776, p 0.730, q 0.786, r 0.694, s 0.690, t 0.725, u 0.812, v 0.817;
# c, e, k, u and v were only ever scored). The scorer varies by about 0.003.
HELDOUT = Path(__file__).parent / "data" / "heldout"
HELDOUT_MIN = {"a": 0.94, "b": 0.92, "c": 0.89, "d": 0.93, "e": 0.87, "f": 0.85, "g": 0.84, "h": 0.94, "i": 0.87,
               "j": 0.87, "k": 0.84, "l": 0.86, "m": 0.84, "n": 0.87, "o": 0.90, "p": 0.76, "q": 0.81, "r": 0.80,
               "s": 0.79, "t": 0.80, "u": 0.80, "v": 0.81, "w": 0.75, "x": 0.83, "y": 0.86, "z": 0.85}


def score(graph: Path, gold: Path) -> dict:
    scorer = shared_path("eval", "score.py")
    out = subprocess.run([sys.executable, str(scorer), "--graph", str(graph), "--gold", str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def figures(report: dict) -> dict:
    return {"overall": report["overall"], "entities": report["entities"]["f1"], "events": report["events"]["f1"],
            "relations": report["relations"]["f1"], "attributes": report["attributes"]["accuracy"],
            "merging": report["merging"]["score"]}


def test_seeds_score(seeds_output):
    report = score(seeds_output / "kg.trig", shared_path("eval", "gold", "seeds.json"))
    got = figures(report)
    low = {k: round(v, 3) for k, v in got.items() if v < SEEDS_MIN[k]}
    assert not low, f"below the seeds thresholds: {low}; misses: {report['events']['missed']}"


def test_dev_score(dev_output):
    report = score(dev_output / "kg.trig", shared_path("corpus", "dev", "gold.json"))
    got = figures(report)
    low = {k: round(v, 3) for k, v in got.items() if v < DEV_MIN[k]}
    assert not low, f"below the dev thresholds: {low}; misses: {report['events']['missed']}"


@pytest.mark.parametrize("name", sorted(HELDOUT_MIN))
def test_heldout_score(name, tmp_path):
    build(HELDOUT / name, tmp_path / "out", html=False, validate=False)
    report = score(tmp_path / "out" / "kg.trig", HELDOUT / name / "gold.json")
    assert report["overall"] >= HELDOUT_MIN[name], (
        f"held-out {name}: overall {report['overall']:.3f} < {HELDOUT_MIN[name]}; missed: {report['events']['missed']}")


def test_seeds_and_dev_together_merge_shared_events(tmp_path):
    """The events both corpora describe become single nodes reported in articles of each."""
    both = tmp_path / "in"
    both.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, both / f.name)
    for f in shared_path("corpus", "dev").iterdir():
        if f.suffix in (".txt", ".json") and f.name != "gold.json":
            shutil.copy(f, both / f.name)
    build(both, tmp_path / "out", html=False)
    import pyoxigraph as ox
    store = ox.Store()
    with open(tmp_path / "out" / "kg.trig", "rb") as fh:
        store.load(fh, format=ox.RdfFormat.TRIG)
    q = """
    PREFIX dip: <https://w3id.org/dipkg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?e (GROUP_CONCAT(DISTINCT ?file; separator=" ") AS ?files) WHERE {
      ?e dip:date ?d ; dip:participant ?p1, ?p2 ; dip:reportedIn/dip:sourceFile ?file .
      ?p1 rdfs:label ?n1 . ?p2 rdfs:label ?n2 .
      FILTER(STRSTARTS(STR(?d), ?day) && ?n1 = ?a && ?n2 = ?b)
      VALUES (?day ?a ?b) { ("2021-12-15" "Vladimir Putin" "Xi Jinping") ("2022-12" "Dmitry Medvedev" "Xi Jinping")
                            ("2022-09" "Vladimir Putin" "Xi Jinping") }
    } GROUP BY ?e"""
    rows = [(r["e"].value, set(r["files"].value.split())) for r in store.query(q, use_default_graph_as_union=True)]
    def merged(seed_file: str, dev_file: str) -> bool:
        return any(seed_file in files and dev_file in files for _, files in rows)
    assert merged("001_55d76bbde0eb07c5.txt", "02_video_call_readout_dec2021.txt"), rows
    assert merged("004_2f731378bc99be56.txt", "09_medvedev_beijing.txt"), rows
    assert merged("001_55d76bbde0eb07c5.txt", "07_samarkand_wire.txt"), rows
