"""Bad input, nothing lost: a folder with every kind of bad file plus two good articles builds;
the good articles are in the graph, each bad file is reported with its name and the reason, and
the same article under two names is recognised."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from conftest import ROOT, SEEDS

DIP = "https://w3id.org/dipkg/ontology#"
GOOD = sorted(SEEDS.glob("*.txt"))[:2]
LATIN1 = ("MOSCOW, March 3, 2023 (Wire) -- Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister "
          "Wang Yi in Moscow on Friday. The talks at the Café Pouchkine, Señor Müller noted, lasted two hours.\n")
UTF16 = ("BEIJING, April 4, 2023 (Wire) -- Chinese President Xi Jinping spoke with Russian President Vladimir "
         "Putin by telephone on Tuesday, the foreign ministry in Beijing said — «a warm conversation».\n")
HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Putin visits Beijing</title>"
        "<style>body{font:12px}</style><script>var ads = '<p>Buy now</p>';</script></head><body>"
        "<nav><a href=\"/\">Home</a></nav><article><h1>Putin visits Beijing</h1>"
        "<p>BEIJING, May 16, 2024 (Wire) &ndash; Russian President Vladimir Putin arrived in Beijing on Thursday "
        "for a state visit at the invitation of Chinese President Xi&nbsp;Jinping.</p>"
        "<p>The two leaders signed a joint statement on deepening their partnership.</p></article>"
        "<footer>&copy; Wire</footer></body></html>")


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-input")
    for i, path in enumerate(GOOD):
        shutil.copyfile(path, folder / f"good{i + 1}.txt")
    shutil.copyfile(GOOD[0], folder / "zz-copy-of-good1.txt")  # the same article under another name
    (folder / "empty.txt").write_bytes(b"")
    rng = random.Random(3)
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<</Type/Catalog>>\nendobj\n")
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "utf16.txt").write_bytes(UTF16.encode("utf-16"))  # with its byte order mark
    (folder / "page.txt").write_text(HTML, encoding="utf-8")
    (folder / "latin1.meta.json").write_text('{"published": "2023-03-03", "title": ', encoding="utf-8")  # cut short
    (folder / "good2.meta.json").write_text(json.dumps({"published": "2022-12-30", "publisher": 42}), encoding="utf-8")
    # 50 MB: a news paragraph, then page after page of market commentary (an archive dump, say)
    filler = ("Bilateral trade grew by a fifth, customs data showed, while shipments of grain and coal rose. "
              "Analysts in Moscow and Beijing said the yuan's share of payments kept growing. "
              "Officials expect the figures for the next quarter to be published in the autumn.\n\n").encode("utf-8")
    with open(folder / "huge.txt", "wb") as fh:
        fh.write(("MOSCOW, June 5, 2023 (Wire) -- Russian Prime Minister Mikhail Mishustin met Chinese Premier "
                  "Li Qiang in Moscow on Monday.\n\n").encode("utf-8"))
        for _ in range(50_000_000 // len(filler) + 1):
            fh.write(filler)
    return folder


@pytest.fixture(scope="module")
def built(bad_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("bad-output")
    proc = subprocess.run([sys.executable, "build.py", "--input", str(bad_folder), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    store = ox.Store()
    with open(out / "kg.trig", "rb") as fh:
        store.load(fh, format=ox.RdfFormat.TRIG)
    return proc.stdout, store


def _files(store) -> set[str]:
    rows = store.query(f"SELECT ?f WHERE {{ ?a a <{DIP}Article> ; <{DIP}sourceFile> ?f }}", use_default_graph_as_union=True)
    return {r["f"].value for r in rows}


def test_good_articles_and_readable_bad_ones_are_in_the_graph(built):
    _, store = built
    files = _files(store)
    assert {"good1.txt", "good2.txt"} <= files or {"zz-copy-of-good1.txt", "good2.txt"} <= files
    assert {"latin1.txt", "utf16.txt", "page.txt", "huge.txt"} <= files


def test_unreadable_files_are_skipped_with_their_reason(built):
    summary, store = built
    files = _files(store)
    for name, reason in (("empty.txt", "empty file"), ("binary.txt", "binary data"), ("scan.txt", "PDF")):
        assert name not in files
        hits = [line for line in summary.splitlines() if line.startswith(f"skipped: {name}: ")]
        assert len(hits) == 1 and reason in hits[0], summary
    assert "(4 skipped)" in summary  # empty, binary, PDF and the duplicate


def test_the_duplicate_is_recognised_and_read_once(built):
    summary, store = built
    files = _files(store)
    assert len({"good1.txt", "zz-copy-of-good1.txt"} & files) == 1
    hits = [line for line in summary.splitlines() if line.startswith("skipped: zz-copy-of-good1.txt: ")]
    assert len(hits) == 1 and "same text as good1.txt" in hits[0], summary


def test_decoding_caveats_are_noted(built):
    summary, store = built
    notes = [line for line in summary.splitlines() if line.startswith("note: ")]
    assert any(line.startswith("note: latin1.txt: ") and "Latin-1" in line for line in notes)
    assert any(line.startswith("note: utf16.txt: ") and "UTF-16" in line for line in notes)
    assert any(line.startswith("note: page.txt: ") and "HTML" in line for line in notes)
    assert any(line.startswith("note: huge.txt: ") and "only its first" in line for line in notes)
    # the decoded text is right: the accented words and the HTML page's title reached the graph
    texts = {r["t"].value for r in store.query(f"SELECT ?t WHERE {{ ?a <{DIP}title> ?t }}", use_default_graph_as_union=True)}
    assert "Putin visits Beijing" in texts
    evidence = " ".join(r["e"].value for r in store.query(f"SELECT ?e WHERE {{ ?x <{DIP}evidence> ?e }}",
                                                          use_default_graph_as_union=True))
    assert "Ã" not in evidence and "\ufffd" not in evidence


def test_malformed_sidecars_are_reported_and_their_articles_built(built):
    summary, store = built
    assert any(line.startswith("note: latin1.meta.json: ignored: invalid JSON") for line in summary.splitlines()), summary
    assert any(line.startswith("note: good2.meta.json: ") and "'publisher' must be a string" in line
               for line in summary.splitlines()), summary
    # good2's sidecar date was still used
    rows = list(store.query(f"""SELECT ?d WHERE {{ ?a <{DIP}sourceFile> "good2.txt" ; <{DIP}published> ?d }}""",
                            use_default_graph_as_union=True))
    assert [r["d"].value for r in rows] == ["2022-12-30"]


def test_html_page_text_is_read_without_markup(built):
    _, store = built
    rows = store.query(f"""SELECT ?e WHERE {{ ?x <{DIP}evidence> ?e . ?x <{DIP}reportedIn>|<{DIP}article> ?a .
                           ?a <{DIP}sourceFile> "page.txt" }}""", use_default_graph_as_union=True)
    evidence = [r["e"].value for r in rows]
    assert evidence, "no event was read from the HTML page"
    assert not any("<" in e or "&nbsp;" in e or "Buy now" in e for e in evidence)
