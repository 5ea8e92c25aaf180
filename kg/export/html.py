"""The interactive graph as one self-contained HTML page: vis-network (from pyvis) inlined, the
graph as JSON data, and a small page (graph_template.html, graph.css, graph.js next to this file).

What is drawn comes from the store (kg.export.elements; a resident build patches it, see
``write_html``). Article text is data, never markup: the JSON is escaped so it cannot close its
<script> element, and graph.js builds the DOM with textContent.
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import json
import re
from importlib import resources
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox

from ..store import Store
from ..vocab import EVENT_KINDS
from .elements import DEFAULT_MAX_NODES, RELATIONS, STYLES, ElementsMemo, add_layout, core_nodes, graph_elements

__all__ = ["DEFAULT_MAX_NODES", "RELATIONS", "STYLES", "ElementsMemo", "core_nodes", "graph_elements", "render_html",
           "write_html"]
HERE = Path(__file__).parent


def _elements(source, max_nodes: int) -> dict:
    if isinstance(source, dict):
        if "layout" not in source:
            source = dict(source)
            add_layout(source)
        return source
    if isinstance(source, ox.Store):
        wrapped = Store()
        wrapped.ox = source
        source = wrapped
    if hasattr(source, "query"):
        return graph_elements(source, max_nodes)
    raise TypeError(f"render_html needs a kg.store.Store or the dict from graph_elements(), not {type(source).__name__}")


def _json_for_script(data) -> str:
    """JSON that cannot end its <script> element nor start markup: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _page_json(data: dict, fragments: dict | None) -> str:
    """``_json_for_script(data)``, with the text of each node, edge and article taken from
    ``fragments`` where that very object was written before (a resident build's nodes are new
    objects when they change, so the text of the others can be kept). JSON is written piece by
    piece the same as whole, escapes included."""
    if fragments is None:
        return _json_for_script(data)
    parts = []
    for name, value in data.items():
        if name in ("nodes", "edges"):
            body = "[" + ",".join(_cached(fragments.setdefault(name, {}), value)) + "]"
        elif name == "articles":
            body = "{" + ",".join(_cached(fragments.setdefault(name, {}), value.values(), list(value))) + "}"
        else:
            body = _json_for_script(value)
        parts.append(_json_for_script(name) + ":" + body)
    return "{" + ",".join(parts) + "}"


def _cached(cache: dict, objects, keys: list | None = None) -> list[str]:
    """The JSON text of each of ``objects`` (preceded by its key's, ``"key":``, when ``keys`` are
    given), from ``cache`` (id -> (object, key, text)) where written before, and added to it. The
    objects no longer written are forgotten once they are as many as those that are."""
    out = []
    for key, obj in zip(keys if keys is not None else repeat(None), objects):
        hit = cache.get(id(obj))
        if hit is None or hit[0] is not obj or hit[1] != key:
            text = _json_for_script(obj) if key is None else _json_for_script(key) + ":" + _json_for_script(obj)
            hit = cache[id(obj)] = obj, key, text
        out.append(hit[2])
    if len(cache) > 2 * len(out):
        live = {id(obj) for obj in objects}
        for gone in [i for i in cache if i not in live]:
            del cache[gone]
    return out


def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _vis_js() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(store_or_graph_elements, title: str = "dipkg: Russia–China diplomatic events",
                max_nodes: int = DEFAULT_MAX_NODES, fragments: dict | None = None) -> str:
    """The complete self-contained page as a string (writes nothing). ``store_or_graph_elements`` is
    a kg.store.Store, a pyoxigraph.Store, or the dict returned by ``graph_elements``. ``fragments``:
    the JSON text of the nodes, edges and articles of earlier pages, by object (``_page_json``;
    ElementsMemo.fragments), for objects not changed since they were written."""
    data = dict(_elements(store_or_graph_elements, max_nodes))
    data["styles"] = {k: {"name": n, "color": c, "shape": s, "event": k in EVENT_KINDS} for k, (n, c, s) in STYLES.items()}
    data["relations"] = {k: {"name": n, "color": c} for k, (n, c) in RELATIONS.items()}
    data["title"] = title
    vis_js, vis_css = _vis_js()
    vis_js = vis_js.replace("</script", "<\\/script")
    app_js = _asset("graph.js")
    # only these two scripts may run: no inline handler, no injected script, no network
    csp = (f"default-src 'none'; script-src {_sha(vis_js)} {_sha(app_js)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:")
    parts = {"TITLE": htmlmod.escape(title), "CSP": htmlmod.escape(csp, quote=False), "VIS_CSS": vis_css, "CSS": _asset("graph.css"),
             "DATA": _page_json(data, fragments), "VIS_JS": vis_js, "APP_JS": app_js}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], _asset("graph_template.html"))


def write_html(store: Store, path: Path, memo: ElementsMemo | None = None, touched: set[str] | None = None,
               **kwargs) -> Path:
    """Write the page to ``path`` (atomically) and return the path. ``memo``: a resident build's
    ElementsMemo, which reads back only what ``touched`` (the IRIs the build's changes to the store
    named; None: unknown) can change; the page is the same as without it."""
    path = Path(path)
    if memo is not None:
        store = memo.update(store, touched, kwargs.get("max_nodes", DEFAULT_MAX_NODES))
        kwargs["fragments"] = memo.fragments
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(store, **kwargs), encoding="utf-8")
    tmp.replace(path)
    return path
