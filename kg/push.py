"""``kg push``: load the built dataset into a SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph (one per article, and the ontology graph) is sent with ``PUT ?graph=IRI``, which
replaces what an earlier push put there. A manifest graph records which graphs this project
pushed, so the article graphs of articles that no longer exist are deleted on the next push.
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .store import open_built
from .vocab import GRAPH

MANIFEST = f"{GRAPH}push-manifest"
ARTICLE_GRAPHS = f"{GRAPH}article/"
MEMBER = "http://www.w3.org/ns/prov#hadMember"
NT = "application/n-triples"


@dataclass
class PushResult:
    graphs: int
    quads: int
    deleted: list[str]

    def summary(self, endpoint: str) -> str:
        return (f"pushed {self.graphs} graphs ({self.quads} triples) to {endpoint}; "
                f"deleted {len(self.deleted)} graph{'s' if len(self.deleted) != 1 else ''} of articles no longer built")


class GraphStore:
    """A minimal SPARQL 1.1 Graph Store Protocol client (standard library only)."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None, timeout: float = 60):
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"--endpoint {endpoint!r} is not an http(s) URL of a Graph Store (e.g. http://127.0.0.1:7878/store)")
        self.endpoint = endpoint
        self.timeout = timeout
        self.headers = {}
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"

    def url(self, graph: str) -> str:
        parts = urllib.parse.urlsplit(self.endpoint)
        query = urllib.parse.parse_qsl(parts.query) + [("graph", graph)]
        return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))

    def _send(self, method: str, graph: str, body: bytes | None = None, accept: str | None = None) -> bytes | None:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = NT
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(self.url(graph), data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and method in ("GET", "DELETE"):
                return None
            detail = exc.read()[:300].decode(errors="replace").strip()
            raise KgError(f"{method} {self.url(graph)} failed: HTTP {exc.code} {exc.reason}"
                          + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KgError(f"cannot reach the Graph Store at {self.endpoint}: {reason}") from None

    def put(self, graph: str, triples: list[ox.Triple]) -> None:
        self._send("PUT", graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")

    def get(self, graph: str) -> list[ox.Triple] | None:
        data = self._send("GET", graph, accept=NT)
        if data is None:
            return None
        try:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise KgError(f"GET {self.url(graph)} did not return N-Triples: {exc}") from None

    def delete(self, graph: str) -> None:
        self._send("DELETE", graph)


def push(out_dir: Path, endpoint: str, user: str | None = None, password: str | None = None) -> PushResult:
    store = open_built(out_dir)
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in store.ox.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            graphs[q.graph_name.value].append(ox.Triple(q.subject, q.predicate, q.object))
    gs = GraphStore(endpoint, user, password)
    before = gs.get(MANIFEST) or []
    previous = {t.object.value for t in before if isinstance(t.object, ox.NamedNode) and t.predicate.value == MEMBER}
    quads = 0
    for graph in sorted(graphs):
        gs.put(graph, graphs[graph])
        quads += len(graphs[graph])
    gone = sorted(g for g in previous - set(graphs) if g.startswith(ARTICLE_GRAPHS))
    for graph in gone:
        gs.delete(graph)
    manifest = ox.NamedNode(MANIFEST)
    gs.put(MANIFEST, [ox.Triple(manifest, ox.NamedNode(MEMBER), ox.NamedNode(g)) for g in sorted(graphs)])
    return PushResult(len(graphs), quads, gone)


def register(sub) -> None:
    p = sub.add_parser("push", help="load the built graph into a SPARQL 1.1 Graph Store endpoint, one graph per article")
    p.add_argument("--endpoint", required=True, help="the Graph Store URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--out", default="output", help="the build's output folder (default: output)")
    p.add_argument("--user", default=None, help="HTTP basic auth user (optional)")
    p.add_argument("--password", default=None, help="HTTP basic auth password (optional)")

    def _run(args) -> int:
        result = push(Path(args.out), args.endpoint, args.user, args.password)
        print(result.summary(args.endpoint))
        return 0

    p.set_defaults(func=_run)
