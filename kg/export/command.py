"""``kg export --format graphml|gexf|jsonld|html --out FILE [--graph output]``: the built graph in
another format."""
from __future__ import annotations

from pathlib import Path

from .formats import FORMATS, export


def register(sub) -> None:
    p = sub.add_parser("export", help="write the built graph as GraphML, GEXF, JSON-LD or an interactive HTML page")
    p.add_argument("--format", required=True, choices=FORMATS, help="graphml, gexf (networkx: label, type, date; "
                   "edges: relation), jsonld (the RDF dataset) or html (the interactive page)")
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--graph", default="output", help="the build's output folder to read (default: output)")
    p.add_argument("--union", action="store_true", help="jsonld: every triple in one graph instead of one graph per article")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from ..store import open_built

    store = open_built(Path(args.graph))
    path = export(store, args.format, Path(args.out), union=args.union)
    print(f"wrote {path}")
    return 0
