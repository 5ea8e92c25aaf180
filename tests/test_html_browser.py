"""The HTML page in a real browser: headless Chromium (Debian's, /usr/bin/chromium) driven by
Playwright, opened from file:// with every other request aborted.

Skipped with a reason where Chromium or Playwright is missing; failing instead when CI is set
(CI installs Chromium)."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from kg.export.html import write_html
from kg.store import Store, open_built

try:  # tests/ as a package, or as a folder on sys.path
    from .html_data import DRAWN, XSS_ALIAS, XSS_NAME, XSS_PLACE, XSS_SENTENCE, XSS_TITLE, big_dataset, hostile_store
except ImportError:
    from html_data import DRAWN, XSS_ALIAS, XSS_NAME, XSS_PLACE, XSS_SENTENCE, XSS_TITLE, big_dataset, hostile_store

pytestmark = pytest.mark.browser  # the browser fixture is in conftest.py

ROOT = Path(__file__).resolve().parent.parent
ENTITY_KINDS = ("Person", "Country", "Organization", "Place")


class Opened:
    """A page opened from a file, with what went wrong on it."""

    def __init__(self, browser, path: Path, timeout: float = 20, bypass_csp: bool = False):
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.route("**/*", self._route)
        t0 = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.until("window.dipkg && window.dipkg.ready === true", timeout=timeout)
        self.seconds = time.perf_counter() - t0

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def until(self, expr: str, arg=None, timeout: float = 10) -> None:
        """Wait until ``expr`` is true (polling with evaluate: the page's CSP forbids the eval
        that wait_for_function polls with)."""
        end = time.perf_counter() + timeout
        while not self.js(expr, arg):
            if time.perf_counter() > end:
                raise AssertionError(f"still false after {timeout} s: {expr}")
            time.sleep(0.05)

    def selected(self, node_id: str) -> None:
        self.until("id => window.dipkg.network.getSelectedNodes()[0] === id", node_id)

    def visible(self) -> list[str]:
        return self.js("window.dipkg.visibleIds()")

    def drawn(self) -> int:
        return self.js("window.dipkg.network.body.nodeIndices.length")

    def node_point(self, node_id: str) -> dict:
        """Centre the camera on a node (without selecting it) and return its place on the screen."""
        return self.js("""id => {
            const net = window.dipkg.network;
            net.moveTo({position: net.getPositions([id])[id], scale: 1.5, animation: false});
            const d = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.querySelector('#graph canvas').getBoundingClientRect();
            return {x: r.left + d.x, y: r.top + d.y, hit: net.getNodeAt(d)};
        }""", node_id)

    def click_node(self, node_id: str) -> None:
        p = self.node_point(node_id)
        assert p["hit"] == node_id, f"another node lies over {node_id}"
        self.page.mouse.click(p["x"], p["y"])
        self.selected(node_id)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def _open(path: Path, **kw) -> Opened:
        pages.append(Opened(browser, path, **kw))
        return pages[-1]

    yield _open
    for p in pages:
        p.close()


def _clean(page: Opened) -> None:
    assert page.errors == []
    assert page.requests == []  # the page asked for nothing beyond its own file


@pytest.fixture(scope="module")
def seeds_store(seeds_output) -> Store:
    store = Store()
    store.load_trig(seeds_output / "kg.trig")
    return store


def test_seeds_graph_draws_offline(opened, seeds_output, seeds_store, tmp_path):
    page = opened(seeds_output / "graph.html")
    count = int(next(iter(seeds_store.query(DRAWN)))["c"].value)
    assert count > 20
    assert len(page.visible()) == page.drawn() == count
    assert page.seconds < 15
    positions = page.js("window.dipkg.network.getPositions()")
    page.page.wait_for_timeout(500)
    assert not page.js("window.dipkg.network.physics.physicsEnabled")  # settled, then still
    assert page.js("window.dipkg.network.getPositions()") == positions
    kinds = page.js("[...document.querySelectorAll('#filters input[data-kind]')].map(i => i.dataset.kind)")
    assert {"Person", "Country", "Organization", "Place", "VideoConference", "Meeting"} <= set(kinds)  # legend
    assert page.page.inner_text("#timeline-note").startswith("· ")
    assert page.js("document.querySelectorAll('#timeline circle.ev').length") > 5
    shot = tmp_path / "graph.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 30_000
    _clean(page)


def _video_call(store: Store) -> tuple[str, dict[str, str]]:
    """The 30 Dec 2022 Putin-Xi video call (the node with most reports) and its articles' names."""
    rows = list(store.query("""
        SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?e a/rdfs:subClassOf* dip:Meeting ; dip:date ?d ; dip:participant ?p, ?q ; dip:reportedIn ?a .
          ?p rdfs:label "Vladimir Putin" . ?q rdfs:label "Xi Jinping" . FILTER(STR(?d) = "2022-12-30")
        } GROUP BY ?e ORDER BY DESC(?n)"""))
    assert rows, "the seeds graph has no 2022-12-30 meeting of Putin and Xi"
    event = rows[0]["e"].value
    names = {r["a"].value: (r["t"] or r["f"]).value for r in store.query(f"""
        SELECT DISTINCT ?a ?t ?f WHERE {{ <{event}> dip:reportedIn ?a . ?a dip:sourceFile ?f OPTIONAL {{ ?a dip:title ?t }} }}""")}
    return event, names


def test_clicking_the_video_call_shows_every_source(opened, seeds_output, seeds_store):
    event, articles = _video_call(seeds_store)
    assert len(articles) >= 3
    sentences = {r["a"].value: r["s"].value for r in seeds_store.query(f"""
        SELECT ?a ?s WHERE {{ <{event}> dip:attestation ?t . ?t dip:article ?a ; dip:evidence ?s }}""")}
    page = opened(seeds_output / "graph.html")
    p = page.node_point(event)
    page.page.mouse.move(p["x"], p["y"])  # hovering: the summary, with the first sources
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.page.inner_text("div.vis-tooltip")
    assert f"Reported by {len(articles)} articles" in tip and "Vladimir Putin" in tip and "2022-12-30" in tip
    assert any(name in tip for name in articles.values())
    page.click_node(event)  # clicking: every source with its sentences
    details = page.page.locator("#details")
    assert "Video call" in details.inner_text() and "2022-12-30" in details.inner_text()
    reports = page.js("[...document.querySelectorAll('#details .report')].map(r => [r.dataset.article, r.innerText])")
    assert {a for a, _ in reports} == set(articles)
    for article, text in reports:
        assert articles[article] in text
        if article in sentences:
            assert " ".join(sentences[article].split()) in " ".join(text.split())
    assert f"reported by {len(articles)} articles" in details.inner_text().lower()
    for who in ("Vladimir Putin", "Xi Jinping"):
        assert who in page.page.inner_text("#details dl")
    _clean(page)


@pytest.mark.parametrize("csp", ["with CSP", "CSP bypassed"])
def test_hostile_strings_stay_text(opened, tmp_path, csp):
    """Safe twice over: the page's CSP lets no injected script run, and even with the CSP bypassed
    the page never turns data into markup."""
    store = hostile_store()
    page = opened(write_html(store, tmp_path / "hostile.html"), bypass_csp=csp == "CSP bypassed")
    nodes = page.js("window.dipkg.data.nodes.map(n => [n.id, n.kind, n.name])")
    evil = next(i for i, k, n in nodes if n == XSS_NAME)
    meeting = next(i for i, k, n in nodes if k == "Meeting")

    # the tooltip on hover
    p = page.node_point(evil)
    page.page.mouse.move(p["x"], p["y"])
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert XSS_NAME in page.page.inner_text("div.vis-tooltip")
    # the details panel
    page.click_node(evil)
    assert page.page.inner_text("#details h3") == XSS_NAME
    assert XSS_ALIAS in page.page.inner_text("#details dl")
    page.click_node(meeting)
    text = page.page.inner_text("#details")
    for s in (XSS_TITLE, XSS_SENTENCE, XSS_PLACE, XSS_NAME):
        assert s in text
    assert page.js("[...document.querySelectorAll('#details a')].map(a => a.href)") == ["https://example.org/a2"]
    # the search results
    page.page.fill("#search", "foreign minister")
    assert XSS_NAME in page.page.inner_text("#search-results")
    page.page.press("#search", "Enter")
    page.selected(evil)
    # the timeline
    titles = page.js("[...document.querySelectorAll('#timeline title')].map(t => t.textContent)")
    assert any(XSS_NAME in t and XSS_PLACE in t for t in titles)
    # the graph's labels are the plain strings
    assert page.js("id => window.dipkg.nodes.get(id).label", evil) == XSS_NAME[:41] + "…"

    assert page.js("window.__xss") is None
    assert page.js("document.scripts.length") == 3
    assert page.js("document.querySelectorAll('img, iframe, [onerror], [onload]').length") == 0
    _clean(page)


def test_hostile_article_from_a_folder(opened, tmp_path):
    """The whole build: an article whose sidecar title and text carry markup."""
    from kg.build import build

    src = tmp_path / "in"
    src.mkdir()
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1]
    shutil.copy(seed, src / "a.txt")
    (src / "a.meta.json").write_text(json.dumps({"title": XSS_TITLE, "publisher": "<img src=x onerror=window.__xss=8>"}))
    out = tmp_path / "out"
    build(src, out)
    store = open_built(out)
    event = next(iter(store.query("SELECT ?e WHERE { ?e dip:reportedIn ?a } ORDER BY ?e LIMIT 1")))["e"].value
    page = opened(out / "graph.html")
    page.click_node(event)
    assert XSS_TITLE in page.page.inner_text("#details .report")
    assert page.js("window.__xss") is None
    assert page.js("document.querySelectorAll('img, iframe, [onerror], [onload]').length") == 0
    _clean(page)


def test_filters_search_and_timeline(opened, seeds_output):
    page = opened(seeds_output / "graph.html")
    kind = dict(page.js("window.dipkg.data.nodes.map(n => [n.id, n.kind])"))
    date = dict(page.js("window.dipkg.data.nodes.map(n => [n.id, n.date || null])"))
    everything = set(page.visible())
    persons = {i for i, k in kind.items() if k == "Person"}

    page.page.uncheck("#filters input[data-kind=Person]")
    assert set(page.visible()) == everything - persons
    assert page.drawn() == len(everything - persons)
    page.page.check("#filters input[data-kind=Person]")
    assert set(page.visible()) == everything

    page.page.uncheck("#filters input[data-kind=VideoConference]")
    assert not {i for i in page.visible() if kind[i] == "VideoConference"}
    assert page.js("document.getElementById('all-events').indeterminate")
    page.page.check("#all-events")
    assert set(page.visible()) == everything
    page.page.uncheck("#all-events")
    shown = set(page.visible())
    assert shown and all(kind[i] in ENTITY_KINDS for i in shown)
    page.page.click("#reset")
    assert set(page.visible()) == everything

    page.page.fill("#date-from", "2023-01-01")
    page.page.dispatch_event("#date-from", "change")
    page.page.uncheck("#undated")
    dated = {i for i in page.visible() if date.get(i)}
    assert dated and all(date[i] >= "2023" for i in dated)
    assert not {i for i in page.visible() if kind[i] not in ENTITY_KINDS and not date[i]}
    page.page.click("#reset")

    target = next(i for i, k in kind.items() if k == "Place")
    name = page.js("id => window.dipkg.data.nodes.find(n => n.id === id).name", target)
    page.page.fill("#search", name.lower()[:5])
    assert name in page.page.inner_text("#search-results")
    page.page.fill("#search", name)
    page.page.press("#search", "Enter")
    page.selected(target)
    assert page.page.inner_text("#details h3") == name

    circle = page.page.locator("#timeline circle.ev").first
    event = circle.get_attribute("data-id")
    circle.click()
    page.selected(event)
    assert page.js("id => window.dipkg.data.nodes.find(n => n.id === id).name", event) == page.page.inner_text("#details h3")
    assert page.js("document.querySelector('#timeline circle.selected').dataset.id") == event
    _clean(page)


def test_large_graph_opens_on_a_bounded_view(opened, tmp_path):
    from kg.export.html import render_html
    from kg.graph import dataset_quads

    store = Store()
    store.load(dataset_quads(*big_dataset(n_events=1200, n_people=300)))
    path = tmp_path / "big.html"
    path.write_text(render_html(store, max_nodes=200), encoding="utf-8")
    page = opened(path)
    total = page.js("window.dipkg.data.nodes.length")
    assert total > 1400
    assert 100 <= len(page.visible()) <= 200
    assert page.seconds < 15
    page.page.click("#scope")
    page.until(f"window.dipkg.visibleIds().length === {total}")
    page.until("!window.dipkg.network.physics.physicsEnabled", timeout=30)
    assert page.drawn() == total
    _clean(page)
