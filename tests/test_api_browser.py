"""g.show() in a real browser: the inline iframe draws the graph, offline, with no script error."""
from __future__ import annotations

import os
import shutil

import pytest

from kg import KnowledgeGraph

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_inline_graph_draws_in_its_iframe(seeds_output, tmp_path):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is missing, but CI installs it")
        pytest.skip("no chromium: `apt-get install -y chromium`")
    playwright = pytest.importorskip("playwright.sync_api")
    view = KnowledgeGraph.open(seeds_output).show(participant="Xi Jinping", height=500)
    outer = tmp_path / "notebook.html"
    outer.write_text(f"<!doctype html><html><body><p>a notebook cell</p>{view.data}</body></html>", encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
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
            browser.close()
