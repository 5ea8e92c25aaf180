"""g.show() in a real browser: the inline iframe draws the graph, offline, with no script error."""
from __future__ import annotations

import pytest

from kg import KnowledgeGraph

pytestmark = pytest.mark.browser  # the browser fixture is in conftest.py


def test_inline_graph_draws_in_its_iframe(seeds_output, tmp_path, browser):
    view = KnowledgeGraph.open(seeds_output).show(participant="Xi Jinping", height=500)
    outer = tmp_path / "notebook.html"
    outer.write_text(f"<!doctype html><html><body><p>a notebook cell</p>{view.data}</body></html>", encoding="utf-8")
    page = browser.new_page()
    try:
        errors, requests = [], []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "about:"))
                   else (requests.append(route.request.url), route.abort()))
        page.goto(outer.as_uri())
        frame = next(f for f in page.frames if f != page.main_frame)
        frame.wait_for_selector("canvas", timeout=15000)
        assert "Xi Jinping" in frame.title()  # the filtered page, titled by its filter
        assert frame.evaluate("document.querySelector('canvas').width") > 0
        assert errors == [] and requests == []
    finally:
        page.close()
